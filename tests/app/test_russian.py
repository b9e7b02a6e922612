"""?lang=ru: every page renders in Russian (UI catalogue, entity and vocabulary labels); the picker offers it."""

from __future__ import annotations

import re

import pytest

from centralasia.charts.registry import PAGES
from centralasia.i18n import catalogue, t

from .conftest import page_text, run_page

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_every_page_renders_in_russian(page):
    at = run_page(page, lang="ru")
    assert at.session_state["lang"] == "ru"
    text = page_text(at)
    assert len(CYRILLIC.findall(text)) > 100, page


def test_language_picker_offers_russian_and_names_entities_in_russian():
    at = run_page(lang="ru")
    picker = at.sidebar.selectbox[0]
    assert "Русский" in picker.options and picker.value == "ru"
    text = page_text(at)
    assert "Касым-Жомарт Токаев" in text and "Президент Казахстана" in text
    assert t("page.overview", "ru") == catalogue("ru")["page.overview"] != catalogue("en")["page.overview"]


def test_a_language_tag_like_ru_RU_opens_russian():
    at = run_page(lang="ru-RU")
    assert at.session_state["lang"] == "ru"
