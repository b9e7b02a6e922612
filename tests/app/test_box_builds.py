"""A cold session builds each figure once, for its real box: a browser session shows placeholders until its one width
report (centralasia/ui/box.py), then every chart on the page is built once; a session without a browser (AppTest,
websocket clients) builds each at the default box at once. Counted at the registry, the one code path of every chart."""

from __future__ import annotations

from collections import Counter

import pytest

from centralasia.charts import registry
from centralasia.ui import box, data

from .conftest import run_page

# The pages with figures, their slots, and the charts each draws.
PAGES = {
    "pages/map.py": ({}, {"route-map", "freight"}),
    "pages/sectors.py": ({}, {"sector-matrix"}),
    "pages/initiatives.py": ({}, {"initiative-matrix"}),
    "pages/embed.py": ({"chart": "route-map"}, {"route-map"}),
}
# What a browser at 1280 px reports for every slot (the page's one reporter measures all of a page's slots at once).
REPORT = {"h": 880, "slots": {"map": 680, "freight": 940, "page": 940, "embed": 780}}


@pytest.fixture
def builds(monkeypatch):
    """Every registry build as (chart key, box width); the shared chart cache starts empty."""
    seen: list[tuple[str, int]] = []
    real = registry.build_chart

    def counting(key, ctx):
        seen.append((registry.chart_key(key), ctx.box.width))
        return real(key, ctx)

    monkeypatch.setattr(registry, "build_chart", counting)
    data.built_chart.clear()
    yield seen
    data.built_chart.clear()


def _pending(at) -> int:
    return sum(1 for e in at.get("html") if box.PENDING_CLASS in str(e.proto.body))


@pytest.mark.parametrize("page", list(PAGES))
def test_a_browser_session_builds_each_figure_once_at_the_reported_width(page, builds, monkeypatch):
    params, keys = PAGES[page]
    monkeypatch.setattr(box, "_browser", lambda: True)
    at = run_page(page, lang="en", **params)
    assert builds == []  # nothing built for a guessed box
    assert _pending(at) == len(keys)  # a placeholder where each figure goes

    at.session_state[box.STATE] = REPORT  # the one report, as the reporter's rerun brings it
    at.run()
    assert not at.exception, at.exception
    assert Counter(k for k, _ in builds) == Counter(keys)  # each chart built once
    assert _pending(at) == 0
    widths = {k: w for k, w in builds}
    if "route-map" in keys:
        assert widths["route-map"] == REPORT["slots"]["embed" if "embed" in page else "map"]
    assert {w for _, w in builds} <= set(REPORT["slots"].values())  # every figure for a reported width

    at.run()  # a rerun at the same width builds nothing
    assert Counter(k for k, _ in builds) == Counter(keys)


@pytest.mark.parametrize("page", list(PAGES))
def test_without_a_browser_each_figure_is_built_once_at_the_default_box(page, builds):
    params, keys = PAGES[page]
    at = run_page(page, lang="en", **params)
    assert Counter(k for k, _ in builds) == Counter(keys)
    assert _pending(at) == 0


def test_a_page_opened_later_in_the_session_builds_at_the_known_width_at_once(builds, monkeypatch):
    monkeypatch.setattr(box, "_browser", lambda: True)
    at = run_page("pages/sectors.py", lang="en")
    at.session_state[box.STATE] = REPORT
    at.run()
    at.switch_page("pages/initiatives.py").run()
    assert not at.exception, at.exception
    assert _pending(at) == 0  # no placeholder, no second report: the width of the session's column is known
    assert ("initiative-matrix", REPORT["slots"]["page"]) in builds
