"""Benchmark of one Streamlit process: start-up, page-ready time, warm rerun cost, concurrency and payloads,
each against a one-chart baseline app (benchmarks/baseline_app.py) measured the same way in the same run.

    python -m benchmarks.bench [--quick] [--sessions 1 10 50] [--output docs/benchmark.md]

`python -m benchmarks` runs this and the HAProxy cluster benchmark (benchmarks/cluster.py) one after the other.
Needs the `bench` extra (`pip install -e ".[bench]"`) and a Chromium (CHROMIUM_PATH or `chromium` on the PATH).
Every server runs on 127.0.0.1 and every load loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from benchmarks import report
from benchmarks.load import load, median, script_costs
from benchmarks.support import APP, BASELINE_APP, CHARTS_DRAWN, PROJECT_ROOT, SCRIPT_DONE, launch_chromium, rss_mb, streamlit_server

TIMEOUT_S = 60


def _wait_rendered(page) -> None:
    """Script finished, nothing loading, every chart drawn for its box: all in one look, so a box report's rerun that
    has started in between cannot pass for a finished page."""
    page.wait_for_function(f'() => !!document.querySelector("{SCRIPT_DONE}") && ({CHARTS_DRAWN})()', timeout=TIMEOUT_S * 1000)


def _open(browser, url: str) -> float:
    """Seconds from navigation to a fully rendered page (script finished, every chart drawn), in a fresh context."""
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


def concurrency(server, sessions: int, duration: float = 12.0, interval: float = 2.0) -> dict:
    pid = server.proc.pid
    idle = rss_mb(pid)
    peak = idle
    sampling = True

    async def sample(_result):
        nonlocal peak
        while sampling:
            peak = max(peak, rss_mb(pid))
            await asyncio.sleep(0.25)

    async def main():
        nonlocal sampling
        task = asyncio.create_task(sample(None))
        # Users do not click in lock-step: session starts are spread evenly over the first interval.
        result = await load(server.port, sessions, duration, interval, spread=interval)
        sampling = False
        await task
        return result

    summary = asyncio.run(main()).summary()
    return {"sessions": sessions, **summary, "rss_idle_mb": idle, "rss_peak_mb": peak, "mb_per_session": (peak - idle) / sessions}


# ---------------------------------------------------------------- the run


def briefing_bytes() -> int:
    """Size of the one-file briefing with every section, as the CLI writes it (the page offers the same bytes)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing.html"
        subprocess.run([sys.executable, "-m", "centralasia", "briefing", "--lang", "en", "-o", str(out)], cwd=PROJECT_ROOT, check=True,
                       capture_output=True)  # fmt: skip
        return out.stat().st_size


def run(quick: bool, sessions: list[int]) -> dict:
    from playwright.sync_api import sync_playwright

    from centralasia.charts.registry import PAGES
    from centralasia.ui.warmup import WARMUP_ENV

    # Start-up varies most from run to run (it is a second or two of contended CPU), so it gets the most repeats.
    startups = 3 if quick else 9
    visits = 3 if quick else 5
    result: dict = {"when": report.now(), "machine": report.machine(), "load_before": report.load_average()}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        # The dashboard as served (with its warm-up), the same with the warm-up off, and the baseline app.
        variants = {"app": (APP, {}), "cold": (APP, {WARMUP_ENV: "0"}), "baseline": (BASELINE_APP, {})}
        startup: dict[str, list[float]] = {k: [] for k in variants}
        healthy: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(startups):  # interleaved, so all three see the same machine load
            for name, (app, env) in variants.items():
                t0 = time.perf_counter()
                with streamlit_server(app, env=env) as server:
                    healthy[name].append(time.perf_counter() - t0)
                    _open(browser, f"{server.url}/?lang=en")
                    startup[name].append(time.perf_counter() - t0)
        result["startup"] = {k: median(v) for k, v in startup.items()}
        result["startups"] = startups
        result["startup_runs"] = startup
        result["startup_healthy"] = {k: median(v) for k, v in healthy.items()}

        ready: dict[str, float] = {}
        with streamlit_server(BASELINE_APP) as base:
            _open(browser, base.url)  # warm
            ready["baseline"] = median([_open(browser, base.url) for _ in range(visits)])
        with streamlit_server(APP) as server:
            for spec in PAGES:
                path = f"{server.url}/{spec.link_path}?lang=en" + ("&chart=route-map" if spec.hidden else "")
                _open(browser, path)  # warm the server's caches for this page
                ready[spec.key] = median([_open(browser, path) for _ in range(visits)])
        browser.close()
        result["ready"] = ready
    # The websocket measurements run outside Playwright's event loop.
    pages = [(p.url_path if not p.default else "", "lang=en" + ("&chart=route-map" if p.hidden else "")) for p in PAGES]
    with streamlit_server(APP) as server:
        result["script"] = asyncio.run(script_costs(server.port, pages, reruns=8 if quick else 15))
    with streamlit_server(BASELINE_APP) as base:
        result["baseline_script"] = asyncio.run(script_costs(base.port, [("", "")], reruns=8 if quick else 15))[""]
    conc = []
    for n in sessions:
        with streamlit_server(APP) as server:
            asyncio.run(script_costs(server.port, [("sectors", "lang=en")], reruns=2))  # fill the caches first
            conc.append(concurrency(server, n, duration=8.0 if quick else 12.0))
    result["concurrency"] = conc
    result["briefing_bytes"] = briefing_bytes()
    result["load_after"] = report.load_average()
    return result


