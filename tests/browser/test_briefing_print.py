"""The one-file briefing on paper and for every reader: Chromium prints it to A4 and poppler reads the PDF back.

Per language (de, en, ru): at most 6 pages; the page number and the data's date („Stand: …“) on every page; no word
under 8 pt and body text at 9 pt or more (word heights from ``pdftotext -bbox``, calibrated against text of known size
printed by the same browser in the same font); table headers whole (no word broken by a narrow column); no sideways
scrolling on a 390 px phone; axe-core (WCAG 2.0/2.1 A and AA) finds no serious or critical node at 1440 and 390 px.
The shipped release is printed (the CLI's default), since page count depends on a real release's length; every
expected string comes from the catalogue and the release, never from copied numbers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from centralasia import settings
from centralasia.i18n import format_date, t
from centralasia.release.loader import load_catalog

from .conftest import SCREENSHOTS, open_briefing

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None, reason="needs poppler-utils"),
]

LANGS = ("de", "en", "ru")
MAX_PAGES = 6
BODY_PT, SMALLEST_PT = 9.0, 8.0
FONT = '"DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif'  # the briefing's font stack (briefing.css)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _words(pdf: Path, page: int | None = None) -> list[tuple[float, str]]:
    """(height in PDF points, text) of every word poppler finds, on one page or all."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-bbox", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(y1) - float(y0), unescape(text)) for _, y0, _, y1, text in WORD.findall(out)]


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))


