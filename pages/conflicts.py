"""Conflicts & diplomacy: each conflict the release addresses, its parties, region and the position stated."""

import streamlit as st

from centralasia import frames
from centralasia.i18n import t
from centralasia.ui.components import chart, md_escape, quote
from centralasia.ui.data import chart_spec
from centralasia.ui.frame import current

lang, release = current()

st.title(t("page.conflicts", lang), anchor=False)
st.caption(t("conflicts.intro", lang))
chart(chart_spec("conflicts", release.id, lang), lang)
chart(chart_spec("conflict-map", release.id, lang), lang)

st.header(t("conflicts.cards", lang), anchor=False)
for row in frames.conflicts_frame(release, lang).itertuples():
    with st.container(border=True):
        st.subheader(md_escape(row.label), anchor=False)
        st.markdown(
            f"**{t('col.parties', lang)}:** {md_escape(row.parties)} · **{t('col.region', lang)}:** {md_escape(row.region)}  \n"
            f"**{t('col.position', lang)}:** {md_escape(row.position_text)}"
        )
        quote(row.quote, row.start, row.end, lang)
