"""The Ark client against the emulator: a clip made, every fault class with what the caller
sees, and never a second create for one shot."""

import av
import numpy as np
import pytest
from seedance_helpers import PRO, small

from onecrew.render.seedance import (Backoff, DownloadExpired, FatalError, MemoryLedger,
                                     ShotFailed, TaskExpired, TaskGone, TransientError,
                                     resolve_base_url)


def frames_of(path):
    with av.open(str(path)) as f:
        s = f.streams.video[0]
        imgs = [fr.to_ndarray(format="rgb24") for fr in f.decode(s)]
        return s.codec_context.name, s.average_rate, imgs


def test_a_clip_is_made_downloaded_and_recorded(ark_factory, make_client, tmp_path):
    ark = ark_factory()
    client = make_client(ark)
    ledger, states = MemoryLedger(), []
    r = client.submit(small(return_last_frame=True), ledger, tmp_path / "shot.mp4",
                      on_state=states.append)
    codec, rate, imgs = frames_of(r.path)
    assert (codec, rate, len(imgs), imgs[0].shape) == ("h264", 24, 48, (480, 864, 3))
    assert r.last_frame_path.read_bytes().startswith(b"\x89PNG")
    assert r.seed == small(return_last_frame=True).seed_for() and r.revised_prompt and r.completion_tokens == 19440
    assert states[0] == "queued" and states[-2:] == ["downloading", "done"]
    assert ark.creates == 1 and ark.downloads_with_auth == 0  # the key never goes to storage
    # The intent is written before the create, the id before the first poll.
    first, with_id = ledger.writes[0], next(w for w in ledger.writes if w["task_id"])
    assert first["task_id"] is None and first["seed"] == r.seed and first["intent_at"]
    assert "result" not in with_id
    # A second submit with the same ledger sends nothing.
    calls = len(ark.api_calls)
    assert client.submit(small(return_last_frame=True), ledger, tmp_path / "shot.mp4").path == r.path
    assert len(ark.api_calls) == calls


def test_two_prompts_give_two_pictures(ark_factory, make_client, tmp_path):
    client = make_client(ark_factory())
    a = client.submit(small("a red fox"), MemoryLedger(), tmp_path / "a.mp4")
    b = client.submit(small("a blue whale"), MemoryLedger(), tmp_path / "b.mp4")
    fa, fb = frames_of(a.path)[2], frames_of(b.path)[2]
    assert np.abs(fa[0].astype(int) - fb[0].astype(int)).mean() > 10
    assert np.abs(fa[0].astype(int) - fa[-1].astype(int)).mean() > 1  # the bar moves


def test_rate_limits_back_off_and_the_create_is_sent_once(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "status": 429, "code": "RateLimitExceeded",
                                   "times": 3}]})
    client = make_client(ark, backoff=Backoff(base=0.01, cap=0.03, tries=5))
    r = client.submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert ark.creates == 1 and r.creates == 1
    waits = client.sleep[:3]
    assert 0.005 <= waits[0] <= 0.01 and 0.01 <= waits[1] <= 0.02 and waits[2] <= 0.03


def test_retries_stop_at_the_cap(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "get", "status": 500, "times": 99}]})
    client = make_client(ark, backoff=Backoff(base=0.01, cap=0.02, tries=4))
    with pytest.raises(TransientError) as e:
        client.submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert "gave up after 4 tries" in str(e.value) and "\n" not in str(e.value)
    assert len(client.sleep) == 3 and max(client.sleep) <= 0.02
    assert [op for op, _ in ark.api_calls].count("get") == 4 and ark.creates == 1


def test_overload_429_is_retried_but_quota_stops_everything(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [
        {"on": "create", "status": 429, "code": "ServerOverloaded"},
        {"on": "create", "status": 429, "code": "QuotaExceeded", "message": "quota spent",
         "skip": 1}]})
    client = make_client(ark)
    assert client.submit(small("one"), MemoryLedger(), tmp_path / "a.mp4")
    with pytest.raises(FatalError, match="QuotaExceeded: quota spent"):
        client.submit(small("two"), MemoryLedger(), tmp_path / "b.mp4")
    calls = len(ark.api_calls)
    with pytest.raises(FatalError, match="stopped: .*QuotaExceeded"):
        client.submit(small("three"), MemoryLedger(), tmp_path / "c.mp4")
    assert len(ark.api_calls) == calls  # nothing more is sent once stopped


@pytest.mark.parametrize("status,code", [(401, "AuthenticationError"),
                                         (403, "AccountOverdueError"), (403, "AccessDenied")])
def test_account_problems_are_fatal_one_liners(ark_factory, make_client, tmp_path, status, code):
    ark = ark_factory({"faults": [{"on": "create", "status": status, "code": code}]})
    ledger = MemoryLedger()
    with pytest.raises(FatalError) as e:
        make_client(ark).submit(small(), ledger, tmp_path / "a.mp4")
    assert code in str(e.value) and "\n" not in str(e.value)
    assert ark.creates == 0 and ledger.get()["creates"] == 0 and ledger.get()["task_id"] is None


def test_a_wrong_key_is_fatal_and_never_shown(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "list", "status": 400, "code": "InvalidParameter",
                                   "message": "bad request from sk-secret-123"}]})
    with pytest.raises(FatalError) as e:
        make_client(ark, api_key="sk-wrong-456").submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert "AuthenticationError" in str(e.value) and "sk-wrong-456" not in str(e.value)
    client = make_client(ark, api_key="sk-secret-123")
    assert "sk-secret" not in repr(client) and "sk-secret" not in str(vars(client).keys())


def test_the_key_is_scrubbed_from_provider_messages(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "status": 400, "code": "InvalidParameter",
                                   "message": "key test-ark-key is odd"}]})
    with pytest.raises(ShotFailed) as e:
        make_client(ark).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert "test-ark-key" not in str(e.value) and "***" in str(e.value)


