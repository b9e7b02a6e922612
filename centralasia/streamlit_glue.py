"""Streamlit glue: cached loaders, URL-bound widgets, the shared sidebar and the one chart component."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from centralasia import exports
from centralasia.figures import Chart, plotly_config
from centralasia.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, format_date, normalise_language, t
from centralasia.loader import Catalog, Problem, Release, load_catalog

LANG_KEY = "lang"
RELEASE_KEY = "release"


def leave_legacy_pages_mode() -> None:
    """Make ``app.py`` the router even when a deep link is the server's first request.

    The users asked for page files in ``pages/``. Streamlit sees that folder at start-up and, until
    some session runs ``st.navigation``, serves its files directly (the legacy "MPA v1" mode), which
    would skip this app's frame: no sidebar, no page config, wrong titles. Clearing the flag and
    rerunning hands the request to ``app.py``; it happens once per server process.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


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


def _write_param(key: str, value: str | None) -> None:
    """Put ``value`` in the URL under ``key``, or drop the key for None (the default stays out of links)."""
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def url_multiselect(
    key: str,
    options: Sequence[str],
    label: str,
    format_func: Callable[[Any], str] = str,
    default: Sequence[str] | None = None,
    container: Any = None,
) -> list[str]:
    """Multi-choice pills whose value lives in ``?key=a,b`` (ids, not labels); junk entries are dropped."""
    options = list(options)
    default = list(options if default is None else default)
    if key not in st.session_state:
        raw = st.query_params.get(key)
        if raw is None:
            st.session_state[key] = default
        else:
            st.session_state[key] = [o for o in options if o in raw.split(",")] if raw else []

    def write_url() -> None:
        value = [o for o in options if o in (st.session_state.get(key) or [])]
        _write_param(key, None if sorted(value) == sorted(default) else ",".join(value))

    value = (container or st).pills(label, options, selection_mode="multi", key=key, format_func=format_func, on_change=write_url)
    write_url()
    return list(value or [])


def url_toggle(key: str, label: str, default: bool = True, container: Any = None) -> bool:
    """A toggle stored in the URL as ``?key=0`` / ``?key=1`` when it differs from the default."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        st.session_state[key] = {"1": True, "0": False}.get(raw, default)

    def write_url() -> None:
        value = bool(st.session_state.get(key, default))
        _write_param(key, None if value == default else ("1" if value else "0"))

    value = (container or st).toggle(label, key=key, on_change=write_url)
    write_url()
    return value


def apply_chart_selection(chart_key: str, filter_key: str, valid: Sequence[str]) -> None:
    """Turn a click in a chart into a filter value (before the filter widget is drawn).

    The chart's selection survives reruns, so it is applied only when it changed; otherwise a
    later change of the filter widget would be overridden by the stale click.
    """
    state = st.session_state.get(f"chart-{chart_key}") or {}
    points = (state.get("selection") or {}).get("points") or []
    picked = next((p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0] in valid), None)
    marker = f"_applied-{chart_key}"
    if picked and st.session_state.get(marker) != picked:
        st.session_state[marker] = picked
        st.session_state[filter_key] = picked
        st.query_params[filter_key] = picked
    elif not picked:
        st.session_state.pop(marker, None)


def url_select(
    key: str,
    options: Sequence[Any],
    label: str,
    format_func: Callable[[Any], str] = str,
    default: Any = None,
    container: Any = None,
    keep_default_in_url: bool = False,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in ``?key=<option>``.

    The URL holds the option itself (a stable id), never its translated label, so a link
    keeps working in either language. (``bind="query-params"`` stores the formatted label.)
    Unknown values in the URL fall back to ``default`` silently.
    """
    options = list(options)
    if default not in options:
        default = options[0] if options else None
    if key not in st.session_state or st.session_state[key] not in options:
        from_url = st.query_params.get(key)
        st.session_state[key] = next((o for o in options if o is not None and str(o) == from_url), default)

    def write_url() -> None:
        value = st.session_state.get(key, default)
        _write_param(key, None if value is None or (value == default and not keep_default_in_url) else str(value))

    value = (container or st).selectbox(label, options, key=key, format_func=format_func, on_change=write_url, **kwargs)
    write_url()
    return value


