"""The one HTML renderer: autoescaped Jinja templates, for the briefing and for the app's reader tables.

Data is plain text until it is rendered here; autoescape turns it into text in the HTML. What the code built as HTML
(a quote with its link, a chip) is a ``safe_text.Markup`` and is kept as it is: safety is a type, not a convention.
Nothing here imports Streamlit or Plotly (the Overview page draws tables with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from centralasia.safe_text import Markup, markup

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescape everything: a string is text, only a ``Markup`` is HTML. ``finalize`` escapes each value with
    ``safe_text`` (the one escaping path) before autoescape sees it, and passes markup unchanged."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=markup, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )  # fmt: skip


def table(
    headers: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    css: str = "",
    widths: Sequence[int] | None = None,
    row_headers: bool = True,
    labels: bool = True,
    caption: object = None,
    column_langs: Sequence[str | None] | None = None,
) -> Markup:
    """A table from ``table.html.j2``, the macro the briefing's tables use too.

    Cells and headers are text (escaped) unless they are ``Markup``; ``None`` is an empty cell. ``row_headers``: the
    first cell of each row is its header; ``labels``: every data cell carries its column name (shown before the cell
    when rows stack on a phone); ``column_langs``: a ``lang`` per column (quotes in the release's own language).
    """
    macro = environment().get_template("table.html.j2").module.table
    body = [["" if cell is None else cell for cell in row] for row in rows]
    return Markup(
        macro(list(headers), body, css=css, widths=widths, row_headers=row_headers, labels=labels, caption=caption,
              column_langs=column_langs)
    )  # fmt: skip
