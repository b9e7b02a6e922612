"""Finding the registry's entities in a press release for a draft, and the names a reviewer should look at.

A registry entity (``data/entities.yaml``) is found through its labels, aliases, transliterations and inflected
forms (German genitive "Kasachstans", adjective "turkmenischer", English possessive "Kazakhstan's", Russian cases
"Казахстана"): text and registry names go through the same :func:`normalise`. What is not in the registry
(countries, acronyms, titled people), near-matches and bare surnames shared by several people become candidates.
Needs the optional extra ``draft`` (spaCy's tokenizer and PhraseMatcher, simplemma, rapidfuzz).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from centralasia.release.reading import MAX_TEXT_BYTES
from centralasia.release.vocab import EntityRegistry

_DE_ADJECTIVE = re.compile(r"^(.{3,}isch)(e|er|en|es|em)$")
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ий", "ый", "ой", "ей", "ом", "ем", "ым", "им", "ую", "юю", "ая", "яя",
               "ое", "ее", "ые", "ие", "ых", "их", "а", "я", "у", "ю", "е", "ы", "и", "о")  # fmt: skip


def normalise(word: str, lang: str) -> str:
    """A key that inflected forms of a name share: "Kasachstans" → "kasachstan", "turkmenischer" → "turkmenisch",
    "Казахстана" → "казахстан". Text and registry names go through the same function, so a match means both
    reduce to the same key."""
    w = unicodedata.normalize("NFC", word).lower().replace("’", "'")
    if lang == "de":
        if m := _DE_ADJECTIVE.match(w):
            return m.group(1)
        if w.endswith("es") and len(w) >= 6 and w[-3] not in "aeiouäöü":
            return w[:-2]
        if w.endswith("s") and len(w) >= 5 and w[-2] not in "s'":
            return w[:-1]
        return w
    if lang == "ru":
        for ending in _RU_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                return w[: -len(ending)]
        return w
    if w.endswith("'s"):
        return w[:-2]
    return w


@dataclass
class Found:
    entity: str
    start: int
    end: int
    how: str  # "name" (label/alias) or "surname"


@dataclass
class Candidate:
    text: str
    kind: str
    reason: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind, "reason": self.reason}
        if self.suggestions:
            out["registry_suggestions"] = self.suggestions
        out["mentions"] = self.mentions
        return out


_TITLES = {
    "de": ["Präsident", "Präsidentin", "Außenminister", "Außenministerin", "Minister", "Ministerin", "Premierminister",
           "Ministerpräsident", "Botschafter", "Botschafterin", "Vorsitzende", "Vorsitzender", "Kanzler", "Bundeskanzler"],
    "en": ["President", "Minister", "Foreign Minister", "Prime Minister", "Ambassador", "Chairman", "Chairwoman", "Chancellor",
           "Secretary-General", "Deputy"],
    "ru": ["Президент", "Президента", "Министр", "Министра", "Премьер-министр", "Посол", "Председатель"],
}  # fmt: skip


class Matcher:
    """Registry names as spaCy PhraseMatcher patterns over normalised tokens, for one language."""

    def __init__(self, registry: EntityRegistry, lang: str):
        import spacy
        from spacy.matcher import PhraseMatcher

        self.lang = lang
        self.registry = registry
        self.nlp = spacy.blank(lang)
        # Texts are refused above the loader's limit before they get here; spaCy's own limit must never be the one hit.
        self.nlp.max_length = MAX_TEXT_BYTES + 1
        self.names = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.surnames = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.surname_owners: dict[str, set[str]] = defaultdict(set)
        for entity in registry.entities.values():
            self.names.add(entity.id, [self._doc(n) for n in entity.names()])
            if entity.family_names:
                self.surnames.add(entity.id, [self._doc(n) for n in entity.family_names])
                for name in entity.family_names:
                    self.surname_owners[self._key(name)].add(entity.id)

    def _doc(self, text: str):
        doc = self.nlp.make_doc(text)
        for token in doc:
            token.norm_ = normalise(token.text, self.lang)
        return doc

    def _key(self, text: str) -> str:
        return " ".join(t.norm_ for t in self._doc(text))

    def find(self, text: str) -> tuple[list[Found], list[Candidate], Any]:
        """Registry mentions (longest match wins) and ambiguous surnames, as character offsets into ``text``."""
        from spacy.util import filter_spans

        doc = self._doc(text)
        spans = []
        for match_id, start, end in self.names(doc):
            span = doc[start:end]
            span.label_ = "name:" + self.nlp.vocab.strings[match_id]
            spans.append(span)
        for match_id, start, end in self.surnames(doc):
            span = doc[start:end]
            span.label_ = "surname:" + self.nlp.vocab.strings[match_id]
            spans.append(span)
        found: list[Found] = []
        ambiguous: dict[str, Candidate] = {}
        # A bare surname matches every registry person who carries it: one span per person. Keep the longest
        # span per position; for surnames decide below whether exactly one person carries it.
        by_position: dict[tuple[int, int], set[str]] = defaultdict(set)
        for span in spans:
            by_position[(span.start, span.end)].add(span.label_)
        kept = filter_spans(spans)
        for span in kept:
            labels = by_position[(span.start, span.end)]
            names = {lbl.split(":", 1)[1] for lbl in labels if lbl.startswith("name:")}
            surnames = {lbl.split(":", 1)[1] for lbl in labels if lbl.startswith("surname:")}
            quote = text[span.start_char : span.end_char]
            if len(names) == 1:
                found.append(Found(next(iter(names)), span.start_char, span.end_char, "name"))
            elif len(names) > 1 or len(surnames) > 1:
                owners = sorted(names or surnames)
                cand = ambiguous.setdefault(
                    quote.lower(),
                    Candidate(
                        quote,
                        "person" if surnames else "unknown",
                        "shared by several registry entries; not linked to any of them: pick the right one",
                        suggestions=owners,
                    ),  # fmt: skip
                )
                cand.mentions.append({"quote": quote, "start": span.start_char, "end": span.end_char})
            elif len(surnames) == 1:
                found.append(Found(next(iter(surnames)), span.start_char, span.end_char, "surname"))
        found += self._compound_heads(doc, text, found)
        return found, list(ambiguous.values()), doc

    def _compound_heads(self, doc, text: str, found: list[Found]) -> list[Found]:
        """German compounds name an entity in their first part: "UN-Universität", "Ukraine-Konflikt" → UN, Ukraine."""
        single: dict[str, set[str]] = defaultdict(set)
        for entity in self.registry.entities.values():
            for name in entity.names():
                if " " not in name and "-" not in name:
                    single[normalise(name, self.lang)].add(entity.id)
        taken = [(f.start, f.end) for f in found]
        out = []
        for token in doc:
            head, dash, _ = token.text.partition("-")
            if not dash or not head:
                continue
            start, end = token.idx, token.idx + len(head)
            owners = single.get(normalise(head, self.lang), set())
            if len(owners) == 1 and not any(s <= start and end <= e for s, e in taken):
                out.append(Found(next(iter(owners)), start, end, "compound"))
        # a compound that is itself a registry name (UN-Sicherheitsrat) was matched whole: keep that, add the head too
        for f in list(found):
            quote = text[f.start : f.end]
            head, dash, _ = quote.partition("-")
            owners = single.get(normalise(head, self.lang), set()) if dash and " " not in head else set()
            if len(owners) == 1 and next(iter(owners)) != f.entity:
                out.append(Found(next(iter(owners)), f.start, f.start + len(head), "compound"))
        return out


def _country_names(lang: str) -> dict[str, str]:
    """Country name (in ``lang`` and English) → ISO alpha-3, from pycountry's ISO 3166 data and its translations."""
    import pycountry

    out: dict[str, str] = {}
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext if lang != "en" else (lambda s: s)
    except OSError:
        tr = lambda s: s  # noqa: E731
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", c.name)}:
            out[name] = c.alpha_3
            out[tr(name)] = c.alpha_3
    return out


