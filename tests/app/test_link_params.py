"""Links carry only the parameters the app knows, each of bounded length (issue 23, item 7, second bullet).

A crafted link with a 100 KB unknown parameter (or a 100 KB value of a known one) must not be copied into the
page's links: on /source each highlight is a link, so a copy per link multiplied the memory and bytes per render.
"""

from __future__ import annotations

import pytest

from centralasia.ui.state import MAX_PARAM_CHARS, URL_PARAMS

from .conftest import run_page

BIG = "x" * 100_000


def rendered(at) -> str:
    """Everything the page sends for the browser to draw: HTML blocks, Markdown, page links, code (share panel)."""
    parts = [str(e.proto.body) for e in at.get("html")]
    parts += [str(e.value) for e in (*at.markdown, *at.caption, *at.code, *at.sidebar.code)]
    parts += [str(e.proto) for e in at.get("page_link")]
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["pages/source.py", "pages/sectors.py", "pages/releases.py"])
def test_an_unknown_100kb_parameter_is_not_copied_into_links(page):
    assert "junk" not in URL_PARAMS
    at = run_page(page, share_panel=True, lang="en", junk=BIG)
    out = rendered(at)
    assert "lang=en" in out, "the page's links were rendered, with the known parameters they keep"
    assert "junk=" not in out and "x" * 1000 not in out
    assert len(out) < 2_000_000


def test_a_100kb_value_of_a_known_parameter_is_cut_before_it_reaches_a_link():
    at = run_page("pages/source.py", share_panel=True, lang="en", kinds="country", translation="1", passage=BIG)
    out = rendered(at)
    assert "x" * (MAX_PARAM_CHARS + 1) not in out
    assert "kinds=country" in out, "the known, short parameters are kept in the links"


def test_a_100kb_search_query_is_cut_to_the_stated_limit():
    at = run_page("pages/releases.py", lang="en", q=BIG)
    (box,) = [w for w in at.text_input if w.key == "q"]
    assert len(box.value) == MAX_PARAM_CHARS
    assert "x" * (MAX_PARAM_CHARS + 1) not in rendered(at)
