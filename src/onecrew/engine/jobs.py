"""The durable job queue of a project: one row per artifact, in SQLite (WAL), in `<out>/.onecrew/`.

Only the coordinating process writes here; workers write artifacts to the cache. A commit
per state change means a `kill -9` loses at most the jobs in flight: their rows say
"running" under a process that no longer exists, and `resume` runs them again. The run row
keeps everything needed to do so (the storyboard as it was being filmed and the settings).
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import OnecrewError

PENDING, RUNNING, DONE, REUSED, FAILED = "pending", "running", "done", "reused", "failed"
KEEP_RUNS = 20  # runs (and their jobs) remembered per project

_SCHEMA = """
CREATE TABLE IF NOT EXISTS run (
    id INTEGER PRIMARY KEY, pid INTEGER, command TEXT, state TEXT,
    started REAL, finished REAL, error TEXT, spec TEXT);
CREATE TABLE IF NOT EXISTS job (
    run INTEGER, key TEXT, kind TEXT, label TEXT, state TEXT, attempts INTEGER DEFAULT 0,
    error TEXT, frames INTEGER DEFAULT 0, info TEXT, started REAL, finished REAL,
    PRIMARY KEY (run, key));
"""


@dataclass(frozen=True)
class Job:
    key: str
    kind: str
    label: str
    state: str
    attempts: int
    error: str | None
    frames: int
    info: dict


@dataclass(frozen=True)
class Run:
    id: int
    pid: int
    command: str
    state: str  # "running", "finished", "failed"
    started: float
    finished: float | None
    error: str | None
    spec: dict  # what `resume` needs: storyboard, settings, fit

    def alive(self, out: Path) -> bool:
        """Still rendering: it says so, and the project's lock is held (a pid can be reused;
        a lock dies with its holder)."""
        return self.state == "running" and locked(out)


def project_dir(out: Path) -> Path:
    return Path(out) / ".onecrew"


DB = "jobs.sqlite"


class Jobs:
    def __init__(self, out: Path, read_only: bool = False) -> None:
        folder = _real_folder(project_dir(out), make=not read_only)
        path = folder / DB
        for p in (path, path.with_name(DB + "-wal"), path.with_name(DB + "-shm")):
            if p.is_symlink():  # SQLite would follow it and write wherever it points
                raise OnecrewError("is a symbolic link: the job queue is only kept in the project "
                                   "itself; remove the link", where=str(p))
        try:
            if read_only:  # `status` and `takes` on a project they may not write (a read-only copy)
                self.db = _read_only(path)
            else:
                self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across a process kill
                self.db.executescript(_SCHEMA)
            self.db.execute("SELECT COUNT(*) FROM run").fetchone()
        except sqlite3.DatabaseError as e:
            if "locked" in str(e) or "readonly" in str(e) or "unable to open" in str(e):
                raise OnecrewError(f"cannot open the job queue: {e}", where=str(path)) from None
            raise OnecrewError(f"the job queue is damaged ({e}): delete {path} to start a new one (every "
                               f"finished shot is still in the cache; only `status` and `resume` of the "
                               f"runs so far are lost)", where=str(path)) from None
        except OSError as e:
            raise OnecrewError(f"cannot open the job queue: {e.strerror or e}", where=str(path)) from None
        self.run_id: int | None = None

    @classmethod
    def existing(cls, out: Path, read_only: bool = False) -> "Jobs":
        if not (project_dir(out) / DB).exists():
            raise OnecrewError("no onecrew render has run here (no .onecrew/jobs.sqlite)", where=str(out))
        return cls(out, read_only)

    def close(self) -> None:
        self.db.close()

    # -- runs ----------------------------------------------------------------------------------

    def start(self, command: str, spec: dict) -> int:
        cur = self.db.execute("INSERT INTO run (pid, command, state, started, spec) VALUES (?,?,?,?,?)",
                              (os.getpid(), command, "running", time.time(), json.dumps(spec)))
        self.run_id = cur.lastrowid
        # old runs are history nobody resumes: keep the queue the size of a few runs
        self.db.execute("DELETE FROM job WHERE run <= ?", (self.run_id - KEEP_RUNS,))
        self.db.execute("DELETE FROM run WHERE id <= ?", (self.run_id - KEEP_RUNS,))
        return self.run_id

    def finish(self, error: str | None = None) -> None:
        self.db.execute("UPDATE run SET state=?, finished=?, error=? WHERE id=?",
                        ("failed" if error else "finished", time.time(), error, self.run_id))

    def runs(self) -> list[int]:
        """Run ids, the latest first."""
        return [r[0] for r in self.db.execute("SELECT id FROM run ORDER BY id DESC")]

    def last_run(self) -> Run | None:
        row = self.db.execute("SELECT id, pid, command, state, started, finished, error, spec "
                              "FROM run ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return Run(*row[:7], self._json(row[7], dict))

    # -- jobs ----------------------------------------------------------------------------------

    def add(self, key: str, kind: str, label: str, frames: int = 0, info: dict | None = None) -> None:
        """Record the job for one artifact (once per run; adding it again changes nothing)."""
        self.db.execute("INSERT OR IGNORE INTO job (run, key, kind, label, state, frames, info) "
                        "VALUES (?,?,?,?,?,?,?)",
                        (self.run_id, key, kind, label, PENDING, frames, json.dumps(info or {})))

    def reused(self, key: str) -> None:
        self._set(key, REUSED, finished=time.time())

    def running(self, key: str) -> None:
        self.db.execute("UPDATE job SET state=?, attempts=attempts+1, started=?, error=NULL "
                        "WHERE run=? AND key=?", (RUNNING, time.time(), self.run_id, key))

    def pending(self, key: str) -> None:
        self._set(key, PENDING)

    def done(self, key: str) -> None:
        self._set(key, DONE, finished=time.time())

    def failed(self, key: str, error: str) -> None:
        self._set(key, FAILED, finished=time.time(), error=error)

    def _set(self, key: str, state: str, **fields) -> None:
        cols = ", ".join(f"{k}=?" for k in fields)
        self.db.execute(f"UPDATE job SET state=?{', ' + cols if cols else ''} WHERE run=? AND key=?",
                        (state, *fields.values(), self.run_id, key))

    def jobs(self, run: int | None = None) -> list[Job]:
        rows = self.db.execute("SELECT key, kind, label, state, attempts, error, frames, info FROM job "
                               "WHERE run=? ORDER BY rowid", (run or self.run_id,)).fetchall()
        return [Job(*r[:7], self._json(r[7] or "{}", dict)) for r in rows]

    def _json(self, text, kind: type):
        """A value the queue wrote as JSON; anything else means the file was damaged."""
        try:
            value = json.loads(text)
        except (TypeError, ValueError):
            value = None
        if not isinstance(value, kind):
            path = self.db.execute("PRAGMA database_list").fetchone()[2]
            raise OnecrewError(f"the job queue is damaged (a record is not what onecrew wrote): delete {path} "
                               "to start a new one (every finished shot is still in the cache)", where=path)
        return value

    def attempts_before(self, key: str) -> int:
        """How often this artifact was tried by earlier runs of this project and failed."""
        row = self.db.execute("SELECT COUNT(*) FROM job WHERE key=? AND state=? AND run<?",
                              (key, FAILED, self.run_id)).fetchone()
        return row[0]


def _read_only(path: Path) -> sqlite3.Connection:
    """Read a queue without writing anything in the project. A queue whose render closed it
    is one file, read as immutable (no WAL, no index file made beside it); one a render is
    writing, or left with a WAL by a killed one, is read through SQLite's read-only mode,
    which needs the WAL's index: where even that cannot be made (a read-only file system),
    as immutable again, the WAL's last commits unseen."""
    uri = path.resolve().as_uri()
    wal = path.with_name(DB + "-wal")
    if not wal.exists() and not locked(path.parent.parent):
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        db.execute("SELECT COUNT(*) FROM run").fetchone()
        return db
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            raise
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _real_folder(folder: Path, make: bool) -> Path:
    if folder.is_symlink():
        raise OnecrewError("is a symbolic link: onecrew keeps a project's state only in the project "
                           "itself; remove the link", where=str(folder))
    if make:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OnecrewError(f"cannot open the job queue: {e.strerror}", where=str(folder)) from None
    return folder


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def locked(out: Path) -> bool:
    """Whether a render holds the project's lock right now."""
    try:
        fd = os.open(project_dir(out) / "lock", os.O_RDONLY | _NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError:  # a link planted in its place: not a lock anybody holds
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


@contextmanager
def hold(out: Path, report=lambda m: None) -> Iterator[None]:
    """The project's lock: a second run on the same folder waits for the first to finish, then
    finds the first run's work in the cache. Released by the OS if the holder is killed."""
    folder = _real_folder(project_dir(out), make=True)
    try:  # never through a link: its target would be truncated to our pid
        fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o666)
    except OSError as e:
        if (folder / "lock").is_symlink():
            raise OnecrewError("is a symbolic link, not onecrew's lock: remove it", where=str(folder / "lock")) from None
        raise OnecrewError(f"cannot lock the project: {e.strerror}", where=str(folder)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            report(f"another render is working in {out} (pid {holder}); waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
