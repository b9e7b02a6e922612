"""A least-recently-used cache bounded by bytes, for large built documents shared by all sessions.

``st.cache_data``/``st.cache_resource`` bound entries, not bytes: with 64 entries of a 4.7 MB briefing
and one entry per combination of ``?sections=``, random URLs grew the server by more than a gigabyte.
This cache keeps at most ``max_bytes`` of values; the least recently used go first.

Worst case memory: ``max_bytes`` held, plus one value per build in progress (each session building
a document it did not find holds that one value until it is stored or dropped). A value larger than
the whole budget is returned but not kept.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V", str, bytes)


class ByteBudgetCache(Generic[V]):
    """Thread-safe LRU of ``str``/``bytes`` values whose total size stays within ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def size_of(value: V) -> int:
        # The object's real footprint: CPython stores a str at 1, 2 or 4 bytes per character, and once a non-ASCII str
        # has been encoded to UTF-8 (as Streamlit's protobuf does when it sends the preview) it keeps that encoding
        # inside the str object too, which sys.getsizeof does not count. Measured: 9.9 MB + 4.7 MB per full briefing.
        if isinstance(value, str) and not value.isascii():
            return sys.getsizeof(value) + len(value.encode("utf-8"))
        return sys.getsizeof(value)

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get_or_build(self, key: Hashable, build: Callable[[], V]) -> V:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit[0]
        value = build()  # outside the lock: a slow build must not block readers of other keys
        size = self.size_of(value)
        if size > self.max_bytes:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, size)
                self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
