"""Storyboard validation and look-ups stay linear for huge storyboards."""

import time

import pytest

from onecrew.check.continuity import _coverage
from onecrew.model.storyboard import Blocking, FilmSet, Line, Scene, Shot, Storyboard

LIMIT_S = 10  # generous: each takes well under 1 s; the quadratic versions took 18 s and more


def _shot(n: int, sid: str = "1A", extra: tuple = ()) -> Shot:
    frame = tuple(Blocking(character=f"c{i}") for i in range(n)) + extra
    return Shot(id=sid, kind="master", size="WS", duration=24, seed=1, in_frame=frame)


def test_a_shot_of_26000_people_validates_in_linear_time():
    start = time.perf_counter()
    _shot(26_000)
    assert time.perf_counter() - start < LIMIT_S  # seen.count(c) per person: 18 s


def test_a_character_blocked_twice_is_still_named():
    with pytest.raises(ValueError, match="character 'c3' is blocked twice in shot 1A"):
        _shot(10, extra=(Blocking(character="c7"), Blocking(character="c3")))


def _board(n: int) -> Storyboard:
    sets = tuple(FilmSet(id=f"s{i}", name=f"SET {i}", kind="beach") for i in range(n))
    scenes = tuple(Scene(id=f"sc{i}", number=str(i + 1), heading="EXT. BEACH - DAY", set=f"s{i}") for i in range(n))
    return Storyboard(sets=sets, scenes=scenes)


def test_looking_up_every_scenes_set_is_linear():
    sb = _board(20_000)
    start = time.perf_counter()
    assert all(sb.film_set(s.set).id == s.set for s in sb.scenes)
    assert time.perf_counter() - start < LIMIT_S  # a scan per scene: 20,000 x 20,000


def test_lookups_give_the_first_match_and_follow_a_copy():
    a = FilmSet(id="s1", name="A", kind="beach")
    sb = Storyboard(sets=(a, a.model_copy(update={"name": "B"})))
    assert sb.film_set("s1").name == "A" and sb.film_set("nope") is None and sb.character("x") is None
    other = sb.model_copy(update={"sets": (a.model_copy(update={"name": "C"}),)})
    assert other.film_set("s1").name == "C" and sb.film_set("s1").name == "A"
    # the remembered index is not part of the value
    assert sb == Storyboard(sets=sb.sets) and hash(sb) == hash(Storyboard(sets=sb.sets))
    assert sb.model_dump() == Storyboard(sets=sb.sets).model_dump()


def test_coverage_of_a_scene_of_many_lines_is_linear():
    n = 30_000
    beats = tuple(Line(id=f"l{i}", speaker="c", text="Hi.") for i in range(n))
    shot = Shot(id="1A", kind="master", size="WS", duration=24, seed=1,
                lines=tuple(f"l{i}" for i in range(1, n)) + ("l5",))
    scene = Scene(id="sc", number="1", heading="INT. ROOM - DAY", set="s", beats=beats, shots=(shot,))
    start = time.perf_counter()
    found = _coverage(scene, 0)
    assert time.perf_counter() - start < LIMIT_S
    assert [f.message for f in found] == ["scene 1: line l0 ('Hi.') is not covered by any shot",
                                          "scene 1: line l5 is heard in two shots"]
