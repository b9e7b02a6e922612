"""The shipped release loads, and every quote is the text it claims to be."""

from __future__ import annotations

import hashlib

from centralasia.release.loader import paragraph_spans, read_release, split_header
from centralasia.release.models import KINDS
from tests.fixtures import STAND_IN_ID


def test_release_text_is_the_received_file_with_its_metadata_line(release):
    stored = (release.folder / release.meta.text_file).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == release.meta.sha256
    header, text = split_header(stored.decode("utf-8"))
    assert header.startswith(f" date {release.meta.date} ")
    assert text.startswith(release.meta.title)
    assert text.encode("utf-8") in stored  # the body is an unchanged slice of the file


def test_every_mention_and_key_message_is_verbatim(release):
    spans = [m for r in release.records for m in r.mentions] + [k.as_mention() for k in release.meta.key_messages]
    assert all(r.mentions for r in release.records) and release.meta.key_messages
    for m in spans:
        assert release.text[m.start : m.end] == m.quote


def test_every_kind_is_present_and_ids_are_unique(release):
    kinds = {r.kind for r in release.records}
    assert kinds == set(KINDS)
    ids = [r.id for r in release.records]
    assert len(ids) == len(set(ids))


def test_people_and_events_point_at_records_of_the_release(release):
    ids = set(release.by_id)
    assert release.of_kind("person") and all(p.country in ids for p in release.of_kind("person") if p.country)
    assert all(e.place in ids for e in release.of_kind("event") if e.place)
    assert all(len(c.iso3) == 3 for c in release.of_kind("country"))


def test_sectors_name_the_cooperating_countries(release):
    countries = {c.id for c in release.of_kind("country")}
    assert release.of_kind("sector") and all(s.countries and set(s.countries) <= countries for s in release.of_kind("sector"))


def test_coordinates_carry_their_source(release):
    for place in release.of_kind("place"):
        if place.coordinates is not None:
            assert len(place.coordinates.source) > 10


def test_paragraph_spans_cover_the_text(release):
    spans = paragraph_spans(release.text)
    assert len(spans) == len([p for p in release.text.split("\n\n") if p.strip()])
    assert release.text[spans[0][0] : spans[0][1]] == release.meta.title


def test_translation_is_aligned_paragraph_by_paragraph(release):
    assert len(release.translation) == len(release.paragraphs())
    for para, span in zip(release.translation, release.paragraphs(), strict=True):
        assert (para.start, para.end) == span
    assert release.translation[0].en == release.meta.title_in("en")


# --- Broken and hostile release folders (issue 13): each is one message, and the good release still loads ---

import os  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from centralasia.release.loader import load_catalog  # noqa: E402
from centralasia.release.reading import MAX_YAML_BYTES  # noqa: E402
from tests.hostile import alias_bomb  # noqa: E402

GOOD = STAND_IN_ID  # the release_copy fixture


def _second(release_copy: Path, name: str = "2026-01-01-second") -> Path:
    """A copy of the good release under a second id, to be broken by the test."""
    bad = release_copy.parent / name
    shutil.copytree(release_copy, bad)
    meta = bad / "metadata.yaml"
    meta.write_bytes(meta.read_bytes().replace(f"id: {GOOD}".encode(), f"id: {name}".encode()))
    return bad


def _set_text(folder: Path, raw: bytes) -> None:
    (folder / "release.de.txt").write_bytes(raw)


