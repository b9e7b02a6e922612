"""The languages of the data, and models whose texts are one mapping per language.

A text is ``{"de": …, "en": …, "ru": …}`` with a declared fallback (:data:`FALLBACK_LANGUAGE`); :func:`pick`
reads it. Flat ``label_de``/``label_en`` keys of older files fold into the mapping on load
(:class:`LocalisedModel`); code reads texts through ``record.localised(prefix, lang)`` or a model's own methods.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

# Languages the data may carry labels in, and the one used when a label lacks the asked language.
LABEL_LANGUAGES: tuple[str, ...] = ("de", "en", "ru")
FALLBACK_LANGUAGE = "en"
LANG_CODE = r"^[a-z]{2}$"
_FLAT_KEY = re.compile(r"^(?P<prefix>[a-z][a-z_]*?)_(?P<lang>[a-z]{2})$")
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


class StrictModel(BaseModel):
    """A frozen model that refuses unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class LocalisedModel(StrictModel):
    """A model whose texts are per-language mappings; ``<prefix>_<lang>`` keys fold into them on input.

    ``LOCALISED`` maps a flat prefix to its mapping field, e.g. ``{"label": "labels"}``: ``label_de: X`` in a file
    becomes ``labels["de"] = X``; ``obj.localised("label", "de")`` reads ``labels`` with the fallback.
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
