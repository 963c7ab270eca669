"""One shot job, as a worker runs it: render into the cache's tmp folder, then store the clip,
its control passes and its thumbnail under the job's key. A long shot may go out as pieces
that several workers draw at once; the coordinator joins them into the shot's one clip. Runs the same way in this process,
in a local worker process or as a Ray task on another machine that shares the cache."""

from __future__ import annotations

import atexit
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..render import registry
from ..render.backend import RenderContext, ShotRequest
from . import keys
from .store import Entry, Store, key_of


@dataclass(frozen=True)
class ShotJob:
    spec: dict  # what decides the clip (keys.shot or keys.piece); its hash is the job's key
    request: ShotRequest  # with the take's seed
    label: str  # "shot 1A", "shot 1A take 2", "shot 1A frames 48-96"
    take: int = 1
    span: tuple[int, int] | None = None  # a piece: frames [start, stop) of the shot
    backend: "registry.Ref | None" = None  # who renders it, if not the film's backend (a card: previs)

    @property
    def key(self) -> str:
        return key_of(self.spec)

    @property
    def frames(self) -> int:
        return self.span[1] - self.span[0] if self.span else self.request.frames

    def pieces(self) -> list["ShotJob"]:
        """The shot cut into pieces workers can draw at once (one piece for a short shot)."""
        spans = keys.pieces(self.request.frames, self.request.fps)
        if len(spans) == 1:
            return [self]
        return [ShotJob(keys.piece(self.spec, a, b), self.request, f"{self.label} frames {a}-{b}",
                        self.take, (a, b), self.backend) for a, b in spans]


@dataclass(frozen=True)
class Piece:
    """Frames of a shot drawn by a worker, waiting in the cache's tmp folder to be joined."""

    folder: Path
    files: dict[str, Path]  # role → clip


def render_shot(backend: "str | registry.Ref", job: ShotJob, passes: tuple[str, ...], cache_root: Path,
                tick: Callable[[int], None] | None = None) -> Entry | Piece:
    from ..media.still import thumbnail
    from ..media.video import release_memory
    store = Store(cache_root)
    work = store.tmp_dir()
    keep = False
    try:
        made = opened(job.backend or backend)
        artifact = made.render(job.request, RenderContext(
            work_dir=work, passes=passes, progress=tick, frames=job.span,
            checkpoint=lambda state: store.save_checkpoint(job.key, state),
            resumed=store.load_checkpoint(job.key)))
        if not made.capabilities.conformed:  # the model's own size, rate, length or codec
            artifact = _conformed(artifact, job, work)
        if artifact.frames != job.frames:
            raise RuntimeError(f"backend {made.name!r} made {artifact.frames} frames of {job.label}, "
                               f"not the {job.frames} asked for")
        files = {"video": artifact.video, **{f"pass.{name}": path for name, path in artifact.passes.items()}}
        if job.span is not None:  # a piece: the coordinator joins it with the others, then removes it
            keep = True
            store.drop_checkpoint(job.key)
            return Piece(work, files)
        files["thumb"] = work / "thumb.jpg"
        files["thumb"].write_bytes(thumbnail(artifact.video))  # the storyboard's still, while warm
        entry = store.put(job.spec, "shot", job.label, files, _info(job))
        store.drop_checkpoint(job.key)  # the clip is in the cache: nothing is left to pick up
        return entry
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        release_memory()


def _conformed(artifact, job: ShotJob, work: Path):
    """The clip as a segment of this film: scaled to cover its frame, at its rate, exactly the
    job's frames, with the film's H.264 settings (control passes likewise)."""
    from ..media.conform import conform
    r = job.request

    def fit(path: Path, name: str) -> Path:
        return conform(path, work / f"conformed.{name}.mp4", r.width, r.height, r.fps, job.frames)
    return artifact.model_copy(update={"video": fit(artifact.video, "video"), "frames": job.frames,
                                       "passes": {k: fit(p, k) for k, p in artifact.passes.items()}})


_open: dict = {}  # Ref → the backend opened in this process


def opened(backend: "str | registry.Ref"):
    """The backend, made and opened once per process (weights loaded, a session made) and
    closed when the process exits, not made anew for every shot."""
    ref = registry.ref(backend)
    if ref not in _open:
        made = ref.make()
        if callable(getattr(made, "open", None)):
            made.open()
        if not _open:  # atexit in this process; multiprocessing's own exit hook in a worker
            atexit.register(_close_all)
            from multiprocessing import util
            util.Finalize(None, _close_all, exitpriority=10)
        _open[ref] = made
    return _open[ref]


def _close_all() -> None:
    for made in reversed(list(_open.values())):
        close = getattr(made, "close", None)
        if callable(close):
            try:
                close()
            except Exception:  # at exit: a backend that fails to close loses nothing of ours
                pass
    _open.clear()


def join(store: Store, job: ShotJob, pieces: list[Piece]) -> Entry:
    """The shot's clip (and each control pass) as its pieces joined without re-encoding, and
    its thumbnail: done by the coordinating process, in milliseconds."""
    from ..media.assemble import assemble
    from ..media.still import thumbnail
    work = store.tmp_dir()
    try:
        fps = job.request.fps
        files = {role: assemble([p.files[role] for p in pieces], None, work / f"{role}.mp4", fps)
                 for role in pieces[0].files}
        files["thumb"] = work / "thumb.jpg"
        files["thumb"].write_bytes(thumbnail(files["video"]))
        return store.put(job.spec, "shot", job.label, files, _info(job))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for p in pieces:
            shutil.rmtree(p.folder, ignore_errors=True)


def _info(job: ShotJob) -> dict:
    return {"shot": job.request.shot.id, "take": job.take, "seed": job.request.seed, "frames": job.frames}
