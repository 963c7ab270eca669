"""An eight-bar phrase from a music cue: who plays what, in beats.

The cue's instruments become parts with roles (chords, bass, lead, rhythm, percussion); the mood
picks the progression, the meter and the feel; intensity sets how busy the parts are. Chords are
voice-led, the bass walks to the nearest root, and the lead sings a motif, repeats it over the
next chords, answers it and cadences on the tonic. Everything is a function of the seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.storyboard import MusicCue
from ..model.vocab import Mood
from .harmony import PROGRESSIONS, SEVENTHS, Key, Rand, nearest, parse_key, voicing

BARS = 8
LEAD_DB = 3.0  # the part that carries the tune sits this much above its usual level


@dataclass(frozen=True)
class Part:
    name: str
    role: str
    timbre: str
    level: float  # linear
    pan: float  # -1 left … +1 right
    send: float  # to the reverb


@dataclass(frozen=True)
class Note:
    part: int  # index into the parts
    onset: float  # beats from the phrase's start
    length: float  # beats the note is held
    midi: float
    velocity: float
    timbre: str = ""  # a drum kit part's drum; otherwise the part's timbre


# keyword → (role, timbre, level dB, pan, send)
_CATALOGUE: list[tuple[str, tuple[str, str, float, float, float]]] = [
    (r"low strings?|cello|double bass|contrabass", ("lowstrings", "cello", -7, -0.2, 0.3)),
    (r"pizz\w*", ("pizz", "pizz", -6, 0.25, 0.25)),
    (r"soft strings?", ("strings", "softstrings", -13, -0.3, 0.5)),
    (r"strings?|violins?|viola|orchestra|ensemble", ("strings", "strings", -12, -0.3, 0.45)),
    (r"bassoon|tuba", ("bassoon", "bassoon", -8, 0.1, 0.2)),
    (r"bass\w*", ("bass", "bass", -5, 0.0, 0.05)),
    (r"piano|keys|rhodes|keyboard", ("piano", "piano", -7, 0.1, 0.35)),
    (r"pads?|choir|organ|drone|ambient", ("pad", "pad", -14, 0.0, 0.5)),
    (r"pulse|arp\w*|sequenc\w*|synth\w*", ("pulse", "pulse", -14, -0.15, 0.25)),
    (r"ukulele|uke", ("strum", "ukulele", -11, 0.35, 0.2)),
    (r"guitars?|mandolin|banjo|plucks?|lute", ("strum", "guitar", -10, 0.35, 0.25)),
    (r"harp", ("harp", "harp", -8, 0.3, 0.45)),
    (r"glock\w*|bells?|chimes?|music box|vibraphone|xylophone", ("bell", "glock", -8, -0.35, 0.45)),
    (r"celest[ae]", ("bell", "celesta", -7, -0.3, 0.5)),
    (r"marimba", ("bell", "marimba", -9, -0.3, 0.3)),
    (r"brass|horns?|trumpets?|trombones?", ("brass", "brass", -9, 0.2, 0.4)),
    (r"flutes?|whistle|recorder|piccolo", ("wind", "flute", -11, -0.2, 0.4)),
    (r"clarinets?|oboes?|sax\w*", ("wind", "clarinet", -12, -0.2, 0.35)),
    (r"timpani|taiko", ("timpani", "timpani", -8, -0.1, 0.35)),
    (r"claps?|handclaps?", ("claps", "clap", -12, 0.2, 0.2)),
    (r"woodblocks?|wood block|shakers?|tambourine|cowbell|triangle|castanets?", ("tick", "woodblock", -5, 0.4, 0.2)),
    (r"drums?|percussion|beat|kit", ("drums", "kit", -11, 0.0, 0.12)),
]
_CATALOGUE_RES = [(re.compile(rf"\b(?:{p})\b", re.I), v) for p, v in _CATALOGUE]
_LEAD_ORDER = ("bell", "wind", "brass", "piano", "harp", "strum", "pizz", "strings")
_LIVELY = {Mood.JOYFUL, Mood.COMIC, Mood.TRIUMPHANT}


def parts_for(instruments: tuple[str, ...]) -> tuple[Part, ...]:
    parts = []
    for name in instruments:
        spec = next((v for rx, v in _CATALOGUE_RES if rx.search(name)), ("pad", "pad", -14, 0.0, 0.5))
        role, timbre, db, pan, send = spec
        parts.append(Part(name, role, timbre, 10 ** (db / 20), pan, send))
    if not parts:
        parts.append(Part("pad", "pad", "pad", 10 ** (-14 / 20), 0.0, 0.5))
    return tuple(parts)


def meter(mood: Mood) -> int:
    return 3 if mood == Mood.ROMANTIC else 4


# Two-bar rhythms of the lead, (onset, length) in beats.
_RHYTHMS = {
    ("lively", 4): (((0, 1), (1, .5), (1.5, .5), (2, 1), (3, 1), (4, 1.5), (5.5, .5), (6, 2)),
                    ((0, .5), (.5, .5), (1, 1), (2, .5), (2.5, 1.5), (4, 1), (5, 1), (6, 2)),
                    ((0, 1.5), (1.5, .5), (2, 1), (3, 1), (4, 3), (7, 1))),
    ("slow", 4): (((0, 2), (2, 1), (3, 1), (4, 4)), ((0, 3), (3, 1), (4, 2), (6, 2)),
                  ((0, 1), (1, 1), (2, 2), (4, 4)), ((0, 1.5), (1.5, .5), (2, 2), (4, 4))),
    ("sparse", 4): (((0, 3), (4, 3)), ((0, 1), (1, 1), (2, 2), (4, 4)), ((0, 4), (4, 2), (6, 2))),
    ("slow", 3): (((0, 2), (2, 1), (3, 3)), ((0, 1), (1, 1), (2, 1), (3, 3)), ((0, 3), (3, 2), (5, 1))),
}
_CADENCE = {4: ((0, 1), (1, 1), (2, 2), (4, 4)), 3: ((0, 2), (2, 1), (3, 3))}


class Composer:
    def __init__(self, cue: MusicCue, seed: int) -> None:
        self.cue, self.seed = cue, seed
        self.key: Key = parse_key(cue.key)
        self.mood = Mood(cue.mood)
        self.beats = meter(self.mood)
        self.parts = parts_for(tuple(cue.instruments))
        self.intensity = float(cue.intensity)
        roles = [p.role for p in self.parts]
        self.lead = next((roles.index(r) for r in _LEAD_ORDER if r in roles), None)
        if self.mood == Mood.TENSE and self.lead is not None and self.parts[self.lead].role in ("strings", "pizz"):
            self.lead = None  # tension without a tune
        self.has_bass = any(r in ("bass", "lowstrings", "bassoon", "pizz") for r in roles)

    # -- harmony -------------------------------------------------------------------------------------

    def chords(self, variant: int) -> list[tuple[int, ...]]:
        degrees = PROGRESSIONS[self.mood][variant % 2]
        seventh = self.mood in SEVENTHS
        return [self.key.chord(d, seventh and d not in (1,)) for d in degrees]

    def phrase(self, variant: int) -> list[Note]:
        chords = self.chords(variant)
        notes: list[Note] = []
        for i, part in enumerate(self.parts):
            rng = Rand(self.seed, "score", part.name, i, variant)
            if i == self.lead:
                notes += self._lead(i, chords, rng, variant)
                if part.role == "piano":
                    notes += self._piano(i, chords, rng, left_only=True)
                continue
            notes += getattr(self, "_" + part.role)(i, chords, rng)
        return notes

    def _voicings(self, chords, lo=52, hi=74, centre=62.0):
        out, prev = [], None
        for c in chords:
            prev = voicing(c, prev, lo, hi, centre)
            out.append(prev)
        return out

    def _roots(self, chords, lo=36, hi=50):
        out, prev = [], (lo + hi) / 2
        for c in chords:
            prev = nearest(c[0], prev, lo, hi)
            out.append(prev)
        return out

    # -- parts -----------------------------------------------------------------------------------

    def _held(self, i, chords, lo, hi, centre, spread=0.0):
        """Whole-bar chords, tied over while the chord stays."""
        out, b = [], self.beats
        vs = self._voicings(chords, lo, hi, centre)
        bar = 0
        while bar < BARS:
            end = bar + 1
            while end < BARS and vs[end] == vs[bar]:
                end += 1
            for j, m in enumerate(vs[bar]):
                out.append(Note(i, bar * b + spread * j, (end - bar) * b + 0.1, m, 0.8))
            bar = end
        return out

    def _pad(self, i, chords, rng):
        return self._held(i, chords, 50, 70, 60)

    def _strings(self, i, chords, rng):
        if self.intensity > 0.7 and self.mood in _LIVELY:  # driving quarter-note chords
            vs = self._voicings(chords, 55, 76, 66)
            return [Note(i, bar * self.beats + q, 0.9, m, 0.7 + 0.15 * (q == 0))
                    for bar in range(BARS) for q in range(self.beats) for m in vs[bar]]
        return self._held(i, chords, 57, 79, 68)

    def _lowstrings(self, i, chords, rng):
        roots = self._roots(chords, 36, 50)
        b = self.beats
        if self.mood in (Mood.TENSE, Mood.MYSTERIOUS) or self.intensity > 0.65:
            return [Note(i, bar * b + e / 2, 0.42, roots[bar], 0.9 if e % 4 == 0 else 0.65)
                    for bar in range(BARS) for e in range(2 * b)]
        if self.mood == Mood.SAD:  # cello: root, then the fifth or third above
            out = []
            for bar, c in enumerate(chords):
                r = roots[bar] + 12 if roots[bar] < 43 else roots[bar]
                out.append(Note(i, bar * b, b / 2 + 0.5, r, 0.8))
                out.append(Note(i, bar * b + b / 2, b / 2, nearest(c[rng.choice((1, 2))], r + 5, r + 2, r + 12), 0.7))
            return out
        return [Note(i, bar * b, b + 0.05, roots[bar], 0.8) for bar in range(BARS)]

    def _bass(self, i, chords, rng):
        roots, b, out = self._roots(chords, 33, 47), self.beats, []
        for bar, c in enumerate(chords):
            r = roots[bar]
            nxt = roots[(bar + 1) % BARS]
            fifth = nearest(c[2], r + 7, r, r + 12)
            if self.mood in _LIVELY and self.intensity >= 0.3 and b == 4:
                out += [Note(i, bar * b, 1.4, r, 0.9), Note(i, bar * b + 1.5, 0.45, r, 0.6),
                        Note(i, bar * b + 2, 0.9, fifth, 0.75),
                        Note(i, bar * b + 3, 0.9, self._neighbour(nxt, rng) if rng.random() < 0.5 else r, 0.65)]
            elif self.intensity >= 0.4:
                out += [Note(i, bar * b, b / 2 * 0.95, r, 0.85), Note(i, bar * b + b / 2, b / 2 * 0.9, fifth - 12 if fifth - 12 >= 28 else fifth, 0.7)]
            else:
                out.append(Note(i, bar * b, b * 0.95, r, 0.8))
        return out

    def _neighbour(self, target: int, rng) -> int:
        """The scale tone just above or below target: a bass note that leads into it."""
        pcs = set(self.key.scale_pcs())
        up = next(n for n in range(target + 1, target + 13) if n % 12 in pcs)
        down = next(n for n in range(target - 1, target - 13, -1) if n % 12 in pcs)
        return up if rng.random() < 0.4 else down

    def _pizz(self, i, chords, rng):
        roots, b, out = self._roots(chords, 40, 52), self.beats, []
        for bar, c in enumerate(chords):
            tones = [roots[bar], nearest(c[2], roots[bar] + 7, roots[bar], roots[bar] + 12),
                     nearest(c[1], roots[bar] + 16, roots[bar] + 12, roots[bar] + 20)]
            for q in range(b):
                out.append(Note(i, bar * b + q, 0.3, tones[(0, 1, 2, 1)[q % 4]], 0.85 if q == 0 else 0.65))
        return out

    def _bassoon(self, i, chords, rng):
        roots, b, out = self._roots(chords, 38, 52), self.beats, []
        for bar, c in enumerate(chords):
            r = roots[bar]
            tones = [r, nearest(c[2], r + 7, r, r + 12), nearest(c[1], r + 4, r, r + 12), nearest(c[2], r + 7, r, r + 12)]
            for q in range(b):
                out.append(Note(i, bar * b + q, 0.35, tones[q % 4], 0.8 if q % 2 == 0 else 0.6))
        return out

    def _piano(self, i, chords, rng, left_only=False):
        b, out = self.beats, []
        roots = self._roots(chords, 36, 50)
        vs = self._voicings(chords, 55, 74, 64)
        for bar in range(BARS):
            t0 = bar * b
            if not self.has_bass or left_only:
                out.append(Note(i, t0, b, roots[bar], 0.7))
                if left_only:
                    out += [Note(i, t0 + b / 2 + 0.5 * (b == 3), b / 2, m, 0.45) for m in vs[bar][:3]] if b == 4 else []
                    continue
            if self.intensity >= 0.6 and self.mood in _LIVELY:  # block chords
                for on, ln, v in ((0, 1.4, 0.8), (1.5, 0.4, 0.6), (2, 1.4, 0.75), (3, 0.9, 0.55))[:(4 if b == 4 else 2)]:
                    out += [Note(i, t0 + on, ln, m, v) for m in vs[bar]]
            else:  # broken chord in eighths (slow) or quarters (quick)
                tones = list(vs[bar]) + [vs[bar][1] + 12]
                step = 0.5 if self.cue.tempo_bpm < 100 else 1.0
                order = (0, 1, 2, 3, 2, 1, 2, 3) if b == 4 else (0, 1, 2, 3, 2, 1)
                for k in range(int(b / step)):
                    m = tones[order[k % len(order)] % len(tones)]
                    out.append(Note(i, t0 + k * step, step * 2.5, m, 0.62 + 0.12 * (k == 0)))
        return out

    def _harp(self, i, chords, rng):
        b, out = self.beats, []
        step = 0.5 if self.cue.tempo_bpm < 110 else 1.0
        for bar, c in enumerate(chords):
            base = nearest(c[0], 50, 45, 57)
            tones = sorted(n for n in range(base, base + 26) if n % 12 in c)
            count = int(b / step)
            up = bar % 2 == 0
            for k in range(count):
                m = tones[k % len(tones)] if up else tones[-1 - (k % len(tones))]
                out.append(Note(i, bar * b + k * step, 2.0, m, 0.6 + 0.15 * (k == 0)))
        return out

    def _strum(self, i, chords, rng):
        b, out = self.beats, []
        lo, hi, centre = (60, 77, 67) if self.parts[i].timbre == "ukulele" else (48, 67, 57)
        vs = self._voicings(chords, lo, hi, centre)
        if b == 3:
            pattern = ((0, 1, 0.9), (1, 1, 0.6), (2, 1, 0.6))
        elif self.intensity < 0.35:
            pattern = ((0, 1, 0.85), (2, 1, 0.7))
        else:  # down, down-up, up-down-up
            pattern = ((0, 1, 0.9), (1, 1, 0.65), (1.5, -1, 0.5), (2.5, -1, 0.55), (3, 1, 0.75), (3.5, -1, 0.5))
        for bar in range(BARS):
            for k, (on, direction, v) in enumerate(pattern):
                nxt = pattern[k + 1][0] if k + 1 < len(pattern) else b
                tones = vs[bar] if direction > 0 else tuple(reversed(vs[bar]))
                for j, m in enumerate(tones):
                    delay = j * 0.012 * self.cue.tempo_bpm / 60  # 12 ms between strings, in beats
                    out.append(Note(i, bar * b + on + delay, max(0.4, nxt - on - delay), m, v * (1 - 0.08 * j)))
        return out

    def _pulse(self, i, chords, rng):
        b, out = self.beats, []
        roots = self._roots(chords, 43, 55)
        sub = 0.25 if self.intensity > 0.6 and self.cue.tempo_bpm <= 140 else 0.5
        for bar in range(BARS):
            for k in range(int(b / sub)):
                m = roots[bar] + (12 if k % 4 == 2 else 0) + (7 if k % 8 == 5 else 0)
                out.append(Note(i, bar * b + k * sub, sub * 0.55, m, 0.85 if k % 4 == 0 else 0.6))
        return out

    def _bell(self, i, chords, rng):  # not the lead: a sparkle on the chord, every other beat
        b, out = self.beats, []
        vs = self._voicings(chords, 72, 88, 79)
        for bar in range(BARS):
            for q in range(0, b, 2):
                out.append(Note(i, bar * b + q + 0.5 * (bar % 2), 1.0, rng.choice(vs[bar]), 0.5))
        return out

    def _brass(self, i, chords, rng):  # not the lead: swells on each chord
        vs = self._voicings(chords, 53, 72, 62)
        b = self.beats
        return [Note(i, bar * b, b * 0.6, m, 0.7) for bar in range(BARS) for m in vs[bar]]

    def _wind(self, i, chords, rng):  # not the lead: long tones, a third above the root
        b = self.beats
        return [Note(i, bar * b, b * 0.95, nearest(c[1], 70, 64, 76), 0.6) for bar, c in enumerate(chords)]

    def _timpani(self, i, chords, rng):
        b, out = self.beats, []
        roots = self._roots(chords, 41, 53)
        for bar in range(BARS):
            if bar % 2 == 0 or self.intensity > 0.7:
                out.append(Note(i, bar * b, 1, roots[bar], 0.9))
        last = (BARS - 1) * b
        if self.intensity > 0.4:  # a roll into the next phrase
            out += [Note(i, last + 2 + k * 0.25, 0.25, roots[-1], 0.3 + 0.05 * k) for k in range(8 if b == 4 else 4)]
        return out

    def _claps(self, i, chords, rng):
        b = self.beats
        if b != 4:
            return [Note(i, bar * b + 2, 0.2, 60, 0.7) for bar in range(BARS)]
        return [Note(i, bar * b + q, 0.2, 60, 0.75) for bar in range(BARS) for q in (1, 3)]

    def _tick(self, i, chords, rng):
        b, out = self.beats, []
        for bar in range(BARS):
            for q in range(b):
                if self.mood == Mood.COMIC or self.intensity > 0.5:
                    out.append(Note(i, bar * b + q, 0.2, 84 if q % 2 == 0 else 79, 0.75 if q == 0 else 0.55))
                elif q % 2 == 1:
                    out.append(Note(i, bar * b + q + 0.5, 0.2, 81, 0.5))
        return out

    def _drums(self, i, chords, rng):
        b, out = self.beats, []
        hats = 0.5 if self.intensity >= 0.3 else 1.0
        for bar in range(BARS):
            t0 = bar * b
            kicks = (0, 2.5) if self.mood == Mood.TENSE else ((0, 2) if b == 4 else (0,))
            out += [Note(i, t0 + k, 0.3, 36, 0.9, "kick") for k in kicks]
            if self.intensity >= 0.35:
                out += [Note(i, t0 + s, 0.3, 38, 0.7, "snare") for s in ((1, 3) if b == 4 else (2,))]
            out += [Note(i, t0 + k * hats, 0.1, 42, 0.45 + 0.15 * (k % 2 == 0), "hat") for k in range(int(b / hats))]
        if self.intensity >= 0.5 and b == 4:  # a fill into the next phrase
            t0 = (BARS - 1) * b
            out += [Note(i, t0 + 3 + k * 0.25, 0.2, 38, 0.45 + 0.1 * k, "snare") for k in range(4)]
        return out

    # -- the tune -----------------------------------------------------------------------------------

    def _lead(self, i, chords, rng, variant):
        """Motif (two bars), the motif again over the next chords, an answer that climbs, and a
        cadence down to the tonic. Strong beats land on chord tones, the rest walk the scale."""
        part = self.parts[i]
        lo, hi = {"bell": (72, 88), "wind": (62, 81), "brass": (58, 77), "piano": (65, 84),
                  "harp": (62, 81), "strum": (60, 79), "pizz": (62, 79), "strings": (62, 81)}[part.role]
        b = self.beats
        feel = "lively" if self.mood in _LIVELY else ("sparse" if self.mood == Mood.TENSE else "slow")
        table = _RHYTHMS.get((feel, b)) or _RHYTHMS[("slow", b)]
        motif = rng.choice(table)
        answer = rng.choice([r for r in table if r != motif] or list(table))
        plan = (motif, motif, answer, _CADENCE[b])
        pcs = set(self.key.scale_pcs())
        pitch = nearest(chords[0][0], (lo + hi) / 2 - 3, lo, hi)
        steps: list[int] = []  # the motif's moves, replayed over the next two bars
        out = []
        for unit, rhythm in enumerate(plan):
            if self.intensity < 0.3 and unit == 1:
                continue  # a sparse tune leaves room
            for j, (on, ln) in enumerate(rhythm):
                beat = unit * 2 * b + on
                chord = chords[int(beat // b)]
                strong = on % b == 0 or (b == 4 and on % 2 == 0)
                tones = [n for n in range(lo, hi + 1) if n % 12 in chord] if strong else \
                        [n for n in range(lo, hi + 1) if n % 12 in pcs or n % 12 in chord]
                last = unit == 3 and j == len(rhythm) - 1
                if last:
                    pitch = nearest(self.key.tonic, pitch - 2, lo, hi)
                else:
                    if unit == 1 and j < len(steps):
                        step = steps[j]
                    elif unit == 2 and j == 0:
                        step = 2  # the answer starts higher
                    elif unit == 3:
                        step = rng.choice((-2, -1, 0, 1), (2, 5, 1, 1))  # and the cadence comes down
                    elif strong:
                        step = rng.choice((-2, -1, 0, 1, 2), (1, 3, 1, 3, 1))
                    else:
                        step = rng.choice((-2, -1, 1, 2), (1, 4, 4, 1))
                    here = min(range(len(tones)), key=lambda k: (abs(tones[k] - pitch), tones[k]))
                    if (tones[here] - pitch) * step > 0:  # snapping already moved that way
                        step -= 1 if step > 0 else -1
                    if here + step >= len(tones) - 1 or here + step <= 0:
                        step = -step  # turn back inside the range
                    if unit == 0:
                        steps.append(step)
                    pitch = tones[max(0, min(len(tones) - 1, here + step))]
                vel = (0.85 if strong else 0.68) * (0.92 + 0.08 * rng.random())
                out.append(Note(i, beat, ln * 0.92, pitch, vel))
        return out
