import hashlib

import numpy as np
import pytest

from onecrew.errors import OnecrewError
from onecrew.model.cast import Voice
from onecrew.model.vocab import Expression
from onecrew.render.backend import Viseme
from onecrew.sound.voice import RATE, Speech, engine, viseme

NORA = Voice(gender="female", age="young-adult", pitch=1.6, rate_wpm=170, variant=0)
ELIAS = Voice(gender="male", age="elderly", pitch=-2.5, rate_wpm=130, variant=0)
TOM = Voice(gender="male", age="young-adult", pitch=1.8, rate_wpm=169, variant=1)
LINE = "Keep the light burning tonight."


def f0(x: np.ndarray) -> float:
    """Median pitch of the voiced 40 ms frames (YIN: the first dip of the cumulative-mean
    normalised difference below 0.2), robust to the octave errors plain autocorrelation makes."""
    w, lo, hi = int(0.025 * RATE), RATE // 600, RATE // 55
    found = []
    for i in range(0, len(x) - w - hi, w):
        frame = x[i:i + w + hi].astype(np.float64)
        if np.sqrt(np.mean(frame[:w] ** 2)) < 0.02:
            continue
        shifted = np.lib.stride_tricks.sliding_window_view(frame, w)[:hi]
        d = np.sum((shifted - frame[:w]) ** 2, axis=1)
        cmnd = d[1:] * np.arange(1, hi) / np.maximum(np.cumsum(d[1:]), 1e-12)
        below = np.flatnonzero(cmnd[lo:] < 0.2)
        if len(below):
            k = lo + below[0]
            while k + 1 < len(cmnd) and cmnd[k + 1] < cmnd[k]:
                k += 1
            found.append(RATE / (k + 1))
    return float(np.median(found)) if found else 0.0


def spectrum(x: np.ndarray) -> np.ndarray:
    """Long-term spectrum in third-octave bands from 200 Hz to 3.2 kHz, dB about its mean."""
    power = np.abs(np.fft.rfft(x, 1 << 18)) ** 2
    f = np.fft.rfftfreq(1 << 18, 1 / RATE)
    edges = 200 * 2 ** (np.arange(13) / 3)
    bands = np.array([10 * np.log10(power[(f >= a) & (f < b)].mean()) for a, b in zip(edges, edges[1:])])
    return bands - bands.mean()


@pytest.fixture(scope="module")
def tts():
    return engine()


@pytest.fixture(scope="module")
def nora(tts) -> Speech:
    return tts.speak(LINE, NORA)


def test_speech_is_audible_mono_float32_and_peak_safe(nora):
    x = nora.samples
    assert x.dtype == np.float32 and x.ndim == 1
    assert 0.8 * RATE < len(x) < 4 * RATE
    assert np.sqrt(np.mean(x ** 2)) > 0.02
    assert np.max(np.abs(x)) <= 10 ** (-1 / 20) + 1e-6
    # trimmed: no long silence at either end
    loud = np.flatnonzero(np.abs(x) > 0.01)
    assert loud[0] < 0.1 * RATE and len(x) - loud[-1] < 0.15 * RATE


def test_one_word_event_per_word_in_order_within_the_audio(nora):
    assert [w.text for w in nora.words] == ["Keep", "the", "light", "burning", "tonight"]
    n = len(nora.samples)
    for w in nora.words:
        assert 0 <= w.start < w.end <= n
    for a, b in zip(nora.words, nora.words[1:]):
        assert a.start < b.start and a.end <= b.start + 1
    assert nora.words[-1].end > 0.7 * n  # the timings span the speech


def test_phonemes_cover_the_words_and_map_to_mouth_shapes(nora):
    ps = nora.phonemes
    assert len(ps) >= 12
    assert all(a.start <= b.start for a, b in zip(ps, ps[1:]))
    assert ps[0].start >= nora.words[0].start and ps[-1].end <= len(nora.samples)
    shapes = [viseme(p.text) for p in ps]
    assert Viseme.MBP in shapes  # the p of "keep", the b of "burning"
    assert Viseme.AI in shapes  # "light", "tonight"
    assert len(set(shapes) - {Viseme.REST}) >= 4


@pytest.mark.parametrize("ipa, shape", [
    ("p", Viseme.MBP), ("m", Viseme.MBP), ("f", Viseme.FV), ("ˈaɪ", Viseme.AI), ("ɑː", Viseme.AI),
    ("iː", Viseme.EE), ("ɛ", Viseme.E), ("oʊ", Viseme.O), ("uː", Viseme.U), ("w", Viseme.U),
    ("l", Viseme.L), ("θ", Viseme.L), ("k", Viseme.ETC), ("ɹ", Viseme.ETC), ("", Viseme.REST),
    ("_:", Viseme.REST),
])
def test_viseme_table(ipa, shape):
    assert viseme(ipa) == shape


def test_characters_sound_different(tts, nora):
    elias = tts.speak(LINE, ELIAS)
    tom = tts.speak(LINE, TOM)
    assert f0(nora.samples) > 1.5 * f0(elias.samples)
    assert f0(tom.samples) > 1.15 * f0(elias.samples)  # a young man is higher than an old one
    # two men of the same pitch and pace: the variant alone changes the timbre
    man = Voice(gender="male", age="adult", pitch=0, rate_wpm=160, variant=0)
    other = man.model_copy(update={"variant": 1})
    a, b = spectrum(tts.speak(LINE, man).samples), spectrum(tts.speak(LINE, other).samples)
    again = spectrum(tts.speak("Keep the light burning tonight!", man).samples)
    assert np.mean(np.abs(a - b)) > 2.5 > 3 * np.mean(np.abs(a - again))


def test_same_line_same_voice_same_samples(tts, nora):
    tts.speak("Something else in between, loudly!", ELIAS, Expression.ANGRY, "shouting")
    again = tts.speak(LINE, NORA)
    digest = lambda s: hashlib.sha256(s.samples.tobytes()).hexdigest()
    assert digest(again) == digest(nora)
    assert again.words == nora.words and again.phonemes == nora.phonemes


def test_emotion_changes_the_delivery(tts):
    line = "I never thought you would come back here."
    neutral = tts.speak(line, NORA)
    sad = tts.speak(line, NORA, Expression.SAD)
    angry = tts.speak(line, NORA, Expression.ANGRY)
    surprised = tts.speak(line, NORA, Expression.SURPRISED)
    assert len(sad.samples) > 1.1 * len(neutral.samples) > 1.1 * len(angry.samples)
    assert f0(sad.samples) < f0(neutral.samples) < f0(surprised.samples)


def test_parenthetical_shades_the_delivery(tts):
    line = "Keep your voice down."
    plain = tts.speak(line, TOM)
    whisper = tts.speak(line, TOM, parenthetical="whispering")
    shout = tts.speak(line, TOM, parenthetical="(shouting)")
    rms = lambda s: float(np.sqrt(np.mean(s.samples ** 2)))
    assert rms(whisper) < 0.6 * rms(plain) < 0.6 * rms(shout)
    assert f0(shout.samples) > f0(plain.samples)


def test_bad_input_is_a_one_line_error(tts):
    with pytest.raises(OnecrewError, match="nothing to say"):
        tts.speak("  ...  ", NORA)
    with pytest.raises(OnecrewError, match="unknown voice engine"):
        engine("festival")


def test_piper_missing_is_a_clear_error():
    try:
        import piper  # noqa: F401
    except ImportError:
        with pytest.raises(OnecrewError, match=r"pip install onecrew\[piper\]"):
            engine("piper")
    else:
        pytest.skip("piper is installed")
