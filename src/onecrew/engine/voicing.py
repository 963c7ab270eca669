"""Every line of the storyboard voiced once, in its character's voice, saved as a WAV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import OnecrewError
from ..media.audio import write_wav
from ..model.storyboard import Storyboard
from ..progress import Progress, silent
from ..sound.voice import RATE, Timed, VoiceEngine


@dataclass(frozen=True)
class Take:
    """A voiced line as the edit needs it: where its audio is and how its words fall."""

    path: Path
    length: int  # samples at RATE
    words: tuple[Timed, ...]
    phonemes: tuple[Timed, ...]


def voice_lines(sb: Storyboard, engine: VoiceEngine, folder: Path,
                progress: Progress = silent) -> dict[str, Take]:
    folder.mkdir(parents=True, exist_ok=True)
    cast = {c.id: c for c in sb.cast}
    lines = [ln for scene in sb.scenes for ln in scene.lines]
    takes: dict[str, Take] = {}
    for i, ln in enumerate(lines):
        if ln.speaker not in cast:
            raise OnecrewError(f"line {ln.id} is spoken by {ln.speaker!r}, who is not in the cast")
        speech = engine.speak(ln.text, cast[ln.speaker].voice, ln.emotion, ln.parenthetical)
        path = write_wav(folder / f"{ln.id}.wav", [speech.samples], RATE, 1)
        takes[ln.id] = Take(path, len(speech.samples), speech.words, speech.phonemes)
        progress("voices", i + 1, len(lines), "lines")
    return takes
