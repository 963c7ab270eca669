"""The content-addressed cache: keys, round trips, deduplication, corruption, gc, place() and
two processes writing the same artifact at once."""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest

from onecrew.engine import store as store_mod
from onecrew.engine.store import TMP_GRACE_S, Entry, Store, canonical, key_of, place
from onecrew.errors import OnecrewError

DAY = 86400.0


def entry_file(store: Store, key: str) -> Path:
    return store.base / "entries" / key[:2] / f"{key}.json"


def blob_file(store: Store, data: bytes) -> Path:
    sha = hashlib.sha256(data).hexdigest()
    return store.base / "objects" / sha[:2] / sha


def age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def flip_byte(path: Path, at: int = 0) -> None:
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def blobs(store: Store) -> list[Path]:
    return sorted(p for p in (store.base / "objects").glob("*/*") if p.is_file())


@pytest.fixture
def messages() -> list[str]:
    return []


@pytest.fixture
def store(tmp_path, messages) -> Store:
    return Store(tmp_path / "cache", messages.append)


SPEC = {"request": {"shot": "1A", "frames": 48}, "backend": "previs", "version": "1.0", "seed": 7}


# -- keys ----------------------------------------------------------------------------------------

def test_key_is_sha256_of_sorted_compact_json():
    spec = {"b": 1, "a": [1, 2, {"z": "é", "y": None}]}
    expected = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert canonical(spec) == expected
    assert canonical(spec) == '{"a":[1,2,{"y":null,"z":"é"}],"b":1}'.encode()
    assert key_of(spec) == hashlib.sha256(expected).hexdigest()
    assert len(key_of(spec)) == 64


def test_key_does_not_depend_on_key_order():
    a = {"seed": 7, "backend": "previs", "request": {"shot": "1A", "frames": 48}}
    b = {"request": {"frames": 48, "shot": "1A"}, "backend": "previs", "seed": 7}
    assert list(a) != list(b)
    assert key_of(a) == key_of(b)


@pytest.mark.parametrize("change", [
    lambda s: s.update(seed=8),
    lambda s: s.update(backend="wan"),
    lambda s: s["request"].update(frames=49),
    lambda s: s["request"].update(shot="1a"),
    lambda s: s.update(extra=None),
    lambda s: s.update(seed="7"),  # a string is not the number
    lambda s: s.update(seed=7.5),
])
def test_any_value_change_changes_the_key(change):
    spec = json.loads(json.dumps(SPEC))
    change(spec)
    assert key_of(spec) != key_of(SPEC)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_canonical_rejects_values_json_cannot_hold(bad):
    with pytest.raises(ValueError):
        canonical({"x": bad})
    with pytest.raises(ValueError):
        key_of({"nested": [1, bad]})


# -- round trips -----------------------------------------------------------------------------------

def test_put_then_get_round_trips_files_and_facts(store):
    video, thumb = os.urandom(5000), b"\x89PNG thumb"
    made = store.put_bytes(SPEC, "shot", "shot 1A take 2", {"video": video, "thumb": thumb},
                           info={"frames": 48, "timings": [0.5, 1.25]})
    assert made.key == key_of(SPEC)

    got = Store(store.root).get(key_of(SPEC))  # a fresh Store reads what this one wrote
    assert isinstance(got, Entry)
    assert (got.key, got.kind, got.label) == (key_of(SPEC), "shot", "shot 1A take 2")
    assert got.info == {"frames": 48, "timings": [0.5, 1.25]}
    assert set(got.files) == {"video", "thumb"}
    assert got.path("video").read_bytes() == video
    assert got.path("thumb").read_bytes() == thumb
    assert got.files["video"].sha256 == hashlib.sha256(video).hexdigest()
    assert got.files["video"].size == len(video)
    assert got.size == len(video) + len(thumb)
    assert got.created == pytest.approx(time.time(), abs=60)


def test_get_of_an_unknown_key_is_none_and_quiet(store, messages):
    assert store.get(key_of({"never": "stored"})) is None
    assert messages == []


