"""A shot is created once, whatever is lost on the way: the create's answer, the process."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from seedance_helpers import PRO, small

from onecrew.render.seedance import (ArkClient, Backoff, FileLedger, MemoryLedger,
                                     TransientError, matches)


def test_a_dropped_connection_after_the_create_adopts_the_task(ark_factory, make_client,
                                                               tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "kind": "drop_after"}]})
    ledger = MemoryLedger()
    r = make_client(ark).submit(small(), ledger, tmp_path / "a.mp4")
    assert ark.creates == 1 and r.adopted and r.path.exists()
    ops = [op for op, _ in ark.api_calls]
    assert ops[:2] == ["create", "list"] and ops.count("create") == 1


def test_a_create_that_times_out_is_found_not_sent_again(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "kind": "timeout", "delay": 0.6}]})
    client = make_client(ark, timeout=0.3, settle=0.6)
    r = client.submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert ark.creates == 1 and r.adopted


def test_a_500_to_a_create_is_checked_in_the_list_before_another(ark_factory, make_client,
                                                                  tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "status": 500, "code": "InternalServiceError"}]})
    ledger = MemoryLedger()
    r = make_client(ark).submit(small(), ledger, tmp_path / "a.mp4")
    ops = [op for op, _ in ark.api_calls]
    assert ops[:3] == ["create", "list", "create"]  # listed first; nothing there; sent again
    assert ark.creates == 1 and not r.adopted and ledger.get()["creates"] == 2


def test_a_listing_that_fails_sends_no_create(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "kind": "drop"},
                                  {"on": "list", "status": 503, "times": 99}]})
    ledger = MemoryLedger()
    with pytest.raises(TransientError):
        make_client(ark).submit(small(), ledger, tmp_path / "a.mp4")
    assert [op for op, _ in ark.api_calls].count("create") == 1
    assert ledger.get()["task_id"] is None and ledger.get()["creates"] == 1  # resume lists again


def test_creates_are_capped_when_answers_keep_getting_lost(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "kind": "drop", "times": 9}]})
    with pytest.raises(TransientError, match="3 creates sent"):
        make_client(ark, max_creates=3).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert [op for op, _ in ark.api_calls].count("create") == 3


class Crash(BaseException):
    """The process dying: not an error anything catches."""


class CrashOnId(MemoryLedger):
    """Dies as the task id is written: after the create, before the first poll."""

    def put(self, record):
        if record.get("task_id"):
            raise Crash()
        super().put(record)


def test_a_crash_between_create_and_first_poll_adopts_on_resume(ark_factory, make_client,
                                                                 tmp_path):
    ark = ark_factory()
    dying = CrashOnId()
    with pytest.raises(Crash):
        make_client(ark).submit(small(), dying, tmp_path / "a.mp4")
    assert ark.creates == 1 and dying.get()["task_id"] is None
    survivor = MemoryLedger(dying.get())
    r = make_client(ark).submit(small(), survivor, tmp_path / "a.mp4")  # a fresh process
    assert ark.creates == 1 and r.adopted and r.path.exists()


def test_a_crash_after_the_id_was_written_re_polls_it(ark_factory, make_client, tmp_path):
    ark = ark_factory({"queue_s": 0.2})
    req = small()
    task_id = make_client(ark).create(req.body(req.seed_for()))
    ledger = MemoryLedger({"model": PRO, "fingerprint": req.fingerprint(),
                           "seed": req.seed_for(), "intent_at": time.time(),
                           "task_id": task_id, "creates": 1})
    r = make_client(ark).submit(req, ledger, tmp_path / "a.mp4")
    assert r.task_id == task_id and ark.creates == 1
    assert "list" not in [op for op, _ in ark.api_calls]


def test_adoption_skips_other_shots_tasks_and_old_ones(ark_factory, make_client, tmp_path):
    ark = ark_factory({"queue_s": 30})
    client = make_client(ark)
    req = small()
    seed = req.seed_for()
    other = client.create(small("another shot").body(seed + 1))       # another seed
    twin = client.create(small(resolution="720p").body(seed))          # other settings
    mine = client.create(req.body(seed))
    items = {t["id"]: t for t in client.list(model=PRO)["items"]}
    body = req.body(seed)
    assert [i for i in (other, twin, mine) if matches(items[i], body, 0)] == [mine]
    assert not matches(items[mine], body, time.time() + 3600)          # created before the intent


def test_sigkill_while_queued_then_resume_creates_nothing_more(tmp_path):
    """The emulator in its own process (`python -m onecrew.testing.ark`), a client process
    killed with SIGKILL once its task is queued, then a resume in this process."""
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"queue_s": 1.0, "run_s": 0.1}))
    env = dict(os.environ, ARK_API_KEY="k-1")
    server = subprocess.Popen([sys.executable, "-m", "onecrew.testing.ark", "--port", "0",
                               "--script", str(script), "--key", "k-1"],
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        base = server.stdout.readline().strip()
        ledger_path = tmp_path / "shot.ledger.json"
        child = subprocess.Popen([sys.executable, "-c", CHILD, base, str(ledger_path),
                                  str(tmp_path / "a.mp4")], env=env)
        deadline = time.time() + 20
        while time.time() < deadline:
            rec = FileLedger(ledger_path).get() if ledger_path.exists() else None
            if rec and rec.get("task_id"):
                break
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert rec and rec["task_id"]
        client = ArkClient(base, "k-1", backoff=Backoff(base=0.01, cap=0.05), poll=(0.05, 0.1))
        r = client.submit(small(), FileLedger(ledger_path), tmp_path / "a.mp4")
        stats = json.load(urllib.request.urlopen(base.rsplit("/api/", 1)[0] + "/_emulator/stats"))
        assert stats["creates"] == 1 and r.task_id == rec["task_id"] and r.path.exists()
    finally:
        server.terminate()
        server.wait(5)


CHILD = """
import sys
sys.path.insert(0, %r)
from seedance_helpers import small
from onecrew.render.seedance import ArkClient, FileLedger
ArkClient(sys.argv[1], poll=(0.05, 0.1)).submit(small(), FileLedger(sys.argv[2]), sys.argv[3])
""" % os.path.dirname(__file__)
