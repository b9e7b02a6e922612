"""Typed records of a press release, the shared entity registry and the open vocabularies.

Labels and other texts are one mapping per language (``{"de": …, "en": …, "ru": …}``) with a declared
fallback (:data:`FALLBACK_LANGUAGE`); the flat ``label_de``/``label_en`` fields of older files are folded into that
mapping on load and stay readable as attributes (``record.label_de``), so code written against them keeps working.
Vocabulary values (stance, domain, status, position) are plain slugs checked against ``data/vocab.yaml`` by the
loader: a new value is a data change, not a code change.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails

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

# Languages the data may carry labels in, and the one used when a label lacks the asked language.
LABEL_LANGUAGES: tuple[str, ...] = ("de", "en", "ru")
FALLBACK_LANGUAGE = "en"
LANG_CODE = r"^[a-z]{2}$"
_FLAT_KEY = re.compile(r"^(?P<prefix>[a-z][a-z_]*?)_(?P<lang>[a-z]{2})$")

PlaceType = Literal["city", "region", "sea"]
ReviewState = Literal["pending", "confirmed"]
VocabValue = Annotated[str, Field(pattern=SLUG)]
Texts = dict[Annotated[str, Field(pattern=LANG_CODE)], Annotated[str, Field(min_length=1)]]


# ISO 639-1 (two-letter) language codes as pycountry lists them. Written out because loading pycountry's
# language table (about 7,900 ISO 639-3 entries) to check two letters was the largest part of loading the
# releases when a server starts; tests/unit/test_validation.py checks that the two agree.
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv "
    "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie "
    "ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv "
    "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm "
    "rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr "
    "ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)


def _is_language(code: str) -> bool:
    return code in ISO_639_1


def pick(texts: dict[str, str] | None, lang: str, fallback: str = FALLBACK_LANGUAGE) -> str | None:
    """The text in ``lang``, else in the fallback language, else in any language it has; None when empty."""
    if not texts:
        return None
    return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class _Localised(_Strict):
    """A model whose texts are per-language mappings; ``<prefix>_<lang>`` keys fold into them on input.

    ``LOCALISED`` maps a flat prefix to its mapping field, e.g. ``{"label": "labels"}``: ``label_de: X`` in a file
    becomes ``labels["de"] = X``, and ``obj.label_de`` reads ``labels`` with the fallback.
    """

    LOCALISED: ClassVar[dict[str, str]] = {}
    # Every text of a release's records is written at least in German and English; Russian and other languages
    # are optional and fall back to FALLBACK_LANGUAGE. (Registry and vocabulary labels need all LABEL_LANGUAGES.)
    REQUIRED_LANGUAGES: ClassVar[tuple[str, ...]] = ("de", "en")

    @model_validator(mode="before")
    @classmethod
    def _fold_flat_texts(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not cls.LOCALISED:
            return data
        out = dict(data)
        for key in list(out):
            match = _FLAT_KEY.match(key) if isinstance(key, str) else None
            if not match or match["prefix"] not in cls.LOCALISED or key in cls.model_fields or not _is_language(match["lang"]):
                continue
            target = cls.LOCALISED[match["prefix"]]
            merged = out.get(target) or {}
            if not isinstance(merged, dict):
                continue  # the field's own validation reports the wrong type
            value = out.pop(key)
            if value is None:
                continue
            merged = dict(merged)
            if match["lang"] in merged and merged[match["lang"]] != value:
                raise ValueError(f"{key} ({value!r}) contradicts {target}.{match['lang']} ({merged[match['lang']]!r})")
            merged[match["lang"]] = value
            out[target] = merged
        missing = [InitErrorDetails(type="missing", loc=(f"{prefix}_{lang}",), input=data) for prefix, lang in cls._missing_languages(out)]
        if missing:
            raise ValidationError.from_exception_data(cls.__name__, missing)
        return out

    @classmethod
    def _missing_languages(cls, data: dict) -> list[tuple[str, str]]:
        """(prefix, language) of every required text that lacks a required language."""
        out = []
        for prefix, target in cls.LOCALISED.items():
            texts = data.get(target)
            if texts is None and not cls.model_fields[target].is_required():
                continue
            if texts is not None and not isinstance(texts, dict):
                continue
            out += [(prefix, lang) for lang in cls.REQUIRED_LANGUAGES if not (texts or {}).get(lang)]
        return out

    def localised(self, prefix: str, lang: str) -> str | None:
        """The text of ``prefix`` (e.g. ``"status"``) in ``lang``, with the fallback language."""
        return pick(getattr(self, self.LOCALISED[prefix]), lang)

    def flat_texts(self, languages: tuple[str, ...] = LABEL_LANGUAGES) -> dict[str, str]:
        """``{"label_de": …, "label_en": …}`` for every localised text that has a value (the export's flat shape)."""
        out = {}
        for prefix in self.LOCALISED:
            for lang in languages:
                value = self.localised(prefix, lang)
                if value is not None:
                    out[f"{prefix}_{lang}"] = value
        return out


def _add_flat_accessors(cls: type[_Localised]) -> type[_Localised]:
    """``label_de``, ``label_en``, ``label_ru`` … as read-only properties (older code and templates use them)."""
    for prefix in cls.LOCALISED:
        for lang in LABEL_LANGUAGES:
            name = f"{prefix}_{lang}"
            if name in cls.model_fields or name in vars(cls):
                continue
            setattr(cls, name, property(lambda self, p=prefix, lg=lang: self.localised(p, lg)))
    return cls


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


Iso3 = Annotated[str, AfterValidator(_check_iso3)]


class RecordBase(_Localised):
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
for _model in RECORD_MODELS.values():
    _add_flat_accessors(_model)


class KeyMessage(_Span, _Localised):
    """A headline message of the release, standing on one verbatim quote."""

    LOCALISED: ClassVar[dict[str, str]] = {"summary": "summaries"}

    id: str = Field(pattern=SLUG)
    summaries: Texts = Field(min_length=1)

    def summary(self, lang: str) -> str:
        return pick(self.summaries, lang) or ""

    def as_mention(self) -> Mention:
        return Mention(quote=self.quote, start=self.start, end=self.end)


_add_flat_accessors(KeyMessage)


class ReleaseMeta(_Localised):
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


_add_flat_accessors(ReleaseMeta)


class Entity(_Localised):
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


_add_flat_accessors(Entity)


class VocabularyValue(_Localised):
    """One value of an open vocabulary: its label in every interface language and its chart colour."""

    LOCALISED: ClassVar[dict[str, str]] = {"label": "labels"}
    REQUIRED_LANGUAGES: ClassVar[tuple[str, ...]] = LABEL_LANGUAGES

    labels: Texts = Field(min_length=1)
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or ""


_add_flat_accessors(VocabularyValue)
VocabularyName = Literal["stances", "domains", "statuses", "positions"]


class Vocabularies(_Strict):
    """``data/vocab.yaml``: the values records may use for stance, domain, status and position."""

    stances: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    domains: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    statuses: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    positions: dict[Annotated[str, Field(pattern=SLUG)], VocabularyValue] = Field(min_length=1)
    # Cue words of the draft tool (checked by centralasia.release.draft_topics.read_cues, which only the draft reads).
    cues: dict[Annotated[str, Field(pattern=SLUG)], dict[str, Any]] = Field(default_factory=dict)

    def group(self, name: str) -> dict[str, VocabularyValue]:
        return getattr(self, name)


class TranslatedParagraph(_Strict):
    """One paragraph of the unofficial English translation, aligned to the original."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    en: str = Field(min_length=1)
