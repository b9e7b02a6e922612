"""The corridor map as a pure figure builder: projected layers in, an offline plotly Figure out, composed for its box.

Countries are drawn as filled cartesian shapes from our own prepared geodata, so the figure never asks
cdn.plot.ly for a base map: it draws with no network, in the app and in exported HTML.

The figure is composed for the box it is shown in (``Box``: width, and height where the container imposes
one): font sizes, title and source wrapping, legend columns, the plot box and the data window are chosen for
it, and labels are placed for that plot box (``maplabels.place_labels``). Labels are annotations shifted by
pixels from their anchor, so their distance from the symbol stays the same. Style: ``mapstyle``; the names
written where no mark stands (countries, seas, corridors, ferry times): ``mapnames``.
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from centralasia.charts.figures import TEMPLATE_NAME, wrap_html
from centralasia.charts.registry import Box
from centralasia.i18n import format_number, t
from centralasia.route.geo import ProjectedMap, localised
from centralasia.route.mapcompose import (
    MARGIN_X,
    Composition,
    _decimate,
    _sample,
    compose,
)
from centralasia.route.maplabels import (
    Frame,
    Label,
    _annotation,
    place_labels,
)
from centralasia.route.mapnames import corridor_labels, country_labels, ferry_labels, map_name, sea_labels, short_name
from centralasia.route.mapstyle import (
    LINE_STYLE,
    PALETTES,
    RING_SIZE,
    ROLE_PRIORITY,
    ROLE_SYMBOL,
    MapLayers,
    Palette,
    ReleaseOverlay,
)
from centralasia.safe_text import plotly_text


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


def legend_keys(projected: ProjectedMap, overlay: ReleaseOverlay, layers: MapLayers, visible: pd.DataFrame, lang: str,
                palette: Palette) -> list[tuple[str, dict]]:  # fmt: skip
    """The legend: shaded countries, every corridor colour shown, line styles, then the release's marks."""
    keys: list[tuple[str, dict]] = []
    shaded = set(projected.countries["iso3"])
    fills = {"release": (overlay.release_iso3, palette.release), "mentioned": (overlay.mentioned_iso3, palette.mentioned)}
    for category, (members, colour) in fills.items():
        if members & shaded:
            marker = dict(symbol="square", size=13, color=colour, line=dict(color=palette.border, width=1))
            keys.append((t(f"map.key.{category}", lang), dict(mode="markers", marker=marker)))
    shown = set(visible["corridor"])
    for corridor in palette.corridors:
        if corridor in shown:
            line = dict(color=palette.corridors[corridor], width=3.2 if corridor == "main" else 2.6)
            keys.append((t(f"map.corridor.{corridor}", lang), dict(mode="lines", line=line)))
    styles = set(visible["style"])
    for style in ("rail-network", "schematic", "sea", "road"):
        if style in styles:
            line = dict(color=palette.key_line, width=2.6, dash=LINE_STYLE[style])
            keys.append((t(f"map.style.{style}", lang), dict(mode="lines", line=line)))
    if layers.places and not overlay.places.empty:
        keys.append((t("map.key.places", lang), dict(mode="markers", marker=_place_style(palette))))
    if layers.conflicts and not overlay.conflicts.empty:
        keys.append((t("map.key.conflicts", lang), dict(mode="markers", marker=_conflict_style(palette))))
    return keys


def _place_style(palette: Palette) -> dict:
    return dict(symbol="circle-open", size=RING_SIZE, color=palette.place, line=dict(width=2.4))


def _conflict_style(palette: Palette) -> dict:
    return dict(size=13, symbol="x", color=palette.conflict, line=dict(color=palette.node_line, width=1))


