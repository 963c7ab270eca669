"""The coordinator's bookkeeping: job states stay true whatever order the executor reports in,
a failing shot is blamed on itself alone, nothing is left behind when a run stops, and the
keys leave out what cannot change a picture."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from onecrew.engine import keys
from onecrew.engine.jobs import Jobs
from onecrew.engine.local import LocalExecutor
from onecrew.engine.production import Production, ShotFailed
from onecrew.engine.store import Store
from onecrew.engine.work import ShotJob
from onecrew.render.backend import Capabilities
from onecrew.render.previs import Previs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from test_previs import ANA, BEN, request  # noqa: E402


class Scripted:
    """An executor that reports what the test tells it to, in the order it is told."""

    name = "scripted"
    on_start = staticmethod(lambda key: None)
    on_tick = staticmethod(lambda: None)

    def __init__(self) -> None:
        self.submitted: list[ShotJob] = []
        self.script: list = []

    def submit(self, jobs) -> None:
        self.submitted += list(jobs)

    def finished(self, block: bool = False):
        out, self.script = self.script, []
        return out

    def frames(self) -> int:
        return 0

    def close(self, abort: bool = False) -> list:
        return []


def setup(tmp_path: Path, executor) -> tuple[Production, Jobs, Store]:
    store, jobs = Store(tmp_path / "cache"), Jobs(tmp_path / "out")
    jobs.start("test", {})
    return Production(store, jobs, executor, lambda *a, **k: None), jobs, store


def job_for(req, label: str = "shot 1A") -> ShotJob:
    return ShotJob(keys.shot(req, Previs(), ()), req, label)


def states(jobs: Jobs) -> dict[str, str]:
    return {j.label: j.state for j in jobs.jobs()}


def test_a_start_heard_after_the_shot_finished_does_not_make_it_running_again(tmp_path):
    ex = Scripted()
    prod, jobs, store = setup(tmp_path, ex)
    job = job_for(request(duration=12, width=64, height=64))
    prod.shots([job])
    entry = store.put_bytes(job.spec, "shot", job.label, {"video": b"clip", "thumb": b"jpg"})
    ex.script = [(job, entry)]
    prod.wait()
    ex.on_start(job.key)  # the worker's "started" message, read late
    assert states(jobs) == {"shot 1A": "done"}


def test_a_failing_shot_is_its_own_failure_not_the_music_being_made_meanwhile(tmp_path):
    ex = Scripted()
    prod, jobs, _ = setup(tmp_path, ex)
    job = job_for(request(duration=12, width=64, height=64))
    prod.shots([job])
    ex.script = [(job, RuntimeError("the model server refused"))]

    def music(tmp: Path):
        prod.poll()  # the stems poll the render as they go
        raise AssertionError("unreachable")
    with pytest.raises(ShotFailed, match="shot 1A failed: RuntimeError: the model server refused"):
        prod.obtain({"artifact": "stem", "n": 1}, "stem", "music", music)
    assert states(jobs) == {"shot 1A": "failed", "music": "pending"}
    [failed] = [j for j in jobs.jobs() if j.state == "failed"]
    assert "refused" in failed.error


def test_a_run_stopped_early_leaves_no_pieces_in_the_cache(tmp_path):
    store, jobs = Store(tmp_path / "cache"), Jobs(tmp_path / "out")
    jobs.start("test", {})
    ex = LocalExecutor("previs", (), store.root, 2)
    prod = Production(store, jobs, ex, lambda *a, **k: None, split=True)
    long_shots = [job_for(request(duration=150, width=96, height=64, seed=s), f"shot {s}") for s in range(3)]
    prod.shots(long_shots)
    prod.poll(block=True)  # some pieces are drawn, most are not
    prod.close()
    assert list((store.base / "tmp").iterdir()) == []


def test_a_voice_does_not_decide_a_silent_backends_picture_but_does_a_talking_ones():
    req = request(duration=12, cast=(ANA, BEN))
    deeper = req.model_copy(update={"cast": (ANA, BEN.model_copy(update={"voice": BEN.voice.model_copy(
        update={"pitch": -3.0})}))})
    previs = Previs()
    assert keys.shot(req, previs, ()) == keys.shot(deeper, previs, ())

    class Talkie:
        name, version, capabilities = "talkie", "1", Capabilities(native_audio=True)
    assert keys.shot(req, Talkie(), ()) != keys.shot(deeper, Talkie(), ())
    # while anything that is drawn still counts
    redressed = req.model_copy(update={"cast": (ANA, BEN.model_copy(update={"name": "Benjamin"}))})
    assert keys.shot(req, previs, ()) != keys.shot(redressed, previs, ())


def test_a_reference_image_is_keyed_by_its_content(tmp_path):
    image = tmp_path / "ana.png"
    image.write_bytes(b"first look")
    ana = ANA.model_copy(update={"reference_images": (str(image),)})
    req = request(duration=12, cast=(ana,))

    class Referencing:
        name, version, capabilities = "ref", "1", Capabilities(reference_images=True)
    before = keys.shot(req, Referencing(), ())
    image.write_bytes(b"second look")
    assert keys.shot(req, Referencing(), ()) != before
