"""Loading and validating release folders: every problem is reported by file, record and field."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import TypeAdapter, ValidationError

from centralasia.models import KINDS, Entity, Mention, Record, RecordBase, ReleaseMeta, TranslatedParagraph, Vocabularies

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
    # What ``record`` names in the message: a record here, a feature in geodata (geocheck.GeoProblem).
    record_noun: ClassVar[str] = "record"

    def __str__(self) -> str:
        where = [self.file]
        if self.record is not None:
            where.append(f"{self.record_noun} '{self.record}'")
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
    """A path for messages: relative to the project, else to the releases folder's parent, else its last
    three parts (messages reach viewers of the app, who need not see where the server keeps its files)."""
    for base in (PROJECT_ROOT, RELEASES_ROOT.parent):
        try:
            return str(Path(path).relative_to(base))
        except ValueError:
            continue
    parts = Path(path).parts
    return str(Path(*parts[-3:])) if len(parts) > 3 else str(path)


# Bounds for files a release may bring. Generous for real releases (the first one: records.yaml
# 20 kB, text 3 kB) and small enough that a hostile file is refused before it costs time or memory.
MAX_YAML_BYTES = 5_000_000
MAX_TEXT_BYTES = 1_000_000
MAX_YAML_DEPTH = 32
# Nodes a document may reach through aliases beyond its own size (yaml.dump shares repeated lists).
MAX_YAML_EXPANDED_NODES = 100_000
# text_file in metadata.yaml names a file in the release folder: a plain name, no path.
TEXT_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.txt$")

_log = logging.getLogger(__name__)


def excerpt(value: Any, limit: int = 60) -> str:
    """A short escaped excerpt of a bad value for a message (``safe_text.excerpt``)."""
    from centralasia.safe_text import excerpt as short

    return short(value, limit)


def _confined(path: Path, folder: Path | None) -> bool:
    """True if ``path`` (after following symlinks) lies inside ``folder``."""
    if folder is None:
        return True
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _read_bytes(path: Path, problems: list[Problem], limit: int, folder: Path | None = None, required: bool = True) -> bytes | None:
    """The bytes of ``path``, or None after adding one Problem (missing, a folder, outside, too big, unreadable)."""
    file = _rel(path)
    try:
        if not path.exists() and not path.is_symlink():
            if required:
                problems.append(Problem(file, None, None, "file is missing"))
            return None
        if not _confined(path, folder):
            problems.append(Problem(file, None, None, "points outside the release folder (a link or '..'); refused"))
            return None
        if path.is_dir():
            problems.append(Problem(file, None, None, "is a folder, not a file"))
            return None
        if not path.is_file():  # a pipe or device would block or never end
            problems.append(Problem(file, None, None, "is not a regular file"))
            return None
        size = path.stat().st_size
        if size > limit:
            problems.append(
                Problem(file, None, None, f"is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB (is this the right file?)")
            )
            return None
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        problems.append(Problem(file, None, None, f"cannot be read: {exc.strerror or type(exc).__name__}"))
        return None
    if len(data) > limit:  # grew while reading, or a special file without a size
        problems.append(Problem(file, None, None, f"is larger than the limit of {limit / 1e6:.1f} MB"))
        return None
    return data


class _YAMLRefused(Exception):
    """A YAML feature this project does not accept (anchor, alias, deep nesting, unknown tag)."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.mark = mark


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _safe_yaml(text: str) -> Any:
    """Parse YAML into plain Python values, one event at a time (no recursion, bounded aliases).

    Aliases are bounded before any value is used: every alias counts the size of the value it
    repeats, and a document that would expand to more than ``MAX_YAML_EXPANDED_NODES`` (plus twice
    its own size) is refused; a 600-byte alias bomb otherwise expands to gigabytes. ``yaml.dump``
    writes anchors for repeated lists (``&id001``), so small aliases stay allowed and, as with
    ``yaml.safe_load``, the repeated value is shared, not copied. Nesting deeper than
    ``MAX_YAML_DEPTH`` is refused (a 100,000-deep list otherwise overflows the stack), an alias
    inside its own anchor (a recursive structure) is refused, and only YAML's safe scalar types
    are constructed.
    """
    loader = _YAML_LOADER(text)
    try:
        stack: list[tuple[Any, Any, str | None, int]] = []  # (container, pending key or _NO_KEY, anchor, nodes at start)
        anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size in nodes)
        open_anchors: set[str] = set()
        document: Any = None
        documents = events = expanded = 0

        def add(value: Any, mark: Any) -> None:
            nonlocal document
            if not stack:
                document = value
                return
            container, key, anchor, start = stack[-1]
            if isinstance(container, list):
                container.append(value)
            elif key is _NO_KEY:
                try:
                    hash(value)
                except TypeError:
                    raise _YAMLRefused("a mapping key must be a plain value", mark) from None
                stack[-1] = (container, value, anchor, start)
            else:
                container[key] = value
                stack[-1] = (container, _NO_KEY, anchor, start)

        def grow(nodes: int, mark: Any) -> None:
            nonlocal expanded
            expanded += nodes
            if expanded > MAX_YAML_EXPANDED_NODES + 2 * events:
                raise _YAMLRefused(
                    f"aliases (*name) repeat values to more than {MAX_YAML_EXPANDED_NODES:,} nodes (an alias bomb?); write the values out",
                    mark,
                )

        while loader.check_event():
            event = loader.get_event()
            events += 1
            if isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    raise _YAMLRefused(f"the alias *{event.anchor} is inside its own anchor (a recursive structure)", event.start_mark)
                if event.anchor not in anchors:
                    raise _YAMLRefused(f"the alias *{event.anchor} has no anchor &{event.anchor} before it", event.start_mark)
                value, size = anchors[event.anchor]
                grow(size, event.start_mark)
                add(value, event.start_mark)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _YAMLRefused("holds more than one YAML document ('---'); keep one", event.start_mark)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.tag not in _PLAIN_TAGS:
                    raise _YAMLRefused(f"the tag {event.tag[:40]!r} is not allowed", event.start_mark)
                if len(stack) >= MAX_YAML_DEPTH:
                    raise _YAMLRefused(f"nested deeper than {MAX_YAML_DEPTH} levels", event.start_mark)
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                add(container, event.start_mark)
                grow(1, event.start_mark)
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append((container, _NO_KEY, event.anchor, expanded))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                container, _, anchor, start = stack.pop()
                if anchor:
                    open_anchors.discard(anchor)
                    anchors[anchor] = (container, expanded - start + 1)
            elif isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
                try:
                    value = loader.construct_object(node, deep=True)
                except yaml.constructor.ConstructorError as exc:
                    raise _YAMLRefused(f"the tag {tag[:40]!r} is not allowed", event.start_mark) from exc
                grow(1, event.start_mark)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                add(value, event.start_mark)
        return document
    finally:
        loader.dispose()


