"""Source-text annotation: the release text as escaped HTML with every record's quotes highlighted."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from centralasia.charts.theme import FALLBACK_COLOUR, KIND_COLOURS
from centralasia.i18n import t
from centralasia.release.loader import Release
from centralasia.safe_text import SR_ONLY, html_text


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    record_id: str
    label: str


def spans_of(release: Release, lang: str, kinds: Iterable[str] | None = None, record_id: str | None = None) -> list[Span]:
    """Every mention of the chosen kinds (or of one record) as a span to highlight."""
    wanted = set(kinds) if kinds is not None else None
    out = []
    for r in release.records:
        if (record_id and r.id != record_id) or (wanted is not None and r.kind not in wanted):
            continue
        out += [Span(m.start, m.end, r.kind, r.id, r.label(lang)) for m in r.mentions]
    return sorted(out, key=lambda s: (s.start, -s.end))


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


# Each kind's line has its own shape as well as its colour (WCAG 1.4.1): a reader who cannot tell the colours
# apart matches a highlight to the legend by its line. The colours reach 3:1 on both backgrounds (1.4.11).
LINE_SHAPES: dict[str, tuple[str, str]] = {
    "country": ("underline", "solid"),
    "person": ("underline", "dashed"),
    "place": ("underline", "dotted"),
    "event": ("underline", "double"),
    "sector": ("underline", "wavy"),
    "initiative": ("underline overline", "solid"),
    "institution": ("underline overline", "dashed"),
    "conflict": ("underline overline", "dotted"),
}
_SHAPE_FALLBACK = ("underline overline", "double")


def line_style(kind: str) -> str:
    """CSS of a kind's line: its colour and its shape (solid, dashed, dotted, double, wavy; under or under and over)."""
    colour = KIND_COLOURS.get(kind, FALLBACK_COLOUR)
    lines, shape = LINE_SHAPES.get(kind, _SHAPE_FALLBACK)
    return (f"text-decoration-line:{lines};text-decoration-style:{shape};text-decoration-color:{colour};"
            "text-decoration-thickness:2px;text-underline-offset:3px;text-decoration-skip-ink:none")  # fmt: skip


def highlight(
    text: str,
    spans: list[Span],
    start: int,
    end: int,
    lang: str,
    focus: str | None = None,
    link: Callable[[str], str] | None = None,
    passage: tuple[int, int] | None = None,
) -> str:
    """HTML of ``text[start:end]`` with the spans inside it marked; all text is escaped.

    Overlapping mentions (a country inside a longer sector quote) are split at every boundary;
    each piece takes the colour of the shortest span covering it and names all of them on hover.
    With ``link``, each highlight is a link (``link(record_id)``) that selects its record: a click,
    a tap, or Tab and Enter. ``passage`` (start, end) is outlined, its first piece carries id="passage".
    """
    inside = [s for s in spans if s.start < end and s.end > start]
    bounds = {start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)}
    if passage and passage[0] < end and passage[1] > start:
        bounds |= {max(start, passage[0]), min(end, passage[1])}
    cuts = sorted(bounds)
    parts = []
    first_of_passage = True
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html_text(text[a:b]).replace("\n", "<br>")
        covering = [s for s in inside if s.start <= a and s.end >= b]
        if covering:
            top = min(covering, key=lambda s: s.end - s.start)
            colour = KIND_COLOURS.get(top.kind, FALLBACK_COLOUR)
            names = "; ".join(dict.fromkeys(f"{s.label} ({t(f'kind.{s.kind}', lang)})" for s in covering))
            focused = focus is not None and any(s.record_id == focus for s in covering)
            style = f"background:{_rgba(colour, 0.16 if not focused else 0.34)};{line_style(top.kind)};padding:0 1px;border-radius:2px;color:inherit"
            if focused:
                style += f";outline:2px solid {colour}"
            # The kind in words for screen readers (the line's shape and the tooltip say it on screen).
            said = f'<span style="{SR_ONLY}"> ({html_text(names)})</span>'
            piece = (f'<mark data-kind="{top.kind}" data-record="{html_text(top.record_id)}" title="{html_text(names)}" '
                     f'style="{style}">{piece}{said}</mark>')  # fmt: skip
            if link is not None:
                # id: where focus returns after Enter reloads the page with this record selected (pages/source.py).
                piece = (f'<a href="{html_text(link(top.record_id))}#hl-{a}" target="_self" class="ca-hl" id="hl-{a}" '
                         f'data-record="{html_text(top.record_id)}" style="color:inherit;text-decoration:none">{piece}</a>')  # fmt: skip
        if passage and passage[0] <= a and b <= passage[1]:
            anchor = ' id="passage"' if first_of_passage else ""
            first_of_passage = False
            piece = (f'<span{anchor} class="ca-passage" style="box-shadow:0 0 0 3px {PASSAGE_COLOUR};background:rgba(176,120,0,0.22);'
                     f'border-radius:2px">{piece}</span>')  # fmt: skip
        parts.append(piece)
    return "".join(parts)


