"""Fixtures of the unit layer."""

from __future__ import annotations

import pytest

from centralasia.release.loader import Release, load_catalog

from ..reader_fixture import RELEASE_ID, make_reader_release


@pytest.fixture(scope="session")
def reader_release(tmp_path_factory) -> Release:
    """The reader-page fixture release (tests/reader_fixture.py), loaded once: charts and tables are built from it."""
    root = tmp_path_factory.mktemp("reader-releases")
    make_reader_release(root)
    catalog = load_catalog(root)
    assert not catalog.problems, catalog.problems
    return catalog.get(RELEASE_ID)
