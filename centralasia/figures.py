"""Pure figure builders (DataFrame → plotly Figure), the light and dark Plotly templates, vocabulary colours.

Every figure is built light (exports, the briefing and PNG downloads stay light); ``themed`` gives the
copy a dark page shows. Colours of vocabulary values (stances, domains, statuses, positions) come from
``vocab_colour`` only, which never raises for a value it does not know.
"""

from __future__ import annotations

import copy
import textwrap
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from centralasia.i18n import format_date, t
from centralasia.loader import Release
from centralasia.summary import shorten

# Okabe–Ito hues (distinguishable with the common colour-vision deficiencies), shaded to reach 3:1 against both the
# light and the dark background (WCAG 1.4.11).
PALETTE = ["#0072B2", "#B07800", "#009E73", "#C45A9A", "#3F8FC4", "#D55E00", "#8F8A00", "#7A7A7A"]
FALLBACK_COLOUR = "#7A7A7A"
# Until the vocabularies carry their colours (data/vocab.yaml), these are the known values' colours.
_VOCAB_COLOURS: dict[str, dict[str, str]] = {
    "stance": {"expand": "#0072B2", "strengthen": "#009E73", "advance": "#B07800", "invest": "#D55E00", "advocate": "#C45A9A"},
    "relation": {"proposes": "#D55E00", "supports": "#0072B2"},
}
KIND_COLOURS = {
    "country": "#0072B2",
    "person": "#D55E00",
    "place": "#009E73",
    "event": "#B07800",
    "sector": "#3F8FC4",
    "initiative": "#C45A9A",
    "institution": "#7A7A7A",
    "conflict": "#D6404F",
}


_VOCAB_GROUPS = {"stance": "stances", "domain": "domains", "status": "statuses", "position": "positions"}


def vocab_colour(kind: str, value: str | None) -> str:
    """The colour of one vocabulary value (``kind`` e.g. "stance"); a value with no colour gets a stable palette colour.

    The vocabulary file (data/vocab.yaml, read by the loader) wins where it gives a colour; a new value never raises.
    """
    try:
        from centralasia import loader

        from_file = getattr(loader, "vocab_colour", None)
        if from_file is not None and value and kind in _VOCAB_GROUPS:
            found = from_file(_VOCAB_GROUPS[kind], value, default="")
            if found:
                return found
    except Exception:  # noqa: BLE001 - a missing or broken vocabulary must not take a chart down
        pass
    known = _VOCAB_COLOURS.get(kind, {})
    if value in known:
        return known[value]
    if not value:
        return FALLBACK_COLOUR
    return PALETTE[sum(map(ord, str(value))) % len(PALETTE)]


# Shapes told alongside the colour (WCAG 1.4.1), in the vocabulary's order so a value keeps its shape across views.
SYMBOLS = ("square", "circle", "diamond", "triangle-up", "star", "hexagon", "triangle-down", "pentagon")


def vocab_symbol(kind: str, value: str | None) -> str:
    """The marker shape of one vocabulary value (e.g. a stance), stable across filters; never raises."""
    order: list[str] = []
    try:
        from centralasia import loader

        vocab = loader.vocabularies()
        if vocab is not None and kind in _VOCAB_GROUPS:
            order = list(vocab.group(_VOCAB_GROUPS[kind]))
    except Exception:  # noqa: BLE001 - a missing vocabulary must not take a chart down
        pass
    index = order.index(value) if value in order else sum(map(ord, str(value or ""))) + len(order)
    return SYMBOLS[index % len(SYMBOLS)]


def vocab_text(kind: str, value: str | None, lang: str) -> str:
    """The label of a vocabulary value in ``lang``: from the vocabulary file when it has one, else the UI catalogue, else the value."""
    if not value:
        return ""
    try:
        from centralasia import loader

        from_file = getattr(loader, "vocab_label", None)
        if from_file is not None and kind in _VOCAB_GROUPS:
            found = from_file(_VOCAB_GROUPS[kind], value, lang)
            if found and found != value:
                return found
    except Exception:  # noqa: BLE001
        pass
    try:
        return t(f"{kind}.{value}", lang)
    except KeyError:
        return value


