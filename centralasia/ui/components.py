"""Text helpers shared by pages: quotes with their "¶3 · show in source" link, escaped text, and the reader
tables (sector × country, positions, initiatives, context figures) as escaped HTML that reads on a phone.

Nothing here imports pandas or Plotly (the Overview page uses only this module); charts, data tables and
CSV downloads are in ``centralasia/ui/charts.py``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from centralasia.charts.theme import ACCENT, FALLBACK_COLOUR
from centralasia.i18n import t
from centralasia.release.loader import Release
from centralasia.release.summary import paragraph_number
from centralasia.safe_text import SR_ONLY, html_source_link


def md_escape(text: str) -> str:
    """Escape data text for st.markdown (kept for callers; the one implementation is ``safe_text.md``)."""
    from centralasia.safe_text import md

    return md(text)


def _e(text: object) -> str:
    return html.escape(str(text))


def source_href(release: Release, lang: str, start: int, end: int) -> str:
    """Relative link to the Source page with one passage highlighted (German) and its paragraph (translation)."""
    query = urlencode({"release": release.id, "lang": lang, "passage": f"{start}-{end}"})
    return f"source?{query}#passage"


def source_link_html(release: Release, lang: str, start: int, end: int) -> str:
    label = t("quote.show_in_source", lang, n=paragraph_number(release, start))
    return f'<a href="{_e(source_href(release, lang, start, end))}" target="_self" class="ca-src">{_e(label)}</a>'


def quote_html(quote_text: str, start: int, end: int, lang: str, release: Release | None = None, translated: bool = False) -> str:
    """A verbatim quote (marked with the release's language, WCAG 3.1.2) and its "¶n · show in source" link.

    ``translated``: for a reader of another language, the paragraph's unofficial translation beside the original
    (the data holds an aligned English translation per paragraph; none is made up here)."""
    release = release or _current_release()
    ref = source_link_html(release, lang, start, end)
    original = getattr(release.meta, "language", "de")
    block = (
        f'<blockquote lang="{_e(original)}" style="margin:0.2rem 0 0.8rem 0;padding:0.35rem 0.8rem;border-left:4px solid {ACCENT};font-style:italic">'
        f'„{_e(quote_text)}“<br><span lang="{_e(lang)}" style="font-size:0.85em;font-style:normal">{ref}</span></blockquote>'
    )
    translation = _paragraph_translation(release, start) if translated and lang != original else None
    if translation is None:
        return block
    label = f"{t('source.translation_head', lang)}, ¶{paragraph_number(release, start)}"
    beside = (f'<div style="flex:1 1 18rem;margin:0.2rem 0 0.8rem 0;padding:0.35rem 0.8rem;border-left:4px dashed {FALLBACK_COLOUR}">'
              f'<span style="font-size:0.85em;font-weight:600">{_e(label)}</span><br><span lang="en">{_e(translation)}</span></div>')  # fmt: skip
    return f'<div style="display:flex;flex-wrap:wrap;gap:0 1rem"><div style="flex:1 1 18rem">{block}</div>{beside}</div>'


def _paragraph_translation(release: Release, start: int) -> str | None:
    # Not annotate.paragraph_of: that module pulls in Plotly, which the Overview page does not load.
    index = next((i for i, (a, b) in enumerate(release.paragraphs()) if a <= start < b), None)
    if index is None or index >= len(release.translation):
        return None
    return release.translation[index].en


def chart_alternative_html(
    chart_name: str, title: str, description: str, frame, lang: str, original: str | None = None, max_rows: int = 200
) -> str:
    """A chart's text alternative (WCAG 1.1.1) for screen readers: what it shows and its takeaway, then its data as an
    HTML table (``frame``: the chart's data as shown). Invisible on screen, where the title, description and the table
    toggle say the same. ``original``: the language of the quotes (default: the release on screen)."""
    said = " ".join(x for x in (t("a11y.chart_alt", lang, chart=chart_name, title=title), description) if x)
    rows = [[_e(v) for v in row] for row in frame.head(max_rows).itertuples(index=False)] if frame is not None else []
    table = ""
    if rows:
        head = "".join(f'<th scope="col">{_e(c)}</th>' for c in frame.columns)
        # Quotes are in the release's own language, and say so (WCAG 3.1.2).
        original = _e(original or getattr(_current_release().meta, "language", "de"))
        marks = [f' lang="{original}"' if c == t("col.quote", lang) else "" for c in frame.columns]
        body = "".join("<tr>" + "".join(f"<td{m}>{c}</td>" for m, c in zip(marks, row, strict=False)) + "</tr>" for row in rows)
        caption = _e(t("a11y.chart_data", lang, chart=chart_name))
        table = f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="ca-chart-alt" style="{SR_ONLY}"><p>{_e(said)}</p>{table}</div>'


def statements_html(items: Sequence[tuple[str, str, int, int]], lang: str, release: Release) -> str:
    """Statements with their verbatim quotes in one block: per item (summary, quote, start, end) the summary in bold,
    then the quote with "¶n · show in source" (one element for the browser to draw instead of two per statement).

    No statements (a fresh draft has ``key_messages: []``) give a one-line notice, never an empty string:
    ``st.html("")`` raises, so an empty block would take the page down."""
    if not items:
        return f'<p class="ca-none" style="font-style:italic">{_e(t("overview.no_key_messages", lang))}</p>'
    return "".join(f'<p style="font-weight:600;margin:0.6rem 0 0.2rem 0">{_e(summary)}</p>{quote_html(text, start, end, lang, release, translated=True)}'
                   for summary, text, start, end in items)  # fmt: skip


def _current_release() -> Release:
    from centralasia.ui.frame import current

    return current()[1]


def quote(quote_text: str, start: int, end: int, lang: str, release: Release | None = None) -> None:
    """A verbatim quote with "¶n · show in source", escaped (data never becomes markup)."""
    st.html(quote_html(quote_text, start, end, lang, release))


# --- reader tables: escaped HTML, readable on a phone (rows become cards below 640 px)

TABLE_CSS = """
<style>
.ca-table{border-collapse:collapse;width:100%;font-size:0.92rem;margin:0.2rem 0 0.6rem 0}
.ca-table th,.ca-table td{border-bottom:1px solid rgba(128,128,128,0.35);padding:0.45rem 0.5rem;text-align:left;vertical-align:top}
.ca-table thead th{font-weight:600;border-bottom:2px solid rgba(128,128,128,0.6)}
.ca-table tbody th{font-weight:600}
.ca-table .ca-sub{display:block;font-weight:400;font-size:0.85em}
.ca-table q{font-style:italic;quotes:"„" "“"}
.ca-table .ca-chip{display:inline-block;padding:0 0.4rem;border-radius:3px;font-weight:600;font-size:0.85em;margin-bottom:0.15rem}
.ca-table .ca-none{font-style:italic}
.ca-src{white-space:nowrap;font-size:0.85em}
@media (max-width:640px){
 .ca-table thead{display:none}
 .ca-table,.ca-table tbody,.ca-table tr,.ca-table th,.ca-table td{display:block;width:100%}
 .ca-table tr{border-bottom:2px solid rgba(128,128,128,0.6);padding:0.3rem 0}
 .ca-table th,.ca-table td{border:0;padding:0.2rem 0}
 .ca-table td[data-label]::before{content:attr(data-label) ": ";font-weight:600;font-style:normal}
}
</style>
"""


def chip_html(text: str, colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f'<span class="ca-chip" style="background:rgba({r},{g},{b},0.22);border-left:4px solid {colour}">{_e(text)}</span>'


def table_html(headers: Sequence[str], rows: Sequence[Sequence[str]], row_headers: bool = True) -> str:
    """A table from pre-escaped cell HTML; the first cell of each row is its header. Every data cell carries its column name
    (shown before the cell when rows stack on a phone)."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0 and row_headers:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                cells.append(f'<td data-label="{_e(headers[i])}">{cell}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'{TABLE_CSS}<table class="ca-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def frame_table_html(frame) -> str:
    """A DataFrame as a reader table (escaped text; rows become cards on a phone instead of a strip that scrolls sideways,
    which a keyboard could not reach: WCAG 2.1.1)."""
    rows = [["" if v is None or v != v else _e(v) for v in row] for row in frame.itertuples(index=False)]
    return table_html([str(c) for c in frame.columns], rows)


def quote_cell(release: Release, lang: str, quote_text: str, start: int, end: int) -> str:
    original = _e(getattr(release.meta, "language", "de"))  # the quote's own language (WCAG 3.1.2)
    return f'<q lang="{original}">{_e(quote_text)}</q><br>{source_link_html(release, lang, start, end)}'


def sector_table_html(release: Release, lang: str, rows, columns, cells) -> str:
    """Sector × country: per cell the stance stated and the short quote with its paragraph link."""
    from centralasia.charts.theme import vocab_colour  # the charts' colours

    headers = [t("col.sector", lang), *[name for _, name in columns]]
    body = []
    for sid, label, statement in rows:
        row = [f'{_e(label)}<span class="ca-sub">{_e(statement)}</span>']
        for cid, _ in columns:
            cell = cells.get((sid, cid))
            if cell is None:
                row.append(f'<span class="ca-none">{_e(t("sectors.not_stated", lang))}</span>')
            else:
                said = f'<span class="ca-sub">{_e(t("sectors.reported_speech", lang, who=cell.said_by))}</span>' if cell.said_by else ""
                row.append(chip_html(cell.stance_label, vocab_colour("stances", cell.stance)) + "<br>"
                           + quote_cell(release, lang, cell.quote, cell.start, cell.end) + said)  # fmt: skip
        body.append(row)
    return table_html(headers, body)


def context_html(indicators, lang: str) -> str:
    """Context indicators of one sector: value, period, and each figure's own source line, scope and link."""
    headers = [t("context.indicator", lang), t("context.period", lang), t("context.value", lang), t("context.source", lang)]
    body = []
    for ind in indicators:
        src = ind.source
        source = f'{_e(src.line(lang))}<span class="ca-sub">{_e(src.scope(lang))}</span><span class="ca-src">{html_source_link(str(src.url))}</span>'
        body.append([_e(ind.label(lang)), _e(ind.period_text(lang)), _e(ind.value_text(lang)), source])
    return table_html(headers, body)
