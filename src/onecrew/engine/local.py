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
    """Shots being rendered. `add()` queues requests (rendering starts at once in the workers,
    so shots whose pictures are already known can render while later ones are still being
    prepared); `poll()` reports progress without blocking; `wait(order)` returns the artifacts
    in the order of the shot ids given (with one worker, it does the rendering itself)."""

    def __init__(self, backend: str, work_dir: Path, passes: tuple[str, ...] = (),
                 workers: int | None = None, progress: Progress = silent) -> None:
        self.backend, self.work_dir, self.passes = backend, work_dir, passes
        self.progress = progress
        self.total = 0
        self.workers = workers or default_workers()
        work_dir.mkdir(parents=True, exist_ok=True)
        self.thumbnails: dict[str, bytes] = {}  # shot id → JPEG, once rendered
        self._requests: dict[str, ShotRequest] = {}
        self._futures: dict[str, Future] = {}
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            # fork is cheap and safe here (no threads yet); elsewhere only spawn is safe
            ctx = mp.get_context("fork" if sys.platform == "linux" else "spawn")
            self._counter = ctx.Value("q", 0)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                             initargs=(self._counter,))

    def add(self, requests: Sequence[ShotRequest]) -> None:
        """Queue each request not already queued as it stands; a changed one replaces it."""
        fresh = [r for r in requests if self._requests.get(r.shot.id) != r]
        for r in fresh:
            if r.shot.id in self._requests:
                self.total -= self._requests[r.shot.id].frames
            self._requests[r.shot.id] = r
            self.total += r.frames
        if self._pool is not None:
            for r in sorted(fresh, key=lambda r: -r.frames):  # longest first: short ones fill the end
                self._futures[r.shot.id] = self._pool.submit(_render, self.backend, r, self.work_dir,
                                                             self.passes)

    def poll(self) -> None:
        if self._pool is not None:
            self.progress("render", self._counter.value, self.total, "frames")

    def wait(self, order: Sequence[str]) -> list[ShotArtifact]:
        if self._pool is None:
            return self._inline(order)
        try:
            futures = [self._futures[i] for i in order]
            while not all(f.done() for f in futures):
                self.poll()
                time.sleep(0.1)
            self.poll()
            return self._keep([f.result() for f in futures])
        finally:
            self.close()

    def close(self) -> None:
        """Stop: queued shots are dropped, shots in flight finish (a few seconds at most)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _inline(self, order: Sequence[str]) -> list[ShotArtifact]:
        out, before = [], 0
        for shot_id in order:
            r = self._requests[shot_id]

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
