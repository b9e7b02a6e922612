"""Overview: what happened first (who speaks, on what occasion, who met, the key messages), then what the release names.

Kept light: no pandas or Plotly here (tests/app/test_first_page.py checks), so the first page starts fast.
"""

import streamlit as st

from centralasia.charts.registry import visible_pages
from centralasia.i18n import format_date, join_list, t
from centralasia.release import summary
from centralasia.safe_text import html_text, md
from centralasia.ui.chrome import current
from centralasia.ui.components import quote, statements_html, table_html
from centralasia.ui.data import release_file

lang, release = current()
meta = release.meta
event = summary.main_event(release)

# The headline in a size that leaves a phone's first screen to the lead (a container key is a documented CSS class).
st.html("<style>.st-key-overview-headline h1{font-size:clamp(1.5rem,0.9rem + 2.4vw,2.6rem);line-height:1.2;padding-bottom:0.3rem}</style>")
with st.container(key="overview-headline"):
    st.title(md(meta.title_in(lang)), anchor=False)

# The lead: who speaks, on what occasion, who met. Three short lines a phone shows on its first screen.
place = release.record(event.place) if event is not None and event.place else None
occasion = " · ".join(summary.occasion(release, lang)) or t("overview.no_event", lang)
if place is not None and place.label(lang) not in occasion:
    occasion = f"{occasion}, {place.label(lang)}"
met = [f"{p.label} ({p.role})" if p.role else p.label for p in summary.people(release, lang)]
lead = [
    (t("overview.speaker", lang), f"{meta.publisher_in(lang)}, {format_date(meta.date, lang)} ({meta.channel}, {meta.dateline})"),
    (t("overview.occasion", lang), occasion),
    (t("overview.met", lang), join_list(met, lang) if met else t("overview.unknown", lang)),
]
st.html(
    '<div class="ca-lead" style="margin:0 0 0.4rem 0;line-height:1.45">'
    + "".join(f"<p style='margin:0 0 0.15rem 0'><strong>{html_text(k)}:</strong> {html_text(v)}</p>" for k, v in lead)
    + "</div>"
)

st.header(t("overview.key_messages", lang), anchor=False)
st.html(statements_html([(m.summary(lang), m.quote, m.start, m.end) for m in meta.key_messages], lang, release))

# What the release names, in one line (each record once; how often it is mentioned is on the pages that list them).
counts = [f"{row.records} {row.kind_label}" for row in summary.kind_counts(release, lang) if row.records]
st.markdown(md(t("overview.counts_line", lang, items=" · ".join(counts))))

if event is not None:
    m = event.mentions[-1]
    st.markdown(f"**{md(t('overview.occasion', lang))}**")
    quote(m.quote, m.start, m.end, lang, release)
    # How the date was derived is shown only where the data says it in the reader's language (else: About & method).
    derived = event.date_note_in(lang)
    if derived:
        st.caption(md(derived))

st.header(t("overview.countries", lang), anchor=False)
headers = [t("col.country", lang), t("col.iso3", lang), t("col.role", lang), t("col.mentions", lang)]
rows = [[c.label, c.iso3, c.role, c.mentions] for c in summary.countries(release, lang)]
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
