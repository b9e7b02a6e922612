"""`python -m benchmarks`: the one-process benchmark, then the HAProxy cluster benchmark; both write docs/benchmark.md.

    python -m benchmarks [--quick]

For one part only: `python -m benchmarks.bench --help`, `python -m benchmarks.cluster --help`.
"""

from __future__ import annotations

import sys

from benchmarks import require_extras

require_extras()

from benchmarks import bench, cluster  # noqa: E402 - after the check, so a missing extra gives one clear line

quick = "--quick" in sys.argv[1:]
if set(sys.argv[1:]) - {"--quick"}:
    sys.exit(__doc__)
status = bench.main(["--quick"] if quick else [])
status = status or cluster.main(["--duration", "15", "--downloads", "3"] if quick else [])
sys.exit(status)
