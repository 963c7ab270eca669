"""What decides each artifact, as plain JSON: the specs the cache hashes into keys.

Pure functions of values. A spec names everything that changes the artifact's bytes and
nothing else: a shot's sound effects are left out of its picture's spec, so editing them
redoes the mix, not the shot; so are the take it cuts in (the request's seed is the take)
and, for a backend that makes no sound, the cast's voices.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Mapping

from .. import __version__
from ..media import settings as media
from ..model.cast import Character
from ..model.storyboard import Line
from ..render.backend import ShotRequest

# The encoder's identity: the av wheel pins the FFmpeg and x264 it bundles.
ENCODING = {"codec": media.CODEC, "pix_fmt": media.PIX_FMT, "preset": media.DEFAULT_PRESET,
            "crf": media.DEFAULT_CRF, "av": media.AV_VERSION}
AUDIO = {"codec": "aac", "rate": media.AUDIO_RATE, "bit_rate": media.AUDIO_BITRATE, "av": media.AV_VERSION}


def backend_id(backend) -> dict:
    """Name, version, model digest (the weights' hash, for a backend that loads a model) and
    the settings that decide pictures (a backend's `config`; an endpoint or a timeout is not
    one of them)."""
    out = {"name": backend.name, "version": str(backend.version),
           "digest": str(getattr(backend, "digest", "") or "")}
    config = getattr(backend, "config", None)
    if hasattr(config, "keyed"):
        out["config"] = config.keyed()
    return out


def shot(request: ShotRequest, backend, passes: Iterable[str]) -> dict:
    caps = backend.capabilities
    # a cast member's voice decides the picture only for a model that makes sound too
    cast = {i: {"voice"} for i in range(len(request.cast))} if not caps.native_audio else {}
    spec = {"artifact": "shot", "request": request.model_dump(mode="json", exclude={"shot": {"sfx", "take"},
                                                                                  "cast": cast}),
            "backend": backend_id(backend), "passes": sorted(passes), "encoding": ENCODING}
    if caps.reference_images:  # an image edited in place must not bring back the old clip
        spec["references"] = {p: _file_sha(p) for c in request.cast for p in c.reference_images}
    return spec


def _file_sha(path: str) -> str | None:
    from .store import sha256_file
    try:
        return sha256_file(Path(path))
    except OSError:
        return None


def piece(shot_spec: dict, start: int, stop: int) -> dict:
    """Frames [start, stop) of a shot, drawn on their own (see `pieces`)."""
    return {"artifact": "piece", "shot": shot_spec, "frames": [start, stop]}


def pieces(frames: int, fps: int) -> list[tuple[int, int]]:
    """Where a shot is cut into pieces for workers to draw at once: every 2 s, where the
    encoder puts a keyframe anyway, a short remainder joining the last piece. A function of
    the shot alone, never of the number of workers, so the bytes of a shot never depend on
    how many workers drew it."""
    size = 2 * fps
    cuts = list(range(0, frames, size))
    if len(cuts) > 1 and frames - cuts[-1] < fps:
        cuts.pop()
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [frames])]


def line(ln: Line, speaker: Character, engine: Mapping[str, str]) -> dict:
    """`engine`: the voice engine's identity (`sound.engines.identity`)."""
    return {"artifact": "line", "text": ln.text, "parenthetical": ln.parenthetical,
            "emotion": str(ln.emotion), "voice": speaker.voice.model_dump(mode="json"),
            "engine": dict(engine), "onecrew": __version__}


def stem(name: str, spans: Iterable[tuple[int, int, object, int]], length: int, rate: int) -> dict:
    return {"artifact": "stem", "stem": name, "length": length, "rate": rate, "onecrew": __version__,
            "spans": [[a, b, cue.model_dump(mode="json") if cue is not None else None, seed]
                      for a, b, cue, seed in spans]}


def mix(dialogue: Iterable[tuple[int, int, str]], music: str, ambience: str,
        effects: Iterable[tuple[int, str]], length: int, target_lufs: float) -> dict:
    """`dialogue`: (first sample, length, sha256 of the line's audio); stems by sha256."""
    return {"artifact": "mix", "dialogue": [list(d) for d in dialogue], "music": music,
            "ambience": ambience, "effects": [list(e) for e in effects], "length": length,
            "target_lufs": target_lufs, "audio": AUDIO, "onecrew": __version__}


def edit_files(otio_json: str) -> dict:
    """The FCP XML and EDL made from a timeline (its OTIO JSON) by the installed OpenTimelineIO."""
    from importlib import metadata
    return {"artifact": "edit", "timeline": hashlib.sha256(otio_json.encode()).hexdigest(),
            "otio": metadata.version("opentimelineio"), "onecrew": __version__}


def film(segments: Iterable[str], audio: str, fps: int, metadata: Mapping[str, str]) -> dict:
    """The final mux, from the segments' and the mix's sha256."""
    return {"artifact": "film", "segments": list(segments), "audio": audio, "fps": fps,
            "metadata": dict(metadata), "av": media.AV_VERSION, "onecrew": __version__}
