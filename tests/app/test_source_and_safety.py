"""Source text page, and every page fed a release whose text and labels carry markup."""

from __future__ import annotations

import json

import pytest

from centralasia.registry import PAGES

from ..fixtures import make_release
from .conftest import page_text, run_page


def _html_bodies(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_source_page_highlights_every_mention_and_aligns_the_translation(release):
    at = run_page("pages/source.py", lang="en")
    bodies = _html_bodies(at)
    for r in release.records:
        assert f'data-record="{r.id}"' in bodies
    assert bodies.count("<p style") + bodies.count("<h3") == 2 * len(release.paragraphs())  # original + translation
    assert "Kazakhstan and Turkmenistan deepen partnership" in bodies
    assert "Unofficial translation" in page_text(at)


def test_source_page_filters_by_kind_and_shows_a_record():
    at = run_page("pages/source.py", lang="de", kinds="person", record="tokayev")
    bodies = _html_bodies(at)
    assert 'data-kind="country"' not in bodies and 'data-record="tokayev"' in bodies
    text = page_text(at)
    assert "Person: Kassym-Schomart Tokajew" in text and "Alle Erwähnungen (6)" in text


def test_source_page_without_translation_toggle():
    at = run_page("pages/source.py", lang="en", translation="0")
    assert "Unofficial translation by the dashboard team" not in page_text(at)


@pytest.fixture
def hostile_catalog(monkeypatch, tmp_path):
    from centralasia import loader
    from centralasia.ui import data as ui_data

    make_release(tmp_path / "2030-01-01-fixture")
    ui_data.get_catalog.clear()
    ui_data.get_overlay.clear()
    monkeypatch.setattr(ui_data, "load_catalog", lambda: loader.load_catalog(tmp_path))
    yield
    ui_data.get_catalog.clear()
    ui_data.get_overlay.clear()


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_markup_in_the_data_is_shown_as_text_on_every_page(hostile_catalog, page):
    at = run_page(page, lang="en")
    bodies = _html_bodies(at)
    assert "<script" not in bodies and "<img" not in bodies and "<b>" not in bodies
    for element in [*at.markdown, *at.caption, *at.title, *at.subheader, *at.header]:
        assert "<script" not in element.value and "<img" not in element.value
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert "<script" not in json.dumps(spec, ensure_ascii=False)
        assert "<img" not in json.dumps(spec, ensure_ascii=False)
