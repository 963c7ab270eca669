"""Checks across the storyboard: every id it uses must name something it defines, and lengths
in frames must make sense at its frame rate."""

from __future__ import annotations

from dataclasses import dataclass

from .base import MAX_FILM_HOURS, MAX_SHOT_MINUTES
from .storyboard import ActionBeat, Storyboard


@dataclass(frozen=True)
class Problem:
    where: str  # a field path: "scenes[1].shots[2].in_frame[0].character"
    message: str
    shot: str | None = None


def problems(sb: Storyboard) -> list[Problem]:
    cast = {c.id for c in sb.cast}
    sets = {s.id for s in sb.sets}
    found: list[Problem] = _duplicates(sb) + _lengths(sb)

    def need(ids, known, where, what, shot=None):
        for i, ref in ids:
            if ref is not None and ref not in known:
                found.append(Problem(f"{where}{i}", f"unknown {what} {ref!r}", shot))

    for si, scene in enumerate(sb.scenes):
        at = f"scenes[{si}]"
        need([("", scene.set)], sets, f"{at}.set", "set")
        lines = {ln.id for ln in scene.lines}
        for bi, beat in enumerate(scene.beats):
            if isinstance(beat, ActionBeat):
                need(_indexed(beat.characters), cast, f"{at}.beats[{bi}].characters", "character")
            else:
                need([("", beat.speaker)], cast, f"{at}.beats[{bi}].speaker", "character")
        for hi, shot in enumerate(scene.shots):
            sat = f"{at}.shots[{hi}]"
            need(_indexed(shot.subject), cast, f"{sat}.subject", "character", shot.id)
            need(_indexed(shot.lines), lines, f"{sat}.lines", "line of this scene", shot.id)
            for bi, b in enumerate(shot.in_frame):
                bat = f"{sat}.in_frame[{bi}]"
                need([("", b.character)], cast, f"{bat}.character", "character", shot.id)
                need([("", b.looking_at)], cast, f"{bat}.looking_at", "character", shot.id)
    return found


def _duplicates(sb: Storyboard) -> list[Problem]:
    """Ids must be unique in their kind; the path names the second use."""
    groups = {
        "cast": [(f"cast[{i}].id", c.id, None) for i, c in enumerate(sb.cast)],
        "sets": [(f"sets[{i}].id", s.id, None) for i, s in enumerate(sb.sets)],
        "scenes": [(f"scenes[{i}].id", s.id, None) for i, s in enumerate(sb.scenes)],
        "shots": [(f"scenes[{i}].shots[{j}].id", sh.id, sh.id)
                  for i, s in enumerate(sb.scenes) for j, sh in enumerate(s.shots)],
        "lines and beats": [(f"scenes[{i}].beats[{j}].id", b.id, None)
                            for i, s in enumerate(sb.scenes) for j, b in enumerate(s.beats)],
    }
    found: list[Problem] = []
    for what, entries in groups.items():
        seen: set[str] = set()
        for where, ident, shot in entries:
            if ident in seen:
                found.append(Problem(where, f"id {ident!r} is used twice in {what}", shot))
            seen.add(ident)
    return found


def _indexed(ids):
    return [(f"[{i}]", ref) for i, ref in enumerate(ids)]


def _lengths(sb: Storyboard) -> list[Problem]:
    """A shot of at most ten minutes and a film of at most four hours, at the storyboard's fps:
    more is a typing slip, and would cost hours of rendering before anyone noticed."""
    shot_max, film_max = MAX_SHOT_MINUTES * 60 * sb.fps, MAX_FILM_HOURS * 3600 * sb.fps
    found: list[Problem] = []
    total = 0
    for i, scene in enumerate(sb.scenes):
        for j, shot in enumerate(scene.shots):
            at = f"scenes[{i}].shots[{j}]"
            if shot.duration > shot_max:
                found.append(Problem(f"{at}.duration", f"{shot.duration} frames is longer than "
                                     f"{MAX_SHOT_MINUTES} minutes at {sb.fps} fps ({shot_max} frames)", shot.id))
            total += shot.duration
            if total > film_max >= total - shot.duration:  # said once, where the film runs over
                found.append(Problem(f"{at}.duration", f"the film runs past {MAX_FILM_HOURS} hours "
                                     f"at this shot ({film_max} frames at {sb.fps} fps)", shot.id))
    return found
