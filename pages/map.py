"""Map: the Trans-Caspian International Transport Route with the release's places and conflicts, drawn offline.

The map comes first, composed for the column it is shown in (its width is reported by centralasia.ui.box; the
figure's labels, sizes and legend are chosen for it). A node picker beside it does what a click does, by keyboard:
both write ``?node=``. The map, the picker and the details panel are one fragment: a click reruns only that part.
"""

import streamlit as st
import streamlit.components.v1 as components

from centralasia.charts.figures import plotly_config
from centralasia.charts.registry import Box, ChartOptions
from centralasia.i18n import t
from centralasia.route import mapview
from centralasia.route.geo import CORRIDORS, MODES, ROLES, localised
from centralasia.route.mapstyle import VIEWS, MapLayers
from centralasia.safe_text import md
from centralasia.ui.box import content_box, is_pending, pending, reporter
from centralasia.ui.charts import chart, csv_download, page_chart
from centralasia.ui.chrome import current
from centralasia.ui.components import quote
from centralasia.ui.data import geo_problem, get_catalog, get_corridor_figures, get_geo, get_overlay
from centralasia.ui.follow_theme import page_theme
from centralasia.ui.state import new_chart_click, url_multiselect, url_select, url_toggle

DEFAULT_BOX = Box(820)  # the map column at 1440 px until the browser reports the real width (AppTest: always)
PICKER = "map-node-picker"
RESPONSIVE_CSS = """<style>
.st-key-map-details h3 { padding-top: 0; }
.st-key-map-script-scroll { display: none; }
</style>"""


# Fixed scripts (no data in them), run in a zero-height component frame on the page's own origin.
# After a click, scroll the details panel into view when it starts below the fold (phones: under the map).
SCROLL_TO_DETAILS = """<script>
setTimeout(() => {
  const page = window.parent;
  const panel = page.document.querySelector('.st-key-map-details');
  if (panel && panel.getBoundingClientRect().top > page.innerHeight - 120) {
    panel.scrollIntoView({behavior: 'smooth', block: 'start'});
  }
}, 250);
</script>"""


def map_spec(release_id: str, lang: str, layers: MapLayers, view: str, box: Box, theme: str, legend: bool, node: str | None):
    """The route map from the registry's one chart cache (a warm rerun does no geometry or label work)."""
    options = ChartOptions(layers=layers, view=view, legend=legend, node=node)
    return page_chart("route-map", get_catalog().get(release_id), lang, options, box, theme)


def _write_node(node: str | None) -> None:
    if node:
        st.query_params["node"] = node
    else:
        st.query_params.pop("node", None)


def _picked() -> None:
    _write_node(st.session_state.get(PICKER))


def _clear() -> None:
    st.session_state[PICKER] = None
    _write_node(None)


@st.fragment
def map_and_details(lang: str, release_id: str, theme: str) -> None:
    layers, projected = get_geo()
    release = get_catalog().get(release_id)
    node_ids = set(projected.nodes["id"])
    names = {r.id: localised(r, "name", lang) for r in projected.nodes.itertuples()}
    # A click on the map and the picker are one choice: a new click sets the picker (before it is drawn), the URL follows.
    clicked = new_chart_click("route-map", node_ids, "_map-click")
    if clicked:
        st.session_state[PICKER] = clicked
        _write_node(clicked)
    elif PICKER not in st.session_state or st.session_state[PICKER] not in (None, *node_ids):
        from_url = st.query_params.get("node")
        st.session_state[PICKER] = from_url if from_url in node_ids else None
    map_column, side = st.columns([3, 1], gap="small")
    with side:
        node = st.selectbox(t("map.node_picker", lang), sorted(node_ids, key=lambda i: names[i].casefold()), key=PICKER,
                            format_func=names.get, on_change=_picked, placeholder=t("map.node_picker.none", lang),
                            help=t("map.node_picker.help", lang))  # fmt: skip
    details_slot = side.container(key="map-details")
    # The view is the one choice most readers make (the Caspian at a glance): always visible; the rest starts collapsed.
    view = url_select("view", list(VIEWS), t("map.view", lang), format_func=lambda v: t(f"map.view.{v}", lang), container=side)
    with side.expander(t("map.layers", lang), expanded=False):
        corridors = url_multiselect("corridors", CORRIDORS, t("map.corridors", lang), lambda c: t(f"corridor.{c}", lang))
        modes = url_multiselect("modes", MODES, t("map.modes", lang), lambda m: t(f"map.mode.{m}", lang))
        roles = url_multiselect("roles", ROLES, t("map.roles", lang), lambda r: t(f"role.{r}", lang))
        show_places = url_toggle("places", t("map.show_places", lang))
        show_conflicts = url_toggle("conflicts", t("map.show_conflicts", lang))
        show_legend = url_toggle("legend", t("map.show_legend", lang))
    visible = MapLayers(frozenset(corridors), frozenset(modes), frozenset(roles), show_places, show_conflicts)

    with map_column, st.container(key="map-box"):
        box = content_box("map", DEFAULT_BOX)
        spec = None if is_pending(box) else map_spec(release.id, lang, visible, view, box, theme, show_legend, node)
        if spec is None:  # built once the column's width is known: the report reruns the page at once
            pending(box, aspect=0.62)
        else:
            config = plotly_config(spec.filename, spec.figure, lang)
            if theme == "dark":  # image downloads stay light: the dark figure offers none
                config["modeBarButtonsToRemove"] = [*config["modeBarButtonsToRemove"], "toImage"]
            st.plotly_chart(spec.figure, theme=None, config=config, width="stretch", on_select="rerun", selection_mode="points",
                            key="route-map", alt=spec.description)  # fmt: skip

    with details_slot:
        if node in node_ids:
            _details(projected, release, node, lang)
            if clicked:  # on a phone the panel is under the map: bring it into view after a click
                with st.container(key="map-script-scroll"):
                    components.html(SCROLL_TO_DETAILS, height=0)
        else:
            st.caption(t("map.select_hint", lang))
    st.session_state["_map-data"] = spec


