"""An uncaught error shows viewers a generic notice (no message, no traceback, no server path) and is
logged in full on the server: the shipped .streamlit/config.toml sets client.showErrorDetails = "none"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest

from centralasia.settings import PROJECT_ROOT

from .conftest import Offline, wait_for_app

pytestmark = pytest.mark.browser

SECRET = "secret-detail-/srv/app/centralasia/loader.py"


def test_the_shipped_config_hides_error_details():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_an_uncaught_error_is_a_generic_notice_and_a_server_log_entry(browser, tmp_path):
    script = tmp_path / "failing_app.py"
    script.write_text(f"import streamlit as st\nst.write('before')\nraise RuntimeError({SECRET!r})\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        # run from the project root so the shipped .streamlit/config.toml applies
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true", "--server.address=127.0.0.1",
             f"--server.port={port}", "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"],
            cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ},
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        context = browser.new_context()
        offline = Offline(context, url)
        page = context.new_page()
        page.goto(url)
        wait_for_app(page)
        page.get_by_test_id("stException").first.wait_for(timeout=20_000)
        shown = page.get_by_test_id("stMain").inner_text()
        assert "before" in shown
        assert SECRET not in shown and "Traceback" not in shown and "RuntimeError" not in shown
        assert offline.blocked == []
        context.close()
        time.sleep(0.5)
        logged = log.read_text(encoding="utf-8", errors="replace")
        assert SECRET in logged and "RuntimeError" in logged, logged[-2000:]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