def localised(record: object, prefix: str, lang: str) -> str:
    """A record's text field (``status``, ``statement``, ``position``, ``role``…) in ``lang``, falling back to English."""
    method = getattr(record, "localised", None)
    if callable(method):
        try:
            value = method(prefix, lang)
            if value:
                return value
        except (KeyError, AttributeError):
            pass
    return getattr(record, f"{prefix}_{lang}", None) or getattr(record, f"{prefix}_en", None) or ""


FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEMPLATE_NAME = "centralasia"
DARK_TEMPLATE_NAME = "centralasia-dark"
INK = {"light": "#1f2937", "dark": "#e5e7eb"}
MUTED = {"light": "#4b5563", "dark": "#a3aab5"}
PAPER = {"light": "#ffffff", "dark": "#171614"}  # the dark value is Streamlit's default dark background
GRID = {"light": "#e5e7eb", "dark": "#2d3340"}


def _template(theme: str) -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT, size=14, color=INK[theme]),
            title=dict(font=dict(size=16, color=INK[theme]), x=0, xanchor="left", y=1, yanchor="top", yref="container", pad=dict(t=20), automargin=True,
                       subtitle=dict(font=dict(size=11, color=MUTED[theme]))),
            colorway=PALETTE,
            paper_bgcolor=PAPER[theme],
            plot_bgcolor=PAPER[theme],
            xaxis=dict(gridcolor=GRID[theme], zerolinecolor=MUTED[theme], automargin=True, title=dict(standoff=8)),
            yaxis=dict(gridcolor=GRID[theme], zerolinecolor=MUTED[theme], automargin=True, title=dict(standoff=8)),
            legend=dict(orientation="h", yanchor="top", y=-0.06, xanchor="left", x=0, font=dict(size=12), title=dict(text="")),
            hoverlabel=dict(font=dict(family=FONT, size=13)),
            margin=dict(l=10, r=10, t=90, b=60),
        )
    )  # fmt: skip


pio.templates[TEMPLATE_NAME] = _template("light")
pio.templates[DARK_TEMPLATE_NAME] = _template("dark")
_LIGHT_TO_DARK = {INK["light"]: INK["dark"], MUTED["light"]: MUTED["dark"], PAPER["light"]: PAPER["dark"], "#fff": PAPER["dark"],
                  "#ffffff": PAPER["dark"], "#000000": "#f3f4f6", GRID["light"]: GRID["dark"]}  # fmt: skip


def _swap(value):
    """Recursively replace the light template's explicit colours inside a figure dict by their dark twins."""
    if isinstance(value, dict):
        return {k: _swap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v) for v in value]
    if isinstance(value, str) and value.lower() in _LIGHT_TO_DARK:
        return _LIGHT_TO_DARK[value.lower()]
    return value


