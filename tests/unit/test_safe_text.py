"""The one escaping path: property tests over Markdown, HTML, Plotly and CSV metacharacters."""

from __future__ import annotations

import csv
import html
import io
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centralasia import safe_text
from centralasia.safe_text import (
    csv_cell,
    excerpt,
    html_source_link,
    html_text,
    md,
    md_cells,
    md_code,
    md_source_link,
    plotly_text,
    source_link,
)

# Text built mostly from the characters that make markup, plus a few words that renderers link.
METACHARACTERS = list("\\`*_{}[]()#+-.!|~$:<>&\"'=@%;/?^\t\r\n ") + [
    "http://",
    "https://",
    "www.",
    "mailto:",
    "xmpp:",
    "](",
    "![",
    ":red[",
    "$$",
]
WORDS = ["evil.example", "a", "ä", "x@y.z", "smile", "material/home", "1", "<script>", "&amp;", "\u2060", "\ufeff", "é"]
hostile_text = st.lists(st.sampled_from(METACHARACTERS + WORDS) | st.text(max_size=3), max_size=30).map("".join)

ASCII_PUNCTUATION = set("!\"#$%'()*+,-./:<=>?@[\\]^_`{|}~")
GFM_AUTOLINK = re.compile(r"(?i)(?:https?://|www\.|mailto:|xmpp:|ftp://)|[\w.+-]@[\w-]")
SHORTCODE = re.compile(r":[\w/+-]+:")


def _unescape_md(out: str) -> str:
    """What a CommonMark renderer shows for ``out``: backslash escapes and entities resolved."""
    shown, i = [], 0
    while i < len(out):
        if out[i] == "\\" and i + 1 < len(out) and out[i + 1] in ASCII_PUNCTUATION:
            shown.append(out[i + 1])
            i += 2
        else:
            shown.append(out[i])
            i += 1
    return html.unescape("".join(shown))


@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_md_escapes_every_markup_character_and_shows_the_text(text):
    out = md(text)
    assert "\n" not in out and "\r" not in out and "<" not in out and ">" not in out
    # every punctuation character is escaped: a renderer can only see literal characters
    i = 0
    while i < len(out):
        if out[i] == "\\":
            assert i + 1 < len(out) and out[i + 1] in ASCII_PUNCTUATION, out
            i += 2
            continue
        assert out[i] not in ASCII_PUNCTUATION - {"&", ";"}, (out, i)
        i += 1
    shown = _unescape_md(out)
    # what the reader sees is the text (newlines as spaces; word joiners are invisible)
    assert shown.replace("\u2060", "") == text.replace("\u2060", "").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    # patterns renderers link or replace *after* escapes are resolved are broken up
    assert not GFM_AUTOLINK.search(shown), shown
    assert not SHORTCODE.search(shown), shown


@pytest.mark.parametrize(
    "text",
    [
        "![p](https://evil.example/pixel.png)",
        "[Official](https://evil.example)",
        ":red[alarm] :material/home: :smile:",
        "$x^2$ and $$\\int$$",
        "see https://evil.example/a or www.evil.example or mail x@evil.example",
        "`code` **bold** <img src=x onerror=alert(1)>",
        "1. list\n# heading\n> quote\n| a | b |",
    ],
)
def test_md_known_attacks_are_inert(text):
    shown = _unescape_md(md(text))
    assert "](" not in md(text) and "![" not in md(text)
    assert not GFM_AUTOLINK.search(shown)
    assert shown.replace("\u2060", "") == text.replace("\n", " ")


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_html_text_round_trips_and_leaves_no_tag_or_attribute_break(text):
    out = html_text(text)
    assert not set(out) & set("<>\"'")
    assert html.unescape(out) == text


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_plotly_text_has_no_pseudo_html_or_tex(text):
    out = plotly_text(text)
    assert not set(out) & set("<>$\"'")
    assert html.unescape(out) == text
    # Only entities Plotly decodes when it draws: numeric ones and amp/lt/gt (plotly.js has no &quot;).
    assert not re.findall(r"&(?!#\d+;|#x[0-9a-fA-F]+;|amp;|lt;|gt;)", out)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=300, deadline=None)
