"""centralasia.release.review without Streamlit: the switch, decisions and edits, kind changes, live validation with the
`validate` lines, the ZIP and the whole-or-nothing write."""

from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")

from centralasia.cli import main as cli_main  # noqa: E402
from centralasia.release import review  # noqa: E402
from centralasia.release.draft import DraftError, draft_files, draft_release  # noqa: E402
from centralasia.release.loader import read_release
from centralasia.release.vocab import entity_registry  # noqa: E402
from tests.fixtures import GOV_EN, OTS_DE  # noqa: E402


def _wb(text: str = OTS_DE, release_id: str = "2031-03-03-review") -> review.Workbench:
    return review.Workbench.from_draft(draft_files(text.encode(), release_id=release_id))


@pytest.mark.parametrize(
    ("env", "secret", "on"),
    [({}, None, False), ({"CENTRALASIA_CURATE": "1"}, None, True), ({"CENTRALASIA_CURATE": "0"}, None, False),
     ({}, True, True), ({}, "true", True), ({}, "no", False), ({"CENTRALASIA_CURATE": "yes"}, False, True)],
)  # fmt: skip
def test_the_curation_switch_is_off_unless_set(env, secret, on):
    assert review.curation_enabled(env, secret) is on


def test_accept_reject_and_pending_become_the_review_flags(tmp_path):
    wb = _wb()
    rows = review.editor_rows(wb, entity_registry())
    rows[0]["decision"] = "accept"
    loose = next(i for i, r in enumerate(rows) if r["kind"] in ("person", "institution", "place") and i > 0)
    rows[loose]["decision"] = "reject"
    meta, records = review.apply_edits(wb, rows, meta_checked=True, registry=entity_registry())
    ids = [r["id"] for r in records]
    assert rows[loose]["id"] not in ids and "review" not in records[0] and all(r["review"] == "pending" for r in records[1:])
    assert "review" not in meta
    files = review.release_files(wb, meta, records)
    assert review.validate(wb.release_id, files, tmp_path) == []
    folder = review.write(tmp_path, wb.release_id, files)
    assert read_release(folder).meta.id == wb.release_id
    # rejecting a country that other records point to is a problem, and an invalid folder is never written
    country = next(r for r in rows if r["kind"] == "country")
    meta, records = review.apply_edits(wb, [dict(r, decision="reject") if r is country else r for r in rows], registry=entity_registry())
    bad = review.release_files(wb, meta, records)
    problems = review.validate("2031-03-03-other", bad, tmp_path)
    assert problems and all("\n" not in p for p in problems) and any(f"points to '{country['id']}'" in p for p in problems)
    with pytest.raises(DraftError, match="not written"):
        review.write(tmp_path, "2031-03-03-other", bad)
    assert not (tmp_path / "2031-03-03-other").exists()


def test_a_kind_change_gives_the_new_kind_its_fields_and_stays_valid(tmp_path):
    wb = _wb(GOV_EN, "2031-03-05-kinds")
    registry = entity_registry()
    rows = review.editor_rows(wb, registry)
    sector = next(r for r in rows if r["kind"] == "sector")
    for new_kind in ("initiative", "event", "conflict"):
        edited = [dict(r, kind=new_kind) if r["id"] == sector["id"] else r for r in rows]
        meta, records = review.apply_edits(wb, edited, registry=registry)
        files = review.release_files(wb, meta, records)
        assert review.validate(wb.release_id, files, tmp_path) == [], new_kind
        changed = next(r for r in records if r["id"] == sector["id"])
        assert changed["kind"] == new_kind and "stance" not in changed and "statement" not in changed


def test_an_invalid_value_is_one_line_naming_the_target_file_record_and_field(tmp_path):
    wb = _wb(GOV_EN, "2031-03-05-bad")
    registry = entity_registry()
    rows = review.editor_rows(wb, registry)
    sector = next(r for r in rows if r["kind"] == "sector")
    edited = [dict(r, value="hesitate") if r is sector else r for r in rows]
    meta, records = review.apply_edits(wb, edited, registry=registry)
    problems = review.validate(wb.release_id, review.release_files(wb, meta, records), tmp_path / "releases")
    assert len(problems) == 1 and "\n" not in problems[0]
    assert f"2031-03-05-bad/records.yaml, record '{sector['id']}', field 'stance'" in problems[0] and "hesitate" in problems[0]
    assert "centralasia-review-" not in problems[0]


def test_zip_holds_the_folder_and_unpacks_into_a_valid_release(tmp_path):
    wb = _wb()
    meta, records = review.apply_edits(wb, review.editor_rows(wb, entity_registry()), registry=entity_registry())
    files = review.release_files(wb, meta, records)
    data = review.zip_bytes(wb.release_id, files)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == sorted(f"{wb.release_id}/{n}" for n in files)
        zf.extractall(tmp_path / "releases")
    assert cli_main(["validate", str(tmp_path / "releases" / wb.release_id), "--geo", "none"]) == 0


def test_a_draft_folder_opens_as_it_was_drafted(tmp_path):
    source = tmp_path / "ots.txt"
    source.write_text(OTS_DE, encoding="utf-8")
    result = draft_release(source, tmp_path / "releases")
    wb, problems = review.Workbench.from_folder(result.folder)
    assert not problems and wb.release_id == result.folder.name
    assert [r["id"] for r in wb.records] == [r.id for r in read_release(result.folder).all_records]
    assert any(c.get("cue") for c in wb.candidates)
    # writing it back under the same id is refused: an existing release is never written over
    meta, records = review.apply_edits(wb, review.editor_rows(wb, entity_registry()), registry=entity_registry())
    with pytest.raises(DraftError, match="already exists"):
        review.write(tmp_path / "releases", wb.release_id, review.release_files(wb, meta, records))


def test_the_opened_draft_folder_is_replaced_only_when_chosen_and_only_while_it_is_a_draft(tmp_path):
    source = tmp_path / "gov.txt"
    source.write_text(GOV_EN, encoding="utf-8")
    result = draft_release(source, tmp_path / "releases", release_id="2031-03-05-open")
    wb, _ = review.Workbench.from_folder(result.folder)
    rows = [dict(r, decision="accept") for r in review.editor_rows(wb, entity_registry())]
    meta, records = review.apply_edits(wb, rows, meta_checked=True, registry=entity_registry())
    files = review.release_files(wb, meta, records)
    with pytest.raises(DraftError, match="already exists"):
        review.write(tmp_path / "releases", wb.release_id, files)  # not chosen: refused
    folder = review.write(tmp_path / "releases", wb.release_id, files, replace_draft=wb.origin)
    assert not (folder / "candidates.yaml").exists() and all(not r.pending for r in read_release(folder).all_records)
    assert [p.name for p in (tmp_path / "releases").iterdir()] == ["2031-03-05-open"]
    # now a finished release, no longer a draft: never replaced, even when asked
    with pytest.raises(DraftError, match="already exists"):
        review.write(tmp_path / "releases", wb.release_id, files, replace_draft=wb.origin)
