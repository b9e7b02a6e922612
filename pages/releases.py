"""Releases: every release with its date, publisher, language and counts; full-text search; one entity across releases."""

import streamlit as st

from centralasia import settings
from centralasia.charts.theme import ACCENT
from centralasia.i18n import format_date, language_name, quoted, t
from centralasia.publish.exports import frame_to_csv
from centralasia.release import search
from centralasia.safe_text import Markup, html_text, markup, md
from centralasia.ui.chrome import current
from centralasia.ui.data import get_catalog
from centralasia.ui.state import LANG_KEY, MAX_PARAM_CHARS, RELEASE_KEY, bounded, url_select

lang, release = current()
catalog = get_catalog()


@st.cache_resource(show_spinner=False, max_entries=2)
def search_index(version: str) -> search.SearchIndex:
    """One index per version of the data (this run's snapshot), shared read-only by all sessions."""
    return search.SearchIndex(get_catalog())


@st.cache_resource(show_spinner=False, max_entries=8)
def entity_choices(version: str, lang: str) -> tuple[list[str], dict[str, str]]:
    """The entities of the entity view and their picker labels, once per version of the data and language."""
    return search.entity_ids(catalog), search.entity_labels(catalog, lang)


st.title(t("page.releases", lang), anchor=False)
st.caption(t("releases.intro", lang))

# ---------------------------------------------------------------- the list
table = search.releases_frame(catalog, lang)
st.header(t("releases.list_title", lang, n=len(table)), anchor=False)
if len(table) > settings.PROMISED_RELEASES:  # still listed, but the page's speed is promised only up to the limit
    st.caption(t("releases.beyond_limit", lang, n=len(table), limit=settings.PROMISED_RELEASES))
for row in table.itertuples():
    with st.container(border=True):
        newest = f" · {t('releases.newest', lang)}" if row.newest else ""
        st.markdown(f"**{md(row.title)}**")
        counts = (f"{t('releases.col.records', lang)}: {row.records} · {t('releases.col.mentions', lang)}: {row.mentions} · "
                  f"{t('releases.col.countries', lang)}: {row.countries}")  # fmt: skip
        if row.pending:
            counts += f" · {t('releases.col.pending', lang)}: {row.pending}"
        st.caption(
            f"{md(format_date(row.date, lang))}{newest} · {md(row.publisher)} · "
            f"{t('releases.col.language', lang)}: {md(language_name(row.language, lang))}  \n{counts}"
        )
        st.page_link(
            "pages/overview.py", label=t("releases.open", lang, date=format_date(row.date, lang)),
            query_params={RELEASE_KEY: row.id, LANG_KEY: lang},
        )  # fmt: skip
columns = {"date": "releases.col.date", "title": "releases.col.title", "publisher": "releases.col.publisher",
           "language": "releases.col.language", "records": "releases.col.records", "mentions": "releases.col.mentions",
           "countries": "releases.col.countries", "pending": "releases.col.pending"}  # fmt: skip
view = table[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})
st.download_button(t("releases.download", lang), data=frame_to_csv(view), file_name="releases.csv", mime="text/csv", key="releases-csv")
if int(table["pending"].sum()) and st.query_params.get("review") != "1":
    st.info(t("releases.pending_note", lang, n=int(table["pending"].sum())))


def source_link(release_id: str, paragraph: int, record_id: str | None) -> None:
    params = {RELEASE_KEY: release_id, LANG_KEY: lang, **({"record": record_id} if record_id else {})}
    st.page_link("pages/source.py", label=t("releases.show_in_source", lang, n=paragraph), query_params=params)


def snippet_html(snippet: str) -> Markup:
    text = markup(snippet).replace(search.HIT_START, Markup("<mark>")).replace(search.HIT_END, Markup("</mark>"))
    return Markup('<div style="margin:0.1rem 0 0.1rem 0">{}</div>').format(text)


# ---------------------------------------------------------------- full-text search
st.header(t("releases.search_title", lang), anchor=False)
query = st.text_input(t("releases.search_label", lang), value=bounded(st.query_params.get("q", "")), help=t("releases.search_help", lang),
                      key="q", max_chars=MAX_PARAM_CHARS)  # fmt: skip
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]
if query.strip():
    hits = search_index(catalog.version).search(query)
    if not hits:
        st.info(t("releases.search_none", lang, q=md(query)))
    else:
        st.caption(t("releases.search_hits", lang, q=md(query), n=len(hits)))
    for hit in hits:
        rel = catalog.get(hit.release_id)
        where = (
            t("releases.hit_text", lang)
            if hit.source == "text"
            else t("releases.hit_quote", lang, label=rel.record(hit.record_id).label(lang))
        )
        with st.container(border=True):
            st.caption(f"{md(format_date(rel.meta.date, lang))} · {md(rel.meta.title_in(lang))} · {md(where)}")
            st.html(snippet_html(hit.snippet))
            source_link(hit.release_id, hit.paragraph, hit.record_id)

# ---------------------------------------------------------------- one entity across releases
st.header(t("releases.entity_title", lang), anchor=False)
entities, labels = entity_choices(catalog.version, lang)
entity = url_select("entity", entities, t("releases.entity_label", lang), format_func=labels.get, default=entities[0] if entities else None)
if entity:
    rows = search.entity_frame(catalog, entity, lang)
    st.caption(t("releases.entity_summary", lang, label=md(labels[entity]), n=len(rows), k=rows["release_id"].nunique()))
    for rid, group in rows.groupby("release_id", sort=False):
        rel = catalog.get(rid)
        st.markdown(f"**{md(format_date(rel.meta.date, lang))} · {md(rel.meta.title_in(lang))}**")
        for m in group.itertuples():
            st.html(
                f'<blockquote lang="{html_text(rel.meta.language)}" style="margin:0.2rem 0 0.2rem 0;padding:0.3rem 0.8rem;'
                f'border-left:4px solid {ACCENT};font-style:italic">{quoted(html_text(m.quote), lang)}</blockquote>'
            )
            source_link(rid, int(m.paragraph), m.record_id)
