"""Benchmark: start-up, page-ready time, warm rerun cost, concurrency and payloads, each against a baseline app.

    python -m centralasia.bench [--quick] [--output docs/benchmark.md] [--sessions 1 10 50]

Needs the test extras (playwright) and a Chromium (CHROMIUM_PATH or `chromium` on the PATH). Every
server runs on 127.0.0.1 and every load loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from centralasia.loader import PROJECT_ROOT
from centralasia.registry import PAGES

APP = PROJECT_ROOT / "app.py"
BASELINE = Path(__file__).with_name("bench_baseline_app.py")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
RENDERED = "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))"
TIMEOUT_S = 60


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Server:
    proc: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(app: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless=true", "--server.address=127.0.0.1",
           f"--server.port={port}", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{app.name} did not start") from None
                time.sleep(0.05)
        yield Server(proc, port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_rendered(page) -> None:
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached", timeout=TIMEOUT_S * 1000)
    page.wait_for_function(RENDERED, timeout=TIMEOUT_S * 1000)


def _browser(playwright):
    exe = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    return playwright.chromium.launch(executable_path=exe, args=LAUNCH_ARGS) if exe else playwright.chromium.launch(args=LAUNCH_ARGS)


def _open(browser, url: str) -> float:
    """Seconds from navigation to a fully rendered page (script finished, every chart drawn)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_timeout(50)
    _wait_rendered(page)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


# ---------------------------------------------------------------- websocket client (Streamlit's own protocol)


@dataclass
class RunResult:
    seconds: float
    bytes: int
    ok: bool
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # user key → (widget id, element type)


async def _run(ws, page_name: str, query: str, widget_states=None, timeout: float = 30) -> RunResult:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page_name
    if widget_states is not None:
        msg.rerun_script.widget_states.CopyFrom(widget_states)
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    size, ok, widgets = 0, True, {}
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout)
        size += len(raw)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            etype = element.WhichOneof("type")
            if etype == "exception":
                ok = False
            widget = getattr(element, etype, None)
            wid = getattr(widget, "id", "") if widget is not None else ""
            if isinstance(wid, str) and wid.startswith("$$ID-"):
                widgets[wid.split("-", 2)[2]] = (wid, etype)
        if kind == "script_finished":
            if fwd.script_finished == 2:  # FINISHED_EARLY_FOR_RERUN: the app reran itself; wait for that run
                continue
            ok = ok and fwd.script_finished == 0  # 0 = finished successfully
            return RunResult(time.perf_counter() - start, size, ok, widgets)


def _select(widget_id: str, label: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    state = states.widgets.add()
    state.id = widget_id
    state.string_value = label
    return states


async def _connect(port: int):
    import websockets

    return await websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30)


async def script_costs(port: int, pages: list[tuple[str, str]], reruns: int) -> dict[str, dict]:
    """Per page: bytes of the first run, and the median warm rerun (request → script finished) in ms."""
    out = {}
    for name, query in pages:
        ws = await _connect(port)
        try:
            first = await _run(ws, name, query)
            await _run(ws, name, query)  # warm the caches
            times = [(await _run(ws, name, query)).seconds for _ in range(reruns)]
            out[name] = {"first_run_bytes": first.bytes, "first_run_ok": first.ok, "rerun_ms": 1000 * _median(times)}
        finally:
            await ws.close()
    return out


SECTOR_LABELS = ["Energy", "Trade", "Logistics", "All", "Agriculture"]


async def _session(port: int, duration: float, interval: float, results: dict, delay: float = 0.0) -> None:
    await asyncio.sleep(delay)
    try:
        ws = await _connect(port)
    except Exception:  # noqa: BLE001 - a refused connection is a measured error, not a crash of the benchmark
        results["errors"] += 1
        return
    try:
        first = await _run(ws, "sectors", "lang=en", timeout=120)
        results["first"].append(first.seconds)
        if not first.ok or "sector" not in first.widgets:
            results["errors"] += 1
            return
        widget_id = first.widgets["sector"][0]
        end = time.monotonic() + duration
        i = 0
        while time.monotonic() < end:
            tick = time.monotonic()
            run = await _run(ws, "sectors", "lang=en", _select(widget_id, SECTOR_LABELS[i % len(SECTOR_LABELS)]), timeout=60)
            results["reruns"].append(run.seconds)
            results["errors"] += 0 if run.ok else 1
            i += 1
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))
    except Exception:  # noqa: BLE001
        results["errors"] += 1
    finally:
        await ws.close()


