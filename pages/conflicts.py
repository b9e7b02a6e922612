"""Conflicts & diplomacy: each conflict or tension the release addresses, whom it concerns, what the release says, in its words."""

import streamlit as st

from centralasia.charts import takeaways
from centralasia.i18n import t
from centralasia.ui.charts import csv_download
from centralasia.ui.chrome import current
from centralasia.ui.components import quote_cell, table_html

lang, release = current()

st.title(t("page.conflicts", lang), anchor=False)
st.caption(t("conflicts.intro", lang))

positions = takeaways.positions_frame(release, lang)
st.header(takeaways.positions_takeaway(positions, lang), anchor=False)
if positions.empty:
    st.info(t("conflicts.title_empty", lang))
else:
    headers = [t("col.topic", lang), t("col.about", lang), t("col.says", lang), t("col.source_passage", lang)]
    rows = [[r.topic, r.about, r.says, quote_cell(release, lang, r.quote, r.start, r.end)] for r in positions.itertuples()]
    st.html(table_html(headers, rows))
    csv_download(takeaways.positions_export(positions, lang), f"{release.id}_positions_{lang}.csv", lang, "csv-positions",
                 "conflicts.download")  # fmt: skip
# The route map already shows where the release's places and countries lie; a second map added nothing.
st.caption(t("conflicts.map_note", lang))
st.page_link("pages/map.py", label=t("page.map", lang), icon=":material/map:")
