"""Router and picture frame: page config, the page registry fed to st.navigation, the shared sidebar."""

import streamlit as st

from centralasia.i18n import t
from centralasia.registry import PAGES
from centralasia.streamlit_glue import get_catalog, initial_language, leave_legacy_pages_mode, sidebar

leave_legacy_pages_mode()

lang = initial_language()
navigation = st.navigation(
    [st.Page(p.file, title=t(p.title_key, lang), icon=p.icon, url_path=p.url_path, default=p.default) for p in PAGES]
)
st.set_page_config(page_title=t("app.title", lang), page_icon="static/favicon.png", layout="wide")
sidebar(get_catalog(), lang)
navigation.run()
