"""Stated data sizes (README, "Data sizes"): a long release text is shown in parts, and a "show in source" link
opens the part holding its passage; the entity picker's labels stay unique (issue 23, item 8)."""

from __future__ import annotations

import re

import pytest

from centralasia.settings import SOURCE_PARAGRAPHS_PER_PART
from tests.fixtures import span, write_release

from .conftest import run_page

PARAGRAPHS = 450


@pytest.fixture
def long_release(tmp_path, serve_releases):
    body = "\n\n".join(f"Absatz {i:04d}: Kasachstan und Turkmenistan sprachen über Energie." for i in range(PARAGRAPHS - 1))
    text = "Kasachstan und Turkmenistan: ein langer Text\n\n" + body + "\n"
    quote = "Absatz 0300"
    records = [{"id": "kazakhstan", "entity": "kazakhstan", "mentions": [span(text, "Kasachstan"), span(text, quote)]}]
    write_release(tmp_path / "2031-05-05-long", text, records, release_id="2031-05-05-long", date="2031-05-05")
    serve_releases(tmp_path)
    return text, span(text, quote)


def paragraph_numbers(at) -> list[int]:
    return [int(m) for e in at.get("html") for m in re.findall(r'data-paragraph="(\d+)"', str(e.proto.body))]


def test_a_long_text_is_shown_in_parts_with_a_picker(long_release):
    at = run_page("pages/source.py", lang="en")
    assert paragraph_numbers(at) == list(range(1, SOURCE_PARAGRAPHS_PER_PART + 1))
    (picker,) = [s for s in at.selectbox if s.key == "part"]
    parts = -(-PARAGRAPHS // SOURCE_PARAGRAPHS_PER_PART)
    assert len(picker.options) == parts and str(PARAGRAPHS) in picker.label
    picker.set_value(parts).run()
    assert paragraph_numbers(at) == list(range((parts - 1) * SOURCE_PARAGRAPHS_PER_PART + 1, PARAGRAPHS + 1))
    assert at.query_params["part"] == str(parts)


def test_a_show_in_source_link_opens_the_part_holding_its_passage(long_release):
    text, quoted = long_release
    at = run_page("pages/source.py", lang="en", passage=f"{quoted['start']}-{quoted['end']}")
    numbers = paragraph_numbers(at)
    held = text[: quoted["start"]].count("\n\n") + 1  # the quote's paragraph, 1-based
    assert held in numbers and len(numbers) <= SOURCE_PARAGRAPHS_PER_PART
    assert any('id="passage"' in str(e.proto.body) for e in at.get("html"))


def test_a_short_text_has_no_parts(tmp_path, serve_releases):
    text = "Kasachstan kurz\n\nZweiter Absatz über Kasachstan.\n"
    write_release(tmp_path / "2031-05-06-short", text, [{"id": "kazakhstan", "entity": "kazakhstan", "mentions": [span(text, "Kasachstan")]}],
                  release_id="2031-05-06-short", date="2031-05-06")  # fmt: skip
    serve_releases(tmp_path)
    at = run_page("pages/source.py", lang="en")
    assert paragraph_numbers(at) == [1, 2] and not [s for s in at.selectbox if s.key == "part"]


def test_beyond_the_promised_number_of_releases_the_releases_page_says_so(tmp_path, serve_releases, monkeypatch):
    from centralasia import settings
    from tests.fixtures import series_release

    series_release(tmp_path, "2031-03-01-a", "2031-03-01", "vertiefen", "die Seidenstraße")
    series_release(tmp_path, "2031-03-02-b", "2031-03-02", "erneuern", "den Hafen")
    serve_releases(tmp_path)
    at = run_page("pages/releases.py", lang="en")
    assert not [c for c in at.caption if "built to stay quick" in c.value]
    monkeypatch.setattr(settings, "PROMISED_RELEASES", 1)  # the limit, lowered for the test
    at = run_page("pages/releases.py", lang="en")
    assert [c for c in at.caption if "holds 2 releases" in c.value and "up to 1" in c.value]
