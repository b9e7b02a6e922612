"""Across releases: the release list, full-text search and the entity view, on fixture releases built here."""

from __future__ import annotations

import datetime as dt

import pytest

from centralasia.release import search, summary
from centralasia.release.loader import load_catalog
from tests.fixtures import SERIES_TEXT, release_series, series_release


@pytest.fixture
def catalog(tmp_path):
    release_series(tmp_path)
    catalog = load_catalog(tmp_path)
    assert not catalog.problems, catalog.problems
    return catalog


def test_release_list_is_newest_first_with_counts(catalog):
    df = search.releases_frame(catalog, "en")
    assert list(df["date"]) == sorted(df["date"], reverse=True)
    assert df["newest"].tolist() == [True, False, False]
    for row in df.itertuples():
        release = catalog.get(row.id)
        assert row.records == len(release.records) and row.mentions == sum(len(r.mentions) for r in release.records)
        assert row.publisher == release.meta.publisher and row.language == "de"


def test_search_finds_words_in_texts_and_quotes_of_every_release(catalog):
    index = search.SearchIndex(catalog)
    hits = index.search("Getreideausfuhr")
    assert [h.release_id for h in hits] == ["2031-03-05-b"]
    hit = hits[0]
    assert hit.source == "text" and search.HIT_START + "Getreideausfuhr" + search.HIT_END in hit.snippet
    release = catalog.get(hit.release_id)
    assert release.paragraphs()[hit.paragraph - 1] == (hit.start, hit.end)
    # a word in every release: newest release first
    dates = [h.date for h in index.search("Tokajew", source="text")]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == 2
    quotes = index.search("Häfen", source="quote")
    assert {h.record_id for h in quotes} == {"ports"} and len(quotes) == 3


def test_search_ignores_case_accents_and_query_syntax(catalog):
    index = search.SearchIndex(catalog)
    assert index.search("tokajew") and index.search("hafen") == index.search("Häfen")
    assert index.search("Getreide") and index.search('"Getreide OR (x) NEAR:') == []
    assert index.search("   ") == [] and index.search("***") == []


def test_entity_view_collects_quotes_of_all_releases_newest_first(catalog):
    df = search.entity_frame(catalog, "tokayev", "de")
    assert df["release_id"].nunique() == 3
    assert list(df["date"]) == sorted(df["date"], reverse=True)
    for row in df.itertuples():
        assert catalog.get(row.release_id).text[row.start : row.end] == row.quote
    assert "tokayev" in search.entity_ids(catalog) and search.entity_label(catalog, "tokayev", "ru") == "Касым-Жомарт Токаев"


def test_picker_labels_are_unique_for_same_date_and_title(catalog, tmp_path):
    labels = summary.unique_release_labels(catalog, "en", lambda d, lang: d.isoformat())
    assert len(set(labels.values())) == len(labels) == 3
    assert "Botschaft A" in labels["2031-03-05-a"] and "Botschaft B" in labels["2031-03-05-b"]
    # same date, title and publisher: the id tells them apart
    series_release(tmp_path, "2031-03-05-c", "2031-03-05", "erneuern", "x", publisher="Botschaft A")
    labels = summary.unique_release_labels(load_catalog(tmp_path), "en", lambda d, lang: d.isoformat())
    assert len(set(labels.values())) == 4 and "2031-03-05-c" in labels["2031-03-05-c"]


def test_paragraph_numbers_count_from_the_headline(catalog):
    release = catalog.releases[0]
    assert search.paragraph_of(release, 0) == 1
    assert search.paragraph_of(release, release.text.index("Tokajew sprach")) == len(release.paragraphs())
    assert SERIES_TEXT.count("\n\n") + 1 == len(release.paragraphs())
    assert isinstance(release.meta.date, dt.date)


def test_entity_picker_labels_are_unique(tmp_path):
    from tests.fixtures import span, write_release

    text = "Tokajew und Tokajew.\n"
    records = [
        {"id": "tokayev", "entity": "tokayev", "mentions": [span(text, "Tokajew")]},
        {"id": "namesake", "kind": "person", "label_de": "Kassym-Schomart Tokajew", "label_en": "Kassym-Jomart Tokayev",
         "role_de": "Namensvetter", "role_en": "namesake", "mentions": [span(text, "Tokajew", 5)]},
    ]  # fmt: skip
    write_release(tmp_path / "r", text, records)
    labels = search.entity_labels(load_catalog(tmp_path), "en")
    assert len(set(labels.values())) == len(labels) == 2
