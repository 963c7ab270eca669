"""`--backend seedance` end to end against the Ark emulator on loopback, driven by the real
client: a story becomes a film whose shots are the model's clips conformed to the film; a
render killed while tasks are in flight resumes without creating any task twice; a refused
shot is one line naming it; the backend passes the contract."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import av
import pytest

from onecrew.testing.ark import ArkEmulator
from onecrew.testing.contract import BackendContract

ONECREW = str(Path(sys.executable).parent / "onecrew")
STORY = 'Mara waves at Ben. "Hello there," says Mara. Ben smiles.'


@pytest.fixture
def ark(monkeypatch):
    def start(script=None):
        emu = ArkEmulator(script or {"queue_s": 0.05, "run_s": 0.1})
        emu.__enter__()
        started.append(emu)
        monkeypatch.setenv("ARK_API_KEY", emu.api_key)
        monkeypatch.setenv("ARK_BASE_URL", emu.base_url)
        return emu
    started: list = []
    yield start
    for emu in started:
        emu.__exit__(None, None, None)


def make(out: Path, cache: Path, *extra: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([ONECREW, "make", STORY, "-o", str(out), "--size", "320x180", "--backend", "seedance",
                           "-B", "poll_s=0.05", "--cache", str(cache), *extra],
                          capture_output=True, timeout=300, env=env or os.environ)


def test_a_story_becomes_a_film_of_the_models_clips(tmp_path, ark):
    emu = ark()
    p = make(tmp_path / "out", tmp_path / "cache", "--cards")
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    with av.open(str(tmp_path / "out" / "film.mp4")) as c:
        v = c.streams.video[0]
        assert (v.codec_context.name, v.codec_context.width, v.codec_context.height) == ("h264", 320, 180)
    shots = [s for s in (tmp_path / "out" / "shots").glob("*.mp4") if s.stem not in ("title", "end")]
    assert emu.creates == len(shots) > 0  # one paid task per shot; the cards are previs's
    again = make(tmp_path / "out", tmp_path / "cache", "--cards")
    assert again.returncode == 0 and emu.creates == len(shots)  # from the cache: nothing paid again


def test_a_render_killed_while_tasks_are_in_flight_resumes_without_paying_twice(tmp_path, ark):
    emu = ark({"queue_s": 1.5, "run_s": 1.5})
    out, cache = tmp_path / "out", tmp_path / "cache"
    p = subprocess.Popen([ONECREW, "make", STORY, "-o", str(out), "--size", "320x180", "--backend", "seedance",
                          "-B", "poll_s=0.05", "--cache", str(cache)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while emu.creates < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    before = emu.creates
    assert before >= 2, "the kill came before any task was created"
    r = subprocess.run([ONECREW, "resume", "-o", str(out)], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    shots = list((out / "shots").glob("*.mp4"))
    assert emu.creates == len(shots), f"{emu.creates} tasks created for {len(shots)} shots"
    assert (out / "film.mp4").exists()


def test_a_refused_shot_is_one_line_naming_it(tmp_path, ark):
    ark({"outcomes": [{"status": "failed", "code": "OutputVideoSensitiveContentDetected",
                       "message": "the output may contain sensitive content"}]})
    p = make(tmp_path / "out", tmp_path / "cache")
    err = p.stderr.decode().strip().splitlines()
    assert p.returncode == 2 and "Traceback" not in p.stderr.decode()
    assert err[-1].startswith("onecrew: error: shot ") and "OutputVideoSensitiveContentDetected" in err[-1]
    assert not (tmp_path / "out" / "film.mp4").exists()


def test_a_bad_key_stops_at_once_with_one_line(tmp_path, ark):
    ark()
    env = os.environ | {"ARK_API_KEY": "wrong"}
    p = make(tmp_path / "out", tmp_path / "cache", env=env)
    assert p.returncode == 2, p.stderr.decode()
    last = p.stderr.decode().strip().splitlines()[-1]
    assert last.startswith("onecrew: error: ") and "wrong" not in last  # the key is never printed


def test_without_a_key_the_backend_says_what_it_needs(tmp_path, monkeypatch):
    env = {k: v for k, v in os.environ.items() if k != "ARK_API_KEY"}
    p = subprocess.run([ONECREW, "backends"], capture_output=True, env=env, timeout=60)
    assert b"seedance     unavailable: needs an Ark API key in ARK_API_KEY" in p.stdout


class TestSeedanceKeepsTheContract(BackendContract):
    """The contract, through the emulator: conformed by the engine, its clips join the film."""

    @pytest.fixture(autouse=True)
    def _emulator(self, ark):
        ark()

    def get_backend(self):
        from onecrew.render import registry
        return registry.get("seedance", {"poll_s": 0.05})

    def get_request_kwargs(self):
        return {"width": 320, "height": 180}
