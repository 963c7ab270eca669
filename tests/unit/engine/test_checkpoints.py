"""A backend that waits on a remote job records it through the context; after a crash the
next attempt at the same shot gets it back, and once the clip is cached it is gone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from onecrew.engine import keys, work
from onecrew.engine.store import Store
from onecrew.engine.work import ShotJob
from onecrew.render import registry
from onecrew.render.backend import Capabilities, ShotArtifact
from onecrew.render.previs import Previs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from test_previs import request  # noqa: E402

SEEN: list = []


class Remote:
    """Starts a 'remote job' once, records it, and crashes the first time it waits on it."""

    name, version, capabilities = "remote", "1", Capabilities()
    crash = True

    def render(self, req, ctx):
        SEEN.append(ctx.resumed)
        if ctx.resumed is None:
            ctx.checkpoint({"task": "cgt-1", "created": 1})
        if Remote.crash:
            Remote.crash = False
            raise ConnectionError("the machine went down while waiting")
        return Previs().render(req, ctx.model_copy(update={"checkpoint": None}))


@pytest.fixture
def remote(monkeypatch):
    monkeypatch.setitem(registry.BUILT_IN, "remote", f"{__name__}:Remote")
    SEEN.clear()
    Remote.crash = True
    yield
    work._close_all()


def test_a_checkpoint_survives_a_failed_attempt_and_is_dropped_once_the_clip_is_cached(tmp_path, remote):
    store = Store(tmp_path / "cache")
    req = request(duration=12)
    job = ShotJob(keys.shot(req, registry.get("remote"), ()), req, "shot 1A")
    with pytest.raises(ConnectionError):
        work.render_shot("remote", job, (), store.root)
    assert store.load_checkpoint(job.key) == {"task": "cgt-1", "created": 1}
    entry = work.render_shot("remote", job, (), store.root)  # resume: the same job, picked up
    assert SEEN == [None, {"task": "cgt-1", "created": 1}]
    assert store.load_checkpoint(job.key) is None and entry.kind == "shot"


def test_a_damaged_checkpoint_reads_as_none(tmp_path):
    store = Store(tmp_path / "cache")
    store.save_checkpoint("ab" * 32, {"task": "x"})
    path = next((store.base / "checkpoints").rglob("*.json"))
    path.write_bytes(b"{not json")
    assert store.load_checkpoint("ab" * 32) is None


def test_gc_drops_checkpoints_older_than_asked(tmp_path):
    import os
    import time
    store = Store(tmp_path / "cache")
    store.save_checkpoint("cd" * 32, {"task": "old"})
    store.save_checkpoint("ef" * 32, {"task": "new"})
    path = next(p for p in (store.base / "checkpoints").rglob("*.json") if p.name.startswith("cd"))
    old = time.time() - 10 * 86400
    os.utime(path, (old, old))
    store.gc(older_than_days=7)
    assert store.load_checkpoint("cd" * 32) is None and store.load_checkpoint("ef" * 32) == {"task": "new"}
