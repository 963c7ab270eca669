"""The production engine, end to end through the CLI: the cache makes every artifact once, an
edit re-makes only what it touches, takes are cut in without rendering, a `kill -9` is resumed
to the very film an uninterrupted run makes, and damage to the cache is found and repaired.

Films are compared by their bytes and by their decoded frames (PyAV), never by existence alone.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest

from onecrew.parse.storyboard_file import load_storyboard

from test_cli import ONECREW, one_error_line, run

STORY = """Title: Two Cups

INT. KITCHEN - NIGHT

MARA, a tall woman with red hair in a blue dress, pours coffee. BEN, her brother, walks in.

BEN
Is there any left for me?

MARA
There's always some left for you!

BEN
I'm leaving tomorrow.

EXT. BEACH - SUNSET

Mara and Ben walk along the shore.

MARA
Remember this place?
"""

# Long enough (17 shots, 45 s at 320x180) that a kill lands while shots are still rendering.
LONG_STORY = """Title: Long Night

INT. KITCHEN - NIGHT

MARA, a tall woman with red hair in a blue dress, pours coffee. BEN, her brother, walks in.

BEN
Is there any left for me?

MARA
There's always some left for you!

BEN
I'm leaving tomorrow.

MARA
(shouting)
You can't be serious!

Mara slams the mug down.

EXT. BEACH - SUNSET

Mara and Ben walk along the shore.

MARA
Remember this place?

BEN
Every summer.

Ben throws a stone into the sea.

INT. CAR - NIGHT

Ben drives. Mara sleeps beside him.

BEN
Goodbye, then.
"""

SMALL = "160x90"
LARGE = "320x180"
KINDS = ("edit", "film", "line", "mix", "shot", "stem")


# -- helpers ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    made: int
    kinds: dict[str, int]  # kind → artifacts of that kind rendered
    reused: int


_TALLY = re.compile(r"^onecrew: (\d+) artifacts? rendered(?: \(([^)]*)\))?, (\d+) reused from the cache$", re.M)


def tally(p: subprocess.CompletedProcess | str) -> Tally:
    err = p if isinstance(p, str) else p.stderr.decode()
    found = _TALLY.findall(err)
    assert len(found) == 1, err
    made, parts, reused = found[0]
    kinds = {}
    for part in filter(None, parts.split(", ")):
        n, kind = part.split(" ")
        kind = kind[:-1] if int(n) != 1 else kind  # "2 shots", "1 mix"
        assert kind in KINDS, part
        kinds[kind] = int(n)
    assert sum(kinds.values()) == int(made), err
    return Tally(int(made), kinds, int(reused))


def ok(p: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert p.returncode == 0, p.stderr.decode()[-3000:]
    assert b"Traceback" not in p.stderr
    return p


def render(board: Path, out: Path, cache: Path, *extra: str, size: str = SMALL) -> subprocess.CompletedProcess:
    return ok(run("render", str(board), "-o", str(out), "--size", size, "--cache", str(cache), *extra))


def board_of(path: Path):
    return load_storyboard(path.read_text(), str(path))


def frame_hashes(path: Path) -> list[str]:
    with av.open(str(path)) as c:
        return [hashlib.sha256(f.to_ndarray(format="rgb24").tobytes()).hexdigest() for f in c.decode(video=0)]


def audio_hash(path: Path) -> str:
    with av.open(str(path)) as c:
        samples = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1)
    return hashlib.sha256(samples.tobytes()).hexdigest()


def segments(out: Path, shot_ids: list[str], film: list[str] | None = None) -> dict[str, list[str]]:
    """The film's frames cut at the shots' lengths (as out/shots/ has them), by shot id."""
    film = frame_hashes(out / "film.mp4") if film is None else film
    at, cut = 0, {}
    for sid in shot_ids:
        n = len(frame_hashes(out / "shots" / f"{sid}.mp4"))
        cut[sid] = film[at:at + n]
        at += n
    assert at == len(film), "the film is its shots, end to end"
    return cut


def file_bytes(folder: Path, pattern: str) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.glob(pattern))}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the small film every test copies ----------------------------------------------------------

@dataclass(frozen=True)
class Template:
    out: Path
    cache: Path
    artifacts: int  # every artifact of the film: lines, shots, stems, mix, film
    shots: list[str]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Template:
    d = tmp_path_factory.mktemp("template")
    story = d / "two_cups.fountain"
    story.write_text(STORY)
    p = ok(run("make", str(story), "-o", str(d / "out"), "--size", SMALL, "--cache", str(d / "cache")))
    t = tally(p)
    assert t.reused == 0
    sb = board_of(d / "out" / "storyboard.yaml")
    assert t.kinds == {"edit": 1, "film": 1, "line": 4, "mix": 1, "shot": len(sb.shots), "stem": 2}
    return Template(d / "out", d / "cache", t.made, [s.id for s in sb.shots])


def project(tmp_path: Path, template: Template) -> tuple[Path, Path]:
    """A copy of the template's output folder (job queue included) and of its cache, so the
    test's edits and damage stay its own."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    shutil.copytree(template.out, out)
    shutil.copytree(template.cache, cache)
    return out, cache


