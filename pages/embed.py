"""Chart-only view for iframes: one figure with its source line and nothing else (?chart=<key>, keys in centralasia.registry)."""

import streamlit as st

from centralasia.figures import plotly_config
from centralasia.i18n import t
from centralasia.registry import CHART_BY_KEY, chart_key
from centralasia.ui.components import _for_theme, viewer_theme
from centralasia.ui.data import embeddable_chart
from centralasia.ui.frame import current

lang, release = current()
raw = st.query_params.get("chart", "route-map")
key = chart_key(raw)
if key != raw and raw not in ("", None):
    from centralasia.registry import RENAMED_CHARTS

    if raw not in RENAMED_CHARTS:
        st.caption(t("embed.unknown_chart", lang, chart=t(CHART_BY_KEY[key].title_key, lang)))
# Nothing around the figure but one caption line: the snippet's height (registry) must hold both without scrolling.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:0.5rem !important;padding-bottom:0 !important}"
        "header[data-testid='stHeader']{display:none}</style>")  # fmt: skip
spec = embeddable_chart(key, release, lang)
if spec.figure is None:
    st.info(t("chart.empty", lang))
else:
    # The figure carries its title (the takeaway) and its source line; nothing else fits the snippet.
    st.plotly_chart(_for_theme(spec.figure, viewer_theme()), theme=None, config=plotly_config(spec.filename), width="stretch")
