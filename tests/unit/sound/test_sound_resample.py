"""Resampling a voiced line: normal lines unchanged to the bit, long ones in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
from math import gcd

import numpy as np
import pytest
from scipy.signal import resample_poly

from onecrew.sound import espeak, resample as rs
from onecrew.sound.voice import PEAK, RATE, SPEECH_RMS_DB, Timed, finish


def old_finish(samples, rate, words, phonemes, gain_db=0.0):
    """finish() as it was, whole-array float64: the reference normal lines must still match."""
    g = gcd(RATE, rate)
    up, down = RATE // g, rate // g
    x = np.asarray(samples, dtype=np.float64)
    if up != down and len(x):
        n = len(x)
        m = -(-n * up // down)
        spectrum = np.fft.rfft(x)
        if m < n:
            spectrum = spectrum[:m // 2 + 1]
        x = np.fft.irfft(spectrum, m) * (m / n)
    loud = np.flatnonzero(np.abs(x) > max(1e-4, 0.004 * float(np.max(np.abs(x)))))
    a, b = max(0, int(loud[0]) - RATE // 100), min(len(x), int(loud[-1]) + 1 + 3 * RATE // 100)
    x = x[a:b]
    f = RATE // 50
    m = len(x) // f
    power = np.mean(x[:m * f].reshape(m, f) ** 2, axis=1)
    level = float(np.sqrt(np.mean(power[power > power.max() * 1e-4])))
    x = x * (10 ** ((SPEECH_RMS_DB + gain_db) / 20) / level)
    peak = float(np.max(np.abs(x)))
    if peak > PEAK:
        x = x * (PEAK / peak)
    shift = lambda s: min(len(x), max(0, s * up // down - a))
    return (np.ascontiguousarray(x, dtype=np.float32), [Timed(shift(w.start), shift(w.end), w.text) for w in words])


@pytest.fixture(scope="module")
def raw():
    return espeak.LIBRARY.synth("Keep the light burning tonight, whatever the sea does.", "en-us+f3", {})


@pytest.mark.parametrize("rate, gain", [(None, 0.0), (None, 9.0), (22100, -3.0), (48000, 0.0), (96000, 0.0)])
def test_a_normal_line_comes_out_bit_identical(raw, rate, gain):
    x = raw.pcm.astype(np.float32) / 32768
    words = [Timed(1000, 9000, "keep"), Timed(9000, 30000, "light")]
    want, want_words = old_finish(x, rate or raw.rate, words, [], gain)
    got = finish(x, rate or raw.rate, words, [], gain)
    assert got.samples.dtype == np.float32
    assert got.samples.tobytes() == want.tobytes()
    assert list(got.words) == want_words


@pytest.mark.parametrize("up, down", [(320, 147), (480, 221), (147, 320)])
def test_polyphase_blocks_join_without_a_seam(up, down):
    x = np.random.default_rng(1).standard_normal(100_003).astype(np.float32)
    whole = resample_poly(x.astype(np.float64), up, down).astype(np.float32)
    blocked = rs.polyphase(x, up, down, block=4000)
    assert len(blocked) == len(whole) == -(-len(x) * up // down)
    assert np.max(np.abs(blocked - whole)) <= 1e-6


@pytest.mark.parametrize("f0", [200, 1000, 4000, 8000])
def test_polyphase_is_clean_in_the_band_of_speech(f0):
    n = 30_000
    t = np.arange(n) / 22050
    w = np.hanning(n)
    y = rs.polyphase((np.sin(2 * np.pi * f0 * t) * w).astype(np.float32), 320, 147, block=5000)
    tt = np.arange(len(y)) / RATE
    ref = np.sin(2 * np.pi * f0 * tt) * np.interp(tt, t, w)
    err = np.sqrt(np.mean((y - ref) ** 2) / np.mean(ref ** 2))
    assert 20 * np.log10(err) < -50


def test_a_long_line_keeps_its_length_timings_and_sound(raw, monkeypatch):
    """Past the FFT's limit: same length and timings, the same sound within a stretch the
    FFT makes (its ratio is ceil(n·up/down)/n, not up/down)."""
    x = raw.pcm.astype(np.float32) / 32768
    words = [Timed(1000, 9000, "keep"), Timed(9000, 30000, "light")]
    short = finish(x, raw.rate, words, [])
    monkeypatch.setattr(rs, "FFT_LIMIT", 1000)
    long = finish(x, raw.rate, words, [])
    assert len(long.samples) == len(short.samples) and long.words == short.words
    assert np.max(np.abs(long.samples)) <= PEAK + 1e-6
    assert np.corrcoef(long.samples, short.samples)[0, 1] > 0.99


BENCH = """
import json, resource, sys, time
from onecrew.model.cast import Voice
from onecrew.sound.voice import engine
e = engine(); e.version
text = " ".join(["The tide came in slowly over the sand, and nobody said a word."] * (int(sys.argv[1]) // 64))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
s = e.speak(text, Voice(gender="female", age="young-adult", pitch=1.6, rate_wpm=170, variant=0))
print(json.dumps({"s": time.perf_counter() - t, "grew_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base,
                  "out_kb": s.samples.nbytes // 1024}))
"""


def test_a_long_line_costs_memory_in_proportion_to_its_output():
    """5,000 characters (five minutes of speech) once took 2.3 GB and 11 s."""
    p = subprocess.run([sys.executable, "-c", BENCH, "5000"], capture_output=True, timeout=120, text=True)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["grew_kb"] < 3 * r["out_kb"] + 100_000, r  # output, the eSpeak PCM, a block
    assert r["s"] < 30, r
