"""Draft a new release folder from a press-release text: ``python -m centralasia draft TEXT_FILE --out ROOT``.

What it writes to ``ROOT/<id>/``:

- ``release.<lang>.txt``: a metadata line, then the text exactly as received (byte for byte);
- ``metadata.yaml``: title, date, publisher, dateline and channel guessed from the usual press-release layout
  (German ots: headline, "Ort (ots)", "Original-Content von: …"; government style: "PRESS RELEASE", "ASTANA,
  3 March 2031 –", "Issued by: …"), flagged ``review: pending``;
- ``records.yaml``: one pre-filled record per registry entity (``data/entities.yaml``) found in the text through
  its labels, aliases, transliterations and inflected forms (German genitive "Kasachstans", adjective
  "turkmenischer", English possessive "Kazakhstan's", Russian cases "Казахстана"), each mention with its verbatim
  quote and offsets, each record ``review: pending``;
- ``candidates.yaml``: what a reviewer should look at: names not in the registry (countries, acronyms, titled
  people), near-matches of registry names (other transliterations), bare surnames shared by several registry
  people (never linked to one of them), and registry entities whose records need this release's statement.

Matching uses spaCy's tokenizer on a blank pipeline and its PhraseMatcher (no model download), simplemma for
lemmas and rapidfuzz for near matches; they are the optional extra ``draft`` (``pip install -e '.[draft]'``).
The parts: ``draft_layout`` (language, dates and metadata from the layout), ``draft_entities`` (registry
entities and candidates), ``draft_cues``, ``draft_phrases`` and ``draft_topics`` (topic proposals); this module
checks the input and writes the folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from centralasia.release.draft_entities import Candidate, Found, Matcher, find_candidates
from centralasia.release.draft_layout import guess_language, guess_layout
from centralasia.release.loader import METADATA_FILE, RECORDS_FILE, split_header
from centralasia.release.models import SLUG
from centralasia.release.reading import MAX_TEXT_BYTES
from centralasia.release.shared_models import Entity
from centralasia.release.vocab import EntityRegistry, entity_registry

CANDIDATES_FILE = "candidates.yaml"
DRAFT_LANGUAGES = ("de", "en", "ru")
# Kinds whose records need nothing beyond what the registry knows; other kinds need the release's own statement
# (a sector's stance, an initiative's status, an event's date) and are listed for the reviewer instead.
PREFILLED_KINDS = ("country", "person", "place", "institution")
MISSING_EXTRA = (
    "the draft tool needs the optional extra 'draft' (spaCy, simplemma, rapidfuzz, Babel): pip install -e '.[draft]' "
    "(or: pip install spacy simplemma rapidfuzz babel)"
)
UNKNOWN_PUBLISHER = "Herausgeber unbekannt (bitte eintragen)"


MAX_ID_CHARS = 80
# The largest text a draft takes: the loader's limit for a release text (a larger one could never be served).
MAX_DRAFT_BYTES = MAX_TEXT_BYTES


class DraftError(Exception):
    """A draft could not be written; the message says why, in one line. ``code``: 1 the input, 2 the command line."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def check_release_id(release_id: str) -> str:
    """A release id is a slug (lower-case letters, digits, single hyphens): never a path."""
    if not re.fullmatch(SLUG, release_id or "") or len(release_id) > MAX_ID_CHARS:
        shown = repr(release_id[:60] + ("…" if len(release_id) > 60 else ""))
        raise DraftError(
            f"--id {shown} is not a release id: use lower-case letters, digits and single hyphens "
            f"(at most {MAX_ID_CHARS} characters), e.g. 2031-03-03-kasachstan-aserbaidschan",
            code=2,
        )
    return release_id


def _require_extra():
    try:
        import rapidfuzz  # noqa: F401
        import simplemma  # noqa: F401
        import spacy  # noqa: F401
        from babel.dates import get_month_names  # noqa: F401
    except ImportError as exc:
        raise DraftError(f"{MISSING_EXTRA} (missing: {exc.name})") from None


# ---------------------------------------------------------------- writing the draft


