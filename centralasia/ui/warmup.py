"""Warm-up of a server process: have what the first reader needs ready before they ask for it.

``streamlit run app.py`` serves the ``st.App`` defined in ``app.py``, whose :func:`lifespan` starts the
warm-up in a background thread as the server starts. It comes in two steps, because the first reader's
browser spends about a second fetching Streamlit's JavaScript from this same process while the warm-up
runs, and on a small host (2 cores) anything heavy done then delays that page instead of speeding it up:

1. **First page** (at start): the page code's own modules, the pydantic models, the translations and
   Babel's locale data, Pillow and numpy for the page icon, and the releases, loaded and validated into
   the shared cache (keyed by the data's fingerprint, so an edited file is still picked up). This is what
   the Overview page and the sidebar need; they use no pandas and no Plotly (``centralasia/release/summary.py``).
2. **Other pages** (:data:`AFTER_FIRST_PAGE_S` after the first page has been served, or
   :data:`IDLE_START_S` after start if no one has come): pandas, Plotly with the chart templates, the
   frame, view, map and export modules. Imports only: charts and maps are built and cached by readers,
   so nothing built in the background can outlive an edit or a test's setup.

The warm-up is an optimisation only: it never stops or delays the server (health checks answer at
once). If a step fails it logs one line; a reader's run then loads what it needs and shows any problem
the data has. ``CENTRALASIA_WARMUP=0`` turns it off (``python -m benchmarks.bench`` measures both).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from centralasia import settings
from centralasia.ui import compat

# The warm-up reports to the server's console, one line per step, as Streamlit's own messages do.
log = logging.getLogger("centralasia.warmup")

WARMUP_ENV = settings.WARMUP_ENV
# The second step waits until the first page has been drawn: its messages leave this process as the
# script ends, and the browser draws them over the next few hundred milliseconds, fed by this process.
# Warming during that time delayed the first page by about 0.2 s in the benchmark.
AFTER_FIRST_PAGE_S = 1.5
# With no reader yet (a replica waiting behind HAProxy), the second step runs this long after start:
# longer than a browser opened at start needs for Streamlit's JavaScript and the first page.
IDLE_START_S = 5.0

_lock = threading.Lock()
_enabled = False  # set by lifespan(): only a served process warms up (not AppTest, not bare mode)
_rest_scheduled = False
_first_page_seen = False


# Modules the first page imports (besides Streamlit's own, which the server has loaded already).
FIRST_PAGE_MODULES = (
    # Pillow and numpy: Streamlit turns the page icon (static/favicon.png) into a media file with them.
    "numpy",
    "PIL.Image",
    "PIL.PngImagePlugin",
    "pydantic",
    "yaml",
    "babel.dates",
    "centralasia.release.models",
    "centralasia.release.loader",
    "centralasia.i18n",
    "centralasia.release.summary",
    "centralasia.charts.registry",
    "centralasia.ui.data",
    "centralasia.ui.components",
    "centralasia.ui.chrome",
)


def warm_first_page() -> float:
    """Import and load what the Overview page and the sidebar need; returns the seconds it took."""
    started = time.perf_counter()
    for name in FIRST_PAGE_MODULES:
        importlib.import_module(name)
    from centralasia.charts import registry
    from centralasia.i18n import LANGUAGES, format_date, t
    from centralasia.release import summary
    from centralasia.ui import data

    catalog = data.get_catalog()
    for lang in LANGUAGES:  # translation catalogues and Babel's locale data load on first use
        t("app.title", lang)
        for release in catalog.releases[:1]:
            format_date(release.meta.date, lang)
            summary.kind_counts(release, lang)
    registry.visible_pages()
    compat.warm_inspect_cache()  # Streamlit's one stack inspection per process then costs the first reader nothing
    return time.perf_counter() - started


def warm_other_pages() -> float:
    """Import the modules the chart, map, table and export pages need; returns the seconds it took."""
    started = time.perf_counter()
    from centralasia.route import geo, mapfig, mapview  # noqa: F401
    from centralasia.ui import charts  # noqa: F401

    return time.perf_counter() - started


def _run(step: Callable[[], float]) -> None:
    try:
        seconds = step()
    except Exception as exc:  # noqa: BLE001  an optimisation must not take the server down
        log.warning("%s skipped (%s: %s); readers load what they need", step.__name__.replace("_", " "), type(exc).__name__, exc)
    else:
        log.info("%s: done in %.2f s", step.__name__.replace("_", " "), seconds)


def _lowest_priority() -> None:
    """Let the operating system run everything else first: on a small host the warm-up shares the cores with
    the first reader's browser (measured: start-up about 0.05 s shorter than at normal priority). Linux sets
    the priority of the one thread; elsewhere this may not be allowed, and the warm-up runs as it is."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


def _in_background(step: Callable[[], float]) -> None:
    _lowest_priority()
    _run(step)


def _start(step: Callable[[], float]) -> None:
    threading.Thread(target=_in_background, args=(step,), name=f"centralasia-{step.__name__}", daemon=True).start()


def _warm_other_pages_once() -> None:
    global _rest_scheduled
    with _lock:
        if _rest_scheduled:
            return
        _rest_scheduled = True
    _start(warm_other_pages)


def _after(seconds: float, action: Callable[[], None]) -> None:
    timer = threading.Timer(seconds, action)
    timer.name, timer.daemon = "centralasia-warmup-timer", True
    timer.start()


def page_served() -> None:
    """Called by ``app.py`` after each page run: after the first, the second step follows shortly."""
    global _first_page_seen
    if not _enabled or _first_page_seen:
        return
    _first_page_seen = True
    _after(AFTER_FIRST_PAGE_S, _warm_other_pages_once)


def _console_logging() -> None:
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Start the warm-up beside the server; the server answers at once and never waits for it."""
    global _enabled
    if settings.warmup_enabled():
        _console_logging()
        _enabled = True
        _start(warm_first_page)
        _after(IDLE_START_S, _warm_other_pages_once)
    yield
