"""Loading and validating release folders: every problem is reported by file, record and field."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from centralasia.release.models import KINDS, Mention, Record, RecordBase, ReleaseMeta, TranslatedParagraph
from centralasia.release.reading import (
    MAX_TEXT_BYTES,
    TEXT_FILE_NAME,
    DataError,
    Problem,
    field_path,
    pydantic_problems,
    read_bytes,
    read_yaml,
    shown_path,
)
from centralasia.release.vocab import entity_registry, vocabularies
from centralasia.safe_text import excerpt as short
from centralasia.settings import ENTITIES_PATH, VOCAB_PATH

_log = logging.getLogger(__name__)

METADATA_FILE = "metadata.yaml"
RECORDS_FILE = "records.yaml"
TRANSLATION_FILE = "translation.en.yaml"

_record_adapter: TypeAdapter[Record] = TypeAdapter(Record)


@dataclass(frozen=True)
class Release:
    """A validated release: its metadata, text, records and aligned translation."""

    folder: Path
    meta: ReleaseMeta
    header_line: str
    text: str
    records: tuple[RecordBase, ...]
    translation: tuple[TranslatedParagraph, ...] = ()
    # Every record including drafts flagged `review: pending`; `records` holds only the reviewed ones unless
    # `show_pending` (the app's ?review=1 view, see with_pending()).
    all_records: tuple[RecordBase, ...] = ()
    show_pending: bool = False

    def __post_init__(self) -> None:
        if not self.all_records:
            object.__setattr__(self, "all_records", self.records)
        if not self.show_pending and any(r.pending for r in self.all_records):
            object.__setattr__(self, "records", without_pending(self.all_records))

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def pending_count(self) -> int:
        return sum(1 for r in self.all_records if r.pending)

    def with_pending(self) -> Release:
        """The review view: pending records included, their labels marked "(pending review)" in every language."""
        if not self.pending_count:
            return self
        marked = tuple(_mark_pending(r) if r.pending else r for r in self.all_records)
        return Release(self.folder, self.meta, self.header_line, self.text, marked, self.translation, marked, True)

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
    def paragraph_starts(self) -> list[int]:
        """Where each paragraph starts (sorted): for a binary search from an offset to its paragraph."""
        return [start for start, _ in self._paragraphs]

    @cached_property
    def paragraph_ends(self) -> list[int]:
        return [end for _, end in self._paragraphs]

    @cached_property
    def _paragraphs(self) -> list[tuple[int, int]]:
        # Asked once per paragraph when the source page highlights the text; the text never changes.
        return paragraph_spans(self.text)


@dataclass(frozen=True)
class Catalog:
    """All releases that loaded, plus the problems of those that did not."""

    releases: tuple[Release, ...]
    problems: tuple[Problem, ...] = field(default=())
    # The version of the data files this was read from (the app's fingerprint; "" when read without one).
    version: str = ""

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
    declared = {
        str(item.get("id") or item.get("entity")) for item in raw if isinstance(item, dict) and (item.get("id") or item.get("entity"))
    }
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            problems.append(Problem(file, f"#{index + 1}", None, "is not a mapping of fields"))
            continue
        if item.get("entity") is not None:
            item = _with_entity(item, file, f"#{index + 1}", declared, problems)
            if item is None:
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
            problems.extend(pydantic_problems(file, rid, exc))
            continue
        for fld, mention in record.spans():
            bad = _check_span(file, rid, fld, mention, text)
            if bad:
                problems.append(bad)
        problems.extend(_vocabulary_problems(record, file))
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


def _read_text(folder: Path, meta: ReleaseMeta, problems: list[Problem]) -> tuple[str, str]:
    """The release text's metadata line and body, checked against the recorded checksum.

    CRLF line endings and a UTF-8 byte-order mark are normalised: the checksum may match the file as
    received or its normalised form (a Git checkout with core.autocrlf, an editor adding a BOM), and
    offsets always count characters of the normalised text. If neither matches, the message says
    which of these changes the file shows, since they are the usual accidental edits.
    """
    meta_file = shown_path(folder / METADATA_FILE)
    name = meta.text_file
    if not TEXT_FILE_NAME.fullmatch(name) or ".." in name:  # fullmatch: "$" would let a final newline through
        problems.append(
            Problem(meta_file, None, "text_file", f"{short(name)} must be a plain file name in the release folder, like release.de.txt")
        )
        return "", ""
    text_path = folder / name
    data = read_bytes(text_path, problems, MAX_TEXT_BYTES, folder)
    if data is None:
        return "", ""
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown_path(text_path), None, None, f"not valid UTF-8 (byte {exc.start}); save the text as UTF-8"))
        return "", ""
    normalised = decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header, text = split_header(normalised)
    if not text.strip():
        problems.append(Problem(shown_path(text_path), None, None, "the release text is empty"))
        return header, text
    digests = {hashlib.sha256(data).hexdigest(), hashlib.sha256(normalised.encode("utf-8")).hexdigest()}
    if meta.sha256 not in digests:
        hints = []
        if "\r" in decoded:
            hints.append("it has Windows (CRLF) line endings")
        if decoded.startswith("\ufeff"):
            hints.append("it starts with a byte-order mark")
        hint = f" ({' and '.join(hints)}; neither explains the change)" if hints else ""
        problems.append(
            Problem(
                meta_file,
                None,
                "sha256",
                f"{name} has checksum {hashlib.sha256(data).hexdigest()}, not the recorded one: the text was changed{hint} "
                "(offsets may no longer fit). Restore the original or update sha256 after re-checking quotes.",
            )
        )
    return header, text


def read_release(folder: Path | str) -> Release:
    """Load one release folder and validate everything in it.

    Raises:
        DataError: with one Problem per defect, each naming file, record and field.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    meta_path = folder / METADATA_FILE
    meta_raw = read_yaml(meta_path, problems, folder)
    meta: ReleaseMeta | None = None
    if meta_raw is not None and not isinstance(meta_raw, dict):
        problems.append(Problem(shown_path(meta_path), None, None, f"must be a mapping of fields (id: …, title: …), not {short(meta_raw)}"))
    elif meta_raw is not None:
        try:
            meta = ReleaseMeta.model_validate(meta_raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                record = None
                if len(loc) > 1 and loc[0] == "key_messages" and isinstance(loc[1], int) and isinstance(meta_raw, dict):
                    items = meta_raw.get("key_messages")
                    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
                    record = str(item.get("id"))[:60] if isinstance(item, dict) and item.get("id") else f"key message {loc[1] + 1}"
                problems.append(Problem(shown_path(meta_path), record, field_path(loc), err["msg"]))
    if meta is None:
        if not problems:
            problems.append(Problem(shown_path(meta_path), None, None, "is empty"))
        raise DataError(problems)

    header, text = _read_text(folder, meta, problems)
    if not problems and (meta.date.isoformat() not in header or meta.publisher not in header):
        problems.append(
            Problem(
                shown_path(folder / meta.text_file),
                None,
                "metadata line",
                f"{short(header, 120)} does not name the date {meta.date} and publisher of {METADATA_FILE}",
            )
        )
    if problems:
        raise DataError(problems)

    for i, msg in enumerate(meta.key_messages):
        bad = _check_span(shown_path(meta_path), msg.id, f"key_messages[{i}]", msg.as_mention(), text)
        if bad:
            problems.append(bad)

    records_path = folder / RECORDS_FILE
    raw_records = read_yaml(records_path, problems, folder)
    if raw_records in (None, []) and records_path.is_file() and not any(p.file == shown_path(records_path) for p in problems):
        problems.append(Problem(shown_path(records_path), None, None, "is empty: a release needs at least one record ('- id: …')"))
    records = (
        _parse_records(raw_records, shown_path(records_path), text, problems) if raw_records is not None or records_path.exists() else []
    )

    translation = _read_translation(folder / TRANSLATION_FILE, text, problems)
    if problems:
        raise DataError(problems)
    return Release(folder, meta, header, text, tuple(records), translation)


def _read_translation(path: Path, text: str, problems: list[Problem]) -> tuple[TranslatedParagraph, ...]:
    if not path.exists():
        return ()
    file = shown_path(path)
    raw = read_yaml(path, problems, path.parent)
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
            problems.extend(pydantic_problems(file, f"paragraph {i + 1}", exc))
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


MAX_MESSAGE_CHARS = 300


def _clipped(problem: Problem) -> Problem:
    """A problem whose message quotes at most a short excerpt (a check may have quoted a whole value)."""
    if len(problem.message) <= MAX_MESSAGE_CHARS and (problem.record is None or len(problem.record) <= 80):
        return problem
    record = problem.record if problem.record is None or len(problem.record) <= 80 else problem.record[:80] + "…"
    message = problem.message if len(problem.message) <= MAX_MESSAGE_CHARS else problem.message[:MAX_MESSAGE_CHARS] + "… (shortened)"
    return Problem(problem.file, record, problem.field, message)


def guarded_read(folder: Path) -> tuple[Release | None, list[Problem]]:
    """``read_release`` inside a guard: whatever goes wrong becomes Problems, never an exception.

    DataError carries the problems found; anything else (a bug, RecursionError, MemoryError, an I/O
    error) becomes one Problem naming the folder, and the traceback goes to the server log only.
    """
    try:
        return read_release(folder), []
    except DataError as exc:
        return None, [_clipped(p) for p in exc.problems]
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - isolation is the point
        _log.exception("release folder %s could not be loaded", folder)
        reason = f"{type(exc).__name__}: {short(str(exc), 80)}" if str(exc) else type(exc).__name__
        return None, [Problem(shown_path(folder), None, None, f"could not be loaded ({reason}); the other releases are served")]


# The app lists at most this many problems per broken folder (every browser receives the list);
# `python -m centralasia validate` lists them all.
MAX_PROBLEMS_PER_RELEASE = 20


def load_catalog(root: Path | str, max_problems_per_release: int | None = MAX_PROBLEMS_PER_RELEASE) -> Catalog:
    """Load every release folder under ``root`` (``settings.releases_root()`` for the served one); a broken folder
    is reported, the others still load."""
    root = Path(root)
    releases: list[Release] = []
    problems: list[Problem] = []
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) if root.is_dir() else None
    except OSError as exc:
        return Catalog(
            (), (Problem(shown_path(root), None, None, f"folder of releases cannot be read: {exc.strerror or type(exc).__name__}"),)
        )
    if folders is None:
        return Catalog((), (Problem(shown_path(root), None, None, "folder of releases is missing"),))
    for folder in folders:
        release, found = guarded_read(folder)
        if release is not None:
            releases.append(release)
        if max_problems_per_release is not None and len(found) > max_problems_per_release:
            more = len(found) - max_problems_per_release
            found = [
                *found[:max_problems_per_release],
                Problem(shown_path(folder), None, None, f"and {more} more problems (python -m centralasia validate lists them all)"),
            ]
        problems.extend(found)
    # Two folders with one id: the first folder (by name) is served, the other is reported and left out, so
    # a link with that id always opens the same release.
    served: dict[str, Release] = {}
    for release in releases:
        first = served.setdefault(release.id, release)
        if first is not release:
            problems.append(Problem(shown_path(release.folder), None, "id", f"release id '{release.id}' is already used by the folder "
                                    f"'{first.folder.name}', which is served; give this folder its own id"))  # fmt: skip
    releases = list(served.values())
    # Newest first: the app opens on the latest release.
    releases.sort(key=lambda r: (r.meta.date, r.id), reverse=True)
    return Catalog(tuple(releases), tuple(problems))


