"""The sweep: every page and every chart-only view opened once per theme × width × language, and every check that
looks at one page run on that one load (a page load with its reruns costs seconds; a check costs milliseconds).

Per theme × width (light and dark, 1440 and 390 px): German on every path, English and Russian on every other path,
alternating so that each language meets both themes and both widths (tests/browser/test_a11y.py says why). On each:
  - ``clean``: no exception box, no error alert, no dialog; the navigation lists every visible page (none on a
    hidden one) with Material icons, no emoji;
  - ``reader`` (German reader pages): no sideways scroll, chart backgrounds follow the theme, takeaway titles and
    source lines are not cut at the top or the right;
  - ``english`` (German): no English word left in the interface;
  - ``leak`` (German and Russian pages): no phrase of another language's catalogue or data;
  - ``axe``: axe-core's WCAG 2.0/2.1 A and AA rules find no serious or critical node (the window grown to the page),
    headings in order, ``<html lang>`` and the title „<page> – <app>“ follow the language;
  - a full-length screenshot, test-artifacts/screenshots/<page>_<lang>_<width>_<theme>.png.
The tests in test_a11y.py and test_pages.py assert on what the sweep found, one kind of check each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from centralasia.charts.registry import PAGES, embeddable_charts, visible_pages
from centralasia.i18n import t

from .conftest import new_window, screenshot, settle

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PATHS = [(p.key, p.link_path) for p in PAGES if not p.hidden] + [(f"embed:{c}", f"embed?chart={c}") for c in embeddable_charts()]
# German: every path in all four theme × width combinations. English and Russian: every path once, alternating so
# that each language is scanned in both themes and both widths (the colours do not depend on the language; line
# breaks and longer words do).
COMBINATIONS = [("light", 1440), ("dark", 390), ("dark", 1440), ("light", 390)]
OTHERS = {("light", 1440): ("en", 0), ("dark", 390): ("en", 1), ("dark", 1440): ("ru", 0), ("light", 390): ("ru", 1)}
READER_KEYS = {"overview", "sectors", "initiatives", "conflicts", "source", "briefing", "about", "embed"}
GERMAN_CHECKED = {"overview", "sectors", "initiatives", "conflicts", "source", "about", "briefing"}
LEAK_KEYS = {p.key for p in PAGES if not p.hidden}


def scans(scheme: str, width: int) -> list[tuple[str, str, str]]:
    lang, parity = OTHERS[(scheme, width)]
    return [("de", key, path) for key, path in PATHS] + [(lang, key, path) for i, (key, path) in enumerate(PATHS) if i % 2 == parity]


def expected_title(key: str, lang: str) -> str:
    page = t(f"chart.{key.split(':', 1)[1]}", lang) if key.startswith("embed:") else t(f"page.{key}", lang)
    return f"{page} – {t('app.title', lang)}"


# --- axe and headings (test_a11y.py)

# WCAG 1.4.3 exempts "text that is part of an inactive user interface component": a contrast finding inside a
# disabled control (its label or its value) is dropped, by rule, on every page alike.
IN_DISABLED_CONTROL = """sel => { const e = document.querySelector(sel); return !!(e && e.closest(
    '[data-testid=stWidgetLabel][disabled], [data-disabled=true], [aria-disabled=true], :disabled')); }"""
GROW = "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], section')].map(e => e.scrollHeight))"
HEADINGS = "() => [...document.querySelectorAll('[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] h3, [data-testid=stMain] h4, [data-testid=stMain] h5, [data-testid=stMain] h6')].filter(h => h.offsetParent !== null).map(h => [Number(h.tagName[1]), h.innerText.slice(0, 60)])"


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


def axe_findings(page, axe, key: str, lang: str) -> list[str]:
    found = blocking_findings(page, axe) + heading_jumps(page)
    if page.evaluate("() => document.documentElement.lang") != lang:
        found.append(f"<html lang> is {page.evaluate('() => document.documentElement.lang')!r}")
    title = expected_title(key, lang)
    try:
        page.wait_for_function("t => document.title === t", arg=title, timeout=5_000)
    except Exception:  # noqa: BLE001 - reported with what the title is
        found.append(f"title {page.title()!r}, expected {title!r}")
    return found


# --- the page is clean, its navigation and the reader page's layout (test_pages.py)


def clean(page, hidden: bool) -> list[str]:
    found = []
    for test_id in ("stException", "stAlertContentError"):
        if n := page.get_by_test_id(test_id).count():
            found.append(f"{n} × {test_id}: {page.get_by_test_id(test_id).first.inner_text()[:200]}")
    if page.get_by_role("dialog").count():
        found.append(f"a dialog: {page.get_by_role('dialog').first.inner_text()[:200]}")
    nav = page.get_by_test_id("stSidebarNav")
    links = nav.get_by_role("link").count()
    if links != (0 if hidden else len(visible_pages())):
        found.append(f"the navigation lists {links} pages")
    if not hidden:
        icons = nav.get_by_test_id("stIconMaterial").count()
        if icons != len(visible_pages()):
            found.append(f"{icons} Material icons in the navigation")
        if re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", nav.inner_text()):
            found.append("an emoji in the navigation")
    return found


CHART_BACKGROUNDS = "() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg:first-of-type')].map(s => getComputedStyle(s).backgroundColor)"
TITLE_BOXES = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].map(c => {
    const svg = c.querySelector('.main-svg').getBoundingClientRect();
    const t = c.querySelector('.gtitle'); const s = c.querySelector('.gtitle-subtitle, .g-gtitle-subtitle');
    const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.top, r.right]; };
    return {svg: [svg.top, svg.right], title: box(t) || [svg.top, svg.right], source: box(s)};
})"""


