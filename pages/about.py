"""About & method: what the data is, how it was extracted and checked, licence, adding a release, citing."""

import streamlit as st

from centralasia.charts import tables
from centralasia.i18n import format_date, quoted, t
from centralasia.route import mapview
from centralasia.safe_text import md, md_code
from centralasia.ui.charts import localised_columns
from centralasia.ui.chrome import current
from centralasia.ui.components import frame_table_html
from centralasia.ui.data import geo_problem, get_geo

lang, release = current()
meta = release.meta
records = tables.records_frame(release, lang)

st.title(t("page.about", lang), anchor=False)

st.header(t("about.what_title", lang), anchor=False)
st.markdown(
    t("about.what_body", lang, title=quoted(md(meta.title), lang), date=format_date(meta.date, lang),
      records=len(records), mentions=int(records["mentions"].sum()))
)  # fmt: skip

st.header(t("about.method_title", lang), anchor=False)
st.markdown(t("about.method_body", lang))

st.header(t("about.licence_title", lang), anchor=False)
st.markdown(t("about.licence_body", lang, usage=md(meta.usage(lang))))
st.markdown(t("about.borders", lang))

st.header(t("about.add_title", lang), anchor=False)
st.markdown(t("about.add_body", lang))

st.header(t("about.cite_title", lang), anchor=False)
st.markdown(t("about.cite_body", lang))
st.code(
    f"{meta.publisher}: {quoted(meta.title, lang)}, {meta.channel}, {meta.dateline}, {meta.date.isoformat()}. "
    f"{t('app.title', lang)}, {t('col.release', lang)} {release.id}, sha256 {meta.sha256[:12]}…",
    language=None,
    wrap_lines=True,
)

st.header(t("about.context_title", lang), anchor=False)
st.markdown(t("about.context_body", lang))

# For checkers only: offsets, checksums and paths stay here, off the reader pages.
st.header(t("about.files_title", lang), anchor=False)
st.markdown(t("about.files_body", lang))
st.markdown(
    f"**{t('about.folder', lang)}:** {md_code(f'data/releases/{release.id}/')} · {md_code(meta.text_file)}  \n"
    f"**{t('about.metadata_line', lang)}:** {md(release.header_line.strip())}  \n"
    f"**{t('about.checksum', lang)}:** {md_code(meta.sha256)}"
)
st.caption(t("briefing.cli", lang))
st.code(f"python -m centralasia briefing -o briefing.html --lang {lang} --release {release.id}", language=None, wrap_lines=True)

# Geodesy is method, not a finding: drawn vs published lengths and every leg's length live here, not on the map page.
geo_trouble = geo_problem()
if geo_trouble:
    st.header(t("map.lengths_title", lang), anchor=False)
    st.caption(t("map.unavailable", lang) + " " + md(geo_trouble))
else:
    geo_layers = get_geo()[0]
    st.header(t("map.published_title", lang), anchor=False)
    st.caption(t("map.published_desc", lang))
    st.html(frame_table_html(mapview.comparison_frame(geo_layers, lang)))
    st.header(t("map.lengths_title", lang), anchor=False)
    st.caption(t("map.lengths_desc", lang))
    st.html(frame_table_html(mapview.lengths_frame(geo_layers, lang)))

st.header(t("a11y.title", lang), anchor=False)
st.markdown(t("a11y.scope", lang))
st.subheader(t("a11y.status_title", lang), anchor=False)
st.markdown(t("a11y.status_body", lang))
st.subheader(t("a11y.limits_title", lang), anchor=False)
st.markdown(t("a11y.limits_body", lang))
st.subheader(t("a11y.feedback_title", lang), anchor=False)
st.markdown(t("a11y.feedback_body", lang))

st.header(t("about.record_table", lang), anchor=False)
st.dataframe(
    localised_columns(records, lang, {"id": "col.id", "kind_label": "col.kind", "label": "col.label", "mentions": "col.mentions",
                                      "quote": "col.quote", "start": "col.start", "end": "col.end"}),
    hide_index=True, width="stretch",
)  # fmt: skip
