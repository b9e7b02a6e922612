"""Chart-only view for iframes: one figure, its takeaway title and source line, nothing else (?chart=<key>).

Keys come from centralasia.charts.registry; the figure is composed for the iframe's box (its width and height, as the
browser reports them), so nothing scrolls inside the iframe. An old key opens the chart that replaced it; an
unknown one the route map.
"""

import streamlit as st

from centralasia.charts.figures import plotly_config
from centralasia.charts.registry import CHART_BY_KEY, RENAMED_CHARTS, Box, chart_key
from centralasia.i18n import t
from centralasia.ui.box import content_box, is_pending, pending
from centralasia.ui.charts import page_chart
from centralasia.ui.chrome import current, out_of_flow, page_title
from centralasia.ui.compat import test_id
from centralasia.ui.components import chart_alternative_html
from centralasia.ui.data import embed_options, geo_problem

FRAME_PADDING = 24  # px of the page above and below the figure

lang, release = current()
raw = st.query_params.get("chart") or "route-map"
key = chart_key(raw)
st.set_page_config(page_title=page_title(t(CHART_BY_KEY[key].title_key, lang), lang))  # the tab names the chart
st.html(
    f"<style>{test_id('stMainBlockContainer')}{{padding:0.5rem 0.5rem 0 0.5rem !important}}"
    f"header{test_id('stHeader')}{{display:none}}</style>"
)
if key != raw and raw not in RENAMED_CHARTS:
    st.caption(t("embed.unknown_chart", lang, chart=t(CHART_BY_KEY[key].title_key, lang)))
# First: the browser reports the iframe's size (until it has, a placeholder of the snippet's size).
fallback = Box(760, CHART_BY_KEY[key].embed_height - FRAME_PADDING, "embed")
box = content_box("embed", fallback, medium="embed", fixed_height=True, padding=FRAME_PADDING)
if CHART_BY_KEY[key].needs_geo and geo_problem():
    st.info(t("map.unavailable", lang), icon=":material/map:")
    st.stop()
spec = page_chart(key, release, lang, embed_options(release), box)
if is_pending(box):  # built once the iframe's size is known (the report reruns at once)
    pending(box)
elif spec.figure is None:
    st.info(t("chart.empty", lang))
else:
    st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename, spec.figure, lang), width="stretch")
    with out_of_flow(f"alt-{key}"):  # WCAG 1.1.1: read by screen readers, no room taken in the snippet
        st.html(chart_alternative_html(t(CHART_BY_KEY[key].title_key, lang), spec.title, spec.description, spec.data, lang))
