"""Text to speech with word and phoneme timings, at the film's audio rate.

`engine()` gives the process's voice engine: eSpeak NG by default (small, fast, dozens of voice
variants so every character sounds distinct), or Piper's neural voice when installed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import islice
from math import gcd
from typing import Protocol, Sequence

import numpy as np

from ..errors import OnecrewError
from ..model.cast import Voice
from ..model.vocab import Expression, Gender
from ..render.backend import Viseme
from . import espeak
from .delivery import Delivery, delivery
from .engines import canonical
from .phonemes import viseme as _viseme
from .resample import resample
from .timing import RATE, Timed

SPEECH_RMS_DB = -22.0  # a normal speaking level, before the delivery's gain
PEAK = 10 ** (-1 / 20)  # -1 dBFS


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # float32 mono at RATE, peaks at most -1 dBFS
    words: tuple[Timed, ...]  # each word, in order
    phonemes: tuple[Timed, ...]  # each phoneme (IPA), in order, covering the voiced parts


class VoiceEngine(Protocol):
    name: str
    version: str

    def speak(self, text: str, voice: Voice, emotion: Expression = Expression.NEUTRAL,
              parenthetical: str | None = None) -> Speech: ...


def viseme(phoneme: str) -> Viseme:
    """IPA phoneme → mouth shape."""
    return _viseme(phoneme)


_ENGINES: dict[str, VoiceEngine] = {}


def engine(name: str = "espeak") -> VoiceEngine:
    """The process's engine of that name, made on first use."""
    key = canonical(name)
    if key not in _ENGINES:
        if key == "espeak":
            _ENGINES[key] = EspeakEngine()
        else:
            from .piper import PiperEngine
            _ENGINES[key] = PiperEngine()
    return _ENGINES[key]


# ---------------------------------------------------------------------------------------------
# eSpeak NG

# Variant files (espeak-ng-data/voices/!v) that sound like people, ordered so that each differs
# most from those before it (by long-term spectrum): variant 0 and 1 are far apart.
_FEMALE = ("f3", "belinda", "aunty", "steph", "linda", "Annie", "f5", "f1", "f2", "f4", "Andrea", "anika")
_MALE = ("m3", "quincy", "paul", "robert", "m2", "m6", "m4", "m7", "m1", "Mike", "gustave", "antonio")
_ELDERLY = {Gender.FEMALE: ("grandma",), Gender.MALE: ("grandpa", "croak")}
# eSpeak's pitch parameter (0, 10, … 100) against the semitones it moves a voice from its 50,
# measured on m3 and f3 with the range at 0; it reaches about -8 and +9.5 semitones.
_PITCH_PARAM = np.arange(0, 101, 10)
_PITCH_SEMITONES = np.array([-8.12, -6.61, -5.19, -3.49, -1.84, 0.0, 1.91, 3.79, 5.69, 7.71, 9.57])


def espeak_variant(voice: Voice, whisper: bool = False) -> str:
    """The eSpeak voice name (language + variant) a character speaks with."""
    female = voice.gender == Gender.FEMALE or (
        voice.gender == Gender.UNSPECIFIED and voice.variant % 2 == 0)
    if voice.age.value == "child":
        female = True  # children's formants are closer to the female variants; pitch does the rest
    if whisper:
        return "en-us+whisperf" if female else "en-us+whisper"
    gender = Gender.FEMALE if female else Gender.MALE
    pool = (_FEMALE if female else _MALE)
    if voice.age.value == "elderly":
        pool = _ELDERLY[gender] + pool
    index = voice.variant if voice.gender != Gender.UNSPECIFIED else voice.variant // 2
    return f"en-us+{pool[index % len(pool)]}"


def espeak_params(d: Delivery) -> dict[int, int]:
    clamp = lambda v: int(round(max(0.0, min(100.0, v))))
    return {espeak.RATE: int(round(max(80.0, min(450.0, d.rate_wpm)))),
            espeak.PITCH: clamp(np.interp(d.pitch, _PITCH_SEMITONES, _PITCH_PARAM)),
            espeak.RANGE: clamp(50 * d.range),
            espeak.VOLUME: 100}


class EspeakEngine:
    name = "espeak"

    def __init__(self) -> None:
        self._lib = espeak.LIBRARY

    @property
    def version(self) -> str:
        self._lib.start()
        return f"eSpeak NG {self._lib.version}"

    def speak(self, text: str, voice: Voice, emotion: Expression = Expression.NEUTRAL,
              parenthetical: str | None = None) -> Speech:
        text = _checked(text)
        d = delivery(voice, emotion, parenthetical)
        raw = self._lib.synth(text, espeak_variant(voice, d.whisper), espeak_params(d))
        words, phonemes = _espeak_timings(text, raw.events, len(raw.pcm))
        # one float32 array (int16 × 2^-15 is exact, as the division by 32768 was)
        return finish(raw.pcm * np.float32(1 / 32768), raw.rate, words, phonemes, d.gain_db)


def _checked(text: str) -> str:
    if not isinstance(text, str):
        raise OnecrewError(f"a line to speak must be text, not {type(text).__name__}")
    text = " ".join(text.replace("\0", " ").split())
    if not any(ch.isalnum() for ch in text):
        raise OnecrewError(f"nothing to say in the line {text!r}")
    return text


_PUNCT = "\"'“”‘’«»()[]{}.,;:!?¡¿…—–-*_/\\"


def _word_at(text: str, position: int, following: int) -> str:
    """The text from eSpeak's word position up to the next word's, without the spaces and
    punctuation around it (eSpeak counts "doesn't" as five letters)."""
    i = position - 1
    if not 0 <= i < len(text) or text[i].isspace():
        return ""
    raw = text[i:max(i + 1, following - 1)].strip()
    return raw.strip(_PUNCT + " \t\n\r\u00a0") or raw


