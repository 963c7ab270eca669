"""The built-in `previs` backend: a flat-shaded 2.5-D animatic drawn on the CPU with skia.

Characters are rigged puppets built from their `Look`, sets are parallax layers per location
and time of day, the camera frames, angles and moves the way the shot says. Every frame is a
pure function of the `ShotRequest`: anything that varies (blinks, sway, handheld shake) is
derived from `request.seed`.

    frames(request)          → iterator of H×W×4 RGBA uint8 frames (one reused buffer)
    still(request, index)    → one frame, a fresh array (storyboard thumbnails)
    pose_keypoints(request, index) → {character id: 18×3 (x, y, visible)} in pixels
    Previs().render(request, ctx)  → ShotArtifact: the clip, plus pose/mask/depth passes

This module stays light: the drawing (`draw.py`, skia) is imported when a shot is drawn, so a
render that finds every shot in the cache never loads it.
"""

from __future__ import annotations

from ... import __version__
from ..backend import Capabilities, RenderContext, ShotArtifact, ShotRequest

__all__ = ["Previs", "frames", "still", "pose_keypoints", "plan"]


def __getattr__(name: str):
    if name in ("frames", "still", "pose_keypoints", "plan"):
        from . import draw
        return getattr(draw, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Previs:
    name = "previs"
    version = __version__  # its drawing is onecrew's own: a new release may draw differently
    capabilities = Capabilities(writes_passes=True, reference_images=False, control_video=False,
                                native_audio=False, honours_seed=True, frame_ranges=True, conformed=True)

    def render(self, request: ShotRequest, ctx: RenderContext) -> ShotArtifact:
        from .draw import render
        return render(request, ctx)
