"""Typed records of a press release: the pydantic models every loader and view relies on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KINDS: tuple[str, ...] = (
    "country",
    "person",
    "place",
    "event",
    "sector",
    "initiative",
    "institution",
    "conflict",
)
Kind = Literal["country", "person", "place", "event", "sector", "initiative", "institution", "conflict"]

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

Stance = Literal["expand", "strengthen", "advance", "invest", "advocate"]
Domain = Literal["bilateral", "un-reform", "peace-neutrality", "sustainable-development", "transport", "environment", "dialogue"]
InitiativeStatus = Literal["proposed", "advocated", "deepening", "established", "investing", "long-standing-position", "ongoing-commitment"]
Position = Literal["welcomes-progress", "welcomes-negotiations", "two-state-solution", "engagement", "multilateralism"]
PlaceType = Literal["city", "region", "sea"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class _Span(_Strict):
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


class Coordinates(_Strict):
    """A WGS84 point taken from outside the release, with its source."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    source: str = Field(min_length=3)
    approximate: bool = False


def _check_iso3(code: str) -> str:
    if pycountry.countries.get(alpha_3=code) is None:
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-3 country code")
    return code


class RecordBase(_Strict):
    """Fields every record shares, whatever its kind."""

    id: str = Field(pattern=SLUG)
    label_de: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    mentions: list[Mention] = Field(min_length=1)
    links: list[str] = Field(default_factory=list)
    note_de: str | None = None
    note_en: str | None = None
    # The label repeats the release's own wording (e.g. „Ukraine-Konflikt“) rather than a neutral name.
    release_term: bool = False

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en

    def references(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Every id this record points to: (field, target id, kinds the target may have; empty = any)."""
        return [("links", target, ()) for target in self.links]

    def spans(self) -> list[tuple[str, Mention]]:
        """Every verbatim span this record holds, as (field path, span); the loader checks each against the text."""
        return [(f"mentions[{i}]", m) for i, m in enumerate(self.mentions)]


class Country(RecordBase):
    kind: Literal["country"]
    iso3: str

    @field_validator("iso3")
    @classmethod
    def _iso(cls, v: str) -> str:
        return _check_iso3(v)


class Person(RecordBase):
    kind: Literal["person"]
    role_de: str = Field(min_length=1)
    role_en: str = Field(min_length=1)
    country: str

    def references(self):
        return [*super().references(), ("country", self.country, ("country",))]


class Place(RecordBase):
    kind: Literal["place"]
    place_type: PlaceType
    iso3: str | None = None
    country: str | None = None
    coordinates: Coordinates | None = None

    @field_validator("iso3")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        return None if v is None else _check_iso3(v)

    def references(self):
        extra = [("country", self.country, ("country",))] if self.country else []
        return [*super().references(), *extra]


class Event(RecordBase):
    kind: Literal["event"]
    date: str
    date_source: str = Field(min_length=3)
    place: str | None = None

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
    kind: Literal["sector"]
    countries: list[str] = Field(min_length=1)
    stance: Stance
    statement_de: str = Field(min_length=1)
    statement_en: str = Field(min_length=1)
    # Who says it (people or countries), and whether the release reports it in indirect speech
    # ("Kasachstan investiere …"): then it is that speaker's own statement, not a joint commitment.
    said_by: list[str] = Field(default_factory=list)
    reported_speech: bool = False

    def references(self):
        refs = [*super().references(), *(("countries", c, ("country",)) for c in self.countries)]
        return refs + [("said_by", s, ("country", "person")) for s in self.said_by]


class Initiative(RecordBase):
    kind: Literal["initiative"]
    domain: Domain
    proposed_by: list[str] = Field(default_factory=list)
    supported_by: list[str] = Field(default_factory=list)
    status: InitiativeStatus
    status_de: str = Field(min_length=1)
    status_en: str = Field(min_length=1)
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
    kind: Literal["conflict"]
    parties: list[str] = Field(default_factory=list)
    # Optional: only with a source for it (the release itself names no regions).
    region_de: str | None = None
    region_en: str | None = None
    position: Position
    position_de: str = Field(min_length=1)
    position_en: str = Field(min_length=1)

    def references(self):
        return [*super().references(), *(("parties", p, ("country",)) for p in self.parties)]


Record = Annotated[
    Country | Person | Place | Event | Sector | Initiative | Institution | Conflict,
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
}


class KeyMessage(_Span):
    """A headline message of the release, standing on one verbatim quote."""

    id: str = Field(pattern=SLUG)
    summary_de: str = Field(min_length=1)
    summary_en: str = Field(min_length=1)

    def summary(self, lang: str) -> str:
        return self.summary_de if lang == "de" else self.summary_en

    def as_mention(self) -> Mention:
        return Mention(quote=self.quote, start=self.start, end=self.end)


class ReleaseMeta(_Strict):
    """metadata.yaml of one release folder."""

    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    date: dt.date
    publisher: str = Field(min_length=1)
    publisher_en: str = Field(min_length=1)
    dateline: str = Field(min_length=1)
    language: Literal["de", "en"]
    channel: str = Field(min_length=1)
    text_file: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    usage_de: str = Field(min_length=1)
    usage_en: str = Field(min_length=1)
    key_messages: list[KeyMessage] = Field(default_factory=list)

    def title_in(self, lang: str) -> str:
        return self.title if lang == "de" else self.title_en

    def publisher_in(self, lang: str) -> str:
        return self.publisher if lang == "de" else self.publisher_en

    def usage(self, lang: str) -> str:
        return self.usage_de if lang == "de" else self.usage_en


class TranslatedParagraph(_Strict):
    """One paragraph of the unofficial English translation, aligned to the original."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    en: str = Field(min_length=1)
