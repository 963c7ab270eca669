"""Spotting: shots conformed to the speech, lines laid out inside their shots."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from onecrew.direct.director import direct
from onecrew.edit.spotting import samples_to_frames, spot
from onecrew.edit.subtitles import srt, vtt
from onecrew.render.backend import Viseme
from onecrew.sound.voice import RATE, Timed


@dataclass(frozen=True)
class FakeSpeech:
    """Timings only, as a synthesiser reports them: one word per 0.3 s, two phonemes a word."""

    words: tuple[Timed, ...]
    phonemes: tuple[Timed, ...]
    length: int


def fake(text: str) -> FakeSpeech:
    step = RATE * 3 // 10
    words = tuple(Timed(i * step, (i + 1) * step - 600, w) for i, w in enumerate(text.split()))
    phonemes = tuple(p for w in words for p in (Timed(w.start, (w.start + w.end) // 2, "m"),
                                                 Timed((w.start + w.end) // 2, w.end, "a")))
    return FakeSpeech(words, phonemes, words[-1].end + 1200)


@pytest.fixture
def board(kitchen_script):
    return direct(kitchen_script, seed=3, fps=24, title="Kitchen")


def voiced(sb):
    return {ln.id: fake(ln.text) for sc in sb.scenes for ln in sc.lines}


def test_a_fitted_shot_lasts_as_long_as_its_speech(board):
    v = voiced(board)
    sp = spot(board, v, fit=True)
    for shot in sp.storyboard.shots:
        cues = [c for c in sp.cues if c.shot == shot.id]
        if not cues:
            assert shot.duration == next(s for s in board.shots if s.id == shot.id).duration
            continue
        start = sp.shot_starts[shot.id]
        assert all(start <= c.start < c.end <= start + shot.duration for c in cues)
        last = max(c.end for c in cues)
        assert start + shot.duration - last == 10  # the tail: 0.4 s at 24 fps


def test_without_fit_a_shot_is_only_ever_lengthened(board):
    long = {k: FakeSpeech(s.words, s.phonemes, s.length * 3) for k, s in voiced(board).items()}
    short = {k: FakeSpeech(s.words[:1], s.phonemes[:2], RATE // 10) for k, s in voiced(board).items()}
    grown = spot(board, long, fit=False).storyboard
    kept = spot(board, short, fit=False).storyboard
    for a, b, c in zip(board.shots, grown.shots, kept.shots):
        assert b.duration >= a.duration
        assert c.duration == a.duration
    assert any(b.duration > a.duration for a, b in zip(board.shots, grown.shots))


def test_shot_starts_are_cumulative_and_every_line_is_cued_once(board):
    sp = spot(board, voiced(board), offset=72)
    at = 72
    for shot in sp.storyboard.shots:
        assert sp.shot_starts[shot.id] == at
        at += shot.duration
    heard = [c.line.id for c in sp.cues]
    assert sorted(heard) == sorted(ln.id for sc in board.scenes for ln in sc.lines)
    for c in sp.cues:  # the sample a line starts on is its frame's first sample
        assert c.sample == c.start * RATE // 24


def test_mouth_keys_follow_the_phonemes_and_close_at_the_end(board):
    sp = spot(board, voiced(board))
    utts = [u for us in sp.utterances.values() for u in us]
    assert utts
    for u in utts:
        frames = [k.frame for k in u.mouth]
        assert frames == sorted(frames) and len(set(frames)) == len(frames)
        assert u.mouth[0].frame == u.start
        assert u.mouth[-1].shape == Viseme.REST and u.mouth[-1].frame <= u.end
        assert {Viseme.MBP, Viseme.AI} <= {k.shape for k in u.mouth}


def test_dual_lines_start_together():
    from onecrew.model.script import Script, ScriptCharacter
    from script_helpers import say, scene
    script = Script(title="Dual", characters=(ScriptCharacter(name="ANA"), ScriptCharacter(name="BO")),
                    scenes=(scene("INT. BAR - NIGHT", say("ANA", "Stop right there."),
                                  say("BO", "No you stop.", dual=True), location="BAR", time="NIGHT"),))
    sb = direct(script, seed=0, fps=24)
    sp = spot(sb, voiced(sb))
    a, b = sp.cues
    assert a.shot == b.shot and a.start == b.start


def test_subtitles_parse_and_sit_inside_their_shots(board):
    sp = spot(board, voiced(board))
    text = srt(sp.cues, 24)
    blocks = [b.split("\n") for b in text.strip().split("\n\n")]
    assert len(blocks) == len(sp.cues)
    for i, (block, cue) in enumerate(zip(blocks, sp.cues), 1):
        assert block[0] == str(i)
        start, end = (_ms(t) for t in block[1].split(" --> "))
        shot_start = sp.shot_starts[cue.shot] * 1000 / 24
        shot = next(s for s in sp.storyboard.shots if s.id == cue.shot)
        assert shot_start <= start < end <= shot_start + shot.duration * 1000 / 24
        assert " ".join(block[2:]) == cue.line.text
        assert all(len(row) <= 42 or " " not in row for row in block[2:])
    web = vtt(sp.cues, 24)
    assert web.startswith("WEBVTT\n\n") and web.count(" --> ") == len(sp.cues)


def _ms(t: str) -> float:
    h, m, rest = t.split(":")
    s, ms = rest.split(",")
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms)


def test_samples_to_frames_rounds_up():
    assert samples_to_frames(0, 24) == 0
    assert samples_to_frames(1, 24) == 1
    assert samples_to_frames(RATE, 24) == 24
    assert samples_to_frames(RATE + 1, 24) == 25
