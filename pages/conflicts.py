"""Conflicts & diplomacy: each conflict the release addresses, its parties, region and the position stated."""

import streamlit as st

from centralasia import frames, mapview, views
from centralasia.i18n import t
from centralasia.mapfig import MapLayers
from centralasia.streamlit_glue import chart, current, get_geo, get_overlay, md_escape, quote

lang, release = current()
_, projected = get_geo()
overlay, _ = get_overlay(release.id, lang)

st.title(t("page.conflicts", lang), anchor=False)
st.caption(t("conflicts.intro", lang))
chart(views.conflict_chart(release, lang), lang)

conflicts_only = MapLayers(corridors=frozenset(), modes=frozenset(), roles=frozenset(), places=False, conflicts=True)
conflict_map = mapview.map_chart(
    release,
    projected,
    overlay,
    conflicts_only,
    lang,
    height=520,
    title=t("conflicts.map_title", lang),
    description=t("conflicts.map_desc", lang),
)
chart(conflict_map, lang)

st.header(t("conflicts.cards", lang), anchor=False)
for row in frames.conflicts_frame(release, lang).itertuples():
    with st.container(border=True):
        st.subheader(md_escape(row.label), anchor=False)
        st.markdown(
            f"**{t('col.parties', lang)}:** {md_escape(row.parties)} · **{t('col.region', lang)}:** {md_escape(row.region)}  \n"
            f"**{t('col.position', lang)}:** {md_escape(row.position_text)}"
        )
        quote(row.quote, row.start, row.end, lang)