def _slug(text: str, words: int = 5) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    ascii_text = unicodedata.normalize("NFKD", text.lower().translate(table))
    cyr = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
               "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))  # fmt: skip
    ascii_text = "".join(cyr.get(ch, ch) for ch in ascii_text)
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    parts = [p for p in re.split(r"[^a-z0-9]+", ascii_text) if p][:words]
    return "-".join(parts) or "release"


@dataclass
class DraftResult:
    folder: Path
    records: int
    mentions: int
    candidates: int
    guessed: dict[str, Any]
    topics: int = 0


def _record(entity: Entity, mentions: list[Found], text: str) -> dict[str, Any]:
    return {
        "id": entity.id,
        "entity": entity.id,
        "review": "pending",
        "mentions": [{"quote": text[f.start : f.end], "start": f.start, "end": f.end} for f in sorted(mentions, key=lambda f: f.start)],
    }


def draft_release(
    text_file: Path | str,
    out_root: Path | str,
    release_id: str | None = None,
    lang: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    registry: EntityRegistry | None = None,
    overwrite: bool = False,
) -> DraftResult:
    """Write ``out_root/<id>/`` from a received text; see the module docstring for what goes where.

    Whole or not at all: the files are written into a hidden temporary folder inside ``out_root`` (the app and
    ``validate`` skip folders starting with a dot), which is then renamed to ``<id>``. Any failure removes it.
    An existing release folder is never written over (unless ``overwrite``, which replaces it whole).
    """
    _require_extra()
    if release_id is not None:
        check_release_id(release_id)
    text_file = Path(text_file)
    try:
        size = text_file.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise DraftError(_too_large(str(text_file), size))
        raw = text_file.read_bytes()
    except OSError as exc:
        raise DraftError(f"{text_file}: cannot read ({exc.strerror})") from None
    draft = draft_files(raw, str(text_file), release_id=release_id, lang=lang, date=date, publisher=publisher, registry=registry)
    folder = write_release_folder(Path(out_root), draft.release_id, draft.files, overwrite=overwrite)
    return DraftResult(folder=folder, records=draft.prefilled, mentions=draft.mentions, candidates=draft.candidates,
                       guessed=draft.guessed, topics=draft.topics)  # fmt: skip


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: the text has {size:,} bytes; a release text may have at most {MAX_DRAFT_BYTES:,} bytes "
        "(1 MB, the loader's limit): split it into several releases"
    )


@dataclass
class Draft:
    """A drafted release in memory: its files (name → bytes), the records and the candidates."""

    release_id: str
    files: dict[str, bytes]
    meta: dict[str, Any]
    text: str
    records: list[dict[str, Any]]
    candidate_list: list[dict[str, Any]]
    prefilled: int
    mentions: int
    candidates: int
    topics: int
    guessed: dict[str, Any]


