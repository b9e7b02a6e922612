"""Chart-only view for iframes: one figure, its takeaway title and source line, nothing else (?chart=<key>).

Keys come from centralasia.registry; the figure is composed for the iframe's box (its width and height, as the
browser reports them), so nothing scrolls inside the iframe. An old key opens the chart that replaced it; an
unknown one the route map.
"""

import streamlit as st

from centralasia.figures import plotly_config
from centralasia.i18n import t
from centralasia.registry import CHART_BY_KEY, RENAMED_CHARTS, Box, chart_key
from centralasia.ui.charts import content_box, figure_slot, page_chart
from centralasia.ui.data import embed_options, geo_problem
from centralasia.ui.frame import current

FRAME_PADDING = 24  # px of the page above and below the figure

lang, release = current()
raw = st.query_params.get("chart") or "route-map"
key = chart_key(raw)
st.html(
    "<style>[data-testid='stMainBlockContainer']{padding:0.5rem 0.5rem 0 0.5rem !important}"
    "header[data-testid='stHeader']{display:none}</style>"
)
if key != raw and raw not in RENAMED_CHARTS:
    st.caption(t("embed.unknown_chart", lang, chart=t(CHART_BY_KEY[key].title_key, lang)))
frame = content_box("embed")  # first: the browser reports the iframe's size while the chart is built
if CHART_BY_KEY[key].needs_geo and geo_problem():
    st.info(t("map.unavailable", lang), icon=":material/map:")
    st.stop()
box = Box(frame.width, max(300, (frame.height or CHART_BY_KEY[key].embed_height) - FRAME_PADDING), "embed")
spec = page_chart(key, release, lang, embed_options(release), box)
if spec.figure is None:
    st.info(t("chart.empty", lang))
else:
    with figure_slot(key):
        st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename, spec.figure), width="stretch")
