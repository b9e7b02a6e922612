"""Every page opens in Chromium with no exception box and no request leaving localhost; screenshots saved."""

from __future__ import annotations

import pytest

from centralasia.registry import PAGES, visible_pages

from .conftest import screenshot

pytestmark = pytest.mark.browser


def _assert_clean(page, offline):
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").first.inner_text()
    assert offline.blocked == [], f"requests left localhost: {offline.blocked}"
    assert offline.errors == [], offline.errors


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_page_renders_offline(open_page, spec, lang):
    page, offline = open_page(f"{spec.link_path}?lang={lang}")
    _assert_clean(page, offline)
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_role("link").count() == (0 if spec.hidden else len(visible_pages()))
    screenshot(page, f"{spec.key}_{lang}_desktop")


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_page_narrow_and_dark(open_page, spec):
    page, offline = open_page(f"{spec.link_path}?lang=en", width=400, scheme="dark")
    _assert_clean(page, offline)
    overflow = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollWidth - document.querySelector('[data-testid=stMain]').clientWidth"
    )
    assert overflow <= 2, f"page is {overflow}px wider than a 400px screen"
    screenshot(page, f"{spec.key}_en_narrow_dark")


def test_overview_content_and_language_switch(open_page):
    page, offline = open_page("?lang=en")
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("Serdar Berdimuhamedov").count() >= 1
    assert main.get_by_text("12 December 2025").first.is_visible()
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    box.click()
    page.keyboard.type("Deutsch")
    page.keyboard.press("Enter")
    page.wait_for_url("**lang=de**")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    page.get_by_text("Kernaussagen").wait_for()
    assert offline.blocked == []


def test_deep_link_as_first_request_uses_the_router(browser):
    """A server whose first request is a deep link must still show the app's frame (sidebar, nav titles)."""
    from .conftest import Offline, start_server, wait_for_app

    proc, url = start_server()
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        offline = Offline(context, url)
        page = context.new_page()
        page.goto(f"{url}/about?lang=de")
        wait_for_app(page)
        assert page.get_by_test_id("stSidebarNav").get_by_text("Über & Methode").count() == 1
        assert page.get_by_test_id("stSidebar").get_by_text("Sprache").count() == 1
        assert offline.blocked == []
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