def test_put_moves_files_from_a_tmp_dir(store):
    work = store.tmp_dir()
    assert work.parent == store.base / "tmp"
    (work / "clip.mp4").write_bytes(b"clip bytes")
    entry = store.put(SPEC, "shot", "shot 1A", {"video": work / "clip.mp4"})
    assert not (work / "clip.mp4").exists()  # moved in, not copied
    assert entry.path("video").read_bytes() == b"clip bytes"


def test_identical_content_is_stored_once(store):
    data = b"the same picture" * 100
    a = store.put_bytes({"shot": "1A"}, "shot", "shot 1A", {"video": data})
    b = store.put_bytes({"shot": "1B"}, "shot", "shot 1B", {"video": data, "wav": b"other"})
    assert a.key != b.key
    assert a.path("video") == b.path("video")
    assert blobs(store) == sorted([blob_file(store, data), blob_file(store, b"other")])
    assert store.get(a.key).path("video").read_bytes() == data
    assert store.get(b.key).path("video").read_bytes() == data


def test_a_damaged_blob_is_replaced_when_its_content_is_stored_again(store, messages):
    """gc keeps an unreferenced blob for an hour; if it was damaged, making its artifact again
    must not reuse it."""
    data = os.urandom(1000)
    old = store.put_bytes({"n": "old"}, "shot", "old", {"video": data})
    flip_byte(old.path("video"), 500)  # same size, other content
    entry_file(store, old.key).unlink()  # its entry gone, the blob left behind

    new = store.put_bytes({"n": "new"}, "shot", "new", {"video": data})
    assert new.path("video").read_bytes() == data  # what put hands back is sound at once
    assert store.get(new.key).path("video").read_bytes() == data
    assert not stat.S_IMODE(new.path("video").stat().st_mode) & 0o222
    assert messages == [] and store.verify() == (1, [])


def test_blobs_are_read_only(store):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    mode = entry.path("video").stat().st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_writes_leave_nothing_in_tmp(store):
    store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"a", "thumb": b"b"})
    store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"a", "thumb": b"b"})  # again: dedup path
    store.put_bytes({"x": 1}, "line", "line 1", {"wav": b"c"})
    assert list((store.base / "tmp").iterdir()) == []
    assert (store.root / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")


def test_putting_the_same_spec_again_replaces_the_entry(store):
    store.put_bytes(SPEC, "shot", "old label", {"video": b"first"})
    store.put_bytes(SPEC, "shot", "new label", {"video": b"second"})
    got = store.get(key_of(SPEC))
    assert got.label == "new label" and got.path("video").read_bytes() == b"second"
    assert len(list((store.base / "entries").glob("*/*.json"))) == 1


def test_entries_and_usage_count_by_kind(store):
    store.put_bytes({"s": 1}, "shot", "shot 1", {"video": b"x" * 10})
    store.put_bytes({"s": 2}, "shot", "shot 2", {"video": b"x" * 10})  # shared blob counts in each
    store.put_bytes({"l": 1}, "line", "line 1", {"wav": b"y" * 7})
    assert store.usage() == {"line": (1, 7), "shot": (2, 20)}
    assert sorted(e.label for e in store.entries()) == ["line 1", "shot 1", "shot 2"]
    assert store.disk_bytes() >= 17


def test_an_unusable_cache_folder_is_one_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OnecrewError, match="cannot use the cache folder"):
        Store(blocker / "cache")


def test_the_default_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ONECREW_CACHE", str(tmp_path / "here"))
    assert Store().root == tmp_path / "here"
    monkeypatch.delenv("ONECREW_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store_mod.default_root() == tmp_path / "xdg" / "onecrew"


# -- corruption ------------------------------------------------------------------------------------

def test_a_damaged_blob_is_reported_removed_and_made_again(store, messages):
    data = os.urandom(2000)
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": data})
    flip_byte(entry.path("video"), 1234)

    assert store.get(entry.key) is None
    assert len(messages) == 1
    assert "video" in messages[0] and "damaged" in messages[0] and "made again" in messages[0]
    assert not entry_file(store, entry.key).exists()
    assert not blob_file(store, data).exists()  # a damaged blob would fail every entry sharing it

    again = store.put_bytes(SPEC, "shot", "shot 1A", {"video": data})
    assert store.get(again.key).path("video").read_bytes() == data
    assert len(messages) == 1


def test_a_missing_blob_is_reported(store, messages):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"v", "pose": b"p"})
    entry.path("pose").unlink()
    assert store.get(entry.key) is None
    assert "pose" in messages[0] and "missing" in messages[0]
    assert not entry_file(store, entry.key).exists()


