"""Scenes as spans of the film's samples, and the equal-power crossfades between them.

A track (score, ambience) is one continuous piece per scene; neighbouring scenes overlap by a
crossfade centred on the cut. Every gain here is a pure function of the sample index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import OnecrewError
from ..model.storyboard import AmbienceCue, MusicCue

RATE = 48_000


@dataclass(frozen=True)
class Span:
    start: int  # samples in the film
    end: int
    cue: MusicCue | AmbienceCue | None
    seed: int


@dataclass(frozen=True)
class Section:
    """One continuous piece: audible over [start - fade_in, end + fade_out)."""

    start: int
    end: int
    cue: MusicCue | AmbienceCue
    seed: int
    fade_in: int  # half-width of the crossfade centred on `start`; 0 at the film's top
    fade_out: int  # half-width of the crossfade centred on `end`; 0 at the last section
    head: int  # at the top of the track: a fade from silence over [start, start + head)
    tail: int  # at the end of the track: a fade to silence over [end - tail, end)

    @property
    def first(self) -> int:
        return self.start - self.fade_in

    @property
    def last(self) -> int:
        return self.end + self.fade_out

    def apply(self, seg: np.ndarray, start: int) -> None:
        """Multiply seg (the section's audio over [start, start + n)) by its fades, in place."""
        stop = start + seg.shape[-1]
        ramps = []
        if self.fade_in:  # sin over [start - fade_in, start + fade_in)
            ramps.append((self.start - self.fade_in, 2 * self.fade_in, "in"))
        if self.fade_out:
            ramps.append((self.end - self.fade_out, 2 * self.fade_out, "out"))
        if self.head:
            ramps.append((self.start, self.head, "head"))
        if self.tail:
            ramps.append((self.end - self.tail, self.tail, "tail"))
        for at, width, kind in ramps:
            a, b = max(start, at), min(stop, at + width)
            if b <= a:
                continue
            x = (np.arange(a, b, dtype=np.float64) - at) / width
            g = {"in": lambda: np.sin(0.5 * np.pi * x), "out": lambda: np.cos(0.5 * np.pi * x),
                 "head": lambda: np.sin(0.5 * np.pi * x) ** 2,
                 "tail": lambda: np.cos(0.5 * np.pi * x) ** 2}[kind]()
            seg[..., a - start:b - start] *= g.astype(np.float32)


def sections(spans: Sequence[Span], kind: type, what: str, crossfade: float = 1.75,
             head: float = 1.0, tail: float = 2.0) -> tuple[Section, ...]:
    """Check the spans (in order, contiguous, cues of `kind`) and join neighbours that carry the
    same cue and seed into one piece; silent spans (cue None) only separate pieces."""
    spans = list(spans)
    for i, s in enumerate(spans):
        if not isinstance(s, Span):
            raise OnecrewError(f"{what} span {i} is a {type(s).__name__}, not a Span")
        if not (isinstance(s.start, (int, np.integer)) and isinstance(s.end, (int, np.integer))):
            raise OnecrewError(f"{what} span {i} must start and end on whole samples")
        if s.start < 0 or s.end <= s.start:
            raise OnecrewError(f"{what} span {i} is empty or negative: [{s.start}, {s.end})")
        if s.cue is not None and not isinstance(s.cue, kind):
            raise OnecrewError(f"{what} span {i} has a {type(s.cue).__name__}, not a {kind.__name__}")
        if i and s.start != spans[i - 1].end:
            raise OnecrewError(f"{what} spans must be in order and touch: span {i} starts at "
                               f"{s.start}, span {i - 1} ended at {spans[i - 1].end}")
    joined: list[list] = []  # [start, end, cue, seed]
    for s in spans:
        if joined and joined[-1][2] == s.cue and joined[-1][3] == s.seed:
            joined[-1][1] = s.end
        else:
            joined.append([s.start, s.end, s.cue, int(s.seed)])
    half = int(crossfade * RATE) // 2
    out = []
    for i, (a, b, cue, seed) in enumerate(joined):
        if cue is None:
            continue
        prev_len = joined[i - 1][1] - joined[i - 1][0] if i else 0
        next_len = joined[i + 1][1] - joined[i + 1][0] if i + 1 < len(joined) else 0
        fin = min(half, (b - a) // 2, prev_len // 2) if i else 0
        fout = min(half, (b - a) // 2, next_len // 2) if i + 1 < len(joined) else 0
        out.append(Section(a, b, cue, seed, fin, fout,
                           head=0 if i else min(int(head * RATE), (b - a) // 2),
                           tail=0 if i + 1 < len(joined) else min(int(tail * RATE), (b - a) // 2)))
    return tuple(out)


def check_range(start: int, stop: int) -> tuple[int, int]:
    try:
        a, b = int(start), int(stop)
    except (TypeError, ValueError):
        raise OnecrewError(f"a render range is whole samples, not {start!r}..{stop!r}") from None
    if a != start or b != stop or b < a:
        raise OnecrewError(f"cannot render the range [{start}, {stop})")
    return a, b


def render_sections(sections: Sequence[Section], parts: Sequence, start: int, stop: int) -> np.ndarray:
    """Samples [start, stop) of a film-long track made of one part per section (a piece of
    music, an ambience bed), each faded in and out where its section says."""
    start, stop = check_range(start, stop)
    out = np.zeros((2, stop - start), dtype=np.float32)
    for sec, part in zip(sections, parts):
        a, b = max(start, sec.first), min(stop, sec.last)
        if b <= a:
            continue
        seg = part.render(a - sec.start, b - sec.start)
        sec.apply(seg, a)
        out[:, a - start:b - start] += seg
    return out
