"""AppTest of the Review page: off by default (no page, no URL, no ?review=1); with the switch on, a pasted
release is drafted, accepted and rejected records are written as a folder `validate` accepts, an invalid edit
shows its one-line problem, and an existing release is never written over."""

from __future__ import annotations

import pytest
import yaml

pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")

from centralasia.cli import main as cli_main  # noqa: E402
from centralasia.ui import data  # noqa: E402
from centralasia.ui.review import EDITOR_KEY, WB_KEY  # noqa: E402
from tests.fixtures import GOV_EN, series_release  # noqa: E402

from .conftest import page_text, run_page  # noqa: E402

REVIEW = "pages/review.py"


@pytest.fixture
def releases(tmp_path, serve_releases):
    root = tmp_path / "releases"
    series_release(root, "2031-03-01-alt", "2031-03-01", "vertiefen", "die Seidenstraße")
    return serve_releases(root)


@pytest.fixture
def curate(monkeypatch):
    monkeypatch.setenv("CENTRALASIA_CURATE", "1")


def _drafted(releases, text: str = GOV_EN, release_id: str = "2031-03-05-review-test"):
    at = run_page(REVIEW, lang="en")
    assert "Review a draft release" in page_text(at)
    at.text_area(key="review-text").set_value(text)
    at.text_input(key="review-id").set_value(release_id)
    at.run()
    at.button(key="review-run").click().run()
    assert not at.exception, at.exception
    return at


def _editor_rows(at):
    return at.data_editor[0].value.to_dict("records") if hasattr(at, "data_editor") else at.dataframe[0].value.to_dict("records")


def _decide(at, decisions: dict[int, dict]):
    at.session_state[EDITOR_KEY] = {"edited_rows": decisions, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def test_with_the_switch_off_the_page_and_its_url_do_not_exist(releases, monkeypatch):
    monkeypatch.delenv("CENTRALASIA_CURATE", raising=False)
    at = run_page(lang="en")
    with pytest.raises(ValueError, match="Could not find a navigation page") as off:
        at.switch_page(REVIEW)
    assert "review.py" not in str(off.value).split("Known pages:")[1]
    monkeypatch.setenv("CENTRALASIA_CURATE", "1")
    at = run_page(REVIEW, lang="en")  # registered once the switch is on
    assert "Review a draft release" in page_text(at)


def test_a_pasted_release_is_drafted_and_accepting_and_rejecting_write_valid_yaml(releases, curate, capsys):
    at = _drafted(releases)
    wb = at.session_state[WB_KEY]
    rows = _editor_rows(at)
    assert [r["id"] for r in rows] == [r["id"] for r in wb.records] and all(r["decision"] == "pending" for r in rows)
    topics = [i for i, r in enumerate(rows) if r["kind"] in ("sector", "initiative", "event", "conflict")]
    assert topics, "the draft proposes topics"
    countries = [i for i, r in enumerate(rows) if r["kind"] == "country"]
    rejected = next(i for i, r in enumerate(rows) if r["kind"] in ("person", "institution", "place") and i not in countries)
    decisions = {i: {"decision": "accept"} for i in [*countries, *topics]}
    decisions[rejected] = {"decision": "reject"}
    _decide(at, decisions)
    at.checkbox(key="review-meta-checked").check().run()
    assert "The release folder validates." in [m.value for m in at.success], [m.value for m in at.error] + [c.value for c in at.code]
    at.button(key="review-write").click().run()
    assert not at.exception, at.exception
    folder = releases / "2031-03-05-review-test"
    assert (folder / "records.yaml").is_file() and not [p for p in releases.iterdir() if p.name.startswith(".")]
    capsys.readouterr()
    assert cli_main(["validate", str(folder), "--geo", "none"]) == 0, capsys.readouterr().err
    records = {r["id"]: r for r in yaml.safe_load((folder / "records.yaml").read_text(encoding="utf-8"))}
    assert rows[rejected]["id"] not in records
    for i in [*countries, *topics]:
        assert "review" not in records[rows[i]["id"]]
    assert all(records[r["id"]].get("review") == "pending" for i, r in enumerate(rows) if i not in decisions)


def test_an_invalid_edit_shows_its_one_line_problem(releases, curate):
    at = _drafted(releases)
    rows = _editor_rows(at)
    sector = next(i for i, r in enumerate(rows) if r["kind"] == "sector")
    _decide(at, {sector: {"countries": "atlantis"}})
    problems = "\n".join(c.value for c in at.code)
    line = next(p for p in problems.splitlines() if "atlantis" in p)
    assert f"record '{rows[sector]['id']}'" in line and "field 'countries" in line and "records.yaml" in line
    assert "The release folder validates." not in [m.value for m in at.success]
    assert not [b for b in at.button if b.key == "review-write"]


def test_an_existing_release_is_never_written_over(releases, curate):
    at = _drafted(releases, release_id="2031-03-01-alt")
    before = {p.name: p.read_bytes() for p in (releases / "2031-03-01-alt").iterdir()}
    at.checkbox(key="review-meta-checked").check().run()
    assert "The release folder validates." in [m.value for m in at.success]
    assert any("already exists" in w.value and "never written over" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "review-write"]
    assert {p.name: p.read_bytes() for p in (releases / "2031-03-01-alt").iterdir()} == before


def test_review_1_needs_the_switch(releases, monkeypatch, tmp_path):
    series_release(releases, "2031-02-01-draft", "2031-02-01", "prüfen", "den Entwurf", pending=True)
    data.forget_data()
    monkeypatch.delenv("CENTRALASIA_CURATE", raising=False)
    assert "(pending review)" not in page_text(run_page("pages/overview.py", lang="en", release="2031-02-01-draft", review="1"))
    monkeypatch.setenv("CENTRALASIA_CURATE", "1")
    assert "(pending review)" in page_text(run_page("pages/overview.py", lang="en", release="2031-02-01-draft", review="1"))
