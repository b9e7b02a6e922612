"""A hostile release next to the real one, in a real browser: no exception box, nothing leaves localhost,
no href/src anywhere in the page points at the hostile host, and the hostile text is visible as text."""

from __future__ import annotations

import pytest

from ..conftest import SHIPPED
from ..hostile import HOSTILE_HOST, MARKUP_ID, make_hostile_catalog
from .conftest import Offline, every_page, new_window, screenshot, served, wait_for_app

pytestmark = pytest.mark.browser

# Every URL-bearing attribute in the document and in same-origin frames.
HOSTILE_ATTRIBUTES = """host => {
  const docs = [document, ...[...document.querySelectorAll('iframe')].map(f => { try { return f.contentDocument } catch (e) { return null } })];
  const hits = [];
  for (const doc of docs.filter(Boolean)) {
    for (const el of doc.querySelectorAll('*')) {
      for (const name of ['href', 'src', 'srcset', 'action', 'poster', 'xlink:href', 'style']) {
        const value = el.getAttribute(name);
        if (value && value.includes(host)) hits.push(`${el.tagName} ${name}=${value.slice(0, 120)}`);
      }
    }
  }
  return hits;
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    broken = make_hostile_catalog(SHIPPED, root)
    with served(root) as url:
        yield url, broken


def _markup_is_text_and_the_skipped_folders_are_one_notice(page, broken) -> None:
    main = page.get_by_test_id("stMain")
    # the markup is shown as the characters it is made of (word joiners are invisible)
    shown = main.inner_text().replace("\u2060", "")
    assert f"[Official](https://{HOSTILE_HOST}/x)" in shown and f"![p](https://{HOSTILE_HOST}/pixel.png)" in shown
    assert ":red[rot]" in shown and "$x^2$" in shown
    assert main.locator("img").count() == 0 and main.locator(".katex").count() == 0
    # one short notice for the skipped folders, no traceback
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("data file problem", exact=False).first.click()
    page.wait_for_timeout(300)
    listed = sidebar.get_by_test_id("stCode").first.inner_text()
    assert all(name in listed for name in broken) and "Traceback" not in listed
    screenshot(page, "hostile_sidebar_notice")


def test_hostile_release_is_inert_on_every_page_and_the_real_one_still_renders(browser, hostile_server):
    url, broken = hostile_server
    context, page, offline = new_window(browser, url)
    for release in (MARKUP_ID, SHIPPED.name):
        for spec in every_page(page, url, f"lang=en&release={release}"):
            where = f"{spec.key} / {release}"
            assert page.get_by_text("Page not found").count() == 0, where
            assert page.evaluate(HOSTILE_ATTRIBUTES, HOSTILE_HOST) == [], where
            if spec.key == "overview":
                screenshot(page, f"hostile_overview_{'markup' if release == MARKUP_ID else 'real'}")
                if release == MARKUP_ID:
                    _markup_is_text_and_the_skipped_folders_are_one_notice(page, broken)
    assert offline.blocked == [], offline.blocked
    assert offline.errors == [], offline.errors
    context.close()


def test_csv_downloads_of_the_hostile_release_are_neutralised(browser, hostile_server):
    url, _ = hostile_server
    context = browser.new_context(accept_downloads=True)
    offline = Offline(context, url)
    page = context.new_page()
    page.goto(f"{url}/?lang=en&release={MARKUP_ID}")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").last.click()
    body = open(info.value.path(), encoding="utf-8-sig").read()
    assert "HYPERLINK" in body and "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body and ",@SUM" not in body
    assert offline.blocked == []
    context.close()
