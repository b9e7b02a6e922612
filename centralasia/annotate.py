"""Source-text annotation: the release text as escaped HTML with every record's quotes highlighted."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from centralasia.figures import KIND_COLOURS
from centralasia.i18n import t
from centralasia.loader import Release


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


def highlight(text: str, spans: list[Span], start: int, end: int, lang: str, focus: str | None = None) -> str:
    """HTML of ``text[start:end]`` with the spans inside it marked; all text is escaped.

    Overlapping mentions (a country inside a longer sector quote) are split at every boundary;
    each piece takes the colour of the shortest span covering it and names all of them on hover.
    """
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        covering = [s for s in inside if s.start <= a and s.end >= b]
        if not covering:
            parts.append(piece)
            continue
        top = min(covering, key=lambda s: s.end - s.start)
        colour = KIND_COLOURS[top.kind]
        names = "; ".join(dict.fromkeys(f"{s.label} ({t(f'kind.{s.kind}', lang)})" for s in covering))
        focused = focus is not None and any(s.record_id == focus for s in covering)
        style = f"background:{_rgba(colour, 0.30 if not focused else 0.55)};border-bottom:2px solid {colour};padding:0 1px;border-radius:2px;color:inherit"
        if focused:
            style += f";outline:2px solid {colour}"
        parts.append(
            f'<mark data-kind="{top.kind}" data-record="{html.escape(top.record_id)}" title="{html.escape(names)}" style="{style}">{piece}</mark>'
        )
    return "".join(parts)


def paragraph_html(release: Release, spans: list[Span], index: int, lang: str, focus: str | None = None) -> str:
    start, end = release.paragraphs()[index]
    tag = "h3" if index == 0 else "p"
    style = "margin:0 0 0.6rem 0;line-height:1.65" + (";font-weight:600" if index < 2 else "")
    return f'<{tag} style="{style}" data-start="{start}" data-end="{end}">{highlight(release.text, spans, start, end, lang, focus)}</{tag}>'


def translation_html(text: str, index: int) -> str:
    tag = "h3" if index == 0 else "p"
    style = "margin:0 0 0.6rem 0;line-height:1.65;opacity:0.92" + (";font-weight:600" if index < 2 else "")
    return f'<{tag} style="{style}">{html.escape(text)}</{tag}>'


def legend_html(counts: dict[str, int], lang: str) -> str:
    chips = [
        f'<span style="display:inline-block;margin:0 0.6rem 0.3rem 0;padding:0 0.35rem;background:{_rgba(KIND_COLOURS[k], 0.30)};'
        f'border-bottom:2px solid {KIND_COLOURS[k]};border-radius:2px">{html.escape(t(f"kinds.{k}", lang))} ({n})</span>'
        for k, n in counts.items()
    ]
    return '<div style="line-height:1.9">' + "".join(chips) + "</div>"
