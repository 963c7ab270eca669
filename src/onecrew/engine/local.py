"""Shots rendered by local worker processes, one per core, with one combined frame count.

Shots are independent, so they render in parallel; each worker encodes its own segment, which
also spreads the encoder's work over the cores. `workers=1` renders in this process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Sequence

from ..media.still import thumbnail
from ..media.video import release_memory
from ..progress import Progress, silent
from ..render import registry
from ..render.backend import RenderContext, ShotArtifact, ShotRequest

_done = None  # frames rendered by all workers: a shared counter the parent polls


def _init(counter) -> None:
    global _done
    _done = counter


def _render(backend: str, request: ShotRequest, work_dir: Path,
            passes: tuple[str, ...]) -> tuple[ShotArtifact, bytes]:
    reported = 0

    def tick(n: int) -> None:
        nonlocal reported
        if _done is not None and n > reported:
            with _done.get_lock():
                _done.value += n - reported
            reported = n

    artifact = registry.get(backend).render(request, RenderContext(work_dir=work_dir, passes=passes,
                                                                   progress=tick))
    tick(request.frames)
    # the storyboard's thumbnail, taken from the clip whatever the backend, while it is warm
    thumb = thumbnail(artifact.video)
    release_memory()
    return artifact, thumb


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class Batch:
    """Shots being rendered. `poll()` reports progress without blocking; `wait()` returns the
    artifacts in request order (and, with one worker, does the rendering itself)."""

    def __init__(self, backend: str, requests: Sequence[ShotRequest], work_dir: Path,
                 passes: tuple[str, ...] = (), workers: int | None = None,
                 progress: Progress = silent) -> None:
        self.backend, self.requests, self.work_dir, self.passes = backend, list(requests), work_dir, passes
        self.progress = progress
        self.total = sum(r.frames for r in self.requests)
        self.workers = workers or default_workers()
        work_dir.mkdir(parents=True, exist_ok=True)
        self.thumbnails: dict[str, bytes] = {}  # shot id → JPEG, once rendered
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future] = []
        if self.workers > 1 and len(self.requests) > 1:
            # fork is cheap and safe here (no threads yet); elsewhere only spawn is safe
            ctx = mp.get_context("fork" if sys.platform == "linux" else "spawn")
            self._counter = ctx.Value("q", 0)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                             initargs=(self._counter,))
            # longest first, so the last shot to finish is a short one
            order = sorted(range(len(self.requests)), key=lambda i: -self.requests[i].frames)
            futures: dict[int, Future] = {i: self._pool.submit(_render, backend, self.requests[i],
                                                               work_dir, passes) for i in order}
            self._futures = [futures[i] for i in range(len(self.requests))]

    def poll(self) -> None:
        if self._pool is not None:
            self.progress("render", self._counter.value, self.total, "frames")

    def wait(self) -> list[ShotArtifact]:
        if self._pool is None:
            return self._inline()
        try:
            while not all(f.done() for f in self._futures):
                self.poll()
                time.sleep(0.1)
            self.poll()
            return self._keep([f.result() for f in self._futures])
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _inline(self) -> list[ShotArtifact]:
        out, before = [], 0
        for r in self.requests:
            def tick(n: int, base=before) -> None:
                self.progress("render", base + n, self.total, "frames")
            artifact = registry.get(self.backend).render(
                r, RenderContext(work_dir=self.work_dir, passes=self.passes, progress=tick))
            out.append((artifact, thumbnail(artifact.video)))
            before += r.frames
            self.progress("render", before, self.total, "frames")
        return self._keep(out)

    def _keep(self, done: list[tuple[ShotArtifact, bytes]]) -> list[ShotArtifact]:
        self.thumbnails = {a.shot: thumb for a, thumb in done}
        return [a for a, _ in done]
