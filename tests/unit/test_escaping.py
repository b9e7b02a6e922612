"""HTML escaping lives in one place: ``safe_text`` alone imports ``html`` (or markupsafe's escape), and the one table
template escapes every cell that comes from the data, in the app's tables and in the briefing's."""

from __future__ import annotations

import ast
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from centralasia.publish import render
from centralasia.safe_text import Markup, html_text, markup
from centralasia.settings import PROJECT_ROOT

ESCAPING_MODULE = PROJECT_ROOT / "centralasia" / "safe_text.py"
SOURCES = [*sorted((PROJECT_ROOT / "centralasia").rglob("*.py")), *sorted((PROJECT_ROOT / "pages").glob("*.py")),
           *sorted((PROJECT_ROOT / "scripts").glob("*.py")), PROJECT_ROOT / "app.py"]  # fmt: skip


def escaping_imports(source: str) -> list[str]:
    """Every import of an HTML escaper in ``source``: the ``html`` module or its names, markupsafe's ``escape``, and
    ``markupsafe`` itself (whose ``escape`` would be one attribute away). ``html.parser`` (reading HTML) is no escaper."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in ("html", "markupsafe")]
        elif isinstance(node, ast.ImportFrom) and node.module == "html":
            found += [f"html.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "markupsafe":
            found += [f"markupsafe.{alias.name}" for alias in node.names if alias.name != "Markup"]
    return found


def test_the_scan_finds_each_way_of_importing_an_escaper():
    assert escaping_imports("import html") == ["html"]
    assert escaping_imports("import html as h\nimport re") == ["html"]
    assert escaping_imports("def f():\n    from html import escape, unescape\n") == ["html.escape", "html.unescape"]
    assert escaping_imports("from markupsafe import Markup, escape") == ["markupsafe.escape"]
    assert escaping_imports("import markupsafe") == ["markupsafe"]
    assert escaping_imports("from html.parser import HTMLParser\nfrom centralasia.safe_text import html_text") == []


def test_only_safe_text_imports_html_for_escaping():
    assert ESCAPING_MODULE in SOURCES and len(SOURCES) > 40  # the scan reads the package, the pages and the scripts
    assert escaping_imports(ESCAPING_MODULE.read_text(encoding="utf-8"))  # the one place does import it
    offenders = {str(path.relative_to(PROJECT_ROOT)): found for path in SOURCES if path != ESCAPING_MODULE
                 if (found := escaping_imports(path.read_text(encoding="utf-8")))}  # fmt: skip
    assert not offenders, f"escape with centralasia.safe_text (html_text, markup, Markup), not here: {offenders}"


# ---------------------------------------------------------------- tables: data is text in every cell

# Text made mostly of the characters that make HTML and templates, plus letters and non-Latin script.
TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'=/;#{}%!-` ab\u0416\u00e4\u201e\u201c")), max_size=24).map(
    lambda s: s.replace("\r", "")
)
TABLE_TAGS = {"table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td"}


class _Cells(HTMLParser):
    """The tags of a table and the text of each cell, entities decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self.labels: list[str | None] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("th", "td"):
            self.cells.append("")
            self.labels.append(dict(attrs).get("data-label"))
            self._open = True

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


def parse(html_text_: str) -> _Cells:
    parser = _Cells()
    parser.feed(html_text_)
    parser.close()
    return parser


@settings(max_examples=150, deadline=None)
@given(headers=st.lists(TEXT, min_size=1, max_size=4), data=st.data())
def test_reader_table_cells_from_data_are_always_text(headers, data):
    rows = data.draw(st.lists(st.lists(TEXT, min_size=len(headers), max_size=len(headers)), max_size=4))
    table = render.table(headers, rows, css="ca-table")
    parsed = parse(table)
    assert set(parsed.tags) <= TABLE_TAGS  # no element from the data
    assert parsed.cells == [*headers, *(cell for row in rows for cell in row)]  # every cell reads as its text
    body_labels = [label for label in parsed.labels[len(headers) :] if label is not None]
    assert body_labels == [headers[i] for row in rows for i in range(1, len(row))]  # attributes hold the text too


@settings(max_examples=100, deadline=None)
@given(text=TEXT, sub=TEXT, quote=TEXT.filter(bool), url_label=TEXT, header=TEXT)  # a quote is never empty
def test_briefing_table_cells_from_data_are_always_text(text, sub, quote, url_label, header):
    block = {"headers": [header, header], "rows": [[{"text": text, "sub": sub}, {"quote": quote, "paragraph": 3}],
                                                    [{"text": text, "url": "https://example.org/a?b=1&c=2", "url_label": url_label},
                                                     {"chip": sub, "colour": "#0072B2", "text": text}]]}  # fmt: skip
    out = render.environment().get_template("block_table.html.j2").render(block=block)
    parsed = parse(out)
    assert set(parsed.tags) <= TABLE_TAGS | {"span", "q", "a", "br"}  # the template's own elements only
    assert parsed.cells == [header, header, text + sub, f"{quote} ¶3", text + url_label, sub + text]
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_markup_is_html_only_when_the_code_built_it(text):
    built = Markup("<q>{}</q>").format(text)
    assert built == f"<q>{html_text(text)}</q>"  # what the code fills in is escaped, with safe_text's entities
    assert markup(built) is built and markup(text) == html_text(text)  # markup passes once, text is escaped once
    assert Markup("<br>") + text == "<br>" + html_text(text)
    assert parse(render.table(["h"], [[built]])).tags.count("q") == 1  # a built cell stays HTML in the table
