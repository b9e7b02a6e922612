"""Geodata: German-POV basemap, legs on real lines where they say so, geodesic lengths, sources, export round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from centralasia.i18n import LANGUAGES
from centralasia.route.geo import (
    GEO_DIR,
    GEOMETRY_SOURCES,
    REGION,
    file_digest,
    length_table,
    project_layers,
    project_points,
    published_comparison,
    read_corridor_figures,
    read_layers,
)
from centralasia.route.geoexport import corridor_geojson, corridor_geojson_text

shapely_geometry = pytest.importorskip("shapely.geometry", reason="the geometry checks need shapely (extra geo-build)")
pyproj = pytest.importorskip("pyproj", reason="the geodesic checks need pyproj (extra geo-build)")
import shapely  # noqa: E402
import shapely.ops  # noqa: E402
from shapely.geometry import LineString, Point, shape  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The rail sources: $CENTRALASIA_RAIL_DIR, else ../shared/geo-sources/rail beside the repository (as the build finds them).
RAIL_DIRS = [Path(os.environ.get("CENTRALASIA_RAIL_DIR") or ROOT.parent / "shared" / "geo-sources" / "rail")]
GEOD = pyproj.Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def layers():
    return read_layers()


def _geojson(name: str) -> dict:
    return json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["countries", "nodes", "segments", "map_layers"])
def test_each_output_has_a_current_sidecar(name):
    path = GEO_DIR / (f"{name}.json" if name == "map_layers" else f"{name}.geojson")
    meta = yaml.safe_load(path.with_name(path.stem + ".meta.yaml").read_text(encoding="utf-8"))
    assert meta["source"] and meta["license"]
    assert meta["md5"] == file_digest(path), "the sidecar's checksum is stale: rerun data/geo/build_geo.py"


@pytest.mark.parametrize("name", ["countries", "nodes", "segments"])
def test_layers_are_valid_wgs84_inside_the_region(name):
    data = _geojson(name)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert geom.is_valid and not geom.is_empty
        lon0, lat0, lon1, lat1 = geom.bounds
        assert REGION[0] <= lon0 <= lon1 <= REGION[2] and REGION[1] <= lat0 <= lat1 <= REGION[3]


# ---------------------------------------------------------------- borders: German / EU point of view


def _country_at(lon: float, lat: float) -> list[str]:
    return [f["properties"]["iso3"] for f in _geojson("countries")["features"] if shape(f["geometry"]).contains(Point(lon, lat))]


def test_crimea_is_ukraine():
    assert _country_at(34.10, 44.95) == ["UKR"]  # Simferopol
    assert _country_at(33.52, 44.60) == ["UKR"]  # Sevastopol


def test_cyprus_is_one_country_and_no_non_country_features():
    assert _country_at(33.36, 35.19) == ["CYP"]  # North Nicosia
    names = {f["properties"]["name_en"] for f in _geojson("countries")["features"]}
    assert not [n for n in names if "Cyprus" in n and n != "Cyprus"]
    assert not [n for n in names if any(w in n for w in ("Siachen", "Northern", "Somaliland", "Bir Tawil", "Baikonur"))]


def test_country_names_are_short_forms_from_the_table():
    import csv

    with (GEO_DIR / "country_names.csv").open(encoding="utf-8") as fh:
        table = {row["iso3"]: row for row in csv.DictReader(fh)}
    meta = yaml.safe_load((GEO_DIR / "country_names.meta.yaml").read_text(encoding="utf-8"))
    assert all(meta["source"][f"name_{lang}"]["publisher"] and meta["source"][f"name_{lang}"]["url"] for lang in LANGUAGES)
    assert all(row[f"name_{lang}"] for row in table.values() for lang in LANGUAGES), "every country is named in every language"
    for feature in _geojson("countries")["features"]:
        p = feature["properties"]
        assert all(p[f"name_{lang}"] == table[p["iso3"]][f"name_{lang}"] for lang in LANGUAGES)
        assert ", " not in p["name_en"] and "State of" not in p["name_en"]


def test_caspian_reads_as_water_and_astana_as_kazakhstan():
    assert _country_at(51.0, 42.3) == []
    assert _country_at(71.44598, 51.1801) == ["KAZ"]  # Astana, GeoNames 1526273


# ---------------------------------------------------------------- legs


def test_every_leg_has_a_geometry_source_and_a_source(layers):
    assert set(layers.segments["geometry_source"]) <= set(GEOMETRY_SOURCES)
    assert (layers.segments["source"].str.len() > 5).all()
    sea = layers.segments[layers.segments["mode"] == "sea"]
    assert (sea["geometry_source"] == "sea").all()
    assert (layers.segments["schematic"] == (layers.segments["geometry_source"] == "schematic")).all()


def test_schematic_legs_say_why(layers):
    for row in _geojson("segments")["features"]:
        p = row["properties"]
        if p["geometry_source"] == "schematic":
            assert p["geometry_note_en"], p["id"]
        if p["geometry_source"] == "rail-network":
            assert p["attribution"], p["id"]


def test_turkmenbashi_leg_ends_at_the_port_of_baku_at_alat(layers):
    leg = layers.segments.set_index("id").loc["turkmenbashi-baku"]
    assert leg["to_node"] == "alat"


def _source_lines():
    for folder in RAIL_DIRS:
        if (folder / "osm_rail_az_tm_ge_clip.geojson").exists():
            lines = []
            for name in ("ne_10m_railroads_cat1_titr_clip.geojson", "osm_rail_az_tm_ge_clip.geojson"):
                data = json.loads((folder / name).read_text(encoding="utf-8"))
                lines += [shape(f["geometry"]) for f in data["features"]]
            return lines
    pytest.skip("rail sources not found in ../shared/geo-sources/rail (CI copies shared/ beside the repo)")


def test_real_legs_stay_within_1_km_of_a_source_rail_line():
    from shapely.strtree import STRtree

    to_km = pyproj.Transformer.from_crs(4326, "+proj=aeqd +lat_0=42 +lon_0=55 +units=km", always_xy=True).transform
    lines = [shapely.transform(line, to_km, interleaved=False) for line in _source_lines()]
    tree = STRtree(lines)
    checked = 0
    for feature in _geojson("segments")["features"]:
        if feature["properties"]["geometry_source"] != "rail-network":
            continue
        leg = shapely.transform(shape(feature["geometry"]), to_km, interleaved=False)
        # sample the whole drawn line every 0.5 km, not only its vertices
        for d in range(0, int(leg.length * 2) + 1):
            point = leg.interpolate(d / 2)
            nearest = lines[tree.nearest(point)]
            assert nearest.distance(point) <= 1.0 * 1.02, f"{feature['properties']['id']} leaves the rail line at {d / 2} km"
        checked += 1
    assert checked >= 5


def test_lengths_are_geodesic_along_the_drawn_line(layers):
    for feature in _geojson("segments")["features"]:
        lons, lats = zip(*feature["geometry"]["coordinates"], strict=True)
        expected = GEOD.line_length(lons, lats) / 1000
        assert feature["properties"]["length_km"] == pytest.approx(expected, abs=0.1)
        start, stop = feature["geometry"]["coordinates"][0], feature["geometry"]["coordinates"][-1]
        straight = GEOD.inv(*start, *stop)[2] / 1000
        assert expected >= straight - 0.1  # a line is never shorter than its chord
    assert layers.segment_km.sum() == pytest.approx(sum(f["properties"]["length_km"] for f in _geojson("segments")["features"]))


def test_leg_ends_sit_on_their_nodes_or_on_the_line_next_to_them(layers):
    nodes = layers.nodes.set_index("id")
    for feature in _geojson("segments")["features"]:
        p = feature["properties"]
        coords = feature["geometry"]["coordinates"]
        for end, coord in ((p["from"], coords[0]), (p["to"], coords[-1])):
            km = GEOD.inv(nodes.loc[end, "lon"], nodes.loc[end, "lat"], *coord)[2] / 1000
            assert km <= (10 if p["geometry_source"] == "rail-network" else 0.01), f"{p['id']}: {end} is {km:.1f} km off"


def test_published_comparison_is_close_where_the_legs_are_real(layers):
    df = published_comparison(layers)
    assert len(df) >= 1
    for row in df[df["comparable"]].itertuples():
        if row.real_share > 0.9:
            assert abs(row.difference_pct) <= 10, f"{row.id}: computed {row.computed_km:.0f} km vs published {row.published_km:.0f} km"
    for row in df[~df["comparable"]].itertuples():
        assert row.why_en and row.why_de, "a length that is not compared says why"


def test_length_table_totals_equal_the_sum_of_legs(layers):
    table = length_table(layers)
    assert table["km"].sum() == pytest.approx(layers.segment_km.sum())
    assert table["legs"].sum() == len(layers.segments)


# ---------------------------------------------------------------- nodes, ends, sources


def test_node_sources_are_present_and_documents_fully_cited():
    spec = yaml.safe_load((GEO_DIR / "corridor.yaml").read_text(encoding="utf-8"))
    sources = spec["sources"]
    used = {n["source"] for n in spec["nodes"]} | {s["source"] for s in spec["segments"]}
    assert used <= set(sources), f"unknown sources: {used - set(sources)}"
    for key, src in sources.items():
        if isinstance(src, dict):
            assert all(src.get(f) for f in ("publisher", "title", "date", "url", "scope")), key
    banned = ("wikipedia", "mirror", "reader comment", "verify before", "travellerconcept", "reingex", "shared/research")
    text = json.dumps(sources, ensure_ascii=False).lower()
    assert not [b for b in banned if b in text]


def test_nothing_on_screen_names_a_repo_path_or_asks_to_verify(layers):
    shown = json.dumps(
        [layers.nodes[["source", "note_en", "note_de"]].to_dict("records"), layers.segments[["source"]].to_dict("records"),
         read_corridor_figures()["freight_series"]], ensure_ascii=False).lower()  # fmt: skip
    assert "verify" not in shown and "data/geo" not in shown and ".md" not in shown and "titr_reference" not in shown


def test_every_text_shown_on_the_map_exists_in_every_language(layers):
    """Names, short names, notes, sea names and arrow labels: each has a text in every interface language."""
    spec = yaml.safe_load((GEO_DIR / "corridor.yaml").read_text(encoding="utf-8"))
    missing = []
    for kind, items, prefixes in (("node", spec["nodes"], ("name", "note", "short")), ("end", spec["ends"], ("label",)),
                                  ("sea", spec["seas"], ("name",)), ("route", spec["published_routes"], ("label", "why")),
                                  ("leg", spec["segments"], ("why_schematic", "crossing"))):  # fmt: skip
        missing += [f"{kind} {i['id']}: {p}_{lang}" for i in items for p in prefixes if i.get(f"{p}_en")
                    for lang in LANGUAGES if not i.get(f"{p}_{lang}")]  # fmt: skip
    figures = read_corridor_figures()
    for kind, items, prefixes in (("freight", figures["freight_series"], ("label", "scope")), ("capacity", figures["capacity"], ("label",)),
                                  ("transit", figures["transit_time"], ("label",)), ("ferry", figures["ferry_times"], ("value",))):  # fmt: skip
        missing += [f"{kind} {i.get('id', i.get('segment', i.get('label_en')))}: {p}_{lang}" for i in items for p in prefixes
                    if i.get(f"{p}_en") for lang in LANGUAGES if not i.get(f"{p}_{lang}")]  # fmt: skip
    assert missing == []
    # … and the build carried them into the prepared file the app reads.
    for frame, columns in ((layers.nodes, ("name", "short")), (layers.countries, ("name",)), (layers.seas, ("name",)),
                           (layers.ends, ("label",))):  # fmt: skip
        for column in columns:
            for lang in LANGUAGES:
                assert frame[f"{column}_{lang}"].astype(bool).all(), f"{column}_{lang}"
    sea_legs = layers.segments[layers.segments["mode"] == "sea"]
    assert all(sea_legs[f"geometry_note_{lang}"].astype(bool).all() for lang in LANGUAGES)


def test_approximate_positions_are_flagged(layers):
    nodes = layers.nodes.set_index("id")
    spec = yaml.safe_load((GEO_DIR / "corridor.yaml").read_text(encoding="utf-8"))
    method_sources = {k for k, v in spec["sources"].items() if isinstance(v, str)}
    for n in spec["nodes"]:
        if n["source"] in method_sources:
            assert bool(nodes.loc[n["id"], "approximate"]), n["id"]


def test_corridor_ends_point_from_china_and_to_europe(layers):
    ends = layers.ends.set_index("id")
    nodes = layers.nodes.set_index("id")
    assert set(ends["direction"]) == {"from-china", "to-europe"}
    for row in ends.itertuples():
        node = nodes.loc[row.node]
        head_on_node = (row.head_x, row.head_y) == pytest.approx((node["x"], node["y"]), abs=0.2)
        assert head_on_node == (row.direction == "from-china")  # arrows come in from China, go out to Europe
        if row.direction == "from-china":
            assert row.tail_x > row.head_x  # from the east
        else:
            assert row.head_x < row.tail_x  # towards the west


def test_projection_matches_pyproj(layers):
    lcc = pyproj.Transformer.from_crs(4326, "+proj=lcc +lat_1=36 +lat_2=48 +lat_0=42 +lon_0=55 +datum=WGS84 +units=km", always_xy=True)
    lons, lats = layers.nodes["lon"].tolist(), layers.nodes["lat"].tolist()
    xs, ys = project_points(lons, lats)
    ex, ey = lcc.transform(lons, lats)
    assert xs == pytest.approx(list(ex), abs=0.11) and ys == pytest.approx(list(ey), abs=0.11)
    assert layers.nodes["x"].tolist() == pytest.approx(xs, abs=0.11)
    projected = project_layers(layers, views={"caspian": (46.0, 36.0, 56.0, 47.0)})
    (x0, x1), (y0, y1) = projected.views["caspian"]
    assert x0 < x1 and y0 < y1


@pytest.mark.slow
def test_the_serving_path_imports_no_geometry_library():
    code = "import sys, centralasia.route.geo, centralasia.route.geoexport; print(sorted(m for m in ('geopandas','shapely','pyproj','pyogrio') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- freight series and export


def test_freight_series_one_per_source_and_as_of_is_the_newest():
    figures = read_corridor_figures()
    series = figures["freight_series"]
    assert len({s["id"] for s in series}) == len(series) >= 2
    for s in series:
        assert s["source"]["url"].startswith("http") and s["points"]
        assert {p["kind"] for p in s["points"]} <= {"actual", "forecast", "scenario"}
    assert figures["as_of"] == max(s["source"]["date"] for s in series)


@pytest.mark.slow
def test_geojson_export_round_trips(layers, tmp_path):
    collection = corridor_geojson()
    again = json.loads(corridor_geojson_text())
    assert again == json.loads(json.dumps(collection, ensure_ascii=False))
    assert [f["properties"]["id"] for f in again["features"]] == layers.segments["id"].tolist()
    for feature in again["features"]:
        p = feature["properties"]
        assert {"id", "corridor", "mode", "from", "to", "length_km", "geometry_source", "source"} <= set(p)
        assert shape(feature["geometry"]).equals(LineString(feature["geometry"]["coordinates"]))
    assert "OpenStreetMap" in again["attribution"]
    out = subprocess.run([sys.executable, "-m", "centralasia", "export", "--format", "geojson"], capture_output=True, text=True,
                         cwd=ROOT, check=True)  # fmt: skip
    assert json.loads(out.stdout) == again


def test_every_node_lies_in_its_country_or_on_its_coast(layers):
    countries = {f["properties"]["iso3"]: shape(f["geometry"]) for f in _geojson("countries")["features"]}
    for row in layers.nodes.itertuples():
        country = countries[row.iso3]
        nearest = shapely.ops.nearest_points(country, Point(row.lon, row.lat))[0]
        km = GEOD.inv(row.lon, row.lat, nearest.x, nearest.y)[2] / 1000 if not country.contains(Point(row.lon, row.lat)) else 0
        assert km <= 5, f"{row.id} lies {km:.1f} km outside {row.iso3}"


def _copy_geo(tmp_path: Path, mutate) -> Path:
    import shutil

    for path in GEO_DIR.iterdir():
        if path.suffix in (".json", ".yaml", ".geojson", ".csv"):
            shutil.copy(path, tmp_path / path.name)
    data = json.loads((tmp_path / "map_layers.json").read_text(encoding="utf-8"))
    mutate(data)
    (tmp_path / "map_layers.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["segments"][0].update({"to": "atlantis"}), ("map_layers.json", "feature", "'to'", "atlantis")),
        (lambda d: d["segments"][1].update({"geometry_source": "guess"}), ("map_layers.json", "feature", "geometry_source")),
        (lambda d: d["nodes"][2].update({"source": ""}), ("map_layers.json", "feature", "nodes.source")),
        (lambda d: d.update({"schema": 1}), ("map_layers.json", "schema")),
    ],
)
def test_bad_geodata_gives_one_line_naming_file_feature_field(tmp_path, mutate, expected):
    from centralasia.route.geo import GeoDataError

    with pytest.raises(GeoDataError) as info:
        read_layers(_copy_geo(tmp_path, mutate))
    message = str(info.value)
    assert "\n" not in message and all(part in message for part in expected), message


def test_a_missing_prepared_file_says_how_to_rebuild(tmp_path):
    from centralasia.route.geo import GeoDataError

    with pytest.raises(GeoDataError, match="build_geo.py"):
        read_layers(tmp_path)
