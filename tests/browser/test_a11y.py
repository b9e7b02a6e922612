"""WCAG 2.1 AA (BITV 2.0) in Chromium: axe-core's WCAG 2.0/2.1 A and AA rules on every page and every chart-only
view, light and dark, 1440 and 390 px, the window grown to the page; headings in order; ``<html lang>`` and the
page title follow the interface language.

axe-core comes with the PyPI package ``axe-playwright-python`` (its bundled ``axe.min.js``): nothing is fetched.
German is scanned in all four theme × width combinations, English and Russian every page once, in alternating
combinations; one server, one browser and one context per combination, so the whole file stays within a few minutes.
"""

from __future__ import annotations

import pytest

from centralasia.charts.registry import PAGES, embeddable_charts
from centralasia.i18n import t

from .conftest import Offline, wait_for_app

pytestmark = pytest.mark.browser

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="needs the test extra (axe-playwright-python)")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PATHS = [(p.key, p.link_path) for p in PAGES if not p.hidden] + [(f"embed:{c}", f"embed?chart={c}") for c in embeddable_charts()]
# German: every path in all four theme × width combinations. English and Russian: every path once, alternating so
# that each language is scanned in both themes and both widths (the colours do not depend on the language; line
# breaks and longer words do).
COMBINATIONS = [("light", 1440), ("dark", 390), ("dark", 1440), ("light", 390)]
OTHERS = {("light", 1440): ("en", 0), ("dark", 390): ("en", 1), ("dark", 1440): ("ru", 0), ("light", 390): ("ru", 1)}


def scans(scheme: str, width: int) -> list[tuple[str, str, str]]:
    lang, parity = OTHERS[(scheme, width)]
    return [("de", key, path) for key, path in PATHS] + [(lang, key, path) for i, (key, path) in enumerate(PATHS) if i % 2 == parity]


def expected_title(key: str, lang: str) -> str:
    page = t(f"chart.{key.split(':', 1)[1]}", lang) if key.startswith("embed:") else t(f"page.{key}", lang)
    return f"{page} – {t('app.title', lang)}"


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


@pytest.mark.parametrize(("scheme", "width"), COMBINATIONS, ids=[f"{s}-{w}" for s, w in COMBINATIONS])
def test_no_serious_axe_finding_on_any_page(browser, app_url, scheme, width):
    """Also: ``<html lang>`` is the interface language and the title „<page> – <app>“ on every page scanned."""
    axe = axe_playwright.Axe()
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="en-GB")
    offline = Offline(context, app_url)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    titles: dict[str, set[str]] = {}
    for lang, key, path in scans(scheme, width):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}")
        wait_for_app(page)
        _grow_to_content(page, width)
        found = blocking_findings(page, axe) + heading_jumps(page)
        title = expected_title(key, lang)
        if page.evaluate("() => document.documentElement.lang") != lang:
            found.append(f"<html lang> is {page.evaluate('() => document.documentElement.lang')!r}")
        try:
            page.wait_for_function("t => document.title === t", arg=title, timeout=5_000)
        except Exception:  # noqa: BLE001 - reported below with what the title is
            found.append(f"title {page.title()!r}, expected {title!r}")
        titles.setdefault(lang, set()).add(page.title())
        if found:
            problems[f"{lang} {key}"] = found
    context.close()
    assert offline.blocked == [], offline.blocked
    assert not problems, "\n".join(f"{where}: {len(found)}\n  " + "\n  ".join(found) for where, found in problems.items())
    for lang, seen in titles.items():  # every page its own title
        assert len(seen) == sum(1 for x in scans(scheme, width) if x[0] == lang), (lang, seen)


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