def find_candidates(text: str, lang: str, doc, found: list[Found], registry: EntityRegistry) -> list[Candidate]:
    """Names a reviewer may want to add to the registry, and near-matches of registry names."""
    from rapidfuzz import fuzz, process

    taken = [(f.start, f.end) for f in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    out: dict[tuple[str, str], Candidate] = {}

    def add(quote: str, start: int, kind: str, reason: str, suggestions: list[str] | None = None) -> None:
        cand = out.setdefault((kind, quote), Candidate(quote, kind, reason, suggestions=suggestions or []))
        cand.mentions.append({"quote": quote, "start": start, "end": start + len(quote)})
        taken.append((start, start + len(quote)))

    registry_iso3 = {e.iso3 for e in registry.of_kind("country")}
    for name, iso3 in sorted(_country_names(lang).items(), key=lambda kv: -len(kv[0])):
        if iso3 in registry_iso3 or len(name) < 4:
            continue
        for m in re.finditer(rf"\b{re.escape(name)}(s|'s|’s)?\b", text):
            if free(m.start(), m.start() + len(name)):
                add(name, m.start(), "country", f"country not in the registry (ISO 3166-1 {iso3})")
    known = {n for e in registry.entities.values() for n in e.names()}
    for m in re.finditer(r"\b[A-ZÄÖÜА-Я]{2,6}\b", text):
        if m[0] not in known and free(m.start(), m.end()) and not m[0].isdigit():
            add(m[0], m.start(), "institution", "acronym not in the registry")
    # Other spellings of registry names: capitalised words close to a single-word registry name.
    single = {n: e.id for e in registry.entities.values() for n in [*e.names(), *e.family_names] if " " not in n and len(n) >= 5}
    for token in doc:
        if not token.text[:1].isupper() or len(token.text) < 5 or not free(token.idx, token.idx + len(token.text)):
            continue
        best = process.extractOne(token.text, list(single), scorer=fuzz.ratio, score_cutoff=85)
        if best and normalise(best[0], lang) != normalise(token.text, lang):
            owners = sorted({single[n] for n in single if fuzz.ratio(n, best[0]) == 100 or n == best[0]})
            add(token.text, token.idx, "unknown", f"close to the registry name '{best[0]}' ({best[1]:.0f} %): another spelling?", owners)
    titles = sorted(_TITLES.get(lang, []), key=len, reverse=True)
    name_token = r"[A-ZÄÖÜÁÉÍÓÚÝŞÇА-Я][\w’'-]+"
    for m in re.finditer(rf"\b(?:{'|'.join(map(re.escape, titles))})\s+(?P<name>{name_token}(?:\s+{name_token}){{0,2}})", text):
        start, end = m.start("name"), m.end("name")
        if free(start, end):
            add(m["name"], start, "person", f"named with a title ({m[0].split()[0]}); not in the registry")
    return sorted(out.values(), key=lambda c: c.mentions[0]["start"])