HOSTILE_FOLDERS = {
    "deep nesting (flow)": (lambda f: (f / "records.yaml").write_bytes(b"[" * 100_000), ("records.yaml", "invalid YAML", "nesting depth")),
    "deep nesting (block)": (
        lambda f: (f / "records.yaml").write_bytes(b"- " * 200_000 + b"x\n"),
        ("records.yaml", "refused at line 1", "nested deeper than 32 levels"),
    ),
    "alias bomb in id": (
        lambda f: (f / "records.yaml").write_bytes(alias_bomb()),
        ("records.yaml", "refused at line 8", "more than 100,000 nodes"),
    ),
    "alias bomb in kind, depth 5": (
        lambda f: (f / "records.yaml").write_bytes(alias_bomb(5, field="kind")),
        ("records.yaml", "refused at line", "more than 100,000 nodes"),
    ),
    "recursive alias": (lambda f: (f / "records.yaml").write_bytes(b"- &r [*r]\n"), ("records.yaml", "inside its own anchor")),
    "YAML file is a directory": (lambda f: ((f / "records.yaml").unlink(), (f / "records.yaml").mkdir()), ("records.yaml", "is a folder")),
    "metadata is a directory": (
        lambda f: ((f / "metadata.yaml").unlink(), (f / "metadata.yaml").mkdir()),
        ("metadata.yaml", "is a folder"),
    ),
    "records.yaml is a named pipe": (
        lambda f: ((f / "records.yaml").unlink(), os.mkfifo(f / "records.yaml")),
        ("records.yaml", "not a regular file"),
    ),
    "python tag": (
        lambda f: (f / "records.yaml").write_bytes(b"- !!python/object/apply:os.system ['true']\n"),
        ("records.yaml", "the tag", "is not allowed"),
    ),
    "two documents": (
        lambda f: (f / "records.yaml").write_bytes(b"- id: a\n---\n- id: b\n"),
        ("records.yaml", "more than one YAML document"),
    ),
    "records not UTF-8": (lambda f: (f / "records.yaml").write_bytes(b"- id: \xff\xfe\n"), ("records.yaml", "not valid UTF-8 (byte 6)")),
    "empty records.yaml": (
        lambda f: (f / "records.yaml").write_bytes(b""),
        ("records.yaml", "is empty: a release needs at least one record"),
    ),
    "records.yaml only a comment": (lambda f: (f / "records.yaml").write_bytes(b"# nothing yet\n"), ("records.yaml", "is empty")),
    "records.yaml an empty list": (lambda f: (f / "records.yaml").write_bytes(b"[]\n"), ("records.yaml", "is empty")),
    "metadata cut to its first third": (
        # Cut at a character (not byte) boundary: the metadata holds Cyrillic, and a split character is another fault.
        lambda f: (f / "metadata.yaml").write_text(
            (t := (f / "metadata.yaml").read_text(encoding="utf-8"))[: len(t) // 3].rstrip("\n") + " x", encoding="utf-8"
        ),
        ("metadata.yaml", "does not end with a line break: it looks cut off"),
    ),
    "metadata a list": (lambda f: (f / "metadata.yaml").write_bytes(b"- a\n- b\n"), ("metadata.yaml", "must be a mapping of fields")),
    "text_file climbs out": (
        lambda f: (f / "metadata.yaml").write_bytes(
            (f / "metadata.yaml").read_bytes().replace(b"text_file: release.de.txt", b"text_file: ../../x/evil.txt")
        ),
        ("metadata.yaml", "field 'text_file'", "must be a plain file name"),
    ),
    "text_file absolute": (
        lambda f: (f / "metadata.yaml").write_bytes(
            (f / "metadata.yaml").read_bytes().replace(b"text_file: release.de.txt", b"text_file: /etc/passwd")
        ),
        ("metadata.yaml", "field 'text_file'", "must be a plain file name"),
    ),
    "text_file ends in a newline": (
        lambda f: (f / "metadata.yaml").write_bytes(
            (f / "metadata.yaml").read_bytes().replace(b"text_file: release.de.txt", b'text_file: "release.de.txt\\n"')
        ),
        ("metadata.yaml", "field 'text_file'", "must be a plain file name"),
    ),
    "text is a link to a file outside": (
        lambda f: ((f / "release.de.txt").unlink(), (f / "release.de.txt").symlink_to("/etc/hostname")),
        ("release.de.txt", "points outside the release folder"),
    ),
    "records.yaml is a link to a file outside": (
        lambda f: ((f / "records.yaml").unlink(), (f / "records.yaml").symlink_to(f.parent / GOOD / "records.yaml")),
        ("records.yaml", "points outside the release folder"),
    ),
    "text edited and with CRLF": (
        lambda f: _set_text(f, (f / "release.de.txt").read_bytes().replace(b"Meer", b"Mehr", 1).replace(b"\n", b"\r\n")),
        ("metadata.yaml", "field 'sha256'", "Windows (CRLF) line endings", "neither explains the change"),
    ),
    "33 MB records.yaml": (
        lambda f: (f / "records.yaml").write_bytes(b"- id: x\n  label_en: " + b"a" * (33 * 1024 * 1024) + b"\n"),
        ("records.yaml", "is 34.6 MB; the limit is 5.0 MB"),
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_FOLDERS), ids=list(HOSTILE_FOLDERS))
def test_a_broken_folder_is_one_message_and_the_good_release_still_loads(case, release_copy):
    mutate, expected = HOSTILE_FOLDERS[case]
    bad = _second(release_copy)
    mutate(bad)
    started = time.monotonic()
    catalog = load_catalog(release_copy.parent)
    elapsed = time.monotonic() - started
    assert [r.id for r in catalog.releases] == [GOOD]
    messages = [str(p) for p in catalog.problems]
    assert len(messages) == 1, messages
    assert "\n" not in messages[0], "one line"
    assert all(part in messages[0] for part in expected), messages
    assert "2026-01-01-second" in catalog.problems[0].file and len(catalog.problems[0].message) < 300
    assert elapsed < 30  # a bound against pathological inputs (seconds, not a benchmark)


def test_an_unexpected_failure_in_one_release_is_isolated(release_copy, monkeypatch):
    """Whatever a bug raises inside one folder (RecursionError here) becomes one Problem; the others load."""
    from centralasia.release import loader

    bad = _second(release_copy)
    real = loader._parse_records

    def explode(raw, file, text, problems):
        if "2026-01-01-second" in file:
            raise RecursionError("maximum recursion depth exceeded")
        return real(raw, file, text, problems)

    monkeypatch.setattr(loader, "_parse_records", explode)
    catalog = load_catalog(release_copy.parent)
    assert [r.id for r in catalog.releases] == [GOOD]
    (problem,) = catalog.problems
    assert str(problem).endswith("could not be loaded (RecursionError: 'maximum recursion depth exceeded'); the other releases are served")
    assert bad.name in problem.file


def test_crlf_and_bom_in_the_text_are_normalised_before_the_checksum(release_copy):
    """Decision: a text whose CRLF/BOM form matches the recorded checksum once normalised is accepted;
    offsets count characters of the normalised (LF, no BOM) text, as in the file as received."""
    original = read_release(release_copy)
    raw = (release_copy / "release.de.txt").read_bytes()
    _set_text(release_copy, b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    converted = read_release(release_copy)
    assert converted.text == original.text and converted.header_line == original.header_line
    assert all(converted.text[m.start : m.end] == m.quote for r in converted.records for m in r.mentions)


def test_small_aliases_as_yaml_dump_writes_them_are_allowed(release_copy):
    """yaml.dump shares a repeated list with an anchor (&id001) and an alias (*id001): that is ordinary data."""
    import yaml

    path = release_copy / "records.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    trade = next(r for r in records if r["id"] == "port-goods")
    energy = next(r for r in records if r["id"] == "water-management")
    energy["countries"] = trade["countries"]  # the same list object twice
    dumped = yaml.safe_dump(records, allow_unicode=True, sort_keys=False)
    assert "&id001" in dumped and "*id001" in dumped
    path.write_text(dumped, encoding="utf-8")
    release = read_release(release_copy)
    assert release.record("water-management").countries == release.record("port-goods").countries


def test_crlf_in_yaml_files_is_fine(release_copy):
    expected = len(read_release(release_copy).records)
    for name in ("metadata.yaml", "records.yaml", "translation.en.yaml"):
        path = release_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(read_release(release_copy).records) == expected


def test_messages_quote_at_most_a_short_excerpt(release_copy):
    bad = _second(release_copy)
    (bad / "records.yaml").write_bytes(b"- id: x\n  kind: '" + b"<img src=https://evil.example/p.png>" * 3000 + b"'\n")
    catalog = load_catalog(release_copy.parent)
    assert [r.id for r in catalog.releases] == [GOOD]
    assert all(len(p.message) < 400 for p in catalog.problems), [len(p.message) for p in catalog.problems]


def test_yaml_limits_are_generous_for_real_releases(release):
    records = (release.folder / "records.yaml").stat().st_size
    assert records * 50 < MAX_YAML_BYTES


def test_an_unreadable_releases_root_is_one_problem(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    root = tmp_path / "r"
    root.mkdir()
    root.chmod(0)
    try:
        catalog = load_catalog(root)
        assert catalog.releases == () and "cannot be read" in str(catalog.problems[0])
    finally:
        root.chmod(0o755)


def test_the_app_lists_a_bounded_number_of_problems_per_folder(release_copy):
    import yaml

    bad = _second(release_copy)
    records = yaml.safe_load((bad / "records.yaml").read_text(encoding="utf-8"))
    for record in records:
        record["mentions"][0]["quote"] = "nicht im Text"
    (bad / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    shown = load_catalog(release_copy.parent)
    everything = load_catalog(release_copy.parent, max_problems_per_release=None)
    assert len(everything.problems) >= len(records) > 20
    assert len(shown.problems) == 21 and shown.problems[-1].message.startswith(f"and {len(everything.problems) - 20} more problems")
    assert [r.id for r in shown.releases] == [GOOD]
