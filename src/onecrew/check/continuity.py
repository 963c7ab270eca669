"""Continuity linter: what a script supervisor would flag, with shot numbers."""

from __future__ import annotations

from dataclasses import dataclass

from ..direct.coverage import jump
from ..model.integrity import problems
from ..model.storyboard import Scene, Storyboard
from ..model.vocab import Plane

MIN_SECONDS, MAX_SECONDS = 1, 20


@dataclass(frozen=True)
class Finding:
    rule: str  # "180-line", "jump-cut", "uncovered-line", "no-action", "duration", "reference"
    shot: str | None  # shot id, or None for scene-level findings
    message: str

    def __str__(self) -> str:
        return f"{'shot ' + self.shot if self.shot else 'storyboard'}: [{self.rule}] {self.message}"


def lint(sb: Storyboard) -> list[Finding]:
    found = [Finding("reference", p.shot, f"{p.where}: {p.message}") for p in problems(sb)]
    names = {c.id: c.name for c in sb.cast}
    for scene in sb.scenes:
        found += _line_crossings(scene, names)
        found += _jump_cuts(scene)
        found += _coverage(scene)
        for shot in scene.shots:
            for b in shot.in_frame:
                if b.action is None:
                    found.append(Finding("no-action", shot.id, f"{names.get(b.character, b.character)} "
                                                               f"is in frame with no action"))
            secs = shot.duration / sb.fps
            if not MIN_SECONDS <= secs <= MAX_SECONDS:
                found.append(Finding("duration", shot.id, f"lasts {secs:.2f} s; keep shots between "
                                                          f"{MIN_SECONDS} and {MAX_SECONDS} s"))
    return found


def _line_crossings(scene: Scene, names: dict[str, str]) -> list[Finding]:
    """Who is left of whom is set by the first shot that shows them together; later shots must
    keep it, and a look at someone off-frame must point the side they stand on."""
    side: dict[tuple[str, str], tuple[str, str]] = {}  # (a, b) → ('left'|'right', first shot)
    out: list[Finding] = []
    for shot in scene.shots:
        frame = list(shot.in_frame)
        for i, a in enumerate(frame):
            for b in frame[i + 1:]:
                if a.position.x == b.position.x:
                    continue
                rel = "left" if a.position.x < b.position.x else "right"
                key, flip = (a.character, b.character), {"left": "right", "right": "left"}
                if key not in side and key[::-1] in side:
                    key, rel = key[::-1], flip[rel]
                if key not in side:
                    side[key] = (rel, shot.id)
                elif side[key][0] != rel:
                    x, y = (names.get(k, k) for k in key)
                    out.append(Finding("180-line", shot.id, f"{x} is now {rel} of {y} "
                                       f"(was {side[key][0]} in shot {side[key][1]}): the camera crossed the line"))
        in_frame = {b.character for b in frame}
        for b in frame:
            t = b.looking_at
            if not t or t in in_frame or b.facing.direction == 0:
                continue
            rel = side.get((b.character, t), (None,))[0] or {"left": "right", "right": "left"}.get(
                side.get((t, b.character), (None,))[0])
            if rel is None:
                continue
            want = 1 if rel == "left" else -1  # t is to my right when I stand left of t
            if b.plane != Plane.FOREGROUND and b.facing.direction != want:
                out.append(Finding("180-line", shot.id, f"{names.get(b.character, b.character)} looks screen-"
                                   f"{'left' if b.facing.direction < 0 else 'right'} at {names.get(t, t)}, "
                                   f"who stands to their {'right' if want > 0 else 'left'}: eyelines will not match"))
    return out


def _jump_cuts(scene: Scene) -> list[Finding]:
    return [Finding("jump-cut", b.id, f"same subject at the same size ({b.size}) as shot {a.id}")
            for a, b in zip(scene.shots, scene.shots[1:])
            if jump(a.subject, a.size, a.prop, b.subject, b.size, b.prop)]


def _coverage(scene: Scene) -> list[Finding]:
    heard = [lid for shot in scene.shots for lid in shot.lines]
    out = [Finding("uncovered-line", None, f"scene {scene.number}: line {ln.id} ({ln.text[:40]!r}) "
                                           f"is not covered by any shot")
           for ln in scene.lines if ln.id not in heard]
    out += [Finding("uncovered-line", None, f"scene {scene.number}: line {lid} is heard in two shots")
            for lid in sorted({x for x in heard if heard.count(x) > 1})]
    return out
