"""Interface strings and language-aware formatting of dates, numbers and lists.

The strings live in one YAML catalogue per language, ``centralasia/locales/<lang>.yaml`` (key → text). Why YAML
and not gettext ``.po``: the keys are stable ids (``sectors.table_title``), not English source sentences, so
a key-value file per language is what translators and reviewers edit and diff; it needs no compile step (``.mo``)
before deployment and loads with PyYAML, which the app already uses. Babel supplies what gettext would have:
CLDR plural rules (a text may be a mapping ``{one, few, many, other}``), dates, numbers and lists.

Adding a language is a data change: a new ``<lang>.yaml`` with every key, the language in ``LANGUAGES`` below
and its labels in ``data/entities.yaml`` and ``data/vocab.yaml``; tests/unit/test_i18n.py names what is missing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = ("en", "de", "ru")
DEFAULT_LANGUAGE = "en"
# A key missing in a language falls back to this one (a test keeps that from happening in shipped catalogues).
FALLBACK_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "ru": "Русский"}
# The CLDR locale behind each interface language: British English writes "12 December 2025".
BABEL_LOCALES = {"en": "en_GB", "de": "de_DE", "ru": "ru_RU"}


@functools.cache
def catalogue(lang: str) -> dict[str, str | dict[str, str]]:
    """The strings of one language (read once per process)."""
    path = LOCALES_DIR / f"{lang}.yaml"
    if not path.exists():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}


def _catalogue_view() -> dict[str, tuple[str, ...]]:
    return {key: tuple(catalogue(lang).get(key, "") for lang in LANGUAGES) for key in catalogue(FALLBACK_LANGUAGE)}


def locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(lang, BABEL_LOCALES[FALLBACK_LANGUAGE]))


def normalise_language(value: object) -> str | None:
    """One of LANGUAGES for a tag like 'de-DE', 'EN' or 'ru_RU'; None for anything else."""
    if not isinstance(value, str):
        return None
    tag = value.strip().lower().replace("_", "-").split("-")[0]
    return tag if tag in LANGUAGES else None


def _plural(text: Mapping[str, str], lang: str, values: Mapping[str, object]) -> str:
    number = values.get("n", values.get("count", 0))
    try:
        category = locale(lang).plural_form(abs(float(number)) if "." in str(number) else abs(int(number)))
    except (TypeError, ValueError):
        category = "other"
    return text.get(category) or text.get("other") or next(iter(text.values()))


def _text(key: str, lang: str, values: Mapping[str, object]) -> str | None:
    text = catalogue(lang).get(key)
    if isinstance(text, Mapping):
        text = _plural(text, lang, values)
    return text


def t(key: str, lang: str, **values: object) -> str:
    """The catalogue string ``key`` in ``lang`` (fallback language if missing) with ``{placeholders}`` filled in.

    Raises KeyError only for a key no catalogue has. A translation whose placeholders do not fit the values
    (caught by tests/unit/test_i18n.py, but never worth a crashed page) falls back to the fallback language.
    """
    text = _text(key, lang, values)
    if text is None:
        text = _text(key, FALLBACK_LANGUAGE, values)
        if text is None:
            raise KeyError(key)
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return (_text(key, FALLBACK_LANGUAGE, values) or text).format_map(_Keep(values))


class _Keep(dict):
    """format_map helper: a placeholder without a value stays visible as {name}."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_date(value: dt.date | str, lang: str) -> str:
    """12. Dezember 2025 / 12 December 2025 / 12 декабря 2025 г.; partial dates ('2025', '2025-12') stay partial."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _babel_date(value, format="long", locale=locale(lang))
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=locale(lang))
    return _babel_date(dt.date(*parts), format="long", locale=locale(lang))


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1,234.5 in English, 1.234,5 in German, 1 234,5 in Russian."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale(lang))


def join_list(items: Iterable[str], lang: str) -> str:
    """'a, b and c' / 'a, b und c' / 'a, b и c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return format_list(items, locale=locale(lang))


# Quotation marks per interface language (CLDR's delimiters): a German quote shown to a Russian reader is set
# in «…», the marks of the sentence it stands in, not those of the quoted language.
QUOTATION_MARKS = {"en": ("“", "”"), "de": ("„", "“"), "ru": ("«", "»")}


def quoted(text: str, lang: str) -> str:
    """``text`` in the quotation marks of ``lang``: „…“ (de), “…” (en), «…» (ru)."""
    start, end = QUOTATION_MARKS.get(lang, QUOTATION_MARKS[FALLBACK_LANGUAGE])
    return f"{start}{text}{end}"


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in the interface language: "de" → "German" / "Deutsch" / "немецкий"."""
    return locale(lang).languages.get(code, code)
