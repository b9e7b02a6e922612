"""The draft's cue words and finding them in a text: the ``cues:`` table of ``data/vocab.yaml``, tokens with their
lemmas (spaCy's blank tokenizer, simplemma), sentence spans, and the cue hits token by token."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

CueKind = Literal["sector", "initiative", "event", "conflict", "stance", "status", "position", "domain"]


class Cue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: CueKind
    labels: dict[str, str] = Field(min_length=1)
    words: dict[str, list[str]] = Field(min_length=1)
    exclude: dict[str, list[str]] = Field(default_factory=dict)
    value: str | None = None  # stance/status/position/domain: the vocabulary value it gives
    domain: str | None = None  # sector: the initiative domain it implies


def read_cues(raw: dict[str, Any]) -> dict[str, Cue]:
    """The ``cues:`` table of data/vocab.yaml, checked; a problem raises ValueError with one line."""
    out = {}
    for cue_id, entry in (raw or {}).items():
        try:
            out[cue_id] = Cue.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ValueError(f"data/vocab.yaml, cue '{cue_id}', field '{where}': {err['msg']}") from None
    return out


# ---------------------------------------------------------------- tokens, lemmas, sentences


@dataclass(frozen=True)
class Tok:
    text: str
    lower: str
    lemma: str
    start: int
    end: int

    @property
    def alpha(self) -> bool:
        return any(ch.isalpha() for ch in self.text)


def lemma_of(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


def tokenise(text: str, nlp, lang: str) -> list[Tok]:
    out = []
    for token in nlp.make_doc(text):
        raw = token.text
        # "2031." at a sentence end: the number without its full stop
        start = token.idx
        out.append(Tok(raw, raw.lower(), lemma_of(raw, lang), start, start + len(raw)))
    return out


_ABBREVIATIONS = {"dr", "nr", "bzw", "z", "b", "u", "a", "st", "mr", "mrs", "ms", "prof", "vs", "etc", "ca", "gen", "abs", "art"}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a break after . ! ? followed by white space and a capital letter (not after a day number
    like "12." or a short abbreviation), and at every line break."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line_start, line = m.start(), m.group()
        start = 0
        for brk in re.finditer(r"[.!?][»“”\"']?\s+(?=[A-ZÄÖÜА-ЯЁ„\"«(])", line):
            before = re.search(r"(\w+)[.!?]?[»“”\"']?\s*$", line[: brk.start() + 1])
            word = before.group(1) if before else ""
            if line[brk.start()] == "." and (word.isdigit() or word.lower() in _ABBREVIATIONS or len(word) == 1):
                continue
            spans.append((line_start + start, line_start + brk.start() + 1))
            start = brk.end()
        if line[start:].strip():
            spans.append((line_start + start, line_start + len(line.rstrip())))
    return [(s, e) for s, e in spans if e > s]


# ---------------------------------------------------------------- cue matching


@dataclass
class Hit:
    cue: str
    kind: str
    start: int
    end: int
    token: int  # index of the (first) token
    word: str  # the cue word that fired
    how: str  # "lemma", "compound" or "phrase"


class CueIndex:
    """The cues of one language, ready to match token by token."""

    def __init__(self, cues: dict[str, Cue], lang: str):
        self.cues = cues
        self.lang = lang
        self.single: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lemma → (cue id, word)
        self.multi: list[tuple[tuple[str, ...], str, str]] = []
        self.compound: list[tuple[str, str, str, str]] = []  # (stem, cue id, word, "prefix"|"suffix")
        self.exclude: dict[str, set[str]] = {}
        for cue_id, cue in cues.items():
            self.exclude[cue_id] = {w.lower() for w in cue.exclude.get(lang, [])}
            for word in cue.words.get(lang, []):
                parts = word.split()
                if len(parts) > 1:
                    self.multi.append((tuple(lemma_of(p, lang) for p in parts), cue_id, word))
                    continue
                for key in {word.lower(), lemma_of(word, lang)}:
                    self.single[key].append((cue_id, word))
                if lang == "de" and len(word) >= 4:
                    # a sector's word may be either part (Energiepartnerschaft, Fährverkehr); an initiative's or an
                    # event's is the head, the last part (Freihandelsabkommen, Staatsbesuch)
                    modes = (
                        ("prefix", "suffix")
                        if cue.kind in ("sector", "domain")
                        else ("suffix",)
                        if cue.kind in ("initiative", "event", "conflict")
                        else ()
                    )
                    for mode in modes:
                        self.compound.append((word.lower(), cue_id, word, mode))

    def find(self, toks: list[Tok]) -> list[Hit]:
        hits: list[Hit] = []
        for i, tok in enumerate(toks):
            if not tok.alpha:
                continue
            seen: set[str] = set()
            for key in (tok.lemma, tok.lower):
                for cue_id, word in self.single.get(key, []):
                    if cue_id not in seen and not self._excluded(cue_id, tok):
                        seen.add(cue_id)
                        hits.append(Hit(cue_id, self.cues[cue_id].kind, tok.start, tok.end, i, word, "lemma"))
            compound: dict[str, tuple[int, Hit]] = {}  # kind → longest stem (Landwirtschaft beats Wirtschaft)
            for stem, cue_id, word, mode in self.compound:
                if cue_id in seen or self._excluded(cue_id, tok):
                    continue
                parts = [p for p in tok.lower.split("-") if p]
                first, last = (parts[0], parts[-1]) if parts else ("", "")
                lemma_last = tok.lemma.split("-")[-1]
                ok = (
                    (first.startswith(stem) and len(first) > len(stem) + 2) or (len(parts) > 1 and first == stem)
                    if mode == "prefix"
                    else (lemma_last.endswith(stem) or last.endswith(stem)) and (len(parts) > 1 or len(tok.lower) > len(stem) + 2)
                )
                kind = self.cues[cue_id].kind
                if ok and len(stem) > compound.get(kind, (0, None))[0] and not any(h.kind == kind and h.token == i for h in hits):
                    compound[kind] = (len(stem), Hit(cue_id, kind, tok.start, tok.end, i, word, "compound"))
            hits += [hit for _, hit in compound.values()]
        for lemmas, cue_id, word in self.multi:
            n = len(lemmas)
            for i in range(len(toks) - n + 1):
                if all(toks[i + k].lemma == lemmas[k] or toks[i + k].lower == lemmas[k] for k in range(n)):
                    hits.append(Hit(cue_id, self.cues[cue_id].kind, toks[i].start, toks[i + n - 1].end, i, word, "phrase"))
        return hits

    def _excluded(self, cue_id: str, tok: Tok) -> bool:
        ex = self.exclude.get(cue_id)
        return bool(ex) and (tok.lower in ex or tok.lemma in ex)
