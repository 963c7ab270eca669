"""Spotting the dialogue: where each voiced line sits in its shot and in the film.

Shot lengths were estimated from words per minute when the film was planned; here they are
conformed to the real length of the synthesised speech. Pure: speech timings in, a retimed
storyboard and cue lists out. Audio is counted in samples at `RATE`, pictures in frames; every
frame rate onecrew supports divides 48 kHz, so frame edges fall on whole samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol, Sequence

from ..model.storyboard import Line, Scene, Shot, Storyboard
from ..model.time import frames
from ..render.backend import MouthKey, Utterance, Viseme
from ..sound.timing import RATE, Timed

LEAD_S = 0.2  # breath before the first word of a shot
GAP_S = 0.3  # between two lines in one shot
TAIL_S = 0.4  # after the last word, so a cut does not clip the reaction
MIN_SHOT_S = 1


class Voiced(Protocol):
    """The timing facts of one synthesised line; `sound.voice.Speech` is one."""

    @property
    def words(self) -> tuple[Timed, ...]: ...
    @property
    def phonemes(self) -> tuple[Timed, ...]: ...
    @property
    def length(self) -> int: ...


@dataclass(frozen=True)
class Cue:
    """One line on the film's timeline. Frames and samples count from the film's first frame."""

    line: Line
    shot: str
    start: int  # frame the first word begins on
    end: int  # frame after the last word ends (exclusive)
    sample: int  # the sample the speech starts on
    length: int  # samples of speech


@dataclass(frozen=True)
class Spotting:
    storyboard: Storyboard  # with shot durations conformed to the speech
    cues: tuple[Cue, ...]
    utterances: Mapping[str, tuple[Utterance, ...]]  # shot id → who speaks when, in the shot
    shot_starts: Mapping[str, int]  # shot id → first frame in the film


def samples_to_frames(n: int, fps: int) -> int:
    """Whole frames that cover `n` samples (rounded up)."""
    return -(-n * fps // RATE)


def frame_sample(frame: int, fps: int) -> int:
    return frame * RATE // fps


def spot(sb: Storyboard, voiced: Mapping[str, Voiced], fit: bool = True,
         offset: int = 0) -> Spotting:
    """Lay each shot's lines out in it. With `fit`, a shot with dialogue lasts exactly as long
    as its speech needs (plan → film); without, a shot is only ever lengthened, never cut,
    so a hand-set duration stands unless the words would not fit in it. `offset` is the frame
    the storyboard starts on in the film (after a title card)."""
    fps = sb.fps
    lead, gap, tail = frames(LEAD_S, fps), frames(GAP_S, fps), frames(TAIL_S, fps)
    cues: list[Cue] = []
    utterances: dict[str, tuple[Utterance, ...]] = {}
    starts: dict[str, int] = {}
    scenes: list[Scene] = []
    at = offset
    for scene in sb.scenes:
        by_id = {ln.id: ln for ln in scene.lines}
        shots: list[Shot] = []
        for shot in scene.shots:
            placed = _lay_out([by_id[i] for i in shot.lines if i in by_id], voiced, fps, lead, gap)
            if placed:
                need = max(s + samples_to_frames(voiced[ln.id].length, fps) for ln, s in placed) + tail
                duration = max(need, frames(MIN_SHOT_S, fps)) if fit else max(need, shot.duration)
                shot = shot.model_copy(update={"duration": duration})
            starts[shot.id] = at
            utterances[shot.id] = tuple(_utterance(ln, s, voiced[ln.id], fps) for ln, s in placed)
            for ln, s in placed:
                v = voiced[ln.id]
                cues.append(Cue(ln, shot.id, at + s, at + s + samples_to_frames(v.length, fps),
                                frame_sample(at + s, fps), v.length))
            at += shot.duration
            shots.append(shot)
        scenes.append(scene.model_copy(update={"shots": tuple(shots)}))
    return Spotting(sb.model_copy(update={"scenes": tuple(scenes)}), tuple(cues), utterances, starts)


def _lay_out(lines: Sequence[Line], voiced: Mapping[str, Voiced], fps: int, lead: int,
             gap: int) -> list[tuple[Line, int]]:
    """(line, first frame in the shot): one after another; a dual line starts with the one
    it is spoken over."""
    placed: list[tuple[Line, int]] = []
    cursor = lead
    for ln in lines:
        if ln.id not in voiced:
            raise KeyError(f"line {ln.id} was not voiced")
        if ln.dual and placed:
            start = placed[-1][1]
        else:
            start = cursor
        placed.append((ln, start))
        cursor = max(cursor, start + samples_to_frames(voiced[ln.id].length, fps) + gap)
    return placed


def _utterance(line: Line, start: int, v: Voiced, fps: int) -> Utterance:
    from ..sound.phonemes import viseme  # the phoneme → mouth table belongs to the voice stage
    keys: list[MouthKey] = []
    phonemes = v.phonemes
    for i, ph in enumerate(phonemes):
        frame = start + ph.start * fps // RATE
        shape = viseme(ph.text)
        if keys and keys[-1].frame == frame:
            keys[-1] = MouthKey(frame=frame, shape=shape)  # the later phoneme owns the frame
        elif not keys or keys[-1].shape != shape:
            keys.append(MouthKey(frame=frame, shape=shape))
        close = start + -(-ph.end * fps // RATE)
        # a gap of more than ~80 ms before the next phoneme closes the mouth
        if i + 1 == len(phonemes) or phonemes[i + 1].start - ph.end > RATE * 8 // 100:
            keys.append(MouthKey(frame=close, shape=Viseme.REST))
    return Utterance(character=line.speaker, line=line.id, start=start,
                     end=start + samples_to_frames(v.length, fps), mouth=tuple(_dedupe(keys)))


def _dedupe(keys: list[MouthKey]) -> list[MouthKey]:
    out: list[MouthKey] = []
    for k in sorted(keys, key=lambda k: k.frame):
        if out and out[-1].frame == k.frame:
            out[-1] = k
        elif not out or out[-1].shape != k.shape:
            out.append(k)
    return out
