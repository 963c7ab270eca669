"""Synthesised instruments: one note is a pure function of (timbre, pitch, gate).

Harmonic tones are band-limited wavetables read by a 32-bit phase accumulator (a bright and a
dull table crossfaded by the envelope stand in for a filter); bells are inharmonic partials;
drums are shaped noise. Every note has an attack and a release, so nothing clicks. Notes are
cached: a phrase strikes the same few dozen notes again and again.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .iir import highpass, lowpass

from .cache import ArrayCache

RATE = 48_000
_BITS = 13  # 8192-entry tables
_SIZE = 1 << _BITS
_SHIFT = np.uint32(32 - _BITS)
_TWO32 = 2.0**32


_COUNT: np.ndarray | None = None  # 0, 1, 2 … as uint32 and float32, grown on demand
_COUNT_F: np.ndarray | None = None


def _count(n: int) -> np.ndarray:
    global _COUNT, _COUNT_F
    if _COUNT is None or len(_COUNT) < n:
        size = max(n, 16 * RATE)
        _COUNT = np.arange(size, dtype=np.uint32)
        _COUNT_F = _COUNT.astype(np.float32)
        _COUNT.setflags(write=False)
        _COUNT_F.setflags(write=False)
    return _COUNT[:n]


def _countf(n: int) -> np.ndarray:
    _count(n)
    return _COUNT_F[:n]


def _seconds(n: int) -> np.ndarray:
    return _countf(n) * np.float32(1 / RATE)


def hz(midi: float) -> float:
    return 440.0 * 2.0 ** ((midi - 69.0) / 12.0)


# Harmonic recipes: amplitude of harmonic k (1-based) as a function of the k array.
_SPECTRA = {
    "pluck_bright": lambda k: np.abs(np.sin(np.pi * k * 0.18)) / k ** 1.1,
    "pluck_dull": lambda k: 1.0 / k ** 2.6,
    "piano_bright": lambda k: 1.0 / k ** 1.25 * np.exp(-k / 18),
    "piano_dull": lambda k: 1.0 / k ** 2.8,
    "saw_soft": lambda k: 1.0 / k * np.exp(-k / 6.0),
    "saw_mid": lambda k: 1.0 / k * np.exp(-k / 12.0),
    "saw_bright": lambda k: 1.0 / k,
    "saw_dark": lambda k: 1.0 / k ** 2.2,
    "square_bright": lambda k: (k % 2 == 1) / k * np.exp(-k / 14),
    "square_dull": lambda k: (k % 2 == 1) / k ** 2.2,
    "flute": lambda k: np.where(k == 1, 1.0, 0.14 / k ** 2),
    "clarinet": lambda k: np.where(k % 2 == 1, 1.0 / k, 0.06 / k) * np.exp(-k / 10),
    "bassoon": lambda k: (1.0 + 1.5 * np.exp(-((k - 3.0) / 1.6) ** 2)) / k ** 1.2 * np.exp(-k / 12),
    "bass": lambda k: 0.45 ** (k - 1) * (k <= 8),
    "sine": lambda k: (k == 1).astype(np.float64),
}


@lru_cache(maxsize=512)
def _table(spectrum: str, harmonics: int) -> np.ndarray:
    k = np.arange(1, harmonics + 1, dtype=np.float64)
    amps = np.asarray(_SPECTRA[spectrum](k), dtype=np.float64)
    spec = np.zeros(_SIZE // 2 + 1, dtype=np.complex128)
    spec[1:harmonics + 1] = -0.5j * _SIZE * amps  # sines
    wave = np.fft.irfft(spec, _SIZE)
    peak = np.max(np.abs(wave)) or 1.0
    return (wave / peak).astype(np.float32)


def _harmonics(f0: float) -> int:
    return int(max(1, min(48, 17_000 // max(f0, 1.0))))


def _phase(f0: float, n: int, vibrato: tuple[float, float, float] | None = None,
           detune_cents: float = 0.0) -> np.ndarray:
    """Table positions of an oscillator: a 32-bit phase (wrapping is the modulo) to its top
    bits; vibrato = (rate Hz, depth fraction, delay s)."""
    f = f0 * 2 ** (detune_cents / 1200)
    if vibrato is None:
        phase = _count(n) * np.uint32(int(f / RATE * _TWO32) & 0xFFFFFFFF)
    else:
        rate, depth, delay = vibrato
        t = _seconds(n)
        ramp = np.clip((t - delay) / 0.4, 0.0, 1.0)
        inc = (f / RATE * _TWO32) * (1.0 + depth * ramp * np.sin(np.float32(2 * np.pi * rate) * t))
        phase = np.cumsum(inc.astype(np.uint32), dtype=np.uint32)
    phase >>= _SHIFT
    return phase


def _read(spectrum: str, f0: float, index: np.ndarray) -> np.ndarray:
    return np.take(_table(spectrum, _harmonics(f0)), index)


def _adsr(n: int, gate: int, attack: float, release: float, curve: str = "lin") -> np.ndarray:
    """1 after the attack until the gate, then down to 0 over the release; n = gate + release."""
    env = np.ones(n, dtype=np.float32)
    a = max(1, min(int(attack * RATE), max(1, gate)))
    ramp = _countf(a) * np.float32(1 / a)
    env[:a] = np.sin(np.float32(np.pi / 2) * ramp) ** 2 if curve == "smooth" else ramp
    r = n - gate
    if r > 0:
        x = _countf(r) * np.float32(1 / r)
        env[gate:] *= np.cos(np.float32(np.pi / 2) * x) ** 2
    return env


def _decay(n: int, tau: float) -> np.ndarray:
    return np.exp(_countf(n) * np.float32(-1.0 / (tau * RATE)))


# --- harmonic instruments -----------------------------------------------------------------------

def _pluck(f0, gate, ring=1.0, bright=0.12):
    tau_d = ring * 0.9 * (220.0 / f0) ** 0.5
    tau_b = bright * (220.0 / f0) ** 0.3
    rel = int(0.08 * RATE)
    n = gate + rel
    ph = _phase(f0, n)
    y = _read("pluck_bright", f0, ph) * (0.8 * _decay(n, tau_b)) + _read("pluck_dull", f0, ph) * _decay(n, tau_d)
    return y * _adsr(n, gate, 0.0015, 0.08)


def _piano(f0, gate):
    rel = int(0.3 * RATE)
    n = gate + rel
    ph = _phase(f0, n)
    tau_b = 0.35 * (262.0 / f0) ** 0.4
    tau_d = 2.8 * (262.0 / f0) ** 0.6
    y = _read("piano_dull", f0, ph) * _decay(n, tau_d) + _read("piano_bright", f0, ph) * (0.6 * _decay(n, tau_b))
    return y * _adsr(n, gate, 0.002, 0.3, "smooth")


def _pad(f0, gate, attack=0.5, release=1.0, spectrum="saw_soft"):
    rel = int(release * RATE)
    n = gate + rel
    y = (_read(spectrum, f0, _phase(f0, n, detune_cents=-7))
         + _read(spectrum, f0, _phase(f0, n, detune_cents=6)))
    return y * (0.5 * _adsr(n, gate, attack, release, "smooth"))


def _strings(f0, gate, attack=0.2, release=0.4, spectrum="saw_mid"):
    rel = int(release * RATE)
    n = gate + rel
    y = (_read(spectrum, f0, _phase(f0, n, (5.3, 0.0028, 0.25), -6))
         + _read(spectrum, f0, _phase(f0, n, (5.8, 0.0024, 0.3), 7)))
    return y * (0.5 * _adsr(n, gate, attack, release, "smooth"))


def _brass(f0, gate):
    rel = int(0.18 * RATE)
    n = gate + rel
    env = _adsr(n, gate, 0.07, 0.18, "smooth")
    ph = _phase(f0, n, (5.0, 0.002, 0.35))
    return _read("saw_dark", f0, ph) * env * 0.6 + _read("saw_bright", f0, ph) * (env * env) * 0.45


def _wind(f0, gate, spectrum):
    rel = int(0.12 * RATE)
    n = gate + rel
    ph = _phase(f0, n, (5.2, 0.003, 0.3) if spectrum == "flute" else None)
    return _read(spectrum, f0, ph) * _adsr(n, gate, 0.05, 0.12, "smooth")


def _bass(f0, gate, tau=0.9):
    rel = int(0.07 * RATE)
    n = gate + rel
    d = _decay(n, tau)
    return _read("bass", f0, _phase(f0, n)) * ((0.35 + 0.65 * d) * _adsr(n, gate, 0.004, 0.07))


def _pulse(f0, gate):
    rel = int(0.05 * RATE)
    n = gate + rel
    ph = _phase(f0, n)
    b = _decay(n, 0.09)
    return (_read("square_dull", f0, ph) * 0.7 + _read("square_bright", f0, ph) * b * 0.5) * _adsr(n, gate, 0.003, 0.05)


# --- bells: inharmonic partials -------------------------------------------------------------------

_BELLS = {  # (ratio, amplitude, decay s); the note rings 3 decays of its fundamental
    "glock": ((1.0, 1.0, 0.6), (2.76, 0.35, 0.3), (5.40, 0.18, 0.15), (8.93, 0.08, 0.08)),
    "celesta": ((1.0, 1.0, 0.5), (2.0, 0.22, 0.3), (3.0, 0.08, 0.15), (4.0, 0.05, 0.08)),
    "marimba": ((1.0, 1.0, 0.35), (3.93, 0.25, 0.06), (9.2, 0.08, 0.03)),
}


def _bell(f0, gate, kind):
    partials = _BELLS[kind]
    n = int(partials[0][2] * 3.0 * RATE)
    t = _seconds(n)
    y = np.zeros(n, dtype=np.float32)
    for ratio, amp, tau in partials:
        f = f0 * ratio
        m = min(n, int(tau * 6 * RATE))
        if f < 18_000:
            y[:m] += np.sin(np.float32(2 * np.pi * f) * t[:m]) * (amp * _decay(m, tau))
    return y * _adsr(n, n - int(0.15 * RATE), 0.001, 0.15)


# --- percussion -------------------------------------------------------------------------------------

def _noise(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(n).astype(np.float32)


def _band(x, lo=None, hi=None):
    """One-pole high/low passes, applied to a whole (short) note."""
    if hi is not None:
        x = lowpass(x, hi, RATE)
    if lo is not None:
        x = highpass(x, lo, RATE)
    return x.astype(np.float32)


def _drum(kind: str, f0: float) -> np.ndarray:
    if kind == "kick":
        n = int(0.45 * RATE)
        t = np.arange(n) / RATE
        f = 45 + 90 * np.exp(-t / 0.035)
        y = np.sin(2 * np.pi * np.cumsum(f) / RATE) * np.exp(-t / 0.16)
        return (y * np.minimum(1, t / 0.002)).astype(np.float32)
    if kind == "snare":
        n = int(0.3 * RATE)
        t = np.arange(n) / RATE
        body = np.sin(2 * np.pi * 185 * t) * np.exp(-t / 0.05)
        rattle = _band(_noise(n, 11), lo=900, hi=7000) * np.exp(-t / 0.07)
        return ((0.5 * body + 1.2 * rattle) * np.minimum(1, t / 0.001)).astype(np.float32)
    if kind == "hat":
        n = int(0.12 * RATE)
        t = np.arange(n) / RATE
        return (_band(_noise(n, 12), lo=6000) * np.exp(-t / 0.025) * np.minimum(1, t / 0.0005)).astype(np.float32)
    if kind == "clap":
        n = int(0.25 * RATE)
        t = np.arange(n) / RATE
        env = sum(np.where(t >= d, np.exp(-(t - d) / w), 0.0) for d, w in ((0, 0.006), (0.011, 0.006), (0.022, 0.06)))
        return (_band(_noise(n, 13), lo=800, hi=3500) * env * 1.5).astype(np.float32)
    if kind == "woodblock":
        n = int(0.12 * RATE)
        t = np.arange(n) / RATE
        y = np.sin(2 * np.pi * f0 * t) + 0.3 * np.sin(2 * np.pi * f0 * 2.41 * t) * np.exp(-t / 0.01)
        return (y * np.exp(-t / 0.028) * np.minimum(1, t / 0.0005)).astype(np.float32)
    if kind == "timpani":
        n = int(1.6 * RATE)
        t = np.arange(n) / RATE
        f = f0 * (1 + 0.04 * np.exp(-t / 0.05))
        ph = 2 * np.pi * np.cumsum(f) / RATE
        y = (np.sin(ph) + 0.5 * np.sin(1.5 * ph) * np.exp(-t / 0.3) + 0.25 * np.sin(2 * ph) * np.exp(-t / 0.2))
        thump = _band(_noise(n, 14), hi=500) * np.exp(-t / 0.02)
        return ((y * np.exp(-t / 0.5) + thump) * np.minimum(1, t / 0.002) * (1 - np.minimum(1, np.maximum(0, t - 1.5) / 0.1))).astype(np.float32)
    raise KeyError(kind)


# --- the catalogue ---------------------------------------------------------------------------------

def _make(timbre: str, f0: float, gate: int) -> np.ndarray:
    if timbre == "ukulele":
        return _pluck(f0, gate, ring=0.55, bright=0.08)
    if timbre == "guitar":
        return _pluck(f0, gate, ring=1.0, bright=0.12)
    if timbre == "harp":
        return _pluck(f0, gate, ring=1.6, bright=0.1)
    if timbre == "pizz":
        return _pluck(f0, gate, ring=0.3, bright=0.05)
    if timbre == "piano":
        return _piano(f0, gate)
    if timbre == "pad":
        return _pad(f0, gate)
    if timbre == "strings":
        return _strings(f0, gate)
    if timbre == "softstrings":
        return _strings(f0, gate, attack=0.4, release=0.6, spectrum="saw_soft")
    if timbre == "cello":
        return _strings(f0, gate, attack=0.12, release=0.35, spectrum="saw_mid")
    if timbre == "brass":
        return _brass(f0, gate)
    if timbre in ("flute", "clarinet", "bassoon"):
        return _wind(f0, gate, timbre)
    if timbre == "bass":
        return _bass(f0, gate)
    if timbre == "pulse":
        return _pulse(f0, gate)
    if timbre in _BELLS:
        return _bell(f0, gate, timbre)
    return _drum(timbre, f0)


_NOTES = ArrayCache(max_bytes=12 << 20)


def note(timbre: str, midi: float, gate: int) -> np.ndarray:
    """The note's samples (mono float32, peak about 1): the gate plus the release."""
    gate = max(1, int(gate))
    return _NOTES.get((timbre, float(midi), gate),
                      lambda: np.ascontiguousarray(_make(timbre, hz(midi), gate), dtype=np.float32))