def test_a_same_size_blob_with_other_content_is_caught(store, messages):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"AAAA"})
    path = entry.path("video")
    os.chmod(path, 0o644)
    path.write_bytes(b"AAAB")
    assert store.get(entry.key) is None
    assert "video" in messages[0]


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # truncated
    lambda raw: b"\x00\xff garbage",
    lambda raw: b"",
    lambda raw: json.dumps({"key": "k"}).encode(),  # fields missing
    lambda raw: json.dumps([1, 2, 3]).encode(),
])
def test_an_unreadable_entry_is_reported_and_removed(store, messages, damage):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    path = entry_file(store, entry.key)
    path.write_bytes(damage(path.read_bytes()))
    assert store.get(entry.key) is None
    assert len(messages) == 1 and "cannot be read" in messages[0] and "made again" in messages[0]
    assert not path.exists()


def test_an_entry_whose_spec_does_not_hash_to_its_key_is_refused(store, messages):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    path = entry_file(store, entry.key)
    raw = json.loads(path.read_bytes())
    raw["spec"]["seed"] = 8  # edited by hand: the artifact no longer answers this key
    path.write_bytes(canonical(raw))
    assert store.get(entry.key) is None
    assert "does not match its key" in messages[0] and "shot 1A" in messages[0]
    assert not path.exists()


def test_an_entry_filed_under_another_key_is_refused(store, messages):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    other = key_of({"another": "spec"})
    dest = entry_file(store, other)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(entry_file(store, entry.key).read_bytes())
    assert store.get(other) is None
    assert messages and "does not match its key" in messages[0]
    assert store.get(entry.key) is not None  # the original is untouched


def test_verify_reports_each_problem_and_keeps_sound_entries(store):
    shared = os.urandom(300)
    a = store.put_bytes({"n": "a"}, "shot", "shot A", {"video": shared})
    b = store.put_bytes({"n": "b"}, "shot", "shot B", {"video": shared})
    c = store.put_bytes({"n": "c"}, "line", "line C", {"wav": b"sound"})
    d = store.put_bytes({"n": "d"}, "stem", "music", {"wav": b"music"})
    e = store.put_bytes({"n": "e"}, "mix", "mix", {"audio": b"mix"})
    flip_byte(a.path("video"))                       # damages a and b
    entry_file(store, d.key).write_bytes(b"{trunc")  # garbled entry

    good, problems = Store(store.root).verify()
    assert good == 2
    assert len(problems) == 3
    joined = "\n".join(problems)
    assert "damaged" in joined and "missing" in joined and "cannot be read" in joined
    for gone in (a, b, d):
        assert not entry_file(store, gone.key).exists()
    for kept in (c, e):
        assert entry_file(store, kept.key).exists()
        assert store.get(kept.key) is not None

    assert store.verify() == (2, [])  # nothing left to find


def test_entries_yields_corrupt_ones_without_removing(store):
    a = store.put_bytes({"n": "a"}, "shot", "shot A", {"video": b"1"})
    store.put_bytes({"n": "b"}, "shot", "shot B", {"video": b"2"})
    entry_file(store, a.key).write_bytes(b"nope")
    found = list(store.entries())
    assert sum(isinstance(x, Entry) for x in found) == 1
    assert sum(isinstance(x, store_mod.Corrupt) for x in found) == 1
    assert entry_file(store, a.key).exists()
    assert store.usage() == {"shot": (1, 1)}


# -- gc --------------------------------------------------------------------------------------------

def test_gc_removes_entries_unused_for_longer_than_asked(store):
    old = store.put_bytes({"n": "old"}, "shot", "old", {"video": b"old content"})
    new = store.put_bytes({"n": "new"}, "shot", "new", {"video": b"new content"})
    age(entry_file(store, old.key), 40 * DAY)
    age(entry_file(store, new.key), 10 * DAY)

    removed, freed = store.gc(older_than_days=30)
    assert removed == 1
    assert store.get(old.key) is None and store.get(new.key) is not None
    # the old entry's blob is unreferenced now, but young: it may belong to a run in progress
    assert blob_file(store, b"old content").exists() and freed == 0

    age(blob_file(store, b"old content"), TMP_GRACE_S + 60)
    removed, freed = store.gc(older_than_days=30)
    assert (removed, freed) == (0, len(b"old content"))
    assert not blob_file(store, b"old content").exists()
    assert blob_file(store, b"new content").exists()


