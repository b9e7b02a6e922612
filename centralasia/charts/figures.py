"""Pure figure builders (DataFrame → plotly Figure), each composed for the box it is shown in.

Plotly never wraps text and keeps text at its pixel size when it reflows a figure into another box. So a
figure is laid out for one ``registry.Box`` (width, and height where the container imposes one): the title
and source line are wrapped to the figure's full width by their measured width, legends get the rows they
need at that width, category labels wrap (or close up) to fit, and no text is set under 11 px. Below
``PHONE_BELOW`` px the phone layout applies (smaller title, vertical column heads where they do not fit).
Colours, fonts and templates come from ``centralasia.charts.theme``.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from centralasia.charts.theme import TEMPLATE_NAME, register_templates, text_box, vocab_colour, vocab_symbol, wrap_px
from centralasia.i18n import format_date, quoted, t
from centralasia.release.loader import Release
from centralasia.release.summary import shorten
from centralasia.safe_text import plotly_text

if TYPE_CHECKING:
    from centralasia.charts.registry import Box

register_templates()


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


def source_line(release: Release, lang: str) -> str:
    """The compact source of a release fact: 'Source: <publisher>, “<title>”, <date>' in the UI language and its quotation marks."""
    meta = release.meta
    return f"{t('chart.source', lang)}: {meta.publisher_in(lang)}, {quoted(shorten(meta.title_in(lang), 70), lang)}, {format_date(meta.date, lang)}"


def as_of_line(release: Release, lang: str) -> str:
    return f"{t('chart.as_of', lang)}: {format_date(release.meta.date, lang)}"


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell escaped for plotly (ids are slugs and stay as they are)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [plotly_text(v) if isinstance(v, str) else v for v in out[col]]
    return out


def wrap_html(text: str, width: int = 56) -> str:
    """Wrap plain text for a plotly hover or annotation by characters (which plotly does not do by itself)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


# ---------------------------------------------------------------- composition for a box

TITLE_WRAP = 36  # characters: the longest title line the map's phone variant starts from (mapview.fit_title)
PHONE_BELOW = 560  # px: narrower boxes get the phone layout
SIDE = 10  # px of paper left and right of everything
MIN_TEXT = 11  # px: no text is set smaller on screen
SOURCE_SIZE = 11
LEGEND_SIZE = 12
LINE = 1.3  # plotly sets lines of text 1.3 em apart


def default_box() -> Box:
    from centralasia.charts.registry import DEFAULT_BOX

    return DEFAULT_BOX


def is_phone(box: Box) -> bool:
    return box.width < PHONE_BELOW


def title_size(box: Box) -> int:
    return 15 if is_phone(box) else 16


@dataclass(frozen=True)
class Frame:
    """Title, source line and legend laid out for one box: the HTML to set and the pixels they take."""

    title_html: str
    source_html: str
    top: int  # px above the plot: title and source line
    legend: int  # px under the plot for the legend (0: none)
    title_size: int


def _lines_html(text: str, width: float, size: float, balance: bool = True) -> list[str]:
    return [plotly_text(line) for line in wrap_px(text, width, size, balance=balance)]


def legend_height(names: list[str], box: Box, size: int = LEGEND_SIZE) -> int:
    """Pixels a horizontal legend of ``names`` (plotly HTML, ``<br>`` breaks lines) takes at the box's width: items wrap
    onto rows as plotly wraps them, a row as tall as its tallest item.
    """
    if not names:
        return 0
    room = box.width - 2 * SIDE
    rows: list[int] = []  # lines of the tallest item per row
    x = 0.0
    for name in names:
        w = text_box(name, size)[0] + 50  # symbol (40 px), text, gap
        lines = name.count("<br>") + 1
        if not rows or (x and x + w > room):
            rows.append(lines)
            x = 0.0
        rows[-1] = max(rows[-1], lines)
        x += w
    return int(sum(lines * size * LINE + 8 for lines in rows) + 12)


