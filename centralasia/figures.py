"""Pure figure builders (DataFrame → plotly Figure) and the shared briefing template."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from centralasia.i18n import format_date, t
from centralasia.loader import Release

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STANCE_COLOURS = {
    "expand": "#0072B2",
    "strengthen": "#009E73",
    "advance": "#E69F00",
    "invest": "#D55E00",
    "advocate": "#CC79A7",
}
KIND_COLOURS = {
    "country": "#0072B2",
    "person": "#D55E00",
    "place": "#009E73",
    "event": "#E69F00",
    "sector": "#56B4E9",
    "initiative": "#CC79A7",
    "institution": "#7F7F7F",
    "conflict": "#B2182B",
}
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEMPLATE_NAME = "centralasia"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#1f2937"),
        title=dict(font=dict(size=18), x=0, xanchor="left", y=0.98, yanchor="top"),
        colorway=PALETTE,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        xaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#9ca3af", automargin=True, title=dict(standoff=8)),
        yaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#9ca3af", automargin=True, title=dict(standoff=8)),
        legend=dict(orientation="h", yanchor="top", y=-0.2, xanchor="left", x=0, font=dict(size=12), title=dict(text="")),
        hoverlabel=dict(font=dict(family=FONT, size=13)),
        margin=dict(l=10, r=10, t=90, b=90),
    )
)


@dataclass(frozen=True)
class Chart:
    """A figure with everything a briefing needs around it."""

    key: str
    title: str
    description: str
    figure: go.Figure
    data: pd.DataFrame
    source: str
    as_of: str
    filename: str
    extra: dict = field(default_factory=dict)


def source_line(release: Release, lang: str) -> str:
    """'Source: <publisher>, “<title>”, <date>' in the UI language."""
    meta = release.meta
    return f"{t('chart.source', lang)}: {meta.publisher_in(lang)}, „{meta.title}“, {format_date(meta.date, lang)}"


def as_of_line(release: Release, lang: str) -> str:
    return f"{t('chart.as_of', lang)}: {format_date(release.meta.date, lang)}"


# Plotly never wraps text, and a figure does not know how wide the screen is: wrap for ~400 px.
TITLE_WRAP = 42
SOURCE_WRAP = 62


def plotly_safe(text: object) -> str:
    """Escape data text for plotly, whose labels understand a few HTML tags: markup shows as text."""
    return html.escape(str(text), quote=False)


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell escaped for plotly (ids are slugs and stay as they are)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [plotly_safe(v) if isinstance(v, str) else v for v in out[col]]
    return out


def wrap_html(text: str, width: int = SOURCE_WRAP) -> str:
    """Wrap plain text for a plotly annotation (which does not wrap by itself)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


CATEGORY_WRAP = 24


def _wrapped(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Category labels broken onto lines, so long ones are not cut off at the left on a phone."""
    return df.assign(**{column: [wrap_html(v, CATEGORY_WRAP) for v in df[column]]})


def _finish(fig: go.Figure, title: str, source: str, height: int, axis_space: int = 48) -> go.Figure:
    """Title and source line on top, measured from the figure's edge, so an exported image carries both.

    The source sits under the title rather than under the plot: an annotation is placed relative to
    the plot area, which long category labels push to the right, and it would be cut off on a phone.
    """
    title_html = wrap_html(plotly_safe(title), TITLE_WRAP)
    source_html = wrap_html(plotly_safe(source))
    lines = title_html.count("<br>") + source_html.count("<br>") + 2
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=title_html, subtitle=dict(text=source_html, font=dict(size=11, color="#4b5563"))),
        height=height + 16 * lines,
        margin=dict(t=40 + 18 * lines, b=axis_space + 20),
    )
    return fig


def kind_counts_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Horizontal bars: records per kind (``df`` from frames.kind_counts)."""
    df = escape_frame(df)
    df = df.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=df["records"],
            y=df["kind_label"],
            orientation="h",
            marker_color=[KIND_COLOURS[k] for k in df["kind"]],
            text=df["records"],
            textposition="outside",
            customdata=df[["mentions"]],
            hovertemplate="%{y}: %{x}<br>" + t("col.mentions", lang) + ": %{customdata[0]}<extra></extra>",
        )
    )
    fig.update_xaxes(title=t("col.count", lang), rangemode="tozero", range=[0, max(1, df["records"].max()) * 1.2])
    fig.update_yaxes(title=None)
    return _finish(fig, title, source, height=380)


