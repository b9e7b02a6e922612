"""Both languages are complete, and dates and numbers follow the language."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest

from centralasia.i18n import CATALOGUE, format_date, format_number, join_list, normalise_language, t
from centralasia.models import KINDS
from centralasia.registry import PAGES


def test_every_key_has_german_and_english_with_the_same_placeholders():
    for key, (de, en) in CATALOGUE.items():
        assert de.strip() and en.strip(), key
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(de) == fields(en), key


def test_every_kind_and_page_has_its_strings():
    for kind in KINDS:
        t(f"kind.{kind}", "de"), t(f"kinds.{kind}", "en")
    for page in PAGES:
        assert t(page.title_key, "de") != "" and t(page.title_key, "en") != ""


def test_code_uses_only_catalogue_keys():
    from centralasia.loader import PROJECT_ROOT

    sources = [*PROJECT_ROOT.glob("pages/*.py"), *PROJECT_ROOT.glob("centralasia/*.py"), PROJECT_ROOT / "app.py"]
    used = set()
    for path in sources:
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z0-9_\-]+)\"", path.read_text(encoding="utf-8")))
    missing = used - set(CATALOGUE)
    assert not missing


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (dt.date(2025, 12, 12), "de", "12. Dezember 2025"),
        (dt.date(2025, 12, 12), "en", "12 December 2025"),
        ("2025-03", "de", "März 2025"),
        ("2025", "en", "2025"),
    ],
)
def test_dates(value, lang, expected):
    assert format_date(value, lang) == expected


def test_numbers():
    assert format_number(4256.5, "en", 1) == "4,256.5"
    assert format_number(4256.5, "de", 1) == "4.256,5"
    assert format_number(1234567, "de") == "1.234.567"


def test_language_tags_and_lists():
    assert normalise_language("de-DE") == "de"
    assert normalise_language("EN_us") == "en"
    assert normalise_language("fr") is None and normalise_language(None) is None and normalise_language("<script>") is None
    assert join_list(["A", "B", "C"], "de") == "A, B und C"
    assert join_list(["A", "B"], "en") == "A and B"
