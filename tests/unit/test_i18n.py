"""Every interface language is complete (catalogue keys, entity and vocabulary labels), and dates, numbers,
lists and plurals follow the language (Babel)."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
import yaml

from centralasia.charts.registry import PAGES
from centralasia.i18n import LANGUAGES, LOCALES_DIR, catalogue, format_date, format_number, join_list, normalise_language, quoted, t
from centralasia.release.models import KINDS
from centralasia.settings import ENTITIES_PATH, PROJECT_ROOT, VOCAB_PATH


def _fields(text) -> set[str]:
    texts = text.values() if isinstance(text, dict) else [text]
    return {f for s in texts for _, f, _, _ in string.Formatter().parse(s) if f}


def test_one_catalogue_file_per_language_and_no_other():
    assert {p.stem for p in LOCALES_DIR.glob("*.yaml")} == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_exists_in_every_language_with_the_same_placeholders(lang):
    reference = catalogue("en")
    here = catalogue(lang)
    missing = sorted(set(reference) - set(here))
    extra = sorted(set(here) - set(reference))
    assert not missing, f"{lang}.yaml lacks {missing}"
    assert not extra, f"{lang}.yaml has keys English lacks: {extra}"
    for key, text in here.items():
        assert text.strip() if isinstance(text, str) else all(v.strip() for v in text.values()), (lang, key)
        assert _fields(text) == _fields(reference[key]), (lang, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_texts_cover_the_language_categories(lang):
    from centralasia.i18n import locale

    categories = set(locale(lang).plural_form.tags) | {"other"}
    for key, text in catalogue(lang).items():
        if isinstance(text, dict):
            assert categories <= set(text), (lang, key, categories - set(text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entity_and_vocabulary_label_exists_in_every_language(lang):
    for entity in yaml.safe_load(ENTITIES_PATH.read_text(encoding="utf-8"))["entities"]:
        assert entity["labels"].get(lang), (entity["id"], lang)
        if entity.get("role"):
            assert entity["role"].get(lang), (entity["id"], lang)
    for group, values in yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8")).items():
        for value, entry in values.items():
            assert entry["labels"].get(lang), (group, value, lang)


def test_every_kind_and_page_has_its_strings():
    for lang in LANGUAGES:
        for kind in KINDS:
            assert t(f"kind.{kind}", lang) and t(f"kinds.{kind}", lang)
        for page in PAGES:
            assert t(page.title_key, lang)


def test_code_uses_only_catalogue_keys():
    sources = [*PROJECT_ROOT.glob("pages/*.py"), *PROJECT_ROOT.glob("centralasia/**/*.py"), PROJECT_ROOT / "app.py"]
    used = set()
    for path in sources:
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z0-9_.\-]+)\"", path.read_text(encoding="utf-8")))
    assert not used - set(catalogue("en"))


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (dt.date(2031, 3, 14), "de", "14. März 2031"),
        (dt.date(2031, 3, 14), "en", "14 March 2031"),
        (dt.date(2031, 3, 14), "ru", "14 марта 2031 г."),
        ("2025-03", "de", "März 2025"),
        ("2025", "en", "2025"),
    ],
)
def test_dates(value, lang, expected):
    # Babel writes CLDR typography (a narrow no-break space before "г."); compare the words.
    assert format_date(value, lang).replace("\u202f", " ").replace("\u00a0", " ") == expected


def test_numbers():
    assert format_number(4256.5, "en", 1) == "4,256.5"
    assert format_number(4256.5, "de", 1) == "4.256,5"
    assert format_number(1234567, "de") == "1.234.567"
    assert format_number(4256.5, "ru", 1).replace("\u00a0", " ") == "4 256,5"


def test_plurals_follow_the_language():
    one, few, many = (t("source.mentions_n", "ru", n=n) for n in (1, 3, 5))
    assert len({one, few, many}) == 3 and "21" in t("source.mentions_n", "ru", n=21)
    assert t("source.mentions_n", "ru", n=21).split()[1] == one.split()[1]  # 21 takes the "one" form


def test_language_tags_and_lists():
    assert normalise_language("de-DE") == "de"
    assert normalise_language("EN_us") == "en"
    assert normalise_language("ru-RU") == "ru"
    assert normalise_language("fr") is None and normalise_language(None) is None and normalise_language("<script>") is None
    assert join_list(["A", "B", "C"], "de") == "A, B und C"
    assert join_list(["A", "B"], "en") == "A and B"
    assert join_list(["A", "B", "C"], "ru") == "A, B и C"


def test_quotes_take_the_marks_of_the_readers_language():
    """A German title quoted for a Russian reader stands in «…», for an English one in “…” (not „…“ everywhere)."""
    assert quoted("Zeitraum", "de") == "„Zeitraum“"
    assert quoted("Zeitraum", "en") == "“Zeitraum”"
    assert quoted("Zeitraum", "ru") == "«Zeitraum»"
    assert quoted("x", "fr") == quoted("x", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_source_lines_quote_the_title_in_the_readers_marks(lang, tmp_path):
    from centralasia.charts.figures import source_line
    from centralasia.i18n import QUOTATION_MARKS
    from centralasia.release.loader import load_catalog

    from ..reader_fixture import RELEASE_ID, make_reader_release

    make_reader_release(tmp_path)
    release = load_catalog(tmp_path).get(RELEASE_ID)
    start, end = QUOTATION_MARKS[lang]
    line = source_line(release, lang)
    assert start in line and end in line, line
    foreign = {mark for other, pair in QUOTATION_MARKS.items() for mark in pair if mark not in (start, end)}
    assert not foreign & set(line), f"{lang}: {line}"
