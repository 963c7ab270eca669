"""A clip in a model's own terms (another size, aspect, rate, length, codec) becomes a segment
of this film that joins the others without re-encoding."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from onecrew.media.assemble import assemble
from onecrew.media.conform import conform
from onecrew.media.video import VideoWriter


def clip(path: Path, width: int, height: int, fps: int, n: int, codec: str = "mpeg4") -> Path:
    """Frame i is a grey level 10*i with a white bar along the top: time and framing show."""
    with av.open(str(path), "w") as c:
        s = c.add_stream(codec, rate=fps)
        s.width, s.height, s.pix_fmt = width, height, "yuv420p"
        for i in range(n):
            img = np.full((height, width, 3), min(250, 10 * i), np.uint8)
            img[: height // 10] = 255
            f = av.VideoFrame.from_ndarray(img, format="rgb24")
            f.pts = i
            for p in s.encode(f):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def decoded(path: Path) -> tuple[list[np.ndarray], dict]:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        facts = {"codec": v.codec_context.name, "pix_fmt": v.codec_context.pix_fmt,
                 "size": (v.codec_context.width, v.codec_context.height), "rate": v.average_rate}
        return [f.to_ndarray(format="rgb24").astype(int) for f in c.decode(video=0)], facts


def test_a_12_fps_clip_of_another_size_and_codec_becomes_a_film_segment(tmp_path):
    src = clip(tmp_path / "model.mp4", 320, 240, 12, 12)  # 4:3, MPEG-4 part 2, 1 s
    out = conform(src, tmp_path / "seg.mp4", 160, 90, 24, 30)  # 16:9, H.264, 1.25 s
    frames, facts = decoded(out)
    assert facts == {"codec": "h264", "pix_fmt": "yuv420p", "size": (160, 90), "rate": Fraction(24)}
    assert len(frames) == 30
    levels = [int(np.median(f[45])) for f in frames]
    # each source frame shows for two film frames; past its end the last one holds
    assert abs(levels[0] - 0) < 6 and abs(levels[2] - 10) < 6 and abs(levels[23] - 110) < 6
    assert abs(levels[29] - 110) < 6
    # cropped to cover: the 4:3 frame loses its top and bottom, the bar along its top with them
    assert frames[10][:3].mean() < 200


def test_pad_shows_the_whole_frame_inside_black_bars(tmp_path):
    src = clip(tmp_path / "model.mp4", 320, 240, 24, 4)
    frames, _ = decoded(conform(src, tmp_path / "seg.mp4", 160, 90, 24, 4, fit="pad"))
    assert frames[0][:, :15].mean() < 20 and frames[0][:, -15:].mean() < 20  # the bars, left and right
    assert frames[0][:5, 40:120].mean() > 200  # the source's top edge, all of it in frame


def test_conformed_segments_join_without_re_encoding(tmp_path):
    a = conform(clip(tmp_path / "a.mp4", 320, 240, 12, 6), tmp_path / "sa.mp4", 160, 90, 24, 12)
    b = tmp_path / "b.mp4"
    with VideoWriter(b, 160, 90, 24) as w:
        for _ in range(12):
            w.write(np.zeros((90, 160, 3), np.uint8))
    film = assemble([a, b], None, tmp_path / "film.mp4", 24)
    frames, facts = decoded(film)
    assert len(frames) == 24 and facts["codec"] == "h264"


def test_a_clip_with_no_video_is_refused(tmp_path):
    src = tmp_path / "silence.m4a"
    with av.open(str(src), "w") as c:
        s = c.add_stream("aac", rate=48000)
        f = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
        f.sample_rate = 48000
        for p in s.encode(f):
            c.mux(p)
        for p in s.encode():
            c.mux(p)
    with pytest.raises((ValueError, IndexError)):
        conform(src, tmp_path / "seg.mp4", 160, 90, 24, 4)
