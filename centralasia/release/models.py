"""Typed records of a press release: the record kinds, their verbatim mentions, key messages and metadata.

Texts are per-language mappings read with ``record.localised(prefix, lang)`` or the model's own methods
(``label(lang)``, ``summary(lang)`` …); see :mod:`centralasia.release.languages`. The shared entity registry and the
vocabularies are in :mod:`centralasia.release.shared_models`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

import pycountry
from pydantic import AfterValidator, Field, field_validator, model_validator

from centralasia.release.languages import FALLBACK_LANGUAGE, LANG_CODE, LocalisedModel, StrictModel, Texts, pick

KINDS: tuple[str, ...] = (
    "country",
    "person",
    "place",
    "event",
    "sector",
    "initiative",
    "institution",
    "conflict",
    "status",
)
Kind = Literal["country", "person", "place", "event", "sector", "initiative", "institution", "conflict", "status"]

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

PlaceType = Literal["city", "region", "sea"]
ReviewState = Literal["pending", "confirmed"]
VocabValue = Annotated[str, Field(pattern=SLUG)]


class _Span(StrictModel):
    quote: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if self.end - self.start != len(self.quote):
            raise ValueError(f"end - start = {self.end - self.start} but the quote has {len(self.quote)} characters")
        return self


class Mention(_Span):
    """One verbatim span of the release text: ``text[start:end] == quote``."""


class Coordinates(StrictModel):
    """A WGS84 point taken from outside the release, with its source."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    source: str = Field(min_length=3)
    approximate: bool = False


def _check_iso3(code: str) -> str:
    if pycountry.countries.get(alpha_3=code) is None:
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-3 country code")
    return code


Iso3 = Annotated[str, AfterValidator(_check_iso3)]


