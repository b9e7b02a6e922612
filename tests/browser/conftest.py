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


# Follows the script's runs as the page sees them (each change of stApp's script state: runs counted, the last change
# and the last end timed) and when each box reporter's value (ui/box.py, widget key ``box-<slot>-width``) was last sent
# to the server, so a test waits for the rerun a box report causes instead of sleeping.
RUN_TRACKER = """(() => {
  window.__caRuns = 0; window.__caChanged = performance.now(); window.__caEnded = 0; window.__caReports = {};
  let state = null;
  const seen = s => {
    if (s === state) return;
    window.__caChanged = performance.now();
    if (s === 'running') window.__caRuns += 1;
    if (s === 'notRunning') window.__caEnded = performance.now();
    state = s;
  };
  new MutationObserver(records => {
    for (const r of records) if (r.type === 'attributes') seen(r.oldValue);  // each value the attribute had, in order
    const app = document.querySelector('[data-testid=stApp]');
    seen(app ? app.getAttribute('data-test-script-state') : null);
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
        : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (bytes) for (const m of new TextDecoder('latin1').decode(bytes).matchAll(/box-[a-z0-9-]+?-width/g))
        if (!(m[0] in window.__caReports)) window.__caReports[m[0]] = performance.now();  // the first report
    } catch (e) { /* the tracker never breaks the page */ }
    return send.call(this, data);
  };
})();"""

# Settled: connected, no script running, nothing stale, loading or "running" in the status widget, every chart drawn,
# at least `runs` runs, every box reporter on the page has sent its value and a run has ended since (or 2 s passed
# quietly after it: the server did not rerun), and nothing has
# changed for `quiet` ms.
SETTLED = """([runs, quiet]) => {
  const app = document.querySelector('[data-testid=stApp]');
  const busy = !app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED'
    || !!document.querySelector('[data-testid=stSkeleton], [data-testid=stStatusWidget], [data-stale=true]')
    || ![...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'));
  if (busy) { window.__caBusy = performance.now(); return false; }
  for (const el of document.querySelectorAll("[class*='st-key-box-'][class*='-width']")) {
    const key = [...el.classList].find(c => /^st-key-box-.+-width$/.test(c)).slice('st-key-'.length);
    const sent = window.__caReports[key];
    // a run has ended since the report; or the server did not rerun for it (seen now and then): 2 s quiet after it
    if (!(sent < window.__caEnded || performance.now() - Math.max(sent, window.__caChanged, window.__caBusy || 0) > 2000)) return false;
  }
  return window.__caRuns >= runs && performance.now() - Math.max(window.__caChanged, window.__caBusy || 0) > quiet;
}"""

STATE = """() => { const app = document.querySelector('[data-testid=stApp]'); return {runs: window.__caRuns,
  quiet: Math.round(performance.now() - window.__caChanged), script: app && app.dataset.testScriptState,
  connection: app && app.dataset.testConnectionState, busy: !!document.querySelector('[data-testid=stSkeleton], [data-testid=stStatusWidget], [data-stale=true]'),
  charts: [...document.querySelectorAll('[data-testid=stPlotlyChart]')].map(c => !!c.querySelector('.main-svg')),
  reporters: [...document.querySelectorAll("[class*='st-key-box-'][class*='-width']")].map(e => e.className.match(/st-key-box-\\S+-width/)[0]),
  reports: window.__caReports, ended: Math.round(window.__caEnded), now: Math.round(performance.now()), url: location.href}; }"""


def settle(page, runs: int = 1, quiet_ms: int = 300, timeout: float = 45_000) -> None:
    """Wait until the page (opened in a ``new_window``) has run ``runs`` times and come to rest, the rerun its box
    reporters' values cause included: the figures are composed for the window."""
    try:
        page.wait_for_function(SETTLED, arg=[runs, quiet_ms], timeout=timeout)
    except Exception as exc:
        state = page.evaluate(STATE)
        raise AssertionError(f"the page did not settle ({runs} runs): {state}") from exc


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
