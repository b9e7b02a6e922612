"""Reading a sentence around a cue for a draft: the phrase a cue word opens ("UN-Resolution zur Gründung eines
Regionalzentrums"), and the date the sentence gives ("am 12. Dezember" takes the year from the release date)."""

from __future__ import annotations

import datetime as dt
import re

from centralasia.release.draft_cues import Tok
from centralasia.release.draft_layout import month_numbers

# ---------------------------------------------------------------- phrases


_STOP = {
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "und", "oder", "sowie", "in", "im",
           "am", "an", "auf", "mit", "von", "vom", "zu", "zur", "zum", "für", "über", "bei", "nach", "aus", "als", "auch", "sich", "sie",
           "er", "es", "wir", "ihr", "ihre", "ihren", "ihrer", "sein", "seine", "seiner", "seinen", "dass", "wie", "nicht", "noch", "so",
           "hat", "haben", "ist", "sind", "war", "wurde", "wurden", "wird", "werden", "soll", "sollen", "kann", "beim", "gegen", "um",
           "zwischen", "dieser", "diese", "dieses", "neben"},
    "en": {"the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were",
           "be", "been", "will", "would", "has", "have", "had", "that", "which", "who", "its", "their", "his", "her", "this", "these",
           "it", "they", "he", "she", "we", "also", "not", "between", "about", "over", "into", "during", "after", "before"},
    "ru": {"и", "в", "во", "на", "с", "со", "по", "для", "о", "об", "из", "к", "ко", "что", "не", "это", "как", "а", "но", "или", "от",
           "до", "за", "при", "между", "его", "её", "их", "был", "была", "были", "будет"},
}  # fmt: skip
_COMPLEMENT = {
    "de": {"zur", "zum", "über", "für", "zu", "des", "der", "von", "vom", "gegen", "zwischen", "mit", "in", "im", "nach"},
    "en": {"on", "of", "for", "to", "about", "between", "against", "with", "in"},
    "ru": {"о", "об", "по", "для", "между", "с", "в", "против"},
}
_INSIDE = {  # words that may continue a phrase after its complement starts
    "de": {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "für", "in", "im", "zur", "zum",
           "von", "vom", "und", "über", "am", "an", "mit", "zu", "zwischen"},
    "en": {"the", "a", "an", "of", "for", "in", "on", "to", "and", "between", "with"},
    "ru": {"о", "об", "по", "для", "в", "и", "с", "между"},
}  # fmt: skip
_MAX_COMPLEMENT_TOKENS = 8
_CONJUNCTIONS = {"und", "and", "и"}


def _verbish(tok: Tok, lang: str) -> bool:
    """A word that ends a phrase: German lower-case words that are no adjective, English past forms."""
    if lang == "de":
        return tok.text[:1].islower() and tok.alpha and not tok.lower.endswith(_DE_ADJ_END) and tok.lower not in _INSIDE["de"]
    if lang == "en":
        return tok.text[:1].islower() and tok.lower.endswith("ed")
    return False


_DE_ADJ_END = ("e", "en", "er", "es", "em")


def phrase_span(toks: list[Tok], i: int, lang: str, sent: tuple[int, int]) -> tuple[int, int]:
    """Token range [left, right] of the phrase around cue token ``i``: modifiers before it, a complement after it."""
    stop = _STOP.get(lang, set())
    left = i
    j = i - 1
    while j >= 0 and i - j <= 3 and toks[j].start >= sent[0]:
        tok = toks[j]
        if tok.text in ("'s", "’s") and j - 1 >= 0 and toks[j - 1].text[:1].isupper() and toks[j - 1].start >= sent[0]:
            left, j = j - 1, j - 2
            continue
        if not tok.alpha or tok.lower in stop:
            break
        # a German modifier is an inflected adjective ("gemeinsame" → gemeinsam); a word its lemma leaves as it is
        # ("unterzeichnen") is a verb
        if lang == "de" and not (tok.text[:1].islower() and tok.lower.endswith(_DE_ADJ_END) and tok.lemma != tok.lower):
            break
        if lang == "en" and i - j > 2:
            break
        left, j = j, j - 1
    right = i
    if i + 1 < len(toks) and toks[i + 1].lower in _COMPLEMENT.get(lang, set()) and toks[i + 1].end <= sent[1]:
        inside = _INSIDE.get(lang, set())
        k, last_content = i + 1, i
        while k < len(toks) and k - i <= _MAX_COMPLEMENT_TOKENS and toks[k].end <= sent[1]:
            tok = toks[k]
            if not tok.alpha and not tok.text.rstrip(".").isdigit():
                break
            if tok.lower in inside:
                if tok.lower in _CONJUNCTIONS and k + 1 < len(toks) and _verbish(toks[k + 1], lang):
                    break
                k += 1
                continue
            if tok.lower in stop or _verbish(tok, lang):
                break
            last_content = k
            k += 1
        right = last_content
    return left, right


# ---------------------------------------------------------------- dates in a sentence


def _month_table(lang: str) -> dict[str, int]:
    return month_numbers(lang) | month_numbers("en")


def sentence_date(sentence: str, lang: str, release_date: dt.date, near: int = 0) -> tuple[str, str, str] | None:
    """(date, the words that give it, how) for the date written in ``sentence`` nearest to position ``near``;
    None when it names none."""
    months = _month_table(lang)
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    full = [
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mn>{names})\.?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(rf"\b(?P<mn>{names})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I),
    ]
    found: list[tuple[int, str, str, str]] = []
    for pattern in full:
        for m in pattern.finditer(sentence):
            month = int(m["m"]) if "m" in m.groupdict() and m.groupdict().get("m") else months.get(m["mn"].lower().rstrip("."))
            try:
                day = dt.date(int(m["y"]), month, int(m["d"]))
            except (TypeError, ValueError):
                continue
            found.append((m.start(), day.isoformat(), m.group(), "as stated"))
    if not found:
        for m in re.finditer(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mn>{names})\b", sentence, re.I):
            month = months.get(m["mn"].lower().rstrip("."))
            try:
                day = dt.date(release_date.year, month, int(m["d"]))
            except (TypeError, ValueError):
                continue
            found.append((m.start(), day.isoformat(), m.group(), "day as stated, year from the release date"))
        for m in re.finditer(rf"\b(?P<mn>{names})\s+(?P<y>\d{{4}})\b", sentence, re.I):
            month = months.get(m["mn"].lower().rstrip("."))
            if month:
                found.append((m.start(), f"{int(m['y']):04d}-{month:02d}", m.group(), "month as stated"))
    if not found:
        found = [
            (m.start(), m.group(), m.group(), "year as stated") for m in re.finditer(r"(?<![\d.,-])(?:19|20)\d{2}(?![\d,-])", sentence)
        ]
    if not found:
        return None
    _, date, words, how = min(found, key=lambda f: abs(f[0] - near))
    return date, words, how
