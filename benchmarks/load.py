"""Websocket load: sessions that speak Streamlit's own protocol (BackMsg/ForwardMsg), as a browser tab does.

A session connects to /_stcore/stream, asks for a page, then reruns it every `interval` seconds with a changed
filter, and records the time from request to `script_finished`. Through HAProxy it keeps the stickiness
cookie from the websocket handshake, as a browser keeps the one from the page; when its connection drops it
reconnects with that cookie, as Streamlit's client does after its "Connecting…" notice, and reruns the page.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from functools import cache


@cache
def sector_choices() -> tuple[str, ...]:
    """The Sectors filter's choices as the browser sends them (English labels of the newest release, and "All")."""
    from centralasia import settings
    from centralasia.i18n import t
    from centralasia.release.loader import load_catalog

    release = load_catalog(settings.releases_root()).releases[0]
    return (*(s.label("en") for s in release.of_kind("sector")), t("filter.all", "en"))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class RunResult:
    seconds: float
    bytes: int
    ok: bool
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # user key → (widget id, element type)


async def connect(port: int, cookie: str | None = None):
    import websockets

    headers = {"Cookie": cookie} if cookie else None
    return await websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=30, additional_headers=headers
    )


def sticky_cookie(ws) -> str | None:
    """The `name=value` of a cookie HAProxy set on the handshake (None when talking to a replica directly)."""
    value = ws.response.headers.get("Set-Cookie") if ws.response is not None else None
    return value.split(";", 1)[0] if value else None


async def run_page(ws, page_name: str, query: str, widget_states=None, timeout: float = 30) -> RunResult:
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


def select(widget_id: str, label: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    state = states.widgets.add()
    state.id = widget_id
    state.string_value = label
    return states


async def script_costs(port: int, pages: list[tuple[str, str]], reruns: int) -> dict[str, dict]:
    """Per page: bytes of the first run, and the median warm rerun (request → script finished) in ms."""
    out = {}
    for name, query in pages:
        ws = await connect(port)
        try:
            first = await run_page(ws, name, query)
            await run_page(ws, name, query)  # warm the caches
            times = [(await run_page(ws, name, query)).seconds for _ in range(reruns)]
            out[name] = {"first_run_bytes": first.bytes, "first_run_ok": first.ok, "rerun_ms": 1000 * median(times)}
        finally:
            await ws.close()
    return out


@dataclass
class LoadResult:
    first: list[float] = field(default_factory=list)
    reruns: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    disconnects: int = 0
    reconnects: list[float] = field(default_factory=list)  # seconds from a dropped connection to the page rerun elsewhere
    replicas_seen: dict[str, int] = field(default_factory=dict)  # stickiness cookie → sessions that got it first
    done_at: list[float] = field(default_factory=list)  # perf_counter() when each run finished
    started: float = 0.0
    finished: float = 0.0
    window: tuple[float, float] | None = None  # seconds after start when every session is running: throughput is counted here

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    @property
    def runs(self) -> int:
        return len(self.first) + len(self.reruns)

    def ran(self, seconds: float, first: bool = False) -> None:
        (self.first if first else self.reruns).append(seconds)
        self.done_at.append(time.perf_counter())

    def throughput(self) -> float:
        """Runs per second while every session is running (all connected, none finished yet); whole run if unknown."""
        if self.window is None:
            return self.runs / max(self.finished - self.started, 1e-9)
        lo, hi = self.window
        return sum(lo <= t - self.started < hi for t in self.done_at) / (hi - lo)

    def summary(self) -> dict:
        return {
            "runs": self.runs,
            "runs_per_s": self.throughput(),
            "first_p50_ms": 1000 * median(self.first),
            "first_p95_ms": 1000 * p95(self.first),
            "rerun_p50_ms": 1000 * median(self.reruns),
            "rerun_p95_ms": 1000 * p95(self.reruns),
            "reruns": len(self.reruns),
            "errors": self.errors,
            "error_kinds": dict(self.error_kinds),
            "disconnects": self.disconnects,
            "reconnected": len(self.reconnects),
            "reconnect_p50_ms": 1000 * median(self.reconnects),
            "reconnect_max_ms": 1000 * max(self.reconnects, default=float("nan")),
            "sessions_per_replica": dict(sorted(self.replicas_seen.items())),
        }


async def _open_session(port: int, cookie: str | None, result: LoadResult, page: str, query: str, first_timeout: float):
    ws = await connect(port, cookie)
    cookie = cookie or sticky_cookie(ws)
    first = await run_page(ws, page, query, timeout=first_timeout)
    return ws, cookie, first


async def session(port: int, result: LoadResult, duration: float, interval: float, delay: float, reconnect_within: float = 30.0) -> None:
    """One reader on the Sectors page changing the sector filter every `interval` s until `duration` is over."""
    import websockets

    await asyncio.sleep(delay)
    page, query = "sectors", "lang=en"
    try:
        ws, cookie, first = await _open_session(port, None, result, page, query, first_timeout=120)
    except Exception as exc:  # noqa: BLE001 - a refused or failed session is a measured error, not a crash of the benchmark
        result.error(f"connect: {type(exc).__name__}")
        return
    result.ran(first.seconds, first=True)
    result.replicas_seen[cookie or "direct"] = result.replicas_seen.get(cookie or "direct", 0) + 1
    if not first.ok or "sector" not in first.widgets:
        result.error("first run failed")
        await ws.close()
        return
    widget_id = first.widgets["sector"][0]
    end = time.monotonic() + duration
    i = 0
    while time.monotonic() < end:
        tick = time.monotonic()
        try:
            choices = sector_choices()
            run = await run_page(ws, page, query, select(widget_id, choices[i % len(choices)]), timeout=60)
            result.ran(run.seconds)
            if not run.ok:
                result.error("rerun failed")
        except (TimeoutError, websockets.ConnectionClosed, OSError) as exc:
            # The replica went away. Reconnect through the proxy with the same cookie, as the browser does.
            result.disconnects += 1
            lost = time.monotonic()
            ws = None
            while ws is None and time.monotonic() - lost < reconnect_within:
                try:
                    ws, _, first = await _open_session(port, cookie, result, page, query, first_timeout=60)
                except Exception:  # noqa: BLE001
                    await asyncio.sleep(0.5)
            if ws is None or not first.ok:
                result.error(f"no reconnect after {type(exc).__name__}")
                return
            result.reconnects.append(time.monotonic() - lost)
            result.ran(first.seconds, first=True)
            widget_id = first.widgets["sector"][0]
        except Exception as exc:  # noqa: BLE001
            result.error(f"rerun: {type(exc).__name__}")
            break
        i += 1
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - tick)))
    await ws.close()


async def load(port: int, sessions: int, duration: float, interval: float = 2.0, spread: float = 2.0, during=None) -> LoadResult:
    """`sessions` readers whose starts are spread evenly over `spread` s; `during(result)` runs alongside (e.g. a kill)."""
    # Throughput counts the steady part: from the last session's start (plus a first run) to the first session's end.
    sector_choices()  # read the data before the clock starts
    result = LoadResult(started=time.perf_counter(), window=(spread + 2.0, duration) if duration > spread + 4.0 else None)
    tasks = [asyncio.create_task(session(port, result, duration, interval, delay=i * spread / sessions)) for i in range(sessions)]
    side = asyncio.create_task(during(result)) if during else None
    await asyncio.gather(*tasks)
    result.finished = time.perf_counter()
    if side:
        await side
    return result
