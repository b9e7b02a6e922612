"""The one settings module: where the data lives and which switches the environment sets.

Paths that never change are constants. What the environment may change is read when asked, never at
import: a test or a staging server sets ``CENTRALASIA_RELEASES`` and the next call sees it, and no value
is frozen into a default argument. Functions that read data take their folder as an explicit argument;
only the outermost callers (the app's data module, the CLI) ask this module for the default.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT = PROJECT_ROOT / "data"
# The releases shipped with the repository (the default when CENTRALASIA_RELEASES is not set).
SHIPPED_RELEASES = DATA_ROOT / "releases"
ENTITIES_PATH = DATA_ROOT / "entities.yaml"
VOCAB_PATH = DATA_ROOT / "vocab.yaml"

# Points the app and the CLI at another folder of releases (tests, staging a new release).
RELEASES_ENV = "CENTRALASIA_RELEASES"
DEBUG_ENV = "CENTRALASIA_DEBUG"
WARMUP_ENV = "CENTRALASIA_WARMUP"


def releases_root() -> Path:
    """The folder of releases to serve: ``$CENTRALASIA_RELEASES`` when set, else the shipped one (read on every call)."""
    return Path(os.environ.get(RELEASES_ENV) or SHIPPED_RELEASES)


def debug() -> bool:
    """True when ``$CENTRALASIA_DEBUG`` asks for tracebacks of unexpected failures."""
    return bool(os.environ.get(DEBUG_ENV))


def warmup_enabled() -> bool:
    """False when ``$CENTRALASIA_WARMUP=0`` switches the start-up warm-up off."""
    return os.environ.get(WARMUP_ENV, "1") != "0"


# ---------------------------------------------------------------- the data sizes the app promises (README, "Data sizes")
# Measured by `python -m benchmarks.size`: every page answers a warm rerun within 2 s at these sizes.
PROMISED_RECORDS_PER_RELEASE = 5_000
PROMISED_PARAGRAPHS_PER_RELEASE = 2_000
PROMISED_RELEASES = 200
# The Source page shows a long text in parts of this many paragraphs (?part=N): a run draws a bounded number of elements.
SOURCE_PARAGRAPHS_PER_PART = 200
