"""Geodata checks: each fault in a layer is one message naming file, feature and field; other layers stay sound."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from centralasia.route.geocheck import GEO_DIR, broken_layers, check_geodata, geometry_problem


def copy_geo(target: Path) -> Path:
    """A writable copy of the GeoJSON layers and their sidecars."""
    target.mkdir(parents=True, exist_ok=True)
    for path in GEO_DIR.glob("*.geojson"):
        shutil.copy(path, target / path.name)
        sidecar = path.with_name(path.name.removesuffix(".geojson") + ".meta.yaml")
        if sidecar.exists():
            shutil.copy(sidecar, target / sidecar.name)
    return target


def rebuilt(geo: Path, layer: str, change: Callable[[dict], None]) -> None:
    """Change a layer and update its sidecar as the build step would (so only the change is at fault)."""
    path = geo / f"{layer}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    raw = json.dumps(data, ensure_ascii=False).encode()
    path.write_bytes(raw)
    sidecar = geo / f"{layer}.meta.yaml"
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    meta.update({k: v for k, v in {"md5": hashlib.md5(raw).hexdigest(), "bytes": len(raw)}.items() if k in meta})
    if "features" in meta and isinstance(data.get("features"), list):
        meta["features"] = len(data["features"])
    sidecar.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")


def _feature(data: dict, index: int = 0) -> dict:
    return data["features"][index]


def _geometry(layer_data: dict, index: int = 0) -> dict:
    return _feature(layer_data, index)["geometry"]


def _first_polygon_ring(data: dict) -> list:
    geometry = next(f["geometry"] for f in data["features"] if f["geometry"]["type"] == "Polygon")
    return geometry["coordinates"][0]


FAULTS = {
    "one-point line": ("segments", lambda d: _geometry(d).update(coordinates=[[50.0, 40.0]]), "field 'geometry.coordinates'", "two distinct points"),
    "line of one repeated point": ("segments", lambda d: _geometry(d).update(coordinates=[[50.0, 40.0], [50.0, 40.0]]), "geometry.coordinates", "two distinct points"),
    "unclosed ring": ("countries", lambda d: _first_polygon_ring(d).pop(), "field 'geometry.coordinates'", "is not closed"),
    "ring of three positions": ("countries", lambda d: _geometry(d).update(type="Polygon", coordinates=[[[0, 0], [1, 1], [0, 0]]]), "geometry.coordinates", "at least 4"),
    "self-intersecting polygon": ("countries", lambda d: _geometry(d).update(type="Polygon", coordinates=[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]), "field 'geometry'", "not a valid polygon"),
    "null node geometry": ("nodes", lambda d: _feature(d).update(geometry=None), "feature 'alashankou', field 'geometry'", "is null"),
    "empty coordinates": ("nodes", lambda d: _geometry(d).update(coordinates=[]), "geometry.coordinates", "is empty"),
    "wrong type for the layer": ("segments", lambda d: _geometry(d).update(type="Point", coordinates=[50, 40]), "geometry.type", "this layer holds LineString"),
    "unknown geometry type": ("nodes", lambda d: _geometry(d).update(type="Pt"), "geometry.type", "not a GeoJSON geometry type"),
    "latitude out of range (swapped)": ("nodes", lambda d: _geometry(d).update(coordinates=[45.17, 182.57]), "geometry.coordinates", "outside lon -180"),
    "NaN coordinate": ("nodes", lambda d: _geometry(d).update(coordinates=[float("nan"), 40.0]), "geometry.coordinates", "not a finite number"),
    "duplicate id": ("nodes", lambda d: _feature(d, 1)["properties"].update(id=_feature(d)["properties"]["id"]), "field 'id'", "ids must be unique"),
    "non-WGS84 CRS": ("nodes", lambda d: d.update(crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}), "field 'crs'", "must be WGS84"),
    "no features": ("segments", lambda d: d.update(features=[]), "field 'features'", "has no features"),
    "not a FeatureCollection": ("segments", lambda d: d.update(type="Feature"), "field 'type'", "FeatureCollection"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FAULTS), ids=list(FAULTS))
def test_each_geodata_fault_is_one_message_and_the_other_layers_stay_sound(case, tmp_path):
    layer, change, *expected = FAULTS[case]
    geo = copy_geo(tmp_path / "geo")
    rebuilt(geo, layer, change)
    broken = broken_layers(geo, validity=True)
    assert list(broken) == [layer], broken
    messages = [str(p) for p in broken[layer]]
    assert len(messages) == 1, messages
    assert f"{layer}.geojson" in messages[0] and all(part in messages[0] for part in expected), messages


FILE_FAULTS = {
    "truncated JSON": (lambda geo: (geo / "nodes.geojson").write_bytes((geo / "nodes.geojson").read_bytes()[:500]), "nodes", "invalid JSON at line 1"),
    "deeply nested JSON": (lambda geo: (geo / "nodes.geojson").write_bytes(b"[" * 200_000), "nodes", "nested too deeply"),
    "layer is a folder": (lambda geo: ((geo / "nodes.geojson").unlink(), (geo / "nodes.geojson").mkdir()), "nodes", "is a folder"),
    "missing sidecar": (lambda geo: (geo / "segments.meta.yaml").unlink(), "segments", "segments.meta.yaml: file is missing (every layer needs its provenance sidecar)"),
    "layer changed after the build": (
        lambda geo: (geo / "countries.geojson").write_bytes((geo / "countries.geojson").read_bytes().replace(b"Kosovo", b"Kosova")),
        "countries", "field 'md5'"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FILE_FAULTS), ids=list(FILE_FAULTS))
def test_broken_layer_files_are_reported_by_file(case, tmp_path):
    change, layer, expected = FILE_FAULTS[case]
    geo = copy_geo(tmp_path / "geo")
    change(geo)
    broken = broken_layers(geo)
    assert list(broken) == [layer], broken
    assert any(expected in str(p) for p in broken[layer]), [str(p) for p in broken[layer]]


def test_the_shipped_geodata_is_sound():
    assert all(problems == [] for problems in check_geodata().values()), check_geodata()


def test_geometry_checks_accept_sound_shapes():
    assert geometry_problem({"type": "Point", "coordinates": [58.38, 37.95]}) is None
    assert geometry_problem({"type": "LineString", "coordinates": [[50, 40], [51, 41]]}) is None
    assert geometry_problem({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}) is None


@pytest.mark.slow
def test_the_serving_path_check_imports_no_shapely(tmp_path):
    import subprocess
    import sys

    geo = copy_geo(tmp_path / "geo")
    code = (
        "import sys; from centralasia.route.geocheck import broken_layers; "
        f"assert broken_layers({str(geo)!r}) == {{}}; assert 'shapely' not in sys.modules, 'shapely imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
