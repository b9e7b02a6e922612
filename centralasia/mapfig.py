"""The corridor map as a pure figure builder: projected layers in, an offline plotly Figure out.

Countries are drawn as filled cartesian shapes from our own prepared geodata, so the figure never asks
cdn.plot.ly for a base map: it draws with no network, in the app and in exported HTML.

Labels are placed here, not by plotly: plotly never moves a label out of another's way. The builder knows
the plot box it draws for (desktop beside the details panel, or a phone), estimates each label's box from
its characters and font size, and places labels by importance, trying a few positions around the anchor
and dropping the least important ones that do not fit (``place_labels``). Labels are annotations shifted
by pixels from their anchor, so their distance from the symbol stays the same at any width.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from centralasia.figures import FONT, TEMPLATE_NAME, escape_frame, plotly_safe, wrap_html
from centralasia.geo import CORRIDOR_VIEW, CORRIDORS, MODES, ROLES, ProjectedMap, localised
from centralasia.i18n import t

# ---------------------------------------------------------------- style


@dataclass(frozen=True)
class Palette:
    water: str
    land: str
    border: str
    release: str
    mentioned: str
    text: str
    muted: str
    halo: str
    sea_text: str
    node: str
    node_line: str
    paper: str
    subtitle: str
    place: str
    conflict: str
    key_line: str
    corridors: dict[str, str]


PALETTES = {
    "light": Palette(
        water="#d5e5f0",
        land="#f4f2ee",
        border="#b9b4ab",
        release="#f5d08a",
        mentioned="#e6d8e8",
        text="#1f2937",
        muted="#6b6459",
        halo="#ffffff",
        sea_text="#3d6f96",
        node="#1f2937",
        node_line="#ffffff",
        paper="#ffffff",
        subtitle="#4b5563",
        place="#B2182B",
        conflict="#B2182B",
        key_line="#4b5563",
        corridors={
            "main": "#0072B2",
            "black-sea": "#007A5E",
            "turkiye": "#B34F00",
            "turkmen": "#8C6000",
            "kti": "#B0428E",
            "lapis-lazuli": "#5B4DB2",
        },
    ),  # fmt: skip
    "dark": Palette(
        water="#0f2436",
        land="#2b2e33",
        border="#555a61",
        release="#6a5426",
        mentioned="#4b3b52",
        text="#e8eaed",
        muted="#a8a29e",
        halo="#14171b",
        sea_text="#86b3d6",
        node="#f3f4f6",
        node_line="#14171b",
        paper="rgba(0,0,0,0)",
        subtitle="#c0c4cc",
        place="#ff8a8a",
        conflict="#ff8a8a",
        key_line="#c0c4cc",
        corridors={
            "main": "#5AB4F0",
            "black-sea": "#33D1A3",
            "turkiye": "#FF8C4A",
            "turkmen": "#F4BE3A",
            "kti": "#E9A1CF",
            "lapis-lazuli": "#A6DCFF",
        },
    ),  # fmt: skip
}
# Kept for code that imports the light colours directly.
CORRIDOR_COLOURS = PALETTES["light"].corridors
WATER = PALETTES["light"].water

# How a leg is drawn, from how its geometry was obtained (the reader must see what is real).
LINE_STYLE = {
    "rail-network": "solid",
    "schematic": "6px,4px",
    "sea": "1px,4px",
    "road": "dashdot",
}
ROLE_SYMBOL = {
    "border-crossing": "diamond",
    "seaport": "square",
    "rail-hub": "circle",
    "capital": "star",
    "city": "circle",
    "planned-port": "square-open",
}
RING_SIZE = 19  # the release's places: an open ring around the point
ROLE_PRIORITY = {"capital": 82, "seaport": 80, "rail-hub": 66, "border-crossing": 62, "city": 55, "planned-port": 35}
# Named views: lon_min, lat_min, lon_max, lat_max.
VIEWS = {
    "corridor": CORRIDOR_VIEW,
    "caspian": (46.0, 37.0, 57.5, 46.0),
    "caucasus": (26.0, 38.0, 51.5, 46.5),
    "china-kazakhstan": (62.0, 39.0, 86.0, 53.0),
}


@dataclass(frozen=True)
class Variant:
    """The plot box a figure is drawn for. Labels are placed for this box; a wider one only adds room."""

    name: str
    plot_width: int
    plot_height: int
    font: int  # node label size
    title_wrap: int
    source_wrap: int
    corridor_labels: bool = True
    min_priority: int = 0  # labels (and full-size symbols) only for nodes at least this important
    legend_columns: int = 3


VARIANTS = {
    # Beside a details panel at 1440 px (plot ≈ 705 px wide); 1 px narrower than measured, so it never shrinks.
    "desktop": Variant("desktop", 700, 560, 12, 70, 110, legend_columns=3),
    # A 390 px phone: the content column is 358 px, the plot 338 px.
    "phone": Variant("phone", 338, 340, 10, 36, 50, corridor_labels=False, min_priority=75, legend_columns=2),
}
MARGIN = dict(l=10, r=10, b=10)


@dataclass(frozen=True)
class MapLayers:
    """What the reader switched on."""

    corridors: frozenset[str] = frozenset(CORRIDORS)
    modes: frozenset[str] = frozenset(MODES)
    roles: frozenset[str] = frozenset(ROLES)
    places: bool = True
    conflicts: bool = True


@dataclass(frozen=True)
class ReleaseOverlay:
    """Release facts placed on the map (prepared by the caller from the records)."""

    release_iso3: frozenset[str] = frozenset()
    mentioned_iso3: frozenset[str] = frozenset()
    places: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, label, x, y, quote, source, approximate
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, label, x, y, position, parties, quote


# ---------------------------------------------------------------- label placement


@dataclass(frozen=True)
class Label:
    """A label to place: anchor in map km, text, importance, and the positions it may take."""

    key: str
    text: str
    x: float
    y: float
    priority: float
    size: float
    gap: float = 6.0  # px between the anchor and the label box
    # Last resort for long names in a crowd: above or below, starting at the symbol instead of centred on it.
    positions: tuple[str, ...] = ("E", "W", "NE", "SE", "NW", "SW", "N", "S", "N>", "N<", "S>", "S<")
    colour: str = "#1f2937"
    bold: bool = False
    italic: bool = False
    kind: str = "node"
    group: str = ""  # labels of one group are alternatives: at most one of them is placed
    area: tuple | None = None  # (xs, ys) rings with NaN breaks: an area label's centre must stay inside them


@dataclass(frozen=True)
class Placed:
    label: Label
    position: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in screen px (y down)


def text_box(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    """Approximate width and height (px) of ``text`` drawn in DejaVu Sans / Arial at ``size`` px.

    Per-character advance widths in em, measured once for DejaVu Sans (the wider of the two fonts, so the
    estimate errs on the generous side); plotly's ``<br>`` breaks lines.
    """
    lines = text.replace("<br>", "\n").split("\n")
    width = max(sum(_advance(ch) for ch in line) for line in lines) * size * (1.16 if bold else 1.0)
    return width + 2, len(lines) * size * 1.3 + 1  # plotly sets annotation lines 1.3 em apart (svg_text_utils LINE_SPACING)


# Cyrillic (and arrow) advance widths in em, measured from DejaVu Sans, rounded up: Cyrillic runs wider than the Latin classes
# below (Ж, Ш, Щ, Ю, ы, м, ф…), and a Russian map must not have its label boxes underestimated.
_MEASURED = dict(zip(
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    (0.69, 0.69, 0.69, 0.61, 0.79, 0.64, 0.64, 1.08, 0.65, 0.75, 0.75, 0.71, 0.76, 0.87, 0.76, 0.79, 0.76, 0.61, 0.70, 0.62,
     0.61, 0.87, 0.69, 0.78, 0.69, 1.07, 1.10, 0.84, 0.89, 0.69, 0.70, 1.08, 0.70,
     0.62, 0.62, 0.59, 0.53, 0.70, 0.62, 0.62, 0.91, 0.54, 0.65, 0.65, 0.61, 0.64, 0.76, 0.66, 0.62, 0.66, 0.64, 0.55, 0.59,
     0.60, 0.86, 0.60, 0.69, 0.60, 0.92, 0.95, 0.71, 0.79, 0.59, 0.55, 0.85, 0.61),
    strict=True,
)) | {"→": 0.84}  # fmt: skip


def _advance(ch: str) -> float:
    if ch in _MEASURED:
        return _MEASURED[ch]
    if ch in " .,:;'’|!iIjlt()[]–-":
        return 0.36
    if ch in "fr":
        return 0.42
    if ch.isupper() or ch in "mwMW%&@":
        return 0.74 if ch not in "IJ" else 0.36
    if ch.isdigit():
        return 0.64
    return 0.62


# (dx, dy) direction of the label box from the anchor; y down. The box touches the gap in that direction.
_DIRECTIONS = {
    "E": (1, 0), "W": (-1, 0), "N": (0, -1), "S": (0, 1),
    "NE": (1, -1), "SE": (1, 1), "NW": (-1, -1), "SW": (-1, 1), "C": (0, 0),
}  # fmt: skip


_SIDE_START_PX = 8  # "N>" labels start this far left of the anchor (over the symbol, which the vertical gap clears)


def _shift(position: str, gap: float) -> tuple[float, float, str, str]:
    """Pixel shift of the box's anchor point and plotly's xanchor/yanchor for a position name (y down).

    "E", "NW", …: the box sits beside the anchor in that direction, ``gap`` away (diagonals a little closer).
    "C" and "C+N", …: an area label centred on its point, nudged ``gap`` px in that direction.
    "N>", "S<", …: above/below, running right (>) or left (<) from just beside the anchor instead of centred on it
    (a wider name — Cyrillic runs about a quarter wider than Latin — still finds room between close symbols).
    """
    if position[-1] in "<>":
        dy = _DIRECTIONS[position[:-1]][1]
        start = _SIDE_START_PX if position[-1] == "<" else -_SIDE_START_PX
        return start, dy * gap, "right" if position[-1] == "<" else "left", {1: "top", -1: "bottom"}[dy]
    if position.startswith("C"):
        dx, dy = _DIRECTIONS[position[2:]] if "+" in position else (0, 0)
        return dx * gap, dy * gap, "center", "middle"
    dx, dy = _DIRECTIONS[position]
    g = gap * (0.75 if dx and dy else 1)
    return dx * g, dy * g, {1: "left", -1: "right", 0: "center"}[dx], {1: "top", -1: "bottom", 0: "middle"}[dy]


def _candidate_box(px: float, py: float, w: float, h: float, position: str, gap: float) -> tuple[float, float, float, float]:
    sx, sy, xanchor, yanchor = _shift(position, gap)
    x0 = px + sx - {"left": 0, "right": w, "center": w / 2}[xanchor]
    y0 = py + sy - {"top": 0, "bottom": h, "middle": h / 2}[yanchor]
    return (x0, y0, x0 + w, y0 + h)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


@dataclass(frozen=True)
class Frame:
    """Map km ↔ screen px for one plot box: ranges already fitted to the box's aspect."""

    x0: float
    x1: float
    y0: float
    y1: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        return self.width / (self.x1 - self.x0)

    def px(self, x, y):
        return (np.asarray(x, dtype=float) - self.x0) * self.scale, (self.y1 - np.asarray(y, dtype=float)) * self.scale