def _already_dark(figure: go.Figure) -> bool:
    """True for a figure a builder already made for the dark theme (e.g. the map, which has its own dark colours)."""
    paper = figure.layout.paper_bgcolor or (figure.layout.template.layout.paper_bgcolor if figure.layout.template else None)
    if not isinstance(paper, str) or not paper.startswith("#") or len(paper) != 7:
        return False
    r, g, b = (int(paper[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 80


def themed(figure: go.Figure, theme: str | None) -> go.Figure:
    """The figure for a page in ``theme`` ("light"/"dark"): dark gets the dark template and dark twins of ink colours.

    Exports never go through here: a downloaded or printed chart stays light.
    """
    if theme != "dark" or _already_dark(figure):
        return figure
    data = copy.deepcopy(figure.to_plotly_json())
    layout = _swap(data.get("layout", {}))
    layout.pop("template", None)
    # Only the frame changes (paper, fonts, axes, legend): what is drawn inside the plot keeps its colours,
    # so labels on a light basemap stay dark.
    out = go.Figure(data=data.get("data", []), layout=layout)
    out.update_layout(template=DARK_TEMPLATE_NAME)
    return out


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
    """The compact source of a release fact: 'Source: <publisher>, “<title>”, <date>' in the UI language."""
    meta = release.meta
    return f"{t('chart.source', lang)}: {meta.publisher_in(lang)}, „{shorten(meta.title_in(lang), 70)}“, {format_date(meta.date, lang)}"


def as_of_line(release: Release, lang: str) -> str:
    return f"{t('chart.as_of', lang)}: {format_date(release.meta.date, lang)}"


# Plotly never wraps text, and a figure does not know how wide the screen is: wrap for ~400 px.
TITLE_WRAP = 36  # ~330 px at 16 px: a 390 px phone minus the page's padding
SOURCE_WRAP = 56  # 11 px text: fits a 360 px phone chart


def plotly_safe(text: object) -> str:
    """Escape data text for plotly, whose labels understand a few HTML tags: markup shows as text (safe_text.plotly_text)."""
    from centralasia.safe_text import plotly_text

    return plotly_text(text)


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


def wrap_balanced(text: str, width: int) -> str:
    """Wrap on as few lines as ``width`` allows, but with lines of similar length (no lone last word)."""
    lines = len(textwrap.wrap(text, width)) or 1
    narrowest = width
    while narrowest > 12 and len(textwrap.wrap(text, narrowest - 1)) == lines:
        narrowest -= 1
    return "<br>".join(textwrap.wrap(text, narrowest)) or text


CATEGORY_WRAP = 22


def _wrapped(df: pd.DataFrame, column: str, width: int = CATEGORY_WRAP) -> pd.DataFrame:
    """Category labels broken onto lines between words, so long ones are not cut off at the left on a phone."""
    return df.assign(**{column: ["<br>".join(textwrap.wrap(v, width, break_long_words=False)) or v for v in df[column]]})


def _row_pitch(labels: list[str]) -> int:
    """Pixels per category row so that the tallest wrapped label does not run into its neighbours."""
    return max(34, 17 * max((label.count("<br>") + 1 for label in labels), default=1) + 18)


def _finish(fig: go.Figure, title: str, source: str, height: int, axis_space: int = 48) -> go.Figure:
    """Title (the takeaway) on top and one compact source line under it, so an exported image carries both.

    The source sits under the title rather than under the plot: an annotation is placed relative to
    the plot area, which long category labels push to the right, and it would be cut off on a phone.
    """
    title_html = wrap_balanced(plotly_safe(title), TITLE_WRAP)
    source_html = wrap_html(plotly_safe(source))
    top = title_space(title_html, source_html)
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=title_html, subtitle=dict(text=source_html)),
        height=height + top - 40,
        margin=dict(t=top, b=axis_space + 20),
    )
    return fig


def title_space(title_html: str, source_html: str) -> int:
    """Pixels above the plot for a wrapped title (16 px) and source line (11 px), with the template's padding."""
    # plotly lifts a multi-line title ~11 px above where a one-line one sits: the 20 px pad keeps it inside the figure
    return 20 + 21 * (title_html.count("<br>") + 1) + 6 + 14 * (source_html.count("<br>") + 1) + 14


EMBED_TITLE_WRAP = TITLE_WRAP  # an embedded chart may be read on a phone too
EMBED_SOURCE_WRAP = SOURCE_WRAP
EMBED_CATEGORY_WRAP = 38


def fit_to_frame(figure: go.Figure, title: str, source: str, height: int) -> go.Figure:
    """A copy of ``figure`` for a chart-only iframe about 800 px wide: title and source on fewer lines, exactly ``height`` px tall.

    Category rows close up to fit; their labels get a slightly smaller font so wrapped ones keep clear of each other.
    """
    out = go.Figure(figure)
    title_html = wrap_balanced(plotly_safe(title), EMBED_TITLE_WRAP)
    source_html = wrap_html(plotly_safe(source), EMBED_SOURCE_WRAP)
    out.update_layout(
        title=dict(text=title_html, subtitle=dict(text=source_html)), height=height, margin=dict(t=title_space(title_html, source_html))
    )
    categories = out.layout.yaxis.categoryarray
    if categories:  # a category axis (the matrices): rows get wider labels, so fewer lines each

        def rewrap(label):
            return "<br>".join(textwrap.wrap(str(label).replace("<br>", " "), EMBED_CATEGORY_WRAP, break_long_words=False)) or label

        out.update_yaxes(categoryarray=[rewrap(c) for c in categories], tickfont=dict(size=12))
        for trace in out.data:
            if trace.y is not None:
                trace.y = [rewrap(v) for v in trace.y]
    return out


def _legend_space(n_items: int) -> int:
    """Room under the plot for a horizontal legend that wraps on a phone (about two items per line)."""
    return 30 + 22 * ((n_items + 1) // 2)


def sector_matrix_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Sector × country matrix: a square where the country commits to the sector, coloured by the stance stated."""
    df = escape_frame(df)
    fig = go.Figure()
    df = _wrapped(df, "sector")
    sectors = list(dict.fromkeys(df["sector"]))[::-1]
    countries = list(dict.fromkeys(df["country"]))
    stances = list(dict.fromkeys(df["stance"]))
    for stance in stances:
        part = df[df["stance"] == stance]
        fig.add_scatter(
            x=part["country"],
            y=part["sector"],
            mode="markers",
            name=part["stance_label"].iloc[0],
            marker=dict(size=22, color=vocab_colour("stance", stance), symbol=vocab_symbol("stance", stance)),
            customdata=part[["sector_id", "statement", "quote"]],
            hovertemplate="<b>%{y}</b> · %{x}<br>%{customdata[1]}<br>„%{customdata[2]}“<extra></extra>",
        )
    # Colour and shape carry the stance (legend below); full country names over narrow columns would overlap
    # on a phone: the axis shows ISO codes, the hover the names.
    codes = dict(zip(df["country"], df["iso3"], strict=False))
    fig.update_xaxes(categoryorder="array", categoryarray=countries, side="top", title=None, showgrid=False, tickfont=dict(size=14),
                     tickangle=0, tickmode="array", tickvals=countries, ticktext=[codes[c] for c in countries], fixedrange=True)  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=sectors, title=None, fixedrange=True)
    legend = _legend_space(len(stances))
    fig.update_layout(legend=dict(y=0, yanchor="bottom", yref="container", x=0, xref="container", valign="top"))
    fig = _finish(fig, title, source, height=_row_pitch(sectors) * len(sectors) + 60 + legend, axis_space=legend)
    return fig


def initiative_matrix_figure(df: pd.DataFrame, title: str, source: str, lang: str) -> go.Figure:
    """Who backs what, as a grid: one row per initiative, one column per actor, a mark where the actor proposes or supports it.

    A grid instead of a network: no line can run through a label, and it narrows to a phone.
    """
    df = escape_frame(df)
    df = _wrapped(df, "initiative", 26)
    initiatives = list(dict.fromkeys(df["initiative"]))[::-1]
    actors = list(dict.fromkeys(df["actor"]))
    fig = go.Figure()
    symbols = {"proposes": "diamond", "supports": "circle"}
    for relation in ("proposes", "supports"):
        part = df[df["relation"] == relation]
        if part.empty:
            continue
        fig.add_scatter(
            x=part["actor"],
            y=part["initiative"],
            mode="markers",
            name=part["relation_label"].iloc[0],
            marker=dict(size=18, color=vocab_colour("relation", relation), symbol=symbols[relation], line=dict(width=1, color="#ffffff")),
            customdata=part[["initiative_id", "status"]],
            hovertemplate="<b>%{y}</b><br>%{x}: " + part["relation_label"].iloc[0] + "<br>%{customdata[1]}<extra></extra>",
        )
    short = dict(zip(df["actor"], df["actor_short"], strict=False))
    fig.update_xaxes(categoryorder="array", categoryarray=actors, side="top", title=None, showgrid=True, tickangle=0,
                     tickmode="array", tickvals=actors, ticktext=[wrap_html(short[a], 12) for a in actors], fixedrange=True)  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=initiatives, title=None, fixedrange=True)
    fig.update_layout(legend=dict(y=0, yanchor="bottom", yref="container", x=0, xref="container", valign="top"))
    height = _row_pitch(initiatives) * len(initiatives) + 60 + _legend_space(2)
    return _finish(fig, title, source, height=height, axis_space=_legend_space(2))


def plotly_config(filename: str, lang: str | None = None) -> dict:
    """Modebar config: client-side PNG/SVG export with a meaningful file name, no Plotly logo; with ``lang``, Plotly's
    own strings and number and date formats in that language (``plotly_locale``)."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
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
