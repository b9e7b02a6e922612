"""Writing benchmark results into docs/benchmark.md: each benchmark replaces only its own section."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks.support import PROJECT_ROOT

DEFAULT_OUTPUT = PROJECT_ROOT / "docs" / "benchmark.md"
HEADER = """# Benchmark

Numbers from `python -m benchmarks` (both parts below; `python -m benchmarks.bench` and `python -m benchmarks.cluster`
run one each and replace only their own section). Medians unless marked p95; ratios are against runs made side by
side in the same invocation, so both sides saw the same machine load.
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def load_note(before: float, after: float) -> str:
    """How busy the machine was before the run started (at the end, the load includes the benchmark's own work)."""
    cores = os.cpu_count() or 1
    verdict = (
        "**the machine was busy with other work**, so absolute times are inflated; ratios are the fairer reading"
        if before > 0.5 * cores
        else "the machine was otherwise quiet"
    )
    return (
        f"1-minute load average {before:.1f} before the run on {cores} cores: {verdict} "
        f"(at the end it was {after:.1f}, which includes the benchmark's own servers, browser and load)."
    )


def write_section(name: str, markdown: str, path: Path = DEFAULT_OUTPUT) -> Path:
    """Replace the block between `<!-- name:start -->` and `<!-- name:end -->` (append it when missing)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        if "<!-- " not in text:  # an old, unsectioned file: start afresh
            text = HEADER
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def keep_raw(name: str, result: dict) -> Path:
    """The raw numbers as JSON in the temp folder, so a long run is not lost to a formatting error."""
    path = Path(tempfile.gettempdir()) / f"centralasia-benchmark-{name}.json"
    path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(f"raw results: {path}", file=sys.stderr)
    return path


def publish(name: str, result: dict, markdown: str, path: Path = DEFAULT_OUTPUT) -> None:
    """Keep the raw numbers, print the section and write it into the report (one benchmark's last step)."""
    keep_raw(name, result)
    print(markdown)
    print(f"\nwritten to {write_section(name, markdown, path)}")
