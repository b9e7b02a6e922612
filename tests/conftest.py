"""Shared test fixtures: the shipped release and a way to copy it for mutation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from centralasia.release.loader import RELEASES_ROOT, Release, load_catalog

SHIPPED = RELEASES_ROOT / "2025-12-12-kasachstan-turkmenistan"


@pytest.fixture(scope="session")
def release() -> Release:
    catalog = load_catalog()
    assert not catalog.problems, catalog.problems
    return catalog.get("2025-12-12-kasachstan-turkmenistan")


@pytest.fixture
def release_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped release folder."""
    target = tmp_path / "releases" / SHIPPED.name
    shutil.copytree(SHIPPED, target)
    return target


def plotly_values(value):
    """A trace array from a figure's JSON, decoding plotly's typed-array ('bdata') form."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return arr.reshape(value["shape"]).tolist() if "shape" in value and isinstance(value["shape"], list) else arr.tolist()
    return list(value)
