"""Machine-readable exports of the releases: the JSON and CSV public data API."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from centralasia.frames import mentions_frame
from centralasia.loader import Release

EXPORT_VERSION = 1


def record_to_dict(record) -> dict:
    """A record with its first mention's quote/start/end promoted to the top level, plus all ``mentions``."""
    data = record.model_dump(mode="json")
    first = record.mentions[0]
    ordered = {
        "id": record.id,
        "kind": record.kind,
        "label_de": record.label_de,
        "label_en": record.label_en,
        "quote": first.quote,
        "start": first.start,
        "end": first.end,
    }
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return ordered


def release_to_dict(release: Release) -> dict:
    meta = release.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "title_en": meta.title_en,
        "date": meta.date.isoformat(),
        "publisher": meta.publisher,
        "publisher_en": meta.publisher_en,
        "dateline": meta.dateline,
        "language": meta.language,
        "channel": meta.channel,
        "usage_en": meta.usage_en,
        "usage_de": meta.usage_de,
        "sha256": meta.sha256,
        "text": release.text,
        "key_messages": [m.model_dump(mode="json") for m in meta.key_messages],
        "records": [record_to_dict(r) for r in release.records],
    }


def to_json(releases: Iterable[Release]) -> str:
    """``{"releases": [...]}``: one entry per record (first mention at top level, all in ``mentions``)."""
    payload = {"format": "centralasia-releases", "version": EXPORT_VERSION, "releases": [release_to_dict(r) for r in releases]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


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
