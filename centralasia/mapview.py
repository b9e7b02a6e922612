"""The map page's content: release overlay, node details, length tables and the corridor context charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from centralasia import frames
from centralasia.figures import PALETTE, Chart, _finish, as_of_line, slugify, source_line
from centralasia.geo import GeoLayers, ProjectedMap, in_view, length_table, project_points, published_comparison
from centralasia.i18n import format_number, t
from centralasia.loader import Release
from centralasia.mapfig import MapLayers, ReleaseOverlay, route_map_figure


def release_overlay(release: Release, projected: ProjectedMap, lang: str) -> tuple[ReleaseOverlay, list[str]]:
    """Place the release's countries, places and conflicts on the map; also list what cannot be placed."""
    partners = set(frames.partner_country_ids(release))
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
            source = c.source + (f" ({t('misc.approximate', lang)})" if c.approximate else "")
            placed.append(
                {"id": place.id, "label": place.label(lang), "lon": c.lon, "lat": c.lat, "quote": place.mentions[0].quote, "source": source}
            )
    places = pd.DataFrame(placed, columns=["id", "label", "lon", "lat", "quote", "source"])
    labelled_nodes = set(projected.nodes.loc[projected.nodes["label"].astype(bool), "id"])
    places["map_label"] = [("" if pid in labelled_nodes else label) for pid, label in zip(places["id"], places["label"], strict=True)]
    if not places.empty:
        places["x"], places["y"] = project_points(places["lon"].tolist(), places["lat"].tolist())

    centres = projected.countries.set_index("iso3")[["cx", "cy"]]
    rows = []
    for conflict in frames.conflicts_frame(release, lang).itertuples():
        iso = [release.record(p).iso3 for p in conflict.party_ids if release.record(p).iso3 in centres.index]
        if not iso:
            not_on_map.append(f"{conflict.label} ({t('map.no_party', lang)})")
            continue
        rows.append({"id": conflict.id, "label": conflict.label, "x": centres.loc[iso, "cx"].mean(), "y": centres.loc[iso, "cy"].mean(),
                     "position": conflict.position_text, "parties": conflict.parties, "quote": conflict.quote})  # fmt: skip
    conflicts = pd.DataFrame(rows, columns=["id", "label", "x", "y", "position", "parties", "quote"])
    overlay = ReleaseOverlay(release_iso3, mentioned_iso3, places, conflicts)
    return overlay, not_on_map


