"""The backend contract: one small interface every shot renderer implements.

A backend turns one `ShotRequest` (a value: the shot, the cast in it, the set, who speaks when)
into a clip on disk. Everything a backend needs is in the request, so the same request always
means the same clip — the property the cache (issue 4) keys on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol, runtime_checkable

from pydantic import Field

from ..model.base import Frames, Id, Int, Model, Seed
from ..model.cast import Character
from ..model.storyboard import FilmSet, Shot
from ..model.vocab import Mood, Vocab


class Viseme(Vocab):
    """Mouth shapes, the usual animation set; `sound.visemes` maps phonemes onto them."""

    REST = "rest"  # closed, relaxed
    MBP = "mbp"  # lips pressed
    FV = "fv"  # lower lip under the teeth
    AI = "ai"  # open wide: a, i as in "father", "kite"
    E = "e"  # open, spread: e, ɛ
    EE = "ee"  # spread, nearly closed: i, j
    O = "o"  # round, open
    U = "u"  # round, small: u, w
    L = "l"  # tongue up: l, t, d, n, θ
    ETC = "etc"  # other consonants: k, g, s, z, r…


class MouthKey(Model):
    """From `frame` (counted from the start of the shot) the mouth holds `shape`."""

    frame: Int = Field(ge=0)
    shape: Viseme


class Utterance(Model):
    """One line as heard in the shot: who speaks it, when, and the mouth shapes it makes."""

    character: Id
    line: Id
    start: Int = Field(ge=0)  # frames from the start of the shot
    end: Int = Field(ge=0)  # exclusive
    mouth: tuple[MouthKey, ...] = ()


class Card(Model):
    """A title or end card: text on black, no cast, no set."""

    title: str
    subtitle: str = ""


class ShotRequest(Model):
    """Everything that decides one shot's pictures."""

    shot: Shot
    film_set: FilmSet | None = None  # None for a card
    mood: Mood = Mood.CALM
    cast: tuple[Character, ...] = ()  # the characters blocked in the shot, in blocking order
    speech: tuple[Utterance, ...] = ()
    card: Card | None = None
    fps: Int = Field(ge=1, le=120)
    width: Int = Field(ge=16, le=8192)
    height: Int = Field(ge=16, le=8192)
    seed: Seed  # the shot's (or take's) seed

    @property
    def frames(self) -> int:
        return self.shot.duration


class Capabilities(Model):
    max_frames: Frames | None = None  # longest clip one call can make; None: no limit
    fps: tuple[Int, ...] = ()  # () means any
    max_size: tuple[Int, Int] | None = None
    reference_images: bool = False
    control_video: bool = False  # takes pose / mask / depth passes as input
    writes_passes: bool = False  # can write control passes for other models
    native_audio: bool = False
    honours_seed: bool = True
    gpus: float = Field(default=0, ge=0)  # GPUs one shot needs: what a cluster task asks for
    # Renders any run of a shot's frames on its own, each frame as it is in the whole shot, so
    # a long shot can be drawn by several workers at once (a generative model cannot: its
    # frames depend on each other).
    frame_ranges: bool = False
    # Writes the film's own segments: H.264 with onecrew's encoder settings, at the request's
    # size and rate, exactly the shot's frames. A backend that does not (any model answering in
    # its own size, rate, length or codec) has its clip conformed by the engine.
    conformed: bool = False
    # Calls it can have in flight at once, for a backend that waits on a remote service (a paid
    # API's tasks per account): that many shots are sent together, whatever the CPU cores.
    # None: one shot per core, as for drawing.
    concurrency: int | None = Field(default=None, ge=1, le=64)


class RenderContext(Model):
    """Where and how to render: not part of what decides the pictures."""

    model_config = Model.model_config | {"arbitrary_types_allowed": True}

    work_dir: Path  # the backend writes its files here
    passes: tuple[str, ...] = ()  # control passes wanted: "pose", "mask", "depth"
    progress: Callable[[int], None] | None = None  # called with frames done so far
    # Only frames [start, stop) of the shot, for a backend with `frame_ranges`: the clip is
    # stop - start frames long. None: the whole shot.
    frames: tuple[int, int] | None = None
    # Durable state for a backend that waits on something it must not start twice (a paid
    # remote job): `checkpoint(state)` records it (the remote job's id, say) before the wait,
    # where it survives a crash; the next attempt at the same shot, by `resume`, a retry or
    # another project sharing the cache, finds it in `resumed` and picks the job up again.
    checkpoint: Callable[[dict], None] | None = None
    resumed: dict | None = None


class ShotArtifact(Model):
    shot: Id
    video: Path  # a video file; with `capabilities.conformed`, the film's H.264 at its size and rate
    frames: Frames
    passes: dict[str, Path] = {}  # "pose" → file, "mask-ava" → file, "depth" → file


@runtime_checkable
class Backend(Protocol):
    name: str
    version: str
    capabilities: Capabilities

    def render(self, request: ShotRequest, ctx: RenderContext) -> ShotArtifact: ...
