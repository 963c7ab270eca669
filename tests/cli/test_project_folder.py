"""The project folder is shared with the creator: onecrew writes and deletes only what it made,
never through a link, never over an edited file without --force; its lock and job queue are
its own; the cache never leads gc outside it; a full disk, a read-only project, a damaged
queue and SIGTERM each end in one line and leave nothing half-written.

Every case runs the installed CLI on a tiny film and checks the files a user would look at.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from test_cli import ONECREW, one_error_line, run

STORY = 'Mara waves at Ben. "Hello there," says Mara. Ben smiles.'
SIZE = "128x72"


def ok(p: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert p.returncode == 0, p.stderr.decode()[-3000:]
    return p


def make(out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    return run("make", STORY, "-o", str(out), "--size", SIZE, "--workers", "1", "--cache", str(cache), *extra)


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links as their target path), by relative path."""
    out = {}
    for p in sorted(folder.rglob("*")):
        key = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[key] = "-> " + os.readlink(p)
        elif p.is_file():
            out[key] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path]:
    """One rendered project and its cache; tests copy the project and share the cache."""
    root = tmp_path_factory.mktemp("made")
    out, cache = root / "out", root / "cache"
    ok(make(out, cache))
    return out, cache


def copy_of(made, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(made[0], out, symlinks=True)
    return out


@pytest.fixture
def precious(tmp_path) -> Path:
    """A creator's folder outside the project, that nothing may touch."""
    d = tmp_path / "precious"
    d.mkdir()
    (d / "precious.mp4").write_bytes(b"k" * 100)
    (d / "1A.mp4").write_bytes(b"mine")
    return d


# -- links lead nowhere ------------------------------------------------------------------------

@pytest.mark.parametrize("folder", ["shots", "takes", "audio", "audio/dialogue", ".onecrew"])
def test_a_linked_folder_in_the_project_is_refused_and_its_target_untouched(made, tmp_path, precious, folder):
    out = copy_of(made, tmp_path)
    link = out / folder
    shutil.rmtree(link, ignore_errors=True)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(precious, target_is_directory=True)
    before = digest(precious)
    msg = one_error_line(make(out, made[1], "--takes", "2"))
    assert msg.startswith(f"{link}: is a symbolic link")
    assert digest(precious) == before


def test_a_linked_lock_or_queue_is_refused_and_its_target_keeps_its_bytes(made, tmp_path, precious):
    for name in ("lock", "jobs.sqlite", "jobs.sqlite-wal"):
        out = copy_of(made, tmp_path / name)
        target = out / ".onecrew" / name
        target.unlink(missing_ok=True)
        target.symlink_to(precious / "precious.mp4")
        msg = one_error_line(make(out, made[1]))
        assert msg.startswith(f"{target}: is a symbolic link"), msg
        assert (precious / "precious.mp4").read_bytes() == b"k" * 100


# -- the creator's files stay ------------------------------------------------------------------

def test_files_onecrew_did_not_make_survive_a_render(made, tmp_path):
    out = copy_of(made, tmp_path)
    mine = {out / "shots" / "mine.mp4": b"my own cut", out / "takes" / "mine.mp4": b"a take I made",
            out / "audio" / "dialogue" / "mine.wav": b"my own line", out / "notes.txt": b"notes"}
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    ok(make(out, made[1]))
    for path, data in mine.items():
        assert path.read_bytes() == data


def test_an_earlier_cuts_clips_are_removed_but_only_those_onecrew_made(made, tmp_path):
    out = copy_of(made, tmp_path)
    ok(make(out, made[1], "--takes", "2"))
    takes = sorted(p.name for p in (out / "takes").iterdir())
    assert len(takes) >= 2
    edited = out / "takes" / takes[0]
    edited.unlink()  # the creator replaced a take with their own file of that name
    edited.write_bytes(b"my grade of this take")
    ok(make(out, made[1]))  # one take now: the takes folder is emptied of onecrew's files
    assert sorted(p.name for p in (out / "takes").iterdir()) == [takes[0]]
    assert edited.read_bytes() == b"my grade of this take"


@pytest.mark.parametrize("command", ["plan", "make"])
def test_an_edited_storyboard_is_not_overwritten_without_force(made, tmp_path, command):
    out = copy_of(made, tmp_path)
    board = out / "storyboard.yaml"
    board.write_text(board.read_text() + "# my notes\n")
    edited = board.read_bytes()
    args = [command, STORY, "-o", str(out)] + (["--size", SIZE, "--cache", str(made[1])] if command == "make" else [])
    msg = one_error_line(run(*args))
    assert msg == f"{board}: was not written by onecrew, or was changed since: move it away to keep it, " \
                  "or pass --force to replace it"
    assert board.read_bytes() == edited
    ok(run(*args, "--force"))
    assert b"# my notes" not in board.read_bytes()


def test_an_unchanged_storyboard_is_planned_again_without_ado(made, tmp_path):
    out = copy_of(made, tmp_path)
    ok(run("plan", "Two women and a man pose for photos at the beach at sunset.", "-o", str(out)))
    assert "beach" in (out / "storyboard.yaml").read_text().lower()


def test_make_from_the_projects_own_storyboard_is_refused(made, tmp_path):
    out = copy_of(made, tmp_path)
    before = digest(out)
    msg = one_error_line(run("make", str(out / "storyboard.yaml"), "-o", str(out)))
    assert "would be written over" in msg and "onecrew render" in msg
    assert digest(out) == before


def test_an_output_folder_inside_the_cache_is_refused(made, tmp_path):
    cache = tmp_path / "cache"
    msg = one_error_line(make(cache / "v1" / "films", cache))
    assert "is inside the render cache" in msg
    assert not (cache / "v1" / "films").exists()


def test_an_empty_output_name_is_refused(tmp_path):
    p = run("plan", "Mara waves.", "-o", "", cwd=tmp_path)
    assert one_error_line(p).startswith("argument -o/--out: an empty folder name")
    assert list(tmp_path.iterdir()) == []


# -- hard links into the cache ---------------------------------------------------------------

def test_a_clip_changed_in_place_is_repaired_by_the_next_render_of_every_project(made, tmp_path):
    cache = tmp_path / "cache"
    a, b = tmp_path / "a", tmp_path / "b"
    ok(make(a, cache))
    ok(make(b, cache))
    good = (a / "film.mp4").read_bytes()
    film = a / "film.mp4"
    film.chmod(0o644)  # it is read-only; the creator insists
    with open(film, "r+b") as f:  # in place: through the link, the cache's blob changes too
        f.seek(len(good) // 2)
        f.write(b"\0" * 64)
    for project in (a, b):
        ok(make(project, cache))
        assert (project / "film.mp4").read_bytes() == good


# -- concurrency ---------------------------------------------------------------------------------

def test_six_chooses_at_once_keep_every_choice(made, tmp_path):
    out = copy_of(made, tmp_path)
    board = out / "storyboard.yaml"
    from onecrew.parse.storyboard_file import load_storyboard
    shots = [s.id for s in load_storyboard(board.read_text()).shots]
    picks = {shot: 2 + i % 3 for i, shot in enumerate(shots[:6])}
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda kv: run("choose", kv[0], str(kv[1]), "-o", str(out)), picks.items()))
    for p in results:
        ok(p)
    chosen = {s.id: s.take for s in load_storyboard(board.read_text()).shots}
    assert {k: chosen[k] for k in picks} == picks
    assert [p for p in out.iterdir() if p.name.endswith(".tmp")] == []


