"""A release at a glance, in plain Python rows: who spoke, where and when, how many records of each kind,
which countries, and the release's label in a picker.

This is what the Overview page and the shared sidebar show, the page most readers open first. It needs
neither pandas nor Plotly, so a freshly started server answers that page without importing them
(``tests/unit/test_light_first_page.py`` keeps it so). ``tables.py`` wraps these rows in DataFrames for
tables, charts and exports.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from centralasia.i18n import t
from centralasia.release.loader import Catalog, Release
from centralasia.release.models import KINDS, Mention, RecordBase
from centralasia.release.vocab import entity_registry


class PersonRow(NamedTuple):
    id: str
    label: str
    role: str
    country: str  # the country's label, "" when the release does not say
    mentions: int


class KindCount(NamedTuple):
    kind: str
    kind_label: str
    records: int
    mentions: int


class CountryRow(NamedTuple):
    id: str
    iso3: str
    label: str
    mentions: int
    partner: bool  # one of the release's partners (its people speak for it), not only mentioned
    role: str


def main_event(release: Release) -> RecordBase | None:
    """The event the release reports on: the first event with a place, else the first event."""
    events = sorted(release.of_kind("event"), key=lambda e: e.mentions[0].start)
    return next((e for e in events if e.place), events[0] if events else None)


def names(record: RecordBase) -> list[str]:
    """Every name the record goes by: its labels in all languages and, for a registry entity, its aliases and family names."""
    found = [*record.labels.values()]
    entity = entity_registry().get(record.entity) if record.entity else None
    if entity is not None:
        found += [*entity.names(), *entity.family_names]
    return [n for n in dict.fromkeys(found) if n]


def representative(record: RecordBase) -> Mention:
    """THE quote that stands for a record wherever one quote is shown (tables, charts, map, exports).

    The rule, in this one place: the first mention (in text order) that names the thing, i.e. whose words contain
    one of the record's names (:func:`names`, case-insensitive); when no mention names it, the first mention.
    So „den Präsidenten beider Länder“, shared by two people, never stands for either of them.
    """
    ordered = sorted(record.mentions, key=lambda m: (m.start, m.end))
    lowered = [n.casefold() for n in names(record)]
    return next((m for m in ordered if any(n in m.quote.casefold() for n in lowered)), ordered[0])


def occasion(release: Release, lang: str) -> list[str]:
    """What the release reports on: the main event and the events it names for the same day (e.g. an anniversary)."""
    event = main_event(release)
    if event is None:
        return []
    same_day = [e for e in release.of_kind("event") if e.id != event.id and e.date == getattr(event, "date", None)]
    return [event.label(lang), *(e.label(lang) for e in same_day)]


def paragraph_number(release: Release, start: int) -> int:
    """1-based number of the paragraph holding character ``start`` (the headline is ¶1), as quotes cite it ("¶3")."""
    return max(1, bisect.bisect_right(release.paragraph_starts, start))


def partner_country_ids(release: Release) -> list[str]:
    """Countries whose people speak in the release (its partners), in order of first mention."""
    ids = {p.country for p in release.of_kind("person") if p.country}
    return [c.id for c in sorted(release.of_kind("country"), key=lambda c: c.mentions[0].start) if c.id in ids]


def people(release: Release, lang: str) -> list[PersonRow]:
    """The people named, in the release's order, with role, country and how often they are mentioned."""
    return [
        PersonRow(
            p.id, p.label(lang), p.localised("role", lang), release.record(p.country).label(lang) if p.country else "", len(p.mentions)
        )
        for p in release.of_kind("person")
    ]


def kind_counts(release: Release, lang: str) -> list[KindCount]:
    """Records and mentions per kind, in the canonical kind order, zero rows kept."""
    rows = []
    for kind in KINDS:
        records = release.of_kind(kind)
        rows.append(KindCount(kind, t(f"kinds.{kind}", lang), len(records), sum(len(r.mentions) for r in records)))
    return rows


def countries(release: Release, lang: str) -> list[CountryRow]:
    """Every country record with ISO code, mention count and its role in the release, partners first."""
    partners = set(partner_country_ids(release))
    return [
        CountryRow(
            c.id,
            c.iso3,
            c.label(lang),
            len(c.mentions),
            c.id in partners,
            t("overview.release_country" if c.id in partners else "overview.mentioned_country", lang),
        )  # fmt: skip
        for c in sorted(release.of_kind("country"), key=lambda c: (c.id not in partners, c.mentions[0].start))
    ]


def unique_release_labels(catalog: Catalog, lang: str, date_text: Callable[[date, str], str]) -> dict[str, str]:
    """A picker label per release id, unique even for releases with the same date and title.

    ``date_text`` formats a date for ``lang``. Labels read "12 December 2025 · Title…"; when two collide the
    publisher, then the id, is added, so the picker never shows two identical entries.
    """
    base = {r.id: f"{date_text(r.meta.date, lang)} · {shorten(r.meta.title_in(lang))}" for r in catalog.releases}
    labels = dict(base)
    for rid, label in base.items():
        if list(base.values()).count(label) > 1:
            labels[rid] = f"{label} · {shorten(catalog.get(rid).meta.publisher_in(lang), 30)}"
    for rid, label in labels.items():
        if list(labels.values()).count(label) > 1:
            labels[rid] = f"{label} · {rid}"
    return labels


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut (titles in pickers and source lines)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
