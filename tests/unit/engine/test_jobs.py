"""The project's job queue (SQLite, WAL), its lock, and what `onecrew status` says about it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from onecrew.engine.jobs import DONE, FAILED, PENDING, REUSED, RUNNING, Jobs, Run, hold, project_dir
from onecrew.engine.status import describe
from onecrew.errors import OnecrewError

SPEC = {"storyboard": {"title": "Kitchen", "scenes": []}, "settings": {"backend": "previs", "takes": 2},
        "fit": True, "file": None}


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.fixture
def out(tmp_path):
    return tmp_path / "film"


# -- the queue -------------------------------------------------------------------------------------

def test_states_persist_across_reopening(out):
    jobs = Jobs(out)
    run = jobs.start("render story.yaml", SPEC)
    jobs.add("k-a", "shot", "shot 1A", frames=48, info={"shot": "1A", "take": 1})
    jobs.add("k-b", "shot", "shot 1B", frames=24)
    jobs.add("k-c", "line", "line 1")
    jobs.add("k-d", "stem", "music")
    jobs.running("k-a")
    jobs.done("k-a")
    jobs.running("k-b")
    jobs.failed("k-b", "the model server refused the shot")
    jobs.reused("k-c")
    jobs.close()

    again = Jobs(out)
    last = again.last_run()
    assert last.id == run and last.command == "render story.yaml" and last.state == "running"
    assert last.pid == os.getpid() and last.finished is None
    assert last.spec == SPEC
    rows = {j.key: j for j in again.jobs(run)}
    assert list(rows) == ["k-a", "k-b", "k-c", "k-d"]  # in the order they were added
    assert [rows[k].state for k in rows] == [DONE, FAILED, REUSED, PENDING]
    assert [rows[k].attempts for k in rows] == [1, 1, 0, 0]
    assert rows["k-a"].kind == "shot" and rows["k-a"].label == "shot 1A"
    assert rows["k-a"].frames == 48 and rows["k-a"].info == {"shot": "1A", "take": 1}
    assert rows["k-b"].error == "the model server refused the shot"
    assert rows["k-a"].error is None and rows["k-d"].info == {}
    again.close()


def test_a_pending_job_becomes_running_then_done(out):
    jobs = Jobs(out)
    jobs.start("render", SPEC)
    jobs.add("k", "shot", "shot 1A")
    assert jobs.jobs()[0].state == PENDING
    jobs.running("k")
    assert Jobs(out).jobs(jobs.run_id)[0].state == RUNNING  # committed: another reader sees it
    jobs.done("k")
    assert Jobs(out).jobs(jobs.run_id)[0].state == DONE


def test_attempts_are_counted_and_a_retry_clears_the_error(out):
    jobs = Jobs(out)
    jobs.start("render", SPEC)
    jobs.add("k", "shot", "shot 1A")
    jobs.running("k")
    jobs.failed("k", "out of memory")
    jobs.running("k")
    job = jobs.jobs()[0]
    assert (job.state, job.attempts, job.error) == (RUNNING, 2, None)
    jobs.running("k")
    jobs.done("k")
    assert jobs.jobs()[0].attempts == 3


def test_adding_a_job_again_changes_nothing(out):
    jobs = Jobs(out)
    jobs.start("render", SPEC)
    jobs.add("k", "shot", "shot 1A", frames=10, info={"take": 1})
    jobs.running("k")
    jobs.done("k")
    jobs.add("k", "shot", "another label", frames=99, info={"take": 5})
    [job] = jobs.jobs()
    assert (job.state, job.label, job.frames, job.info, job.attempts) == (DONE, "shot 1A", 10, {"take": 1}, 1)


def test_jobs_belong_to_their_run(out):
    jobs = Jobs(out)
    first = jobs.start("render", SPEC)
    jobs.add("k", "shot", "shot 1A")
    jobs.running("k")
    jobs.failed("k", "boom")
    jobs.finish("boom")
    second = jobs.start("resume", SPEC)
    assert second > first and jobs.jobs() == []
    jobs.add("k", "shot", "shot 1A")
    assert jobs.jobs()[0].state == PENDING
    assert jobs.jobs(first)[0].state == FAILED


def test_attempts_before_counts_earlier_failed_runs_only(out):
    jobs = Jobs(out)
    for _ in range(2):
        jobs.start("render", SPEC)
        jobs.add("k", "shot", "shot 1A")
        jobs.add("ok", "shot", "shot 1B")
        jobs.running("k")
        jobs.failed("k", "boom")
        jobs.running("ok")
        jobs.done("ok")
        jobs.finish("boom")
    jobs.start("resume", SPEC)
    assert jobs.attempts_before("k") == 2
    assert jobs.attempts_before("ok") == 0
    jobs.add("k", "shot", "shot 1A")
    jobs.running("k")
    jobs.failed("k", "boom")  # this run's own failure is not an earlier one
    assert jobs.attempts_before("k") == 2


def test_finish_records_the_outcome(out):
    jobs = Jobs(out)
    jobs.start("render", SPEC)
    jobs.finish()
    run = Jobs(out).last_run()
    assert run.state == "finished" and run.error is None and run.finished >= run.started
    jobs.start("render", SPEC)
    jobs.finish(error="the model server refused the shot")
    run = Jobs(out).last_run()
    assert run.state == "failed" and run.error == "the model server refused the shot"
    assert run.id == jobs.run_id


def test_the_queue_is_sqlite_in_wal_mode(out):
    Jobs(out).close()
    path = project_dir(out) / "jobs.sqlite"
    assert path.exists()
    db = sqlite3.connect(path)  # a fresh connection: WAL is a property of the file
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_a_new_queue_has_no_run(out):
    jobs = Jobs(out)
    assert jobs.last_run() is None
    assert describe(out) == f"{out}: no render has started here"


def test_existing_refuses_a_folder_never_rendered(out):
    out.mkdir()
    with pytest.raises(OnecrewError, match="no onecrew render has run here") as e:
        Jobs.existing(out)
    assert e.value.where == str(out)
    assert not project_dir(out).exists()  # looking does not create it
    with pytest.raises(OnecrewError, match="no onecrew render has run here"):
        describe(out)


def test_an_unusable_folder_is_one_error(tmp_path):
    (tmp_path / "film").write_text("a file, not a folder")
    with pytest.raises(OnecrewError, match="cannot open the job queue"):
        Jobs(tmp_path / "film")


def test_run_alive_needs_a_running_state_and_the_projects_lock_held(tmp_path):
    base = dict(id=1, pid=dead_pid(), command="render", started=0.0, finished=None, error=None, spec={})
    out = tmp_path / "film"
    assert not Run(state="running", **base).alive(out)  # no render ever locked it
    with hold(out):
        assert Run(state="running", **base).alive(out)  # whatever pid it recorded: the lock decides
        assert not Run(state="finished", **base).alive(out)
        assert not Run(state="failed", **base).alive(out)
    assert not Run(state="running", **base).alive(out)  # the holder let go (or was killed)


# -- the lock --------------------------------------------------------------------------------------

def _hold_for(out, held, seconds, released_at) -> None:
    with hold(out):
        held.set()
        time.sleep(seconds)
        released_at.value = time.time()


def _hold_forever(out, held) -> None:
    with hold(out):
        held.set()
        time.sleep(60)


def _take(out, result) -> None:
    said = []
    with hold(out, said.append):
        result.put(("took", said))


def test_a_second_holder_waits_until_the_first_releases(out):
    ctx = multiprocessing.get_context("fork")
    held, released_at = ctx.Event(), ctx.Value("d", 0.0)
    first = ctx.Process(target=_hold_for, args=(out, held, 0.4, released_at))
    first.start()
    try:
        assert held.wait(5)
        said = []
        asked = time.time()
        with hold(out, said.append):
            got = time.time()
            assert (project_dir(out) / "lock").read_text() == str(os.getpid())
    finally:
        first.join(5)
    assert first.exitcode == 0
    assert released_at.value > 0 and got >= released_at.value
    assert got - asked >= 0.2
    assert len(said) == 1
    assert "waiting" in said[0] and f"pid {first.pid}" in said[0] and str(out) in said[0]


def test_an_uncontended_lock_says_nothing(out):
    said = []
    with hold(out, said.append):
        pass
    with hold(out, said.append):  # released on leaving: taking it again does not wait
        pass
    assert said == []


def test_the_lock_is_released_when_the_holder_leaves_by_an_error(out):
    with pytest.raises(RuntimeError):
        with hold(out):
            raise RuntimeError("render failed")
    ctx = multiprocessing.get_context("fork")
    result = ctx.Queue()
    other = ctx.Process(target=_take, args=(out, result))
    other.start()
    other.join(5)
    if other.is_alive():
        other.kill()
        pytest.fail("the lock was still held after its holder raised")
    assert result.get(timeout=1) == ("took", [])


def test_a_lock_held_by_a_killed_process_is_released(out):
    ctx = multiprocessing.get_context("fork")
    held = ctx.Event()
    holder = ctx.Process(target=_hold_forever, args=(out, held))
    holder.start()
    assert held.wait(5)
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(5)
    assert holder.exitcode == -signal.SIGKILL

    result = ctx.Queue()
    taker = ctx.Process(target=_take, args=(out, result))
    taker.start()
    taker.join(5)
    if taker.is_alive():
        taker.kill()
        pytest.fail("the killed holder's lock was never released")
    assert taker.exitcode == 0
    assert result.get(timeout=1) == ("took", [])


# -- status ----------------------------------------------------------------------------------------

def _film(out, states: dict[str, tuple[str, str, int]], error: str | None = None) -> Jobs:
    """A run with jobs key → (kind, state, frames); failed ones fail with `error`."""
    jobs = Jobs(out)
    jobs.start("render story.yaml", SPEC)
    for key, (kind, state, frames) in states.items():
        jobs.add(key, kind, f"{kind} {key}", frames=frames)
        if state in (RUNNING, DONE, FAILED):
            jobs.running(key)
        if state == DONE:
            jobs.done(key)
        elif state == FAILED:
            jobs.failed(key, error or "boom")
        elif state == REUSED:
            jobs.reused(key)
    return jobs


def test_status_of_a_finished_run(out):
    jobs = _film(out, {"1A": ("shot", DONE, 48), "1B": ("shot", REUSED, 24), "l1": ("line", DONE, 0),
                       "mix": ("mix", DONE, 0)})
    jobs.finish()
    text = describe(out)
    lines = text.splitlines()
    assert lines[0].startswith(f"run {jobs.run_id} (render story.yaml), started ")
    assert "finished in " in lines[0]
    assert "jobs: 4 — 3 done, 1 reused" in text
    assert "  shot   2/2 done, 72/72 frames" in lines
    assert "  line   1/1 done" in lines
    assert lines[-1] == "nothing to resume: the film is complete"
    assert "resume" not in "\n".join(lines[:-1]) and "in flight" not in text


def test_status_of_an_interrupted_run(out):
    jobs = _film(out, {"1A": ("shot", DONE, 48), "1B": ("shot", RUNNING, 24), "1C": ("shot", RUNNING, 24),
                       "l1": ("line", PENDING, 0), "l2": ("line", REUSED, 0)})
    pid = dead_pid()
    jobs.db.execute("UPDATE run SET pid=? WHERE id=?", (pid, jobs.run_id))  # killed with -9
    jobs.close()

    text = describe(out)
    assert f"interrupted: process {pid} stopped without finishing" in text
    assert "in flight when it stopped (lost, to be made again): shot 1B, shot 1C" in text
    assert "2 running" in text and "1 pending" in text
    assert "  shot   1/3 done, 48/96 frames" in text.splitlines()
    assert f"`onecrew resume -o {out}` makes again 3 unfinished jobs" in text
    assert "2 finished jobs come from the cache" in text
    assert "nothing to resume" not in text and "failed" not in text


def test_status_while_a_render_is_running(out):
    _film(out, {"1A": ("shot", DONE, 48), "1B": ("shot", RUNNING, 24)}).close()
    with hold(out):  # a render holds the lock while it works
        text = describe(out)
    assert f"running (pid {os.getpid()})" in text
    assert "in flight: shot 1B" in text and "lost" not in text
    assert "a render is working here now" in text
    assert "onecrew resume" not in text


def test_status_shows_a_failed_job_and_its_error(out):
    jobs = _film(out, {"1A": ("shot", FAILED, 48), "1B": ("shot", DONE, 24)},
                 error="the model server refused the shot")
    jobs.running("1A")
    jobs.failed("1A", "the model server refused the shot")
    jobs.finish("the model server refused the shot")
    text = describe(out)
    assert "failed: the model server refused the shot" in text.splitlines()[0]
    assert "failed: shot 1A (attempt 2): the model server refused the shot" in text
    assert "makes again 1 unfinished job (the 1 failed one from scratch" in text
    assert "1 finished job come from the cache" in text


def test_status_says_how_many_more_are_in_flight(out):
    jobs = _film(out, {f"s{i}": ("shot", RUNNING, 1) for i in range(15)})
    jobs.db.execute("UPDATE run SET pid=? WHERE id=?", (dead_pid(), jobs.run_id))
    text = describe(out)
    assert "shot s11 and 3 more" in text and "shot s12" not in text
    assert "makes again 15 unfinished jobs" in text


def test_status_lists_unknown_kinds_too(out):
    _film(out, {"x": ("upscale", DONE, 0)}).finish()
    assert "  upscale 1/1 done" in describe(out).splitlines()
