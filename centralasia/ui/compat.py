"""Every place the app relies on Streamlit internals or undocumented behaviour, in one module.

Each piece below says why no documented API does the job, and ``tests/unit/test_compat.py`` has a test for
each that fails when a Streamlit release changes under it (run it after every upgrade). Anything a documented
API covers does not belong here: the theme is followed with a ``st.components.v2`` component and its documented
``--st-*`` theme variables (``centralasia/ui/follow_theme.py``), and page CSS targets the documented
``st-key-<key>`` classes that ``key=`` gives a container wherever it can.

``app.py`` as both page script and ``st.App`` module
    ``streamlit run app.py`` first reads ``app.py`` by its syntax (``streamlit.web.server.app_discovery``,
    without running it) for a module-level ``st.App``; finding one, it imports the file as a module and serves
    that app, whose ``lifespan`` starts the warm-up (``centralasia/ui/warmup.py``) and whose middleware serves
    ``/api/v1`` and ``<html lang>``. Every reader's script run then executes the same file as ``__main__``.
    Hence ``if __name__ == "__main__":`` (the router and frame) ``else:`` (the ``st.App``): one file, so
    Community Cloud and ``streamlit run app.py`` need no other entry point. ``st.App`` is documented; that
    the script file may also be the module holding it, picked by ``__name__``, is not. Tested by
    ``tests/unit/test_warmup.py::test_streamlit_run_serves_app_py_as_an_st_app`` and the browser warm-up test.
"""

from __future__ import annotations

import inspect

# ---------------------------------------------------------------------------------------------------------
# Legacy multipage mode ("MPA v1")
# ---------------------------------------------------------------------------------------------------------
# The users asked for page files in ``pages/``. Streamlit sees that folder at start-up and, until some session
# calls ``st.navigation``, serves its files directly, skipping ``app.py``'s frame. Documented: ``st.navigation``
# makes the app ignore ``pages/``. Not documented: how a page can tell it was served that way. Streamlit keeps
# it in the class attribute ``PagesManager.uses_pages_directory`` (None until the first session, then whether
# ``pages/`` exists; ``st.navigation`` sets it to False). Read, never written.


def legacy_pages_mode(routed: bool) -> bool:
    """True while Streamlit serves ``pages/`` files directly (its legacy multipage mode).

    ``routed``: this session has been through ``app.py``'s router. Should a future Streamlit drop the attribute
    (``test_compat`` fails then), a session that has never been through the router counts as legacy.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - layout of a future Streamlit
        PagesManager = None  # noqa: N806
    flag = getattr(PagesManager, "uses_pages_directory", None)
    return bool(flag) if flag is not None else not routed


# ---------------------------------------------------------------------------------------------------------
# Hidden config option
# ---------------------------------------------------------------------------------------------------------
# ``.streamlit/config.toml`` sets this hidden option (``visibility="hidden"`` in ``streamlit/config.py``: real,
# read by the script runner, but not in the documented list) to False. Streamlit otherwise runs a full
# ``gc.collect(2)`` after every script run: with this app's heap about 40 % of a rerun's CPU in a profile. An
# unknown option in config.toml is only a warning, so a Streamlit that drops it would silently collect again.
POST_SCRIPT_GC_OPTION = "runner.postScriptGC"


# ---------------------------------------------------------------------------------------------------------
# inspect's module cache
# ---------------------------------------------------------------------------------------------------------
def warm_inspect_cache() -> None:
    """Fill ``inspect``'s module-by-file cache now, in the warm-up, instead of in the first reader's run.

    Undocumented behaviour: once per process, when the first element is drawn, Streamlit checks whether it runs
    in a Python REPL (``delta_generator._maybe_print_use_warning`` → ``env_util.is_repl`` → ``inspect.stack()``).
    ``inspect`` then resolves the real path of every loaded module (over a thousand here, about 60 ms).
    Asking ``inspect`` for a frame's module fills the same cache.
    """
    inspect.getmodule(inspect.currentframe())


# ---------------------------------------------------------------------------------------------------------
# Inside a script run?
# ---------------------------------------------------------------------------------------------------------
# ``st.runtime.exists()`` (documented) says a server runs, not whether this thread is a session's script run:
# the warm-up thread (``ui/warmup.py``) loads the data in a running server with no session, where touching
# ``st.session_state`` would raise. Streamlit keeps the run's context in a thread-local read by
# ``get_script_run_ctx`` (``streamlit.runtime.scriptrunner_utils``), not a documented API.


def in_script_run() -> bool:
    """True in a session's script run (AppTest included); False in the warm-up thread and in plain Python."""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # pragma: no cover - layout of a future Streamlit (test_compat fails then)
        return False
    return get_script_run_ctx(suppress_warning=True) is not None


# ---------------------------------------------------------------------------------------------------------
# Test ids
# ---------------------------------------------------------------------------------------------------------
# Streamlit's ``data-testid`` attributes are for its own tests, not an API. Only where no ``st-key-<key>`` class
# can reach an element (Streamlit's own chrome: sidebar, header, main block; a component's enclosing block; the
# "running" widget) does the app select by them, and only through :func:`test_id`.
TEST_IDS = frozenset(
    {
        "stSidebar",  # the sidebar (hidden in an embedded page)
        "stExpandSidebarButton",  # the button that reopens a collapsed sidebar (hidden in an embedded page)
        "stHeader",  # the app's header bar (hidden in the chart-only iframe)
        "stMainBlockContainer",  # the main column's padding (narrowed in the chart-only iframe)
        "stVerticalBlock",  # the block a box reporter sits in: its width is the column's (centralasia/ui/box.py)
        "stApp",  # its SCRIPT_STATE attribute says when a script has finished: the box reporter waits for it (ui/box.py)
    }
)


# The attribute of ``stApp`` that holds the script runner's state, and its value when no script runs.
SCRIPT_STATE_ATTRIBUTE = "data-test-script-state"
SCRIPT_NOT_RUNNING = "notRunning"


def test_id(name: str) -> str:
    """The CSS selector (also valid in ``querySelector``) for Streamlit's element with ``data-testid=name``."""
    if name not in TEST_IDS:
        raise ValueError(f"{name!r} is not in compat.TEST_IDS (add it there, with its reason, and its test covers it)")
    return f"[data-testid={name}]"


test_id.__test__ = False  # not a pytest test, whatever its name
