"""AppTest: every registered page renders from app.py, in both languages, with junk URLs too."""

from __future__ import annotations

from collections import Counter

import pytest

from centralasia.charts.registry import PAGES, REVIEW_PAGE
from centralasia.safe_text import md
from centralasia.settings import PROJECT_ROOT

from .conftest import charts, page_text, run_page


def test_registry_lists_each_page_file_exactly_once():
    files = Counter(p.file for p in (*PAGES, REVIEW_PAGE))  # the Review page: registered only with curation on
    paths = Counter(p.url_path for p in (*PAGES, REVIEW_PAGE))
    assert all(n == 1 for n in files.values()) and all(n == 1 for n in paths.values())
    on_disk = {f"pages/{p.name}" for p in (PROJECT_ROOT / "pages").glob("*.py")}
    assert on_disk == set(files), "every page file is registered, and every registered file exists"
    assert sum(p.default for p in PAGES) == 1


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_every_page_renders_in_both_languages(page, lang):
    at = run_page(page, lang=lang)
    assert at.session_state["lang"] == lang
    assert len(page_text(at)) > 200


def test_navigation_titles_follow_the_language():
    at = run_page(lang="de")
    assert at.sidebar.selectbox[0].value == "de"


def _overview_names(release, lang: str) -> list[str]:
    """What the overview names, read from the release it shows: people, the events' places, the date, the countries."""
    from centralasia.i18n import format_date

    places = [release.record(e.place).label(lang) for e in release.of_kind("event") if e.place]
    names = [r.label(lang) for r in (*release.of_kind("person"), *release.of_kind("country")[:2])]
    return [*names, *places[:1], format_date(release.meta.date, lang)]


def test_overview_names_presidents_place_and_date_in_english(release):
    text = page_text(run_page(lang="en"))
    for expected in _overview_names(release, "en"):
        assert expected in text
    assert release.meta.key_messages[0].quote[:60] in text  # a quote, verbatim


def test_overview_in_german(release):
    text = page_text(run_page(lang="de"))
    for expected in (*_overview_names(release, "de"), "Kernaussagen"):
        assert expected in text


def test_overview_counts_are_one_line_equal_to_the_records(release):
    at = run_page(lang="en")
    assert not at.metric, "counts are one compact line, not tiles"
    [line] = [m.value for m in at.markdown if m.value.startswith("The release names")]
    assert f"{len(release.of_kind('country'))} Countries" in line and f"{len(release.of_kind('initiative'))} Initiatives" in line
    assert charts(at) == [], "the line says it; no chart repeats it"


def test_overview_leads_with_who_speaks_the_occasion_and_who_met(release):
    import html

    at = run_page(lang="en")
    bodies = [str(e.proto.body) for e in at.get("html")]
    assert bodies and 'class="ca-lead"' in bodies[0], "the lead is the first block after the title"
    lead = html.unescape(bodies[0])
    assert lead.index(release.meta.publisher_in("en")) < lead.index("Occasion") < lead.index("Who met"), "the speaker comes first"
    event = next(e for e in release.of_kind("event") if e.place)
    assert event.label("en") in lead
    for person in release.of_kind("person"):
        assert person.label("en") in lead


@pytest.mark.parametrize(
    "params",
    [{"lang": "xx"}, {"lang": "<script>alert(1)</script>"}, {"lang": ""}, {"unknown": "1", "lang": "DE"}],
)
def test_junk_in_the_url_falls_back_to_defaults(params):
    at = run_page(None, **params)
    assert at.session_state["lang"] in ("en", "de")
    assert "Kazakhstan" in page_text(at) or "Kasachstan" in page_text(at)


def test_a_link_to_a_release_that_is_not_there_says_so_and_shows_no_other_release():
    at = run_page(None, lang="en", release="no-such-release")
    (notice,) = at.warning
    assert md("no-such-release") in notice.value and "does not switch to another release" in notice.value
    assert "Kazakhstan" not in page_text(at) and not at.title, "no other release is shown in its place"
    assert at.query_params["release"] == "no-such-release", "the link keeps the release it asked for"


def test_locale_is_used_without_a_lang_parameter():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.context["locale"] = "de-DE"
    at.run()
    assert not at.exception
    assert at.session_state["lang"] == "de"


def test_broken_data_shows_one_error_box_and_stops(serve_releases, tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "metadata.yaml").write_text("id: [", encoding="utf-8")
    serve_releases(tmp_path)
    at = run_page(None, lang="en")
    assert len(at.error) == 1
    assert "broken/metadata.yaml: invalid YAML at line 1" in page_text(at)


def test_embed_panel_gives_link_and_iframe_for_the_current_view(release):
    sector = release.of_kind("sector")[0].id  # a sector of the release run_page pins
    at = run_page("pages/sectors.py", share_panel=True, lang="de", sector=sector)
    codes = [c.value for c in at.sidebar.code]
    iframe = next(c for c in codes if c.startswith("<iframe"))
    assert "/sectors?" in iframe and f"sector={sector}" in iframe and "lang=de" in iframe and "embed=true" in iframe
    assert 'loading="lazy"' in iframe and 'height="720"' in iframe
    chart = next(c for c in codes if "/embed?" in c)
    from centralasia.charts.registry import CHART_BY_KEY

    assert "chart=sector-matrix" in chart and f'height="{CHART_BY_KEY["sector-matrix"].embed_height}"' in chart


def test_chart_only_page_renders_one_chart():
    at = run_page("pages/embed.py", lang="en", chart="freight")
    assert len(at.get("plotly_chart")) == 1
    junk = run_page("pages/embed.py", lang="en", chart="<svg onload=alert(1)>")
    assert len(junk.get("plotly_chart")) == 1 and "no such chart" in page_text(junk)


def test_overview_links_every_other_listed_page_and_not_the_hidden_one():
    from centralasia.charts.registry import visible_pages

    at = run_page(None, lang="en")
    links = [e.proto.page for e in at.get("page_link")]
    assert len(links) == len(visible_pages()) - 1
    assert not any("embed" in link for link in links)
