"""Overview: who met where and when, the key messages with their quotes, what the release names."""

import streamlit as st

from centralasia.charts.registry import visible_pages
from centralasia.i18n import format_date, t
from centralasia.release import summary
from centralasia.safe_text import html_text
from centralasia.ui.components import md_escape, quote, statements_html, table_html
from centralasia.ui.data import release_file
from centralasia.ui.frame import current

lang, release = current()
meta = release.meta

st.title(md_escape(meta.title_in(lang)), anchor=False)
st.caption(
    t("overview.published", lang, date=md_escape(format_date(meta.date, lang)), publisher=md_escape(meta.publisher_in(lang)),
      channel=md_escape(meta.channel), dateline=md_escape(meta.dateline))
)  # fmt: skip

event = summary.main_event(release)
who, where, when = st.columns(3)
with who:
    st.markdown(f"**{t('overview.who', lang)}**")
    for person in summary.people(release, lang):
        st.markdown(f"{md_escape(person.label)}  \n{md_escape(person.role)} · {t('overview.mentions_n', lang, n=person.mentions)}")
with where:
    st.markdown(f"**{t('overview.where', lang)}**")
    place = release.record(event.place) if event is not None and event.place else None
    st.markdown(md_escape(place.label(lang)) if place else t("overview.unknown", lang))
    if event is not None:
        st.caption(md_escape(event.label(lang)))
with when:
    st.markdown(f"**{t('overview.when', lang)}**")
    # Escaped: "12. Dezember 2025" at the start of a Markdown line would become a numbered list.
    st.markdown(md_escape(format_date(event.date, lang)) if event is not None else t("overview.no_event", lang))
    # How the date was derived is shown only where the data says it in the reader's language (else: About & method).
    derived = getattr(event, f"date_source_{lang}", None) if event is not None else None
    if derived:
        st.caption(md_escape(derived))
if event is not None:
    m = event.mentions[-1]
    quote(m.quote, m.start, m.end, lang, release)

st.header(t("overview.key_messages", lang), anchor=False)
st.html(statements_html([(m.summary(lang), m.quote, m.start, m.end) for m in meta.key_messages], lang, release))

st.header(t("overview.counts", lang), anchor=False)
counts = summary.kind_counts(release, lang)
for col, row in zip(st.columns(4) + st.columns(4), counts, strict=False):
    col.metric(row.kind_label, row.records, help=t("overview.mentions_n", lang, n=row.mentions), border=True)
st.caption(t("overview.kinds_note", lang))

st.header(t("overview.countries", lang), anchor=False)
headers = [t("col.country", lang), t("col.iso3", lang), t("col.role", lang), t("col.mentions", lang)]
rows = [[html_text(c.label), html_text(c.iso3), html_text(c.role), str(c.mentions)] for c in summary.countries(release, lang)]
st.html(table_html(headers, rows))

st.header(t("overview.explore", lang), anchor=False)
for spec in visible_pages():
    if not spec.default:
        st.page_link(spec.file, label=t(spec.title_key, lang), icon=spec.icon)

# The export holds the release shown, built only when clicked.
left, right = st.columns(2)
left.download_button(t("overview.download_release_json", lang), lambda: release_file(release, "json"), f"{release.id}.json",
                     "application/json", icon=":material/download:", on_click="ignore")  # fmt: skip
right.download_button(t("overview.download_release_csv", lang), lambda: release_file(release, "csv"),
                      f"{release.id}_mentions.csv", "text/csv", icon=":material/download:", on_click="ignore")  # fmt: skip
