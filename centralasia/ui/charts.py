"""Charts and data tables on pages: a chart built for its slot's box (reported by the browser, ui/box.py), the one chart
component (figure, description, table toggle, CSV), CSV downloads of tables as shown, localised DataFrame columns.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from centralasia.charts.figures import Chart, plotly_config
from centralasia.charts.registry import DEFAULT_BOX, Box, ChartContext, ChartOptions
from centralasia.i18n import t
from centralasia.publish import exports
from centralasia.safe_text import md
from centralasia.ui.box import content_box, is_pending, pending
from centralasia.ui.chrome import out_of_flow
from centralasia.ui.components import chart_alternative_html
from centralasia.ui.data import built_chart


def viewer_theme() -> str:
    """ "dark" or "light": the theme the viewer's browser shows the app in (light until it reports)."""
    try:
        kind = getattr(getattr(st.context, "theme", None), "type", None)
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest, bare mode) there is no theme
        kind = None
    return "dark" if kind == "dark" else "light"


def page_chart(key: str, release: Any, lang: str, options: ChartOptions | None = None, box: Box | None = None,
               theme: str | None = None) -> Chart | Box:  # fmt: skip
    """A chart for this page: built by the registry for the reported box and the viewer's theme, from the one cache.

    While the browser has not reported the slot's width, nothing is built: the pending box is returned instead, and
    :func:`chart` draws a placeholder of the figure's size (the report reruns the page at once).
    """
    box = box or content_box(key, DEFAULT_BOX)
    if is_pending(box):
        return box
    return built_chart(key, ChartContext(release, lang, theme or viewer_theme(), options or ChartOptions(), box))


def chart(spec: Chart | Box, lang: str, on_select: str | None = None, selection_mode: Any = "points") -> Any:
    """The one chart component: figure (title states the takeaway, compact source line), description, table, CSV.

    Given the pending box of :func:`page_chart`, a placeholder of the figure's size.
    """
    if isinstance(spec, Box):
        pending(spec)
        return None
    if spec.figure is None or spec.data.empty:
        st.subheader(spec.title, anchor=False)
        st.info(t("chart.empty", lang))
        return None
    kwargs: dict[str, Any] = {}
    if on_select:
        kwargs = {"on_select": on_select, "selection_mode": selection_mode, "key": f"chart-{spec.key}"}
    event = st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename, spec.figure, lang), width="stretch", **kwargs)
    with out_of_flow(f"alt-{spec.key}"):  # WCAG 1.1.1: read by screen readers, no room taken on screen
        st.html(chart_alternative_html(t(f"chart.{spec.key}", lang), spec.title, spec.description, spec.data, lang))
    # The source line (with its date) is in the figure; an "as of" only when it says something the source does not.
    as_of = spec.as_of if spec.as_of and spec.as_of.split(": ", 1)[-1] not in spec.source else ""
    st.caption(" ".join(x for x in (md(spec.description), md(as_of), t("chart.modebar_hint", lang)) if x))
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
