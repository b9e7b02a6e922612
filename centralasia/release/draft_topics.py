"""Topic proposals for a draft: sectors, initiatives, events and conflicts found through cue words.

The cues are data (``cues:`` in ``data/vocab.yaml``): words per language, matched on lemmas (simplemma) of the
tokens of spaCy's blank tokenizer. What each proposal holds:

- its mention: the verbatim phrase the cue fired in (the cue word and, for initiatives and events, the words that
  complete it: "UN-Resolution zur Gründung eines Regionalzentrums"), with offsets;
- a label from the text (the phrase, or for a sector the word the text uses);
- a stance, status, domain or position only where a cue in the same sentence gives one, otherwise
  ``not-stated`` (a vocabulary value: unknown stays unknown);
- for an event, its date when the sentence gives one ("am 12. Dezember" takes the year from the release date,
  and says so), otherwise the release date, flagged as such;
- for a conflict, the named parties beside the conflict word ("Konflikt zwischen A und B", "Ukraine-Konflikt",
  "Russlands Krieg"). A conflict word with no named party beside it is never a proposal.

At most :data:`MAX_TOPIC_PROPOSALS` proposals per release, the surest first; the rest are listed for the reviewer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from centralasia.release.draft_cues import Cue, CueIndex, Hit, sentences, tokenise
from centralasia.release.draft_phrases import phrase_span, sentence_date

MAX_TOPIC_PROPOSALS = 15
NOT_STATED = "not-stated"
TOPIC_KINDS = ("sector", "initiative", "event", "conflict")
_CERTAINTY_RANK = {"high": 0, "medium": 1, "low": 2}


# ---------------------------------------------------------------- proposals


@dataclass
class EntityHit:
    """A registry entity the draft found (a pre-filled record): its id, kind and span."""

    id: str
    kind: str
    start: int
    end: int


@dataclass
class Proposal:
    record: dict[str, Any]
    kind: str
    cue: str
    words: list[str]
    certainty: str
    why: str
    sentence: tuple[int, int]
    score: float = 0.0
    notes: list[str] = field(default_factory=list)

    def candidate(self, text: str, proposed: bool) -> dict[str, Any]:
        label = self.record["labels"]
        out: dict[str, Any] = {
            "text": next(iter(label.values())),
            "kind": self.kind,
            "reason": (f"proposed as record '{self.record['id']}' (review: pending)" if proposed
                       else f"not proposed: over the limit of {MAX_TOPIC_PROPOSALS} topic proposals per release; add it by hand if it matters"),
            "record": self.record["id"] if proposed else None,
            "cue": self.cue,
            "cue_words": self.words,
            "certainty": self.certainty,
            "why": self.why,
        }  # fmt: skip
        if self.notes:
            out["notes"] = self.notes
        s, e = self.sentence
        out["sentence"] = {"quote": text[s:e], "start": s, "end": e}
        out["mentions"] = self.record["mentions"]
        return out


def _slug(text: str) -> str:
    from centralasia.release.draft import _slug as slug

    return slug(text, words=6)


def _labels(cue: Cue, release_lang: str, from_text: str, quoted: bool) -> dict[str, str]:
    out = {}
    for lang in ("de", "en", "ru"):
        if lang == release_lang:
            out[lang] = from_text
        elif quoted:
            out[lang] = f"{cue.labels.get(lang) or cue.labels.get('en')}: „{from_text}“"
        else:
            out[lang] = cue.labels.get(lang) or cue.labels.get("en") or from_text
    return out


def _vocab_texts(vocab, group: str, value: str) -> dict[str, str]:
    entry = vocab.group(group).get(value) if vocab else None
    labels = dict(entry.labels) if entry else {}
    return {lang: labels.get(lang) or labels.get("en") or value for lang in ("de", "en", "ru")}


class TopicFinder:
    """Proposes topic records for one text."""

    def __init__(self, cues: dict[str, Cue], lang: str, nlp, vocab):
        self.cues = cues
        self.lang = lang
        self.nlp = nlp
        self.vocab = vocab
        self.index = CueIndex(cues, lang)

    def propose(
        self, text: str, entities: list[EntityHit], release_date: dt.date, taken_ids: set[str]
    ) -> tuple[list[Proposal], list[Proposal]]:
        """(proposals, over the limit): each proposal's record is valid against the models and the vocabulary."""
        self.entities = entities
        toks = tokenise(text, self.nlp, self.lang)
        sents = sentences(text)
        hits = self.index.find(toks)

        def sentence_of(pos: int) -> tuple[int, int]:
            return next((s for s in sents if s[0] <= pos < s[1]), (pos, pos))

        by_sentence: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        for h in hits:
            by_sentence[sentence_of(h.start)].append(h)
        countries = [e for e in entities if e.kind == "country"]
        all_countries = list(dict.fromkeys(e.id for e in countries))

        def named_in(sent, kinds=("country",)) -> list[str]:
            return list(dict.fromkeys(e.id for e in entities if e.kind in kinds and sent[0] <= e.start < sent[1]))

        def nearest_value(sent, hit: Hit, kind: str) -> tuple[str | None, str | None]:
            found = [h for h in by_sentence[sent] if h.kind == kind]
            if not found:
                return None, None
            best = min(found, key=lambda h: abs(h.start - hit.start))
            cue = self.cues[best.cue]
            return cue.value, text[best.start : best.end]

        proposals: list[Proposal] = []
        proposals += self._sectors(text, hits, sentence_of, named_in, nearest_value, all_countries)
        proposals += self._phrased(text, toks, hits, sentence_of, named_in, nearest_value, release_date, by_sentence)
        proposals += self._conflicts(text, toks, hits, sentence_of, countries, nearest_value)
        # unique record ids
        used = set(taken_ids)
        for p in proposals:
            base = p.record["id"] or p.kind
            rid, n = base, 2
            while rid in used:
                rid, n = f"{base}-{n}", n + 1
            used.add(rid)
            p.record["id"] = rid
        proposals.sort(key=lambda p: (_CERTAINTY_RANK[p.certainty], -p.score, p.record["mentions"][0]["start"]))
        return proposals[:MAX_TOPIC_PROPOSALS], proposals[MAX_TOPIC_PROPOSALS:]

    # -- sectors: one record per sector cue that fired, every occurrence a mention
    def _sectors(self, text, hits, sentence_of, named_in, nearest_value, all_countries) -> list[Proposal]:
        out = []
        by_cue: dict[str, list[Hit]] = defaultdict(list)
        for h in hits:
            if h.kind == "sector":
                by_cue[h.cue].append(h)
        for cue_id, found in by_cue.items():
            cue = self.cues[cue_id]
            found = _non_overlapping(sorted(found, key=lambda h: h.start))
            sents = list(dict.fromkeys(sentence_of(h.start) for h in found))
            countries = list(dict.fromkeys(c for s in sents for c in named_in(s)))
            notes = []
            if not countries:
                countries = all_countries
                notes.append("countries: none named in its sentences; all countries the release names were put in")
            if not countries:
                continue  # a sector record needs a country; the release names none
            stance = None
            for h in found:
                stance, stance_words = nearest_value(sentence_of(h.start), h, "stance")
                if stance:
                    notes.append(f"stance from „{stance_words}“")
                    break
            stance = stance or NOT_STATED
            exact = [h for h in found if h.how in ("lemma", "phrase")]
            # the label: the text's own word when it is one of the cue's first (naming) words, else the cue's label
            main = [w for w in cue.words.get(self.lang, [])[:3]]
            own = [h.word for h in exact if h.word in main]
            from_text = own[0] if own else cue.labels.get(self.lang) or cue.labels["en"]
            from_text = from_text[:1].upper() + from_text[1:]
            certainty = "high" if len(exact) >= 2 else "medium" if exact else "low"
            stance_texts = _vocab_texts(self.vocab, "stances", stance)
            labels = _labels(cue, self.lang, from_text, quoted=False)
            record = {
                "id": cue_id,
                "kind": "sector",
                "labels": labels,
                "review": "pending",
                "countries": countries,
                "stance": stance,
                "statement": {lang: f"{labels[lang]}: {stance_texts[lang]}" for lang in ("de", "en", "ru")},
                "mentions": [{"quote": text[h.start : h.end], "start": h.start, "end": h.end} for h in found],
            }
            words = sorted({text[h.start : h.end] for h in found})
            why = f"{len(found)} cue word(s) of '{cue_id}' ({len(exact)} as a word, {len(found) - len(exact)} inside a compound)"
            out.append(Proposal(record, "sector", cue_id, words, certainty, why, sents[0], score=len(found), notes=notes))
        return out

    # -- initiatives and events: one record per phrase
    def _phrased(self, text, toks, hits, sentence_of, named_in, nearest_value, release_date, by_sentence) -> list[Proposal]:
        spans: list[tuple[int, int, Hit]] = []
        for h in sorted(hits, key=lambda h: h.start):
            if h.kind not in ("initiative", "event"):
                continue
            sent = sentence_of(h.start)
            left, right = phrase_span(toks, h.token, self.lang, sent)
            spans.append((toks[left].start, toks[right].end, h))
        # a phrase inside a longer one (the centre inside "Resolution zur Gründung eines Zentrums") is that one
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int, Hit]] = []
        for s, e, h in spans:
            if any(ks <= h.start and h.end <= ke and kh.kind == h.kind for ks, ke, kh in kept):
                continue
            kept.append((s, e, h))
        grouped: dict[tuple[str, str], list[tuple[int, int, Hit]]] = defaultdict(list)
        for s, e, h in kept:
            grouped[(h.cue, " ".join(text[s:e].lower().split()))].append((s, e, h))
        # a bare repeat ("Das Dekret soll …") is a further mention of the first fuller phrase of the same cue
        for key in [k for k, items in grouped.items() if all(s == h.start and e == h.end for s, e, h in items)]:
            fuller = next((k for k in grouped if k[0] == key[0] and k != key and k[1].count(" ")), None)
            if fuller:
                grouped[fuller] += grouped.pop(key)
        out = []
        for (cue_id, _), items in grouped.items():
            cue = self.cues[cue_id]
            s, e, h = items[0]
            sent = sentence_of(h.start)
            phrase = " ".join(text[s:e].split())
            notes: list[str] = []
            record: dict[str, Any] = {
                "id": _slug(phrase),
                "kind": cue.kind,
                "labels": _labels(cue, self.lang, phrase, quoted=True),
                "review": "pending",
            }
            score = len(items) + (1 if e - s > h.end - h.start else 0)
            if cue.kind == "initiative":
                status, status_words = nearest_value(sent, h, "status")
                domain, domain_words = nearest_value(sent, h, "domain")
                if not domain:
                    sector_hit = [x for x in by_sentence[sent] if x.kind == "sector" and self.cues[x.cue].domain]
                    if sector_hit:
                        best = min(sector_hit, key=lambda x: abs(x.start - h.start))
                        domain, domain_words = self.cues[best.cue].domain, text[best.start : best.end]
                notes.append(f"status from „{status_words}“" if status else "status: no cue in the sentence (not stated)")
                notes.append(f"domain from „{domain_words}“" if domain else "domain: no cue in the sentence (not stated)")
                status = status or NOT_STATED
                record.update(
                    domain=domain or NOT_STATED,
                    status=status,
                    status_text=_vocab_texts(self.vocab, "statuses", status),
                    proposed_by=[],
                    supported_by=named_in(sent, ("country", "person", "institution")),
                )
                score += bool(status != NOT_STATED) + bool(domain)
                certainty = (
                    "high" if status != NOT_STATED and h.how == "lemma" else "medium" if h.how == "lemma" or status != NOT_STATED else "low"
                )
            else:
                given = sentence_date(text[sent[0] : sent[1]], self.lang, release_date, near=h.start - sent[0])
                if given:
                    date, words, how = given
                    record.update(date=date, date_source=f"release: „{words}“ ({how})")
                    notes.append(f"date from „{words}“ ({how})")
                else:
                    record.update(date=release_date.isoformat(), date_source="release date; the sentence names no date (check)")
                    notes.append("date: the sentence names none; the release date was put in")
                places = sorted((e for e in self.entities if e.kind == "place" and sent[0] <= e.start < sent[1]),
                                key=lambda e: abs(e.start - h.start))  # fmt: skip
                if places:
                    record["place"] = places[0].id
                score += bool(given) + bool(places)
                certainty = "high" if given and h.how == "lemma" else "medium" if h.how == "lemma" or given else "low"
            record["mentions"] = [{"quote": text[a:b], "start": a, "end": b} for a, b, _ in items]
            words = sorted({text[x.start : x.end] for _, _, x in items})
            why = f"cue '{cue_id}' ({'a word of its own' if h.how == 'lemma' else 'inside a compound' if h.how == 'compound' else 'a phrase'})"
            out.append(Proposal(record, cue.kind, cue_id, words, certainty, why, sent, score=score, notes=notes))
        return out

    # -- conflicts: only an explicit conflict word with a named party beside it
    def _conflicts(self, text, toks, hits, sentence_of, countries, nearest_value) -> list[Proposal]:
        preps = {"de": {"zwischen", "in", "im", "um", "mit", "gegen"}, "en": {"between", "in", "over", "with", "against"},
                 "ru": {"между", "в", "на", "с", "против", "вокруг"}}.get(self.lang, set())  # fmt: skip
        joiners = {"und", "and", "и", "der", "die", "dem", "den", "des", "the", "a"}
        out: dict[tuple[str, ...], Proposal] = {}
        for h in hits:
            if h.kind != "conflict":
                continue
            sent = sentence_of(h.start)
            parties: list[str] = []
            start, end = h.start, h.end
            # inside the word (Ukraine-Konflikt) or just before it (Russlands Krieg, Russia's war, the Ukraine war)
            before = [c for c in countries if h.start <= c.start < h.end]
            i = h.token
            j = i - 1
            if j >= 0 and toks[j].text in ("'s", "’s"):
                j -= 1
            if j >= 0 and toks[j].start >= sent[0]:
                before += [c for c in countries if toks[j].start <= c.start < toks[j].end]
                if before and toks[j].start < start:
                    start = toks[j].start
            parties += [c.id for c in before]
            k = i + 1
            if k < len(toks) and toks[k].lower in preps and toks[k].end <= sent[1]:
                k += 1
                while k < len(toks) and k - i <= 7 and toks[k].end <= sent[1]:
                    tok = toks[k]
                    named = [c for c in countries if tok.start <= c.start < tok.end]
                    if named:
                        parties += [c.id for c in named]
                        end = max(end, max(c.end for c in named))
                    elif tok.lower not in joiners and not (tok.text[:1].isupper() and tok.alpha):
                        break
                    k += 1
            parties = list(dict.fromkeys(parties))
            if not parties:
                continue
            position, position_words = nearest_value(sent, h, "position")
            position = position or NOT_STATED
            phrase = " ".join(text[start:end].split())
            key = tuple(sorted(parties))
            mention = {"quote": text[start:end], "start": start, "end": end}
            if key in out:
                out[key].record["mentions"].append(mention)
                out[key].score += 1
                continue
            cue = self.cues[h.cue]
            notes = [f"parties named beside the conflict word: {', '.join(parties)}",
                     f"position from „{position_words}“" if position_words else "position: no cue in the sentence (not stated)"]  # fmt: skip
            record = {
                "id": _slug(phrase),
                "kind": "conflict",
                "labels": _labels(cue, self.lang, phrase, quoted=True),
                "review": "pending",
                "parties": parties,
                "position": position,
                "position_text": _vocab_texts(self.vocab, "positions", position),
                "mentions": [mention],
            }
            out[key] = Proposal(record, "conflict", h.cue, [text[h.start : h.end]], "high" if h.how == "lemma" else "medium",
                                f"conflict word „{text[h.start:h.end]}“ with named parties", sent, score=2, notes=notes)  # fmt: skip
        return list(out.values())


def _non_overlapping(hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out