_NO_KEY = object()


def _yaml_problem(file: str, exc: Exception, text: str) -> Problem:
    mark = getattr(exc, "mark", None) or getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if mark is not None and mark.line + 1 > lines:  # libyaml points past the last line when the file ends early
        where = f" at line {lines} (the file ends before the value is complete)"
    if isinstance(exc, _YAMLRefused):
        return Problem(file, None, None, f"refused{where}: {exc}")
    reason = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return Problem(file, None, None, f"invalid YAML{where}: {str(reason)[:200]}")


def _read_yaml(path: Path, problems: list[Problem], folder: Path | None = None, required: bool = True) -> Any:
    """The YAML document in ``path`` as plain values, or None after adding one Problem.

    An empty file gives None without a Problem (the caller decides whether empty is allowed).
    """
    data = _read_bytes(path, problems, MAX_YAML_BYTES, folder, required)
    if data is None:
        return None
    file = _rel(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, None, None, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8"))
        return None
    try:
        value = _safe_yaml(text)
    except (yaml.YAMLError, _YAMLRefused) as exc:
        problems.append(_yaml_problem(file, exc, text))
        return None
    if value is not None and text.strip() and not text.endswith(("\n", "\r")):
        # Editors and yaml.dump end files with a line break; a file cut off mid-copy usually does not.
        last = text.rstrip().rsplit("\n", 1)[-1]
        problems.append(Problem(file, None, None, f"does not end with a line break: it looks cut off after {excerpt(last[-40:])}"))
        return None
    return value


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
            problems.extend(_pydantic_problems(file, rid, exc))
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
    meta_file = _rel(folder / METADATA_FILE)
    name = meta.text_file
    if not TEXT_FILE_NAME.match(name) or ".." in name:
        problems.append(
            Problem(meta_file, None, "text_file", f"{excerpt(name)} must be a plain file name in the release folder, like release.de.txt")
        )
        return "", ""
    text_path = folder / name
    data = _read_bytes(text_path, problems, MAX_TEXT_BYTES, folder)
    if data is None:
        return "", ""
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(_rel(text_path), None, None, f"not valid UTF-8 (byte {exc.start}); save the text as UTF-8"))
        return "", ""
    normalised = decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header, text = split_header(normalised)
    if not text.strip():
        problems.append(Problem(_rel(text_path), None, None, "the release text is empty"))
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
    meta_raw = _read_yaml(meta_path, problems, folder)
    meta: ReleaseMeta | None = None
    if meta_raw is not None and not isinstance(meta_raw, dict):
        problems.append(Problem(_rel(meta_path), None, None, f"must be a mapping of fields (id: …, title: …), not {excerpt(meta_raw)}"))
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
                problems.append(Problem(_rel(meta_path), record, _loc(loc), err["msg"]))
    if meta is None:
        if not problems:
            problems.append(Problem(_rel(meta_path), None, None, "is empty"))
        raise DataError(problems)

    header, text = _read_text(folder, meta, problems)
    if not problems and (meta.date.isoformat() not in header or meta.publisher not in header):
        problems.append(
            Problem(
                _rel(folder / meta.text_file),
                None,
                "metadata line",
                f"{excerpt(header, 120)} does not name the date {meta.date} and publisher of {METADATA_FILE}",
            )
        )
    if problems:
        raise DataError(problems)

    for i, msg in enumerate(meta.key_messages):
        bad = _check_span(_rel(meta_path), msg.id, f"key_messages[{i}]", msg.as_mention(), text)
        if bad:
            problems.append(bad)

    records_path = folder / RECORDS_FILE
    raw_records = _read_yaml(records_path, problems, folder)
    if raw_records in (None, []) and records_path.is_file() and not any(p.file == _rel(records_path) for p in problems):
        problems.append(Problem(_rel(records_path), None, None, "is empty: a release needs at least one record ('- id: …')"))
    records = _parse_records(raw_records, _rel(records_path), text, problems) if raw_records is not None or records_path.exists() else []

    translation = _read_translation(folder / TRANSLATION_FILE, text, problems)
    if problems:
        raise DataError(problems)
    return Release(folder, meta, header, text, tuple(records), translation)


