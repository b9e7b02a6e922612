"""The Streamlit internals the app relies on (centralasia/ui/compat.py), one test each: they fail when a Streamlit
release changes under the app. ``app.py`` as both script and ``st.App`` module is tested in test_warmup.py
(``test_streamlit_run_serves_app_py_as_an_st_app``) and in the browser (tests/browser/test_warmup.py)."""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from centralasia.settings import PROJECT_ROOT
from centralasia.ui import compat

# ----------------------------------------------------------------------------------------------- legacy pages mode

_REPORT = "from centralasia.ui import compat\nst.write('legacy' if compat.legacy_pages_mode(routed=False) else 'routed')\n"


def _run_script(folder: Path, script: str) -> AppTest:
    (folder / "app.py").write_text("import streamlit as st\n" + script, encoding="utf-8")
    at = AppTest.from_file(str(folder / "app.py"), default_timeout=30)
    return at.run()


def test_streamlit_keeps_the_legacy_pages_flag_on_its_pages_manager():
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager)


def test_a_pages_folder_without_st_navigation_is_legacy_mode(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "other.py").write_text("import streamlit as st\nst.write('other')\n", encoding="utf-8")
    at = _run_script(tmp_path, _REPORT)
    assert not at.exception
    assert [m.value for m in at.markdown] == ["legacy"]


def test_st_navigation_ends_legacy_mode(tmp_path, monkeypatch):
    """As the router does: after ``st.navigation`` the flag says the ``pages/`` folder is ignored, for every session."""
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "other.py").write_text("import streamlit as st\nst.write('other')\n", encoding="utf-8")
    at = _run_script(tmp_path, "st.navigation([st.Page(lambda: None, title='Home')], position='hidden')\n" + _REPORT)
    assert not at.exception
    assert [m.value for m in at.markdown] == ["routed"]


def test_without_a_pages_folder_it_is_not_legacy_mode(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))
    at = _run_script(tmp_path, _REPORT)
    assert [m.value for m in at.markdown] == ["routed"]


# ------------------------------------------------------------------------------------------------ hidden option


def test_post_script_gc_is_a_real_option_and_config_toml_turns_it_off():
    from streamlit import config

    option = config._config_options_template[compat.POST_SCRIPT_GC_OPTION]
    assert option.type is bool and option.default_val is True  # on unless we turn it off
    shipped = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    section, name = compat.POST_SCRIPT_GC_OPTION.split(".")
    assert shipped[section][name] is False


def test_the_script_runner_still_reads_the_option_after_each_run():
    from streamlit.runtime.scriptrunner import script_runner

    assert f'config.get_option("{compat.POST_SCRIPT_GC_OPTION}")' in inspect.getsource(script_runner)


# ------------------------------------------------------------------------------------------------ inspect's cache


def test_streamlit_inspects_the_stack_when_the_first_element_is_drawn(monkeypatch):
    """What ``warm_inspect_cache`` pays for in advance: without this call, the warm-up's step buys nothing."""
    from streamlit import delta_generator, env_util

    calls = []
    real_stack = inspect.stack
    monkeypatch.setattr(inspect, "stack", lambda *a, **k: calls.append(1) or real_stack(*a, **k))
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    delta_generator._maybe_print_use_warning()
    assert calls, "Streamlit no longer inspects the stack on the first element: drop compat.warm_inspect_cache"
    assert "inspect.stack" in inspect.getsource(env_util.is_repl)
    # That warm_inspect_cache then leaves inspect knowing every loaded module: test_warmup.py (a fresh process).


# ------------------------------------------------------------------------------------------------------ test ids


def _frontend_bundle() -> str:
    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(js.glob("*.js")))


@pytest.fixture(scope="module")
def bundle() -> str:
    return _frontend_bundle()


@pytest.mark.parametrize("name", sorted(compat.TEST_IDS))
def test_each_test_id_the_app_selects_is_in_streamlits_frontend(bundle, name):
    assert re.search(rf"[`\"']{name}[`\"']", bundle), f"Streamlit {streamlit.__version__} has no element {name!r}"


def test_test_id_builds_a_selector_and_refuses_unlisted_names():
    assert compat.test_id("stSidebar") == "[data-testid=stSidebar]"
    with pytest.raises(ValueError):
        compat.test_id("stSidebarCollapsedControl")  # gone from Streamlit's frontend (1.67): nothing may select it


def test_the_app_selects_test_ids_only_through_compat():
    """Outside compat.py no source file of the app writes ``data-testid`` itself (tests and benchmarks may)."""
    sources = [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "centralasia").rglob("*.py")]
    offenders = [
        str(p.relative_to(PROJECT_ROOT)) for p in sources if p.name != "compat.py" and "data-testid" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_app_root_still_carries_the_script_state_the_box_reporter_waits_for(bundle):
    assert compat.SCRIPT_STATE_ATTRIBUTE in bundle, f"Streamlit {streamlit.__version__} no longer marks the script state"
    assert re.search(rf"[`\"']{compat.SCRIPT_NOT_RUNNING}[`\"']", bundle)


# ------------------------------------------------------------------------------------------------ script run context


def test_in_script_run_tells_a_session_run_from_another_thread(tmp_path):
    import threading

    script = "from centralasia.ui import compat\nimport threading\nseen = []\n" \
             "t = threading.Thread(target=lambda: seen.append(compat.in_script_run())); t.start(); t.join()\n" \
             "st.write(f'run={compat.in_script_run()} thread={seen[0]}')\n"  # fmt: skip
    at = _run_script(tmp_path, script)
    assert not at.exception, at.exception
    assert at.markdown[0].value == "run=True thread=False"
    outside: list[bool] = []
    worker = threading.Thread(target=lambda: outside.append(compat.in_script_run()))
    worker.start()
    worker.join()
    assert outside == [False] and compat.in_script_run() is False
