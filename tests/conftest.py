"""Shared test fixtures: the release the tests read from data/releases, and a way to copy it for mutation."""

from __future__ import annotations

from pathlib import Path

import pytest

from centralasia import settings
from centralasia.release.loader import Release, load_catalog


def reference_release(root: Path = settings.SHIPPED_RELEASES) -> Path:
    """The release folder the tests read from the shipped data: the oldest under ``root`` (folder names start with
    the date), so adding a newer release changes no test, and replacing the shipped release by another (as
    scripts/fixture_tree.py does) changes none either. Expectations come from what is loaded from it, never from
    numbers copied out of it (those belong in tests/unit/test_shipped_data.py only)."""
    folders = sorted(p for p in root.iterdir() if (p / "metadata.yaml").is_file())
    assert folders, f"no release under {root}"
    return folders[0]


SHIPPED = reference_release()


@pytest.fixture(scope="session")
def release() -> Release:
    catalog = load_catalog(settings.SHIPPED_RELEASES)
    assert not catalog.problems, catalog.problems
    return catalog.get(SHIPPED.name)


@pytest.fixture
def release_copy(tmp_path: Path) -> Path:
    """A writable release folder for a test to break: the stand-in release of tests/fixtures.py (every record kind,
    a translation, key messages), written afresh under ``tmp_path/releases``."""
    from tests.fixtures import stand_in_release

    return stand_in_release(tmp_path / "releases")


def serve_from(patch: pytest.MonkeyPatch, root: Path) -> Path:
    """Point the app's data (``CENTRALASIA_RELEASES``) at ``root`` and drop everything loaded or cached before."""
    from centralasia.ui import data as ui_data

    patch.setenv(settings.RELEASES_ENV, str(root))
    ui_data.forget_data()
    return root


@pytest.fixture
def serve_releases(monkeypatch):
    """serve_releases(root): the app (AppTest, get_catalog) serves the releases in ``root`` for this test."""
    from centralasia.ui import data as ui_data

    yield lambda root: serve_from(monkeypatch, Path(root))
    monkeypatch.undo()
    ui_data.forget_data()


def plotly_values(value):
    """A trace array from a figure's JSON, decoding plotly's typed-array ('bdata') form."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return arr.reshape(value["shape"]).tolist() if "shape" in value and isinstance(value["shape"], list) else arr.tolist()
    return list(value)
