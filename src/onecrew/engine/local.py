"""Shot jobs run by local worker processes, one per core, with one combined frame count.

Shots are independent, so they render in parallel; each worker encodes its own segment, which
also spreads the encoder's work over the cores. `workers=1` renders in this process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import select
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Sequence

from ..render.registry import Ref
from .store import Entry
from .work import ShotJob, render_shot

_done = None  # frames rendered by all workers: a shared counter the parent polls
_started = None  # keys of jobs a worker has begun, for the job queue's "running" state


def _init(counter, started, render: int) -> None:
    global _done, _started
    _done, _started = counter, started
    _die_with_render(render)
    signal.signal(signal.SIGTERM, _stop)


class _Stopped(BaseException):
    """SIGTERM in the middle of a shot: unwinds it so its temporary files go, then the worker exits."""


_rendering = False


def _stop(signum, frame) -> None:
    if _rendering:
        raise _Stopped()
    os._exit(0)


def _die_with_render(render: int) -> None:
    """A render killed with SIGKILL cannot stop its workers, so each watches the render itself
    and exits with it: none is left orphaned holding the project's lock (the shot it was
    drawing is lost, as any job in flight; `resume` redoes it). The kernel's parent-death
    signal does not serve: a worker's parent is the fork server, which outlives the render
    while any worker does."""
    try:
        fd = os.pidfd_open(render)  # readable once the render has exited: no polling
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):  # not Linux 5.3+: look every half second
        fd = None
    threading.Thread(target=_watch, args=(render, fd), name="watch-render", daemon=True).start()


def _watch(render: int, fd: int | None) -> None:
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(render):
            time.sleep(0.5)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _context():
    """Workers are forked from a fork server: a clean process that has imported the renderer
    but never run a codec. Forking the render process itself is not safe once it has encoded
    anything in-process (FFmpeg's slice threads and their locks do not survive `fork`, and a
    child that touches them waits forever), and spawning re-imports everything per worker."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    # what a worker needs, imported once in the server, so a worker starts in milliseconds
    ctx.set_forkserver_preload([__name__, "onecrew.engine.work", "onecrew.render.previs.draw",
                                "onecrew.media.video", "onecrew.media.still"])
    return ctx


def _render(backend: "str | Ref", job: ShotJob, passes: tuple[str, ...], cache_root: Path) -> Entry:
    global _rendering
    _rendering = True
    try:
        return _render_one(backend, job, passes, cache_root)
    except _Stopped:
        os._exit(0)
    finally:
        _rendering = False


def _render_one(backend: "str | Ref", job: ShotJob, passes: tuple[str, ...], cache_root: Path) -> Entry:
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


@contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until this is done. Submitting may start a worker; a stop raised
    between its start and the pool's record of it would leave it unknown, not stopped, reading
    queues this process is tearing down. (Masking the signal would not do: another thread may
    take it, and Python still runs the handler in this one.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    seen: list[int] = []
    before = {sig: signal.signal(sig, lambda signum, frame: seen.append(signum))
              for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        if seen:  # now handled as it would have been
            signal.raise_signal(seen[0])


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


Finished = list[tuple[ShotJob, "Entry | BaseException"]]


class LocalExecutor:
    """`submit()` queues shot jobs (rendering starts at once); `started()` and `finished()`
    report without blocking unless asked to; `frames()` counts frames drawn so far."""

    name = "local"
    on_start = staticmethod(lambda key: None)  # told when a worker begins a job
    on_tick = staticmethod(lambda: None)  # one worker: told as frames are drawn, for progress

    def __init__(self, backend: "str | Ref", passes: tuple[str, ...], cache_root: Path,
                 workers: int | None = None) -> None:
        self.backend, self.passes, self.cache_root = backend, passes, cache_root
        self.workers = workers or default_workers()
        self._futures: dict[Future, ShotJob] = {}
        self._queue: deque[ShotJob] = deque()  # inline mode: jobs not yet rendered
        self._inline_frames = 0
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            ctx = _context()
            self._counter, self._started = ctx.Value("q", 0), ctx.SimpleQueue()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                             initargs=(self._counter, self._started, os.getpid()))

    def submit(self, jobs: Sequence[ShotJob]) -> None:
        for job in sorted(jobs, key=lambda j: -j.frames):  # longest first: short ones fill the end
            if self._pool is None:
                self._queue.append(job)
            else:
                with _signals_held():  # a worker may be starting: it must be known to the pool
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

    def close(self, abort: bool = False) -> list:
        """Stop: queued jobs are dropped, jobs in flight finish (a shot lands in the cache), or
        with `abort` (Ctrl-C, SIGTERM) are stopped now; returns what finished and was not yet
        collected, so its leftovers can be removed."""
        self._queue.clear()
        left = []
        if self._pool is not None:
            if abort:
                self._stop_workers()
            self._pool.shutdown(wait=True, cancel_futures=True)
            left = [f.result() for f in self._futures if f.done() and not f.cancelled() and f.exception() is None]
            self._futures.clear()
        return left

    def _stop_workers(self) -> None:
        """Each worker unwinds its shot (its temporary files go) and exits; all are gone before
        this process exits, so none is left starting up against the queues it tears down."""
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        for p in procs:
            try:
                p.terminate()
            except (OSError, ValueError, AttributeError):
                pass
        for p in procs:
            try:
                p.join(10)
            except (OSError, ValueError, AssertionError):
                pass

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