async def concurrency(server: Server, sessions: int, duration: float = 12.0, interval: float = 2.0) -> dict:
    idle = _rss_mb(server.proc.pid)
    results: dict = {"first": [], "reruns": [], "errors": 0}
    start = time.perf_counter()
    # Users do not click in lock-step: session starts are spread evenly over the first interval.
    tasks = [
        asyncio.create_task(_session(server.port, duration, interval, results, delay=i * interval / sessions)) for i in range(sessions)
    ]
    peak = idle
    while not all(t.done() for t in tasks):
        peak = max(peak, _rss_mb(server.proc.pid))
        await asyncio.sleep(0.25)
    wall = time.perf_counter() - start
    runs = len(results["reruns"]) + len(results["first"])
    return {
        "sessions": sessions,
        "runs_per_s": runs / wall,
        "first_p50_ms": 1000 * _median(results["first"]),
        "rerun_p50_ms": 1000 * _median(results["reruns"]),
        "rerun_p95_ms": 1000 * _p95(results["reruns"]),
        "reruns": len(results["reruns"]),
        "errors": results["errors"],
        "rss_idle_mb": idle,
        "rss_peak_mb": peak,
        "mb_per_session": (peak - idle) / sessions,
    }


# ---------------------------------------------------------------- the run


def payloads() -> dict[str, int]:
    from centralasia.briefing import SECTIONS, build_briefing
    from centralasia.geo import project_layers, read_layers
    from centralasia.loader import load_catalog
    from centralasia.mapfig import VIEWS, MapLayers
    from centralasia.mapview import map_chart, release_overlay

    release = load_catalog().releases[0]
    layers = read_layers()
    projected = project_layers(layers, views=VIEWS)
    overlay, _ = release_overlay(release, projected, "en")
    figure = map_chart(release, projected, overlay, MapLayers(), "en").figure
    return {
        "map_figure_json_bytes": len(figure.to_json().encode()),
        "briefing_html_bytes": len(build_briefing(release, "en", SECTIONS, (layers, projected)).encode()),
    }


