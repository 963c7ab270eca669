"""A clip from any backend made into a segment of this film: its size, its frame rate, its
length in frames and its H.264 settings, so it joins the others without re-encoding.

A generative model answers in its own terms (Seedance: 24 fps MP4 at 1248x704; Wan: 16 fps at
multiples of 16), or in another codec altogether. The backend is not asked to know the film's
rules; the engine conforms what comes back. Frames are pulled one at a time: a long clip costs
no more memory than a short one.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Iterator

import av
import numpy as np

from .video import VideoWriter

FITS = ("crop", "pad")  # fill the frame and lose the edges, or show it all inside black bars


def conform(src: Path, dest: Path, width: int, height: int, fps: int, frames: int,
            fit: str = "crop") -> Path:
    """`src` as exactly `frames` frames of `width`x`height` at `fps`: each output frame shows
    the source frame on screen at its time (frame-rate conversion by the nearest earlier
    frame, as an editor's timeline does); a short source holds its last frame."""
    if fit not in FITS:
        raise ValueError(f"fit must be one of {FITS}, not {fit!r}")
    with av.open(str(src)) as container, VideoWriter(Path(dest), width, height, fps) as out:
        stream = container.streams.video[0]
        source = _timed(container.decode(stream), stream)
        current, upcoming = None, next(source, None)
        if upcoming is None:
            raise ValueError(f"{src.name} holds no video frames")
        for i in range(frames):
            t = Fraction(i, fps)
            while upcoming is not None and (current is None or upcoming[0] <= t):
                current, upcoming = upcoming, next(source, None)
            out.write(_fitted(current[1], width, height, fit))
    return Path(dest)


def _timed(frames, stream) -> Iterator[tuple[Fraction, "av.VideoFrame"]]:
    """Each frame with its time from the clip's start (a clip whose timestamps are missing is
    taken at its stated rate)."""
    rate = stream.average_rate or stream.guessed_rate or 24
    start = None
    for n, frame in enumerate(frames):
        if frame.pts is not None and frame.time_base is not None:
            t = Fraction(frame.pts) * Fraction(frame.time_base)
            start = t if start is None else start
            yield t - start, frame
        else:
            yield Fraction(n) / Fraction(rate), frame


def _fitted(frame: "av.VideoFrame", width: int, height: int, fit: str) -> np.ndarray:
    """The frame scaled to cover (crop) or fit inside (pad) the film's frame, centred."""
    sw, sh = frame.width, frame.height
    scale = max(width / sw, height / sh) if fit == "crop" else min(width / sw, height / sh)
    w, h = max(2, round(sw * scale)), max(2, round(sh * scale))
    img = frame.reformat(width=w, height=h, format="rgb24", interpolation="BICUBIC").to_ndarray()
    canvas = np.zeros((height, width, 3), np.uint8)
    # the part of the scaled image that lands on the canvas, and where
    x0, y0 = (w - width) // 2, (h - height) // 2
    sx, sy = max(0, x0), max(0, y0)
    dx, dy = max(0, -x0), max(0, -y0)
    cw, ch = min(width - dx, w - sx), min(height - dy, h - sy)
    canvas[dy:dy + ch, dx:dx + cw] = img[sy:sy + ch, sx:sx + cw]
    return canvas
