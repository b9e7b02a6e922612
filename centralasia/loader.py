"""Loading and validating release folders: every problem is reported by file, record and field."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from centralasia.models import KINDS, Mention, Record, RecordBase, ReleaseMeta, TranslatedParagraph

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT = PROJECT_ROOT / "data"
# CENTRALASIA_RELEASES points the app at another folder of releases (tests, staging a new release).
RELEASES_ROOT = Path(os.environ.get("CENTRALASIA_RELEASES") or DATA_ROOT / "releases")

METADATA_FILE = "metadata.yaml"
RECORDS_FILE = "records.yaml"
TRANSLATION_FILE = "translation.en.yaml"

_record_adapter: TypeAdapter[Record] = TypeAdapter(Record)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.record is not None:
            where.append(f"record '{self.record}'")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(Exception):
    """Raised when a release folder does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Release:
    """A validated release: its metadata, text, records and aligned translation."""

    folder: Path
    meta: ReleaseMeta
    header_line: str
    text: str
    records: tuple[RecordBase, ...]
    translation: tuple[TranslatedParagraph, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @cached_property
    def by_id(self) -> dict[str, RecordBase]:
        return {r.id: r for r in self.records}

    def record(self, record_id: str) -> RecordBase:
        return self.by_id[record_id]

    def of_kind(self, kind: str) -> list[RecordBase]:
        return [r for r in self.records if r.kind == kind]

    def paragraphs(self) -> list[tuple[int, int]]:
        return self._paragraphs

    @cached_property
    def _paragraphs(self) -> list[tuple[int, int]]:
        # Asked once per paragraph when the source page highlights the text; the text never changes.
        return paragraph_spans(self.text)


@dataclass(frozen=True)
class Catalog:
    """All releases that loaded, plus the problems of those that did not."""

    releases: tuple[Release, ...]
    problems: tuple[Problem, ...] = field(default=())

    def get(self, release_id: str) -> Release | None:
        return next((r for r in self.releases if r.id == release_id), None)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph of ``text``."""
    spans, pos = [], 0
    for chunk in text.split("\n\n"):
        stripped = chunk.strip("\n")
        if stripped:
            start = text.index(stripped, pos)
            spans.append((start, start + len(stripped)))
            pos = start + len(stripped)
        else:
            pos += len(chunk)
    return spans


def split_header(raw: str) -> tuple[str, str]:
    """Split a received release file into its metadata line and the text from the headline on."""
    header, _, rest = raw.partition("\n")
    return header, rest.lstrip("\n")


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    if not path.exists():
        problems.append(Problem(_rel(path), None, None, "file is missing"))
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(_rel(path), None, None, f"not valid UTF-8 (byte {exc.start})"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(_rel(path), None, None, f"invalid YAML{where}: {reason}"))
    return None


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in KINDS:  # pydantic puts the union tag in the path; it is not a field
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(record)"


def _pydantic_problems(file: str, record: str | None, exc: ValidationError) -> list[Problem]:
    return [Problem(file, record, _loc(err["loc"]), err["msg"]) for err in exc.errors()]


def _check_span(file: str, record: str, fld: str, span: Mention, text: str) -> Problem | None:
    if span.end > len(text):
        return Problem(file, record, fld, f"offsets {span.start}:{span.end} lie outside the text ({len(text)} characters)")
    actual = text[span.start : span.end]
    if actual != span.quote:
        return Problem(
            file, record, fld, f"quote {span.quote!r} does not match the text at {span.start}:{span.end}, which reads {actual!r}"
        )
    return None


def _parse_records(raw: Any, file: str, text: str, problems: list[Problem]) -> list[RecordBase]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append(Problem(file, None, None, "must be a list of records (each starting with '- id: …')"))
        return []
    records: list[RecordBase] = []
    # Ids of records that failed validation still count as existing, so one broken record
    # does not also produce a "dangling link" message in every record that points to it.
    declared = {str(item["id"]) for item in raw if isinstance(item, dict) and item.get("id")}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.append(Problem(file, f"#{index + 1}", None, "is not a mapping of fields"))
            continue
        rid = str(item.get("id") or f"#{index + 1}")
        kind = item.get("kind")
        if kind not in KINDS:
            msg = "is missing" if kind is None else f"'{kind}' is not one of: {', '.join(KINDS)}"
            problems.append(Problem(file, rid, "kind", msg))
            continue
        try:
            record = _record_adapter.validate_python(item)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(file, rid, exc))
            continue
        for fld, mention in record.spans():
            bad = _check_span(file, rid, fld, mention, text)
            if bad:
                problems.append(bad)
        records.append(record)

    for rid, count in Counter(r.id for r in records).items():
        if count > 1:
            problems.append(Problem(file, rid, "id", f"is used by {count} records; ids must be unique"))
    by_id = {r.id: r for r in records}
    for record in records:
        for fld, target, kinds in record.references():
            if target == record.id:
                problems.append(Problem(file, record.id, fld, "a record cannot point to itself"))
            elif target not in declared:
                problems.append(Problem(file, record.id, fld, f"points to '{target}', which is not a record id"))
            elif kinds and target in by_id and by_id[target].kind not in kinds:
                problems.append(
                    Problem(file, record.id, fld, f"points to '{target}', a {by_id[target].kind}; expected {' or '.join(kinds)}")
                )
    return records


def read_release(folder: Path | str) -> Release:
    """Load one release folder and validate everything in it.

    Raises:
        DataError: with one Problem per defect, each naming file, record and field.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    meta_path = folder / METADATA_FILE
    meta_raw = _read_yaml(meta_path, problems)
    meta: ReleaseMeta | None = None
    if meta_raw is not None:
        try:
            meta = ReleaseMeta.model_validate(meta_raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                record = None
                if len(loc) > 1 and loc[0] == "key_messages" and isinstance(loc[1], int) and isinstance(meta_raw, dict):
                    item = (meta_raw.get("key_messages") or [None] * (loc[1] + 1))[loc[1]]
                    record = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"key message {loc[1] + 1}"
                problems.append(Problem(_rel(meta_path), record, _loc(loc), err["msg"]))
    if meta is None:
        if not problems:
            problems.append(Problem(_rel(meta_path), None, None, "is empty"))
        raise DataError(problems)

    text_path = folder / meta.text_file
    header, text = "", ""
    if not text_path.exists():
        problems.append(Problem(_rel(text_path), None, None, "file is missing"))
    else:
        data = text_path.read_bytes()
        try:
            header, text = split_header(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(_rel(text_path), None, None, f"not valid UTF-8 (byte {exc.start}); save the text as UTF-8"))
        if not problems and not text.strip():
            problems.append(Problem(_rel(text_path), None, None, "the release text is empty"))
        digest = hashlib.sha256(data).hexdigest()
        if not problems and digest != meta.sha256:
            problems.append(
                Problem(
                    _rel(meta_path),
                    None,
                    "sha256",
                    f"{meta.text_file} has checksum {digest}, not the recorded one: the text was changed "
                    "(offsets may no longer fit). Restore the original or update sha256 after re-checking quotes.",
                )
            )
    if not problems and (meta.date.isoformat() not in header or meta.publisher not in header):
        problems.append(
            Problem(
                _rel(text_path), None, "metadata line", f"{header!r} does not name the date {meta.date} and publisher of {METADATA_FILE}"
            )
        )
    if problems:
        raise DataError(problems)

    for i, msg in enumerate(meta.key_messages):
        bad = _check_span(_rel(meta_path), msg.id, f"key_messages[{i}]", msg.as_mention(), text)
        if bad:
            problems.append(bad)

    records_path = folder / RECORDS_FILE
    raw_records = _read_yaml(records_path, problems)
    records = _parse_records(raw_records, _rel(records_path), text, problems) if raw_records is not None or records_path.exists() else []

    translation = _read_translation(folder / TRANSLATION_FILE, text, problems)
    if problems:
        raise DataError(problems)
    return Release(folder, meta, header, text, tuple(records), translation)


def _read_translation(path: Path, text: str, problems: list[Problem]) -> tuple[TranslatedParagraph, ...]:
    if not path.exists():
        return ()
    file = _rel(path)
    raw = _read_yaml(path, problems)
    if raw is None:
        return ()
    items = raw.get("paragraphs") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        problems.append(Problem(file, None, "paragraphs", "must be a list of {start, end, en}"))
        return ()
    out = []
    for i, item in enumerate(items):
        try:
            out.append(TranslatedParagraph.model_validate(item))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(file, f"paragraph {i + 1}", exc))
    spans = paragraph_spans(text)
    if len(out) != len(spans):
        problems.append(Problem(file, None, "paragraphs", f"has {len(out)} paragraphs; the release text has {len(spans)}"))
    else:
        for i, (para, span) in enumerate(zip(out, spans, strict=True)):
            if (para.start, para.end) != span:
                problems.append(
                    Problem(
                        file,
                        f"paragraph {i + 1}",
                        "start",
                        f"{para.start}:{para.end} does not align with the original paragraph {span[0]}:{span[1]}",
                    )
                )
    return tuple(out)


def load_catalog(root: Path | str = RELEASES_ROOT) -> Catalog:
    """Load every release folder under ``root``; a broken folder is reported, the others still load."""
    root = Path(root)
    releases: list[Release] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return Catalog((), (Problem(_rel(root), None, None, "folder of releases is missing"),))
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        try:
            releases.append(read_release(folder))
        except DataError as exc:
            problems.extend(exc.problems)
    seen = Counter(r.id for r in releases)
    problems += [Problem(_rel(root), None, "id", f"release id '{rid}' is used by {n} folders") for rid, n in seen.items() if n > 1]
    # Newest first: the app opens on the latest release.
    releases.sort(key=lambda r: (r.meta.date, r.id), reverse=True)
    return Catalog(tuple(releases), tuple(problems))
