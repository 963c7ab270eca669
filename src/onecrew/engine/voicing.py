"""Every line of the storyboard voiced once, in its character's voice, kept in the cache as a
WAV with its word and phoneme timings: an unchanged line is never voiced again."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from ..errors import OnecrewError
from ..model.storyboard import Storyboard
from ..progress import Progress, silent
from ..sound.engines import identity
from ..sound.timing import RATE, Timed
from . import keys
from .production import Production


@dataclass(frozen=True)
class Take:
    """A voiced line as the edit needs it: where its audio is and how its words fall."""

    path: Path
    sha256: str  # of the WAV: what the mix's cache key is made from
    length: int  # samples at RATE
    words: tuple[Timed, ...]
    phonemes: tuple[Timed, ...]


def voice_lines(sb: Storyboard, engine: str, prod: Production,
                progress: Progress = silent) -> dict[str, Take]:
    """`engine` names the voice engine; it is started only for a line the cache lacks."""
    cast = {c.id: c for c in sb.cast}
    who = identity(engine)
    lines = [ln for scene in sb.scenes for ln in scene.lines]
    takes: dict[str, Take] = {}
    for i, ln in enumerate(lines):
        if ln.speaker not in cast:
            raise OnecrewError(f"line {ln.id} is spoken by {ln.speaker!r}, who is not in the cast")

        def make(tmp: Path, ln=ln):
            from ..media.audio import write_wav
            from ..sound import voice
            speech = voice.engine(engine).speak(ln.text, cast[ln.speaker].voice, ln.emotion, ln.parenthetical)
            info = {"length": len(speech.samples), "words": [astuple(w) for w in speech.words],
                    "phonemes": [astuple(p) for p in speech.phonemes]}
            return {"wav": write_wav(tmp / "line.wav", [speech.samples], RATE, 1)}, info
        e = prod.obtain(keys.line(ln, cast[ln.speaker], who), "line", f"line {ln.id}", make)
        takes[ln.id] = Take(e.path("wav"), e.files["wav"].sha256, e.info["length"],
                            tuple(Timed(*w) for w in e.info["words"]),
                            tuple(Timed(*p) for p in e.info["phonemes"]))
        progress("voices", i + 1, len(lines), "lines")
    return takes