def route_map_figure(
    projected: ProjectedMap,
    overlay: ReleaseOverlay,
    layers: MapLayers,
    lang: str,
    title: str,
    source: str,
    box: Box,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
    legend: bool = True,
    theme: str = "light",
    ferry_times: dict[str, str] | None = None,
    node: str | None = None,
) -> go.Figure:
    """Build the route map composed for ``box``. Pure: the same inputs give the same figure; no I/O, no projection.

    ``theme`` picks the light or dark palette (exports always use light). ``ferry_times`` maps sea-leg ids to a
    published crossing time. ``node`` is marked as a click marks it (plotly's selection on the nodes).
    """
    palette = PALETTES[theme]
    if ferry_times is None:  # the geodata's own crossing times (sea legs with a published one)
        ferry_times = segment_crossings(projected.segments, lang)
    # The overlay's data text stays plain text: each hover escapes it where it is written (plotly_text), the labels are
    # measured as the reader sees them and escaped when they are drawn (maplabels).
    visible = _visible_segments(projected.segments, layers)
    keys = legend_keys(projected, overlay, layers, visible, lang, palette)
    comp, frame = compose(box, title, source, [plotly_text(k) for k, _ in keys], ranges or _default_ranges(projected), legend)
    km_per_px = 1 / frame.scale
    fig = go.Figure()
    labels: list[Label] = []
    obstacles: list[tuple[float, float, float, float]] = []
    line_xy: list[np.ndarray] = []

    _add_countries(fig, projected.countries, overlay, lang, palette)
    node_names = {r.id: map_name(r, lang) for r in projected.nodes.itertuples()}
    _add_segments(fig, visible, node_names, lang, palette, km_per_px, line_xy, ferry_times or {})
    _add_ends(fig, projected, visible, lang, palette, frame, labels, obstacles, comp)
    nodes = projected.nodes[projected.nodes["role"].isin(layers.roles)]
    ringed = set(overlay.places["id"]) & set(nodes["id"]) if layers.places and not overlay.places.empty else set()
    _add_nodes(fig, nodes, visible, lang, palette, frame, labels, obstacles, comp, line_xy, ringed, node)
    if layers.places and not overlay.places.empty:
        _add_places(fig, overlay.places, lang, palette, frame, labels, obstacles, comp)
    if layers.conflicts and not overlay.conflicts.empty:
        # Without the route, the conflicts are the map's subject: their names come first.
        focus = not layers.corridors and not layers.roles
        _add_conflicts(fig, overlay.conflicts, lang, palette, frame, labels, obstacles, comp, focus)
    labels += country_labels(projected.countries, projected.nodes, overlay, lang, palette, comp, frame)
    labels += sea_labels(projected.seas, lang, palette, comp, frame, projected.countries)
    if comp.corridor_labels:
        labels += corridor_labels(visible, lang, palette, comp, frame)
    short_names = {r.id: short_name(r, lang) for r in projected.nodes.itertuples()}
    labels += ferry_labels(visible, ferry_times or {}, short_names, palette, comp)

    points = np.concatenate([np.column_stack(frame.px(xy[:, 0], xy[:, 1])) for xy in line_xy]) if line_xy else np.empty((0, 2))
    placed = place_labels(labels, frame, obstacles, points)

    if legend:
        for name, (_, style) in zip(comp.legend_names, keys, strict=True):
            fig.add_scatter(x=[None], y=[None], name=name, showlegend=True, hoverinfo="skip", meta={"layer": "key"}, **style)
    fig.update_xaxes(visible=False, range=[frame.x0, frame.x1], fixedrange=False)
    fig.update_yaxes(visible=False, range=[frame.y0, frame.y1], scaleanchor="x", scaleratio=1)
    fixed = box.medium == "image"  # an image is drawn at its named size; elsewhere the figure follows its container
    fig.update_layout(
        template=TEMPLATE_NAME,
        paper_bgcolor=palette.paper,
        plot_bgcolor=palette.water,
        font=dict(color=palette.text),
        dragmode="pan",
        hovermode="closest",
        showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, xanchor="left", font=dict(size=comp.legend_size, color=palette.text),
                    itemclick=False, itemdoubleclick=False, bgcolor="rgba(0,0,0,0)", entrywidthmode="fraction",
                    entrywidth=round(1 / max(comp.legend_columns, 1) - 0.005, 3), tracegroupgap=0, valign="top"),
        clickmode="event+select",
        title=dict(text=comp.title_html, font=dict(size=comp.title_size, color=palette.text), automargin=False, pad=dict(t=20, l=2),
                   subtitle=dict(text=comp.source_html, font=dict(size=comp.source_size, color=palette.subtitle))),
        height=comp.height,
        width=comp.box.width if fixed else None,
        margin=dict(t=comp.top, b=comp.bottom, l=MARGIN_X, r=MARGIN_X, autoexpand=False),
        annotations=[_annotation(p, palette) for p in placed],
        hoverlabel=dict(bgcolor=palette.halo, font=dict(color=palette.text)),
        # Upright in the map's empty north-east corner, not across the title.
        modebar=dict(orientation="v", bgcolor="rgba(0,0,0,0)", color=palette.muted, activecolor=palette.text),
        meta={"box": [box.width, box.height, box.medium], "theme": theme, "labels": len(placed), "dropped": len(labels) - len(placed),
              "plot": [frame.width, frame.height], "node": node},
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