def fit_legend(fig: go.Figure, box: Box, size: int = LEGEND_SIZE) -> list[str]:
    """Break every legend entry of ``fig`` that is wider than the box onto lines (in place); returns the entries."""
    room = box.width - 2 * SIDE - 54
    names = []
    for trace in fig.data:
        if not trace.name or trace.showlegend is False:
            continue
        plain = str(trace.name).replace("<br>", " ")
        if text_box(plain, size)[0] > room:
            trace.name = "<br>".join(wrap_px(plain, room, size))  # already escaped by its builder: wrapping keeps it so
        names.append(str(trace.name))
    return names


def frame_for(title: str, source: str, box: Box, legend_names: list[str] | None = None) -> Frame:
    """Wrap ``title`` and ``source`` (plain text) to the figure's full width and measure the legend, for ``box``."""
    size = title_size(box)
    room = box.width - 2 * SIDE - 4
    title_lines = _lines_html(title, room, size)
    source_lines = _lines_html(source, room, SOURCE_SIZE, balance=False)  # a source line runs the full width
    title_html, source_html = "<br>".join(title_lines), "<br>".join(source_lines)
    # plotly lifts a multi-line title ~1 line above where a one-line one sits: the 20 px pad keeps it inside the figure
    top = 20 + math.ceil(size * LINE) * len(title_lines) + 6 + math.ceil(SOURCE_SIZE * LINE) * len(source_lines) + 14
    return Frame(title_html, source_html, top, legend_height(legend_names or [], box), size)


def apply_frame(fig: go.Figure, frame: Frame, height: int, top_extra: int = 0, bottom_extra: int = 0) -> go.Figure:
    """Set the title, source line, legend, margins and height of ``fig`` as laid out in ``frame``."""
    legend = frame.legend
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=frame.title_html, font=dict(size=frame.title_size), subtitle=dict(text=frame.source_html, font=dict(size=SOURCE_SIZE)),
                   automargin=False, yref="container", y=1, yanchor="top", pad=dict(t=20)),
        height=int(height),
        margin=dict(l=SIDE, r=SIDE, t=frame.top + top_extra, b=legend + bottom_extra + 6, autoexpand=True),
        showlegend=bool(legend),
        legend=dict(orientation="h", x=0, xref="container", xanchor="left", y=0, yref="container", yanchor="bottom", valign="top",
                    font=dict(size=LEGEND_SIZE), traceorder="normal"),
    )  # fmt: skip
    return fig


@dataclass(frozen=True)
class Rows:
    """Category labels (a matrix's rows) fitted to a box: wrapped, and shortened only when a fixed height leaves no room."""

    labels: list[str]  # plotly HTML, one per input label, in order
    font: int
    pitch: float  # px per row


