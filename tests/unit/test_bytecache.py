"""The byte-bounded cache behind the briefing and bundle downloads."""

from __future__ import annotations

import ctypes
import platform
import sys
import threading
from pathlib import Path

import pytest

from centralasia.publish import bytecache
from centralasia.publish.bytecache import ByteBudgetCache


def test_total_bytes_never_exceed_the_budget_and_old_entries_go_first():
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(max_bytes=10_000)
    size = sys.getsizeof(b"x" * 3000)
    for key in range(20):  # 280 combinations of ?sections= in the issue; 20 here
        cache.get_or_build(key, lambda: b"x" * 3000)
        assert cache.total_bytes <= 10_000
    assert len(cache) == 10_000 // size
    built = []
    cache.get_or_build(19, lambda: built.append(1) or b"y")  # the newest is still there
    assert built == []
    cache.get_or_build(0, lambda: built.append(1) or b"y")  # the oldest was dropped
    assert built == [1]


def test_recently_used_entries_survive():
    cache: ByteBudgetCache[str] = ByteBudgetCache(max_bytes=3 * sys.getsizeof("a" * 1000))
    for key in "abc":
        cache.get_or_build(key, lambda: "a" * 1000)
    cache.get_or_build("a", lambda: "never")  # touch a
    cache.get_or_build("d", lambda: "d" * 1000)  # evicts b, not a
    assert cache.get_or_build("a", lambda: "rebuilt") == "a" * 1000
    assert cache.get_or_build("b", lambda: "rebuilt") == "rebuilt"


def test_a_value_larger_than_the_budget_is_returned_not_kept():
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(max_bytes=100)
    assert cache.get_or_build("big", lambda: b"z" * 1000) == b"z" * 1000
    assert len(cache) == 0 and cache.total_bytes == 0


def test_concurrent_builds_keep_the_accounting_right():
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(max_bytes=50_000)

    def work(offset: int) -> None:
        for key in range(200):
            cache.get_or_build((key + offset) % 60, lambda: b"q" * 2000)

    threads = [threading.Thread(target=work, args=(i * 7,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.total_bytes <= 50_000
    assert cache.total_bytes == len(cache) * sys.getsizeof(b"q" * 2000)


def _utf8_kept(text: str) -> None:
    """Make CPython build and keep the str's UTF-8 form, as Streamlit's protobuf does when it sends a preview."""
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8
    as_utf8.argtypes, as_utf8.restype = [ctypes.py_object], ctypes.c_char_p
    as_utf8(text)


@pytest.mark.parametrize("text", ["Stand: 14. März 2031 – „Zeitraum“ " * 1000, "é" * 5000, "a𝄞" * 3000, "Grüße " * 10])
def test_a_non_ascii_str_counts_the_utf8_copy_cpython_keeps_once_it_was_sent_before_and_after(text):
    fresh = sys.getsizeof(text)
    size = ByteBudgetCache.size_of(text)
    assert size == fresh + len(text.encode("utf-8")) + 1  # the copy to come, with its NUL
    _utf8_kept(text)
    assert sys.getsizeof(text) == size  # now CPython counts it too
    assert ByteBudgetCache.size_of(text) == size  # and the cache does not count it twice


def test_the_budget_counts_non_ascii_documents_as_they_will_be_held():
    text = "Stand: 14. März 2031 – „Zeitraum“ " * 1000
    cache: ByteBudgetCache[str] = ByteBudgetCache(max_bytes=2 * sys.getsizeof(text))  # two by getsizeof, one really
    for key in "ab":
        cache.get_or_build(key, lambda key=key: text + key)
    assert len(cache) == 1 and cache.total_bytes <= cache.max_bytes


def test_an_ascii_str_is_its_own_utf8():
    text = "ascii only " * 100
    _utf8_kept(text)
    assert ByteBudgetCache.size_of(text) == sys.getsizeof(text)


def test_the_cache_hands_freed_memory_back_after_a_build_not_on_a_hit(monkeypatch):
    calls = []
    monkeypatch.setattr(bytecache, "release_free_memory", lambda: calls.append(1) or True)
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(max_bytes=10_000)
    cache.get_or_build("a", lambda: b"x" * 100)
    cache.get_or_build("a", lambda: b"never")
    cache.get_or_build("big", lambda: b"y" * 20_000)  # built, too large to keep: its build's garbage is freed too
    assert calls == [1, 1]


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_release_free_memory_returns_freed_heap_pages_to_the_system():
    blocks = [bytes([i % 251]) * 100_000 for i in range(400)]  # below glibc's mmap threshold: on the heap
    del blocks[::2]  # 200 holes of 100 kB between live blocks: free() cannot trim them from the top
    before = _rss()
    assert bytecache.release_free_memory()
    assert before - _rss() >= 10 * 1024 * 1024
    del blocks


def _rss() -> int:
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024
