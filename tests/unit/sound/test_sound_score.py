import numpy as np
import pytest

from onecrew.errors import OnecrewError
from onecrew.model.storyboard import AmbienceCue, MusicCue
from onecrew.model.vocab import Ambience as Kind
from onecrew.sound.ambience import Ambience
from onecrew.sound.composer import Composer
from onecrew.sound.harmony import parse_key
from onecrew.sound.score import Score, Span, _Piece
from onecrew.sound.sfx import Effects
from onecrew.sound.voice import RATE

JOYFUL = MusicCue(mood="joyful", key="D major", tempo_bpm=116, instruments=("ukulele", "glockenspiel", "bass", "claps"),
                  intensity=0.45)
SAD = MusicCue(mood="sad", key="A minor", tempo_bpm=66, instruments=("piano", "cello"), intensity=0.4)
TENSE = MusicCue(mood="tense", key="C minor", tempo_bpm=128, instruments=("low strings", "pulse synth", "drums"))
CALM = MusicCue(mood="calm", key="F major", tempo_bpm=84, instruments=("piano", "pad", "soft strings"))


def chunked(track, total: int, sizes) -> np.ndarray:
    out, s, i = [], 0, 0
    while s < total:
        e = min(total, s + sizes[i % len(sizes)])
        out.append(track.render(s, e))
        s, i = e, i + 1
    return np.concatenate(out, axis=1)


def rms_db(x) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.square(x, dtype=np.float64))) + 1e-12)


@pytest.fixture(scope="module")
def two_scenes():
    return Score([Span(0, 9 * RATE, JOYFUL, 1), Span(9 * RATE, 16 * RATE, SAD, 2)])


def test_any_chunking_gives_the_same_samples(two_scenes):
    whole = two_scenes.render(0, 16 * RATE)
    assert whole.shape == (2, 16 * RATE) and whole.dtype == np.float32
    odd = chunked(two_scenes, 16 * RATE, [RATE, 12_345, 777, 3 * RATE + 1])
    np.testing.assert_allclose(odd, whole, rtol=0, atol=1e-6)
    mid = two_scenes.render(8 * RATE + 17, 10 * RATE)  # a range across the cut, on its own
    np.testing.assert_allclose(mid, whole[:, 8 * RATE + 17:10 * RATE], rtol=0, atol=1e-6)


def test_music_is_present_and_peak_safe(two_scenes):
    x = two_scenes.render(2 * RATE, 8 * RATE)
    assert -26 < rms_db(x) < -14
    assert np.max(np.abs(x)) < 0.9


def test_crossfade_at_the_scene_boundary_has_no_click(two_scenes):
    cut = 9 * RATE
    around = two_scenes.render(cut - RATE, cut + RATE)
    # each scene's music on its own, unfaded, on its own beat grid (from 0 and from the cut)
    alone = [_Piece(JOYFUL, 1).render(cut - RATE, cut + RATE), _Piece(SAD, 2).render(-RATE, RATE)]
    jump = lambda x: np.max(np.abs(np.diff(x, axis=1)))
    assert jump(around) <= 1.05 * max(jump(a) for a in alone)  # the fade adds no discontinuity
    # equal power: in every 100 ms the energy lies between the two pieces' (3 dB of slack for
    # their correlation), so there is no hole and no bump at the cut
    win = RATE // 10
    energy = lambda x, i: float(np.sum(np.square(x[:, i:i + win], dtype=np.float64)))
    for i in range(0, 2 * RATE, win):
        a, b = energy(alone[0], i), energy(alone[1], i)
        assert 0.5 * min(a, b) <= energy(around, i) <= 2 * max(a, b)


def test_moods_sound_different():
    spans = lambda cue: Score([Span(0, 8 * RATE, cue, 5)]).render(RATE, 7 * RATE)
    a, b, c = spans(JOYFUL), spans(SAD), spans(TENSE)
    spec = lambda x: np.log10(np.abs(np.fft.rfft(x[0], 1 << 19))[:40_000:50] + 1e-9)
    assert np.corrcoef(spec(a), spec(b))[0, 1] < 0.95
    assert np.corrcoef(spec(a), spec(c))[0, 1] < 0.95
    # a sad cue is minor and sparse, a joyful one major and busy
    sad, joy = Composer(SAD, 5), Composer(JOYFUL, 5)
    assert sad.key.minor and not joy.key.minor
    third = lambda c: (c.chords(0)[0][1] - c.chords(0)[0][0]) % 12
    assert (third(sad), third(joy)) == (3, 4)
    per_second = lambda c: len(c.phrase(0)) / (8 * c.beats * 60 / c.cue.tempo_bpm)
    assert per_second(sad) < 0.5 * per_second(joy)


def test_the_same_cue_and_seed_is_the_same_music_and_another_seed_is_not():
    a = Score([Span(0, 4 * RATE, CALM, 7)]).render(0, 4 * RATE)
    from onecrew.sound import score
    score._PHRASES.clear()
    b = Score([Span(0, 4 * RATE, CALM, 7)]).render(0, 4 * RATE)
    c = Score([Span(0, 4 * RATE, CALM, 8)]).render(0, 4 * RATE)
    assert np.array_equal(a, b)
    assert not np.allclose(a, c, atol=1e-3)


