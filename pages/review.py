"""Review a draft release (curators only; exists only with CENTRALASIA_CURATE=1 or the secret `curate`)."""

import streamlit as st

from centralasia.ui.chrome import current
from centralasia.ui.review import curation_on, render

lang, _ = current()
if not curation_on():  # switched off while a session was open: the page is gone
    st.stop()
render(lang)