# -- 1. nothing changed, nothing rendered --------------------------------------------------------

def test_an_unchanged_project_renders_nothing_and_keeps_its_bytes(tmp_path, template):
    out, cache = project(tmp_path, template)
    before = file_bytes(out, "**/*.mp4") | file_bytes(out, "audio/**/*.*")
    assert "film.mp4" in before and len([k for k in before if k.startswith("shots/")]) == len(template.shots)
    p = render(out / "storyboard.yaml", out, cache)
    assert tally(p) == Tally(0, {}, template.artifacts)
    after = file_bytes(out, "**/*.mp4") | file_bytes(out, "audio/**/*.*")
    assert after.keys() == before.keys()
    assert [p for p in out.rglob("*") if p.name.endswith(".tmp")] == []  # place() leaves no temporaries
    for name in before:
        assert after[name] == before[name], name
    # the XML and EDL came from the cache, yet point at this folder's media, not the template's
    for name in ("film.xml", "film.edl"):
        text = (out / name).read_text()
        assert f"{out.resolve().as_uri()}/shots/" in text and template.out.resolve().as_uri() not in text, name
    status = ok(run("status", "-o", str(out))).stdout.decode()
    assert status.rstrip().endswith("nothing to resume: the film is complete")


# -- 2. an edit re-makes what it touches and nothing else ---------------------------------------

def _edit_shot_field(text: str, shot_id: str, field: str, old: str, new: str) -> str:
    pattern = re.compile(rf"(- id: {re.escape(shot_id)}\n(?:[ \t]+.*\n)*?[ \t]+{field}: ){re.escape(old)}\n")
    edited, n = pattern.subn(rf"\g<1>{new}\n", text, count=1)
    assert n == 1, (shot_id, field)
    return edited


def test_a_camera_move_edit_renders_one_shot_and_the_film(tmp_path, template):
    out, cache = project(tmp_path, template)
    board = out / "storyboard.yaml"
    sb = board_of(board)
    shot = next(s for s in sb.shots if str(s.move) == "static" and s.in_frame)
    before_files = file_bytes(out, "shots/*.mp4") | file_bytes(out, "audio/**/*.*")
    before_film = frame_hashes(out / "film.mp4")
    before_cut = segments(out, template.shots, before_film)
    before_audio = audio_hash(out / "film.mp4")

    board.write_text(_edit_shot_field(board.read_text(), shot.id, "move", "static", "dolly-in"))
    assert str(next(s for s in board_of(board).shots if s.id == shot.id).move) == "dolly-in"
    t = tally(render(board, out, cache))
    assert t.kinds == {"shot": 1, "film": 1}, t  # no line re-voiced, no stem or mix re-made
    assert t.reused == template.artifacts - 2

    after_files = file_bytes(out, "shots/*.mp4") | file_bytes(out, "audio/**/*.*")
    changed = {k for k in before_files if after_files[k] != before_files[k]}
    assert changed == {f"shots/{shot.id}.mp4"}
    after_film = frame_hashes(out / "film.mp4")
    assert len(after_film) == len(before_film)
    after_cut = segments(out, template.shots, after_film)
    for sid in template.shots:
        if sid == shot.id:
            assert after_cut[sid] != before_cut[sid]
            assert after_cut[sid] == frame_hashes(out / "shots" / f"{sid}.mp4")
        else:
            assert after_cut[sid] == before_cut[sid], sid
    assert audio_hash(out / "film.mp4") == before_audio


