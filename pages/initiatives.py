"""Initiatives: every initiative and institution, who proposes or backs it, its domain and stated status."""

import streamlit as st

from centralasia import frames
from centralasia.i18n import t
from centralasia.ui.components import chart, localised_columns
from centralasia.ui.data import chart_spec
from centralasia.ui.frame import current
from centralasia.ui.state import url_filter

lang, release = current()
domains = list(dict.fromkeys(r.domain for r in release.of_kind("initiative")))

st.title(t("page.initiatives", lang), anchor=False)
st.caption(t("initiatives.intro", lang))
domain = url_filter("domain", domains, t("filter.domain", lang), lambda d: t(f"domain.{d}", lang), lang)

st.subheader(t("initiatives.table", lang), anchor=False)
table = frames.initiatives_frame(release, lang, domain)
columns = {"label": "col.label", "kind_label": "col.kind", "domain_label": "col.domain", "status_text": "col.status",
           "proposed_by": "col.proposed_by", "supported_by": "col.supported_by", "mentions": "col.mentions", "quote": "col.quote"}  # fmt: skip
st.dataframe(localised_columns(table, lang, columns), hide_index=True, width="stretch")

chart(chart_spec("initiative-domains", release.id, lang), lang)
chart(chart_spec("initiative-network", release.id, lang), lang)
