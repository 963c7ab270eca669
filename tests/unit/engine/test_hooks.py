"""Hook points: a hook sees each shot before it is sent, every clip the cut ships, and the film
with its provenance; raising stops the run with its one line, before anything is sent."""

from __future__ import annotations

import pytest

from onecrew.engine import hooks
from onecrew.engine.film import Settings, produce
from onecrew.errors import OnecrewError
from onecrew.parse.source import read_source
from onecrew.pipeline import storyboard_from

STORY = 'Ana waves at Ben. "Hello!" says Ana.'


class Recorder:
    def __init__(self, refuse: str | None = None) -> None:
        self.seen: list[tuple[str, str]] = []
        self.refuse = refuse
        self.provenance = None

    def before_shot(self, request, backend):
        self.seen.append(("before_shot", request.shot.id))
        if request.shot.id == self.refuse:
            raise OnecrewError(f"shot {request.shot.id}: refused by the guard")

    def before_cut(self, request, backend, clip):
        assert clip.exists()
        self.seen.append(("before_cut", request.shot.id))

    def after_cut(self, film, provenance):
        assert film.exists()
        self.seen.append(("after_cut", film.name))
        self.provenance = provenance


@pytest.fixture
def recorder():
    made = []

    def make(refuse=None):
        made.append(hooks.register(Recorder(refuse)))
        return made[-1]
    yield make
    for h in made:
        hooks.unregister(h)


def test_a_hook_sees_every_shot_sent_every_clip_cut_and_the_film(tmp_path, recorder):
    sb = storyboard_from(read_source(STORY))
    rec = recorder()
    settings = Settings(size=(160, 90), workers=1, cards=True, cache=tmp_path / "cache")
    produce(sb, tmp_path / "out", settings)
    ids = [s.id for s in sb.shots]
    sent = {i for p, i in rec.seen if p == "before_shot"}
    assert sent == set(ids) | {"title", "end"}
    assert [i for p, i in rec.seen if p == "before_cut"] == ["title", *ids, "end"]
    assert rec.seen[-1] == ("after_cut", "film.mp4")
    assert rec.provenance["backend"]["name"] == "previs" and set(rec.provenance["shots"]) == set(ids) | {"title", "end"}
    # from the cache: nothing is sent, every clip is still shown to the hook before the cut
    again = recorder()
    hooks.unregister(rec)
    produce(sb, tmp_path / "out", settings)
    assert [p for p, _ in again.seen if p == "before_shot"] == []
    assert [i for p, i in again.seen if p == "before_cut"] == ["title", *ids, "end"]


def test_a_hook_that_refuses_a_shot_stops_the_run_before_it_is_sent(tmp_path, recorder):
    sb = storyboard_from(read_source(STORY))
    recorder(refuse=sb.shots[0].id)
    with pytest.raises(OnecrewError, match="refused by the guard"):
        produce(sb, tmp_path / "out", Settings(size=(160, 90), workers=1, cache=tmp_path / "cache"))
    assert not (tmp_path / "out" / "film.mp4").exists()
