"""WCAG 2.1 AA (BITV 2.0) in Chromium: axe-core's WCAG 2.0/2.1 A and AA rules on every page and every chart-only
view, light and dark, 1440 and 390 px, the window grown to the page; headings in order; ``<html lang>`` and the
page title follow the interface language.

axe-core comes with the PyPI package ``axe-playwright-python`` (its bundled ``axe.min.js``): nothing is fetched.
German is scanned in all four theme × width combinations, English and Russian in two each (together all four),
with one server, one browser and one context per combination, so the whole file stays within a few minutes.
"""

from __future__ import annotations

import pytest

from centralasia.i18n import LANGUAGES, t
from centralasia.registry import PAGES, embeddable_charts

from .conftest import Offline, wait_for_app

pytestmark = pytest.mark.browser

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="needs the test extra (axe-playwright-python)")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PATHS = [(p.key, p.link_path) for p in PAGES if not p.hidden] + [(f"embed:{c}", f"embed?chart={c}") for c in embeddable_charts()]
# (scheme, width) → the languages scanned there: German everywhere, English and Russian once per theme and width.
COMBINATIONS = {
    ("light", 1440): ("de", "en"),
    ("dark", 390): ("de", "en"),
    ("dark", 1440): ("de", "ru"),
    ("light", 390): ("de", "ru"),
}

# WCAG 1.4.3 exempts "text that is part of an inactive user interface component": a contrast finding inside a
# disabled control (its label or its value) is dropped, by rule, on every page alike.
IN_DISABLED_CONTROL = """sel => { const e = document.querySelector(sel); return !!(e && e.closest(
    '[data-testid=stWidgetLabel][disabled], [data-disabled=true], [aria-disabled=true], :disabled')); }"""
GROW = "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')].map(e => e.scrollHeight))"
HEADINGS = "() => [...document.querySelectorAll('[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] h3, [data-testid=stMain] h4, [data-testid=stMain] h5, [data-testid=stMain] h6')].filter(h => h.offsetParent !== null).map(h => [Number(h.tagName[1]), h.innerText.slice(0, 60)])"


def _grow_to_content(page, width: int) -> None:
    height = page.evaluate(GROW)
    page.set_viewport_size({"width": width, "height": min(max(900, height + 40), 8000)})
    page.wait_for_timeout(300)


def blocking_findings(page, axe) -> list[str]:
    """Serious and critical axe findings for the WCAG A/AA rules, one line per node (inactive controls exempt)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = axe.run(page, options=options).response
    found = []
    for rule in response["violations"]:
        if rule["impact"] not in BLOCKING:
            continue
        for node in rule["nodes"]:
            target = node["target"][0] if node["target"] else ""
            if rule["id"] == "color-contrast" and isinstance(target, str) and page.evaluate(IN_DISABLED_CONTROL, target):
                continue
            summary = " ".join(node.get("failureSummary", "").split())[:200]
            found.append(f"{rule['id']} ({rule['impact']}) {target}: {summary}")
    return found


def heading_jumps(page) -> list[str]:
    """Headings that go more than one level deeper than the one before (h1 → h3)."""
    levels = page.evaluate(HEADINGS)
    return [f"h{a} → h{b} “{text}”" for (a, _), (b, text) in zip(levels, levels[1:], strict=False) if b > a + 1]


@pytest.mark.parametrize(("scheme", "width"), list(COMBINATIONS), ids=[f"{s}-{w}" for s, w in COMBINATIONS])
def test_no_serious_axe_finding_on_any_page(browser, app_url, scheme, width):
    axe = axe_playwright.Axe()
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="de-DE")
    offline = Offline(context, app_url)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    for lang in COMBINATIONS[(scheme, width)]:
        for key, path in PATHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}")
            wait_for_app(page)
            _grow_to_content(page, width)
            found = blocking_findings(page, axe) + heading_jumps(page)
            if found:
                problems[f"{lang} {key}"] = found
    context.close()
    assert offline.blocked == [], offline.blocked
    assert not problems, "\n".join(f"{where}: {len(found)}\n  " + "\n  ".join(found) for where, found in problems.items())


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_and_a_title_of_its_own_on_every_page(browser, app_url, lang):
    context = browser.new_context(viewport={"width": 1200, "height": 800}, locale="en-GB")
    page = context.new_page()
    titles = {}
    for key, path in PATHS:
        page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}")
        wait_for_app(page)
        assert page.evaluate("() => document.documentElement.lang") == lang, key
        titles[key] = page.title()
    context.close()
    app = t("app.title", lang)
    for spec in PAGES:
        if not spec.hidden:
            assert titles[spec.key] == f"{t(spec.title_key, lang)} – {app}"
    for chart in embeddable_charts():
        assert titles[f"embed:{chart}"] == f"{t(f'chart.{chart}', lang)} – {app}"
    assert len(set(titles.values())) == len(titles), titles


def test_html_lang_follows_a_switch_in_the_sidebar(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{app_url}/sectors")  # no ?lang: the browser's language decides, already in the server's first answer
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    wait_for_app(page)
    assert page.title() == f"{t('page.sectors', 'ru')} – {t('app.title', 'ru')}"
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first
    box.click()
    page.get_by_role("option", name="Deutsch").click()
    page.wait_for_function("() => document.documentElement.lang === 'de'", timeout=15_000)
    wait_for_app(page)
    assert page.title() == f"{t('page.sectors', 'de')} – {t('app.title', 'de')}"
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