def _edit_line_text(text: str, line_id: str, new: str) -> str:
    pattern = re.compile(rf"(- type: line\n[ \t]+id: {re.escape(line_id)}\n(?:[ \t]+.*\n)*?[ \t]+text: ).*\n")
    edited, n = pattern.subn(lambda m: f"{m.group(1)}{new}\n", text, count=1)
    assert n == 1, line_id
    return edited


def test_a_dialogue_edit_revoices_the_line_and_redoes_only_the_shots_that_hear_it(tmp_path, template):
    out, cache = project(tmp_path, template)
    board = out / "storyboard.yaml"
    sb = board_of(board)
    line = [ln for sc in sb.scenes for ln in sc.lines][-2]  # a kitchen line, not the scene's first
    speaking = next(s.id for s in sb.shots if line.id in s.lines)
    before = file_bytes(out, "shots/*.mp4") | file_bytes(out, "audio/**/*.*")
    before_cut = segments(out, template.shots)

    new_text = "Not today."  # shorter: the hand-set durations stand, so the stems do too
    board.write_text(_edit_line_text(board.read_text(), line.id, new_text))
    assert next(ln for sc in board_of(board).scenes for ln in sc.lines if ln.id == line.id).text == new_text
    t = tally(render(board, out, cache))

    after = file_bytes(out, "shots/*.mp4") | file_bytes(out, "audio/**/*.*")
    changed = {k for k in before if after[k] != before[k]}
    redone_shots = {k.removeprefix("shots/").removesuffix(".mp4") for k in changed if k.startswith("shots/")}
    assert speaking in redone_shots
    # the timeline's dialogue clip is named by its words: its XML and EDL are made again too
    assert t.kinds == {"line": 1, "shot": len(redone_shots), "mix": 1, "film": 1, "edit": 1}, (t, redone_shots)
    assert len(redone_shots) < len(template.shots)
    assert t.made + t.reused == template.artifacts
    # the line's voice, the mix and the shots that hear it, nothing else
    assert changed == {f"audio/dialogue/{line.id}.wav", "audio/mix.m4a", *(f"shots/{s}.mp4" for s in redone_shots)}
    after_cut = segments(out, template.shots)
    for sid in template.shots:
        assert (after_cut[sid] != before_cut[sid]) == (sid in redone_shots), sid


# -- 3. takes ---------------------------------------------------------------------------------

