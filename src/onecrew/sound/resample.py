"""Resampling a voiced line to the film's rate, in memory that does not grow with the line.

A line of normal length goes through one FFT, as it always has, so its samples (and the
hashes the cache and the tests keep) are unchanged. The FFT needs the whole line at once,
several times over in float64 and complex buffers (eSpeak's lengths are often prime, and a
prime-length FFT pads to twice a power of two), so a monologue of 20,000 characters took
gigabytes. Past `FFT_LIMIT` input samples the line is resampled by a polyphase FIR filter
(scipy's `resample_poly`: Kaiser window, 10 zero crossings), one block at a time, into a
float32 array allocated once: the working set is a block, whatever the length.
"""

from __future__ import annotations

import numpy as np

FFT_LIMIT = 1 << 20  # input samples: 47 s at eSpeak's 22.05 kHz, far beyond a normal line
BLOCK = 1 << 17  # input samples a polyphase block covers (its output is `up/down` as long)


def resample(x: np.ndarray, up: int, down: int) -> np.ndarray:
    """`x` (mono) resampled by `up/down` (coprime): float64 for a normal line, float32 for
    a long one, `ceil(len(x) * up / down)` samples either way."""
    if len(x) <= FFT_LIMIT:
        return fft(np.asarray(x, dtype=np.float64), up, down)
    return polyphase(x, up, down)


def fft(x: np.ndarray, up: int, down: int) -> np.ndarray:
    """Band-limited resampling through the FFT: exact for speech that starts and ends in
    silence (eSpeak's always does)."""
    n = len(x)
    m = -(-n * up // down)
    spectrum = np.fft.rfft(x)
    if m < n:
        spectrum = spectrum[:m // 2 + 1]
    return np.fft.irfft(spectrum, m) * (m / n)


def polyphase(x: np.ndarray, up: int, down: int, block: int = BLOCK) -> np.ndarray:
    """Polyphase resampling block by block. The filter reaches `half` upsampled samples
    either side, so an output depends on the inputs within `half / up` of it; each block is
    filtered with that much of its neighbours (as zeros beyond the ends, as scipy pads), and
    cut where input and output samples coincide (multiples of `down`), so the blocks join
    without a seam and the result equals one `resample_poly` over the whole line."""
    from scipy.signal import firwin, resample_poly  # only long lines need scipy

    rate = max(up, down)
    half = 10 * rate
    taps = firwin(2 * half + 1, 1.0 / rate, window=("kaiser", 5.0))
    pad = -(-(half // up + 2) // down) * down  # context each side, a whole number of `down`s
    block = max(down, block // down * down)
    n = len(x)
    m = -(-n * up // down)
    out = np.empty(m, dtype=np.float32)
    for s in range(0, n, block):
        e = min(n, s + block)
        lo, hi = max(0, s - pad), min(n, e + pad)
        y = resample_poly(np.asarray(x[lo:hi], dtype=np.float64), up, down, window=taps)
        first = (s - lo) * up // down  # `s - lo` is a multiple of `down`: exact
        j0, j1 = s * up // down, min(m, -(-e * up // down))
        out[j0:j1] = y[first:first + j1 - j0]
    return out
