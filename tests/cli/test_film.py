"""`onecrew make` and `onecrew render`: the film read back the way a user's tools read it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import re
from pathlib import Path

import av
import numpy as np
import opentimelineio as otio
import pytest

from onecrew.model.colors import to_hex
from onecrew.model.vocab import ShotSize
from onecrew.parse.storyboard_file import load_storyboard

from test_cli import one_error_line, run

STORY = """Title: Two Cups

INT. KITCHEN - NIGHT

MARA, a tall woman with red hair in a blue dress, pours coffee. BEN, her brother, walks in.

BEN
Is there any left for me?

MARA
(shouting)
There's always some left for you!

BEN
I'm leaving tomorrow.

EXT. BEACH - SUNSET

Mara and Ben walk along the shore.

MARA
Remember this place?
"""
SIZE = (320, 180)
CARD = 72  # a card is 3 s at 24 fps


def make(tmp: Path, name: str, *extra: str) -> Path:
    story = tmp / "two_cups.fountain"
    story.write_text(STORY)
    out = tmp / name
    p = run("make", str(story), "-o", str(out), "--size", "x".join(map(str, SIZE)), *extra)
    assert p.returncode == 0, p.stderr.decode()
    return out


@pytest.fixture(scope="module")
def film(tmp_path_factory) -> Path:
    return make(tmp_path_factory.mktemp("film"), "out", "--cards", "--passes", "all")


def board(out: Path):
    return load_storyboard((out / "storyboard.yaml").read_text(), "storyboard.yaml")


def decoded(path: Path):
    """(frames as RGB arrays, audio as (2, n) float, video stream facts)."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        facts = dict(fps=v.average_rate, width=v.codec_context.width, height=v.codec_context.height,
                     pix_fmt=v.codec_context.pix_fmt, codec=v.codec_context.name,
                     audio=c.streams.audio[0].codec_context.name if c.streams.audio else None)
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    with av.open(str(path)) as c:
        audio = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1)
    return frames, audio, facts


@pytest.fixture(scope="module")
def picture(film):
    return decoded(film / "film.mp4")


def starts(sb) -> list[int]:
    at, out = CARD, []
    for shot in sb.shots:
        out.append(at)
        at += shot.duration
    return out


def test_the_film_is_h264_aac_at_the_size_and_rate_asked(film, picture):
    frames, audio, facts = picture
    sb = board(film)
    assert facts == dict(fps=24, width=320, height=180, pix_fmt="yuv420p", codec="h264", audio="aac")
    assert len(frames) == sb.duration + 2 * CARD
    assert abs(audio.shape[1] / 48000 - len(frames) / 24) < 0.05
    assert (film / "film.mp4").read_bytes()[4:8] == b"ftyp"
    head = (film / "film.mp4").read_bytes()[:4096]
    assert head.find(b"moov") < 4096 and b"moov" in head  # fast start: the index before the media


def test_each_cut_lands_on_its_frame(film, picture):
    frames, _, _ = picture
    sb = board(film)
    for shot, at in zip(sb.shots, starts(sb)):
        seg, _, _ = decoded_video(film / "shots" / f"{shot.id}.mp4")
        assert len(seg) == shot.duration
        assert np.array_equal(frames[at], seg[0]) and np.array_equal(frames[at + shot.duration - 1], seg[-1])


def decoded_video(path: Path):
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)], None, None


