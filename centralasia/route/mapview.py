"""The map page's content: release overlay, node details, the freight chart, and the length comparison for About."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from centralasia.charts import tables
from centralasia.charts.figures import TEMPLATE_NAME, TITLE_WRAP, Chart, slugify, source_line
from centralasia.charts.registry import ChartContext
from centralasia.charts.theme import PALETTE, themed, wrap_px
from centralasia.i18n import LANGUAGES, format_date, format_number, quoted, t
from centralasia.release import context, summary
from centralasia.release.loader import Release
from centralasia.route.geo import (
    GeoLayers,
    ProjectedMap,
    in_view,
    length_table,
    localised,
    localised_column,
    project_points,
    published_comparison,
)
from centralasia.route.mapcompose import PHONE_BELOW
from centralasia.route.mapfig import geometry_source, reader_source, route_map_figure
from centralasia.route.maplabels import text_box
from centralasia.route.mapstyle import VIEWS, MapLayers, ReleaseOverlay
from centralasia.safe_text import plotly_text


def release_overlay(release: Release, projected: ProjectedMap, lang: str) -> tuple[ReleaseOverlay, list[str]]:
    """Place the release's countries, places and conflicts on the map; also list what cannot be placed."""
    partners = set(summary.partner_country_ids(release))
    countries = release.of_kind("country")
    release_iso3 = frozenset(c.iso3 for c in countries if c.id in partners)
    mentioned_iso3 = frozenset(c.iso3 for c in countries if c.id not in partners)
    not_on_map: list[str] = []

    placed = []
    for place in release.of_kind("place"):
        c = place.coordinates
        if c is None:
            not_on_map.append(f"{place.label(lang)} ({t('map.no_coordinates', lang)})")
        elif not in_view(c.lon, c.lat):
            not_on_map.append(f"{place.label(lang)} ({t('map.outside_view', lang)})")
        else:
            source = reader_source(c.source) + (f" ({t('misc.approximate', lang)})" if c.approximate else "")
            placed.append(
                {
                    "id": place.id,
                    "label": place.label(lang),
                    "lon": c.lon,
                    "lat": c.lat,
                    "quote": summary.representative(place).quote,
                    "source": source,
                }
            )
    places = pd.DataFrame(placed, columns=["id", "label", "lon", "lat", "quote", "source"])
    node_names = _node_name_index(projected.nodes)
    # A place that is also a corridor node is labelled once, by the node.
    places["map_label"] = [
        "" if pid in node_names.values() or label.casefold() in node_names else label
        for pid, label in zip(places["id"], places["label"], strict=True)
    ]
    if not places.empty:
        places["x"], places["y"] = project_points(places["lon"].tolist(), places["lat"].tolist())

    centres = projected.countries.set_index("iso3")[["cx", "cy"]]
    rows = []
    for conflict in tables.conflicts_frame(release, lang).itertuples():
        iso = [release.record(p).iso3 for p in conflict.party_ids if release.record(p).iso3 in centres.index]
        if not iso:
            not_on_map.append(f"{conflict.label} ({t('map.no_party', lang)})")
            continue
        rows.append({"id": conflict.id, "label": conflict.label, "x": centres.loc[iso, "cx"].mean(), "y": centres.loc[iso, "cy"].mean(),
                     "position": conflict.position_text, "parties": conflict.parties, "quote": conflict.quote})  # fmt: skip
    conflicts = pd.DataFrame(rows, columns=["id", "label", "x", "y", "position", "parties", "quote"])
    overlay = ReleaseOverlay(release_iso3, mentioned_iso3, places, conflicts)
    return overlay, not_on_map


def _node_name_index(nodes: pd.DataFrame) -> dict[str, str]:
    """Every name a node goes by (casefolded) → node id."""
    index = {}
    for r in nodes.itertuples():
        index[r.id] = r.id
        for name in place_names(r):
            index[name.casefold()] = r.id
    return index


