"""Cached, read-only access to the data for Streamlit pages: releases, geodata, chart specs, exports.

Everything here is built once per distinct input and shared by all sessions (st.cache_resource):
the objects are immutable, so sessions never copy them.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from centralasia.figures import Chart
from centralasia.i18n import t
from centralasia.loader import Catalog, Release, load_catalog


@st.cache_resource(show_spinner=False)
def get_catalog() -> Catalog:
    """All releases, loaded and validated once per server process (immutable; never mutate)."""
    return load_catalog()


@st.cache_resource(show_spinner=False)
def get_geo():
    """Map layers read, checked and projected once per process: a warm map rerun does no geometry work."""
    from centralasia.geo import project_layers, read_layers
    from centralasia.mapfig import VIEWS

    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


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
    name: str, release: Release, lang: str, sector: str | None, country: str | None, layers: Any, view: str, legend: bool = True
) -> Chart:
    from centralasia import mapview, views
    from centralasia.mapfig import MapLayers

    if name in ("route-map", "conflict-map"):
        _, projected = get_geo()
        overlay, _ = get_overlay(release.id, lang)
        if name == "conflict-map":
            only = MapLayers(corridors=frozenset(), modes=frozenset(), roles=frozenset(), places=False, conflicts=True)
            return mapview.map_chart(release, projected, overlay, only, lang, height=520, title=t("conflicts.map_title", lang),
                                     description=t("conflicts.map_desc", lang))  # fmt: skip
        return mapview.map_chart(
            release, projected, overlay, layers or MapLayers(), lang, mapview.view_ranges(projected, view), legend=legend
        )
    builders = {
        "kind-counts": lambda: views.kind_counts_chart(release, lang),
        "freight": lambda: mapview.freight_chart(release, get_corridor_figures(), lang),
        "sector-mentions": lambda: views.sector_mentions_chart(release, lang, sector, country),
        "sector-matrix": lambda: views.sector_matrix_chart(release, lang, sector, country),
        "initiative-domains": lambda: views.initiative_domain_chart(release, lang),
        "initiative-network": lambda: views.network_chart(release, lang),
        "conflicts": lambda: views.conflict_chart(release, lang),
    }
    return builders[name]()


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
) -> Chart:
    """A chart by its key, built once per distinct input and shared read-only by all sessions.

    Building a Plotly figure validates every trace (the map takes ~0.3 s); a rerun with the same
    filters reuses the figure instead.
    """
    return _build_chart(name, get_catalog().get(release_id), lang, sector, country, layers, view, legend)


def embeddable_chart(key: str, release: Release, lang: str) -> Chart:
    """One chart for the chart-only view; the URL's sector, country and view narrow it as on its page."""
    from centralasia.mapfig import VIEWS

    sector_ids = [s.id for s in release.of_kind("sector")]
    country_ids = [c.id for c in release.of_kind("country")]
    sector = st.query_params.get("sector") if st.query_params.get("sector") in sector_ids else None
    country = st.query_params.get("country") if st.query_params.get("country") in country_ids else None
    view = st.query_params.get("view") if st.query_params.get("view") in VIEWS else "corridor"
    return chart_spec(key, release.id, lang, sector=sector, country=country, view=view)


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
        (release_id, lang, tuple(sections)), lambda: build_briefing(get_catalog().get(release_id), lang, sections, get_geo())
    )


def bundle_zip(release_id: str, lang: str) -> bytes:
    """The data bundle (ZIP), built once per (release, language) while the byte budget allows."""
    from centralasia.briefing import build_bundle

    return _document_caches()["bundle"].get_or_build((release_id, lang), lambda: build_bundle(get_catalog().get(release_id), lang))
