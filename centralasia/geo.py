"""Geodata of the corridor map: reading and checking the GeoJSON layers, geodesic lengths, projection."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import yaml
from pyproj import CRS, Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Polygon

from centralasia.loader import DATA_ROOT

GEO_DIR = DATA_ROOT / "geo"
WGS84 = CRS.from_epsg(4326)
GEOD = Geod(ellps="WGS84")
# Lambert conformal conic centred on the Caspian: shapes stay true across the corridor's 60° of longitude.
MAP_CRS = CRS.from_proj4("+proj=lcc +lat_1=36 +lat_2=48 +lat_0=42 +lon_0=55 +datum=WGS84 +units=km +no_defs")
# lon_min, lat_min, lon_max, lat_max of the region the basemap covers.
REGION = (18.0, 28.0, 92.0, 58.0)
# The part of the region the map shows by default (the whole corridor).
CORRIDOR_VIEW = (24.0, 32.0, 86.0, 53.0)
MODES = ("rail", "sea", "road")
CORRIDORS = ("main", "black-sea", "turkiye", "turkmen", "kti", "lapis-lazuli")
ROLES = ("border-crossing", "seaport", "rail-hub", "capital", "city", "planned-port")
LAYER_FILES = ("countries", "nodes", "segments")
# Where to write the names of the seas (cartographic labels, not data).
SEA_LABELS = [
    ("caspian", "Caspian Sea", "Kaspisches Meer", 51.0, 42.3),
    ("black", "Black Sea", "Schwarzes Meer", 34.0, 43.3),
]


class GeoDataError(ValueError):
    """A geodata file that does not meet the checks; the message names file, feature and field."""


@dataclass(frozen=True)
class GeoLayers:
    """The three map layers (WGS84) and their provenance sidecars."""

    countries: gpd.GeoDataFrame
    nodes: gpd.GeoDataFrame
    segments: gpd.GeoDataFrame
    meta: dict[str, dict]
    published_routes: tuple[dict, ...]
    unplaced: tuple[dict, ...]

    @cached_property
    def segment_km(self) -> pd.Series:
        return geodesic_km(self.segments)


def geodesic_km(lines: gpd.GeoDataFrame) -> pd.Series:
    """Length of each line on the WGS84 ellipsoid, in km (pyproj Geod, not planar)."""
    return pd.Series([GEOD.geometry_length(g) / 1000 for g in lines.geometry], index=lines.index, name="km")


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float, step_km: float = 40) -> LineString:
    """Great-circle line between two points, with a vertex every ``step_km``."""
    distance = GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000
    count = int(distance // step_km)
    inner = GEOD.npts(lon1, lat1, lon2, lat2, count) if count else []
    return LineString([(lon1, lat1), *inner, (lon2, lat2)])


def file_digest(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _check(ok: bool, file: str, feature: str | None, field: str, message: str) -> None:
    if not ok:
        where = f"{file}, feature '{feature}'" if feature else file
        raise GeoDataError(f"{where}, field '{field}': {message}")


def read_layers(geo_dir: Path = GEO_DIR) -> GeoLayers:
    """Read and check countries, nodes and segments GeoJSON with their ``.meta.yaml`` sidecars."""
    frames: dict[str, gpd.GeoDataFrame] = {}
    meta: dict[str, dict] = {}
    for name in LAYER_FILES:
        path = geo_dir / f"{name}.geojson"
        file = f"data/geo/{path.name}"
        _check(path.exists(), file, None, "(file)", "is missing; run python data/geo/build_geo.py")
        gdf = gpd.read_file(path)
        _check(gdf.crs is not None and CRS(gdf.crs).equals(WGS84), file, None, "crs", f"must be WGS84, is {gdf.crs}")
        sidecar = path.with_suffix(".meta.yaml")
        _check(sidecar.exists(), f"data/geo/{sidecar.name}", None, "(file)", "provenance sidecar is missing")
        meta[name] = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        _check(bool(meta[name].get("source")), f"data/geo/{sidecar.name}", None, "source", "is required")
        frames[name] = gdf

    nodes, segments = frames["nodes"], frames["segments"]
    for name, gdf in (("nodes", nodes), ("segments", segments)):
        file = f"data/geo/{name}.geojson"
        dup = gdf["id"][gdf["id"].duplicated()].tolist()
        _check(not dup, file, dup[0] if dup else None, "id", "is used twice")
        for row in gdf.itertuples():
            _check(isinstance(row.source, str) and len(row.source) > 3, file, row.id, "source", "every feature needs a source")
            lon_min, lat_min, lon_max, lat_max = row.geometry.bounds
            inside = REGION[0] <= lon_min and lon_max <= REGION[2] and REGION[1] <= lat_min and lat_max <= REGION[3]
            _check(inside, file, row.id, "geometry", f"lies outside the map region {REGION}")
    ids = set(nodes["id"])
    for row in segments.itertuples():
        for end in ("from_node", "to_node"):
            _check(getattr(row, end) in ids, "data/geo/segments.geojson", row.id, end, f"'{getattr(row, end)}' is not a node id")
        _check(row.mode in MODES, "data/geo/segments.geojson", row.id, "mode", f"must be one of {MODES}")
        _check(row.corridor in CORRIDORS, "data/geo/segments.geojson", row.id, "corridor", f"must be one of {CORRIDORS}")
    for row in nodes.itertuples():
        _check(row.role in ROLES, "data/geo/nodes.geojson", row.id, "role", f"must be one of {ROLES}")

    extra = meta["segments"]
    return GeoLayers(
        countries=frames["countries"],
        nodes=nodes,
        segments=segments,
        meta=meta,
        published_routes=tuple(extra.get("published_routes", ())),
        unplaced=tuple(extra.get("unplaced", ())),
    )


def read_corridor_figures(geo_dir: Path = GEO_DIR) -> dict:
    """Published corridor figures (freight, capacity, transit time), each with its source."""
    return yaml.safe_load((geo_dir / "corridor_figures.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- screen geometry


@dataclass(frozen=True)
class ProjectedMap:
    """Everything the map figure draws, already projected to km: building a figure needs no geometry work."""

    countries: pd.DataFrame  # iso3, name_en, name_de, x (list with None breaks), y, cx, cy
    nodes: pd.DataFrame  # node columns + x, y
    segments: pd.DataFrame  # segment columns + km, x, y (lists), mx, my (midpoint)
    seas: pd.DataFrame  # label positions of the seas
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    views: dict[str, tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=dict)  # name → (x, y) ranges


def _rings(geom) -> list[np.ndarray]:
    polys = geom.geoms if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, Polygon) else []
    return [np.asarray(p.exterior.coords) for p in polys]


def _with_breaks(rings: list[np.ndarray], decimals: int = 1) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += np.round(ring[:, 0], decimals).tolist() + [None]
        ys += np.round(ring[:, 1], decimals).tolist() + [None]
    return xs, ys


def project_layers(layers: GeoLayers, view: tuple[float, float, float, float] = CORRIDOR_VIEW,
                   views: dict[str, tuple[float, float, float, float]] | None = None) -> ProjectedMap:  # fmt: skip
    """Project the layers to the map CRS (km) and flatten them into plot-ready coordinate lists."""
    countries = layers.countries.to_crs(MAP_CRS)
    rows = []
    for row in countries.itertuples():
        xs, ys = _with_breaks(_rings(row.geometry))
        point = row.geometry.representative_point()
        rows.append({"iso3": row.iso3, "name_en": row.name_en, "name_de": row.name_de, "x": xs, "y": ys, "cx": point.x, "cy": point.y})
    country_df = pd.DataFrame(rows)

    nodes = layers.nodes.to_crs(MAP_CRS)
    node_df = pd.DataFrame(layers.nodes.drop(columns="geometry"))
    node_df["x"] = nodes.geometry.x.round(1).to_numpy()
    node_df["y"] = nodes.geometry.y.round(1).to_numpy()
    node_df["lon"] = layers.nodes.geometry.x.to_numpy()
    node_df["lat"] = layers.nodes.geometry.y.to_numpy()

    segments = layers.segments.to_crs(MAP_CRS)
    seg_df = pd.DataFrame(layers.segments.drop(columns="geometry"))
    seg_df["km"] = layers.segment_km.round(0).to_numpy()
    coords = [np.asarray(g.coords) for g in segments.geometry]
    seg_df["x"] = [np.round(c[:, 0], 1).tolist() for c in coords]
    seg_df["y"] = [np.round(c[:, 1], 1).tolist() for c in coords]
    mids = [g.interpolate(0.5, normalized=True) for g in segments.geometry]
    seg_df["mx"] = [m.x for m in mids]
    seg_df["my"] = [m.y for m in mids]

    to_map = _to_map()
    lon = np.linspace(view[0], view[2], 25)
    lat = np.linspace(view[1], view[3], 25)
    grid_lon, grid_lat = np.meshgrid(lon, lat)
    gx, gy = to_map.transform(grid_lon, grid_lat)
    seas = pd.DataFrame(SEA_LABELS, columns=["id", "name_en", "name_de", "lon", "lat"])
    seas["x"], seas["y"] = to_map.transform(seas["lon"].to_numpy(), seas["lat"].to_numpy())
    ranges = {}
    for name, (lon0, lat0, lon1, lat1) in (views or {}).items():
        xs, ys = to_map.transform([lon0, lon1, lon0, lon1, (lon0 + lon1) / 2], [lat0, lat0, lat1, lat1, lat1])
        ranges[name] = ((float(min(xs)), float(max(xs))), (float(min(ys)), float(max(ys))))
    x_range, y_range = (float(gx.min()), float(gx.max())), (float(gy.min()), float(gy.max()))
    return ProjectedMap(country_df, node_df, seg_df, seas, x_range, y_range, ranges)


def _to_map() -> Transformer:
    return Transformer.from_crs(WGS84, MAP_CRS, always_xy=True)


def project_points(lons: list[float], lats: list[float]) -> tuple[list[float], list[float]]:
    """Project WGS84 points to the map CRS (km)."""
    xs, ys = _to_map().transform(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return np.round(xs, 1).tolist(), np.round(ys, 1).tolist()


def in_view(lon: float, lat: float, view: tuple[float, float, float, float] = CORRIDOR_VIEW) -> bool:
    return view[0] <= lon <= view[2] and view[1] <= lat <= view[3]


def length_table(layers: GeoLayers) -> pd.DataFrame:
    """Computed geodesic km per corridor and mode."""
    df = pd.DataFrame({"corridor": layers.segments["corridor"], "mode": layers.segments["mode"], "km": layers.segment_km})
    return df.groupby(["corridor", "mode"], as_index=False).agg(legs=("km", "size"), km=("km", "sum"))


def published_comparison(layers: GeoLayers) -> pd.DataFrame:
    """Published lengths beside the computed sum of the legs they span."""
    km = dict(zip(layers.segments["id"], layers.segment_km, strict=True))
    rows = []
    for seg in layers.segments.itertuples():
        if isinstance(getattr(seg, "published_km", None), int | float) and not pd.isna(seg.published_km):
            rows.append({"id": seg.id, "label_en": seg.published_label, "label_de": seg.published_label, "computed_km": km[seg.id],
                         "published_km": float(seg.published_km), "source": seg.published_source, "comparable": True,
                         "why_en": "", "why_de": ""})  # fmt: skip
    for route in layers.published_routes:
        rows.append({"id": route["id"], "label_en": route["label_en"], "label_de": route["label_de"],
                     "computed_km": sum(km[leg] for leg in route["legs"]), "published_km": float(route["km"]),
                     "source": route["source"], "comparable": route.get("comparable", True),
                     "why_en": route.get("why_en", ""), "why_de": route.get("why_de", "")})  # fmt: skip
    cols = ["id", "label_en", "label_de", "computed_km", "published_km", "source", "comparable", "why_en", "why_de"]
    df = pd.DataFrame(rows, columns=cols)
    df["difference_pct"] = (df["computed_km"] / df["published_km"] - 1) * 100
    return df
