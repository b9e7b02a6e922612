"""Every size a reader meets: the chart pages at phone and laptop widths, and every chart in a chart-only iframe of
each snippet size. In every visible figure: no overlapping text, no text cut by its figure or the window, no text
under 11 px, and no sideways page scroll (measured by tests/browser/measure.py in a real Chromium, network blocked).

One browser and one server for the whole sweep; the figures are composed for the width the page reports.
"""

from __future__ import annotations

import pytest

from centralasia.charts.registry import CHARTS

from .conftest import SCREENSHOTS, new_window, settle
from .measure import measure, problems, wait_for_figures

pytestmark = pytest.mark.browser

SNIPPETS = ((800, 720), (600, 640), (390, 720))


def _settle(target) -> None:
    """Wait for the rerun the width report triggers (once per page) and for Plotly to draw the composed figure."""
    settle(target)
    wait_for_figures(target)


def _check(target, name: str, page) -> dict:
    result = measure(target)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"sizes_{name}.png"))
    assert result["figures"] >= 1 and result["texts"] > 5, result
    found = problems(result)
    assert not found, f"{name}: " + "; ".join(found[:12])
    return result


@pytest.fixture
def context_at(browser, app_url):
    contexts = []

    def _open(width: int, height: int):
        context, page, offline = new_window(browser, app_url, width, height, locale="de-DE")
        contexts.append(context)
        return page, offline

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [390, 1024, 1280])
@pytest.mark.parametrize("path", ["sectors", "initiatives"])
def test_chart_pages_are_composed_for_their_width(context_at, app_url, path, width):
    page, offline = context_at(width, 900)
    page.goto(f"{app_url}/{path}?lang=de")
    _settle(page)
    _check(page, f"{path}_{width}", page)
    drawn = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.getBoundingClientRect().width)")
    assert drawn and all(w <= width for w in drawn)
    assert offline.blocked == [] and offline.errors == []


CASES = [pytest.param(key, w, h, id=f"{key}-{w}x{h}") for key in [c.key for c in CHARTS] for w, h in SNIPPETS]


@pytest.mark.parametrize(("key", "width", "height"), CASES)
def test_every_chart_fits_each_snippet_iframe(context_at, app_url, key, width, height):
    page, offline = context_at(width + 40, height + 40)
    page.set_content(
        f'<body style="margin:0;padding:20px"><iframe title="chart" src="{app_url}/embed?chart={key}&lang=de&embed=true" '
        f'width="{width}" height="{height}" style="border:0"></iframe></body>'
    )
    frame = page.wait_for_selector("iframe").content_frame()
    _settle(frame)
    _check(frame, f"embed_{key}_{width}x{height}", page)
    inner = frame.evaluate("() => ({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth})")
    main = frame.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollHeight - m.clientHeight; }")
    assert inner["h"] <= height + 1 and inner["w"] <= width + 1 and main <= 1, (
        f"scrolls inside its {width}×{height} iframe: {inner}, {main}"
    )
    box = frame.evaluate("() => document.querySelector('.js-plotly-plot').getBoundingClientRect().width")
    assert box >= width - 40, "the figure takes the iframe's width"
    assert offline.errors == []
