"""Checks of the shipped data only (data/releases/…): the corrections of issue 11, verified against the release text.

Every other test builds its own fixture releases; numbers and ids of the shipped release belong here and nowhere else.
"""

from __future__ import annotations

import pytest

SHIPPED_ID = "2025-12-12-kasachstan-turkmenistan"


@pytest.fixture(scope="module")
def shipped(release):
    assert release.id == SHIPPED_ID
    return release


def test_shipped_release_counts(shipped):
    assert len(shipped.records) == 51
    assert sum(len(r.mentions) for r in shipped.records) == 81
    assert len(shipped.meta.key_messages) == 5


def test_ukraine_conflict_names_no_parties_and_uses_the_release_term(shipped):
    rec = shipped.record("ukraine-conflict")
    assert rec.parties == [] and rec.release_term
    assert "Ukraine-Konflikt" in rec.label_de and any(m.quote.endswith("im Ukraine-Konflikt") for m in rec.mentions)


def test_afghanistan_is_a_commitment_not_a_conflict(shipped):
    assert "afghanistan-stability" not in shipped.by_id
    rec = shipped.record("afghanistan-commitment")
    assert rec.kind == "initiative" and rec.proposed_by == []
    assert [m.quote for m in rec.mentions] == ["Kasachstans Engagement für Afghanistan"]
    assert "Afghanistan" in rec.label_en and "commitment" in rec.label_en


def test_global_tensions_are_background_to_multilateralism(shipped):
    assert "global-tensions" not in shipped.by_id
    assert not any(r.kind == "conflict" and "Spannungen" in r.mentions[0].quote for r in shipped.records)
    assert [m.quote for m in shipped.record("multilateralism").background] == ["Angesichts wachsender globaler Spannungen"]


def test_turkmen_neutrality_is_a_status_not_an_initiative(shipped):
    from centralasia import frames

    rec = shipped.record("turkmen-neutrality")
    assert rec.kind == "status" and rec.holder == "turkmenistan" and rec.stressed_by == ["tokayev"]
    assert "Tokajew" in rec.statement_de and "hervor" in rec.statement_de
    assert "turkmen-neutrality" not in {r.id for r in shipped.of_kind("initiative")}
    assert "turkmen-neutrality" not in set(frames.initiatives_frame(shipped, "de")["id"])
    assert frames.initiative_domain_counts(shipped, "de")["initiatives"].sum() == len(shipped.of_kind("initiative"))


def test_peace_dialogue_and_approaches_follow_the_release_wording(shipped):
    assert "Friedensdialog" in shipped.record("azerbaijan-armenia").label_de
    assert "Lösungsansätze" in shipped.record("diplomatic-solutions").label_de
    assert "approaches" in shipped.record("diplomatic-solutions").label_en


def test_missing_records_and_mentions_are_there(shipped):
    quotes = {m.quote: (m.start, m.end) for r in shipped.records for m in r.mentions}
    assert quotes[shipped.text[239:344]] == (239, 344)
    assert "Vertiefung regionaler Kooperation" in quotes and "regionale Konnektivität" in quotes
    serdar = [m.quote for m in shipped.record("serdar-berdimuhamedov").mentions]
    assert {"sein turkmenischer Amtskollege", "den Präsidenten beider Länder"} <= set(serdar)
    assert "den Präsidenten beider Länder" in [m.quote for m in shipped.record("tokayev").mentions]


def test_conflicts_carry_no_unsourced_region(shipped):
    assert all(c.region_de is None and c.region_en is None for c in shipped.of_kind("conflict"))


def test_kazakhstan_own_statements_are_marked_as_reported_speech(shipped):
    for sid in ("transport", "water-environment"):
        sector = shipped.record(sid)
        assert sector.countries == ["kazakhstan"] and sector.reported_speech and sector.said_by == ["tokayev"]
        assert "Tokayev said" in sector.statement_en
    assert all(not s.reported_speech for s in shipped.of_kind("sector") if s.id not in ("transport", "water-environment"))


def test_key_messages_and_translation_keep_the_release_register(shipped):
    summaries = {m.id: m for m in shipped.meta.key_messages}
    assert "spricht sich" in summaries["un-reform"].summary_de and "fordert" not in summaries["un-reform"].summary_de
    english = " ".join(p.en for p in shipped.translation)
    assert "He said Kazakhstan is investing" in english
    assert "commitment to Afghanistan" in english and "UN reform" in english


def test_german_label_of_serdar_berdimuhamedow_while_quotes_keep_the_release_spelling(shipped):
    serdar = shipped.record("serdar-berdimuhamedov")
    assert serdar.label_de == "Serdar Berdimuhamedow"
    assert "Präsident Serdar Berdimuhamedov" in [m.quote for m in serdar.mentions]


def test_the_shipped_release_reads_in_russian_too(shipped):
    from centralasia.models import LABEL_LANGUAGES

    for record in shipped.records:
        for prefix, field in record.LOCALISED.items():
            texts = getattr(record, field)
            if texts:
                assert set(LABEL_LANGUAGES) <= set(texts), (record.id, prefix)
    meta = shipped.meta
    assert meta.title_in("ru") != meta.title_in("en") and meta.publisher_in("ru").startswith("Посольство")
    assert all(set(LABEL_LANGUAGES) <= set(m.summaries) for m in meta.key_messages)


def test_the_forum_date_says_how_it_was_derived_in_each_language(shipped):
    forum = shipped.record("ashgabat-forum")
    assert "Erscheinungsdatum" in forum.date_source_de and "release date" in forum.date_source_en and forum.date_source_ru
