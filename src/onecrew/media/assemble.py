"""The final film: shot segments joined without re-encoding, the mix encoded to AAC, one MP4.

Video packets are copied from each segment with their timestamps shifted, so assembling a film
costs about as much as copying its bytes; the audio is pulled from the mixer chunk by chunk and
interleaved with the video by time, which keeps the file streamable as well as fast-start.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import av
import numpy as np

from .settings import AUDIO_BITRATE, AUDIO_RATE  # noqa: E402


def encode_audio(chunks: Iterable[np.ndarray], out: Path) -> Path:
    """The film's mix, stereo float32 chunks of shape (2, n) at 48 kHz, as AAC in an .m4a.
    Done while the shots render, so assembling the film only copies packets."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part.m4a")
    container = av.open(str(tmp), "w")
    try:
        stream = container.add_stream("aac", rate=AUDIO_RATE)
        stream.layout = "stereo"
        stream.bit_rate = AUDIO_BITRATE
        # FFmpeg's default "twoloop" coder costs twice the time for no audible gain at 160 kb/s
        stream.codec_context.options = {"aac_coder": "fast"}
        done = 0
        for chunk in chunks:
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk, dtype=np.float32),
                                               format="fltp", layout="stereo")
            frame.sample_rate, frame.pts, frame.time_base = AUDIO_RATE, done, Fraction(1, AUDIO_RATE)
            done += chunk.shape[1]
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
        container.close()
    except BaseException:
        container.close()
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, out)
    return out


def assemble(segments: Sequence[Path], audio: Path | None, out: Path, fps: int,
             progress: Callable[[int], None] | None = None, metadata: dict[str, str] | None = None) -> Path:
    """Join `segments` (same codec settings, each opening on a keyframe) and the AAC `audio`
    into `out` without re-encoding either, written under a temporary name first."""
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part.mp4")
    container = av.open(str(tmp), "w", options={"movflags": "+faststart"})
    sound = None
    try:
        for k, v in (metadata or {}).items():
            container.metadata[k] = v
        with av.open(str(segments[0])) as first:
            vout = container.add_stream_from_template(first.streams.video[0])
        vout.time_base = Fraction(1, fps * 512)  # what libx264 in MP4 uses; keeps pts exact
        sound = _AudioCopy(container, audio) if audio is not None else None
        offset = 0  # frames already written
        for path in segments:
            n = 0
            with av.open(str(path)) as seg:
                stream = seg.streams.video[0]
                per_frame = Fraction(1, fps) / stream.time_base
                for packet in seg.demux(stream):
                    if packet.dts is None:  # the demuxer's end-of-stream flush packet
                        continue
                    shift = int(offset * per_frame)
                    if sound is not None:
                        sound.until(float((packet.pts + shift) * stream.time_base) + 0.5)
                    packet.pts += shift
                    packet.dts += shift
                    packet.stream = vout
                    container.mux(packet)
                    n += 1
            offset += n
            if progress:
                progress(offset)
        if sound is not None:
            sound.until(float("inf"))
            sound.close()
        container.close()
    except BaseException:
        if sound is not None:
            sound.close()
        container.close()
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, out)
    return out


class _AudioCopy:
    """Audio packets copied from the encoded mix, kept just ahead of the video by time."""

    def __init__(self, container, path: Path) -> None:
        self.container = container
        self.source = av.open(str(path))
        src = self.source.streams.audio[0]
        self.stream = container.add_stream_from_template(src)
        self.time_base = src.time_base
        self.packets = (p for p in self.source.demux(src) if p.dts is not None)

    def until(self, seconds: float) -> None:
        for packet in self.packets:
            packet.stream = self.stream
            self.container.mux(packet)
            if packet.pts is not None and float(packet.pts * self.time_base) >= seconds:
                return

    def close(self) -> None:
        self.source.close()