def fit_frame(ranges: tuple[tuple[float, float], tuple[float, float]], width: float, height: float) -> Frame:
    """Widen the x or y range (about its centre) so that one km is as long on both axes, as plotly draws it."""
    (x0, x1), (y0, y1) = ranges
    scale = min(width / (x1 - x0), height / (y1 - y0))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = width / scale / 2, height / scale / 2
    return Frame(cx - half_w, cx + half_w, cy - half_h, cy + half_h, width, height)


def place_labels(
    labels: list[Label], frame: Frame, obstacles: list[tuple[float, float, float, float]], line_points: np.ndarray
) -> list[Placed]:
    """Greedy placement by priority: first free position wins, fewer route lines under the label break ties.

    A label may not overlap a placed label, a symbol (``obstacles``, screen boxes) or leave the plot; a label
    that finds no free position is dropped. ``line_points`` (N×2 screen px) are points along the drawn route:
    covering them is allowed but costs, so names sit beside the lines rather than on them.
    """
    placed: list[Placed] = []
    boxes: list[tuple[float, float, float, float]] = list(obstacles)
    lines = np.asarray(line_points, dtype=float).reshape(-1, 2)
    done_groups: set[str] = set()
    for label in sorted(labels, key=lambda lb: (-lb.priority, lb.key)):
        if label.group and label.group in done_groups:
            continue
        px, py = frame.px(label.x, label.y)
        w, h = text_box(label.text, label.size, label.bold)
        best = None
        for rank, position in enumerate(label.positions):
            box = _candidate_box(float(px), float(py), w, h, position, label.gap)
            if box[0] < 2 or box[1] < 2 or box[2] > frame.width - 2 or box[3] > frame.height - 2:
                continue
            if any(_overlaps(box, other) for other in boxes):
                continue
            if label.area is not None:
                cx = frame.x0 + (box[0] + box[2]) / 2 / frame.scale
                cy = frame.y1 - (box[1] + box[3]) / 2 / frame.scale
                if not point_in_rings(cx, cy, *label.area):
                    continue
            covered = 0
            if len(lines):
                inside = (lines[:, 0] > box[0]) & (lines[:, 0] < box[2]) & (lines[:, 1] > box[1]) & (lines[:, 1] < box[3])
                covered = int(inside.sum())
            cost = covered * 3 + rank
            if best is None or cost < best[0]:
                best = (cost, position, box)
            if covered == 0:
                break
        if best is not None:
            placed.append(Placed(label, best[1], best[2]))
            boxes.append(best[2])
            done_groups.add(label.group)
    return placed


