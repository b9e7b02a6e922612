"""AppTest of the reader pages (Overview, Sectors, Initiatives, Conflicts, chart-only view) on a release we wrote for the tests.

Expectations are derived from that fixture release (tests/reader_fixture.py), never copied from the shipped data.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from centralasia.charts import takeaways
from centralasia.charts.registry import CHART_BY_KEY
from centralasia.release import context as context_data

from ..conftest import serve_from
from ..reader_fixture import RELEASE_ID, make_reader_release
from .conftest import APP, charts, page_text


def install_reader_catalog(monkeypatch, tmp_path):
    """Serve the reader fixture release to AppTest runs (the cached catalog and charts are cleared around it)."""
    from centralasia.release import loader

    make_reader_release(tmp_path)
    serve_from(monkeypatch, tmp_path)
    return loader.load_catalog(tmp_path).get(RELEASE_ID)


def clear_caches():
    from centralasia.ui import data as ui_data

    ui_data.forget_data()


@pytest.fixture
def release(monkeypatch, tmp_path):
    yield install_reader_catalog(monkeypatch, tmp_path)
    clear_caches()


def open_page(page_file: str, theme: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if theme:
        at.context = {"theme": theme}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page_file).run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_sector_table_has_stance_and_quote_in_each_cell(release):
    at = open_page("pages/sectors.py", lang="en")
    bodies = html_bodies(at)
    table = bodies[bodies.index('class="ca-table"') :]
    for sector in release.of_kind("sector"):
        m = sector.mentions[0]
        assert sector.label("en").strip() in table
        # the quote appears once per country the sector names, each with its "¶n · show in source" link
        assert table.count(f'<q lang="de">{m.quote}</q>') == len(sector.countries)
        href = f"source?release={release.id}&amp;lang=en&amp;passage={m.start}-{m.end}#passage"
        assert table.count(href) == len(sector.countries)
        assert f"¶{takeaways.paragraph_number(release, m.start)} · show in source" in table
    assert table.count("not stated") == sum(2 - len(s.countries) for s in release.of_kind("sector"))


def test_sector_chart_title_states_the_takeaway(release):
    at = open_page("pages/sectors.py", lang="de")
    [spec] = charts(at)
    title = spec["layout"]["title"]["text"].replace("<br>", " ")
    assert title == takeaways.sector_matrix_chart(release, "de").title.replace("  ", " ") or "nur Kasachstan spricht auch von" in title


def test_sector_filters_narrow_table_and_chart(release):
    at = open_page("pages/sectors.py", lang="en", sector="trade")
    table = html_bodies(at)
    assert '<q lang="de">den Handel ausbauen</q>' in table and '<q lang="de">in den Hafenausbau</q>' not in table
    at = open_page("pages/sectors.py", lang="en", country="turkmenistan")
    xs = {x for tr in charts(at)[0]["data"] for x in tr["x"]}
    assert xs == {release.record("turkmenistan").label("en")}


@pytest.mark.parametrize("params", [{"sector": "nonsense"}, {"sector": "<script>"}, {"country": "ukraine"}, {"sector": ""}])
def test_sectors_with_junk_fall_back_to_all(release, params):
    at = open_page("pages/sectors.py", lang="en", **params)
    assert at.session_state["sector"] == "all"
    table = html_bodies(at)
    assert all(f'<q lang="de">{s.mentions[0].quote}</q>' in table for s in release.of_kind("sector"))


def test_context_figures_are_shown_apart_with_their_sources(release):
    at = open_page("pages/sectors.py", lang="en")
    text = page_text(at)
    assert "Not from the press release" in text
    for sector in release.of_kind("sector"):
        for indicator in context_data.for_sector(sector.id):
            assert html.escape(str(indicator.source.url)) in text and html.escape(indicator.source.scope("en")) in text
    without = [s for s in release.of_kind("sector") if not context_data.for_sector(s.id)]
    if without:
        assert "No sourced figure for:" in text and all(s.label("en").strip() in text for s in without)


def test_initiatives_table_lists_proposers_supporters_and_status(release):
    at = open_page("pages/initiatives.py", lang="en")
    bodies = html_bodies(at)
    for initiative in release.of_kind("initiative"):
        row = bodies[bodies.index(initiative.label("en").strip()) :]
        row = row[: row.index("</tr>")]
        for actor in initiative.supported_by:
            assert release.record(actor).label("en").strip() in row
        assert html.escape(initiative.localised("status", "en")) in row and "show in source" in row
    [spec] = charts(at)  # the who-backs-what grid replaced the network and the domain bars
    assert sum(len(tr["x"]) for tr in spec["data"]) == sum(len(i.proposed_by) + len(i.supported_by) for i in release.of_kind("initiative"))


def test_initiatives_domain_filter_and_junk(release):
    domain = release.of_kind("initiative")[0].domain
    at = open_page("pages/initiatives.py", lang="en", domain=domain)
    expected = [i for i in release.of_kind("initiative") if i.domain == domain]
    assert html_bodies(at).count("show in source") >= len(expected)
    junk = open_page("pages/initiatives.py", lang="en", domain="x' OR 1=1")
    assert junk.session_state["domain"] == "all"


def test_conflicts_page_is_a_table_of_positions(release):
    at = open_page("pages/conflicts.py", lang="en")
    assert charts(at) == [], "no count chart, no second map"
    bodies = html_bodies(at)
    for conflict in release.of_kind("conflict"):
        m = conflict.mentions[-1]
        assert f'<q lang="de">{html.escape(m.quote)}</q>' in bodies and html.escape(conflict.localised("position", "en")) in bodies
    assert "no parties named" in bodies
    assert takeaways.positions_takeaway(takeaways.positions_frame(release, "en"), "en") in [h.value for h in at.header]


def test_overview_counts_in_one_line_and_no_kind_chart(release):
    at = open_page("pages/overview.py", lang="en")
    assert charts(at) == [] and not at.metric
    [line] = [m.value for m in at.markdown if m.value.startswith("The release names")]
    assert f"{len(release.of_kind('sector'))} Sectors" in line and f"{len(release.of_kind('conflict'))} Conflicts" in line
    labels = [b.label for b in at.get("download_button")]
    assert any("This release" in label for label in labels), labels


def test_charts_follow_a_dark_theme_and_stay_light_otherwise(release):
    dark = open_page("pages/sectors.py", theme="dark", lang="en")
    layout = charts(dark)[0]["layout"]
    assert layout["template"]["layout"]["paper_bgcolor"] != "#ffffff"
    light = open_page("pages/sectors.py", theme="light", lang="en")
    assert charts(light)[0]["layout"]["template"]["layout"]["paper_bgcolor"] == "#ffffff"


@pytest.mark.parametrize("key", ["sector-matrix", "initiative-matrix"])
def test_chart_only_view_fits_its_snippet(release, key):
    at = open_page("pages/embed.py", lang="en", chart=key)
    [spec] = charts(at)
    assert spec["layout"]["height"] <= CHART_BY_KEY[key].embed_height - 20
    assert not at.get("download_button") and not at.toggle


def test_chart_only_view_opens_renamed_keys():
    at = open_page("pages/embed.py", lang="en", chart="initiative-network")
    [spec] = charts(at)
    assert "initiative" in json.dumps(spec["layout"]["title"]).lower()


READER_PAGES = ["pages/overview.py", "pages/sectors.py", "pages/initiatives.py", "pages/conflicts.py", "pages/source.py"]
CHECKER_DETAILS = [r"characters \d+\s*[–-]\s*\d+", r"Zeichen \d+\s*[–-]\s*\d+", r"\b[0-9a-f]{64}\b", r"sha-?256", r"data/releases",
                   r"records\.yaml", r"python -m", r"\.py\b"]  # fmt: skip


@pytest.mark.parametrize("page", READER_PAGES)
def test_reader_pages_show_no_offsets_checksums_commands_or_paths(release, page):
    at = open_page(page, lang="en")
    text = page_text(at)
    for pattern in CHECKER_DETAILS:
        assert not re.search(pattern, text, flags=re.I), pattern
    about = page_text(open_page("pages/about.py", lang="en"))
    assert release.meta.sha256 in about, "checksums live on About & method"


# Words that betray English left in the German interface (data quotes and source titles are removed first).
ENGLISH_GIVEAWAYS = ["the", "and", "of", "with", "Source", "Show", "show", "Download", "Mentions", "mentions", "Quote", "Sector",
                     "Country", "Countries", "forecast", "release", "Release", "Click", "Table", "characters", "As of", "Proposed",
                     "Supported", "status", "Filter", "All"]  # fmt: skip


def _german_ui_text(at: AppTest) -> str:
    text = page_text(at)
    text = re.sub(r'<(p|h[1-6]) lang="en".*?</\1>', " ", text, flags=re.S)  # the English translation is English on purpose
    text += "\n" + "\n".join(w.label for kind in ("selectbox", "toggle", "multiselect") for w in getattr(at, kind))
    text += "\n" + "\n".join(str(b.label) for b in at.get("download_button"))
    text = re.sub(
        r"„[^“]*“|“[^”]*”|«[^»]*»|\"[^\"]*\"|https?://\S+|`[^`]*`", " ", text
    )  # quotes and titles stay in their language; URLs and file names are not words
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("page", [*READER_PAGES, "pages/about.py", "pages/briefing.py"])
def test_no_english_words_on_german_pages(release, page):
    at = open_page(page, lang="de")
    text = _german_ui_text(at)
    for word in ENGLISH_GIVEAWAYS:
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), f"English word {word!r} on {page} in German"


@pytest.fixture
def bare_release(monkeypatch, tmp_path):
    """A release that names no sector, initiative or conflict (the next release may be like that)."""
    import yaml

    from centralasia.release import loader

    folder = make_reader_release(tmp_path)
    records = yaml.safe_load((folder / "records.yaml").read_text(encoding="utf-8"))
    kept = [r for r in records if r["kind"] not in {"sector", "initiative", "conflict"}]
    (folder / "records.yaml").write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    serve_from(monkeypatch, tmp_path)
    assert not loader.load_catalog(tmp_path).problems
    yield
    clear_caches()


@pytest.mark.parametrize(
    "page", ["pages/sectors.py", "pages/initiatives.py", "pages/conflicts.py", "pages/overview.py", "pages/briefing.py"]
)
def test_pages_cope_with_a_release_without_sectors_initiatives_or_conflicts(bare_release, page):
    at = open_page(page, lang="en")
    assert not at.exception
    if page != "pages/overview.py" and page != "pages/briefing.py":
        assert at.info, "an empty table or chart says so"


@pytest.mark.parametrize("key", ["sector-matrix", "initiative-matrix"])
def test_chart_only_view_of_an_empty_chart(bare_release, key):
    at = open_page("pages/embed.py", lang="en", chart=key)
    assert not at.exception and at.info
