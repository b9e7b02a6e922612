"""Highlighting escapes the text, handles overlapping quotes and follows the filters."""

from __future__ import annotations

from centralasia import annotate
from centralasia.loader import read_release

from ..fixtures import make_release


def test_every_mention_is_highlighted_once_per_piece(release):
    spans = annotate.spans_of(release, "en")
    assert len(spans) == sum(len(r.mentions) for r in release.records)
    html = "".join(annotate.paragraph_html(release, spans, i, "en") for i in range(len(release.paragraphs())))
    assert html.count("<mark") >= len({(s.start, s.end) for s in spans})
    assert 'data-record="tokayev"' in html and 'data-kind="sector"' in html


def test_overlapping_mentions_are_split_and_named_together(release):
    spans = annotate.spans_of(release, "en")
    start = release.text.index("Kasachstan investiere gezielt")
    html = annotate.highlight(release.text, spans, start, start + 120, "en")
    assert "Transport and transit (Sector); Kazakhstan (Country)" in html


def test_kind_and_record_filters(release):
    only_people = annotate.spans_of(release, "en", kinds=["person"])
    assert {s.kind for s in only_people} == {"person"} and len(only_people) == 7
    one = annotate.spans_of(release, "en", record_id="armenia")
    assert [(s.start, s.end) for s in one] == [(release.text.index("Armenien"), release.text.index("Armenien") + 8)]


def test_markup_in_text_and_labels_is_escaped(tmp_path):
    release = read_release(make_release(tmp_path / "r"))
    spans = annotate.spans_of(release, "en")
    html = "".join(annotate.paragraph_html(release, spans, i, "en") for i in range(len(release.paragraphs())))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;script&gt;alert(&#x27;label&#x27;)" in html  # the label, in the title attribute
    assert "<script" not in annotate.translation_html("<script>x</script>", 1)
    assert "<script" not in annotate.legend_html({"country": 1}, "de")
