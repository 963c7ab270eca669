"""The files onecrew writes into a project folder, and the one rule for touching them again.

A project folder is shared with the creator: they keep their own notes, edits and exports
beside ours. So onecrew replaces or removes a file there only when it wrote that file itself
and the file is still as it was written, or when it already holds the very bytes about to be
written (nothing is lost then). Anything else is the creator's and is never overwritten or
deleted; `--force` replaces such a file, and still never removes one. The folders onecrew writes
into must be real folders of the project: a symbolic link there would lead writes and deletes
outside it, so it is refused.

What was written is recorded in `.onecrew/outputs.json` (path → size, inode, mtime, SHA-256),
under the project's lock, so a file is recognised without reading it in the common case.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from ..errors import OnecrewError
from .store import place, sha256_file

RECORD = "outputs.json"


class Outputs:
    def __init__(self, out: Path, force: bool = False) -> None:
        self.out = Path(out)
        self.force = force
        self.record = self.out / ".onecrew" / RECORD
        self.files: dict[str, dict] = {}
        try:
            raw = json.loads(self.record.read_bytes()) if _is_file(self.record) else {}
            self.files = {k: v for k, v in raw.get("files", {}).items() if isinstance(v, dict)}
        except (OSError, ValueError, AttributeError):
            self.files = {}  # unreadable: nothing is known to be ours, so nothing is replaced unasked

    # -- checks ----------------------------------------------------------------------------

    def folder(self, rel: str) -> Path:
        """`out/rel`, made if missing; every folder on the way must be a real folder."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OnecrewError("is a file, not a folder: name an output folder", where=str(self.out)) from None
        except OSError as e:
            raise OnecrewError(f"cannot create the output folder: {e.strerror}", where=str(self.out)) from None
        path = self.out
        for part in Path(rel).parts:
            path = path / part
            try:
                st = path.lstat()
            except FileNotFoundError:
                try:
                    path.mkdir()
                except FileExistsError:  # made meanwhile by another process: checked below
                    st = path.lstat()
                except OSError as e:
                    raise OnecrewError(f"cannot create the folder: {e.strerror}", where=str(path)) from None
                else:
                    continue
            if stat.S_ISLNK(st.st_mode):
                raise OnecrewError("is a symbolic link: onecrew writes only into real folders of the "
                                   "project, so replace the link with a folder", where=str(path))
            if not stat.S_ISDIR(st.st_mode):
                raise OnecrewError("is in the way of a folder onecrew writes into: move it away",
                                   where=str(path))
        return path

    def check(self, rel: str, new_sha: str | None = None) -> None:
        """Refuse to write `rel` over a file that is not ours (unless forced)."""
        path = self.out / rel
        if self.force or not _exists(path) or self.mine(rel) or (new_sha and _holds(path, new_sha)):
            return
        raise OnecrewError("was not written by onecrew, or was changed since: move it away to keep "
                           "it, or pass --force to replace it", where=str(path))

    def check_all(self, rels: Iterable[str]) -> None:
        for rel in rels:
            parent = str(Path(rel).parent)
            if parent != "." and _exists(self.out / parent):
                self.folder(parent)
            self.check(rel)

    def mine(self, rel: str) -> bool:
        """`rel` exists and is as onecrew left it."""
        rec, path = self.files.get(rel), self.out / rel
        try:
            st = path.lstat()
        except FileNotFoundError:
            return False
        if rec is None or not stat.S_ISREG(st.st_mode):
            return False
        if rec.get("linked") and st.st_ino == rec.get("ino"):
            # A read-only link into the cache: if it was changed in place the cache saw it (every
            # read re-hashes) and will make the file again; putting it back is a repair.
            return True
        if (st.st_size, st.st_ino, st.st_mtime_ns) == (rec.get("size"), rec.get("ino"), rec.get("mtime_ns")):
            return True
        return st.st_size == rec.get("size") and sha256_file(path) == rec.get("sha256")

    # -- writing ---------------------------------------------------------------------------

    def place(self, src: Path, rel: str, sha: str) -> Path:
        """A cached file (content `sha`) at `out/rel`."""
        self.folder(str(Path(rel).parent))
        self.check(rel, sha)
        dest = place(src, self.out / rel)
        self._note(rel, sha, linked=_same_file(src, dest))
        return dest

    def write(self, files: dict[str, str | bytes]) -> list[Path]:
        """Text files at the top of the folder, all or nothing."""
        from ..export.files import write_all
        import hashlib
        data = {name: c.encode("utf-8") if isinstance(c, str) else c for name, c in files.items()}
        shas = {name: hashlib.sha256(b).hexdigest() for name, b in data.items()}
        for name in data:
            self.check(name, shas[name])
        written = write_all(self.out, data)
        for name in data:
            self._note(name, shas[name], linked=False)
        return written

    def prune(self, folder: str, pattern: str, keep: set[str]) -> None:
        """Remove the files of an earlier cut that this one has not (ours only)."""
        path = self.out / folder
        if not _is_dir(path):
            return
        for old in path.glob(pattern):
            rel = f"{folder}/{old.name}"
            if rel not in keep and self.mine(rel):
                old.unlink(missing_ok=True)
                self.files.pop(rel, None)

    def save(self) -> None:
        folder = self.folder(".onecrew")
        fd, tmp = tempfile.mkstemp(prefix=f".{RECORD}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"files": self.files}, f, sort_keys=True, separators=(",", ":"))
            os.replace(tmp, self.record)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _note(self, rel: str, sha: str, linked: bool) -> None:
        st = (self.out / rel).lstat()
        self.files[rel] = {"sha256": sha, "size": st.st_size, "ino": st.st_ino,
                           "mtime_ns": st.st_mtime_ns, "linked": linked}


def _exists(path: Path) -> bool:
    try:
        path.lstat()
        return True
    except FileNotFoundError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _holds(path: Path, sha: str) -> bool:
    """A regular file (not a link) whose bytes are `sha`: replacing it loses nothing."""
    return _is_file(path) and sha256_file(path) == sha


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
