"""The briefing file opens from disk with the network cut; downloads equal the CLI; embed snippets reproduce the view."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from centralasia.loader import PROJECT_ROOT

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cli_briefing(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefing") / "briefing_en.html"
    subprocess.run([sys.executable, "-m", "centralasia", "briefing", "-o", str(out), "--lang", "en"], cwd=PROJECT_ROOT, check=True)
    return out


def test_briefing_opens_offline_from_disk(browser, cli_briefing):
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    requests: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(cli_briefing.as_uri())
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=30_000)
    charts = page.locator(".js-plotly-plot").count()
    assert charts == 6
    fills = page.evaluate(
        "() => [...document.querySelectorAll('#route-map path.js-fill, [id^=chart-][id$=route-map] path.js-fill')].length"
    )
    assert fills >= 40, "the map draws its country polygons"
    assert requests == [] and errors == []
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    screenshot(page, "briefing_print")
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 50_000
    context.close()


def test_download_button_gives_the_cli_bytes(open_page, cli_briefing):
    page, offline = open_page("briefing?lang=en")
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download briefing").get_by_role("button").click()
    downloaded = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "briefing_2025-12-12-kasachstan-turkmenistan_en.html"
    assert downloaded == cli_briefing.read_bytes()
    with page.expect_download() as zipped:
        page.get_by_test_id("stDownloadButton").filter(has_text="data bundle").get_by_role("button").click()
    assert Path(zipped.value.path()).read_bytes()[:2] == b"PK"
    assert offline.blocked == []


def test_embed_snippet_reproduces_the_view(open_page, app_url):
    page, offline = open_page("sectors?lang=de&sector=energy")
    page.get_by_test_id("stSidebar").get_by_text("Teilen & einbetten").click()
    snippet = page.get_by_test_id("stSidebar").locator("code").filter(has_text="<iframe").first.inner_text()
    src = re.search(r'src="([^"]+)"', snippet).group(1).replace("&amp;", "&")
    assert "sector=energy" in src and "lang=de" in src and "embed=true" in src and 'loading="lazy"' in snippet
    assert re.search(r'height="(\d+)"', snippet) and int(re.search(r'height="(\d+)"', snippet).group(1)) >= 600
    page.goto(src.replace("http://localhost:8501", app_url))
    wait_for_app(page)
    assert page.get_by_test_id("stToolbar").count() == 0  # embed mode hides the chrome
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("„Energie“").count() == 1 and main.get_by_text("„Logistik“").count() == 0
    chart_snippet = page.get_by_test_id("stSidebar")
    assert chart_snippet.count() in (0, 1)
    assert offline.blocked == []


def test_chart_only_view(open_page):
    page, offline = open_page("embed?chart=sector-matrix&lang=en&embed=true")
    assert page.get_by_test_id("stPlotlyChart").count() == 1
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert page.get_by_text("Source: Embassy of the Republic of Kazakhstan", exact=False).count() >= 1
    screenshot(page, "embed_chart_only")
    assert offline.blocked == []
