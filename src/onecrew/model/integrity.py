"""Reference checks: every id a storyboard uses must name something it defines."""

from __future__ import annotations

from dataclasses import dataclass

from .storyboard import ActionBeat, Storyboard


@dataclass(frozen=True)
class Problem:
    where: str  # a field path: "scenes[1].shots[2].in_frame[0].character"
    message: str
    shot: str | None = None


def problems(sb: Storyboard) -> list[Problem]:
    cast = {c.id for c in sb.cast}
    sets = {s.id for s in sb.sets}
    found: list[Problem] = []

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


def _indexed(ids):
    return [(f"[{i}]", ref) for i, ref in enumerate(ids)]
