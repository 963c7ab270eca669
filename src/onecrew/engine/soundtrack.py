"""The film's sound as artifacts: the music and ambience stems and the mix, each from the
cache or made once, while the shots render (every second of audio made polls the render, so
its progress keeps moving). Dialogue lines come from `voicing`."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..edit.spotting import Spotting, frame_sample
from ..model.seeds import derive
from ..model.storyboard import Storyboard
from ..sound.timing import RATE
from . import keys
from .production import Production
from .store import Entry

LOUDNESS_LUFS = -16.0


def soundtrack(sb: Storyboard, spotting: Spotting, takes, total_frames: int,
           prod: Production) -> tuple[Entry, Entry, Entry]:
    fps, rate = sb.fps, RATE
    spans = []
    for sc in sb.scenes:
        if not sc.shots:
            continue
        start = spotting.shot_starts[sc.shots[0].id]
        end = spotting.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration
        spans.append((frame_sample(start, fps), frame_sample(end, fps), sc))
    length = frame_sample(total_frames, fps)
    music_spans = [(a, b, sc.music, derive(sb.seed, "music", sc.id)) for a, b, sc in spans]
    amb_spans = [(a, b, sc.ambience, derive(sb.seed, "ambience", sc.id)) for a, b, sc in spans]

    def stem(name: str, spans: list) -> Callable[[Path], tuple[dict, dict]]:
        def make(tmp: Path) -> tuple[dict, dict]:
            from ..media.audio import write_wav
            from ..media.video import release_memory
            from ..sound.ambience import Ambience
            from ..sound.cache import clear_all
            from ..sound.score import Score
            from ..sound.spans import Span
            track = (Score if name == "music" else Ambience)([Span(*s) for s in spans])
            wav = write_wav(tmp / f"{name}.wav", _chunks(track, length, prod.poll), rate, 2)
            clear_all()  # the stem is on disk: memory goes back to what the mix needs
            release_memory()
            return {"wav": wav}, {}
        return make
    music = prod.obtain(keys.stem("music", music_spans, length, rate), "stem", "music", stem("music", music_spans))
    ambience = prod.obtain(keys.stem("ambience", amb_spans, length, rate), "stem", "ambience",
                           stem("ambience", amb_spans))

    effects = _effects(sb, spotting)
    placed = [(c.sample, c.length, takes[c.line.id]) for c in spotting.cues]

    def make_mix(tmp: Path) -> tuple[dict, dict]:
        from ..media.assemble import encode_audio
        from ..media.audio import WavTrack
        from ..sound.mix import Dialogue, Mix, Placed
        from ..sound.sfx import Effects
        mix = Mix(dialogue=Dialogue([Placed(a, n, _loader(t.path)) for a, n, t in placed]),
                  music=WavTrack(music.path("wav")), ambience=WavTrack(ambience.path("wav")),
                  effects=Effects(effects) if effects else None, length=length, target_lufs=LOUDNESS_LUFS)
        return {"audio": encode_audio(_polled(mix.chunks(), prod.poll), tmp / "mix.m4a")}, {}
    spec = keys.mix([(a, n, t.sha256) for a, n, t in placed], music.files["wav"].sha256,
                    ambience.files["wav"].sha256, effects, length, LOUDNESS_LUFS)
    return music, ambience, prod.obtain(spec, "mix", "mix", make_mix)


def _effects(sb: Storyboard, spotting: Spotting) -> list[tuple[int, str]]:
    return [(frame_sample(spotting.shot_starts[sh.id] + cue.at, sb.fps), cue.name)
            for sh in sb.shots for cue in sh.sfx]


def _loader(path: Path):
    from ..media.audio import read_wav
    return lambda: read_wav(path)


def _chunks(track, length: int, poll: Callable[[], None], size: int = RATE):
    """`track` over the whole film, a second at a time, polling the render's progress."""
    return _polled((track.render(a, min(length, a + size)) for a in range(0, length, size)), poll)


def _polled(chunks, poll: Callable[[], None]):
    for chunk in chunks:
        poll()
        yield chunk

