"""URL-bound widgets: a page's filters live in its query string as stable ids, so a link reproduces the view."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

import streamlit as st

from centralasia.i18n import DEFAULT_LANGUAGE, normalise_language, t

LANG_KEY = "lang"


RELEASE_KEY = "release"


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


def new_chart_click(widget_key: str, valid: Collection[str], marker_key: str) -> str | None:
    """The value (first ``customdata``) of a click in the chart ``widget_key`` that is new since it was last taken.

    A chart's selection survives reruns, so a click counts once: ``marker_key`` remembers the value taken, and is
    cleared when the selection is (so clicking the same point again later counts again).
    """
    state = st.session_state.get(widget_key) or {}
    points = (state.get("selection") or {}).get("points") or []
    picked = next((p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0] in valid), None)
    if not picked:
        st.session_state.pop(marker_key, None)
        return None
    if st.session_state.get(marker_key) == picked:
        return None
    st.session_state[marker_key] = picked
    return picked


def apply_chart_selection(chart_key: str, filter_key: str, valid: Sequence[str]) -> None:
    """Turn a click in a chart into a filter value (before the filter widget is drawn).

    Only a new click is applied; otherwise a later change of the filter widget would be overridden by the
    chart's stale selection.
    """
    picked = new_chart_click(f"chart-{chart_key}", valid, f"_applied-{chart_key}")
    if picked:
        st.session_state[filter_key] = picked
        st.query_params[filter_key] = picked


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

    A link pins the values of ``keep_default_in_url`` selects (the release, the language). When such a value is
    not an option this run (a release whose folder is being rewritten, a junk id) it is never replaced: the
    widget shows ``default``, the URL keeps what the link asked for, nothing is remembered in ``session_state``
    as the reader's choice, and the next run looks at the URL again (so the link opens its own value as soon as
    it is back). ``url_fallback(key)`` tells the page what was asked for. Only a reader's own choice in the
    widget replaces the URL's value. Other selects (filters) drop an unknown value from the URL and show the default.
    """
    options = list(options)
    if default not in options:
        default = options[0] if options else None
    flag = _FALLBACK_PREFIX + key
    if key not in st.session_state or st.session_state[key] not in options or st.session_state.get(flag) is not None:
        from_url = st.query_params.get(key)
        match = next((o for o in options if o is not None and str(o) == from_url), None)
        if match is None and from_url not in (None, "") and keep_default_in_url:
            st.session_state[flag] = bounded(from_url)  # asked for, not available: show the default, keep the URL
            st.session_state[key] = default
        else:
            st.session_state.pop(flag, None)
            st.session_state[key] = default if match is None else match

    def write_url() -> None:
        if st.session_state.get(flag) is not None:
            return  # the URL keeps the value the link asked for
        value = st.session_state.get(key, default)
        _write_param(key, None if value is None or (value == default and not keep_default_in_url) else str(value))

    def chosen() -> None:
        st.session_state.pop(flag, None)  # the reader's own choice replaces what the link asked for
        write_url()

    value = (container or st).selectbox(label, options, key=key, format_func=format_func, on_change=chosen, **kwargs)
    write_url()
    return value


_FALLBACK_PREFIX = "_url_fallback-"


def url_fallback(key: str) -> str | None:
    """The value the URL asks ``url_select(key)`` for when it is not an option this run (else None)."""
    return st.session_state.get(_FALLBACK_PREFIX + key)


# Every value taken from a URL is cut to this many characters before it is stored or copied into a link.
MAX_PARAM_CHARS = 200


def bounded(value: str | None, limit: int = MAX_PARAM_CHARS) -> str | None:
    """``value`` cut to ``limit`` characters (None stays None): a URL cannot make the app hold or repeat a long string."""
    return value if value is None or len(value) <= limit else value[:limit]


# Every query parameter the app reads (pages, the frame, Streamlit's own embed options). Links the app builds from
# the current URL carry these only: an unknown parameter (or a 100 KB one) is never copied into the page's links.
URL_PARAMS = frozenset({
    LANG_KEY, RELEASE_KEY, "embed", "embed_options", "chart", "legend", "view", "node", "sector", "country", "domain",
    "corridors", "modes", "roles", "places", "conflicts", "kinds", "record", "passage", "part", "translation", "sections", "preview",
    "q", "entity", "review",
})  # fmt: skip


def link_params(exclude: Collection[str] = ()) -> dict[str, str]:
    """The current URL's known parameters (``URL_PARAMS``, minus ``exclude``), each cut to ``MAX_PARAM_CHARS``: what a
    link to another view of the same page, or to another page, may carry over."""
    return {k: bounded(v) for k, v in st.query_params.to_dict().items() if k in URL_PARAMS and k not in exclude}


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
