"""The server's warm-up (centralasia/ui/warmup.py): what each step loads, when the second step runs, and that
it never takes the server down. The served behaviour is in tests/browser/test_serve.py."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import sys
import threading
from pathlib import Path

import pytest

from centralasia.settings import PROJECT_ROOT
from centralasia.ui import warmup

from ..fixtures import make_release


def _serve(body=None):
    """Enter and leave the lifespan as the server does, on a thread of its own (pytest may already run an event loop here)."""

    async def serve():
        async with warmup.lifespan(None):
            return body() if body else None

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, serve()).result(timeout=30)


@pytest.fixture
def fresh_warmup(monkeypatch):
    """Module state as in a newly started process, with thread starts and timers recorded instead of run."""
    monkeypatch.setattr(warmup, "_enabled", False)
    monkeypatch.setattr(warmup, "_rest_scheduled", False)
    monkeypatch.setattr(warmup, "_first_page_seen", False)
    started, timers = [], []
    monkeypatch.setattr(warmup, "_start", lambda step: started.append(step.__name__))
    monkeypatch.setattr(warmup, "_after", lambda seconds, action: timers.append((seconds, action)))
    return started, timers


@pytest.fixture
def catalog_root(monkeypatch, serve_releases, tmp_path):
    from centralasia.release import loader
    from centralasia.ui import data as ui_data

    root = serve_releases(tmp_path / "releases")
    make_release(root / "2030-01-01-fixture")
    calls = []
    monkeypatch.setattr(ui_data, "load_catalog", lambda path: calls.append(1) or loader.load_catalog(path))  # counts parses
    yield calls


def test_first_step_leaves_the_catalogue_compiled_for_the_first_reader(catalog_root):
    from centralasia.ui import data as ui_data

    seconds = warmup.warm_first_page()
    assert seconds > 0 and catalog_root == [1]
    catalog = ui_data.get_catalog()  # the first reader's call
    assert catalog_root == [1] and catalog.get("2030-01-01-fixture") is not None


def test_a_failing_step_logs_one_line_and_never_raises(monkeypatch, caplog):
    from centralasia.ui import data as ui_data

    def broken():
        raise ValueError("releases folder unreadable")

    monkeypatch.setattr(ui_data, "get_catalog", broken)
    with caplog.at_level(logging.INFO, logger=warmup.log.name):
        monkeypatch.setattr(warmup.log, "propagate", True)
        warmup._run(warmup.warm_first_page)
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "warm first page skipped" in record.getMessage() and "releases folder unreadable" in record.getMessage()


def test_lifespan_starts_the_first_step_and_schedules_the_second(fresh_warmup, monkeypatch):
    started, timers = fresh_warmup
    monkeypatch.delenv(warmup.WARMUP_ENV, raising=False)

    during, scheduled = _serve(lambda: (list(started), list(timers)))
    assert during == ["warm_first_page"]
    assert [s for s, _ in scheduled] == [warmup.IDLE_START_S]


def test_second_step_runs_once_whichever_comes_first(fresh_warmup, monkeypatch):
    started, timers = fresh_warmup
    monkeypatch.delenv(warmup.WARMUP_ENV, raising=False)

    _serve()
    warmup.page_served()
    warmup.page_served()  # every later page run: nothing new
    assert sorted(s for s, _ in timers) == sorted([warmup.IDLE_START_S, warmup.AFTER_FIRST_PAGE_S])
    for _, action in timers:  # both timers fire
        action()
    assert started == ["warm_first_page", "warm_other_pages"]


def test_switched_off_or_outside_a_server_it_does_nothing(fresh_warmup, monkeypatch):
    started, timers = fresh_warmup
    warmup.page_served()  # AppTest and bare runs never went through the lifespan
    monkeypatch.setenv(warmup.WARMUP_ENV, "0")

    _serve()
    warmup.page_served()
    assert started == [] and timers == []


def test_second_step_only_imports(monkeypatch):
    """It fills no cache: a cache filled in the background could outlive a data edit or a test's setup."""
    from centralasia.ui import data as ui_data

    touched = []
    for name in ("get_catalog", "get_geo", "built_chart", "get_overlay", "get_corridor_figures"):
        monkeypatch.setattr(ui_data, name, lambda *a, _n=name, **k: touched.append(_n))
    assert warmup.warm_other_pages() >= 0
    assert touched == []


def test_real_timers_and_threads_are_daemons_and_yield_the_cores():
    """A warm-up still running never keeps a stopping server alive, and never takes a core from a reader."""
    seen = []
    done = threading.Event()

    def record() -> float:
        me = threading.current_thread()
        seen.append((me.name, me.daemon, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        done.set()
        return 0.0

    warmup._after(0.0, record)
    assert done.wait(5)
    done.clear()
    warmup._start(record)
    assert done.wait(5)
    # The warm-up itself runs at the lowest priority (Linux: per thread); the timer only starts it.
    assert [s[:2] for s in seen] == [("centralasia-warmup-timer", True), ("centralasia-record", True)]
    if sys.platform == "linux":
        assert seen[1][2] == 19


def test_streamlit_run_serves_app_py_as_an_st_app():
    """`streamlit run app.py` looks for an st.App in the script (by its syntax, without running it) and then
    serves it with the warm-up; without one it would serve the script plainly and skip the warm-up."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(Path(PROJECT_ROOT / "app.py"))
    assert found.is_asgi_app and found.app_name == "app"


@pytest.mark.slow
def test_first_step_leaves_inspect_knowing_every_loaded_module():
    """Streamlit's one stack inspection per process (on the first element drawn) then costs the first reader nothing.

    In a fresh process, as in a server: inspect scans the loaded modules only when it meets a file it does not know.
    """
    import subprocess
    import sys

    code = (
        "import inspect, sys\n"
        "import streamlit\n"
        "from centralasia.ui import warmup\n"
        "warmup.warm_first_page()\n"
        "mods = [m for m in list(sys.modules.values()) if inspect.ismodule(m) and getattr(m, '__file__', None)]\n"
        "print(sum(inspect.getabsfile(m) not in inspect.modulesbyfile for m in mods), len(mods))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True)
    unknown, loaded = map(int, out.stdout.split())
    assert loaded > 500 and unknown == 0
