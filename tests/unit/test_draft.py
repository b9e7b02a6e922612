"""`python -m centralasia draft`: a new release pre-filled from the registry, every record pending review.

The texts are invented for these tests (tests/fixtures.py): a German ots release and an English and a Russian
government release, with other transliterations of registry names and a namesake.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")

from centralasia.cli import main as cli_main  # noqa: E402
from centralasia.publish import exports  # noqa: E402
from centralasia.release.draft import CANDIDATES_FILE, draft_release  # noqa: E402
from centralasia.release.draft_entities import normalise  # noqa: E402
from centralasia.release.loader import load_catalog, read_release
from centralasia.release.vocab import entity_registry
from centralasia.settings import PROJECT_ROOT  # noqa: E402
from tests.fixtures import GOV_EN, OTS_DE, RU_GOV  # noqa: E402


def _draft(tmp_path: Path, text: str, name: str, **kw):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = draft_release(source, tmp_path / "releases", **kw)
    return source, result, read_release(result.folder)


def _quotes(release, rid):
    return [m.quote for m in release.all_records if m.id == rid for m in m.mentions]


def _candidates(result) -> list[dict]:
    return yaml.safe_load((result.folder / CANDIDATES_FILE).read_text(encoding="utf-8"))


def test_german_ots_release_is_drafted_with_layout_metadata_and_inflected_mentions(tmp_path):
    source, result, release = _draft(tmp_path, OTS_DE, "ots.txt")
    # The text is kept byte for byte after the metadata line.
    assert release.text.encode() == source.read_bytes()
    meta = release.meta
    assert (meta.date.isoformat(), meta.dateline, meta.channel, meta.language) == ("2031-03-03", "Baku/Astana", "ots", "de")
    assert meta.publisher == "Botschaft der Republik Kasachstan in der Bundesrepublik Deutschland"
    assert meta.title == OTS_DE.splitlines()[0] and meta.review == "pending"
    # Registry entities through aliases and inflected forms, each mention verbatim with offsets.
    assert {"Kasachstans", "kasachischen"} <= set(_quotes(release, "kazakhstan"))
    assert "Tokajews" in _quotes(release, "tokayev") and "Kassym-Schomart Tokajew" in _quotes(release, "tokayev")
    assert {"Kaspische Meer", "Kaspischen Meeres"} & set(_quotes(release, "caspian-sea"))
    assert "Vereinten Nationen" in _quotes(release, "united-nations")
    for record in release.all_records:
        assert record.pending
        for m in record.mentions:
            assert release.text[m.start : m.end] == m.quote


def test_a_namesake_is_never_linked_to_serdar(tmp_path):
    _, result, release = _draft(tmp_path, OTS_DE, "ots.txt")
    ids = {r.id for r in release.all_records}
    assert "serdar-berdimuhamedov" not in ids
    assert _quotes(release, "gurbanguly-berdimuhamedov") == ["Gurbanguly Berdimuhamedow"]
    bare = next(c for c in _candidates(result) if c["text"] == "Berdimuhamedow")
    assert set(bare["registry_suggestions"]) == {"serdar-berdimuhamedov", "gurbanguly-berdimuhamedov"}
    assert OTS_DE.count("Berdimuhamedow ") == 1 + len(bare["mentions"])


def test_candidates_list_unknown_names_and_other_spellings(tmp_path):
    _, result, _ = _draft(tmp_path, OTS_DE, "ots.txt")
    candidates = {c["text"]: c for c in _candidates(result)}
    assert candidates["Ilham Alijew"]["kind"] == "person"
    assert "tokayev" in candidates["Tokaew"]["registry_suggestions"]
    assert candidates["Transkaspische Internationale Transportroute"]["registry_suggestions"] == ["titr"]
    for cand in candidates.values():
        for m in cand["mentions"]:
            assert OTS_DE[m["start"] : m["end"]] == m["quote"]


def test_english_government_release_possessives_transliterations_and_new_names(tmp_path):
    _, result, release = _draft(tmp_path, GOV_EN, "gov.txt")
    meta = release.meta
    assert (meta.date.isoformat(), meta.dateline, meta.language) == ("2031-03-05", "Astana", "en")
    assert meta.publisher == "Press Service of the President of the Republic of Kazakhstan"
    assert meta.title == "Kazakhstan and Turkmenistan set a new rail freight target"
    assert _quotes(release, "kazakhstan").count("Kazakhstan") >= 2  # "Kazakhstan's" → the name, verbatim
    assert _quotes(release, "serdar-berdimuhamedov") == ["Serdar Berdymukhamedov"]
    assert "Turkmen" in _quotes(release, "turkmenistan")
    candidates = {c["text"]: c for c in _candidates(result)}
    assert candidates["Uzbekistan"]["kind"] == "country" and "UZB" in candidates["Uzbekistan"]["reason"]
    assert candidates["SCO"]["kind"] == "institution"


def test_russian_release_finds_names_in_their_cases(tmp_path):
    _, _, release = _draft(tmp_path, RU_GOV, "ru.txt", lang="ru")
    assert release.meta.date.isoformat() == "2031-03-07"
    assert "Сердаром Бердымухамедовым" in _quotes(release, "serdar-berdimuhamedov")
    assert "Казахстана" in _quotes(release, "kazakhstan") and "ООН" in _quotes(release, "united-nations")


def test_inflection_keys_are_shared_by_a_name_and_its_forms():
    assert normalise("Kasachstans", "de") == normalise("Kasachstan", "de")
    assert normalise("turkmenischer", "de") == normalise("turkmenisch", "de")
    assert normalise("Armenier", "de") != normalise("Armenien", "de")
    assert normalise("Казахстана", "ru") == normalise("Казахстан", "ru")


def test_every_registry_name_finds_its_own_entity(tmp_path):
    # Each alias, written alone, is found as its entity (or, for shared surnames, not linked at all).
    registry = entity_registry()
    from centralasia.release.draft_entities import Matcher

    for lang in ("de", "en", "ru"):
        matcher = Matcher(registry, lang)
        for entity in registry.entities.values():
            for name in entity.aliases.get(lang, []):
                found, _, _ = matcher.find(name)
                whole = [f for f in found if f.how != "compound"]  # "UN-Sicherheitsrat" also names the UN in its first part
                assert whole and {f.entity for f in whole} == {entity.id}, (lang, name, found)


def test_validate_accepts_drafts_and_counts_pending_records(tmp_path, capsys):
    _, result, release = _draft(tmp_path, GOV_EN, "gov.txt")
    assert cli_main(["validate", str(result.folder)]) == 0
    out = capsys.readouterr().out
    assert f"{len(release.all_records)} records awaiting review" in out


def test_export_includes_pending_records_with_their_flag_and_the_app_view_hides_them(tmp_path):
    _, result, release = _draft(tmp_path, GOV_EN, "gov.txt")
    catalog = load_catalog(result.folder.parent)
    (loaded,) = catalog.releases
    assert loaded.records == () and len(loaded.all_records) == release.pending_count > 0
    payload = json.loads(exports.to_json(catalog.releases, include_pending=True))
    records = payload["releases"][0]["records"]
    assert len(records) == payload["releases"][0]["pending_review"] == len(loaded.all_records)
    assert {r["review"] for r in records} == {"pending"}
    shown = loaded.with_pending()
    assert len(shown.records) == len(loaded.all_records)
    assert all("(pending review)" in r.label("en") and "(zu prüfen)" in r.label("de") for r in shown.records)


@pytest.mark.slow
def test_draft_cli_writes_the_folder_and_refuses_to_overwrite(tmp_path):
    source = tmp_path / "gov.txt"
    source.write_text(GOV_EN, encoding="utf-8")
    cmd = [sys.executable, "-m", "centralasia", "draft", str(source), "--out", str(tmp_path / "out"), "--id", "2031-03-05-test"]
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "review: pending" in done.stdout and (tmp_path / "out" / "2031-03-05-test" / "records.yaml").exists()
    again = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr


def test_a_text_without_a_date_asks_for_one(tmp_path):
    source = tmp_path / "nodate.txt"
    source.write_text("Kasachstan und Turkmenistan\n\nBerlin (ots)\n\nKasachstan begrüßt Turkmenistan.\n", encoding="utf-8")
    assert cli_main(["draft", str(source), "--out", str(tmp_path / "out")]) == 1
    assert cli_main(["draft", str(source), "--out", str(tmp_path / "out"), "--date", "2031-01-02"]) == 0


def test_without_the_extra_the_message_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy → ImportError
    source = tmp_path / "gov.txt"
    source.write_text(GOV_EN, encoding="utf-8")
    assert cli_main(["draft", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "pip install -e '.[draft]'" in err and "spacy" in err and "Traceback" not in err


def test_german_compounds_name_the_entity_in_their_first_part():
    from centralasia.release.draft_entities import Matcher

    text = "Die UN-Universität, der Ukraine-Konflikt und der UN-Sicherheitsrat."
    found, _, _ = Matcher(entity_registry(), "de").find(text)
    got = {(f.entity, text[f.start : f.end]) for f in found}
    assert {("united-nations", "UN"), ("ukraine", "Ukraine"), ("un-security-council", "UN-Sicherheitsrat")} <= got
    assert sum(1 for e, q in got if e == "united-nations") == 1 and len([f for f in found if f.entity == "united-nations"]) == 2


def test_windows_line_ends_and_a_byte_order_mark_keep_offsets_right(tmp_path):
    source = tmp_path / "crlf.txt"
    source.write_bytes(("\ufeff" + GOV_EN).replace("\n", "\r\n").encode())
    result = draft_release(source, tmp_path / "releases")
    release = read_release(result.folder)
    assert not release.text.startswith("\ufeff") and "\r" not in release.text
    assert (result.folder / release.meta.text_file).read_bytes().endswith(source.read_bytes()[3:])
    for record in release.all_records:
        for m in record.mentions:
            assert release.text[m.start : m.end] == m.quote