def to_markdown(r: dict) -> str:
    from centralasia.charts.registry import PAGES

    base_ready = r["ready"]["baseline"]
    base_script = r["baseline_script"]["rerun_ms"]
    start_ratio = r["startup"]["app"] / r["startup"]["baseline"]
    worst = max((k for k in r["ready"] if k != "baseline"), key=lambda k: r["ready"][k])
    lines = [
        "## One process",
        "",
        f"Measured {r['when']} on {r['machine']} with `python -m benchmarks.bench{' --quick' if r.get('quick') else ''}`. "
        "Ratios are against a one-chart baseline Streamlit app (`benchmarks/baseline_app.py`) started and measured the same way "
        f"in the same run. {report.load_note(r['load_before'], r['load_after'])}",
        "",
        "### Start-up (`streamlit run` → first fully rendered page in headless Chromium)",
        "",
        "| app | to /_stcore/health (s) | to first rendered page (s) | ratio to baseline | target |",
        "|---|---:|---:|---:|---|",
        f"| dashboard | {r['startup_healthy']['app']:.2f} | {r['startup']['app']:.2f} | {start_ratio:.2f}× | ≤ 1.3× "
        f"({'met' if start_ratio <= 1.3 else '**missed**'}) |",
        *(
            [
                f"| dashboard, warm-up off (`CENTRALASIA_WARMUP=0`) | {r['startup_healthy']['cold']:.2f} | {r['startup']['cold']:.2f} | "
                f"{r['startup']['cold'] / r['startup']['baseline']:.2f}× | |"
            ]  # fmt: skip
            if "cold" in r["startup"]
            else []
        ),
        f"| baseline | {r['startup_healthy']['baseline']:.2f} | {r['startup']['baseline']:.2f} | 1.00× | |",
        "",
        f"Medians of {r.get('startups', 3)} starts each, interleaved. The first page is the Overview in English; the server warms",
        "up as it starts (centralasia/ui/warmup.py) while the browser fetches Streamlit's JavaScript.",
        "",
        "### Pages: ready time in the browser, warm rerun on the server, first-run payload",
        "",
        f"Target: every page ready ≤ 1.5× the baseline; slowest here: {worst}, "
        f"{r['ready'][worst] / base_ready:.2f}× ({'met' if r['ready'][worst] / base_ready <= 1.5 else '**missed**'}).",
        "",
        "| page | ready (s) | ratio to baseline | warm rerun (ms) | above baseline (ms) | first run (KB sent) |",
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
        "Ready = navigation → script finished, no element still loading its code, every chart drawn and composed for its box",
        "(after the one rerun a page's width report causes), in a fresh browser context (1400×1000) on a warm server. Warm rerun =",
        "request → `script_finished` over Streamlit's websocket on loopback; it includes Streamlit's own per-run work, which the",
        "baseline shows. *Above baseline* is this app's share. First run = bytes the server sends for the page's first run",
        "(the map page's figure JSON dominates its row).",
        "",
        "### Concurrency on one process (Sectors page, each session reruns every 2 s with a changed sector filter)",
        "",
        "Session starts are spread evenly over the first 2 s; all traffic stays on 127.0.0.1; each session runs for a bounded time.",
        "",
        "| sessions | runs/s | first run p50 / p95 (ms) | rerun p50 / p95 (ms) | reruns | errors | RSS idle → peak (MB) | MB/session |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in r["concurrency"]:
        lines.append(
            f"| {c['sessions']} | {c['runs_per_s']:.1f} | {c['first_p50_ms']:.0f} / {c['first_p95_ms']:.0f} | "
            f"{c['rerun_p50_ms']:.0f} / {c['rerun_p95_ms']:.0f} | {c['reruns']} | {c['errors']} | "
            f"{c['rss_idle_mb']:.0f} → {c['rss_peak_mb']:.0f} | {c['mb_per_session']:.1f} |"
        )
    lines += ["", f"Briefing file, all sections (`python -m centralasia briefing`): {r['briefing_bytes'] / 1_048_576:.2f} MiB.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--sessions", nargs="+", type=int, default=[1, 10, 50])
    parser.add_argument("--output", type=Path, default=report.DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if any(n < 1 or n > 100 for n in args.sessions):
        parser.error("sessions must be between 1 and 100")
    result = run(args.quick, args.sessions)
    result["quick"] = args.quick
    report.publish("one-process", result, to_markdown(result), args.output)
    return 0


if __name__ == "__main__":
    from benchmarks import require_extras

    require_extras()
    sys.exit(main())
