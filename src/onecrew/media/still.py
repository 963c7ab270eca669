"""A still from a rendered clip, as a small JPEG: the storyboard's thumbnail of the shot."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av


def thumbnail(clip: Path, width: int = 320) -> bytes:
    """The keyframe nearest before the middle of `clip`, scaled to `width`: one seek and one
    decoded frame, whatever backend made the clip."""
    with av.open(str(clip)) as c:
        stream = c.streams.video[0]
        if stream.duration:
            c.seek(stream.start_time + stream.duration // 2 if stream.start_time else stream.duration // 2,
                   stream=stream, backward=True, any_frame=False)
        frame = next(c.decode(stream))
        height = max(2, round(frame.height * width / frame.width / 2) * 2)
        small = frame.reformat(width=width, height=height, format="yuvj420p", interpolation="AREA")
    enc = av.CodecContext.create("mjpeg", "w")
    enc.width, enc.height, enc.pix_fmt = width, height, "yuvj420p"
    enc.time_base = Fraction(1, 25)  # a still has no timing; the encoder insists on one
    enc.options = {"q:v": "4"}
    packets = enc.encode(small) + enc.encode(None)
    return b"".join(bytes(p) for p in packets)
