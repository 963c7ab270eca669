"""The few recursive filters the sound stage needs, as FFT convolutions with their impulse
responses (cut where they have decayed below 1e-9 of the input), in numpy alone.

scipy.signal would do the same with exact recursion, but importing it takes most of a second,
a tenth of the time a short film takes to make.
"""

from __future__ import annotations

import math

import numpy as np

_FLOOR = 1e-9  # where an impulse response is cut: far below 16-bit audio's resolution


def _convolve(x: np.ndarray, h: np.ndarray) -> np.ndarray:
    """The first len(x) samples of x * h along the last axis (a causal filter from rest)."""
    n = x.shape[-1]
    size = 1 << max(1, (n + len(h) - 1 - 1).bit_length())
    y = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)
    return y[..., :n]


def one_pole(x: np.ndarray, b0: float, b1: float, a: float) -> np.ndarray:
    """y[n] = b0·x[n] + b1·x[n-1] + a·y[n-1], from rest: what lfilter([b0, b1], [1, -a], x) gives."""
    x = np.asarray(x, dtype=np.float64)
    n = x.shape[-1]
    if n == 0:
        return x.copy()
    length = n if a == 0 else min(n, int(math.log(_FLOOR) / math.log(abs(a))) + 2)
    h = np.empty(length)
    h[0] = b0
    if length > 1:
        h[1:] = (b0 * a + b1) * a ** np.arange(length - 1)
    return _convolve(x, h)


def lowpass(x: np.ndarray, fc: float, rate: int) -> np.ndarray:
    a = math.exp(-2 * math.pi * fc / rate)
    return one_pole(x, 1 - a, 0.0, a)


def highpass(x: np.ndarray, fc: float, rate: int) -> np.ndarray:
    a = math.exp(-2 * math.pi * fc / rate)
    return one_pole(x, (1 + a) / 2, -(1 + a) / 2, a)


def impulse_response(sos: np.ndarray, length: int) -> np.ndarray:
    """The impulse response of second-order sections (rows b0 b1 b2 1 a1 a2), by recursion."""
    h = np.zeros(length)
    h[0] = 1.0
    for b0, b1, b2, _, a1, a2 in sos:
        out = np.empty(length)
        x1 = x2 = y1 = y2 = 0.0
        for i, x0 in enumerate(h.tolist()):
            y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            out[i] = y0
            x2, x1, y2, y1 = x1, x0, y1, y0
        h = out
    return h


class Stream:
    """A filter with impulse response `h` applied to audio arriving in chunks (channels, n):
    the end of each chunk is kept to feed the next, so chunking does not change the output."""

    def __init__(self, h: np.ndarray) -> None:
        self.h = h
        self._tail: np.ndarray | None = None

    def __call__(self, x: np.ndarray) -> np.ndarray:
        keep = len(self.h) - 1
        if self._tail is None:
            self._tail = np.zeros((x.shape[0], keep))
        joined = np.concatenate([self._tail, x], axis=1)
        self._tail = joined[:, -keep:]
        return _convolve(joined, self.h)[:, keep:]
