"""The map in Chromium with every outside request blocked: size, legend, label boxes as drawn, node click, dark theme."""

from __future__ import annotations

import pytest

from centralasia.route.geo import localised, read_layers

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# The map: plot area, legend entries, drawn label boxes, pairs that overlap.
MEASURE = """() => {
  const chart = [...document.querySelectorAll('.st-key-map-box')]
    .find(e => e.getBoundingClientRect().width > 0).querySelector('[data-testid=stPlotlyChart]');
  const plot = chart.querySelector('rect.nsewdrag').getBoundingClientRect();
  const bg = chart.querySelector('.bglayer rect.bg');
  const labels = [...chart.querySelectorAll('g.annotation text.annotation-text')]
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect()}))
    .filter(l => l.box.width > 0 && l.text.trim());
  const overlaps = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const a = labels[i].box, b = labels[j].box;
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlaps.push([labels[i].text, labels[j].text]);
  }
  const outside = labels.filter(l => l.box.left < plot.left - 1 || l.box.right > plot.right + 1
    || l.box.top < plot.top - 1 || l.box.bottom > plot.bottom + 1).map(l => l.text);
  return {width: plot.width, height: plot.height, left: plot.left, right: plot.right, bottom: plot.bottom,
          legend: chart.querySelectorAll('.legend .traces').length, labels: labels.map(l => l.text),
          overlaps, outside, water: bg ? getComputedStyle(bg).fill : null,
          countries: chart.querySelectorAll('.scatterlayer path.js-fill').length};
}"""

# Screen position of a node's symbol, from plotly's own axes (so the test clicks where plotly drew it).
NODE_POINT = """(id) => {
  const box = [...document.querySelectorAll('.st-key-map-box')]
    .find(e => e.getBoundingClientRect().width > 0);
  const gd = box.querySelector('.js-plotly-plot');
  const trace = gd._fullData.find(t => t.meta && t.meta.layer === 'nodes');
  const i = [...trace.customdata].findIndex(c => c[0] === id);
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  return {x: r.left + xa._offset + xa.l2p(trace.x[i]), y: r.top + ya._offset + ya.l2p(trace.y[i])};
}"""


READY = """() => {
  const box = [...document.querySelectorAll('.st-key-map-box')]
    .find(e => e.getBoundingClientRect().width > 0);
  const gd = box && box.querySelector('.js-plotly-plot');
  // drawn, and composed for the width it is shown at (the first figure uses a default box until the width is reported)
  return !!(gd && gd.querySelector('rect.nsewdrag') && gd.querySelector('g.annotation text') && gd._fullLayout
            && gd._fullLayout.meta && Math.abs(gd._fullLayout.meta.box[0] - gd.getBoundingClientRect().width) < 24);
}"""


def _measure(page) -> dict:
    """Measure the visible map once plotly has drawn it (its size settles after the first layout pass)."""
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_timeout(300)
    return page.evaluate(MEASURE)


def _luminance(css: str) -> float:
    r, g, b = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


