"""Drawing and encoding previs shots: what `Previs.render` runs, imported only when a shot is
drawn (skia and the puppets take a tenth of a second to import)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import skia

from ...media.video import VideoWriter
from ..backend import RenderContext, ShotArtifact, ShotRequest
from .cards import CardScene
from .insert import InsertScene
from .passes import draw_pose
from .scene import Scene

__all__ = ["frames", "still", "pose_keypoints", "plan", "render"]

PROGRESS_EVERY = 8  # frames between progress calls


def plan(request: ShotRequest):
    """The drawable plan of one shot: a card, an insert or a scene with a cast."""
    if request.card is not None:
        return CardScene(request.card, request.width, request.height, request.frames, request.fps)
    if request.shot.size.value == "INSERT" or (request.shot.prop is not None and not request.shot.in_frame):
        return InsertScene(request)
    return Scene(request)


def _draw(p, canvas: skia.Canvas, buf: np.ndarray, i: int) -> None:
    if isinstance(p, CardScene):
        p.draw(canvas, i)
    else:
        p.draw(canvas, buf, i)


def frames(request: ShotRequest) -> Iterator[np.ndarray]:
    """Every frame of the shot, in order, as H×W×4 RGBA uint8.

    The same buffer is yielded each time and redrawn on the next step: use (or copy) a frame
    before asking for the next one. `VideoWriter.write` copies, so `for f in frames(r):
    writer.write(f)` is safe, and memory stays flat however long the shot.
    """
    p = plan(request)
    buf = np.zeros((request.height, request.width, 4), np.uint8)
    canvas = skia.Surface(buf).getCanvas()
    for i in range(request.frames):
        _draw(p, canvas, buf, i)
        yield buf


def still(request: ShotRequest, index: int = 0) -> np.ndarray:
    """Frame `index` of the shot as a new array (for thumbnails)."""
    index = max(0, min(index, request.frames - 1))
    p = plan(request)
    buf = np.zeros((request.height, request.width, 4), np.uint8)
    _draw(p, skia.Surface(buf).getCanvas(), buf, index)
    return buf


def pose_keypoints(request: ShotRequest, index: int) -> dict[str, np.ndarray]:
    """Each character's 18 COCO keypoints in frame `index`: x, y in pixels and visible 0/1."""
    p = plan(request)
    return p.keypoints(index) if hasattr(p, "keypoints") else {}


def render(request: ShotRequest, ctx: RenderContext) -> ShotArtifact:
    W, H, fps = request.width, request.height, request.fps
    first, stop = ctx.frames or (0, request.frames)
    if not 0 <= first < stop <= request.frames:
        raise ValueError(f"frames {first}-{stop} are not inside shot {request.shot.id} "
                         f"({request.frames} frames)")
    n = stop - first
    shot_id = request.shot.id
    work = Path(ctx.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    p = plan(request)
    wanted = set(ctx.passes)
    cast = [a.id for a in getattr(p, "actors", [])]
    outputs: dict[str, Path] = {}
    writers: dict[str, VideoWriter] = {}
    try:
        main = VideoWriter(work / f"{shot_id}.mp4", W, H, fps)
        writers["video"] = main
        if "pose" in wanted:
            outputs["pose"] = work / f"{shot_id}.pose.mp4"
            writers["pose"] = VideoWriter(outputs["pose"], W, H, fps)
        if "mask" in wanted:
            for cid in cast:
                outputs[f"mask-{cid}"] = work / f"{shot_id}.mask-{cid}.mp4"
                writers[f"mask-{cid}"] = VideoWriter(outputs[f"mask-{cid}"], W, H, fps)
        if "depth" in wanted:
            outputs["depth"] = work / f"{shot_id}.depth.mp4"
            writers["depth"] = VideoWriter(outputs["depth"], W, H, fps)
        buf = main.buffer()  # draw straight into the encoder's input frame: no copy
        if not buf.flags.c_contiguous:  # rows padded for alignment: skia needs them packed
            buf = np.zeros((H, W, 4), np.uint8)
        canvas = skia.Surface(buf).getCanvas()
        aux = np.zeros((H, W, 4), np.uint8) if len(writers) > 1 else None
        aux_canvas = skia.Surface(aux).getCanvas() if aux is not None else None
        for i in range(first, stop):
            _draw(p, canvas, buf, i)
            main.write(buf)
            if "pose" in writers:
                draw_pose(aux_canvas, p.keypoints(i) if hasattr(p, "keypoints") else {}, H)
                writers["pose"].write(np.ascontiguousarray(aux[..., :3]))
            for cid in cast:
                key = f"mask-{cid}"
                if key in writers:
                    p.draw_mask(aux_canvas, i, cid)
                    writers[key].write(np.ascontiguousarray(aux[..., 0]))
            if "depth" in writers:
                if hasattr(p, "draw_depth"):
                    p.draw_depth(aux_canvas, i)
                else:
                    aux_canvas.drawColor(skia.ColorBLACK)
                writers["depth"].write(np.ascontiguousarray(aux[..., 0]))
            done = i + 1 - first
            if ctx.progress is not None and (done % PROGRESS_EVERY == 0 or done == n):
                ctx.progress(done)
        for w in writers.values():
            w.close()
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    return ShotArtifact(shot=shot_id, video=work / f"{shot_id}.mp4", frames=n, passes=outputs)
