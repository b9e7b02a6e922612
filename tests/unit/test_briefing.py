"""The briefing is one self-contained HTML file; the bundle holds every kind, the export, the text and a README."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest

from centralasia.briefing import SECTIONS, build_briefing, build_bundle
from centralasia.geo import project_layers, read_layers
from centralasia.loader import PROJECT_ROOT
from centralasia.mapfig import VIEWS
from centralasia.models import KINDS


@pytest.fixture(scope="module")
def geo():
    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


@pytest.fixture(scope="module")
def full(release, geo):
    return build_briefing(release, "en", SECTIONS, geo)


def _outside_plotlyjs(document: str) -> str:
    """The document without the inlined plotly.js library (whose code names URLs it never fetches here)."""
    start = document.index('<script type="text/javascript">')
    end = document.index("</script>", start)
    return document[:start] + document[end:]


def test_every_chosen_section_and_its_sources_are_in(full, release):
    for section in SECTIONS:
        assert f'<section id="{section}">' in full
    assert full.count(release.meta.publisher_en) >= 5
    assert "As of: 12 December 2025" in full
    assert "Caspian Sea" in full and "Kassym-Jomart Tokayev" in full
    assert "Quote, characters 126–345" in full


def test_only_the_chosen_sections(release, geo):
    document = build_briefing(release, "de", ["map", "quotes"], geo)
    assert '<section id="map">' in document and '<section id="quotes">' in document
    assert '<section id="sectors">' not in document and 'lang="de"' in document
    with pytest.raises(ValueError, match="unknown section"):
        build_briefing(release, "en", ["nonsense"], geo)


def test_self_contained_no_outside_resources(full):
    assert full.count('<script type="text/javascript">') == 1, "plotly.js is inlined once"
    rest = _outside_plotlyjs(full)
    assert not re.search(r"<script[^>]+src=", rest)
    assert not re.search(r"<link[^>]+href=", rest)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", rest)
    assert not re.search(r"<img[^>]+src=['\"]?https?:", rest)
    assert "topojsonURL" not in rest and "scattergeo" not in rest and '"type":"choropleth"' not in rest


def test_every_chart_is_an_interactive_plot_with_its_source(full):
    plots = re.findall(r'Plotly\.newPlot\(\s*"chart-\d+-([a-z-]+)"', full)
    assert plots == ["route-map", "sector-matrix", "sector-mentions", "initiative-domains", "initiative-network", "conflicts"]
    assert full.count('class="source"') >= len(plots)


def test_small_and_deterministic(full, release, geo):
    assert len(full.encode("utf-8")) < 5 * 1024 * 1024
    assert build_briefing(release, "en", SECTIONS, geo) == full


def test_print_css_breaks_sections_on_a4(full):
    assert "@page { size: A4" in full and "break-before: page" in full


def test_markup_in_data_stays_text(tmp_path, geo):
    from centralasia.loader import read_release

    from ..fixtures import make_release

    hostile = read_release(make_release(tmp_path / "r"))
    document = _outside_plotlyjs(build_briefing(hostile, "en", SECTIONS, geo))
    body = document[document.index("<body>") :]
    for script in re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S):
        assert "Plotly.newPlot" in script or "PLOTLYENV" in script
        assert "<script" not in script and "<img" not in script  # data inside the figure JSON is \u003c-escaped
    visible = re.sub(r"<script[^>]*>.*?</script>", "", body, flags=re.S)
    assert "<script" not in visible and "<img" not in visible
    assert "&lt;script&gt;alert(" in visible


def test_bundle_contents(release):
    data = build_bundle(release, "en")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = {n.split("/", 1)[1] for n in z.namelist()}
        assert {f"{k}.csv" for k in KINDS} | {"README.txt", "release.json", "mentions.csv", "release.de.txt"} == names
        prefix = release.id + "/"
        assert z.read(prefix + "release.de.txt") == (release.folder / "release.de.txt").read_bytes()
        readme = z.read(prefix + "README.txt").decode()
        assert release.meta.publisher_en in readme and "Generated:" in readme and release.meta.sha256 in readme
        assert len(json.loads(z.read(prefix + "release.json"))["releases"][0]["records"]) == len(release.records)
        for kind in KINDS:
            rows = list(csv.DictReader(io.StringIO(z.read(f"{prefix}{kind}.csv").decode("utf-8-sig"))))
            assert len(rows) == len(release.of_kind(kind))


def test_cli_briefing_matches_the_builder(tmp_path, release, geo):
    out = tmp_path / "b.html"
    subprocess.run([sys.executable, "-m", "centralasia", "briefing", "-o", str(out), "--lang", "de", "--sections", "key-facts", "conflicts"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)  # fmt: skip
    assert out.read_bytes() == build_briefing(release, "de", ["key-facts", "conflicts"], geo).encode("utf-8")