def test_gc_keeps_what_it_is_told_to(store):
    old = store.put_bytes({"n": "old"}, "shot", "old", {"video": b"old content"})
    age(entry_file(store, old.key), 40 * DAY)
    assert store.gc(older_than_days=30, keep={old.key}) == (0, 0)
    assert store.get(old.key) is not None


def test_get_refreshes_last_use(store):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    age(entry_file(store, entry.key), 40 * DAY)
    assert store.get(entry.key) is not None
    assert time.time() - entry_file(store, entry.key).stat().st_mtime < 60
    assert store.gc(older_than_days=30) == (0, 0)
    assert store.get(entry.key) is not None


def test_gc_with_no_age_limit_keeps_old_entries(store):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    age(entry_file(store, entry.key), 4000 * DAY)
    assert store.gc(older_than_days=None) == (0, 0)
    assert store.get(entry.key) is not None


def test_max_bytes_evicts_least_recently_used_first(store):
    made = {n: store.put_bytes({"n": n}, "shot", n, {"video": n.encode() * 100}) for n in "abcd"}
    for n, days in {"a": 3, "b": 1, "c": 4, "d": 2}.items():  # c is the least recently used
        age(entry_file(store, made[n].key), days * DAY)

    removed, _ = store.gc(older_than_days=None, max_bytes=250)  # 400 bytes: two must go
    assert removed == 2
    left = {n for n, e in made.items() if entry_file(store, e.key).exists()}
    assert left == {"b", "d"}

    removed, _ = store.gc(older_than_days=None, max_bytes=100, keep={made["d"].key})
    assert removed == 1  # b goes though it is the more recent: d is kept
    assert entry_file(store, made["d"].key).exists() and not entry_file(store, made["b"].key).exists()


def test_max_bytes_counts_a_shared_blob_once(store):
    data = b"z" * 100
    a = store.put_bytes({"n": "a"}, "shot", "a", {"video": data})
    b = store.put_bytes({"n": "b"}, "shot", "b", {"video": data})
    assert store.gc(older_than_days=None, max_bytes=150) == (0, 0)
    assert store.get(a.key) is not None and store.get(b.key) is not None


def test_gc_removes_old_tmp_leftovers_and_keeps_young_ones(store):
    killed = store.tmp_dir()
    (killed / "half.mp4").write_bytes(b"x" * 123)
    age(killed / "half.mp4", TMP_GRACE_S + 60)
    age(killed, TMP_GRACE_S + 60)
    part = store.base / "tmp" / "dead.part"
    part.write_bytes(b"y" * 7)
    age(part, TMP_GRACE_S + 60)
    busy = store.tmp_dir()
    (busy / "rendering.mp4").write_bytes(b"in progress")

    removed, freed = store.gc()
    assert removed == 0 and freed == 130
    assert not killed.exists() and not part.exists()
    assert (busy / "rendering.mp4").read_bytes() == b"in progress"


def test_gc_drops_unreadable_entries(store):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    entry_file(store, entry.key).write_bytes(b"garbage")
    removed, _ = store.gc()
    assert removed == 1 and not entry_file(store, entry.key).exists()


def test_a_blob_reused_while_gc_runs_is_not_collected(store, monkeypatch):
    """A run stores content the cache already holds (an old blob whose entry gc is removing)
    and a gc on another machine runs between the blob and the entry being written: the blob
    must survive, or the new entry points at nothing."""
    data = b"content both artifacts share"
    old = store.put_bytes({"n": "old"}, "shot", "old", {"video": data})
    age(entry_file(store, old.key), 40 * DAY)
    age(blob_file(store, data), 40 * DAY)

    write = store_mod._write_atomic

    def gc_then_write(tmp_dir, dest, payload):
        if dest.suffix == ".json":
            Store(store.root).gc(older_than_days=30)
        write(tmp_dir, dest, payload)
    monkeypatch.setattr(store_mod, "_write_atomic", gc_then_write)
    new = store.put_bytes({"n": "new"}, "shot", "new", {"video": data})

    assert not entry_file(store, old.key).exists()
    got = store.get(new.key)
    assert got is not None and got.path("video").read_bytes() == data