# -- the cache stays inside itself ---------------------------------------------------------------

def test_gc_and_verify_never_follow_a_link_out_of_the_cache(made, tmp_path, precious):
    cache = tmp_path / "cache"
    shutil.copytree(made[1], cache)
    (cache / "v1" / "objects" / "zz").symlink_to(precious, target_is_directory=True)
    (cache / "v1" / "entries" / "zz").symlink_to(precious, target_is_directory=True)
    (cache / "v1" / "tmp" / "old").symlink_to(precious, target_is_directory=True)
    old = time.time() - 86400 * 400
    for p in precious.iterdir():
        os.utime(p, (old, old))
    before = digest(precious)
    ok(run("cache", "verify", "--cache", str(cache)))
    ok(run("cache", "gc", "--older-than", "0", "--max-size", "0", "--cache", str(cache)))
    assert digest(precious) == before


@pytest.mark.parametrize("args", [["--older-than", "-1"], ["--older-than", "nan"], ["--older-than", "inf"],
                                  ["--max-size", "-5G"], ["--max-size", "infG"], ["--max-size", "nan"]])
def test_gc_bounds(tmp_path, args):
    msg = one_error_line(run("cache", "gc", "--cache", str(tmp_path / "c"), *args))
    assert msg.startswith("argument --")


