"""Briefing export: pick sections, preview, download one offline HTML file and the data bundle (both built on click)."""

import streamlit as st
import streamlit.components.v1 as components

from centralasia.i18n import t
from centralasia.publish.briefing import SECTIONS
from centralasia.publish.bytecache import release_free_memory
from centralasia.ui.chrome import current
from centralasia.ui.data import briefing_html, bundle_zip
from centralasia.ui.state import url_multiselect, url_toggle

lang, release = current()

st.title(t("page.briefing", lang), anchor=False)
st.caption(t("briefing.intro", lang))
sections = url_multiselect("sections", SECTIONS, t("briefing.sections", lang), lambda s: t(f"briefing.section.{s}", lang))
if not sections:
    st.warning(t("briefing.none", lang))
    st.stop()

chosen = tuple(sections)
left, right = st.columns(2)
# Built when clicked (a ~5 MB file must not travel to the browser on every rerun); cached once built.
left.download_button(t("briefing.download", lang), lambda: briefing_html(release.id, lang, chosen).encode("utf-8"),
                     f"briefing_{release.id}_{lang}.html", "text/html", icon=":material/download:",
                     key="download-briefing", on_click="ignore")  # fmt: skip
right.download_button(t("briefing.bundle", lang), lambda: bundle_zip(release.id, lang), f"data_{release.id}_{lang}.zip",
                      "application/zip", icon=":material/folder_zip:", help=t("briefing.bundle_help", lang), key="download-bundle",
                      on_click="ignore")  # fmt: skip

if url_toggle("preview", t("briefing.show_preview", lang), default=False):
    st.subheader(t("briefing.preview", lang), anchor=False)
    # From the byte-bounded document cache (ui/data.py): a reader trying many ?sections= cannot grow the server past it.
    # Not st.iframe: it first tries the whole 5 MB document as a URL, and urllib.parse.urlsplit's LRU cache (128 entries)
    # would then keep every preview alive (tests/app/test_briefing_memory.py measured it).
    components.html(briefing_html(release.id, lang, chosen), height=900, scrolling=True)
    # Sending it copies the document into the message and serialises it to hash it, on this run's thread and arena:
    # hand that freed memory back too, also when the document came from the cache (no build, no trim there).
    release_free_memory()
