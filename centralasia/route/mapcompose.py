"""Composing the route map for its box: sizes, wrapped title and source, legend columns, plot box, data window.

``compose`` chooses everything the layout takes from the box the figure is shown in (width, and height where
the container imposes one). The data window never reaches past the basemap's region (a lon/lat box, curved in the
projection): the figure gets shorter instead, so no wedge-shaped edge of the geodata shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from centralasia.charts.registry import Box
from centralasia.charts.theme import wrap_px
from centralasia.route.geo import REGION, lcc_forward
from centralasia.route.maplabels import Frame, fit_frame, text_box
from centralasia.safe_text import plotly_text

PHONE_BELOW = 560  # px: below this content width the phone layout (fewer, larger-priority labels; taller map)
MARGIN_X = 10
MODEBAR_PX = 34  # the right edge of the title and source lines keeps clear of the upright modebar


@dataclass(frozen=True)
class Composition:
    """Everything the figure's layout is chosen from its box: sizes in px, wrapped texts, the plot box."""

    box: Box
    plot_width: int
    plot_height: int
    font: int  # node, country and sea labels
    small: int  # corridor, ferry, end and conflict labels
    title_size: int
    source_size: int
    legend_size: int
    legend_columns: int
    legend_names: tuple[str, ...]  # the legend's entries as drawn (wrapped to their column)
    title_html: str
    source_html: str
    top: int
    bottom: int
    phone: bool
    min_priority: int  # labels (and full-size symbols) only for nodes at least this important
    corridor_labels: bool

    @property
    def height(self) -> int:
        return self.plot_height + self.top + self.bottom


MIN_TEXT_PX = 11  # no text on the map is drawn smaller (screen and print)


def compose(box: Box, title: str, source: str, keys: list[str], ranges, legend: bool = True) -> tuple[Composition, Frame]:
    """Choose sizes, wrapping, legend columns and the plot box for ``box``; fit the data window ``ranges`` into it.

    On a screen without a fixed height the map's height follows its width (taller on phones, where labels need
    the room); with a fixed height (an iframe, an image, print) title, source and legend take what they need and
    the map the rest. The window never reaches past the basemap's edge (``SAFE``): the figure gets shorter instead.
    """
    width = max(int(box.width), 260)
    phone = width < PHONE_BELOW
    font = 12 if width >= 640 else MIN_TEXT_PX
    title_size = 18 if width >= 900 else 16 if not phone else 15
    source_size = legend_size = MIN_TEXT_PX if width < 900 else 12
    text_width = width - MODEBAR_PX
    title_lines = wrap_px(plotly_text(title), text_width, title_size, balance=False)
    source_lines = wrap_px(plotly_text(source), text_width, source_size, balance=False)
    # plotly sets title lines ~1.3 em apart and the subtitle a little below; pad keeps the first line inside
    top = 20 + round(title_size * 1.32) * len(title_lines) + round(source_size * 1.36) * len(source_lines) + 14
    plot_width = width - 2 * MARGIN_X
    columns, names, legend_px = legend_layout(keys if legend else [], legend_size, plot_width)
    bottom = 14 + (legend_px + 8 if legend_px else 0)
    (x0, x1), (y0, y1) = ranges
    aspect = (y1 - y0) / (x1 - x0)
    if box.height:
        plot_height = max(160, int(box.height) - top - bottom)
    else:
        low, high = (0.85, 1.15) if phone else (0.58, 0.8)
        plot_height = int(np.clip(plot_width * min(max(aspect, low), high), 240, 820))
    frame = _inside_basemap(_north_biased(fit_frame(ranges, plot_width, plot_height), ranges))
    plot_height = int(frame.height)
    comp = Composition(
        box, plot_width, plot_height, font, MIN_TEXT_PX, title_size, source_size, legend_size, columns, tuple(names),
        "<br>".join(title_lines), "<br>".join(source_lines), top, bottom, phone,
        min_priority=80 if width < 420 else 66 if phone else 0, corridor_labels=not phone,
    )  # fmt: skip
    return comp, frame


NORTH_SHARE = 0.65  # of the room a window has above and below its data, this much goes north (less empty Iran and Gulf)


def _north_biased(frame: Frame, ranges) -> Frame:
    """Where the box is taller than the data, put most of the extra room north of it rather than split it evenly."""
    (_, _), (y0, y1) = ranges
    extra = (frame.y1 - frame.y0) - (y1 - y0)
    if extra <= 0:
        return frame
    bottom = y0 - extra * (1 - NORTH_SHARE)
    return Frame(frame.x0, frame.x1, bottom, bottom + (frame.y1 - frame.y0), frame.width, frame.height)