def point_in_rings(x: float, y: float, xs: np.ndarray, ys: np.ndarray) -> bool:
    """Even-odd rule over polygon rings given as one coordinate list with NaN breaks (as plotly draws them)."""
    x0, y0 = xs[:-1], ys[:-1]
    x1, y1 = xs[1:], ys[1:]
    valid = ~(np.isnan(x0) | np.isnan(x1))
    x0, y0, x1, y1 = x0[valid], y0[valid], x1[valid], y1[valid]
    crosses = (y0 > y) != (y1 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
    return bool(np.count_nonzero(crosses & (x < at)) % 2)


def _annotation(p: Placed, palette: Palette) -> dict:
    """A placed label as a plotly annotation: anchored at its point, shifted by pixels to its box."""
    lb = p.label
    sx, sy, xanchor, yanchor = _shift(p.position, lb.gap)
    text = "<br>".join(plotly_safe(line) for line in lb.text.split("\n"))  # label text is plain text: escaped here
    if lb.bold:
        text = f"<b>{text}</b>"
    if lb.italic:
        text = f"<i>{text}</i>"
    halo = palette.halo
    return dict(
        x=lb.x, y=lb.y, xref="x", yref="y", text=text, showarrow=False,
        xanchor=xanchor, yanchor=yanchor, xshift=sx, yshift=-sy, align={"left": "left", "right": "right"}.get(xanchor, "center"),
        font=dict(size=lb.size, color=lb.colour, family=FONT,
                  shadow=f"1px 1px 1px {halo}, -1px -1px 1px {halo}, 1px -1px 1px {halo}, -1px 1px 1px {halo}"),
        borderpad=0, captureevents=False, name=f"label:{lb.kind}:{lb.key}",
    )  # fmt: skip


# ---------------------------------------------------------------- the figure


def _name(row, lang: str) -> str:
    return localised(row, "name", lang)


def _short(row, lang: str) -> str:
    """The name written on the map: the short form in ``lang`` (the build fills it from the full name), else the name."""
    return localised(row, "short", lang) or _name(row, lang)


def geometry_source(row) -> str:
    """How a leg's line was obtained; legs from before the rail build count as schematic (sea legs as sea)."""
    value = getattr(row, "geometry_source", None)
    if isinstance(value, str) and value in ("rail-network", "sea", "schematic"):
        return value
    return "sea" if row.mode == "sea" else "schematic"


def line_style(mode: str, source: str) -> str:
    if mode == "sea":
        return "sea"
    if source == "schematic":
        return "schematic"
    return "road" if mode == "road" else "rail-network"


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


def route_map_figure(
    projected: ProjectedMap,
    overlay: ReleaseOverlay,
    layers: MapLayers,
    lang: str,
    title: str,
    source: str,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
    height: int | None = None,
    legend: bool = True,
    variant: str = "desktop",
    theme: str = "light",
    ferry_times: dict[str, str] | None = None,
) -> go.Figure:
    """Build the route map. Pure: the same inputs give the same figure; no I/O, no projection.

    ``variant`` is the plot box the labels are placed for (``VARIANTS``); ``theme`` picks the light or
    dark palette (exports always use light). ``ferry_times`` maps sea-leg ids to a published crossing time.
    """
    spec = VARIANTS[variant]
    palette = PALETTES[theme]
    if ferry_times is None:  # the geodata's own crossing times (sea legs with a published one)
        ferry_times = segment_crossings(projected.segments, lang)
    plot_height = height or spec.plot_height
    frame = fit_frame(ranges or _default_ranges(projected), spec.plot_width, plot_height)
    km_per_px = 1 / frame.scale
    fig = go.Figure()
    # Everything below may carry data text into plotly's pseudo-HTML labels: escape it once here.
    overlay = ReleaseOverlay(overlay.release_iso3, overlay.mentioned_iso3, escape_frame(overlay.places), escape_frame(overlay.conflicts))
    labels: list[Label] = []
    obstacles: list[tuple[float, float, float, float]] = []
    line_xy: list[np.ndarray] = []
    legend_keys: list[tuple[str, dict]] = []

    _add_countries(fig, projected.countries, overlay, lang, palette, legend_keys)
    node_names = {r.id: _name(r, lang) for r in projected.nodes.itertuples()}
    visible = _visible_segments(projected.segments, layers)
    _add_segments(fig, visible, node_names, lang, palette, km_per_px, frame, line_xy, legend_keys, ferry_times or {})
    _add_ends(fig, projected, visible, lang, palette, frame, labels, obstacles, spec)
    nodes = projected.nodes[projected.nodes["role"].isin(layers.roles)]
    ringed = set(overlay.places["id"]) & set(nodes["id"]) if layers.places and not overlay.places.empty else set()
    _add_nodes(fig, nodes, visible, lang, palette, frame, labels, obstacles, spec, line_xy, ringed)
    if layers.places and not overlay.places.empty:
        _add_places(fig, overlay.places, lang, palette, frame, labels, obstacles, spec, legend_keys)
    if layers.conflicts and not overlay.conflicts.empty:
        # Without the route, the conflicts are the map's subject: their names come first.
        focus = not layers.corridors and not layers.roles
        _add_conflicts(fig, overlay.conflicts, lang, palette, frame, labels, obstacles, spec, legend_keys, focus)
    labels += _country_labels(projected.countries, projected.nodes, overlay, lang, palette, spec, frame)
    labels += _sea_labels(projected.seas, lang, palette, spec)
    if spec.corridor_labels:
        labels += _corridor_labels(visible, lang, palette, spec, frame)
    short_names = {r.id: _short(r, lang) for r in projected.nodes.itertuples()}
    labels += _ferry_labels(visible, ferry_times or {}, short_names, palette, spec)

    points = np.concatenate([np.column_stack(frame.px(xy[:, 0], xy[:, 1])) for xy in line_xy]) if line_xy else np.empty((0, 2))
    placed = place_labels(labels, frame, obstacles, points)

    if legend:
        order = {t(f"map.key.{k}", lang): i for i, k in enumerate(("release", "mentioned"))}
        legend_keys.sort(key=lambda key: order.get(key[0], 2))  # countries first, then lines, then the release's marks
        for name, style in legend_keys:
            fig.add_scatter(x=[None], y=[None], name=name, showlegend=True, hoverinfo="skip", meta={"layer": "key"}, **style)
    fig.update_xaxes(visible=False, range=[frame.x0, frame.x1], fixedrange=False)
    fig.update_yaxes(visible=False, range=[frame.y0, frame.y1], scaleanchor="x", scaleratio=1)
    title_html = wrap_html(plotly_safe(title), spec.title_wrap)
    source_html = wrap_html(plotly_safe(source), spec.source_wrap)
    top = 22 + 22 * (title_html.count("<br>") + 1) + 15 * (source_html.count("<br>") + 1)
    legend_rows = 0 if not legend else _legend_rows(legend_keys, spec)
    bottom = MARGIN["b"] + 12 + 22 * legend_rows
    fig.update_layout(
        template=TEMPLATE_NAME,
        paper_bgcolor=palette.paper,
        plot_bgcolor=palette.water,
        font=dict(color=palette.text),
        dragmode="pan",
        hovermode="closest",
        showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, xanchor="left", font=dict(size=11 if variant == "desktop" else 10, color=palette.text),
                    itemclick=False, itemdoubleclick=False, bgcolor="rgba(0,0,0,0)", entrywidthmode="fraction",
                    entrywidth=round(1 / spec.legend_columns - 0.005, 3), tracegroupgap=0),
        clickmode="event+select",
        title=dict(text=title_html, font=dict(size=17 if variant == "desktop" else 15, color=palette.text),
                   subtitle=dict(text=source_html, font=dict(size=11, color=palette.subtitle))),
        height=plot_height + top + bottom,
        margin=dict(t=top, b=bottom, l=MARGIN["l"], r=MARGIN["r"]),
        annotations=[_annotation(p, palette) for p in placed],
        hoverlabel=dict(bgcolor=palette.halo, font=dict(color=palette.text)),
        # Upright in the map's empty north-east corner, not across the title.
        modebar=dict(orientation="v", bgcolor="rgba(0,0,0,0)", color=palette.muted, activecolor=palette.text),
        meta={"variant": variant, "theme": theme, "labels": len(placed), "dropped": len(labels) - len(placed)},
    )  # fmt: skip
    return fig


