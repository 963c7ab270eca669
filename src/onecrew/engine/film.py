"""A storyboard becomes a film: voice → spot → render ∥ sound → assemble → edit files.

The stages are values in, values out (spotting, requests, timeline); this module is the edge
that runs them and writes the output folder:

    film.mp4  film.srt  film.vtt  film.otio  film.xml  film.edl  storyboard.html
    shots/<shot>.mp4 (+ control passes)   audio/dialogue/<line>.wav  audio/music.wav  audio/ambience.wav
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import __version__
from ..edit import subtitles
from ..edit.spotting import Spotting, frame_sample, spot
from ..edit.timeline import Reel, Span as SceneSpan, timeline, write as write_timeline
from ..errors import OnecrewError
from ..export.contact_sheet import contact_sheet
from ..export.files import write_all
from ..media.assemble import assemble, encode_audio
from ..media.audio import WavTrack, read_wav, write_wav
from ..media.video import release_memory
from ..model.storyboard import Storyboard
from ..parse.storyboard_file import dump_json, dump_storyboard
from ..progress import Progress, silent
from ..render import registry
from ..render.backend import Card
from ..sound import voice
from ..sound.ambience import Ambience
from ..sound.cache import clear_all
from ..sound.mix import Dialogue, Mix, Placed
from ..sound.score import Score, Span
from ..sound.sfx import Effects
from ..words import count
from .local import Batch
from .shots import card_request, shot_requests
from .voicing import voice_lines

PASSES = ("pose", "mask", "depth")
LOUDNESS_LUFS = -16.0


@dataclass(frozen=True)
class Settings:
    backend: str = "previs"
    size: tuple[int, int] | None = None  # (width, height); None: the storyboard's
    passes: tuple[str, ...] = ()
    cards: bool = False
    workers: int | None = None
    voice: str = "espeak"


@dataclass
class Film:
    storyboard: Storyboard  # as filmed: durations conformed to the speech
    folder: Path
    frames: int
    files: list[Path] = field(default_factory=list)


def check(sb: Storyboard, settings: Settings) -> tuple[int, int]:
    width, height = settings.size or (sb.width, sb.height)
    if width % 2 or height % 2 or width < 64 or height < 64:
        raise OnecrewError(f"--size {width}x{height}: width and height must be even and at least 64")
    unknown = sorted(set(settings.passes) - set(PASSES))
    if unknown:
        raise OnecrewError(f"--passes: unknown pass {unknown[0]!r}; choose from {', '.join(PASSES)}")
    return width, height


def produce(sb: Storyboard, out: Path, settings: Settings = Settings(), fit: bool = True,
            progress: Progress = silent, report: Callable[[str], None] = lambda m: None) -> Film:
    width, height = check(sb, settings)
    backend = registry.get(settings.backend)
    if settings.passes and not backend.capabilities.writes_passes:
        raise OnecrewError(f"backend {backend.name!r} cannot write control passes")
    out = Path(out)
    (out / "audio").mkdir(parents=True, exist_ok=True)

    with Batch(backend.name, out / "shots", settings.passes, settings.workers, progress) as batch:
        cards = _cards(sb, backend, width, height) if settings.cards else []
        # Shots without dialogue look the same whatever the voices say: they start rendering now.
        batch.add(cards + [r for r in shot_requests(sb, {}, width, height) if not r.shot.lines])

        takes = voice_lines(sb, voice.engine(settings.voice), out / "audio" / "dialogue", progress)
        spotting = spot(sb, takes, fit=fit, offset=cards[0].frames if cards else 0)
        filmed = spotting.storyboard
        _say_lengthened(sb, filmed, fit, report)
        requests = shot_requests(filmed, spotting.utterances, width, height)
        if cards:
            requests = [cards[0], *requests, cards[1]]
        batch.add(requests)
        total = sum(r.frames for r in requests)
        report(f"rendering {count(len(requests), 'shot')}, {total} frames at {width}x{height} "
               f"with {backend.name} {backend.version}")

        # The stems are rendered once, while the shots render, and the mix reads them back.
        music, ambience, mix = _sound(filmed, spotting, takes, total, out / "audio", batch.poll)
        sound = encode_audio(_polled(mix.chunks(), batch.poll), out / "audio" / "mix.m4a")
        artifacts = batch.wait([r.shot.id for r in requests])

    segments = [a.video for a in artifacts]
    film = assemble(segments, sound, out / "film.mp4", filmed.fps,
                    progress=lambda n: progress("assemble", n, total, "frames"),
                    metadata={"title": filmed.title, "comment": f"made with onecrew {__version__}, "
                              f"{backend.name} {backend.version}; AI-generated animatic"})

    reels = [Reel(r.shot.id, r.frames, f"shots/{Path(a.video).name}",
                  {"shot": r.shot.id, "kind": str(r.shot.kind), "size": str(r.shot.size)})
             for r, a in zip(requests, artifacts)]
    scenes = [SceneSpan(sc.id, spotting.shot_starts[sc.shots[0].id],
                        spotting.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration)
              for sc in filmed.scenes if sc.shots]
    tl = timeline(filmed.title, filmed.fps, reels, spotting.cues, scenes,
                  f"audio/{music.name}", f"audio/{ambience.name}")
    texts = {**write_timeline(tl, out),
             "film.srt": subtitles.srt(spotting.cues, filmed.fps),
             "film.vtt": subtitles.vtt(spotting.cues, filmed.fps),
             "storyboard.html": contact_sheet(filmed, {r.shot.id: batch.thumbnails[r.shot.id]
                                                       for r in requests if r.card is None})}
    if fit:  # a planned film records the storyboard it was made from; a hand-edited one is left alone
        texts |= {"storyboard.yaml": dump_storyboard(filmed), "storyboard.json": dump_json(filmed)}
    files = [film, *write_all(out, texts)]
    report(f"wrote {film} ({total / filmed.fps:.1f} s) and {len(files) - 1} more files in {out}")
    return Film(filmed, out, total, files)


def _cards(sb: Storyboard, backend, width: int, height: int) -> list:
    title = Card(title=sb.title or "Untitled", subtitle=_credit(sb))
    end = Card(title="made with onecrew", subtitle=f"{backend.name} {backend.version}")
    return [card_request(sb, "title", title, width, height), card_request(sb, "end", end, width, height)]


def _credit(sb: Storyboard) -> str:
    names = [c.name for c in sb.cast][:4]
    return "with " + ", ".join(names) if names else ""


def _say_lengthened(before: Storyboard, after: Storyboard, fit: bool, report) -> None:
    if fit:
        return
    for a, b in zip(before.shots, after.shots):
        if b.duration != a.duration:
            report(f"shot {a.id}: lengthened from {a.duration} to {b.duration} frames to fit its dialogue")


def _sound(sb: Storyboard, spotting: Spotting, takes, total_frames: int, folder: Path,
           poll: Callable[[], None]) -> tuple[Path, Path, Mix]:
    fps, rate = sb.fps, voice.RATE
    spans = []
    for sc in sb.scenes:
        if not sc.shots:
            continue
        start = spotting.shot_starts[sc.shots[0].id]
        end = spotting.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration
        spans.append((frame_sample(start, fps), frame_sample(end, fps), sc))
    seed = sb.seed
    music = Score([Span(a, b, sc.music, _seed(seed, "music", sc.id)) for a, b, sc in spans])
    amb = Ambience([Span(a, b, sc.ambience, _seed(seed, "ambience", sc.id)) for a, b, sc in spans])
    dialogue = Dialogue([Placed(c.sample, c.length, _loader(takes[c.line.id].path)) for c in spotting.cues])
    length = frame_sample(total_frames, fps)
    stems = [write_wav(folder / f"{name}.wav", _chunks(track, length, poll), rate, 2)
             for name, track in (("music", music), ("ambience", amb))]
    clear_all()  # the stems are on disk: memory goes back to what the mix needs
    release_memory()
    mix = Mix(dialogue=dialogue, music=WavTrack(stems[0]), ambience=WavTrack(stems[1]),
              effects=_effects(sb, spotting), length=length, target_lufs=LOUDNESS_LUFS)
    return stems[0], stems[1], mix


def _effects(sb: Storyboard, spotting: Spotting) -> Effects | None:
    cues = [(frame_sample(spotting.shot_starts[sh.id] + cue.at, sb.fps), cue.name)
            for sh in sb.shots for cue in sh.sfx]
    return Effects(cues) if cues else None


def _seed(seed: int, *keys: str) -> int:
    from ..model.seeds import derive
    return derive(seed, *keys)


def _loader(path: Path):
    return lambda: read_wav(path)


def _chunks(track, length: int, poll: Callable[[], None], size: int = voice.RATE):
    """`track` over the whole film, a second at a time, polling the render's progress."""
    return _polled((track.render(a, min(length, a + size)) for a in range(0, length, size)), poll)


def _polled(chunks, poll: Callable[[], None]):
    for chunk in chunks:
        poll()
        yield chunk

