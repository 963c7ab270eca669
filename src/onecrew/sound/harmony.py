"""Keys, chord progressions by mood, voice-led voicings, and a deterministic random source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import OnecrewError
from ..model.seeds import derive
from ..model.vocab import Mood

MODES = {
    "major": (0, 2, 4, 5, 7, 9, 11), "ionian": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10), "aeolian": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10), "phrygian": (0, 1, 3, 5, 7, 8, 10),
    "lydian": (0, 2, 4, 6, 7, 9, 11), "mixolydian": (0, 2, 4, 5, 7, 9, 10),
}
_ALIASES = {"maj": "major", "min": "minor", "m": "minor", "": "major"}
_NOTES = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_KEY = re.compile(r"^\s*([a-g])\s*([#♯b♭]?)\s*(-?\s*(?:flat|sharp))?\s*([a-z]*)\s*$", re.I)


@dataclass(frozen=True)
class Key:
    tonic: int  # pitch class, C = 0
    mode: str
    scale: tuple[int, ...]

    @property
    def minor(self) -> bool:
        return self.scale[2] == 3

    def degree(self, d: int) -> int:
        """Semitones above the tonic of scale degree d (1-based, any integer)."""
        octave, i = divmod(d - 1, 7)
        return self.scale[i] + 12 * octave

    def chord(self, d: int, seventh: bool = False) -> tuple[int, ...]:
        """Pitch classes (semitones from C) of the triad (or seventh chord) on degree d; in a
        minor key the V is major, with the leading tone."""
        tones = [self.degree(d + 2 * i) for i in range(4 if seventh else 3)]
        if self.minor and (d - 1) % 7 == 4:
            tones[1] += 1  # harmonic minor's dominant
        return tuple((self.tonic + t) % 12 for t in tones)

    def scale_pcs(self) -> tuple[int, ...]:
        return tuple((self.tonic + s) % 12 for s in self.scale)


def parse_key(text: str) -> Key:
    """ "A minor", "F# major", "Bb", "e dorian", "C#m" → Key; anything else is a OnecrewError."""
    m = _KEY.match(str(text or ""))
    if not m:
        raise OnecrewError(f"cannot read the key {text!r}: write it like \"A minor\" or \"F# major\"")
    letter, acc, word_acc, mode = m.groups()
    pc = _NOTES[letter.lower()]
    word_acc = (word_acc or "").replace("-", "").strip().lower()
    if acc in ("#", "♯") or word_acc == "sharp":
        pc += 1
    elif acc in ("b", "♭") or word_acc == "flat":
        pc -= 1
    mode = _ALIASES.get(mode.lower(), mode.lower())
    if mode not in MODES:
        raise OnecrewError(f"unknown mode {m.group(4)!r} in the key {text!r}: use major or minor")
    return Key(pc % 12, mode, MODES[mode])


# Eight bars of degrees per phrase: A, then B. Sevenths colour the calmer moods.
PROGRESSIONS: dict[Mood, tuple[tuple[int, ...], tuple[int, ...]]] = {
    Mood.JOYFUL: ((1, 5, 6, 4, 1, 5, 4, 5), (6, 4, 1, 5, 6, 4, 5, 1)),
    Mood.CALM: ((1, 6, 4, 5, 1, 6, 2, 5), (4, 1, 6, 5, 4, 1, 2, 5)),
    Mood.ROMANTIC: ((1, 6, 4, 5, 1, 3, 4, 5), (6, 4, 1, 5, 2, 5, 1, 1)),
    Mood.TENSE: ((1, 1, 6, 6, 4, 4, 5, 5), (1, 6, 4, 5, 1, 6, 7, 5)),
    Mood.SAD: ((1, 6, 3, 7, 1, 4, 5, 1), (6, 7, 1, 1, 4, 6, 5, 5)),
    Mood.MYSTERIOUS: ((1, 6, 4, 5, 1, 6, 2, 5), (4, 1, 6, 7, 4, 1, 5, 5)),
    Mood.TRIUMPHANT: ((1, 4, 5, 1, 6, 4, 5, 1), (1, 5, 6, 4, 1, 4, 5, 5)),
    Mood.COMIC: ((1, 6, 2, 5, 1, 6, 2, 5), (4, 5, 1, 6, 2, 5, 1, 1)),
}
SEVENTHS = {Mood.CALM, Mood.ROMANTIC, Mood.MYSTERIOUS}


def voicing(pcs: tuple[int, ...], previous: tuple[int, ...] | None, lo: int = 52, hi: int = 74,
            centre: float = 62.0) -> tuple[int, ...]:
    """MIDI notes for the chord's pitch classes within [lo, hi], moving as little as possible from
    the previous voicing (or sitting around `centre`): smooth voice leading."""
    options = [[n for n in range(lo, hi + 1) if n % 12 == pc] for pc in pcs]
    best: tuple[float, tuple[int, ...]] | None = None

    def walk(i: int, chosen: list[int]) -> None:
        nonlocal best
        if i == len(options):
            notes = tuple(sorted(chosen))
            if notes[-1] - notes[0] > 16 or len(set(notes)) < len(notes):
                return
            if previous:
                prev = sorted(previous)
                cost = sum(abs(a - b) for a, b in zip(notes, prev[:len(notes)]))
                cost += 0.5 * abs(sum(notes) / len(notes) - centre) / 3
            else:
                cost = abs(sum(notes) / len(notes) - centre) + (notes[0] % 12 != pcs[0]) * 2
            if best is None or (cost, notes) < best:
                best = (cost, notes)
            return
        for n in options[i]:
            walk(i + 1, chosen + [n])

    walk(0, [])
    if best is None:  # the range is too narrow for a close voicing: stack them
        base = lo
        notes = []
        for pc in pcs:
            n = base + (pc - base) % 12
            notes.append(n)
            base = n + 1
        return tuple(notes)
    return best[1]


def nearest(pc: int, target: float, lo: int, hi: int) -> int:
    """The MIDI note of pitch class pc in [lo, hi] closest to target."""
    cands = [n for n in range(lo, hi + 1) if n % 12 == pc % 12]
    return min(cands, key=lambda n: (abs(n - target), n)) if cands else lo + (pc - lo) % 12


class Rand:
    """splitmix64: a tiny, stable stream of numbers from a derived seed."""

    def __init__(self, seed: int, *keys: object) -> None:
        self.state = derive(seed, *keys) & (2**64 - 1)

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & (2**64 - 1)
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
        return z ^ (z >> 31)

    def random(self) -> float:
        return (self.next() >> 11) / 2**53

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self.random()

    def choice(self, options, weights=None):
        if not weights:
            return options[self.next() % len(options)]
        r, acc = self.random() * sum(weights), 0.0
        for o, w in zip(options, weights):
            acc += w
            if r < acc:
                return o
        return options[-1]