def segment_crossings(segments: pd.DataFrame, lang: str) -> dict[str, str]:
    """Published crossing times carried by the sea legs themselves (``crossing_<lang>``, English fallback), by leg id."""
    out = {}
    for row in segments.to_dict("records"):
        text = localised(row, "crossing", lang)
        if text:
            out[row["id"]] = text
    return out


def _legend_rows(keys: list[tuple[str, dict]], spec: Variant) -> int:
    """Rows of the legend: entries sit in fixed columns, so the count is known before plotly draws it."""
    return -(-len(keys) // spec.legend_columns)


def _default_ranges(projected: ProjectedMap) -> tuple[tuple[float, float], tuple[float, float]]:
    """The whole corridor: every node and the end arrows, with room for their labels."""
    xs = list(projected.nodes["x"])
    ys = list(projected.nodes["y"])
    ends = getattr(projected, "ends", None)
    if isinstance(ends, pd.DataFrame) and "head_x" in getattr(ends, "columns", []):
        xs += list(ends["tail_x"]) + list(ends["head_x"])
        ys += list(ends["tail_y"]) + list(ends["head_y"])
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad_x = (x1 - x0) * 0.07
    pad_y = (y1 - y0) * 0.12
    return (float(x0 - pad_x), float(x1 + pad_x)), (float(y0 - pad_y), float(y1 + pad_y))


def _visible_segments(segments: pd.DataFrame, layers: MapLayers) -> pd.DataFrame:
    visible = segments[segments["corridor"].isin(layers.corridors) & segments["mode"].isin(layers.modes)].copy()
    visible["geometry_source"] = [geometry_source(r) for r in visible.itertuples()]
    visible["style"] = [line_style(m, s) for m, s in zip(visible["mode"], visible["geometry_source"], strict=True)]
    return visible


def _add_countries(fig: go.Figure, countries: pd.DataFrame, overlay: ReleaseOverlay, lang: str, palette: Palette, keys: list) -> None:
    fills = {"release": palette.release, "mentioned": palette.mentioned, "other": palette.land}
    seen: set[str] = set()
    for row in countries.itertuples():
        category = "release" if row.iso3 in overlay.release_iso3 else "mentioned" if row.iso3 in overlay.mentioned_iso3 else "other"
        if category != "other" and category not in seen:
            seen.add(category)
            marker = dict(symbol="square", size=13, color=fills[category], line=dict(color=palette.border, width=1))
            keys.append((t(f"map.key.{category}", lang), dict(mode="markers", marker=marker)))
        fig.add_scatter(
            x=row.x,
            y=row.y,
            mode="lines",
            fill="toself",
            fillcolor=fills[category],
            line=dict(color=palette.border, width=0.6),
            showlegend=False,
            hoveron="fills",
            text=plotly_safe(_name(row, lang)),
            hoverinfo="text",
            meta={"layer": "country", "iso3": row.iso3},
        )


def _add_segments(
    fig: go.Figure, visible: pd.DataFrame, names: dict[str, str], lang: str, palette: Palette, km_per_px: float,
    frame: Frame, line_xy: list, keys: list, ferry_times: dict[str, str],
) -> None:  # fmt: skip
    styles_shown: list[str] = []
    for (corridor, style), part in visible.groupby(["corridor", "style"], sort=False):
        xs: list = []
        ys: list = []
        for x, y in zip(part["x"], part["y"], strict=True):
            dx, dy = _decimate(list(x), list(y), km_per_px * 1.5)
            xs += [*[round(v, 1) for v in dx], None]
            ys += [*[round(v, 1) for v in dy], None]
            line_xy.append(_sample(dx, dy, km_per_px * 4))
        colour = palette.corridors[corridor]
        width = 3.2 if corridor == "main" else 2.3
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line=dict(color=colour, width=width, dash=LINE_STYLE[style]),
            showlegend=False, hoverinfo="skip", meta={"layer": "segments", "corridor": corridor, "style": style},
        )  # fmt: skip
        if style not in styles_shown:
            styles_shown.append(style)
        hover = [_segment_hover(r, names, lang, ferry_times) for r in part.itertuples()]
        fig.add_scatter(
            x=part["mx"].round(1), y=part["my"].round(1), mode="markers",
            marker=dict(size=14, color=colour, opacity=0.01), text=hover, hoverinfo="text", showlegend=False,
            customdata=part[["id"]], meta={"layer": "segment-hover", "corridor": corridor},
            selected=dict(marker=dict(opacity=0.01)), unselected=dict(marker=dict(opacity=0.01)),
        )  # fmt: skip
    for style in ("rail-network", "schematic", "sea", "road"):
        if style in styles_shown:
            line = dict(color=palette.key_line, width=2.6, dash=LINE_STYLE[style])
            keys.append((t(f"map.style.{style}", lang), dict(mode="lines", line=line)))