PASSAGE_COLOUR = "#B07800"  # the outline of a followed passage: 3:1 on both backgrounds


def _number(index: int) -> str:
    """The ¶ number in the text's own colour (no opacity: WCAG 1.4.3), smaller and not bold."""
    return f'<span style="font-size:0.8em;margin-right:0.4em;font-weight:400">¶{index + 1}</span>'


def paragraph_html(
    release: Release,
    spans: list[Span],
    index: int,
    lang: str,
    focus: str | None = None,
    link: Callable[[str], str] | None = None,
    passage: tuple[int, int] | None = None,
) -> str:
    start, end = release.paragraphs()[index]
    tag = "h2" if index == 0 else "p"  # the release's headline: the level below the page title (no h1 → h3 jump)
    style = "margin:0 0 0.6rem 0;line-height:1.65;font-size:1rem" + (";font-weight:600" if index < 2 else "")
    body = highlight(release.text, spans, start, end, lang, focus, link, passage)
    language = html_text(getattr(release.meta, "language", "de"))
    return f'<{tag} lang="{language}" style="{style}" data-paragraph="{index + 1}">{_number(index)}{body}</{tag}>'


def translation_html(text: str, index: int, highlighted: bool = False) -> str:
    tag = "h2" if index == 0 else "p"
    style = "margin:0 0 0.6rem 0;line-height:1.65;font-size:1rem" + (";font-weight:600" if index < 2 else "")
    if highlighted:
        style += f";box-shadow:0 0 0 2px {PASSAGE_COLOUR};background:rgba(176,120,0,0.14);border-radius:3px;padding:0 0.2rem"
    marker = ' class="ca-passage-translation"' if highlighted else ""
    return f'<{tag} lang="en" style="{style}" data-paragraph="{index + 1}"{marker}>{_number(index)}{html_text(text)}</{tag}>'


def legend_html(counts: dict[str, tuple[int, int]], lang: str) -> str:
    """One chip per kind saying what it counts: "6 countries, 19 mentions"."""
    chips = []
    for k, (records, mentions) in counts.items():
        colour = KIND_COLOURS.get(k, FALLBACK_COLOUR)
        kind = t(f"kind.{k}" if records == 1 else f"kinds.{k}", lang)
        if lang != "de":
            kind = kind.lower()
        said = t("source.mentions_one", lang) if mentions == 1 else t("source.mentions_n", lang, n=mentions)
        text = t("source.count", lang, records=records, kind=kind, mentions=said)
        chips.append(
            f'<span data-kind="{k}" style="display:inline-block;margin:0 0.6rem 0.3rem 0;padding:0 0.35rem;background:{_rgba(colour, 0.16)};'
            f'{line_style(k)};border-radius:2px">{html_text(text)}</span>'
        )
    return '<div style="line-height:1.9">' + "".join(chips) + "</div>"


def paragraph_of(release: Release, position: int) -> int | None:
    """0-based index of the paragraph holding ``position``, or None outside every paragraph."""
    for i, (a, b) in enumerate(release.paragraphs()):
        if a <= position < b:
            return i
    return None


def parse_passage(raw: object, release: Release) -> tuple[int, int] | None:
    """'751-785' from a URL into (751, 785) when it lies inside the text; anything else None."""
    try:
        a, b = (int(x) for x in str(raw).split("-", 1))
    except (TypeError, ValueError):
        return None
    if 0 <= a < b <= len(release.text):
        return a, b
    return None
