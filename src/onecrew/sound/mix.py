"""The mix: dialogue over ducked music and ambience, plus spot effects, normalised to a target
loudness and kept under -1 dBFS.

`Mix.render(start, stop)` is a pure function of the range (the ducking is a function of time
from the dialogue's spans). `Mix.chunks()` streams the finished mix in two passes: measure the
integrated loudness, then apply one gain and a peak limiter whose gain at each sample depends
only on the samples within 20 ms of it — so it is chunk-independent as well.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol, Sequence

import numpy as np

from ..errors import OnecrewError
from .loudness import Meter, integrated_loudness
from .spans import check_range
from .voice import RATE

__all__ = ["Placed", "Dialogue", "Mix", "integrated_loudness", "CEILING"]

CEILING = 10 ** (-1 / 20)  # -1 dBFS
ATTACK = int(0.08 * RATE)  # the duck is down by the time a line starts…
RELEASE = int(0.4 * RATE)  # …and back up 400 ms after it ends
MUSIC_DUCK_DB = -10.0
AMBIENCE_DUCK_DB = -6.0
_HOLD = int(0.01 * RATE)  # limiter: each over lowers the gain ±10 ms around it …
_SMOOTH = _HOLD // 2  # … smoothed by two ±5 ms averages, so the gain never rises above what an over needs
_MARGIN = 2 * _HOLD
_CLIP = np.float32(CEILING * 0.9999)  # float32 rounding stays under -1 dBFS


class Track(Protocol):
    def render(self, start: int, stop: int) -> np.ndarray: ...


@dataclass(frozen=True)
class Placed:
    """A dialogue line at `start` samples; load() gives its mono float32 samples."""

    start: int
    length: int
    load: Callable[[], np.ndarray]


class Dialogue:
    """Every line at its place, centred; lines load lazily and a few stay in memory."""

    def __init__(self, placed: Sequence[Placed], keep: int = 8) -> None:
        lines = []
        for i, p in enumerate(placed):
            if not isinstance(p, Placed):
                raise OnecrewError(f"dialogue line {i} is a {type(p).__name__}, not a Placed")
            for field in ("start", "length"):
                v = getattr(p, field)
                if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
                    raise OnecrewError(f"dialogue line {i} has {field} {v!r}: a whole number of samples ≥ 0")
            if not callable(p.load):
                raise OnecrewError(f"dialogue line {i} has nothing to load its audio")
            if p.length:
                lines.append(p)
        self.lines = sorted(lines, key=lambda p: (p.start, p.length))
        self._starts = [p.start for p in self.lines]
        self._longest = max((p.length for p in self.lines), default=0)
        self._keep = keep
        self._loaded: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def spans(self, start: int, stop: int) -> list[tuple[int, int]]:
        """(start, end) of the lines that overlap [start, stop)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, stop)
        return [(p.start, p.start + p.length) for p in self.lines[lo:hi] if p.start + p.length > start]

    def _samples(self, i: int) -> np.ndarray:
        with self._lock:
            if i in self._loaded:
                self._loaded.move_to_end(i)
                return self._loaded[i]
        p = self.lines[i]
        try:
            x = np.asarray(p.load(), dtype=np.float32)
        except OnecrewError:
            raise
        except Exception as e:  # a missing or unreadable file
            raise OnecrewError(f"the dialogue line at sample {p.start} could not be loaded: {e}") from None
        if x.ndim == 2:  # (channels, n) → mono
            x = x.mean(axis=0) if x.shape[0] <= 8 else x.mean(axis=1)
        if x.ndim != 1:
            raise OnecrewError(f"the dialogue line at sample {p.start} is not mono audio (shape {x.shape})")
        if not np.all(np.isfinite(x)):
            raise OnecrewError(f"the dialogue line at sample {p.start} holds NaN or infinity")
        if len(x) != p.length:  # the placement rules
            x = np.pad(x[:p.length], (0, max(0, p.length - len(x))))
        with self._lock:
            self._loaded[i] = x
            while len(self._loaded) > self._keep:
                self._loaded.popitem(last=False)
        return x

    def render(self, start: int, stop: int) -> np.ndarray:
        start, stop = check_range(start, stop)
        out = np.zeros(stop - start, dtype=np.float32)
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, stop)
        for i in range(lo, hi):
            p = self.lines[i]
            a, b = max(start, p.start), min(stop, p.start + p.length)
            if b > a:
                out[a - start:b - start] += self._samples(i)[a - p.start:b - p.start]
        return np.stack([out, out])


def duck_curve(spans: Sequence[tuple[int, int]], start: int, stop: int) -> np.ndarray:
    """How far the duck is down over [start, stop), 0 … 1: a smooth fall over the ATTACK before
    each line, held through it, a smooth rise over the RELEASE after — the most of any line."""
    d = np.zeros(stop - start, dtype=np.float32)
    for s, e in spans:
        for a, b, at, width, shape in ((s - ATTACK, s, s - ATTACK, ATTACK, np.sin),
                                       (e, e + RELEASE, e, RELEASE, np.cos)):
            a, b = max(start, a), min(stop, b)
            if b > a:
                x = np.sin if shape is np.sin else np.cos
                ramp = x(0.5 * np.pi * (np.arange(a, b, dtype=np.float64) - at) / width) ** 2
                view = d[a - start:b - start]
                np.maximum(view, ramp.astype(np.float32), out=view)
        a, b = max(start, s), min(stop, e)
        if b > a:
            d[a - start:b - start] = 1.0
    return d


