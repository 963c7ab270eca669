"""The storyboard: the source of truth a creator edits and every later stage reads.

Structure only — whether ids refer to things that exist is `integrity.problems()`, so that a
linter can report every broken reference instead of stopping at the first.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from .base import MAX_SHOT_MINUTES, MAX_TAKES, Flag, Id, Int, Label, Model, Name, Prose, Seed, ShotFrames, ShotId
from .cast import Character
from .seeds import derive
from .time import SUPPORTED_FPS
from .vocab import (
    Action,
    Ambience,
    Angle,
    CameraMove,
    Expression,
    Facing,
    IntExt,
    LocationKind,
    Mood,
    Plane,
    ScreenPosition,
    ShotKind,
    ShotSize,
    TimeOfDay,
    Transition,
)

SCHEMA_VERSION = 1
MAX_SCENE_NUMBER = 16  # as slated: "12A", "101-B"; shot ids add letters to it
MAX_HEADING = 200
MAX_TITLE = 300  # a title may come from a file name, up to 255 bytes
MIN_SIDE, MAX_SIDE = 64, 4096  # pixels; the engine refuses sizes under 64 too


def _supported_fps(fps: int) -> int:
    # Every exporter (FCP XML, EDL timecode, H.264 timing) knows these rates and no others.
    if fps not in SUPPORTED_FPS:
        raise ValueError(f"must be one of {', '.join(map(str, SUPPORTED_FPS))} frames per second, not {fps}")
    return fps


class FilmSet(Model):
    """A location as the art department builds it. Written under `sets:` in the file."""

    id: Id
    name: Name  # "BEACH"
    kind: LocationKind
    int_ext: IntExt = IntExt.EXT
    time: TimeOfDay = TimeOfDay.DAY
    description: Prose = ""


class Line(Model):
    """One spoken line of the script, with the direction that shades its delivery."""

    type: Literal["line"] = "line"
    id: Id
    speaker: Id  # cast id
    text: Label = Field(min_length=1)  # one line: a subtitle cue, an EDL comment
    parenthetical: Label | None = None
    emotion: Expression = Expression.NEUTRAL
    extension: Label | None = None  # V.O., O.S.
    dual: Flag = False
    sung: Flag = False
    # Written by the director for a story with no dialogue, for the creator to keep or delete.
    improvised: Flag = False


class ActionBeat(Model):
    """A piece of stage direction: what happens, who does it, what props it names."""

    type: Literal["action"] = "action"
    id: Id
    text: Prose
    characters: tuple[Id, ...] = ()
    props: tuple[Label, ...] = ()


Beat = Annotated[Union[Line, ActionBeat], Field(discriminator="type")]


class MusicCue(Model):
    mood: Mood
    key: Label  # "A minor"
    tempo_bpm: Int = Field(ge=30, le=240)
    instruments: tuple[Label, ...]
    intensity: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False)


class AmbienceCue(Model):
    kind: Ambience
    level_db: float = Field(default=-30, ge=-100, le=0, allow_inf_nan=False)  # -100 dB: silence


class SoundCue(Model):
    """A spot effect inside a shot: a camera shutter, a door, a wave crash."""

    name: Label
    at: Int = Field(default=0, ge=0, le=MAX_SHOT_MINUTES * 60 * max(SUPPORTED_FPS))  # frames from the start of the shot


class Blocking(Model):
    """One character's place and performance in one shot."""

    character: Id
    position: ScreenPosition = ScreenPosition.CENTER
    plane: Plane = Plane.MIDGROUND
    facing: Facing = Facing.CAMERA
    action: Action | None = None  # none given: the linter flags it
    expression: Expression = Expression.NEUTRAL
    performance: Prose = ""  # in words, for a human or a video model: "laughs, shades her eyes"
    looking_at: Id | None = None
    prop: Label | None = None  # what they hold, hand over or take in this shot


