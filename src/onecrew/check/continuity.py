"""Continuity linter: what a script supervisor would flag, with shot numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..direct.coverage import jump
from ..model.integrity import problems
from ..model.storyboard import Line, Scene, Storyboard

MIN_SECONDS, MAX_SECONDS = 1, 20


@dataclass(frozen=True)
class Finding:
    rule: str  # 180-line, eyeline, jump-cut, uncovered-line, no-action, duration, reference
    shot: str | None  # shot id, or None for scene-level findings
    message: str
    path: str | None = None  # where in the file: "scenes[1].shots[4]", for a line number

    def __str__(self) -> str:
        return f"{'shot ' + self.shot if self.shot else 'storyboard'}: [{self.rule}] {self.message}"


def lint(sb: Storyboard) -> list[Finding]:
    found = [Finding("reference", p.shot, f"{p.where}: {p.message}", p.where) for p in problems(sb)]
    names = {c.id: c.name for c in sb.cast}
    for si, scene in enumerate(sb.scenes):
        found += _line_crossings(scene, names)
        found += _jump_cuts(scene)
        found += _coverage(scene, si)
        for shot in scene.shots:
            for b in shot.in_frame:
                if b.action is None:
                    found.append(Finding("no-action", shot.id, f"{names.get(b.character, b.character)} "
                                                               f"is in frame with no action"))
            secs = shot.duration / sb.fps
            if not MIN_SECONDS <= secs <= MAX_SECONDS:
                found.append(Finding("duration", shot.id, f"lasts {secs:.2f} s; keep shots between "
                                                          f"{MIN_SECONDS} and {MAX_SECONDS} s"))
    paths = {}
    for si, scene in enumerate(sb.scenes):
        for hi, shot in enumerate(scene.shots):
            paths.setdefault(shot.id, f"scenes[{si}].shots[{hi}]")
    return [f if f.path or f.shot not in paths else replace(f, path=paths[f.shot]) for f in found]


def _line_crossings(scene: Scene, names: dict[str, str]) -> list[Finding]:
    """Who is left of whom is set by the first shot that shows them together; later shots must
    keep it, and a look at someone off-frame must point the side they stand on."""
    side: dict[tuple[str, str], tuple[int, str]] = {}  # sorted pair → (+1: first is left, shot)
    out: list[Finding] = []
    for shot in scene.shots:
        frame = list(shot.in_frame)
        for i, a in enumerate(frame):
            for b in frame[i + 1:]:
                if a.position.x == b.position.x:
                    continue
                now = 1 if a.position.x < b.position.x else -1
                was = _left_of(side, a.character, b.character)
                if not was:
                    key = tuple(sorted((a.character, b.character)))
                    side[key] = (now if key[0] == a.character else -now, shot.id)
                elif was != now:
                    first = side[tuple(sorted((a.character, b.character)))][1]
                    x, y = names.get(a.character, a.character), names.get(b.character, b.character)
                    out.append(Finding("180-line", shot.id, f"{x} is now {_WORD[now]} of {y} "
                                       f"(was {_WORD[was]} in shot {first}): the camera crossed the line"))
        out += _eyelines(shot, side, names)
    return out


_WORD = {1: "left", -1: "right"}


def _left_of(side: dict[tuple[str, str], tuple[int, str]], a: str, b: str) -> int:
    """+1 if a was established left of b, -1 if right, 0 if never seen together."""
    key = tuple(sorted((a, b)))
    sign = side[key][0] if key in side else 0
    return sign if key[0] == a else -sign


def _eyelines(shot, side, names) -> list[Finding]:
    """A look must point at its target: across the frame when the target is in it, toward the
    target's side of the line when they are off-frame."""
    out: list[Finding] = []
    name = lambda c: names.get(c, c)  # noqa: E731
    at = {b.character: b for b in shot.in_frame}
    for b in shot.in_frame:
        t = b.looking_at
        if t == b.character:
            out.append(Finding("eyeline", shot.id, f"{name(t)} looks at themself"))
            continue
        if not t or b.facing.direction == 0:
            continue
        if t in at:
            dx = at[t].position.x - b.position.x
            want = (dx > 0) - (dx < 0)
        else:
            want = _left_of(side, b.character, t)  # t is to my right when I stand left of t
        if want and b.facing.direction != want:
            rule = "eyeline" if t in at else "180-line"
            out.append(Finding(rule, shot.id, f"{name(b.character)} looks screen-"
                               f"{'left' if b.facing.direction < 0 else 'right'} at {name(t)}, who is to "
                               f"their {'right' if want > 0 else 'left'}: eyelines will not match"))
    return out


def _jump_cuts(scene: Scene) -> list[Finding]:
    return [Finding("jump-cut", b.id, f"same subject at the same size ({b.size}) as shot {a.id}")
            for a, b in zip(scene.shots, scene.shots[1:])
            if jump(a.subject, a.size, a.prop, b.subject, b.size, b.prop)]


def _coverage(scene: Scene, si: int) -> list[Finding]:
    # Counted once: a list's `in` and count() per line made a scene of many lines quadratic.
    heard = Counter(lid for shot in scene.shots for lid in shot.lines)
    out = [Finding("uncovered-line", None, f"scene {scene.number}: line {ln.id} ({ln.text[:40]!r}) "
                                           f"is not covered by any shot", f"scenes[{si}].beats[{bi}]")
           for bi, ln in enumerate(scene.beats) if isinstance(ln, Line) and ln.id not in heard]
    out += [Finding("uncovered-line", None, f"scene {scene.number}: line {lid} is heard in two shots")
            for lid in sorted(x for x, n in heard.items() if n > 1)]
    return out
