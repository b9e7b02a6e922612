"""Sectors: what the release says per sector and country (stance and quote), and sourced context figures beside it."""

import streamlit as st

from centralasia.charts import takeaways
from centralasia.charts.registry import DEFAULT_BOX, ChartOptions
from centralasia.i18n import t
from centralasia.release import context
from centralasia.safe_text import md
from centralasia.ui.box import content_box
from centralasia.ui.charts import chart, csv_download, page_chart
from centralasia.ui.chrome import current
from centralasia.ui.components import context_html, sector_table_html
from centralasia.ui.state import apply_chart_selection, url_filter

lang, release = current()
box = content_box("page", DEFAULT_BOX)  # first: the browser reports the column width while the rest of the page is built
sector_ids = [s.id for s in release.of_kind("sector")]
country_ids = list(dict.fromkeys(c for s in release.of_kind("sector") for c in s.countries))

st.title(t("page.sectors", lang), anchor=False)
st.caption(t("sectors.intro", lang))

apply_chart_selection("sector-matrix", "sector", sector_ids)


def label(rid: str) -> str:
    return release.record(rid).label(lang)


left, right = st.columns(2)
sector = url_filter("sector", sector_ids, t("filter.sector", lang), label, lang, container=left)
country = url_filter("country", country_ids, t("filter.country", lang), label, lang, container=right)

st.header(t("sectors.table_title", lang), anchor=False)
st.caption(t("sectors.table_note", lang))
rows, columns, cells = takeaways.sector_table(release, lang, sector, country)
if rows:
    st.html(sector_table_html(release, lang, rows, columns, cells))
    csv_download(takeaways.sector_table_frame(release, lang, sector, country), f"{release.id}_sectors_{lang}.csv", lang,
                 "csv-sector-table", "sectors.download_table")  # fmt: skip
else:
    st.info(t("chart.empty", lang))

chart(page_chart("sector-matrix", release, lang, ChartOptions(sector=sector, country=country), box), lang, on_select="rerun")

st.header(t("sectors.context_title", lang), anchor=False)
st.info(t("sectors.context_note", lang), icon=":material/info:")
_, problem = context.indicators()
if problem:
    st.warning(t("sectors.context_problem", lang, problem=md(problem)), icon=":material/warning:")
# Each figure once, under the sectors (shown here) it gives context to; sectors with none are named at the end.
shown = [(sid, sector_label) for sid, sector_label, _statement in rows]
groups: dict[tuple[str, ...], list] = {}
for indicator in context.indicators()[0]:
    covers = tuple(label for sid, label in shown if sid in indicator.sectors)
    if covers:
        groups.setdefault(covers, []).append(indicator)
for labels, found in groups.items():
    st.subheader(t("sectors.per_sector", lang, sector=md(" · ".join(labels))), anchor=False)
    st.html(context_html(context.chronological(found), lang))
without = [label for sid, label in shown if not context.for_sector(sid)]
if without:
    st.caption(t("sectors.no_context_for", lang, sectors=md(", ".join(without))))