def fit_rows(labels: list[str], budget: float, body: float | None, max_lines: int = 3) -> Rows:
    """Wrap ``labels`` into ``budget`` px on at most ``max_lines`` lines. With a fixed ``body`` height, choose the largest
    font (13 to 11 px) at which every row fits, and past that keep as many lines as fit. A shortened label ends in …
    (the hover and the table beside the chart have the full text).
    """
    n = max(1, len(labels))
    for font in (13, 12, 11):
        wrapped = [wrap_px(label, budget, font) for label in labels]
        lines = min(max_lines, max((len(w) for w in wrapped), default=1))
        pitch = max(lines * font * LINE + 10, 30.0)
        if body is None or pitch * n <= body:
            return Rows(_shortened(labels, budget, font, lines), font, pitch if body is None else body / n)
    font = MIN_TEXT
    pitch = body / n
    keep = max(1, min(max_lines, int((pitch - 6) // (font * LINE))))
    return Rows(_shortened(labels, budget, font, keep), font, max(pitch, keep * font * LINE + 6))


def _shortened(labels: list[str], budget: float, font: int, keep: int) -> list[str]:
    """Each label wrapped into ``budget`` px, on at most ``keep`` lines (the last ending in … when text is left over)."""
    out = []
    for label in labels:
        lines = wrap_px(label, budget, font)
        if len(lines) > keep:
            lines = lines[:keep]
            last = lines[-1]
            while last and text_box(last + " …", font)[0] > budget:
                last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
            lines[-1] = f"{last} …"
        out.append("<br>".join(plotly_text(x) for x in lines))
    if len(set(out)) < len(out):  # shortened into twins: keep them apart by their full text
        out = ["<br>".join(plotly_text(x) for x in wrap_px(label, budget, font)) for label in labels]
    return out


def _label_budget(box: Box) -> float:
    """Pixels the row labels of a matrix may take: up to ~45 % of the figure on a phone, less on a wide screen."""
    return max(120.0, min(340.0, box.width * (0.45 if is_phone(box) else 0.36)))


def _body(box: Box, frame: Frame, top_extra: int, bottom_extra: int) -> float | None:
    """The plot's height when the box fixes the figure's height, else None (the figure grows with its rows)."""
    if box.height is None:
        return None
    return box.height - frame.top - top_extra - frame.legend - bottom_extra - 6


def _finish(fig: go.Figure, title: str, source: str, height: int, axis_space: int = 48, box: Box | None = None) -> go.Figure:
    """Title and source line on top, legend under the plot, composed for ``box`` (the default box when not given)."""
    box = box or default_box()
    frame = frame_for(_plain(title), _plain(source), box, fit_legend(fig, box))
    return apply_frame(fig, frame, (box.height or height + frame.top + frame.legend), bottom_extra=24)


def _plain(text: str) -> str:
    return str(text).replace("<br>", " ")


def sector_matrix_figure(df: pd.DataFrame, title: str, source: str, lang: str, box: Box | None = None) -> go.Figure:
    """Sector × country matrix: a square where the country commits to the sector, coloured by the stance stated."""
    box = box or default_box()
    stances = list(dict.fromkeys(df["stance"]))
    names = [str(df.loc[df["stance"] == s, "stance_label"].iloc[0]) for s in stances]
    frame = frame_for(title, source, box, names)
    heads = 34  # the ISO codes over the columns
    rows = fit_rows(list(dict.fromkeys(df["sector"])), _label_budget(box), _body(box, frame, heads, 0))
    label_of = dict(zip(dict.fromkeys(df["sector"]), rows.labels, strict=True))
    safe = escape_frame(df)
    safe["row"] = [label_of[s] for s in df["sector"]]
    sectors = rows.labels[::-1]
    countries = list(dict.fromkeys(safe["country"]))
    marker = int(max(12, min(22, rows.pitch - 8)))
    fig = go.Figure()
    for stance, name in zip(stances, names, strict=True):
        part = safe[safe["stance"] == stance]
        fig.add_scatter(
            x=part["country"], y=part["row"], mode="markers", name=plotly_text(name),
            marker=dict(size=marker, color=vocab_colour("stances", stance), symbol=vocab_symbol("stances", stance)),
            customdata=part[["sector_id", "statement", "quote", "sector"]],
            hovertemplate="<b>%{customdata[3]}</b> · %{x}<br>%{customdata[1]}<br>„%{customdata[2]}“<extra></extra>",
        )  # fmt: skip
    # Colour carries the stance (legend below); full country names over narrow columns would overlap on a phone:
    # the axis shows ISO codes, the hover the names.
    codes = dict(zip(safe["country"], safe["iso3"], strict=False))
    fig.update_xaxes(categoryorder="array", categoryarray=countries, side="top", title=None, showgrid=False, tickfont=dict(size=14),
                     tickangle=0, tickmode="array", tickvals=countries, ticktext=[codes[c] for c in countries], fixedrange=True,
                     range=[-0.5, len(countries) - 0.5])  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=sectors, title=None, fixedrange=True, tickfont=dict(size=rows.font),
                     range=[-0.5, len(sectors) - 0.5])  # fmt: skip
    height = box.height or int(frame.top + heads + rows.pitch * len(sectors) + frame.legend + 6)
    return apply_frame(fig, frame, height, top_extra=heads)


def _column_heads(heads: list[str], column: float, size: int = 12) -> tuple[list[str], int, int]:
    """Column heads for ``column`` px wide columns: wrapped between words when every word fits, else set vertically.

    Returns (plotly HTML per head, tick angle, px the heads take above the plot).
    """
    if all(text_box(w, size)[0] <= column - 8 for h in heads for w in h.split()):
        wrapped = [wrap_px(h, column - 8, size) for h in heads]
        lines = max(len(w) for w in wrapped)
        return ["<br>".join(plotly_text(x) for x in w) for w in wrapped], 0, int(lines * size * LINE + 14)
    longest = max(text_box(h, size)[0] for h in heads)
    return [plotly_text(h) for h in heads], -90, int(longest + 14)


def initiative_matrix_figure(df: pd.DataFrame, title: str, source: str, lang: str, box: Box | None = None) -> go.Figure:
    """Who backs what, as a grid: one row per initiative, one column per actor, a mark where the actor proposes or supports it.

    A grid instead of a network: no line can run through a label, and it narrows to a phone.
    """
    box = box or default_box()
    relations = [r for r in ("proposes", "supports") if (df["relation"] == r).any()]
    names = [str(df.loc[df["relation"] == r, "relation_label"].iloc[0]) for r in relations]
    frame = frame_for(title, source, box, names)
    actors = list(dict.fromkeys(plotly_text(a) for a in df["actor"]))  # as the marks' x values (escaped) say them
    short = dict(zip((plotly_text(a) for a in df["actor"]), df["actor_short"], strict=False))
    # few actors: the labels may take what the columns do not need (44 px each for vertical heads, 104 for level ones)
    per_column = 44 if is_phone(box) else 104
    budget = max(_label_budget(box), min(box.width * 0.55, box.width - 2 * SIDE - 8 - per_column * len(actors)))
    column = max(24.0, (box.width - 2 * SIDE - budget - 8) / max(1, len(actors)))
    ticktext, angle, heads = _column_heads([str(short[a]) for a in actors], column)
    rows = fit_rows(list(dict.fromkeys(df["initiative"])), budget, _body(box, frame, heads, 0))
    label_of = dict(zip(dict.fromkeys(df["initiative"]), rows.labels, strict=True))
    safe = escape_frame(df)
    safe["row"] = [label_of[i] for i in df["initiative"]]
    initiatives = rows.labels[::-1]
    marker = int(max(10, min(18, rows.pitch - 10)))
    fig = go.Figure()
    symbols = {"proposes": "diamond", "supports": "circle"}
    for relation, name in zip(relations, names, strict=True):
        part = safe[safe["relation"] == relation]
        fig.add_scatter(
            x=part["actor"], y=part["row"], mode="markers", name=plotly_text(name),
            marker=dict(size=marker, color=vocab_colour("relations", relation), symbol=symbols[relation], line=dict(width=1, color="#ffffff")),
            customdata=part[["initiative_id", "status", "initiative"]],
            hovertemplate="<b>%{customdata[2]}</b><br>%{x}: " + plotly_text(name) + "<br>%{customdata[1]}<extra></extra>",
        )  # fmt: skip
    fig.update_xaxes(categoryorder="array", categoryarray=actors, side="top", title=None, showgrid=True, tickangle=angle,
                     tickmode="array", tickvals=actors, ticktext=ticktext, tickfont=dict(size=12), fixedrange=True,
                     range=[-0.5, len(actors) - 0.5])  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=initiatives, title=None, fixedrange=True, tickfont=dict(size=rows.font),
                     range=[-0.5, len(initiatives) - 0.5])  # fmt: skip
    height = box.height or int(frame.top + heads + rows.pitch * len(initiatives) + frame.legend + 6)
    return apply_frame(fig, frame, height, top_extra=heads)


def nice_axis_top(peak: float) -> tuple[float, float]:
    """(top, step) of a value axis from zero with about five gridlines, the top gridline above ``peak`` with room for a marker."""
    if peak <= 0:
        return 1.0, 0.2
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    top = math.ceil(peak * 1.04 / step) * step
    return top, step


def compose_line_chart(fig: go.Figure, title: str, source: str, box: Box, body: int = 360) -> go.Figure:
    """A line chart over years (freight) composed for ``box``: full-width title and source, whole legend under the plot,
    years spaced so their labels never collide, the value axis from zero to a gridline above every point.
    """
    frame = frame_for(_plain(title), _plain(source), box, fit_legend(fig, box))
    xs = [x for tr in fig.data for x in (tr.x or ())]
    ys = [y for tr in fig.data for y in (tr.y or ()) if y is not None]
    if xs:
        first, last = int(min(xs)), int(max(xs))
        plot = box.width - 2 * SIDE - 60
        dtick = next(d for d in (1, 2, 5, 10, 20) if (last - first) / d * 46 <= plot or d == 20)
        fig.update_xaxes(dtick=dtick, tickangle=0, range=[first - 0.5, last + 0.5], tickfont=dict(size=12))
    if ys:
        top, step = nice_axis_top(max(ys))
        # a hair above the top gridline, so that line is drawn and every point sits under it
        fig.update_yaxes(range=[0, top + step * 0.03], dtick=step, tickfont=dict(size=12), rangemode=None)
    axis, headroom = 30, 14  # the year labels under the plot; room between the source line and the top value label
    height = box.height or int(frame.top + headroom + (body if not is_phone(box) else 280) + axis + frame.legend + 6)
    return apply_frame(fig, frame, height, top_extra=headroom, bottom_extra=axis)


def plotly_config(filename: str, figure: go.Figure | None = None, lang: str | None = None) -> dict:
    """Modebar config: PNG/SVG export at the named image size (``registry.IMAGE_BOX``, 1200×800 px, at 2×), a meaningful
    file name, no logo. Given the ``figure``, a chart composed taller than 800 px (a matrix with many rows on a phone)
    keeps its own height in the image, so its rows are not squeezed together. With ``lang``, Plotly's own strings and
    number and date formats in that language (``plotly_locale``).
    """
    from centralasia.charts.registry import IMAGE_BOX, IMAGE_SCALE

    height = max(IMAGE_BOX.height or 0, int(figure.layout.height or 0) if figure is not None else 0)
    config = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": IMAGE_BOX.width, "height": height, "scale": IMAGE_SCALE},
        "modeBarButtonsToRemove": ["lasso2d", "autoScale2d"],
    }
    if lang and lang != "en":
        config |= {"locale": lang, "locales": {lang: plotly_locale(lang)}}
    return config


