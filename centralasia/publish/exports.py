"""Machine-readable exports of the releases: the JSON and CSV public data API."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from centralasia.charts.tables import mentions_frame
from centralasia.release.loader import Release
from centralasia.release.models import RECORD_MODELS
from centralasia.release.summary import representative
from centralasia.settings import PROJECT_ROOT

EXPORT_VERSION = 2  # 2: adds `labels` (and every text) per language, `entity`, `review`; v1 fields unchanged


def record_to_dict(record) -> dict:
    """A record in the export's documented shape: ``id, kind, label_de, label_en, quote, start, end`` first
    (the representative mention, :func:`summary.representative`, promoted to the top level), then every field of ``model_dump()`` (so a new model field is
    exported without code changes; ``labels`` etc. as one mapping per language) and the flat ``<text>_<lang>``
    keys of v1 (``status_de``, ``role_en`` …) for readers written against it."""
    data = record.model_dump(mode="json")
    first = representative(record)
    ordered = {
        "id": record.id,
        "kind": record.kind,
        "label_de": record.label("de"),
        "label_en": record.label("en"),
        "quote": first.quote,
        "start": first.start,
        "end": first.end,
    }
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    ordered.update({k: v for k, v in record.flat_texts(("de", "en")).items() if k not in ordered})
    return ordered


def release_to_dict(release: Release, include_pending: bool = False) -> dict:
    """A release: its metadata (``model_dump()`` plus the v1 flat ``title_en``/``publisher_en``/``usage_*``), text and records."""
    meta = release.meta
    data = meta.model_dump(mode="json")
    out = {"id": meta.id, "title": meta.title, "title_en": meta.title_in("en"), "date": meta.date.isoformat(), "publisher": meta.publisher,
           "publisher_en": meta.publisher_in("en"), "usage_en": meta.usage("en"), "usage_de": meta.usage("de")}  # fmt: skip
    out.update({k: v for k, v in data.items() if k not in out and k != "key_messages"})
    out["text"] = release.text
    out["key_messages"] = [{**m.model_dump(mode="json"), **m.flat_texts(("de", "en"))} for m in meta.key_messages]
    records = release.all_records if include_pending else release.records
    out["records"] = [record_to_dict(r) for r in records]
    out["pending_review"] = sum(1 for r in records if r.pending)
    return out


def to_json(releases: Iterable[Release], include_pending: bool = False) -> str:
    """``{"releases": [...]}``: one entry per record (representative mention at top level, all in ``mentions``).

    Records of a draft flagged ``review: pending`` are left out unless ``include_pending`` (the CLI's export
    includes them, each with its ``review`` flag, and counts them in ``pending_review``).

    The shape is published as a JSON Schema in ``docs/schema/releases.schema.json`` (:func:`json_schema`).
    """
    payload = {
        "format": "centralasia-releases",
        "version": EXPORT_VERSION,
        "releases": [release_to_dict(r, include_pending) for r in releases],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


SCHEMA_PATH = PROJECT_ROOT / "docs" / "schema" / "releases.schema.json"
_FLAT_TEXT = {"type": "string", "minLength": 1}


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output, derived from the pydantic models."""
    from pydantic import TypeAdapter

    from centralasia.release.models import KeyMessage, Record, ReleaseMeta

    records = TypeAdapter(Record).json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs = dict(records.pop("$defs", {}))
    for model in RECORD_MODELS.values():
        d = defs[model.__name__]
        d["required"] = sorted({*d.get("required", []), "label_de", "label_en", "quote", "start", "end"})
        d["properties"].update({"label_de": _FLAT_TEXT, "label_en": _FLAT_TEXT, "quote": {"type": "string", "minLength": 1},
                                "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 1}})  # fmt: skip
        d["patternProperties"] = {f"^({'|'.join(model.LOCALISED)})_[a-z]{{2}}$": _FLAT_TEXT}
        d["additionalProperties"] = False
    meta = ReleaseMeta.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs.update(meta.pop("$defs", {}))
    km = KeyMessage.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    km["patternProperties"] = {"^summary_[a-z]{2}$": _FLAT_TEXT}
    defs["KeyMessage"] = km
    meta["properties"].update(
        {
            "title_en": _FLAT_TEXT,
            "publisher_en": _FLAT_TEXT,
            "usage_en": _FLAT_TEXT,
            "usage_de": _FLAT_TEXT,
            "date": {"type": "string", "format": "date"},
            "text": {"type": "string"},
            "key_messages": {"type": "array", "items": {"$ref": "#/$defs/KeyMessage"}},
            "records": {"type": "array", "items": records},
            "pending_review": {"type": "integer", "minimum": 0, "description": "records flagged review: pending (drafts)"},
        }
    )
    meta["required"] = sorted({*meta.get("required", []), "text", "records", "title_en", "publisher_en"})
    meta["additionalProperties"] = False
    meta["title"] = "Release"
    defs["Release"] = meta
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/centralasia-dashboard/schema/releases.schema.json",
        "title": "Central Asia Cooperation Dashboard – releases export",
        "description": "Output of `python -m centralasia export --format json`. Each record carries its representative "
        "mention (the first that names it) at the top level (quote, start, end: character offsets into `text`), all mentions in `mentions`, "
        "`labels` per language and the flat `label_de`/`label_en` of version 1.",
        "type": "object",
        "required": ["format", "version", "releases"],
        "properties": {
            "format": {"const": "centralasia-releases"},
            "version": {"const": EXPORT_VERSION},
            "releases": {"type": "array", "items": {"$ref": "#/$defs/Release"}},
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_csv(releases: Iterable[Release]) -> str:
    """One row per mention: release_id, id, kind, label_de, label_en, mention, quote, start, end.

    Text cells starting with = + - @ tab or CR are prefixed with ' (OWASP CSV injection rule).
    """
    from centralasia.safe_text import frame_csv

    return frame_csv(mentions_frame(releases))


def frame_to_csv(df: pd.DataFrame) -> bytes:
    """CSV bytes with a UTF-8 byte-order mark, so spreadsheet programs show umlauts correctly.

    Every CSV the app offers goes through here or ``to_csv``: formula-like cells are neutralised.
    """
    from centralasia.safe_text import frame_csv

    return frame_csv(df).encode("utf-8-sig")