def _read_translation(path: Path, text: str, problems: list[Problem]) -> tuple[TranslatedParagraph, ...]:
    if not path.exists():
        return ()
    file = _rel(path)
    raw = _read_yaml(path, problems, path.parent)
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
        reason = f"{type(exc).__name__}: {excerpt(str(exc), 80)}" if str(exc) else type(exc).__name__
        return None, [Problem(_rel(folder), None, None, f"could not be loaded ({reason}); the other releases are served")]


# The app lists at most this many problems per broken folder (every browser receives the list);
# `python -m centralasia validate` lists them all.
MAX_PROBLEMS_PER_RELEASE = 20


def load_catalog(root: Path | str = RELEASES_ROOT, max_problems_per_release: int | None = MAX_PROBLEMS_PER_RELEASE) -> Catalog:
    """Load every release folder under ``root``; a broken folder is reported, the others still load."""
    root = Path(root)
    releases: list[Release] = []
    problems: list[Problem] = []
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) if root.is_dir() else None
    except OSError as exc:
        return Catalog((), (Problem(_rel(root), None, None, f"folder of releases cannot be read: {exc.strerror or type(exc).__name__}"),))
    if folders is None:
        return Catalog((), (Problem(_rel(root), None, None, "folder of releases is missing"),))
    for folder in folders:
        release, found = guarded_read(folder)
        if release is not None:
            releases.append(release)
        if max_problems_per_release is not None and len(found) > max_problems_per_release:
            more = len(found) - max_problems_per_release
            found = [
                *found[:max_problems_per_release],
                Problem(_rel(folder), None, None, f"and {more} more problems (python -m centralasia validate lists them all)"),
            ]
        problems.extend(found)
    seen = Counter(r.id for r in releases)
    problems += [Problem(_rel(root), None, "id", f"release id '{rid}' is used by {n} folders") for rid, n in seen.items() if n > 1]
    # Newest first: the app opens on the latest release.
    releases.sort(key=lambda r: (r.meta.date, r.id), reverse=True)
    return Catalog(tuple(releases), tuple(problems))