def _is_dark(rgb: str) -> bool:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.299 * r + 0.587 * g + 0.114 * b) < 80


def reader_layout(page, scheme: str, width: int) -> list[str]:
    found = []
    overflow = page.get_by_test_id("stMain").evaluate("m => m.scrollWidth - m.clientWidth")
    if overflow > 2:
        found.append(f"page is {overflow}px wider than a {width}px screen")
    for background in page.evaluate(CHART_BACKGROUNDS):
        if _is_dark(background) != (scheme == "dark"):
            found.append(f"chart background {background} in a {scheme} page")
    for box in page.evaluate(TITLE_BOXES):  # the takeaway title and source line are not cut at the top or the right
        if not (box["title"][0] >= box["svg"][0] - 1 and box["title"][1] <= box["svg"][1] + 1):
            found.append(f"title cut: {box}")
        if not (box["source"] is None or box["source"][1] <= box["svg"][1] + 1):
            found.append(f"source line cut: {box}")
    return found


# --- languages (test_pages.py)

# Words that betray English left in the German interface; quotes, source titles, URLs and the English translation are removed first.
ENGLISH_GIVEAWAYS = ["the", "and", "of", "with", "Source", "Show", "show", "Download", "Mentions", "mentions", "Quote", "Sector",
                     "Country", "Countries", "forecast", "release", "Release", "Click", "Table", "characters", "As of", "Proposed",
                     "Supported", "status", "Filter", "All"]  # fmt: skip


def english_words(page) -> list[str]:
    text = page.get_by_test_id("stMain").evaluate(
        "m => { const c = m.cloneNode(true); c.querySelectorAll('[lang=en], .js-plotly-plot, code, pre').forEach(e => e.remove());"
        " return c.innerText; }"
    )
    text = re.sub(r"„[^“]*“|“[^”]*”|«[^»]*»|\"[^\"]*\"|https?://\S+", " ", text)
    return [w for w in ENGLISH_GIVEAWAYS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


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


@cache
def foreign_phrases(lang: str) -> dict[str, str]:
    """{phrase: its language} for every phrase of the other languages' catalogue and data that ``lang`` says differently."""
    others = [o for o in ("en", "de", "ru") if o != lang]
    return {p: o for o in others for p in _catalogue_phrases(o, lang) | _data_phrases(o, lang)}


@cache
def _source_titles() -> tuple[str, ...]:
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
    return tuple(sorted(out, key=len, reverse=True))


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


def other_language(page, lang: str) -> list[str]:
    text = _page_text(page, lang)
    return sorted(f"{o}: {p}" for p, o in foreign_phrases(lang).items() if p in text)[:15]


# --- the sweep


@dataclass
class Sweep:
    scheme: str
    width: int
    findings: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # check → "lang key" → problems
    checked: dict[str, list[str]] = field(default_factory=dict)  # check → "lang key" it ran on
    titles: dict[str, set[str]] = field(default_factory=dict)  # lang → the titles seen
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, check: str, where: str, found: list[str]) -> None:
        self.checked.setdefault(check, []).append(where)
        if found:
            self.findings.setdefault(check, {})[where] = found

    def report(self, check: str) -> str:
        return "\n".join(f"{where}: {len(found)}\n  " + "\n  ".join(found) for where, found in self.findings.get(check, {}).items())


def check_page(page, sweep: Sweep, lang: str, key: str, hidden: bool) -> None:
    """The checks that read the page as composed for the window (before it is grown for axe and the screenshot)."""
    where = f"{lang} {key}"
    sweep.record("clean", where, clean(page, hidden))
    if lang == "de" and key in READER_KEYS:
        sweep.record("reader", where, reader_layout(page, sweep.scheme, sweep.width))
    if lang == "de" and key in GERMAN_CHECKED:
        sweep.record("english", where, english_words(page))
    if lang in ("de", "ru") and key in LEAK_KEYS:
        sweep.record("leak", where, other_language(page, lang))


def grow(page, width: int) -> None:
    """Grow the window to the page's length (Streamlit scrolls inside its own container) and wait for the rerun a
    box reporter asks for when the window's height changes (ui/box.py reports in 20 px steps)."""
    height = min(max(900, page.evaluate(GROW) + 40), 8000)
    page.evaluate("() => { window.__caChanged = performance.now(); }")  # the quiet time counts from the resize
    page.set_viewport_size({"width": width, "height": height})
    settle(page, quiet_ms=800)  # a reporter reports a new height ~400-650 ms after a resize: it is then waited for


def run(browser, url: str, scheme: str, width: int) -> Sweep:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    sweep = Sweep(scheme, width)
    context, page, offline = new_window(browser, url, width, 900, scheme)
    try:
        for lang, key, path in scans(scheme, width):
            where = f"{lang} {key}"
            try:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{url}/{path}{'&' if '?' in path else '?'}lang={lang}")
                settle(page)
                check_page(page, sweep, lang, key, hidden=key.startswith("embed:"))
                grow(page, width)
                sweep.record("axe", where, axe_findings(page, axe, key, lang))
                sweep.titles.setdefault(lang, set()).add(page.title())
                screenshot(page, f"{key.replace(':', '-')}_{lang}_{width}_{scheme}", grown=True)
            except Exception as exc:  # noqa: BLE001 - one page that does not open is a finding, the sweep goes on
                sweep.record("clean", where, [f"did not open: {exc!s:.300}"])
    finally:
        sweep.blocked, sweep.errors = offline.blocked, offline.errors
        context.close()
    return sweep
