"""Browser tests: a real `streamlit run` server and Debian's Chromium, with every outside request blocked.

Starting servers and browsers is shared with the benchmark (benchmarks/support.py). Helpers every browser test
uses live here: a window with the network cut (``new_window``, the ``open_page`` fixture), opening every page of
the registry in one window (``every_page``), waiting until a page has settled after the reruns its box reports
cause (``settle``), the one-page sweep of every page in each theme × width (``swept``, tests/browser/sweep.py), and
the one-file briefing built by the CLI and opened from disk (``briefing_file``, ``open_briefing``).
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.support import LAUNCH_ARGS, chromium_executable, start_server, stop, wait_for_app
from centralasia.charts.registry import PAGES
from centralasia.settings import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
# Re-exported: tests import these from here.
__all__ = ["LAUNCH_ARGS", "Offline", "screenshot", "start_server", "wait_for_app"]


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_server()
    yield url
    stop(proc)


@contextmanager
def served(root: Path):
    """A `streamlit run` server of its own for the releases in ``root``; yields its base URL."""
    proc, url = start_server(env={"CENTRALASIA_RELEASES": str(root)})
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    exe = chromium_executable()
    args = {**browser_type_launch_args, "args": LAUNCH_ARGS}
    if exe:  # Debian's Chromium; without one, Playwright's own browser (scripts/test.sh installs it)
        args["executable_path"] = exe
    return args


class Offline:
    """Blocks every request that does not go to the app server, and remembers what was blocked."""

    def __init__(self, context, allowed_prefix: str):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.allowed = allowed_prefix
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.allowed, "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


# Counts the script's runs as the page sees them (every change of stApp's script state), so a test can wait for the
# rerun a box report causes instead of sleeping.
RUN_TRACKER = """(() => {
  window.__caRuns = 0; window.__caChanged = performance.now();
  new MutationObserver(changes => { for (const c of changes) {
    window.__caChanged = performance.now();
    if (c.target.getAttribute('data-test-script-state') === 'running') window.__caRuns += 1;
  } }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
})();"""

# Settled: connected, no script running, nothing stale or loading, every chart drawn, the rerun every box reporter's
# first report causes has run (ui/box.py: a page with a reporter runs at least twice), and quiet for `quiet` ms.
SETTLED = """([runs, quiet, first]) => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid=stSkeleton], [data-stale=true]')) return false;
  if (![...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))) return false;
  const reporters = document.querySelectorAll("[class*='st-key-box-'][class*='-width']").length;
  return window.__caRuns >= runs + (first && reporters ? 1 : 0) && performance.now() - window.__caChanged > quiet;
}"""


def settle(page, runs: int = 1, quiet_ms: int = 500, first_report: bool = True, timeout: float = 45_000) -> None:
    """Wait until the page (opened in a ``new_window``) has run ``runs`` times, plus the rerun its box reporters'
    first report causes (``first_report``), and has been quiet for ``quiet_ms``: the figures are composed for the window."""
    page.wait_for_function(SETTLED, arg=[runs, quiet_ms, first_report], timeout=timeout)


def new_window(browser, url: str, width: int = 1300, height: int = 1000, scheme: str = "light", **options):
    """(context, page, offline): a browser window of its own with every request outside ``url`` blocked and the
    page's uncaught errors collected in ``offline.errors``. Close the context when done."""
    options.setdefault("locale", "en-GB")
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, **options)
    context.add_init_script(RUN_TRACKER)
    offline = Offline(context, url)
    page = context.new_page()
    page.on("pageerror", lambda exc: offline.errors.append(str(exc)))
    return context, page, offline


@pytest.fixture
def open_page(browser, app_url):
    """open_page(path, width=1400, scheme='light') → (page, offline); closes its context afterwards."""
    contexts = []

    def _open(path: str, width: int = 1400, scheme: str = "light", height: int = 1000):
        context, page, offline = new_window(browser, app_url, width, height, scheme)
        contexts.append(context)
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        return page, offline

    yield _open
    for context in contexts:
        context.close()


def every_page(page, url: str, query: str):
    """Open every page of the registry (hidden ones too) one after the other in ``page``, each with ``?query``; yields
    each page's spec once it is ready and shows no exception box."""
    for spec in PAGES:
        page.goto(f"{url}/{spec.link_path}?{query}")
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0, f"{spec.key}?{query}: an exception box"
        yield spec


def screenshot(page, name: str, grown: bool = False) -> Path:
    """Full-length screenshot (Streamlit scrolls inside its own container, so grow the viewport; ``grown``: the
    caller has grown it already)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if not grown:
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')].map(e => e.scrollHeight))"
        )
        width = page.viewport_size["width"]
        page.set_viewport_size({"width": width, "height": min(max(800, height + 40), 8000)})
        page.wait_for_timeout(400)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# --- the one-file briefing (tests/browser/test_briefing_print.py, test_briefing_embed.py)


@pytest.fixture(scope="session")
def briefing_file(tmp_path_factory):
    """briefing_file(lang) → the path of the briefing `python -m centralasia briefing` writes (once per language)."""
    built: dict[str, Path] = {}

    def build(lang: str) -> Path:
        if lang not in built:
            out = tmp_path_factory.mktemp(f"briefing_{lang}") / f"briefing_{lang}.html"
            subprocess.run([sys.executable, "-m", "centralasia", "briefing", "-o", str(out), "--lang", lang], cwd=PROJECT_ROOT, check=True)
            built[lang] = out
        return built[lang]

    return build


def open_briefing(browser, path: Path, width: int, height: int = 1000):
    """(context, page, blocked, errors): the briefing file opened from disk with the network cut, every chart drawn."""
    context = browser.new_context(viewport={"width": width, "height": height})
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(c => c.querySelector('.main-svg'))", timeout=30_000
    )
    page.wait_for_timeout(300)
    return context, page, blocked, errors


@pytest.fixture(scope="session", params=["light-1440", "dark-390", "dark-1440", "light-390"])
def swept(request, browser, app_url):
    """Every page opened once per theme × width (and language), with every per-page check run on it (sweep.py)."""
    from .sweep import run

    scheme, width = request.param.split("-")
    return run(browser, app_url, scheme, int(width))
