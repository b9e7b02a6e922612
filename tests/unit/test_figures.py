"""Chart builders are pure: titles state what the records say, marks equal the records, dark is a copy, exports stay light.

Expectations come from a release written for these tests (tests/reader_fixture.py), not from the shipped data.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from centralasia.charts import takeaways
from centralasia.charts.registry import CHART_BY_KEY, CHARTS, PAGES, ChartContext, build_chart, chart_key, embeddable_charts
from centralasia.charts.theme import DARK_TEMPLATE_NAME, PAPER, TEMPLATE_NAME, themed, vocab_colour
from centralasia.release import context


def test_every_registered_chart_builds_with_title_source_and_data(reader_release):
    release = reader_release
    for spec in CHARTS:
        if spec.needs_geo:
            continue  # the map charts name the map's sources; tests/unit/test_chartpath.py builds them
        for lang in ("en", "de"):
            chart = build_chart(spec.key, ChartContext(release, lang))
            assert isinstance(chart.figure, go.Figure) and chart.key == spec.key
            assert chart.title and chart.description and not chart.data.empty
            assert chart.filename.startswith(release.id) and chart.filename.endswith(f"_{lang}")
            assert chart.figure.layout.template.layout.font.family.startswith("DejaVu")
            subtitle = chart.figure.layout.title.subtitle.text.replace("<br>", " ")
            assert release.meta.publisher_in(lang)[:12] in subtitle, "one compact source line travels with the figure (and its PNG)"
            assert subtitle.count("<br>") <= 2


def test_registry_is_the_one_list_of_charts():
    assert len(set(embeddable_charts())) == len(CHARTS)
    pages = {p.key for p in PAGES}
    for spec in CHARTS:
        assert spec.page in pages and 300 <= spec.embed_height <= 720
    assert chart_key("sector-mentions") == "sector-matrix"  # old snippets open the chart that replaced theirs
    assert chart_key("<script>") == "route-map" and chart_key(None) == "route-map"
    assert all(p.icon.startswith(":material/") for p in PAGES), "Material icons render without an emoji font"


def test_sector_title_states_who_commits_to_what(reader_release):
    release = reader_release
    shared = [s.label("en").strip().lower() for s in release.of_kind("sector") if len(s.countries) == 2]
    alone = [s for s in release.of_kind("sector") if len(s.countries) == 1]
    title = takeaways.sector_matrix_chart(release, "en").title
    assert title.startswith("Both countries commit to") and all(label in title for label in shared)
    only = release.record(alone[0].countries[0]).label("en").strip()
    assert f"only {only} speaks of {alone[0].label('en').strip().lower()}" in title
    german = takeaways.sector_matrix_chart(release, "de").title
    assert german.startswith("Beide Länder") and "nur Kasachstan" in german


def test_sector_takeaway_for_three_countries_and_labels_with_and():
    df = pd.DataFrame(
        [
            {"sector_id": "a", "sector": "Trade", "country_id": c, "country": c.title()} for c in ("x", "y", "z")
        ] + [{"sector_id": "b", "sector": "Transport and transit", "country_id": "x", "country": "X"},
             {"sector_id": "c", "sector": "Water", "country_id": "x", "country": "X"}]
    )  # fmt: skip
    title = takeaways.sector_takeaway(df, "en")
    assert title == "All 3 countries commit to trade; only X speaks of transport and transit as well as water"


def test_sector_matrix_has_one_mark_per_sector_and_country(reader_release):
    release = reader_release
    spec = takeaways.sector_matrix_chart(release, "de")
    assert sum(len(tr.x) for tr in spec.figure.data) == sum(len(s.countries) for s in release.of_kind("sector"))
    only_tm = takeaways.sector_matrix_chart(release, "en", country="turkmenistan")
    assert {x for tr in only_tm.figure.data for x in tr.x} == {release.record("turkmenistan").label("en")}


def test_initiative_grid_marks_every_proposer_and_supporter(reader_release):
    release = reader_release
    spec = takeaways.initiative_matrix_chart(release, "en")
    expected = sum(len(i.proposed_by) + len(i.supported_by) for i in release.of_kind("initiative"))
    assert sum(len(tr.x) for tr in spec.figure.data) == expected == len(spec.data)
    proposers = sorted({release.record(a).label("en").strip() for i in release.of_kind("initiative") for a in i.proposed_by})
    assert " and ".join(proposers) + " each propose 1" in spec.title
    assert f"all {len(release.of_kind('initiative'))} initiatives" in spec.title


def test_positions_table_and_title_count_from_the_records(reader_release):
    release = reader_release
    df = takeaways.positions_frame(release, "en")
    conflicts = release.of_kind("conflict")
    assert len(df) == len(conflicts)
    named = sum(1 for c in conflicts if c.parties)
    assert (
        takeaways.positions_takeaway(df, "en")
        == f"The release takes a position on {len(conflicts)} conflicts; it names parties for {named}"
    )
    assert "no parties named" in set(df["about"])
    for row in df.itertuples():
        assert release.text[row.start : row.end] == row.quote


def test_paragraph_numbers_follow_the_text(reader_release):
    release = reader_release
    for i, (start, _end) in enumerate(release.paragraphs()):
        assert takeaways.paragraph_number(release, start) == i + 1
    trade = release.record("trade").mentions[0]
    assert takeaways.paragraph_number(release, trade.start) == 4


def test_unknown_vocabulary_values_get_a_colour_not_an_error():
    assert vocab_colour("stances", "a-stance-nobody-has-used").startswith("#")
    assert vocab_colour("positions", None).startswith("#")
    assert vocab_colour("no-such-vocabulary", "x") == vocab_colour("no-such-vocabulary", "x")


def test_dark_is_a_copy_and_exports_stay_light(reader_release):
    chart = takeaways.sector_matrix_chart(reader_release, "en")
    dark = themed(chart.figure, "dark")
    assert dark.layout.template.layout.paper_bgcolor == PAPER["dark"]
    assert chart.figure.layout.template.layout.paper_bgcolor == PAPER["light"], "the cached (exported) figure is untouched"
    assert themed(chart.figure, "light") is chart.figure
    assert dark.layout.template == go.layout.Template(pio_template(DARK_TEMPLATE_NAME))
    assert chart.figure.layout.template == go.layout.Template(pio_template(TEMPLATE_NAME))


def pio_template(name):
    import plotly.io as pio

    return pio.templates[name]


def test_builders_are_pure(reader_release):
    first = takeaways.sector_matrix_chart(reader_release, "en").figure.to_json()
    assert takeaways.sector_matrix_chart(reader_release, "en").figure.to_json() == first


def test_shipped_context_indicators_carry_full_sources():
    indicators, problem = context.read_indicators()
    assert problem is None and indicators
    for ind in indicators:
        src = ind.source
        assert src.publisher and src.publisher_en and str(src.url).startswith("https://") and src.scope_de and src.scope_en
        assert ind.value_text("de") and ind.value_text("en")
        assert "wikipedia" not in str(src.url).lower()


def test_a_broken_context_file_yields_one_line_naming_the_field(tmp_path):
    bad = tmp_path / "indicators.yaml"
    bad.write_text("indicators:\n- id: x\n  sectors: [trade]\n  label_de: a b\n  label_en: a b\n  period: '2024'\n  value: 1\n"
                   "  unit_de: t\n  unit_en: t\n  source: {publisher: Amt, publisher_en: Office, date: 2024-01-01, url: not-a-url,"
                   " scope_de: abc, scope_en: abc}\n", encoding="utf-8")  # fmt: skip
    indicators, problem = context.read_indicators(bad)
    assert indicators == () and problem.startswith("indicators.yaml: indicators.0.source.url")
    (tmp_path / "broken.yaml").write_text("indicators: [", encoding="utf-8")
    assert context.read_indicators(tmp_path / "broken.yaml")[1].startswith("broken.yaml:")
    assert context.read_indicators(tmp_path / "missing.yaml") == ((), None)


def test_chart_registry_keys_have_names_in_both_languages():
    from centralasia.i18n import t

    for key in CHART_BY_KEY:
        assert t(f"chart.{key}", "de") and t(f"chart.{key}", "en")


def test_readme_chart_list_is_the_registry():
    from centralasia.charts.registry import readme_chart_table
    from centralasia.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- charts:start -->\n", 1)[1].split("\n<!-- charts:end -->", 1)[0]
    assert block == readme_chart_table(), "regenerate the README's chart list from centralasia.charts.registry.readme_chart_table()"


def test_dark_keeps_what_is_drawn_inside_the_plot():
    fig = go.Figure(go.Scatter(x=[1], y=[1], mode="text", text=["Almaty"], textfont=dict(color="#1f2937")))
    fig.update_layout(template=TEMPLATE_NAME, paper_bgcolor="#ffffff", font=dict(color="#1f2937"))
    dark = themed(fig, "dark")
    assert dark.data[0].textfont.color == "#1f2937", "a label on a light basemap stays dark"
    assert dark.layout.paper_bgcolor == PAPER["dark"] and dark.layout.font.color != "#1f2937"


def test_names_keep_their_capital_inside_a_takeaway(reader_release):
    keep = takeaways.proper_nouns(reader_release)
    place = reader_release.record("ashgabat").label("en").strip()
    assert takeaways.in_sentence(f"{place} logistics", "en", keep) == f"{place} logistics"
    assert takeaways.in_sentence("Economic cooperation", "en", keep) == "economic cooperation"
    assert takeaways.in_sentence("UN reform", "en", keep) == "UN reform"
    assert takeaways.in_sentence("Wirtschaftliche Zusammenarbeit", "de") == "wirtschaftliche Zusammenarbeit"
    assert takeaways.in_sentence("Handel", "de") == "Handel"
