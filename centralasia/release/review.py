"""Reviewing a draft release (the Review page's logic, without Streamlit): decide on each proposed record,
edit it, validate live exactly as ``python -m centralasia validate`` does, and write the release folder whole
(or download it as a ZIP).

The page is a curator's tool and off by default: it exists only when :func:`curation_enabled` (environment
``CENTRALASIA_CURATE=1`` or the secret ``curate = true``). The same switch gates ``?review=1``.
"""

from __future__ import annotations

import copy
import io
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from centralasia.release.loader import METADATA_FILE, RECORDS_FILE, guarded_read
from centralasia.release.models import KINDS
from centralasia.release.reading import read_yaml, shown_path

CURATE_ENV = "CENTRALASIA_CURATE"
CURATE_SECRET = "curate"
DECISIONS = ("pending", "accept", "reject")
TOPIC_KINDS = ("sector", "initiative", "event", "conflict")
# Fields a record of each topic kind has beyond the common ones (id, entity, labels, mentions, links, note,
# release_term, review); a kind change drops the old kind's fields and fills the new kind's.
KIND_FIELDS = {
    "sector": ("countries", "stance", "statement", "said_by", "reported_speech"),
    "initiative": ("domain", "status", "status_text", "proposed_by", "supported_by", "part_of", "background"),
    "event": ("date", "date_source", "date_note", "place"),
    "conflict": ("parties", "region", "position", "position_text"),
    "country": ("iso3",),
    "person": ("role", "country"),
    "place": ("place_type", "iso3", "country", "coordinates"),
    "institution": ("acronym", "part_of", "place"),
}
VALUE_FIELD = {"sector": ("stance", "stances"), "initiative": ("status", "statuses"), "conflict": ("position", "positions")}
COUNTRIES_FIELD = {"sector": "countries", "initiative": "supported_by", "conflict": "parties"}
_TRUE = {"1", "true", "yes", "on"}


def curation_enabled(env: Mapping[str, str], secret: Any = None) -> bool:
    """The curation switch: ``CENTRALASIA_CURATE=1`` in the environment or the secret ``curate = true``."""
    if str(env.get(CURATE_ENV, "")).strip().lower() in _TRUE:
        return True
    return secret is True or str(secret).strip().lower() in _TRUE


@dataclass
class Workbench:
    """A draft under review: the text file as received and the drafted metadata, records and candidates."""

    release_id: str
    text_name: str
    text_bytes: bytes
    text: str
    meta: dict[str, Any]
    records: list[dict[str, Any]]
    candidates: list[dict[str, Any]] = field(default_factory=list)
    origin: str | None = None  # the draft folder it was opened from (its name), if any

    @classmethod
    def from_draft(cls, draft) -> Workbench:
        """From ``centralasia.release.draft.draft_files``."""
        text_name = draft.meta["text_file"]
        return cls(draft.release_id, text_name, draft.files[text_name], draft.text, dict(draft.meta), copy.deepcopy(draft.records),
                   copy.deepcopy(draft.candidate_list))  # fmt: skip

    @classmethod
    def from_folder(cls, folder: Path) -> tuple[Workbench | None, list[str]]:
        """From a draft folder on disk, read with the loader's safe YAML reader; (None, problems) if it cannot be read."""
        from centralasia.release.loader import split_header
        from centralasia.release.reading import MAX_TEXT_BYTES, read_bytes

        problems: list = []
        meta = read_yaml(folder / METADATA_FILE, problems, folder)
        records = read_yaml(folder / RECORDS_FILE, problems, folder)
        candidates = read_yaml(folder / "candidates.yaml", problems, folder, required=False) or []
        if problems or not isinstance(meta, dict) or not isinstance(records, list):
            return None, [str(p) for p in problems] or [f"{shown_path(folder)}: not a release folder (metadata.yaml, records.yaml)"]
        text_name = str(meta.get("text_file") or "")
        raw = read_bytes(folder / text_name, problems, MAX_TEXT_BYTES, folder) if text_name and "/" not in text_name else None
        if raw is None:
            return None, [str(p) for p in problems] or [f"{shown_path(folder)}, field 'text_file': no release text named"]
        decoded = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        _, text = split_header(decoded)
        wb = cls(str(meta.get("id") or folder.name), text_name, raw, text, meta, records, candidates if isinstance(candidates, list) else [],
                 origin=folder.name)  # fmt: skip
        return wb, []


