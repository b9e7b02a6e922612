"""The map figure: drawn offline from our own polygons, labels placed without overlaps, a small legend, small JSON."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from centralasia import settings
from centralasia.charts.registry import Box, ChartContext, ChartOptions
from centralasia.i18n import LANGUAGES
from centralasia.release.loader import load_catalog
from centralasia.route.geo import in_view, localised, project_layers, read_layers
from centralasia.route.mapcompose import MIN_TEXT_PX
from centralasia.route.mapfig import geometry_source, reader_source
from centralasia.route.maplabels import Frame, Label, _shift, place_labels, text_box
from centralasia.route.mapstyle import PALETTES, VIEWS, MapLayers
from centralasia.route.mapview import (
    comparison_frame,
    ferry_times,
    format_position,
    freight_chart,
    node_details,
    place_names,
    place_quotes,
    release_overlay,
    route_map_chart,
)

LANGS = LANGUAGES  # every interface language: Cyrillic labels are wider and must fit as well


@pytest.fixture(scope="module")
def prepared():
    layers = read_layers()
    release = load_catalog(settings.releases_root()).releases[0]
    projected = project_layers(layers, views=VIEWS)
    overlays = {lang: release_overlay(release, projected, lang) for lang in LANGS}
    return layers, release, projected, overlays


def _layer(fig, name):
    return [tr for tr in fig.data if (tr.meta or {}).get("layer") == name]


DESK = Box(700)
# Every size the map is shown at: content widths 300–1700 px, the three embed snippets, print, an image download.
BOXES = [Box(300), Box(390), Box(560), Box(768), Box(1024), Box(1280), Box(1700), Box(760, 680, "embed"),
         Box(560, 600, "embed"), Box(350, 680, "embed"), Box(680, None, "print"), Box(1200, 800, "image")]  # fmt: skip


def _chart(prepared, lang="en", view="corridor", box=DESK, theme="light", layers=None, figures=None, node=None, projected=None):
    _, release, own, _ = prepared
    ctx = ChartContext(release, lang, theme, ChartOptions(layers=layers or MapLayers(), view=view, node=node), box)
    return route_map_chart(ctx, projected if projected is not None else own, figures)


def _frame(fig) -> Frame:
    """The figure's plot box and data window, as composed (ranges from the axes, px size from the figure's meta)."""
    width, height = fig.layout.meta["plot"]
    return Frame(*fig.layout.xaxis.range, *fig.layout.yaxis.range, width, height)


def _annotation_boxes(fig, frame: Frame) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each label's screen box, rebuilt from the annotation as plotly will draw it (anchor, x/y anchor, shift or leader)."""
    boxes = []
    for a in fig.layout.annotations:
        text = a.text.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")
        w, h = text_box(text, a.font.size, bold="<b>" in a.text)
        px, py = frame.px(a.x, a.y)
        if a.showarrow:  # a leader line: the text's centre sits (ax, ay) px off its point
            cx, cy = float(px) + a.ax - w / 2, float(py) + a.ay - h / 2
        else:
            cx = float(px) + a.xshift - {"left": 0, "right": w, "center": w / 2}[a.xanchor]
            cy = float(py) - a.yshift - {"top": 0, "bottom": h, "middle": h / 2}[a.yanchor]
        boxes.append((text, (cx, cy, cx + w, cy + h)))
    return boxes


def _overlapping(boxes):
    pairs = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                pairs.append((ta, tb))
    return pairs


def test_map_draws_countries_route_and_nodes_without_a_geo_subplot(prepared):
    layers, *_ = prepared
    fig = _chart(prepared).figure
    assert not any(tr.type in {"scattergeo", "choropleth", "choroplethmap", "scattermap"} for tr in fig.data)
    countries = _layer(fig, "country")
    assert len(countries) == len(layers.countries)
    assert all(tr.fill == "toself" for tr in countries) and sum(len(tr.x) > 20 for tr in countries) > len(countries) / 2
    assert sum(sum(v is None for v in tr.x) for tr in _layer(fig, "segments")) == len(layers.segments)
    assert sum(len(tr.x) for tr in _layer(fig, "nodes")) == len(layers.nodes)


