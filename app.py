"""Router and picture frame: page config, the page registry fed to st.navigation, the shared sidebar.

Every reader's script run executes this file as ``__main__`` (the first branch below). Before that,
``streamlit run app.py`` imports it once as a module, finds the ``st.App`` in the second branch and serves
that: the same app, whose server loads the data while the first browser is still fetching Streamlit's
JavaScript (centralasia/ui/warmup.py). Why one file plays both parts: centralasia/ui/compat.py.
"""

import streamlit as st

if __name__ == "__main__":
    from centralasia.settings import PROJECT_ROOT
    from centralasia.ui import box
    from centralasia.ui.chrome import document_language, embed_panel, mark_routed, page_title, router, sidebar
    from centralasia.ui.data import pin_snapshot
    from centralasia.ui.state import initial_language
    from centralasia.ui.warmup import page_served

    mark_routed()
    box.new_run()  # the page's one width reporter is drawn afresh in every full run (not in a fragment's)
    catalog = pin_snapshot()  # this run's one view of the data: every page and chart of the run reads the same version

    lang = initial_language()
    # The chart-only view is for iframes: no navigation, no sidebar, just the figure and its source.
    chart_only = (st.context.url or "").rstrip("/").endswith("/embed")
    navigation = router(lang, position="hidden" if chart_only else "sidebar")
    if not chart_only:
        lang, _ = sidebar(catalog, lang)
    # Each page its own title in the reader's language (the chart-only view names its chart in pages/embed.py).
    st.set_page_config(page_title=page_title(navigation.title, lang), page_icon=str(PROJECT_ROOT / "static" / "favicon.png"), layout="wide")
    document_language(lang)
    if not chart_only:
        embed_panel(navigation.url_path, lang)
    navigation.run()
    page_served()  # the first page is out: warm the other pages' modules in the background
else:
    from starlette.middleware import Middleware

    from centralasia.ui.api_routes import API_MIDDLEWARE
    from centralasia.ui.chrome import LangMiddleware
    from centralasia.ui.warmup import lifespan

    # /api/v1/… serves the data as URLs (centralasia/ui/api_routes.py says why as middleware, not routes);
    # LangMiddleware sets <html lang> to the reader's language.
    app = st.App(__file__, lifespan=lifespan, middleware=[API_MIDDLEWARE, Middleware(LangMiddleware)])
