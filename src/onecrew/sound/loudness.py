"""Integrated loudness (ITU-R BS.1770-4), streamed: K-weighting filter state carries across
chunks, mean squares gather in 100 ms hops, 400 ms blocks overlap by 75 %, then the absolute
(-70 LUFS) and relative (-10 LU) gates."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable

import numpy as np

from ..errors import OnecrewError
from .iir import Stream, impulse_response

RATE = 48_000
_WEIGHTS = (1.0, 1.0, 1.0, 1.41, 1.41)  # L, R, C, Ls, Rs


def k_weighting(rate: int) -> np.ndarray:
    """The two biquads (high shelf, then high pass) as second-order sections, for any rate;
    at 48 kHz they are the standard's coefficients."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return np.array([shelf, highpass])


@lru_cache(maxsize=4)
def _k_response(rate: int) -> np.ndarray:
    # both sections have decayed below 1e-15 well within 0.17 s (the 38 Hz high pass is the slow one)
    return impulse_response(k_weighting(rate), 1 << (int(0.17 * rate) - 1).bit_length())


class Meter:
    """Feed chunks of (channels, n) or mono (n,) samples in order; read `loudness`."""

    def __init__(self, rate: int = RATE) -> None:
        if not isinstance(rate, int) or rate < 8000:
            raise OnecrewError(f"cannot measure loudness at {rate!r} Hz")
        self.rate = rate
        self.sos = k_weighting(rate)
        self.hop = int(round(0.1 * rate))
        self.channels: int | None = None
        self._carry = 0.0  # energy of the unfinished hop
        self._filled = 0  # samples in the unfinished hop
        self.hops: list[float] = []  # weighted energy (sum of squares) of each complete hop

    def add(self, chunk: np.ndarray) -> None:
        x = np.asarray(chunk, dtype=np.float64)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[0] > len(_WEIGHTS):
            raise OnecrewError(f"loudness needs (channels, samples) audio, not shape {np.shape(chunk)}")
        if self.channels is None:
            self.channels = x.shape[0]
            self._filter = Stream(_k_response(self.rate))
        elif x.shape[0] != self.channels:
            raise OnecrewError(f"a chunk has {x.shape[0]} channels, the stream had {self.channels}")
        if x.shape[1] == 0:
            return
        if not np.all(np.isfinite(x)):
            raise OnecrewError("audio to measure holds NaN or infinity")
        y = self._filter(x)
        w = np.asarray(_WEIGHTS[:self.channels])[:, None]
        power = np.sum(w * y * y, axis=0)  # weighted sum over channels, per sample
        i = 0
        n = len(power)
        if self._filled:
            take = min(self.hop - self._filled, n)
            self._carry += float(np.sum(power[:take]))
            self._filled += take
            i = take
            if self._filled == self.hop:
                self.hops.append(self._carry)
                self._carry, self._filled = 0.0, 0
        whole = (n - i) // self.hop
        if whole:
            self.hops.extend(power[i:i + whole * self.hop].reshape(whole, self.hop).sum(axis=1).tolist())
            i += whole * self.hop
        if i < n:
            self._carry += float(np.sum(power[i:]))
            self._filled += n - i

    @property
    def loudness(self) -> float:
        """Integrated loudness in LUFS; -inf for silence or less than 400 ms."""
        h = np.asarray(self.hops)
        if len(h) < 4:
            return float("-inf")
        blocks = (h[:-3] + h[1:-2] + h[2:-1] + h[3:]) / (4 * self.hop)  # mean square of each block
        with np.errstate(divide="ignore"):
            lk = -0.691 + 10 * np.log10(blocks)
        gated = blocks[lk > -70.0]
        if not len(gated):
            return float("-inf")
        relative = -0.691 + 10 * math.log10(float(np.mean(gated))) - 10.0
        final = blocks[(lk > -70.0) & (lk > relative)]
        if not len(final):
            return float("-inf")
        return -0.691 + 10 * math.log10(float(np.mean(final)))


def integrated_loudness(chunks: Iterable[np.ndarray], rate: int = RATE) -> float:
    """ITU-R BS.1770-4 integrated loudness (LUFS) of audio given as consecutive chunks."""
    meter = Meter(rate)
    for chunk in chunks:
        meter.add(chunk)
    return meter.loudness
