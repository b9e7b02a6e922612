"""Source text page (highlights, record links, followed passages, counts), and every page fed a release whose text and labels carry markup."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from centralasia.charts.registry import PAGES

from ..fixtures import make_release
from .conftest import page_text, run_page
from .test_analysis_pages import clear_caches, html_bodies, install_reader_catalog, open_page


@pytest.fixture
def release(monkeypatch, tmp_path):
    yield install_reader_catalog(monkeypatch, tmp_path)
    clear_caches()


def test_source_page_highlights_every_mention_and_aligns_the_translation(release):
    at = open_page("pages/source.py", lang="en")
    bodies = html_bodies(at)
    for r in release.records:
        assert f'data-record="{r.id}"' in bodies
    assert bodies.count("data-paragraph=") == 2 * len(release.paragraphs())  # original + translation, numbered alike
    assert release.translation[0].en in bodies
    assert "Unofficial translation" in page_text(at)


def test_counts_say_what_they_count(release):
    at = open_page("pages/source.py", lang="en")
    countries = release.of_kind("country")
    mentions = sum(len(c.mentions) for c in countries)
    assert f"{len(countries)} countries, {mentions} mentions" in html_bodies(at)


def test_each_highlight_links_to_its_record_keeping_the_view(release):
    at = open_page("pages/source.py", lang="de", kinds="sector,country")
    bodies = html_bodies(at)
    links = set(re.findall(r'<a href="([^"]+)" target="_self" class="ca-hl"', bodies))
    assert links
    for link in links:
        query = parse_qs(urlsplit(html.unescape(link)).query)
        assert query["lang"] == ["de"] and set(query["kinds"][0].split(",")) == {"sector", "country"} and query["release"] == [release.id]
        assert release.record(query["record"][0]).kind in {"sector", "country"}
    selected = open_page("pages/source.py", lang="de", kinds="sector,country", record="trade")
    assert "Sektor: Handel" in page_text(selected)


def test_show_in_source_lands_on_the_highlighted_passage(release):
    sectors = html_bodies(open_page("pages/sectors.py", lang="en", sector="ports"))
    href = html.unescape(re.search(r'<a href="(source\?[^"]+)" target="_self" class="ca-src">', sectors).group(1))
    assert href.endswith("#passage")
    query = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
    at = open_page("pages/source.py", **query)
    bodies = html_bodies(at)
    quote = release.record("ports").mentions[0].quote
    anchored = bodies[bodies.index('id="passage"') :]
    assert quote in anchored[: anchored.index("</span>") + 400]
    assert bodies.count('id="passage"') == 1
    # the translation's matching paragraph is outlined too
    n = next(i for i, (a, b) in enumerate(release.paragraphs()) if a <= release.record("ports").mentions[0].start < b)
    assert f'data-paragraph="{n + 1}" class="ca-passage-translation"' in bodies
    assert f"¶{n + 1}" in page_text(at)


@pytest.mark.parametrize("junk", ["1-2-3", "x", "999999-1000000", "<script>"])
def test_junk_passages_are_ignored(release, junk):
    at = open_page("pages/source.py", lang="en", passage=junk)
    assert 'id="passage"' not in html_bodies(at)


def test_source_page_without_translation_toggle(release):
    at = open_page("pages/source.py", lang="en", translation="0")
    assert release.translation[0].en not in html_bodies(at)


@pytest.fixture
def hostile_catalog(serve_releases, tmp_path):
    make_release(tmp_path / "2030-01-01-fixture")
    serve_releases(tmp_path)


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_markup_in_the_data_is_shown_as_text_on_every_page(hostile_catalog, page):
    at = run_page(page, lang="en")
    bodies = "\n".join(str(e.proto.body) for e in at.get("html"))
    bodies = re.sub(r"<style>.*?</style>|<script>setTimeout\(.*?</script>", "", bodies, flags=re.S)  # our own CSS and scroll helper
    assert "<script" not in bodies and "<img" not in bodies and "<b>" not in bodies
    for element in [*at.markdown, *at.caption, *at.title, *at.subheader, *at.header]:
        assert "<script" not in element.value and "<img" not in element.value
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert "<script" not in json.dumps(spec, ensure_ascii=False)
        assert "<img" not in json.dumps(spec, ensure_ascii=False)
