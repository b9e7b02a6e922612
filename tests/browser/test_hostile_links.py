"""A crafted link injects nothing (issue 23, item 1): `/releases?q=` with Markdown image, link, colour and HTML
payloads, in Chromium with every outside request blocked. No request leaves the host, no href or src in the page
points outside, no image and no coloured text appear, and the payload is shown as the characters it is made of."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

EVIL = "evil.invalid"
PAYLOADS = {
    "image": f"![](http://{EVIL}/pixel.png)",
    "colour-link": f":red[**Data withdrawn — [download the corrected briefing](http://{EVIL}/b.html)**]",
    "html": f'<img src="http://{EVIL}/x.png"><a href="http://{EVIL}/">click</a>',
    "autolink": f"see http://{EVIL}/b.html or <http://{EVIL}/c>",
    # a word that matches, so the "Matches for …" caption carries the payload too
    "match-image": f"Kasachstan ![](http://{EVIL}/hit.png)",
}

OUTSIDE_ATTRIBUTES = """host => {
  const hits = [];
  for (const el of document.querySelectorAll('*')) {
    for (const name of ['href', 'src', 'srcset', 'action', 'poster', 'style']) {
      const value = el.getAttribute(name);
      if (value && value.includes(host)) hits.push(`${el.tagName} ${name}=${value.slice(0, 120)}`);
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_a_search_link_with_markup_shows_text_and_fetches_nothing_outside(open_page, name):
    payload = PAYLOADS[name]
    page, offline = open_page(f"releases?lang=en&q={quote(payload, safe='')}")
    main = page.get_by_test_id("stMain")
    assert page.get_by_test_id("stException").count() == 0
    assert page.evaluate(OUTSIDE_ATTRIBUTES, EVIL) == [], "no live outside link or image"
    assert main.locator("img").count() == 0
    # Streamlit's :red[…] becomes a coloured span; the payload must stay literal text instead.
    assert page.locator("[data-testid=stMarkdownContainer] span[style*='color']").count() == 0
    assert f"{EVIL}/" in main.inner_text().replace("\u2060", ""), "the query is shown, as text"
    page.wait_for_timeout(1000)  # an image fetch would start as the element is drawn
    assert offline.blocked == [], offline.blocked
    assert offline.errors == [], offline.errors
    if name == "colour-link":
        screenshot(page, "releases_q_colour_link_payload")
