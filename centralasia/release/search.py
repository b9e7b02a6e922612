"""Across releases: the release list, full-text search (SQLite FTS5, standard library) and the entity view.

Pure functions over a :class:`~centralasia.release.loader.Catalog`; no Streamlit. The search index is an in-memory
SQLite database built once per catalog (the Releases page caches it); it holds every paragraph of every
release text and every quote of every record, so a hit always points back to its release and paragraph.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from dataclasses import dataclass

import pandas as pd

from centralasia.release.loader import Catalog, Release

# Snippet markers: control characters that never occur in a release text, so the caller can escape the
# snippet and then turn them into highlight markup.
HIT_START, HIT_END = "\x02", "\x03"


def releases_frame(catalog: Catalog, lang: str) -> pd.DataFrame:
    """One row per release, newest first: date, title, publisher, language and counts."""
    rows = []
    for r in catalog.releases:
        rows.append(
            {
                "id": r.id,
                "date": r.meta.date,
                "title": r.meta.title_in(lang),
                "publisher": r.meta.publisher_in(lang),
                "language": r.meta.language,
                "records": len(r.records),
                "mentions": sum(len(x.mentions) for x in r.records),
                "countries": len(r.of_kind("country")),
                "pending": r.pending_count,
                "newest": r is catalog.releases[0],
            }
        )
    cols = ["id", "date", "title", "publisher", "language", "records", "mentions", "countries", "pending", "newest"]
    return pd.DataFrame(rows, columns=cols)


def paragraph_of(release: Release, offset: int) -> int:
    """1-based number of the paragraph that holds character ``offset`` (the reader's "¶3"); an offset between two
    paragraphs counts to the next one. A binary search over the release's cached paragraph ends."""
    ends = release.paragraph_ends
    return min(bisect.bisect_right(ends, offset) + 1, len(ends))


@dataclass(frozen=True)
class Hit:
    release_id: str
    date: str
    source: str  # "text" (a paragraph of the release) or "quote" (a record's mention)
    record_id: str | None
    paragraph: int
    snippet: str  # with HIT_START/HIT_END around the matched words
    start: int
    end: int


class SearchIndex:
    """Full-text index over release paragraphs and record quotes (FTS5, diacritics folded: "Tokajew" = "tokajew")."""

    def __init__(self, catalog: Catalog):
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, release_id UNINDEXED, date UNINDEXED, source UNINDEXED, "
            "record_id UNINDEXED, paragraph UNINDEXED, start UNINDEXED, end_ UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
        )
        rows = []
        for release in catalog.releases:
            date = release.meta.date.isoformat()
            for n, (start, end) in enumerate(release.paragraphs(), start=1):
                rows.append((release.text[start:end], release.id, date, "text", None, n, start, end))
            for record in release.records:
                for m in record.mentions:
                    rows.append((m.quote, release.id, date, "quote", record.id, paragraph_of(release, m.start), m.start, m.end))
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    @staticmethod
    def query_of(text: str) -> str | None:
        """A safe FTS5 query from what a user typed: every word must occur; the last may be a prefix.

        Users type words, not FTS syntax: quotes, AND/OR/NEAR, colons and brackets are taken literally.
        """
        words = re.findall(r"\w+", text, flags=re.UNICODE)
        if not words:
            return None
        quoted = [f'"{w}"' for w in words[:12]]
        quoted[-1] += "*"
        return " ".join(quoted)

    def search(self, text: str, source: str | None = None, limit: int = 50) -> list[Hit]:
        """Hits for ``text``, newest release first, then by position; ``source`` limits to "text" or "quote"."""
        query = self.query_of(text)
        if query is None:
            return []
        sql = (
            f"SELECT release_id, date, source, record_id, paragraph, snippet(docs, 0, '{HIT_START}', '{HIT_END}', '…', 24), start, end_ "
            "FROM docs WHERE docs MATCH ?"
        )
        params: list = [query]
        if source:
            sql += " AND source = ?"
            params.append(source)
        sql += " ORDER BY date DESC, release_id, start LIMIT ?"
        params.append(limit)
        return [Hit(r[0], r[1], r[2], r[3], int(r[4]), r[5], int(r[6]), int(r[7])) for r in self.db.execute(sql, params)]


def entity_ids(catalog: Catalog) -> list[str]:
    """Every entity (registry id or record id) that at least one release mentions, most releases first."""
    counts: dict[str, int] = {}
    for release in catalog.releases:
        for key in {r.entity or r.id for r in release.records}:
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda k: (-counts[k], k))


def entity_label(catalog: Catalog, entity_id: str, lang: str) -> str:
    """The entity's label from the newest release that mentions it."""
    for release in catalog.releases:
        for record in release.records:
            if (record.entity or record.id) == entity_id:
                return record.label(lang)
    return entity_id


def entity_labels(catalog: Catalog, lang: str) -> dict[str, str]:
    """Picker labels for :func:`entity_ids`, unique: two entities with the same name get their role (or id) added,
    and any still alike their id. One pass over the records (newest release first), linear in their number."""
    from collections import Counter

    from centralasia.release.vocab import entity_registry

    first: dict[str, str] = {}
    for release in catalog.releases:  # newest first: the first label seen is the newest
        for record in release.records:
            first.setdefault(record.entity or record.id, record.label(lang))
    labels = {e: first.get(e, e) for e in entity_ids(catalog)}
    counts = Counter(labels.values())
    registry = entity_registry()
    for key, label in labels.items():
        if counts[label] > 1:
            entity = registry.get(key)
            labels[key] = f"{label} ({entity.localised('role', lang) or key})" if entity and entity.role else f"{label} ({key})"
    counts = Counter(labels.values())
    return {key: f"{label} · {key}" if counts[label] > 1 else label for key, label in labels.items()}


def entity_frame(catalog: Catalog, entity_id: str, lang: str) -> pd.DataFrame:
    """Everything all releases say about one entity: one row per mention, newest release first."""
    rows = []
    for release in catalog.releases:  # the catalog is sorted newest first
        for record in release.records:
            if (record.entity or record.id) != entity_id:
                continue
            for m in sorted(record.mentions, key=lambda m: m.start):
                rows.append(
                    {
                        "release_id": release.id,
                        "date": release.meta.date,
                        "release": release.meta.title_in(lang),
                        "publisher": release.meta.publisher_in(lang),
                        "record_id": record.id,
                        "kind": record.kind,
                        "label": record.label(lang),
                        "paragraph": paragraph_of(release, m.start),
                        "quote": m.quote,
                        "start": m.start,
                        "end": m.end,
                    }
                )
    cols = ["release_id", "date", "release", "publisher", "record_id", "kind", "label", "paragraph", "quote", "start", "end"]
    return pd.DataFrame(rows, columns=cols)
