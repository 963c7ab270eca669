"""Reading what the user gave us: a file or a string, checked before any parsing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import OnecrewError

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
    if b"\x00" in data[:8192]:
        raise OnecrewError("is a binary file, not text", where=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise OnecrewError(f"is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}); "
                           f"save it as UTF-8", where=name) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(arg: str) -> SourceText:
    """A path to a story/screenplay/storyboard, '-' for stdin, or the story itself."""
    if not arg.strip():
        raise OnecrewError("no input given: name a story, screenplay or storyboard file, or write the story in quotes")
    path = Path(arg)
    if arg == "-":
        import sys
        data, name = sys.stdin.buffer.read(), "<stdin>"
    elif _looks_like_text(arg, path):
        data, name = arg.encode("utf-8"), "<text>"
    else:
        if not path.exists():
            raise OnecrewError("no such file", where=arg)
        if path.is_dir():
            raise OnecrewError("is a folder, not a file", where=arg)
        if path.stat().st_size > MAX_BYTES:
            raise OnecrewError(f"is larger than {MAX_BYTES // 1_000_000} MB", where=arg)
        data, name = path.read_bytes(), arg
    text = decode(data, name)
    if not text.strip():
        raise OnecrewError("is empty: nothing to film", where=name)
    kind = "prose" if name in ("<text>", "<stdin>") else kind_of(name)
    return SourceText(name, text, kind, hashlib.sha256(data).hexdigest())


def _looks_like_text(arg: str, path: Path) -> bool:
    """A sentence typed on the command line rather than a file name: it has spaces or a line
    break, isn't an existing path, and doesn't end like a file name."""
    if path.exists() or not arg.strip():
        return False
    if "\n" in arg:
        return True
    return " " in arg.strip() and not path.suffix.lower() in (".txt", ".md", ".fountain", ".yaml", ".yml", ".json")