def draft_files(
    raw: bytes,
    name: str = "text",
    release_id: str | None = None,
    lang: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    registry: EntityRegistry | None = None,
) -> Draft:
    """Draft a release from the bytes of a received text, in memory (nothing is written)."""
    _require_extra()
    if release_id is not None:
        check_release_id(release_id)
    if len(raw) > MAX_DRAFT_BYTES:
        raise DraftError(_too_large(name, len(raw)))
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"{name}: not valid UTF-8 (byte {exc.start}); save the text as UTF-8") from None
    if not decoded.strip():
        raise DraftError(f"{name}: the text is empty")
    registry = registry or entity_registry()
    if registry.problems:
        raise DraftError(f"the entity registry has {len(registry.problems)} problem(s); first: {registry.problems[0]}")

    # A file that already starts with the metadata line (" date YYYY-MM-DD Publisher") is kept as it is.
    has_header = re.match(r"^\s*date (\d{4}-\d{2}-\d{2}) (.+)$", _normalised(decoded).split("\n", 1)[0])
    body = split_header(_normalised(decoded))[1] if has_header else _normalised(decoded)
    lang = lang or guess_language(body)
    if lang not in DRAFT_LANGUAGES:
        raise DraftError(f"--lang {lang!r}: drafts support {', '.join(DRAFT_LANGUAGES)}", code=2)
    layout = guess_layout(body, lang)
    if date:
        try:
            the_date = dt.date.fromisoformat(date)
        except ValueError:
            raise DraftError(f"--date {date!r} is not a date of the form YYYY-MM-DD", code=2) from None
    elif has_header:
        the_date = dt.date.fromisoformat(has_header.group(1))
    else:
        the_date = layout.date
    if the_date is None:
        raise DraftError(f"{name}: no date found in the text; give one with --date YYYY-MM-DD")
    the_publisher = publisher or (has_header.group(2).strip() if has_header else None) or layout.publisher or UNKNOWN_PUBLISHER
    if has_header:
        file_bytes = raw
    else:
        # The metadata line goes first; a byte-order mark belongs to the start of a file, not after that line.
        file_bytes = f" date {the_date.isoformat()} {the_publisher}\n\n".encode() + raw.removeprefix(b"\xef\xbb\xbf")
    # Offsets count characters of the text as the loader reads it: byte-order mark dropped, CRLF/CR as LF.
    _, text = split_header(_normalised(file_bytes.decode("utf-8")))

    release_id = check_release_id(release_id or f"{the_date.isoformat()}-{_slug(layout.title)}")
    text_name = f"release.{lang}.txt"

    matcher = Matcher(registry, lang)
    found, ambiguous, doc = matcher.find(text)
    by_entity: dict[str, list[Found]] = defaultdict(list)
    for f in found:
        by_entity[f.entity].append(f)
    records, needs_fields = [], []
    order = sorted(by_entity, key=lambda eid: (PREFILLED_KINDS.index(registry.get(eid).kind) if registry.get(eid).kind in PREFILLED_KINDS else 9,
                                             min(f.start for f in by_entity[eid])))  # fmt: skip
    for eid in order:
        entity = registry.get(eid)
        if entity.kind in PREFILLED_KINDS:
            records.append(_record(entity, by_entity[eid], text))
        else:
            cand = Candidate(text[by_entity[eid][0].start : by_entity[eid][0].end], entity.kind,
                             f"registry entity '{eid}' found; a record of kind {entity.kind} needs what this release says "
                             f"(see README, Data model)", suggestions=[eid])  # fmt: skip
            cand.mentions = _record(entity, by_entity[eid], text)["mentions"]
            needs_fields.append(cand)
    candidates = [c.as_dict() for c in [*ambiguous, *needs_fields, *find_candidates(text, lang, doc, found, registry)]]
    prefilled = len(records)

    # Topic proposals (sectors, initiatives, events, conflicts) from the cues in data/vocab.yaml.
    from centralasia.release.draft_cues import read_cues
    from centralasia.release.draft_topics import EntityHit, TopicFinder
    from centralasia.release.vocab import read_vocabularies

    vocab, vocab_problems = read_vocabularies()
    if vocab is None:
        raise DraftError(f"data/vocab.yaml does not validate; first problem: {vocab_problems[0]}")
    try:
        cues = read_cues(vocab.cues)
    except ValueError as exc:
        raise DraftError(str(exc)) from None
    hits = [
        EntityHit(f.entity, registry.get(f.entity).kind, f.start, f.end) for f in found if registry.get(f.entity).kind in PREFILLED_KINDS
    ]
    proposals, over = TopicFinder(cues, lang, matcher.nlp, vocab).propose(text, hits, the_date, {r["id"] for r in records})
    records += [p.record for p in proposals]
    candidates = [*(p.candidate(text, True) for p in proposals), *(p.candidate(text, False) for p in over), *candidates]

    title_en = layout.title
    meta = {
        "id": release_id,
        "review": "pending",
        "title": layout.title or release_id,
        "title_en": title_en or release_id,
        "date": the_date.isoformat(),
        "publisher": the_publisher,
        "publisher_en": the_publisher,
        "dateline": layout.dateline or "?",
        "language": lang,
        "channel": layout.channel or "?",
        "text_file": text_name,
        "sha256": hashlib.sha256(file_bytes).hexdigest(),
        "usage_de": "Pressemitteilung des Herausgebers, unverändert wiedergegeben. Nutzungsrechte vor der Veröffentlichung prüfen.",
        "usage_en": "Press release by its publisher, reproduced unchanged. Check the usage rights before publishing.",
        "key_messages": [],
    }
    files = {
        text_name: file_bytes,
        METADATA_FILE: (META_NOTE + _dump(meta)).encode("utf-8"),
        RECORDS_FILE: (RECORDS_NOTE + _dump(records)).encode("utf-8"),
        CANDIDATES_FILE: (CANDIDATES_NOTE + _dump(candidates)).encode("utf-8"),
    }
    return Draft(
        release_id=release_id,
        files=files,
        meta=meta,
        text=text,
        records=records,
        candidate_list=candidates,
        prefilled=prefilled,
        mentions=sum(len(r["mentions"]) for r in records[:prefilled]),
        candidates=len(candidates),
        topics=len(proposals),
        guessed={
            "title": layout.title,
            "date": the_date.isoformat(),
            "publisher": the_publisher,
            "dateline": layout.dateline,
            "channel": layout.channel,
            "language": lang,
        },  # fmt: skip
    )