PLOTLY_STRINGS = ("zoom", "pan", "box_select", "lasso_select", "zoom_in", "zoom_out", "autoscale", "reset_axes", "reset_view",
                  "download_png", "download", "closest", "compare", "spikes", "double_click", "snapshot", "snapshot_done",
                  "snapshot_failed")  # fmt: skip


def plotly_locale(lang: str) -> dict:
    """A Plotly.js locale, passed with each chart's config (``config.locales``) since the bundled Plotly registers none:
    the toolbar's strings from the catalogue (keyed by Plotly's own English text) and the CLDR number and date formats."""
    from babel import Locale
    from babel.dates import get_day_names, get_month_names

    from centralasia.i18n import BABEL_LOCALES

    locale = Locale.parse(BABEL_LOCALES.get(lang, "en_GB"))
    days = [get_day_names("wide", locale=locale)[(i + 6) % 7] for i in range(7)]  # Plotly's weeks start on Sunday
    short_days = [get_day_names("abbreviated", locale=locale)[(i + 6) % 7] for i in range(7)]
    return {
        "dictionary": {t(f"plotly.{key}", "en"): t(f"plotly.{key}", lang) for key in PLOTLY_STRINGS},
        "format": {
            "decimal": locale.number_symbols["latn"]["decimal"],
            "thousands": locale.number_symbols["latn"]["group"],
            "days": days,
            "shortDays": short_days,
            "months": [get_month_names("wide", context="stand-alone", locale=locale)[i] for i in range(1, 13)],
            "shortMonths": [get_month_names("abbreviated", context="stand-alone", locale=locale)[i] for i in range(1, 13)],
            "date": "%d.%m.%Y",
        },
    }


def slugify(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")
