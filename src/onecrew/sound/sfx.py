"""Spot effects by name: camera shutter, door (knock, open, close, slam), footsteps, glass (clink,
break), phone ring, doorbell, car horn, wave crash, thunder, splash, whoosh, thud. A name is
matched on its words; anything else is a soft whoosh."""

from __future__ import annotations

import bisect
import re
from typing import Callable, Sequence

import numpy as np
from . import iir

from ..errors import OnecrewError
from ..model.seeds import derive
from .cache import ArrayCache
from .noise import RATE, pan, unit
from .spans import check_range

PEAK = 0.4  # an effect's peak before the mix
_SOUNDS = ArrayCache(max_bytes=8 << 20)


def _noise(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed & 0xFFFFFFFF).standard_normal(n)


def _lp(x, fc):
    return iir.lowpass(x, fc, RATE)


def _hp(x, fc):
    return iir.highpass(x, fc, RATE)


def _bp(x, lo, hi):
    return _lp(_hp(x, lo), hi)


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * RATE)) / RATE


def _burst(seconds, decay, lo, hi, seed, attack=0.0005):
    t = _t(seconds)
    return _bp(_noise(len(t), seed), lo, hi) * np.exp(-t / decay) * np.minimum(1, t / attack)


def _thump(f, seconds, decay, seed):
    t = _t(seconds)
    body = np.sin(2 * np.pi * f * t * (1 + 0.3 * np.exp(-t / 0.02))) * np.exp(-t / decay)
    return _sum(body, 0.3 * _burst(seconds, decay * 0.4, 80, 900, seed))


def _at(total: float, *pieces: tuple[float, np.ndarray]) -> np.ndarray:
    out = np.zeros(int(total * RATE) + 1)
    for when, x in pieces:
        i = int(when * RATE)
        j = min(len(out), i + len(x))
        out[i:j] += x[:j - i]
    return out


def _sum(*xs: np.ndarray) -> np.ndarray:
    out = np.zeros(max(len(x) for x in xs))
    for x in xs:
        out[:len(x)] += x
    return out


def shutter(seed):
    return _at(0.25, (0, _burst(0.03, 0.004, 1500, 9000, seed)), (0, 0.4 * _thump(120, 0.06, 0.01, seed)),
               (0.07, 0.8 * _burst(0.04, 0.006, 1200, 8000, seed + 1)))


def knock(seed):
    return _at(0.9, *((0.22 * k, _sum(_thump(180 + 20 * k, 0.15, 0.025, seed + k), 0.2 * _burst(0.02, 0.003, 2000, 6000, seed)))
                      for k in range(3)))


def door_close(seed):
    return _at(0.8, (0, _thump(70, 0.6, 0.09, seed)), (0.0, 0.5 * _burst(0.3, 0.05, 200, 3000, seed + 1)),
               (0.05, 0.3 * _burst(0.04, 0.006, 2000, 8000, seed + 2)))


def door_open(seed):
    t = _t(0.9)
    creak = np.sin(2 * np.pi * np.cumsum(300 + 120 * np.sin(2 * np.pi * 1.3 * t) + 40 * _lp(_noise(len(t), seed), 30)) / RATE)
    grain = (np.abs(np.sin(2 * np.pi * 35 * t)) ** 8)
    env = np.sin(np.pi * t / t[-1]) ** 2
    return _at(1.0, (0, 0.4 * _burst(0.04, 0.005, 1500, 7000, seed)), (0.1, 0.35 * _bp(creak * grain, 200, 3000) * env))


def slam(seed):
    return _at(0.8, (0, 1.6 * door_close(seed)), (0.02, 0.6 * _burst(0.5, 0.12, 60, 400, seed + 5)))


def footsteps(seed, count=5):
    gap = 0.45 + 0.15 * unit(seed, "pace")
    pieces = []
    for k in range(count):
        step = _at(0.15, (0, _thump(90, 0.12, 0.025, seed + k)),
                   (0, 0.6 * _burst(0.09, 0.03, 300, 3000, seed + 10 + k, attack=0.004)))
        pieces.append((k * gap, step * (0.8 + 0.2 * unit(seed, "step", k))))
    return _at(count * gap + 0.2, *pieces)


def clink(seed):
    t = _t(0.6)
    f = 2200 + 1500 * unit(seed, "glass")
    y = sum(a * np.sin(2 * np.pi * f * r * t) * np.exp(-t / d) for r, a, d in ((1, 1, 0.25), (2.32, 0.5, 0.12), (4.25, 0.3, 0.06)))
    return y * np.minimum(1, t / 0.0005)


def shatter(seed):
    pieces = [(0, 1.2 * _burst(0.5, 0.08, 1500, 10000, seed))]
    pieces += [(0.02 + 0.35 * unit(seed, "shard", k), 0.5 * clink(seed + k)) for k in range(10)]
    return _at(1.2, *pieces)


def phone_ring(seed):
    t = _t(1.0)
    tone = (np.sin(2 * np.pi * 440 * t) + np.sin(2 * np.pi * 480 * t)) * (0.5 + 0.5 * np.sign(np.sin(2 * np.pi * 20 * t)))
    ring = tone * np.minimum(1, t / 0.01) * np.minimum(1, (1.0 - t) / 0.01)
    return _at(3.0, (0, ring), (2.0, ring[:len(ring)]))