def test_takes_are_rendered_listed_chosen_and_cut_in_without_rendering(tmp_path, template):
    out, cache = project(tmp_path, template)
    board = out / "storyboard.yaml"
    sb = board_of(board)
    t = tally(render(board, out, cache, "--takes", "3"))
    assert t == Tally(2 * len(sb.shots), {"shot": 2 * len(sb.shots)}, template.artifacts)
    assert sorted(p.name for p in (out / "takes").iterdir()) == \
        sorted(f"{s}.take{k}.mp4" for s in template.shots for k in (1, 2, 3))
    for sid in template.shots:  # take 1 is the shot as cut
        assert (out / "takes" / f"{sid}.take1.mp4").read_bytes() == (out / "shots" / f"{sid}.mp4").read_bytes()
        assert len(frame_hashes(out / "takes" / f"{sid}.take2.mp4")) == len(frame_hashes(out / "shots" / f"{sid}.mp4"))

    takes = {s.id: [frame_hashes(out / "takes" / f"{s.id}.take{k}.mp4") for k in (1, 2, 3)]
             for s in sb.shots if s.in_frame}
    differ = [sid for sid, (one, two, three) in takes.items() if two != one and three != one and two != three]
    assert differ, "takes of a shot with characters in it look different"
    shot = differ[0]

    listed = ok(run("takes", shot, "-o", str(out))).stdout.decode().splitlines()
    assert len(listed) == 3, listed
    for k, row in enumerate(listed, 1):
        mark = r"\*" if k == 1 else " "
        m = re.match(rf"^{mark} take {k}  seed (\d+) +rendered +(\S+)$", row)
        assert m and Path(m.group(2)) == out / "takes" / f"{shot}.take{k}.mp4", row
        if k == 1:  # take 1 is the shot's own seed
            assert int(m.group(1)) == next(s.seed for s in sb.shots if s.id == shot)

    text = board.read_text()
    p = ok(run("choose", shot, "2", "-o", str(out)))
    assert f"shot {shot}: take 2 chosen in" in p.stderr.decode()
    edited = board.read_text()
    diff = [(a, b) for a, b in zip(text.splitlines(), edited.splitlines()) if a != b]
    assert len(edited.splitlines()) - len(text.splitlines()) in (0, 1)
    chosen = board_of(board)
    assert {s.id: s.take for s in chosen.shots} == {s.id: (2 if s.id == shot else 1) for s in sb.shots}
    assert diff and "take: 2" in diff[0][1]
    assert [r[0] for r in ok(run("takes", shot, "-o", str(out))).stdout.decode().splitlines()] == [" ", "*", " "]

    before_cut = segments(out, template.shots)
    before_mix = (out / "audio" / "mix.m4a").read_bytes()
    t = tally(render(board, out, cache, "--takes", "3"))
    assert t.kinds == {"film": 1, "edit": 1}, t  # every take was in the cache; the timeline names the take
    assert t.reused == template.artifacts + 2 * len(sb.shots) - 2
    take2 = out / "takes" / f"{shot}.take2.mp4"
    assert (out / "shots" / f"{shot}.mp4").read_bytes() == take2.read_bytes()
    after_cut = segments(out, template.shots)
    assert after_cut[shot] == frame_hashes(take2) != before_cut[shot]
    assert all(after_cut[s] == before_cut[s] for s in template.shots if s != shot)
    assert (out / "audio" / "mix.m4a").read_bytes() == before_mix

    # one take again: the folder holds this cut's clips only, and `takes` speaks of this cut
    t = tally(render(board, out, cache))
    assert t.made == 0, t
    assert sorted(p.name for p in (out / "takes").iterdir()) == [f"{shot}.take2.mp4"]
    listed = ok(run("takes", shot, "-o", str(out))).stdout.decode().splitlines()
    assert [row.split()[:3] for row in listed] == [["*", "take", "2"]], listed


# -- 4. a real kill -9, then resume ----------------------------------------------------------

def job_rows(out: Path) -> list[tuple[str, str]] | None:
    """(kind, state) of the last run's jobs, read-only while a render writes; None before the
    queue exists."""
    db = out / ".onecrew" / "jobs.sqlite"
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT kind, state FROM job WHERE run=(SELECT MAX(id) FROM run) "
                               "ORDER BY rowid").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None


def run_state(out: Path) -> str:
    con = sqlite3.connect(f"file:{out / '.onecrew' / 'jobs.sqlite'}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT state FROM run ORDER BY id DESC LIMIT 1").fetchone()[0]
    finally:
        con.close()


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes in process group `pgid`."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(d.name))
    return pids