@given(st.lists(hostile_text, min_size=1, max_size=5))
def test_csv_cells_never_start_a_formula_in_a_spreadsheet(cells):
    df = pd.DataFrame({"label": cells, "n": range(len(cells))})
    written = safe_text.frame_csv(df)
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert len(rows) == len(cells) + 1
    for row in rows[1:]:
        assert not row[0].startswith(FORMULA_STARTS), row
        assert row[1].isdigit()
    # the text is kept: only a leading apostrophe is added, and only where needed
    for original, row in zip(cells, rows[1:], strict=True):
        assert row[0] in (original, "'" + original)


def test_csv_cell_rules():
    assert csv_cell('=HYPERLINK("https://evil.example","x")') == '\'=HYPERLINK("https://evil.example","x")'
    assert [csv_cell(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1")] == ["'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "'＝1"]
    assert csv_cell(-3) == -3 and csv_cell(None) is None and csv_cell("Kazakhstan") == "Kazakhstan"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<b>", "//evil.example", "evil.example", "https://", "https://user:pw@evil.example/",
     "https://evil.example/a b", "ftp://evil.example", None, 42, "https://evil.example/\n"],
)  # fmt: skip
def test_source_links_accept_only_http_urls_with_a_host(url):
    assert source_link(url) is None
    assert "<a" not in html_source_link(url) and "](" not in md_source_link(url)


def test_source_links_show_the_host():
    assert source_link("https://stat.gov.kz/en/industries/?x=1") == ("https://stat.gov.kz/en/industries/?x=1", "stat.gov.kz")
    assert html_source_link('https://stat.gov.kz/a"b') == (
        '<a href="https://stat.gov.kz/a%22b" rel="noopener noreferrer" target="_blank">stat.gov.kz</a>'
    )
    assert md_source_link("https://ec.europa.eu/x_(y)") == "[ec\\.europa\\.eu](<https://ec.europa.eu/x_%28y%29>)"


def test_md_cells_escapes_text_cells_and_keeps_numbers():
    df = md_cells({"label": ["![p](https://evil.example/x.png)", "Kasachstan"], "mentions": [3, 4]})
    assert df["label"][0].startswith("\\!\\[p\\]") and df["label"][1] == "Kasachstan"
    assert df["mentions"].tolist() == [3, 4]


def test_excerpt_is_short_and_escaped():
    assert excerpt("a" * 10_000) == repr("a" * 60) + "…"
    assert excerpt({"a": 1}) == "a dict"
    assert excerpt("x\ny") == "'x\\ny'"


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_md_code_is_one_code_span_whatever_backticks_the_text_holds(text):
    out = md_code(text)
    if not text:
        assert out == ""
        return
    fence = re.match(r"`+", out).group(0)
    assert out.endswith(fence)
    inner = out[len(fence) : -len(fence)]
    # no run of exactly len(fence) backticks inside: the span cannot close early
    assert all(len(run) != len(fence) for run in re.findall(r"`+", inner))
    # CommonMark strips one space on each side when both are present
    shown = inner[1:-1] if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" ") else inner
    assert shown == text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def test_md_code_keeps_a_backtick_header_line_inside_the_span():
    line = " date 2030-01-01 Publisher `backtick` ![h](https://evil.example/h.png)"
    assert md_code(line) == "`` date 2030-01-01 Publisher `backtick` ![h](https://evil.example/h.png)``"


def _css_unescape(quoted: str) -> str:
    """Decode a CSS string the way a CSS parser does (hex escapes end at one optional space)."""
    body = quoted[1:-1]
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), body)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_css_string_cannot_leave_its_string_or_the_style_sheet(text):
    quoted = safe_text.css_string(text)
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1]
    assert "<" not in quoted and "\n" not in quoted and "\r" not in quoted and ";" not in quoted and "}" not in quoted
    assert _css_unescape(quoted) == text


def test_css_string_of_a_date_line():
    assert _css_unescape(safe_text.css_string("Stand: 14. März 2031")) == "Stand: 14. März 2031"
    assert "</style>" not in safe_text.css_string('"; } body { display: none } </style><script>')