def view_ranges(projected: ProjectedMap, view: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Axis ranges (km) of a named view, projected in advance; None for the whole corridor (fitted to the nodes)."""
    return None if view == "corridor" else projected.views[view]


def map_source(projected: ProjectedMap, release: Release, lang: str, compact: bool = False) -> str:
    """The map's source line: basemap and rail attribution (OSM, Natural Earth) and the release.

    ``compact`` (phones) names the release by publisher and date only; its title is in the caption.
    """
    attribution = (getattr(projected, "attribution", None) or {}).get(lang) or t("map.attribution", lang)
    meta = release.meta
    named = f"{meta.publisher_in(lang)}, {format_date(meta.date, lang)}" if compact else source_line(release, lang).split(": ", 1)[1]
    return t("map.source", lang, attribution=attribution, release=named)


def map_title(projected: ProjectedMap, overlay: ReleaseOverlay, layers: MapLayers, lang: str) -> str:
    """The map's takeaway, computed: how many countries the drawn routes cross, and how many of them the release names."""
    visible = projected.segments[projected.segments["corridor"].isin(layers.corridors) & projected.segments["mode"].isin(layers.modes)]
    on_route = set(visible["from_node"]) | set(visible["to_node"])
    crossed = set(projected.nodes.loc[projected.nodes["id"].isin(on_route), "iso3"])
    if not crossed:
        return t("map.title", lang)
    named = crossed & (overlay.release_iso3 | overlay.mentioned_iso3)
    return t("map.title_finding", lang, n=len(crossed), named=len(named))


def route_map_chart(ctx: ChartContext, projected: ProjectedMap, figures_data: dict | None = None) -> Chart:
    """The route map composed for ``ctx.box``: figure, table of what is drawn, source, as-of (registry builder).

    ``ctx.options`` carries the reader's layers (``MapLayers``), view, legend switch and marked node; the overlay
    (the release's countries, places, conflicts) is placed here. ``figures_data`` (corridor_figures.yaml) gives
    the published ferry crossing times; without it the geodata's own are used.
    """
    release, lang, options = ctx.release, ctx.lang, ctx.options
    layers = options.layers if isinstance(options.layers, MapLayers) else MapLayers()
    overlay, _ = release_overlay(release, projected, lang)
    title = map_title(projected, overlay, layers, lang)
    phone = ctx.box.width < PHONE_BELOW
    source = map_source(projected, release, lang, compact=phone)
    ferries = ferry_times(figures_data, lang) if figures_data else None
    view = options.view if options.view in VIEWS else "corridor"
    node = options.node if options.node in set(projected.nodes["id"]) else None
    figure = route_map_figure(projected, overlay, layers, lang, title, source, ctx.box, ranges=view_ranges(projected, view),
                              legend=options.legend, theme=ctx.theme, ferry_times=ferries, node=node)  # fmt: skip
    data = shown_features(projected, overlay, layers, lang)
    as_of = f"{t('chart.as_of', lang)}: {format_date(release.meta.date, lang)}"
    return Chart("route-map", title, t("map.description", lang), figure, data, source, as_of,
                 f"{release.id}_{slugify(t('map.title', lang))}_{lang}")  # fmt: skip


def shown_features(projected: ProjectedMap, overlay: ReleaseOverlay, layers: MapLayers, lang: str) -> pd.DataFrame:
    """The map's data as shown: one row per drawn leg, node, release place and conflict."""
    rows = []
    names = {r.id: localised(r, "name", lang) for r in projected.nodes.itertuples()}
    for r in projected.segments.itertuples():
        if r.corridor in layers.corridors and r.mode in layers.modes:
            how = t(f"map.drawn.{geometry_source(r)}", lang)
            detail = f"{t(f'corridor.{r.corridor}', lang)} · {t(f'map.mode.{r.mode}', lang)} · {format_number(r.km, lang)} km · {how}"
            rows.append(("segment", r.id, f"{names[r.from_node]} – {names[r.to_node]}", detail, reader_source(r.source)))
    for r in projected.nodes.itertuples():
        if r.role in layers.roles:
            detail = f"{t(f'role.{r.role}', lang)} · {r.iso3} · {format_position(r.lat, r.lon, lang)}" + (
                f" ({t('misc.approximate', lang)})" if r.approximate else ""
            )
            rows.append(("node", r.id, names[r.id], detail, reader_source(r.source)))
    if layers.places:
        rows += [("place", r.id, r.label, quoted(r.quote, lang), r.source) for r in overlay.places.itertuples()]
    if layers.conflicts:
        rows += [("conflict", r.id, r.label, f"{r.position} — {quoted(r.quote, lang)}", r.parties) for r in overlay.conflicts.itertuples()]
    columns = [t("map.layers", lang), t("col.id", lang), t("col.label", lang), t("col.statement", lang), t("col.source", lang)]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- node details


def place_names(row) -> list[str]:
    """The names a node goes by, for finding it in a release: its names, short names and names in brackets.

    "Port of Baku (Alat)" gives "Port of Baku" and "Alat"; "Böyük Kəsik / Gardabani" gives both. Descriptions in
    brackets ("früher Druschba", "EU border") are not names and are skipped (they start lower-case or have spaces
    and hyphens).
    """
    names: list[str] = []
    fields = [f"{prefix}_{lang}" for prefix in ("name", "short") for lang in LANGUAGES]
    for field in fields:
        value = row.get(field) if hasattr(row, "get") else getattr(row, field, None)
        if not isinstance(value, str) or not value:
            continue
        outside = re.sub(r"\([^)]*\)", "", value)
        inside = re.findall(r"\(([^)]*)\)", value)
        for part in [*outside.split("/"), *[p for p in inside if re.fullmatch(r"[A-ZÄÖÜƏ][\w’']+", p.strip())]]:
            part = part.strip()
            if len(part) >= 3 and part not in names:
                names.append(part)
    return names


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around text[start:end], as offsets into ``text``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    return left, right


def place_quotes(release: Release, names: list[str], record_ids: list[str] = ()) -> pd.DataFrame:
    """Sentences of the release that mention the place by one of its names (and the mentions of its own records).

    Only the place itself: a port's country is not the port, so "Kasachstan" never counts as a mention of Aktau.
    German inflection (a trailing s: "Almatys") still matches.
    """
    spans: dict[int, tuple[int, int]] = {}
    text = release.text
    for name in sorted(set(names), key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}s?(?!\w)", text):
            left, right = sentence_span(text, m.start(), m.end())
            spans.setdefault(left, (left, right))
    for rid in record_ids:
        for mention in release.record(rid).mentions:
            left, right = sentence_span(text, mention.start, mention.end)
            spans.setdefault(left, (left, right))
    rows = [{"quote": text[a:b].strip(), "start": a + (len(text[a:b]) - len(text[a:b].lstrip())), "end": a + len(text[a:b].rstrip())}
            for a, b in sorted(spans.values())]  # fmt: skip
    return pd.DataFrame(rows, columns=["quote", "start", "end"])


def format_position(lat: float, lon: float, lang: str) -> str:
    """A position in the reader's locale: 43,65° N, 51,17° O (de) · 43.65° N, 51.17° E (en) · 43,65° с. ш., 51,17° в. д. (ru)."""
    ns = t("map.compass.north" if lat >= 0 else "map.compass.south", lang)
    ew = t("map.compass.east" if lon >= 0 else "map.compass.west", lang)
    return f"{format_number(abs(float(lat)), lang, 2)}° {ns}, {format_number(abs(float(lon)), lang, 2)}° {ew}"


@dataclass(frozen=True)
class NodeDetails:
    """What the details panel shows for one node."""

    id: str
    name: str
    facts: dict[str, str]
    legs: list[str]
    quotes: pd.DataFrame


def node_details(projected: ProjectedMap | GeoLayers, release: Release, node_id: str, lang: str,
                 ferry_times: dict[str, str] | None = None) -> NodeDetails:  # fmt: skip
    """Everything known about a node: role, country, position and source, its legs, and release sentences naming it."""
    nodes = projected.nodes.set_index("id")
    row = nodes.loc[node_id]
    countries = projected.countries.set_index("iso3")
    iso3 = row["iso3"]
    country = localised(countries.loc[iso3], "name", lang) if iso3 in countries.index else iso3
    position = format_position(row["lat"], row["lon"], lang)
    if row["approximate"]:
        position += f" ({t('misc.approximate', lang)})"
    facts = {
        t("col.role", lang): t(f"role.{row['role']}", lang),
        t("col.country", lang): str(country),
        t("map.position", lang): position,
    }
    note = localised(row, "note", lang)
    if isinstance(note, str) and note:
        facts[t("map.note", lang)] = note
    facts[t("col.source", lang)] = reader_source(row["source"])

    names = {i: localised(r, "name", lang) for i, r in nodes.iterrows()}
    legs = []
    for seg in projected.segments.itertuples():
        if node_id in (seg.from_node, seg.to_node):
            other = seg.to_node if seg.from_node == node_id else seg.from_node
            line = f"{names[other]} · {t(f'map.mode.{seg.mode}', lang)} · {format_number(seg.km, lang)} km"
            if seg.mode == "sea" and (ferry_times or {}).get(seg.id):
                line += f" · {ferry_times[seg.id]}"
            if geometry_source(seg) == "schematic":
                line += f" ({t('map.schematic', lang)})"
            legs.append(line)
    record_ids = [r.id for r in release.of_kind("place") if r.id == node_id]
    quotes = place_quotes(release, place_names(row), record_ids)
    return NodeDetails(node_id, localised(row, "name", lang), facts, legs, quotes)


# ---------------------------------------------------------------- published figures


def ferry_times(figures_data: dict, lang: str) -> dict[str, str]:
    """Published crossing times per sea leg id, in the UI language (legs without a source are absent: unknown)."""
    out = {}
    for item in figures_data.get("ferry_times") or []:
        leg = item.get("segment") or item.get("leg") or item.get("id")
        text = localised(item, "value", lang) or localised(item, "label", lang) or item.get("value")
        if not text and item.get("hours_min") is not None:
            low, high = item["hours_min"], item.get("hours_max", item["hours_min"])
            text = t("map.hours", lang, hours=f"{low}–{high}" if high != low else f"{low}")
        if leg and text:
            out[str(leg)] = str(text)
    return out


def ferry_note(projected: ProjectedMap, figures_data: dict, lang: str) -> str:
    """One line for readers: the published ferry crossing times with their source, and the legs without one."""
    names = {r.id: localised(r, "name", lang) for r in projected.nodes.itertuples()}
    sources = {str(i.get("segment")): i.get("source") for i in figures_data.get("ferry_times") or []}
    known = ferry_times(figures_data, lang)
    shown, missing = [], []
    for r in projected.segments[projected.segments["mode"] == "sea"].itertuples():
        if r.id in known:
            src = sources.get(r.id) or {}
            who = ", ".join(
                _date_text(src[k], lang) if k == "date" else str(src[k])
                for k in ("publisher", "date")
                if isinstance(src, dict) and src.get(k)
            )
            shown.append(f"{known[r.id]}" + (f" ({who})" if who else ""))
        else:
            missing.append(f"{names[r.from_node]} – {names[r.to_node]}")
    if not shown and not missing:
        return ""
    return t("map.ferry_note", lang, known="; ".join(shown) or "–", missing=", ".join(missing) or "–")


def _date_text(value: object, lang: str) -> str:
    try:
        return format_date(str(value), lang)
    except (TypeError, ValueError):
        return str(value)


def _source_text(source: object, lang: str) -> str:
    return context.source_text(source, lang)  # publisher in the reader's language, date per locale


def freight_series(figures_data: dict, lang: str) -> list[dict]:
    """Freight figures as one series per source and scope: [{label, scope, publisher, source, date, points}]."""
    series = []
    for s in figures_data.get("freight_series") or []:
        src = s.get("source") or {}
        series.append({
            "id": s.get("id"), "label": s.get(f"label_{lang}") or s.get("label_en") or s.get("publisher"),
            "scope": s.get(f"scope_{lang}") or s.get("scope_en") or "", "publisher": s.get("publisher") or (context.pick_text(src, "publisher", lang) if isinstance(src, dict) else ""),
            "source": _source_text(src, lang), "date": str(src.get("date", "")) if isinstance(src, dict) else "",
            "points": sorted(s.get("points") or [], key=lambda p: p["year"]),
        })  # fmt: skip
    if series:
        return series
    # The older flat list: one point per row; rows of one publisher form a series.
    groups: dict[str, dict] = {}
    for row in figures_data.get("freight_volume") or []:
        publisher = str(row.get("source", "")).split(",")[0].split("(")[0].strip()
        g = groups.setdefault(publisher, {"id": slugify(publisher), "label": publisher, "scope": "", "publisher": publisher,
                                          "source": str(row.get("source", "")), "date": "", "points": []})  # fmt: skip
        g["points"].append({"year": row["year"], "value": row["value"], "kind": "forecast" if row.get("forecast") else "actual"})
    return list(groups.values())


def _is_projection(point: dict) -> bool:
    """A forecast, target or scenario (not an outturn): drawn open and dotted."""
    return bool(point.get("forecast")) or point.get("kind", "actual") != "actual"


def freight_chart(ctx: ChartContext, figures_data: dict) -> Chart:
    """Freight volumes as one line per source and scope (OWID style), composed for ``ctx.box``.

    Lines of different scope are never joined. Title and source wrap to the figure's width; each legend entry is
    wrapped to its column and the legend gets the rows it needs, so it is whole on a phone too.
    """
    lang, theme = ctx.lang, ctx.theme
    series = freight_series(figures_data, lang)
    title = t("map.freight_title", lang)
    fig = go.Figure()
    rows = []
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        pts = s["points"]
        hover = (f"<b>{plotly_text(s['label'])}</b><br>%{{x}}: %{{y}} Mt · %{{customdata}}<br>{plotly_text(_short(s['scope'], 80))}"
                 f"<br>{plotly_text(_short(s['source']))}<extra></extra>")  # fmt: skip
        kinds = [t(f"map.kind.{p.get('kind', 'forecast' if p.get('forecast') else 'actual')}", lang) for p in pts]
        actual = [p for p in pts if not _is_projection(p)]
        ahead = [p for p in pts if _is_projection(p)]
        fig.add_scatter(
            x=[p["year"] for p in pts], y=[p["value"] for p in pts], mode="lines+markers" if len(actual) > 1 else "markers",
            line=dict(color=colour, width=2.5), name=s["label"], customdata=kinds, hovertemplate=hover, legendgroup=s["id"],
            marker=dict(size=[11 if _is_projection(p) else 8 for p in pts], color=colour,
                        symbol=["circle-open" if _is_projection(p) else "circle" for p in pts], line=dict(width=2, color=colour)),
        )  # fmt: skip
        if actual and ahead:  # the step from the last outturn to the projection, dotted
            joined = [actual[-1], *ahead]
            fig.add_scatter(x=[p["year"] for p in joined], y=[p["value"] for p in joined], mode="lines", showlegend=False,
                            line=dict(color=colour, width=2, dash="dot"), hoverinfo="skip", legendgroup=s["id"])  # fmt: skip
        for p, kind in zip(pts, kinds, strict=True):
            rows.append({"series": s["label"], "scope": s["scope"], "year": p["year"], "value": p["value"], "kind": kind,
                         "source": s["source"], "date": s["date"]})  # fmt: skip
    years = [r["year"] for r in rows] or [2020, 2025]
    width = max(int(ctx.box.width), 260)
    # Every second year once the span is long or the box narrow: years never turn on their side.
    fig.update_xaxes(title=None, dtick=1 if max(years) - min(years) <= (8 if width >= 560 else 5) else 2, tickangle=0,
                     range=[min(years) - 0.5, max(years) + 0.5], showgrid=False, tickfont=dict(size=12))  # fmt: skip
    top, step = _axis_top(max((r["value"] for r in rows), default=1.0))
    # The top gridline above the highest mark: every point (a 2030 scenario too) sits inside the axes.
    fig.update_yaxes(title=dict(text=t("col.mt", lang), font=dict(size=12)), range=[0, top], dtick=step, tickfont=dict(size=12))
    sources = "; ".join(dict.fromkeys(s["publisher"] or s["label"] for s in series))
    source = f"{t('chart.source', lang)}: {sources}"
    title_size = 18 if width >= 900 else 16
    text_width = width - 40
    title_lines = wrap_px(plotly_text(title), text_width, title_size, balance=False)
    source_lines = wrap_px(plotly_text(source), text_width, 11, balance=False)
    top = 20 + round(title_size * 1.32) * len(title_lines) + 15 * len(source_lines) + 14
    # The legend: as many columns as the longest entry allows; an entry longer than its column wraps within it.
    legend_size = 12
    usable = width - 20
    longest = max((text_box(plotly_text(s["label"]), legend_size)[0] + 44 for s in series), default=0)
    columns = max(1, min(len(series) or 1, int(usable // max(longest, 1))))
    column_text = usable / columns - 48
    for trace in fig.data:
        if trace.showlegend is not False and trace.name:
            trace.name = "<br>".join(wrap_px(plotly_text(trace.name), column_text, legend_size, balance=False))
    named = [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
    legend_px = sum(
        max(n.count("<br>") + 1 for n in named[i : i + columns]) * round(legend_size * 1.45) + 8 for i in range(0, len(named), columns)
    )
    axis = 34  # the year ticks under the plot
    bottom = axis + legend_px + 12
    if ctx.box.height:
        plot_height = max(140, int(ctx.box.height) - top - bottom)
    else:
        plot_height = int(np.clip(width * 0.42, 220, 360))
    fixed = ctx.box.medium == "image"  # an image is drawn at its named size; elsewhere the figure follows its container
    fig.update_layout(
        template=TEMPLATE_NAME, showlegend=True, height=plot_height + top + bottom, width=width if fixed else None,
        title=dict(text="<br>".join(title_lines), font=dict(size=title_size), x=0, xanchor="left", xref="container", y=1,
                   yanchor="top", yref="container", pad=dict(t=20, l=10), automargin=False,
                   subtitle=dict(text="<br>".join(source_lines), font=dict(size=11))),
        margin=dict(t=top, b=bottom, l=10, r=10),
        legend=dict(orientation="h", yanchor="top", y=-axis / plot_height, x=0, xanchor="left", font=dict(size=legend_size),
                    entrywidthmode="fraction", entrywidth=round(1 / columns - 0.005, 3), tracegroupgap=0, valign="top"),
        meta={"box": [ctx.box.width, ctx.box.height, ctx.box.medium], "legend_columns": columns},
    )  # fmt: skip
    if theme == "dark":
        fig = themed(fig, "dark")  # the one dark conversion (charts/theme.py)
    data = pd.DataFrame(rows, columns=["series", "scope", "year", "value", "kind", "source", "date"]).rename(
        columns={"series": t("map.series", lang), "scope": t("map.scope", lang), "year": t("col.year", lang),
                 "value": t("col.mt", lang), "kind": t("map.kind", lang), "source": t("col.source", lang),
                 "date": t("map.published", lang)}
    )  # fmt: skip
    summary = "; ".join(
        f"{s['label']}: " + ", ".join(f"{p['year']} {format_number(p['value'], lang, 1)}" for p in s["points"]) for s in series
    )
    dates = [s["date"] for s in series if s["date"]] + ([str(figures_data["as_of"])] if figures_data.get("as_of") else [])
    as_of = f"{t('map.newest_figure', lang)}: {format_date(max(dates), lang) if dates else t('map.unknown', lang)}"
    return Chart("freight", title, t("map.freight_desc", lang, summary=summary), fig, data,
                 f"{t('chart.source', lang)}: {sources}", as_of, f"titr_{slugify(title)}_{lang}")  # fmt: skip


def _axis_top(highest: float) -> tuple[float, float]:
    """A round top for a value axis from zero and its gridline step: at most six steps, the top above ``highest``."""
    magnitude = 10 ** np.floor(np.log10(max(highest, 1e-9)))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if highest * 1.04 / step <= 6:
            return float(np.ceil(highest * 1.04 / step) * step), float(step)
    return float(highest * 1.1), float(highest * 1.1 / 5)


def fit_title(title: str, width_px: float = 330, size: float = 18) -> str:
    """The title as plotly HTML, broken into lines that each fit ``width_px`` at ``size`` px (estimated per character)."""
    safe = plotly_text(title)
    for chars in range(TITLE_WRAP, 10, -2):
        lines = textwrap.wrap(safe, chars)
        if all(text_box(line, size)[0] <= width_px for line in lines):
            return "<br>".join(lines)
    return "<br>".join(textwrap.wrap(safe, 10)) or safe


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 2].rsplit(" ", 1)[0] + " …"


def lengths_frame(layers: GeoLayers, lang: str) -> pd.DataFrame:
    df = length_table(layers)
    df["corridor"] = [t(f"corridor.{c}", lang) for c in df["corridor"]]
    df["mode"] = [t(f"map.mode.{m}", lang) for m in df["mode"]]
    df["km"] = df["km"].round(0).astype(int)
    return df.rename(
        columns={"corridor": t("col.corridor", lang), "mode": t("col.mode", lang), "legs": t("col.legs", lang), "km": t("col.km", lang)}
    )


def comparison_frame(layers: GeoLayers, lang: str) -> pd.DataFrame:
    """Computed (along the drawn line) vs published lengths: the table for About & method."""
    df = published_comparison(layers)
    out = pd.DataFrame(
        {
            t("col.item", lang): localised_column(df, "label", lang),
            t("col.km", lang): df["computed_km"].round(0).astype(int),
            t("col.published_km", lang): df["published_km"].round(0).astype(int),
            t("col.difference", lang): [
                f"{d:+.0f} %" if ok else t("map.not_comparable", lang, why=why)
                for d, ok, why in zip(df["difference_pct"], df["comparable"], localised_column(df, "why", lang), strict=True)
            ],
            t("col.source", lang): [context.source_text(source, lang) for source in df["source"]],
        }
    )
    if "real_share" in df.columns:
        out.insert(3, t("map.real_share", lang), [f"{v * 100:.0f} %" for v in df["real_share"]])
    return out


def comparison_note(layers: GeoLayers, lang: str) -> str:
    """A short line for readers: drawn vs published length of the routes where both are comparable."""
    df = published_comparison(layers)
    parts = [
        t("map.length_item", lang, name=localised(r, "label", lang), drawn=format_number(r.computed_km, lang),
          published=format_number(r.published_km, lang))
        for r in df[df["comparable"].astype(bool)].itertuples()
    ]  # fmt: skip
    return t("map.length_note", lang, items="; ".join(parts)) if parts else ""


def context_table(figures_data: dict, section: str, lang: str) -> pd.DataFrame:
    rows = figures_data.get(section) or []
    return pd.DataFrame(
        {
            t("col.item", lang): [r.get(f"label_{lang}") or r.get("label_en", "") for r in rows],
            t("col.value", lang): [context.figure_value(r, lang) for r in rows],
            t("col.year", lang): [str(r.get("year", "")) for r in rows],
            t("col.source", lang): [_source_text(r.get("source"), lang) for r in rows],
        }
    )
