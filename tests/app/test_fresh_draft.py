"""A fresh `draft` (``key_messages: []``, every record pending review) as the newest release: every page renders
without an exception, and the Overview says that no key messages are written yet (issue 23, item 2)."""

from __future__ import annotations

import pytest

from centralasia.charts.registry import PAGES
from centralasia.i18n import t
from centralasia.release.loader import load_catalog
from centralasia.safe_text import html_text
from tests.fixtures import fresh_draft, series_release

from .conftest import page_text, run_page

pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")


@pytest.fixture(scope="module")
def draft_root(tmp_path_factory):
    from ..conftest import serve_from

    root = tmp_path_factory.mktemp("fresh-draft") / "releases"
    series_release(root, "2031-03-01-alt", "2031-03-01", "vertiefen", "die Seidenstraße")  # an older, reviewed release
    folder = fresh_draft(root)
    catalog = load_catalog(root)
    assert not catalog.problems, catalog.problems
    newest = catalog.releases[0]
    assert newest.folder == folder and newest.meta.key_messages == [], "the draft is the newest release, as written"
    patch = pytest.MonkeyPatch()
    serve_from(patch, root)
    yield newest
    patch.undo()
    from centralasia.ui import data as ui_data

    ui_data.forget_data()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_every_page_renders_with_a_fresh_draft_as_the_newest_release(draft_root, page, lang):
    at = run_page(page, lang=lang)  # no release= : the reader gets the newest, the draft
    assert not at.exception, at.exception
    assert at.query_params["release"] == draft_root.id


def test_the_overview_of_a_fresh_draft_says_no_key_messages_are_written_yet(draft_root):
    at = run_page(None, lang="en")
    assert html_text(t("overview.no_key_messages", "en")) in page_text(at)
    assert t("overview.key_messages", "en") in page_text(at)
