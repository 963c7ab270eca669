"""The rule-based director: Script → Storyboard, deterministically from a seed."""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import ValidationError

from ..errors import OnecrewError
from ..model.base import MAX_FILM_HOURS
from ..model.script import Dialogue, Script, ScriptCharacter, ScriptScene, filmable
from ..model.seeds import derive
from ..model.storyboard import ActionBeat, FilmSet, Line, Scene, Shot, Source, Storyboard
from ..model.vocab import IntExt, ShotSize, TimeOfDay, Transition
from . import casting
from .breakdown import breakdown
from .budget import FilmBudget, TooLong
from .coverage import SceneCoverage, bodiless, no_jump_cuts
from .improvise import improvised
from .names import NameIndex
from .prompt import with_prompts

_LENS = {ShotSize.EWS: 24, ShotSize.WS: 28, ShotSize.FS: 35, ShotSize.MS: 50, ShotSize.MCU: 65,
         ShotSize.CU: 85, ShotSize.ECU: 100, ShotSize.OTS: 65, ShotSize.TWO_SHOT: 40,
         ShotSize.INSERT: 100}


def direct(script: Script, seed: int = 0, fps: int = 24, title: str | None = None,
           source: Source | None = None, width: int = 1280, height: int = 720,
           improvise: bool = True) -> Storyboard:
    """`improvise`: a story with no dialogue at all gets a few short lines that fit what the
    people do and the mood, marked `improvised` for the creator to keep or delete."""
    scenes_in = [s for s in script.scenes if any(filmable(e) for e in s.elements)]
    if not scenes_in:
        raise OnecrewError("nothing to film: no action or dialogue found")
    budget = FilmBudget(fps)
    try:
        budget.refuse_early(scenes_in)  # before any work, when the elements alone say so
        wordless = improvise and not any(isinstance(e, Dialogue) and e.text.strip()
                                         for s in scenes_in for e in s.elements)
        scenes, cast, sets = _scenes(script, scenes_in, seed, fps, budget, wordless)
    except ValidationError as e:  # a script the parsers' length checks never saw
        raise OnecrewError(f"the story cannot be filmed as written: {_first_problem(e)}") from None
    except TooLong as e:
        # The least it needs in all: what was directed, and the least of what was not.
        rest = budget.spent + budget.floor_of(scenes_in[budget.scene:])
        minutes = budget.minutes(max(e.frames, rest))
        at = f" (it passes {MAX_FILM_HOURS} hours at line {e.line})" if e.line else ""
        raise OnecrewError(f"the story is too long to film: at least {minutes} minutes, the limit is "
                           f"{MAX_FILM_HOURS} hours{at}; shorten it or film it in parts") from None
    return with_prompts(Storyboard(
        title=title if title is not None else script.title, fps=fps, width=width, height=height,
        seed=seed, source=source, cast=cast, sets=sets, scenes=scenes))


def _texts(script: Script):
    """Every heading and piece of action, as the reader sees where and when the story is."""
    for scene in script.scenes:
        yield scene.heading
        for e in scene.elements:
            if isinstance(getattr(e, "text", None), str):
                yield e.text


def _scenes(script: Script, scenes_in: list[ScriptScene], seed: int, fps: int, budget: FilmBudget,
            wordless: bool = False):
    """The cast, the sets and the directed scenes."""
    people = _all_characters(script)
    cast = casting.cast(people, seed, casting.story_context(_texts(script)))
    by_name = {p.name.upper(): c.id for p, c in zip(people, cast)}
    cast_by_id = {c.id: c for c in cast}
    # Indexed once for the whole story: building them per scene would be scenes × cast.
    script_names = NameIndex(enumerate(by_name))
    cast_names = NameIndex((c.id, c.name) for c in cast)
    numbers = _scene_numbers(scenes_in)
    sets: dict[str, FilmSet] = {}
    scenes: list[Scene] = []
    previous_time: TimeOfDay | None = None
    previous_place: str | None = None
    carry_in: Transition | None = None
    for index, written in enumerate(scenes_in, start=1):
        scene_id = f"s{index}"
        budget.line, budget.scene = written.line, index - 1
        bd = breakdown(written, scene_id, by_name, cast_by_id, previous_time, script_names, budget)
        fs = sets.setdefault(bd.film_set.id, bd.film_set)
        previous_time = fs.time
        if wordless:
            bd = replace(bd, beats=improvised(bd.beats, bd.mood, cast_by_id, derive(seed, scene_id), scene_id))
        cov = SceneCoverage(cast=cast_by_id, mood=bd.mood, fps=fps, seed=derive(seed, scene_id),
                            names=cast_names, voices=bodiless(bd.beats, cast_names))
        if fs.name != previous_place:
            cov.establish(f"{fs.name.lower()}, {fs.time.value}", fs.int_ext != IntExt.INT, scene_id)
        previous_place = fs.name
        budget.line = written.line  # beats keep no lines: a scene's shots are told by its heading
        _cover(cov, bd.beats, budget)
        drafts = no_jump_cuts(cov.shots)
        number = numbers[index - 1]
        shots = []
        for i, d in enumerate(drafts):
            shots.append(Shot(id=_shot_id(number, i), kind=d.kind, size=d.size, angle=d.angle, move=d.move,
                              lens_mm=_LENS[d.size], duration=d.duration, subject=d.subject,
                              in_frame=d.in_frame, lines=d.lines, prop=d.prop, sfx=d.sfx,
                              description=d.description, seed=derive(seed, "shot", scene_id, i)))
        into = _transition(bd.transition_in) or carry_in
        if into and shots:
            shots[0] = shots[0].model_copy(update={"transition_in": into})
        carry_in = None
        out = _transition(bd.transition_out)
        if out in (Transition.FADE_OUT,) and shots:
            shots[-1] = shots[-1].model_copy(update={"transition_out": out})
        else:
            carry_in = out if out != Transition.CUT else None
        scenes.append(Scene(id=scene_id, number=number, heading=written.heading or fs.name,
                            set=fs.id, mood=bd.mood, beats=bd.beats, shots=tuple(shots),
                            music=bd.music, ambience=bd.ambience))
    return tuple(scenes), cast, tuple(sets.values())


