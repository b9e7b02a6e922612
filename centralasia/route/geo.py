"""Geodata of the corridor map at run time: reads the prepared map_layers.json, no geometry libraries.

The build step (data/geo/build_geo.py, optional extra `geo-build`) does all geometry work: routing the legs over
real rail lines, geodesic lengths, projection. This module only reads its output with json + pandas, so the
serving path never imports geopandas, shapely or pyproj (issue 14). The one projection needed at run time —
release places onto the map — is the Lambert conformal conic formula in numpy (checked against pyproj in tests).
Schema: data/geo/README.md.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from centralasia.i18n import FALLBACK_LANGUAGE, LANGUAGES
from centralasia.settings import DATA_ROOT

GEO_DIR = DATA_ROOT / "geo"
PREPARED = "map_layers.json"
# Lambert conformal conic centred on the Caspian: shapes stay true across the corridor's 60° of longitude.
MAP_CRS_PROJ4 = "+proj=lcc +lat_1=36 +lat_2=48 +lat_0=42 +lon_0=55 +datum=WGS84 +units=km +no_defs"
# lon_min, lat_min, lon_max, lat_max of the region the basemap covers.
REGION = (10.0, 16.0, 100.0, 64.0)
# The part of the region the map shows by default (the whole corridor).
CORRIDOR_VIEW = (24.0, 32.0, 86.0, 53.0)
MODES = ("rail", "sea", "road")
CORRIDORS = ("main", "black-sea", "turkiye", "turkmen", "kti", "lapis-lazuli")
ROLES = ("border-crossing", "seaport", "rail-hub", "capital", "city", "planned-port")
GEOMETRY_SOURCES = ("rail-network", "sea", "schematic")
DIRECTIONS = ("from-china", "to-europe")
LAYER_FILES = ("countries", "nodes", "segments")
# Shown under the map wherever the layers are drawn or exported.
ATTRIBUTION = {
    "en": "Borders: Natural Earth (German point of view). Rail lines: © OpenStreetMap contributors (ODbL), Natural Earth.",
    "de": "Grenzen: Natural Earth (deutsche Sichtweise). Bahnstrecken: © OpenStreetMap contributors (ODbL), Natural Earth.",
    "ru": "Границы: Natural Earth (с позиции Германии). Железные дороги: © участники OpenStreetMap (ODbL), Natural Earth.",
}


def localised(row, field_name: str, lang: str, fallback: str = FALLBACK_LANGUAGE) -> str:
    """The text ``<field_name>_<lang>`` of a geodata row, else ``<field_name>_<fallback>``; "" when neither has one.

    Geodata carries its texts as flat columns per language (``name_en``, ``name_de``, ``name_ru`` …), so a new
    language is a new column in the data, not a branch in the code. ``row`` may be a mapping, a pandas Series or
    an ``itertuples`` row; a missing column or an empty/NaN value falls through to the fallback language.
    """
    for code in dict.fromkeys((lang, fallback)):
        key = f"{field_name}_{code}"
        value = row.get(key) if hasattr(row, "get") else getattr(row, key, None)
        if isinstance(value, str) and value:
            return value
    return ""


def localised_column(df: pd.DataFrame, field_name: str, lang: str) -> pd.Series:
    """``localised`` for every row of a DataFrame (index kept)."""
    return pd.Series([localised(row, field_name, lang) for row in df.to_dict("records")], index=df.index, dtype=object)


class GeoDataError(ValueError):
    """A geodata file that does not meet the checks; the message names file, feature and field."""


@dataclass(frozen=True)
class GeoLayers:
    """The map layers as plain DataFrames (lon/lat and projected x/y in km) with their provenance sidecars."""

    countries: pd.DataFrame
    nodes: pd.DataFrame
    segments: pd.DataFrame
    meta: dict[str, dict]
    published_routes: tuple[dict, ...]
    unplaced: tuple[dict, ...]
    ends: pd.DataFrame = field(default_factory=pd.DataFrame)
    seas: pd.DataFrame = field(default_factory=pd.DataFrame)
    attribution: dict[str, str] = field(default_factory=lambda: dict(ATTRIBUTION))

    @cached_property
    def segment_km(self) -> pd.Series:
        """Geodesic length of each leg along its drawn line (km), computed by the build step."""
        return self.segments["length_km"].astype(float).rename("km")


def file_digest(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _check(ok: bool, file: str, feature: str | None, field_name: str, message: str) -> None:
    if not ok:
        where = f"{file}, feature '{feature}'" if feature else file
        raise GeoDataError(f"{where}, field '{field_name}': {message}")


def _sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.stem + ".meta.yaml")
    _check(meta_path.exists(), f"data/geo/{meta_path.name}", None, "(file)", "provenance sidecar is missing")
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    _check(bool(meta.get("source")), f"data/geo/{meta_path.name}", None, "source", "is required")
    return meta


def read_layers(geo_dir: Path = GEO_DIR) -> GeoLayers:
    """Read and check the prepared map layers (map_layers.json) and the sidecars of the layers it was built from."""
    path = geo_dir / PREPARED
    file = f"data/geo/{PREPARED}"
    _check(path.exists(), file, None, "(file)", "is missing; run python data/geo/build_geo.py")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GeoDataError(f"{file}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    _check(isinstance(data, dict) and data.get("schema") == 2, file, None, "schema", "must be 2 (rebuild with build_geo.py)")
    meta = {name: _sidecar(geo_dir / f"{name}.geojson") for name in LAYER_FILES}
    meta["map_layers"] = _sidecar(path)

    countries = pd.DataFrame(data["countries"])
    nodes = pd.DataFrame(data["nodes"])
    segments = pd.DataFrame(data["segments"])
    for name, df, required in (
        ("countries", countries, ("iso3", "name_en", "name_de", "x", "y", "cx", "cy")),
        ("nodes", nodes, ("id", "name_en", "name_de", "iso3", "role", "lon", "lat", "x", "y", "source", "approximate")),
        ("segments", segments, ("id", "from", "to", "mode", "corridor", "geometry_source", "length_km", "source", "x", "y")),
    ):
        missing = [c for c in required if c not in df.columns]
        _check(not missing, file, None, f"{name}.{missing[0] if missing else ''}", "is missing")
    for name, df in (("nodes", nodes), ("segments", segments)):
        dup = df["id"][df["id"].duplicated()].tolist()
        _check(not dup, file, dup[0] if dup else None, f"{name}.id", "is used twice")
        for row in df.itertuples():
            _check(isinstance(row.source, str) and len(row.source) > 3, file, row.id, f"{name}.source", "every feature needs a source")
    for row in nodes.itertuples():
        _check(row.role in ROLES, file, row.id, "nodes.role", f"must be one of {ROLES}")
        inside = REGION[0] <= row.lon <= REGION[2] and REGION[1] <= row.lat <= REGION[3]
        _check(inside, file, row.id, "nodes.lon/lat", f"lies outside the map region {REGION}")
    ids = set(nodes["id"])
    for seg_id, start, stop in segments[["id", "from", "to"]].itertuples(index=False):
        for end, value in (("from", start), ("to", stop)):
            _check(value in ids, file, seg_id, end, f"'{value}' is not a node id")
    for row in segments.itertuples():
        _check(row.mode in MODES, file, row.id, "mode", f"must be one of {MODES}")
        _check(row.corridor in CORRIDORS, file, row.id, "corridor", f"must be one of {CORRIDORS}")
        _check(row.geometry_source in GEOMETRY_SOURCES, file, row.id, "geometry_source", f"must be one of {GEOMETRY_SOURCES}")
        _check(len(row.x) == len(row.y) >= 2, file, row.id, "x/y", "a leg needs at least two points")
    nodes, segments = _with_exonyms(nodes, segments)
    segments = segments.rename(columns={"from": "from_node", "to": "to_node"})
    segments["schematic"] = segments["geometry_source"] == "schematic"
    segments["km"] = segments["length_km"].astype(float)
    ends = pd.DataFrame(data.get("ends", []))
    for row in ends.itertuples():
        _check(row.node in ids, file, row.id, "ends.node", f"'{row.node}' is not a node id")
        _check(row.direction in DIRECTIONS, file, row.id, "ends.direction", f"must be one of {DIRECTIONS}")
    return GeoLayers(
        countries=countries,
        nodes=nodes,
        segments=segments,
        meta=meta,
        published_routes=tuple(data.get("published_routes", ())),
        unplaced=tuple(data.get("unplaced", ())),
        ends=ends,
        seas=pd.DataFrame(data.get("seas", [])),
        attribution=dict(data.get("attribution") or ATTRIBUTION),
    )


# Names the build takes from local spellings where a language has its own (German: Alat, not Ələt; Turkmenbaschi).
# Applied when the layers are read, to the full and the short name; the local form stays in the other languages.
EXONYMS: dict[str, dict[str, tuple[str, str]]] = {
    "de": {"alat": ("Hafen Baku (Alat)", "Alat"), "turkmenbashi": ("Internationaler Seehafen Turkmenbaschi", "Turkmenbaschi")},
}


def _with_exonyms(nodes: pd.DataFrame, segments: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes with the exonyms as their names; the legs' texts in that language (crossing times) use them too."""
    out, legs = nodes.copy(), segments.copy()
    for lang, names in EXONYMS.items():
        for column in (f"name_{lang}", f"short_{lang}"):
            if column not in out.columns:
                out[column] = ""
        for node_id, (name, short) in names.items():
            at = out["id"] == node_id
            local = [v for v in out.loc[at, f"short_{lang}"] if isinstance(v, str) and v and v != short]
            out.loc[at, f"name_{lang}"] = name
            out.loc[at, f"short_{lang}"] = short
            for column in (f"crossing_{lang}", f"geometry_note_{lang}"):
                if column in legs.columns and local:
                    legs[column] = [v.replace(local[0], short) if isinstance(v, str) else v for v in legs[column]]
    return out, legs


