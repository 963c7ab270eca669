"""A small least-recently-used cache bounded by the bytes of the arrays it holds."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

import numpy as np


_ALL: list["ArrayCache"] = []


def clear_all() -> None:
    """Empty every cache: once the stems are rendered, what they cached is not needed again."""
    for cache in _ALL:
        cache.clear()


class ArrayCache:
    def __init__(self, max_bytes: int, max_items: int = 1 << 30) -> None:
        _ALL.append(self)
        self.max_bytes, self.max_items = max_bytes, max_items
        self._items: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], np.ndarray]) -> np.ndarray:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        value.setflags(write=False)
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._bytes += value.nbytes
                while self._items and (self._bytes > self.max_bytes or len(self._items) > self.max_items):
                    _, old = self._items.popitem(last=False)
                    self._bytes -= old.nbytes
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