# ---------------------------------------------------------------- shared entity registry and vocabularies
ENTITIES_PATH = DATA_ROOT / "entities.yaml"
VOCAB_PATH = DATA_ROOT / "vocab.yaml"


@dataclass(frozen=True)
class EntityRegistry:
    """``data/entities.yaml``: the entities every release may refer to, by id."""

    entities: dict[str, Entity]
    problems: tuple[Problem, ...] = ()

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]


def read_entities(path: Path | str = ENTITIES_PATH) -> EntityRegistry:
    """Read and check the registry: every entry valid, ids unique, every reference to another entry resolves."""
    path = Path(path)
    problems: list[Problem] = []
    raw = _read_yaml(path, problems)
    file = _rel(path)
    items = raw.get("entities") if isinstance(raw, dict) else None
    if raw is not None and not isinstance(items, list):
        problems.append(Problem(file, None, "entities", "must be a list of entities (each starting with '- id: …')"))
    entities: dict[str, Entity] = {}
    for index, item in enumerate(items or []):
        eid = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{index + 1}"
        try:
            entity = Entity.model_validate(item)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(file, eid, exc))
            continue
        if entity.id in entities:
            problems.append(Problem(file, entity.id, "id", "is used by more than one entity; ids must be unique"))
        entities[entity.id] = entity
    for entity in entities.values():
        for fld, target in entity.references():
            if target not in entities:
                problems.append(Problem(file, entity.id, fld, f"points to '{target}', which is not an entity id"))
    return EntityRegistry(entities, tuple(problems))


def read_vocabularies(path: Path | str = VOCAB_PATH) -> tuple[Vocabularies | None, tuple[Problem, ...]]:
    """Read and check ``data/vocab.yaml``; (None, problems) when it does not validate."""
    path = Path(path)
    problems: list[Problem] = []
    raw = _read_yaml(path, problems)
    if raw is None:
        return None, tuple(problems)
    try:
        return Vocabularies.model_validate(raw), ()
    except ValidationError as exc:
        return None, tuple(_pydantic_problems(_rel(path), None, exc))


_shared_cache: dict[tuple[str, Path], tuple[float, Any]] = {}


def _cached(name: str, path: Path, read):
    # Re-read when the file changes (an editor saving vocab.yaml while the app runs), else reuse.
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    hit = _shared_cache.get((name, path))
    if hit is None or hit[0] != mtime:
        hit = (mtime, read(path))
        _shared_cache[(name, path)] = hit
    return hit[1]


def entity_registry() -> EntityRegistry:
    """The shared registry (``data/entities.yaml``), read once per change of the file."""
    return _cached("entities", ENTITIES_PATH, read_entities)


def vocabularies() -> Vocabularies | None:
    """The shared vocabularies (``data/vocab.yaml``), or None when the file does not validate."""
    return _cached("vocab", VOCAB_PATH, read_vocabularies)[0]


def vocab_label(group: str, value: str, lang: str) -> str:
    """The label of a vocabulary value in ``lang`` (fallback language, then the value itself)."""
    vocab = vocabularies()
    entry = vocab.group(group).get(value) if vocab else None
    return entry.label(lang) if entry else value


def vocab_colour(group: str, value: str, default: str = "#7A7A7A") -> str:
    vocab = vocabularies()
    entry = vocab.group(group).get(value) if vocab else None
    return entry.colour if entry else default


def _vocabulary_problems(record: RecordBase, file: str) -> list[Problem]:
    vocab = vocabularies()
    if vocab is None:
        return [Problem(_rel(VOCAB_PATH), None, None, "does not validate, so vocabulary values cannot be checked")]
    out = []
    for fld, group, value in record.vocabulary_values():
        allowed = vocab.group(group)
        if value not in allowed:
            out.append(
                Problem(
                    file, record.id, fld, f"'{value}' is not in {_rel(VOCAB_PATH)} {group} ({', '.join(allowed)}); add it there to use it"
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
        hint = f" ({len(registry.problems)} problem(s) in {_rel(ENTITIES_PATH)})" if registry.problems else ""
        problems.append(Problem(file, rid, "entity", f"'{eid}' is not an id in {_rel(ENTITIES_PATH)}{hint}"))
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