# ---------------------------------------------------------------- the review table


def _label(record: dict, lang: str, registry) -> str:
    labels = record.get("labels") or {}
    if labels.get(lang):
        return labels[lang]
    if record.get(f"label_{lang}"):
        return record[f"label_{lang}"]
    entity = registry.get(record["entity"]) if record.get("entity") and registry else None
    return entity.label(lang) if entity else ""


def _kind(record: dict, registry) -> str:
    if record.get("kind"):
        return record["kind"]
    entity = registry.get(record["entity"]) if record.get("entity") and registry else None
    return entity.kind if entity else ""


def editor_rows(wb: Workbench, registry=None) -> list[dict[str, Any]]:
    """One row per drafted record: decision, id, kind, labels, stance/status/position, domain, countries, quote."""
    rows = []
    for r in wb.records:
        kind = _kind(r, registry)
        value_field = VALUE_FIELD.get(kind, (None,))[0]
        countries_field = COUNTRIES_FIELD.get(kind)
        rows.append(
            {
                "decision": "pending" if r.get("review") == "pending" else "accept",
                "id": r["id"],
                "kind": kind,
                "label_de": _label(r, "de", registry),
                "label_en": _label(r, "en", registry),
                "value": r.get(value_field, "") if value_field else "",
                "domain": r.get("domain", "") if kind == "initiative" else "",
                "countries": ", ".join(r.get(countries_field) or []) if countries_field else "",
                "quote": (r.get("mentions") or [{}])[0].get("quote", ""),
            }
        )
    return rows


def _vocab_texts(group: str, value: str) -> dict[str, str]:
    from centralasia.release.draft_topics import _vocab_texts as texts
    from centralasia.release.vocab import vocabularies

    return texts(vocabularies(), group, value)


def apply_edits(wb: Workbench, rows: list[dict[str, Any]], meta_edits: Mapping[str, Any] | None = None, meta_checked: bool = False,
                registry=None) -> tuple[dict[str, Any], list[dict[str, Any]]]:  # fmt: skip
    """The metadata and records after the reviewer's decisions and edits (the workbench is not changed).

    accept: the record loses ``review: pending``; reject: it is left out; pending: it stays a draft record.
    """
    from centralasia.release.draft_topics import NOT_STATED

    originals = {r["id"]: r for r in wb.records}
    before = {row["id"]: row for row in editor_rows(wb, registry)}
    out = []
    for row in rows:
        record = copy.deepcopy(originals.get(row.get("id")))
        if record is None or row.get("decision") == "reject":
            continue
        old = before[record["id"]]
        kind = str(row.get("kind") or old["kind"])
        if kind != old["kind"]:
            for name in KIND_FIELDS.get(old["kind"], ()):
                record.pop(name, None)
            record["kind"] = kind
            _fill_kind(record, kind, wb)
        for lang in ("de", "en"):
            value = str(row.get(f"label_{lang}") or "").strip()
            if value and value != old[f"label_{lang}"]:
                labels = dict(record.get("labels") or {})
                labels[lang] = value
                record["labels"] = labels
                record.pop(f"label_{lang}", None)
        if kind in VALUE_FIELD:
            name, group = VALUE_FIELD[kind]
            value = str(row.get("value") or "").strip()
            if kind != old["kind"] and value == old["value"]:
                value = ""  # the old kind's stance/status/position does not carry over to the new kind
            value = value or record.get(name) or NOT_STATED
            if value != record.get(name):
                record[name] = value
                text_field = {"sector": None, "initiative": "status_text", "conflict": "position_text"}[kind]
                if text_field:
                    record[text_field] = _vocab_texts(group, value)
        if kind == "initiative":
            domain = str(row.get("domain") or "").strip()
            if domain:
                record["domain"] = domain
        if kind in COUNTRIES_FIELD:
            ids = [c.strip() for c in str(row.get("countries") or "").replace(";", ",").split(",") if c.strip()]
            record[COUNTRIES_FIELD[kind]] = ids
        if row.get("decision") == "accept":
            record.pop("review", None)
        else:
            record["review"] = "pending"
        out.append(record)
    meta = dict(wb.meta)
    for key, value in (meta_edits or {}).items():
        if value not in (None, ""):
            meta[key] = value
    if meta_checked:
        meta.pop("review", None)
    else:
        meta["review"] = "pending"
    return meta, out