def _sample(xs: list, ys: list, step: float) -> np.ndarray:
    """Points every ``step`` km along a polyline (for keeping labels off the lines)."""
    out = []
    for (x0, y0), (x1, y1) in zip(zip(xs[:-1], ys[:-1], strict=True), zip(xs[1:], ys[1:], strict=True), strict=True):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) // max(step, 1e-6)))
        for i in range(n):
            out.append((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n))
    out.append((xs[-1], ys[-1]))
    return np.asarray(out, dtype=float)


def _segment_hover(r, names: dict[str, str], lang: str, ferry_times: dict[str, str]) -> str:
    how = t(f"map.drawn.{r.geometry_source}", lang)
    km = getattr(r, "length_km", None)
    km = r.km if km is None or pd.isna(km) else km
    note = localised(r, "geometry_note", lang)
    if r.geometry_source == "schematic" and isinstance(note, str) and note:
        how += f" ({plotly_safe(note)})"
    text = (
        f"<b>{plotly_safe(names[r.from_node])} – {plotly_safe(names[r.to_node])}</b>"
        f"<br>{t(f'map.mode.{r.mode}', lang)} · {t(f'corridor.{r.corridor}', lang)}"
        f"<br>{wrap_html(how, 44)}"
        f"<br>{t('map.length_drawn', lang)}: {km:,.0f} km"
    )
    if r.mode == "sea":
        crossing = ferry_times.get(r.id)
        text += f"<br>{t('map.crossing_time', lang)}: {plotly_safe(crossing) if crossing else t('map.unknown', lang)}"
    return text + "<br>" + wrap_html(f"{t('chart.source', lang)}: {plotly_safe(_short_source(r.source))}", 44)