ALL = "all"


def url_filter(key: str, ids: Sequence[str], label: str, name: Callable[[str], str], lang: str, container: Any = None) -> str | None:
    """A filter over ``ids`` with an "All" choice first; returns the chosen id or None for all."""
    value = url_select(
        key, [ALL, *ids], label, format_func=lambda i: t("filter.all", lang) if i == ALL else name(i), default=ALL, container=container
    )
    return None if value == ALL else value


def initial_language() -> str:
    """Language before the sidebar renders: URL, then this session's choice, then the browser's locale."""
    return (
        normalise_language(st.query_params.get(LANG_KEY))
        or normalise_language(st.session_state.get(LANG_KEY))
        or normalise_language(getattr(st.context, "locale", None))
        or DEFAULT_LANGUAGE
    )


def sidebar(catalog: Catalog, lang: str) -> tuple[str, Release | None]:
    """The shared sidebar: language and release, both carried in the URL."""
    with st.sidebar:
        lang = url_select(
            LANG_KEY, LANGUAGES, t("sidebar.language", lang), format_func=LANGUAGE_NAMES.get, default=lang, keep_default_in_url=True
        )
        release = None
        if catalog.releases:
            ids = [r.id for r in catalog.releases]
            by_id = {r.id: r for r in catalog.releases}
            chosen = url_select(
                RELEASE_KEY,
                ids,
                t("sidebar.release", lang),
                format_func=lambda rid: f"{format_date(by_id[rid].meta.date, lang)} · {by_id[rid].meta.title_in(lang)[:60]}",
                default=ids[0],
                disabled=len(ids) == 1,
            )
            release = by_id[chosen]
            st.caption(t("sidebar.data_note", lang))
        if catalog.problems:
            with st.expander(t("sidebar.problems", lang, n=len(catalog.problems))):
                st.code("\n".join(str(p) for p in catalog.problems), language=None, wrap_lines=True)
    return lang, release


def current() -> tuple[str, Release]:
    """The language and release chosen in the shared sidebar; stops the page with an error box if no release loaded."""
    leave_legacy_pages_mode()
    lang = normalise_language(st.session_state.get(LANG_KEY)) or initial_language()
    catalog = get_catalog()
    chosen = st.session_state.get(RELEASE_KEY) or st.query_params.get(RELEASE_KEY) or ""
    release = catalog.get(chosen) or (catalog.releases[0] if catalog.releases else None)
    if release is None:
        show_problems(catalog.problems, lang)
        st.stop()
    return lang, release


def show_problems(problems: Sequence[Problem], lang: str) -> None:
    st.error(t("error.no_data", lang), icon="⚠️")
    if problems:
        st.markdown(f"**{t('error.data_title', lang)}**")
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


def md_escape(text: str) -> str:
    """Escape data text for st.markdown: Markdown, HTML and Streamlit directives render literally."""
    out = html.escape(str(text), quote=False)
    for ch in "\\`*_{}[]()#+-.!|~$:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def quote_html(quote: str, start: int, end: int, lang: str) -> str:
    ref = html.escape(t("overview.quote_ref", lang, start=start, end=end))
    return (
        '<blockquote style="margin:0.2rem 0 0.8rem 0;padding:0.35rem 0.8rem;border-left:4px solid #0072B2;'
        f'font-style:italic">„{html.escape(quote)}“<br><span style="font-size:0.8em;font-style:normal;opacity:0.75">'
        f"{ref}</span></blockquote>"
    )


def quote(quote_text: str, start: int, end: int, lang: str) -> None:
    """A verbatim quote with its character offsets, escaped (data never becomes markup)."""
    st.html(quote_html(quote_text, start, end, lang))


