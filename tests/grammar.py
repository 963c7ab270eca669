"""The director's film grammar as checkable properties, shared by the director tests and the
example tests: each returns a list of violations (empty = the storyboard obeys)."""

from __future__ import annotations

from onecrew.check.continuity import lint
from onecrew.model.storyboard import Storyboard
from onecrew.model.vocab import ShotKind, ShotSize


def violations(sb: Storyboard) -> list[str]:
    out = [str(f) for f in lint(sb)]
    previous_place = None
    for scene in sb.scenes:
        fs = sb.film_set(scene.set)
        if fs.name != previous_place and scene.shots[0].kind != ShotKind.ESTABLISHING:
            out.append(f"scene {scene.number}: new place {fs.name} opens without an establishing shot")
        previous_place = fs.name
        heard = [lid for s in scene.shots for lid in s.lines]
        if heard != [ln.id for ln in scene.lines]:
            out.append(f"scene {scene.number}: lines are not heard once each, in script order")
        first_talk = next((s for s in scene.shots if s.lines and len(s.in_frame) > 1), None)
        talkers = {ln.speaker for ln in scene.lines}
        if first_talk and len(talkers) > 1 and first_talk.kind != ShotKind.MASTER:
            out.append(f"scene {scene.number}: conversation opens on {first_talk.kind}, not a master")
        if len(scene.shots) >= 5 and len({s.size for s in scene.shots}) < 3:
            out.append(f"scene {scene.number}: shot sizes hardly vary")
        for beat in scene.beats:
            for prop in getattr(beat, "props", ())[:1]:
                if not any(s.kind == ShotKind.INSERT and s.prop == prop for s in scene.shots):
                    out.append(f"scene {scene.number}: no insert of the {prop} named in {beat.id}")
        for s in scene.shots:
            if s.size == ShotSize.INSERT and s.in_frame:
                out.append(f"shot {s.id}: an insert shows people")
            if s.kind in (ShotKind.SINGLE, ShotKind.OVER_THE_SHOULDER, ShotKind.REACTION) and not s.subject:
                out.append(f"shot {s.id}: a {s.kind} without a subject")
    return out
