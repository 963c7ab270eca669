"""Where shot jobs run: local worker processes (the default) or a Ray cluster.

Both take `ShotJob`s and give back cache entries; the cache is where the clips go, so a
cluster's workers must share it (a network folder mounted at the same path everywhere).
"""

from __future__ import annotations

import atexit
import socket
from pathlib import Path

from ..errors import OnecrewError
from ..render import registry
from .local import LocalExecutor
from .work import ShotJob, render_shot


def start(settings, backend, cache_root: Path):
    ref = registry.ref(backend.name, settings.backend_config)
    if settings.executor == "ray":
        return RayExecutor(ref, settings.passes, cache_root, settings.workers,
                           settings.address, gpus=backend.capabilities.gpus)
    # a remote model waits, it does not draw: as many shots in flight as it takes at once
    return LocalExecutor(ref, settings.passes, cache_root, settings.workers or backend.capabilities.concurrency)


def _ray():
    try:
        import ray
    except ImportError:
        raise OnecrewError("--executor ray needs Ray: pip install 'onecrew[ray]'") from None
    return ray


def _reachable(address: str, timeout: float = 5.0) -> None:
    """A quick TCP check of a "host:port" or "ray://host:port" address ("auto" is Ray's to find)."""
    hostport = address.split("://", 1)[-1]
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as e:
        raise OnecrewError(f"cannot reach the Ray cluster at {address}: {e.strerror or e} "
                           f"(is `ray start --head` running there?)") from None


class RayExecutor:
    """Each shot is a Ray task asking for one CPU and the backend's GPUs. Connects to the
    cluster at `address` ("auto", "ray://head:10001"), or starts Ray on this machine with
    `workers` CPUs, stopped when the process exits."""

    name = "ray"
    on_start = staticmethod(lambda key: None)
    on_tick = staticmethod(lambda: None)

    def __init__(self, backend: "str | registry.Ref", passes: tuple[str, ...], cache_root: Path, workers: int | None,
                 address: str | None, gpus: float = 0) -> None:
        self.ray = _ray()
        self.backend, self.passes, self.cache_root, self.gpus = backend, passes, cache_root, gpus
        self.workers, self.address = workers, address
        self._task = None  # Ray is joined when there is a shot to render: not for a film from the cache
        self._refs: dict = {}  # object ref → job
        self._frames = 0

    def _connect(self):
        ray, address = self.ray, self.address
        if not ray.is_initialized():
            if address:
                _reachable(address)  # Ray itself would wait minutes on an address nobody answers
            try:
                if address:
                    ray.init(address=address, logging_level="ERROR", log_to_driver=False)
                else:
                    ray.init(num_cpus=self.workers, include_dashboard=False, logging_level="ERROR",
                             log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as e:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise OnecrewError(f"cannot start {where}: {' '.join(str(e).split())[:200]}") from None
            # Stopping Ray takes seconds: not between the last shot and the cut, but at exit, and
            # a process that renders again (the Python API, a studio) keeps using this one.
            atexit.register(ray.shutdown)
        return ray.remote(render_shot)

    def submit(self, jobs: list[ShotJob]) -> None:
        if jobs and self._task is None:
            self._task = self._connect()
        for job in sorted(jobs, key=lambda j: -j.frames):
            ref = self._task.options(num_cpus=1, num_gpus=self.gpus, max_retries=1).remote(
                self.backend, job, self.passes, self.cache_root)
            self._refs[ref] = job
            self.on_start(job.key)  # Ray does not say when a task starts: queued counts as running

    def finished(self, block: bool = False):
        if not self._refs:
            return []
        ready, _ = self.ray.wait(list(self._refs), num_returns=len(self._refs),
                                 timeout=0.1 if block else 0)
        out = []
        for ref in ready:
            job = self._refs.pop(ref)
            try:
                out.append((job, self.ray.get(ref)))
                self._frames += job.frames
            except self.ray.exceptions.RayTaskError as e:
                out.append((job, e.cause if isinstance(e.cause, BaseException) else e))
            except self.ray.exceptions.RayError as e:
                out.append((job, e))
        return out

    def frames(self) -> int:
        return self._frames

    def close(self, abort: bool = False) -> list:
        """Tasks still running are cancelled either way: a cluster's shot is not waited for."""
        ready, running = self.ray.wait(list(self._refs), num_returns=len(self._refs), timeout=0) \
            if self._refs else ([], [])
        for ref in running:
            self.ray.cancel(ref)
        left = []
        for ref in ready:
            try:
                left.append(self.ray.get(ref))
            except self.ray.exceptions.RayError:
                pass
        self._refs.clear()
        return left
