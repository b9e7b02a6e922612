"""The byte-bounded cache behind the briefing and bundle downloads."""

from __future__ import annotations

import sys
import threading

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


def test_a_non_ascii_str_counts_the_utf8_copy_cpython_keeps_once_it_was_encoded():
    text = "Stand: 14. März 2031 – „Zeitraum“ " * 1000
    assert ByteBudgetCache.size_of(text) == sys.getsizeof(text) + len(text.encode("utf-8"))
    assert ByteBudgetCache.size_of("ascii only") == sys.getsizeof("ascii only")
    cache: ByteBudgetCache[str] = ByteBudgetCache(max_bytes=2 * sys.getsizeof(text))  # two by getsizeof, one really
    for key in "ab":
        cache.get_or_build(key, lambda key=key: text + key)
    assert len(cache) == 1 and cache.total_bytes <= cache.max_bytes
