"""Reading what the user gave us: a file or a string, checked before any parsing."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import OnecrewError
from ..model.base import CONTROLS

MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class SourceText:
    name: str  # what error messages call it: a path, or "<text>"
    text: str  # BOM stripped, line ends normalised to \n
    kind: str  # "prose" | "fountain" | "storyboard"
    sha256: str


def kind_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".fountain":
        return "fountain"
    if suffix in (".yaml", ".yml", ".json"):
        return "storyboard"
    return "prose"


def decode(data: bytes, name: str) -> str:
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere in the file, not just its start: a NUL ends strings downstream
        line = data.count(b"\n", 0, nul) + 1
        raise OnecrewError("is a binary file, not text", where=f"{name}:{line}")  # the NUL's line
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise OnecrewError(f"is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}); "
                           f"save it as UTF-8", where=name) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Control characters other than tab and line break, in a story or screenplay: a form feed
# between chapters, an escape code pasted from a terminal. They mean nothing to a reader, so
# they read as a space (the storyboard model refuses them in its own text).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def spaced(text: str) -> str:
    """`text` with its control characters read as spaces."""
    return _CONTROLS.sub(" ", text)


def read_source(arg: str) -> SourceText:
    """A path to a story/screenplay/storyboard, '-' for stdin, or the story itself."""
    if not arg.strip():
        raise OnecrewError("no input given: name a story, screenplay or storyboard file, or write the story in quotes")
    path = Path(arg)
    if arg == "-":
        import sys
        data, name = _bounded(sys.stdin.buffer, "<stdin>"), "<stdin>"
    elif _looks_like_text(arg, path):
        data, name = arg.encode("utf-8"), "<text>"
    else:
        data, name = _read_file(path, arg), arg
        if re.search(f"[{CONTROLS}]", arg):  # the name becomes the storyboard's title and source
            raise OnecrewError("has a control character in its name: rename the file", where=repr(arg))
    text = decode(data, name)
    if not text.strip():
        raise OnecrewError("is empty: nothing to film", where=name)
    kind = "prose" if name in ("<text>", "<stdin>") else kind_of(name)
    if kind != "storyboard":
        text = spaced(text)
    return SourceText(name, text, kind, hashlib.sha256(data).hexdigest())


def _read_file(path: Path, arg: str) -> bytes:
    """A regular file, or a pipe (`<(cat story.txt)`), read to at most MAX_BYTES. A device or
    a socket is refused: /dev/zero or /dev/urandom never end, and a terminal is a mistake."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise OnecrewError("no such file", where=arg) from None
    except OSError as e:
        raise OnecrewError(f"cannot be read: {e.strerror}", where=arg) from None
    if stat.S_ISDIR(mode):
        raise OnecrewError("is a folder, not a file", where=arg)
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise OnecrewError("is a device or a socket, not a file", where=arg)
    if stat.S_ISREG(mode) and path.stat().st_size > MAX_BYTES:
        raise OnecrewError(f"is larger than {MAX_BYTES // 1_000_000} MB", where=arg)
    try:
        if stat.S_ISFIFO(mode):
            return _from_pipe(path, arg)
        with path.open("rb") as f:
            return _bounded(f, arg)
    except OSError as e:
        raise OnecrewError(f"cannot be read: {e.strerror}", where=arg) from None


PIPE_WAIT_S = 3.0  # how long a named pipe may go without a writer before it counts as empty


def _from_pipe(path: Path, arg: str) -> bytes:
    """A named pipe, read to at most MAX_BYTES. Opened without waiting for a writer (a plain
    open would wait forever for one that never comes); a writer has a few seconds to appear,
    then the pipe is read to its end as any stream."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        deadline = time.monotonic() + PIPE_WAIT_S
        while True:
            try:
                first = os.read(fd, 1 << 16)
            except BlockingIOError:  # a writer is there, with nothing written yet
                first = None
            if first or first is None or time.monotonic() > deadline:
                break
            time.sleep(0.05)  # no writer yet
        if not first and first is not None:
            return b""
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return _bounded(_Prefixed(first or b"", f), arg)
    finally:
        os.close(fd)


class _Prefixed:
    """`head` then the rest of `stream`, read as one stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head, self.stream = head, stream

    def read(self, n: int) -> bytes:
        out = self.head[:n]
        self.head = self.head[len(out):]
        while len(out) < n:
            more = self.stream.read(n - len(out))
            if not more:
                break
            out += more
        return out


def _bounded(stream: BinaryIO, name: str) -> bytes:
    """All of `stream`, if it is at most MAX_BYTES: one byte more is read, never the rest, so
    `yes | onecrew plan -` stops at the limit instead of filling memory."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OnecrewError(f"is larger than {MAX_BYTES // 1_000_000} MB", where=name)
    return data


def _looks_like_text(arg: str, path: Path) -> bool:
    """A sentence typed on the command line rather than a file name: it has spaces or a line
    break, isn't an existing path, and doesn't end like a file name."""
    if path.exists() or not arg.strip():
        return False
    if "\n" in arg:
        return True
    return " " in arg.strip() and not path.suffix.lower() in (".txt", ".md", ".fountain", ".yaml", ".yml", ".json")