_EDITOR_NOTE = re.compile(r"\s*(?:[—–;-]\s*|\()\s*(?:verify|please verify|prüfen|verifizieren)\b.*$", re.IGNORECASE)


def reader_source(source: object) -> str:
    """A source as a reader sees it: editors' notes to themselves ("— verify before publishing") stay in the files."""
    return _EDITOR_NOTE.sub("", str(source or "")).strip()


def _short_source(source: object) -> str:
    text = reader_source(source)
    return text if len(text) <= 90 else text[:88].rsplit(" ", 1)[0] + " …"


def _marker_box(frame: Frame, x: float, y: float, size: float) -> tuple[float, float, float, float]:
    px, py = frame.px(x, y)
    half = size / 2
    return (float(px) - half, float(py) - half, float(px) + half, float(py) + half)


def _in_frame(frame: Frame, x: float, y: float) -> bool:
    return frame.x0 <= x <= frame.x1 and frame.y0 <= y <= frame.y1


def _add_nodes(
    fig: go.Figure, nodes: pd.DataFrame, visible: pd.DataFrame, lang: str, palette: Palette, frame: Frame,
    labels: list[Label], obstacles: list, spec: Variant, line_xy: list, ringed: set[str] = frozenset(),
) -> None:  # fmt: skip
    if nodes.empty:
        return
    on_main = set(visible.loc[visible["corridor"] == "main", "from_node"]) | set(visible.loc[visible["corridor"] == "main", "to_node"])
    sizes, symbols, hover = [], [], []
    for r in nodes.itertuples():
        priority = ROLE_PRIORITY[r.role] + (8 if r.id in on_main else 0) + (6 if isinstance(r.label, str) and r.label else 0)
        minor = priority < spec.min_priority
        # On a phone the minor nodes shrink to dots: at 15 km per pixel they would hide the main ones' names.
        size = 5 if minor else 13 if r.role == "capital" else 9 if r.role in ("border-crossing", "planned-port") else 10
        symbol = "circle" if minor else ROLE_SYMBOL[r.role]
        sizes.append(size)
        symbols.append(symbol)
        note = localised(r, "note", lang)
        hover.append(
            f"<b>{plotly_safe(_name(r, lang))}</b><br>{t(f'role.{r.role}', lang)} · {plotly_safe(r.iso3)}"
            + (f"<br>{wrap_html(plotly_safe(note), 44)}" if isinstance(note, str) and note else "")
            + (f"<br>{t('map.position_approximate', lang)}" if r.approximate else "")
            + f"<br>{t('map.click_for_details', lang)}"
        )
        if _in_frame(frame, r.x, r.y):
            if minor:  # a label may cover a small dot (at a cost, like a line), never a full symbol
                line_xy.append(np.array([[r.x, r.y]] * 4, dtype=float))
                continue
            # A node that is also one of the release's places wears its ring: the label keeps clear of the ring.
            outline = RING_SIZE if r.id in ringed else size
            obstacles.append(_marker_box(frame, r.x, r.y, outline))
            if not minor:
                labels.append(Label(f"node:{r.id}", _short(r, lang), r.x, r.y, priority, spec.font, gap=outline / 2 + 3,
                                    colour=palette.text, kind="node"))  # fmt: skip
    fig.add_scatter(
        x=nodes["x"], y=nodes["y"], mode="markers",
        marker=dict(size=sizes, symbol=symbols, color=palette.node, line=dict(color=palette.node_line, width=1.3)),
        hovertext=hover, hoverinfo="text", showlegend=False, customdata=nodes[["id", "role"]],
        # A click selects: the clicked node turns to the accent colour, the others stay as they are (not faded).
        selected=dict(marker=dict(color=palette.place, opacity=1)), unselected=dict(marker=dict(opacity=1)),
        meta={"layer": "nodes"},
    )  # fmt: skip


