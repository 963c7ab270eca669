"""Deterministic randomness: every choice is a pure function of a recorded seed and a name.

SHA-256 rather than `random.Random` so that the same seed gives the same film on any Python
version and platform, and so each choice can be re-derived on its own without replaying others.
"""

from __future__ import annotations

import hashlib
from typing import Sequence, TypeVar

T = TypeVar("T")


def derive(seed: int, *keys: object) -> int:
    """A 63-bit seed for the thing named by `keys`, under `seed`."""
    text = "\x1f".join([str(seed), *map(str, keys)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 1


def pick(options: Sequence[T], seed: int, *keys: object) -> T:
    if not options:
        raise ValueError("nothing to pick from")
    return options[derive(seed, *keys) % len(options)]


def uniform(lo: float, hi: float, seed: int, *keys: object) -> float:
    return lo + (hi - lo) * (derive(seed, *keys) / 2**63)
