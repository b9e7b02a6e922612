"""Releases page in Chromium: search, then "show in source" opens the passage of that release; Russian interface."""

from __future__ import annotations

import pytest

from centralasia.charts.registry import PAGES

from .conftest import screenshot, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not any(p.key == "releases" for p in PAGES), reason="pages/releases.py is not in the page registry yet"),
]


def test_search_hit_opens_its_passage_in_the_source(open_page):
    import re
    from urllib.parse import quote

    from centralasia import settings
    from centralasia.release.loader import load_catalog

    served = load_catalog(settings.releases_root()).releases[0]
    word = max(re.findall(r"\w+", served.meta.key_messages[0].quote), key=len)  # a word the served release says
    page, offline = open_page(f"releases?lang=de&q={quote(word)}")
    assert page.get_by_test_id("stException").count() == 0
    marks = page.locator("mark")
    assert marks.count() >= 1 and word in marks.first.inner_text()
    screenshot(page, "releases_de_search")
    link = page.get_by_role("link", name="im Quelltext zeigen").first
    href = link.get_attribute("href") or ""
    assert "release=" in href and "source" in href
    link.click()
    wait_for_app(page)
    assert "source" in page.url and "release=" in page.url
    assert page.get_by_test_id("stException").count() == 0
    assert offline.blocked == [] and offline.errors == []


@pytest.mark.parametrize("scheme,width", [("light", 1440), ("dark", 390)])
def test_releases_page_in_russian(open_page, scheme, width):
    page, offline = open_page("releases?lang=ru&entity=tokayev", width=width, scheme=scheme)
    text = page.get_by_test_id("stMain").inner_text()
    assert "Пресс-релизы" in text and "Касым-Жомарт Токаев" in text
    overflow = page.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollWidth - document.querySelector('[data-testid=stMain]').clientWidth"
    )
    assert overflow <= 2
    screenshot(page, f"releases_ru_{scheme}_{width}")
    assert offline.blocked == [] and offline.errors == []
