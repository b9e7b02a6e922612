"""Contrast (WCAG 2.1 AA, BITV 2.0): every colour the app draws with, against the backgrounds it is drawn on.

Text needs 4.5:1 (1.4.3), graphics and lines 3:1 (1.4.11). The backgrounds are the theme's own, read from
``.streamlit/config.toml``; colours from ``data/vocab.yaml``, the chart palettes and the map palettes.
"""

from __future__ import annotations

import tomllib

import pytest

from centralasia.charts import annotate
from centralasia.charts import theme as theme_module
from centralasia.release.vocab import read_vocabularies
from centralasia.settings import PROJECT_ROOT

TEXT = 4.5
GRAPHICS = 3.0
THEMES = ("light", "dark")


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    assert len(colour) == 6, colour
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(colour: str, alpha: float, background: str) -> str:
    """``colour`` at ``alpha`` opacity painted on ``background``, as the hex colour the eye sees."""
    mixed = (round(255 * (alpha * f + (1 - alpha) * b)) for f, b in zip(_rgb(colour), _rgb(background), strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


THEME = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
BACKGROUNDS = {theme: (THEME[theme]["backgroundColor"], THEME[theme]["secondaryBackgroundColor"]) for theme in THEMES}
ALL_BACKGROUNDS = [bg for pair in BACKGROUNDS.values() for bg in pair]


def test_the_helpers_measure_what_wcag_measures():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert over("#000000", 0.5, "#ffffff") == "#808080"


@pytest.mark.parametrize("theme", THEMES)
def test_theme_text_captions_and_links_reach_4_5(theme):
    colours = THEME[theme]
    for background in BACKGROUNDS[theme]:
        assert contrast(colours["textColor"], background) >= TEXT
        # Streamlit draws captions, help texts and placeholders in textColor at 60 % opacity.
        caption = over(colours["textColor"], 0.6, background)
        assert contrast(caption, background) >= TEXT, (theme, caption, background)
        assert contrast(colours["linkColor"], background) >= TEXT, (theme, background)


@pytest.mark.parametrize("theme", THEMES)
def test_primary_colour_reads_as_text_on_both_backgrounds(theme):
    """Streamlit draws selected pills and active tabs in primaryColor: text, 4.5:1."""
    primary = THEME[theme]["primaryColor"]
    for background in BACKGROUNDS[theme]:
        assert contrast(primary, background) >= TEXT, (theme, background)


def test_no_primary_button_since_the_dark_primary_cannot_carry_white_text():
    """Streamlit writes white on a primary button; the dark primary that reads as text (above) is too light for that."""
    assert contrast(THEME["dark"]["primaryColor"], "#ffffff") < TEXT  # why the rule exists
    sources = [
        *PROJECT_ROOT.joinpath("pages").glob("*.py"),
        *PROJECT_ROOT.joinpath("centralasia", "ui").glob("*.py"),
        PROJECT_ROOT / "app.py",
    ]
    assert not [p.name for p in sources if 'type="primary"' in p.read_text(encoding="utf-8")]


def _vocabulary_colours() -> list[tuple[str, str, str]]:
    vocab = read_vocabularies(PROJECT_ROOT / "data" / "vocab.yaml")[0]
    assert vocab is not None
    return [
        (group, value, entry.colour)
        for group in ("stances", "domains", "statuses", "positions")
        for value, entry in vocab.group(group).items()
    ]


CHART_COLOURS = (
    _vocabulary_colours()
    + [("palette", str(i), c) for i, c in enumerate(theme_module.PALETTE)]
    + [("kind", k, c) for k, c in theme_module.KIND_COLOURS.items()]
    + [("fallback", "-", theme_module.FALLBACK_COLOUR), ("passage", "-", annotate.PASSAGE_COLOUR)]
    + [("theme", "chartCategoricalColors", c) for c in THEME["chartCategoricalColors"]]
)


@pytest.mark.parametrize(("group", "value", "colour"), CHART_COLOURS, ids=[f"{g}-{v}" for g, v, _ in CHART_COLOURS])
def test_chart_and_vocabulary_colours_reach_3_on_both_themes(group, value, colour):
    """One colour serves both themes (exports stay light), so it must stand out on light and dark alike."""
    for background in [*ALL_BACKGROUNDS, *theme_module.PAPER.values()]:
        assert contrast(colour, background) >= GRAPHICS, f"{group} {value} {colour} on {background}: {contrast(colour, background):.2f}"


@pytest.mark.parametrize("theme", THEMES)
def test_figure_ink_on_its_paper(theme):
    assert contrast(theme_module.INK[theme], theme_module.PAPER[theme]) >= TEXT
    assert contrast(theme_module.MUTED[theme], theme_module.PAPER[theme]) >= TEXT


@pytest.mark.parametrize("theme", THEMES)
def test_map_palette(theme):
    """Labels (text on their halo) reach 4.5:1; lines and symbols 3:1 on land and water."""
    palette = theme_module.PALETTES[theme]
    label_colours = {"text": palette.text, "muted": palette.muted, "sea_text": palette.sea_text, "subtitle": palette.subtitle,
                     "place": palette.place, "conflict": palette.conflict, **{f"corridor {k}": c for k, c in palette.corridors.items()}}  # fmt: skip
    for name, colour in label_colours.items():
        assert contrast(colour, palette.halo) >= TEXT, f"{theme} {name} {colour} on its halo {palette.halo}"
    lines = {
        "node": palette.node,
        "key_line": palette.key_line,
        "place": palette.place,
        **{f"corridor {k}": c for k, c in palette.corridors.items()},
    }
    for name, colour in lines.items():
        for ground in (palette.land, palette.water):
            assert contrast(colour, ground) >= GRAPHICS, f"{theme} {name} {colour} on {ground}: {contrast(colour, ground):.2f}"
    # The map's frame is the page: its title and source line stand on the theme's background.
    for colour in (palette.text, palette.subtitle):
        assert contrast(colour, BACKGROUNDS[theme][0]) >= TEXT


def test_the_map_palette_keeps_corridors_apart():
    """The darker shades must not collapse two corridors into one colour."""
    for palette in theme_module.PALETTES.values():
        colours = list(palette.corridors.values())
        assert len(set(colours)) == len(colours)
