"""AppTest: broken release folders next to good ones are a short notice; hostile markup in valid data stays text.

The catalog holds the real release, a valid release whose every free-text field is hostile Markdown/HTML
(tests/hostile.py), and seven broken folders (deep nesting, alias bomb, a folder named records.yaml,
33 MB, truncated metadata, empty records, a text_file that climbs out). Every page renders for both
good releases, the sidebar lists one short message per broken folder, and no Markdown surface carries
a live link, image, directive or bare URL to the hostile host.
"""

from __future__ import annotations

import re

import pytest

from centralasia.charts.registry import PAGES

from ..conftest import SHIPPED, serve_from
from ..hostile import HOSTILE_HOST, MARKUP_ID, make_hostile_catalog
from .conftest import run_page

# Live Markdown: an unescaped ![ or ]( or a scheme/www/e-mail the renderer would autolink.
LIVE_MARKDOWN = [
    re.compile(r"(?<!\\)!\\?\[(?!\\)"),
    re.compile(r"(?<!\\)\]\("),
    re.compile(rf"https?:/*{re.escape(HOSTILE_HOST)}"),
    re.compile(rf"(?<![\\\u2060])www\.{re.escape(HOSTILE_HOST)}"),
    re.compile(rf"@{re.escape(HOSTILE_HOST)}"),
    re.compile(r"(?<!\\):red\\?\["),
    re.compile(r"(?<!\\)\$x"),
]


@pytest.fixture(scope="module")
def hostile_catalog(tmp_path_factory):
    from centralasia.ui import data as ui_data

    root = tmp_path_factory.mktemp("hostile-catalog")
    expected = make_hostile_catalog(SHIPPED, root)
    patch = pytest.MonkeyPatch()
    serve_from(patch, root)
    yield expected
    patch.undo()
    ui_data.forget_data()


def _urls_in_html(body: str) -> list[str]:
    """Every URL-bearing attribute value of real elements (not text that merely looks like one)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v or "" for k, v in attrs if k in ("href", "src", "srcset", "action", "formaction", "poster", "data", "style"))

    Collect().feed(body)
    return found


def _markdown_surfaces(at) -> list[str]:
    """Every string Streamlit renders as Markdown on the page (and the sidebar)."""
    values = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        values += [str(e.value) for e in getattr(at, kind)]
    values += [e.label for e in at.expander]
    for table in at.table:  # st.table renders Markdown in its cells
        frame = table.value
        values += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return values


@pytest.mark.parametrize("release_id", [MARKUP_ID, SHIPPED.name])
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_good_releases_render_next_to_broken_ones_and_hostile_text_stays_text(hostile_catalog, page, release_id):
    at = run_page(page, lang="en", release=release_id)
    assert not at.exception
    assert at.session_state["release"] == release_id
    for value in _markdown_surfaces(at):
        for pattern in LIVE_MARKDOWN:
            assert not pattern.search(value), (pattern.pattern, value[:300])
    for element in at.get("html"):
        links = _urls_in_html(str(element.proto.body))
        assert not [u for u in links if HOSTILE_HOST in u], links


def test_the_sidebar_lists_each_broken_folder_once_in_one_line(hostile_catalog):
    at = run_page(None, lang="en")
    assert not at.exception
    (problems,) = [c.value for c in at.sidebar.code if "2031-01-01" in c.value]
    lines = problems.splitlines()
    assert len(lines) == len(hostile_catalog)
    for folder, message in hostile_catalog.items():
        (line,) = [line for line in lines if f"/{folder}/" in line]
        assert message in line and len(line) < 400 and "Traceback" not in line
    assert not at.error  # the good releases are served: no error box


def test_markup_release_is_chosen_by_default_and_its_title_is_text(hostile_catalog):
    at = run_page(None, release=None, lang="en")
    assert at.session_state["release"] == MARKUP_ID  # newest first
    title = at.title[0].value
    assert "Fixture" in title and "\\!\\[p\\]" in title
