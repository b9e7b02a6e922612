"""The shipped release loads, and every quote is the text it claims to be."""

from __future__ import annotations

import hashlib

from centralasia.loader import RELEASES_ROOT, paragraph_spans, split_header
from centralasia.models import KINDS

ORIGINAL = RELEASES_ROOT.parent.parent.parent / "shared" / "release" / "2025-12-12_kasachstan-turkmenistan.de.txt"


def test_release_text_is_the_received_file_byte_for_byte(release):
    stored = (release.folder / release.meta.text_file).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == release.meta.sha256
    header, text = split_header(stored.decode("utf-8"))
    assert header.startswith(" date 2025-12-12 Botschaft der Republik Kasachstan")
    assert text.startswith("Kasachstan und Turkmenistan vertiefen Partnerschaft")
    assert text.encode("utf-8") in stored  # the body is an unchanged slice of the file
    if ORIGINAL.exists():  # beside the repo in development and CI
        assert stored == ORIGINAL.read_bytes()


def test_every_mention_and_key_message_is_verbatim(release):
    spans = [m for r in release.records for m in r.mentions] + [k.as_mention() for k in release.meta.key_messages]
    assert len(spans) == 77 + 5
    for m in spans:
        assert release.text[m.start : m.end] == m.quote


def test_every_kind_is_present_and_ids_are_unique(release):
    kinds = {r.kind for r in release.records}
    assert kinds == set(KINDS)
    ids = [r.id for r in release.records]
    assert len(ids) == len(set(ids))


def test_the_release_names_both_presidents_and_the_forum(release):
    assert release.record("tokayev").country == "kazakhstan"
    assert release.record("serdar-berdimuhamedov").country == "turkmenistan"
    forum = release.record("ashgabat-forum")
    assert forum.date == "2025-12-12" and forum.place == "ashgabat"
    assert release.record("kazakhstan").iso3 == "KAZ"


def test_sectors_name_the_cooperating_countries(release):
    sectors = {s.id: s for s in release.of_kind("sector")}
    assert {"trade", "energy", "logistics", "agriculture", "transport", "water-environment"} <= set(sectors)
    assert sectors["trade"].countries == ["kazakhstan", "turkmenistan"]
    assert sectors["trade"].stance == "expand"


def test_coordinates_carry_their_source(release):
    for place in release.of_kind("place"):
        if place.coordinates is not None:
            assert len(place.coordinates.source) > 10


def test_paragraph_spans_cover_the_text(release):
    spans = paragraph_spans(release.text)
    assert len(spans) == 8
    assert release.text[spans[0][0] : spans[0][1]] == release.meta.title


def test_translation_is_aligned_paragraph_by_paragraph(release):
    assert len(release.translation) == len(release.paragraphs())
    for para, span in zip(release.translation, release.paragraphs(), strict=True):
        assert (para.start, para.end) == span
    assert release.translation[0].en == release.meta.title_en
