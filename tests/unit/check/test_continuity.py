import pytest

from onecrew.check.continuity import lint
from onecrew.direct.director import direct
from onecrew.model.storyboard import Blocking, Storyboard
from onecrew.model.vocab import Facing, ScreenPosition as Pos, ShotKind, ShotSize


@pytest.fixture
def sb(kitchen_script) -> Storyboard:
    board = direct(kitchen_script, seed=1)
    assert lint(board) == []
    return board


def with_shot(sb: Storyboard, shot_id: str, **changes) -> Storyboard:
    scenes = []
    for sc in sb.scenes:
        shots = tuple(s.model_copy(update=changes) if s.id == shot_id else s for s in sc.shots)
        scenes.append(sc.model_copy(update={"shots": shots}))
    return sb.model_copy(update={"scenes": tuple(scenes)})


def rules(found) -> list[tuple[str, str | None]]:
    return [(f.rule, f.shot) for f in found]


def test_swapped_two_shot_crosses_the_line(sb):
    scene = sb.scenes[0]
    first_together = next(s for s in scene.shots if len(s.in_frame) == 2)
    later = next(s for s in scene.shots if s.kind == ShotKind.OVER_THE_SHOULDER)
    swapped = tuple(b.model_copy(update={"position": Pos.LEFT if b.position.x > 0.5 else Pos.RIGHT})
                    for b in later.in_frame)
    found = lint(with_shot(sb, later.id, in_frame=swapped))
    assert ("180-line", later.id) in rules(found)
    assert f"was left in shot" in str(found[0]) or "was right in shot" in str(found[0])
    assert f"in shot {first_together.id})" in str(found[0])


def test_single_looking_the_wrong_way_crosses_the_line(sb):
    single = next(s for s in sb.scenes[0].shots if s.kind == ShotKind.SINGLE and s.in_frame[0].looking_at)
    b = single.in_frame[0]
    wrong = Facing.THREE_QUARTER_LEFT if b.facing.direction > 0 else Facing.THREE_QUARTER_RIGHT
    found = lint(with_shot(sb, single.id, in_frame=(b.model_copy(update={"facing": wrong}),)))
    assert rules(found) == [("180-line", single.id)]
    assert "eyelines will not match" in found[0].message


def test_jump_cut(sb):
    shots = sb.scenes[0].shots
    a, b = next((a, b) for a, b in zip(shots, shots[1:]) if a.subject and a.subject == b.subject)
    found = lint(with_shot(sb, b.id, size=a.size))
    assert rules(found) == [("jump-cut", b.id)]
    assert f"as shot {a.id}" in found[0].message


def test_uncovered_and_twice_heard_lines(sb):
    talk = [s for s in sb.scenes[0].shots if s.lines]
    found = lint(with_shot(sb, talk[0].id, lines=()))
    assert rules(found) == [("uncovered-line", None)]
    assert talk[0].lines[0] in found[0].message
    found = lint(with_shot(sb, talk[1].id, lines=talk[1].lines + talk[0].lines))
    assert ("uncovered-line", None) in rules(found) and "heard in two shots" in str(found)


def test_character_without_action(sb):
    shot = next(s for s in sb.shots if s.in_frame)
    idle = (shot.in_frame[0].model_copy(update={"action": None}),) + shot.in_frame[1:]
    found = lint(with_shot(sb, shot.id, in_frame=idle))
    assert rules(found) == [("no-action", shot.id)]


@pytest.mark.parametrize("frames,bad", [(23, True), (24, False), (480, False), (481, True)])
def test_duration_limits(sb, frames, bad):
    shot = sb.shots[1]
    found = lint(with_shot(sb, shot.id, duration=frames))
    assert rules(found) == ([("duration", shot.id)] if bad else [])


def test_unknown_references_are_findings(sb):
    shot = next(s for s in sb.shots if s.in_frame)
    ghost = shot.in_frame + (Blocking(character="ghost"),)
    found = lint(with_shot(sb, shot.id, in_frame=ghost, subject=("nobody",)))
    assert ("reference", shot.id) in rules(found)
    assert any("unknown character 'ghost'" in f.message for f in found)
    assert any("unknown character 'nobody'" in f.message for f in found)
    bad_set = sb.model_copy(update={"scenes": (sb.scenes[0].model_copy(update={"set": "moon"}),) + sb.scenes[1:]})
    assert any(f.rule == "reference" and "unknown set 'moon'" in f.message for f in lint(bad_set))
