"""Checks of the map's geodata files (data/geo): every fault is one Problem naming file, feature and field.

The checks are generic: they read each ``*.geojson`` layer by file name and each feature by its id
(``properties.id``, else ``iso3``, else ``name_en``, else its position), so they keep working while the
build step changes. Used by ``python -m centralasia validate`` and, through ``broken_layers``, by the app
to switch off a broken layer with a notice instead of failing the page.

What is checked, per layer: the file is readable JSON within a size bound; it is a FeatureCollection
with at least one feature; a declared CRS is WGS84; each feature has a geometry (not null) of an
allowed type with finite lon/lat in range; lines have two distinct points; polygon rings have four
positions, are closed and (when shapely is installed) the polygon is valid; ids are unique; the
provenance sidecar (``<layer>.meta.yaml``) exists and its ``features``/``bytes``/``md5`` match.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from centralasia.release.reading import Problem, read_bytes, read_yaml, shown_path
from centralasia.safe_text import excerpt
from centralasia.settings import DATA_ROOT

GEO_DIR = DATA_ROOT / "geo"


class GeoProblem(Problem):
    """A Problem in a geodata file: its ``record`` is a feature (named by id, iso3, name or position)."""

    record_noun = "feature"


def _geo(problem: Problem) -> GeoProblem:
    return problem if isinstance(problem, GeoProblem) else GeoProblem(problem.file, problem.record, problem.field, problem.message)


MAX_GEOJSON_BYTES = 20 * 1024 * 1024
# Geometry types a layer may hold, by file name; a layer not listed may hold any GeoJSON geometry.
LAYER_TYPES: dict[str, tuple[str, ...]] = {
    "countries": ("Polygon", "MultiPolygon"),
    "nodes": ("Point",),
    "segments": ("LineString", "MultiLineString"),
}
GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
WGS84_NAMES = ("EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "CRS84")
_MAX_PROBLEMS_PER_LAYER = 20


def _feature_name(feature: Any, index: int) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    if isinstance(props, dict):
        for key in ("id", "iso3", "name_en"):
            value = props.get(key)
            if isinstance(value, str) and value.strip():
                return value[:60]
    if isinstance(feature, dict) and isinstance(feature.get("id"), (str, int)):
        return str(feature["id"])[:60]
    return f"#{index + 1}"


def _position_problem(pos: Any) -> str | None:
    if not isinstance(pos, list) or len(pos) < 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos[:2]):
        return f"a position must be [lon, lat], found {excerpt(pos, 40)}"
    lon, lat = pos[0], pos[1]
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"position {excerpt(pos, 40)} is not a finite number"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"position [{lon}, {lat}] lies outside lon -180…180 / lat -90…90 (swapped lat/lon, or not WGS84?)"
    return None


def _positions(coords: Any, what: str) -> tuple[list, str | None]:
    if not isinstance(coords, list):
        return [], f"{what} must be a list of positions, found {excerpt(coords, 40)}"
    for pos in coords:
        bad = _position_problem(pos)
        if bad:
            return [], bad
    return coords, None


def _line_problem(coords: Any) -> str | None:
    points, bad = _positions(coords, "a line")
    if bad:
        return bad
    if len({tuple(p[:2]) for p in points}) < 2:
        return f"a line needs two distinct points, found {len(points)} position(s)"
    return None


def _polygon_problem(rings: Any) -> str | None:
    if not isinstance(rings, list) or not rings:
        return "a polygon needs at least one ring"
    for number, ring in enumerate(rings):
        points, bad = _positions(ring, f"ring {number + 1}")
        if bad:
            return bad
        if len(points) < 4:
            return f"ring {number + 1} has {len(points)} positions; a closed ring needs at least 4"
        if points[0][:2] != points[-1][:2]:
            return f"ring {number + 1} is not closed (first {points[0][:2]} ≠ last {points[-1][:2]})"
    return None


def geometry_problem(geometry: Any, allowed: tuple[str, ...] = GEOMETRY_TYPES, validity: bool = True) -> tuple[str, str] | None:
    """(field, message) for what is wrong with one GeoJSON geometry, or None if it is sound.

    ``validity=False`` skips the shapely polygon-validity check (the serving path imports no shapely).
    """
    if geometry is None:
        return "geometry", "is null; every feature needs a geometry"
    if not isinstance(geometry, dict):
        return "geometry", f"must be an object, found {excerpt(geometry, 40)}"
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return "geometry.type", f"{excerpt(kind, 40)} is not a GeoJSON geometry type"
    if kind not in allowed:
        return "geometry.type", f"is {kind}; this layer holds {' or '.join(allowed)}"
    coords = geometry.get("coordinates")
    if coords in (None, []):
        return "geometry.coordinates", "is empty"
    if kind == "Point":
        bad = _position_problem(coords)
    elif kind == "MultiPoint":
        bad = _positions(coords, "a MultiPoint")[1]
    elif kind == "LineString":
        bad = _line_problem(coords)
    elif kind == "MultiLineString":
        bad = next((b for part in coords for b in [_line_problem(part)] if b), None) if isinstance(coords, list) else "must be a list"
    elif kind == "Polygon":
        bad = _polygon_problem(coords)
    else:
        bad = next((b for part in coords for b in [_polygon_problem(part)] if b), None) if isinstance(coords, list) else "must be a list"
    if bad:
        return "geometry.coordinates", bad
    if validity and kind in ("Polygon", "MultiPolygon"):
        invalid = _shapely_invalid(geometry)
        if invalid:
            return "geometry", f"is not a valid polygon: {invalid}"
    return None


def _shapely_invalid(geometry: dict) -> str | None:
    """Why shapely finds the polygon invalid (self-intersection…), or None; skipped without shapely."""
    try:
        from shapely.geometry import shape
        from shapely.validation import explain_validity
    except ImportError:  # the serving environment need not have shapely; `validate` in CI does
        return None
    try:
        geom = shape(geometry)
        return None if geom.is_valid else explain_validity(geom)[:120]
    except Exception as exc:  # noqa: BLE001 - any shapely failure is a fault of this geometry
        return f"{type(exc).__name__}: {excerpt(str(exc), 80)}"


def _crs_problem(data: dict) -> str | None:
    crs = data.get("crs")
    if crs is None:
        return None  # RFC 7946: no crs member means WGS84
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) and isinstance(crs.get("properties"), dict) else None
    if isinstance(name, str) and any(name.upper().endswith(w.upper()) or name.upper() == w.upper() for w in WGS84_NAMES):
        return None
    return f"declares {excerpt(name if name is not None else crs, 60)}; layers must be WGS84 (EPSG:4326) longitude/latitude"


def check_layer(path: Path, validity: bool = True) -> list[GeoProblem]:
    """Every problem of one GeoJSON layer file (an empty list if it is sound)."""
    return [_geo(p) for p in _check_layer(path, validity)]


def _check_layer(path: Path, validity: bool) -> list[Problem]:
    file = shown_path(path)
    problems: list[Problem] = []
    data_bytes = read_bytes(path, problems, MAX_GEOJSON_BYTES, path.parent)
    if data_bytes is None:
        return problems
    try:
        data = json.loads(data_bytes.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return [Problem(file, None, None, f"not valid UTF-8 (byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return [Problem(file, None, None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    except RecursionError:
        return [Problem(file, None, None, "invalid JSON: nested too deeply")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [Problem(file, None, "type", "must be a GeoJSON FeatureCollection")]
    crs = _crs_problem(data)
    if crs:
        problems.append(Problem(file, None, "crs", crs))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [*problems, Problem(file, None, "features", "is empty: the layer has no features")]
    allowed = LAYER_TYPES.get(path.name.removesuffix(".geojson"), GEOMETRY_TYPES)
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        name = _feature_name(feature, index)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem(file, name, "type", "must be a GeoJSON Feature"))
            continue
        if not isinstance(feature.get("properties"), dict):
            problems.append(Problem(file, name, "properties", "must be an object"))
        bad = geometry_problem(feature.get("geometry"), allowed, validity)
        if bad:
            problems.append(Problem(file, name, *bad))
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        fid = props.get("id")
        if fid is not None:
            if not isinstance(fid, str) or not fid.strip():
                problems.append(Problem(file, name, "id", f"must be a non-empty text, found {excerpt(fid, 40)}"))
            elif fid in seen:
                problems.append(Problem(file, name, "id", f"is used by features {seen[fid] + 1} and {index + 1}; ids must be unique"))
            else:
                seen[fid] = index
        if len(problems) >= _MAX_PROBLEMS_PER_LAYER:
            problems.append(Problem(file, None, None, f"more problems not listed (stopped after {_MAX_PROBLEMS_PER_LAYER})"))
            break
    problems += _sidecar_problems(path, data_bytes, len(features))
    return problems


def _sidecar_problems(path: Path, data_bytes: bytes, count: int) -> list[Problem]:
    sidecar = path.with_name(path.name.removesuffix(".geojson") + ".meta.yaml")
    problems: list[Problem] = []
    meta = read_yaml(sidecar, problems, path.parent)
    if problems:
        return [Problem(p.file, p.record, p.field, p.message + " (every layer needs its provenance sidecar)") for p in problems]
    file = shown_path(sidecar)
    if not isinstance(meta, dict):
        return [Problem(file, None, None, "must be a mapping (title, source, licence, …)")]
    out = [Problem(file, None, key, "is missing") for key in ("source", "license") if not meta.get(key)]
    if "features" in meta and meta["features"] != count:
        out.append(Problem(file, None, "features", f"says {excerpt(meta['features'], 20)}; {path.name} has {count}"))
    if "bytes" in meta and meta["bytes"] != len(data_bytes):
        out.append(
            Problem(file, None, "bytes", f"says {excerpt(meta['bytes'], 20)}; {path.name} has {len(data_bytes)} (rebuild the layer)")
        )
    if "md5" in meta and meta["md5"] != hashlib.md5(data_bytes).hexdigest():
        out.append(Problem(file, None, "md5", f"does not match {path.name}: the layer changed after it was built (rebuild it)"))
    return out


def check_geodata(geo_dir: Path | str = GEO_DIR, validity: bool = True) -> dict[str, list[Problem]]:
    """Problems of every ``*.geojson`` layer in ``geo_dir``, by layer name (an empty list = sound)."""
    geo_dir = Path(geo_dir)
    if not geo_dir.is_dir():
        return {"(geodata)": [GeoProblem(shown_path(geo_dir), None, None, "folder of geodata is missing")]}
    layers = sorted(geo_dir.glob("*.geojson"))
    if not layers:
        return {"(geodata)": [GeoProblem(shown_path(geo_dir), None, None, "holds no .geojson layers")]}
    out: dict[str, list[Problem]] = {}
    for path in layers:
        try:
            out[path.name.removesuffix(".geojson")] = check_layer(path, validity)
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one broken layer must not hide the others
            out[path.name.removesuffix(".geojson")] = [
                GeoProblem(shown_path(path), None, None, f"could not be checked ({type(exc).__name__})")
            ]
    return out


def broken_layers(geo_dir: Path | str = GEO_DIR, validity: bool = False) -> dict[str, list[Problem]]:
    """Only the layers with problems: the app switches these off and shows a notice.

    By default without shapely's validity check, so the app can call it on the serving path (a few
    milliseconds for the shipped layers); ``validate`` runs the full check.
    """
    return {name: problems for name, problems in check_geodata(geo_dir, validity).items() if problems}
