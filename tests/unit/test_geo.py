"""Geodata: valid WGS84 GeoJSON with sources, consistent ids, lengths that match published ones."""

from __future__ import annotations

import json

import pytest
import yaml
from shapely.geometry import Point, shape

from centralasia.geo import GEO_DIR, REGION, file_digest, geodesic_km, great_circle, length_table, published_comparison, read_layers


@pytest.fixture(scope="module")
def layers():
    return read_layers()


@pytest.mark.parametrize("name", ["countries", "nodes", "segments"])
def test_each_layer_is_a_valid_feature_collection_with_a_matching_sidecar(name):
    path = GEO_DIR / f"{name}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid and not geom.is_empty
        lon0, lat0, lon1, lat1 = geom.bounds
        assert REGION[0] <= lon0 <= lon1 <= REGION[2] and REGION[1] <= lat0 <= lat1 <= REGION[3]
    meta = yaml.safe_load(path.with_suffix(".meta.yaml").read_text(encoding="utf-8"))
    assert meta["source"] and meta["license"] and meta["features"] == len(data["features"])
    assert meta["md5"] == file_digest(path), "the sidecar's checksum is stale: rerun data/geo/build_geo.py"


def test_nodes_and_segments_are_consistent(layers):
    assert layers.nodes["id"].is_unique and layers.segments["id"].is_unique
    ids = set(layers.nodes["id"])
    assert set(layers.segments["from_node"]) <= ids and set(layers.segments["to_node"]) <= ids
    assert layers.nodes["source"].str.len().min() > 5 and layers.segments["source"].str.len().min() > 5
    for required in ("dostyk", "khorgos", "almaty", "aktau", "kuryk", "alat", "baku", "tbilisi", "poti", "batumi", "anaklia",
                     "akhalkalaki", "kars", "istanbul", "kapikule", "constanta", "turkmenbashi", "ashgabat", "bereket", "gorgan",
                     "serhetabat", "herat"):  # fmt: skip
        assert required in ids


def test_segment_ends_sit_on_their_nodes(layers):
    where = {r.id: (r.geometry.x, r.geometry.y) for r in layers.nodes.itertuples()}
    for seg in layers.segments.itertuples():
        coords = list(seg.geometry.coords)
        assert coords[0] == pytest.approx(where[seg.from_node], abs=1e-4)
        assert coords[-1] == pytest.approx(where[seg.to_node], abs=1e-4)


def test_estimated_coordinates_are_flagged(layers):
    nodes = layers.nodes.set_index("id")
    for estimated in ("alat", "boyuk-kesik", "serhetabat", "altynkol"):
        assert bool(nodes.loc[estimated, "approximate"])
    assert not bool(nodes.loc["poti", "approximate"])


def test_caspian_reads_as_water_and_kazakhstan_as_land(layers):
    countries = layers.countries
    caspian = Point(51.0, 42.3)
    assert not countries.geometry.contains(caspian).any()
    kaz = countries[countries["iso3"] == "KAZ"].geometry.iloc[0]
    assert kaz.contains(Point(71.45, 51.17))  # Astana
    assert {"KAZ", "TKM", "AZE", "GEO", "TUR", "CHN", "IRN", "AFG", "ARM", "UKR"} <= set(countries["iso3"])


def test_geodesic_length_matches_a_known_distance():
    line = great_circle(0, 0, 1, 0)
    km = geodesic_km(type("G", (), {"geometry": [line], "index": [0]})()).iloc[0]
    assert km == pytest.approx(111.32, rel=1e-3)


def test_computed_lengths_are_within_15_percent_of_published_ones(layers):
    df = published_comparison(layers)
    assert "btk" in set(df["id"])
    comparable = df[df["comparable"]]
    assert len(comparable) >= 3
    for row in comparable.itertuples():
        assert abs(row.difference_pct) <= 15, f"{row.id}: computed {row.computed_km:.0f} km vs published {row.published_km:.0f} km"
    for row in df[~df["comparable"]].itertuples():
        assert row.why_en and row.why_de, "a length that is not compared says why"


def test_length_table_totals_equal_the_sum_of_legs(layers):
    table = length_table(layers)
    assert table["km"].sum() == pytest.approx(layers.segment_km.sum())
    assert table["legs"].sum() == len(layers.segments)
