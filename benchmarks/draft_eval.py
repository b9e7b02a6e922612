"""Recall and number of topic proposals of ``python -m centralasia draft`` on release texts we wrote ourselves.

    python -m benchmarks.draft_eval          # one line per text, then the totals

The texts and what a reader expects from each are in ``tests/draft_corpus/`` (``expected.yaml``): sectors by
their cue id, initiatives, events and conflicts by words their proposed label or mention must contain (and an
event's date where the text gives one). tests/unit/test_draft_topics.py asserts the same measurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "draft_corpus"


@dataclass
class TextResult:
    name: str
    expected: int
    found: int
    proposals: int
    conflicts: int
    missed: list[dict]
    wrong_dates: list[dict]
    unexpected: list[str]  # proposals that match no expected topic (a repeat, or something a reader did not ask for)


def _matches(want: dict, record: dict, lang: str) -> bool:
    if record["kind"] != want["kind"]:
        return False
    if "sector" in want:
        return record.get("_cue") == want["sector"]
    phrase = want["phrase"].lower()
    texts = [record["labels"].get(lang, ""), *(m["quote"] for m in record["mentions"])]
    return any(phrase in " ".join(t.lower().split()) for t in texts)


def evaluate(corpus: Path = CORPUS) -> list[TextResult]:
    from centralasia.release.draft import draft_files

    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    out = []
    for name, wants in expected.items():
        draft = draft_files((corpus / name).read_bytes(), name)
        lang = draft.meta["language"]
        cue_of = {c["record"]: c["cue"] for c in draft.candidate_list if c.get("record")}
        topics = [{**r, "_cue": cue_of.get(r["id"])} for r in draft.records[draft.prefilled :]]
        missed, wrong_dates, found = [], [], 0
        for want in wants or []:
            hit = next((r for r in topics if _matches(want, r, lang)), None)
            if hit is None:
                missed.append(want)
                continue
            found += 1
            if want.get("date") and not str(hit.get("date", "")).startswith(want["date"]):
                wrong_dates.append({**want, "got": hit.get("date")})
        unexpected = [f"{r['kind']}: {r['labels'].get(lang)}" for r in topics if not any(_matches(w, r, lang) for w in wants or [])]
        conflicts = sum(r["kind"] == "conflict" for r in topics)
        out.append(TextResult(name, len(wants or []), found, len(topics), conflicts, missed, wrong_dates, unexpected))
    return out


def main() -> None:
    results = evaluate()
    print(f"{'text':<22} {'expected':>8} {'found':>6} {'recall':>7} {'proposals':>9} {'unexpected':>10} {'conflicts':>9}")
    for r in results:
        recall = f"{r.found / r.expected:.0%}" if r.expected else "–"
        print(f"{r.name:<22} {r.expected:>8} {r.found:>6} {recall:>7} {r.proposals:>9} {len(r.unexpected):>10} {r.conflicts:>9}")
        for u in r.unexpected:
            print(f"    unexpected: {u}")
        for m in r.missed:
            print(f"    missed: {m}")
        for w in r.wrong_dates:
            print(f"    wrong date: {w}")
    expected = sum(r.expected for r in results)
    found = sum(r.found for r in results)
    print(f"{'total':<22} {expected:>8} {found:>6} {found / expected:>7.0%} {sum(r.proposals for r in results):>9} "
          f"{sum(len(r.unexpected) for r in results):>10} {sum(r.conflicts for r in results):>9}")  # fmt: skip
    print(f"max proposals in one release: {max(r.proposals for r in results)}")


if __name__ == "__main__":
    main()
