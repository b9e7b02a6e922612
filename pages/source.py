"""Source text: the release as stored, every quote highlighted by kind, beside an aligned English translation.

``?passage=START-END`` (the "show in source" links) outlines that passage in the German text and its
paragraph in the translation, and scrolls to it. Every highlight is a link that selects its record.
"""

import json
from urllib.parse import urlencode

import streamlit as st
import streamlit.components.v1 as components

from centralasia.charts import annotate, tables
from centralasia.i18n import t
from centralasia.release.models import KINDS
from centralasia.safe_text import md
from centralasia.settings import SOURCE_PARAGRAPHS_PER_PART as PARAGRAPHS_PER_PART
from centralasia.ui.chrome import current
from centralasia.ui.components import quote
from centralasia.ui.state import link_params, url_filter, url_multiselect, url_select, url_toggle

lang, release = current()

st.title(t("page.source", lang), anchor=False)
st.caption(t("source.intro", lang))

kinds = url_multiselect("kinds", KINDS, t("source.kinds", lang), lambda k: t(f"kinds.{k}", lang))
candidates = [r.id for r in release.records if r.kind in kinds]
record_id = url_filter("record", candidates, t("source.record", lang), lambda rid: release.record(rid).label(lang), lang)
show_translation = url_toggle("translation", t("source.show_translation", lang), default=bool(release.translation))
passage = annotate.parse_passage(st.query_params.get("passage"), release)

spans = annotate.spans_of(release, lang, kinds, record_id)
counts = {k: (len({s.record_id for s in spans if s.kind == k}), sum(1 for s in spans if s.kind == k)) for k in kinds}
st.html(annotate.legend_html({k: v for k, v in counts.items() if v[1]}, lang))

# A highlight's link keeps the reader's view (language, release, kinds, translation) and selects its record.
keep = link_params(exclude={"record", "passage"})
keep.setdefault("lang", lang)
keep.setdefault("release", release.id)


def select_link(rid: str) -> str:
    return "?" + urlencode({**keep, "record": rid})


if record_id:
    record = release.record(record_id)
    with st.container(border=True):
        st.header(t("source.details", lang, kind=t(f"kind.{record.kind}", lang), label=md(record.label(lang))), anchor=False)
        links = tables.links_of(release, record)
        if links:
            st.markdown(
                f"**{t('col.links', lang)}:** "
                + ", ".join(f"{md(other.label(lang))} ({t(f'kind.{other.kind}', lang)})" for _, other in links)
            )
        with st.expander(t("source.all_mentions", lang, n=len(record.mentions))):
            for m in record.mentions:
                quote(m.quote, m.start, m.end, lang, release)

passage_index = annotate.paragraph_of(release, passage[0]) if passage else None
if passage_index is not None:
    st.info(t("source.passage_note", lang, n=passage_index + 1), icon=":material/format_quote:")

if show_translation and release.translation:
    st.caption(f"**{t('misc.unofficial_translation', lang)}:** {t('source.translation_note', lang)}")
    head_left, head_right = st.columns(2)
    head_left.markdown(f"**{t('misc.original', lang)}**")
    head_right.markdown(f"**{t('source.translation_head', lang)}**")
# A long text is shown in parts of PARAGRAPHS_PER_PART paragraphs (?part=N), so a run draws a bounded number of
# elements; a "show in source" link opens the part holding its passage.
paragraph_count = len(release.paragraphs())
shown = range(paragraph_count)
if paragraph_count > PARAGRAPHS_PER_PART:
    parts = list(range(1, -(-paragraph_count // PARAGRAPHS_PER_PART) + 1))
    home = 1 + (passage_index // PARAGRAPHS_PER_PART if passage_index is not None else 0)

    def part_label(p: int) -> str:
        return t("source.part_range", lang, a=(p - 1) * PARAGRAPHS_PER_PART + 1, b=min(p * PARAGRAPHS_PER_PART, paragraph_count))

    part = url_select("part", parts, t("source.part", lang, n=paragraph_count), format_func=part_label, default=home)
    shown = range((part - 1) * PARAGRAPHS_PER_PART, min(part * PARAGRAPHS_PER_PART, paragraph_count))
for index in shown:
    german = annotate.paragraph_html(release, spans, index, lang, record_id, select_link, passage)
    if show_translation and release.translation:
        left, right = st.columns(2)
        left.html(german)
        right.html(annotate.translation_html(release.translation[index].en, index, highlighted=index == passage_index))
    else:
        st.html(german)
if show_translation and not release.translation:
    st.info(t("source.no_translation", lang))

if record_id and passage_index is None:
    # Enter on a highlight reloads the page with its record selected: focus returns to that highlight (its id is in
    # the link's #fragment; else the record's first highlight), so a keyboard reader goes on from where they were.
    # A fixed script in a zero-height component frame; the record id reaches it as JSON and is matched, not inserted.
    components.html(
        "<script>setTimeout(() => { const d = window.parent.document; const rid = "
        + json.dumps(record_id)
        + "; const hash = window.parent.location.hash.slice(1); let el = hash.startsWith('hl-') ? d.getElementById(hash) : null;"
        " if (!el || el.dataset.record !== rid) el = [...d.querySelectorAll('a.ca-hl')].find(a => a.dataset.record === rid);"
        " if (el) { el.focus({preventScroll: true}); el.scrollIntoView({block: 'center'}); } }, 400);</script>",
        height=0,
    )

if passage_index is not None:
    # Bring the followed passage into view (Streamlit scrolls inside its own container, not the window). A fixed
    # script in a zero-height component frame (same origin), so the page's own HTML never carries a <script>.
    components.html(
        "<script>setTimeout(() => { const el = window.parent.document.getElementById('passage');"
        " if (el) el.scrollIntoView({block: 'center'}); }, 400);</script>",
        height=0,
    )
