"""Rendering helpers shared by pages: the one chart component, quotes, escaped text, localised tables."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st

from centralasia import exports
from centralasia.figures import Chart, plotly_config
from centralasia.i18n import t


def md_escape(text: str) -> str:
    """Escape data text for st.markdown (kept for callers; the one implementation is ``safe_text.md``)."""
    from centralasia.safe_text import md

    return md(text)


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
