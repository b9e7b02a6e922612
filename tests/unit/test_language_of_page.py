"""The page's language and title (WCAG 3.1.1, 2.4.2) and Plotly's locale, without a browser."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from centralasia.charts.figures import PLOTLY_STRINGS, plotly_config, plotly_locale
from centralasia.i18n import LANGUAGES, t
from centralasia.ui.chrome import LangMiddleware, language_of_request, page_title

PAGE = b'<!doctype html><html lang="en"><head><title>Streamlit</title></head><body></body></html>'


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (b"lang=ru", b"de-DE,de;q=0.9", "ru"),
        (b"release=x&lang=DE", b"", "de"),
        (b"", b"de-AT,en;q=0.5", "de"),
        (b"lang=xx", b"ru", "ru"),
        (b"lang=%3Cscript%3E", b"<script>", "en"),
        (b"", b"", "en"),
    ],
)
def test_language_of_request_url_then_browser_then_english(query, accept, expected):
    assert language_of_request(query, accept) == expected


def _serve(path: str, query: bytes, headers: list[tuple[bytes, bytes]], content_type: bytes = b"text/html; charset=utf-8"):
    seen: dict = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(PAGE)).encode()), (b"etag", b'"abc"')]})  # fmt: skip
        await send({"type": "http.response.body", "body": PAGE[:20], "more_body": True})
        await send({"type": "http.response.body", "body": PAGE[20:]})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": headers}
    # A thread of its own: pytest-playwright keeps an event loop running in this one (asyncio.run would refuse).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, LangMiddleware(app)(scope, receive, send)).result()
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return seen, sent[0], body


def test_the_app_page_is_served_in_the_language_asked_for():
    seen, start, body = _serve("/sectors", b"lang=de", [(b"accept-encoding", b"gzip"), (b"accept-language", b"ru")])
    assert body.startswith(b'<!doctype html><html lang="de">')
    headers = dict(start["headers"])
    assert headers[b"content-length"] == str(len(body)).encode()
    assert b"etag" not in headers, "the answer now depends on the language: no tag of the file on disk"
    assert b"accept-encoding" not in seen["headers"], "asked uncompressed so the page can be read"


def test_assets_and_other_types_pass_unchanged():
    seen, _, body = _serve("/static/js/index.js", b"lang=de", [(b"accept-encoding", b"gzip")])
    assert body == PAGE and seen["headers"][b"accept-encoding"] == b"gzip"
    _, _, body = _serve("/sectors", b"lang=de", [], content_type=b"application/json")
    assert body == PAGE


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_title_names_the_page_then_the_app(lang):
    assert page_title(t("page.sectors", lang), lang) == f"{t('page.sectors', lang)} – {t('app.title', lang)}"


def test_plotly_locale_translates_its_toolbar_and_formats_numbers():
    de, ru = plotly_locale("de"), plotly_locale("ru")
    assert de["format"]["decimal"] == "," and de["format"]["thousands"] == "."
    assert ru["format"]["decimal"] == ","
    assert de["format"]["months"][2] == "März" and de["format"]["days"][0] == "Sonntag"
    # Keyed by Plotly's own English text, every toolbar string translated.
    assert de["dictionary"]["Zoom in"] == t("plotly.zoom_in", "de") != "Zoom in"
    assert len(de["dictionary"]) == len(PLOTLY_STRINGS)
    assert all(en != de_text for en, de_text in de["dictionary"].items() if en not in {"Zoom"})
    config = plotly_config("file", lang="ru")
    assert config["locale"] == "ru" and config["locales"]["ru"] == ru
    assert "locale" not in plotly_config("file", lang="en") and "locale" not in plotly_config("file")


def test_chart_text_alternative_states_the_takeaway_and_holds_the_data_escaped():
    import pandas as pd

    from centralasia.ui.components import SR_ONLY, chart_alternative_html

    frame = pd.DataFrame({t("col.sector", "ru"): ["<b>Торговля</b>"], t("col.quote", "ru"): ["den Handel ausbauen"]})
    html = chart_alternative_html("Отрасли × страны", "Обе страны делают ставку на торговлю", "Матрица.", frame, "ru", original="de")
    assert SR_ONLY in html, "read by screen readers, hidden on screen"
    assert "Отрасли × страны" in html and "Обе страны делают ставку на торговлю" in html and "Матрица." in html
    assert "<td>&lt;b&gt;Торговля&lt;/b&gt;</td>" in html, "data is text"
    assert '<td lang="de">den Handel ausbauen</td>' in html, "the quote says its language"
    assert f'<th scope="col">{t("col.quote", "ru")}</th>' in html


def test_key_quotes_show_the_paragraph_translation_beside_the_original_for_other_readers(tmp_path):
    from html import escape

    from centralasia.release.loader import load_catalog
    from centralasia.ui.components import quote_html, statements_html

    from ..reader_fixture import RELEASE_ID, make_reader_release

    make_reader_release(tmp_path)
    release = load_catalog(tmp_path).get(RELEASE_ID)
    assert release.translation, "the fixture has an aligned translation"
    message = release.meta.key_messages[0]
    index = next(i for i, (a, b) in enumerate(release.paragraphs()) if a <= message.start < b)
    english = release.translation[index].en
    for lang in ("en", "ru"):
        html = statements_html([(message.summary(lang), message.quote, message.start, message.end)], lang, release)
        assert '<blockquote lang="de"' in html and f'<span lang="en">{escape(english)}</span>' in html
        assert t("source.translation_head", lang) in html
    german = quote_html(message.quote, message.start, message.end, "de", release, translated=True)
    assert "translation" not in german and t("source.translation_head", "de") not in german, (
        "no translation beside the original's own language"
    )