def _vocabulary_problems(record: RecordBase, file: str) -> list[Problem]:
    vocab = vocabularies()
    if vocab is None:
        return [Problem(shown_path(VOCAB_PATH), None, None, "does not validate, so vocabulary values cannot be checked")]
    out = []
    for fld, group, value in record.vocabulary_values():
        allowed = vocab.group(group)
        if value not in allowed:
            out.append(
                Problem(
                    file,
                    record.id,
                    fld,
                    f"'{value}' is not in {shown_path(VOCAB_PATH)} {group} ({', '.join(allowed)}); add it there to use it",
                )
            )
    return out


def _fold_flat(item: dict, prefix: str, target: str) -> dict[str, str]:
    """Pop ``<prefix>_<lang>`` keys of ``item`` into one mapping merged over ``item[target]``."""
    texts = dict(item.get(target) or {}) if isinstance(item.get(target) or {}, dict) else {}
    for key in [k for k in item if isinstance(k, str) and k.startswith(prefix + "_") and len(k) == len(prefix) + 3]:
        texts[key[-2:]] = item.pop(key)
    return texts


def _with_entity(item: dict, file: str, fallback_id: str, declared: set[str], problems: list[Problem]) -> dict | None:
    """The record ``item`` with what the registry knows about its ``entity`` filled in (the record's own values win).

    Links to other entities (a place's country, an institution's parent) are inherited only when this release
    has a record for the target: a release that mentions Berlin but not Germany gets no dangling link.
    """
    registry = entity_registry()
    eid = str(item["entity"])
    rid = str(item.get("id") or eid or fallback_id)
    entity = registry.get(eid)
    if entity is None:
        hint = f" ({len(registry.problems)} problem(s) in {shown_path(ENTITIES_PATH)})" if registry.problems else ""
        problems.append(Problem(file, rid, "entity", f"'{eid}' is not an id in {shown_path(ENTITIES_PATH)}{hint}"))
        return None
    if item.get("kind") is not None and item["kind"] not in KINDS:
        return item  # reported as an unknown kind by the caller
    if item.get("kind") not in (None, entity.kind):
        problems.append(Problem(file, rid, "kind", f"is '{item['kind']}', but entity '{eid}' is a {entity.kind}"))
        return None
    merged = {"id": rid, **entity.record_defaults()}
    for fld in ("country", "part_of", "place"):
        if fld in merged and merged[fld] not in declared:
            del merged[fld]
    own = dict(item)
    for prefix, target in (("label", "labels"), ("role", "role")):
        texts = _fold_flat(own, prefix, target)
        if texts:
            own[target] = {**(merged.get(target) or {}), **texts}
    merged.update(own)
    return merged


# ---------------------------------------------------------------- drafts: records awaiting review
PENDING_MARK = {"de": "zu prüfen", "en": "pending review", "ru": "на проверке"}


def _mark_pending(record: RecordBase) -> RecordBase:
    labels = {lang: f"{text} ({PENDING_MARK.get(lang, PENDING_MARK['en'])})" for lang, text in record.labels.items()}
    for lang, mark in PENDING_MARK.items():
        labels.setdefault(lang, f"{record.label(lang)} ({mark})")
    return record.model_copy(update={"labels": labels})


def without_pending(records: tuple[RecordBase, ...]) -> tuple[RecordBase, ...]:
    """The reviewed records only. References to hidden records are dropped from lists; a reviewed record whose
    required single reference (a person's country …) points to a hidden one is hidden as well."""
    hidden = {r.id for r in records if r.pending}
    out = []
    for record in records:
        if record.id in hidden:
            continue
        update = {}
        for name, value in record:
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                kept = [v for v in value if v not in hidden]
                if len(kept) != len(value):
                    update[name] = kept
            elif isinstance(value, str) and value in hidden and name not in ("id", "entity", "kind"):
                update[name] = None
        out.append(record.model_copy(update=update) if update else record)
    return tuple(out)
