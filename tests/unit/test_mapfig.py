"""The map figure: built offline from our own polygons, layers switch traces, small enough to send."""

from __future__ import annotations

import pytest

from centralasia.geo import project_layers, read_layers
from centralasia.loader import load_catalog
from centralasia.mapfig import MapLayers
from centralasia.mapview import map_chart, node_details, release_overlay, view_ranges


@pytest.fixture(scope="module")
def prepared():
    layers = read_layers()
    release = load_catalog().releases[0]
    from centralasia.mapfig import VIEWS

    projected = project_layers(layers, views=VIEWS)
    overlay, not_on_map = release_overlay(release, projected, "en")
    return layers, release, projected, overlay, not_on_map


def _layer(fig, name):
    return [tr for tr in fig.data if (tr.meta or {}).get("layer") == name]


def test_map_draws_countries_route_and_nodes_without_a_geo_subplot(prepared):
    layers, release, projected, overlay, _ = prepared
    fig = map_chart(release, projected, overlay, MapLayers(), "en").figure
    assert not any(tr.type in {"scattergeo", "choropleth", "choroplethmap", "scattermap"} for tr in fig.data)
    countries = _layer(fig, "country")
    assert len(countries) == len(layers.countries)
    assert all(tr.fill == "toself" and len(tr.x) > 4 for tr in countries)
    segments = _layer(fig, "segments")
    assert sum(sum(v is None for v in tr.x) for tr in segments) == len(layers.segments)
    assert sum(len(tr.x) for tr in _layer(fig, "nodes")) == len(layers.nodes)


def test_release_countries_are_highlighted_and_mentioned_ones_shaded(prepared):
    *_, overlay, _ = prepared
    assert overlay.release_iso3 == {"KAZ", "TKM"}
    assert overlay.mentioned_iso3 == {"AZE", "ARM", "UKR", "AFG"}


def test_release_places_and_conflicts_are_placed_and_the_rest_listed(prepared):
    *_, overlay, not_on_map = prepared
    assert set(overlay.places["id"]) == {"ashgabat", "almaty", "astana"}
    assert set(overlay.conflicts["id"]) == {"azerbaijan-armenia", "ukraine-conflict", "afghanistan-stability"}
    text = " ".join(not_on_map)
    assert "Berlin" in text and "Middle East conflict" in text


def test_layer_toggles_change_the_traces(prepared):
    _, release, projected, overlay, _ = prepared
    full = map_chart(release, projected, overlay, MapLayers(), "en").figure
    only_main_rail = MapLayers(corridors=frozenset({"main"}), modes=frozenset({"rail"}), places=False, conflicts=False)
    small = map_chart(release, projected, overlay, only_main_rail, "en").figure
    assert len(_layer(small, "segments")) == 1 and len(_layer(full, "segments")) > 5
    assert not _layer(small, "places") and not _layer(small, "conflicts")
    assert _layer(full, "places") and _layer(full, "conflicts")


def test_hover_and_legend_follow_the_language(prepared):
    _, release, projected, _, _ = prepared
    overlay_de, _ = release_overlay(release, projected, "de")
    fig = map_chart(release, projected, overlay_de, MapLayers(), "de").figure
    names = {tr.name for tr in fig.data}
    assert "Hauptlinie · Schiene (schematisch)" in names
    hover = " ".join(" ".join(tr.hovertext) for tr in _layer(fig, "nodes"))
    assert "Aschgabat" in hover and "Quelle" in hover


def test_map_json_stays_small(prepared):
    _, release, projected, overlay, _ = prepared
    size = len(map_chart(release, projected, overlay, MapLayers(), "en").figure.to_json())
    assert size < 400_000, size


def test_views_zoom_in(prepared):
    _, _, projected, _, _ = prepared
    (x0, x1), _ = view_ranges(projected, "caspian")
    assert (x1 - x0) < (projected.x_range[1] - projected.x_range[0]) / 2


def test_node_details_carry_source_and_release_quotes(prepared):
    layers, release, *_ = prepared
    details, quotes = node_details(layers, release, "ashgabat", "en")
    assert "GeoNames" in details["Source"]
    assert "Aschgabat" in set(quotes["quote"])
    assert all(release.text[r.start : r.end] == r.quote for r in quotes.itertuples())
    _, none = node_details(layers, release, "poti", "en")
    assert none.empty
