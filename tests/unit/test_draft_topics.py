"""`draft` proposes sectors, initiatives, events and conflicts from the cues in data/vocab.yaml; an id is a slug;
a draft is written whole or not at all.

The release texts are ours (tests/draft_corpus/, written for these tests); what each should yield is in its
expected.yaml, measured by benchmarks/draft_eval.py (``python -m benchmarks.draft_eval`` prints the table).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

pytest.importorskip("spacy", reason="the draft tool is the optional extra 'draft'")

from benchmarks.draft_eval import CORPUS, evaluate  # noqa: E402
from centralasia.cli import main as cli_main  # noqa: E402
from centralasia.release import draft as draft_module  # noqa: E402
from centralasia.release.draft import CANDIDATES_FILE, MAX_DRAFT_BYTES, DraftError, draft_files, draft_release, write_release_folder  # noqa: E402
from centralasia.release.draft_topics import MAX_TOPIC_PROPOSALS, NOT_STATED  # noqa: E402
from centralasia.release.loader import load_catalog, read_release  # noqa: E402
from centralasia.release.vocab import vocabularies
from tests.fixtures import GOV_EN  # noqa: E402

EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return {r.name: r for r in evaluate()}


def test_recall_of_the_topics_a_reader_expects(results):
    expected = sum(r.expected for r in results.values())
    found = sum(r.found for r in results.values())
    assert expected >= 40
    assert found / expected >= 0.9, [m for r in results.values() for m in r.missed]
    for r in results.values():
        assert r.expected == 0 or r.found / r.expected >= 0.75, (r.name, r.missed)


def test_at_most_fifteen_proposals_and_no_conflict_where_the_text_names_none(results):
    for name, r in results.items():
        assert r.proposals <= MAX_TOPIC_PROPOSALS, name
        wants_conflict = any(w["kind"] == "conflict" for w in EXPECTED[name] or [])
        if not wants_conflict:
            assert r.conflicts == 0, name
    assert results["en_plain.txt"].proposals <= 2  # a release about nothing in particular gets (almost) nothing


def test_every_drafted_corpus_release_validates_and_every_proposal_is_pending(tmp_path):
    for text in sorted(CORPUS.glob("*.txt")):
        result = draft_release(text, tmp_path / "releases")
        release = read_release(result.folder)
        topics = [r for r in release.all_records if r.kind in ("sector", "initiative", "event", "conflict")]
        assert len(topics) == result.topics
        for record in topics:
            assert record.pending
            for m in record.mentions:
                assert release.text[m.start : m.end] == m.quote
    catalog = load_catalog(tmp_path / "releases")
    assert not catalog.problems and len(catalog.releases) == len(list(CORPUS.glob("*.txt")))


def test_candidates_say_which_cue_fired_and_how_sure(tmp_path):
    result = draft_release(CORPUS / "de_zentrum.txt", tmp_path / "releases")
    candidates = yaml.safe_load((result.folder / CANDIDATES_FILE).read_text(encoding="utf-8"))
    proposed = [c for c in candidates if c.get("record")]
    assert len(proposed) == result.topics
    text = read_release(result.folder).text
    for c in proposed:
        assert c["cue"] in vocabularies().cues and c["certainty"] in ("high", "medium", "low") and c["why"]
        assert text[c["sentence"]["start"] : c["sentence"]["end"]] == c["sentence"]["quote"]
    resolution = next(c for c in proposed if "Resolution zur Gründung eines Regionalzentrums" in c["text"])
    assert resolution["cue"] == "resolution" and resolution["certainty"] == "high"


def test_values_come_from_a_cue_or_are_not_stated():
    d = draft_files((CORPUS / "de_wirtschaft.txt").read_bytes())
    by_label = {r["labels"]["de"]: r for r in d.records[d.prefilled :]}
    decree = by_label["Dekret zur Liberalisierung der Wirtschaft"]
    assert decree["status"] == "established"  # „unterzeichnet“
    memo = next(r for label, r in by_label.items() if label.startswith("Memorandum"))
    assert memo["domain"] == "transport"  # „Containerverkehr“ in the same sentence
    forum = next(r for label, r in by_label.items() if label.startswith("Forum"))
    assert forum["date"] == "2031-04-15" and "15. April 2031" in forum["date_source"]
    agriculture = next(r for r in d.records if r.get("kind") == "sector" and r["id"] == "agriculture")
    assert agriculture["stance"] == NOT_STATED  # „leidet unter der Trockenheit“ states no stance


def test_a_conflict_word_without_a_named_party_is_never_a_conflict():
    text = (
        "Kasachstan und Turkmenistan vertiefen ihre Partnerschaft\n\nBerlin (ots)\n\n"
        "Angesichts wachsender globaler Spannungen bekräftigen Kasachstan und Turkmenistan am 3. März 2031 ihre Partnerschaft. "
        "Der Krieg der Worte in den Medien schade allen.\n"
    )
    d = draft_files(text.encode())
    assert not [r for r in d.records if r.get("kind") == "conflict"]
    named = text.replace("Der Krieg der Worte in den Medien", "Der Krieg in der Ukraine")
    conflicts = [r for r in draft_files(named.encode()).records if r.get("kind") == "conflict"]
    assert [c["parties"] for c in conflicts] == [["ukraine"]]


def test_the_limit_keeps_the_surest_and_lists_the_rest(tmp_path):
    words = ["Dekret", "Gesetz", "Resolution", "Abkommen", "Memorandum", "Programm", "Projekt", "Reform", "Forum", "Gipfel"]
    things = ["Brücken", "Häfen", "Schulen", "Archive", "Museen", "Wälder", "Flüsse", "Straßen", "Märkte", "Gärten"]
    sentences = [f"Kasachstan und Turkmenistan unterzeichnen am {i + 1}. März 2031 das {w} über {things[i]}." for i, w in enumerate(words)]
    sentences += [f"Kasachstan plant ein {w} über neue {things[-1 - i]}." for i, w in enumerate(words)]
    text = "Viele Vorhaben\n\nBerlin (ots)\n\n" + " ".join(sentences) + "\n"
    d = draft_files(text.encode(), date="2031-03-01")
    topics = d.records[d.prefilled :]
    assert len(topics) == MAX_TOPIC_PROPOSALS
    over = [c for c in d.candidate_list if c.get("cue") and not c.get("record")]
    assert over and all("limit" in c["reason"] for c in over)


# ---------------------------------------------------------------- the id, the size, whole or nothing


@pytest.mark.parametrize("bad", ["../../x", "/etc/abs", "a/b", "..", ".hidden", "Upper", "with space", "a--b", "x" * 81, ""])
def test_an_id_that_is_not_a_slug_is_refused_in_one_line_and_nothing_is_written(tmp_path, capsys, bad):
    source = tmp_path / "gov.txt"
    source.write_text(GOV_EN, encoding="utf-8")
    out = tmp_path / "deep" / "out"
    assert cli_main(["draft", str(source), "--out", str(out), "--id", bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a release id" in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["gov.txt"]


def test_an_oversized_text_is_refused_with_the_limit_stated_and_leaves_nothing(tmp_path, capsys):
    source = tmp_path / "big.txt"
    source.write_text(GOV_EN + "Kasachstan. " * (MAX_DRAFT_BYTES // 12 + 10), encoding="utf-8")
    out = tmp_path / "out"
    assert cli_main(["draft", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{MAX_DRAFT_BYTES:,} bytes" in err and err.count("\n") == 1
    assert not out.exists() or not list(out.iterdir())


def test_a_text_just_under_the_limit_is_not_refused_by_spacy():
    from centralasia.release.draft_entities import Matcher
    from centralasia.release.vocab import entity_registry

    assert Matcher(entity_registry(), "de").nlp.max_length > MAX_DRAFT_BYTES


def test_a_failure_while_drafting_leaves_no_folder(tmp_path, monkeypatch):
    source = tmp_path / "gov.txt"
    source.write_text(GOV_EN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()

    def boom(self, text):
        raise ValueError("[E088] simulated")

    monkeypatch.setattr(draft_module.Matcher, "find", boom)
    with pytest.raises(ValueError):
        draft_release(source, out)
    assert list(out.iterdir()) == []


def test_a_failure_while_writing_leaves_no_folder_and_no_temporary_files(tmp_path, monkeypatch):
    real_rename = os.rename

    def failing_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(draft_module.os, "rename", failing_rename)
    with pytest.raises(DraftError, match="nothing was written"):
        write_release_folder(tmp_path / "out", "2031-01-01-x", {"a.txt": b"a", "b.txt": b"b"})
    monkeypatch.setattr(draft_module.os, "rename", real_rename)
    assert list((tmp_path / "out").iterdir()) == []


def test_an_existing_release_is_never_written_over(tmp_path):
    folder = write_release_folder(tmp_path / "out", "2031-01-01-x", {"a.txt": b"first"})
    with pytest.raises(DraftError, match="already exists"):
        write_release_folder(tmp_path / "out", "2031-01-01-x", {"a.txt": b"second"})
    assert (folder / "a.txt").read_bytes() == b"first"
    # an empty folder of that name counts too: a rename would silently replace it
    (tmp_path / "out" / "2031-01-02-y").mkdir()
    with pytest.raises(DraftError, match="already exists"):
        write_release_folder(tmp_path / "out", "2031-01-02-y", {"a.txt": b"x"})
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2031-01-01-x", "2031-01-02-y"]


def test_file_names_are_plain_names(tmp_path):
    for name in ("../x.txt", "a/b.txt", ".hidden"):
        with pytest.raises(DraftError):
            write_release_folder(tmp_path / "out", "2031-01-01-x", {name: b"x"})
    assert not (tmp_path / "x.txt").exists()


def test_corpus_texts_are_our_own():
    # every text carries the invented date range of the fixtures (2031/2032), never a real release's
    for text in CORPUS.glob("*.txt"):
        assert "2031" in text.read_text(encoding="utf-8"), text.name
    assert Path(CORPUS / "expected.yaml").exists()