def _gain(duck: np.ndarray, db: float) -> np.ndarray:
    """10^(db·duck/20), computed only where the duck is down."""
    g = np.ones_like(duck)
    down = np.flatnonzero(duck)
    if len(down):
        a, b = int(down[0]), int(down[-1]) + 1
        g[a:b] = np.exp(duck[a:b] * np.float32(db * math.log(10) / 20))
    return g


class Mix:
    def __init__(self, dialogue: Dialogue, music: Track, ambience: Track, effects: Track | None = None,
                 length: int = 0, target_lufs: float = -16.0) -> None:
        if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or length < 0:
            raise OnecrewError(f"the mix length must be a whole number of samples ≥ 0, not {length!r}")
        if not isinstance(target_lufs, (int, float)) or not -70 < target_lufs < 0:
            raise OnecrewError(f"a loudness target of {target_lufs!r} LUFS is out of range (-70 … 0)")
        for name, track in (("dialogue", dialogue), ("music", music), ("ambience", ambience), ("effects", effects)):
            if track is not None and not callable(getattr(track, "render", None)):
                raise OnecrewError(f"the {name} track cannot render")
        self.dialogue, self.music, self.ambience, self.effects = dialogue, music, ambience, effects
        self.length, self.target_lufs = int(length), float(target_lufs)
        self.gain: float | None = None  # set by the measuring pass
        self.measured: float | None = None

    def render(self, start: int, stop: int) -> np.ndarray:
        """The mix over [start, stop), ducked, before normalisation: (2, n) float32."""
        start, stop = check_range(start, stop)
        n = stop - start
        out = _stereo(self.dialogue.render(start, stop), n, "dialogue")
        duck = duck_curve(self.dialogue.spans(start - RELEASE, stop + ATTACK), start, stop)
        ducked = bool(duck.any())
        music = _stereo(self.music.render(start, stop), n, "music")
        if ducked:
            music *= _gain(duck, MUSIC_DUCK_DB)
        out += music
        amb = _stereo(self.ambience.render(start, stop), n, "ambience")
        if ducked:
            amb *= _gain(duck, AMBIENCE_DUCK_DB)
        out += amb
        if self.effects is not None:
            out += _stereo(self.effects.render(start, stop), n, "effects")
        return out

    def measure(self, size: int = RATE) -> float:
        """First pass: the integrated loudness of the whole mix, and the gain to the target."""
        meter = Meter(RATE)
        for s in range(0, self.length, size):
            meter.add(self.render(s, min(self.length, s + size)))
        self.measured = meter.loudness
        self.gain = 1.0 if not math.isfinite(self.measured) else 10 ** ((self.target_lufs - self.measured) / 20)
        return self.measured

    def finished(self, start: int, stop: int) -> np.ndarray:
        """The normalised, limited mix over [start, stop) (after `measure`)."""
        start, stop = check_range(start, stop)
        if self.gain is None:
            self.measure()
        a, b = max(0, start - _MARGIN), min(self.length, stop + _MARGIN)
        x = self.render(a, b)
        x *= np.float32(self.gain)
        peak = np.max(np.abs(x)) if x.size else 0.0
        if peak > CEILING:
            level = np.max(np.abs(x), axis=0)
            need = np.minimum(1.0, CEILING / np.maximum(level, 1e-9))
            # scipy is imported only here, on the rare chunk that needs the limiter
            from scipy.ndimage import minimum_filter1d, uniform_filter1d
            g = minimum_filter1d(need, 2 * _HOLD + 1, mode="nearest")
            g = uniform_filter1d(uniform_filter1d(g, 2 * _SMOOTH + 1, mode="nearest"), 2 * _SMOOTH + 1, mode="nearest")
            x *= np.minimum(g, need).astype(np.float32)
        np.clip(x, -_CLIP, _CLIP, out=x)
        return np.ascontiguousarray(x[:, start - a:stop - a])

    def chunks(self, size: int = RATE) -> Iterator[np.ndarray]:
        """The finished mix, `length` samples in chunks of `size`: measured first, then rendered
        again with one gain to the target loudness and the limiter."""
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size <= 0:
            raise OnecrewError(f"a chunk size must be a whole number of samples > 0, not {size!r}")
        self.measure(int(size))
        for s in range(0, self.length, size):
            yield self.finished(s, min(self.length, s + size))


def _stereo(x: np.ndarray, n: int, what: str) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = np.stack([x, x])
    if x.shape != (2, n):
        raise OnecrewError(f"the {what} track gave audio of shape {x.shape}, not (2, {n})")
    return x if x.flags.writeable else x.copy()
