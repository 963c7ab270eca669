"""FCP XML and EDL at every frame rate onecrew films at, read back by OpenTimelineIO.

12 and 15 fps have no SMPTE timecode; they once made the export raise after the film was
written (see onecrew.edit.carrier).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opentimelineio as otio
import pytest

from onecrew.direct.director import direct
from onecrew.edit.carrier import carrier
from onecrew.edit.spotting import spot
from onecrew.edit.timeline import Reel, Span, exports, timeline
from onecrew.model.time import SUPPORTED_FPS

from test_spotting import voiced


def cut_at(script, fps: int):
    sb = direct(script, seed=1, fps=fps, title="Kitchen")
    sp = spot(sb, voiced(sb))
    reels = [Reel(s.id, s.duration, f"shots/{s.id}.mp4", {"shot": s.id}) for s in sp.storyboard.shots]
    scenes = [Span(sc.id, sp.shot_starts[sc.shots[0].id],
                   sp.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration) for sc in sp.storyboard.scenes]
    return sp, timeline("Kitchen", fps, reels, sp.cues, scenes, "audio/music.wav", "audio/ambience.wav")


def frames(track, fps: int) -> list[int]:
    out = []
    for c in track.find_clips():
        d = c.duration().rescaled_to(fps).value
        assert d == int(d), d  # a whole frame of the film, never a fraction
        out.append(int(d))
    return out


@pytest.mark.parametrize("fps", SUPPORTED_FPS)
def test_fcp_xml_reads_back_at_the_films_rate_with_the_same_cut(kitchen_script, tmp_path, fps):
    sp, tl = cut_at(kitchen_script, fps)
    xml = otio.adapters.read_from_string(exports(tl, tmp_path)["film.xml"], "fcp_xml")
    video = xml.video_tracks()[0]
    assert [c.name for c in video.find_clips()] == [s.id for s in sp.storyboard.shots]
    assert frames(video, fps) == [s.duration for s in sp.storyboard.shots]
    assert {c.duration().rate for c in xml.find_clips()} == {fps}  # not the carrier rate
    assert [frames(t, fps) for t in xml.audio_tracks()] == [frames(t, fps) for t in tl.audio_tracks()]
    for back, ours in zip(xml.audio_tracks()[0].find_clips(), tl.audio_tracks()[0].find_clips()):
        assert back.range_in_parent().start_time.rescaled_to(fps).value == ours.range_in_parent().start_time.value
    assert xml.duration().rescaled_to(fps).value == sp.storyboard.duration


@pytest.mark.parametrize("fps", SUPPORTED_FPS)
def test_edl_reads_back_with_the_same_cut(kitchen_script, tmp_path, fps):
    sp, tl = cut_at(kitchen_script, fps)
    text = exports(tl, tmp_path)["film.edl"]
    rate = carrier(fps)
    assert rate % fps == 0 and (rate == fps) == (fps not in (12, 15))
    assert (f"TIMECODE AT {rate} FPS" in text) == (rate != fps)
    edl = otio.adapters.read_from_string(text, "cmx_3600", rate=rate)
    clips = list(edl.find_clips())
    assert len(clips) == len(sp.storyboard.shots)
    assert frames(edl.video_tracks()[0], fps) == [s.duration for s in sp.storyboard.shots]


def test_smpte_rates_are_written_as_the_adapters_write_them(kitchen_script, tmp_path):
    """The carrier is a detour for 12 and 15 fps only: other rates' files are untouched."""
    from onecrew.edit.timeline import interchange
    _, tl = cut_at(kitchen_script, 24)
    assert exports(tl, tmp_path)["film.xml"] == otio.adapters.write_to_string(interchange(tl, tmp_path), "fcp_xml")


def test_a_12_fps_film_is_made_whole(tmp_path):
    """End to end: the console script at 12 fps writes the film and both interchange files."""
    story = tmp_path / "story.txt"
    story.write_text("A man waves at the sea.\n")
    out = tmp_path / "out"
    onecrew = str(Path(sys.executable).parent / "onecrew")
    p = subprocess.run([onecrew, "make", str(story), "-o", str(out), "--fps", "12", "--size", "128x72",
                        "--cache", str(tmp_path / "cache"), "--workers", "1", "-q"],
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert (out / "film.mp4").stat().st_size > 0
    xml = otio.adapters.read_from_file(str(out / "film.xml"), "fcp_xml")
    edl = otio.adapters.read_from_file(str(out / "film.edl"), "cmx_3600", rate=24)
    assert len(list(xml.video_tracks()[0].find_clips())) == len(list(edl.find_clips())) > 0
    assert frames(xml.video_tracks()[0], 12) == frames(edl.video_tracks()[0], 12)
