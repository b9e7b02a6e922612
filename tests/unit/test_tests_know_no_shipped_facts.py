"""No test outside tests/unit/test_shipped_data.py names the shipped release's id, date, title or own record ids.

Such a test breaks when the next release replaces the shipped one (issue 21); it belongs on a fixture release
(tests/fixtures.py) or must derive its expectation from the loaded data. scripts/fixture_tree.py runs the whole suite
on a tree where the shipped release is replaced; this is its cheap guard in every run.

What is looked for is read from the shipped release itself: its id, its date (ISO and as the pages write it in German,
English and Russian), its titles, and the ids of records the release defines itself (not entities of the shared registry
such as "kazakhstan", not vocabulary values, and only ids with a hyphen, which no ordinary word is); and string literals
of 40 characters or more that are a verbatim piece of its text or translation (a quote copied into a test).
"""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import pytest
import yaml

from centralasia import settings

from .test_shipped_data import SHIPPED_ID

TESTS = Path(__file__).resolve().parent.parent
ALLOWED = {TESTS / "unit" / "test_shipped_data.py", Path(__file__).resolve()}


def _shipped_release():
    from centralasia.release.loader import load_catalog

    if not (settings.SHIPPED_RELEASES / SHIPPED_ID).is_dir():
        pytest.skip(f"the shipped release {SHIPPED_ID} is not in data/releases (a tree with a stand-in release)")
    return load_catalog(settings.SHIPPED_RELEASES).get(SHIPPED_ID)


def _shipped_words(release) -> dict[str, str]:
    """Each string no other test may contain, with why."""
    from babel.dates import format_date

    words = {SHIPPED_ID: "the shipped release id", release.meta.title: "the shipped title"}
    words[release.meta.title_in("en")] = "the shipped title"
    day = release.meta.date if isinstance(release.meta.date, datetime.date) else datetime.date.fromisoformat(release.meta.date)
    words[day.isoformat()] = "the shipped release date"
    for locale in ("de", "en", "en_GB", "ru"):
        for style in ("long", "medium"):
            written = format_date(day, style, locale=locale).removesuffix(" г.")
            words[written] = "the shipped release date"
    words[day.strftime("%d/%m/%Y")] = "the shipped release date"
    words[format_date(day, "d. MMMM", locale="de")] = "the shipped release day"  # "12. Dezember", as the release writes it
    registry = {e["id"] for e in yaml.safe_load((settings.DATA_ROOT / "entities.yaml").read_text(encoding="utf-8"))["entities"]}
    vocab = yaml.safe_load((settings.DATA_ROOT / "vocab.yaml").read_text(encoding="utf-8"))
    values = {value for group in vocab.values() if isinstance(group, dict) for value in group}
    for record in release.records:
        if "-" in record.id and record.id not in registry and record.id not in values:
            words[record.id] = f"a record id of the shipped release ({record.kind})"
    return words


def offending_lines(words: dict[str, str], files: list[Path], base: Path = TESTS.parent) -> list[str]:
    """``file:line: 'word' is why`` for each whole-word occurrence (a longer id such as "x-forum-2" is another word)."""
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in sorted(words, key=len, reverse=True)))
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in pattern.finditer(re.sub("%2f", "/", line, flags=re.IGNORECASE)):  # an id behind an encoded slash too
                found.append(f"{path.relative_to(base)}:{number}: {match.group()!r} is {words[match.group()]}")
    return found


def copied_quotes(texts: list[str], files: list[Path], base: Path = TESTS.parent, shortest: int = 40) -> list[str]:
    """``file:line: '…' is a quote of the shipped release`` for each string literal of ``shortest`` characters or more
    that is a verbatim piece of one of ``texts``."""
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.strip()) >= shortest:
                if any(node.value in text for text in texts):
                    found.append(f"{path.relative_to(base)}:{node.lineno}: {node.value[:50]!r}… is a quote of the shipped release")
    return found


def test_no_test_outside_test_shipped_data_names_the_shipped_release():
    release = _shipped_release()
    files = sorted(p for p in TESTS.rglob("*.py") if p.resolve() not in ALLOWED)
    texts = [release.text, *(p.en for p in release.translation)]
    found = offending_lines(_shipped_words(release), files) + copied_quotes(texts, files)
    assert not found, "move these to a fixture release (tests/fixtures.py) or derive them from the data:\n" + "\n".join(found)


def test_the_guard_catches_a_date_and_a_record_id_and_leaves_shared_entities_alone(tmp_path):
    words = {"12. Dezember 2025": "a date", "ashgabat-forum": "a record id"}
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        'assert "12. Dezember 2025" in text\nrun(sector="ashgabat-forum-2")\nrun(event="ashgabat-forum")\nkazakhstan = 1\nget("/api%2Fashgabat-forum")\n',
        encoding="utf-8",
    )
    found = offending_lines(words, [sample], base=tmp_path)
    assert [line.split(":")[1] for line in found] == ["1", "3", "5"]
    assert found[0].startswith("test_sample.py:1: '12. Dezember 2025' is a date")
    sample.write_text(
        'QUOTE = "vertiefen ihre enge strategische Partnerschaft und bekräftigen"\nSHORT = "vertiefen ihre"\n', encoding="utf-8"
    )
    text = "Die Republiken vertiefen ihre enge strategische Partnerschaft und bekräftigen ihren Einsatz."
    assert [line.split(":")[1] for line in copied_quotes([text], [sample], base=tmp_path)] == ["1"]