class RecordBase(LocalisedModel):
    """Fields every record shares, whatever its kind.

    A record may refer to an entity of the shared registry (``entity: kazakhstan``); the loader then fills in
    what the registry knows (kind, labels, ISO code, coordinates …) and the record adds what this release says.
    """

    LOCALISED: ClassVar[dict[str, str]] = {"label": "labels", "note": "note"}

    id: str = Field(pattern=SLUG)
    entity: str | None = Field(default=None, pattern=SLUG)
    labels: Texts = Field(min_length=1)
    mentions: list[Mention] = Field(min_length=1)
    links: list[str] = Field(default_factory=list)
    note: Texts | None = None
    # The label repeats the release's own wording (e.g. „Ukraine-Konflikt“) rather than a neutral name.
    release_term: bool = False
    # Set by `python -m centralasia draft` on every pre-filled record; a reviewer confirms (or deletes the line).
    review: ReviewState | None = None

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or self.id

    @property
    def pending(self) -> bool:
        return self.review == "pending"

    def references(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Every id this record points to: (field, target id, kinds the target may have; empty = any)."""
        return [("links", target, ()) for target in self.links]

    def spans(self) -> list[tuple[str, Mention]]:
        """Every verbatim span this record holds, as (field path, span); the loader checks each against the text."""
        return [(f"mentions[{i}]", m) for i, m in enumerate(self.mentions)]

    def vocabulary_values(self) -> list[tuple[str, str, str]]:
        """(field, vocabulary, value) for each field whose values come from ``data/vocab.yaml``."""
        return []


class Country(RecordBase):
    kind: Literal["country"]
    iso3: Iso3


class Person(RecordBase):
    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "role": "role"}

    kind: Literal["person"]
    role: Texts = Field(min_length=1)
    # The country the person acts for; empty when this release mentions the person but not the country.
    country: str | None = None

    def references(self):
        extra = [("country", self.country, ("country",))] if self.country else []
        return [*super().references(), *extra]


class Place(RecordBase):
    kind: Literal["place"]
    place_type: PlaceType
    iso3: Iso3 | None = None
    country: str | None = None
    coordinates: Coordinates | None = None

    def references(self):
        extra = [("country", self.country, ("country",))] if self.country else []
        return [*super().references(), *extra]


class Event(RecordBase):
    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "date_note": "date_note"}

    @classmethod
    def _missing_languages(cls, data: dict) -> list[tuple[str, str]]:
        # date_note may exist in some languages only: pages show it where the reader's language has it.
        return [(prefix, lang) for prefix, lang in super()._missing_languages(data) if prefix != "date_note"]

    kind: Literal["event"]
    date: str
    date_source: str = Field(min_length=3)
    # How the date was derived, for readers, per language ("Tag laut Mitteilung, Jahr aus dem Erscheinungsdatum").
    date_note: Texts | None = None
    place: str | None = None

    def date_note_in(self, lang: str) -> str | None:
        """How the date was derived, in ``lang`` only (pages never show another language's note): None when missing."""
        return (self.date_note or {}).get(lang)

    @field_validator("date")
    @classmethod
    def _date_parses(cls, v: str) -> str:
        if not PARTIAL_DATE.match(v):
            raise ValueError(f"'{v}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in v.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
        except ValueError as exc:
            raise ValueError(f"'{v}' is not a valid date ({exc})") from None
        return v

    def references(self):
        extra = [("place", self.place, ("place",))] if self.place else []
        return [*super().references(), *extra]


class Sector(RecordBase):
    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "statement": "statement"}

    kind: Literal["sector"]
    countries: list[str] = Field(min_length=1)
    stance: VocabValue
    statement: Texts = Field(min_length=1)
    # Who says it (people or countries), and whether the release reports it in indirect speech
    # ("Kasachstan investiere …"): then it is that speaker's own statement, not a joint commitment.
    said_by: list[str] = Field(default_factory=list)
    reported_speech: bool = False
    # Verbatim spans that frame the statement without being it (narration such as „stellte … heraus“),
    # kept apart from the mentions so a quote of the sector is always the speaker's own statement.
    background: list[Mention] = Field(default_factory=list)

    def spans(self):
        return [*super().spans(), *((f"background[{i}]", m) for i, m in enumerate(self.background))]

    def references(self):
        refs = [*super().references(), *(("countries", c, ("country",)) for c in self.countries)]
        return refs + [("said_by", s, ("country", "person")) for s in self.said_by]

    def vocabulary_values(self):
        return [("stance", "stances", self.stance)]


class Initiative(RecordBase):
    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "status": "status_text"}

    kind: Literal["initiative"]
    domain: VocabValue
    proposed_by: list[str] = Field(default_factory=list)
    supported_by: list[str] = Field(default_factory=list)
    status: VocabValue
    status_text: Texts = Field(min_length=1)
    part_of: str | None = None
    # Verbatim spans that give the occasion or reason ("Angesichts wachsender globaler Spannungen"),
    # kept apart from the mentions of the initiative itself.
    background: list[Mention] = Field(default_factory=list)

    def spans(self):
        return [*super().spans(), *((f"background[{i}]", m) for i, m in enumerate(self.background))]

    def references(self):
        actors = ("country", "person", "institution")
        refs = [*super().references()]
        refs += [("proposed_by", a, actors) for a in self.proposed_by]
        refs += [("supported_by", a, actors) for a in self.supported_by]
        if self.part_of:
            refs.append(("part_of", self.part_of, ("initiative",)))
        return refs

    def vocabulary_values(self):
        return [("domain", "domains", self.domain), ("status", "statuses", self.status)]


class Institution(RecordBase):
    kind: Literal["institution"]
    acronym: str | None = None
    part_of: str | None = None
    place: str | None = None

    def references(self):
        refs = [*super().references()]
        if self.part_of:
            refs.append(("part_of", self.part_of, ("institution",)))
        if self.place:
            refs.append(("place", self.place, ("place",)))
        return refs


class Conflict(RecordBase):
    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "region": "region", "position": "position_text"}

    kind: Literal["conflict"]
    parties: list[str] = Field(default_factory=list)
    # Optional: only with a source for it (the release itself names no regions).
    region: Texts | None = None
    position: VocabValue
    position_text: Texts = Field(min_length=1)

    def references(self):
        return [*super().references(), *(("parties", p, ("country",)) for p in self.parties)]

    def vocabulary_values(self):
        return [("position", "positions", self.position)]


