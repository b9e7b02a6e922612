"""Cached, read-only access to the data for Streamlit pages: releases, geodata, chart specs, exports.

Everything here is built once per distinct input and shared by all sessions (st.cache_resource):
the objects are immutable, so sessions never copy them.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from centralasia.loader import Catalog, Release, load_catalog

if TYPE_CHECKING:  # figures imports pandas and Plotly, which the first page does not need
    from centralasia.figures import Chart

# The data files are stat-ed at most this often; a reader sees an edited release within a second.
_FINGERPRINT_TTL_S = 1.0
_fingerprint_seen: tuple[float, str, str] = (0.0, "", "")  # (checked at, releases root, fingerprint)
_fingerprint_served = ""  # the data version get_catalog last returned


def catalog_fingerprint() -> str:
    """A digest of the name, size and modification time of every file the catalogue is read from.

    Editing, adding or removing a release file (or a top-level data/*.yaml table) changes it, so the
    next run loads the new data without a restart; reading it costs one stat per file, not a parse.
    """
    global _fingerprint_seen
    from centralasia import loader

    root = Path(loader.RELEASES_ROOT)
    checked, seen_root, fingerprint = _fingerprint_seen
    if seen_root == str(root) and time.monotonic() - checked < _FINGERPRINT_TTL_S:
        return fingerprint
    digest = hashlib.blake2b(digest_size=16)
    files = sorted(Path(loader.DATA_ROOT).glob("*.y*ml"))
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        files += [Path(folder, n) for n in sorted(names)]
    for path in files:
        try:
            stat = path.stat()
        except OSError:  # removed while we looked: the next check sees the new state
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    fingerprint = digest.hexdigest()
    _fingerprint_seen = (time.monotonic(), str(root), fingerprint)
    return fingerprint


@st.cache_resource(show_spinner=False, max_entries=1)
def _compiled_catalog(fingerprint: str) -> Catalog:
    """Parsed and validated once per version of the data, shared read-only by every session of the process."""
    return load_catalog()


def get_catalog() -> Catalog:
    """All releases, loaded and validated once per version of the data files (immutable; never mutate).

    When the data changed since the last call, every cache of the process is emptied first: charts, maps,
    exports and briefings are cached by release id (here and in pages), and none may outlive the data.
    """
    global _fingerprint_served
    fingerprint = catalog_fingerprint()
    if _fingerprint_served and fingerprint != _fingerprint_served:
        st.cache_data.clear()
        st.cache_resource.clear()
    _fingerprint_served = fingerprint
    return _compiled_catalog(fingerprint)


def _clear_catalog() -> None:
    global _fingerprint_seen, _fingerprint_served
    _fingerprint_seen, _fingerprint_served = (0.0, "", ""), ""
    _compiled_catalog.clear()


get_catalog.clear = _clear_catalog  # type: ignore[attr-defined]  # as on a cached function (tests use it)


@st.cache_resource(show_spinner=False)
def get_geo():
    """Map layers read, checked and projected once per process: a warm map rerun does no geometry work."""
    from centralasia.geo import project_layers, read_layers
    from centralasia.mapstyle import VIEWS

    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


def geo_problem() -> str | None:
    """None when the prepared map layers load; otherwise a short reason, and the map is switched off.

    A broken or missing ``data/geo/map_layers.json`` must not take a page down: the map page, the chart-only
    view and the briefing show a notice instead of the map (the failure is not cached, so a repaired file is
    picked up on the next rerun). The full message goes to the server log.
    """
    try:
        get_geo()
    except (OSError, ValueError, KeyError, TypeError) as exc:  # GeoDataError is a ValueError
        import logging

        from centralasia.safe_text import excerpt

        logging.getLogger(__name__).warning("map layers unavailable: %s", exc)
        return excerpt(str(exc), 160)
    return None


@st.cache_resource(show_spinner=False)
def get_overlay(release_id: str, lang: str):
    """The release's countries, places and conflicts placed on the map (per release and language)."""
    from centralasia.mapview import release_overlay

    release = get_catalog().get(release_id)
    return release_overlay(release, get_geo()[1], lang)


@st.cache_resource(show_spinner=False)
def get_corridor_figures() -> dict:
    from centralasia.geo import read_corridor_figures

    return read_corridor_figures()


def _build_chart(
    name: str, release: Release, lang: str, sector: str | None, country: str | None, layers: Any, view: str, legend: bool = True,
    theme: str = "light", box: Any = None, node: str | None = None,
) -> Chart:  # fmt: skip
    """Build a chart by its registry key (centralasia.registry.CHARTS); the map charts take the cached geodata."""
    from centralasia import mapview
    from centralasia.registry import CHART_BY_KEY, Box, ChartContext, ChartOptions

    spec = CHART_BY_KEY[name]
    options = ChartOptions(sector=sector, country=country, layers=layers, view=view, legend=legend, node=node)
    if spec.builder is not None:
        return spec.builder(release, lang, options)
    # The map's charts are composed for their box and draw their own dark variant (the basemap's colours change too).
    ctx = ChartContext(release, lang, theme, options, box or Box(1100))
    if name == "freight":
        return mapview.freight_chart(ctx, get_corridor_figures())
    return mapview.route_map_chart(ctx, get_geo()[1], get_corridor_figures())


@st.cache_resource(show_spinner=False, max_entries=512)
def chart_spec(
    name: str,
    release_id: str,
    lang: str,
    sector: str | None = None,
    country: str | None = None,
    layers: Any = None,
    view: str = "corridor",
    legend: bool = True,
    theme: str = "light",
    box: Any = None,
    node: str | None = None,
) -> Chart:
    """A chart by its key, built once per distinct input and shared read-only by all sessions.

    Building a Plotly figure validates every trace (the map takes ~0.3 s); a rerun with the same
    filters reuses the figure instead. ``box`` (registry.Box) is the box the map charts are composed for.
    """
    return _build_chart(name, get_catalog().get(release_id), lang, sector, country, layers, view, legend, theme, box, node)


def embeddable_chart(key: str, release: Release, lang: str, theme: str = "light", box: Any = None) -> Chart:
    """One chart for the chart-only view; the URL's sector, country, view and node narrow it as on its page.

    ``box`` is the iframe's box (width and height, reported by centralasia.ui.box): the map charts are composed for it.
    """
    from centralasia.mapfig import VIEWS
    from centralasia.registry import CHART_BY_KEY

    sector_ids = [s.id for s in release.of_kind("sector")]
    country_ids = [c.id for c in release.of_kind("country")]
    sector = st.query_params.get("sector") if st.query_params.get("sector") in sector_ids else None
    country = st.query_params.get("country") if st.query_params.get("country") in country_ids else None
    view = st.query_params.get("view") if st.query_params.get("view") in VIEWS else "corridor"
    legend = st.query_params.get("legend") != "0"  # ?legend=0: the map without its legend (a phone-sized snippet)
    geo = CHART_BY_KEY[key].needs_geo
    node = st.query_params.get("node") if geo and st.query_params.get("node") in set(get_geo()[1].nodes["id"]) else None
    # Map charts come in the viewer's theme from their builder; the others are themed by the page (exports stay light).
    drawn = theme if geo else "light"
    return chart_spec(key, release.id, lang, sector=sector, country=country, view=view, legend=legend, theme=drawn,
                      box=box if geo else None, node=node)  # fmt: skip


# Built documents are large (a full briefing with its maps is about 5 MB) and one URL parameter
# (?sections=) multiplies the keys, so these caches are bounded by bytes (centralasia/bytecache.py).
# Worst case: 64 MB + 32 MB held, plus one document per session building one at that moment.
BRIEFING_CACHE_BYTES = 64 * 1024 * 1024
BUNDLE_CACHE_BYTES = 32 * 1024 * 1024


@st.cache_resource(show_spinner=False)
def _document_caches():
    from centralasia.bytecache import ByteBudgetCache

    return {"briefing": ByteBudgetCache(BRIEFING_CACHE_BYTES), "bundle": ByteBudgetCache(BUNDLE_CACHE_BYTES)}


def briefing_html(release_id: str, lang: str, sections: tuple[str, ...]) -> str:
    """The one-file briefing, built once per (release, language, sections) while the byte budget allows."""
    from centralasia.briefing import build_briefing

    return _document_caches()["briefing"].get_or_build(
        (release_id, lang, tuple(sections)), lambda: build_briefing(get_catalog().get(release_id), lang, sections, _geo_or_none())
    )


def _geo_or_none():
    """The map layers, or None when the geodata cannot be read (the briefing then builds without the map)."""
    try:
        return get_geo()
    except (OSError, ValueError):  # GeoDataError is a ValueError
        return None


def bundle_zip(release_id: str, lang: str) -> bytes:
    """The data bundle (ZIP), built once per (release, language) while the byte budget allows."""
    from centralasia.briefing import build_bundle

    return _document_caches()["bundle"].get_or_build((release_id, lang), lambda: build_bundle(get_catalog().get(release_id), lang))


def release_file(release: Release, fmt: str) -> str | bytes:
    """One release as the JSON or CSV file the Overview offers, built when a reader clicks.

    ``exports`` is imported here, not at the top: it needs pandas, which the Overview itself does not.
    """
    from centralasia import exports

    if fmt == "json":
        return exports.to_json([release])
    return exports.to_csv([release]).encode("utf-8-sig")  # with a BOM, so Excel reads the umlauts