META_NOTE = (
    "# Draft written by `python -m centralasia draft` — every field below was guessed from the text's layout.\n"
    "# Check title, title_en (translate it), date, publisher, publisher_en, dateline and channel; add key_messages\n"
    "# (id, summary_de, summary_en, quote, start, end); then delete the line `review: pending`.\n"
)
RECORDS_NOTE = (
    "# Draft records written by `python -m centralasia draft`: one per registry entity found in the text, then the\n"
    "# proposed sectors, initiatives, events and conflicts (found through the cues in data/vocab.yaml).\n"
    "# Each is `review: pending` and hidden in the app. Check every quote and value (`not-stated` where no cue gave\n"
    "# one), delete wrong matches, then delete `review: pending` (or write `review: confirmed`). candidates.yaml\n"
    "# says which cue fired and how sure the match is, and lists names to look at.\n"
)
CANDIDATES_NOTE = (
    "# For a reviewer: the proposed topics (which cue fired, how sure), names not in the registry\n"
    "# (data/entities.yaml), other spellings of registry names, surnames shared by several registry people (never\n"
    "# linked automatically), and registry entities whose records need this release's statement. Not loaded by the app.\n"
)


def write_release_folder(out_root: Path, release_id: str, files: dict[str, bytes], overwrite: bool = False) -> Path:
    """Write ``out_root/<release_id>/`` whole or not at all: a hidden temporary folder inside ``out_root``, then one
    rename. Never writes outside ``out_root`` (the id is a slug, file names are plain names) and never over an
    existing release folder (unless ``overwrite``: then the old folder is swapped out and removed)."""
    check_release_id(release_id)
    for file_name in files:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", file_name) or ".." in file_name:
            raise DraftError(f"{file_name!r} is not a plain file name")
    out_root = Path(out_root)
    try:
        out_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DraftError(f"{out_root}: cannot create the folder ({exc.strerror or type(exc).__name__})") from None
    folder = out_root / release_id
    if (folder.exists() or folder.is_symlink()) and not overwrite:
        raise DraftError(f"{folder} already exists; choose another --id or remove it")
    tmp = Path(tempfile.mkdtemp(prefix=f".draft-{release_id}-", dir=out_root))
    old: Path | None = None
    try:
        for file_name, data in files.items():
            part = tmp / file_name
            with open(part, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        if folder.exists() or folder.is_symlink():
            if not overwrite:
                raise DraftError(f"{folder} already exists; choose another --id or remove it")
            old = Path(tempfile.mkdtemp(prefix=f".replaced-{release_id}-", dir=out_root))
            os.rename(folder, old / "folder")
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not folder.exists():
            os.rename(old / "folder", folder)
        raise DraftError(f"{folder}: cannot write ({exc.strerror or type(exc).__name__}); nothing was written") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return folder


def _normalised(decoded: str) -> str:
    return decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
