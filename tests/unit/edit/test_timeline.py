"""The editorial timeline, read back the way an editor's tools read it."""

from __future__ import annotations

import opentimelineio as otio
import pytest

from onecrew.direct.director import direct
from onecrew.edit.spotting import spot
from onecrew.edit.timeline import Reel, Span, timeline, write

from test_spotting import voiced


@pytest.fixture
def cut(kitchen_script):
    sb = direct(kitchen_script, seed=1, fps=24, title="Kitchen")
    sp = spot(sb, voiced(sb))
    reels = [Reel(s.id, s.duration, f"shots/{s.id}.mp4", {"shot": s.id}) for s in sp.storyboard.shots]
    scenes = [Span(sc.id, sp.shot_starts[sc.shots[0].id],
                   sp.shot_starts[sc.shots[-1].id] + sc.shots[-1].duration) for sc in sp.storyboard.scenes]
    return sp, timeline("Kitchen", 24, reels, sp.cues, scenes, "audio/music.wav", "audio/ambience.wav")


def test_otio_reads_back_with_one_clip_per_shot_of_the_right_length(cut, tmp_path):
    sp, tl = cut
    files = write(tl, tmp_path)
    (tmp_path / "film.otio").write_text(files["film.otio"])
    back = otio.adapters.read_from_file(str(tmp_path / "film.otio"))
    video = back.video_tracks()[0]
    clips = list(video.find_clips())
    assert [c.name for c in clips] == [s.id for s in sp.storyboard.shots]
    assert [c.duration().value for c in clips] == [s.duration for s in sp.storyboard.shots]
    assert all(c.duration().rate == 24 for c in clips)
    assert back.duration().value == sp.storyboard.duration


def test_audio_tracks_put_each_line_where_it_is_heard(cut):
    sp, tl = cut
    names = [t.name for t in tl.audio_tracks()]
    assert names == ["A1 dialogue", "A2 music", "A3 ambience"]
    lines = {c.name: c for c in tl.audio_tracks()[0].find_clips()}
    for cue in sp.cues:
        clip = lines[cue.line.id]
        placed = clip.range_in_parent()
        assert placed.start_time.value == cue.start
        assert placed.duration.value == cue.end - cue.start
        assert clip.media_reference.target_url == f"audio/dialogue/{cue.line.id}.wav"
    music = list(tl.audio_tracks()[1].find_clips())
    assert [c.name for c in music] == [sc.id for sc in sp.storyboard.scenes]
    assert sum(c.duration().value for c in music) == sp.storyboard.duration


def test_fcp_xml_and_edl_read_back(cut, tmp_path):
    sp, tl = cut
    files = write(tl, tmp_path)
    assert {"film.otio", "film.xml", "film.edl"} <= set(files)
    xml = otio.adapters.read_from_string(files["film.xml"], "fcp_xml")
    xml_clips = list(xml.video_tracks()[0].find_clips())
    assert [int(c.duration().value) for c in xml_clips] == [s.duration for s in sp.storyboard.shots]
    assert xml_clips[0].media_reference.target_url.startswith("file://")
    edl = otio.adapters.read_from_string(files["film.edl"], "cmx_3600", rate=24)
    assert len(list(edl.find_clips())) == len(sp.storyboard.shots)
