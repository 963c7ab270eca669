"""Procedural ambience per set: waves, traffic, room tone, office hum, crowd, wind, birds,
night insects, engine — filtered noise, tones and seeded events, as pure functions of time.

Each scene's bed plays at its cue's `level_db` (the bed's RMS in dBFS) and crossfades into the
next scene's around the cut, like the score.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from ..model.storyboard import AmbienceCue
from ..model.vocab import Ambience as Kind
from . import noise as nz
from .noise import RATE, band, brown, control, events, highpass, lowpass, noise_loop, pan, pink, place, read, shaped, unit, wobble
from .spans import Span, render_sections, sections

__all__ = ["Ambience", "Span"]

_L1, _L2 = 1 << 18, 194_481  # two loop lengths (5.5 s, 4.1 s = 3⁴·7⁴) that never line up


class _Bed:
    """One scene's ambience, in its own time (0 = the scene's first sample)."""

    def __init__(self, cue: AmbienceCue, seed: int) -> None:
        self.kind = Kind(cue.kind)
        self.seed = seed
        self.gain = np.float32(10 ** (float(cue.level_db) / 20) * _CALIBRATION.get(self.kind, 1.0))
        self._make: Callable[[int, int], np.ndarray] = getattr(self, "_" + self.kind.value.replace("-", "_"), None)

    def render(self, a: int, b: int) -> np.ndarray:
        if self.kind == Kind.SILENCE:
            return np.zeros((2, b - a), dtype=np.float32)
        out = self._make(a, b)
        out *= self.gain
        return out

    # -- helpers -----------------------------------------------------------------------------------

    def _noise(self, a, b, name, shape, gain=1.0, corr=0.3):
        """Two loops of the same colour, summed: no audible repeat. The loops are shared by
        every scene (made once); the scene's seed picks where it reads them."""
        x = read(noise_loop((name, 1), 0, shape, _L1, corr), a, b, int(unit(self.seed, name, 1) * _L1))
        x += read(noise_loop((name, 2), 0, shape, _L2, corr), a, b, int(unit(self.seed, name, 2) * _L2))
        x *= np.float32(gain / np.sqrt(2))
        return x

    def _curve(self, a, b, name, periods, lo=0.0, hi=1.0):
        c = control(wobble(self.seed, name, periods), a, b)
        return lo + (hi - lo) * c

    # -- the sets ------------------------------------------------------------------------------------

    def _room_tone(self, a, b):
        out = self._noise(a, b, "room", shaped(pink, lowpass(350, 2), highpass(40)))
        out += self._noise(a, b, "air", shaped(band(3000, 1.2)), 0.08)
        return out

    def _office_hum(self, a, b):
        out = self._noise(a, b, "hvac", shaped(pink, lowpass(900, 2), highpass(60)), 0.9)
        out += self._noise(a, b, "air", shaped(band(4000, 1.0)), 0.12)
        mains = 100 if unit(self.seed, "mains") < 0.5 else 120

        def hum():  # whole cycles in a 10 s loop
            t = np.arange(10 * RATE) / RATE
            x = sum(amp * np.sin(2 * np.pi * mains * h * t) for h, amp in ((1, 1.0), (2, 0.45), (3, 0.25), (4, 0.1)))
            return np.stack([x, x]) / np.sqrt(np.mean(x * x))
        out += read(nz.made_loop(("hum", mains), hum), a, b) * np.float32(0.35)
        return out

    def _crowd(self, a, b):
        out = self._noise(a, b, "babble", shaped(band(700, 1.3), highpass(150)), 0.6, corr=0.5)
        talk = read(nz.made_loop(("talkers",), lambda: _talkers(0)), a, b, int(unit(self.seed, "talk") * _L1))
        out += talk
        return out

    def _wind(self, a, b):
        gust = self._curve(a, b, "gust", (13.1, 7.3, 4.1), 0.0, 1.0)
        low = self._noise(a, b, "wind-low", shaped(brown, band(220, 1.5), highpass(50)), corr=0.2)
        high = self._noise(a, b, "wind-high", shaped(band(900, 0.6)), corr=0.1)
        low *= 0.45 + 0.75 * gust
        high *= 0.5 * gust * gust
        return low + high

    def _waves(self, a, b):
        out = self._noise(a, b, "surf", shaped(brown, lowpass(400, 2), highpass(30)), 0.45, corr=0.4)
        swell = control(lambda t: _wave_curve(self.seed, t, 0.0), a, b)
        wash = control(lambda t: _wave_curve(self.seed, t, 0.9), a, b)
        body = self._noise(a, b, "wave-body", shaped(pink, lowpass(900, 2), highpass(60)), corr=0.3)
        foam = self._noise(a, b, "wave-foam", shaped(band(3500, 1.0)), corr=0.1)
        out += body * swell + foam * (0.6 * wash)
        return out

    def _traffic(self, a, b):
        out = self._noise(a, b, "rumble", shaped(brown, lowpass(220, 2), highpass(30)), 0.8, corr=0.6)
        out *= self._curve(a, b, "rumble", (23.0, 9.7), 0.75, 1.0)
        out += self._noise(a, b, "city", shaped(pink, band(1200, 1.5)), 0.2, corr=0.2)
        longest = 8 * RATE
        for start, s in events(self.seed, "car", a, b, 4.0, longest, 0.8):
            place(out, a, ("car", s), start, lambda s=s: _pass_by(s))
        for start, s in events(self.seed, "horn", a, b, 9.0, RATE, 0.12):
            place(out, a, ("horn", s), start, lambda s=s: _horn(s))
        return out

    def _birds(self, a, b):
        out = self._noise(a, b, "leaves", shaped(band(2500, 1.5)), 0.06, corr=0.1)
        out += self._noise(a, b, "park", shaped(pink, lowpass(500, 1)), 0.25, corr=0.5)
        for start, s in events(self.seed, "bird", a, b, 1.3, 2 * RATE, 0.75):
            place(out, a, ("bird", s), start, lambda s=s: _bird(s))
        return out

    def _night_insects(self, a, b):
        out = self._noise(a, b, "night", shaped(band(6500, 0.5)), 0.12, corr=0.1)
        out += self._noise(a, b, "night-low", shaped(pink, lowpass(300, 2)), 0.25, corr=0.5)
        for k in range(3):  # three crickets, shared by every night scene, heard from different places
            loop = nz.made_loop(("cricket", k), lambda k=k: _cricket(0, k))
            out += read(loop, a, b, int(unit(self.seed, "cricket", k) * loop.shape[1]))
        return out

    def _engine(self, a, b):
        out = self._noise(a, b, "road", shaped(brown, lowpass(300, 2), highpass(25)), 0.8, corr=0.7)
        out += self._noise(a, b, "cabin", shaped(pink, band(800, 1.2)), 0.15, corr=0.5)
        out += read(nz.made_loop(("engine", self.seed), lambda: _drone(self.seed)), a, b)
        return out


