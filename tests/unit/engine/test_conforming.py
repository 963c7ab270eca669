"""The engine conforms what a model returns: a clip in the model's own size, rate, length and
codec is stored as the film's own segment, so the cut still joins it without re-encoding."""

from __future__ import annotations

import sys
from pathlib import Path

import av
import pytest

from onecrew.engine import keys, work
from onecrew.engine.store import Store
from onecrew.engine.work import ShotJob
from onecrew.render import registry
from onecrew.render.backend import Capabilities, ShotArtifact

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "media"))
from test_conform import clip  # noqa: E402
from test_previs import request  # noqa: E402


class Model:
    """Answers every shot with 2 s of MPEG-4 at 12 fps, 320x240, whatever it was asked."""

    name, version, capabilities = "model", "1", Capabilities(honours_seed=False)

    def render(self, req, ctx):
        path = clip(ctx.work_dir / "answer.mp4", 320, 240, 12, 24)
        return ShotArtifact(shot=req.shot.id, video=path, frames=24)


@pytest.fixture
def model(monkeypatch):
    monkeypatch.setitem(registry.BUILT_IN, "model", f"{__name__}:Model")
    yield
    work._close_all()


def test_a_models_own_clip_is_stored_as_the_films_segment(tmp_path, model):
    store = Store(tmp_path / "cache")
    req = request(duration=30, width=160, height=90)
    job = ShotJob(keys.shot(req, registry.get("model"), ()), req, "shot 1A")
    entry = work.render_shot("model", job, (), store.root)
    with av.open(str(entry.path("video"))) as c:
        v = c.streams.video[0]
        assert (v.codec_context.name, v.codec_context.width, v.codec_context.height) == ("h264", 160, 90)
        assert v.average_rate == req.fps
        assert sum(1 for _ in c.decode(video=0)) == 30


from onecrew.testing.contract import BackendContract  # noqa: E402


class TestAModelAnsweringInItsOwnTermsKeepsTheContract(BackendContract):
    """A plug-in's own suite, as it would subclass the contract: conformed by the engine, its
    clips are film segments."""

    def get_backend(self):
        return Model()
