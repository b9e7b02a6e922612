"""AppTest with several fixture releases: newest is the default, links pin `release=`, old links open the old
release, same-date releases do not collide; the Releases page lists, searches and shows an entity across releases;
drafts' pending records are hidden unless ?review=1."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from centralasia.charts import registry
from centralasia.charts.registry import PageSpec
from centralasia.release.loader import load_catalog
from tests.fixtures import release_series, series_release

from .conftest import page_text
from .conftest import run_page as run

RELEASES_PAGE = "pages/releases.py"


@pytest.fixture
def series(tmp_path, monkeypatch, serve_releases):
    paths = release_series(tmp_path)
    series_release(tmp_path, "2031-02-01-draft", "2031-02-01", "prüfen", "den Entwurf", pending=True)
    serve_releases(tmp_path)
    if not any(p.file == RELEASES_PAGE for p in registry.PAGES):  # until the page is registered in registry.py
        monkeypatch.setattr(registry, "PAGES", (*registry.PAGES, PageSpec("releases", RELEASES_PAGE, "releases", "📚")))
    yield {key: load_catalog(tmp_path).get(p.name) for key, p in paths.items()} | {"catalog": load_catalog(tmp_path)}


def release_picker(at: AppTest):
    return next(s for s in at.sidebar.selectbox if s.key == "release")


def test_newest_release_is_the_default_and_is_pinned_in_the_url(series):
    at = run(lang="en")
    newest = series["catalog"].releases[0]
    assert release_picker(at).value == newest.id
    assert at.query_params["release"] == newest.id


def test_an_old_link_still_opens_the_old_release(series):
    old = series["old"]
    at = run(lang="de", release=old.id)
    assert release_picker(at).value == old.id
    assert old.meta.title in page_text(at)


def test_same_date_releases_have_distinct_picker_labels_and_return_ids(series):
    at = run(lang="en")
    picker = release_picker(at)
    shown = list(picker.options)  # the labels the reader sees
    assert len(set(shown)) == len(shown)
    picker.set_value(series["same-a"].id).run()
    assert not at.exception
    assert at.query_params["release"] == series["same-a"].id


def test_releases_page_lists_searches_and_shows_an_entity(series):
    at = run(RELEASES_PAGE, lang="en")
    text = page_text(at)
    for key in ("old", "same-a", "same-b"):
        assert series[key].meta.title in text
    at.text_input(key="q").set_value("Getreideausfuhr").run()
    assert not at.exception
    hits = page_text(at)
    assert "<mark>Getreideausfuhr</mark>" in hits and "Matches for" in hits
    links = [link for link in at.get("page_link") if "show in source" in link.proto.label]
    assert any(f"release={series['same-b'].id}" in link.proto.query_string for link in links)


def test_entity_view_shows_quotes_of_every_release_newest_first(series):
    at = run(RELEASES_PAGE, lang="de", entity="tokayev")
    text = page_text(at)
    catalog = series["catalog"]
    visible = [r for r in catalog.releases if r.by_id.get("tokayev")]
    positions = [text.index(r.meta.title_in("de")) for r in visible]
    assert positions == sorted(positions)  # newest first
    assert "Kassym-Schomart Tokajew" in text


def test_pending_records_are_hidden_unless_review_is_asked_for(series, monkeypatch):
    draft = "2031-02-01-draft"
    hidden = page_text(run("pages/overview.py", lang="en", release=draft))
    assert "Tokayev" not in hidden
    # ?review=1 shows pending records to curators only: without the curation switch it shows nothing more
    monkeypatch.delenv("CENTRALASIA_CURATE", raising=False)
    assert "Tokayev" not in page_text(run("pages/overview.py", lang="en", release=draft, review="1"))
    monkeypatch.setenv("CENTRALASIA_CURATE", "1")
    shown = page_text(run("pages/overview.py", lang="en", release=draft, review="1"))
    assert "Kassym-Jomart Tokayev (pending review)" in shown


def test_share_link_and_embed_snippets_pin_the_release_on_screen(series):
    old = series["old"]
    at = run("pages/sectors.py", share_panel=True, lang="en", release=old.id)
    snippets = [c.value for c in at.sidebar.code if "http" in c.value]
    assert len(snippets) >= 2 and all(f"release={old.id}" in s for s in snippets)  # the link and the iframe
    newest = series["catalog"].releases[0]
    at = run("pages/sectors.py", share_panel=True, lang="en")  # no release in the address: the newest is pinned, not left implicit
    assert all(f"release={newest.id}" in c.value for c in at.sidebar.code if "http" in c.value)