def _check_composed(fig, box: Box) -> None:
    """No overlapping labels, none outside the plot, no text under 11 px, title and source within the width."""
    frame = _frame(fig)
    boxes = _annotation_boxes(fig, frame)
    assert len(boxes) >= 5, boxes
    assert _overlapping(boxes) == []
    assert all(0 <= b[0] and b[2] <= frame.width and 0 <= b[1] and b[3] <= frame.height for _, b in boxes)
    sizes = [a.font.size for a in fig.layout.annotations] + [fig.layout.title.font.size, fig.layout.title.subtitle.font.size]
    sizes.append(fig.layout.legend.font.size)
    assert min(sizes) >= MIN_TEXT_PX
    for line in fig.layout.title.text.split("<br>"):
        assert text_box(line, fig.layout.title.font.size)[0] <= box.width, line
    for line in fig.layout.title.subtitle.text.split("<br>"):
        assert text_box(line, fig.layout.title.subtitle.font.size)[0] <= box.width, line
    if box.height:
        assert fig.layout.height <= box.height


@pytest.mark.parametrize("box", BOXES, ids=lambda b: f"{b.width}x{b.height}-{b.medium}")
@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_placed_for_every_box(prepared, box, lang):
    fig = _chart(prepared, lang, box=box).figure
    _check_composed(fig, box)
    frame = _frame(fig)
    nodes = _layer(fig, "nodes")[0]
    xs, _ = frame.px(list(nodes.x), list(nodes.y))
    assert (max(xs) - min(xs)) / frame.width >= 0.55  # the route spans the map, whatever the box
    assert fig.layout.meta["box"] == [box.width, box.height, box.medium]