def _details(projected, release, node: str, lang: str) -> None:
    info = mapview.node_details(projected, release, node, lang, mapview.ferry_times(get_corridor_figures(), lang))
    st.subheader(info.name, anchor=False)
    st.markdown("  \n".join(f"**{md(k)}:** {md(v)}" for k, v in info.facts.items()))
    if info.legs:
        st.markdown(f"**{t('map.legs', lang)}**  \n" + "  \n".join(f"→ {md(leg)}" for leg in info.legs))
    st.markdown(f"**{t('map.release_quotes', lang)}**")
    for q in info.quotes.itertuples():
        quote(q.quote, q.start, q.end, lang)
    if info.quotes.empty:
        st.caption(t("map.no_quotes", lang))
    st.button(t("map.clear_selection", lang), key="map-clear", type="tertiary", on_click=_clear)


def corridor_context(release_id: str, lang: str, theme: str) -> None:
    """Published corridor figures (outside the release): freight per source, capacity, transit times."""
    st.header(t("map.context_title", lang), anchor=False)
    st.caption(t("map.context_note", lang))
    figures_data = get_corridor_figures()
    chart(page_chart("freight", get_catalog().get(release_id), lang, theme=theme), lang)
    for section, key in (("capacity", "map.capacity"), ("transit_time", "map.transit")):
        table = mapview.context_table(figures_data, section, lang)
        if not table.empty:
            st.markdown(f"**{t(key, lang)}**")
            st.table(table, hide_index=True)


lang, release = current()
theme = page_theme("map-theme")  # follows the reader switching between light and dark
geo_trouble = geo_problem()
if geo_trouble:  # the map is off; the published figures below do not need it
    st.title(t("page.map", lang), anchor=False)
    st.warning(t("map.unavailable", lang), icon=":material/map:")
    corridor_context(release.id, lang, theme)
    st.stop()
layers, projected = get_geo()
_, not_on_map = get_overlay(release.id, lang)

st.html(RESPONSIVE_CSS)
reporter()  # one width report for the map and the freight chart, rerunning the whole page (not only the map's fragment)
st.title(t("page.map", lang), anchor=False)
map_and_details(lang, release.id, theme)

spec = st.session_state.get("_map-data")
notes = [t("map.schematic_note", lang), t("map.key_nodes", lang)]
ferries = mapview.ferry_note(projected, get_corridor_figures(), lang)
if ferries:
    notes.append(ferries)
length_note = mapview.comparison_note(layers, lang)
if length_note:
    notes.append(length_note)
if theme == "dark":
    notes.append(t("map.dark_export", lang))
st.caption("  \n".join(md(n) for n in notes))
if not_on_map:
    st.caption(f"**{t('map.not_on_map', lang)}:** " + "; ".join(md(x) for x in not_on_map))
if spec is not None:  # the map's table and CSV come with the map
    left, right = st.columns([1, 1])
    show_table = left.toggle(t("chart.show_table", lang), key="table-route-map")
    with right:
        csv_download(spec.data, f"{spec.filename}.csv", lang, key="csv-route-map")
    if show_table:
        st.dataframe(spec.data, hide_index=True, width="stretch")

corridor_context(release.id, lang, theme)
