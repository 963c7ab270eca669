"""Shot jobs run by local worker processes, one per core, with one combined frame count.

Shots are independent, so they render in parallel; each worker encodes its own segment, which
also spreads the encoder's work over the cores. `workers=1` renders in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Sequence

from .store import Entry
from .work import ShotJob, render_shot

_done = None  # frames rendered by all workers: a shared counter the parent polls
_started = None  # keys of jobs a worker has begun, for the job queue's "running" state


def _init(counter, started, parent: int) -> None:
    global _done, _started
    _done, _started = counter, started
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A render killed with SIGKILL cannot stop its workers; the kernel can, so none is left
    orphaned holding the project's lock (the shot it was drawing is lost, as any job in
    flight; `resume` redoes it). A parent killed before the kernel was asked is checked for."""
    if sys.platform == "linux":
        try:
            PR_SET_PDEATHSIG = 1
            ctypes.CDLL("libc.so.6").prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(0)


def _render(backend: str, job: ShotJob, passes: tuple[str, ...], cache_root: Path) -> Entry:
    _started.put(job.key)
    reported = 0

    def tick(n: int) -> None:
        nonlocal reported
        if n > reported:
            with _done.get_lock():
                _done.value += n - reported
            reported = n

    entry = render_shot(backend, job, passes, cache_root, tick)
    tick(job.frames)
    return entry


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


Finished = list[tuple[ShotJob, "Entry | BaseException"]]


class LocalExecutor:
    """`submit()` queues shot jobs (rendering starts at once); `started()` and `finished()`
    report without blocking unless asked to; `frames()` counts frames drawn so far."""

    name = "local"
    on_start = staticmethod(lambda key: None)  # told when a worker begins a job
    on_tick = staticmethod(lambda: None)  # one worker: told as frames are drawn, for progress

    def __init__(self, backend: str, passes: tuple[str, ...], cache_root: Path,
                 workers: int | None = None) -> None:
        self.backend, self.passes, self.cache_root = backend, passes, cache_root
        self.workers = workers or default_workers()
        self._futures: dict[Future, ShotJob] = {}
        self._queue: deque[ShotJob] = deque()  # inline mode: jobs not yet rendered
        self._inline_frames = 0
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            # fork is cheap and safe here (no threads yet); elsewhere only spawn is safe
            ctx = mp.get_context("fork" if sys.platform == "linux" else "spawn")
            self._counter, self._started = ctx.Value("q", 0), ctx.SimpleQueue()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                             initargs=(self._counter, self._started, os.getpid()))

    def submit(self, jobs: Sequence[ShotJob]) -> None:
        for job in sorted(jobs, key=lambda j: -j.frames):  # longest first: short ones fill the end
            if self._pool is None:
                self._queue.append(job)
            else:
                self._futures[self._pool.submit(_render, self.backend, job, self.passes,
                                                self.cache_root)] = job

    def finished(self, block: bool = False) -> Finished:
        """Jobs finished since the last call; with `block`, waits a moment for one (and with
        one worker, renders the next one)."""
        if self._pool is None:
            return self._render_next() if block else []
        while not self._started.empty():
            self.on_start(self._started.get())
        done, _ = wait(list(self._futures), timeout=0.1 if block else 0, return_when=FIRST_COMPLETED)
        out: Finished = []
        for f in done:
            job = self._futures.pop(f)
            try:
                out.append((job, f.result()))
            except BaseException as e:  # reported by the caller, with the shot it belongs to
                out.append((job, e))
        return out

    def frames(self) -> int:
        return self._inline_frames if self._pool is None else self._counter.value

    def close(self) -> list:
        """Stop: queued jobs are dropped, jobs in flight finish (a shot lands in the cache);
        returns what finished and was not yet collected, so its leftovers can be removed."""
        self._queue.clear()
        left = []
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            left = [f.result() for f in self._futures if f.done() and not f.cancelled() and f.exception() is None]
            self._futures.clear()
        return left

    def _render_next(self) -> Finished:
        if not self._queue:
            return []
        job = self._queue.popleft()
        self.on_start(job.key)
        base = self._inline_frames

        def tick(n: int) -> None:
            self._inline_frames = base + n
            self.on_tick()
        try:
            entry = render_shot(self.backend, job, self.passes, self.cache_root, tick)
        except Exception as e:
            return [(job, e)]
        self._inline_frames = base + job.frames
        return [(job, entry)]

