"""Overview: who met where and when, the key messages with their quotes, what the release names."""

import streamlit as st

from centralasia import exports, frames
from centralasia.i18n import format_date, t
from centralasia.registry import visible_pages
from centralasia.safe_text import md_cells
from centralasia.ui.components import chart, localised_columns, md_escape, quote
from centralasia.ui.data import chart_spec, get_catalog
from centralasia.ui.frame import current

lang, release = current()
meta = release.meta

st.title(md_escape(meta.title_in(lang)), anchor=False)
st.caption(
    t("overview.published", lang, date=format_date(meta.date, lang), publisher=md_escape(meta.publisher_in(lang)),
      channel=md_escape(meta.channel), dateline=md_escape(meta.dateline))
)  # fmt: skip

event = frames.main_event(release)
who, where, when = st.columns(3)
with who:
    st.markdown(f"**{t('overview.who', lang)}**")
    for person in frames.people_frame(release, lang).itertuples():
        st.markdown(f"{md_escape(person.label)}  \n{md_escape(person.role)} · {t('overview.mentions_n', lang, n=person.mentions)}")
with where:
    st.markdown(f"**{t('overview.where', lang)}**")
    place = release.record(event.place) if event is not None and event.place else None
    st.markdown(md_escape(place.label(lang)) if place else t("overview.unknown", lang))
    if event is not None:
        st.caption(md_escape(event.label(lang)))
with when:
    st.markdown(f"**{t('overview.when', lang)}**")
    st.markdown(format_date(event.date, lang) if event is not None else t("overview.no_event", lang))
    if event is not None:
        st.caption(md_escape(event.date_source))
if event is not None:
    m = event.mentions[-1]
    quote(m.quote, m.start, m.end, lang)

st.header(t("overview.key_messages", lang), anchor=False)
for message in meta.key_messages:
    st.markdown(f"**{md_escape(message.summary(lang))}**")
    quote(message.quote, message.start, message.end, lang)

st.header(t("overview.counts", lang), anchor=False)
counts = frames.kind_counts(release, lang)
for col, row in zip(st.columns(4) + st.columns(4), counts.itertuples(), strict=True):
    col.metric(row.kind_label, row.records, help=t("overview.mentions_n", lang, n=row.mentions), border=True)
chart(chart_spec("kind-counts", release.id, lang), lang)

st.header(t("overview.countries", lang), anchor=False)
countries = frames.countries_frame(release, lang)
st.table(  # st.table renders Markdown in its cells: data text goes through md_cells
    md_cells(
        localised_columns(countries, lang, {"label": "col.country", "iso3": "col.id", "role": "col.role", "mentions": "col.mentions"})
    ),
    hide_index=True,
)

st.header(t("overview.explore", lang), anchor=False)
for spec in visible_pages():
    if not spec.default:
        st.page_link(spec.file, label=t(spec.title_key, lang), icon=spec.icon)

left, right = st.columns(2)
left.download_button(
    t("misc.download_json", lang), exports.to_json(get_catalog().releases), f"{release.id}.json", "application/json", icon="⬇️"
)
right.download_button(t("misc.download_mentions_csv", lang), exports.to_csv(get_catalog().releases).encode("utf-8-sig"),
                      f"{release.id}_mentions.csv", "text/csv", icon="⬇️")  # fmt: skip
