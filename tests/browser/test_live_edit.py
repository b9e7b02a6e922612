"""Edits under a running server (issue 23, item 3), with a real `streamlit run` and Chromium.

Readers rerun their pages while a writer rewrites a release's files in place (a half-written file for a moment)
and removes and restores its folder. No reader ever sees an exception box; a link pinned to that release shows
that release or says it is unavailable, never another release; and once the files are whole again the same
session shows the pinned release again (nothing remembered a fallback).
"""

from __future__ import annotations

import random
import shutil
import threading
import time

import pytest

from tests.fixtures import series_release

from .conftest import Offline, screenshot, served, wait_for_app

pytestmark = pytest.mark.browser

PINNED, OTHER = "2031-03-01-alt", "2031-03-05-neu"
PINNED_VERB, OTHER_VERB = "vertiefen", "erneuern"  # in each release's title
UNAVAILABLE = "cannot be shown right now"
# The readers rerun until the writer has made this many edits and a reader has met the release unavailable (a run
# takes ~20 s), or for at most 45 s; the assertions below are the same either way.
EDITS, LONGEST_S = 12, 45
PAGES = ["", "sectors", "initiatives", "source"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("live-edit") / "releases"
    series_release(root, PINNED, "2031-03-01", PINNED_VERB, "die Seidenstraße")
    series_release(root, OTHER, "2031-03-05", OTHER_VERB, "den Hafenverbund")  # the newest: the fallback that must not appear
    with served(root) as url:
        yield url, root


class Writer(threading.Thread):
    """Rewrites the pinned release in place (truncated for a moment) and removes and restores its folder, in a loop."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.folder = root / PINNED
        self.aside = root.parent / f"{PINNED}.aside"
        self.stop = threading.Event()
        self.edits = 0
        self.rng = random.Random(23)

    def run(self):
        files = {name: (self.folder / name).read_bytes() for name in ("metadata.yaml", "records.yaml")}
        while not self.stop.is_set():
            action = self.edits % 3
            if action == 2:
                shutil.move(self.folder, self.aside)  # the folder disappears …
                time.sleep(self.rng.uniform(0.3, 1.6))
                shutil.move(self.aside, self.folder)  # … and comes back
            else:
                name = "metadata.yaml" if action == 0 else "records.yaml"
                data = files[name]
                with (self.folder / name).open("wb") as handle:  # in place: an editor saving, half written for a moment
                    handle.write(data[: len(data) // 2])
                    handle.flush()
                    time.sleep(self.rng.uniform(0.3, 1.6))
                    handle.write(data[len(data) // 2 :])
            self.edits += 1
            time.sleep(self.rng.uniform(0.2, 1.2))


PANEL_FLIPPED = """was => {
  const panel = [...document.querySelectorAll('[data-testid=stSidebar] details')].find(d => d.textContent.includes('Share & embed'));
  return panel !== undefined && panel.hasAttribute('open') !== was;
}"""


def rerun(page):
    """Rerun the session's script as a reader does: opening or closing the sidebar's share panel reruns the same
    session (``on_change="rerun"``); wait until the panel has flipped and the run has finished."""
    panel = page.get_by_test_id("stSidebar").locator("details", has_text="Share & embed")
    was_open = panel.get_attribute("open") is not None
    panel.locator("summary").click()
    page.wait_for_function(PANEL_FLIPPED, arg=was_open, timeout=30_000)
    wait_for_app(page, settle_ms=150)


def test_readers_rerun_while_a_release_is_rewritten_removed_and_restored(browser, live_server):
    url, root = live_server
    readers, contexts, offline = [], [], None
    for path in PAGES:  # one browser context (window) per reader: a background tab would not draw
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(context)
        offline = Offline(context, url) if offline is None else offline
        if context is not contexts[0]:
            context.route("**/*", offline._route)
        page = context.new_page()
        page.on("pageerror", lambda exc, errors=offline.errors: errors.append(str(exc)))
        page.goto(f"{url}/{path}?lang=en&release={PINNED}")
        wait_for_app(page)
        readers.append(page)
    writer = Writer(root)
    writer.start()
    seen = {"pinned": 0, "unavailable": 0}
    runs = 0
    try:
        deadline = time.monotonic() + LONGEST_S
        while time.monotonic() < deadline and not (writer.edits >= EDITS and seen["unavailable"]):
            for page in readers:
                rerun(page)
                runs += 1
                main = page.get_by_test_id("stMain").inner_text()
                assert page.get_by_test_id("stException").count() == 0, f"exception box after {runs} reruns: {main[:300]}"
                assert f"release={PINNED}" in page.url, "the link keeps its release"
                assert OTHER_VERB not in main, "another release is never shown in place of the pinned one"
                if UNAVAILABLE in main:
                    seen["unavailable"] += 1
                    if seen["unavailable"] == 1:
                        screenshot(page, "live_edit_unavailable")
                else:
                    seen["pinned"] += 1
    finally:
        writer.stop.set()
        writer.join(timeout=10)
    assert writer.edits >= 10
    time.sleep(1.5)  # past the fingerprint's 1 s look-up interval: the files are whole again
    for page in readers:
        rerun(page)
        main = page.get_by_test_id("stMain").inner_text()
        assert UNAVAILABLE not in main and page.get_by_test_id("stException").count() == 0
        assert f"release={PINNED}" in page.url
    assert PINNED_VERB in readers[0].get_by_test_id("stMain").inner_text(), "the same session shows its release again"
    # The readers did run into the edits (a run: ~20 reruns, 12 edits, "unavailable" in most); the pinned release
    # itself was checked after the restore above.
    assert seen["unavailable"], (runs, writer.edits, seen)
    assert offline.errors == [] and offline.blocked == [], (offline.errors, offline.blocked)
    for context in contexts:
        context.close()
