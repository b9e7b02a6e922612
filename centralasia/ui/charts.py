"""Charts and data tables on pages: the one chart component (figure, description, table toggle, CSV), CSV
downloads of tables as shown, localised DataFrame columns, and the viewer's theme for figures.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from centralasia import exports
from centralasia.figures import Chart, plotly_config, themed
from centralasia.i18n import t
from centralasia.ui.components import chart_alternative_html, md_escape


def viewer_theme() -> str:
    """ "dark" or "light": the theme the viewer's browser shows the app in (light until it reports)."""
    try:
        kind = getattr(getattr(st.context, "theme", None), "type", None)
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest, bare mode) there is no theme
        kind = None
    return "dark" if kind == "dark" else "light"


# Dark copies of cached figures, keyed by the cached figure's id (kept alive alongside, so the id is not reused).
_DARK: dict[int, tuple[Any, Any]] = {}


def _for_theme(figure: Any, theme: str) -> Any:
    if theme != "dark":
        return figure
    hit = _DARK.get(id(figure))
    if hit is None or hit[0] is not figure:
        if len(_DARK) > 256:
            _DARK.clear()
        hit = (figure, themed(figure, "dark"))
        _DARK[id(figure)] = hit
    return hit[1]


def chart(spec: Chart, lang: str, on_select: str | None = None, selection_mode: Any = "points") -> Any:
    """The one chart component: figure (title states the takeaway, compact source line), description, table, CSV."""
    if spec.figure is None or spec.data.empty:
        st.subheader(spec.title, anchor=False)
        st.info(t("chart.empty", lang))
        return None
    kwargs: dict[str, Any] = {}
    if on_select:
        kwargs = {"on_select": on_select, "selection_mode": selection_mode, "key": f"chart-{spec.key}"}
    figure = _for_theme(spec.figure, viewer_theme())
    event = st.plotly_chart(figure, theme=None, config=plotly_config(spec.filename, lang), width="stretch", **kwargs)
    st.html(chart_alternative_html(t(f"chart.{spec.key}", lang), spec.title, spec.description, spec.data, lang))  # WCAG 1.1.1
    # The source line (with its date) is in the figure; an "as of" only when it says something the source does not.
    as_of = spec.as_of if spec.as_of and spec.as_of.split(": ", 1)[-1] not in spec.source else ""
    st.caption(" ".join(x for x in (md_escape(spec.description), md_escape(as_of), t("chart.modebar_hint", lang)) if x))
    left, right = st.columns([1, 1])
    show = left.toggle(t("chart.show_table", lang), key=f"table-{spec.key}")
    data = spec.data
    right.download_button(
        t("chart.download_csv", lang),
        data=lambda: exports.frame_to_csv(data),  # built on click, not on every rerun
        file_name=f"{spec.filename}.csv",
        mime="text/csv",
        key=f"csv-{spec.key}",
        icon=":material/download:",
        on_click="ignore",
    )
    if show:
        st.dataframe(spec.data, hide_index=True, width="stretch")
    return event


def csv_download(frame: pd.DataFrame, file_name: str, lang: str, key: str, label_key: str = "chart.download_csv") -> None:
    """A CSV download of a table as shown, built only when clicked."""
    st.download_button(t(label_key, lang), data=lambda: exports.frame_to_csv(frame), file_name=file_name, mime="text/csv", key=key,
                       icon=":material/download:", on_click="ignore")  # fmt: skip


def localised_columns(df: pd.DataFrame, lang: str, mapping: dict[str, str]) -> pd.DataFrame:
    """Rename ``df``'s columns to catalogue headers (downloads follow the UI language)."""
    return df[list(mapping)].rename(columns={c: t(k, lang) for c, k in mapping.items()})
