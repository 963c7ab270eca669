"""The backend contract as tests a plug-in runs in its own suite, as diffusers' pipeline tester
mixin is: subclass `BackendContract` in a class named `Test...`, give it `get_backend()` (a
backend built from dummy components: tiny weights, an emulated API) and, if the backend needs
them, `get_request_kwargs()`; pytest runs every check below against it.

    from onecrew.testing.contract import BackendContract

    class TestMyModel(BackendContract):
        def get_backend(self):
            return MyModel.from_config(MyModel.Config(model=TINY_WEIGHTS))

What is checked is what the engine relies on to cache, conform, join, split and trust a clip.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import av
import numpy as np
import pytest

from ..media.assemble import assemble
from ..media.conform import conform
from ..model.cast import Character, Look, Outfit, Voice
from ..model.storyboard import Blocking, FilmSet, Shot
from ..model.vocab import Action, CameraMove, IntExt, LocationKind, ShotKind, ShotSize, TimeOfDay
from ..render.backend import Backend, Capabilities, RenderContext, ShotArtifact, ShotRequest

FRAMES = 30  # more than one second, fewer than one piece: small enough for any backend


def decoded(path: Path) -> tuple[list[np.ndarray], dict]:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        facts = {"codec": v.codec_context.name, "pix_fmt": v.codec_context.pix_fmt, "fps": v.average_rate,
                 "size": (v.codec_context.width, v.codec_context.height)}
        frames = list(c.decode(video=0))
        facts["first_is_key"] = bool(frames) and frames[0].key_frame
        return [f.to_ndarray(format="rgb24") for f in frames], facts


def digest(frames) -> str:
    return hashlib.sha256(b"".join(f.tobytes() for f in frames)).hexdigest()


class BackendContract:
    """Not collected itself (its name does not start with Test); subclasses are."""

    def get_backend(self) -> Backend:
        raise NotImplementedError("a contract test class says which backend it checks")

    def get_request_kwargs(self) -> dict:
        """Overrides for the dummy request (a model that only takes certain sizes, say)."""
        return {}

    # -- the dummy request -----------------------------------------------------------------

    def request(self, backend: Backend, frames: int = FRAMES, seed: int = 3) -> ShotRequest:
        caps = backend.capabilities
        fps = 24 if not caps.fps or 24 in caps.fps else caps.fps[0]
        w, h = (160, 96) if caps.max_size is None else (min(160, caps.max_size[0]), min(96, caps.max_size[1]))
        n = min(frames, caps.max_frames or frames)
        mara = Character(id="mara", name="Mara", seed=5,
                         look=Look(gender="female", age="adult", height="tall", build="average", skin="skin-3",
                                   hair_color="red", hair_style="long", eye_color="eye-green",
                                   outfit=Outfit(top="dress", top_color="navy", bottom="skirt", bottom_color="navy")),
                         voice=Voice(gender="female", age="adult", pitch=0.0, rate_wpm=150, variant=0))
        shot = Shot(id="7B", kind=ShotKind.SINGLE, size=ShotSize.MS, move=CameraMove.DOLLY_IN, duration=n,
                    subject=("mara",), in_frame=(Blocking(character="mara", action=Action.WAVE),), seed=seed)
        beach = FilmSet(id="beach", name="BEACH", kind=LocationKind.BEACH, int_ext=IntExt.EXT,
                        time=TimeOfDay.SUNSET)
        fields = {"shot": shot, "film_set": beach, "cast": (mara,), "fps": fps, "width": w, "height": h,
                  "seed": seed} | self.get_request_kwargs()
        return ShotRequest(**fields)

    def segment(self, backend: Backend, art: ShotArtifact, req: ShotRequest, tmp: Path) -> Path:
        """The clip as the engine stores it: as it is, or conformed to the film."""
        if backend.capabilities.conformed:
            return art.video
        return conform(art.video, tmp / f"conformed-{art.video.stem}.mp4", req.width, req.height, req.fps,
                       req.frames)

    # -- the checks ------------------------------------------------------------------------

    def test_it_is_a_backend_with_a_name_version_and_capabilities(self):
        backend = self.get_backend()
        assert isinstance(backend, Backend)
        assert isinstance(backend.name, str) and backend.name
        assert isinstance(backend.version, str) and backend.version
        assert isinstance(backend.capabilities, Capabilities)

    def test_it_renders_the_clip_asked_for_into_its_work_folder(self, tmp_path):
        backend = self.get_backend()
        req, seen = self.request(backend), []
        art = backend.render(req, RenderContext(work_dir=tmp_path, progress=seen.append))
        assert art.shot == req.shot.id
        assert Path(art.video).resolve().is_relative_to(tmp_path.resolve())  # the engine moves it to the cache
        frames, facts = decoded(self.segment(backend, art, req, tmp_path))
        assert len(frames) == req.frames
        # what joining segments without re-encoding needs: one codec, one pixel format, a keyframe first
        assert facts == {"codec": "h264", "pix_fmt": "yuv420p", "fps": req.fps, "size": (req.width, req.height),
                         "first_is_key": True}
        assert seen == sorted(seen)  # progress only goes forward
        if backend.capabilities.conformed:  # its own frames are the film's: counted to the end
            assert art.frames == req.frames and seen and seen[-1] == req.frames

    def test_the_same_request_gives_the_same_clip_when_it_honours_seeds(self, tmp_path):
        backend = self.get_backend()
        if not backend.capabilities.honours_seed:
            pytest.skip(f"{backend.name} does not honour seeds: the cache is what keeps an approved take")
        req = self.request(backend)
        a = decoded(backend.render(req, RenderContext(work_dir=tmp_path / "a")).video)[0]
        b = decoded(backend.render(req, RenderContext(work_dir=tmp_path / "b")).video)[0]
        c = decoded(backend.render(self.request(backend, seed=4), RenderContext(work_dir=tmp_path / "c")).video)[0]
        assert digest(a) == digest(b) != digest(c)  # a take's seed makes a different take

    def test_its_clips_join_without_re_encoding(self, tmp_path):
        backend = self.get_backend()
        segs = []
        for n in (FRAMES, FRAMES // 2):
            req = self.request(backend, frames=n)
            (tmp_path / str(n)).mkdir()
            art = backend.render(req, RenderContext(work_dir=tmp_path / str(n)))
            segs.append(self.segment(backend, art, req, tmp_path / str(n)))
        joined = assemble(segs, None, tmp_path / "joined.mp4", self.request(backend).fps)
        frames, facts = decoded(joined)
        assert len(frames) == FRAMES + FRAMES // 2 and facts["codec"] == "h264"
        assert digest(frames[:FRAMES]) == digest(decoded(segs[0])[0])

    def test_passes_it_says_it_writes_are_frame_aligned(self, tmp_path):
        backend = self.get_backend()
        if not backend.capabilities.writes_passes:
            pytest.skip(f"{backend.name} writes no control passes")
        req = self.request(backend)
        art = backend.render(req, RenderContext(work_dir=tmp_path, passes=("pose", "mask", "depth")))
        assert {"pose", "depth", "mask-mara"} <= set(art.passes)
        for path in art.passes.values():
            assert len(decoded(path)[0]) == req.frames

    def test_a_frame_range_is_those_frames_of_the_whole_shot(self, tmp_path):
        backend = self.get_backend()
        if not backend.capabilities.frame_ranges:
            pytest.skip(f"{backend.name} renders whole shots only")
        req = self.request(backend, frames=60)
        whole = decoded(backend.render(req, RenderContext(work_dir=tmp_path / "w")).video)[0]
        part = backend.render(req, RenderContext(work_dir=tmp_path / "p", frames=(24, 60)))
        piece = decoded(part.video)[0]
        assert part.frames == len(piece) == 36
        err = [np.abs(a.astype(int) - b.astype(int)).mean() for a, b in zip(whole[24:], piece)]
        assert max(err) < 2.0  # the same drawings, encoded apart
