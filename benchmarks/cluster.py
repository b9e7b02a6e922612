"""Benchmark of `scripts/serve.sh`: the same websocket load through HAProxy with 1 and 2 replicas side by side,
chart CSV downloads in fresh browser sessions through the proxy, and one replica killed under load.

    python -m benchmarks.cluster [--sessions 100] [--duration 30] [--rounds 1] [--output docs/benchmark.md]

Needs HAProxy (Debian/Ubuntu: apt-get install haproxy; macOS: brew install haproxy), the `bench` extra and a Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from benchmarks import report
from benchmarks.load import LoadResult, load, median
from benchmarks.support import Cluster, block_outside, cluster, cpu_seconds, haproxy_path, healthy, launch_chromium, rss_mb, wait_for_app

# The kill comes a third into the steady load, so sessions are mid-run on both replicas.
KILL_AT = 1 / 3


async def _sample_rss(c: Cluster, peaks: dict[int, float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for port, pid in c.replica_pids().items():
            peaks[port] = max(peaks.get(port, 0.0), rss_mb(pid))
        await asyncio.sleep(0.5)


def measure_load(replicas: int, sessions: int, duration: float, spread: float, paces: dict[str, float], kill: bool = False) -> dict:
    """The websocket load through serve.sh with `replicas` replicas, once per pace (seconds between a session's
    reruns), on one cluster; with `kill`, one replica gets SIGKILL a third into the (single) load.

    serve.sh has already run every page once on every replica before HAProxy opened, as it does for readers.
    """
    out: dict = {"replicas": replicas, "sessions": sessions}
    with cluster(replicas) as c:
        idle = {port: rss_mb(pid) for port, pid in sorted(c.replica_pids().items())}
        out["rss_idle_mb"] = [round(v) for v in idle.values()]
        for name, interval in paces.items():
            peaks: dict[int, float] = dict(idle)
            killed: dict = {}

            async def kill_one(result: LoadResult, killed=killed) -> None:
                await asyncio.sleep(spread + KILL_AT * duration)
                port, pid = sorted(c.replica_pids().items())[0]
                killed.update(port=port, pid=pid, at_s=time.perf_counter() - result.started, runs_before=result.runs)
                os.kill(pid, signal.SIGKILL)  # a crash, not a clean stop
                deadline = time.monotonic() + 60  # serve.sh restarts it; note when it answers again
                while time.monotonic() < deadline:
                    new = c.replica_pids().get(port)
                    if new and new != pid and await asyncio.to_thread(healthy, f"http://127.0.0.1:{port}"):
                        killed["back_after_s"] = time.perf_counter() - result.started - killed["at_s"]
                        return
                    await asyncio.sleep(0.25)

            async def main(interval=interval, peaks=peaks) -> LoadResult:
                stop = asyncio.Event()
                sampler = asyncio.create_task(_sample_rss(c, peaks, stop))
                result = await load(c.port, sessions, duration, interval=interval, spread=spread, during=kill_one if kill else None)
                stop.set()
                await sampler
                return result

            log_at = c.log.stat().st_size
            pids_before = dict(c.replica_pids())
            print(f"  {name}: {sessions} sessions, a rerun every {interval:g} s, {replicas} replica(s)…", file=sys.stderr)
            # Who used the cores: the replicas, HAProxy and this load generator share them (and other processes may too).
            pids = {"replicas": list(c.replica_pids().values()), "haproxy": [c.haproxy_pid()]}
            cpu_before = {k: sum(cpu_seconds(p) for p in v if p) for k, v in pids.items()}
            client_before, wall_before = time.process_time(), time.perf_counter()
            result = asyncio.run(main())
            wall = time.perf_counter() - wall_before
            cpu = {k: (sum(cpu_seconds(p) for p in v if p) - cpu_before[k]) / wall for k, v in pids.items()}
            cpu["load generator"] = (time.process_time() - client_before) / wall
            out[name] = {**result.summary(), "interval": interval, "rss_peak_mb": [round(v) for _, v in sorted(peaks.items())],
                         "killed": killed, "cpu_cores": cpu, **health_events(c, log_at, pids_before)}  # fmt: skip
    return out


def health_events(c: Cluster, log_from: int, pids_before: dict[int, int]) -> dict:
    """What HAProxy's health checks did during one load (its state changes go to serve.sh's log), and whether each
    replica marked down was in fact alive: the same process before and after, never restarted."""
    with c.log.open("rb") as handle:
        handle.seek(log_from)
        lines = handle.read().decode(errors="replace").splitlines()
    down = [line for line in lines if " is DOWN" in line and "streamlit/" in line]
    alive = {port: pid for port, pid in c.replica_pids().items() if pids_before.get(port) == pid}
    names = {f"replica{i + 1}": port for i, port in enumerate(sorted(pids_before))}
    down_alive = [line for line in down if any(f"streamlit/{n} " in line and port in alive for n, port in names.items())]
    return {"marked_down": len(down), "marked_down_alive": len(down_alive), "no_server": sum("has no server available" in x for x in lines),
            "down_lines": [line[-200:] for line in down[:5]]}  # fmt: skip


def health(sessions: int, duration: float, spread: float, rounds: int) -> dict:
    """The saturation load with 1 and 2 replicas, `rounds` times each: is a busy replica ever taken for a dead one?"""
    result: dict = {"when": report.now(), "machine": report.machine(), "load_before": report.load_average(), "sessions": sessions}
    by_replicas: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(rounds):
        for n in (1, 2):
            by_replicas[n].append(measure_load(n, sessions, duration, spread, {"saturation": PACES["saturation"]}))
    result.update(load=by_replicas, load_after=report.load_average(), duration=duration, spread=spread, rounds=rounds)
    return result


def health_markdown(r: dict) -> str:
    lines = [
        "## Health checks under saturation (`scripts/serve.sh`, deploy/haproxy.cfg)",
        "",
        f"Measured {r['when']} on {r['machine']} with `python -m benchmarks.cluster --health --sessions {r['sessions']} "
        f"--duration {r['duration']:.0f} --rounds {r['rounds']}`. {report.load_note(r['load_before'], r['load_after'])}",
        "",
        f"{r['sessions']} websocket sessions rerun the Sectors page every {PACES['saturation']:g} s (more than the replicas can "
        "serve). Counted from HAProxy's log: replicas marked DOWN, of those the ones whose process was alive throughout, and "
        '"no server available".',
        "",
        "| replicas | round | runs/s | rerun p50 / p95 (ms) | runs | session errors | marked down | of those alive | no server available |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, runs in r["load"].items():
        for i, x in enumerate(runs, 1):
            s = x["saturation"]
            lines.append(f"| {n} | {i} | {s['runs_per_s']:.1f} | {s['rerun_p50_ms']:.0f} / {s['rerun_p95_ms']:.0f} | {s['runs']} | "
                         f"{s['errors']} | {s['marked_down']} | {s['marked_down_alive']} | {s['no_server']} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def downloads(replicas: int, fresh_sessions: int) -> dict:
    """Fresh browser sessions through the proxy each download a chart's CSV; which replica served each one."""
    from playwright.sync_api import sync_playwright

    ok, served, problems = 0, [], []
    with cluster(replicas) as c, sync_playwright() as p:
        browser = launch_chromium(p)
        for i in range(fresh_sessions):
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            blocked: list[str] = []
            block_outside(context, c.url, blocked)
            page = context.new_page()
            try:
                page.goto(f"{c.url}/sectors?lang=en")
                wait_for_app(page)
                button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.get_by_role("button")
                with page.expect_download(timeout=30_000) as info:
                    button.click()
                body = Path(info.value.path()).read_bytes()
                cookie = next((k["value"] for k in context.cookies() if k["name"] == "STREAMLIT_REPLICA"), "none")
                served.append(cookie)
                if info.value.suggested_filename.endswith(".csv") and len(body.splitlines()) >= 2 and not blocked:
                    ok += 1
                else:
                    problems.append(f"session {i + 1}: {info.value.suggested_filename}, {len(body)} bytes, blocked {blocked[:2]}")
            except Exception as exc:  # noqa: BLE001 - a failed download is a measured result
                problems.append(f"session {i + 1}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
            finally:
                context.close()
        browser.close()
    return {"ok": ok, "of": fresh_sessions, "served_by": served, "problems": problems}


PACES = {"readers": 2.0, "saturation": 0.25}


def run(sessions: int, duration: float, spread: float, rounds: int, fresh_sessions: int) -> dict:
    result: dict = {"when": report.now(), "machine": report.machine(), "load_before": report.load_average(), "sessions": sessions}
    by_replicas: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(rounds):  # alternating, so both see the same machine load
        for n in (1, 2):
            by_replicas[n].append(measure_load(n, sessions, duration, spread, PACES))
    result["load"] = by_replicas
    print(f"downloads: {fresh_sessions} fresh browser sessions…", file=sys.stderr)
    result["downloads"] = downloads(2, fresh_sessions)
    print("failover: one of 2 replicas killed under load…", file=sys.stderr)
    result["failover"] = measure_load(2, sessions, duration, spread, {"readers": PACES["readers"]}, kill=True)["readers"]
    result["failover"]["sessions"] = sessions
    result["load_after"] = report.load_average()
    result.update(duration=duration, spread=spread, rounds=rounds, paces=PACES)
    return result


def _med(runs: list[dict], pace: str, key: str) -> float:
    cpu = {"cpu_replicas": "replicas", "cpu_haproxy": "haproxy", "cpu_client": "load generator"}
    if key in cpu:
        return median([r[pace]["cpu_cores"][cpu[key]] for r in runs])
    return median([r[pace][key] for r in runs])


def to_markdown(r: dict) -> str:
    one, two = r["load"][1], r["load"][2]
    ratio = _med(two, "saturation", "runs_per_s") / _med(one, "saturation", "runs_per_s")
    errors = sum(x[pace]["errors"] for x in one + two for pace in r["paces"])
    rounds_note = f" ({r['rounds']} rounds, medians)" if r["rounds"] > 1 else ""
    lines = [
        "## Several processes behind HAProxy (`scripts/serve.sh`)",
        "",
        f"Measured {r['when']} on {r['machine']} with `python -m benchmarks.cluster --sessions {r['sessions']} "
        f"--duration {r['duration']:.0f} --rounds {r['rounds']}`. {report.load_note(r['load_before'], r['load_after'])} "
        "The load generator, HAProxy and the replicas share the same cores.",
        "",
        f"Load: {r['sessions']} websocket sessions through HAProxy on the Sectors page, starts spread over {r['spread']:.0f} s, each "
        f"changing the sector filter for {r['duration']:.0f} s: at a reader's pace (a rerun every {r['paces']['readers']:g} s after "
        f"the previous one finished) and at saturation (every {r['paces']['saturation']:g} s: more than the replicas can serve, "
        "so runs/s is their capacity). Runs/s counts the steady part, when every session is connected. "
        f"1 and 2 replicas alternate{rounds_note}; serve.sh ran every page once on every replica before HAProxy opened.",
        "",
        "| replicas | load | runs/s | first run p50 / p95 (ms) | rerun p50 / p95 (ms) | runs | errors | sessions per replica | RSS per replica idle → peak (MB) | cores used: replicas / HAProxy / load generator |",
        "|---:|---|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for n, runs in ((1, one), (2, two)):
        last = runs[-1]
        for pace in r["paces"]:
            lines.append(
                f"| {n} | {pace} | {_med(runs, pace, 'runs_per_s'):.1f} | {_med(runs, pace, 'first_p50_ms'):.0f} / "
                f"{_med(runs, pace, 'first_p95_ms'):.0f} | {_med(runs, pace, 'rerun_p50_ms'):.0f} / {_med(runs, pace, 'rerun_p95_ms'):.0f} | "
                f"{_med(runs, pace, 'runs'):.0f} | {sum(x[pace]['errors'] for x in runs)} | "
                f"{' / '.join(str(v) for v in last[pace]['sessions_per_replica'].values())} | "
                f"{', '.join(f'{a} → {b}' for a, b in zip(last['rss_idle_mb'], last[pace]['rss_peak_mb'], strict=False))} | "
                f"{_med(runs, pace, 'cpu_replicas'):.2f} / {_med(runs, pace, 'cpu_haproxy'):.2f} / {_med(runs, pace, 'cpu_client'):.2f} |"
            )
    d = r["downloads"]
    f = r["failover"]
    k = f["killed"]
    lines += [
        "",
        f"Capacity with 2 replicas: **{ratio:.2f}×** that of 1 (runs/s at saturation; target ≥ 1.5×: "
        f"{'met' if ratio >= 1.5 else '**missed**'}); errors: {errors} (target 0). At a reader's pace the offered load "
        f"(≈ {r['sessions'] / r['paces']['readers']:.0f} runs/s) is the ceiling for both, and the gain shows as latency instead. "
        "Cores used = CPU seconds per wall-clock second of the load (the machine has "
        f"{os.cpu_count()}); what is missing from the total went to other processes.",
        "",
        f"**Downloads through the proxy:** {d['ok']} of {d['of']} fresh browser sessions downloaded the Sectors chart's CSV "
        f"(replica cookie per session: {', '.join(d['served_by']) or 'none'}).",
    ]
    lines += [f"- {p}" for p in d["problems"]]
    if k:
        back = f" and it answered again after {k['back_after_s']:.1f} s" if "back_after_s" in k else " (it did not answer within 60 s)"
        lines += [
            "",
            f"**One replica killed under load:** 2 replicas, {f['sessions']} sessions at a reader's pace; after {k['at_s']:.0f} s the "
            f"replica on port {k['port']} got SIGKILL (a crash). {f['disconnects']} sessions lost their connection; {f['reconnected']} "
            f"reconnected through the proxy with their old cookie and reran their page on the surviving replica (reconnect p50 "
            f"{f['reconnect_p50_ms']:.0f} ms, max {f['reconnect_max_ms']:.0f} ms). Errors: {f['errors']}"
            f"{' (' + ', '.join(f'{n}× {what}' for what, n in f['error_kinds'].items()) + ')' if f['errors'] else ''}. "
            f"Runs/s in the steady part: {f['runs_per_s']:.1f}. serve.sh restarted the replica{back}.",
            "What a reader loses: the session's in-memory state (a widget not yet in the URL, a pending download); the page itself "
            "comes back from its URL, because every filter is bound to the query string.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.cluster", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds each session keeps rerunning")
    parser.add_argument("--spread", type=float, default=10.0, help="session starts are spread over this many seconds")
    parser.add_argument("--rounds", type=int, default=1, help="how many times 1 and 2 replicas are measured, alternating")
    parser.add_argument("--downloads", type=int, default=6, help="fresh browser sessions that download a CSV")
    parser.add_argument("--output", type=Path, default=report.DEFAULT_OUTPUT)
    parser.add_argument("--health", action="store_true", help="only the saturation load, 1 and 2 replicas: count replicas marked down")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 200 or not 5 <= args.duration <= 300 or not 1 <= args.rounds <= 5:
        parser.error("sessions 1–200, duration 5–300 s, rounds 1–5")
    if haproxy_path() is None:
        sys.exit("the cluster benchmark needs HAProxy: apt-get install haproxy (Debian/Ubuntu) or brew install haproxy (macOS)")
    if args.health:
        result = health(args.sessions, args.duration, args.spread, args.rounds)
        report.publish("cluster-health", result, health_markdown(result), args.output)
        return 0
    result = run(args.sessions, args.duration, args.spread, args.rounds, args.downloads)
    report.publish("cluster", result, to_markdown(result), args.output)
    return 0


if __name__ == "__main__":
    from benchmarks import require_extras

    require_extras()
    sys.exit(main())
