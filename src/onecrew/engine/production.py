"""One render's bookkeeping: every artifact comes from the cache or is made once, and the job
queue records which, as it happens.

Shots go to the executor (local processes or Ray); the other artifacts (voiced lines, stems,
mix, final mux) are made here, in the coordinating process, while the shots render.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..errors import OnecrewError, os_error_line
from ..progress import Progress
from .jobs import Jobs
from .store import Entry, Store, key_of
from .work import Piece, ShotJob, join

class ShotFailed(OnecrewError):
    """A shot job failed: raised through whatever was polling, without blaming it."""


Make = Callable[[Path], tuple[Mapping[str, Path], Mapping]]  # tmp folder → (files by role, info)


class Production:
    def __init__(self, store: Store, jobs: Jobs, executor, progress: Progress, split: bool = False,
                 before_shot=lambda job: None) -> None:
        self.store, self.jobs, self.executor, self.progress = store, jobs, executor, progress
        self.split = split  # the backend draws frame ranges: long shots go out in pieces
        self.before_shot = before_shot  # told of each shot about to be sent: may refuse it
        self.reused: Counter[str] = Counter()
        self.made: Counter[str] = Counter()
        self.entries: dict[str, Entry] = {}  # shot jobs settled, by key
        self._shots: dict[str, tuple[ShotJob, list[ShotJob]]] = {}  # being drawn: key → (shot, its parts)
        self._waiting: dict[str, tuple[str, ShotJob]] = {}  # with the executor: part key → (shot key, part)
        self._drawn: dict[str, Piece] = {}  # pieces drawn, waiting for the rest of their shot
        self._begun: set[str] = set()
        self._frames = 0  # frames of the shots submitted
        executor.on_start = self._started
        executor.on_tick = self._show

    # -- artifacts made here -------------------------------------------------------------------

    def obtain(self, spec: Mapping, kind: str, label: str, make: Make) -> Entry:
        key = key_of(spec)
        self.jobs.add(key, kind, label)
        entry = self.store.get(key)
        if entry is not None:
            self.jobs.reused(key)
            self.reused[kind] += 1
            return entry
        self.jobs.running(key)
        tmp = self.store.tmp_dir()
        try:
            files, info = make(tmp)
            entry = self.store.put(spec, kind, label, files, info)
        except ShotFailed:  # a shot failed while this was being made: this job did nothing wrong
            self.jobs.pending(key)
            raise
        except BaseException as e:
            self.jobs.failed(key, one_line(e))
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.jobs.done(key)
        self.made[kind] += 1
        return entry

    # -- shots, by the executor ----------------------------------------------------------------

    def shots(self, jobs: Iterable[ShotJob]) -> None:
        """Queue shot jobs: those in the cache are settled now, the rest start rendering (a
        long shot as pieces several workers draw at once, when the backend can)."""
        fresh = []
        for job in jobs:
            key = job.key
            if key in self.entries or key in self._shots:
                continue
            self.jobs.add(key, "shot", job.label, job.frames, {"shot": job.request.shot.id, "take": job.take})
            entry = self.store.get(key)
            if entry is not None:
                self._settle(job, entry, reused=True)
                continue
            self.before_shot(job)
            parts = job.pieces() if self.split else [job]
            self._shots[key] = (job, parts)
            for part in parts:
                self._waiting[part.key] = (key, part)
                self._frames += part.frames
            fresh += parts
        self.executor.submit(fresh)

    def poll(self, block: bool = False) -> None:
        failure = None
        for part, result in self.executor.finished(block):  # every result is settled, then a failure raised
            key, _ = self._waiting.pop(part.key)
            job, parts = self._shots[key]
            if isinstance(result, BaseException):
                self.jobs.failed(key, one_line(result))
                cause = result.message if isinstance(result, OnecrewError) else one_line(result)
                failure = failure or ShotFailed(f"{part.label} failed: {cause} (`onecrew status` has the "
                                                f"details; `onecrew resume` renders what is left)")
                continue
            if part is job:
                del self._shots[key]
                self._settle(job, result, reused=False)
                continue
            self._drawn[part.key] = result
            if all(p.key in self._drawn for p in parts):
                del self._shots[key]
                try:
                    entry = join(self.store, job, [self._drawn.pop(p.key) for p in parts])
                except Exception as e:
                    self.jobs.failed(key, one_line(e))
                    raise OnecrewError(f"{job.label}: its pieces cannot be joined: {one_line(e)}") from None
                self._settle(job, entry, reused=False)
        if failure is not None:
            raise failure
        self._show()

    def wait(self) -> dict[str, Entry]:
        while self._shots:
            self.poll(block=True)
        return self.entries

    def close(self, abort: bool = False) -> None:
        """Stop the executor (`abort`: its shots in flight too); remove pieces drawn for shots
        never joined (a failure stopped the run), including those that finished while it stopped."""
        for result in self.executor.close(abort) or ():
            self._discard(result)
        for piece in self._drawn.values():
            self._discard(piece)
        self._drawn.clear()

    @staticmethod
    def _discard(result) -> None:
        if isinstance(result, Piece):
            shutil.rmtree(result.folder, ignore_errors=True)

    def _started(self, part_key: str) -> None:
        if part_key not in self._waiting:  # it finished before its start was heard of
            return
        key, _ = self._waiting[part_key]
        if key not in self._begun:  # a shot's first piece starts it
            self._begun.add(key)
            self.jobs.running(key)

    def _settle(self, job: ShotJob, entry: Entry, reused: bool) -> None:
        self.entries[job.key] = entry
        if reused:
            self.jobs.reused(job.key)
            self.reused["shot"] += 1
        else:
            self.jobs.done(job.key)
            self.made["shot"] += 1

    def _show(self) -> None:
        if self._frames:
            self.progress("render", self.executor.frames(), self._frames, "frames")

    # -- the tally -----------------------------------------------------------------------------

    def tally(self) -> str:
        made, reused = sum(self.made.values()), sum(self.reused.values())
        kinds = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(self.made.items()))
        return f"{made} artifact{'s' if made != 1 else ''} rendered{f' ({kinds})' if kinds else ''}, " \
               f"{reused} reused from the cache"


def one_line(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:  # a full disk, a permission: the file and the remedy
        return os_error_line(e)
    text = " ".join(str(e).split())[:300]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
