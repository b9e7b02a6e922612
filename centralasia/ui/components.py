"""Text helpers shared by pages: quotes with their "¶3 · show in source" link, escaped text, and the reader
tables (sector × country, positions, initiatives, context figures) as HTML that reads on a phone.

Data stays plain text until it meets HTML here: ``safe_text.markup`` escapes it, ``Markup.format`` escapes what it
fills in, and the tables come from the briefing's autoescaped table template (``publish.render.table``); what these
helpers return is ``Markup``, so a caller that adds it to a table cell does not escape it twice.

Nothing here imports pandas or Plotly (the Overview page uses only this module); charts, data tables and
CSV downloads are in ``centralasia/ui/charts.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from centralasia.charts.theme import ACCENT, FALLBACK_COLOUR
from centralasia.i18n import quoted, t
from centralasia.publish import render
from centralasia.release.loader import Release
from centralasia.release.summary import paragraph_number
from centralasia.safe_text import SR_ONLY, Markup, html_source_link


def source_href(release: Release, lang: str, start: int, end: int) -> str:
    """Relative link to the Source page with one passage highlighted (German) and its paragraph (translation)."""
    query = urlencode({"release": release.id, "lang": lang, "passage": f"{start}-{end}"})
    return f"source?{query}#passage"


def source_link_html(release: Release, lang: str, start: int, end: int) -> Markup:
    label = t("quote.show_in_source", lang, n=paragraph_number(release, start))
    return Markup('<a href="{}" target="_self" class="ca-src">{}</a>').format(source_href(release, lang, start, end), label)


def quote_html(quote_text: str, start: int, end: int, lang: str, release: Release | None = None, translated: bool = False) -> Markup:
    """A verbatim quote (marked with the release's language, WCAG 3.1.2) and its "¶n · show in source" link.

    ``translated``: for a reader of another language, the paragraph's unofficial translation beside the original
    (the data holds an aligned English translation per paragraph; none is made up here)."""
    release = release or _current_release()
    ref = source_link_html(release, lang, start, end)
    original = getattr(release.meta, "language", "de")
    block = Markup(
        '<blockquote lang="{}" style="margin:0.2rem 0 0.8rem 0;padding:0.35rem 0.8rem;border-left:4px solid {};font-style:italic">'
        '{}<br><span lang="{}" style="font-size:0.85em;font-style:normal">{}</span></blockquote>'
    ).format(original, ACCENT, quoted(quote_text, lang), lang, ref)
    translation = _paragraph_translation(release, start) if translated and lang != original else None
    if translation is None:
        return block
    label = f"{t('source.translation_head', lang)}, ¶{paragraph_number(release, start)}"
    beside = Markup('<div style="flex:1 1 18rem;margin:0.2rem 0 0.8rem 0;padding:0.35rem 0.8rem;border-left:4px dashed {}">'
                    '<span style="font-size:0.85em;font-weight:600">{}</span><br><span lang="en">{}</span></div>').format(FALLBACK_COLOUR, label, translation)  # fmt: skip
    return Markup('<div style="display:flex;flex-wrap:wrap;gap:0 1rem"><div style="flex:1 1 18rem">{}</div>{}</div>').format(block, beside)


def _paragraph_translation(release: Release, start: int) -> str | None:
    # Not annotate.paragraph_of: that module pulls in Plotly, which the Overview page does not load.
    index = next((i for i, (a, b) in enumerate(release.paragraphs()) if a <= start < b), None)
    if index is None or index >= len(release.translation):
        return None
    return release.translation[index].en


def chart_alternative_html(
    chart_name: str, title: str, description: str, frame, lang: str, original: str | None = None, max_rows: int = 200
) -> Markup:
    """A chart's text alternative (WCAG 1.1.1) for screen readers: what it shows and its takeaway, then its data as an
    HTML table (``frame``: the chart's data as shown). Invisible on screen, where the title, description and the table
    toggle say the same. ``original``: the language of the quotes (default: the release on screen)."""
    said = " ".join(x for x in (t("a11y.chart_alt", lang, chart=chart_name, title=title), description) if x)
    rows = [list(row) for row in frame.head(max_rows).itertuples(index=False)] if frame is not None else []
    table = Markup("")
    if rows:
        # Quotes are in the release's own language, and say so (WCAG 3.1.2).
        original = original or getattr(_current_release().meta, "language", "de")
        langs = [original if c == t("col.quote", lang) else None for c in frame.columns]
        table = render.table(list(frame.columns), rows, row_headers=False, labels=False, caption=t("a11y.chart_data", lang, chart=chart_name),
                             column_langs=langs)  # fmt: skip
    return Markup('<div class="ca-chart-alt" style="{}"><p>{}</p>{}</div>').format(SR_ONLY, said, table)


def statements_html(items: Sequence[tuple[str, str, int, int]], lang: str, release: Release) -> Markup:
    """Statements with their verbatim quotes in one block: per item (summary, quote, start, end) the summary in bold,
    then the quote with "¶n · show in source" (one element for the browser to draw instead of two per statement).

    No statements (a fresh draft has ``key_messages: []``) give a one-line notice, never an empty string:
    ``st.html("")`` raises, so an empty block would take the page down."""
    if not items:
        return Markup('<p class="ca-none" style="font-style:italic">{}</p>').format(t("overview.no_key_messages", lang))
    return Markup("").join(Markup('<p style="font-weight:600;margin:0.6rem 0 0.2rem 0">{}</p>{}').format(summary, quote_html(text, start, end, lang, release, translated=True))
                           for summary, text, start, end in items)  # fmt: skip


def _current_release() -> Release:
    from centralasia.ui.chrome import current

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
html:lang(en) .ca-table q{quotes:"“" "”"}
html:lang(ru) .ca-table q{quotes:"«" "»"}
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


def chip_html(text: str, colour: str) -> Markup:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return Markup('<span class="ca-chip" style="background:rgba({},{},{},0.22);border-left:4px solid {}">{}</span>').format(
        r, g, b, colour, text
    )


def table_html(headers: Sequence[object], rows: Sequence[Sequence[object]], row_headers: bool = True) -> Markup:
    """A reader table: cells are plain text (escaped) or ``Markup`` built by these helpers; ``None`` is an empty cell. The first
    cell of each row is its header; every data cell carries its column name (shown before the cell when rows stack on a phone).
    The same table template as the briefing's (``publish.render.table``)."""
    return Markup(TABLE_CSS) + render.table(headers, rows, css="ca-table", row_headers=row_headers)


def frame_table_html(frame) -> Markup:
    """A DataFrame as a reader table (escaped text; rows become cards on a phone instead of a strip that scrolls sideways,
    which a keyboard could not reach: WCAG 2.1.1)."""
    rows = [[None if v is None or v != v else v for v in row] for row in frame.itertuples(index=False)]
    return table_html([str(c) for c in frame.columns], rows)


def quote_cell(release: Release, lang: str, quote_text: str, start: int, end: int) -> Markup:
    original = getattr(release.meta, "language", "de")  # the quote's own language (WCAG 3.1.2)
    return Markup('<q lang="{}">{}</q><br>{}').format(original, quote_text, source_link_html(release, lang, start, end))


def sub_cell(text: object, sub: object) -> Markup:
    """A cell's text with a smaller line beneath it (an initiative and its domain, a sector and its statement)."""
    return Markup('{}<span class="ca-sub">{}</span>').format(text, sub)


def sector_table_html(release: Release, lang: str, rows, columns, cells) -> Markup:
    """Sector × country: per cell the stance stated and the short quote with its paragraph link."""
    from centralasia.charts.theme import vocab_colour  # the charts' colours

    headers = [t("col.sector", lang), *[name for _, name in columns]]
    body = []
    for sid, label, statement in rows:
        row = [sub_cell(label, statement)]
        for cid, _ in columns:
            cell = cells.get((sid, cid))
            if cell is None:
                row.append(Markup('<span class="ca-none">{}</span>').format(t("sectors.not_stated", lang)))
            else:
                said = (
                    Markup('<span class="ca-sub">{}</span>').format(t("sectors.reported_speech", lang, who=cell.said_by))
                    if cell.said_by
                    else ""
                )
                row.append(chip_html(cell.stance_label, vocab_colour("stances", cell.stance)) + Markup("<br>")
                           + quote_cell(release, lang, cell.quote, cell.start, cell.end) + said)  # fmt: skip
        body.append(row)
    return table_html(headers, body)


def context_html(indicators, lang: str) -> Markup:
    """Context indicators of one sector: value, period, and each figure's own source line, scope and link."""
    headers = [t("context.indicator", lang), t("context.period", lang), t("context.value", lang), t("context.source", lang)]
    body = []
    for ind in indicators:
        src = ind.source
        link = Markup(html_source_link(str(src.url)))  # built in safe_text from a validated URL, its text escaped there
        source = Markup('{}<span class="ca-sub">{}</span><span class="ca-src">{}</span>').format(src.line(lang), src.scope(lang), link)
        body.append([ind.label(lang), ind.period_text(lang), ind.value_text(lang), source])
    return table_html(headers, body)
