"""Checks of the shipped data only (data/releases/…): the corrections of issue 11, verified against the release text.

Every other test builds its own fixture releases; numbers and ids of the shipped release belong here and nowhere else.
"""

from __future__ import annotations

import pytest

SHIPPED_ID = "2025-12-12-kasachstan-turkmenistan"


@pytest.fixture(scope="module")
def shipped():
    from centralasia import settings
    from centralasia.release.loader import load_catalog

    if not (settings.SHIPPED_RELEASES / SHIPPED_ID).is_dir():
        pytest.skip(f"the shipped release {SHIPPED_ID} is not in data/releases (a tree with a stand-in release)")
    catalog = load_catalog(settings.SHIPPED_RELEASES)
    assert not catalog.problems, catalog.problems
    return catalog.get(SHIPPED_ID)


def test_shipped_release_counts(shipped):
    from centralasia.release.loader import paragraph_spans

    assert len(shipped.records) == 51
    assert sum(len(r.mentions) for r in shipped.records) == 81
    assert len(shipped.meta.key_messages) == 5
    assert len(paragraph_spans(shipped.text)) == 8


def test_the_shipped_text_is_the_received_file_byte_for_byte(shipped):
    from centralasia.release.loader import split_header

    stored = (shipped.folder / shipped.meta.text_file).read_bytes()
    header, text = split_header(stored.decode("utf-8"))
    assert header.startswith(" date 2025-12-12 Botschaft der Republik Kasachstan")
    assert text.startswith("Kasachstan und Turkmenistan vertiefen Partnerschaft")
    original = shipped.folder.parents[3] / "shared" / "release" / "2025-12-12_kasachstan-turkmenistan.de.txt"
    if original.exists():  # beside the repo in development and CI
        assert stored == original.read_bytes()


def test_the_release_names_both_presidents_and_the_forum(shipped):
    assert shipped.record("tokayev").country == "kazakhstan"
    assert shipped.record("serdar-berdimuhamedov").country == "turkmenistan"
    forum = shipped.record("ashgabat-forum")
    assert forum.date == "2025-12-12" and forum.place == "ashgabat"
    assert shipped.record("kazakhstan").iso3 == "KAZ"


def test_sectors_name_the_cooperating_countries(shipped):
    sectors = {s.id: s for s in shipped.of_kind("sector")}
    assert {"trade", "energy", "logistics", "agriculture", "transport", "water-environment"} <= set(sectors)
    assert sectors["trade"].countries == ["kazakhstan", "turkmenistan"]
    assert sectors["trade"].stance == "expand"


def test_ukraine_conflict_names_no_parties_and_uses_the_release_term(shipped):
    rec = shipped.record("ukraine-conflict")
    assert rec.parties == [] and rec.release_term
    assert "Ukraine-Konflikt" in rec.label("de") and any(m.quote.endswith("im Ukraine-Konflikt") for m in rec.mentions)


def test_afghanistan_is_a_commitment_not_a_conflict(shipped):
    assert "afghanistan-stability" not in shipped.by_id
    rec = shipped.record("afghanistan-commitment")
    assert rec.kind == "initiative" and rec.proposed_by == []
    assert [m.quote for m in rec.mentions] == ["Kasachstans Engagement für Afghanistan"]
    assert "Afghanistan" in rec.label("en") and "commitment" in rec.label("en")


def test_global_tensions_are_background_to_multilateralism(shipped):
    assert "global-tensions" not in shipped.by_id
    assert not any(r.kind == "conflict" and "Spannungen" in r.mentions[0].quote for r in shipped.records)
    assert [m.quote for m in shipped.record("multilateralism").background] == ["Angesichts wachsender globaler Spannungen"]


def test_turkmen_neutrality_is_a_status_not_an_initiative(shipped):
    from centralasia.charts import tables

    rec = shipped.record("turkmen-neutrality")
    assert rec.kind == "status" and rec.holder == "turkmenistan" and rec.stressed_by == ["tokayev"]
    assert "Tokajew" in rec.localised("statement", "de") and "hervor" in rec.localised("statement", "de")
    assert "turkmen-neutrality" not in {r.id for r in shipped.of_kind("initiative")}
    assert "turkmen-neutrality" not in set(tables.initiatives_frame(shipped, "de")["id"])
    assert tables.initiative_domain_counts(shipped, "de")["initiatives"].sum() == len(shipped.of_kind("initiative"))


