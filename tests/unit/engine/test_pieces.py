"""Long shots drawn in pieces by several workers at once, then joined without re-encoding:
where the cuts fall, that a piece is the same frames as the whole shot, and that the joined
clip does not depend on how many workers drew it."""

from __future__ import annotations

import sys
from pathlib import Path

import av
import numpy as np
import pytest

from onecrew.engine import keys
from onecrew.engine.jobs import Jobs
from onecrew.engine.local import LocalExecutor
from onecrew.engine.production import Production
from onecrew.engine.store import Store
from onecrew.engine.work import ShotJob
from onecrew.render.backend import RenderContext
from onecrew.render.previs import Previs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from test_previs import BEN, request  # noqa: E402


@pytest.mark.parametrize("n, cuts", [(1, [(0, 1)]), (30, [(0, 30)]), (48, [(0, 48)]), (60, [(0, 60)]),
                                     (72, [(0, 48), (48, 72)]), (154, [(0, 48), (48, 96), (96, 154)])])
def test_a_shot_is_cut_every_two_seconds_and_a_short_remainder_joins_the_last_piece(n, cuts):
    assert keys.pieces(n, 24) == cuts


@pytest.mark.parametrize("fps", [12, 24, 25, 30, 60])
def test_pieces_cover_the_shot_exactly_and_none_is_tiny(fps):
    for n in range(1, 20 * fps):
        spans = keys.pieces(n, fps)
        assert spans[0][0] == 0 and spans[-1][1] == n
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
        assert all(min(n, fps) <= b - a < 3 * fps for a, b in spans)


def decode(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24").astype(int) for f in c.decode(video=0)]


def test_a_piece_is_those_frames_of_the_whole_shot(tmp_path):
    req = request(duration=72, cast=(BEN,), move="dolly-in")
    whole = Previs().render(req, RenderContext(work_dir=tmp_path / "whole"))
    piece = Previs().render(req, RenderContext(work_dir=tmp_path / "piece", frames=(48, 72), passes=("pose",)))
    assert piece.frames == 24 and set(piece.passes) == {"pose"}
    a, b = decode(whole.video)[48:], decode(piece.video)
    assert len(b) == 24
    # two encodes of the same drawings: equal up to compression, far from any other frame
    assert max(np.abs(x - y).mean() for x, y in zip(a, b)) < 2.0
    assert np.abs(decode(whole.video)[0] - b[-1]).mean() > 2 * max(np.abs(x - y).mean() for x, y in zip(a, b))


def test_frames_outside_the_shot_are_refused(tmp_path):
    with pytest.raises(ValueError, match="not inside shot 1A"):
        Previs().render(request(duration=24), RenderContext(work_dir=tmp_path, frames=(12, 30)))


def film_one_shot(tmp_path: Path, workers: int) -> tuple[Path, Store, Jobs]:
    req = request(duration=130, cast=(BEN,), move="pan-left", width=160, height=90)
    store = Store(tmp_path / f"cache{workers}")
    jobs = Jobs(tmp_path / f"out{workers}")
    jobs.start("test", {})
    executor = LocalExecutor("previs", ("depth",), store.root, workers)
    prod = Production(store, jobs, executor, lambda *a, **k: None, split=True)
    try:
        job = ShotJob(keys.shot(req, Previs(), ("depth",)), req, "shot 1A")
        assert len(job.pieces()) == 3
        prod.shots([job])
        entries = prod.wait()
    finally:
        executor.close()
        prod.close()
    return entries[job.key].path("video"), store, jobs


def test_a_shot_drawn_in_pieces_is_one_clip_whatever_the_workers(tmp_path):
    one, store1, jobs1 = film_one_shot(tmp_path, 1)
    two, store2, jobs2 = film_one_shot(tmp_path, 2)
    assert one.read_bytes() == two.read_bytes()
    assert len(decode(one)) == 130
    for store in (store1, store2):
        assert [e.kind for e in store.entries()] == ["shot"]  # pieces are not kept twice
        entry = next(store.entries())
        assert set(entry.files) == {"video", "pass.depth", "thumb"}
        with av.open(str(entry.path("pass.depth"))) as c:
            assert sum(1 for _ in c.decode(video=0)) == 130
        assert list((store.base / "tmp").iterdir()) == []  # the pieces' folders are gone
    for jobs in (jobs1, jobs2):
        [row] = jobs.jobs()
        assert (row.kind, row.state, row.attempts, row.frames) == ("shot", "done", 1, 130)
