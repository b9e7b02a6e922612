"""Briefing export: pick sections, preview, download one offline HTML file and the data bundle."""

import streamlit as st
import streamlit.components.v1 as components

from centralasia.briefing import SECTIONS
from centralasia.i18n import format_number, t
from centralasia.ui.data import briefing_html, bundle_zip
from centralasia.ui.frame import current
from centralasia.ui.state import url_multiselect, url_toggle

lang, release = current()

st.title(t("page.briefing", lang), anchor=False)
st.caption(t("briefing.intro", lang))
sections = url_multiselect("sections", SECTIONS, t("briefing.sections", lang), lambda s: t(f"briefing.section.{s}", lang))
if not sections:
    st.warning(t("briefing.none", lang))
    st.stop()

document = briefing_html(release.id, lang, tuple(sections)).encode("utf-8")
size = f"{format_number(len(document) / 1_048_576, lang, 1)} MiB"
left, right = st.columns(2)
left.download_button(t("briefing.download", lang, size=size), document, f"briefing_{release.id}_{lang}.html", "text/html",
                     icon="⬇️", type="primary", key="download-briefing")  # fmt: skip
right.download_button(t("briefing.bundle", lang), bundle_zip(release.id, lang), f"data_{release.id}_{lang}.zip", "application/zip",
                      icon="🗃️", help=t("briefing.bundle_help", lang), key="download-bundle")  # fmt: skip
st.caption(t("briefing.cli", lang))
st.code(f"python -m centralasia briefing -o briefing.html --lang {lang} --sections {' '.join(sections)}", language="bash")

if url_toggle("preview", t("briefing.show_preview", lang), default=False):
    st.subheader(t("briefing.preview", lang), anchor=False)
    components.html(document.decode("utf-8"), height=900, scrolling=True)