# Gain that brings each bed to about 0 dBFS RMS before its level (measured over minutes).
_CALIBRATION: dict[Kind, float] = {
    Kind.WAVES: 1.57, Kind.TRAFFIC: 0.845, Kind.ROOM_TONE: 1.0, Kind.OFFICE_HUM: 1.03,
    Kind.CROWD: 1.14, Kind.WIND: 1.15, Kind.BIRDS: 3.63, Kind.NIGHT_INSECTS: 3.35, Kind.ENGINE: 1.05,
}


# --- sources ------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _wave(seed: int, s: int) -> tuple[float, float, float, float]:
    """Wave s: when it breaks (s), its rise and fall (s) and its size."""
    slot = 8.0
    return (s * slot + unit(seed, "wave", s) * slot * 0.7, 2.0 + unit(seed, "rise", s),
            3.0 + 2.0 * unit(seed, "fall", s), 0.6 + 0.4 * unit(seed, "size", s))


def _wave_curve(seed: int, t: np.ndarray, delay: float) -> np.ndarray:
    """Swells: one wave per ~8 s slot — a rise of 2–3 s to the break, then a slow fall."""
    out = np.zeros_like(t)
    if not len(t):
        return out
    step = t[1] - t[0] if len(t) > 1 else 1.0
    for s in range(int(np.floor((t[0] - 16) / 8.0)) - 1, int(np.floor((t[-1] + 4) / 8.0)) + 1):
        at, rise, fall, size = _wave(seed, s)
        at += delay
        i0 = max(0, int(np.ceil((at - rise - t[0]) / step)))
        i1 = min(len(t), int(np.floor((at + 3 * fall - t[0]) / step)) + 1)
        if i1 <= i0:
            continue
        x = t[i0:i1] - at
        up = np.sin(0.5 * np.pi * np.clip((x + rise) / rise, 0, 1)) ** 2
        down = np.exp(-np.maximum(x, 0) / (fall * 0.45)) * np.clip(1 - x / (3 * fall), 0, 1)
        out[i0:i1] += size * np.where(x <= 0, up, down)
    return out


