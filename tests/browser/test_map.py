"""The map draws land, water and the route in Chromium with every outside request blocked."""

from __future__ import annotations

import pytest

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

DRAWN = """() => {
  const chart = document.querySelector('[data-testid=stPlotlyChart]');
  const fills = [...chart.querySelectorAll('.scatterlayer path.js-fill')].filter(p => (p.getAttribute('d') || '').length > 50);
  const lines = [...chart.querySelectorAll('.scatterlayer path.js-line')].filter(p => (p.getAttribute('d') || '').length > 20);
  const points = chart.querySelectorAll('.scatterlayer path.point').length;
  const bg = chart.querySelector('.bglayer rect.bg');
  return {fills: fills.length, lines: lines.length, points, water: bg ? bg.style.fill : null};
}"""


@pytest.mark.parametrize(("width", "name"), [(1400, "desktop"), (400, "narrow")])
def test_map_draws_offline(open_page, width, name):
    page, offline = open_page("map?lang=en", width=width)
    drawn = page.evaluate(DRAWN)
    assert drawn["fills"] >= 40, drawn  # country polygons
    assert drawn["lines"] >= 50, drawn  # borders and route legs
    assert drawn["points"] >= 26, drawn  # corridor nodes
    assert drawn["water"] in ("rgb(207, 227, 243)", "#cfe3f3"), drawn
    assert offline.blocked == [], offline.blocked
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, f"map_en_{name}")


def test_map_in_german_and_zoomed(open_page):
    page, offline = open_page("map?lang=de&view=caspian")
    assert page.evaluate(DRAWN)["fills"] >= 10
    assert page.get_by_text("Nicht auf der Karte").count() == 1
    assert offline.blocked == []
    screenshot(page, "map_de_caspian")


def test_clicking_a_node_opens_its_details(open_page):
    page, offline = open_page("map?lang=en&view=caspian&conflicts=0&places=0")
    page.get_by_test_id("stPlotlyChart").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    point = page.evaluate(
        """() => {
          const chart = document.querySelector('[data-testid=stPlotlyChart]');
          const traces = [...chart.querySelectorAll('.scatterlayer .trace')];
          for (const tr of traces) {
            const texts = [...tr.querySelectorAll('.textpoint text')].map(t => t.textContent);
            const i = texts.indexOf('Ashgabat');
            if (i >= 0) { const r = tr.querySelectorAll('path.point')[i].getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }
          }
          return null;
        }"""
    )
    assert point, "Ashgabat is drawn with its label"
    page.mouse.move(point["x"], point["y"])
    page.locator(".hoverlayer .hovertext").first.wait_for(state="attached")
    page.mouse.click(point["x"], point["y"])
    wait_for_app(page)
    page.get_by_text("Details: Ashgabat").wait_for(timeout=20_000)
    assert page.get_by_text("What the release says about it").count() == 1
    screenshot(page, "map_en_node_details")
    assert offline.blocked == []
