"""Context indicators: published statistics that give a release's sectors their background (data/context/indicators.yaml).

They are not release facts. Each figure carries its own source (publisher, title, date, URL, scope), is
validated on load and shown apart from what the release says. A broken file yields no indicators and
one problem line; the pages keep working.

Every text a reader sees exists per interface language in the data (``label_de``, ``label_en``, ``label_ru`` …;
a missing language falls back to English). Numbers are never written into those texts: a text holds ``{0}``,
``{1}`` … and the numbers sit in ``values``; :func:`fill` formats them for the reader's locale with Babel
(„4,48“ in German and Russian, "4.48" in English). The same helpers serve the corridor figures of the map page
(data/geo/corridor_figures.yaml): :func:`figure_value` and :func:`source_text`.

Scope: each indicator says what it ``covers`` (a key of ``scopes`` in the file), and ``sector_scopes`` lists what
a sector may be shown with. A figure about all goods is never shown under agriculture: the loader refuses it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from babel.numbers import format_percent
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from centralasia.i18n import format_date, format_number, locale, t
from centralasia.settings import PROJECT_ROOT

INDICATORS_FILE = PROJECT_ROOT / "data" / "context" / "indicators.yaml"
FALLBACK = "en"
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_QUOTES = {"de": ("„", "“"), "en": ("“", "”"), "ru": ("«", "»")}


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])


def fill(template: str, values: Iterable[float], lang: str) -> str:
    """``template`` with ``{0}``, ``{1}`` … replaced by ``values`` formatted for ``lang`` (as many decimals as the data has)."""
    numbers = [format_number(v, lang, _decimals(v)) for v in values]
    return _PLACEHOLDER.sub(lambda m: numbers[int(m.group(1))] if int(m.group(1)) < len(numbers) else m.group(0), template)


def pick_text(data: Mapping, prefix: str, lang: str) -> str:
    """``data[f"{prefix}_{lang}"]``, else the English text, else ``data[prefix]``, else ""."""
    return str(data.get(f"{prefix}_{lang}") or data.get(f"{prefix}_{FALLBACK}") or data.get(prefix) or "")


def figure_value(row: Mapping, lang: str) -> str:
    """The value of a corridor figure in ``lang``: its ``value_<lang>`` text with ``values`` filled in by locale."""
    return fill(pick_text(row, "value", lang), row.get("values") or [], lang)


def source_text(source: object, lang: str) -> str:
    """'Publisher, „Title“, date' with the publisher in ``lang`` (``publisher_<lang>``), the title in the quotation marks
    of ``lang`` (it stays in its own language) and the date formatted for it."""
    if not isinstance(source, Mapping):
        return str(source or "")
    date = source.get("date")
    date_text = format_date(str(date), lang) if date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", str(date)) else (str(date) if date else "")
    opening, closing = _QUOTES.get(lang, _QUOTES[FALLBACK])
    title = f"{opening}{source['title']}{closing}" if source.get("title") else ""
    parts = [pick_text(source, "publisher", lang), title, date_text]
    return ", ".join(p for p in parts if p)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSource(_Strict):
    publisher: str = Field(min_length=2)
    publisher_en: str = Field(min_length=2)
    publisher_ru: str | None = None
    title: str | None = None
    date: dt.date
    url: HttpUrl
    scope_de: str = Field(min_length=3)
    scope_en: str = Field(min_length=3)
    scope_ru: str | None = None

    def scope(self, lang: str) -> str:
        return getattr(self, f"scope_{lang}", None) or self.scope_en

    def publisher_in(self, lang: str) -> str:
        """`publisher` is the German name; `publisher_<lang>` the others (English when a language lacks one)."""
        return self.publisher if lang == "de" else getattr(self, f"publisher_{lang}", None) or self.publisher_en

    def line(self, lang: str) -> str:
        """'Publisher, “Title”, 27 May 2024' (a headline the stored copy lost reads 'report of <date>')."""
        publisher = self.publisher_in(lang)
        date = format_date(self.date, lang)
        if self.title:
            opening, closing = _QUOTES.get(lang, _QUOTES[FALLBACK])
            return f"{publisher}, {opening}{self.title}{closing}, {date}"
        return f"{publisher}, {t('context.report_of', lang, date=date)}"


class Indicator(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    sectors: list[str] = Field(min_length=1)
    # What the figure measures, a key of the file's `scopes`; the file's `sector_scopes` say which sectors it may serve.
    covers: str | None = None
    label_de: str = Field(min_length=2)
    label_en: str = Field(min_length=2)
    label_ru: str | None = None
    # `period` sorts (it names the first year); `period_<lang>` is shown when the period has words („Jan.–Sep. 2021“).
    period: str = Field(min_length=1)
    period_de: str | None = None
    period_en: str | None = None
    period_ru: str | None = None
    value: float | None = None
    # Several numbers in one value („über {0} (Ziel {1})“): the numbers here, the words per language.
    values: list[float] = Field(default_factory=list)
    value_text_de: str | None = None
    value_text_en: str | None = None
    value_text_ru: str | None = None
    unit_de: str = Field(min_length=1)
    unit_en: str = Field(min_length=1)
    unit_ru: str | None = None
    # Change in per cent; `change_<lang>` says against what, with {0} for the formatted percentage.
    change_pct: float | None = None
    change_de: str | None = None
    change_en: str | None = None
    change_ru: str | None = None
    source: IndicatorSource

    @model_validator(mode="after")
    def _has_a_value(self):
        if self.value is None and not (self.value_text_de and self.value_text_en):
            raise ValueError("give either value or both value_text_de and value_text_en (with {0}… for the numbers in values)")
        if self.change_pct is not None and not (self.change_de and self.change_en):
            raise ValueError("change_pct needs change_de and change_en (with {0} for the percentage)")
        return self

    def _text(self, prefix: str, lang: str) -> str | None:
        return getattr(self, f"{prefix}_{lang}", None) or getattr(self, f"{prefix}_{FALLBACK}", None)

    def label(self, lang: str) -> str:
        return self._text("label", lang) or self.id

    def period_text(self, lang: str) -> str:
        return self._text("period", lang) or self.period

    def change_text(self, lang: str) -> str:
        if self.change_pct is None:
            return ""
        pct = format_percent(Decimal(str(self.change_pct)) / 100, locale=locale(lang), decimal_quantization=False)
        return (self._text("change", lang) or "{0}").replace("{0}", ("+" if self.change_pct > 0 else "") + pct)

    def value_text(self, lang: str) -> str:
        if self.value is not None:
            text = format_number(self.value, lang, _decimals(self.value))
        else:
            text = fill(self._text("value_text", lang) or "", self.values, lang)
        change = self.change_text(lang)
        return f"{text} {self._text('unit', lang)}" + (f" ({change})" if change else "")


class IndicatorFile(_Strict):
    # What a figure may measure (key → description for maintainers) and which of those each sector may be shown with.
    scopes: dict[str, str] = Field(default_factory=dict)
    sector_scopes: dict[str, list[str]] = Field(default_factory=dict)
    indicators: list[Indicator] = Field(default_factory=list)

    @model_validator(mode="after")
    def _scopes_fit(self):
        for n, ind in enumerate(self.indicators):
            if ind.covers is None:
                continue
            if ind.covers not in self.scopes:
                raise ValueError(f"indicators.{n}.covers: '{ind.covers}' is not a key of scopes")
            for sector in ind.sectors:
                if ind.covers not in self.sector_scopes.get(sector, []):
                    raise ValueError(
                        f"indicators.{n}: a figure covering '{ind.covers}' cannot be shown under sector '{sector}' (sector_scopes)"
                    )
        return self


def read_file(path: Path = INDICATORS_FILE) -> tuple[IndicatorFile | None, str | None]:
    """The whole file (scopes, sector scopes, indicators) and None, or None and a one-line problem."""
    if not path.exists():
        return IndicatorFile(), None
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        parsed = IndicatorFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return None, f"{path.name}: {where + ': ' if where else ''}{err['msg']}"
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        return None, f"{path.name}: {str(exc).splitlines()[0]}"
    ids = [i.id for i in parsed.indicators]
    if len(set(ids)) != len(ids):
        return None, f"{path.name}: duplicate indicator id"
    return parsed, None


def read_indicators(path: Path = INDICATORS_FILE) -> tuple[tuple[Indicator, ...], str | None]:
    """All indicators and None, or no indicators and a one-line problem naming the file and field."""
    parsed, problem = read_file(path)
    return (tuple(parsed.indicators), None) if parsed is not None else ((), problem)


@lru_cache(maxsize=4)
def indicators(path: Path = INDICATORS_FILE) -> tuple[tuple[Indicator, ...], str | None]:
    return read_indicators(path)


def chronological(found) -> list[Indicator]:
    """Indicators in order of the first year their period names (then by source date)."""

    def key(i: Indicator):
        year = re.search(r"\d{4}", i.period)
        return (int(year.group()) if year else 9999, i.source.date)

    return sorted(found, key=key)


def for_sector(sector_id: str, path: Path = INDICATORS_FILE) -> list[Indicator]:
    return chronological(i for i in indicators(path)[0] if sector_id in i.sectors)
