"""Browser tests: a real `streamlit run` server and Debian's Chromium, with every outside request blocked."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from centralasia.loader import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    cwd: Path = PROJECT_ROOT, app: str = "app.py", extra: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.headless=true", "--server.address=127.0.0.1",
         f"--server.port={port}", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", *extra],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit server did not become healthy within 60 s")


@pytest.fixture(scope="session")
def app_url():
    proc, url = start_server()
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    exe = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
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


def wait_for_app(page, timeout: int = 45_000) -> None:
    page.wait_for_timeout(250)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached", timeout=timeout)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached", timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0", timeout=timeout)
    # Plotly draws after the script finished; wait until every chart has its SVG.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))", timeout=timeout
    )
    page.wait_for_timeout(300)


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
