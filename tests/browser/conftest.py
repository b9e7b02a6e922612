"""Browser tests: a real `streamlit run` server and Debian's Chromium, with every outside request blocked.

Starting servers and browsers is shared with the benchmark (benchmarks/support.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.support import LAUNCH_ARGS, chromium_executable, start_server, stop, wait_for_app
from centralasia.settings import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
# Re-exported: tests import these from here.
__all__ = ["LAUNCH_ARGS", "Offline", "screenshot", "start_server", "wait_for_app"]


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_server()
    yield url
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


@pytest.fixture
def open_page(browser, app_url):
    """open_page(path, width=1400, scheme='light') → (page, offline); closes its context afterwards."""
    contexts = []

    def _open(path: str, width: int = 1400, scheme: str = "light", height: int = 1000):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, locale="en-GB")
        contexts.append(context)
        offline = Offline(context, app_url)
        page = context.new_page()
        page.on("pageerror", lambda exc: offline.errors.append(str(exc)))
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        return page, offline

    yield _open
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Full-length screenshot (Streamlit scrolls inside its own container, so grow the viewport)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')].map(e => e.scrollHeight))")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(800, height + 40), 8000)})
    page.wait_for_timeout(400)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
