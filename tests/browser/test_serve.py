"""scripts/serve.sh end to end: two replicas behind HAProxy, two readers in two browser contexts each download
a chart's CSV through the proxy, and SIGTERM stops every process the script started.

No timing here: load numbers come from `python -m benchmarks.cluster`.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.support import block_outside, haproxy_path, healthy, start_cluster, stop_cluster, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        haproxy_path() is None,
        reason="haproxy is not installed: scripts/serve.sh needs it (Debian/Ubuntu: apt-get install haproxy; macOS: brew install haproxy)",
    ),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = start_cluster(2, log=tmp_path_factory.mktemp("serve") / "serve.log")
    yield c
    stop_cluster(c)


def _reader(browser, cluster, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB", accept_downloads=True)
    blocked: list[str] = []
    block_outside(context, cluster.url, blocked)
    page = context.new_page()
    page.goto(f"{cluster.url}/{path}")
    wait_for_app(page)
    return context, page, blocked


def _download_csv(page) -> tuple[str, list[list[str]]]:
    with page.expect_download(timeout=30_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.get_by_role("button").click()
    body = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    return info.value.suggested_filename, list(csv.reader(io.StringIO(body)))


def test_two_readers_on_two_replicas_download_through_the_proxy(browser, cluster):
    assert len(cluster.replica_pids()) == 2
    readers = [_reader(browser, cluster, "sectors?lang=en"), _reader(browser, cluster, "conflicts?lang=en")]
    try:
        cookies = []
        for context, page, blocked in readers:
            name, rows = _download_csv(page)
            assert name.endswith(".csv")
            assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), "a header and rows of the same width"
            assert blocked == [], "nothing outside the proxy was requested"
            assert page.get_by_test_id("stException").count() == 0
            cookies.append(next(c["value"] for c in context.cookies() if c["name"] == "STREAMLIT_REPLICA"))
        # Two concurrent sessions: leastconn gives the second reader the idle replica, and each stays on its own.
        assert sorted(cookies) == ["r1", "r2"]
        for _context, page, _ in readers:
            _, rows = _download_csv(page)  # again: the file lives in the replica its cookie points to
            assert len(rows) >= 2
    finally:
        for context, _, _ in readers:
            context.close()


def test_sigterm_stops_haproxy_and_every_replica(tmp_path):
    c = start_cluster(2, log=tmp_path / "serve.log")
    started = [*c.replica_pids().values(), c.haproxy_pid()]
    assert None not in started and len(started) == 3
    assert urllib.request.urlopen(f"{c.url}/_stcore/health", timeout=5).read() == b"ok"
    status, left = stop_cluster(c, timeout=30)
    assert status == 0, c.log.read_text()
    assert left == [], f"still running after SIGTERM: {left}"
    time.sleep(0.5)
    assert not healthy(c.url, timeout=1) and not any(healthy(u, timeout=1) for u in c.replica_urls)
    assert "stopping HAProxy and 2 replica(s)" in c.log.read_text()


def test_sigterm_while_a_replica_restarts_leaves_no_process_behind(tmp_path):
    """The health poll that warms a restarted replica is stopped too (it used to run on for ~40 s under PID 1)."""
    from benchmarks.support import descendants

    c = start_cluster(1, log=tmp_path / "serve.log")
    (pid,) = c.replica_pids().values()
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while "restarting it in 2 s" not in c.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2.6)  # the new replica is starting and its health poll is running
    during = descendants(c.proc.pid)
    assert len(during) >= 3, "a supervisor, its new replica and the health poll are running"
    c.proc.send_signal(signal.SIGTERM)
    assert c.proc.wait(timeout=30) == 0, c.log.read_text()
    time.sleep(1.0)
    left = [p for p in during if os.path.exists(f"/proc/{p}") and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()]
    assert left == [], f"still running after SIGTERM during a restart: {left}"


def test_a_replica_that_answers_nothing_for_6_s_is_busy_not_dead(tmp_path):
    """A saturated replica answers its health check late; HAProxy must not take it (the last one) out. SIGSTOP freezes
    the process like a long busy spell: alive, but no answer for 6 s. With the former 2 s check timeout and fall 2
    it was marked DOWN and every reader got "no server available"."""
    c = start_cluster(1, log=tmp_path / "serve.log")
    try:
        (pid,) = c.replica_pids().values()
        os.kill(pid, signal.SIGSTOP)
        time.sleep(6)
        os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + 15
        while not healthy(c.url, timeout=5) and time.monotonic() < deadline:
            time.sleep(0.2)
        log = c.log.read_text()
        assert " is DOWN" not in log and "no server available" not in log, log[-1500:]
        assert healthy(c.url, timeout=5) and c.replica_pids() == {c.port + 1: pid}, "the same process serves on"
    finally:
        stop_cluster(c)


def test_ctrl_c_in_the_terminal_stops_everything_without_restarts(tmp_path):
    """A terminal sends SIGINT to the whole foreground process group, not only to the script."""
    c = start_cluster(2, log=tmp_path / "serve.log")
    started = [*c.replica_pids().values(), c.haproxy_pid()]
    os.killpg(c.proc.pid, signal.SIGINT)  # start_cluster runs serve.sh as the leader of its own group
    status = c.proc.wait(timeout=30)
    time.sleep(0.5)
    log = c.log.read_text()
    assert status == 0, log
    assert "restarting" not in log, "no replica is restarted while stopping"
    assert not [pid for pid in started if os.path.exists(f"/proc/{pid}")], "every process it started has exited"
    assert not any(healthy(u, timeout=1) for u in [c.url, *c.replica_urls])