def test_peace_dialogue_and_approaches_follow_the_release_wording(shipped):
    assert "Friedensdialog" in shipped.record("azerbaijan-armenia").label("de")
    assert "Lösungsansätze" in shipped.record("diplomatic-solutions").label("de")
    assert "approaches" in shipped.record("diplomatic-solutions").label("en")


def test_missing_records_and_mentions_are_there(shipped):
    quotes = {m.quote: (m.start, m.end) for r in shipped.records for m in r.mentions}
    assert quotes[shipped.text[239:344]] == (239, 344)
    assert "Vertiefung regionaler Kooperation" in quotes and "regionale Konnektivität" in quotes
    serdar = [m.quote for m in shipped.record("serdar-berdimuhamedov").mentions]
    assert {"sein turkmenischer Amtskollege", "den Präsidenten beider Länder"} <= set(serdar)
    assert "den Präsidenten beider Länder" in [m.quote for m in shipped.record("tokayev").mentions]


def test_conflicts_carry_no_unsourced_region(shipped):
    assert all(c.localised("region", "de") is None and c.localised("region", "en") is None for c in shipped.of_kind("conflict"))


def test_kazakhstan_own_statements_are_marked_as_reported_speech(shipped):
    for sid in ("transport", "water-environment"):
        sector = shipped.record(sid)
        assert sector.countries == ["kazakhstan"] and sector.reported_speech and sector.said_by == ["tokayev"]
        assert "Tokayev said" in sector.localised("statement", "en")
    assert all(not s.reported_speech for s in shipped.of_kind("sector") if s.id not in ("transport", "water-environment"))


def test_key_messages_and_translation_keep_the_release_register(shipped):
    summaries = {m.id: m for m in shipped.meta.key_messages}
    assert "spricht sich" in summaries["un-reform"].summary("de") and "fordert" not in summaries["un-reform"].summary("de")
    english = " ".join(p.en for p in shipped.translation)
    assert "He said Kazakhstan is investing" in english
    assert "commitment to Afghanistan" in english and "UN reform" in english


def test_german_label_of_serdar_berdimuhamedow_while_quotes_keep_the_release_spelling(shipped):
    serdar = shipped.record("serdar-berdimuhamedov")
    assert serdar.label("de") == "Serdar Berdimuhamedow"
    assert "Präsident Serdar Berdimuhamedov" in [m.quote for m in serdar.mentions]


def test_the_shipped_release_reads_in_russian_too(shipped):
    from centralasia.release.languages import LABEL_LANGUAGES

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
    assert "Erscheinungsdatum" in forum.date_note_in("de") and "release date" in forum.date_note_in("en") and forum.date_note_in("ru")


# ---------------------------------------------------------------- corrections of issue 20


def test_the_transport_sector_quotes_only_kazakhstans_reported_speech(shipped):
    transport = shipped.record("transport")
    assert [m.quote for m in transport.mentions] == [
        "Kasachstan investiere gezielt in den Ausbau der Transkaspischen Internationalen Transportroute"
    ]
    assert [(b.start, b.end) for b in transport.background] == [(2292, 2364)]
    assert "Transit- und Verbindungsregion" in transport.background[0].quote and "stellte" in shipped.text[2250:2300]


def test_aims_and_convictions_are_not_advocacy(shipped):
    connectivity = shipped.record("regional-connectivity")
    assert (connectivity.status, connectivity.domain) == ("aim", "bilateral")
    order, cooperation = shipped.record("trust-based-order"), shipped.record("regional-cooperation")
    assert order.status == cooperation.status == "expected"
    assert order.supported_by == cooperation.supported_by == ["tokayev"]
    assert order.localised("status", "en") == cooperation.localised("status", "en") and "conviction" in order.localised("status", "en")
    sentence = shipped.text[order.mentions[0].start - 120 : order.mentions[0].end]
    assert "überzeugt" in sentence and cooperation.mentions[0].quote in sentence


def test_headline_stability_and_the_regional_stability_frame_are_recorded(shipped):
    peace = shipped.record("peace-stability-development")
    assert (peace.mentions[0].quote, peace.mentions[0].start, peace.mentions[0].end) == ("Stabilität und Frieden", 81, 103)
    frame = shipped.record("afghanistan-commitment").background
    assert [(b.quote, b.start, b.end) for b in frame] == [("regionale Stabilität", 1891, 1911)]


def test_the_un_centre_links_nothing_the_release_does_not_say(shipped):
    assert shipped.record("un-sdg-centre-almaty").links == []


