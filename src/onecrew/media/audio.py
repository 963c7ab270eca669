"""WAV files for stems and dialogue lines: 16-bit PCM, written in chunks, read back as float."""

from __future__ import annotations

import os
import wave
from pathlib import Path
from typing import Iterable

import numpy as np


def _pcm(chunk: np.ndarray) -> bytes:
    x = np.clip(np.asarray(chunk, dtype=np.float32), -1.0, 1.0)
    ints = np.round(x * 32767).astype("<i2")
    return (ints.T if ints.ndim == 2 else ints).tobytes()  # (channels, n) → interleaved


def write_wav(path: Path, chunks: Iterable[np.ndarray], rate: int, channels: int) -> Path:
    """Chunks are mono (n,) or (channels, n) float in [-1, 1]; the file appears when complete."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(2)
            w.setframerate(rate)
            for chunk in chunks:
                w.writeframes(_pcm(chunk))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_wav(path: Path) -> np.ndarray:
    """Float32 samples: (n,) for mono, (channels, n) otherwise."""
    with wave.open(str(path), "rb") as w:
        channels, n = w.getnchannels(), w.getnframes()
        data = np.frombuffer(w.readframes(n), dtype="<i2").astype(np.float32) / 32767
    return data if channels == 1 else data.reshape(-1, channels).T


class WavTrack:
    """A 16-bit WAV as a track: `render(start, stop)` reads just that range from disk, so a
    film-long stem costs no memory. (Read, not memory-mapped: mapped pages that have been read
    stay counted in the process's resident memory for as long as the map lives.)"""

    def __init__(self, path: Path) -> None:
        with wave.open(str(path), "rb") as w:
            self.channels, self.length = w.getnchannels(), w.getnframes()
            if w.getsampwidth() != 2:
                raise ValueError(f"{path}: not 16-bit PCM")
        self._header = Path(path).stat().st_size - self.length * self.channels * 2
        self._fd = os.open(path, os.O_RDONLY)

    def render(self, start: int, stop: int) -> np.ndarray:
        out = np.zeros((self.channels, stop - start), dtype=np.float32)
        a, b = max(start, 0), min(stop, self.length)
        if b > a:
            frame = self.channels * 2
            raw = os.pread(self._fd, (b - a) * frame, self._header + a * frame)
            data = np.frombuffer(raw, dtype="<i2").reshape(-1, self.channels)
            out[:, a - start:b - start] = data.T / np.float32(32767)
        return out

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)
