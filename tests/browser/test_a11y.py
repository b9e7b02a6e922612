"""WCAG 2.1 AA (BITV 2.0) in Chromium: axe-core's WCAG 2.0/2.1 A and AA rules on every page and every chart-only
view, light and dark, 1440 and 390 px, the window grown to the page; headings in order; ``<html lang>`` and the
page title follow the interface language.

axe-core comes with the PyPI package ``axe-playwright-python`` (its bundled ``axe.min.js``): nothing is fetched.
German is scanned in all four theme × width combinations, English and Russian every page once, in alternating
combinations. The scan runs in the sweep (tests/browser/sweep.py), on the same page load as the other per-page checks.
"""

from __future__ import annotations

import pytest

from centralasia.i18n import t

from .conftest import wait_for_app
from .sweep import blocking_findings, scans

pytestmark = pytest.mark.browser

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="needs the test extra (axe-playwright-python)")


def test_no_serious_axe_finding_on_any_page(swept):
    """Also: ``<html lang>`` is the interface language and the title „<page> – <app>“ on every page scanned."""
    assert len(swept.checked["axe"]) == len(scans(swept.scheme, swept.width)), swept.findings.get("clean")
    assert swept.blocked == [], swept.blocked
    assert not swept.findings.get("axe"), swept.report("axe")
    for lang, seen in swept.titles.items():  # every page its own title
        assert len(seen) == sum(1 for x in scans(swept.scheme, swept.width) if x[0] == lang), (lang, seen)


def test_disabled_controls_are_exempt_only_from_contrast(browser, app_url):
    """The exemption is a rule: it drops contrast findings inside a disabled control and nothing else."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    page.goto(f"{app_url}/about?lang=de")
    wait_for_app(page)
    page.evaluate(
        """() => { const d = document.createElement('div'); d.innerHTML =
        '<label id=ca-t1 disabled data-testid=stWidgetLabel style="color:#bbb;background:#fff">inaktiv</label>' +
        '<p id=ca-t2 style="color:#bbb;background:#fff">aktiv</p>'; document.querySelector('[data-testid=stMain]').prepend(d); }"""
    )
    found = blocking_findings(page, axe_playwright.Axe())
    context.close()
    assert any("#ca-t2" in f for f in found), found
    assert not any("#ca-t1" in f for f in found), found


def test_html_lang_follows_a_switch_in_the_sidebar(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_url}/sectors")  # no ?lang: the browser's language decides, already in the server's first answer
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    wait_for_app(page)
    page.wait_for_function("t => document.title === t", arg=f"{t('page.sectors', 'ru')} – {t('app.title', 'ru')}", timeout=10_000)
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    box.click()
    page.get_by_role("option", name="Deutsch").click()
    page.wait_for_function("() => document.documentElement.lang === 'de'", timeout=15_000)
    wait_for_app(page)
    page.wait_for_function("t => document.title === t", arg=f"{t('page.sectors', 'de')} – {t('app.title', 'de')}", timeout=10_000)
    context.close()


def test_source_highlights_name_their_kind_and_keep_focus_after_enter(browser, app_url):
    """On /source a keyboard reader hears each highlight's kind, and after Enter focus is back on that highlight."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/source?lang=de")
    wait_for_app(page)
    links = page.locator("a.ca-hl")
    assert links.count() > 3
    chosen = links.nth(3)
    chosen_id, record = chosen.get_attribute("id"), chosen.get_attribute("data-record")
    kind = chosen.locator("mark").get_attribute("data-kind")
    # The accessible text of the link includes the kind's name (hidden on screen, read aloud).
    assert f"({t(f'kind.{kind}', 'de')})" in chosen.evaluate("a => a.textContent")
    chosen.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**record={record}**")
    wait_for_app(page)
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === '{chosen_id}'", timeout=10_000)
    context.close()