@lru_cache(maxsize=1)
def load_prepared() -> tuple[GeoLayers, ProjectedMap]:
    """The shipped map layers, read, checked and projected once per process (pure: no Streamlit)."""
    from centralasia.route.mapstyle import VIEWS

    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


@lru_cache(maxsize=1)
def load_corridor_figures() -> dict:
    """The shipped corridor figures, read once per process."""
    return read_corridor_figures()


def read_corridor_figures(geo_dir: Path = GEO_DIR) -> dict:
    """Published corridor figures (freight series per source/scope, capacity, transit and ferry times), each sourced."""
    return yaml.safe_load((geo_dir / "corridor_figures.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- projection (numpy, no pyproj)

_A_KM = 6378.137
_F = 1 / 298.257223563
_E = math.sqrt(2 * _F - _F * _F)
_LAT1, _LAT2, _LAT0, _LON0 = (math.radians(v) for v in (36.0, 48.0, 42.0, 55.0))


def _m(phi):
    return np.cos(phi) / np.sqrt(1 - (_E * np.sin(phi)) ** 2)


def _t(phi):
    s = _E * np.sin(phi)
    return np.tan(np.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_BIG_F = _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _A_KM * _BIG_F * _t(_LAT0) ** _N


def lcc_forward(lons, lats) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat → map km (ellipsoidal Lambert conformal conic, Snyder 1987, eq. 15-1 to 15-10)."""
    lam = np.radians(np.asarray(lons, dtype=float))
    phi = np.radians(np.asarray(lats, dtype=float))
    rho = _A_KM * _BIG_F * _t(phi) ** _N
    theta = _N * (lam - _LON0)
    return rho * np.sin(theta), _RHO0 - rho * np.cos(theta)


def project_points(lons: list[float], lats: list[float]) -> tuple[list[float], list[float]]:
    """Project WGS84 points to the map CRS (km)."""
    xs, ys = lcc_forward(lons, lats)
    return np.round(xs, 1).tolist(), np.round(ys, 1).tolist()


def in_view(lon: float, lat: float, view: tuple[float, float, float, float] = CORRIDOR_VIEW) -> bool:
    return view[0] <= lon <= view[2] and view[1] <= lat <= view[3]


# ---------------------------------------------------------------- screen geometry


@dataclass(frozen=True)
class ProjectedMap:
    """Everything the map figure draws, already projected to km: building a figure needs no geometry work."""

    countries: pd.DataFrame  # iso3, name_<lang> per language, corridor, x (list with None breaks), y, cx, cy
    nodes: pd.DataFrame  # node columns + lon, lat, x, y
    segments: pd.DataFrame  # segment columns + km, x, y (lists), mx, my (point on the line for hover/labels)
    seas: pd.DataFrame  # label positions of the seas
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    views: dict[str, tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=dict)  # name → (x, y) ranges
    ends: pd.DataFrame = field(default_factory=pd.DataFrame)  # arrows: tail_x/y → head_x/y, label_<lang>, direction
    attribution: dict[str, str] = field(default_factory=lambda: dict(ATTRIBUTION))


def _ranges(view: tuple[float, float, float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    lon0, lat0, lon1, lat1 = view
    lon = np.linspace(lon0, lon1, 25)
    lat = np.linspace(lat0, lat1, 25)
    gx, gy = lcc_forward(*np.meshgrid(lon, lat))
    return (float(gx.min()), float(gx.max())), (float(gy.min()), float(gy.max()))


def project_layers(layers: GeoLayers, view: tuple[float, float, float, float] = CORRIDOR_VIEW,
                   views: dict[str, tuple[float, float, float, float]] | None = None) -> ProjectedMap:  # fmt: skip
    """Assemble the plot-ready map: the coordinates are precomputed by the build; only view ranges are computed here."""
    x_range, y_range = _ranges(view)
    ranges = {name: _ranges(v) for name, v in (views or {}).items()}
    return ProjectedMap(layers.countries, layers.nodes, layers.segments, layers.seas, x_range, y_range, ranges, layers.ends,
                        layers.attribution)  # fmt: skip


def length_table(layers: GeoLayers) -> pd.DataFrame:
    """Computed geodesic km per corridor and mode."""
    df = pd.DataFrame({"corridor": layers.segments["corridor"], "mode": layers.segments["mode"], "km": layers.segment_km})
    return df.groupby(["corridor", "mode"], as_index=False).agg(legs=("km", "size"), km=("km", "sum"))


def published_comparison(layers: GeoLayers) -> pd.DataFrame:
    """Published lengths beside the computed length of the legs they span (and how many of those legs are real lines)."""
    km = dict(zip(layers.segments["id"], layers.segment_km, strict=True))
    real = dict(zip(layers.segments["id"], layers.segments["geometry_source"] != "schematic", strict=True))
    sources = layers.meta.get("nodes", {}).get("sources", {})
    rows = []
    for seg in layers.segments.itertuples():
        if isinstance(getattr(seg, "published_km", None), int | float) and not pd.isna(seg.published_km):
            rows.append({"id": seg.id, **{f"label_{lang}": seg.published_label for lang in LANGUAGES}, "computed_km": km[seg.id],
                         "published_km": float(seg.published_km), "source": seg.published_source, "comparable": True,
                         **{f"why_{lang}": "" for lang in LANGUAGES}, "real_share": float(real[seg.id])})  # fmt: skip
    for route in layers.published_routes:
        legs = route["legs"]
        share = sum(km[leg] for leg in legs if real[leg]) / max(sum(km[leg] for leg in legs), 1e-9)
        rows.append({"id": route["id"], **{f"label_{lang}": localised(route, "label", lang) for lang in LANGUAGES},
                     "computed_km": sum(km[leg] for leg in legs), "published_km": float(route["km"]),
                     "source": sources.get(route["source"], route["source"]), "comparable": route.get("comparable", True),
                     **{f"why_{lang}": localised(route, "why", lang) for lang in LANGUAGES}, "real_share": share})  # fmt: skip
    cols = ["id", *(f"label_{lang}" for lang in LANGUAGES), "computed_km", "published_km", "source", "comparable",
            *(f"why_{lang}" for lang in LANGUAGES), "real_share"]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    df["difference_pct"] = (df["computed_km"] / df["published_km"] - 1) * 100
    return df


def _print_lengths() -> None:  # pragma: no cover - a maintainer's report
    """`python -m centralasia.route.geo`: every leg's drawn length and the published comparison."""
    layers = read_layers()
    legs = layers.segments[["id", "mode", "geometry_source", "length_km"]]
    print(legs.to_string(index=False))  # noqa: T201
    df = published_comparison(layers)[["id", "computed_km", "published_km", "difference_pct", "real_share", "comparable"]]
    print("\n" + df.round(1).to_string(index=False))  # noqa: T201


if __name__ == "__main__":  # pragma: no cover
    _print_lengths()