def _add_countries(fig: go.Figure, countries: pd.DataFrame, overlay: ReleaseOverlay, lang: str, palette: Palette) -> None:
    fills = {"release": palette.release, "mentioned": palette.mentioned, "other": palette.land}
    for row in countries.itertuples():
        category = "release" if row.iso3 in overlay.release_iso3 else "mentioned" if row.iso3 in overlay.mentioned_iso3 else "other"
        fig.add_scatter(
            x=row.x,
            y=row.y,
            mode="lines",
            fill="toself",
            fillcolor=fills[category],
            line=dict(color=palette.border, width=0.6),
            showlegend=False,
            hoveron="fills",
            text=plotly_text(map_name(row, lang)),
            hoverinfo="text",
            meta={"layer": "country", "iso3": row.iso3},
        )


def _add_segments(
    fig: go.Figure, visible: pd.DataFrame, names: dict[str, str], lang: str, palette: Palette, km_per_px: float,
    line_xy: list, ferry_times: dict[str, str],
) -> None:  # fmt: skip
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
        hover = [_segment_hover(r, names, lang, ferry_times) for r in part.itertuples()]
        fig.add_scatter(
            x=part["mx"].round(1), y=part["my"].round(1), mode="markers",
            marker=dict(size=14, color=colour, opacity=0.01), text=hover, hoverinfo="text", showlegend=False,
            customdata=part[["id"]], meta={"layer": "segment-hover", "corridor": corridor},
            selected=dict(marker=dict(opacity=0.01)), unselected=dict(marker=dict(opacity=0.01)),
        )  # fmt: skip


def _segment_hover(r, names: dict[str, str], lang: str, ferry_times: dict[str, str]) -> str:
    how = t(f"map.drawn.{r.geometry_source}", lang)
    km = getattr(r, "length_km", None)
    km = r.km if km is None or pd.isna(km) else km
    note = localised(r, "geometry_note", lang)
    if r.geometry_source == "schematic" and isinstance(note, str) and note:
        how += f" ({plotly_text(note)})"
    text = (
        f"<b>{plotly_text(names[r.from_node])} – {plotly_text(names[r.to_node])}</b>"
        f"<br>{t(f'map.mode.{r.mode}', lang)} · {t(f'corridor.{r.corridor}', lang)}"
        f"<br>{wrap_html(how, 44)}"
        f"<br>{t('map.length_drawn', lang)}: {format_number(km, lang)} km"
    )
    if r.mode == "sea":
        crossing = ferry_times.get(r.id)
        text += f"<br>{t('map.crossing_time', lang)}: {plotly_text(crossing) if crossing else t('map.unknown', lang)}"
    return text + "<br>" + wrap_html(f"{t('chart.source', lang)}: {plotly_text(_short_source(r.source))}", 44)


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


def _add_nodes(
    fig: go.Figure, nodes: pd.DataFrame, visible: pd.DataFrame, lang: str, palette: Palette, frame: Frame,
    labels: list[Label], obstacles: list, spec: Composition, line_xy: list, ringed: set[str] = frozenset(),
    marked: str | None = None,
) -> None:  # fmt: skip
    if nodes.empty:
        return
    on_main = set(visible.loc[visible["corridor"] == "main", "from_node"]) | set(visible.loc[visible["corridor"] == "main", "to_node"])
    sizes, symbols, hover = [], [], []
    for r in nodes.itertuples():
        priority = ROLE_PRIORITY[r.role] + (8 if r.id in on_main else 0) + (6 if isinstance(r.label, str) and r.label else 0)
        if r.id == marked:
            priority = 100  # the reader's node: named first, whatever the size
        minor = priority < spec.min_priority
        # On a phone the minor nodes shrink to dots: at 15 km per pixel they would hide the main ones' names.
        size = 5 if minor else 13 if r.role == "capital" else 9 if r.role in ("border-crossing", "planned-port") else 10
        symbol = "circle" if minor else ROLE_SYMBOL[r.role]
        sizes.append(size)
        symbols.append(symbol)
        note = localised(r, "note", lang)
        hover.append(
            f"<b>{plotly_text(map_name(r, lang))}</b><br>{t(f'role.{r.role}', lang)} · {plotly_text(r.iso3)}"
            + (f"<br>{wrap_html(plotly_text(note), 44)}" if isinstance(note, str) and note else "")
            + (f"<br>{t('map.position_approximate', lang)}" if r.approximate else "")
            + f"<br>{t('map.click_for_details', lang)}"
        )
        if frame.contains(r.x, r.y):
            if minor:  # a label may cover a small dot (at a cost, like a line), never a full symbol
                line_xy.append(np.array([[r.x, r.y]] * 4, dtype=float))
                continue
            # A node that is also one of the release's places wears its ring: the label keeps clear of the ring.
            outline = RING_SIZE if r.id in ringed else size
            obstacles.append(_marker_box(frame, r.x, r.y, outline))
            if not minor:
                # Seaports and capitals are named at any size (a leader line when their neighbours leave no room).
                labels.append(Label(f"node:{r.id}", short_name(r, lang), r.x, r.y, priority, spec.font, gap=outline / 2 + 3,
                                    colour=palette.text, bold=r.id == marked, kind="node", leader=priority >= 80))  # fmt: skip
    fig.add_scatter(
        x=nodes["x"], y=nodes["y"], mode="markers",
        marker=dict(size=sizes, symbol=symbols, color=palette.node, line=dict(color=palette.node_line, width=1.3)),
        hovertext=hover, hoverinfo="text", showlegend=False, customdata=nodes[["id", "role"]],
        # A click selects: the clicked node turns to the accent colour, the others stay as they are (not faded).
        selected=dict(marker=dict(color=palette.place, opacity=1)), unselected=dict(marker=dict(opacity=1)),
        meta={"layer": "nodes"},
        selectedpoints=[i for i, node_id in enumerate(nodes["id"]) if node_id == marked] if marked in set(nodes["id"]) else None,
    )  # fmt: skip


