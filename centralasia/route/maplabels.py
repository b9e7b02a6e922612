"""Label placement for the route map: text boxes estimated per character, placed greedily by importance.

Plotly never moves a label out of another's way. The builder knows the plot box it draws for, estimates each
label's box from its characters and font size, and places labels by importance, trying positions around the
anchor and dropping the least important ones that do not fit (``place_labels``). A label that must be shown
(a sea, a shaded country, a seaport) may, as a last resort, stand further off with a leader line to its point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from centralasia.charts.theme import (
    FONT,
    text_box,  # noqa: F401 - re-exported: the map measures its labels with the charts' one measure
)
from centralasia.route.mapstyle import Palette
from centralasia.safe_text import plotly_text


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
    leader: bool = False  # must be shown: when no position beside the point is free, stand off with a leader line


@dataclass(frozen=True)
class Placed:
    label: Label
    position: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in screen px (y down)
    arrow: tuple[float, float] | None = None  # a leader line: the label's centre this many px (dx, dy; y down) off its point


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

    def contains(self, x: float, y: float) -> bool:
        """True when the point (km) lies in the plot box."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


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
        if best is None and label.leader:
            best = _leader_position(float(px), float(py), w, h, frame, boxes, lines)
        if best is not None:
            placed.append(Placed(label, best[1], best[2], best[3] if len(best) > 3 else None))
            boxes.append(best[2])
            done_groups.add(label.group)
    return placed


# Leader-line offsets tried (px from the point to the label's centre), nearest first: a ring of 12 directions.
_LEADER_RADII = (30, 40, 52, 66, 82, 100, 120)
_LEADER_ANGLES = tuple(np.radians(a) for a in (0, 180, 300, 240, 60, 120, 330, 210, 30, 150, 270, 90, 345, 195, 15, 165, 285, 255, 75, 105))


def _leader_position(px: float, py: float, w: float, h: float, frame: Frame, boxes: list, lines: np.ndarray):
    """A free spot for a label that must be shown, off its point with a short leader line; None when there is none."""
    best = None
    longest = max(_LEADER_RADII[0], 0.3 * frame.width)  # a leader never runs across a small map
    for radius in (r for r in _LEADER_RADII if r <= longest):
        for angle in _LEADER_ANGLES:
            dx, dy = radius * float(np.cos(angle)), radius * float(np.sin(angle))
            cx, cy = px + dx, py + dy
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if box[0] < 2 or box[1] < 2 or box[2] > frame.width - 2 or box[3] > frame.height - 2:
                continue
            if _overlaps(box, (px - 4, py - 4, px + 4, py + 4)) or any(_overlaps(box, other) for other in boxes):
                continue
            covered = 0
            if len(lines):
                inside = (lines[:, 0] > box[0]) & (lines[:, 0] < box[2]) & (lines[:, 1] > box[1]) & (lines[:, 1] < box[3])
                covered = int(inside.sum())
            crossing = _line_crosses(px, py, cx, cy, box, boxes)  # allowed, but only when nothing better is free
            cost = covered * 3 + radius / 10 + (40 if crossing else 0)
            if best is None or cost < best[0]:
                best = (cost, "L", box, (dx, dy))
            if covered == 0 and not crossing:
                return best
        if best is not None and best[0] < 40:
            return best
    return best


def _line_crosses(px: float, py: float, cx: float, cy: float, own: tuple, boxes: list) -> bool:
    """True when the leader from the point to the label's centre runs through another label or symbol (sampled)."""
    for f in np.linspace(0.15, 1.0, 14):
        x, y = px + (cx - px) * f, py + (cy - py) * f
        if own[0] <= x <= own[2] and own[1] <= y <= own[3]:
            return False  # reached the label itself
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            return True
    return False


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
    """A placed label as a plotly annotation: anchored at its point, shifted by pixels to its box (or on a leader line)."""
    lb = p.label
    text = "<br>".join(plotly_text(line) for line in lb.text.split("\n"))  # label text is plain text: escaped here
    if lb.bold:
        text = f"<b>{text}</b>"
    if lb.italic:
        text = f"<i>{text}</i>"
    halo = palette.halo
    font = dict(size=lb.size, color=lb.colour, family=FONT,
                shadow=f"1px 1px 1px {halo}, -1px -1px 1px {halo}, 1px -1px 1px {halo}, -1px 1px 1px {halo}")  # fmt: skip
    common = dict(x=lb.x, y=lb.y, xref="x", yref="y", text=text, font=font, borderpad=0, captureevents=False,
                  name=f"label:{lb.kind}:{lb.key}")  # fmt: skip
    if p.arrow is not None:
        dx, dy = p.arrow
        return dict(**common, showarrow=True, ax=round(dx, 1), ay=round(dy, 1), axref="pixel", ayref="pixel",
                    xanchor="center", yanchor="middle", align="center", arrowhead=0, arrowwidth=1, arrowcolor=lb.colour,
                    standoff=3, startstandoff=0)  # fmt: skip
    sx, sy, xanchor, yanchor = _shift(p.position, lb.gap)
    return dict(**common, showarrow=False, xanchor=xanchor, yanchor=yanchor, xshift=sx, yshift=-sy,
                align={"left": "left", "right": "right"}.get(xanchor, "center"))  # fmt: skip
