"""What a draft reads from a press release's layout: its language, its dates, and title, dateline, channel and
publisher where the usual layouts put them (German ots: headline, "Ort (ots)", "Original-Content von: …";
government style: "PRESS RELEASE", "ASTANA, 3 March 2031 –", "Issued by: …")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATELINE_OTS = re.compile(r"^(?P<place>[^\n()]{2,80}?)\s*\((?P<channel>ots|dpa|afp|reuters|apa)\)", re.I | re.M)
_DATELINE_CAPS = re.compile(r"^(?P<place>[A-ZÄÖÜА-Я][A-ZÄÖÜА-Я /.-]{2,40}),\s*(?P<date>[^–—\n]{4,30}?)\s*[–—-]\s", re.M)
_PUBLISHER_PATTERNS = [
    re.compile(r"Original-Content von:\s*(?P<p>[^\n]+?),\s*übermittelt durch", re.I),
    re.compile(
        r"^(?:Issued by|Published by|Herausgeber|Herausgegeben von|Quelle|Source|Издатель|Источник)\s*:\s*(?P<p>[^\n]+)$", re.I | re.M
    ),
    re.compile(r"^(?P<p>(?:Press Service of|Pressestelle|Пресс-служба)[^\n]{3,120})$", re.M),
    re.compile(r"^(?P<p>(?:The )?(?:Embassy|Ministry|Office|Botschaft|Ministerium|Посольство|Министерство)\b[^\n]{3,120})$", re.M),
]
_RELEASE_MARKERS = {"press release", "pressemitteilung", "pressemeldung", "пресс-релиз", "for immediate release"}
_STOPWORDS = {
    "de": {"der", "die", "und", "das", "den", "für", "mit", "von", "ist", "des", "sich", "im"},
    "en": {"the", "and", "of", "to", "in", "for", "with", "is", "on", "that", "its", "by"},
    "ru": {"и", "в", "на", "с", "по", "для", "что", "не", "о", "из", "к", "его"},
}


def guess_language(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    return max(scores, key=scores.get)


def month_numbers(lang: str) -> dict[str, int]:
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context=context, locale=lang).items():
                out[name.lower().rstrip(".")] = number
    return out


def find_dates(text: str, lang: str) -> list[dt.date]:
    """Every full date written in ``text`` (ISO, "12. Dezember 2025", "3 March 2031", "March 3, 2031", "3 марта 2031")."""
    months = month_numbers(lang) | month_numbers("en")
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    patterns = [
        (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), None),
        (re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mn>{names})\.?\s+(?P<y>\d{{4}})\b", re.I), months),
        (re.compile(rf"\b(?P<mn>{names})\.?\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b", re.I), months),
    ]
    found: list[tuple[int, dt.date]] = []
    for pattern, table in patterns:
        for m in pattern.finditer(text):
            month = table[m["mn"].lower().rstrip(".")] if table else int(m["m"])
            try:
                found.append((m.start(), dt.date(int(m["y"]), month, int(m["d"]))))
            except ValueError:
                continue
    return [d for _, d in sorted(found)]


@dataclass
class Layout:
    title: str
    date: dt.date | None
    publisher: str | None
    dateline: str | None
    channel: str | None


def guess_layout(text: str, lang: str) -> Layout:
    lines = [line.strip() for line in text.splitlines()]
    content = [line for line in lines if line and line.lower().rstrip(":") not in _RELEASE_MARKERS]
    title = content[0] if content else ""
    dateline = channel = None
    date: dt.date | None = None
    head = "\n".join(lines[:12])
    if m := _DATELINE_OTS.search(head):
        dateline, channel = m["place"].strip(), m["channel"].lower()
    elif m := _DATELINE_CAPS.search(head):
        dateline = m["place"].strip().title()
        dates = find_dates(m["date"], lang)
        date = dates[0] if dates else None
    if date is None:
        dates = find_dates(text, lang)
        date = dates[0] if dates else None
    publisher = None
    for pattern in _PUBLISHER_PATTERNS:
        if m := pattern.search(text):
            publisher = m["p"].strip().rstrip(".")
            break
    return Layout(title=title, date=date, publisher=publisher, dateline=dateline, channel=channel)
