"""Every page opens in Chromium with no exception box and no request leaving localhost; the reader pages in light and dark,
at 1440 and 390 px, with charts that follow the theme; no English in German pages and no other language in German and
Russian ones; screenshots saved to test-artifacts/screenshots/ (look at them).

The per-page checks run in the sweep (tests/browser/sweep.py): each page is loaded once per theme × width × language
and every check reads that one load; the tests here assert on what it found, one kind of check each.
"""

from __future__ import annotations

import pytest

from centralasia.charts.registry import PAGES

from .conftest import screenshot, settle
from .sweep import GERMAN_CHECKED, LEAK_KEYS, PATHS, READER_KEYS, Sweep, check_page, foreign_phrases, scans

pytestmark = pytest.mark.browser


def _ran_on(swept, check: str, keys) -> None:
    """The check ran on every German page it is meant for (a page that did not open is reported by the clean check)."""
    expected = {f"de {key}" for key, _ in PATHS if key in keys}
    assert expected <= set(swept.checked.get(check, [])), (sorted(expected - set(swept.checked.get(check, []))), swept.report("clean"))


def test_page_renders_offline(swept):
    """Every page and chart-only view (German, and English or Russian): no exception box, no error, no dialog, the
    navigation lists every visible page with Material icons (none on the chart-only view), nothing leaves localhost."""
    assert len(swept.checked["clean"]) >= len(scans(swept.scheme, swept.width))
    assert not swept.findings.get("clean"), swept.report("clean")
    assert swept.blocked == [], f"requests left localhost: {swept.blocked}"
    assert swept.errors == [], swept.errors


def test_reader_page_in_each_theme_and_width(swept):
    _ran_on(swept, "reader", READER_KEYS)
    assert not swept.findings.get("reader"), swept.report("reader")


def test_german_pages_show_no_english_words(swept):
    _ran_on(swept, "english", GERMAN_CHECKED)
    assert not swept.findings.get("english"), swept.report("english")


def test_no_other_language_on_any_page(swept):
    assert len(foreign_phrases("de")) > 50 and len(foreign_phrases("ru")) > 50, "the check must have something to look for"
    expected = {f"{lang} {key}" for lang, key, _ in scans(swept.scheme, swept.width) if lang in ("de", "ru") and key in LEAK_KEYS}
    assert expected <= set(swept.checked.get("leak", [])), (sorted(expected - set(swept.checked.get("leak", []))), swept.report("clean"))
    assert not swept.findings.get("leak"), swept.report("leak")


HIDDEN = [p for p in PAGES if p.hidden]


@pytest.mark.parametrize("spec", HIDDEN, ids=[p.key for p in HIDDEN])
@pytest.mark.parametrize(("lang", "scheme", "width"), [("en", "light", 1440), ("de", "light", 1440), ("de", "dark", 1440),
                                                       ("de", "light", 390), ("de", "dark", 390)])  # fmt: skip
def test_hidden_page_renders_offline(browser, app_url, spec, lang, scheme, width):
    """Pages outside the navigation (the chart-only view without a chart) get the same checks as the swept ones."""
    from .conftest import new_window

    context, page, offline = new_window(browser, app_url, width, 1000, scheme)
    sweep = Sweep(scheme, width)
    page.goto(f"{app_url}/{spec.link_path}?lang={lang}")
    settle(page)
    check_page(page, sweep, lang, spec.key, hidden=True)
    screenshot(page, f"{spec.key}_{lang}_{width}_{scheme}")
    context.close()
    assert sweep.checked["clean"] and (lang != "de" or spec.key not in READER_KEYS or sweep.checked["reader"])
    assert not sweep.findings, {check: sweep.report(check) for check in sweep.findings}
    assert offline.blocked == [] and offline.errors == [], (offline.blocked, offline.errors)


def test_overview_content_and_language_switch(open_page, release):
    from centralasia.i18n import format_date

    page, offline = open_page(f"?lang=en&release={release.id}")
    main = page.get_by_test_id("stMain")
    assert main.get_by_text(release.of_kind("person")[-1].label("en")).count() >= 1
    assert main.get_by_text(format_date(release.meta.date, "en")).first.is_visible()
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    box.click()
    page.keyboard.type("Deutsch")
    page.keyboard.press("Enter")
    page.wait_for_url("**lang=de**")
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")
    page.get_by_text("Kernaussagen").wait_for()
    # the German date ("<day>. <month> <year>") is a date, not a numbered list item
    assert page.get_by_test_id("stMain").locator("ol").count() == 0
    assert offline.blocked == []
