"""The storyboard: the source of truth a creator edits and every later stage reads.

Structure only — whether ids refer to things that exist is `integrity.problems()`, so that a
linter can report every broken reference instead of stopping at the first.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, model_validator

from .base import Flag, Frames, Id, Int, Model, Seed
from .cast import Character
from .seeds import derive
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


class FilmSet(Model):
    """A location as the art department builds it. Written under `sets:` in the file."""

    id: Id
    name: str  # "BEACH"
    kind: LocationKind
    int_ext: IntExt = IntExt.EXT
    time: TimeOfDay = TimeOfDay.DAY
    description: str = ""


class Line(Model):
    """One spoken line of the script, with the direction that shades its delivery."""

    type: Literal["line"] = "line"
    id: Id
    speaker: Id  # cast id
    text: str = Field(min_length=1)
    parenthetical: str | None = None
    emotion: Expression = Expression.NEUTRAL
    extension: str | None = None  # V.O., O.S.
    dual: Flag = False
    sung: Flag = False


class ActionBeat(Model):
    """A piece of stage direction: what happens, who does it, what props it names."""

    type: Literal["action"] = "action"
    id: Id
    text: str
    characters: tuple[Id, ...] = ()
    props: tuple[str, ...] = ()


Beat = Annotated[Union[Line, ActionBeat], Field(discriminator="type")]


class MusicCue(Model):
    mood: Mood
    key: str  # "A minor"
    tempo_bpm: Int = Field(ge=30, le=240)
    instruments: tuple[str, ...]
    intensity: float = Field(default=0.5, ge=0, le=1, allow_inf_nan=False)


class AmbienceCue(Model):
    kind: Ambience
    level_db: float = Field(default=-30, le=0, allow_inf_nan=False)


class SoundCue(Model):
    """A spot effect inside a shot: a camera shutter, a door, a wave crash."""

    name: str
    at: Int = Field(default=0, ge=0)  # frames from the start of the shot


class Blocking(Model):
    """One character's place and performance in one shot."""

    character: Id
    position: ScreenPosition = ScreenPosition.CENTER
    plane: Plane = Plane.MIDGROUND
    facing: Facing = Facing.CAMERA
    action: Action | None = None  # none given: the linter flags it
    expression: Expression = Expression.NEUTRAL
    performance: str = ""  # in words, for a human or a video model: "laughs, shades her eyes"
    looking_at: Id | None = None


class Shot(Model):
    id: Id  # "1A", "1B" … scene number + letters, the way script supervisors slate
    kind: ShotKind
    size: ShotSize
    angle: Angle = Angle.EYE_LEVEL
    move: CameraMove = CameraMove.STATIC
    lens_mm: Int = Field(default=35, ge=8, le=300)
    duration: Frames
    subject: tuple[Id, ...] = ()  # whom the shot is about; empty for a place or a prop
    in_frame: tuple[Blocking, ...] = ()
    lines: tuple[Id, ...] = ()  # ids of the scene's lines heard in this shot, in order
    prop: str | None = None  # what an insert shows
    sfx: tuple[SoundCue, ...] = ()
    transition_in: Transition = Transition.CUT
    transition_out: Transition = Transition.CUT
    description: str = ""
    prompt: str = ""  # derived from the shot, cast and set whenever onecrew plans
    prompt_extra: str = ""  # the creator's own words, added to the derived prompt
    seed: Seed
    take: Int = Field(default=1, ge=1)  # the take cut into the film; take 1 renders with `seed`

    def take_seed(self, take: int) -> int:
        """The seed of take `take`: the shot's own for take 1, derived from it for the others,
        so takes are the same wherever and however often they are rendered."""
        return self.seed if take == 1 else derive(self.seed, "take", take)

    @model_validator(mode="after")
    def _one_blocking_per_character(self) -> "Shot":
        seen = [b.character for b in self.in_frame]
        dupes = sorted({c for c in seen if seen.count(c) > 1})
        if dupes:
            raise ValueError(f"character {dupes[0]!r} is blocked twice in shot {self.id}")
        return self

    def blocking(self, character: str) -> Blocking | None:
        return next((b for b in self.in_frame if b.character == character), None)


class Scene(Model):
    id: Id
    # As slated: "1", "12A". A bare 1 typed by hand is read as "1".
    number: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v)]
    heading: str
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
    name: str = ""
    sha256: str = ""


class Storyboard(Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    title: str = ""
    fps: Int = Field(default=24, ge=1, le=120)
    width: Int = Field(default=1280, ge=16, le=8192)
    height: Int = Field(default=720, ge=16, le=8192)
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
        return next((c for c in self.cast if c.id == cid), None)

    def film_set(self, sid: str) -> FilmSet | None:
        return next((s for s in self.sets if s.id == sid), None)
