"""AppTest of Sectors, Initiatives and Conflicts with seeded query params, valid and junk."""

from __future__ import annotations

import pytest

from .conftest import charts, page_text, run_page


def _bar_labels(spec: dict) -> set[str]:
    return {y.replace("<br>", " ") for tr in spec["data"] for y in tr.get("y", [])}


def test_sectors_unfiltered_and_filtered():
    full = charts(run_page("pages/sectors.py", lang="en"))
    assert "Transport and transit" in _bar_labels(full[0])
    narrowed = run_page("pages/sectors.py", lang="en", sector="energy")
    assert _bar_labels(charts(narrowed)[0]) == {"Energy"}
    text = page_text(narrowed)
    assert "„Energie“" in text and "„Logistik“" not in text


def test_sectors_by_country():
    at = run_page("pages/sectors.py", lang="de", country="turkmenistan")
    assert "Transport und Transit" not in _bar_labels(charts(at)[0])
    assert "Handel" in _bar_labels(charts(at)[0])


@pytest.mark.parametrize("params", [{"sector": "nonsense"}, {"sector": "<script>"}, {"country": "ukraine"}, {"sector": ""}])
def test_sectors_with_junk_fall_back_to_all(params):
    at = run_page("pages/sectors.py", lang="en", **params)
    assert at.session_state["sector"] == "all"
    assert len(_bar_labels(charts(at)[0])) == 7


def test_initiatives_table_chart_and_network():
    at = run_page("pages/initiatives.py", lang="en")
    assert len(at.dataframe[0].value) == 13 + 5  # initiatives + institutions
    assert len(charts(at)) == 2
    text = page_text(at)
    assert "UN University for Peace and Neutrality" in text and "Turkmenistan" in text


def test_initiatives_domain_filter_and_junk():
    at = run_page("pages/initiatives.py", lang="en", domain="un-reform")
    assert len(at.dataframe[0].value) == 4
    junk = run_page("pages/initiatives.py", lang="en", domain="x' OR 1=1")
    assert len(junk.dataframe[0].value) == 18


def test_conflicts_page_quotes_every_position():
    at = run_page("pages/conflicts.py", lang="en")
    text = page_text(at)
    for quote in ("Fortschritte im Friedensdialog zwischen Aserbaidschan und Armenien", "Zwei-Staaten-Lösung im Nahostkonflikt"):
        assert quote in text
    assert len(charts(at)) == 2