# -- place -----------------------------------------------------------------------------------------

def test_place_links_the_cached_file_into_the_output(store, tmp_path):
    data = os.urandom(4096)
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": data})
    dest = place(entry.path("video"), tmp_path / "out" / "shots" / "1A.mp4")
    assert dest == tmp_path / "out" / "shots" / "1A.mp4"
    assert dest.read_bytes() == data
    assert os.path.samefile(dest, entry.path("video"))  # same file system: a hard link
    assert entry.path("video").stat().st_nlink == 2


def test_place_replaces_an_existing_file(store, tmp_path):
    first = store.put_bytes({"n": 1}, "shot", "one", {"video": b"take one"})
    second = store.put_bytes({"n": 2}, "shot", "two", {"video": b"take two"})
    dest = tmp_path / "out" / "1A.mp4"
    dest.parent.mkdir()
    dest.write_bytes(b"an old file the user had")
    place(first.path("video"), dest)
    assert dest.read_bytes() == b"take one"
    place(second.path("video"), dest)
    assert dest.read_bytes() == b"take two"
    assert first.path("video").read_bytes() == b"take one"  # the cache is not written through
    assert sorted(p.name for p in dest.parent.iterdir()) == ["1A.mp4"]


def test_placing_the_same_file_again_leaves_no_temporary(store, tmp_path):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})
    dest = tmp_path / "out" / "1A.mp4"
    place(entry.path("video"), dest)
    place(entry.path("video"), dest)  # a second render of the same film: dest is already the link
    assert dest.read_bytes() == b"frames"
    assert [p.name for p in dest.parent.iterdir()] == ["1A.mp4"]


def test_place_copies_across_file_systems(store, tmp_path, monkeypatch):
    entry = store.put_bytes(SPEC, "shot", "shot 1A", {"video": b"frames"})

    def no_link(src, dst):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(store_mod.os, "link", no_link)
    dest = place(entry.path("video"), tmp_path / "elsewhere" / "1A.mp4")
    assert dest.read_bytes() == b"frames"
    assert not os.path.samefile(dest, entry.path("video"))
    assert [p.name for p in dest.parent.iterdir()] == ["1A.mp4"]


# -- two processes at once -------------------------------------------------------------------------

def _put_at_once(root: str, barrier, rounds: int) -> None:
    s = Store(Path(root))
    for i in range(rounds):
        barrier.wait(timeout=10)
        s.put_bytes({"round": i}, "shot", f"shot {i}", {"video": f"same content {i}".encode() * 1000,
                                                        "thumb": b"shared thumb"})


def test_two_processes_putting_the_same_artifact_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    rounds = 20
    barrier = ctx.Barrier(2)
    root = tmp_path / "cache"
    Store(root)
    procs = [ctx.Process(target=_put_at_once, args=(str(root), barrier, rounds)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=30)
    assert [p.exitcode for p in procs] == [0, 0]

    s = Store(root)
    assert s.verify() == (rounds, [])
    assert len(blobs(s)) == rounds + 1  # one per content, the shared thumb once
    assert list((s.base / "tmp").iterdir()) == []
    for i in range(rounds):
        got = s.get(key_of({"round": i}))
        assert got.path("video").read_bytes() == f"same content {i}".encode() * 1000


def test_an_entry_whose_recorded_facts_were_altered_is_not_trusted(tmp_path):
    import json as _json
    store = Store(tmp_path / "c")
    spec = {"artifact": "line", "text": "hi"}
    e = store.put_bytes(spec, "line", "line l1", {"wav": b"RIFF...."}, {"length": 48000})
    path = store.base / "entries" / e.key[:2] / f"{e.key}.json"
    raw = _json.loads(path.read_bytes())
    raw["info"]["length"] = 48001  # timings decide cuts: a silent change would change the film
    path.write_text(_json.dumps(raw))
    told = []
    store.report = told.append
    assert store.get(e.key) is None
    assert told and "altered" in told[0]
