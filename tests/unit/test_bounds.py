"""Hostile YAML is refused within a bound: `validate` on an alias bomb and on 200,000-deep nesting.

Each run is a fresh `python -m centralasia validate` in a subprocess with a hard address-space limit
(RLIMIT_AS, so a regression fails instead of eating the machine) and a 10 s timeout; the assertion is
on the child's peak resident memory (ru_maxrss) < 300 MB and wall time < 10 s. This is a bound, not
a benchmark: the real numbers (about 1 s and 150 MB, the same as validating the good release) are in
the README's "Reliability" section.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from centralasia.settings import PROJECT_ROOT
from tests.hostile import alias_bomb

from .test_loader import GOOD, _second

# Every test here runs `python -m centralasia validate` in a subprocess.
pytestmark = pytest.mark.slow

# Importing pandas/pydantic/shapely maps ~1 GB of address space before any data is read; the limit
# stops a runaway (the unbounded loader reached 4 GB), the assertion checks resident memory.
ADDRESS_SPACE_LIMIT = 2 * 1024**3
MAX_SECONDS = 10
MAX_RSS_MB = 300

RUNNER = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    limit, timeout, args = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    started = time.monotonic()
    try:
        proc = subprocess.run(args, preexec_fn=cap, capture_output=True, text=True, timeout=timeout)
        code, err = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        code, err = "timeout", ""
    seconds = time.monotonic() - started
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"code": code, "seconds": seconds, "rss_mb": rss_mb, "stderr": err[-2000:]}))
    """
)


def measure_validate(path: Path) -> dict:
    """Run `validate path` in a fresh, limited process; its exit code, seconds, peak RSS (MB), stderr."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, str(ADDRESS_SPACE_LIMIT), str(MAX_SECONDS),
         sys.executable, "-m", "centralasia", "validate", str(path)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=60,
    )  # fmt: skip
    return json.loads(out.stdout)


def _deep(folder: Path) -> None:
    (folder / "records.yaml").write_bytes(b"[" * 200_000 + b"]" * 200_000 + b"\n")


def _deep_block(folder: Path) -> None:
    (folder / "records.yaml").write_bytes(b"- " * 200_000 + b"x\n")


def _bomb_in_kind(folder: Path) -> None:
    (folder / "records.yaml").write_bytes(alias_bomb(9, field="kind"))


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda f: (f / "records.yaml").write_bytes(alias_bomb(9)), "repeat values to more than 100,000 nodes"),
        (_bomb_in_kind, "repeat values to more than 100,000 nodes"),
        (_deep, "nesting depth"),
        (_deep_block, "nested deeper than 32 levels"),
    ],
    ids=["alias bomb in id", "alias bomb in kind", "200k-deep flow nesting", "200k-deep block nesting"],
)
def test_validate_refuses_hostile_yaml_within_10_s_and_300_mb(make, expected, release_copy):
    make(_second(release_copy))
    result = measure_validate(release_copy.parent)
    assert result["code"] == 1, result
    assert result["seconds"] < MAX_SECONDS and result["rss_mb"] < MAX_RSS_MB, result
    lines = [line for line in result["stderr"].splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result["stderr"], lines


def test_the_bound_harness_lets_a_good_release_through(release_copy, tmp_path):
    only = tmp_path / "only"
    only.mkdir()
    shutil.copytree(release_copy, only / GOOD)
    result = measure_validate(only)
    assert result["code"] == 0, result
