"""Every page opens in Chromium with no exception box and no request leaving localhost; the reader pages in light and dark,
at 1440 and 390 px, with charts that follow the theme; screenshots saved to test-artifacts/screenshots/ (look at them)."""

from __future__ import annotations

import re

import pytest

from centralasia.charts.registry import PAGES, visible_pages

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

READER_PAGES = [p for p in PAGES if p.key in {"overview", "sectors", "initiatives", "conflicts", "source", "briefing", "about", "embed"}]


def _assert_clean(page, offline):
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").first.inner_text()
    assert offline.blocked == [], f"requests left localhost: {offline.blocked}"
    assert offline.errors == [], offline.errors


def _chart_backgrounds(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg:first-of-type')].map(s => getComputedStyle(s).backgroundColor)"
    )


def _title_boxes(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].map(c => {
            const svg = c.querySelector('.main-svg').getBoundingClientRect();
            const t = c.querySelector('.gtitle'); const s = c.querySelector('.gtitle-subtitle, .g-gtitle-subtitle');
            const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.top, r.right]; };
            return {svg: [svg.top, svg.right], title: box(t) || [svg.top, svg.right], source: box(s)};
        })"""
    )


def _is_dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.299 * r + 0.587 * g + 0.114 * b) < 80


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_page_renders_offline(open_page, spec, lang):
    page, offline = open_page(f"{spec.link_path}?lang={lang}", width=1440)
    _assert_clean(page, offline)
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_role("link").count() == (0 if spec.hidden else len(visible_pages()))
    screenshot(page, f"{spec.key}_{lang}_1440_light")


@pytest.mark.parametrize("spec", READER_PAGES, ids=[p.key for p in READER_PAGES])
@pytest.mark.parametrize(("width", "scheme"), [(1440, "dark"), (390, "light"), (390, "dark")])
def test_reader_page_in_each_theme_and_width(open_page, spec, width, scheme):
    page, offline = open_page(f"{spec.link_path}?lang=de", width=width, scheme=scheme)
    page.wait_for_timeout(1500)  # the rerun the column's width report causes (once), then the composed figures
    wait_for_app(page, settle_ms=0)
    _assert_clean(page, offline)
    main = page.get_by_test_id("stMain")
    overflow = main.evaluate("m => m.scrollWidth - m.clientWidth")
    assert overflow <= 2, f"page is {overflow}px wider than a {width}px screen"
    for background in _chart_backgrounds(page):
        assert _is_dark(background) == (scheme == "dark"), f"chart background {background} in a {scheme} page"
    for box in _title_boxes(page):  # the takeaway title and source line are not cut at the top or the right
        assert box["title"][0] >= box["svg"][0] - 1 and box["title"][1] <= box["svg"][1] + 1, box
        assert box["source"] is None or box["source"][1] <= box["svg"][1] + 1, box
    screenshot(page, f"{spec.key}_de_{width}_{scheme}")


def test_navigation_icons_are_material_symbols_not_emoji(open_page):
    page, offline = open_page("?lang=en")
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_test_id("stIconMaterial").count() == len(visible_pages())
    assert not re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", nav.inner_text())


# Words that betray English left in the German interface; quotes, source titles, URLs and the English translation are removed first.
ENGLISH_GIVEAWAYS = ["the", "and", "of", "with", "Source", "Show", "show", "Download", "Mentions", "mentions", "Quote", "Sector",
                     "Country", "Countries", "forecast", "release", "Release", "Click", "Table", "characters", "As of", "Proposed",
                     "Supported", "status", "Filter", "All"]  # fmt: skip


@pytest.mark.parametrize("key", ["overview", "sectors", "initiatives", "conflicts", "source", "about", "briefing"])
def test_german_pages_show_no_english_words(open_page, key):
    spec = next(p for p in PAGES if p.key == key)
    page, offline = open_page(f"{spec.link_path}?lang=de")
    text = page.get_by_test_id("stMain").evaluate(
        "m => { const c = m.cloneNode(true); c.querySelectorAll('[lang=en], .js-plotly-plot, code, pre').forEach(e => e.remove());"
        " return c.innerText; }"
    )
    text = re.sub(r"„[^“]*“|“[^”]*”|«[^»]*»|\"[^\"]*\"|https?://\S+", " ", text)
    found = [w for w in ENGLISH_GIVEAWAYS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert not found, f"English on /{spec.link_path}?lang=de: {found}"


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


# --- every language complete: no string of another language on any page (built from the catalogue and the data)

WORDS = re.compile(r"[^\W\d_]{2,}")


def _phrases(text: str) -> list[str]:
    """The literal parts of a string (between {placeholders}, Markdown and punctuation) that are phrases of 2+ words."""
    parts = re.split(r"\{[^}]*\}|\*\*|[`_\[\]()|:;,.!?„“”\"'«»\n]|\s[–-]\s", text)
    return [p.strip() for p in parts if len(WORDS.findall(p)) >= 2 and len(p.strip()) >= 12]


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _texts(v)]
    return [value] if isinstance(value, str) else []


def _catalogue_phrases(other: str, lang: str) -> set[str]:
    """Phrases of the ``other`` catalogue whose key reads differently in ``lang``."""
    from centralasia.i18n import catalogue

    mine, theirs = catalogue(lang), catalogue(other)
    out = set()
    for key, value in theirs.items():
        if key.startswith("plotly."):  # Plotly's own English text is the lookup key, never shown as such
            continue
        own = " ".join(_texts(mine.get(key, "")))
        out |= {p for text in _texts(value) for p in _phrases(text) if p not in own}
    return out


def _data_phrases(other: str, lang: str) -> set[str]:
    """Phrases of the data in ``other`` (``x_<other>`` fields and ``{<other>: …}`` label maps) whose ``lang`` text differs."""
    import yaml

    from centralasia.settings import PROJECT_ROOT

    out: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get(other), str):
                own = str(node.get(lang) or "")
                out.update(p for p in _phrases(node[other]) if p not in own)
            for key, value in node.items():
                if isinstance(key, str) and key.endswith(f"_{other}") and isinstance(value, str):
                    base = key[: -len(other) - 1]
                    own = str(node.get(f"{base}_{lang}") or (node.get(base) if lang == "de" else "") or "")
                    out.update(p for p in _phrases(value) if p not in own)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((PROJECT_ROOT / "data").rglob("*.yaml")):
        if "translation" not in path.name:  # the aligned translation is shown as such, marked lang="en"
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    # A name spelled in the release text as in another language's label is the original, not a leak.
    originals = " ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "data" / "releases").glob(f"*/release.{lang}.txt"))
    return {p for p in out if p not in originals}


def _source_titles() -> list[str]:
    """Titles of outside sources: bibliographic, kept in their own language on every page."""
    import yaml

    from centralasia.settings import PROJECT_ROOT

    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("title"), str) and ("url" in node or "publisher" in node):
                out.append(node["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((PROJECT_ROOT / "data").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(out, key=len, reverse=True)


def _page_text(page, lang: str) -> str:
    """The main area's text without quotes and passages in other languages (marked with their lang), charts and code.

    Data grids (st.dataframe) are left out too: a grid cell cannot carry its language, and the grids hold records'
    verbatim quotes (About's record table); the reading tables with the same data are checked, quotes marked."""
    text = page.get_by_test_id("stMain").evaluate(
        "(m, lang) => { const c = m.cloneNode(true);"
        " c.querySelectorAll('.js-plotly-plot, code, pre, [data-testid=stDataFrame]').forEach(e => e.remove());"
        " c.querySelectorAll('[lang]').forEach(e => { if (e.getAttribute('lang') !== lang) e.remove(); });"
        " return c.innerText; }",
        lang,
    )
    for title in _source_titles():
        text = text.replace(title, " ")
    return re.sub(r"„[^“]*“|“[^”]*”|«[^»]*»|\"[^\"]*\"|https?://\S+", " ", text)


LEAK_PAGES = [p for p in PAGES if not p.hidden]


@pytest.mark.parametrize("spec", LEAK_PAGES, ids=[p.key for p in LEAK_PAGES])
@pytest.mark.parametrize("lang", ["de", "ru"])
def test_no_other_language_on_any_page(open_page, spec, lang):
    others = [o for o in ("en", "de", "ru") if o != lang]
    phrases = {p: o for o in others for p in _catalogue_phrases(o, lang) | _data_phrases(o, lang)}
    assert len(phrases) > 50, "the check must have something to look for"
    page, _ = open_page(f"{spec.link_path}?lang={lang}", width=1440)
    text = _page_text(page, lang)
    found = sorted(f"{o}: {p}" for p, o in phrases.items() if p in text)
    assert not found, f"/{spec.link_path}?lang={lang} shows text of another language: {found[:15]}"