@pytest.mark.parametrize("view", [v for v in VIEWS if v != "corridor"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_view_is_composed_for_a_phone_and_a_desktop(prepared, view, lang):
    for box in (Box(390), Box(1024)):
        _check_composed(_chart(prepared, lang, view, box=box).figure, box)


def test_a_wider_box_gets_a_wider_plot_and_more_room_for_names(prepared):
    narrow, wide = _chart(prepared, box=Box(390)).figure, _chart(prepared, box=Box(1280)).figure
    assert _frame(wide).width > 2 * _frame(narrow).width
    assert len(wide.layout.annotations) > len(narrow.layout.annotations)
    assert wide.layout.title.text.count("<br>") <= narrow.layout.title.text.count("<br>")


def test_every_corridor_colour_is_in_the_legend(prepared):
    from centralasia.i18n import t

    fig = _chart(prepared).figure
    legend = {tr.name.replace("<br>", " ") for tr in fig.data if tr.showlegend}
    drawn = {tr.meta["corridor"] for tr in _layer(fig, "segments")}
    assert {t(f"map.corridor.{c}", "en") for c in drawn} <= legend


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("box", [Box(390), Box(1024), Box(760, 680, "embed")], ids=str)
def test_seas_turkmenbashi_and_every_shaded_country_are_named(prepared, lang, box):
    layers, *_, overlays = prepared
    overlay = overlays[lang][0]
    names = {a.name for a in _chart(prepared, lang, box=box).figure.layout.annotations}
    named_countries = {n.split(":")[3] for n in names if n.startswith("label:country:")}
    shaded = overlay.release_iso3 | overlay.mentioned_iso3
    assert shaded <= named_countries, shaded - named_countries
    seas = {n.split(":")[3] for n in names if n.startswith("label:sea:")}
    assert seas == set(layers.seas["id"])
    assert "label:node:node:turkmenbashi" in names


def test_a_marked_node_is_selected_and_named(prepared):
    fig = _chart(prepared, node="aktau", box=Box(390)).figure
    nodes = _layer(fig, "nodes")[0]
    assert [nodes.customdata[i][0] for i in nodes.selectedpoints] == ["aktau"]
    assert any(a.name == "label:node:node:aktau" and "<b>" in a.text for a in fig.layout.annotations)
    assert _layer(_chart(prepared).figure, "nodes")[0].selectedpoints is None


def test_german_names_and_the_computed_title(prepared):
    _, _, projected, overlays = prepared
    de = _chart(prepared, "de", "caucasus").figure
    texts = " ".join(a.text for a in de.layout.annotations)
    assert "Alat" in texts and "Ələt" not in texts
    chart = _chart(prepared, "de")
    crossed = set(projected.nodes["iso3"])  # every node lies on a drawn leg with all layers on
    named = crossed & (overlays["de"][0].release_iso3 | overlays["de"][0].mentioned_iso3)
    assert f"{len(crossed)} Länder" in chart.title and f"nennt {len(named)} davon" in chart.title


def test_positions_are_written_in_the_readers_locale():
    assert format_position(43.648, 51.172, "de") == "43,65° N, 51,17° O"
    assert format_position(43.648, 51.172, "en") == "43.65° N, 51.17° E"
    assert format_position(-1.5, -2.25, "ru") == "1,50° ю. ш., 2,25° з. д."


def test_the_placement_rule_keeps_the_more_important_label_and_tries_other_positions():
    frame = Frame(0, 200, 0, 200, 200, 200)  # 1 px per km
    big = Label("a", "Important", 50, 50, priority=90, size=10, positions=("E",))
    small = Label("b", "Minor", 52, 50, priority=10, size=10, positions=("E",))
    flexible = Label("c", "Other", 52, 50, priority=10, size=10, gap=12, positions=("E", "S"))
    placed = place_labels([small, big], frame, [], [])
    assert [p.label.key for p in placed] == ["a"]  # same spot: the minor one is dropped
    placed = place_labels([flexible, big], frame, [], [])
    assert {p.label.key: p.position for p in placed} == {"a": "E", "c": "S"}  # moved below instead
    blocked = place_labels([big], frame, [(40, 130, 200, 170)], [])
    assert blocked == []  # a symbol under every allowed position: dropped, not drawn on top


def test_labels_prefer_positions_off_the_route():
    frame = Frame(0, 200, 0, 200, 200, 200)
    line = [(x, 100.0) for x in range(0, 200, 2)]  # a horizontal route through the anchor (screen y = 100)
    label = Label("a", "Town", 100, 100, priority=50, size=10, positions=("E", "N"))
    (placed,) = place_labels([label], frame, [], line)
    assert placed.position == "N"


def test_annotation_anchor_and_shift_match_the_placed_box():
    for position in ("E", "W", "N", "S", "NE", "SW", "C", "C+N", "C+SE"):
        sx, sy, xanchor, yanchor = _shift(position, 10)
        assert xanchor in {"left", "right", "center"} and yanchor in {"top", "bottom", "middle"}
        if position == "E":
            assert (sx, sy, xanchor) == (10, 0, "left")


def test_text_box_grows_with_text_and_size():
    assert text_box("Kasachstan", 12)[0] > text_box("Kasachstan", 10)[0] > text_box("Baku", 10)[0]
    assert text_box("Kaspisches<br>Meer", 12)[1] > text_box("Kaspisches Meer", 12)[1]


def test_schematic_legs_are_dashed_and_say_so_in_the_hover(prepared):
    _, _, projected, _ = prepared
    fig = _chart(prepared).figure
    styles = {tr.meta["style"]: tr.line.dash for tr in _layer(fig, "segments")}
    assert styles.get("rail-network", "solid") == "solid"
    if (projected.segments["geometry_source"] == "schematic").any():
        assert "px" in styles["schematic"]
        hover = " ".join(" ".join(tr.text) for tr in _layer(fig, "segment-hover"))
        assert "schematic: no line data" in hover
    legend = {tr.name for tr in fig.data if tr.showlegend}
    assert "Schematic" in legend and "Rail line" in legend


def test_legs_without_geometry_source_count_as_schematic():
    old = pd.DataFrame({"mode": ["rail", "sea"], "id": ["a", "b"]})
    assert [geometry_source(r) for r in old.itertuples()] == ["schematic", "sea"]


def test_ferry_times_are_shown_where_published_and_unknown_stays_unknown(prepared):
    _, _, projected, _ = prepared
    sea = projected.segments[projected.segments["mode"] == "sea"]["id"].tolist()
    known, unknown = sea[0], sea[1]
    figures = {"ferry_times": [{"segment": known, "value_en": "about 99 h", "value_de": "etwa 99 Std."}]}
    fig = _chart(prepared, "en", "caspian", figures=figures).figure
    hover = {row: text for tr in _layer(fig, "segment-hover") for row, text in zip(tr.customdata[:, 0], tr.text, strict=True)}
    assert "crossing: about 99 h" in hover[known]
    assert "crossing: not published" in hover[unknown]
    assert any("about 99 h" in a.text for a in fig.layout.annotations)
    assert ferry_times(figures, "de") == {known: "etwa 99 Std."}
    assert ferry_times(figures, "ru") == {known: "about 99 h"}  # a language without the text: English, never "unknown"


def _freight(release, lang, box=DESK, theme="light"):
    return freight_chart(ChartContext(release, lang, theme, ChartOptions(), box), FIGURES)


@pytest.mark.parametrize("box", [Box(300), Box(390), Box(768), Box(1280), Box(390, 720, "embed")], ids=str)
def test_the_freight_title_and_legend_fit_the_box_in_every_language(prepared, box):
    _, release, *_ = prepared
    for lang in LANGS:
        chart = _freight(release, lang, box)
        title = chart.figure.layout.title
        lines = title.text.split("<br>")
        assert all(text_box(line, title.font.size)[0] <= box.width - 20 for line in lines), (lang, lines)
        assert " ".join(lines) == chart.title
        columns = chart.figure.layout.meta["legend_columns"]
        room = (box.width - 20) / columns - 44
        entries = [tr.name for tr in chart.figure.data if tr.showlegend is not False]
        assert all(text_box(line, 12)[0] <= room for e in entries for line in e.split("<br>")), entries
        if box.height:
            assert chart.figure.layout.height <= box.height


def test_corridor_ends_and_sea_and_country_labels(prepared):
    fig = _chart(prepared).figure
    names = [a.name for a in fig.layout.annotations]
    assert any(n.startswith("label:end:") for n in names)
    assert any(n.startswith("label:country:") for n in names)
    assert any(n.startswith("label:sea:") for n in names)
    assert len(_layer(fig, "ends")) >= 2


def test_dark_theme_draws_dark_water_and_land(prepared):
    fig = _chart(prepared, theme="dark").figure
    assert fig.layout.plot_bgcolor == PALETTES["dark"].water
    other = [tr for tr in _layer(fig, "country") if tr.fillcolor == PALETTES["dark"].land]
    assert other
    light = _chart(prepared).figure
    assert light.layout.plot_bgcolor == PALETTES["light"].water and light.layout.paper_bgcolor == "#ffffff"


def test_layer_toggles_change_the_traces(prepared):
    full = _chart(prepared).figure
    only_main_rail = MapLayers(corridors=frozenset({"main"}), modes=frozenset({"rail"}), places=False, conflicts=False)
    small = _chart(prepared, layers=only_main_rail).figure
    assert {tr.meta["corridor"] for tr in _layer(small, "segments")} == {"main"}
    assert len(_layer(full, "segments")) > len(_layer(small, "segments"))
    assert not _layer(small, "places") and not _layer(small, "conflicts")
    assert _layer(full, "places") and _layer(full, "conflicts")


def test_release_countries_places_and_conflicts_are_placed(prepared):
    _, release, _, overlays = prepared
    overlay, not_on_map = overlays["en"]
    assert overlay.release_iso3 == {"KAZ", "TKM"}
    # Expectations from the data: places with coordinates inside the corridor view are drawn, the others listed;
    # a conflict is drawn at its parties, one without parties is listed as not placeable.
    in_view_ids = {p.id for p in release.of_kind("place") if p.coordinates and in_view(p.coordinates.lon, p.coordinates.lat)}
    assert set(overlay.places["id"]) == in_view_ids
    for place in release.of_kind("place"):
        if place.id not in in_view_ids:
            assert place.label("en") in " ".join(not_on_map)
    with_parties = {c.id for c in release.of_kind("conflict") if c.parties}
    assert set(overlay.conflicts["id"]) == with_parties
    for conflict in release.of_kind("conflict"):
        if not conflict.parties:
            assert any(line.startswith(conflict.label("en")) for line in not_on_map)


def test_map_json_stays_small(prepared):
    sizes = {b.width: len(_chart(prepared, box=b).figure.to_json()) for b in (Box(390), Box(1280))}
    assert max(sizes.values()) < 250_000, sizes  # one figure, composed for its box, goes to the browser


def test_nothing_on_the_map_tells_the_reader_to_verify_or_shows_a_path(prepared):
    for lang in LANGS:
        text = _chart(prepared, lang).figure.to_json()
        assert "verify" not in text.lower() and "verifizieren" not in text.lower()
        assert "data/geo" not in text and ".yaml" not in text
        assert "OpenStreetMap contributors" in text and "Natural Earth" in text


def test_editor_notes_stay_off_screen():
    assert (
        reader_source("Approximate centre; not from a gazetteer — verify before publishing") == "Approximate centre; not from a gazetteer"
    )
    assert reader_source("GeoNames (CC BY 4.0)") == "GeoNames (CC BY 4.0)"


def test_the_phone_names_the_release_countries(prepared):
    *_, overlays = prepared
    fig = _chart(prepared, "de", box=Box(360)).figure
    names = {a.name.split(":")[3] for a in fig.layout.annotations if a.name.startswith("label:country:")}
    assert names & set(overlays["de"][0].release_iso3)


def test_localised_reads_the_language_column_and_falls_back_to_english():
    row = {"name_en": "Port of Baku (Alat)", "name_de": "Hafen Baku (Ələt)", "name_ru": "Бакинский порт (Алят)", "note_en": "x"}
    assert [localised(row, "name", lang) for lang in ("en", "de", "ru")] == [row["name_en"], row["name_de"], row["name_ru"]]
    assert localised(row, "name", "kk") == row["name_en"]  # a language without a text: English
    assert localised({**row, "note_ru": float("nan")}, "note", "ru") == "x"  # a NaN cell from pandas counts as missing
    assert localised(pd.Series(row), "note", "de") == "x" and localised(row, "missing", "ru") == ""
    series_row = next(pd.DataFrame([row]).itertuples())
    assert localised(series_row, "name", "ru") == row["name_ru"]


def _map_texts(fig) -> dict[str, str]:
    return {a.name: a.text for a in fig.layout.annotations}


def test_the_russian_map_writes_russian_names_from_the_geodata(prepared):
    layers, *_ = prepared
    fig = _chart(prepared, "ru", view="caspian").figure
    texts = " ".join(_map_texts(fig).values())
    for node in ("aktau", "baku", "turkmenbashi"):
        short = localised(layers.nodes.set_index("id").loc[node], "short", "ru")
        assert short != localised(layers.nodes.set_index("id").loc[node], "short", "en") and short in texts, (short, texts)
    sea = localised(layers.seas.set_index("id").loc["caspian"], "name", "ru")
    assert sea.split(" ")[0] in texts
    hovers = " ".join(str(h) for tr in _layer(fig, "nodes") for h in tr.hovertext)
    assert "Актау" in hovers and "Aktau" not in hovers
    countries = {k: v for k, v in _map_texts(_chart(prepared, "ru").figure).items() if k.startswith("label:country:")}
    assert countries and all(any("А" <= ch <= "я" or ch == "Ё" for ch in v) for v in countries.values()), countries
    ends = [v for k, v in _map_texts(_chart(prepared, "ru").figure).items() if k.startswith("label:end:")]
    assert ends and all(t_ in ("<i>из Китая</i>", "<i>в Европу</i>") for t_ in ends), ends


def test_a_further_language_is_a_data_change(prepared):
    """Columns name_xx/short_xx in the geodata are all a new language needs on the map (UI strings fall back to English)."""
    _, release, projected, overlays = prepared
    nodes = projected.nodes.assign(name_xx=lambda df: "XX-" + df["id"], short_xx=lambda df: "XX-" + df["id"])
    countries = projected.countries.assign(name_xx=lambda df: "XX-" + df["iso3"])
    seas = projected.seas.assign(name_xx="XX-sea sea")
    with_xx = dataclasses.replace(projected, nodes=nodes, countries=countries, seas=seas)
    fig = _chart(prepared, "xx", "caspian", projected=with_xx).figure
    texts = _map_texts(fig)
    node_labels = [v for k, v in texts.items() if k.startswith("label:node:")]
    assert node_labels and all(v.startswith("XX-") for v in node_labels), node_labels
    assert all(v.startswith("XX-") for k, v in texts.items() if k.startswith("label:country:"))
    details = node_details(with_xx, release, "aktau", "xx")
    assert details.name == "XX-aktau" and details.facts["Country"] == "XX-KAZ"


def test_place_names_split_brackets_and_slashes():
    row = pd.Series({"name_en": "Port of Baku (Alat)", "name_de": "Hafen Baku (Ələt)", "short_en": "Alat", "short_de": "Ələt"})
    assert place_names(row) == ["Port of Baku", "Alat", "Hafen Baku", "Ələt"]
    row = pd.Series({"name_en": "Dostyk", "name_de": "Dostyk (früher Druschba)", "short_en": "", "short_de": ""})
    assert place_names(row) == ["Dostyk"]
    row = pd.Series({"name_en": "Böyük Kəsik / Gardabani", "name_de": "Böyük Kəsik / Gardabani", "short_en": "", "short_de": ""})
    assert place_names(row) == ["Böyük Kəsik", "Gardabani"]
    row = pd.Series({"name_en": "Aktau", "name_de": "Aktau", "name_ru": "Актау", "short_en": "", "short_de": "", "short_ru": ""})
    assert place_names(row) == ["Aktau", "Актау"]  # every language's name finds the node (a Russian place label too)


def test_place_quotes_are_whole_sentences_that_name_the_place(prepared):
    _, release, *_ = prepared
    quotes = place_quotes(release, ["Aschgabat"])
    assert len(quotes) >= 1
    assert all("Aschgabat" in q.quote and release.text[q.start : q.end] == q.quote for q in quotes.itertuples())
    assert place_quotes(release, ["Nowhere-on-earth"]).empty


def test_node_details_only_quote_the_place_itself(prepared):
    _, release, projected, _ = prepared
    aktau = node_details(projected, release, "aktau", "en")
    assert "Kasachstan" not in " ".join(aktau.quotes["quote"])  # the country is not the port
    assert aktau.quotes.empty
    assert aktau.facts["Country"] == "Kazakhstan" and aktau.legs
    ashgabat = node_details(projected, release, "ashgabat", "de")
    assert not ashgabat.quotes.empty and all("Aschgabat" in q for q in ashgabat.quotes["quote"])
    assert all(release.text[r.start : r.end] == r.quote for r in ashgabat.quotes.itertuples())


FIGURES = {
    "as_of": "2026-01-31",
    "freight_series": [
        {"id": "a", "label_en": "Series A", "label_de": "Reihe A", "scope_en": "rail only", "scope_de": "nur Schiene",
         "source": {"publisher": "Office A", "title": "T", "date": "2025-06-01"},
         "points": [{"year": 2021, "value": 1.0, "kind": "actual"}, {"year": 2022, "value": 2.0, "kind": "actual"},
                    {"year": 2023, "value": 3.0, "kind": "forecast"}]},
        {"id": "b", "label_en": "Series B", "label_de": "Reihe B", "scope_en": "all cargo", "scope_de": "alle Güter",
         "source": {"publisher": "Bank B", "title": "U", "date": "2024-01-01"},
         "points": [{"year": 2030, "value": 9.0, "kind": "scenario"}]},
    ],
}  # fmt: skip


def test_freight_is_one_line_per_source_with_projections_marked_and_the_newest_date(prepared):
    _, release, *_ = prepared
    chart = _freight(release, "en")
    named = [tr for tr in chart.figure.data if tr.showlegend is not False]
    assert [tr.name for tr in named] == ["Series A", "Series B"]
    assert list(named[0].marker.symbol) == ["circle", "circle", "circle-open"]
    assert not any(tr.type == "bar" for tr in chart.figure.data)
    assert "2026" in chart.as_of or "31 January 2026" in chart.as_of
    assert set(chart.data["Scope"]) == {"rail only", "all cargo"}
    dark = _freight(release, "de", theme="dark").figure
    assert dark.layout.paper_bgcolor != "#ffffff"


def test_comparison_table_for_about_page(prepared):
    layers, *_ = prepared
    table = comparison_frame(layers, "de")
    assert len(table) >= 1 and "km (veröffentlicht)" in table.columns
    russian = comparison_frame(layers, "ru")
    items = russian.iloc[:, 0].tolist()
    assert items and all(any("а" <= ch <= "я" for ch in item) for item in items), items
    json.dumps(table.astype(str).to_dict())  # plain, serialisable cells


def test_conflict_map_names_every_placed_conflict(prepared):
    *_, overlays = prepared
    only = MapLayers(corridors=frozenset(), modes=frozenset(), roles=frozenset(), places=False, conflicts=True)
    fig = _chart(prepared, layers=only).figure
    named = {a.name.rsplit(":", 1)[1] for a in fig.layout.annotations if a.name.startswith("label:conflict:")}
    assert named == set(overlays["en"][0].conflicts["id"])
    assert not _layer(fig, "nodes") and not _layer(fig, "ends")


def test_label_text_from_data_is_escaped_once(prepared):
    from dataclasses import replace

    _, release, projected, overlays = prepared
    nodes = projected.nodes.copy()
    nodes.loc[nodes["id"] == "aktau", "short_en"] = "A&B <i>x</i>"
    hostile = replace(projected, nodes=nodes)
    fig = _chart(prepared, "en", "caspian", projected=hostile).figure
    texts = [a.text for a in fig.layout.annotations]
    assert "A&amp;B &lt;i&gt;x&lt;/i&gt;" in texts
    assert not any("&amp;amp;" in text for text in texts)


def test_overlay_text_stays_plain_until_drawn_and_is_escaped_once(prepared):
    """Place and conflict names from a release are measured as the reader reads them and escaped once where drawn."""
    from dataclasses import replace

    from centralasia.route.mapfig import route_map_figure
    from centralasia.safe_text import plotly_text

    *_, projected, overlays = prepared
    overlay = overlays["en"][0]
    places, conflicts = overlay.places.copy(), overlay.conflicts.copy()
    named = places["map_label"].astype(bool)
    places.loc[named, "map_label"] = places.loc[named, "label"] = [f"P&Q <b>x</b> {i}" for i in range(named.sum())]
    places["quote"] = 'say "<a>"'
    conflicts["label"], conflicts["position"] = "C&D <i>y</i>", "<sup>z</sup> & w"
    hostile = replace(overlay, places=places, conflicts=conflicts)
    layers = MapLayers(corridors=frozenset(), modes=frozenset(), roles=frozenset(), places=True, conflicts=True)
    fig = route_map_figure(projected, hostile, layers, "en", "Title", "Source", Box(1280), ranges=None)
    labels = {a.name: a.text for a in fig.layout.annotations}
    plain = dict(zip(places["id"], places["map_label"], strict=True))
    drawn = [(name, text) for name, text in labels.items() if name.startswith("label:place:")]
    assert drawn and all(text == plotly_text(plain[name.rsplit(":", 1)[1]]) for name, text in drawn)
    drawn = [text for name, text in labels.items() if name.startswith("label:conflict:")]
    assert drawn and all(text.replace("<br>", " ") == plotly_text("C&D <i>y</i>") for text in drawn)
    hovers = [h for trace in fig.data if trace.hovertext is not None for h in trace.hovertext]
    assert any(plotly_text("P&Q <b>x</b>") in h and plotly_text('say "<a>"') in h for h in hovers)
    assert any(plotly_text("C&D <i>y</i>") in h and plotly_text("<sup>z</sup> & w") in h for h in hovers)
    texts = [*labels.values(), *hovers]
    assert not any("&amp;amp;" in x or "&amp;lt;" in x for x in texts)  # never escaped twice
    assert not any(tag in x for x in texts for tag in ("<a>", "<i>y", "<sup>z", "<b>x"))  # never markup


def test_ferry_note_names_known_and_unknown_crossings(prepared):
    from centralasia.route.mapview import ferry_note

    _, _, projected, _ = prepared
    sea = projected.segments[projected.segments["mode"] == "sea"]
    known = sea.iloc[0]
    figures = {"ferry_times": [{"segment": known["id"], "value_en": "about 7 h", "source": {"publisher": "Port X", "date": "2024-05-01"}}]}
    note = ferry_note(projected, figures, "en")
    assert "about 7 h (Port X, 1 May 2024)" in note
    other = sea.iloc[1]
    names = projected.nodes.set_index("id")["name_en"]
    assert f"{names[other['from_node']]} – {names[other['to_node']]}" in note.split("for:")[1]


def test_every_freight_mark_sits_under_the_top_gridline(prepared):
    _, release, *_ = prepared
    fig = _freight(release, "en").figure
    top = fig.layout.yaxis.range[1]
    highest = max(v for tr in fig.data for v in tr.y if v is not None)
    assert highest < top and (top / fig.layout.yaxis.dtick) == int(top / fig.layout.yaxis.dtick)  # a gridline at the top
