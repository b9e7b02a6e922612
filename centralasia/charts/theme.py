"""The one theme module: colours, fonts, the light and dark Plotly templates, the dark conversion of a figure,
vocabulary colours, and the text measure every chart composes its layout with.

Importing it is cheap (no pandas, no Plotly at import time): the first page uses ``vocab_colour`` too.
Figures are built light; ``themed`` gives the copy a dark page shows. The map has its own basemap colours
(``PALETTES``), chosen per theme by its builder.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

# Okabe–Ito hues (distinguishable with the common colour-vision deficiencies), shaded to reach 3:1 against both
# the light and the dark background (WCAG 1.4.11). Each value is written here once.
BLUE = "#0072B2"
ORANGE = "#B07800"
GREEN = "#009E73"
PINK = "#C45A9A"
SKY = "#3F8FC4"
VERMILION = "#D55E00"
YELLOW = "#8F8A00"
BLACK = "#7A7A7A"
PALETTE = [BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK]
FALLBACK_COLOUR = "#7A7A7A"
ACCENT = BLUE  # links, quote rules, the primary colour of the app (.streamlit/config.toml repeats it for Streamlit)

KIND_COLOURS = {
    "country": BLUE,
    "person": VERMILION,
    "place": GREEN,
    "event": ORANGE,
    "sector": SKY,
    "initiative": PINK,
    "institution": FALLBACK_COLOUR,
    "conflict": "#D6404F",
    "status": "#A6761D",
}
# Colours of the values the vocabulary file (data/vocab.yaml) does not hold: how an actor relates to an initiative.
_OWN_COLOURS: dict[str, dict[str, str]] = {"relations": {"proposes": VERMILION, "supports": BLUE}}

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEMPLATE_NAME = "centralasia"
DARK_TEMPLATE_NAME = "centralasia-dark"
INK = {"light": "#1f2937", "dark": "#e5e7eb"}
MUTED = {"light": "#4b5563", "dark": "#a3aab5"}
PAPER = {"light": "#ffffff", "dark": "#171614"}  # the dark value is Streamlit's default dark background
GRID = {"light": "#e5e7eb", "dark": "#2d3340"}
THEMES = ("light", "dark")


def vocab_colour(group: str, value: str | None) -> str:
    """The colour of one vocabulary value (``group`` as in data/vocab.yaml: "stances", "domains", "statuses",
    "positions"; or "relations"). The file wins; a value it does not know gets a stable palette colour, never an error.
    """
    if not value:
        return FALLBACK_COLOUR
    from centralasia.release import vocab as vocabulary_files

    try:
        vocab = vocabulary_files.vocabularies()
        entry = vocab.group(group).get(value) if vocab is not None else None
    except (AttributeError, OSError, ValueError):  # a group the file does not have, or a file that cannot be read
        entry = None
    if entry is not None and entry.colour:
        return entry.colour
    own = _OWN_COLOURS.get(group, {})
    if value in own:
        return own[value]
    return PALETTE[sum(map(ord, str(value))) % len(PALETTE)]


# Shapes told alongside the colour (WCAG 1.4.1), in the vocabulary's order so a value keeps its shape across views.
SYMBOLS = ("square", "circle", "diamond", "triangle-up", "star", "hexagon", "triangle-down", "pentagon")


def vocab_symbol(group: str, value: str | None) -> str:
    """The marker shape of one vocabulary value (``group`` as in data/vocab.yaml), stable across filters; never raises."""
    from centralasia.release import vocab as vocabulary_files

    try:
        vocab = vocabulary_files.vocabularies()
        order = list(vocab.group(group)) if vocab is not None else []
    except (AttributeError, OSError, ValueError):
        order = []
    index = order.index(value) if value in order else sum(map(ord, str(value or ""))) + len(order)
    return SYMBOLS[index % len(SYMBOLS)]


# ---------------------------------------------------------------- the map's basemap colours


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
            "main": BLUE,
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


# ---------------------------------------------------------------- text measure


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


def wrap_px(text: str, width_px: float, size: float, bold: bool = False, balance: bool = True) -> list[str]:
    """``text`` broken between words into lines that each fit ``width_px`` at ``size`` px (a word longer than that
    stands on its own line). With ``balance``, lines are of similar length: the last one is not a lone word when a narrower
    measure gives as few lines.
    """
    words = text.split()
    if not words:
        return [text] if text else []

    def greedy(limit: float) -> list[str]:
        lines: list[str] = []
        for word in words:
            if lines and text_box(f"{lines[-1]} {word}", size, bold)[0] <= limit:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines

    lines = greedy(width_px)
    if balance and len(lines) > 1:  # balance: shrink the measure while the line count stays
        limit = width_px
        while limit > width_px * 0.6:
            trial = greedy(limit - 8)
            if len(trial) != len(lines):
                break
            limit -= 8
            lines = trial
    return lines


def wrap_chars(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False) or [text]


# ---------------------------------------------------------------- Plotly templates and the dark copy


def plotly_template(theme: str) -> Any:
    import plotly.graph_objects as go

    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT, size=14, color=INK[theme]),
            title=dict(font=dict(size=16, color=INK[theme]), x=0, xanchor="left", y=1, yanchor="top", yref="container", pad=dict(t=20),
                       automargin=True, subtitle=dict(font=dict(size=11, color=MUTED[theme]))),
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


def register_templates() -> None:
    """Register the light and dark templates with Plotly (idempotent; figures calls it on import)."""
    import plotly.io as pio

    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = plotly_template("light")
        pio.templates[DARK_TEMPLATE_NAME] = plotly_template("dark")


_LIGHT_TO_DARK = {INK["light"]: INK["dark"], MUTED["light"]: MUTED["dark"], PAPER["light"]: PAPER["dark"], "#fff": PAPER["dark"],
                  "#ffffff": PAPER["dark"], BLACK.lower(): "#f3f4f6", GRID["light"]: GRID["dark"]}  # fmt: skip


def _swap(value):
    """Recursively replace the light template's explicit colours inside a figure dict by their dark twins."""
    if isinstance(value, dict):
        return {k: _swap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v) for v in value]
    if isinstance(value, str) and value.lower() in _LIGHT_TO_DARK:
        return _LIGHT_TO_DARK[value.lower()]
    return value


def _already_dark(figure: Any) -> bool:
    """True for a figure a builder already made for the dark theme (the map, which has its own dark colours)."""
    paper = figure.layout.paper_bgcolor or (figure.layout.template.layout.paper_bgcolor if figure.layout.template else None)
    if not isinstance(paper, str) or not paper.startswith("#") or len(paper) != 7:
        return False
    r, g, b = (int(paper[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 80


def themed(figure: Any, theme: str | None) -> Any:
    """The figure for a page in ``theme`` ("light"/"dark"): dark gets the dark template and dark twins of ink colours.

    Only the frame changes (paper, fonts, axes, legend): what is drawn inside the plot keeps its colours.
    Exports and print stay light: their builders ask for the light theme.
    """
    import copy

    import plotly.graph_objects as go

    if theme != "dark" or _already_dark(figure):
        return figure
    register_templates()
    data = copy.deepcopy(figure.to_plotly_json())
    layout = _swap(data.get("layout", {}))
    layout.pop("template", None)
    out = go.Figure(data=data.get("data", []), layout=layout)
    out.update_layout(template=DARK_TEMPLATE_NAME)
    return out