def _add_ends(
    fig: go.Figure, projected: ProjectedMap, visible: pd.DataFrame, lang: str, palette: Palette, frame: Frame,
    labels: list[Label], obstacles: list, spec: Variant,
) -> None:  # fmt: skip
    """Arrows 'from China' into the corridor at the Chinese border and 'to Europe' out of it at its western exits."""
    ends = corridor_ends(projected, lang)
    shown = set(visible["from_node"]) | set(visible["to_node"])
    for end in ends.itertuples():
        if end.node not in shown:
            continue
        tx, ty, hx, hy = end.tail_x, end.tail_y, end.head_x, end.head_y
        length = float(np.hypot(hx - tx, hy - ty)) or 1.0
        # Keep 9 px between the arrow and the node symbol at whichever end the node is.
        step = 9 / frame.scale
        if end.direction == "from-china":
            hx, hy = hx - (hx - tx) / length * step, hy - (hy - ty) / length * step
        else:
            tx, ty = tx + (hx - tx) / length * step, ty + (hy - ty) / length * step
        fig.add_scatter(
            x=[round(tx, 1), round(hx, 1)], y=[round(ty, 1), round(hy, 1)], mode="lines+markers",
            line=dict(color=palette.muted, width=1.6),
            marker=dict(symbol="arrow", size=[0, 11], angleref="previous", color=palette.muted),
            hoverinfo="skip", showlegend=False, meta={"layer": "ends", "direction": end.direction},
        )  # fmt: skip
        if _in_frame(frame, end.lx, end.ly):
            obstacles.append(_marker_box(frame, end.lx, end.ly, 8))
            east = end.lx > end.tail_x or end.lx > end.head_x
            labels.append(Label(f"end:{end.id}", end.label, end.lx, end.ly, 78, spec.font - 1, gap=6,
                                positions=("E", "NE", "SE", "N", "S") if east else ("W", "NW", "SW", "N", "S"),
                                colour=palette.muted, italic=True, kind="end", group=f"end:{end.direction}"))  # fmt: skip


def corridor_ends(projected: ProjectedMap, lang: str) -> pd.DataFrame:
    """The corridor's open ends: arrow tail → head in km and the label point at the outer end.

    GEO's ``ends`` layer when present; for geodata without it, derived from the border and exit nodes.
    """
    cols = ["id", "node", "direction", "label", "tail_x", "tail_y", "head_x", "head_y", "lx", "ly"]
    ends = getattr(projected, "ends", None)
    if isinstance(ends, pd.DataFrame) and not ends.empty and "head_x" in ends.columns:
        out = ends.copy()
        out["label"] = [localised(row, "label", lang) or t(f"map.end.{row['direction']}", lang) for row in out.to_dict("records")]
        outer_is_tail = out["direction"] == "from-china"
        out["lx"] = np.where(outer_is_tail, out["tail_x"], out["head_x"])
        out["ly"] = np.where(outer_is_tail, out["tail_y"], out["head_y"])
        return out[cols]
    nodes = projected.nodes.set_index("id")
    rows = []
    for node_id, direction, dx in (("alashankou", "from-china", 260), ("khorgos", "from-china", 260),
                                   ("constanta", "to-europe", -260), ("kapikule", "to-europe", -260)):  # fmt: skip
        if node_id in nodes.index:
            n = nodes.loc[node_id]
            x, y, ox = float(n["x"]), float(n["y"]), float(n["x"]) + dx
            tail, head = ((ox, y), (x, y)) if direction == "from-china" else ((x, y), (ox, y))
            rows.append({"id": node_id, "node": node_id, "direction": direction, "label": t(f"map.end.{direction}", lang),
                         "tail_x": tail[0], "tail_y": tail[1], "head_x": head[0], "head_y": head[1], "lx": ox, "ly": y})  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _add_places(
    fig: go.Figure, places: pd.DataFrame, lang: str, palette: Palette, frame: Frame, labels: list[Label], obstacles: list,
    spec: Variant, keys: list,
) -> None:  # fmt: skip
    style = dict(symbol="circle-open", size=RING_SIZE, color=palette.place, line=dict(width=2.4))
    fig.add_scatter(
        x=places["x"], y=places["y"], mode="markers", marker=style, showlegend=False,
        hovertext=[f"<b>{r.label}</b><br>„{r.quote}“<br>" + wrap_html(f"{t('chart.source', lang)}: {_short_source(r.source)}", 44)
                   for r in places.itertuples()],
        hoverinfo="text", customdata=places[["id"]], meta={"layer": "places"}, unselected=dict(marker=dict(opacity=1)),
    )  # fmt: skip
    keys.append((t("map.key.places", lang), dict(mode="markers", marker=style)))
    for r in places.itertuples():
        if not _in_frame(frame, r.x, r.y):
            continue
        if not r.map_label:  # a corridor node: its ring is already an obstacle
            continue
        obstacles.append(_marker_box(frame, r.x, r.y, RING_SIZE))
        if r.map_label:  # places that are not corridor nodes carry their own label
            labels.append(
                Label(f"place:{r.id}", html.unescape(r.map_label), r.x, r.y, 70, spec.font, gap=12, colour=palette.place, kind="place")
            )


def _add_conflicts(
    fig: go.Figure, conflicts: pd.DataFrame, lang: str, palette: Palette, frame: Frame, labels: list[Label],
    obstacles: list, spec: Variant, keys: list, focus: bool = False,
) -> None:  # fmt: skip
    style = dict(size=13, symbol="x", color=palette.conflict, line=dict(color=palette.node_line, width=1))
    fig.add_scatter(
        x=conflicts["x"], y=conflicts["y"], mode="markers", marker=style, showlegend=False,
        hovertext=[f"<b>{r.label}</b><br>{wrap_html(r.position, 44)}<br>{wrap_html(f'„{r.quote}“', 44)}" for r in conflicts.itertuples()],
        hoverinfo="text", customdata=conflicts[["id"]], meta={"layer": "conflicts"}, unselected=dict(marker=dict(opacity=1)),
    )  # fmt: skip
    keys.append((t("map.key.conflicts", lang), dict(mode="markers", marker=style)))
    for r in conflicts.itertuples():
        if _in_frame(frame, r.x, r.y):
            obstacles.append(_marker_box(frame, r.x, r.y, 13))
            if spec.min_priority > 25 and not focus:  # too small a screen for the long names; the hover has them
                continue
            labels.append(Label(f"conflict:{r.id}", "\n".join(textwrap.wrap(html.unescape(r.label), 22)), r.x, r.y, 99 if focus else 25, spec.font - 1, gap=9,
                                positions=("S", "N", "E", "W", "SE", "SW", "NE", "NW"), colour=palette.conflict,
                                kind="conflict"))  # fmt: skip