def doorbell(seed):
    t = _t(1.4)
    ding = lambda f: sum(a * np.sin(2 * np.pi * f * r * t) * np.exp(-t / d) for r, a, d in ((1, 1, 0.6), (2.0, 0.3, 0.3), (3.0, 0.1, 0.15)))
    return _at(2.2, (0, ding(660)), (0.6, ding(523)))


def horn(seed):
    t = _t(0.6)
    f = 400
    tone = sum(np.sign(np.sin(2 * np.pi * f * r * t)) for r in (1.0, 1.25)) * 0.5
    return _lp(tone, 2500) * np.minimum(1, t / 0.01) * np.minimum(1, (t[-1] - t) / 0.03)


def wave_crash(seed):
    t = _t(3.5)
    env = np.minimum(1, t / 0.3) * np.exp(-np.maximum(0, t - 0.3) / 0.9)
    return _bp(_noise(len(t), seed), 150, 5000) * env


def thunder(seed):
    t = _t(5.0)
    env = np.minimum(1, t / 0.05) * np.exp(-t / 1.4) * (1 + 0.5 * _lp(np.abs(_noise(len(t), seed + 1)), 4))
    return _lp(_lp(_noise(len(t), seed), 300), 400) * env * 4


def splash(seed):
    return _at(0.8, (0, _burst(0.8, 0.18, 400, 6000, seed, attack=0.005)), (0, 0.4 * _thump(110, 0.3, 0.05, seed + 1)))


def whoosh(seed):
    t = _t(1.0)
    x = _noise(len(t), seed)
    env = np.sin(np.pi * t) ** 3
    low, high = _bp(x, 300, 1200), _bp(x, 1200, 5000)
    return (low * (1 - t) + high * t) * env


def thud(seed):
    return _thump(60, 0.5, 0.08, seed) * 1.2


# first matching row wins
_CATALOGUE: list[tuple[str, Callable[[int], np.ndarray]]] = [
    (r"shutter|camera|photo|snapshot|click", shutter),
    (r"knock\w*", knock),
    (r"slam\w*|bang\w*", slam),
    (r"door ?bell|chime", doorbell),
    (r"(?:door|gate).*(?:open|creak)|creak\w*|opens? the door", door_open),
    (r"door|gate|latch|shut\w*|close\w*", door_close),
    (r"foot\w*|steps?|walk\w*|running", footsteps),
    (r"shatter\w*|break\w*|smash\w*", shatter),
    (r"glass\w*|clink\w*|toast|cheers|cup|mug", clink),
    (r"phone|ring\w*", phone_ring),
    (r"horn|honk\w*|car", horn),
    (r"wave\w*|surf|crash\w*", wave_crash),
    (r"thunder|storm", thunder),
    (r"splash\w*|water|drop", splash),
    (r"thud\w*|fall\w*|punch\w*|hit|bump|drop", thud),
    (r"whoosh\w*|swoosh\w*|swish\w*|wind", whoosh),
]
_CATALOGUE_RES = [(re.compile(rf"\b(?:{p})\b", re.I), f) for p, f in _CATALOGUE]


def effect(name: str, seed: int = 0) -> np.ndarray:
    """The named effect, stereo float32 at RATE, peaking at PEAK."""
    make = next((f for rx, f in _CATALOGUE_RES if rx.search(name)), whoosh)

    def build() -> np.ndarray:
        x = np.asarray(make(derive(seed, name) & 0xFFFF), dtype=np.float64)
        fade = min(len(x), int(0.01 * RATE))
        x[-fade:] *= np.linspace(1, 0, fade)
        x *= PEAK / (np.max(np.abs(x)) or 1.0)
        return pan(x.astype(np.float32), 0.3 * (2 * unit(seed, name, "pan") - 1))

    return _SOUNDS.get((name.lower().strip(), seed), build)


class Effects:
    """Spot effects at their samples: Effects([(sample, "camera shutter"), …])."""

    def __init__(self, cues: Sequence[tuple[int, str]]) -> None:
        checked = []
        for i, cue in enumerate(cues):
            try:
                at, name = cue
            except (TypeError, ValueError):
                raise OnecrewError(f"effect {i} must be (sample, name), not {cue!r}") from None
            if isinstance(at, bool) or not isinstance(at, (int, np.integer)) or at < 0:
                raise OnecrewError(f"effect {i} ({name!r}) must start at a whole sample ≥ 0, not {at!r}")
            if not isinstance(name, str) or not name.strip():
                raise OnecrewError(f"effect {i} at sample {at} has no name")
            checked.append((int(at), name.strip(), i))
        self.cues = sorted(checked)
        self._starts = [c[0] for c in self.cues]
        self._longest = max((effect(n, i).shape[1] for _, n, i in self.cues), default=0)

    def render(self, start: int, stop: int) -> np.ndarray:
        start, stop = check_range(start, stop)
        out = np.zeros((2, stop - start), dtype=np.float32)
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, stop)
        for at, name, i in self.cues[lo:hi]:
            x = effect(name, i)
            a, b = max(start, at), min(stop, at + x.shape[1])
            if b > a:
                out[:, a - start:b - start] += x[:, a - at:b - at]
        return out
