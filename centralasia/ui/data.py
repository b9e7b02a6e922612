"""Cached, read-only access to the data for Streamlit pages: releases, geodata, chart specs, exports.

Everything here is built once per distinct input and shared by all sessions (st.cache_resource):
the objects are immutable, so sessions never copy them.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from centralasia.figures import Chart
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
    """Build a chart by its registry key (centralasia.registry.CHARTS); the map charts take the cached geodata."""
    from centralasia import mapview
    from centralasia.mapfig import MapLayers
    from centralasia.registry import CHART_BY_KEY, ChartOptions

    spec = CHART_BY_KEY[name]
    if spec.builder is not None:
        return spec.builder(release, lang, ChartOptions(sector=sector, country=country, layers=layers, view=view, legend=legend))
    if name == "freight":
        return mapview.freight_chart(release, get_corridor_figures(), lang)
    _, projected = get_geo()
    overlay, _ = get_overlay(release.id, lang)
    return mapview.map_chart(release, projected, overlay, layers or MapLayers(), lang, mapview.view_ranges(projected, view), legend=legend)


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
    legend = st.query_params.get("legend") != "0"  # ?legend=0: the map without its legend (a phone-sized snippet)
    return chart_spec(key, release.id, lang, sector=sector, country=country, view=view, legend=legend)


@st.cache_data(show_spinner=False, max_entries=64)
def briefing_html(release_id: str, lang: str, sections: tuple[str, ...]) -> str:
    from centralasia.briefing import build_briefing

    return build_briefing(get_catalog().get(release_id), lang, sections, get_geo())


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def bundle_zip(release_id: str, lang: str) -> bytes:
    from centralasia.briefing import build_bundle

    return build_bundle(get_catalog().get(release_id), lang)
