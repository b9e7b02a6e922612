"""A release whose text and labels carry <script>, <img onerror> and Markdown tricks: shown as text, nothing runs."""

from __future__ import annotations

import pytest

from centralasia.charts.registry import PAGES

from ..fixtures import make_release
from .conftest import Offline, screenshot, start_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    make_release(root / "2030-01-01-fixture")
    proc, url = start_server(env={"CENTRALASIA_RELEASES": str(root)})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_no_script_runs_on_any_page(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    offline = Offline(context, hostile_url)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for spec in PAGES:
        page.goto(f"{hostile_url}/{spec.link_path}?lang=en")
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0, spec.key
        assert (
            page.evaluate("() => document.querySelectorAll('[data-testid=stMain] script, [data-testid=stMain] img[onerror]').length") == 0
        )
    page.goto(f"{hostile_url}/source?lang=en")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("<script>alert('x')</script>", exact=False).count() >= 1
    assert main.get_by_text("<img src=x onerror=", exact=False).count() >= 1
    screenshot(page, "safety_source_hostile")
    page.goto(f"{hostile_url}/?lang=en")
    wait_for_app(page)
    screenshot(page, "safety_overview_hostile")
    assert dialogs == [], f"a script ran: {dialogs}"
    assert offline.blocked == [] or all("javascript:" in u for u in offline.blocked)
    context.close()
