"""Starting what the benchmark and the browser tests measure: `streamlit run` servers, the HAProxy cluster
of `scripts/serve.sh`, and Debian's Chromium through Playwright.

Shared by `python -m benchmarks` and `tests/browser/conftest.py`, so both measure the same thing the same way.
Everything listens on 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app.py"
BASELINE_APP = Path(__file__).resolve().with_name("baseline_app.py")
SERVE_SCRIPT = PROJECT_ROOT / "scripts" / "serve.sh"

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60
# A page is ready when the script has finished, the connection is up, no element is still loading its code (Streamlit
# shows a skeleton until then: a Plotly chart is not in the page before its chunk has loaded) and every Plotly chart has
# its SVG, composed for the box it is shown in: no placeholder waiting for the box report (``.ca-box-pending``, see
# centralasia/ui/box.py), and a figure that says which box it was composed for (``meta.box``) is as wide as that box,
# give or take the report's 20 px step. A figure composed for a default box is not ready: the report reruns the page.
SCRIPT_DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
NO_SKELETON = "() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0"
CHARTS_DRAWN = """() => document.querySelectorAll('[data-testid=stSkeleton], .ca-box-pending').length === 0
  && [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => {
    const gd = c.querySelector('.js-plotly-plot');
    if (!gd || !c.querySelector('.main-svg') || !gd._fullLayout) return false;
    const meta = gd._fullLayout.meta || {};
    const width = gd.getBoundingClientRect().width;
    return !(meta.box && width > 0 && Math.abs(meta.box[0] - width) >= 24);
  })"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(length: int, attempts: int = 50) -> int:
    """A port p such that p, p+1, … p+length-1 are all free (for a proxy and its replicas)."""
    for _ in range(attempts):
        first = free_port()
        if first + length < 65535 and all(port_is_free(first + i) for i in range(length)):
            return first
    raise RuntimeError(f"found no {length} consecutive free ports on 127.0.0.1")


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        return urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout).read() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = STARTUP_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with status {proc.returncode} before it was healthy")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")
        time.sleep(0.05)


def streamlit_command(app: Path | str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless=true", "--server.address=127.0.0.1",
            f"--server.port={port}", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]  # fmt: skip