def _espeak_timings(text: str, events: Sequence[espeak.Event], n: int):
    """Word and phoneme spans at the engine's rate, from eSpeak's event stream: a phoneme lasts
    until the next phoneme event (pauses included), a word spans its phonemes. Words eSpeak adds
    (the names it reads for a symbol) belong to the word they came from."""
    marks = [e.sample for e in events if e.kind == "phoneme"] + [n]
    phonemes: list[Timed] = []
    words: list[list] = []  # [start, end, text]
    starts = sorted({e.position for e in events if e.kind == "word"})
    ends = _next_greater(marks, n)  # a long line has tens of thousands: no rescanning
    k = 0
    for e in events:
        if e.kind == "word":
            at = bisect_right(starts, e.position)
            following = starts[at] if at < len(starts) else len(text) + 1
            word = _word_at(text, e.position, following)
            if word or not words:
                words.append([e.sample, None, word])
        else:
            end = ends[k]  # the first later mark past this one
            k += 1
            if e.name and e.name.strip("_:") and end > e.sample:
                phonemes.append(Timed(e.sample, end, e.name))
                if words:
                    if words[-1][1] is None:
                        words[-1][0] = e.sample
                    words[-1][1] = end
    out_words = []
    for i, (start, end, word) in enumerate(words):
        if not word:
            continue
        if end is None:  # a word without phonemes of its own: up to the next word
            end = next((w[0] for w in islice(words, i + 1, None) if w[0] > start), max(start, n))
        out_words.append(Timed(start, max(start, end), word))
    return tuple(out_words), tuple(phonemes)


def _next_greater(values: Sequence[int], default: int) -> list[int]:
    """For each index, the first later value greater than the value there (or `default`)."""
    out, stack = [default] * len(values), []
    for j in range(len(values) - 1, -1, -1):
        while stack and stack[-1] <= values[j]:
            stack.pop()
        if stack:
            out[j] = stack[-1]
        stack.append(values[j])
    return out


def finish(samples: np.ndarray, rate: int, words: Sequence[Timed], phonemes: Sequence[Timed],
           gain_db: float = 0.0) -> Speech:
    """Resample to RATE (timings scaled exactly), trim the silence around the speech, set a
    normal speaking level plus `gain_db`, and keep peaks at -1 dBFS at most.

    Every pass after the resampling goes block by block (`_blocks`), so a long line costs its
    output and one block, not several float64 copies of itself; elementwise arithmetic and
    per-frame means are the same however they are blocked, so no sample changes."""
    g = gcd(RATE, rate)
    up, down = RATE // g, rate // g
    if up != down and len(samples):
        x = resample(samples, up, down)
    else:
        x = np.asarray(samples, dtype=np.float64)
    scale = lambda s: s * up // down
    a, b = _active(x)
    x = x[a:b]
    n = len(x)
    shift = lambda s: min(n, max(0, scale(s) - a))
    ws = tuple(Timed(shift(w.start), shift(w.end), w.text) for w in words)
    ps = tuple(t for t in (Timed(shift(p.start), shift(p.end), p.text) for p in phonemes) if t.end > t.start)
    # a float32 line (a long one, resampled into its own array) is levelled in place
    out = x if x.dtype == np.float32 else np.empty(n, dtype=np.float32)
    if n:
        level = _speech_rms(x)
        gain = 10 ** ((SPEECH_RMS_DB + gain_db) / 20) / level if level > 0 else None
        levelled = lambda i, j: _f64(x[i:j]) * gain if gain is not None else _f64(x[i:j])
        peak = max(float(np.max(np.abs(levelled(i, j)))) for i, j in _blocks(n))
        for i, j in _blocks(n):
            y = levelled(i, j)
            out[i:j] = y * (PEAK / peak) if peak > PEAK else y
    return Speech(np.ascontiguousarray(out), ws, ps)


_BLOCK = 1 << 18  # samples a pass over the line handles at once (2 MB of float64)


def _blocks(n: int, size: int = _BLOCK):
    return ((i, min(n, i + size)) for i in range(0, n, size))


def _f64(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _active(x: np.ndarray) -> tuple[int, int]:
    """The audible part, with 10 ms before and 30 ms after."""
    if not len(x):
        return 0, 0
    top = max(float(np.max(np.abs(x[i:j]))) for i, j in _blocks(len(x)))
    floor = max(1e-4, 0.004 * top)
    first = last = None
    for i, j in _blocks(len(x)):
        loud = np.flatnonzero(np.abs(_f64(x[i:j])) > floor)
        if len(loud):
            first = i + int(loud[0]) if first is None else first
            last = i + int(loud[-1])
    if first is None:
        return 0, 0
    return max(0, first - RATE // 100), min(len(x), last + 1 + 3 * RATE // 100)


def _speech_rms(x: np.ndarray) -> float:
    """RMS over the 20 ms frames within 40 dB of the loudest: the voice, not the pauses."""
    f = RATE // 50
    m = len(x) // f
    if m == 0:
        y = _f64(x)
        return float(np.sqrt(np.mean(y * y))) if len(y) else 0.0
    rows = _BLOCK // f  # whole frames a block, so each frame's mean is computed as before
    power = np.concatenate([np.mean(_f64(x[r * f:min(m, r + rows) * f]).reshape(-1, f) ** 2, axis=1)
                            for r in range(0, m, rows)])
    voiced = power[power > power.max() * 1e-4]
    return float(np.sqrt(np.mean(voiced))) if len(voiced) else 0.0
