"""The one escaping path: text from the data rendered as text in Markdown, HTML, Plotly and CSV.

Every string that comes from a release or a geodata file passes through one of these functions before
it reaches a renderer:

- ``md(text)`` for ``st.markdown``, ``st.caption``, titles, table cells (Streamlit renders Markdown in
  ``st.table`` cells) and any other Markdown surface;
- ``html_text(text)`` for ``st.html`` and the HTML briefing; ``markup(text)`` / ``Markup`` for HTML built by type:
  a ``Markup`` is HTML the code wrote, any other string is text and is escaped when it meets HTML (Jinja's
  autoescape, ``Markup.format``, ``Markup + str``), so data stays plain text until it is rendered;
- ``plotly_text(text)`` for Plotly titles, hover text, labels and annotations;
- ``csv_cell(value)`` / ``neutralise_frame(df)`` for every CSV the project writes;
- ``source_link(url)`` and friends for the few links the app itself shows (a source's URL): built
  from a URL field validated as http(s), shown as its host, never taken from Markdown in the data.

The functions are pure (no Streamlit import) so the CLI, exports and tests use the same code.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote as _url_quote
from urllib.parse import urlsplit

from markupsafe import Markup as _Markup

# Text for screen readers only, invisible on screen (the usual "visually hidden" pattern); its content is escaped
# like any other text by the caller.
SR_ONLY = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0"

# Invisible WORD JOINER (U+2060): keeps the visible text identical while breaking the patterns that
# Markdown renderers turn into live elements *after* escapes are resolved (GFM's bare-URL and e-mail
# autolinks, emoji and icon shortcodes run on text nodes, so backslash escapes cannot stop them).
_WJ = "\u2060"

# Every ASCII punctuation character may be backslash-escaped in CommonMark. '&' and ';' are left
# alone because html.escape has already turned '&', '<', '>' into entities that render literally.
_MD_PUNCTUATION = frozenset("!\"#$%'()*+,-./:<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])|@")
_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


def md(text: Any) -> str:
    """``text`` as inert Markdown: no HTML, link, image, colour, KaTeX, shortcode or bare-URL link.

    The result is one line (newlines become spaces), so it can sit inside a sentence, a heading or a
    table cell. It renders back to exactly ``text`` (apart from newlines and invisible word joiners).
    """
    out = html.escape(_as_text(text), quote=False)
    out = out.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    out = _AUTOLINK.sub(lambda m: m.group(0) + _WJ, out)
    out = _SHORTCODE.sub(":" + _WJ, out)
    return "".join("\\" + ch if ch in _MD_PUNCTUATION else ch for ch in out)


def md_code(text: Any) -> str:
    """``text`` as an inline code span that no backtick in it can close (CommonMark: a longer fence).

    Inside a code span nothing is Markdown: no link, image, directive or autolink.
    """
    body = _as_text(text).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both are spaces (unless the span is all spaces)
    pad = " " if body.startswith("`") or body.endswith("`") or (body.startswith(" ") and body.endswith(" ") and body.strip(" ")) else ""
    return f"{fence}{pad}{body}{pad}{fence}" if body else ""


def html_text(text: Any) -> str:
    """``text`` escaped for HTML element content and attribute values (quotes included)."""
    return html.escape(_as_text(text), quote=True)


class Markup(_Markup):
    """HTML the code built; every other string meeting it is text and is escaped by ``html_text``.

    ``Markup(...).format(...)``, ``+`` and ``join`` escape what is not already markup, as markupsafe's ``Markup`` does,
    but with this module's escaping (so the app, the briefing and the tests see one spelling of each entity).
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Markup:
        return cls(s) if hasattr(s, "__html__") else cls(html_text(s))


def markup(text: Any) -> Markup:
    """``text`` as HTML: markup (HTML the code built, or a template's output) passes unchanged, anything else is
    escaped once. ``None`` is the empty string. Also the ``finalize`` of the briefing's and the tables' Jinja
    environment, so templates escape with this module too."""
    return text if isinstance(text, _Markup) else Markup.escape(text)