# -- failures are one line and leave nothing half-written ----------------------------------------

def test_status_and_takes_read_a_read_only_project(made, tmp_path):
    """On a file system mounted read-only (root ignores a folder's permissions, not that):
    SQLite can write no WAL index there, and the queue is read as it lies."""
    disk = tmp_path / "disk"
    why = _can_mount_tmpfs(disk, "64m")
    if why:
        pytest.skip(f"cannot mount a tmpfs here ({why}): a read-only project needs one")
    try:
        out = disk / "out"
        shutil.copytree(made[0], out, symlinks=True)
        for suffix in ("-wal", "-shm"):  # as a copy taken after the render ended has it
            Path(f"{out}/.onecrew/jobs.sqlite{suffix}").unlink(missing_ok=True)
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
        status = ok(run("status", "-o", str(out))).stdout.decode()
        assert "finished" in status
        shot = next(p.stem for p in (out / "shots").glob("*.mp4"))
        assert "take 1" in ok(run("takes", shot, "-o", str(out))).stdout.decode()
        msg = one_error_line(run("choose", shot, "2", "-o", str(out)))
        assert "Read-only file system" in msg
    finally:
        subprocess.run(["umount", str(disk)])


def test_a_damaged_job_queue_says_what_to_do(made, tmp_path):
    out = copy_of(made, tmp_path)
    db = out / ".onecrew" / "jobs.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(os.urandom(4096))
    for args in (["status", "-o", str(out)], ["resume", "-o", str(out)]):
        msg = one_error_line(run(*args))
        assert msg.startswith(f"{db}: the job queue is damaged") and f"delete {db}" in msg


def _can_mount_tmpfs(where: Path, size: str = "1m") -> str:
    where.mkdir()
    if shutil.which("mount") is None:
        return "no mount command"
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return "" if p.returncode == 0 else p.stderr.decode().strip() or "mount refused"


def test_a_full_disk_is_one_line_naming_it_and_leaves_no_temporary_files(made, tmp_path):
    small = tmp_path / "small"
    why = _can_mount_tmpfs(small)
    if why:
        pytest.skip(f"cannot mount a small tmpfs here ({why}): the disk-full case needs one")
    try:
        cache = small / "cache"  # 1 MB: the shots do not fit
        msg = one_error_line(make(small / "out", cache))
        assert "the disk is full" in msg, msg
        left = [p for p in small.rglob("*") if p.is_file() and (p.suffix in (".tmp", ".part") or ".part." in p.name)]
        assert left == []
        assert [p for p in (cache / "v1" / "tmp").iterdir()] == []
    finally:
        subprocess.run(["umount", str(small)])


def test_sigterm_stops_a_render_that_resume_then_finishes(made, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = os.environ | {"TMPDIR": str(tmpdir)}
    p = subprocess.Popen([ONECREW, "make", STORY, "-o", str(out), "--size", "320x180", "--cache", str(cache)],
                         stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not (out / ".onecrew" / "jobs.sqlite").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.skip("the render finished before the signal")
    assert p.returncode == 128 + signal.SIGTERM and err.decode().strip().endswith("onecrew: terminated"), err
    assert "Traceback" not in err.decode()
    assert list(tmpdir.iterdir()) == []  # nothing left in the temporary folder
    assert list((cache / "v1" / "tmp").iterdir()) == []
    status = ok(run("status", "-o", str(out))).stdout.decode()
    assert "failed" in status or "interrupted" in status
    ok(run("resume", "-o", str(out)))
    assert (out / "film.mp4").exists()
