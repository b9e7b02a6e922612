"""Faults: a browser that leaves mid-run, two languages at once, a server started from another directory."""

from __future__ import annotations

import urllib.request

import pytest

from centralasia import settings
from centralasia.i18n import t
from centralasia.release.loader import load_catalog
from centralasia.settings import PROJECT_ROOT

from .conftest import Offline, start_server, wait_for_app

pytestmark = pytest.mark.browser


def test_browser_disconnecting_mid_run_leaves_the_server_healthy(browser, app_url):
    for _ in range(3):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{app_url}/map?lang=en", wait_until="commit")
        page.wait_for_timeout(300)  # the script is still running
        context.close()
    assert urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=5).read() == b"ok"
    context = browser.new_context()
    offline = Offline(context, app_url)
    page = context.new_page()
    page.goto(f"{app_url}/map?lang=en")
    wait_for_app(page)
    assert page.get_by_test_id("stException").count() == 0 and page.get_by_test_id("stPlotlyChart").count() >= 1
    assert offline.blocked == []
    context.close()


def test_two_sessions_in_two_languages_do_not_leak(browser, app_url):
    release = load_catalog(settings.releases_root()).releases[0]
    chosen, other = release.of_kind("sector")[:2]
    german, english = browser.new_context(), browser.new_context()
    pages = {"de": german.new_page(), "en": english.new_page()}
    pages["de"].goto(f"{app_url}/sectors?lang=de&sector={chosen.id}")
    pages["en"].goto(f"{app_url}/sectors?lang=en")
    for page in pages.values():
        wait_for_app(page)
    for _ in range(2):  # rerun both, interleaved
        pages["de"].reload()
        pages["en"].reload()
        for page in pages.values():
            wait_for_app(page)
    de, en = pages["de"].get_by_test_id("stMain"), pages["en"].get_by_test_id("stMain")
    title = {lang: t("sectors.table_title", lang) for lang in ("de", "en")}
    assert de.get_by_text(title["de"], exact=True).count() == 1 and de.get_by_text(title["en"], exact=True).count() == 0
    assert en.get_by_text(title["en"], exact=True).count() == 1 and en.get_by_text(title["de"], exact=True).count() == 0
    # The German session's sector filter stays its own: the other sector's row is gone there, present in English.
    assert de.get_by_text(other.label("de"), exact=True).count() == 0
    assert en.get_by_text(other.label("en"), exact=True).count() >= 1
    german.close()
    english.close()


def test_started_from_another_working_directory(browser, tmp_path):
    """Community Cloud runs `streamlit run` from the repo root; the app must not depend on the cwd at all."""
    proc, url = start_server(cwd=tmp_path, app=str(PROJECT_ROOT / "app.py"))
    try:
        context = browser.new_context()
        offline = Offline(context, url)
        page = context.new_page()
        for path in ("?lang=en", "map?lang=de", "source?lang=en"):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            assert page.get_by_test_id("stException").count() == 0, path
            assert page.get_by_test_id("stAlertContentError").count() == 0, path
        assert offline.blocked == []
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