def chart(spec: Chart, lang: str, on_select: str | None = None, selection_mode: Any = "points") -> Any:
    """The one chart component: title, description, figure, source and as-of line, table toggle, CSV."""
    if spec.data.empty:
        st.subheader(spec.title, anchor=False)
        st.info(t("chart.empty", lang))
        return None
    kwargs: dict[str, Any] = {}
    if on_select:
        kwargs = {"on_select": on_select, "selection_mode": selection_mode, "key": f"chart-{spec.key}"}
    event = st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename), width="stretch", **kwargs)
    st.caption(
        f"**{t('chart.description', lang)}:** {md_escape(spec.description)}  \n"
        f"{md_escape(spec.source)} · {md_escape(spec.as_of)} · {t('chart.modebar_hint', lang)}"
    )
    left, right = st.columns([1, 1])
    show = left.toggle(t("chart.show_table", lang), key=f"table-{spec.key}")
    right.download_button(
        t("chart.download_csv", lang),
        data=exports.frame_to_csv(spec.data),
        file_name=f"{spec.filename}.csv",
        mime="text/csv",
        key=f"csv-{spec.key}",
        icon="⬇️",
    )
    if show:
        st.dataframe(spec.data, hide_index=True, width="stretch")
    return event


def localised_columns(df: pd.DataFrame, lang: str, mapping: dict[str, str]) -> pd.DataFrame:
    """Rename ``df``'s columns to catalogue headers (downloads follow the UI language)."""
    return df[list(mapping)].rename(columns={c: t(k, lang) for c, k in mapping.items()})


def app_base_url(url_path: str) -> str:
    """The app's address without the current page's path (st.context.url includes it)."""
    url = (getattr(st.context, "url", None) or "http://localhost:8501").rstrip("/")
    if url_path and url.endswith("/" + url_path):
        url = url[: -len(url_path) - 1]
    return url


def iframe_snippet(src: str, title: str, height: int = 720) -> str:
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="{height}" '
        f'loading="lazy" style="border:0"></iframe>'
    )


def embed_panel(url_path: str, lang: str) -> None:
    """Sidebar panel: a link and an iframe snippet for the current view, and chart-only iframes."""
    from urllib.parse import urlencode

    from centralasia.registry import PAGES

    spec = next((p for p in PAGES if p.url_path == url_path or (p.default and not url_path)), None)
    if spec is None or spec.hidden:
        return
    params = {k: v for k, v in st.query_params.to_dict().items() if k not in {"embed", "embed_options"}}
    params.setdefault(LANG_KEY, lang)
    base = app_base_url(url_path)
    link = f"{base}/{spec.link_path}?{urlencode(params)}"
    with st.sidebar.expander(t("embed.title", lang), icon="🔗"):
        st.caption(t("embed.link", lang))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("embed.iframe", lang))
        st.code(
            iframe_snippet(f"{link}&embed=true", f"{t(spec.title_key, lang)} – {t('app.title', lang)}"), language="html", wrap_lines=True
        )
        if spec.charts:
            key = st.selectbox(
                t("embed.chart", lang), spec.charts, format_func=lambda c: t(f"chart.{c}", lang), key=f"embed-chart-{spec.key}"
            )
            chart_src = f"{base}/embed?{urlencode({**params, 'chart': key})}&embed=true"
            st.caption(t("embed.chart_iframe", lang))
            st.code(iframe_snippet(chart_src, f"{t(f'chart.{key}', lang)} – {t('app.title', lang)}", 640), language="html", wrap_lines=True)
        st.caption(t("embed.note", lang))


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


@st.cache_data(show_spinner=False, max_entries=64)
def briefing_html(release_id: str, lang: str, sections: tuple[str, ...]) -> str:
    from centralasia.briefing import build_briefing

    return build_briefing(get_catalog().get(release_id), lang, sections, get_geo())


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def bundle_zip(release_id: str, lang: str) -> bytes:
    from centralasia.briefing import build_bundle

    return build_bundle(get_catalog().get(release_id), lang)
