"""Sectors: where Kazakhstan and Turkmenistan cooperate, with what intent, and the quotes behind it."""

import streamlit as st

from centralasia import frames
from centralasia.i18n import t
from centralasia.ui.components import chart, md_escape, quote
from centralasia.ui.data import chart_spec
from centralasia.ui.frame import current
from centralasia.ui.state import apply_chart_selection, url_filter

lang, release = current()
sector_ids = [s.id for s in release.of_kind("sector")]
country_ids = list(dict.fromkeys(c for s in release.of_kind("sector") for c in s.countries))

st.title(t("page.sectors", lang), anchor=False)
st.caption(t("sectors.intro", lang))

for chart_key in ("sector-mentions", "sector-matrix"):
    apply_chart_selection(chart_key, "sector", sector_ids)


def label(rid: str) -> str:
    return release.record(rid).label(lang)


left, right = st.columns(2)
sector = url_filter("sector", sector_ids, t("filter.sector", lang), label, lang, container=left)
country = url_filter("country", country_ids, t("filter.country", lang), label, lang, container=right)
if sector or country:
    st.caption(t("sectors.filtered", lang, what=" · ".join(md_escape(label(x)) for x in (sector, country) if x)))
else:
    st.caption(t("sectors.select_hint", lang))

chart(chart_spec("sector-mentions", release.id, lang, sector=sector, country=country), lang, on_select="rerun")
chart(chart_spec("sector-matrix", release.id, lang, sector=sector, country=country), lang, on_select="rerun")

st.header(t("sectors.quotes", lang), anchor=False)
for row in frames.sectors_frame(release, lang, sector, country).itertuples():
    st.subheader(f"{md_escape(row.sector)} · {md_escape(row.stance_label)}", anchor=False)
    st.caption(f"{md_escape(row.statement)} — {md_escape(row.countries)}")
    for m in release.record(row.sector_id).mentions:
        quote(m.quote, m.start, m.end, lang)