def view_ranges(projected: ProjectedMap, view: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """Axis ranges (km) of a named view, projected in advance; None for the whole corridor."""
    return None if view == "corridor" else projected.views[view]


def map_chart(
    release: Release, projected: ProjectedMap, overlay: ReleaseOverlay, layers: MapLayers, lang: str,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None, height: int = 640, title: str | None = None, description: str | None = None, legend: bool = True,
) -> Chart:  # fmt: skip
    title = title or t("map.title", lang)
    source = t("map.source", lang, release=source_line(release, lang).split(": ", 1)[1])
    figure = route_map_figure(
        projected, overlay, layers, lang, title, source, ranges=ranges, height=height if legend else 460, legend=legend
    )
    data = shown_features(projected, overlay, layers, lang)
    return Chart("route-map", title, description or t("map.description", lang), figure, data, source, as_of_line(release, lang),
                 f"{release.id}_{slugify(title)}_{lang}")  # fmt: skip


def shown_features(projected: ProjectedMap, overlay: ReleaseOverlay, layers: MapLayers, lang: str) -> pd.DataFrame:
    """The map's data as shown: one row per drawn leg, node, release place and conflict."""
    rows = []
    names = {r.id: (r.name_de if lang == "de" else r.name_en) for r in projected.nodes.itertuples()}
    for r in projected.segments.itertuples():
        if r.corridor in layers.corridors and r.mode in layers.modes:
            detail = f"{t(f'corridor.{r.corridor}', lang)} · {t(f'mode.{r.mode}', lang)} · {r.km:,.0f} km" + (
                f" ({t('map.schematic', lang)})" if r.schematic else ""
            )
            rows.append(("segment", r.id, f"{names[r.from_node]} – {names[r.to_node]}", detail, r.source))
    for r in projected.nodes.itertuples():
        if r.role in layers.roles:
            detail = f"{t(f'role.{r.role}', lang)} · {r.iso3} · {r.lat:.4f}, {r.lon:.4f}" + (
                f" ({t('misc.approximate', lang)})" if r.approximate else ""
            )
            rows.append(("node", r.id, names[r.id], detail, r.source))
    if layers.places:
        rows += [("place", r.id, r.label, f"„{r.quote}“", r.source) for r in overlay.places.itertuples()]
    if layers.conflicts:
        rows += [("conflict", r.id, r.label, f"{r.position} — „{r.quote}“", r.parties) for r in overlay.conflicts.itertuples()]
    columns = [t("map.layers", lang), t("col.id", lang), t("col.label", lang), t("col.statement", lang), t("col.source", lang)]
    return pd.DataFrame(rows, columns=columns)


def node_details(layers: GeoLayers, release: Release, node_id: str, lang: str) -> tuple[dict, pd.DataFrame]:
    """Everything known about a node, and the release quotes that concern it (its own record, its country)."""
    row = layers.nodes.set_index("id").loc[node_id]
    details = {
        t("col.label", lang): row["name_de"] if lang == "de" else row["name_en"],
        t("col.role", lang): t(f"role.{row['role']}", lang),
        t("col.country", lang): row["iso3"],
        "lat/lon": f"{row.geometry.y:.4f}, {row.geometry.x:.4f}" + (f" ({t('misc.approximate', lang)})" if row["approximate"] else ""),
        t("col.source", lang): row["source"],
    }
    note = row["note_de"] if lang == "de" else row["note_en"]
    if isinstance(note, str) and note:
        details[t("col.statement", lang)] = note
    ids = [r.id for r in release.records if r.id == node_id or (r.kind == "country" and r.iso3 == row["iso3"])]
    return details, frames.quotes_frame(release, ids, lang)


def lengths_frame(layers: GeoLayers, lang: str) -> pd.DataFrame:
    df = length_table(layers)
    df["corridor"] = [t(f"corridor.{c}", lang) for c in df["corridor"]]
    df["mode"] = [t(f"mode.{m}", lang) for m in df["mode"]]
    df["km"] = df["km"].round(0).astype(int)
    return df.rename(
        columns={"corridor": t("col.corridor", lang), "mode": t("col.mode", lang), "legs": t("col.legs", lang), "km": t("col.km", lang)}
    )


def comparison_frame(layers: GeoLayers, lang: str) -> pd.DataFrame:
    df = published_comparison(layers)
    out = pd.DataFrame(
        {
            t("col.item", lang): df["label_de" if lang == "de" else "label_en"],
            t("col.km", lang): df["computed_km"].round(0).astype(int),
            t("col.published_km", lang): df["published_km"].round(0).astype(int),
            t("col.difference", lang): [
                f"{d:+.0f} %" if ok else t("map.not_comparable", lang, why=why_de if lang == "de" else why_en)
                for d, ok, why_de, why_en in zip(df["difference_pct"], df["comparable"], df["why_de"], df["why_en"], strict=True)
            ],
            t("col.source", lang): df["source"],
        }
    )
    return out


def freight_chart(release: Release, figures_data: dict, lang: str) -> Chart:
    rows = pd.DataFrame(figures_data["freight_volume"])
    rows["forecast"] = [bool(r.get("forecast", False)) for r in figures_data["freight_volume"]]
    title = t("map.freight_title", lang)
    summary = ", ".join(f"{r.period}: {format_number(r.value, lang, 2)} Mt" for r in rows.itertuples())
    fig = go.Figure(
        go.Bar(
            x=rows["period"],
            y=rows["value"],
            marker_color=[PALETTE[1] if f else PALETTE[0] for f in rows["forecast"]],
            marker_pattern_shape=["/" if f else "" for f in rows["forecast"]],
            text=[format_number(v, lang, 2) for v in rows["value"]],
            textposition="outside",
            customdata=rows[["source"]],
            hovertemplate="%{x}: %{y} Mt<br>%{customdata[0]}<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("col.mt", lang), rangemode="tozero", range=[0, rows["value"].max() * 1.2])
    fig.update_xaxes(title=None, type="category")
    sources = "; ".join(f"{r.period}: {r.source.split(',')[0]}" for r in rows.itertuples())
    fig = _finish(fig, title, f"{t('chart.source', lang)}: {sources}", height=380)
    data = rows[["period", "value", "source"]].rename(
        columns={"period": t("col.year", lang), "value": t("col.mt", lang), "source": t("col.source", lang)}
    )
    return Chart("freight", title, t("map.freight_desc", lang, summary=summary), fig, data,
                 f"{t('chart.source', lang)}: {sources}", f"{t('chart.as_of', lang)}: 2026-11",
                 f"titr_{slugify(title)}_{lang}")  # fmt: skip


def context_table(figures_data: dict, section: str, lang: str) -> pd.DataFrame:
    rows = figures_data[section]
    return pd.DataFrame(
        {
            t("col.item", lang): [r["label_de"] if lang == "de" else r["label_en"] for r in rows],
            t("col.value", lang): [r["value"] for r in rows],
            t("col.year", lang): [str(r["year"]) for r in rows],
            t("col.source", lang): [r["source"] for r in rows],
        }
    )
