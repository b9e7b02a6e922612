"""Regenerate the derived map layers in data/geo/ from their sources.

    python data/geo/build_geo.py [--world-atlas PATH/TO/countries-50m.json]

- nodes.geojson, segments.geojson  ← corridor.yaml (schematic legs become great-circle lines)
- countries.geojson                ← Natural Earth 1:50m via the npm package world-atlas 2.0.2,
                                     clipped to the region and simplified for the screen

Without --world-atlas the script fetches the package with `npm pack world-atlas@2.0.2`.
Each output gets a provenance sidecar <name>.meta.yaml (source, licence, checksum, feature count).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import pycountry
import yaml
from shapely.geometry import Point, box

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from centralasia.geo import REGION, file_digest, great_circle  # noqa: E402

WORLD_ATLAS = "world-atlas@2.0.2"
SIMPLIFY_DEGREES = 0.04  # ≈ 4 km: finer than a pixel at the map's width, keeps the figure small


def _write(gdf: gpd.GeoDataFrame, name: str, sidecar: dict) -> None:
    path = HERE / f"{name}.geojson"
    data = json.loads(gdf.to_json(drop_id=True))
    data["name"] = name
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    sidecar = {
        **sidecar,
        "file": path.name,
        "features": len(gdf),
        "crs": "EPSG:4326 (WGS84)",
        "md5": file_digest(path),
        "bytes": path.stat().st_size,
        "generated_by": "python data/geo/build_geo.py",
        "generated_on": dt.date.today().isoformat(),
    }
    header = f"# Provenance of {path.name}. Regenerate with: python data/geo/build_geo.py\n"
    path.with_suffix(".meta.yaml").write_text(
        header + yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8"
    )
    print(f"wrote {path.relative_to(HERE.parent.parent)}: {len(gdf)} features, {path.stat().st_size:,} bytes")


def build_corridor() -> None:
    spec = yaml.safe_load((HERE / "corridor.yaml").read_text(encoding="utf-8"))
    sources = spec["sources"]
    node_rows = []
    for n in spec["nodes"]:
        node_rows.append(
            {
                "id": n["id"],
                "name_en": n["name_en"],
                "name_de": n["name_de"],
                "iso3": n["iso3"],
                "role": n["role"],
                "approximate": bool(n.get("approximate", False)),
                "source": sources.get(n["source"], n["source"]),
                "ref": n.get("ref", ""),
                "note_en": n.get("note_en", ""),
                "note_de": n.get("note_de", ""),
                "short_en": n.get("short_en", n["name_en"]),
                "short_de": n.get("short_de", n["name_de"]),
                "label": n.get("label", ""),
                "geometry": Point(n["lon"], n["lat"]),
            }
        )
    nodes = gpd.GeoDataFrame(node_rows, crs="EPSG:4326")
    where = {n["id"]: (n["lon"], n["lat"]) for n in spec["nodes"]}
    seg_rows = []
    for s in spec["segments"]:
        (lon1, lat1), (lon2, lat2) = where[s["from"]], where[s["to"]]
        published = s.get("published") or {}
        seg_rows.append(
            {
                "id": s["id"],
                "from_node": s["from"],
                "to_node": s["to"],
                "mode": s["mode"],
                "corridor": s["corridor"],
                "schematic": bool(s.get("schematic", False)),
                "source": sources.get(s["source"], s["source"]),
                "published_km": published.get("km"),
                "published_label": published.get("label"),
                "published_source": published.get("source"),
                "geometry": great_circle(lon1, lat1, lon2, lat2),
            }
        )
    segments = gpd.GeoDataFrame(seg_rows, crs="EPSG:4326")
    segments["geometry"] = segments.geometry.set_precision(1e-5)
    base = {
        "title": "Trans-Caspian International Transport Route (Middle Corridor)",
        "source": "data/geo/corridor.yaml (each feature's `source` property names its own source; research notes in shared/research/titr_reference.md)",
        "license": "Compiled from the sources named per feature; GeoNames data CC BY 4.0",
        "date_accessed": "2026-11",
    }
    _write(
        nodes, "nodes", {**base, "description": "Corridor nodes, China → Europe, plus the Turkmen branch and the Lapis Lazuli corridor."}
    )
    _write(
        segments,
        "segments",
        {
            **base,
            "description": "Corridor legs; schematic legs are great-circle lines between their end nodes (vertex every 40 km).",
            "published_routes": spec.get("published_routes", []),
            "unplaced": spec.get("unplaced", []),
        },
    )


def _world_atlas(path: str | None) -> Path:
    if path:
        return Path(path)
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=tmp, check=True, capture_output=True)
    with tarfile.open(next(tmp.glob("world-atlas-*.tgz"))) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package" / "countries-50m.json"


def build_countries(topojson: Path) -> None:
    world = gpd.read_file(topojson, layer="countries").set_crs("EPSG:4326", allow_override=True)
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    rows = []
    region = box(*REGION)
    for row in world.itertuples():
        if not row.geometry.intersects(region):
            continue
        code = str(row.id) if isinstance(row.id, str) and row.id.isdigit() else None
        country = pycountry.countries.get(numeric=code.zfill(3)) if code else None
        geom = row.geometry.intersection(region).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if geom.is_empty:
            continue
        # Areas without an ISO code (Kosovo, N. Cyprus, Siachen) stay on the map as land, with no code.
        rows.append(
            {
                "iso3": country.alpha_3 if country else "",
                "name_en": (getattr(country, "common_name", None) or country.name) if country else row.name,
                "name_de": german.gettext(country.name) if country else row.name,
                "geometry": geom.buffer(0),
            }
        )
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    gdf["geometry"] = gdf.geometry.set_precision(1e-3)
    gdf = gdf[~gdf.geometry.is_empty].sort_values(["iso3", "name_en"]).reset_index(drop=True)
    _write(
        gdf,
        "countries",
        {
            "title": "Country polygons of the corridor region",
            "source": f"Natural Earth 1:50m Admin 0 countries, via the npm package {WORLD_ATLAS} (countries-50m.json)",
            "url": "https://www.naturalearthdata.com/ ; https://github.com/topojson/world-atlas",
            "license": "Natural Earth: public domain; world-atlas: ISC",
            "processing": f"clipped to lon/lat {REGION}, simplified with tolerance {SIMPLIFY_DEGREES}° (topology preserved), "
            "coordinates rounded to 0.001°; ISO 3166-1 alpha-3 codes and German names from pycountry",
            "date_accessed": dt.date.today().isoformat(),
            "note": "Borders as drawn by Natural Earth; disputed areas follow its de-facto convention. Water bodies are the "
            "areas no country covers (the Caspian and Black Seas).",
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--world-atlas", help="path to world-atlas countries-50m.json (default: fetch with npm pack)")
    parser.add_argument("--skip-countries", action="store_true", help="rebuild only nodes and segments")
    args = parser.parse_args()
    build_corridor()
    if not args.skip_countries:
        build_countries(_world_atlas(args.world_atlas))


if __name__ == "__main__":
    main()