def sector_mentions_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Horizontal bars: mentions per sector, coloured by the stance stated (``df`` from frames.sectors_frame)."""
    df = escape_frame(df)
    fig = go.Figure()
    df = _wrapped(df, "sector").sort_values(["mentions", "sector"], ascending=[True, False])
    for stance, part in df.groupby("stance", sort=False):
        fig.add_bar(
            x=part["mentions"],
            y=part["sector"],
            orientation="h",
            name=part["stance_label"].iloc[0],
            marker_color=STANCE_COLOURS[stance],
            customdata=part[["sector_id", "countries", "statement"]],
            hovertemplate="<b>%{y}</b><br>%{customdata[2]}<br>"
            + t("col.countries", lang)
            + ": %{customdata[1]}<br>"
            + t("col.mentions", lang)
            + ": %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack", yaxis=dict(categoryorder="array", categoryarray=list(df["sector"])))
    fig.update_xaxes(title=t("col.mentions", lang), dtick=1, rangemode="tozero")
    return _finish(fig, title, source, height=max(320, 60 * len(df) + 170))


def sector_matrix_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Sector × country matrix: a marker where the country cooperates, coloured and labelled by stance."""
    df = escape_frame(df)
    fig = go.Figure()
    df = _wrapped(df, "sector")
    sectors = list(dict.fromkeys(df["sector"]))[::-1]
    countries = list(dict.fromkeys(df["country"]))
    for stance, part in df.groupby("stance", sort=False):
        fig.add_scatter(
            x=part["country"],
            y=part["sector"],
            mode="markers",
            name=part["stance_label"].iloc[0],
            marker=dict(size=22, color=STANCE_COLOURS[stance], symbol="square"),
            customdata=part[["sector_id", "statement", "quote"]],
            hovertemplate="<b>%{y}</b> · %{x}<br>%{customdata[1]}<br>„%{customdata[2]}“<extra></extra>",
        )
    # Colour carries the stance (legend below); words beside the markers would overlap on a phone, and
    # so would full country names over narrow columns: the axis shows ISO codes, the hover the names.
    codes = dict(zip(df["country"], df["iso3"], strict=False))
    fig.update_xaxes(categoryorder="array", categoryarray=countries, side="top", title=None, showgrid=False, tickfont=dict(size=14),
                     tickangle=0, tickmode="array", tickvals=countries, ticktext=[codes[c] for c in countries])  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=sectors, title=None)
    return _finish(fig, title, source, height=max(320, 52 * len(sectors) + 190))


