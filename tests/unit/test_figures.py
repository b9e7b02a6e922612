"""Figure builders are pure and their numbers equal what the records say."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from centralasia import frames, views
from centralasia.figures import TEMPLATE_NAME

from ..conftest import plotly_values


def test_every_chart_spec_is_complete(release):
    for lang in ("en", "de"):
        for spec in (
            views.kind_counts_chart(release, lang),
            views.sector_mentions_chart(release, lang),
            views.sector_matrix_chart(release, lang),
            views.initiative_domain_chart(release, lang),
            views.network_chart(release, lang),
            views.conflict_chart(release, lang),
        ):
            assert isinstance(spec.figure, go.Figure)
            assert spec.title and len(spec.description) > 40 and spec.source and spec.as_of
            assert spec.filename.startswith(release.id) and spec.filename.endswith(f"_{lang}")
            assert spec.figure.layout.template.layout.font.family.startswith("DejaVu")
            assert not spec.data.empty
            subtitle = spec.figure.layout.title.subtitle.text.replace("<br>", " ")
            assert release.meta.publisher_in(lang)[:20] in subtitle, "the source line is part of the figure (and of its PNG)"


def test_sector_mentions_equal_the_sector_records(release):
    spec = views.sector_mentions_chart(release, "en")
    per_sector = {}
    for trace in spec.figure.data:
        for y, x in zip(trace.y, plotly_values(trace.x), strict=True):
            per_sector[y.replace("<br>", " ")] = x
    assert per_sector == {s.label_en: len(s.mentions) for s in release.of_kind("sector")}


def test_sector_matrix_has_one_cell_per_cooperating_country(release):
    spec = views.sector_matrix_chart(release, "de")
    cells = sum(len(tr.x) for tr in spec.figure.data)
    assert cells == sum(len(s.countries) for s in release.of_kind("sector")) == 12
    assert {x for tr in spec.figure.data for x in tr.x} == {"Kasachstan", "Turkmenistan"}


def test_filters_narrow_the_sector_charts(release):
    only_tm = views.sector_matrix_chart(release, "en", country="turkmenistan")
    assert {x for tr in only_tm.figure.data for x in tr.x} == {"Turkmenistan"}
    assert "Transport and transit" not in {y.replace("<br>", " ") for tr in only_tm.figure.data for y in tr.y}
    one = views.sector_mentions_chart(release, "en", sector="energy")
    assert [y for tr in one.figure.data for y in tr.y] == ["Energy"]


def test_initiative_domain_counts_equal_the_records(release):
    df = frames.initiative_domain_counts(release, "en")
    assert df["initiatives"].sum() == len(release.of_kind("initiative"))
    spec = views.initiative_domain_chart(release, "en")
    assert sum(sum(plotly_values(tr.x)) for tr in spec.figure.data) == len(release.of_kind("initiative"))


def test_network_links_every_proposer_and_supporter(release):
    nodes, edges = frames.network_frames(release, "en")
    expected = sum(len(i.proposed_by) + len(i.supported_by) for i in release.of_kind("initiative"))
    assert (edges["relation"] != "concerns").sum() == expected
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["id"])


def test_conflict_chart_covers_every_conflict(release):
    spec = views.conflict_chart(release, "en")
    assert sum(len(tr.y) for tr in spec.figure.data) == len(release.of_kind("conflict"))
    assert sum(sum(plotly_values(tr.x)) for tr in spec.figure.data) == sum(len(c.mentions) for c in release.of_kind("conflict"))


def test_builders_are_pure(release):
    first = views.sector_matrix_chart(release, "en").figure.to_json()
    assert views.sector_matrix_chart(release, "en").figure.to_json() == first
    layout = views.conflict_chart(release, "en").figure.layout
    assert layout.template.layout.colorway == pio.templates[TEMPLATE_NAME].layout.colorway
