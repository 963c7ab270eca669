"""Generation prompts: the shot in words, with every character's full look each time, so a
video model that sees only this one shot still draws the same people."""

from __future__ import annotations

from ..model.cast import Character
from ..model.colors import spoken
from ..model.storyboard import FilmSet, Shot, Storyboard
from ..model.vocab import AgeGroup, Gender, IntExt, Mood, ShotSize, TimeOfDay

_SIZE = {
    ShotSize.EWS: "extreme wide shot", ShotSize.WS: "wide shot", ShotSize.FS: "full shot",
    ShotSize.MS: "medium shot", ShotSize.MCU: "medium close-up", ShotSize.CU: "close-up",
    ShotSize.ECU: "extreme close-up", ShotSize.OTS: "over-the-shoulder shot",
    ShotSize.TWO_SHOT: "two-shot", ShotSize.INSERT: "insert shot",
}
_LIGHT = {TimeOfDay.DAWN: "soft pink dawn light", TimeOfDay.DAY: "bright natural daylight",
          TimeOfDay.SUNSET: "warm golden sunset light, long shadows",
          TimeOfDay.NIGHT: "night, moody practical lights"}
_NOUN = {(Gender.FEMALE, AgeGroup.CHILD): "girl", (Gender.MALE, AgeGroup.CHILD): "boy",
         (Gender.FEMALE, AgeGroup.TEEN): "teenage girl", (Gender.MALE, AgeGroup.TEEN): "teenage boy"}


def look_words(c: Character) -> str:
    lk = c.look
    noun = _NOUN.get((lk.gender, lk.age)) or {Gender.FEMALE: "woman", Gender.MALE: "man"}.get(lk.gender, "person")
    age = "" if lk.age in (AgeGroup.CHILD, AgeGroup.TEEN) else lk.age.value.replace("-", " ") + " "
    hair = "bald" if lk.hair_style.value == "bald" else f"{lk.hair_style.value} {spoken(lk.hair_color)} hair"
    o = lk.outfit
    clothes = f"{spoken(o.top_color)} {o.top}" + (f" and {spoken(o.bottom_color)} {o.bottom}" if o.bottom else "")
    extras = [x for x in (lk.facial_hair if lk.facial_hair != "none" else "", o.accessory) if x]
    body = " ".join(w for w in (lk.height.value, lk.build.value) if w != "average")
    words = f"{body} {age}{noun}".strip()
    article = "an" if words[0] in "aeiou" else "a"
    return (f"{c.name}, {article} {words} with {hair}, wearing {clothes}"
            + (f", {', '.join(extras)}" if extras else ""))


def shot_prompt(shot: Shot, cast: dict[str, Character], film_set: FilmSet, mood: Mood) -> str:
    parts = [_SIZE[shot.size]]
    if shot.prop:
        parts.append(f"of the {shot.prop}")
    for b in shot.in_frame:
        fg = " in the foreground, seen from behind" if b.plane.value == "foreground" else ""
        parts.append(f"{look_words(cast[b.character])}{fg}, {b.performance or b.action}, "
                     f"{b.expression} expression, on the {b.position} of frame")
    place = "interior" if film_set.int_ext == IntExt.INT else "exterior"
    parts += [f"{film_set.name.lower()} ({place})", _LIGHT[film_set.time], f"{mood} mood",
              f"{shot.angle} angle, {shot.move} camera, {shot.lens_mm}mm lens", "cinematic, consistent characters"]
    return "; ".join(parts + ([shot.prompt_extra] if shot.prompt_extra else []))


def with_prompts(sb: Storyboard) -> Storyboard:
    """Every shot's prompt derived afresh from the storyboard as it now stands, so an edit to a
    look, a set or a blocking reaches every prompt it touches. Unknown references are left to
    the loader and linter to report."""
    cast = {c.id: c for c in sb.cast}
    sets: dict[str, FilmSet] = {}
    for s in sb.sets:  # the first of a repeated id, as Storyboard.film_set finds it
        sets.setdefault(s.id, s)
    scenes = []
    for scene in sb.scenes:
        fs = sets.get(scene.set)  # not sb.film_set: a search of every set for every scene
        if fs is None or any(b.character not in cast for s in scene.shots for b in s.in_frame):
            scenes.append(scene)
            continue
        shots = tuple(s.model_copy(update={"prompt": shot_prompt(s, cast, fs, scene.mood)}) for s in scene.shots)
        scenes.append(scene.model_copy(update={"shots": shots}))
    return sb.model_copy(update={"scenes": tuple(scenes)})
