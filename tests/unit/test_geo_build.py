"""The geodata build step's rail routing: the detour trap of the rail sources is caught, real legs pass the guard."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

pytest.importorskip("geopandas", reason="the build step needs the geo-build extra")

ROOT = Path(__file__).resolve().parents[2]
# The rail sources: $CENTRALASIA_RAIL_DIR, else ../shared/geo-sources/rail beside the repository (as the build finds them).
RAIL_DIRS = [Path(os.environ.get("CENTRALASIA_RAIL_DIR") or ROOT.parent / "shared" / "geo-sources" / "rail")]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_geo", ROOT / "data" / "geo" / "build_geo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def network(build):
    folder = next((d for d in RAIL_DIRS if (d / build.RAIL_FILES["ne"][0]).exists()), None)
    if folder is None:
        pytest.skip("rail sources not found in ../shared/geo-sources/rail (CI copies shared/ beside the repo)")
    return build.RailNetwork(folder)


@pytest.fixture(scope="module")
def where():
    data = json.loads((ROOT / "data" / "geo" / "nodes.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: tuple(f["geometry"]["coordinates"]) for f in data["features"]}


@pytest.mark.parametrize(("start", "stop"), [("dostyk", "aktau"), ("shalkar", "beyneu")])
def test_a_path_around_a_missing_line_is_rejected(build, network, where, start, stop):
    """Beyneu–Shalkar (2014) is in neither source: the network path detours via Kandyagash–Makat."""
    result = build.route_leg(network, {"from": start, "to": stop}, where, None)
    assert "coords" not in result and "detour" in result["why"]
    assert result["path_km"] > build.MAX_DETOUR * result["straight_km"]


def test_a_path_far_from_a_published_length_is_rejected(build, network, where):
    real = build.route_leg(network, {"from": "tbilisi", "to": "poti"}, where, None)
    assert "coords" in real
    off = build.route_leg(network, {"from": "tbilisi", "to": "poti"}, where, real["path_km"] * 1.5)
    assert "coords" not in off and "published" in off["why"]


def test_every_committed_real_leg_passes_the_guard_again(build, network, where):
    data = json.loads((ROOT / "data" / "geo" / "segments.geojson").read_text(encoding="utf-8"))
    spec = {
        s["id"]: s for s in __import__("yaml").safe_load((ROOT / "data" / "geo" / "corridor.yaml").read_text(encoding="utf-8"))["segments"]
    }
    real = [f["properties"] for f in data["features"] if f["properties"]["geometry_source"] == "rail-network"]
    assert real
    for leg in real:
        result = build.route_leg(network, spec[leg["id"]], where, leg["published_km"])
        assert "coords" in result, f"{leg['id']}: {result.get('why')}"
        assert result["path_km"] == pytest.approx(leg["length_km"], rel=0.03)  # simplification shortens a little