def wait_gone(pgid: int, timeout: float) -> list[int]:
    """Wait for process group `pgid` to have no live process; those still there at `timeout`."""
    deadline = time.monotonic() + timeout
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def end_group(pgid: int) -> None:
    """Clean-up: SIGKILL whatever is left of a render's process group."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        return
    wait_gone(pgid, 10)


def lock_is_free(out: Path) -> bool:
    fd = os.open(out / ".onecrew" / "lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def shots_done(rows) -> int:
    return sum(k == "shot" and s == "done" for k, s in rows)


def shots_left(rows) -> int:
    return sum(k == "shot" and s not in ("done", "reused") for k, s in rows)


KILL_MOMENTS = {
    "first-job": lambda rows: len(rows) >= 1,
    "mid-render": lambda rows: shots_done(rows) >= 3 and shots_left(rows) >= 3,
}


@pytest.fixture(scope="module")
def long_story(tmp_path_factory) -> Path:
    story = tmp_path_factory.mktemp("long") / "long_night.fountain"
    story.write_text(LONG_STORY)
    return story


@pytest.fixture(scope="module")
def long_reference(tmp_path_factory, long_story) -> Path:
    """The long film rendered without interruption, with a cache of its own."""
    d = tmp_path_factory.mktemp("long_ref")
    ok(run("make", str(long_story), "-o", str(d / "out"), "--size", LARGE, "--workers", "2",
           "--cache", str(d / "cache")))
    return d / "out"


def start_render(story: Path, out: Path, cache: Path, err: Path) -> subprocess.Popen:
    with open(err, "wb") as f:
        return subprocess.Popen([ONECREW, "make", str(story), "-o", str(out), "--size", LARGE,
                                 "--workers", "2", "--cache", str(cache)],
                                stdout=subprocess.DEVNULL, stderr=f, start_new_session=True)


def kill_when(p: subprocess.Popen, out: Path, moment, err: Path, timeout: float = 60) -> list[tuple[str, str]]:
    """SIGKILL the render's main process (only it) as soon as its job queue shows `moment`."""
    deadline = time.monotonic() + timeout
    while True:
        assert p.poll() is None, f"the render ended (rc {p.returncode}) before the kill:\n{err.read_text()[-2000:]}"
        assert time.monotonic() < deadline, "the moment to kill never came"
        rows = job_rows(out)
        if rows and moment(rows):
            os.kill(p.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    assert p.wait(timeout=30) == -signal.SIGKILL
    return rows


@pytest.mark.parametrize("moment", sorted(KILL_MOMENTS))
def test_a_render_killed_with_sigkill_resumes_to_the_same_film(tmp_path, long_story, long_reference, moment):
    out, cache, err = tmp_path / "out", tmp_path / "cache", tmp_path / "render.err"
    p = start_render(long_story, out, cache, err)
    try:
        seen = kill_when(p, out, KILL_MOMENTS[moment], err)
        if moment == "mid-render":  # only the main process was killed: its workers die with it
            assert wait_gone(p.pid, 10) == [], "shot workers outlived the render they worked for"
            assert lock_is_free(out)
    finally:
        # a worker forked just as the kill landed can outlive it (see the test below): the
        # render is over when its whole process group is
        end_group(p.pid)
    assert run_state(out) == "running", "the kill landed after the run finished"
    assert not (out / "film.mp4").exists()
    rows = job_rows(out)
    assert rows and len(rows) >= len(seen)
    unfinished = sum(s not in ("done", "reused") for _, s in rows)
    assert unfinished >= 1

    status = ok(run("status", "-o", str(out))).stdout.decode()
    assert "interrupted: process" in status and "stopped without finishing" in status, status
    assert f"`onecrew resume -o {out}` makes again {unfinished} unfinished job" in status, status
    assert f"{len(rows) - unfinished} finished job" in status, status
    if any(s == "running" for _, s in rows):
        assert "in flight when it stopped (lost, to be made again):" in status, status

    r = ok(run("resume", "-o", str(out)))
    assert "resuming run 1" in r.stderr.decode()
    t = tally(r)
    if moment == "mid-render":  # what the killed run finished comes from the cache
        assert t.kinds["shot"] <= len(board_of(long_reference / "storyboard.yaml").shots) - shots_done(seen)
        assert t.reused >= shots_done(seen)
    assert (out / "film.mp4").read_bytes() == (long_reference / "film.mp4").read_bytes()
    for shot in (long_reference / "shots").iterdir():
        assert (out / "shots" / shot.name).read_bytes() == shot.read_bytes(), shot.name
    status = ok(run("status", "-o", str(out))).stdout.decode()
    assert status.startswith("run 2 (resume of run 1)") and "nothing to resume: the film is complete" in status
    assert ok(run("resume", "-o", str(out))).stderr.decode().strip().startswith("onecrew: nothing to resume")


def test_a_render_killed_as_its_workers_start_leaves_none_behind(tmp_path, template):
    board = tmp_path / "board.yaml"
    shutil.copyfile(template.out / "storyboard.yaml", board)
    for attempt in range(3):
        out = tmp_path / f"out{attempt}"
        p = subprocess.Popen([ONECREW, "render", str(board), "-o", str(out), "--size", SMALL, "--workers", "2",
                              "--cache", str(tmp_path / f"cache{attempt}"), "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            children = Path(f"/proc/{p.pid}/task/{p.pid}/children")
            if not children.exists():
                pytest.skip("needs /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN)")
            kids: list[str] = []
            deadline = time.monotonic() + 60
            while not kids and p.poll() is None and time.monotonic() < deadline:
                try:
                    kids = children.read_text().split()
                except OSError:
                    break
            # A worker just forked, held still (as a busy machine may hold it) while its parent
            # is killed, then let go: it must not outlive the render.
            for kid in kids:
                try:
                    os.kill(int(kid), signal.SIGSTOP)
                except ProcessLookupError:
                    pass
            os.kill(p.pid, signal.SIGKILL)
            p.wait(timeout=30)
            try:
                os.killpg(p.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
            left = wait_gone(p.pid, 2)
            assert left == [] and lock_is_free(out), \
                f"try {attempt + 1}: worker(s) {left} outlived the killed render and hold its project lock"
        finally:
            end_group(p.pid)


# -- 5. two renders into one folder ------------------------------------------------------------

def test_two_renders_into_one_folder_take_turns_and_make_the_same_film(tmp_path, template):
    board = tmp_path / "board.yaml"
    shutil.copyfile(template.out / "storyboard.yaml", board)
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = [ONECREW, "render", str(board), "-o", str(out), "--size", SMALL, "--workers", "1", "--cache", str(cache)]
    procs = [subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.communicate(timeout=120)[1].decode(), p.returncode) for p in procs]
    for err, rc in results:
        assert rc == 0 and "Traceback" not in err, err
    waited = [err for err, _ in results if f"another render is working in {out} (pid " in err]
    assert len(waited) == 1, [e[-500:] for e, _ in results]
    first = next(err for err, _ in results if err is not waited[0])
    assert (tally(first).made, tally(first).reused) == (template.artifacts, 0)
    assert tally(waited[0]) == Tally(0, {}, template.artifacts)  # the first run's work, from the cache
    assert (out / "film.mp4").read_bytes() == (template.out / "film.mp4").read_bytes()
    con = sqlite3.connect(out / ".onecrew" / "jobs.sqlite")
    try:
        assert con.execute("SELECT state FROM run ORDER BY id").fetchall() == [("finished",), ("finished",)]
    finally:
        con.close()


# -- 6. a damaged cache is found and repaired --------------------------------------------------

def entries(cache: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((cache / "v1" / "entries").glob("*/*.json"))]


def blob(cache: Path, sha256: str) -> Path:
    return cache / "v1" / "objects" / sha256[:2] / sha256


def damage(path: Path) -> None:
    """Flip bytes in the middle of a (read-only) blob, in place: the size stays the same."""
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid:mid + 16] = bytes(b ^ 0xFF for b in data[mid:mid + 16])
    with open(path, "r+b") as f:
        f.write(data)


def test_a_damaged_cache_entry_is_reported_and_made_again(tmp_path, template):
    out, cache = project(tmp_path, template)
    board = out / "storyboard.yaml"
    film = (out / "film.mp4").read_bytes()
    shots = [e for e in entries(cache) if e["kind"] == "shot"]
    assert len(shots) == len(template.shots)
    victim = next(e for e in shots if e["info"]["shot"] == template.shots[len(template.shots) // 2])
    sid, video = victim["info"]["shot"], victim["files"]["video"]["sha256"]
    assert sum(e["files"].get("video", {}).get("sha256") == video for e in entries(cache)) == 1
    clean_shot = (out / "shots" / f"{sid}.mp4").read_bytes()
    assert sha(clean_shot) == video  # the output folder's file is the cache's blob

    v = run("cache", "verify", "--cache", str(cache))
    assert v.returncode == 0 and v.stdout == b"", v.stderr.decode()
    assert f"{template.artifacts} entries verified, 0 corrupt" in v.stderr.decode()

    damage(blob(cache, video))
    p = render(board, out, cache)
    err = p.stderr.decode()
    assert re.search(rf"^onecrew: cache: video file {video[:12]} is damaged .*; removed it, it will be made again$",
                     err, re.M), err
    assert tally(p) == Tally(1, {"shot": 1}, template.artifacts - 1)  # the same clip: the film is found again
    assert (out / "film.mp4").read_bytes() == film
    assert (out / "shots" / f"{sid}.mp4").read_bytes() == clean_shot
    assert sha(blob(cache, video).read_bytes()) == video

    damage(blob(cache, video))
    v = run("cache", "verify", "--cache", str(cache))
    assert v.returncode == 1, v.stderr.decode()
    assert v.stdout.decode().splitlines() == \
        [f"corrupt: video file {video[:12]} is damaged (its content does not match its hash) "
         "(removed: it will be made again)"]
    assert f"{template.artifacts - 1} entries verified, 1 corrupt" in v.stderr.decode()
    v = run("cache", "verify", "--cache", str(cache))  # verify removed it: the cache is sound again
    assert v.returncode == 0 and f"{template.artifacts - 1} entries verified, 0 corrupt" in v.stderr.decode()
    assert tally(render(board, out, cache)) == Tally(1, {"shot": 1}, template.artifacts - 1)
    assert (out / "film.mp4").read_bytes() == film


def test_cache_ls_du_and_gc(tmp_path, template):
    out, cache = project(tmp_path, template)
    listed = ok(run("cache", "ls", "--cache", str(cache))).stdout.decode().splitlines()
    assert len(listed) == template.artifacts
    by_key = {e["key"][:12]: e for e in entries(cache)}
    for row in listed:
        key, kind = row.split()[:2]
        assert by_key[key]["kind"] == kind and row.endswith(by_key[key]["label"]), row
    assert sorted(row.split()[1] for row in listed) == sorted(e["kind"] for e in by_key.values())
    assert {f"shot {s}" for s in template.shots} <= {e["label"] for e in by_key.values()}

    du = ok(run("cache", "du", "--cache", str(cache))).stdout.decode().splitlines()
    counts = {row.split()[0]: int(row.split()[1]) for row in du}
    assert counts == {"edit": 1, "film": 1, "line": 4, "mix": 1, "shot": len(template.shots), "stem": 2,
                      "total": template.artifacts}, du
    assert du[-1].endswith(f"on disk in {cache}")

    gc = ok(run("cache", "gc", "--older-than", "0", "--cache", str(cache))).stdout.decode()
    assert gc.startswith(f"removed {template.artifacts} entries"), gc
    assert ok(run("cache", "ls", "--cache", str(cache))).stdout == b""
    assert entries(cache) == []
    assert "total       0 entries" in ok(run("cache", "du", "--cache", str(cache))).stdout.decode()
    film = (out / "film.mp4").read_bytes()
    assert tally(render(out / "storyboard.yaml", out, cache)) == \
        Tally(template.artifacts, {"edit": 1, "film": 1, "line": 4, "mix": 1, "shot": len(template.shots),
                                   "stem": 2}, 0)
    assert (out / "film.mp4").read_bytes() == film


def test_a_damaged_blob_left_by_gc_is_replaced_when_its_artifact_is_made_again(tmp_path, template):
    # gc keeps unreferenced blobs for an hour (a run may be writing them): a damaged one left
    # behind must not be taken for the artifact when it is made again
    out, cache = project(tmp_path, template)
    sid = template.shots[0]
    entry = next(e for e in entries(cache) if e["kind"] == "shot" and e["info"]["shot"] == sid)
    video = entry["files"]["video"]["sha256"]
    clean = (out / "shots" / f"{sid}.mp4").read_bytes()
    damage(blob(cache, video))
    ok(run("cache", "gc", "--older-than", "0", "--cache", str(cache)))
    render(out / "storyboard.yaml", out, cache)
    assert run("cache", "verify", "--cache", str(cache)).returncode == 0
    assert (out / "shots" / f"{sid}.mp4").read_bytes() == clean


# -- 7. Ray ---------------------------------------------------------------------------------

def test_the_ray_executor_makes_the_film_the_local_one_makes(tmp_path, template):
    pytest.importorskip("ray")
    board = tmp_path / "board.yaml"
    shutil.copyfile(template.out / "storyboard.yaml", board)
    out = tmp_path / "out"
    p = render(board, out, tmp_path / "cache", "--executor", "ray", "--workers", "2")
    t = tally(p)
    assert t.reused == 0 and t.kinds["shot"] == len(template.shots)
    assert (out / "film.mp4").read_bytes() == (template.out / "film.mp4").read_bytes()
    for sid in template.shots:
        assert (out / "shots" / f"{sid}.mp4").read_bytes() == (template.out / "shots" / f"{sid}.mp4").read_bytes()


def closed_port() -> int:
    with socket.socket() as s:  # a port nobody listens on once this socket is closed
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_ray_cluster_nobody_answers_is_one_line_and_a_cached_film_never_asks(tmp_path, template):
    pytest.importorskip("ray")
    address = f"127.0.0.1:{closed_port()}"
    out, cache = project(tmp_path, template)
    t0 = time.monotonic()
    p = render(out / "storyboard.yaml", out, cache, "--executor", "ray", "--address", address)
    assert tally(p).made == 0  # nothing to render: the cluster is never contacted
    board = out / "storyboard.yaml"
    board.write_text(board.read_text().replace("move: static", "move: dolly-in", 1))
    p = run("render", str(board), "-o", str(out), "--size", SMALL, "--cache", str(cache),
            "--executor", "ray", "--address", address)
    err = p.stderr.decode().strip().splitlines()
    assert p.returncode == 2 and err[-1].startswith(f"onecrew: error: cannot reach the Ray cluster at {address}"), err
    assert "Traceback" not in p.stderr.decode() and time.monotonic() - t0 < 60


# -- 8. bad input: one line, exit 2 ----------------------------------------------------------

@pytest.mark.parametrize("case", ["takes-0", "address-without-ray", "resume-nothing", "status-nothing",
                                  "takes-unknown-shot", "choose-take-0"])
def test_bad_engine_input_is_one_line(tmp_path, template, case):
    board = template.out / "storyboard.yaml"
    text = board.read_text()
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    args, expected = {
        "takes-0": (["render", str(board), "-o", str(out), "--takes", "0"], "--takes must be from 1 to 9, not 0"),
        "address-without-ray": (["render", str(board), "-o", str(out), "--address", "auto"],
                                "--address names a Ray cluster: use it with --executor ray"),
        "resume-nothing": (["resume", "-o", str(empty)],
                           f"{empty}: no onecrew render has run here (no .onecrew/jobs.sqlite)"),
        "status-nothing": (["status", "-o", str(empty)],
                           f"{empty}: no onecrew render has run here (no .onecrew/jobs.sqlite)"),
        "takes-unknown-shot": (["takes", "9Z", "-o", str(template.out)],
                               f"{board}: there is no shot '9Z' (shots: {', '.join(template.shots[:8])}…)"),
        "choose-take-0": (["choose", template.shots[0], "0", "-o", str(template.out)],
                          "a take is numbered from 1 to 9, not 0"),
    }[case]
    assert one_error_line(run(*args)) == expected
    assert not out.exists() and list(empty.iterdir()) == []
    assert board.read_text() == text
