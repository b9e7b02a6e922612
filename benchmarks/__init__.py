"""Benchmarks of the dashboard (maintainer tools, not part of the app): `python -m benchmarks`.

Kept out of the `centralasia` package and out of requirements.txt; they need the `bench` extra.
"""

from __future__ import annotations

import importlib.util
import sys

# module to import → package to install
NEEDED = {"playwright": "playwright", "websockets": "websockets"}


def require_extras() -> None:
    """Exit with one clear line when the benchmark's extra dependencies are missing."""
    missing = [package for module, package in NEEDED.items() if importlib.util.find_spec(module) is None]
    if missing:
        sys.exit(f"the benchmark needs {', '.join(missing)}: pip install -e '.[bench]' (and a Chromium: apt-get install chromium)")