def legend_layout(keys: list[str], size: int, width: float) -> tuple[int, list[str], int]:
    """Columns, entry texts (wrapped onto at most two lines) and height in px of a legend that is whole in ``width``.

    Of the column counts in which every entry fits on at most two lines, the one giving the lowest legend; entries sit
    in fixed columns, so the rows (and the height, a row as tall as its tallest entry) are known before plotly draws them.
    """
    if not keys:
        return 0, [], 0
    line_px = round(size * 1.75)
    best = None
    for columns in range(min(len(keys), 6), 0, -1):
        room = width / columns - 48  # symbol (40 px) and the gap before the text
        names = ["<br>".join(wrap_px(k, room, size, balance=False)) for k in keys]
        if columns > 1 and not all(n.count("<br>") < 2 and text_box(n, size)[0] <= room for n in names):
            continue
        rows = range(0, len(names), columns)
        height = sum(max(n.count("<br>") + 1 for n in names[i : i + columns]) * line_px + 4 for i in rows)
        if best is None or height < best[2]:  # the lowest legend; of equal ones, the one with more columns
            best = (columns, names, height)
    columns, names, height = best
    return columns, names, height


def _basemap_edges() -> dict[str, np.ndarray]:
    """The basemap region's four edges in km (the region is a lon/lat box: curved in the projection)."""
    lon0, lat0, lon1, lat1 = REGION
    edge = np.linspace(0, 1, 240)
    lons, lats = lon0 + (lon1 - lon0) * edge, lat0 + (lat1 - lat0) * edge
    return {
        "west": np.column_stack(lcc_forward(np.full(edge.size, lon0), lats)),
        "east": np.column_stack(lcc_forward(np.full(edge.size, lon1), lats)),
        "north": np.column_stack(lcc_forward(lons, np.full(edge.size, lat1))),
        "south": np.column_stack(lcc_forward(lons, np.full(edge.size, lat0))),
    }


EDGES = _basemap_edges()


def _edge_over(edge: np.ndarray, axis: int, low: float, high: float) -> np.ndarray:
    """The other coordinate of an edge where its ``axis`` coordinate lies in [low, high] (ends interpolated)."""
    order = np.argsort(edge[:, axis])
    along, other = edge[order, axis], edge[order, 1 - axis]
    inside = other[(along >= low) & (along <= high)]
    return np.concatenate([inside, np.interp([low, high], along, other)])


def _inside_basemap(frame: Frame) -> Frame:
    """Shift the window inside the basemap's region; where it is larger than the region there, cut it (the figure shrinks).

    Over the window's x range its top may not rise above the lowest point of the north edge nor its bottom sink
    below the highest point of the south edge; over its y range the same for the west and east edges.
    """
    for _ in range(12):  # a window too wide for the region at its height: lower it (keep the scale) before cutting sides
        limited = _inside_once(frame)
        if limited.width >= frame.width - 1:
            return limited
        cut = (frame.y1 - frame.y0) * 0.04  # from the north, where the region's meridians close in
        y0 = max(limited.y0, float(_edge_over(EDGES["south"], 0, frame.x0, frame.x1).max()))
        frame = Frame(frame.x0, frame.x1, y0, limited.y1 - cut, frame.width, round((limited.y1 - cut - y0) * frame.scale))
    return _inside_once(frame)


def _inside_once(frame: Frame) -> Frame:
    scale = frame.scale
    top = float(_edge_over(EDGES["north"], 0, frame.x0, frame.x1).min())
    bottom = float(_edge_over(EDGES["south"], 0, frame.x0, frame.x1).max())
    h = min(frame.y1 - frame.y0, top - bottom)
    cy = float(np.clip((frame.y0 + frame.y1) / 2, bottom + h / 2, top - h / 2))
    y0, y1 = cy - h / 2, cy + h / 2
    left = float(_edge_over(EDGES["west"], 1, y0, y1).max())
    right = float(_edge_over(EDGES["east"], 1, y0, y1).min())
    w = min(frame.x1 - frame.x0, right - left)
    cx = float(np.clip((frame.x0 + frame.x1) / 2, left + w / 2, right - w / 2))
    return Frame(cx - w / 2, cx + w / 2, y0, y1, round(w * scale), round(h * scale))


# Lines drawn for the box: vertices closer than a pixel or two are dropped (small JSON, same look).


def _decimate(xs: list, ys: list, step: float) -> tuple[list, list]:
    """Drop vertices closer than ``step`` km to the last kept one (ends always kept): small JSON, same look."""
    if len(xs) <= 2 or step <= 0:
        return list(xs), list(ys)
    ox, oy = [xs[0]], [ys[0]]
    lx, ly = xs[0], ys[0]
    for x, y in zip(xs[1:-1], ys[1:-1], strict=True):
        if abs(x - lx) + abs(y - ly) >= step:
            ox.append(x)
            oy.append(y)
            lx, ly = x, y
    ox.append(xs[-1])
    oy.append(ys[-1])
    return ox, oy


def _sample(xs: list, ys: list, step: float) -> np.ndarray:
    """Points every ``step`` km along a polyline (for keeping labels off the lines)."""
    out = []
    for (x0, y0), (x1, y1) in zip(zip(xs[:-1], ys[:-1], strict=True), zip(xs[1:], ys[1:], strict=True), strict=True):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) // max(step, 1e-6)))
        for i in range(n):
            out.append((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n))
    out.append((xs[-1], ys[-1]))
    return np.asarray(out, dtype=float)
