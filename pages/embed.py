"""Chart-only view for iframes: one figure with its source line and nothing else (?chart=<key>)."""

import streamlit as st

from centralasia.figures import plotly_config
from centralasia.i18n import t
from centralasia.registry import embeddable_charts
from centralasia.ui.components import md_escape
from centralasia.ui.data import embeddable_chart
from centralasia.ui.frame import current

lang, release = current()
key = st.query_params.get("chart", "route-map")
if key not in embeddable_charts():
    st.caption(t("embed.no_chart", lang, charts=", ".join(embeddable_charts())))
    key = "route-map"
spec = embeddable_chart(key, release, lang)
st.plotly_chart(spec.figure, theme=None, config=plotly_config(spec.filename), width="stretch")
st.caption(f"{md_escape(spec.description)}  \n{md_escape(spec.source)} · {md_escape(spec.as_of)}")
