"""Measure how the loader, `validate` and the briefing cache behave on broken and hostile input.

Usage: .venv/bin/python scripts/reliability.py [--skip-cache]

Prints a Markdown table (the README's "Reliability" section quotes it). Each `validate` case runs in a
fresh subprocess: wall time and the child's peak resident memory (ru_maxrss). The briefing-cache case
builds briefings for 280 random ?sections= combinations, once through the byte-bounded cache the app
uses and once through a 64-entry cache (what st.cache_data(max_entries=64) bounded), and reports the
resident-memory growth of each.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.hostile import alias_bomb, copy_with_id  # noqa: E402  (the test suite's hostile inputs, one copy)

GOOD = ROOT / "data" / "releases" / "2025-12-12-kasachstan-turkmenistan"


def copy_as(target: Path, release_id: str) -> Path:
    return copy_with_id(GOOD, target, release_id)


CASES = {
    "good release only": None,
    "alias bomb, depth 7 (in `id`)": lambda f: (f / "records.yaml").write_bytes(alias_bomb(7)),
    "alias bomb, depth 9 (in `id`)": lambda f: (f / "records.yaml").write_bytes(alias_bomb(9)),
    "`[` × 100,000": lambda f: (f / "records.yaml").write_bytes(b"[" * 100_000),
    "`[` × 200,000 + `]` × 200,000": lambda f: (f / "records.yaml").write_bytes(b"[" * 200_000 + b"]" * 200_000 + b"\n"),
    "`- ` × 200,000 (block nesting)": lambda f: (f / "records.yaml").write_bytes(b"- " * 200_000 + b"x\n"),
    "records.yaml is a folder": lambda f: ((f / "records.yaml").unlink(), (f / "records.yaml").mkdir()),
    "33 MB records.yaml": lambda f: (f / "records.yaml").write_bytes(
        (f / "records.yaml").read_bytes() * (33 * 1024 * 1024 // (f / "records.yaml").stat().st_size)
    ),
    "4.9 MB records.yaml (just under the limit; duplicate ids)": lambda f: (f / "records.yaml").write_bytes(
        (f / "records.yaml").read_bytes() * (4_900_000 // (f / "records.yaml").stat().st_size)
    ),
    "empty records.yaml": lambda f: (f / "records.yaml").write_bytes(b""),
    "metadata.yaml cut to its first third": lambda f: (f / "metadata.yaml").write_bytes(
        (f / "metadata.yaml").read_bytes()[: (f / "metadata.yaml").stat().st_size // 3]
    ),
    "release text with CRLF line endings": lambda f: (f / "release.de.txt").write_bytes(
        (f / "release.de.txt").read_bytes().replace(b"\n", b"\r\n")
    ),
    "text_file: ../../tmp/x/evil.txt": lambda f: (f / "metadata.yaml").write_text(
        (f / "metadata.yaml").read_text(encoding="utf-8").replace("text_file: release.de.txt", "text_file: ../../tmp/x/evil.txt"),
        encoding="utf-8",
    ),
}


def run_limited(args: list[str]) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak RSS (MB) and stderr of a command, measured in a fresh wrapper process."""
    wrapper = (
        "import json,resource,subprocess,sys,time\n"
        "t=time.monotonic(); p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
        "print(json.dumps([p.returncode,time.monotonic()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024,p.stderr]))"
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    code, seconds, rss, err = json.loads(out.stdout)
    return code, seconds, rss, err


def validate_cases() -> list[str]:
    rows = ["| input (next to the good release) | exit | seconds | peak RSS MB | message |", "|---|---|---|---|---|"]
    for name, breaker in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copytree(GOOD, root / GOOD.name)
            if breaker is not None:
                breaker(copy_as(root / "2026-01-01-second", "2026-01-01-second"))
            code, seconds, rss, err = run_limited([sys.executable, "-m", "centralasia", "validate", str(root), "--geo", "none"])
            first = err.strip().splitlines()[0] if err.strip() else "(none)"
            message = first.split("2026-01-01-second/", 1)[-1].replace("|", "\\|")[:110]
            rows.append(f"| {name} | {code} | {seconds:.2f} | {rss:.0f} | {message} |")
    return rows


CACHE_RUN = """
import random, resource, sys, json
sys.path.insert(0, {root!r})
from centralasia.publish.briefing import SECTIONS, build_briefing
from centralasia.publish.bytecache import ByteBudgetCache
from centralasia.route.geo import project_layers, read_layers
from centralasia import settings
from centralasia.release.loader import load_catalog
from centralasia.route.mapstyle import VIEWS
from collections import OrderedDict
release = load_catalog(settings.releases_root()).releases[0]
layers = read_layers(); geo = (layers, project_layers(layers, views=VIEWS))
build_briefing(release, "en", SECTIONS, geo)
rss = lambda: int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
before = rss()
rng = random.Random(13)
kind = sys.argv[1]
cache = ByteBudgetCache(64 * 1024 * 1024) if kind == "bytes" else OrderedDict()
for _ in range(280):
    sections = tuple(rng.sample(SECTIONS, rng.randint(1, len(SECTIONS))))
    key = ("r", "en", sections)
    if kind == "bytes":
        cache.get_or_build(key, lambda: build_briefing(release, "en", sections, geo))
    else:
        if key not in cache:
            cache[key] = build_briefing(release, "en", sections, geo)
            if len(cache) > 64:
                cache.popitem(last=False)
print(json.dumps([before, rss(), len(cache)]))
"""


def cache_case() -> list[str]:
    rows = [
        "| briefing cache, 280 random `?sections=` | entries kept | RSS before MB | RSS after MB | growth MB |",
        "|---|---|---|---|---|",
    ]
    for kind, label in (("entries", "64 entries (the old bound)"), ("bytes", "64 MB byte budget (now)")):
        out = subprocess.run(
            [sys.executable, "-c", CACHE_RUN.format(root=str(ROOT)), kind], capture_output=True, text=True, cwd=ROOT, timeout=1200
        )
        before, after, kept = json.loads(out.stdout)
        rows.append(f"| {label} | {kept} | {before:.0f} | {after:.0f} | {after - before:.0f} |")
    return rows


def main() -> None:
    started = time.monotonic()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("\n".join(validate_cases()))
    if "--skip-cache" not in sys.argv:
        print()
        print("\n".join(cache_case()))
    print(
        f"\n(total {time.monotonic() - started:.0f} s; this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
