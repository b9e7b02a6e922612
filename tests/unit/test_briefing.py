"""The briefing is one self-contained, autoescaped HTML file built from templates; the bundle holds every kind, the export, the text.

Expectations come from a release written for these tests (tests/reader_fixture.py).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest

from centralasia.charts import tables, takeaways
from centralasia.publish.briefing import SECTIONS, build_briefing, build_bundle
from centralasia.publish.render import TEMPLATES
from centralasia.release import context
from centralasia.release.loader import load_catalog, read_release
from centralasia.release.models import KINDS
from centralasia.route.geo import project_layers, read_layers
from centralasia.route.mapstyle import VIEWS
from centralasia.settings import PROJECT_ROOT

from ..fixtures import make_release
from ..reader_fixture import RELEASE_ID, make_reader_release


@pytest.fixture(scope="module")
def geo():
    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("releases")
    make_reader_release(root)
    return root


@pytest.fixture(scope="module")
def fixture_release(root):
    return load_catalog(root).get(RELEASE_ID)


@pytest.fixture(scope="module")
def full(fixture_release, geo):
    return build_briefing(fixture_release, "en", SECTIONS, geo)


def _outside_plotlyjs(document: str) -> str:
    """The document without the inlined plotly.js library (whose code names URLs it never fetches here)."""
    start = document.index('<script type="text/javascript">')
    end = document.index("</script>", start)
    return document[:start] + document[end:]


def _visible(document: str) -> str:
    body = _outside_plotlyjs(document)
    body = body[body.index("<body>") :]
    return re.sub(r"<script[^>]*>.*?</script>", "", body, flags=re.S)


def test_every_section_with_takeaways_quotes_and_paragraphs(full, fixture_release):
    release = fixture_release
    positions = [full.index(f'<section id="{s}"') for s in SECTIONS]
    assert positions == sorted(positions)
    visible = _visible(full)
    assert takeaways.sector_takeaway(tables.sector_country_frame(release, "en"), "en", takeaways.proper_nouns(release)) in visible
    assert takeaways.positions_takeaway(takeaways.positions_frame(release, "en"), "en") in visible
    trade = release.record("trade").mentions[0]
    quoted_in_release_language = visible.replace(f'<q lang="{release.meta.language}">', "„").replace("</q>", "“")
    assert f'„{trade.quote}“ <span class="ref">¶{takeaways.paragraph_number(release, trade.start)}</span>' in quoted_in_release_language
    assert "<q>" not in visible, "every quote carries the release's language (WCAG 3.1.2)"
    for initiative in release.of_kind("initiative"):
        assert initiative.label("en").strip() in visible


def test_reader_document_has_no_offsets_checksums_or_paths(full, fixture_release):
    visible = _visible(full)
    assert not re.search(r"characters \d+[–-]\d+|Zeichen \d+[–-]\d+", visible)
    assert fixture_release.meta.sha256[:12] not in visible and "SHA-256" not in visible
    assert "data/releases" not in visible and "records.yaml" not in visible


def test_context_indicators_appear_with_their_sources(root, geo):
    release = load_catalog(root).get(RELEASE_ID)
    visible = _visible(build_briefing(release, "de", ["sectors"], geo))
    shown = {i.id: i for sid in [s.id for s in release.of_kind("sector")] for i in context.for_sector(sid)}
    assert shown, "the fixture's trade sector has context figures in data/context/indicators.yaml"
    for ind in shown.values():
        assert ind.label("de") in visible and str(ind.source.url) in visible
        assert ind.source.scope("de") in visible


def test_only_the_chosen_sections(fixture_release, geo):
    document = build_briefing(fixture_release, "de", ["map", "quotes"], geo)
    assert '<section id="map"' in document and '<section id="quotes"' in document
    assert '<section id="sectors"' not in document and 'lang="de"' in document
    with pytest.raises(ValueError, match="unknown section"):
        build_briefing(fixture_release, "en", ["nonsense"], geo)


def test_self_contained_no_outside_resources(full):
    assert full.count('<script type="text/javascript">') == 1, "plotly.js is inlined once"
    rest = _outside_plotlyjs(full)
    assert not re.search(r"<script[^>]+src=", rest)
    assert not re.search(r"<link[^>]+href=", rest)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", rest)
    assert not re.search(r"<img[^>]+src=['\"]?https?:", rest)
    assert "topojsonURL" not in rest and "scattergeo" not in rest and '"type":"choropleth"' not in rest


def test_charts_come_from_the_registry_and_stay_light(full):
    plots = re.findall(r'Plotly\.newPlot\(\s*"chart-\d+-([a-z-]+)"', full)
    # each composed twice: for the printed page and for a phone's column
    assert plots == ["route-map", "route-map-phone", "initiative-matrix", "initiative-matrix-phone"]
    assert '"paper_bgcolor":"#ffffff"' in full.replace(" ", "")


def test_small_and_deterministic(full, fixture_release, geo):
    assert len(full.encode("utf-8")) < 5 * 1024 * 1024
    assert build_briefing(fixture_release, "en", SECTIONS, geo) == full


def test_print_css_keeps_rows_and_headings_together(full):
    assert "@page { size: A4" in full and "break-inside: avoid" in full
    assert 'class="keep"' in full, "a heading is printed together with the table it introduces"
    assert "@media (max-width: 640px)" in full, "tables become cards on a phone"


def test_markup_in_data_stays_text(tmp_path, geo):
    hostile = read_release(make_release(tmp_path / "r"))
    document = _outside_plotlyjs(build_briefing(hostile, "en", SECTIONS, geo))
    body = document[document.index("<body>") :]
    own = (TEMPLATES / "briefing.js").read_text(encoding="utf-8")
    for script in re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S):
        assert "Plotly.newPlot" in script or "PLOTLYENV" in script or script == own  # the figures, or the file's own sizing script
        assert "<script" not in script and "<img" not in script  # data inside the figure JSON is \u003c-escaped
    visible = re.sub(r"<script[^>]*>.*?</script>", "", body, flags=re.S)
    assert "<script" not in visible and "<img" not in visible
    assert "&lt;script&gt;alert(" in visible


def test_bundle_contents(fixture_release):
    release = fixture_release
    data = build_bundle(release, "en")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = {n.split("/", 1)[1] for n in z.namelist()}
        expected = {f"{k}.csv" for k in KINDS} | {"README.txt", "release.json", "mentions.csv", "release.de.txt", "corridor_legs.geojson"}
        assert expected == names
        prefix = release.id + "/"
        legs = json.loads(z.read(prefix + "corridor_legs.geojson"))
        assert legs["type"] == "FeatureCollection" and legs["features"]
        assert z.read(prefix + "release.de.txt") == (release.folder / "release.de.txt").read_bytes()
        readme = z.read(prefix + "README.txt").decode()
        assert release.meta.publisher_in("en") in readme and "Generated:" in readme
        assert len(json.loads(z.read(prefix + "release.json"))["releases"][0]["records"]) == len(release.records)
        for kind in KINDS:
            rows = list(csv.DictReader(io.StringIO(z.read(f"{prefix}{kind}.csv").decode("utf-8-sig"))))
            assert len(rows) == len(release.of_kind(kind))


@pytest.mark.slow
def test_cli_briefing_matches_the_builder(tmp_path, root, fixture_release, geo):
    out = tmp_path / "b.html"
    subprocess.run([sys.executable, "-m", "centralasia", "briefing", "-o", str(out), "--lang", "de", "--path", str(root),
                    "--release", RELEASE_ID, "--sections", "key-facts", "conflicts"], cwd=PROJECT_ROOT, check=True, capture_output=True)  # fmt: skip
    assert out.read_bytes() == build_briefing(fixture_release, "de", ["key-facts", "conflicts"], geo).encode("utf-8")


def test_a_release_without_sectors_initiatives_or_conflicts_still_briefs(tmp_path, geo):
    import yaml

    folder = make_reader_release(tmp_path)
    records = yaml.safe_load((folder / "records.yaml").read_text(encoding="utf-8"))
    kept = [r for r in records if r["kind"] not in {"sector", "initiative", "conflict"}]
    (folder / "records.yaml").write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    release = load_catalog(tmp_path).get(RELEASE_ID)
    document = build_briefing(release, "en", SECTIONS, geo)
    assert all(f'<section id="{s}"' in document for s in SECTIONS)
    assert "This release addresses no conflicts." in document


def test_the_briefing_builds_without_geodata(fixture_release):
    document = build_briefing(fixture_release, "de", SECTIONS, None)
    assert "Die Karte fehlt in diesem Briefing" in document
    assert all(f'<section id="{s}"' in document for s in SECTIONS)
    assert "Plotly.newPlot" in document  # the other charts are still there


def test_every_printed_page_carries_the_data_date_and_its_number(full, fixture_release):
    from centralasia.i18n import format_date, t
    from centralasia.safe_text import css_string

    as_of = t("briefing.as_of", "en", date=format_date(fixture_release.meta.date, "en"))
    assert f"@bottom-left {{ content: {css_string(as_of)}; }}" in full
    page_of = t("briefing.page_of", "en", page="\x01", pages="\x02")
    before, between, after = re.split("[\x01\x02]", page_of)
    expected = " ".join(p for p in (before and css_string(before), "counter(page)", between and css_string(between), "counter(pages)",
                                     after and css_string(after)) if p)  # fmt: skip
    assert f"@bottom-right {{ content: {expected}; }}" in full
    assert as_of in _visible(full), "the date is also in the document's header on screen"


def test_landmarks_headings_in_order_and_language(fixture_release, geo):
    for lang in ("de", "en", "ru"):
        document = build_briefing(fixture_release, lang, SECTIONS, geo)
        visible = _visible(document)
        assert f'<html lang="{lang}">' in document
        for landmark in ("<header>", "<main>", "</main>", '<footer class="source">'):
            assert visible.count(landmark) == 1, landmark
        assert re.search(r'<nav aria-label="[^"]+">', visible)
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", visible)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "<nav" not in _visible(build_briefing(fixture_release, "en", ["quotes"], geo)), "one section needs no contents"


def test_every_chart_has_its_takeaway_as_name_and_its_data_as_a_table(full, fixture_release):
    spec = takeaways.initiative_matrix_chart(fixture_release, "en")
    visible = _visible(full)
    figures = re.findall(r'<figure class="chart".*?</figure>', visible, flags=re.S)
    assert len(figures) == 2
    matrix = next(f for f in figures if "initiative-matrix" in f)
    names = re.findall(r'<div class="plot (wide|phone)" role="group" aria-label="([^"]+)">', matrix)
    assert [n for n, _ in names] == ["wide", "phone"] and {a for _, a in names} == {html.escape(spec.title, quote=True)}
    table = re.search(r"<details class=\"chart-data\">.*?</details>", matrix, flags=re.S).group(0)
    assert table.count("<tr>") == len(spec.data) + 1  # the header row and one row per link drawn
    for header in spec.data.columns:
        assert f'<th scope="col">{html.escape(str(header))}</th>' in table


def test_figures_are_composed_for_the_printed_width_and_for_a_phone(full):
    from centralasia.publish.briefing import PHONE_BOX, PRINT_BOX

    for div_id in re.findall(r'Plotly\.newPlot\(\s*"(chart-\d+-[a-z-]+)"', full):
        call = full[full.index(f'"{div_id}",') :]
        call = call[: call.index("</script>")]
        width = int(re.search(r'"width":(\d+)', call[call.rindex('"layout":') :]).group(1))
        assert width == (PHONE_BOX.width if div_id.endswith("-phone") else PRINT_BOX.width), div_id


def test_the_initiative_grid_on_paper_is_composed_for_the_printed_column(fixture_release, geo):
    from centralasia.publish.briefing import PRINT_BOX, _chart

    spec = _chart("initiative-matrix", fixture_release, "en", PRINT_BOX, geo)
    rows = spec.figure.layout.yaxis.categoryarray
    assert rows and all(r.count("<br>") <= 2 for r in rows)  # at most three short lines per initiative
    assert spec.figure.layout.width == PRINT_BOX.width and spec.figure.layout.height < 60 * len(rows) + 300