def run(quick: bool, sessions: list[int]) -> dict:
    from playwright.sync_api import sync_playwright

    reps = 2 if quick else 3
    visits = 3 if quick else 5
    result: dict = {"when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine()}
    with sync_playwright() as p:
        browser = _browser(p)
        startup = {"app": [], "baseline": []}
        for _ in range(reps):  # interleaved, so both see the same machine load
            for name, app in (("app", APP), ("baseline", BASELINE)):
                t0 = time.perf_counter()
                with serve(app) as server:
                    _open(browser, f"{server.url}/?lang=en")
                    startup[name].append(time.perf_counter() - t0)
        result["startup"] = {k: _median(v) for k, v in startup.items()}

        ready: dict[str, float] = {}
        with serve(BASELINE) as base:
            _open(browser, base.url)  # warm
            ready["baseline"] = _median([_open(browser, base.url) for _ in range(visits)])
        with serve(APP) as server:
            for spec in PAGES:
                path = f"{server.url}/{spec.link_path}?lang=en" + ("&chart=route-map" if spec.hidden else "")
                _open(browser, path)  # warm the server's caches for this page
                ready[spec.key] = _median([_open(browser, path) for _ in range(visits)])
        browser.close()
        result["ready"] = ready
    # The websocket measurements run outside Playwright's event loop.
    pages = [(p.url_path if not p.default else "", "lang=en" + ("&chart=route-map" if p.hidden else "")) for p in PAGES]
    with serve(APP) as server:
        result["script"] = asyncio.run(script_costs(server.port, pages, reruns=8 if quick else 15))
    with serve(BASELINE) as base:
        result["baseline_script"] = asyncio.run(script_costs(base.port, [("", "")], reruns=8 if quick else 15))[""]
    conc = []
    for n in sessions:
        with serve(APP) as server:
            asyncio.run(script_costs(server.port, [("sectors", "lang=en")], reruns=2))  # fill the caches first
            conc.append(asyncio.run(concurrency(server, n, duration=8.0 if quick else 12.0)))
    result["concurrency"] = conc
    result["payloads"] = payloads()
    return result


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def to_markdown(r: dict) -> str:
    base_ready = r["ready"]["baseline"]
    base_script = r["baseline_script"]["rerun_ms"]
    lines = [
        "# Benchmark",
        "",
        f"Measured {r['when']} on {r['machine']}, with `python -m centralasia.bench`. Medians; ratios are against a",
        "one-chart baseline Streamlit app (`centralasia/bench_baseline_app.py`) started and measured the same way in the same run.",
        "",
        "## Start-up (server start → first fully rendered page in headless Chromium)",
        "",
        "| app | seconds | ratio to baseline | target |",
        "|---|---:|---:|---|",
        f"| dashboard | {r['startup']['app']:.2f} | {r['startup']['app'] / r['startup']['baseline']:.2f}× | ≤ 1.2× |",
        f"| baseline | {r['startup']['baseline']:.2f} | 1.00× | |",
        "",
        "## Pages: ready time in the browser, warm rerun on the server, first-run payload",
        "",
        "| page | ready (s) | ratio to baseline (≤ 1.5×) | warm rerun (ms) | above baseline (ms, ≤ 30) | first run (KB sent) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for spec in PAGES:
        name = "" if spec.default else spec.url_path
        s = r["script"][name]
        lines.append(
            f"| {spec.key} | {r['ready'][spec.key]:.2f} | {r['ready'][spec.key] / base_ready:.2f}× | {s['rerun_ms']:.0f} | "
            f"{s['rerun_ms'] - base_script:.0f} | {s['first_run_bytes'] / 1024:.0f} |"
        )
    lines.append(
        f"| *baseline* | {base_ready:.2f} | 1.00× | {base_script:.0f} | 0 | {r['baseline_script']['first_run_bytes'] / 1024:.0f} |"
    )
    lines += [
        "",
        "Warm rerun = request → `script_finished` over Streamlit's websocket on loopback, median of repeated reruns of the same",
        "page; it includes Streamlit's own per-run work, which the one-chart baseline shows. *Above baseline* is this app's share.",
        "",
        "## Concurrency (sessions on the Sectors page, each rerunning every 2 s with a changed sector filter)",
        "",
        "Session starts are spread evenly over the first 2 s; all traffic stays on 127.0.0.1; each session runs for a bounded time.",
        "",
        "| sessions | runs/s | first run p50 (ms) | rerun p50 (ms) | rerun p95 (ms, ≤ 1000) | reruns | errors | server RSS idle → peak (MB) | MB/session |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in r["concurrency"]:
        lines.append(
            f"| {c['sessions']} | {c['runs_per_s']:.1f} | {c['first_p50_ms']:.0f} | {c['rerun_p50_ms']:.0f} | {c['rerun_p95_ms']:.0f} | "
            f"{c['reruns']} | {c['errors']} | {c['rss_idle_mb']:.0f} → {c['rss_peak_mb']:.0f} | {c['mb_per_session']:.1f} |"
        )
    p = r["payloads"]
    lines += [
        "",
        "## Payloads",
        "",
        f"- map figure JSON: {p['map_figure_json_bytes'] / 1024:.0f} KB (target < 400 KB)",
        f"- briefing HTML, all sections: {p['briefing_html_bytes'] / 1_048_576:.2f} MiB (target < 5 MiB)",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m centralasia.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--sessions", nargs="+", type=int, default=[1, 10, 50])
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmark.md"))
    args = parser.parse_args(argv)
    if any(n < 1 or n > 100 for n in args.sessions):
        parser.error("sessions must be between 1 and 100")
    markdown = to_markdown(run(args.quick, args.sessions))
    print(markdown)
    Path(args.output).write_text(markdown, encoding="utf-8")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