def _page_text(pdf: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.fixture(scope="module")
def height_per_pt(browser, tmp_path_factory) -> float:
    """A word's bbox height per point of font size, for the briefing's font as this Chromium prints it."""
    page = browser.new_page()
    sizes = (8, 9, 10)
    page.set_content("".join(f"<p style='font: {s}pt {FONT}'>Hg{s} Zeitraum{s}</p>" for s in sizes))
    pdf = tmp_path_factory.mktemp("calibration") / "c.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    ratios = {round(h / int(text[-1] if text[-2].isalpha() else text[-2:]), 4) for h, text in _words(pdf)}
    assert len(ratios) >= 1 and max(ratios) - min(ratios) < 0.01, f"word height is not proportional to font size: {ratios}"
    return sum(ratios) / len(ratios)


@pytest.fixture(scope="module")
def release():
    return load_catalog(settings.releases_root()).releases[0]


@pytest.fixture(scope="module", params=LANGS)
def printed(request, browser, briefing_file):
    """(lang, html path, pdf path, facts measured in the browser under print media) for one language."""
    lang = request.param
    html = briefing_file(lang)
    context, page, blocked, errors = open_briefing(browser, html, 1100)
    pdf = html.with_suffix(".pdf")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
        // every element with text of its own, its computed size in pt and whether it is body text or a table/caption/note
        const small = 'table, figure, footer, .meta, .desc, .note, .sub, .ref, .kind, .chip, .url, nav, details';
        const out = [];
        for (const e of document.body.querySelectorAll('*')) {
          if (e.closest('.js-plotly-plot, script, style')) continue;
          const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          const style = getComputedStyle(e);
          if (!own || style.display === 'none' || style.visibility === 'hidden' || !e.getClientRects().length) continue;
          out.push({tag: e.tagName, text: e.textContent.trim().slice(0, 40), pt: parseFloat(style.fontSize) * 0.75,
                    body: !e.closest(small)});
        }
        return out;
      }"""
    )
    headers = page.evaluate("() => [...document.querySelectorAll('main thead th')].filter(t => t.offsetParent).map(t => t.textContent)")
    context.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(SCREENSHOTS / f"briefing_print_{lang}")], check=True)
    assert blocked == [] and errors == []
    return lang, html, pdf, styles, headers


def test_prints_on_at_most_six_a4_pages_each_with_number_and_date(printed, release):
    lang, _, pdf, _, _ = printed
    pages = _page_count(pdf)
    assert 1 <= pages <= MAX_PAGES, f"{lang}: the briefing prints on {pages} A4 pages"
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", size).groups())
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"not A4 portrait: {width} x {height} pt"
    as_of = " ".join(t("briefing.as_of", lang, date=format_date(release.meta.date, lang)).split())
    for number in range(1, pages + 1):
        text = _page_text(pdf, number)
        assert as_of in text, f"{lang}: page {number} lacks „{as_of}“"
        assert t("briefing.page_of", lang, page=number, pages=pages) in text, f"{lang}: page {number} lacks its number"


def test_no_page_is_half_empty(printed):
    """Every page but the last carries text down to at least its lower half (no forced break leaving a hole)."""
    lang, _, pdf, _, _ = printed
    pages = _page_count(pdf)
    for number in range(1, pages):
        out = subprocess.run(["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        bottoms = sorted(float(y1) for _, _, _, y1, _ in WORD.findall(out))
        # the lowest word above the footer line (the footer's margin box sits in the last ~15 mm)
        content = [b for b in bottoms if b < 841.9 - 42]
        assert content and content[-1] > 841.9 / 2, f"{lang}: page {number} ends at {content[-1] if content else 0:.0f} pt"


def test_type_sizes_on_paper(printed, height_per_pt):
    lang, _, pdf, styles, _ = printed
    words = _words(pdf)
    assert len(words) > 500
    smallest = min(h for h, _ in words) / height_per_pt
    tiny = [w for h, w in words if h / height_per_pt < SMALLEST_PT - 0.05]
    assert not tiny, f"{lang}: {len(tiny)} words under {SMALLEST_PT} pt (smallest {smallest:.2f} pt), e.g. {tiny[:8]}"
    body = [s for s in styles if s["body"]]
    assert len(body) > 20
    too_small_body = [s for s in body if s["pt"] < BODY_PT - 0.01]
    assert not too_small_body, f"{lang}: body text under {BODY_PT} pt: {too_small_body[:5]}"
    assert all(s["pt"] >= SMALLEST_PT - 0.01 for s in styles), [s for s in styles if s["pt"] < SMALLEST_PT][:5]
    # The browser's sizes are what lands on paper (no shrink-to-fit): the lead of the first key message, measured in the PDF.
    lead = next(s["text"] for s in body if s["tag"] == "STRONG" and len(s["text"].split()) > 3)
    first = lead.split()[:3]
    page_one = _words(pdf, 1)
    start = next(i for i in range(len(page_one)) if [w for _, w in page_one[i : i + 3]] == first)
    size = min(h for h, _ in page_one[start : start + 3]) / height_per_pt
    assert size >= BODY_PT, f"{lang}: „{' '.join(first)}“ prints at {size:.2f} pt"


def test_table_headers_are_not_broken_mid_word(printed):
    lang, _, pdf, _, headers = printed
    printed_words = {w.strip(".,:;()") for _, w in _words(pdf)}
    assert headers
    for header in headers:
        for word in header.split():
            assert word.strip(".,:;()") in printed_words, f"{lang}: header word „{word}“ is not printed whole"


@pytest.mark.parametrize("lang", LANGS)
def test_fits_a_phone_and_passes_axe(browser, lang, briefing_file):
    from axe_playwright_python.sync_playwright import Axe

    html = briefing_file(lang)
    axe = Axe()
    rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
    for width in (1440, 390):
        context, page, blocked, errors = open_briefing(browser, html, width, 900)
        assert page.evaluate("() => document.documentElement.lang") == lang
        assert page.locator("main").count() == 1 and page.locator("header").count() >= 1 and page.locator("footer").count() >= 1
        levels = [int(h.evaluate("e => e.tagName")[1]) for h in page.locator("h1, h2, h3, h4").all()]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), f"headings jump: {levels}"
        # every chart: a label stating its takeaway, and its data as a table
        for figure in page.locator("figure.chart").all():
            shown = figure.locator(".plot").filter(has=page.locator(".js-plotly-plot:visible"))
            assert shown.count() == 1 and len(shown.get_attribute("aria-label") or "") > 10
            assert figure.locator("details table tbody tr").count() >= 1
        if width == 390:
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            assert scroll <= 390, f"{lang}: the briefing is {scroll}px wide on a 390px screen"
            for plot in page.locator(".js-plotly-plot:visible").all():
                assert plot.bounding_box()["width"] <= 390
            page.screenshot(path=str(SCREENSHOTS / f"briefing_file_{lang}_390.png"), full_page=True)
        result = axe.run(page, options=rules).response
        serious = [(v["id"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{lang} at {width}px: {serious}"
        assert blocked == [] and errors == []
        context.close()
