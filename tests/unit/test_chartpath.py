"""The one chart path: every registered chart is built by ``registry.build_chart`` from a ``ChartContext`` and composed
for its ``Box``: text wrapped to the figure's width, a fixed height kept, no text under 11 px, light and dark, three languages.

Built from a release written for these tests (tests/reader_fixture.py); the map charts use the repository's geodata.
"""

from __future__ import annotations

import copy

import pytest

from centralasia.charts.figures import MIN_TEXT, SIDE, nice_axis_top, plotly_config
from centralasia.charts.registry import (
    CHARTS,
    DEFAULT_BOX,
    IMAGE_BOX,
    IMAGE_SCALE,
    PRINT_BOX,
    Box,
    ChartContext,
    ChartOptions,
    bucket,
    build_chart,
)
from centralasia.charts.theme import PAPER, text_box, vocab_colour
from centralasia.release.vocab import vocab_label

BOXES = (Box(340), Box(600, 616, "embed"), Box(366, 696, "embed"), Box(776, 696, "embed"), DEFAULT_BOX, IMAGE_BOX, PRINT_BOX)
COMPOSED = [c.key for c in CHARTS if c.key != "route-map"]  # the route map composes itself (helper module mapfig)


def _lines(html: str) -> list[str]:
    import html as html_module

    return [html_module.unescape(line) for line in (html or "").split("<br>")]


@pytest.mark.parametrize("key", [c.key for c in CHARTS])
@pytest.mark.parametrize("lang", ["de", "en", "ru"])
def test_every_registered_chart_builds_for_every_box_theme_and_language(reader_release, key, lang):
    # the route map takes ~0.5 s a build: a phone and an embed box are enough for it here
    for box in BOXES if key != "route-map" else (Box(340), Box(776, 696, "embed")):
        for theme in ("light", "dark"):
            chart = build_chart(key, ChartContext(reader_release, lang, theme, ChartOptions(), box))
            assert chart.key == key and chart.title and chart.source and chart.figure is not None
            layout = chart.figure.layout
            paper = layout.paper_bgcolor or layout.template.layout.paper_bgcolor
            if key != "route-map":
                assert paper == PAPER[theme], (key, box, theme)
            if box.height and key != "route-map":
                assert layout.height == box.height, (key, box)


@pytest.mark.parametrize("key", COMPOSED)
def test_titles_and_source_lines_use_the_full_width_and_no_more(reader_release, key):
    for box in BOXES:
        layout = build_chart(key, ChartContext(reader_release, "de", box=box)).figure.layout
        room = box.width - 2 * SIDE
        for line in _lines(layout.title.text):
            assert text_box(line, layout.title.font.size)[0] <= room, (box, line)
        source = _lines(layout.title.subtitle.text)
        for line in source:
            assert text_box(line, layout.title.subtitle.font.size)[0] <= room, (box, line)
        if box.width >= 700:  # a wide box keeps the source on few lines (not squeezed into a phone's ~300 px)
            assert len(source) <= 2, (box, source)


@pytest.mark.parametrize("key", COMPOSED)
def test_no_text_under_11_px(reader_release, key):
    for box in BOXES:
        layout = build_chart(key, ChartContext(reader_release, "ru", box=box)).figure.layout
        sizes = [layout.title.font.size, layout.title.subtitle.font.size, layout.legend.font.size]
        sizes += [axis.tickfont.size for axis in (layout.xaxis, layout.yaxis) if axis.tickfont.size]
        assert min(sizes) >= MIN_TEXT, (box, sizes)


def test_matrix_rows_are_tall_enough_for_their_labels_and_fit_a_fixed_box(reader_release):
    for key in ("sector-matrix", "initiative-matrix"):
        for box in BOXES:
            fig = build_chart(key, ChartContext(reader_release, "de", box=box)).figure
            labels = fig.layout.yaxis.categoryarray
            lines = max(label.count("<br>") + 1 for label in labels)
            plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
            assert plot / len(labels) >= lines * fig.layout.yaxis.tickfont.size * 1.3, (key, box)
            assert len(set(labels)) == len(labels), "every row keeps its own label"


