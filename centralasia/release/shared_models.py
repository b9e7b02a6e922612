"""Models of the files every release shares: the entity registry (``data/entities.yaml``) and the vocabularies
(``data/vocab.yaml``).

Vocabulary values (stance, domain, status, position) are plain slugs that records use; the loader checks them
against these vocabularies, so a new value is a data change, not a code change.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

import pycountry
from pydantic import BaseModel, Field, field_validator, model_validator

from centralasia.release.languages import LABEL_LANGUAGES, LANG_CODE, LocalisedModel, StrictModel, Texts, pick
from centralasia.release.models import RECORD_MODELS, SLUG, Coordinates, Iso3, Kind, PlaceType


class Entity(LocalisedModel):
    """One entry of the shared entity registry (``data/entities.yaml``), referred to by records of any release."""

    LOCALISED: ClassVar[dict[str, str]] = {"label": "labels", "role": "role", "note": "note"}
    REQUIRED_LANGUAGES: ClassVar[tuple[str, ...]] = LABEL_LANGUAGES
    # Fields a record of this entity inherits unless it states them itself.
    RECORD_DEFAULTS: ClassVar[tuple[str, ...]] = (
        "labels",
        "role",
        "country",
        "place_type",
        "iso3",
        "acronym",
        "part_of",
        "place",
        "coordinates",
    )

    id: str = Field(pattern=SLUG)
    kind: Kind
    labels: Texts = Field(min_length=1)
    aliases: dict[Annotated[str, Field(pattern=LANG_CODE)], list[Annotated[str, Field(min_length=1)]]] = Field(default_factory=dict)
    family_names: list[Annotated[str, Field(min_length=2)]] = Field(default_factory=list)
    role: Texts | None = None
    country: str | None = None
    place_type: PlaceType | None = None
    iso2: str | None = None
    iso3: Iso3 | None = None
    acronym: str | None = None
    part_of: str | None = None
    place: str | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    coordinates: Coordinates | None = None
    note: Texts | None = None

    @field_validator("iso2")
    @classmethod
    def _iso2(cls, v: str | None) -> str | None:
        if v is not None and pycountry.countries.get(alpha_2=v) is None:
            raise ValueError(f"'{v}' is not an ISO 3166-1 alpha-2 country code")
        return v

    @model_validator(mode="after")
    def _kind_fields(self):
        if self.kind == "person" and not self.role:
            raise ValueError("a person needs a role (role: {de, en, ru})")
        if self.kind == "country" and not self.iso3:
            raise ValueError("a country needs iso3")
        if self.kind == "place" and not self.place_type:
            raise ValueError("a place needs place_type (city, region or sea)")
        return self

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or self.id

    def names(self) -> list[str]:
        """Every name this entity goes by: labels and aliases in all languages, longest first, without repeats."""
        seen = dict.fromkeys([*self.labels.values(), *(a for names in self.aliases.values() for a in names)])
        return sorted(seen, key=len, reverse=True)

    def references(self) -> list[tuple[str, str]]:
        return [(f, v) for f in ("country", "part_of", "place") if (v := getattr(self, f))]

    def record_defaults(self) -> dict[str, Any]:
        """What a record of this entity inherits, for the fields its kind has."""
        fields = RECORD_MODELS[self.kind].model_fields
        out: dict[str, Any] = {"kind": self.kind}
        for name in self.RECORD_DEFAULTS:
            value = getattr(self, name)
            if name in fields and value is not None:
                out[name] = value.model_dump() if isinstance(value, BaseModel) else value
        return out


class VocabularyValue(LocalisedModel):
    """One value of an open vocabulary: its label in every interface language and its chart colour."""

    LOCALISED: ClassVar[dict[str, str]] = {"label": "labels"}
    REQUIRED_LANGUAGES: ClassVar[tuple[str, ...]] = LABEL_LANGUAGES

    labels: Texts = Field(min_length=1)
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or ""


VocabularyName = Literal["stances", "domains", "statuses", "positions"]


class Vocabularies(StrictModel):
    """``data/vocab.yaml``: the values records may use for stance, domain, status and position."""

    stances: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    domains: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    statuses: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    positions: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    # Cue words of the draft tool (checked by centralasia.release.draft_cues.read_cues, which only the draft reads).
    cues: dict[Annotated[str, Field(pattern=SLUG)], dict[str, Any]] = Field(default_factory=dict)

    def group(self, name: str) -> dict[str, VocabularyValue]:
        return getattr(self, name)
