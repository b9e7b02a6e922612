"""Routing from a cold server: a deep link as the first request gets the app's frame; /overview opens the Overview."""

from __future__ import annotations

import pytest

from .conftest import Offline, start_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("first", ["overview?lang=de", "sectors?lang=de&sector={sector}", "about?lang=de"])
def test_a_deep_link_as_the_first_request_gets_the_frame(browser, first):
    from centralasia import settings
    from centralasia.release.loader import load_catalog

    served = load_catalog(settings.releases_root()).releases[0]  # the release the server shows by default
    first = first.format(sector=served.of_kind("sector")[0].id)
    proc, url = start_server()
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        offline = Offline(context, url)
        page = context.new_page()
        page.goto(f"{url}/{first}")
        wait_for_app(page)
        wait_for_app(page)  # the first run may rerun once through the router
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        assert page.get_by_test_id("stSidebarNav").get_by_text("Über & Methode").count() == 1
        assert page.get_by_test_id("stSidebar").get_by_text("Sprache").count() == 1
        if first.startswith("overview"):
            assert page.get_by_text("Kernaussagen").count() == 1  # the Overview, in German
            assert "lang=de" in page.url
        else:
            path, query = first.split("?")
            assert f"/{path}" in page.url and all(part in page.url for part in query.split("&"))
        # and /overview from a warm server opens the Overview too
        page.goto(f"{url}/overview?lang=en")
        wait_for_app(page)
        assert page.get_by_text("Page not found").count() == 0 and page.get_by_text("Key messages").count() == 1
        assert offline.blocked == []
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