def _pass_by(seed: int) -> np.ndarray:
    """A car going by: tyre hiss and engine hum swelling and fading, panning across, its pitch
    falling as it passes."""
    dur = 3.0 + 4.0 * unit(seed, "dur")
    n = int(dur * RATE)
    t = np.arange(n, dtype=np.float32) / np.float32(RATE)
    width = np.float32(dur / 5)
    x = (t - np.float32(dur / 2)) / width
    env = np.exp(np.float32(-0.5) * x * x) * np.float32(0.8 + 1.2 * unit(seed, "size"))
    hiss = read(noise_loop(("car",), 11, shaped(pink, band(700, 1.4)), 1 << 18, 0.0), 0, n,
                offset=int(unit(seed, "from") * (1 << 18)))[0]
    f0 = np.float32(38 + 30 * unit(seed, "rpm"))
    cycles = f0 * (t - np.float32(0.05) * width * np.log(np.cosh(x)))  # ∫ f0 (1 - 0.05 tanh x)
    phase = np.float32(2 * np.pi) * (cycles - np.floor(cycles))
    hum = np.sin(phase) + np.float32(0.5) * np.sin(2 * phase) + np.float32(0.3) * np.sin(3 * phase)
    mono = (hiss + np.float32(0.4) * hum) * env
    way = 1 if unit(seed, "way") < 0.5 else -1
    return pan(mono, way * np.clip(x / np.float32(2.5), -0.85, 0.85))


def _horn(seed: int) -> np.ndarray:
    n = int((0.25 + 0.3 * unit(seed, "len")) * RATE)
    t = np.arange(n) / RATE
    f = 380 + 120 * unit(seed, "pitch")
    tone = sum(np.sin(2 * np.pi * f * r * t * k) / k for r in (1.0, 1.26) for k in (1, 2, 3))
    env = np.minimum(1, t / 0.02) * np.minimum(1, (t[-1] - t) / 0.05)
    return pan((tone * env * 0.08).astype(np.float32), 2 * unit(seed, "pan") - 1)


def _bird(seed: int) -> np.ndarray:
    """A short song: 2–5 chirps, each a pitch sweep with a soft envelope."""
    notes = 2 + int(4 * unit(seed, "notes"))
    base = 2500 + 3500 * unit(seed, "base")
    sweep = (unit(seed, "sweep") - 0.4) * 2500
    length = 0.04 + 0.1 * unit(seed, "len")
    gap = 0.04 + 0.1 * unit(seed, "gap")
    n = int(notes * (length + gap) * RATE) + 1
    y = np.zeros(n)
    for k in range(notes):
        s = int(k * (length + gap) * RATE)
        m = int(length * RATE)
        t = np.arange(m) / RATE
        f = base * (1 + 0.08 * unit(seed, "n", k)) + sweep * t / length
        phase = 2 * np.pi * np.cumsum(f) / RATE
        env = np.sin(np.pi * t / length) ** 2
        y[s:s + m] += (np.sin(phase) + 0.15 * np.sin(2 * phase)) * env
    level = 0.8 * 10 ** (-10 * unit(seed, "far") / 20)
    return pan((y * level).astype(np.float32), 1.6 * unit(seed, "pan") - 0.8)


