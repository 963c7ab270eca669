import time

import numpy as np
import pytest

from onecrew.errors import OnecrewError
from onecrew.model.cast import Voice
from onecrew.model.storyboard import AmbienceCue, MusicCue
from onecrew.sound.ambience import Ambience
from onecrew.sound.mix import CEILING, Dialogue, Mix, Placed, duck_curve, integrated_loudness
from onecrew.sound.score import Score, Span
from onecrew.sound.sfx import Effects
from onecrew.sound.voice import RATE, engine

pyln = pytest.importorskip("pyloudnorm")

CALM = MusicCue(mood="calm", key="F major", tempo_bpm=84, instruments=("piano", "pad", "soft strings"), intensity=0.5)
JOYFUL = MusicCue(mood="joyful", key="D major", tempo_bpm=116, instruments=("ukulele", "glockenspiel", "bass", "claps"))


def reference(x: np.ndarray) -> float:
    return pyln.Meter(RATE).integrated_loudness(np.asarray(x, dtype=np.float64).T)


def signals():
    rng = np.random.default_rng(3)
    t = np.arange(6 * RATE) / RATE
    pink = np.fft.irfft(np.fft.rfft(rng.standard_normal((2, 6 * RATE))) / np.sqrt(np.maximum(np.fft.rfftfreq(6 * RATE, 1 / RATE), 20)))
    pink *= 0.1 / np.sqrt(np.mean(pink ** 2))
    bursts = rng.standard_normal((2, 8 * RATE)) * 0.2 * (np.arange(8 * RATE) // (RATE // 2) % 3 == 0)  # gated: quiet gaps
    low = np.stack([0.3 * np.sin(2 * np.pi * 60 * t)] * 2)  # the high-pass of the K filter matters
    tone = np.stack([0.5 * np.sin(2 * np.pi * 1000 * t), 0.1 * np.sin(2 * np.pi * 3000 * t)])
    return {"pink": pink, "bursts": bursts, "60 Hz": low, "tones": tone}


@pytest.mark.parametrize("name", ["pink", "bursts", "60 Hz", "tones"])
def test_our_meter_agrees_with_pyloudnorm(name):
    x = signals()[name]
    ours = integrated_loudness(np.array_split(x, 7, axis=1))  # streamed in uneven chunks
    assert abs(ours - reference(x)) < 0.3
    assert ours == pytest.approx(integrated_loudness([x]), abs=1e-9)  # chunking does not matter


def test_meter_reads_the_standard_tone():
    t = np.arange(5 * RATE) / RATE
    assert integrated_loudness([np.sin(2 * np.pi * 997 * t)]) == pytest.approx(-3.01, abs=0.05)  # full-scale mono
    assert integrated_loudness([np.zeros((2, RATE))]) == float("-inf")


@pytest.fixture(scope="module")
def film():
    """Twenty seconds: two scenes, four spoken lines, a spot effect."""
    tts = engine()
    nora = Voice(gender="female", age="young-adult", pitch=1.6, rate_wpm=170, variant=0)
    elias = Voice(gender="male", age="elderly", pitch=-2.5, rate_wpm=130, variant=0)
    lines = [(2 * RATE, tts.speak("They want to close the lighthouse.", nora)),
             (5 * RATE, tts.speak("Read it again.", elias)),
             (12 * RATE, tts.speak("Fifty years, and now a machine does it.", elias)),
             (16 * RATE, tts.speak("You still say goodnight to the lamp, Grandpa.", nora))]
    placed = [Placed(at, len(s.samples), (lambda x=s.samples: x)) for at, s in lines]
    total = 20 * RATE
    music = Score([Span(0, 10 * RATE, CALM, 1), Span(10 * RATE, total, JOYFUL, 2)])
    amb = Ambience([Span(0, 10 * RATE, AmbienceCue(kind="room-tone", level_db=-36), 1),
                    Span(10 * RATE, total, AmbienceCue(kind="traffic", level_db=-28), 2)])
    return Mix(Dialogue(placed), music, amb, Effects([(9 * RATE, "door slam")]), length=total)


def test_the_finished_mix_is_at_the_target_loudness_and_under_the_ceiling(film):
    out = np.concatenate(list(film.chunks()), axis=1)
    assert out.shape == (2, film.length) and out.dtype == np.float32
    assert abs(reference(out) - -16.0) < 1.0
    assert np.max(np.abs(out)) <= CEILING
    assert abs(film.measured - reference(np.concatenate([film.render(s, min(film.length, s + RATE))
                                                         for s in range(0, film.length, RATE)], axis=1))) < 0.3


def test_the_mix_is_the_same_in_any_chunking(film):
    a = np.concatenate(list(film.chunks(RATE)), axis=1)
    b = np.concatenate(list(film.chunks(10_007)), axis=1)
    np.testing.assert_allclose(a, b, rtol=0, atol=2e-6)
    np.testing.assert_allclose(film.render(5 * RATE - 3, 7 * RATE), np.concatenate(
        [film.render(5 * RATE - 3, 6 * RATE), film.render(6 * RATE, 7 * RATE)], axis=1), rtol=0, atol=1e-6)


def test_music_ducks_under_dialogue():
    music = Score([Span(0, 12 * RATE, CALM, 4)])
    silent_line = Placed(4 * RATE, 4 * RATE, lambda: np.zeros(4 * RATE, np.float32))  # active, inaudible
    with_line = Mix(Dialogue([silent_line]), music, Ambience([]), length=12 * RATE)
    without = Mix(Dialogue([]), music, Ambience([]), length=12 * RATE)
    level = lambda m, a, b: 10 * np.log10(np.mean(np.square(m.render(a, b), dtype=np.float64)))
    under = level(with_line, int(4.5 * RATE), int(7.5 * RATE)) - level(without, int(4.5 * RATE), int(7.5 * RATE))
    assert under == pytest.approx(-10.0, abs=0.1)
    assert level(with_line, 9 * RATE, 11 * RATE) == pytest.approx(level(without, 9 * RATE, 11 * RATE), abs=1e-6)
    d = duck_curve([(4 * RATE, 8 * RATE)], 0, 12 * RATE)
    assert d[4 * RATE - int(0.08 * RATE) - 1] == 0 and d[4 * RATE] == 1 and d[int(8.4 * RATE) + 1] == 0
    assert np.max(np.abs(np.diff(d))) < 1e-3  # smooth: no step in the music's level


def test_sixty_seconds_mix_quickly():
    total = 60 * RATE
    cues = [CALM, JOYFUL, CALM.model_copy(update={"mood": "sad", "key": "A minor", "tempo_bpm": 66})]
    music = Score([Span(i * 20 * RATE, (i + 1) * 20 * RATE, c, 10 + i) for i, c in enumerate(cues)])
    amb = Ambience([Span(i * 20 * RATE, (i + 1) * 20 * RATE, AmbienceCue(kind=k, level_db=-30), i)
                    for i, k in enumerate(("room-tone", "traffic", "waves"))])
    speech = np.random.default_rng(0).standard_normal(3 * RATE).astype(np.float32) * 0.05
    lines = Dialogue([Placed(s * RATE, 3 * RATE, lambda: speech) for s in range(2, 58, 5)])
    start = time.perf_counter()
    n = sum(c.shape[1] for c in Mix(lines, music, amb, length=total).chunks())
    took = time.perf_counter() - start
    assert n == total
    assert took < 3.0  # typically ~0.4 s cold on one core; loose for a busy test machine


def test_bad_input_is_a_one_line_error():
    with pytest.raises(OnecrewError):
        Dialogue([Placed(-1, 10, lambda: np.zeros(10))])
    broken = Dialogue([Placed(0, 10, lambda: open("/nonexistent/line.wav"))])
    with pytest.raises(OnecrewError, match="could not be loaded"):
        broken.render(0, 20)
    with pytest.raises(OnecrewError):
        Mix(Dialogue([]), Score([]), Ambience([]), length=-5)
    with pytest.raises(OnecrewError):
        list(Mix(Dialogue([]), Score([]), Ambience([]), length=10).chunks(0))
