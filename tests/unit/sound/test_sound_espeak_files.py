"""eSpeak leaves no files behind: not when a render ends, nor when it is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from onecrew.sound import espeak

SPEAKER = """
import sys
from onecrew.model.cast import Voice
from onecrew.sound.voice import engine
e, v = engine(), Voice(gender="male", age="adult", pitch=0, rate_wpm=160, variant=1)
e.speak("The first line.", v)
print("ready", flush=True)
while True:
    e.speak("And another line, and another, until the render is stopped.", v)
"""


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("onecrew-espeak-"))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_voice_stage_leaves_no_folder(tmp_path, sig):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    p = subprocess.Popen([sys.executable, "-c", SPEAKER], stdout=subprocess.PIPE,
                         env={**os.environ, "TMPDIR": str(tmp)}, text=True)
    try:
        assert p.stdout.readline().strip() == "ready"
        p.send_signal(sig)  # mid-line: the loop is voicing the next one
        p.wait(timeout=30)
    finally:
        p.kill()
        p.wait()
    assert p.returncode == -sig
    assert leftovers(tmp) == []
    assert list(tmp.iterdir()) == []


def test_without_memory_files_the_copy_is_gone_once_loaded(tmp_path, monkeypatch):
    """The fallback folder lives only while the library is being mapped."""
    monkeypatch.setattr(espeak.tempfile, "tempdir", str(tmp_path))
    monkeypatch.delattr(espeak.os, "memfd_create")
    made = []
    mkdtemp = espeak.tempfile.mkdtemp
    monkeypatch.setattr(espeak.tempfile, "mkdtemp", lambda **kw: made.append(mkdtemp(**kw)) or made[-1])
    lib = espeak.Library()
    a = lib.synth("Once without memory files.", "en-us+f3", {})
    b = lib.synth("Once without memory files.", "en-us+f3", {})
    assert len(made) == 2 and all(m.startswith(str(tmp_path)) for m in made)  # a fresh copy a load
    assert leftovers(tmp_path) == []
    assert a.pcm.tobytes() == b.pcm.tobytes()


FORKER = """
import os
from onecrew.sound import espeak
first = espeak.LIBRARY.synth("Hello from the parent.", "en-us+m3", {}).pcm
pid = os.fork()
if pid == 0:
    again = espeak.LIBRARY.synth("Hello from the parent.", "en-us+m3", {}).pcm
    os._exit(0 if again.tobytes() == first.tobytes() else 1)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
"""


def test_a_forked_child_voices_on_its_own_copy(tmp_path):
    p = subprocess.run([sys.executable, "-c", FORKER], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "TMPDIR": str(tmp_path)})
    assert p.stdout.strip() == "0", p.stderr
    assert leftovers(tmp_path) == []
