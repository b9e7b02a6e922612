"""Bounded reading of data files: size limits, paths confined to their folder, and YAML checked event by event
(depth, alias expansion, tags, documents) before the standard safe loader reads it. Every fault is one ``Problem``
naming file, record and field.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from pydantic import ValidationError

from centralasia import settings
from centralasia.release.models import KINDS
from centralasia.safe_text import excerpt as short
from centralasia.settings import PROJECT_ROOT


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


def shown_path(path: Path) -> str:
    """A path for messages: relative to the project, else to the releases folder's parent, else its last
    three parts (messages reach viewers of the app, who need not see where the server keeps its files)."""
    for base in (PROJECT_ROOT, settings.releases_root().parent):
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


def confined(path: Path, folder: Path | None) -> bool:
    """True if ``path`` (after following symlinks) lies inside ``folder``."""
    if folder is None:
        return True
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def read_bytes(path: Path, problems: list[Problem], limit: int, folder: Path | None = None, required: bool = True) -> bytes | None:
    """The bytes of ``path``, or None after adding one Problem (missing, a folder, outside, too big, unreadable)."""
    file = shown_path(path)
    try:
        if not path.exists() and not path.is_symlink():
            if required:
                problems.append(Problem(file, None, None, "file is missing"))
            return None
        if not confined(path, folder):
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
# Tags the standard safe loader constructs (str, int, float, bool, null, timestamp, binary, set, omap, pairs, seq, map,
# merge); anything else (!!python/object …, a custom !tag) is refused before a value is built.
_SAFE_TAGS = frozenset(t for t in yaml.SafeLoader.yaml_constructors if t is not None) | {"!"}


def _check_yaml_events(text: str) -> None:
    """Scan the parser's events for the limits, without building any value; raise _YAMLRefused at the first excess.

    - one document only;
    - nesting at most ``MAX_YAML_DEPTH`` deep (a 100,000-deep list would otherwise overflow the stack);
    - only the tags of the standard safe loader;
    - aliases: every alias counts the size (in nodes) of what it repeats, and a document whose aliases would expand
      to more than ``MAX_YAML_EXPANDED_NODES`` (plus twice its own size) is refused (a 600-byte alias bomb expands
      to gigabytes); an alias inside its own anchor (a recursive structure) and an alias without an anchor are refused.

    ``yaml.dump`` writes anchors for repeated lists (``&id001``), and people write ``<<: *defaults`` merge keys: small
    aliases stay allowed, and accepted text is then loaded by the standard loader, exactly as ``yaml.safe_load`` does.
    """
    loader = _YAML_LOADER(text)
    try:
        open_nodes: list[tuple[str | None, int]] = []  # (anchor, expanded count when the collection started)
        anchors: dict[str, int] = {}  # anchor -> expanded size in nodes
        documents = events = expanded = 0

        def grow(nodes: int, mark: Any) -> None:
            nonlocal expanded
            expanded += nodes
            if expanded > MAX_YAML_EXPANDED_NODES + 2 * events:
                raise _YAMLRefused(
                    f"aliases (*name) repeat values to more than {MAX_YAML_EXPANDED_NODES:,} nodes (an alias bomb?); write the values out",
                    mark,
                )

        def check_tag(tag: str | None, mark: Any) -> None:
            if tag is not None and tag not in _SAFE_TAGS:
                raise _YAMLRefused(f"the tag {tag[:40]!r} is not allowed", mark)

        while loader.check_event():
            event = loader.get_event()
            events += 1
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_nodes):
                    raise _YAMLRefused(f"the alias *{event.anchor} is inside its own anchor (a recursive structure)", event.start_mark)
                if event.anchor not in anchors:
                    raise _YAMLRefused(f"the alias *{event.anchor} has no anchor &{event.anchor} before it", event.start_mark)
                grow(anchors[event.anchor], event.start_mark)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _YAMLRefused("holds more than one YAML document ('---'); keep one", event.start_mark)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                check_tag(None if event.implicit else event.tag, event.start_mark)
                if len(open_nodes) >= MAX_YAML_DEPTH:
                    raise _YAMLRefused(f"nested deeper than {MAX_YAML_DEPTH} levels", event.start_mark)
                grow(1, event.start_mark)
                open_nodes.append((event.anchor, expanded))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, start = open_nodes.pop()
                if anchor:
                    anchors[anchor] = expanded - start + 1
            elif isinstance(event, yaml.ScalarEvent):
                if event.tag is not None and event.tag != "!" and not event.implicit[0]:
                    check_tag(event.tag, event.start_mark)
                grow(1, event.start_mark)
                if event.anchor:
                    anchors[event.anchor] = 1
    finally:
        loader.dispose()


def safe_yaml(text: str) -> Any:
    """The YAML document in ``text`` as ``yaml.safe_load`` reads it, after ``_check_yaml_events`` found it within the limits."""
    _check_yaml_events(text)
    try:
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - the safe loader (CSafeLoader when libyaml is there)
    except (ValueError, IndexError, TypeError, OverflowError) as exc:  # e.g. "!!int" on an empty value: PyYAML fails inside
        raise _YAMLRefused(f"a value does not fit its tag ({type(exc).__name__})") from None


def yaml_problem(file: str, exc: Exception, text: str) -> Problem:
    mark = getattr(exc, "mark", None) or getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if mark is not None and mark.line + 1 > lines:  # libyaml points past the last line when the file ends early
        where = f" at line {lines} (the file ends before the value is complete)"
    if isinstance(exc, _YAMLRefused):
        return Problem(file, None, None, f"refused{where}: {exc}")
    reason = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return Problem(file, None, None, f"invalid YAML{where}: {str(reason)[:200]}")


def read_yaml(path: Path, problems: list[Problem], folder: Path | None = None, required: bool = True) -> Any:
    """The YAML document in ``path`` as plain values, or None after adding one Problem.

    An empty file gives None without a Problem (the caller decides whether empty is allowed).
    """
    data = read_bytes(path, problems, MAX_YAML_BYTES, folder, required)
    if data is None:
        return None
    file = shown_path(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, None, None, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8"))
        return None
    try:
        value = safe_yaml(text)
    except (yaml.YAMLError, _YAMLRefused) as exc:
        problems.append(yaml_problem(file, exc, text))
        return None
    if value is not None and text.strip() and not text.endswith(("\n", "\r")):
        # Editors and yaml.dump end files with a line break; a file cut off mid-copy usually does not.
        last = text.rstrip().rsplit("\n", 1)[-1]
        problems.append(Problem(file, None, None, f"does not end with a line break: it looks cut off after {short(last[-40:])}"))
        return None
    return value


def field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in KINDS:  # pydantic puts the union tag in the path; it is not a field
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(record)"


def pydantic_problems(file: str, record: str | None, exc: ValidationError) -> list[Problem]:
    return [Problem(file, record, field_path(err["loc"]), err["msg"]) for err in exc.errors()]
