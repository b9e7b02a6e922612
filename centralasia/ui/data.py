"""Cached, read-only access to the data for Streamlit pages: releases, geodata, built charts, exports.

Everything here is built once per distinct input and shared by all sessions (st.cache_resource):
the objects are immutable, so sessions never copy them.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from centralasia import settings
from centralasia.release.loader import Catalog, Release, load_catalog
from centralasia.ui import compat

if TYPE_CHECKING:  # figures imports pandas and Plotly, which the first page does not need
    from centralasia.charts.figures import Chart
    from centralasia.charts.registry import ChartContext, ChartOptions

# The data files are stat-ed at most this often; a reader sees an edited release within a second.
_FINGERPRINT_TTL_S = 1.0
_fingerprint_seen: tuple[float, str, str] = (0.0, "", "")  # (checked at, releases root, fingerprint)
_fingerprint_served = ""  # the data version get_catalog last returned
# Where a script run keeps the one catalogue it works on (set by pin_snapshot at the start of every run).
SNAPSHOT_KEY = "_data_snapshot"


def catalog_fingerprint(root: Path) -> str:
    """A digest of the name, size and modification time of every file the catalogue is read from.

    Editing, adding or removing a release file (or a top-level data/*.yaml table) changes it, so the
    next run loads the new data without a restart; reading it costs one stat per file, not a parse.
    """
    global _fingerprint_seen
    checked, seen_root, fingerprint = _fingerprint_seen
    if seen_root == str(root) and time.monotonic() - checked < _FINGERPRINT_TTL_S:
        return fingerprint
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{root}\n".encode())
    files = sorted(settings.DATA_ROOT.glob("*.y*ml"))
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


@st.cache_resource(show_spinner=False, max_entries=2)
def _compiled_catalog(fingerprint: str, root: str) -> Catalog:
    """Parsed and validated once per version of the data, shared read-only by every session of the process.

    The catalogue carries ``fingerprint`` as its ``version``: caches of things built from it key on that.
    """
    return replace(load_catalog(Path(root)), version=fingerprint)


def _current_catalog() -> Catalog:
    """The newest version of the data (loaded when the files changed since the last look)."""
    global _fingerprint_served
    root = settings.releases_root()
    fingerprint = catalog_fingerprint(root)
    if _fingerprint_served and fingerprint != _fingerprint_served:
        # Everything cached by release id (charts, maps, exports, briefings) belongs to the old data. Runs that
        # started before keep their own snapshot (pin_snapshot), so no run sees a release vanish halfway.
        st.cache_data.clear()
        st.cache_resource.clear()
    _fingerprint_served = fingerprint
    return _compiled_catalog(fingerprint, str(root))


def _run_state():
    """This session's state inside a script run, or None outside one (the warm-up thread, plain Python)."""
    return st.session_state if compat.in_script_run() else None


def pin_snapshot() -> Catalog:
    """Take this run's one consistent view of the data: called first thing in every script run (``app.py``).

    Every ``get_catalog()`` of the run returns this same object, so a release file rewritten, or a folder removed,
    while the run draws its page cannot make a release disappear between the sidebar and a chart.
    """
    catalog = _current_catalog()
    state = _run_state()
    if state is not None:
        state[SNAPSHOT_KEY] = catalog
    return catalog


def get_catalog() -> Catalog:
    """All releases as this run sees them (immutable; never mutate).

    Inside a script run: the snapshot taken when the run started (``pin_snapshot``). Outside one (the warm-up,
    a run that did not pass through ``app.py``): the newest version of the data, loaded once per version.
    """
    state = _run_state()
    if state is not None:
        pinned = state.get(SNAPSHOT_KEY)
        if isinstance(pinned, Catalog):
            return pinned
        return pin_snapshot()
    return _current_catalog()


def data_version() -> str:
    """The version (fingerprint) of the data this run works on: key any cache of things built from releases by it."""
    return get_catalog().version


def forget_data() -> None:
    """Drop the loaded data, everything cached from it and the remembered fingerprint (a test that points
    ``CENTRALASIA_RELEASES`` at another folder calls it before and after)."""
    global _fingerprint_seen, _fingerprint_served
    _fingerprint_seen, _fingerprint_served = (0.0, "", ""), ""
    st.cache_data.clear()
    st.cache_resource.clear()
    state = _run_state()
    if state is not None and SNAPSHOT_KEY in state:
        del state[SNAPSHOT_KEY]


def get_geo():
    """Map layers read, checked and projected once per version of the file (registry.prepared_geo), shared by sessions."""
    from centralasia.charts.registry import prepared_geo

    return prepared_geo()


def _clear_geo() -> None:
    from centralasia.charts.registry import clear_geo

    clear_geo()
    _built_chart.clear()


get_geo.clear = _clear_geo  # type: ignore[attr-defined]  # as on a cached function (tests use it)


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
    from centralasia.route.mapview import release_overlay

    release = get_catalog().get(release_id)
    return release_overlay(release, get_geo()[1], lang)


def get_corridor_figures() -> dict:
    from centralasia.charts.registry import corridor_figures

    return corridor_figures()


@st.cache_resource(show_spinner=False, max_entries=512)
def _built_chart(cache_key: tuple, _ctx: ChartContext) -> Chart:
    from centralasia.charts.registry import build_chart

    return build_chart(cache_key[0], _ctx)


def built_chart(key: str, ctx: ChartContext) -> Chart:
    """The one cache of built charts, shared read-only by all sessions: keyed by the chart's key and its context, with
    the release by id and the data version (catalogue and map files) instead of the object. Building a Plotly figure
    validates every trace (the map takes ~0.3 s): a rerun with the same filters, theme and box reuses the figure.
    """
    from centralasia.charts.registry import _geo_signature, chart_key

    key = chart_key(key)
    return _built_chart(ctx.cache_key(key, f"{data_version()}:{_geo_signature()}"), ctx)


built_chart.clear = lambda: _built_chart.clear()  # type: ignore[attr-defined]  # as on a cached function (tests use it)


def _node_ids() -> set[str]:
    try:
        return set(get_geo()[1].nodes["id"])
    except (OSError, ValueError):  # no usable geodata: no node to mark
        return set()


def embed_options(release: Release) -> ChartOptions:
    """What the chart-only view's URL narrows its chart by: ?sector, ?country, ?view, ?legend=0, ?node (unknown values ignored)."""
    from centralasia.charts.registry import ChartOptions
    from centralasia.route.mapstyle import VIEWS

    sector_ids = [s.id for s in release.of_kind("sector")]
    country_ids = [c.id for c in release.of_kind("country")]
    q = st.query_params
    return ChartOptions(
        sector=q.get("sector") if q.get("sector") in sector_ids else None,
        country=q.get("country") if q.get("country") in country_ids else None,
        view=q.get("view") if q.get("view") in VIEWS else "corridor",
        legend=q.get("legend") != "0",  # ?legend=0: the map without its legend (a phone-sized snippet)
        node=q.get("node") if q.get("node") in _node_ids() else None,
    )


# Built documents are large (a full briefing with its maps is about 5 MB) and one URL parameter
# (?sections=) multiplies the keys, so these caches are bounded by bytes (centralasia/publish/bytecache.py).
# Worst case: 64 MB + 32 MB held, plus one document per session building one at that moment.
BRIEFING_CACHE_BYTES = 64 * 1024 * 1024
BUNDLE_CACHE_BYTES = 32 * 1024 * 1024


@st.cache_resource(show_spinner=False)
def _document_caches():
    from centralasia.publish.bytecache import ByteBudgetCache

    return {"briefing": ByteBudgetCache(BRIEFING_CACHE_BYTES), "bundle": ByteBudgetCache(BUNDLE_CACHE_BYTES)}


def briefing_html(release_id: str, lang: str, sections: tuple[str, ...]) -> str:
    """The one-file briefing, built once per (release, language, sections) while the byte budget allows."""
    from centralasia.publish.briefing import build_briefing

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
    from centralasia.publish.briefing import build_bundle

    return _document_caches()["bundle"].get_or_build((release_id, lang), lambda: build_bundle(get_catalog().get(release_id), lang))


def release_file(release: Release, fmt: str) -> str | bytes:
    """One release as the JSON or CSV file the Overview offers, built when a reader clicks.

    ``exports`` is imported here, not at the top: it needs pandas, which the Overview itself does not.
    """
    from centralasia.publish import exports

    if fmt == "json":
        return exports.to_json([release])
    return exports.to_csv([release]).encode("utf-8-sig")  # with a BOM, so Excel reads the umlauts
