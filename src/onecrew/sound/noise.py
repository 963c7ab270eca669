"""Building blocks of procedural ambience, all pure functions of the sample index.

Loops: stereo coloured noise (or tones) made in the frequency domain, so they repeat seamlessly;
read at any position modulo their length. Two loops of unrelated lengths summed never audibly
repeat. Control curves: slow gains evaluated on a fixed grid of the film's samples and
interpolated linearly between grid points, so any chunking gives the same curve. Events: things
that happen (a car passing, a bird) at seeded times in fixed slots of time.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..model.seeds import derive
from .cache import ArrayCache

RATE = 48_000
STEP = 64  # control grid, samples
_LOOPS = ArrayCache(max_bytes=16 << 20)
_EVENTS = ArrayCache(max_bytes=8 << 20)


def unit(seed: int, *keys: object) -> float:
    """A number in [0, 1) named by keys under seed."""
    return derive(seed, *keys) / 2**63


def pink(f):
    return 1.0 / np.sqrt(np.maximum(f, 20.0))


def brown(f):
    return 1.0 / np.maximum(f, 20.0)


def lowpass(fc, order=2):
    return lambda f: 1.0 / np.sqrt(1.0 + (f / fc) ** (2 * order))


def highpass(fc, order=2):
    return lambda f: 1.0 / np.sqrt(1.0 + (fc / np.maximum(f, 1e-3)) ** (2 * order))


def band(fc, octaves):
    return lambda f: np.exp(-0.5 * (np.log2(np.maximum(f, 1.0) / fc) / octaves) ** 2)


def shaped(*shapes: Callable) -> Callable:
    def mag(f):
        out = np.ones_like(f)
        for s in shapes:
            out = out * s(f)
        return out
    return mag


def noise_loop(key: tuple, seed: int, shape: Callable, length: int = 1 << 18,
               correlation: float = 0.3) -> np.ndarray:
    """Stereo noise with magnitude spectrum `shape`, seamless over `length`, unit RMS per side.
    One noise, made in the frequency domain; the right side mixes in the same noise half a loop
    later, which is independent of it."""

    def make() -> np.ndarray:
        rng = np.random.default_rng(derive(seed, "loop", *key) & 0xFFFFFFFF)
        f = np.fft.rfftfreq(length, 1.0 / RATE)
        mag = shape(f).astype(np.float32)
        mag[0] = 0.0
        spec = rng.standard_normal(2 * len(f), dtype=np.float32).view(np.complex64) * mag
        x = np.fft.irfft(spec, length).astype(np.float32)
        x /= np.sqrt(np.mean(x * x)) or 1.0
        right = correlation * x + np.float32(np.sqrt(1 - correlation ** 2)) * np.roll(x, length // 2)
        return np.stack([x, right]).astype(np.float32)

    return _LOOPS.get(("noise", key, seed, length, correlation), make)


def made_loop(key: tuple, make: Callable[[], np.ndarray]) -> np.ndarray:
    return _LOOPS.get(("made", key), lambda: np.asarray(make(), dtype=np.float32))


def read(loop: np.ndarray, a: int, b: int, offset: int = 0) -> np.ndarray:
    """loop[(a + offset) mod L … (b + offset) mod L), shape (channels, b - a)."""
    length = loop.shape[-1]
    out = np.empty(loop.shape[:-1] + (b - a,), dtype=np.float32)
    pos, i = (a + offset) % length, 0
    while i < b - a:
        take = min(length - pos, b - a - i)
        out[..., i:i + take] = loop[..., pos:pos + take]
        i, pos = i + take, 0
    return out


def control(f: Callable[[np.ndarray], np.ndarray], a: int, b: int) -> np.ndarray:
    """f (of time in seconds) on the STEP grid, linearly interpolated over [a, b): float32."""
    j0, j1 = a // STEP, -(-b // STEP)
    grid = np.arange(j0, j1 + 1, dtype=np.float64) * STEP
    v = np.asarray(f(grid / RATE), dtype=np.float32)
    if v.ndim == 0:
        v = np.full(len(grid), v, dtype=np.float32)
    ramp = np.arange(STEP, dtype=np.float32) / np.float32(STEP)
    full = (v[:-1, None] + (v[1:] - v[:-1])[:, None] * ramp).reshape(-1)
    return full[a - j0 * STEP:b - j0 * STEP]


def wobble(seed: int, key: str, periods: tuple[float, ...]) -> Callable[[np.ndarray], np.ndarray]:
    """A slow curve in [0, 1]: sinusoids of the given periods (s) with seeded phases."""
    phases = [2 * np.pi * unit(seed, key, i) for i in range(len(periods))]

    def f(t):
        s = sum(np.sin(2 * np.pi * t / p + ph) for p, ph in zip(periods, phases))
        return 0.5 + 0.5 * s / len(periods)
    return f


def events(seed: int, key: str, a: int, b: int, slot: float, longest: int,
           chance: float = 1.0) -> list[tuple[int, int]]:
    """(start sample, event seed) of the events that may sound in [a, b): one per `slot`
    seconds at most, at a seeded time inside its slot, present with probability `chance`."""
    size = int(slot * RATE)
    first, last = (a - longest) // size - 1, b // size
    out = []
    for s in range(first, last + 1):
        if unit(seed, key, s, "is") >= chance:
            continue
        start = s * size + int(unit(seed, key, s, "at") * size * 0.9)
        if start < b and start + longest > a:
            out.append((start, derive(seed, key, s)))
    return out


def place(out: np.ndarray, a: int, key: tuple, start: int, make: Callable[[], np.ndarray]) -> None:
    """Add an event's samples (made whole, then cached) that fall inside out = [a, a + n)."""
    sound = _EVENTS.get(key, make)
    n = out.shape[-1]
    i0, i1 = max(a, start), min(a + n, start + sound.shape[-1])
    if i1 > i0:
        out[..., i0 - a:i1 - a] += sound[..., i0 - start:i1 - start]


def pan(mono: np.ndarray, position) -> np.ndarray:
    """Constant-power pan; position -1 … +1 (a number or a curve as long as mono)."""
    theta = (np.asarray(position, dtype=np.float32) + np.float32(1)) * np.float32(np.pi / 4)
    mono = np.asarray(mono, dtype=np.float32) * np.float32(np.sqrt(2))
    out = np.empty((2, len(mono)), dtype=np.float32)
    np.multiply(mono, np.cos(theta), out=out[0])
    np.multiply(mono, np.sin(theta), out=out[1])
    return out