def _add_ends(
    fig: go.Figure, projected: ProjectedMap, visible: pd.DataFrame, lang: str, palette: Palette, frame: Frame,
    labels: list[Label], obstacles: list, spec: Composition,
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
        if frame.contains(end.lx, end.ly):
            obstacles.append(_marker_box(frame, end.lx, end.ly, 8))
            east = end.lx > end.tail_x or end.lx > end.head_x
            labels.append(Label(f"end:{end.id}", end.label, end.lx, end.ly, 78, spec.small, gap=6,
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
    spec: Composition,
) -> None:  # fmt: skip
    style = _place_style(palette)
    fig.add_scatter(
        x=places["x"], y=places["y"], mode="markers", marker=style, showlegend=False,
        hovertext=[f"<b>{plotly_text(r.label)}</b><br>„{plotly_text(r.quote)}“<br>"
                   + wrap_html(f"{t('chart.source', lang)}: {plotly_text(_short_source(r.source))}", 44)
                   for r in places.itertuples()],
        hoverinfo="text", customdata=places[["id"]], meta={"layer": "places"}, unselected=dict(marker=dict(opacity=1)),
    )  # fmt: skip
    for r in places.itertuples():
        if not frame.contains(r.x, r.y):
            continue
        if not r.map_label:  # a corridor node: its ring is already an obstacle
            continue
        obstacles.append(_marker_box(frame, r.x, r.y, RING_SIZE))
        if r.map_label:  # places that are not corridor nodes carry their own label
            labels.append(Label(f"place:{r.id}", r.map_label, r.x, r.y, 70, spec.font, gap=12, colour=palette.place, kind="place"))


def _add_conflicts(
    fig: go.Figure, conflicts: pd.DataFrame, lang: str, palette: Palette, frame: Frame, labels: list[Label],
    obstacles: list, spec: Composition, focus: bool = False,
) -> None:  # fmt: skip
    style = _conflict_style(palette)
    fig.add_scatter(
        x=conflicts["x"], y=conflicts["y"], mode="markers", marker=style, showlegend=False,
        hovertext=[f"<b>{plotly_text(r.label)}</b><br>{wrap_html(plotly_text(r.position), 44)}<br>{wrap_html(plotly_text(f'„{r.quote}“'), 44)}"
                   for r in conflicts.itertuples()],
        hoverinfo="text", customdata=conflicts[["id"]], meta={"layer": "conflicts"}, unselected=dict(marker=dict(opacity=1)),
    )  # fmt: skip
    for r in conflicts.itertuples():
        if frame.contains(r.x, r.y):
            obstacles.append(_marker_box(frame, r.x, r.y, 13))
            if spec.min_priority > 25 and not focus:  # too small a screen for the long names; the hover has them
                continue
            labels.append(Label(f"conflict:{r.id}", "\n".join(textwrap.wrap(r.label, 22)), r.x, r.y, 99 if focus else 25, spec.small, gap=9,
                                positions=("S", "N", "E", "W", "SE", "SW", "NE", "NW"), colour=palette.conflict,
                                kind="conflict"))  # fmt: skip
