"""A fresh `draft` as the newest release, in Chromium: every page opens without an exception box (issue 23, item 2)."""

from __future__ import annotations

import pytest

from tests.fixtures import fresh_draft, series_release

from .conftest import every_page, new_window, screenshot, served

pytestmark = pytest.mark.browser
pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")


@pytest.fixture(scope="module")
def draft_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh-draft-browser") / "releases"
    series_release(root, "2031-03-01-alt", "2031-03-01", "vertiefen", "die Seidenstraße")
    folder = fresh_draft(root)
    with served(root) as url:
        yield url, folder.name


def test_every_page_opens_with_a_fresh_draft_as_the_newest_release(browser, draft_server):
    url, draft_id = draft_server
    context, page, offline = new_window(browser, url)
    for spec in every_page(page, url, "lang=en"):  # no release=: the newest, the draft
        assert page.get_by_text("This app has encountered an error").count() == 0, spec.key
        if spec.key == "overview":
            assert f"release={draft_id}" in page.url
            assert page.get_by_text("No key messages have been written for this release yet.").count() == 1
            screenshot(page, "fresh_draft_overview")
    assert offline.blocked == [], offline.blocked
    assert offline.errors == [], offline.errors
    context.close()