def test_the_score_runs_on_across_cuts_inside_a_scene():
    one = Score([Span(0, 6 * RATE, CALM, 3)]).render(0, 6 * RATE)
    cut = Score([Span(0, 2 * RATE, CALM, 3), Span(2 * RATE, 6 * RATE, CALM, 3)]).render(0, 6 * RATE)
    assert np.array_equal(one, cut)


def test_silent_scenes_and_bad_cues():
    s = Score([Span(0, RATE, None, 0), Span(RATE, 3 * RATE, CALM, 1)])
    x = s.render(0, 3 * RATE)
    assert np.max(np.abs(x[:, :RATE // 10])) == 0
    with pytest.raises(OnecrewError, match="touch"):
        Score([Span(0, RATE, CALM, 1), Span(2 * RATE, 3 * RATE, CALM, 1)])
    with pytest.raises(OnecrewError, match="AmbienceCue"):
        Score([Span(0, RATE, AmbienceCue(kind="waves"), 1)])
    with pytest.raises(OnecrewError, match="key"):
        Score([Span(0, RATE, CALM.model_copy(update={"key": "H minor"}), 1)])
    with pytest.raises(OnecrewError):
        s.render(10, 5)


@pytest.mark.parametrize("text, tonic, minor", [("A minor", 9, True), ("F# major", 6, False), ("Bb", 10, False),
                                                ("c#m", 1, True), ("E dorian", 4, True)])
def test_keys(text, tonic, minor):
    k = parse_key(text)
    assert (k.tonic, k.minor) == (tonic, minor)


def test_every_ambience_plays_at_its_level_and_chunks_alike():
    for kind in Kind:
        amb = Ambience([Span(0, 12 * RATE, AmbienceCue(kind=kind, level_db=-30), 4)])
        whole = amb.render(0, 12 * RATE)
        np.testing.assert_allclose(chunked(amb, 12 * RATE, [RATE // 3, 50_001]), whole, rtol=0, atol=1e-6)
        if kind == Kind.SILENCE:
            assert not whole.any()
        else:
            assert -36 < rms_db(whole[:, RATE:-2 * RATE]) < -25, kind  # long-term calibrated, ±a few dB in 9 s


def test_ambience_crossfades_between_sets():
    amb = Ambience([Span(0, 5 * RATE, AmbienceCue(kind="traffic", level_db=-28), 1),
                    Span(5 * RATE, 10 * RATE, AmbienceCue(kind="room-tone", level_db=-40), 2)])
    x = amb.render(0, 10 * RATE)
    win = RATE // 5
    levels = [rms_db(x[:, i:i + win]) for i in range(RATE, 9 * RATE, win)]
    assert levels[0] > levels[-1] + 6  # the street is louder than the room
    assert max(abs(a - b) for a, b in zip(levels, levels[1:])) < 6  # no step at the cut


def test_effects_by_name():
    fx = Effects([(RATE // 2, "camera shutter"), (RATE, "door slam"), (2 * RATE, "footsteps"),
                  (3 * RATE, "phone ring"), (4 * RATE, "something nobody named")])
    x = fx.render(0, 7 * RATE)
    for at in (RATE // 2, RATE, 2 * RATE, 3 * RATE, 4 * RATE):
        assert np.max(np.abs(x[:, at:at + RATE // 4])) > 0.1
    assert not x[:, :RATE // 2].any()
    np.testing.assert_array_equal(chunked(fx, 7 * RATE, [4_000, 33_333]), x)
    with pytest.raises(OnecrewError):
        Effects([(-5, "door")])


EVERY_INSTRUMENT = ("piano", "pad", "soft strings", "strings", "harp", "low strings", "pulse synth", "drums",
                    "cello", "celesta", "brass", "timpani", "pizzicato strings", "bassoon", "woodblock",
                    "ukulele", "glockenspiel", "bass", "claps", "flute", "guitar", "kazoo")


@pytest.mark.parametrize("mood", ["joyful", "calm", "romantic", "tense", "sad", "mysterious", "triumphant", "comic"])
def test_every_mood_and_instrument_composes_in_range(mood):
    for tempo, intensity in ((30, 0.0), (240, 1.0), (100, 0.5)):
        cue = MusicCue(mood=mood, key="Eb minor", tempo_bpm=tempo, instruments=EVERY_INSTRUMENT, intensity=intensity)
        c = Composer(cue, 9)
        for variant in (0, 1):
            notes = c.phrase(variant)
            assert {n.part for n in notes} >= set(range(len(EVERY_INSTRUMENT)))  # every part plays
            assert all(0 <= n.onset < 8 * c.beats and n.length > 0 and 24 <= n.midi <= 100 for n in notes)


def test_a_crowded_fast_cue_renders_clean():
    cue = MusicCue(mood="triumphant", key="C major", tempo_bpm=240, instruments=EVERY_INSTRUMENT, intensity=1.0)
    x = Score([Span(0, 6 * RATE, cue, 1)]).render(0, 6 * RATE)
    assert np.all(np.isfinite(x)) and np.max(np.abs(x)) <= 10 ** (-1 / 20) + 1e-6
    assert rms_db(x[:, RATE:5 * RATE]) > -30