def test_moderation_at_create_fails_the_shot_with_the_reason(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "create", "status": 400,
                                   "code": "InputTextSensitiveContentDetected",
                                   "message": "the prompt may contain sensitive content",
                                   "match": "gore"}]})
    client = make_client(ark)
    with pytest.raises(ShotFailed) as e:
        client.submit(small("gore everywhere"), MemoryLedger(), tmp_path / "a.mp4")
    assert e.value.code == "InputTextSensitiveContentDetected"
    assert "sensitive content" in str(e.value) and "\n" not in str(e.value)
    assert client.submit(small("a calm lake"), MemoryLedger(), tmp_path / "b.mp4")  # others go on


def test_a_failed_task_reports_the_providers_reason(ark_factory, make_client, tmp_path):
    ark = ark_factory({"outcomes": [{"match": "storm", "status": "failed",
                                     "code": "OutputVideoSensitiveContentDetected",
                                     "message": "the output video may contain sensitive content"}]})
    with pytest.raises(ShotFailed) as e:
        make_client(ark).submit(small("a storm"), MemoryLedger(), tmp_path / "a.mp4")
    assert e.value.code == "OutputVideoSensitiveContentDetected"
    assert "OutputVideoSensitiveContentDetected: the output video" in str(e.value)


def test_an_expired_task_is_submitted_again_once(ark_factory, make_client, tmp_path):
    ark = ark_factory({"outcomes": [{"status": "expired"}]})
    ledger = MemoryLedger()
    r = make_client(ark).submit(small(), ledger, tmp_path / "a.mp4")
    assert ark.creates == 2 and r.path.exists()
    assert ledger.get()["resubmits"] == 1 and len(ledger.get()["expired"]) == 1


def test_an_expired_task_is_not_submitted_a_third_time(ark_factory, make_client, tmp_path):
    ark = ark_factory({"outcomes": [{"status": "expired", "times": 5}]})
    with pytest.raises(TaskExpired, match="expired twice"):
        make_client(ark).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert ark.creates == 2


def test_an_expired_download_url_is_fetched_again_from_a_fresh_get(ark_factory, make_client,
                                                                   tmp_path):
    ark = ark_factory({"faults": [{"on": "download", "kind": "expire_url"}]})
    r = make_client(ark).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    downloads = [p for op, p in ark.api_calls if op == "download"]
    assert r.path.exists() and len(downloads) == 2 and downloads[0] != downloads[1]
    assert not list(tmp_path.glob(".*.part"))  # no half file left behind


def test_a_url_that_stays_expired_fails_the_shot_saying_it_was_billed(ark_factory, make_client,
                                                                      tmp_path):
    ark = ark_factory({"faults": [{"on": "download", "kind": "expire_url", "times": 9}]})
    with pytest.raises(DownloadExpired, match="billed"):
        make_client(ark).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert not (tmp_path / "a.mp4").exists()


def test_dropped_connections_and_500s_on_safe_calls_are_retried(ark_factory, make_client,
                                                                tmp_path):
    ark = ark_factory({"faults": [{"on": "get", "kind": "drop", "times": 2},
                                  {"on": "download", "status": 502, "times": 2}]})
    assert make_client(ark).submit(small(), MemoryLedger(), tmp_path / "a.mp4").path.exists()
    assert ark.creates == 1


def test_a_ledger_naming_a_vanished_task_fails_without_creating(ark_factory, make_client, tmp_path):
    ark = ark_factory()
    req = small()
    ledger = MemoryLedger({"model": PRO, "fingerprint": req.fingerprint(), "seed": 1,
                           "intent_at": 0, "task_id": "cgt-gone", "creates": 1})
    with pytest.raises(TaskGone):
        make_client(ark).submit(req, ledger, tmp_path / "a.mp4")
    assert ark.creates == 0


def test_list_filters_and_delete(ark_factory, make_client):
    ark = ark_factory({"queue_s": 30})
    client = make_client(ark)
    a = client.create(small("a").body(1))
    b = client.create(small("b").body(2))
    assert {t["id"] for t in client.list(task_ids=[a, b])["items"]} == {a, b}
    assert client.list(model="other")["total"] == 0
    assert client.list(status="queued", model=PRO)["total"] == 2
    client.delete(a)
    assert client.get(a)["status"] == "cancelled"
    client.delete(a)  # the record goes; a repeat is harmless
    client.delete(a)
    assert client.list()["total"] == 1


def test_base_url_and_key_come_from_config_and_environment(monkeypatch):
    monkeypatch.delenv("ARK_BASE_URL", raising=False)
    assert resolve_base_url("https://x.example/api/v3/") == "https://x.example/api/v3"
    monkeypatch.setenv("ARK_BASE_URL", "http://127.0.0.1:9/api/v3")
    assert resolve_base_url("https://x.example/api/v3") == "http://127.0.0.1:9/api/v3"
    monkeypatch.delenv("ARK_BASE_URL")
    with pytest.raises(FatalError, match="base URL"):
        resolve_base_url(None)
    monkeypatch.delenv("ARK_API_KEY", raising=False)
    from onecrew.render.seedance import ArkClient
    with pytest.raises(FatalError, match="ARK_API_KEY is not set"):
        ArkClient("http://127.0.0.1:9/api/v3")


def test_a_poll_that_times_out_is_simply_asked_again(ark_factory, make_client, tmp_path):
    ark = ark_factory({"faults": [{"on": "get", "kind": "timeout", "delay": 0.5}]})
    r = make_client(ark, timeout=0.2).submit(small(), MemoryLedger(), tmp_path / "a.mp4")
    assert r.path.exists() and ark.creates == 1
