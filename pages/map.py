"""Map: the Trans-Caspian International Transport Route with the release's places and conflicts, drawn offline."""

import streamlit as st

from centralasia import mapview
from centralasia.geo import CORRIDORS, MODES, ROLES
from centralasia.i18n import t
from centralasia.mapfig import VIEWS, MapLayers
from centralasia.ui.components import chart, md_escape, quote
from centralasia.ui.data import chart_spec, get_corridor_figures, get_geo, get_overlay
from centralasia.ui.frame import current
from centralasia.ui.state import url_multiselect, url_select, url_toggle

lang, release = current()
layers, _ = get_geo()
_, not_on_map = get_overlay(release.id, lang)

st.title(t("page.map", lang), anchor=False)
st.caption(t("map.description", lang))

with st.expander(t("map.layers", lang), expanded=True):
    view = url_select("view", list(VIEWS), t("map.view", lang), format_func=lambda v: t(f"map.view.{v}", lang))
    corridors = url_multiselect("corridors", CORRIDORS, t("map.corridors", lang), lambda c: t(f"corridor.{c}", lang))
    modes = url_multiselect("modes", MODES, t("map.modes", lang), lambda m: t(f"mode.{m}", lang))
    roles = url_multiselect("roles", ROLES, t("map.roles", lang), lambda r: t(f"role.{r}", lang))
    left, middle, right = st.columns(3)
    show_places = url_toggle("places", t("map.show_places", lang), container=left)
    show_conflicts = url_toggle("conflicts", t("map.show_conflicts", lang), container=middle)
    show_legend = url_toggle("legend", t("map.show_legend", lang), container=right)

visible = MapLayers(frozenset(corridors), frozenset(modes), frozenset(roles), show_places, show_conflicts)
event = chart(chart_spec("route-map", release.id, lang, layers=visible, view=view, legend=show_legend), lang, on_select="rerun")
st.caption(t("map.schematic_note", lang))
if not_on_map:
    st.caption(f"**{t('map.not_on_map', lang)}:** " + "; ".join(md_escape(x) for x in not_on_map))

points = (event or {}).get("selection", {}).get("points", []) if event else []
node_ids = set(layers.nodes["id"])
selected = next((p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0] in node_ids), None)
if selected:
    details, quotes = mapview.node_details(layers, release, selected, lang)
    with st.container(border=True):
        st.subheader(t("map.details", lang, name=details[t("col.label", lang)]), anchor=False)
        st.table({k: [v] for k, v in details.items()}, border="horizontal")
        st.markdown(f"**{t('map.release_quotes', lang)}**")
        for q in quotes.itertuples():
            quote(q.quote, q.start, q.end, lang)
        if quotes.empty:
            st.caption(t("map.no_quotes", lang))
else:
    st.info(t("map.select_hint", lang), icon="👆")

st.subheader(t("map.lengths_title", lang), anchor=False)
st.caption(t("map.lengths_desc", lang))
lengths = mapview.lengths_frame(layers, lang)
st.table(lengths, hide_index=True)
st.download_button("CSV", lengths.to_csv(index=False).encode("utf-8-sig"), f"titr_lengths_{lang}.csv", "text/csv", icon="⬇️")

st.subheader(t("map.published_title", lang), anchor=False)
st.caption(t("map.published_desc", lang))
st.table(mapview.comparison_frame(layers, lang), hide_index=True)

st.header(t("map.context_title", lang), anchor=False)
st.warning(t("map.context_note", lang), icon="ℹ️")
figures_data = get_corridor_figures()
chart(chart_spec("freight", release.id, lang), lang)
st.markdown(f"**{t('map.capacity', lang)}**")
st.table(mapview.context_table(figures_data, "capacity", lang), hide_index=True)
st.markdown(f"**{t('map.transit', lang)}**")
st.table(mapview.context_table(figures_data, "transit_time", lang), hide_index=True)