def _first_problem(e: ValidationError) -> str:
    err = e.errors()[0]
    value = str(err.get("input", ""))
    shown = value[:40] + ("..." if len(value) > 40 else "")
    field = ".".join(str(x) for x in err["loc"])
    return f"{e.title} {field} {shown!r}: {err['msg']}"


def _scene_numbers(scenes_in: list[ScriptScene]) -> list[str]:
    """The writer's scene numbers when every scene has its own; otherwise count, so that shot
    ids ("12A", "12B") never collide."""
    written_numbers = [s.number or "" for s in scenes_in]
    usable = all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-]*", n) for n in written_numbers)
    return written_numbers if usable and len(set(written_numbers)) == len(scenes_in) \
        else [str(i) for i in range(1, len(scenes_in) + 1)]


def _cover(cov: SceneCoverage, beats, budget: FilmBudget) -> None:
    """The scene's beats as shots: runs of lines as conversations, actions one by one; the
    budget is checked after each, since one crowd beat can give hours of singles."""
    has_dialogue = any(isinstance(b, Line) and not b.improvised for b in beats)
    run: list[Line] = []
    covered = _Tally()
    for beat in beats + (None,):
        if isinstance(beat, Line):
            run.append(beat)
            continue
        if run:
            cov.dialogue(run)
            run = []
        if isinstance(beat, ActionBeat):
            cov.action(beat, alone_in_scene=not has_dialogue)
        budget.check(covered.of(cov.shots))
    budget.scene_done(covered.of(cov.shots))


class _Tally:
    """The frames of a growing shot list, adding only the shots new since last asked."""

    def __init__(self) -> None:
        self.counted = 0
        self.frames = 0

    def of(self, shots) -> int:
        self.frames += sum(d.duration for d in shots[self.counted:])
        self.counted = len(shots)
        return self.frames


def _all_characters(script: Script) -> tuple[ScriptCharacter, ...]:
    """Listed characters, then any speaker the parser did not list."""
    known = {c.name.upper() for c in script.characters}
    extra: list[ScriptCharacter] = []
    for scene in script.scenes:
        for el in scene.elements:
            if isinstance(el, Dialogue) and el.character.upper() not in known:
                known.add(el.character.upper())
                extra.append(ScriptCharacter(name=el.character))
    return script.characters + tuple(extra)


def _shot_id(scene_number: str, index: int) -> str:
    letters = ""
    n = index
    while True:
        letters = chr(ord("A") + n % 26) + letters
        n = n // 26 - 1
        if n < 0:
            break
    sep = "" if scene_number[-1:].isdigit() else "-"
    return f"{scene_number}{sep}{letters}"


def _transition(text: str | None) -> Transition | None:
    if not text:
        return None
    t = text.upper()
    for pattern, tr in [(r"FADE (?:OUT|TO BLACK)", Transition.FADE_OUT), (r"FADE IN", Transition.FADE_IN),
                        (r"DISSOLVE", Transition.DISSOLVE), (r"SMASH", Transition.SMASH_CUT),
                        (r"MATCH", Transition.MATCH_CUT), (r"WIPE", Transition.WIPE)]:
        if re.search(pattern, t):
            return tr
    return Transition.CUT
