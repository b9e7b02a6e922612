"""GeoJSON export of the corridor legs (for GIS users: opens in QGIS), built from the committed segments layer.

One feature per leg, WGS84, with id, corridor, mode, from, to, length_km (geodesic along the drawn line),
geometry_source (rail-network, sea, schematic), source and the attribution its geometry requires. Plain json:
no geometry libraries on this path.
"""

from __future__ import annotations

import json
from pathlib import Path

from centralasia.i18n import LANGUAGES
from centralasia.route.geo import ATTRIBUTION, GEO_DIR, GeoDataError

EXPORT_FILENAME = "corridor_legs.geojson"
LEG_FIELDS = ("id", "corridor", "mode", "from", "to", "length_km", "geometry_source", "source", "attribution", "published_km",
              *(f"geometry_note_{lang}" for lang in LANGUAGES), *(f"crossing_{lang}" for lang in LANGUAGES), "crossing_source")  # fmt: skip


def corridor_geojson(geo_dir: Path = GEO_DIR) -> dict:
    """The corridor legs as a GeoJSON FeatureCollection (dict)."""
    path = geo_dir / "segments.geojson"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GeoDataError(f"data/geo/{path.name}: cannot be read ({exc})") from None
    features = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        out = {k: props.get(k) for k in LEG_FIELDS}
        if out["geometry_source"] == "rail-network" and not out["attribution"]:
            raise GeoDataError(f"data/geo/{path.name}, feature '{out['id']}', field 'attribution': a real line needs its attribution")
        features.append({"type": "Feature", "id": out["id"], "properties": out, "geometry": feature["geometry"]})
    return {
        "type": "FeatureCollection",
        "name": "trans_caspian_corridor_legs",
        "attribution": ATTRIBUTION["en"],
        "license": "Rail geometry from OpenStreetMap: ODbL 1.0 (© OpenStreetMap contributors); Natural Earth: public domain",
        "features": features,
    }


def corridor_geojson_text(geo_dir: Path = GEO_DIR) -> str:
    """The same FeatureCollection as UTF-8 JSON text (for the CLI and the data-bundle ZIP)."""
    return json.dumps(corridor_geojson(geo_dir), ensure_ascii=False, indent=1) + "\n"