class Shot(Model):
    id: ShotId  # "1A", "1B" … scene number + letters, the way script supervisors slate
    kind: ShotKind
    size: ShotSize
    angle: Angle = Angle.EYE_LEVEL
    move: CameraMove = CameraMove.STATIC
    lens_mm: Int = Field(default=35, ge=8, le=300)
    duration: ShotFrames
    subject: tuple[Id, ...] = ()  # whom the shot is about; empty for a place or a prop
    in_frame: tuple[Blocking, ...] = ()
    lines: tuple[Id, ...] = ()  # ids of the scene's lines heard in this shot, in order
    prop: Label | None = None  # what an insert shows
    sfx: tuple[SoundCue, ...] = ()
    transition_in: Transition = Transition.CUT
    transition_out: Transition = Transition.CUT
    description: Prose = ""
    prompt: Prose = ""  # derived from the shot, cast and set whenever onecrew plans
    prompt_extra: Prose = ""  # the creator's own words, added to the derived prompt
    seed: Seed
    # The take cut into the film; take 1 renders with `seed`. At most MAX_TAKES: the engine
    # renders no more, so a higher number could never be cut in.
    take: Int = Field(default=1, ge=1, le=MAX_TAKES)

    def take_seed(self, take: int) -> int:
        """The seed of take `take`: the shot's own for take 1, derived from it for the others,
        so takes are the same wherever and however often they are rendered."""
        return self.seed if take == 1 else derive(self.seed, "take", take)

    @model_validator(mode="after")
    def _one_blocking_per_character(self) -> "Shot":
        # Counted once (a list.count per person was quadratic: 18 s for a 26,000-person shot).
        counts = Counter(b.character for b in self.in_frame)
        dupes = sorted(c for c, n in counts.items() if n > 1)
        if dupes:
            raise ValueError(f"character {dupes[0]!r} is blocked twice in shot {self.id}")
        return self

    def blocking(self, character: str) -> Blocking | None:
        return next((b for b in self.in_frame if b.character == character), None)


class Scene(Model):
    id: Id
    # As slated: "1", "12A". A bare 1 typed by hand is read as "1".
    number: Annotated[Label, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                      Field(min_length=1, max_length=MAX_SCENE_NUMBER)]
    heading: Label = Field(max_length=MAX_HEADING)
    set: Id
    mood: Mood = Mood.CALM
    beats: tuple[Beat, ...] = ()
    shots: tuple[Shot, ...] = ()
    music: MusicCue | None = None
    ambience: AmbienceCue | None = None

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(b for b in self.beats if isinstance(b, Line))

    @property
    def duration(self) -> int:
        return sum(s.duration for s in self.shots)


class Source(Model):
    """Where the storyboard came from, so a plan can say what it was made of."""

    kind: Literal["prose", "fountain", "storyboard"]
    name: Label = ""
    sha256: Label = ""


class Storyboard(Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    title: Label = Field(default="", max_length=MAX_TITLE)
    fps: Annotated[Int, AfterValidator(_supported_fps)] = 24
    # Even (H.264 halves chroma), at least what a face can be drawn in, at most 4K.
    width: Int = Field(default=1280, ge=MIN_SIDE, le=MAX_SIDE, multiple_of=2)
    height: Int = Field(default=720, ge=MIN_SIDE, le=MAX_SIDE, multiple_of=2)
    seed: Seed = 0
    source: Source | None = None
    cast: tuple[Character, ...] = ()
    sets: tuple[FilmSet, ...] = ()
    scenes: tuple[Scene, ...] = ()

    @property
    def shots(self) -> tuple[Shot, ...]:
        return tuple(sh for s in self.scenes for sh in s.shots)

    @property
    def duration(self) -> int:
        return sum(s.duration for s in self.scenes)

    def character(self, cid: str) -> Character | None:
        return _first_by_id(self, "cast").get(cid)

    def film_set(self, sid: str) -> FilmSet | None:
        return _first_by_id(self, "sets").get(sid)


def _first_by_id(sb: Storyboard, field: str) -> dict:
    """id → the first item of `sb.<field>` with that id (what a scan would return), built once
    per tuple: callers look a set or a person up per scene or per shot, and a scan each time
    made them quadratic. Kept in the instance's __dict__ beside the tuple it was built from, so
    that a model_copy(update=...) that replaces the tuple (and copies __dict__) rebuilds it.
    Pydantic compares, hashes and dumps only the fields, so the extra key changes none of that."""
    items = getattr(sb, field)
    key = f"_by_id_{field}"
    cached = sb.__dict__.get(key)
    if cached is None or cached[0] is not items:
        index: dict = {}
        for item in items:
            index.setdefault(item.id, item)
        cached = (items, index)
        sb.__dict__[key] = cached  # frozen model: the field values are untouched
    return cached[1]