def initiative_domain_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Stacked horizontal bars: initiatives per domain, split by status (``df`` from frames.initiative_domain_counts)."""
    df = escape_frame(df)
    fig = go.Figure()
    df = _wrapped(df, "domain_label")
    order = df.groupby("domain_label")["initiatives"].sum().sort_values().index.tolist()
    for i, (_status, part) in enumerate(df.groupby("status", sort=True)):
        fig.add_bar(
            x=part["initiatives"],
            y=part["domain_label"],
            orientation="h",
            name=part["status_label"].iloc[0],
            marker_color=PALETTE[i % len(PALETTE)],
            hovertemplate="%{y}<br>" + part["status_label"].iloc[0] + ": %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None)
    fig.update_xaxes(title=t("kinds.initiative", lang), dtick=1, rangemode="tozero")
    return _finish(fig, title, source, height=max(340, 55 * len(order) + 200))


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Three-column network: actors → initiatives → institutions, edges drawn as lines."""
    nodes = escape_frame(nodes)
    # Columns: actors (labels to the left), initiatives, institutions (labels to the right). The
    # institutions stand far enough right that the long initiative labels end before them.
    column_x = {0: 0.0, 1: 1.0, 2: 3.6}
    pos: dict[str, tuple[float, float]] = {}
    for layer, part in nodes.groupby("layer"):
        n = len(part)
        for i, rid in enumerate(part.sort_values("label")["id"]):
            pos[rid] = (column_x[int(layer)], 1 - (i + 0.5) / n)
    fig = go.Figure()
    styles = {"proposes": ("#D55E00", "solid"), "supports": ("#0072B2", "dot"), "concerns": ("#7F7F7F", "dash")}
    for relation, part in edges.groupby("relation"):
        xs, ys = [], []
        for s, tgt in zip(part["source"], part["target"], strict=True):
            xs += [pos[s][0], pos[tgt][0], None]
            ys += [pos[s][1], pos[tgt][1], None]
        colour, dash = styles.get(relation, ("#999999", "solid"))
        fig.add_scatter(
            x=xs, y=ys, mode="lines", name=t(f"col.{'proposed_by' if relation == 'proposes' else 'supported_by' if relation == 'supports' else 'links'}", lang),
            line=dict(color=colour, width=1.4, dash=dash), hoverinfo="skip",
        )  # fmt: skip
    for kind, part in nodes.groupby("kind", sort=False):
        fig.add_scatter(
            x=[pos[i][0] for i in part["id"]],
            y=[pos[i][1] for i in part["id"]],
            mode="markers+text",
            name=part["kind_label"].iloc[0],
            text=[label if len(label) <= 44 else label[:42] + "…" for label in part["label"]],
            hovertext=part["label"],
            textposition=["middle left" if layer == 0 else "middle right" for layer in part["layer"]],
            textfont=dict(size=12),
            marker=dict(size=14, color=KIND_COLOURS.get(kind, "#999"), line=dict(color="#fff", width=1)),
            customdata=part[["id"]],
            hovertemplate="%{hovertext}<extra>" + part["kind_label"].iloc[0] + "</extra>",
        )
    fig.update_xaxes(visible=False, range=[-1.4, 5.0])
    fig.update_yaxes(visible=False, range=[-0.03, 1.03])
    return _finish(fig, title, source, height=max(480, 34 * int(nodes.groupby("layer").size().max()) + 160))


def conflict_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Horizontal bars: mentions per conflict (labelled with its region), coloured by the position stated."""
    df = escape_frame(df)
    fig = go.Figure()
    df = df.assign(
        row=[wrap_html(f"{label} ({region})", CATEGORY_WRAP) for label, region in zip(df["label"], df["region"], strict=True)]
    ).iloc[::-1]
    for i, (_, part) in enumerate(df.groupby("position", sort=False)):
        fig.add_bar(
            x=part["mentions"],
            y=part["row"],
            orientation="h",
            name=part["position_label"].iloc[0],
            marker_color=PALETTE[i % len(PALETTE)],
            customdata=part[["id", "parties", "position_text", "quote"]],
            hovertemplate="<b>%{y}</b><br>"
            + t("col.parties", lang)
            + ": %{customdata[1]}<br>%{customdata[2]}<br>„%{customdata[3]}“<extra></extra>",
        )
    fig.update_layout(barmode="stack", yaxis=dict(categoryorder="array", categoryarray=list(df["row"])))
    fig.update_xaxes(title=t("col.mentions", lang), dtick=1, rangemode="tozero")
    fig.update_yaxes(title=None)
    return _finish(fig, title, source, height=max(320, 48 * len(df) + 190))


def plotly_config(filename: str) -> dict:
    """Modebar config: client-side PNG/SVG export with a meaningful file name, no Plotly logo."""
    return {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "autoScale2d"],
    }


def slugify(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")
