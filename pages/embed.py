"""Chart-only view for iframes: one figure, its takeaway title and source line, nothing else (?chart=<key>).

Keys and snippet heights come from centralasia.registry; the figure is sized to the snippet so nothing
scrolls inside the iframe. An old key opens the chart that replaced it; an unknown one the route map.
"""

import streamlit as st

from centralasia.figures import fit_to_frame, plotly_config
from centralasia.i18n import t
from centralasia.registry import CHART_BY_KEY, RENAMED_CHARTS, Box, chart_key
from centralasia.ui.box import content_box
from centralasia.ui.charts import _for_theme, viewer_theme
from centralasia.ui.data import embeddable_chart, geo_problem
from centralasia.ui.frame import current

FRAME_PADDING = 40  # px of the page around the figure (top padding and the space under it)

lang, release = current()
raw = st.query_params.get("chart") or "route-map"
key = chart_key(raw)
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding-top:0.5rem !important;padding-bottom:0 !important}"
    "header[data-testid='stHeader']{display:none}</style>"
)
if key != raw and raw not in RENAMED_CHARTS:
    st.caption(t("embed.unknown_chart", lang, chart=t(CHART_BY_KEY[key].title_key, lang)))
theme = viewer_theme()
if CHART_BY_KEY[key].needs_geo and geo_problem():
    st.info(t("map.unavailable", lang), icon=":material/map:")
    st.stop()
box = None
if CHART_BY_KEY[key].needs_geo:  # the map charts are composed for the iframe's box (width and height)
    fallback = Box(760, CHART_BY_KEY[key].embed_height - FRAME_PADDING, "embed")
    box = content_box("embed", fallback, medium="embed", fixed_height=True, padding=FRAME_PADDING)
spec = embeddable_chart(key, release, lang, theme, box)
if spec.figure is None:
    st.info(t("chart.empty", lang))
else:
    height = min(spec.figure.layout.height or 10_000, CHART_BY_KEY[key].embed_height - FRAME_PADDING)
    figure = spec.figure if box is not None else fit_to_frame(spec.figure, spec.title, spec.source, height)
    st.plotly_chart(_for_theme(figure, theme), theme=None, config=plotly_config(spec.filename), width="stretch")
