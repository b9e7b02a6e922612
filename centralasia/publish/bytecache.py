"""A least-recently-used cache bounded by bytes, for large built documents shared by all sessions.

``st.cache_data``/``st.cache_resource`` bound entries, not bytes: with 64 entries of a 4.7 MB briefing
and one entry per combination of ``?sections=``, random URLs grew the server by more than a gigabyte.
This cache keeps at most ``max_bytes`` of values; the least recently used go first.

Worst case memory: ``max_bytes`` held, plus one value per build in progress (each session building
a document it did not find holds that one value until it is stored or dropped). A value larger than
the whole budget is returned but not kept.

Building a document allocates several times its size in intermediate strings (every figure's HTML, the rendered
template, plotly.js), and each script run runs on a thread of its own, so glibc spreads those allocations over up to
8 arenas per core and keeps what they freed. Measured with 64 briefing previews (``tests/app/test_briefing_memory.py``):
Python kept only the cached documents (``malloc_trim`` brought the growth back to the cache's size), yet the process
grew by 144-246 MiB; 135 MiB with ``MALLOC_ARENA_MAX=2``, 111 MiB with 1. So after every build the cache hands the
freed memory back to the operating system (``release_free_memory``): a handful of previews cannot leave the process
holding several documents' worth of freed arenas.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V", str, bytes)


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None on another C library (musl, macOS: nothing to call, nothing lost)."""
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Return the heap pages the allocator holds free, in every arena, to the operating system (glibc only).

    Costs well under a millisecond (it walks the free lists); called once per built document, never per hit.
    True when anything was released.
    """
    return bool(_TRIM(0)) if _TRIM is not None else False


def _str_footprint(value: str) -> int:
    """Bytes a str occupies once its UTF-8 form exists, whether or not CPython has made it yet.

    CPython stores a str at 1, 2 or 4 bytes per character; once a non-ASCII str has been encoded to UTF-8 (as
    Streamlit's protobuf does when it sends the preview) it keeps that encoding inside the object, and from then on
    ``sys.getsizeof`` counts it too (Python 3.11, full briefing: 9.9 MB before, 14.8 MB after; RSS grew 15.3 MB).
    """
    if value.isascii():  # an ASCII str is its own UTF-8
        return sys.getsizeof(value)
    width = 4 if _ASTRAL.search(value) else 2 if _WIDE.search(value) else 1
    return _STR_HEADER + (len(value) + 1) * width + len(value.encode("utf-8")) + 1  # each with its NUL


_STR_HEADER = sys.getsizeof("\xe9") - 2  # a compact non-ASCII str less its one 1-byte character and NUL
_WIDE = re.compile("[^\x00-\xff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class ByteBudgetCache(Generic[V]):
    """Thread-safe LRU of ``str``/``bytes`` values whose total size stays within ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def size_of(value: V) -> int:
        """The value's real footprint once it has been sent (for a str: with the UTF-8 copy CPython then keeps)."""
        return _str_footprint(value) if isinstance(value, str) else sys.getsizeof(value)

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
        if size <= self.max_bytes:
            with self._lock:
                if key not in self._items:
                    self._items[key] = (value, size)
                    self._bytes += size
                while self._bytes > self.max_bytes:
                    _, (_, dropped) = self._items.popitem(last=False)
                    self._bytes -= dropped
        release_free_memory()  # the build's intermediate strings and any dropped value are free now
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
