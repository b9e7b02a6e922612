"""`streamlit run app.py` serves the st.App in app.py: its server warms up as it starts (first page, then the
other pages' modules once the first page is out) and says so on the console; switched off, the app is the same.

No timing here: what the warm-up saves is measured by `python -m benchmarks.bench`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from benchmarks.support import block_outside, start_server, stop, wait_for_app

pytestmark = pytest.mark.browser

FIRST = "centralasia.warmup: warm first page: done in"
OTHERS = "centralasia.warmup: warm other pages: done in"


def _wait_for_line(log: Path, text: str, limit_s: float = 60.0) -> str:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace")
        if text in content:
            return content
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the server log within {limit_s:.0f} s:\n{log.read_text(errors='replace')[-2000:]}")


def _open_overview(browser, url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []
    block_outside(context, url, blocked)
    try:
        page = context.new_page()
        page.goto(f"{url}/?lang=en")
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0
        assert page.get_by_role("heading", level=1).count() == 1
        assert blocked == []
    finally:
        context.close()


def test_server_warms_the_first_page_then_the_others(browser, tmp_path):
    log = tmp_path / "server.log"
    proc, url = start_server(log=log)
    try:
        _wait_for_line(log, FIRST)
        _open_overview(browser, url)
        content = _wait_for_line(log, OTHERS)
        assert content.index(FIRST) < content.index(OTHERS)
        assert "skipped" not in content and "Traceback" not in content
    finally:
        stop(proc)


def test_switched_off_the_same_app_is_served_cold(browser, tmp_path):
    log = tmp_path / "server.log"
    proc, url = start_server(log=log, env={"CENTRALASIA_WARMUP": "0"})
    try:
        _open_overview(browser, url)
        assert "centralasia.warmup" not in log.read_text()
    finally:
        stop(proc)