def start_server(
    cwd: Path = PROJECT_ROOT,
    app: Path | str = "app.py",
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` on a free loopback port and return (process, base URL) once /_stcore/health says ok.

    ``log``: a file for the server's console output (else it is discarded)."""
    port = free_port()
    out = log.open("ab") if log else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(
            [*streamlit_command(app, port), *extra], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    finally:
        if log:
            out.close()  # the child has its own copy
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
    except RuntimeError:
        proc.kill()
        raise
    return proc, url


def stop(proc: subprocess.Popen, timeout: float = 20) -> int:
    """SIGTERM, then SIGKILL if it has not exited within `timeout` seconds; returns the exit status."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


@dataclass
class Server:
    proc: subprocess.Popen
    url: str

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def pids(self) -> list[int]:
        return [self.proc.pid]


@contextmanager
def streamlit_server(app: Path | str = APP, **kwargs):
    proc, url = start_server(app=app, **kwargs)
    try:
        yield Server(proc, url)
    finally:
        stop(proc)


# ---------------------------------------------------------------- the HAProxy cluster (scripts/serve.sh)


def haproxy_path() -> str | None:
    return os.environ.get("HAPROXY") or shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        kids = children(queue.pop())
        found += kids
        queue += kids
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class Cluster:
    """`scripts/serve.sh` running in the foreground: HAProxy on `port`, replicas on port+1 … port+replicas."""

    proc: subprocess.Popen
    port: int
    replicas: int
    log: Path
    replica_urls: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_pids(self) -> dict[int, int]:
        """Backend port → pid of the `streamlit run` process serving it (as of now: replicas are restarted)."""
        out = {}
        for pid in descendants(self.proc.pid):
            cmd = command_line(pid)
            if "streamlit run" in cmd and "--server.port" in cmd:
                out[int(cmd.split("--server.port=")[1].split()[0])] = pid
        return out

    @property
    def pids(self) -> list[int]:
        return list(self.replica_pids().values())

    def haproxy_pid(self) -> int | None:
        return next((pid for pid in descendants(self.proc.pid) if "haproxy" in command_line(pid).split(" ")[0]), None)


def start_cluster(replicas: int, env: dict[str, str] | None = None, log: Path | None = None, timeout: float = 120) -> Cluster:
    """Run scripts/serve.sh with REPLICAS=replicas on free loopback ports; return when the proxy and every replica answer."""
    port = free_port_run(replicas + 1)
    log = log or Path(os.environ.get("TMPDIR", "/tmp")) / f"serve-{port}.log"
    run_env = {**os.environ, "REPLICAS": str(replicas), "PORT": str(port), "ADDRESS": "127.0.0.1", "PYTHON": sys.executable, **(env or {})}
    handle = log.open("wb")
    # Its own process group, so a test runner's Ctrl-C does not reach it twice; we stop it with SIGTERM like a user would.
    proc = subprocess.Popen(["bash", str(SERVE_SCRIPT)], cwd=PROJECT_ROOT, env=run_env, stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip
    handle.close()
    cluster = Cluster(proc, port, replicas, log, [f"http://127.0.0.1:{port + i}" for i in range(1, replicas + 1)])
    deadline = time.monotonic() + timeout
    while not (healthy(cluster.url) and all(healthy(u) for u in cluster.replica_urls)):
        if proc.poll() is not None:
            raise RuntimeError(f"scripts/serve.sh exited with status {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            stop_cluster(cluster)
            raise RuntimeError(f"the cluster did not become healthy within {timeout:.0f} s:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    time.sleep(2.5)  # HAProxy marks a replica up after its first health checks
    return cluster


def stop_cluster(cluster: Cluster, timeout: float = 30) -> tuple[int, list[int]]:
    """SIGTERM to serve.sh (as Ctrl-C or `docker stop` would); returns its status and any process it left behind."""
    started = [cluster.proc.pid, *descendants(cluster.proc.pid)]
    if cluster.proc.poll() is None:
        cluster.proc.send_signal(signal.SIGTERM)
    try:
        status = cluster.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(cluster.proc.pid, signal.SIGKILL)
        status = cluster.proc.wait()
    time.sleep(0.2)
    left = [pid for pid in started[1:] if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)]
    return status, left


def _state(pid: int) -> str:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("State:"))
        return line.lower()
    except (OSError, StopIteration):
        return "gone"


@contextmanager
def cluster(replicas: int, **kwargs):
    c = start_cluster(replicas, **kwargs)
    try:
        yield c
    finally:
        stop_cluster(c)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


# ---------------------------------------------------------------- Chromium (Debian's, never a downloaded one)


def chromium_executable() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def launch_chromium(playwright):
    exe = chromium_executable()
    kwargs = {"args": LAUNCH_ARGS}
    if exe:
        kwargs["executable_path"] = exe
    return playwright.chromium.launch(**kwargs)


def wait_for_app(page, timeout: int = 45_000, settle_ms: int = 300) -> None:
    """Wait until the page's script has run, the websocket is connected and every chart is drawn."""
    page.wait_for_timeout(250)
    page.locator(CONNECTED).wait_for(state="attached", timeout=timeout)
    page.locator(SCRIPT_DONE).wait_for(state="attached", timeout=timeout)
    page.wait_for_function(NO_SKELETON, timeout=timeout)
    # Plotly draws after the script finished; wait until every chart has its SVG.
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def block_outside(context, allowed_prefix: str, blocked: list[str] | None = None) -> None:
    """Abort every request that does not go to `allowed_prefix` (the app works offline)."""

    def _route(route):
        url = route.request.url
        if url.startswith((allowed_prefix, "data:", "blob:")):
            route.continue_()
        else:
            if blocked is not None:
                blocked.append(url)
            route.abort()

    context.route("**/*", _route)
