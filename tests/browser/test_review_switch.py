"""The Review page is off by default on a real `streamlit run` server: /review as the very first request (a deep
link, while Streamlit may still serve pages/ directly) opens no review page, and the navigation does not list it.
With CENTRALASIA_CURATE=1 it is there."""

from __future__ import annotations

import os

import pytest

from benchmarks.support import start_server, stop, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("curate", ["", "1"])
def test_the_review_url_exists_only_with_the_switch(browser, curate):
    env = {k: v for k, v in os.environ.items() if k != "CENTRALASIA_CURATE"}
    if curate:
        env["CENTRALASIA_CURATE"] = curate
    proc, url = start_server(env=env)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page = context.new_page()
        page.goto(f"{url}/review?lang=en")  # the server's first page request
        wait_for_app(page)
        page.wait_for_timeout(1500)
        title = page.get_by_role("heading", name="Review a draft release").count()
        nav = page.get_by_test_id("stSidebarNav").get_by_text("Review a draft").count()
        if curate:
            assert title == 1 and nav == 1
        else:
            assert title == 0 and nav == 0  # Streamlit says "Page not found" and runs the main page
        context.close()
    finally:
        stop(proc)
