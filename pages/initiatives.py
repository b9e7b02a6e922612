"""Initiatives: who proposes, who supports, the status the release gives, its quote; and the who-backs-what grid."""

import streamlit as st

from centralasia.charts import tables, takeaways
from centralasia.charts.registry import DEFAULT_BOX
from centralasia.i18n import t
from centralasia.release import summary
from centralasia.release.vocab import vocab_label
from centralasia.ui.box import content_box
from centralasia.ui.charts import chart, csv_download, page_chart
from centralasia.ui.chrome import current
from centralasia.ui.components import quote_cell, sub_cell, table_html
from centralasia.ui.state import url_filter

lang, release = current()
box = content_box("page", DEFAULT_BOX)  # first: the browser reports the column width while the rest of the page is built
domains = list(dict.fromkeys(r.domain for r in release.of_kind("initiative")))

st.title(t("page.initiatives", lang), anchor=False)
st.caption(t("initiatives.intro", lang))


@st.fragment
def initiatives_table() -> None:
    """The domain filter changes only this table: rerun just this part."""
    domain = url_filter("domain", domains, t("filter.domain", lang), lambda d: vocab_label("domains", d, lang), lang)

    st.header(t("initiatives.table_title", lang), anchor=False)
    table = takeaways.initiative_rows(release, lang, domain)
    if table.empty:
        st.info(t("chart.empty", lang))
    else:
        headers = [t("kind.initiative", lang), t("col.proposed_by", lang), t("col.supported_by", lang), t("col.status", lang),
                   t("col.source_passage", lang)]  # fmt: skip
        rows = [
            [sub_cell(r.initiative, r.domain_label), r.proposed_by, r.supported_by, r.status, quote_cell(release, lang, r.quote, r.start, r.end)]
            for r in table.itertuples()
        ]  # fmt: skip
        st.html(table_html(headers, rows))
        csv_download(takeaways.initiatives_export(table, lang), f"{release.id}_initiatives_{lang}.csv", lang, "csv-initiatives",
                     "sectors.download_table")  # fmt: skip


initiatives_table()

chart(page_chart("initiative-matrix", release, lang, box=box), lang)

institutions = [r for r in tables.initiatives_frame(release, lang).itertuples() if r.kind == "institution"]
if institutions:  # institutions have no domain: they stay whatever the filter
    st.header(t("initiatives.institutions", lang), anchor=False)
    inst_rows = []
    for r in institutions:
        record = release.record(r.id)
        m = summary.representative(record)
        inst_rows.append([r.label, quote_cell(release, lang, m.quote, m.start, m.end)])
    st.html(table_html([t("kind.institution", lang), t("col.source_passage", lang)], inst_rows))
