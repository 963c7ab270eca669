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
