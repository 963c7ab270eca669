"""Procedural music: a pure function of time.

Each scene's cue is scored on the scene's own beat grid — eight-bar phrases in AABA form
laid end to end from the scene's first sample, whatever its cuts — so the music runs on across
shots. Neighbouring scenes crossfade around the cut (equal power, ~1.75 s). A phrase is rendered
once (notes + a convolution reverb, tails included) and kept in a bounded cache; a range of the
film sums the slices of the phrases that sound in it, so any chunking gives the same samples.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import OnecrewError
from ..model.storyboard import MusicCue
from ..model.vocab import Mood
from .cache import ArrayCache
from .composer import BARS, LEAD_DB, Composer
from .instruments import RATE, note
from .spans import Section, Span, render_sections, sections

__all__ = ["Score", "Span"]

TAIL = 4 * RATE  # what a phrase may ring on past its end (releases + reverb)
PEAK = 10 ** (-1 / 20)  # no phrase peaks above -1 dBFS, so a 16-bit stem never clips
LEVEL_DB = -19.0  # RMS of a cue at full intensity, dBFS: about the level of speech
_REVERB = {  # RT60 s, wet level
    Mood.JOYFUL: (1.5, 0.32), Mood.CALM: (2.2, 0.4), Mood.ROMANTIC: (2.4, 0.42),
    Mood.TENSE: (1.6, 0.32), Mood.SAD: (2.6, 0.42), Mood.MYSTERIOUS: (2.8, 0.45),
    Mood.TRIUMPHANT: (2.0, 0.36), Mood.COMIC: (0.9, 0.22),
}
_DOWN = 4  # the reverb runs at 12 kHz
_GRAIN = RATE // 200  # gates are whole 5 ms, so that repeated notes are the same cached note
_PHRASES = ArrayCache(max_bytes=24 << 20)
_IRS = ArrayCache(max_bytes=8 << 20)
_SCALES: dict[tuple, float] = {}  # (cue, seed) → the gain from phrase A, whichever phrase renders first


def _impulse(rt60: float, seed: int = 7) -> np.ndarray:
    """A stereo room at RATE / _DOWN: decorrelated decaying noise, darker as it decays, unit
    energy per side (scaled for the rate)."""
    rate = RATE // _DOWN
    n = int(rt60 * 0.85 * RATE) // _DOWN
    rng = np.random.default_rng(seed)
    t = np.arange(n) / rate
    pre = int(0.012 * rate)
    out = np.zeros((2, n), dtype=np.float64)
    for ch in range(2):
        noise = rng.standard_normal(n)
        bright = np.exp(-6.9 * t / (rt60 * 0.45))  # highs die first
        smooth = np.convolve(noise, np.ones(3) / 3, mode="same")
        x = (noise * bright + smooth * (1 - bright)) * np.exp(-6.9 * t / rt60)
        x[:pre] = 0
        x[pre:pre + int(0.01 * rate)] *= np.linspace(0, 1, int(0.01 * rate))
        x[-int(0.05 * rate):] *= np.linspace(1, 0, int(0.05 * rate))
        out[ch] = x / np.sqrt(np.sum(x * x))
    return out


def _ir_spectrum(rt60: float, n_fft: int) -> np.ndarray:
    ir = _IRS.get(("ir", rt60), lambda: _impulse(rt60).astype(np.float32))
    return _IRS.get(("spec", rt60, n_fft), lambda: np.fft.rfft(ir, n_fft, axis=1))


def _add_reverb(out: np.ndarray, send: np.ndarray, rt60: float, wet: float) -> None:
    """Add the room's stereo answer to the mono send into out (2, n), n a multiple of _DOWN.
    Convolved at a quarter of the rate (a hall's tail has little above 6 kHz), then brought
    back up by linear interpolation."""
    n = len(send)
    m = n // _DOWN
    x = send.reshape(m, _DOWN) @ np.full(_DOWN, 1.0 / _DOWN, dtype=np.float32)
    nz = np.flatnonzero(x)
    if not len(nz):
        return
    used = int(nz[-1]) + 1
    ir_len = int(rt60 * 0.85 * RATE) // _DOWN
    n_fft = 1 << (used + ir_len - 1).bit_length()  # a power of two: numpy's fastest size
    room = np.fft.irfft(np.fft.rfft(x[:used], n_fft) * _ir_spectrum(rt60, n_fft), n_fft, axis=1)
    room = room[:, :m + 1] * np.float32(wet)
    if room.shape[1] < m + 1:
        room = np.concatenate([room, np.zeros((2, m + 1 - room.shape[1]), np.float32)], axis=1)
    step = np.diff(room, axis=1)
    grid = out.reshape(2, m, _DOWN)
    for j in range(_DOWN):
        grid[:, :, j] += room[:, :-1] + step * np.float32(j / _DOWN)


class _Piece:
    """One section's music: its phrases, on its own beat grid from the section's start."""

    def __init__(self, cue: MusicCue, seed: int) -> None:
        self.cue, self.seed = cue, seed
        self.composer = Composer(cue, seed)
        self.beat = 60.0 * RATE / cue.tempo_bpm
        self.period = int(round(BARS * self.composer.beats * self.beat))
        self.length = -(-(self.period + TAIL) // _DOWN) * _DOWN  # of a phrase's buffer
        self.level = 10 ** (LEVEL_DB / 20) * (0.55 + 0.45 * float(cue.intensity))

    @staticmethod
    def variant(k: int) -> int:
        return 1 if k % 4 == 2 else 0  # A A B A, A A B A … (and A before the top, for the lead-in)

    def phrase(self, variant: int) -> np.ndarray:
        return _PHRASES.get((self.cue, self.seed, variant), lambda: self._finished(variant))

    def _finished(self, variant: int) -> np.ndarray:
        out = self._render(variant)
        key = (self.cue, self.seed)
        if key not in _SCALES:  # every phrase takes the gain that brings A to the level
            a = out if variant == 0 else self._render(0)
            rms = float(np.sqrt(np.mean(np.square(a[:, :self.period], dtype=np.float32))))
            peak = float(np.max(np.abs(a)))
            _SCALES[key] = min(self.level / rms, PEAK * 0.8 / peak) if rms > 0 else 0.0
            while len(_SCALES) > 4096:
                _SCALES.pop(next(iter(_SCALES)))
        out *= np.float32(_SCALES[key])
        peak = float(np.max(np.abs(out)))
        if peak > PEAK:  # a louder B than A: kept under the ceiling all the same
            out *= np.float32(PEAK / peak)
        return out

    def _render(self, variant: int) -> np.ndarray:
        c = self.composer
        n = self.length
        tracks = np.zeros((len(c.parts), n), dtype=np.float32)  # each part, mono
        for ev in c.phrase(variant):
            a = int(round(ev.onset * self.beat))
            gate = max(_GRAIN, _GRAIN * int(round(ev.length * self.beat / _GRAIN)))
            w = note(ev.timbre or c.parts[ev.part].timbre, float(ev.midi), gate)
            b = min(n, a + len(w))
            if b > a:
                tracks[ev.part, a:b] += w[:b - a] * np.float32(ev.velocity)
        mix = np.zeros((3, len(c.parts)), dtype=np.float32)  # left, right, reverb send
        for j, p in enumerate(c.parts):
            theta = (p.pan + 1) * np.pi / 4
            level = p.level * (10 ** (LEAD_DB / 20) if j == c.lead else 1.0)
            mix[:, j] = (level * np.cos(theta) * np.sqrt(2), level * np.sin(theta) * np.sqrt(2), level * p.send)
        bus = np.empty((3, n), dtype=np.float32)
        for s in range(0, n, 1 << 16):  # blocks that stay in cache: several times faster
            np.matmul(mix, tracks[:, s:s + (1 << 16)], out=bus[:, s:s + (1 << 16)])
        out, send = bus[:2], bus[2]
        rt60, wet = _REVERB[c.mood]
        _add_reverb(out, send, rt60, wet)
        fade = int(0.05 * RATE)
        out[:, -fade:] *= np.linspace(1, 0, fade, dtype=np.float32)
        return out

    def render(self, a: int, b: int) -> np.ndarray:
        """Samples [a, b) of the piece's own time (0 = the section's start; may be negative)."""
        out = np.zeros((2, b - a), dtype=np.float32)
        p = self.period
        k0 = -((-(a - self.length + 1)) // p)  # ceil
        k1 = (b - 1) // p
        for k in range(k0, k1 + 1):
            buf = self.phrase(self.variant(k))
            s = k * p
            i0, i1 = max(a, s), min(b, s + buf.shape[1])
            if i1 > i0:
                out[:, i0 - a:i1 - a] += buf[:, i0 - s:i1 - s]
        return out


class Score:
    """The film's music: one piece per scene, continuous within it, crossfaded between."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.sections: tuple[Section, ...] = sections(spans, MusicCue, "music")
        self._pieces = []
        for s in self.sections:
            try:
                self._pieces.append(_Piece(s.cue, s.seed))
            except OnecrewError as e:
                raise OnecrewError(f"music at sample {s.start}: {e.message}") from None

    def render(self, start: int, stop: int) -> np.ndarray:
        return render_sections(self.sections, self._pieces, start, stop)
