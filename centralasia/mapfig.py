"""The corridor map as a pure figure builder: projected layers in, an offline plotly Figure out.

Countries are drawn as filled cartesian shapes from our own GeoJSON, so the figure never asks
cdn.plot.ly for a base map: it draws with no network, in the app and in exported HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from centralasia.figures import TEMPLATE_NAME, TITLE_WRAP, escape_frame, plotly_safe, wrap_html
from centralasia.geo import CORRIDOR_VIEW, CORRIDORS, MODES, ROLES, ProjectedMap
from centralasia.i18n import t

WATER = "#cfe3f3"
LAND = "#f3f1ec"
BORDER = "#a3a3a3"
COUNTRY_FILL = {"release": "#f7c873", "mentioned": "#dcc6e0", "other": LAND}
CORRIDOR_COLOURS = {
    "main": "#0072B2",
    "black-sea": "#009E73",
    "turkiye": "#D55E00",
    "turkmen": "#E69F00",
    "kti": "#CC79A7",
    "lapis-lazuli": "#56B4E9",
}
MODE_DASH = {"rail": "solid", "sea": "dot", "road": "dashdot"}
ROLE_SYMBOL = {
    "border-crossing": "diamond",
    "seaport": "square",
    "rail-hub": "circle",
    "capital": "star",
    "city": "circle",
    "planned-port": "square",
}
# Named views: lon_min, lat_min, lon_max, lat_max.
VIEWS = {
    "corridor": CORRIDOR_VIEW,
    "caspian": (44.0, 35.5, 62.5, 47.5),
    "caucasus": (26.0, 38.0, 51.5, 46.5),
    "china-kazakhstan": (62.0, 39.0, 86.0, 53.0),
}


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


def _name(row, lang: str) -> str:
    return plotly_safe(row.name_de if lang == "de" else row.name_en)


def route_map_figure(
    projected: ProjectedMap,
    overlay: ReleaseOverlay,
    layers: MapLayers,
    lang: str,
    title: str,
    source: str,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
    height: int = 640,
    legend: bool = True,
) -> go.Figure:
    """Build the route map. Pure: the same inputs give the same figure; no I/O, no projection.

    ``legend=False`` gives the whole height to the map (phones: the legend would take most of it).
    """
    fig = go.Figure()
    # Everything below may carry data text into plotly's pseudo-HTML labels: escape it once here.
    overlay = ReleaseOverlay(overlay.release_iso3, overlay.mentioned_iso3, escape_frame(overlay.places), escape_frame(overlay.conflicts))
    _add_countries(fig, projected.countries, overlay, lang)
    _add_seas(fig, projected.seas, lang)
    _add_segments(fig, projected.segments, projected.nodes, layers, lang)
    _add_nodes(fig, projected.nodes, layers, lang)
    if layers.places and not overlay.places.empty:
        _add_places(fig, overlay.places, lang)
    if layers.conflicts and not overlay.conflicts.empty:
        _add_conflicts(fig, overlay.conflicts, lang)
    (x0, x1), (y0, y1) = ranges or (projected.x_range, projected.y_range)
    fig.update_xaxes(visible=False, range=[x0, x1], fixedrange=False)
    fig.update_yaxes(visible=False, range=[y0, y1], scaleanchor="x", scaleratio=1)
    fig.update_layout(
        plot_bgcolor=WATER,
        dragmode="pan",
        hovermode="closest",
        showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, xanchor="left", groupclick="togglegroup", font=dict(size=11)),
        clickmode="event+select",
    )
    # The legend below the map grows with the language and the layers shown, so the source line
    # goes under the title instead of under the legend, where it could be overlapped.
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(
            text=wrap_html(plotly_safe(title), TITLE_WRAP),
            subtitle=dict(text=wrap_html(plotly_safe(source)), font=dict(size=11, color="#4b5563")),
        ),
        height=height,
        margin=dict(
            t=30 + 17 * (wrap_html(title, TITLE_WRAP).count("<br>") + wrap_html(plotly_safe(source)).count("<br>") + 3), b=10, l=10, r=10
        ),
    )
    return fig


def _add_countries(fig: go.Figure, countries: pd.DataFrame, overlay: ReleaseOverlay, lang: str) -> None:
    shown_legend: set[str] = set()
    for row in countries.itertuples():
        category = "release" if row.iso3 in overlay.release_iso3 else "mentioned" if row.iso3 in overlay.mentioned_iso3 else "other"
        legend = category != "other" and category not in shown_legend
        shown_legend.add(category)
        fig.add_scatter(
            x=row.x,
            y=row.y,
            mode="lines",
            fill="toself",
            fillcolor=COUNTRY_FILL[category],
            line=dict(color=BORDER, width=0.6),
            name=t(f"map.country_{category}", lang),
            legendgroup=f"countries-{category}",
            showlegend=legend,
            hoveron="fills",
            text=_name(row, lang),
            hoverinfo="text",
            meta={"layer": "country", "iso3": row.iso3},
        )


def _add_seas(fig: go.Figure, seas: pd.DataFrame, lang: str) -> None:
    fig.add_scatter(
        x=seas["x"],
        y=seas["y"],
        mode="text",
        text=[_name(r, lang) for r in seas.itertuples()],
        textfont=dict(size=12, color="#3b6a8f", family="DejaVu Sans, Arial, sans-serif"),
        hoverinfo="skip",
        showlegend=False,
        meta={"layer": "seas"},
    )


def _add_segments(fig: go.Figure, segments: pd.DataFrame, nodes: pd.DataFrame, layers: MapLayers, lang: str) -> None:
    names = {r.id: _name(r, lang) for r in nodes.itertuples()}
    visible = segments[segments["corridor"].isin(layers.corridors) & segments["mode"].isin(layers.modes)]
    for (corridor, mode), part in visible.groupby(["corridor", "mode"], sort=False):
        xs: list = []
        ys: list = []
        for x, y in zip(part["x"], part["y"], strict=True):
            xs += [*x, None]
            ys += [*y, None]
        schematic = bool(part["schematic"].all())
        label = f"{t(f'corridor.{corridor}', lang)} · {t(f'mode.{mode}', lang)}"
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=CORRIDOR_COLOURS[corridor], width=3 if corridor == "main" else 2.4, dash=MODE_DASH[mode]),
            name=label + (f" ({t('map.schematic', lang)})" if schematic else ""),
            legendgroup=f"route-{corridor}-{mode}",
            hoverinfo="skip",
            meta={"layer": "segments", "corridor": corridor, "mode": mode},
        )
        hover = [
            f"<b>{names[r.from_node]} – {names[r.to_node]}</b><br>{t(f'mode.{mode}', lang)} · {t(f'corridor.{corridor}', lang)}"
            f"<br>{t('map.computed_length', lang)}: {r.km:,.0f} km"
            + (f" ({t('map.schematic', lang)})" if r.schematic else "")
            + f"<br>{t('chart.source', lang)}: {plotly_safe(r.source[:90])}"
            for r in part.itertuples()
        ]
        fig.add_scatter(
            x=part["mx"],
            y=part["my"],
            mode="markers",
            marker=dict(size=12, color=CORRIDOR_COLOURS[corridor], opacity=0.01),
            text=hover,
            hoverinfo="text",
            legendgroup=f"route-{corridor}-{mode}",
            showlegend=False,
            customdata=part[["id"]],
            meta={"layer": "segment-hover", "corridor": corridor, "mode": mode},
        )


def _add_nodes(fig: go.Figure, nodes: pd.DataFrame, layers: MapLayers, lang: str) -> None:
    for role in ROLES:
        part = nodes[(nodes["role"] == role)]
        if role not in layers.roles or part.empty:
            continue
        symbols = [ROLE_SYMBOL[role] + ("-open" if approx or role == "planned-port" else "") for approx in part["approximate"]]
        hover = [
            f"<b>{_name(r, lang)}</b><br>{t(f'role.{role}', lang)} · {r.iso3}"
            + (f"<br>{plotly_safe(r.note_de if lang == 'de' else r.note_en)}" if (r.note_de if lang == "de" else r.note_en) else "")
            + f"<br>{r.lat:.4f}° N, {r.lon:.4f}° E"
            + (f" ({t('misc.approximate', lang)})" if r.approximate else "")
            + f"<br>{t('chart.source', lang)}: {plotly_safe(r.source[:90])}"
            for r in part.itertuples()
        ]
        fig.add_scatter(
            x=part["x"],
            y=part["y"],
            mode="markers+text",
            text=[plotly_safe(r.short_de if lang == "de" else r.short_en) if r.label else "" for r in part.itertuples()],
            textposition=[r.label or "top center" for r in part.itertuples()],
            textfont=dict(size=11, color="#1f2937"),
            hovertext=hover,
            hoverinfo="text",
            marker=dict(size=11 if role != "capital" else 14, symbol=symbols, color="#1f2937", line=dict(color="#ffffff", width=1.2)),
            name=t(f"role.{role}", lang),
            legendgroup=f"nodes-{role}",
            customdata=part[["id"]],
            meta={"layer": "nodes", "role": role},
        )


def _add_places(fig: go.Figure, places: pd.DataFrame, lang: str) -> None:
    fig.add_scatter(
        x=places["x"],
        y=places["y"],
        mode="markers+text",
        text=places["map_label"],
        textposition="top center",
        textfont=dict(size=12, color="#7f1d1d"),
        marker=dict(size=20, symbol="circle-open", color="#B2182B", line=dict(width=3)),
        name=t("map.release_places", lang),
        legendgroup="release-places",
        hovertext=[f"<b>{r.label}</b><br>„{r.quote}“<br>{t('chart.source', lang)}: {r.source[:90]}" for r in places.itertuples()],
        hoverinfo="text",
        customdata=places[["id"]],
        meta={"layer": "places"},
    )


def _add_conflicts(fig: go.Figure, conflicts: pd.DataFrame, lang: str) -> None:
    fig.add_scatter(
        x=conflicts["x"],
        y=conflicts["y"],
        mode="markers+text",
        marker=dict(size=16, symbol="x", color="#B2182B", line=dict(color="#ffffff", width=1)),
        text=conflicts["label"],
        textposition="bottom center",
        textfont=dict(size=11, color="#7f1d1d"),
        name=t("map.conflicts", lang),
        legendgroup="conflicts",
        hovertext=[f"<b>{r.label}</b><br>{r.position}<br>„{r.quote}“" for r in conflicts.itertuples()],
        hoverinfo="text",
        customdata=conflicts[["id"]],
        meta={"layer": "conflicts"},
    )
