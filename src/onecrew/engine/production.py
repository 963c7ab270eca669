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

from ..errors import OnecrewError
from ..progress import Progress
from .jobs import Jobs
from .store import Entry, Store, key_of
from .work import ShotJob

Make = Callable[[Path], tuple[Mapping[str, Path], Mapping]]  # tmp folder → (files by role, info)


class Production:
    def __init__(self, store: Store, jobs: Jobs, executor, progress: Progress) -> None:
        self.store, self.jobs, self.executor, self.progress = store, jobs, executor, progress
        self.reused: Counter[str] = Counter()
        self.made: Counter[str] = Counter()
        self.entries: dict[str, Entry] = {}  # shot jobs settled, by key
        self._waiting: dict[str, ShotJob] = {}
        self._frames = 0  # frames of the shots submitted
        executor.on_start = jobs.running
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
        except BaseException as e:
            self.jobs.failed(key, _one_line(e))
            raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.jobs.done(key)
        self.made[kind] += 1
        return entry

    # -- shots, by the executor ----------------------------------------------------------------

    def shots(self, jobs: Iterable[ShotJob]) -> None:
        """Queue shot jobs: those in the cache are settled now, the rest start rendering."""
        fresh = []
        for job in jobs:
            key = job.key
            if key in self.entries or key in self._waiting:
                continue
            self.jobs.add(key, "shot", job.label, job.frames, {"shot": job.request.shot.id, "take": job.take})
            entry = self.store.get(key)
            if entry is not None:
                self.entries[key] = entry
                self.jobs.reused(key)
                self.reused["shot"] += 1
            else:
                self._waiting[key] = job
                self._frames += job.frames
                fresh.append(job)
        self.executor.submit(fresh)

    def poll(self, block: bool = False) -> None:
        for job, result in self.executor.finished(block):
            del self._waiting[job.key]
            if isinstance(result, BaseException):
                self.jobs.failed(job.key, _one_line(result))
                cause = result.message if isinstance(result, OnecrewError) else _one_line(result)
                raise OnecrewError(f"{job.label} failed: {cause} (`onecrew status` has the details; "
                                   f"`onecrew resume` renders what is left)")
            self.entries[job.key] = result
            self.jobs.done(job.key)
            self.made["shot"] += 1
        self._show()

    def wait(self) -> dict[str, Entry]:
        while self._waiting:
            self.poll(block=True)
        return self.entries

    def _show(self) -> None:
        if self._frames:
            self.progress("render", self.executor.frames(), self._frames, "frames")

    # -- the tally -----------------------------------------------------------------------------

    def tally(self) -> str:
        made, reused = sum(self.made.values()), sum(self.reused.values())
        kinds = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(self.made.items()))
        return f"{made} artifact{'s' if made != 1 else ''} rendered{f' ({kinds})' if kinds else ''}, " \
               f"{reused} reused from the cache"


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())[:300]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
