"""The names the map writes: countries, seas, corridors and ferry crossing times, as label candidates.

Each function returns :class:`~centralasia.route.maplabels.Label` candidates (several per name, nearest first);
``maplabels.place_labels`` keeps those that fit. Marks that carry their own label (nodes, places, conflicts, the
corridor's ends) are drawn in ``mapfig``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from centralasia.i18n import t
from centralasia.route.geo import localised
from centralasia.route.mapcompose import Composition
from centralasia.route.maplabels import Frame, Label, point_in_rings, text_box
from centralasia.route.mapstyle import Palette, ReleaseOverlay


def map_name(row, lang: str) -> str:
    return localised(row, "name", lang)


def short_name(row, lang: str) -> str:
    """The name written on the map: the short form in ``lang`` (the build fills it from the full name), else the name."""
    return localised(row, "short", lang) or map_name(row, lang)


def country_labels(
    countries: pd.DataFrame,
    nodes: pd.DataFrame,
    overlay: ReleaseOverlay,
    lang: str,
    palette: Palette,
    spec: Composition,
    frame: Frame,
) -> list[Label]:
    """Country names in capitals, centred on their label point: every shaded one, the corridor's, then others as room allows.

    Nudged when crowded; a shaded country (and on a wider screen a corridor country) that still finds no room inside
    itself is named beside it with a leader line. Other countries on screen (Russia, Uzbekistan…) fill what room is left.
    """
    if "corridor" in countries.columns:
        corridor = set(countries.loc[countries["corridor"].fillna(False).astype(bool), "iso3"])
    else:
        corridor = set(nodes["iso3"])
    shaded = overlay.release_iso3 | overlay.mentioned_iso3
    out = []
    nudges = ("C", "C+N", "C+S", "C+E", "C+W", "C+NE", "C+SW", "C+NW", "C+SE")
    for r in countries.itertuples():
        if pd.isna(r.cx) or (spec.phone and r.iso3 not in shaded | corridor):
            continue
        # Shaded countries: after the main nodes on a desktop, first of all on a phone (few names fit there).
        if r.iso3 in overlay.release_iso3:
            priority = 97 if spec.phone else 87
        elif r.iso3 in shaded:
            priority = 95 if spec.phone else 86
        else:
            priority = 58 if r.iso3 in corridor else 40
        must = r.iso3 in shaded or (r.iso3 in corridor and not spec.phone)
        size = spec.font + (1 if r.iso3 in overlay.release_iso3 else 0)
        x, y = r.cx, r.cy
        rings = (np.asarray([np.nan if v is None else v for v in r.x], dtype=float),
                 np.asarray([np.nan if v is None else v for v in r.y], dtype=float))  # fmt: skip
        if not frame.contains(x, y):  # zoomed in: the middle of the country's part on screen
            xs = rings[0][~np.isnan(rings[0])]
            ys = rings[1][~np.isnan(rings[1])]
            inside = (xs > frame.x0) & (xs < frame.x1) & (ys > frame.y0) & (ys < frame.y1)
            if inside.sum() < 8:
                continue
            x = float(np.clip(xs, frame.x0, frame.x1).mean())
            y = float(np.clip(ys, frame.y0, frame.y1).mean())
        if priority <= 40 and not _roomy(rings, frame, text_box(map_name(r, lang).upper(), size)):
            continue  # a country off the route is named only where its name fits well inside it
        for ring, gap in enumerate((10, 22, 36, 54)):  # near its label point first, then further out
            out.append(Label(f"country:{r.iso3}:{ring}", map_name(r, lang).upper(), x, y, priority - ring * 0.1, size, gap=gap,
                             positions=nudges[1:] if ring else nudges, colour=palette.muted, kind="country",
                             group=f"country:{r.iso3}", area=rings, leader=ring == 3 and must))  # fmt: skip
    return out


# Other places a sea's name may go when its own point is crowded (km from it): the Caspian's north and south basins.
SEA_ALTERNATIVES = {"caspian": ((0, 380), (60, -330), (-60, 250)), "black": ((-150, -60), (150, 40))}


def sea_labels(seas: pd.DataFrame, lang: str, palette: Palette, spec: Composition, frame: Frame, countries: pd.DataFrame) -> list[Label]:
    """Each sea's name on the water: its label point, then other parts of the sea, then off it with a leader line.

    A sea whose label points all lie outside a zoomed-in window is named where the window's edge nearest to its
    label point shows water (the Black Sea's eastern shore in the Caucasus view).
    """
    out = []
    for r in seas.itertuples():
        text = "\n".join(map_name(r, lang).split(" ", 1))
        anchors = [(0, 0), *SEA_ALTERNATIVES.get(r.id, ())]
        if not any(frame.contains(r.x + dx, r.y + dy) for dx, dy in anchors):
            margin = 48 / frame.scale
            x = float(np.clip(r.x, frame.x0 + margin, frame.x1 - margin))
            y = float(np.clip(r.y, frame.y0 + margin, frame.y1 - margin))
            if not _on_land(countries, x, y):
                anchors = [(x - r.x, y - r.y)]
        for n, (dx, dy) in enumerate(anchors):
            last = n == len(anchors) - 1
            out.append(Label(f"sea:{r.id}:{n}", text, r.x + dx, r.y + dy, (95 if spec.phone else 74) - n * 0.1, spec.font, gap=12,
                             positions=("C", "C+S", "C+N", "C+W", "C+E", "C+NE", "C+SW", "C+NW", "C+SE"), colour=palette.sea_text,
                             italic=True, kind="sea", group=f"sea:{r.id}",
                             leader=last and frame.contains(r.x + dx, r.y + dy)))  # fmt: skip
    return out


def _roomy(rings: tuple[np.ndarray, np.ndarray], frame: Frame, text: tuple[float, float]) -> bool:
    """True when the country's part on screen is well wider and taller than its name."""
    xs, ys = rings[0][~np.isnan(rings[0])], rings[1][~np.isnan(rings[1])]
    width = float(np.ptp(np.clip(xs, frame.x0, frame.x1))) * frame.scale
    height = float(np.ptp(np.clip(ys, frame.y0, frame.y1))) * frame.scale
    return bool(width >= 1.6 * text[0] and height >= 3 * text[1])


def _on_land(countries: pd.DataFrame, x: float, y: float) -> bool:
    """True when (x, y) km lies inside one of the countries' rings."""
    for row in countries.itertuples():
        xs = np.asarray([np.nan if v is None else v for v in row.x], dtype=float)
        ys = np.asarray([np.nan if v is None else v for v in row.y], dtype=float)
        if np.nanmin(xs) <= x <= np.nanmax(xs) and np.nanmin(ys) <= y <= np.nanmax(ys) and point_in_rings(x, y, xs, ys):
            return True
    return False


def corridor_labels(visible: pd.DataFrame, lang: str, palette: Palette, spec: Composition, frame: Frame) -> list[Label]:
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
                             (84 if corridor == "main" else 50) - n * 0.1, spec.small, gap=5,
                             positions=("N", "S", "NE", "SW", "NW", "SE"), colour=palette.corridors[corridor],
                             bold=True, kind="corridor", group=f"corridor:{corridor}"))  # fmt: skip
    return out


def ferry_labels(
    visible: pd.DataFrame, ferry_times: dict[str, str], short: dict[str, str], palette: Palette, spec: Composition
) -> list[Label]:
    """The published crossing time beside each ferry leg that has one (no label where it is unknown)."""
    out = []
    for r in visible[visible["mode"] == "sea"].itertuples():
        crossing = ferry_times.get(r.id)
        if crossing:
            leg = "" if "→" in crossing else f"{short.get(r.from_node, r.from_node)}–{short.get(r.to_node, r.to_node)}\n"
            text = leg + "\n".join(textwrap.wrap(crossing, 30))
            out.append(Label(f"ferry:{r.id}", text, r.mx, r.my, 64, spec.small, gap=5,
                             positions=("E", "W", "SE", "NE", "SW", "NW", "S", "N"), colour=palette.corridors[r.corridor],
                             kind="ferry"))  # fmt: skip
    return out
