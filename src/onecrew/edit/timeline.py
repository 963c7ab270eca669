"""The editorial timeline as OpenTimelineIO: what an editor opens to finish the cut.

One video track of shot clips, and audio tracks for dialogue (a clip per line), music and
ambience (a clip per scene, cut from the film-long stems). Media paths are relative to the
output folder, so the folder can move; `interchange()` writes the file:// flavour NLEs want.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import opentimelineio as otio

from .. import __version__
from .carrier import carrier, edl_note, fcp_xml_at, rescaled
from .spotting import Cue

RT = otio.opentime.RationalTime
TR = otio.opentime.TimeRange


@dataclass(frozen=True)
class Reel:
    """One clip of the cut: a shot (or a card) and where its picture lives."""

    name: str
    frames: int
    media: str  # path relative to the output folder
    metadata: dict


@dataclass(frozen=True)
class Span:
    """A stretch of a film-long stem that belongs to one scene."""

    name: str
    start: int
    end: int


def _ref(path: str, frames: int, fps: int) -> otio.schema.ExternalReference:
    return otio.schema.ExternalReference(target_url=path,
                                         available_range=TR(RT(0, fps), RT(frames, fps)))


def _clip(name: str, path: str, start: int, frames: int, fps: int, available: int,
          metadata: dict | None = None) -> otio.schema.Clip:
    return otio.schema.Clip(name=name, media_reference=_ref(path, available, fps),
                            source_range=TR(RT(start, fps), RT(frames, fps)),
                            metadata={"onecrew": metadata or {}})


def _lay(track: otio.schema.Track, at: int, start: int, clip: otio.schema.Clip, fps: int) -> int:
    """Append `clip` at frame `start`, with a gap from `at`; returns where the track now ends."""
    if start > at:
        track.append(otio.schema.Gap(source_range=TR(RT(0, fps), RT(start - at, fps))))
    track.append(clip)
    return start + int(clip.source_range.duration.value)


def timeline(title: str, fps: int, reels: Sequence[Reel], cues: Sequence[Cue],
             scenes: Sequence[Span], music: str | None, ambience: str | None) -> otio.schema.Timeline:
    tl = otio.schema.Timeline(name=title or "onecrew film", global_start_time=RT(0, fps),
                              metadata={"onecrew": {"version": __version__, "fps": fps}})
    video = otio.schema.Track(name="V1 picture", kind=otio.schema.TrackKind.Video)
    for r in reels:
        video.append(_clip(r.name, r.media, 0, r.frames, fps, r.frames, r.metadata))
    total = sum(r.frames for r in reels)
    tl.tracks.append(video)

    dialogue = otio.schema.Track(name="A1 dialogue", kind=otio.schema.TrackKind.Audio)
    at = 0
    for c in sorted(cues, key=lambda c: c.start):
        n = c.end - c.start
        start = max(c.start, at)  # overlapping (dual) lines: the later one is trimmed to fit one track
        if start >= c.end:
            continue
        at = _lay(dialogue, at, start, _clip(c.line.id, f"audio/dialogue/{c.line.id}.wav", start - c.start,
                                             c.end - start, fps, n,
                                             {"line": c.line.id, "speaker": c.line.speaker, "shot": c.shot,
                                              "text": c.line.text}), fps)
    tl.tracks.append(dialogue)
    for name, stem in (("A2 music", music), ("A3 ambience", ambience)):
        if stem is None:
            continue
        track = otio.schema.Track(name=name, kind=otio.schema.TrackKind.Audio)
        at = 0
        for s in scenes:
            at = _lay(track, at, s.start, _clip(s.name, stem, s.start, s.end - s.start, fps, total,
                                                {"scene": s.name}), fps)
        tl.tracks.append(track)
    return tl


def interchange(tl: otio.schema.Timeline, folder: Path, video_only: bool = False) -> otio.schema.Timeline:
    """A copy whose media point at absolute file:// URLs (NLE importers resolve nothing
    relative); `video_only` keeps just the picture track, for an EDL."""
    copy = tl.deepcopy()
    for clip in copy.find_clips():
        ref = clip.media_reference
        ref.target_url = (Path(folder).resolve() / ref.target_url).as_uri()
    if video_only:
        for track in list(copy.tracks):
            if track.kind != otio.schema.TrackKind.Video:
                copy.tracks.remove(track)
    return copy


def write(tl: otio.schema.Timeline, folder: Path) -> dict[str, str]:
    """The timeline in every interchange format that is installed: name → text."""
    return {"film.otio": to_json(tl), **exports(tl, folder)}


def to_json(tl: otio.schema.Timeline) -> str:
    return otio.adapters.write_to_string(tl, "otio_json")


def exports(tl: otio.schema.Timeline, folder: Path) -> dict[str, str]:
    """FCP 7 XML and a CMX 3600 EDL, where their adapters are installed: name → text.

    Both are written through a carrier SMPTE rate where the film's rate has no timecode
    (12, 15 fps): see `carrier`."""
    files = {}
    installed = set(otio.adapters.available_adapter_names())
    fps = int(round(tl.global_start_time.rate))
    rate = carrier(fps)
    for name, adapter, video_only in (("film.xml", "fcp_xml", False), ("film.edl", "cmx_3600", True)):
        if adapter not in installed:
            continue
        copy = interchange(tl, folder, video_only)
        if rate == fps:
            files[name] = otio.adapters.write_to_string(copy, adapter)
        elif adapter == "fcp_xml":
            files[name] = fcp_xml_at(otio.adapters.write_to_string(rescaled(copy, rate), adapter), rate, fps)
        else:
            files[name] = edl_note(otio.adapters.write_to_string(rescaled(copy, rate), adapter, rate=rate),
                                   rate, fps)
    return files