# Each language once, both themes covered: Cyrillic labels are wider, so Russian is measured as drawn too.
@pytest.mark.parametrize(("scheme", "lang"), [("light", "en"), ("dark", "de"), ("light", "ru")])
# The map's height follows its width (the data window fitted to the route, no more empty Iran and Gulf than needed, and
# never past the basemap's edge): at least this share of the width.
@pytest.mark.parametrize(("size", "name", "min_aspect"), [(DESKTOP, "desktop", 0.55), (PHONE, "phone", 0.7)])
def test_map_size_legend_and_labels_as_drawn(open_page, size, name, min_aspect, scheme, lang):
    page, offline = open_page(f"map?lang={lang}", width=size["width"], height=size["height"], scheme=scheme)
    drawn = _measure(page)
    assert drawn["height"] >= min_aspect * drawn["width"], drawn
    assert drawn["width"] >= size["width"] * (0.45 if name == "desktop" else 0.85), drawn
    assert 8 <= drawn["legend"] <= 14, drawn  # shaded countries, every corridor colour, line styles, the release's marks
    assert len(drawn["labels"]) >= 8, drawn
    assert drawn["overlaps"] == [], drawn["overlaps"]
    assert drawn["outside"] == [], drawn["outside"]
    assert drawn["countries"] >= 30, drawn
    if scheme == "dark":
        assert _luminance(drawn["water"]) < 0.25, drawn["water"]
    else:
        assert _luminance(drawn["water"]) > 0.7, drawn["water"]
    assert offline.blocked == [], offline.blocked
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, f"map_{name}_{scheme}" + ("" if lang in ("en", "de") else f"_{lang}"))


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_caspian_view_in_russian_names_ports_sea_and_ferry_time_in_russian(open_page, size, name):
    layers = read_layers()
    nodes = layers.nodes.set_index("id")
    page, offline = open_page("map?lang=ru&view=caspian", width=size["width"], height=size["height"], scheme="dark")
    drawn = _measure(page)
    labels = " ".join(drawn["labels"])
    for port in ("aktau", "baku", "alat"):
        assert localised(nodes.loc[port], "short", "ru") in labels, labels
    assert localised(layers.seas.set_index("id").loc["caspian"], "name", "ru").split()[0] in labels
    crossings = [c for c in (localised(r, "crossing", "ru") for _, r in layers.segments.iterrows()) if c]
    for crossing in crossings:  # a published crossing time (none in the data: none drawn), in Russian units
        assert crossing.split()[-1] in labels
    assert not [w for w in ("Caspian", "Aktau", "Baku") if w in labels], labels
    assert drawn["overlaps"] == [], drawn["overlaps"]
    assert drawn["outside"] == [], drawn["outside"]
    assert offline.blocked == []
    screenshot(page, f"map_caspian_ru_{name}")


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_caspian_view_labels_ports_and_ferry_times(open_page, size, name):
    page, offline = open_page("map?lang=de&view=caspian", width=size["width"], height=size["height"])
    drawn = _measure(page)
    labels = " ".join(drawn["labels"])
    for port in ("Aktau", "Baku", "Alat", "Turkmenbaschi"):  # German names in German
        assert port in labels, labels
    assert "Kaspisches" in labels  # the sea is named
    published = any(localised(r, "crossing", "de") for _, r in read_layers().segments.iterrows())
    assert ("Std." in labels) == published  # a published crossing time is shown exactly when the data has one
    assert drawn["overlaps"] == [], drawn["overlaps"]
    assert offline.blocked == []
    screenshot(page, f"map_caspian_de_{name}")


# On a phone the Caspian ports lie a few pixels apart; Istanbul stands alone there.
@pytest.mark.parametrize(
    ("size", "name", "node", "label"), [(DESKTOP, "desktop", "aktau", "Aktau"), (PHONE, "phone", "istanbul", "Istanbul (Marmaray)")]
)
def test_clicking_a_node_shows_its_details_beside_or_under_the_map(open_page, size, name, node, label):
    page, offline = open_page("map?lang=en&conflicts=0&places=0", width=size["width"], height=size["height"])
    _measure(page)
    point = page.evaluate(NODE_POINT, node)
    page.mouse.move(point["x"], point["y"])
    page.locator(".hoverlayer .hovertext").first.wait_for(state="attached")
    page.mouse.click(point["x"], point["y"])
    wait_for_app(page)
    details = page.locator(".st-key-map-details")
    details.get_by_text(label, exact=True).wait_for(timeout=20_000)
    page.wait_for_timeout(900)  # the panel scrolls into view on a phone
    assert details.get_by_text("The release does not name this place.").count() == 1
    assert "Kasachstan" not in details.inner_text()
    box = details.bounding_box()
    plot = _measure(page)
    if name == "desktop":
        assert box["x"] >= plot["right"] - 2, (box, plot)  # beside the map
        assert 0 <= box["y"] and box["y"] + 120 <= size["height"], box  # its heading and facts are on screen
    else:
        figure = page.locator(".st-key-map-box [data-testid=stPlotlyChart]").bounding_box()
        assert box["y"] >= plot["bottom"], (box, plot)  # under the map: after its legend and the node picker
        assert box["y"] - (figure["y"] + figure["height"]) < 200, (box, figure)
        assert -2 <= box["y"] < size["height"] - 100, box  # scrolled into view after the click
    assert f"node={node}" in page.url
    assert offline.blocked == []
    screenshot(page, f"map_node_details_{name}")


def test_switching_to_the_dark_theme_redraws_the_map_dark(open_page):
    page, offline = open_page("map?lang=en", width=1440, height=900, scheme="light")
    assert _luminance(_measure(page)["water"]) > 0.7
    page.emulate_media(color_scheme="dark")  # the reader's system (Streamlit's default "use system setting") turns dark
    page.wait_for_function(
        """() => { const bg = document.querySelector('.st-key-map-box rect.bg');
                   const v = getComputedStyle(bg).fill.match(/\\d+/g); return v && +v[0] + +v[1] + +v[2] < 200; }""",
        timeout=20_000,
    )
    assert offline.blocked == []
