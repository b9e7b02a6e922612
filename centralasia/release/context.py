"""Context indicators: published statistics that give a release's sectors their background (data/context/indicators.yaml).

They are not release facts. Each figure carries its own source (publisher, title, date, URL, scope), is
validated on load and shown apart from what the release says. A broken file yields no indicators and
one problem line; the pages keep working.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from centralasia.i18n import format_date, format_number, t
from centralasia.release.loader import PROJECT_ROOT

INDICATORS_FILE = PROJECT_ROOT / "data" / "context" / "indicators.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSource(_Strict):
    publisher: str = Field(min_length=2)
    publisher_en: str = Field(min_length=2)
    title: str | None = None
    date: dt.date
    url: HttpUrl
    scope_de: str = Field(min_length=3)
    scope_en: str = Field(min_length=3)

    def scope(self, lang: str) -> str:
        return self.scope_de if lang == "de" else self.scope_en

    def line(self, lang: str) -> str:
        """'Publisher, “Title”, 27 May 2024' (a headline the stored copy lost reads 'report of <date>')."""
        publisher = self.publisher if lang == "de" else self.publisher_en
        date = format_date(self.date, lang)
        if self.title:
            return f"{publisher}, „{self.title}“, {date}"
        return f"{publisher}, {t('context.report_of', lang, date=date)}"


class Indicator(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    sectors: list[str] = Field(min_length=1)
    label_de: str = Field(min_length=2)
    label_en: str = Field(min_length=2)
    period: str = Field(min_length=1)
    value: float | None = None
    value_text_de: str | None = None
    value_text_en: str | None = None
    unit_de: str = Field(min_length=1)
    unit_en: str = Field(min_length=1)
    change_de: str | None = None
    change_en: str | None = None
    source: IndicatorSource

    @model_validator(mode="after")
    def _has_a_value(self):
        if self.value is None and not (self.value_text_de and self.value_text_en):
            raise ValueError("give either value or both value_text_de and value_text_en")
        return self

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en

    def value_text(self, lang: str) -> str:
        if self.value is not None:
            decimals = 0 if float(self.value).is_integer() else len(repr(self.value).split(".")[1])
            text = format_number(self.value, lang, decimals)
        else:
            text = self.value_text_de if lang == "de" else self.value_text_en
        unit = self.unit_de if lang == "de" else self.unit_en
        change = self.change_de if lang == "de" else self.change_en
        return f"{text} {unit}" + (f" ({change})" if change else "")


class IndicatorFile(_Strict):
    indicators: list[Indicator] = Field(default_factory=list)


def read_indicators(path: Path = INDICATORS_FILE) -> tuple[tuple[Indicator, ...], str | None]:
    """All indicators and None, or no indicators and a one-line problem naming the file and field."""
    if not path.exists():
        return (), None
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        parsed = IndicatorFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return (), f"{path.name}: {where}: {err['msg']}"
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        return (), f"{path.name}: {str(exc).splitlines()[0]}"
    ids = [i.id for i in parsed.indicators]
    if len(set(ids)) != len(ids):
        return (), f"{path.name}: duplicate indicator id"
    return tuple(parsed.indicators), None


@lru_cache(maxsize=4)
def indicators(path: Path = INDICATORS_FILE) -> tuple[tuple[Indicator, ...], str | None]:
    return read_indicators(path)


def chronological(found) -> list[Indicator]:
    """Indicators in order of the first year their period names (then by source date)."""
    import re

    def key(i: Indicator):
        year = re.search(r"\d{4}", i.period)
        return (int(year.group()) if year else 9999, i.source.date)

    return sorted(found, key=key)


def for_sector(sector_id: str, path: Path = INDICATORS_FILE) -> list[Indicator]:
    return chronological(i for i in indicators(path)[0] if sector_id in i.sectors)
