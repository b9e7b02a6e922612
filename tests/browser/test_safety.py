"""A release whose text and labels carry <script>, <img onerror> and Markdown tricks: shown as text, nothing runs."""

from __future__ import annotations

import pytest

from ..fixtures import make_release
from .conftest import every_page, new_window, screenshot, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    make_release(root / "2030-01-01-fixture")
    with served(root) as url:
        yield url


def test_no_script_runs_on_any_page(browser, hostile_url):
    context, page, offline = new_window(browser, hostile_url)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for spec in every_page(page, hostile_url, "lang=en"):
        assert (
            page.evaluate("() => document.querySelectorAll('[data-testid=stMain] script, [data-testid=stMain] img[onerror]').length") == 0
        )
        if spec.key == "source":
            main = page.get_by_test_id("stMain")
            assert main.get_by_text("<script>alert('x')</script>", exact=False).count() >= 1
            assert main.get_by_text("<img src=x onerror=", exact=False).count() >= 1
            screenshot(page, "safety_source_hostile")
        elif spec.key == "overview":
            screenshot(page, "safety_overview_hostile")
    assert dialogs == [], f"a script ran: {dialogs}"
    assert offline.blocked == [] or all("javascript:" in u for u in offline.blocked)
    context.close()