def test_frames_differ_between_shots_and_characters_keep_their_colours(film, picture):
    frames, _, _ = picture
    sb = board(film)
    cast = {c.id: c for c in sb.cast}
    middles = [frames[at + shot.duration // 2] for shot, at in zip(sb.shots, starts(sb))]
    for a, b in zip(middles, middles[1:]):
        assert np.abs(a.astype(int) - b.astype(int)).mean() > 2
    checked = 0
    for shot, frame in zip(sb.shots, middles):
        if shot.size in (ShotSize.ECU, ShotSize.INSERT):
            continue
        for b in shot.in_frame:
            rgb = np.array([int(to_hex(cast[b.character].look.outfit.top_color)[i:i + 2], 16) for i in (1, 3, 5)])
            near = (np.abs(frame.astype(int) - rgb).max(axis=2) <= 24).sum()
            assert near >= 20, f"{cast[b.character].name}'s colour is missing from shot {shot.id}"
            checked += 1
    assert checked >= len(sb.shots)


def test_dialogue_is_audible_where_it_is_spoken_and_the_mix_is_at_minus_16_lufs(film, picture):
    import pyloudnorm
    _, audio, _ = picture
    loud = pyloudnorm.Meter(48000).integrated_loudness(audio.T.astype(np.float64))
    assert abs(loud - -16) <= 1, loud
    cues = srt(film / "film.srt")
    assert len(cues) == 4
    for start, end, _ in cues:
        during = audio[:, int(start * 48000):int(end * 48000)]
        assert np.sqrt((during ** 2).mean()) > 0.02  # speech, well above the ducked bed


def srt(path: Path) -> list[tuple[float, float, str]]:
    out = []
    for block in path.read_text().strip().split("\n\n"):
        rows = block.split("\n")
        a, b = (_sec(t) for t in rows[1].split(" --> "))
        out.append((a, b, " ".join(rows[2:])))
    return out


def _sec(t: str) -> float:
    h, m, s = t.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_subtitles_fall_inside_their_lines_shots(film):
    sb = board(film)
    spans = {shot.id: (at / 24, (at + shot.duration) / 24) for shot, at in zip(sb.shots, starts(sb))}
    by_text = {ln.text: next(s.id for s in sb.shots if ln.id in s.lines) for sc in sb.scenes for ln in sc.lines}
    cues = srt(film / "film.srt")
    for start, end, text in cues:
        a, b = spans[by_text[text]]
        assert a <= start < end <= b + 1e-3
    vtt = (film / "film.vtt").read_text()
    assert vtt.startswith("WEBVTT") and len(re.findall(r" --> ", vtt)) == len(cues)


def test_the_otio_timeline_has_one_clip_per_shot_of_the_right_length(film):
    sb = board(film)
    tl = otio.adapters.read_from_file(str(film / "film.otio"))
    clips = list(tl.video_tracks()[0].find_clips())
    assert [c.name for c in clips] == ["title", *[s.id for s in sb.shots], "end"]
    assert [int(c.duration().value) for c in clips] == [CARD, *[s.duration for s in sb.shots], CARD]
    for c in clips:
        assert (film / c.media_reference.target_url).exists()
    for clip in tl.audio_tracks()[0].find_clips():
        assert (film / clip.media_reference.target_url).exists()
    assert (film / "film.xml").exists() and (film / "film.edl").exists()


def test_storyboard_html_shows_a_thumbnail_per_shot(film):
    html = (film / "storyboard.html").read_text()
    assert html.count('<img class="thumb"') == len(board(film).shots)


def test_control_passes_are_aligned_with_the_picture(film):
    sb = board(film)
    shot = next(s for s in sb.shots if s.in_frame)
    names = ["pose", "depth", *[f"mask-{b.character}" for b in shot.in_frame]]
    for name in names:
        with av.open(str(film / "shots" / f"{shot.id}.{name}.mp4")) as c:
            n = sum(1 for _ in c.decode(video=0))
            assert n == shot.duration and c.streams.video[0].codec_context.width == SIZE[0]


def test_the_same_story_gives_the_same_film(film, picture, tmp_path):
    # a cache of its own, so every artifact is made again rather than found
    again = make(tmp_path, "again", "--cards", "--workers", "1", "--cache", str(tmp_path / "cache"))
    frames, audio, _ = decoded(again / "film.mp4")
    first_frames, first_audio, _ = picture
    assert digest(frames) == digest(first_frames)
    assert hashlib.sha256(audio.tobytes()).hexdigest() == hashlib.sha256(first_audio.tobytes()).hexdigest()
    # and, on one machine, the very bytes (the README states which guarantee holds where)
    assert (again / "film.mp4").read_bytes() == (film / "film.mp4").read_bytes()


def digest(frames) -> str:
    h = hashlib.sha256()
    for f in frames:
        h.update(f.tobytes())
    return h.hexdigest()


def test_render_keeps_hand_set_durations_and_lengthens_a_shot_too_short_for_its_words(film, tmp_path):
    text = (film / "storyboard.yaml").read_text()
    sb = board(film)
    talky = next(s for s in sb.shots if s.lines)
    quiet = next(s for s in sb.shots if not s.lines)
    edited = text.replace(f"id: {talky.id}\n", f"id: {talky.id}\n", 1)
    edited = _set_duration(edited, talky.id, 12)
    edited = _set_duration(edited, quiet.id, quiet.duration + 24)
    (tmp_path / "edited.yaml").write_text(edited)
    out = tmp_path / "re"
    p = run("render", str(tmp_path / "edited.yaml"), "-o", str(out), "--size", "160x90")
    assert p.returncode == 0, p.stderr.decode()
    assert f"shot {talky.id}: lengthened from 12 to" in p.stderr.decode()
    frames, _, _ = decoded_video(out / "film.mp4")
    assert len(frames) == sb.duration + 24 + (_duration_in(out, talky.id) - talky.duration)


def _set_duration(text: str, shot_id: str, frames: int) -> str:
    pattern = re.compile(rf"(- id: {re.escape(shot_id)}\n(?:\s+.*\n)*?\s+duration: )\d+")
    new, n = pattern.subn(rf"\g<1>{frames}", text, count=1)
    assert n == 1
    return new


def _duration_in(out: Path, shot_id: str) -> int:
    from onecrew.edit.timeline import RT  # noqa: F401  (the otio file is the record of the cut)
    tl = otio.adapters.read_from_file(str(out / "film.otio"))
    return next(int(c.duration().value) for c in tl.video_tracks()[0].find_clips() if c.name == shot_id)


def test_bad_input_gets_one_line(tmp_path, film):
    text = (film / "storyboard.yaml").read_text()
    bad_set = tmp_path / "set.yaml"
    bad_set.write_text(re.sub(r"kind: (home|beach)", "kind: spaceship", text, count=1))
    assert "spaceship" in one_error_line(run("render", str(bad_set), "-o", str(tmp_path / "o1")))
    bad_action = tmp_path / "action.yaml"
    bad_action.write_text(re.sub(r"action: \w[\w-]*", "action: juggle", text, count=1))
    msg = one_error_line(run("render", str(bad_action), "-o", str(tmp_path / "o2")))
    assert "juggle" in msg and "action" in msg
    assert not (tmp_path / "o1" / "film.mp4").exists() and not (tmp_path / "o2" / "film.mp4").exists()
    story = tmp_path / "s.txt"
    story.write_text("Ana waves.")
    assert "--size" in one_error_line(run("make", str(story), "-o", str(tmp_path / "o3"), "--size", "321x180"))
    assert "not WIDTHxHEIGHT" in run("make", str(story), "-o", str(tmp_path / "o4"), "--size", "big").stderr.decode()
    assert "render reads a storyboard" in one_error_line(run("render", str(story), "-o", str(tmp_path / "o5")))


def test_backends_lists_previs_as_ready():
    p = run("backends")
    assert p.returncode == 0 and re.search(r"^previs\s+ready", p.stdout.decode(), re.M)


PLAYER = """<!doctype html><video id="v" src="film.mp4" muted preload="auto"></video><pre id="out">waiting</pre>
<script>
const v = document.getElementById('v'), out = document.getElementById('out');
v.addEventListener('loadedmetadata', () => { v.currentTime = 2; });
v.addEventListener('seeked', () => { out.textContent = 'played ' + v.duration + ' ' + v.videoWidth + 'x' + v.videoHeight + ' ' + v.readyState; });
v.addEventListener('error', () => { out.textContent = 'error ' + (v.error && v.error.code); });
</script>"""


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium (apt install chromium)")
def test_the_film_plays_in_chromiums_video_element(film, picture, tmp_path):
    import functools
    import http.server
    import threading
    (film / "player.html").write_text(PLAYER)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(film))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom",
             f"http://127.0.0.1:{server.server_address[1]}/player.html"],
            capture_output=True, timeout=90).stdout.decode()
    finally:
        server.shutdown()
    frames = len(picture[0])
    played = re.search(r"played ([\d.]+) (\d+)x(\d+) (\d)", dom)
    assert played, dom[-500:]
    assert abs(float(played.group(1)) - frames / 24) < 0.1
    assert (int(played.group(2)), int(played.group(3))) == SIZE and int(played.group(4)) >= 2
