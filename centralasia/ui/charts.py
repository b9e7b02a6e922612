"""Charts and data tables on pages: the box charts are composed for (reported by the browser), the one chart
component (figure, description, table toggle, CSV), CSV downloads of tables as shown, localised DataFrame columns.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from centralasia import exports
from centralasia.figures import Chart, plotly_config
from centralasia.i18n import t
from centralasia.registry import DEFAULT_BOX, Box, ChartContext, ChartOptions, bucket
from centralasia.ui.components import md_escape
from centralasia.ui.data import built_chart

BOX_STATE = "_content_box"  # the last box this session's browser reported: a new page starts with it

# Reports the width of the main content column (and the window's height) to Python: rounded down to 20 px, at once
# when mounted and 250 ms after the last resize, and only when it differs from what the server already knows, so a
# page reruns once when it first learns the width and once per real change, never in a loop. It shows nothing.
_BOX_JS = """
export default function(component) {
  const { data, setStateValue, parentElement } = component;
  const doc = parentElement.ownerDocument || document;
  const view = doc.defaultView || window;
  const main = doc.querySelector('[data-testid="stMainBlockContainer"]') || doc.body;
  const step = (data && data.step) || 20;
  let known = (data && data.known) || "";
  let timer = null;
  const measure = () => {
    const style = view.getComputedStyle(main);
    const inner = main.clientWidth - parseFloat(style.paddingLeft || 0) - parseFloat(style.paddingRight || 0);
    const width = Math.max(0, Math.floor(inner / step) * step);
    const height = Math.floor(view.innerHeight / step) * step;
    const box = width + "x" + height;
    if (width > 0 && box !== known) { known = box; setStateValue("box", box); }
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(measure, 250); };
  const observer = new ResizeObserver(later);
  observer.observe(main);
  view.addEventListener("resize", later);
  measure();  // at once: the rerun it asks for starts while the page's first run is still going
  return () => { observer.disconnect(); view.removeEventListener("resize", later); clearTimeout(timer); };
}
"""
_box_component = st.components.v2.component("centralasia_content_box", js=_BOX_JS, isolate_styles=False)


def _reported() -> tuple[int, int] | None:
    raw = st.session_state.get(BOX_STATE)
    return raw if isinstance(raw, tuple) else None


def _on_box() -> None:
    state = st.session_state.get("content-box")
    value = getattr(state, "box", None) if state is not None else None
    if value is None and isinstance(state, dict):
        value = state.get("box")
    try:
        width, height = (int(x) for x in str(value).split("x"))
    except (TypeError, ValueError):
        return
    st.session_state[BOX_STATE] = (bucket(width), height)


def content_box(medium: str = "screen") -> Box:
    """The box a chart on this page is composed for: the main column's width as the browser reports it
    (``DEFAULT_BOX`` until it has, and in AppTest). ``medium="embed"``: the chart-only view, whose box is the
    iframe (width and height; the height is None until the browser reports it).
    """
    known = _reported()
    st.html("<style>.st-key-content-box{display:none}</style>")
    _box_component(key="content-box", data={"step": 20, "known": f"{known[0]}x{known[1]}" if known else ""},
                   on_box_change=_on_box, height=0)  # fmt: skip
    known = _reported()
    if known is None:  # not reported yet: a phone's column for a phone's browser, else a laptop's
        width = 340 if _mobile_browser() else (DEFAULT_BOX.width if medium != "embed" else 800)
        return Box(width, None, medium)  # an embed's height: its snippet's
    width, height = known
    return Box(width, height if medium == "embed" else None, medium)


# While the browser has not yet reported the box, a figure composed for the default box is kept invisible (its
# space kept): the report's rerun replaces it within a moment. Should no report come, it shows after 2.5 s anyway.
_PENDING_CSS = ("<style>[class*='st-key-box-pending-']{visibility:hidden;animation:ca-box-reveal 0s linear 2.5s forwards}"
                "@keyframes ca-box-reveal{to{visibility:visible}}</style>")  # fmt: skip


def figure_slot(key: str):
    """The container a figure goes into: invisible for a moment while its box is still the default one."""
    if _reported() is not None:
        return st.container()
    st.html(_PENDING_CSS)
    return st.container(key=f"box-pending-{key}")


def _mobile_browser() -> bool:
    """True when the browser says it is a phone's (the ``Sec-CH-UA-Mobile`` client hint, or "Mobile" in its user agent)."""
    try:
        headers = st.context.headers
        return headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobile" in (headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 - no request headers outside a browser session (AppTest)
        return False


def viewer_theme() -> str:
    """ "dark" or "light": the theme the viewer's browser shows the app in (light until it reports)."""
    try:
        kind = getattr(getattr(st.context, "theme", None), "type", None)
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest, bare mode) there is no theme
        kind = None
    return "dark" if kind == "dark" else "light"


def page_chart(key: str, release: Any, lang: str, options: ChartOptions | None = None, box: Box | None = None,
               theme: str | None = None) -> Chart:  # fmt: skip
    """A chart for this page: built by the registry for the reported box and the viewer's theme, from the one cache."""
    ctx = ChartContext(release, lang, theme or viewer_theme(), options or ChartOptions(), box or content_box())
    return built_chart(key, ctx)


def chart(spec: Chart, lang: str, on_select: str | None = None, selection_mode: Any = "points") -> Any:
    """The one chart component: figure (title states the takeaway, compact source line), description, table, CSV."""
    if spec.figure is None or spec.data.empty:
        st.subheader(spec.title, anchor=False)
        st.info(t("chart.empty", lang))
        return None
    kwargs: dict[str, Any] = {}
    if on_select:
        kwargs = {"on_select": on_select, "selection_mode": selection_mode, "key": f"chart-{spec.key}"}
    with figure_slot(spec.key):
        event = st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename, spec.figure), width="stretch", **kwargs)
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