def plotly_text(text: Any) -> str:
    """``text`` for Plotly strings: its pseudo-HTML (<a>, <b>, <br>, <sup>…) and $…$ TeX stay literal.

    Plotly decodes numeric character entities and a few named ones (amp, lt, gt, nbsp …, but not ``&quot;``) when it
    draws, so ``"`` becomes ``&#34;``: the reader sees the original characters (a ``&quot;`` showed literally in the
    initiative grid).
    """
    return html.escape(_as_text(text), quote=True).replace("&quot;", "&#34;").replace("$", "&#36;")


def css_string(text: Any) -> str:
    """``text`` as a quoted CSS string (e.g. for ``content:``): every character but letters, digits and spaces
    as a CSS hex escape, so no quote, backslash, newline or ``</style>`` in the text can end the string or the sheet."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in _as_text(text)) + '"'


# OWASP CSV injection: a cell starting with one of these is a formula in spreadsheet programs.
# The full-width forms are included because some spreadsheet locales treat them the same way.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A CSV cell that spreadsheet programs show as text: strings starting with = + - @ tab CR get a leading '.

    Numbers, booleans and None pass unchanged (a negative number is data, not a formula).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(df):
    """A copy of a pandas DataFrame whose text cells and column names pass through ``csv_cell``."""
    out = df.copy()
    out.columns = [csv_cell(c) for c in out.columns]
    for index, dtype in enumerate(out.dtypes):
        if dtype.kind == "O" or str(dtype) in ("string", "str", "category"):
            column = out.iloc[:, index]
            out.isetitem(index, column.astype(object).map(csv_cell, na_action="ignore"))
    return out


def frame_csv(df) -> str:
    """A DataFrame as CSV text for spreadsheets: formula cells neutralised, RFC 4180 line endings.

    CRLF row ends make the writer quote every cell holding a CR or LF, so a stray CR in the data
    cannot split a row in a spreadsheet program (with LF row ends a lone CR is written unquoted).
    """
    return neutralise_frame(df).to_csv(index=False, lineterminator="\r\n")


def md_cells(table):
    """A copy of a DataFrame (or a dict of columns) for ``st.table``, whose cells render Markdown: every
    text cell and column name passes through ``md``; numbers stay numbers."""
    import pandas as pd

    df = pd.DataFrame(table).copy()
    df.columns = [md(c) if isinstance(c, str) else c for c in df.columns]
    for index, dtype in enumerate(df.dtypes):
        if dtype.kind == "O" or str(dtype) in ("string", "str", "category"):
            df.isetitem(index, df.iloc[:, index].astype(object).map(lambda v: md(v) if isinstance(v, str) else v, na_action="ignore"))
    return df


def excerpt(value: Any, limit: int = 60) -> str:
    """A short, printable, escaped excerpt of a bad value for a one-line message (never the whole value)."""
    if isinstance(value, (dict, list, tuple, set)):
        return f"a {type(value).__name__}"
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]
    shown = repr(text[:limit])
    return shown + ("…" if len(text) > limit else "")


def source_link(url: Any) -> tuple[str, str] | None:
    """``(href, host)`` for an http(s) URL with a host, else None: the only way the app builds a link."""
    if not isinstance(url, str) or len(url) > 2048 or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username or parts.password:
        return None
    href = _url_quote(url, safe=":/?#[]@!$&'*+,;=%-._~")
    return href, host


def md_source_link(url: Any) -> str:
    """A Markdown link showing the host of a validated source URL; the escaped URL as text otherwise."""
    link = source_link(url)
    if link is None:
        return md(url)
    href, host = link
    href = href.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md(host)}](<{href}>)"


def html_source_link(url: Any) -> str:
    """An HTML link showing the host of a validated source URL; the escaped URL as text otherwise."""
    link = source_link(url)
    if link is None:
        return html_text(url)
    href, host = link
    return f'<a href="{html_text(href)}" rel="noopener noreferrer" target="_blank">{html_text(host)}</a>'
