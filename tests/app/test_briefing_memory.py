"""Briefing previews for many ``?sections=`` combinations keep the server's memory bounded (issue: 862 MB kept).

Each preview is a new session (a fresh AppTest) on the shipped release, as readers following different links would be.
The documents live in one byte-bounded cache (``ui/data.py``, ``centralasia/publish/bytecache.py``): the test measures that
cache's size after every preview and the process's resident memory before and after all 64. Resident memory also counts
what glibc keeps of freed memory: the cache and the preview hand it back (``bytecache.release_free_memory``); without
that, the same 64 previews grew the process by 144-246 MiB while Python held only the cached documents.
"""

from __future__ import annotations

import gc
import itertools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from centralasia.publish.briefing import SECTIONS
from centralasia.publish.bytecache import ByteBudgetCache
from centralasia.ui import data

from .conftest import APP

STATUS = Path("/proc/self/status")
MIB = 1024 * 1024
# What a run of 64 sessions leaves besides the cached documents and two in flight: the last preview's message copies
# (AppTest's and Streamlit's), interpreter and allocator bookkeeping (measured with the trims: 21-44 MiB on 2 busy cores).
SLACK = 48 * MIB


def _rss() -> int:
    gc.collect()
    line = next(line for line in STATUS.read_text().splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024


def _preview(lang: str, sections: tuple[str, ...]) -> int:
    """Open the briefing page with the preview on; the size of the document it shows (as the server holds it)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.query_params["sections"] = ",".join(sections)
    at.query_params["preview"] = "1"
    at.run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, at.exception
    previews = [f for f in at.get("iframe") if "<main" in f.proto.srcdoc]  # not the page's small language script frame
    assert len(previews) == 1
    document = previews[0].proto.srcdoc
    for section in sections:
        assert f'<section id="{section}"' in document
    return ByteBudgetCache.size_of(document)  # the str and the UTF-8 copy CPython keeps once it was sent


@pytest.mark.skipif(not STATUS.exists(), reason="reads resident memory from /proc")
def test_previews_of_64_section_combinations_stay_within_the_byte_budget(record_property):
    combinations = [c for n in range(1, len(SECTIONS) + 1) for c in itertools.combinations(SECTIONS, n)]  # 63
    runs = [("en", c) for c in combinations] + [("de", tuple(SECTIONS))]
    assert len(runs) == 64
    data._document_caches.clear()
    largest = _preview("de", tuple(SECTIONS))  # warm: imports, geodata, plotly.js loaded before measuring
    data._document_caches.clear()
    before = _rss()
    cache = data._document_caches()["briefing"]
    for lang, sections in runs:
        largest = max(largest, _preview(lang, sections))
        assert cache.total_bytes <= data.BRIEFING_CACHE_BYTES
    assert len(cache) < len(runs), "the cache must have dropped documents (else the budget was never reached)"
    grown = _rss() - before
    # Without a bound the 64 documents alone would hold about 64 × `largest` bytes.
    bound = data.BRIEFING_CACHE_BYTES + 2 * largest + SLACK
    assert 64 * largest > 2 * bound, "the test must be able to tell a bounded cache from an unbounded one"
    for name, value in {"rss_growth_mib": grown / MIB, "bound_mib": bound / MIB, "cache_mib": cache.total_bytes / MIB,
                        "cached_documents": len(cache), "largest_document_mib": largest / MIB}.items():  # fmt: skip
        record_property(name, round(value, 1))
    assert grown <= bound, f"RSS grew {grown / MIB:.0f} MiB over 64 previews; the bound is {bound / MIB:.0f} MiB"
    data._document_caches.clear()