def _cricket(seed: int, k: int) -> np.ndarray:
    """A cricket's loop: chirps of 3–4 pulses on a carrier, whole cycles so it loops cleanly."""
    length = (1 << 18) - 7919 * k
    t = np.arange(length) / RATE
    carrier = round((4200 + 900 * unit(seed, "cricket", k)) * length / RATE) * RATE / length
    chirps = round((2.2 + 1.6 * unit(seed, "rate", k)) * length / RATE)
    period = length / chirps
    pulses = 3 + (unit(seed, "pulses", k) < 0.5)
    pos = (np.arange(length) % period) / RATE  # seconds into the chirp
    pulse = 0.022
    idx = np.floor(pos / pulse)
    within = (pos - idx * pulse) / pulse
    gate = np.where(idx < pulses, np.sin(np.pi * np.clip(within * 1.4, 0, 1)) ** 2, 0.0)
    x = np.sin(2 * np.pi * carrier * t) * gate * (0.45 * 10 ** (-6 * unit(seed, "far", k) / 20))
    return pan(x.astype(np.float32), 1.4 * unit(seed, "pan", k) - 0.7)


def _talkers(seed: int) -> np.ndarray:
    """Six voices' worth of murmur: formant-coloured noise, each under a syllable-rate envelope."""
    length = _L1
    out = np.zeros((2, length), dtype=np.float32)
    for k in range(6):
        voice = noise_loop(("talker", k), seed, shaped(band(450 + 250 * unit(seed, "f1", k), 0.6)) if k % 2 else
                           shaped(band(1400 + 500 * unit(seed, "f2", k), 0.5)), length, 0.0)[0]
        syll = noise_loop(("syllables", k), seed, shaped(band(4.0 + 2 * unit(seed, "rate", k), 0.7)), length, 0.0)[0]
        phrase = noise_loop(("phrases", k), seed, shaped(band(0.3, 1.0)), length, 0.0)[0]
        env = np.clip(syll * 0.8 + 0.2, 0, None) * np.clip(phrase + 0.6, 0, None)
        out += pan(voice * env * np.float32(0.35), 1.6 * unit(seed, "seat", k) - 0.8)
    return out


def _drone(seed: int) -> np.ndarray:
    """An idling-to-cruising engine: firing harmonics with a slow, looping RPM drift."""
    length = 10 * RATE
    t = np.arange(length) / RATE
    f0 = round((32 + 14 * unit(seed, "rpm")) * 10) / 10  # whole cycles in 10 s
    drift = 0.6 * np.sin(2 * np.pi * t / 10.0 + 2 * np.pi * unit(seed, "drift"))  # integrates to 0 per loop
    phase = 2 * np.pi * (f0 * t + np.cumsum(drift) / RATE)
    x = sum(a * np.sin(h * phase) for h, a in ((1, 1.0), (2, 0.6), (3, 0.35), (4, 0.2), (6, 0.1)))
    x /= np.sqrt(np.mean(x * x))
    return np.stack([x, x]).astype(np.float32) * np.float32(0.5)


class Ambience:
    """The film's ambience: one bed per scene, crossfaded between scenes."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.sections = sections(spans, AmbienceCue, "ambience", crossfade=2.0, head=0.5, tail=1.5)
        self._beds = [_Bed(s.cue, s.seed) for s in self.sections]

    def render(self, start: int, stop: int) -> np.ndarray:
        return render_sections(self.sections, self._beds, start, stop)