def test_initiative_column_heads_fit_their_columns_or_stand_upright(reader_release):
    for box in (Box(340), Box(366, 696, "embed"), Box(600, 616, "embed"), DEFAULT_BOX):
        fig = build_chart("initiative-matrix", ChartContext(reader_release, "de", box=box)).figure
        heads = fig.layout.xaxis.ticktext
        if fig.layout.xaxis.tickangle in (-90, 90):
            continue
        column = (box.width - 2 * SIDE) / (len(heads) + 1)
        for head in heads:
            assert all(text_box(line, 12)[0] <= column for line in _lines(head)), (box, head)


def test_freight_marks_sit_under_the_top_gridline(reader_release):
    for box in (Box(340), DEFAULT_BOX, Box(600, 616, "embed")):
        fig = build_chart("freight", ChartContext(reader_release, "en", box=box)).figure
        top, step = fig.layout.yaxis.range[1], fig.layout.yaxis.dtick
        values = [y for tr in fig.data for y in (tr.y or ()) if y is not None]
        assert values and max(values) < top
        assert any(abs(k * step - top) < step * 0.05 for k in range(1, 40)), "the axis ends at (a hair above) a gridline"


def test_nice_axis_top_leaves_room_above_the_peak():
    for peak in (0.4, 4.5, 11, 12, 99, 1000):
        top, step = nice_axis_top(peak)
        assert top > peak and abs(top / step - round(top / step)) < 1e-9


def test_context_is_cached_by_release_id_and_data_version_not_the_object(reader_release):
    a = ChartContext(reader_release, "de", "dark", ChartOptions(sector="energy"), Box(600, 616, "embed"))
    b = ChartContext(copy.copy(reader_release), "de", "dark", ChartOptions(sector="energy"), Box(600, 616, "embed"))
    assert a == b and hash(a) == hash(b) and a.cache_key("sector-matrix", "v1") == b.cache_key("sector-matrix", "v1")
    assert a.cache_key("sector-matrix", "v1") != a.cache_key("sector-matrix", "v2")
    assert a.cache_key("sector-matrix", "v1") != ChartContext(reader_release, "de", "light", a.options, a.box).cache_key(
        "sector-matrix", "v1"
    )
    assert a.cache_key("sector-matrix", "v1") != ChartContext(reader_release, "de", "dark", a.options, Box(620)).cache_key(
        "sector-matrix", "v1"
    )


def test_reported_widths_are_bucketed_and_clamped():
    assert bucket(1111) == 1100 and bucket(358) == 340 and bucket(10) == 280 and bucket(5000) == 1920


def test_downloads_have_a_named_fixed_size(reader_release):
    options = plotly_config("x")["toImageButtonOptions"]
    assert (options["width"], options["height"], options["scale"]) == (IMAGE_BOX.width, IMAGE_BOX.height, IMAGE_SCALE) == (1200, 800, 2)
    tall = build_chart("initiative-matrix", ChartContext(reader_release, "de", box=Box(340))).figure
    tall.update_layout(height=1300)
    assert plotly_config("x", tall)["toImageButtonOptions"]["height"] == 1300, "a tall chart keeps its rows apart in the image"


def test_one_vocabulary_api_never_fails_for_a_new_value():
    from centralasia.i18n import t

    assert vocab_label("relations", "proposes", "de") == t("relation.proposes", "de")
    assert vocab_label("stances", "a-value-nobody-has-used", "en") == "a-value-nobody-has-used"
    assert vocab_label("no-such-group", "x", "ru") == "x" and vocab_label("stances", None, "de") == ""
    assert vocab_colour("stances", "a-value-nobody-has-used").startswith("#")
    assert vocab_colour("relations", "supports") != vocab_colour("relations", "proposes")