def test_the_investing_status_reads_as_reported_speech():
    from centralasia.release.vocab import vocab_label

    assert "laut" in vocab_label("statuses", "investing", "de") and "Investitionen laufen" != vocab_label("statuses", "investing", "de")
    assert "own account" in vocab_label("statuses", "investing", "en")
    assert "по собственным словам" in vocab_label("statuses", "investing", "ru")


def test_one_representative_quote_per_record_everywhere(shipped):
    from centralasia.charts import tables, takeaways
    from centralasia.publish import exports
    from centralasia.release import summary

    assert summary.representative(shipped.record("tokayev")).quote == "Kassym-Schomart Tokajew"
    assert summary.representative(shipped.record("serdar-berdimuhamedov")).quote == "Präsident Serdar Berdimuhamedov"
    exported = {r["id"]: r["quote"] for r in exports.release_to_dict(shipped)["records"]}
    assert exported["tokayev"] == "Kassym-Schomart Tokajew" and exported["serdar-berdimuhamedov"] == "Präsident Serdar Berdimuhamedov"
    table = takeaways.sector_table(shipped, "de")[2]
    chart = tables.sector_country_frame(shipped, "de")
    for sector in shipped.of_kind("sector"):
        expected = summary.representative(sector).quote
        assert exported[sector.id] == expected
        assert {c.quote for (sid, _), c in table.items() if sid == sector.id} == {expected}
        assert set(chart.loc[chart["sector_id"] == sector.id, "quote"]) == {expected}
    initiatives = takeaways.initiative_rows(shipped, "de").set_index("id")["quote"]
    assert all(initiatives[r.id] == summary.representative(r).quote == exported[r.id] for r in shipped.of_kind("initiative"))


def test_context_figures_are_shown_only_where_their_scope_fits():
    from centralasia.release import context

    shown = {i.id: set(i.sectors) for i in context.read_indicators()[0]}
    assert "agriculture" not in shown["kz-exports-to-tm-2025"]
    assert "transport" not in shown["bolashak-rail-2024"] and "logistics" in shown["bolashak-rail-2024"]
    assert shown["titr-cargo-2024-2025"] == {"transport"}


def test_context_figures_read_in_every_language_with_locale_numbers():
    from centralasia.release import context

    titr = {i.id: i for i in context.read_indicators()[0]}["titr-cargo-2024-2025"]
    assert titr.value_text("de") == "4,48 → 4,12 Mio. t" and titr.value_text("en") == "4.48 → 4.12 million t"
    assert titr.value_text("ru") == "4,48 → 4,12 млн т" and titr.source.scope("ru").startswith("Все грузы")


def test_corridor_sources_and_positions_of_issue_20():
    import yaml

    from centralasia.settings import PROJECT_ROOT

    spec = yaml.safe_load((PROJECT_ROOT / "data" / "geo" / "corridor.yaml").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in spec["nodes"]}
    legs = {s["id"]: s for s in spec["segments"]}
    assert (nodes["altynkol"]["lat"], nodes["altynkol"]["lon"]) == (44.165, 80.3) and nodes["altynkol"]["approximate"]
    for node, way in (("poti", "786561335"), ("batumi", "96035129"), ("turkmenbashi", "753762181"), ("kartsakhi", "523465476"),
                      ("boyuk-kesik", "453284165")):  # fmt: skip
        assert way in spec["sources"][nodes[node]["source"]], node
    for node in ("kuryk", "akhalkalaki", "dostyk"):
        assert nodes[node]["approximate"] and "Approximate" in spec["sources"][nodes[node]["source"]]
    assert legs["aktau-kuryk"]["source"] == "ne_rail_line" and legs["turkmenbashi-baku"]["source"] == "report_berkarar"
    assert all(legs[g]["source"] != "ady" for g in ("boyuk-kesik-tbilisi", "tbilisi-akhalkalaki", "akhalkalaki-kartsakhi"))
    assert "crossing_en" not in legs["kuryk-alat"]
    routes = {r["id"]: r for r in spec["published_routes"]}
    assert set(routes) == {"btk"} and (routes["btk"]["km"], routes["btk"]["source"]) == (850, "btk_report")
    text = yaml.safe_dump(spec["sources"], allow_unicode=True)
    for gone in ("korabel.ru", "sea-news.az", "avimbulten.org", "ekolekspertiz.com", "caspiannews.com"):
        assert gone not in text
