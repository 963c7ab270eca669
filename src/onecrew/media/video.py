"""Frames in, H.264 out, one frame at a time: nothing holds a shot in memory."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path
from types import TracebackType

import av
import numpy as np

# Every segment of a film is encoded with these settings so segments join without re-encoding.
from .settings import CODEC, DEFAULT_CRF, DEFAULT_PRESET, PIX_FMT  # noqa: E402


def _keep_frame_memory() -> None:
    """Let freed frame buffers be reused instead of returned to the OS.

    Every frame allocates a few megabytes (RGBA, then YUV), above glibc's default 128 KiB mmap
    threshold, so each one was mapped, faulted in page by page and unmapped again: measured,
    that doubled the cost of encoding a 720p frame. The heap now keeps them up to a bound.
    """
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its allocator has its own policy
        return
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    libc.mallopt(M_MMAP_THRESHOLD, 16 << 20)
    libc.mallopt(M_TRIM_THRESHOLD, 16 << 20)


_keep_frame_memory()


def release_memory() -> None:
    """Give the heap's free pages back to the OS: called between shots, so a worker's memory
    is what one shot needs, not the high-water mark of every shot it has drawn."""
    if sys.platform == "linux":
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


class VideoWriter:
    """Writes `path` as H.264 yuv420p MP4 from RGBA (or RGB) uint8 frames of the given size.

    The file appears under its final name only when the writer closes cleanly; on error the
    partial file is removed, so a crash never leaves a clip that looks finished.
    """

    def __init__(self, path: Path, width: int, height: int, fps: int, *,
                 crf: int = DEFAULT_CRF, preset: str = DEFAULT_PRESET, threads: int = 1) -> None:
        if width % 2 or height % 2:
            raise ValueError(f"H.264 yuv420p needs an even size, not {width}x{height}")
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self.frames = 0
        self._tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.part.mp4")
        self._out = av.open(str(self._tmp), "w", options={"movflags": "+faststart"})
        self._stream = self._out.add_stream(CODEC, rate=fps, options={
            "crf": str(crf), "preset": preset,
            # a keyframe every 2 s for seeking, and none placed by content, so the same frames
            # always give the same bytes
            "x264-params": f"keyint={2 * fps}:min-keyint={2 * fps}:scenecut=0",
        })
        self._stream.width, self._stream.height = width, height
        self._stream.pix_fmt = PIX_FMT
        self._stream.codec_context.thread_count = threads
        cc = self._stream.codec_context
        cc.color_primaries = cc.color_trc = cc.colorspace = 1  # BT.709, as HD players assume
        self._canvas: np.ndarray | None = None
        self._rgba: av.VideoFrame | None = None

    def buffer(self) -> np.ndarray:
        """An RGBA array to draw each frame into before `write(buffer)`: it is the encoder's own
        input frame, so writing it costs no copy. Redraw it fully for every frame."""
        if self._canvas is None:
            self._rgba = av.VideoFrame(self.width, self.height, "rgba")
            plane = self._rgba.planes[0]
            rows = np.frombuffer(plane, np.uint8).reshape(self.height, plane.line_size)
            self._canvas = rows[:, :self.width * 4].reshape(self.height, self.width, 4)
        return self._canvas

    def write(self, frame: np.ndarray) -> None:
        if frame.shape[0] != self.height or frame.shape[1] != self.width:
            raise ValueError(f"frame is {frame.shape[1]}x{frame.shape[0]}, writer is {self.width}x{self.height}")
        if frame is self._canvas:
            vf = self._rgba
        else:
            fmt = {2: "gray", 3: "rgb24", 4: "rgba"}[frame.ndim if frame.ndim == 2 else frame.shape[2]]
            vf = av.VideoFrame.from_ndarray(frame, format=fmt)
        vf = vf.reformat(format=PIX_FMT, dst_colorspace="ITU709", interpolation="POINT")
        vf.pts = self.frames
        for packet in self._stream.encode(vf):
            self._out.mux(packet)
        self.frames += 1

    def close(self) -> Path:
        for packet in self._stream.encode():
            self._out.mux(packet)
        self._out.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self._out.close()
        except Exception:  # already broken: the point is only to let go of the file
            pass
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> "VideoWriter":
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()
