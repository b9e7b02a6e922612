"""Router and picture frame: page config, the page registry fed to st.navigation, the shared sidebar."""

import streamlit as st

from centralasia.i18n import t
from centralasia.loader import PROJECT_ROOT
from centralasia.ui.data import get_catalog
from centralasia.ui.frame import embed_panel, mark_routed, router, sidebar
from centralasia.ui.state import initial_language

mark_routed()

lang = initial_language()
# The chart-only view is for iframes: no navigation, no sidebar, just the figure and its source.
chart_only = (st.context.url or "").rstrip("/").endswith("/embed")
navigation = router(lang, position="hidden" if chart_only else "sidebar")
st.set_page_config(page_title=t("app.title", lang), page_icon=str(PROJECT_ROOT / "static" / "favicon.png"), layout="wide")
if not chart_only:
    lang, _ = sidebar(get_catalog(), lang)
    embed_panel(navigation.url_path, lang)
navigation.run()
