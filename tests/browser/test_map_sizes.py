"""The route map at every size a reader meets, measured as Chromium draws it (network blocked).

/map at eight window widths in German and at 1280 px in English and Russian; the chart-only view at the three
snippet sizes. In each drawn figure, every text element (labels, title, source line, legend): no two overlap,
none is cut by the figure or the window, none is drawn under 11 px; the route's nodes span at least 55 % of the
map's width; the page never scrolls sideways. Plus the keyboard path to a node's details (WCAG 2.1.1).
"""

from __future__ import annotations

import pytest

from .conftest import screenshot
from .map_measure import MEASURE_FIGURE

pytestmark = pytest.mark.browser

MAP = ".st-key-map-box [data-testid=stPlotlyChart]"
EMBED = "[data-testid=stPlotlyChart]"

# Drawn, and composed for the width it is shown at: until the browser reports the column's width, the page uses a
# default box; the figure is measured once its box matches what it got (box widths are floored to 20 px steps).
COMPOSED = """(selector) => {
  const chart = document.querySelector(selector);
  const gd = chart && chart.querySelector('.js-plotly-plot');
  if (!(gd && gd._fullLayout && gd._fullLayout.meta && gd.querySelector('rect.nsewdrag'))) return false;
  const box = gd._fullLayout.meta.box;
  return Math.abs(box[0] - gd.getBoundingClientRect().width) < 24;
}"""

PAGE_SIZES = [(320, 720), (390, 844), (768, 1000), (1024, 768), (1280, 800), (1366, 768), (1440, 900), (1920, 1080)]


def _composed(page, selector: str) -> dict:
    page.wait_for_function(COMPOSED, arg=selector, timeout=45_000)
    page.wait_for_timeout(600)  # plotly's second layout pass
    return page.evaluate(MEASURE_FIGURE, selector)


def _assert_composed(drawn: dict, offline) -> None:
    assert drawn["overlaps"] == [], drawn["overlaps"]
    assert drawn["cut"] == [], drawn["cut"]
    assert drawn["small"] == [], drawn["small"]
    assert drawn["span"] is not None and drawn["span"] >= 0.55, drawn["span"]
    assert not drawn["sideways"]
    assert drawn["n"] >= 15, drawn["texts"]  # title, source, legend and names are all there to be measured
    # the whole map: routes and a full legend (a rerun asked for mid-run once lost the layer switches' states)
    assert drawn["segments"] >= 6 and drawn["legend"] >= 8, drawn
    assert offline.blocked == [], offline.blocked
    assert offline.errors == [], offline.errors


@pytest.mark.parametrize(("lang", "width", "height", "scheme"), [
    *[("de", w, h, "dark" if w in (390, 1440) else "light") for w, h in PAGE_SIZES],
    ("en", 1280, 800, "light"),
    ("ru", 1280, 800, "light"),
], ids=lambda v: str(v))  # fmt: skip
def test_map_page_is_composed_for_the_window(open_page, lang, width, height, scheme):
    page, offline = open_page(f"map?lang={lang}", width=width, height=height, scheme=scheme)
    drawn = _composed(page, MAP)
    _assert_composed(drawn, offline)
    figure_width = drawn["figure"][0]
    assert drawn["meta"]["box"][0] <= figure_width < drawn["meta"]["box"][0] + 24
    assert "corridors=" not in page.url and "places=0" not in page.url, page.url  # the reader's switches kept
    screenshot(page, f"map_size_{lang}_{width}_{scheme}")


@pytest.mark.parametrize(("width", "height"), [(800, 720), (600, 640), (390, 720)])
def test_route_map_embed_is_composed_for_the_snippet(open_page, width, height):
    page, offline = open_page("embed?chart=route-map&lang=de", width=width, height=height)
    drawn = _composed(page, EMBED)
    _assert_composed(drawn, offline)
    assert drawn["figure"][1] <= height  # the whole figure in the iframe: nothing scrolls inside it
    assert drawn["meta"]["box"][1] is not None and drawn["meta"]["box"][2] == "embed"
    screenshot(page, f"map_embed_{width}x{height}")


def test_keyboard_reaches_the_node_picker_and_choosing_aktau_shows_its_details(open_page):
    page, offline = open_page("map?lang=en", width=1280, height=800)
    _composed(page, MAP)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")  # from the top
    picker = page.locator(".st-key-map-node-picker input")
    for _ in range(60):
        page.keyboard.press("Tab")
        if picker.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the node picker")
    page.keyboard.type("Aktau")
    page.keyboard.press("Enter")
    details = page.locator(".st-key-map-details")
    details.get_by_role("heading", name="Aktau").wait_for(timeout=20_000)
    assert "node=aktau" in page.url
    page.wait_for_function(
        """() => { const gd = document.querySelector('.st-key-map-box .js-plotly-plot');
                   return gd && gd._fullLayout.meta && gd._fullLayout.meta.node === 'aktau'; }""",
        timeout=20_000,
    )  # the map marks the node, as a click does
    assert offline.blocked == []