def _country_labels(
    countries: pd.DataFrame,
    nodes: pd.DataFrame,
    overlay: ReleaseOverlay,
    lang: str,
    palette: Palette,
    spec: Variant,
    frame: Frame,
) -> list[Label]:
    """Names of the corridor's countries, in capitals, centred on their label point (nudged if crowded)."""
    if "corridor" in countries.columns:
        chosen = set(countries.loc[countries["corridor"].fillna(False).astype(bool), "iso3"])
    else:
        chosen = set(nodes["iso3"])
    out = []
    nudges = ("C", "C+N", "C+S", "C+E", "C+W", "C+NE", "C+SW", "C+NW", "C+SE")
    for r in countries.itertuples():
        if r.iso3 not in chosen or pd.isna(r.cx):
            continue
        # The release's own countries: after the main nodes on a desktop, first of all on a phone (few names fit there).
        priority = (97 if spec.min_priority else 87) if r.iso3 in overlay.release_iso3 else 58
        size = spec.font + (1 if r.iso3 in overlay.release_iso3 else 0)
        x, y = r.cx, r.cy
        rings = (np.asarray([np.nan if v is None else v for v in r.x], dtype=float),
                 np.asarray([np.nan if v is None else v for v in r.y], dtype=float))  # fmt: skip
        if not _in_frame(frame, x, y):  # zoomed in: the middle of the country's part on screen
            xs = rings[0][~np.isnan(rings[0])]
            ys = rings[1][~np.isnan(rings[1])]
            inside = (xs > frame.x0) & (xs < frame.x1) & (ys > frame.y0) & (ys < frame.y1)
            if inside.sum() < 8:
                continue
            x = float(np.clip(xs, frame.x0, frame.x1).mean())
            y = float(np.clip(ys, frame.y0, frame.y1).mean())
        for ring, gap in enumerate((10, 22, 36, 54)):  # near its label point first, then further out
            out.append(Label(f"country:{r.iso3}:{ring}", _name(r, lang).upper(), x, y, priority - ring * 0.1, size, gap=gap,
                             positions=nudges[1:] if ring else nudges, colour=palette.muted, kind="country",
                             group=f"country:{r.iso3}", area=rings))  # fmt: skip
    return out


# Other places a sea's name may go when its own point is crowded (km from it): the Caspian's north and south basins.
SEA_ALTERNATIVES = {"caspian": ((0, 380), (60, -330), (-60, 250)), "black": ((-150, -60), (150, 40))}


def _sea_labels(seas: pd.DataFrame, lang: str, palette: Palette, spec: Variant) -> list[Label]:
    out = []
    for r in seas.itertuples():
        text = "\n".join(_name(r, lang).split(" ", 1))
        anchors = [(0, 0), *SEA_ALTERNATIVES.get(r.id, ())]
        for n, (dx, dy) in enumerate(anchors):
            out.append(Label(f"sea:{r.id}:{n}", text, r.x + dx, r.y + dy, 74 - n * 0.1, spec.font, gap=12,
                             positions=("C", "C+S", "C+N", "C+W", "C+E"), colour=palette.sea_text, italic=True, kind="sea",
                             group=f"sea:{r.id}"))  # fmt: skip
    return out


def _corridor_labels(visible: pd.DataFrame, lang: str, palette: Palette, spec: Variant, frame: Frame) -> list[Label]:
    """One direct label per corridor, beside its longest drawn leg (candidates along the line)."""
    out = []
    for corridor, part in visible.groupby("corridor", sort=False):
        lengths = [float(np.hypot(np.diff(x), np.diff(y)).sum()) for x, y in zip(part["x"], part["y"], strict=True)]
        leg = part.iloc[int(np.argmax(lengths))]
        xs, ys = np.asarray(leg["x"], dtype=float), np.asarray(leg["y"], dtype=float)
        if float(max(lengths)) * frame.scale < 40:
            continue
        cum = np.concatenate([[0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
        for n, frac in enumerate((0.5, 0.35, 0.65, 0.22, 0.78)):
            at = float(np.interp(frac * cum[-1], cum, xs)), float(np.interp(frac * cum[-1], cum, ys))
            out.append(Label(f"corridor:{corridor}:{n}", t(f"map.corridor.{corridor}", lang), at[0], at[1],
                             (84 if corridor == "main" else 50) - n * 0.1, spec.font - 1, gap=5,
                             positions=("N", "S", "NE", "SW", "NW", "SE"), colour=palette.corridors[corridor],
                             bold=True, kind="corridor", group=f"corridor:{corridor}"))  # fmt: skip
    return out


def _ferry_labels(
    visible: pd.DataFrame, ferry_times: dict[str, str], short: dict[str, str], palette: Palette, spec: Variant
) -> list[Label]:
    """The published crossing time beside each ferry leg that has one (no label where it is unknown)."""
    out = []
    for r in visible[visible["mode"] == "sea"].itertuples():
        crossing = ferry_times.get(r.id)
        if crossing:
            leg = "" if "→" in crossing else f"{short.get(r.from_node, r.from_node)}–{short.get(r.to_node, r.to_node)}\n"
            text = leg + "\n".join(textwrap.wrap(crossing, 30))
            out.append(Label(f"ferry:{r.id}", text, r.mx, r.my, 64, spec.font - 1, gap=5,
                             positions=("E", "W", "SE", "NE", "SW", "NW", "S", "N"), colour=palette.corridors[r.corridor],
                             kind="ferry"))  # fmt: skip
    return out
