"""One shot job, as a worker runs it: render into the cache's tmp folder, then store the clip,
its control passes and its thumbnail under the job's key. Runs the same way in this process,
in a local worker process or as a Ray task on another machine that shares the cache."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..media.still import thumbnail
from ..media.video import release_memory
from ..render import registry
from ..render.backend import RenderContext, ShotRequest
from .store import Entry, Store, key_of


@dataclass(frozen=True)
class ShotJob:
    spec: dict  # what decides the clip (keys.shot); its hash is the job's key
    request: ShotRequest  # with the take's seed
    label: str  # "shot 1A", "shot 1A take 2"
    take: int = 1

    @property
    def key(self) -> str:
        return key_of(self.spec)

    @property
    def frames(self) -> int:
        return self.request.frames


def render_shot(backend: str, job: ShotJob, passes: tuple[str, ...], cache_root: Path,
                tick: Callable[[int], None] | None = None) -> Entry:
    store = Store(cache_root)
    work = store.tmp_dir()
    try:
        artifact = registry.get(backend).render(job.request, RenderContext(work_dir=work, passes=passes,
                                                                           progress=tick))
        if artifact.frames != job.request.frames:
            raise RuntimeError(f"backend {backend!r} made {artifact.frames} frames of shot "
                               f"{job.request.shot.id}, not the {job.request.frames} asked for")
        thumb = work / "thumb.jpg"
        thumb.write_bytes(thumbnail(artifact.video))  # the storyboard's still, while the clip is warm
        files = {"video": artifact.video, "thumb": thumb,
                 **{f"pass.{name}": path for name, path in artifact.passes.items()}}
        return store.put(job.spec, "shot", job.label, files,
                         {"shot": job.request.shot.id, "take": job.take, "seed": job.request.seed,
                          "frames": artifact.frames})
    finally:
        shutil.rmtree(work, ignore_errors=True)
        release_memory()
