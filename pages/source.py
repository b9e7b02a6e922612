"""Source text: the release as stored, every quote highlighted by kind, beside an aligned English translation."""

import streamlit as st

from centralasia import annotate, frames
from centralasia.i18n import t
from centralasia.models import KINDS
from centralasia.ui.components import md_escape, quote
from centralasia.ui.frame import current
from centralasia.ui.state import url_filter, url_multiselect, url_toggle

lang, release = current()

st.title(t("page.source", lang), anchor=False)
st.caption(t("source.intro", lang))

kinds = url_multiselect("kinds", KINDS, t("source.kinds", lang), lambda k: t(f"kinds.{k}", lang))
candidates = [r.id for r in release.records if r.kind in kinds]
record_id = url_filter("record", candidates, t("source.record", lang), lambda rid: release.record(rid).label(lang), lang)
show_translation = url_toggle("translation", t("source.show_translation", lang), default=bool(release.translation))

spans = annotate.spans_of(release, lang, kinds, record_id)
counts = {k: sum(1 for s in spans if s.kind == k) for k in kinds}
st.html(annotate.legend_html(counts, lang))

if record_id:
    record = release.record(record_id)
    with st.container(border=True):
        st.subheader(t("source.details", lang, kind=t(f"kind.{record.kind}", lang), label=md_escape(record.label(lang))), anchor=False)
        st.markdown(f"**{t('source.labels', lang)}:** {md_escape(record.label_de)} · {md_escape(record.label_en)} · `{record.id}`")
        links = frames.links_of(release, record)
        if links:
            st.markdown(
                f"**{t('col.links', lang)}:** "
                + ", ".join(f"{md_escape(other.label(lang))} ({t(f'kind.{other.kind}', lang)})" for _, other in links)
            )
        with st.expander(t("source.all_mentions", lang, n=len(record.mentions))):
            for m in record.mentions:
                quote(m.quote, m.start, m.end, lang)

if show_translation and release.translation:
    st.caption(f"**{t('misc.unofficial_translation', lang)}:** {t('source.translation_note', lang)}")
    head_left, head_right = st.columns(2)
    head_left.markdown(f"**{t('misc.original', lang)}**")
    head_right.markdown(f"**{t('misc.unofficial_translation', lang)} (English)**")
for index in range(len(release.paragraphs())):
    if show_translation and release.translation:
        left, right = st.columns(2)
        left.html(annotate.paragraph_html(release, spans, index, lang, record_id))
        right.html(annotate.translation_html(release.translation[index].en, index))
    else:
        st.html(annotate.paragraph_html(release, spans, index, lang, record_id))
if show_translation and not release.translation:
    st.info(t("source.no_translation", lang))

st.divider()
st.caption(
    f"{t('source.metadata_line', lang)}: {md_escape(release.header_line.strip())} · {t('source.checksum', lang)}: `{release.meta.sha256}`"
)