def _fill_kind(record: dict, kind: str, wb: Workbench) -> None:
    """Give a record that changed kind the fields its new kind requires (values 'not stated' where none is known)."""
    from centralasia.release.draft_topics import NOT_STATED

    if kind == "sector":
        record.update(countries=[], stance=NOT_STATED)
        record["statement"] = {lang: f"{(record.get('labels') or {}).get(lang) or record['id']}: {text}"
                               for lang, text in _vocab_texts("stances", NOT_STATED).items()}  # fmt: skip
    elif kind == "initiative":
        record.update(
            domain=NOT_STATED, status=NOT_STATED, status_text=_vocab_texts("statuses", NOT_STATED), proposed_by=[], supported_by=[]
        )
    elif kind == "event":
        record.update(date=str(wb.meta.get("date")), date_source="release date; the reviewer changed the kind (check)")
    elif kind == "conflict":
        record.update(parties=[], position=NOT_STATED, position_text=_vocab_texts("positions", NOT_STATED))


# ---------------------------------------------------------------- files, validation, output


NOTE = "# Reviewed on the Review page (centralasia/release/review.py); records still `review: pending` stay hidden in the app.\n"


def release_files(wb: Workbench, meta: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, bytes]:
    """The release folder's files: the text as received, metadata.yaml, records.yaml (and candidates.yaml while
    anything is still pending)."""

    def dump(data: Any) -> bytes:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120).encode("utf-8")

    files = {wb.text_name: wb.text_bytes, METADATA_FILE: NOTE.encode() + dump(meta), RECORDS_FILE: NOTE.encode() + dump(records)}
    if wb.candidates and (meta.get("review") == "pending" or any(r.get("review") == "pending" for r in records)):
        files["candidates.yaml"] = dump(wb.candidates)
    return files


def validate(release_id: str, files: Mapping[str, bytes], releases_root: Path) -> list[str]:
    """The one-line problems ``python -m centralasia validate`` would print for this folder once written to
    ``releases_root/<release_id>``; empty when it is valid. Checked in a temporary folder outside the releases,
    whose name is replaced by the target's in every message."""
    target = Path(releases_root) / release_id
    with tempfile.TemporaryDirectory(prefix="centralasia-review-") as tmp:
        folder = Path(tmp) / release_id
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        _, problems = guarded_read(folder)
        names = sorted({*files, ""}, key=len, reverse=True)  # file paths first, then the folder itself
        swaps = [(shown_path(folder / n) if n else shown_path(folder), shown_path(target / n) if n else shown_path(target)) for n in names]
    out = []
    for problem in problems:
        line = str(problem)
        for old, new in swaps:
            line = line.replace(old, new)
        out.append(line)
    return out


def zip_bytes(release_id: str, files: Mapping[str, bytes]) -> bytes:
    """The release folder as a ZIP (members ``<release id>/<file>``), for hosts whose files do not persist."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(f"{release_id}/{name}", data)
    return buffer.getvalue()


def is_draft_folder(folder: Path) -> bool:
    """A folder ``draft`` wrote and nobody finished: it still holds candidates.yaml."""
    return folder.is_dir() and not folder.is_symlink() and (folder / "candidates.yaml").is_file()


def write(releases_root: Path, release_id: str, files: Mapping[str, bytes], replace_draft: str | None = None) -> Path:
    """Write the folder whole into ``releases_root`` (temporary folder, then rename) if it validates; never over an
    existing release. ``replace_draft``: the name of the draft folder the reviewer opened and explicitly chose to
    replace; only that folder, only under its own id, and only while it is still a draft."""
    from centralasia.release.draft import DraftError, write_release_folder

    problems = validate(release_id, files, releases_root)
    if problems:
        raise DraftError(f"not written: {len(problems)} problem(s); first: {problems[0]}")
    target = Path(releases_root) / release_id
    overwrite = bool(replace_draft) and replace_draft == release_id and is_draft_folder(target)
    return write_release_folder(Path(releases_root), release_id, dict(files), overwrite=overwrite)


def kinds() -> tuple[str, ...]:
    return KINDS
