"""The briefing file opens from disk with the network cut (print and phone: test_briefing_print.py); downloads equal
the CLI; embed snippets reproduce the view without a sidebar; every chart-only view fits its snippet; "show in source"
lands on the highlighted passage; highlights select their record by keyboard. Content checks use a fixture release."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from centralasia.charts.registry import CHARTS
from centralasia.publish.briefing import SECTIONS
from centralasia.release.loader import load_catalog

from ..reader_fixture import RELEASE_ID, make_reader_release
from .conftest import new_window, open_briefing, screenshot, served, settle, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cli_briefing(briefing_file) -> Path:
    return briefing_file("de")


def test_briefing_opens_offline_with_every_section_and_chart(browser, cli_briefing):
    """Printing, type sizes, the phone and axe: tests/browser/test_briefing_print.py."""
    context, page, requests, errors = open_briefing(browser, cli_briefing, 1100)
    assert page.locator(".js-plotly-plot:visible").count() == 2  # the route map and the who-backs-what grid
    fills = page.evaluate("() => [...document.querySelectorAll('[id^=chart-][id$=route-map] path.js-fill')].length")
    assert fills >= 40, "the map draws its country polygons"
    assert [s.get_attribute("id") for s in page.locator("section").all()] == list(SECTIONS)
    screenshot(page, "briefing_file")
    assert requests == [] and errors == []
    context.close()


def test_download_button_gives_the_cli_bytes(open_page, cli_briefing):
    page, offline = open_page("briefing?lang=de")
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Briefing herunterladen").get_by_role("button").click()
    downloaded = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename.startswith("briefing_") and info.value.suggested_filename.endswith("_de.html")
    assert downloaded == cli_briefing.read_bytes()
    with page.expect_download() as zipped:
        page.get_by_test_id("stDownloadButton").filter(has_text="Datenpaket").get_by_role("button").click()
    assert Path(zipped.value.path()).read_bytes()[:2] == b"PK"
    assert offline.blocked == []


@pytest.mark.parametrize("spec", CHARTS, ids=[c.key for c in CHARTS])
def test_chart_only_view_fits_its_snippet_at_800px(open_page, spec):
    page, offline = open_page(f"embed?chart={spec.key}&lang=de&embed=true", width=800, height=spec.embed_height)
    settle(page)  # the rerun the iframe's size report causes (once), then the composed figure
    assert page.get_by_test_id("stPlotlyChart").count() == 1
    assert page.get_by_test_id("stSidebar").count() == 0 or not page.get_by_test_id("stSidebar").is_visible()
    main = page.get_by_test_id("stMain")
    scroll = main.evaluate("m => m.scrollHeight - m.clientHeight")
    assert scroll <= 1, f"{spec.key}: {scroll}px scroll inside a {spec.embed_height}px snippet"
    assert page.evaluate("() => document.documentElement.scrollHeight") <= spec.embed_height
    screenshot(page, f"embed_{spec.key}_800")
    assert offline.blocked == []


def test_snippet_heights_come_from_the_registry_and_embed_hides_the_sidebar(open_page, app_url):
    page, offline = open_page("initiatives?lang=de")
    page.get_by_test_id("stSidebar").get_by_text("Teilen & einbetten").click()
    codes = page.get_by_test_id("stSidebar").locator("code").filter(has_text="<iframe")
    chart_snippet = codes.filter(has_text="/embed?").first.inner_text()
    key = re.search(r"chart=([a-z-]+)", chart_snippet).group(1)
    assert int(re.search(r'height="(\d+)"', chart_snippet).group(1)) == next(c.embed_height for c in CHARTS if c.key == key)
    page_snippet = codes.first.inner_text()
    src = re.search(r'src="([^"]+)"', page_snippet).group(1).replace("&amp;", "&")
    assert "lang=de" in src and "embed=true" in src
    page.goto(src.replace("http://localhost:8501", app_url))
    wait_for_app(page)
    assert page.get_by_test_id("stToolbar").count() == 0
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.count() == 0 or not sidebar.is_visible(), "an embedded page shows no sidebar"
    assert page.get_by_test_id("stMain").get_by_text("Wer vorschlägt, wer unterstützt, welcher Stand").count() == 1
    assert offline.blocked == []


@pytest.fixture(scope="module")
def fixture_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("releases")
    make_reader_release(root)
    with served(root) as url:
        yield url, load_catalog(root).get(RELEASE_ID)


def _open(browser, base: str, path: str, width: int = 1200):
    context, page, offline = new_window(browser, base, width, 900)
    page.goto(f"{base}/{path}")
    wait_for_app(page)
    return context, page, offline


def test_show_in_source_lands_on_the_highlighted_passage(browser, fixture_app):
    url, release = fixture_app
    context, page, offline = _open(browser, url, "sectors?lang=en&sector=ports")
    mention = release.record("ports").mentions[0]
    link = page.get_by_test_id("stMain").locator("a.ca-src").first
    assert link.inner_text().endswith("show in source")
    link.click()
    page.wait_for_url("**/source?**passage=**")
    wait_for_app(page)
    passage = page.locator("#passage")
    passage.wait_for()
    assert mention.quote.startswith(passage.inner_text().strip()[:8])
    page.wait_for_timeout(800)
    box, view = passage.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] <= view["height"], "the followed passage is scrolled into view"
    translation = page.locator(".ca-passage-translation")
    assert translation.count() == 1 and "port" in translation.inner_text()
    screenshot(page, "source_followed_passage")
    assert offline.blocked == []
    context.close()


def test_keyboard_enter_on_a_highlight_selects_its_record(browser, fixture_app):
    url, release = fixture_app
    context, page, offline = _open(browser, url, "source?lang=en&kinds=sector")
    highlight = page.locator("a.ca-hl").first
    record = release.record(highlight.locator("mark").get_attribute("data-record"))
    highlight.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**record={record.id}**")
    wait_for_app(page)
    assert page.get_by_test_id("stMain").get_by_text(f"Sector: {record.label('en').strip()}").count() >= 1
    assert offline.blocked == []
    context.close()