class Status(RecordBase):
    """A standing status of an actor that the release reports, e.g. Turkmenistan's permanent neutrality.

    Not an initiative (nobody proposes or advances it in the release), so it stays out of initiative counts
    and charts. ``holder`` is whose status it is; ``stressed_by`` who, in the release, underlines it;
    ``statement`` what the release says about it, per language.
    """

    LOCALISED: ClassVar[dict[str, str]] = {**RecordBase.LOCALISED, "statement": "statement"}

    kind: Literal["status"]
    holder: str
    statement: Texts = Field(min_length=1)
    stressed_by: list[str] = Field(default_factory=list)

    def references(self):
        refs = [*super().references(), ("holder", self.holder, ("country", "institution", "place"))]
        return refs + [("stressed_by", s, ("country", "person")) for s in self.stressed_by]


Record = Annotated[
    Country | Person | Place | Event | Sector | Initiative | Institution | Conflict | Status,
    Field(discriminator="kind"),
]
RECORD_MODELS: dict[str, type[RecordBase]] = {
    "country": Country,
    "person": Person,
    "place": Place,
    "event": Event,
    "sector": Sector,
    "initiative": Initiative,
    "institution": Institution,
    "conflict": Conflict,
    "status": Status,
}


class KeyMessage(_Span, LocalisedModel):
    """A headline message of the release, standing on one verbatim quote."""

    LOCALISED: ClassVar[dict[str, str]] = {"summary": "summaries"}

    id: str = Field(pattern=SLUG)
    summaries: Texts = Field(min_length=1)

    def summary(self, lang: str) -> str:
        return pick(self.summaries, lang) or ""

    def as_mention(self) -> Mention:
        return Mention(quote=self.quote, start=self.start, end=self.end)


class ReleaseMeta(LocalisedModel):
    """metadata.yaml of one release folder.

    ``title`` and ``publisher`` are the original's (in ``language``); translations sit in ``title_<lang>`` keys
    (folded into ``titles``); ``title_in(lang)`` falls back to the fallback language, then to the original.
    """

    LOCALISED: ClassVar[dict[str, str]] = {"title": "titles", "publisher": "publishers", "usage": "usages"}

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    titles: Texts = Field(default_factory=dict)
    date: dt.date
    publisher: str = Field(min_length=1)
    publishers: Texts = Field(default_factory=dict)
    dateline: str = Field(min_length=1)
    language: Annotated[str, Field(pattern=LANG_CODE)]
    channel: str = Field(min_length=1)
    text_file: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    usages: Texts = Field(min_length=1)
    key_messages: list[KeyMessage] = Field(default_factory=list)
    # Set by `python -m centralasia draft`; the metadata fields were guessed from the layout and need a look.
    review: ReviewState | None = None

    @classmethod
    def _missing_languages(cls, data: dict) -> list[tuple[str, str]]:
        original = data.get("language")
        out = []
        for prefix, target in cls.LOCALISED.items():
            texts = data.get(target) or {}
            if not isinstance(texts, dict):
                continue
            needed = cls.REQUIRED_LANGUAGES if prefix == "usage" else [FALLBACK_LANGUAGE]
            out += [(prefix, lang) for lang in needed if lang != (original if prefix != "usage" else None) and not texts.get(lang)]
        return out

    def title_in(self, lang: str) -> str:
        return self.title if lang == self.language else pick(self.titles, lang) or self.title

    def publisher_in(self, lang: str) -> str:
        return self.publisher if lang == self.language else pick(self.publishers, lang) or self.publisher

    def usage(self, lang: str) -> str:
        return pick(self.usages, lang) or ""

    def localised(self, prefix: str, lang: str) -> str | None:
        if prefix == "title":
            return self.title_in(lang)
        if prefix == "publisher":
            return self.publisher_in(lang)
        return super().localised(prefix, lang)


class TranslatedParagraph(StrictModel):
    """One paragraph of the unofficial English translation, aligned to the original."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    en: str = Field(min_length=1)
