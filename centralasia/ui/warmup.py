"""Warm-up of a server process: have what the first reader needs ready before they ask for it.

``streamlit run app.py`` serves the ``st.App`` defined in ``app.py``, whose :func:`lifespan` starts the
warm-up in a background thread as the server starts. It comes in two steps, because the first reader's
browser spends about a second fetching Streamlit's JavaScript from this same process while the warm-up
runs, and on a small host (2 cores) anything heavy done then delays that page instead of speeding it up:

1. **First page** (at start): the page code's own modules, the pydantic models, the translations and
   Babel's locale data, Pillow and numpy for the page icon, and the releases, loaded and validated into the shared cache. This is what the
   Overview page and the sidebar need (they use no pandas and no Plotly: ``centralasia/summary.py``).
2. **Other pages** (once the first page has been served, or :data:`REST_AFTER_S` after start if no one
   has come): pandas, Plotly with the chart templates, the frame, view, map and export modules. Imports
   only: caches are filled by readers, so a test or an edited file never meets a stale warm-up result.

The warm-up is an optimisation only: it never stops or delays the server (health checks answer at
once). If a step fails it logs one line; a reader's run then loads what it needs and shows any problem
the data has. ``CENTRALASIA_WARMUP=0`` turns it off (``python -m benchmarks.bench`` measures both).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

log = logging.getLogger(__name__)

WARMUP_ENV = "CENTRALASIA_WARMUP"
# Seconds after start at which the second step runs even if no page has been served yet (a replica
# waiting behind HAProxy, a Community Cloud app woken by a health check): comfortably longer than a
# browser needs to load Streamlit's JavaScript, so it does not compete with a first page in flight.
REST_AFTER_S = 3.0

_lock = threading.Lock()
_enabled = False  # set by lifespan(): only a served process warms up (not AppTest, not bare mode)
_rest_started = False


def warm_first_page() -> float:
    """Import and load what the Overview page and the sidebar need; returns the seconds it took."""
    started = time.perf_counter()
    from centralasia import registry, summary
    from centralasia.i18n import LANGUAGES, format_date, t
    from centralasia.ui import components, data, frame, state  # noqa: F401  (imported for their side: loaded modules)

    # Streamlit turns the page icon (static/favicon.png) into a media file with Pillow and numpy.
    import numpy  # noqa: F401
    import PIL.Image  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401

    catalog = data.get_catalog()
    for lang in LANGUAGES:  # translation catalogues and Babel's locale data load on first use
        t("app.title", lang)
        for release in catalog.releases[:1]:
            format_date(release.meta.date, lang)
            summary.kind_counts(release, lang)
    registry.visible_pages()
    return time.perf_counter() - started


def warm_other_pages() -> float:
    """Import the modules the chart, map, table and export pages need; returns the seconds it took."""
    started = time.perf_counter()
    from centralasia import briefing, exports, figures, frames, geo, mapfig, mapview, views  # noqa: F401
    from centralasia.ui import charts  # noqa: F401

    return time.perf_counter() - started


def _run(step: Callable[[], float]) -> None:
    try:
        seconds = step()
    except Exception as exc:  # noqa: BLE001  an optimisation must not take the server down
        log.warning("warm-up step %s skipped: %s: %s", step.__name__, type(exc).__name__, exc)
    else:
        log.info("warm-up step %s done in %.2f s", step.__name__, seconds)


def _start(step: Callable[[], float]) -> None:
    threading.Thread(target=_run, args=(step,), name=f"centralasia-{step.__name__}", daemon=True).start()


def page_served() -> None:
    """Called by ``app.py`` after each page run: the first one starts the second warm-up step."""
    global _rest_started
    if not _enabled or _rest_started:
        return
    with _lock:
        if _rest_started:
            return
        _rest_started = True
    _start(warm_other_pages)


def _rest_after_delay() -> None:
    time.sleep(REST_AFTER_S)
    page_served()


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Start the warm-up beside the server; the server answers at once and never waits for it."""
    global _enabled
    if os.environ.get(WARMUP_ENV, "1") != "0":
        _enabled = True
        _start(warm_first_page)
        threading.Thread(target=_rest_after_delay, name="centralasia-warmup-timer", daemon=True).start()
    yield
