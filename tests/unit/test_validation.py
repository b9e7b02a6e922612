"""Malformed data gives one clear message naming file, record and field; good data next to it still loads."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from centralasia.cli import main as cli_main
from centralasia.release.loader import load_catalog, read_release
from centralasia.release.reading import DataError


def _edit_records(folder: Path, change: Callable[[list[dict]], None]) -> None:
    path = folder / "records.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit_meta(folder: Path, change: Callable[[dict], None]) -> None:
    _edit_yaml(folder / "metadata.yaml", change)


def _record(records: list[dict], rid: str) -> dict:
    return next(r for r in records if r["id"] == rid)


def _write(folder: Path, name: str, content: bytes) -> None:
    (folder / name).write_bytes(content)


CASES = {
    "missing field": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "tokayev").pop("mentions")),
        ("records.yaml", "record 'tokayev'", "field 'mentions'", "Field required"),
    ),
    "quote does not match offsets": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "azerbaijan")["mentions"][0].update(quote="Aserbeidschan")),
        ("records.yaml", "record 'azerbaijan'", "field 'mentions[0]'", "does not match the text"),
    ),
    "offsets out of range": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "azerbaijan")["mentions"][0].update(start=99990, end=100003)),
        ("records.yaml", "record 'azerbaijan'", "field 'mentions[0]'", "outside the text"),
    ),
    "offsets do not span the quote": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "azerbaijan")["mentions"][0].update(end=10)),
        ("records.yaml", "record 'azerbaijan'", "field 'mentions[0]'", "must be greater than start"),
    ),
    "unknown kind": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "cica").update(kind="organisation")),
        ("records.yaml", "record 'cica'", "field 'kind'", "'organisation' is not one of"),
    ),
    "duplicate id": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "afghanistan").update(id="azerbaijan")),
        ("records.yaml", "record 'azerbaijan'", "field 'id'", "ids must be unique"),
    ),
    "dangling link": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "port-goods")["countries"].append("uzbekistan")),
        ("records.yaml", "record 'port-goods'", "field 'countries'", "'uzbekistan', which is not a record id"),
    ),
    "link to the wrong kind": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "tokayev").update(country="almaty")),
        ("records.yaml", "record 'tokayev'", "field 'country'", "expected country"),
    ),
    "bad ISO code": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "kazakhstan").update(iso3="KAZA")),
        ("records.yaml", "record 'kazakhstan'", "field 'iso3'", "not an ISO 3166-1 alpha-3"),
    ),
    "coordinate out of range": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "almaty").update(coordinates={"lat": 143.2, "lon": 76.9, "source": "a test"})),
        ("records.yaml", "record 'almaty'", "field 'coordinates.lat'", "less than or equal to 90"),
    ),
    "coordinate without source": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "almaty").update(coordinates={"lat": 43.2, "lon": 76.9})),
        ("records.yaml", "record 'almaty'", "field 'coordinates.source'", "Field required"),
    ),
    "date does not parse": (
        lambda f: _edit_records(f, lambda rs: _record(rs, "astana-working-meeting").update(date="2026-13-14")),
        ("records.yaml", "record 'astana-working-meeting'", "field 'date'", "not a valid date"),
    ),
    "invalid YAML": (
        lambda f: _write(f, "records.yaml", b"- id: kazakhstan\n  kind: [country\n"),
        ("records.yaml", "invalid YAML at line"),
    ),
    "records not a list": (
        lambda f: _write(f, "records.yaml", b"id: kazakhstan\n"),
        ("records.yaml", "must be a list of records"),
    ),
    "text in the wrong encoding": (
        lambda f: _write(f, "release.de.txt", (f / "release.de.txt").read_text(encoding="utf-8").encode("latin-1")),
        ("release.de.txt", "not valid UTF-8"),
    ),
    "empty text": (
        lambda f: _write(f, "release.de.txt", (f / "release.de.txt").read_bytes().split(b"\n\n")[0] + b"\n\n"),
        ("release.de.txt", "the release text is empty"),
    ),
    "text edited by accident": (
        lambda f: _write(f, "release.de.txt", (f / "release.de.txt").read_bytes().replace(b"Meer", b"Mehr", 1)),
        ("metadata.yaml", "field 'sha256'", "the text was changed"),
    ),
    "metadata missing a field": (
        lambda f: _write(f, "metadata.yaml", (f / "metadata.yaml").read_bytes().replace(b"publisher_en:", b"publisher_xx:")),
        ("metadata.yaml", "field 'publisher_en'", "Field required"),
    ),
    "key message misquoted": (
        lambda f: _edit_meta(f, lambda meta: meta["key_messages"][0].update(start=meta["key_messages"][0]["start"] + 1)),
        ("metadata.yaml", "record 'ferry'", "field 'key_messages[0]'"),
    ),
    "translation misaligned": (
        lambda f: _edit_yaml(f / "translation.en.yaml", lambda t: t["paragraphs"][1].update(start=t["paragraphs"][1]["start"] - 1)),
        ("translation.en.yaml", "record 'paragraph 2'", "field 'start'", "does not align"),
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_malformed_data_is_reported_by_file_record_and_field(case, release_copy):
    mutate, expected = CASES[case]
    mutate(release_copy)
    with pytest.raises(DataError) as info:
        read_release(release_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(all(part in msg for part in expected) for msg in messages), messages
    assert "Traceback" not in str(info.value)


def test_a_bad_release_next_to_a_good_one_is_reported_and_the_good_one_loads(release_copy):
    bad = release_copy.parent / "2026-01-01-broken"
    shutil.copytree(release_copy, bad)
    (bad / "metadata.yaml").write_bytes(
        (bad / "metadata.yaml").read_bytes().replace(f"id: {release_copy.name}".encode(), b"id: 2026-01-01-broken")
    )
    _edit_records(bad, lambda rs: _record(rs, "azerbaijan").update(iso3="XXX"))
    catalog = load_catalog(release_copy.parent)
    assert [r.id for r in catalog.releases] == [release_copy.name]
    assert len(catalog.problems) == 1
    assert "2026-01-01-broken/records.yaml, record 'azerbaijan', field 'iso3'" in str(catalog.problems[0])


def test_validation_leaves_the_files_untouched(release_copy):
    CASES["dangling link"][0](release_copy)
    before = {p.name: p.read_bytes() for p in release_copy.iterdir()}
    with pytest.raises(DataError):
        read_release(release_copy)
    assert before == {p.name: p.read_bytes() for p in release_copy.iterdir()}


def test_cli_validate_exit_codes(release_copy, capsys):
    assert cli_main(["validate", str(release_copy)]) == 0
    assert f"ok  {release_copy.name}: " in capsys.readouterr().out
    CASES["bad ISO code"][0](release_copy)
    assert cli_main(["validate", str(release_copy)]) == 1
    err = capsys.readouterr().err
    assert "record 'kazakhstan', field 'iso3'" in err and "Traceback" not in err


# --- The command line: one line per error, exit 2 for usage and 1 for data (issue 13) ---

import subprocess  # noqa: E402
import sys  # noqa: E402

from centralasia.settings import PROJECT_ROOT  # noqa: E402


def _cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "centralasia", *args], capture_output=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(
    "args, code, expected",
    [
        (["briefing", "-o", "/tmp"], 2, "is a folder"),
        (["briefing", "-o", "/missing/x.html"], 2, "the folder /missing does not exist"),
        (["briefing", "-o", ""], 2, "-o/--output is empty"),
        (["bundle", "-o", "/missing/x.zip"], 2, "does not exist"),
        (["locate", "--release", "/nonexistent", "Kasachstan"], 1, "/nonexistent: no such release folder"),
        (["export", "--format", "xml"], 2, "invalid choice: 'xml'"),
        (["nonsense"], 2, "invalid choice"),
        (["briefing", "-o", "x.html", "--release", "no-such-id"], 1, "no release 'no-such-id'"),
        (["validate", "/nonexistent"], 1, "folder of releases is missing"),
    ],
)
def test_every_cli_error_is_one_line_with_its_exit_code(args, code, expected, monkeypatch, capsys, tmp_path):
    from centralasia.publish import briefing

    monkeypatch.chdir(tmp_path)
    # the output path is checked before anything is built: building would fail the test
    monkeypatch.setattr(briefing, "build_briefing", lambda *a, **k: pytest.fail("built before checking the output path"))
    assert cli_main(args) == code
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], captured.err
    assert "Traceback" not in captured.err and not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_output_dash_writes_the_document_to_stdout(tmp_path):
    done = _cli("bundle", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout[:2] == b"PK" and b"wrote stdout" in done.stderr
    assert not (tmp_path / "-").exists()


def test_unexpected_failures_are_one_line_too(monkeypatch, capsys):
    from centralasia import cli

    monkeypatch.setattr(cli, "_catalog", lambda path: (_ for _ in ()).throw(RuntimeError("disk on fire\nsecond line")))
    assert cli_main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: RuntimeError: disk on fire (set CENTRALASIA_DEBUG=1 for the traceback)"


def test_locate_finds_offsets_in_a_text_with_crlf(release_copy, capsys):
    raw = (release_copy / "release.de.txt").read_bytes()
    (release_copy / "release.de.txt").write_bytes(raw.replace(b"\n", b"\r\n"))
    assert cli_main(["locate", "--release", str(release_copy), "Turkmenistan"]) == 0
    out = capsys.readouterr().out
    text = read_release(release_copy).text
    first = text.index("Turkmenistan")
    assert f"start: {first}\n  end: {first + len('Turkmenistan')}" in out


def test_csv_export_neutralises_formulas(release_copy, capsys):
    _edit_records(
        release_copy, lambda rs: _record(rs, "azerbaijan").update(label_en='=HYPERLINK("https://evil.example","x")', label_de="@SUM(1)")
    )
    assert cli_main(["export", "--format", "csv", "--path", str(release_copy.parent)]) == 0
    out = capsys.readouterr().out
    assert '\'=HYPERLINK(""https://evil.example"",""x"")' in out and "'@SUM(1)" in out
    assert "\n=" not in out and ",=" not in out and ",@" not in out


def test_bundle_csvs_neutralise_formulas_and_member_names_come_from_ids(release_copy):
    import io
    import zipfile

    from centralasia.publish.briefing import build_bundle

    _edit_records(release_copy, lambda rs: _record(rs, "azerbaijan").update(label_en="-1+1", label_de="+cmd|' /C calc'!A0"))
    release = read_release(release_copy)
    with zipfile.ZipFile(io.BytesIO(build_bundle(release, "en"))) as z:
        names = z.namelist()
        assert all(n.startswith(f"{release.id}/") and ".." not in n and not n.startswith("/") for n in names)
        for name in names:
            if name.endswith(".csv"):
                body = z.read(name).decode("utf-8-sig")
                assert "\n-1+1" not in body and ",-1+1" not in body and ",+cmd" not in body, name


def test_validate_checks_the_geodata_too(tmp_path, release_copy, capsys):
    from .test_geocheck import copy_geo, rebuilt

    geo = copy_geo(tmp_path / "geo")
    assert cli_main(["validate", str(release_copy), "--geo", str(geo)]) == 0
    assert "ok  geodata layer nodes" in capsys.readouterr().out
    rebuilt(geo, "nodes", lambda d: d["features"][0]["geometry"].update(type="Pt"))
    assert cli_main(["validate", str(release_copy), "--geo", str(geo)]) == 1
    err = capsys.readouterr().err
    assert "nodes.geojson, feature 'alashankou', field 'geometry.type'" in err


def test_written_out_language_codes_agree_with_pycountry():
    import pycountry

    from centralasia.release.languages import ISO_639_1

    assert {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")} == ISO_639_1


def test_export_writes_the_good_releases_names_the_broken_folder_and_fails(tmp_path, capsys):
    import json

    from tests.fixtures import make_release

    make_release(tmp_path / "2030-01-01-fixture")
    (tmp_path / "2030-02-02-broken").mkdir()
    (tmp_path / "2030-02-02-broken" / "metadata.yaml").write_text("id: [", encoding="utf-8")
    assert cli_main(["export", "--format", "json", "--path", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "2030-01-01-fixture" in json.dumps(json.loads(out)), "the good release is exported"
    assert "2030-02-02-broken" in err and "left out" in err


def test_a_duplicate_release_id_serves_the_first_folder_and_reports_the_other(tmp_path):
    from tests.fixtures import make_release

    make_release(tmp_path / "a-first", release_id="2030-01-01-same")
    make_release(tmp_path / "b-second", release_id="2030-01-01-same")
    catalog = load_catalog(tmp_path)
    assert [r.folder.name for r in catalog.releases] == ["a-first"]
    (problem,) = catalog.problems
    assert "b-second" in problem.file and "a-first" in problem.message and "2030-01-01-same" in problem.message
