"""The content-addressed cache: every artifact stored under the SHA-256 of what decides it.

    <root>/v1/objects/ab/<sha256 of content>   blobs, read-only, shared between entries
    <root>/v1/entries/cd/<key>.json            key → {kind, label, files: role → blob, spec}
    <root>/v1/tmp/                             writes in progress

A key is the SHA-256 of the canonical JSON (sorted keys, no spaces) of the artifact's spec:
the request, cast, backend name and version, model digest, seed and settings. Blobs and
entries are written to tmp/ and renamed into place, so a reader sees all of one or nothing and
two runs writing the same artifact at once both succeed. Every read re-hashes the files; an
entry that does not match is reported, removed, and its artifact made again. Any number of
projects and machines may share one root (a network folder for a render farm).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from ..errors import OnecrewError

LAYOUT = "v1"
ENV = "ONECREW_CACHE"
TMP_GRACE_S = 3600  # a tmp file or unreferenced blob this young may belong to a run in progress


def default_root() -> Path:
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "onecrew"


def canonical(spec: Mapping) -> bytes:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def key_of(spec: Mapping) -> str:
    return hashlib.sha256(canonical(spec)).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str  # "shot", "line", "stem", "mix", "film"
    label: str  # what a person calls it: "shot 1A take 2"
    files: dict[str, Blob]  # role ("video", "pose", "thumb", "wav") → blob
    info: dict = field(default_factory=dict)  # small facts the engine needs back (timings, frames)
    created: float = 0.0
    root: Path | None = None
    used: float = 0.0  # last read or written: what gc goes by

    def path(self, role: str) -> Path:
        assert self.root is not None
        return _blob_path(self.root, self.files[role].sha256)

    @property
    def size(self) -> int:
        return sum(b.size for b in self.files.values())


class Corrupt(Exception):
    pass


def _blob_path(base: Path, sha: str) -> Path:
    return base / "objects" / sha[:2] / sha


class Store:
    def __init__(self, root: Path | None = None, report: Callable[[str], None] = lambda m: None) -> None:
        # absolute, so a run resumed from elsewhere, or a worker on another node, finds it
        self.root = (Path(root) if root is not None else default_root()).expanduser().resolve()
        self.base = self.root / LAYOUT
        self.report = report
        try:
            for sub in ("objects", "entries", "tmp"):
                (self.base / sub).mkdir(parents=True, exist_ok=True)
                if (self.base / sub).is_symlink():  # gc deletes in there: it never follows a link
                    raise OnecrewError("is a symbolic link inside the cache: point --cache (or $ONECREW_CACHE) "
                                       "at a real folder instead", where=str(self.base / sub))
            tag = self.root / "CACHEDIR.TAG"  # backup tools skip a folder that carries this tag
            if not tag.exists():
                _write_atomic(self.base / "tmp", tag, b"Signature: 8a477f597d28d172789f06886806bc55\n"
                              b"# onecrew's render cache: everything here can be made again.\n")
        except OSError as e:
            raise OnecrewError(f"cannot use the cache folder ({e.strerror}{': ' + str(e.filename) if e.filename else ''}):"
                               f" fix its permissions, remove it (everything in it can be made again), or point"
                               f" --cache (or $ONECREW_CACHE) elsewhere", where=str(self.root)) from None

    # -- reading -------------------------------------------------------------------------------

    def get(self, key: str) -> Entry | None:
        """The verified entry under `key`, or None (also when it was corrupt: then it is
        reported and removed, so the caller makes the artifact again)."""
        path = self._entry_path(key)
        try:
            entry = self._load(path, key)
            for role, blob in entry.files.items():
                self._check_blob(blob, role)
        except FileNotFoundError:
            return None
        except Corrupt as e:
            self.report(f"cache: {e}; removed it, it will be made again")
            path.unlink(missing_ok=True)
            return None
        try:
            os.utime(path)  # last use, for gc
        except OSError:
            pass
        return entry

    def _entry_files(self) -> list[Path]:
        return sorted(p for p in _files(self.base / "entries", 2) if p.suffix == ".json")

    def entries(self) -> Iterator[Entry | Corrupt]:
        for path in self._entry_files():
            try:
                yield self._load(path, path.stem)
            except (Corrupt, FileNotFoundError) as e:
                yield Corrupt(str(e))

    # -- writing -------------------------------------------------------------------------------

    def tmp_dir(self) -> Path:
        """A fresh folder under the cache for an artifact being made (same file system, so the
        files can be renamed into place)."""
        d = self.base / "tmp" / uuid.uuid4().hex
        d.mkdir(parents=True)
        return d

    def put(self, spec: Mapping, kind: str, label: str, files: Mapping[str, Path],
            info: Mapping | None = None) -> Entry:
        """Store `files` (moved in, so they should live under `tmp_dir()`) as the artifact
        decided by `spec`."""
        key = key_of(spec)
        blobs = {role: self._put_blob(Path(p)) for role, p in files.items()}
        entry = {"layout": LAYOUT, "key": key, "kind": kind, "label": label,
                 "files": {r: {"sha256": b.sha256, "size": b.size} for r, b in blobs.items()},
                 "info": dict(info or {}), "created": time.time(), "spec": spec}
        entry["sum"] = _entry_sum(entry)  # covers info and files too, not only the spec
        _write_atomic(self.base / "tmp", self._entry_path(key), canonical(entry))
        return Entry(key, kind, label, blobs, dict(info or {}), entry["created"], self.base)

    def put_bytes(self, spec: Mapping, kind: str, label: str, files: Mapping[str, bytes],
                  info: Mapping | None = None) -> Entry:
        tmp = self.tmp_dir()
        try:
            paths = {}
            for role, data in files.items():
                paths[role] = tmp / role
                paths[role].write_bytes(data)
            return self.put(spec, kind, label, paths, info)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _put_blob(self, src: Path) -> Blob:
        sha, size = sha256_file(src), src.stat().st_size
        dest = _blob_path(self.base, sha)
        try:  # a blob already here is kept only if sound: a damaged one is replaced by this
            same = dest.stat().st_size == size and sha256_file(dest) == sha
        except FileNotFoundError:
            same = False
        if same:
            src.unlink()
            try:  # in use again: young, so a gc running now does not take it as unreferenced
                os.utime(dest)
            except OSError:
                pass
        else:
            _shard(dest.parent)
            os.chmod(src, 0o444)  # blobs are linked into output folders: nobody edits them in place
            os.replace(src, dest)
        return Blob(sha, size)

    # -- checkpoints: a render's durable state while it waits -----------------------------------

    def save_checkpoint(self, key: str, state: dict) -> None:
        """Record `state` for the job `key`, durably: flushed to the disk before this returns,
        since it may name a paid job that must not be started again."""
        data = json.dumps(state, sort_keys=True, allow_nan=False).encode("utf-8")
        tmp = self.base / "tmp" / f"{uuid.uuid4().hex}.part"
        dest = self._checkpoint_path(key)
        try:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            _shard(dest.parent)
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)

    def load_checkpoint(self, key: str) -> dict | None:
        try:
            state = json.loads(self._checkpoint_path(key).read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # damaged: as if none, the backend starts afresh
            return None
        return state if isinstance(state, dict) else None

    def drop_checkpoint(self, key: str) -> None:
        self._checkpoint_path(key).unlink(missing_ok=True)

    def _checkpoint_path(self, key: str) -> Path:
        return self.base / "checkpoints" / key[:2] / f"{key}.json"

    # -- checking and tidying ------------------------------------------------------------------

    def verify(self) -> tuple[int, list[str]]:
        """Re-hash everything: (entries that are sound, problems found). Corrupt entries and
        blobs are removed, so their artifacts are made again on the next render."""
        good, problems = 0, []
        for path in self._entry_files():
            try:
                entry = self._load(path, path.stem)
                for role, blob in entry.files.items():
                    self._check_blob(blob, role)
                good += 1
            except (Corrupt, FileNotFoundError) as e:
                problems.append(str(e))
                path.unlink(missing_ok=True)
        return good, problems

    def gc(self, older_than_days: float | None = 30.0, max_bytes: int | None = None,
           keep: set[str] = frozenset()) -> tuple[int, int]:
        """Remove entries unused for `older_than_days`, then the least recently used until the
        cache fits in `max_bytes`, then blobs no entry refers to. Returns (entries, bytes) freed.
        Safe beside running renders: files they are still writing are young, and are kept."""
        now = time.time()
        entries: list[tuple[float, Path, Entry]] = []
        removed = 0
        for path in self._entry_files():
            try:
                entries.append((path.stat().st_mtime, path, self._load(path, path.stem)))
            except FileNotFoundError:  # removed by another process meanwhile
                continue
            except Corrupt:
                path.unlink(missing_ok=True)
                removed += 1
        entries.sort(key=lambda t: t[0])  # least recently used first
        kept: list[tuple[float, Path, Entry]] = []
        for used, path, entry in entries:
            if entry.key not in keep and older_than_days is not None and now - used > older_than_days * 86400:
                path.unlink(missing_ok=True)
                removed += 1
            else:
                kept.append((used, path, entry))
        if max_bytes is not None:
            refs: dict[str, int] = {}  # blob → entries using it: a shared blob counts once
            for _, _, e in kept:
                for b in e.files.values():
                    refs[b.sha256] = refs.get(b.sha256, 0) + 1
            sizes = {b.sha256: b.size for _, _, e in kept for b in e.files.values()}
            total = sum(sizes.values())
            for used, path, entry in list(kept):
                if total <= max_bytes:
                    break
                if entry.key in keep:
                    continue
                kept.remove((used, path, entry))
                path.unlink(missing_ok=True)
                removed += 1
                for b in entry.files.values():
                    refs[b.sha256] -= 1
                    if refs[b.sha256] == 0:
                        total -= sizes[b.sha256]
        if older_than_days is not None:  # a remote job this old has long expired at its provider
            for path in _files(self.base / "checkpoints", 2):
                try:
                    if now - path.lstat().st_mtime > older_than_days * 86400:
                        path.unlink()
                except FileNotFoundError:
                    continue
        live = {b.sha256 for _, _, e in kept for b in e.files.values()}
        freed = 0
        for item in [*_files(self.base / "objects", 2), *_children(self.base / "tmp")]:
            try:
                st = item.lstat()
                if (item.parent.name == "tmp" or item.name not in live) and now - st.st_mtime > TMP_GRACE_S:
                    size = _size(item)
                    # rmtree removes a link it meets, never what it points to; unlink likewise
                    shutil.rmtree(item, ignore_errors=True) if stat.S_ISDIR(st.st_mode) else item.unlink()
                    freed += size
            except FileNotFoundError:  # another process got there first
                continue
        return removed, freed

    def usage(self) -> dict[str, tuple[int, int]]:
        """kind → (entries, bytes of the blobs they use); blobs shared by kinds count in each."""
        out: dict[str, list[int]] = {}
        for e in self.entries():
            if isinstance(e, Entry):
                n = out.setdefault(e.kind, [0, 0])
                n[0] += 1
                n[1] += e.size
        return {k: (n, b) for k, (n, b) in sorted(out.items())}

    def disk_bytes(self) -> int:
        return _size(self.base)

    # -- inside --------------------------------------------------------------------------------

    def _entry_path(self, key: str) -> Path:
        return self.base / "entries" / key[:2] / f"{key}.json"

    def _load(self, path: Path, key: str) -> Entry:
        try:
            raw = json.loads(path.read_bytes())
            files = {r: Blob(b["sha256"], int(b["size"])) for r, b in raw["files"].items()}
            entry = Entry(raw["key"], raw["kind"], raw["label"], files, raw.get("info", {}),
                          raw.get("created", 0.0), self.base, path.stat().st_mtime)
            spec_ok = key_of(raw["spec"]) == key == raw["key"]
            sum_ok = raw.get("sum") == _entry_sum(raw)
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise Corrupt(f"entry {key[:12]} cannot be read ({type(e).__name__})") from None
        if not spec_ok:
            raise Corrupt(f"{entry.label} ({key[:12]}) does not match its key")
        if not sum_ok:
            raise Corrupt(f"{entry.label} ({key[:12]}) has been altered (its checksum does not match)")
        return entry

    def _check_blob(self, blob: Blob, role: str) -> None:
        path = _blob_path(self.base, blob.sha256)
        try:
            size = path.stat().st_size
            ok = size == blob.size and sha256_file(path) == blob.sha256
        except FileNotFoundError:
            raise Corrupt(f"{role} file {blob.sha256[:12]} is missing") from None
        if not ok:
            path.unlink(missing_ok=True)  # a damaged blob would fail every entry that shares it
            raise Corrupt(f"{role} file {blob.sha256[:12]} is damaged (its content does not match its hash)")


def _entry_sum(entry: Mapping) -> str:
    return hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "sum"})).hexdigest()


def _write_atomic(tmp_dir: Path, dest: Path, data: bytes) -> None:
    tmp = tmp_dir / f"{uuid.uuid4().hex}.part"
    # No fsync: a rename is atomic across a crash of the process, and after a power cut an
    # entry whose bytes never reached the disk fails verification and is made again.
    try:
        tmp.write_bytes(data)
        _shard(dest.parent)
        os.replace(tmp, dest)
    finally:  # a full disk leaves no part file
        tmp.unlink(missing_ok=True)


def _shard(folder: Path) -> None:
    """A cache subfolder ("ab/"), made if missing; a link in its place is removed (only the link),
    so nothing is ever written outside the cache through one."""
    if folder.is_symlink():
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def _files(folder: Path, depth: int) -> Iterator[Path]:
    """The regular files `depth` levels below `folder` (2: in its subfolders), reached without
    following a link: a link planted in the cache must not lead gc or verify outside it."""
    try:
        it = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    with it:
        for e in it:
            if depth == 1 and e.is_file(follow_symlinks=False):
                yield Path(e.path)
            elif depth > 1 and e.is_dir(follow_symlinks=False):
                yield from _files(Path(e.path), depth - 1)


def _children(folder: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder)]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _size(path: Path) -> int:
    st = path.lstat()
    if not stat.S_ISDIR(st.st_mode):
        return st.st_size if stat.S_ISREG(st.st_mode) else 0
    total = 0
    for top, _, names in os.walk(path):  # does not descend into links
        for name in names:
            try:
                st = os.lstat(os.path.join(top, name))
            except FileNotFoundError:
                continue
            total += st.st_size if stat.S_ISREG(st.st_mode) else 0
    return total


def place(src: Path, dest: Path) -> Path:
    """Put a cached file at `dest` in an output folder, renamed into place. A reflink where the
    file system has them (a copy-on-write clone: instant, no extra space, and editing it leaves
    the cache alone); else a hard link (instant, no extra space; read-only like the blob, and
    if changed in place anyway the cache's re-hash on read notices and makes it again); else a
    copy (another file system)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        if not _reflink(src, tmp):
            try:
                os.link(src, tmp)
            except OSError:
                shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    finally:  # after a failed copy (a full disk), or when dest was already a link to src
        tmp.unlink(missing_ok=True)
    return dest


_FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int)


def _reflink(src: Path, dest: Path) -> bool:
    if not hasattr(os, "O_NOFOLLOW"):
        return False
    import fcntl
    try:
        s = os.open(src, os.O_RDONLY)
    except OSError:
        return False
    try:
        d = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except OSError:
        os.close(s)
        return False
    try:
        fcntl.ioctl(d, _FICLONE, s)
        return True
    except OSError:  # not this file system (ext4, tmpfs, overlay) or across file systems
        os.close(d)
        d = -1
        dest.unlink(missing_ok=True)
        return False
    finally:
        os.close(s)
        if d >= 0:
            os.close(d)
