"""Highlighting escapes the text, handles overlapping quotes, links each highlight to its record and outlines a followed passage."""

from __future__ import annotations

import pytest

from centralasia.charts import annotate
from centralasia.release.loader import load_catalog, read_release

from ..fixtures import make_release
from ..reader_fixture import RELEASE_ID, make_reader_release


@pytest.fixture(scope="module")
def fixture_release(tmp_path_factory):
    root = tmp_path_factory.mktemp("releases")
    make_reader_release(root)
    return load_catalog(root).get(RELEASE_ID)


def _all_paragraphs(release, spans, **kw) -> str:
    return "".join(annotate.paragraph_html(release, spans, i, "en", **kw) for i in range(len(release.paragraphs())))


def test_every_mention_is_highlighted(fixture_release):
    release = fixture_release
    spans = annotate.spans_of(release, "en")
    assert len(spans) == sum(len(r.mentions) for r in release.records)
    html = _all_paragraphs(release, spans)
    assert html.count("<mark") >= len({(s.start, s.end) for s in spans})
    for r in release.records:
        assert f'data-record="{r.id}"' in html
    assert html.count("¶") == len(release.paragraphs()), "each paragraph shows the number the quote references use"


def test_overlapping_mentions_are_split_and_named_together(fixture_release):
    release = fixture_release
    spans = annotate.spans_of(release, "en")
    start = release.text.index("Tokajew sprach in Aschgabat")
    html = annotate.highlight(release.text, spans, start, start + 30, "en")
    # "Aschgabat" (place) lies inside "sprach in Aschgabat" (event): the overlap names both
    place = release.record("ashgabat").label("en")
    event = release.record("forum").label("en")
    assert f"{event} (Event); {place} (Place)" in html or f"{place} (Place); {event} (Event)" in html


def test_kind_and_record_filters(fixture_release):
    release = fixture_release
    only_people = annotate.spans_of(release, "en", kinds=["person"])
    assert {s.kind for s in only_people} == {"person"}
    assert len(only_people) == sum(len(p.mentions) for p in release.of_kind("person"))
    one = annotate.spans_of(release, "en", record_id="trade")
    m = release.record("trade").mentions[0]
    assert [(s.start, s.end) for s in one] == [(m.start, m.end)]


def test_highlights_are_links_that_select_their_record(fixture_release):
    release = fixture_release
    spans = annotate.spans_of(release, "en")
    html = _all_paragraphs(release, spans, link=lambda rid: f"?record={rid}")
    assert '<a href="?record=trade#hl-' in html  # a real link: click, tap, or Tab and Enter; the fragment brings focus back
    assert 'target="_self" class="ca-hl" id="hl-' in html
    assert html.count('class="ca-hl"') >= len({(s.start, s.end) for s in spans})


def test_each_highlight_names_its_kind_in_text_and_shape(fixture_release):
    """WCAG 1.4.1: not colour alone. Screen readers hear the kind; on screen each kind has its own line shape."""
    release = fixture_release
    spans = annotate.spans_of(release, "de")
    html = _all_paragraphs(release, spans)
    person = release.of_kind("person")[0]
    assert f"({person.label('de')} (Person))</span>" in html
    shapes = {annotate.line_style(kind) for kind in annotate.LINE_SHAPES}
    assert len(shapes) == len(annotate.LINE_SHAPES), "two kinds share a line"
    legend = annotate.legend_html({"country": (2, 5), "person": (1, 1)}, "en")
    assert annotate.line_style("country") in legend and annotate.line_style("person") in legend
    assert "opacity" not in html + legend


def test_a_followed_passage_is_outlined_once_with_an_anchor(fixture_release):
    release = fixture_release
    m = release.record("water-forum").mentions[0]
    passage = annotate.parse_passage(f"{m.start}-{m.end}", release)
    assert passage == (m.start, m.end)
    html = _all_paragraphs(release, annotate.spans_of(release, "en"), passage=passage)
    assert html.count('id="passage"') == 1
    anchored = html[html.index('id="passage"') :]
    assert "ein Forum" in anchored[:600]
    assert annotate.paragraph_of(release, m.start) == 4
    assert 'class="ca-passage-translation"' in annotate.translation_html("x", 4, highlighted=True)


@pytest.mark.parametrize("raw", [None, "", "x-y", "5", "10-5", "-3-4", "0-999999", "<script>"])
def test_junk_passages_are_ignored(fixture_release, raw):
    assert annotate.parse_passage(raw, fixture_release) is None


def test_legend_says_what_it_counts():
    html = annotate.legend_html({"country": (2, 5), "person": (1, 1)}, "en")
    assert "2 countries, 5 mentions" in html and "1 person, 1 mention" in html
    assert "2 Länder, 5 Erwähnungen" in annotate.legend_html({"country": (2, 5)}, "de")


def test_markup_in_text_and_labels_is_escaped(tmp_path):
    release = read_release(make_release(tmp_path / "r"))
    spans = annotate.spans_of(release, "en")
    html = _all_paragraphs(release, spans, link=lambda rid: f"?record={rid}&x=<b>")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;script&gt;alert(&#x27;label&#x27;)" in html  # the label, in the title attribute
    assert "<script" not in annotate.translation_html("<script>x</script>", 1)
