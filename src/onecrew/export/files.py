"""Writing outputs all-or-nothing: every file goes to a temporary name and is renamed in place
only once all of them are written, so a failure never leaves a half-written plan."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OnecrewError


def write_all(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OnecrewError(f"cannot create the output folder: {e.strerror}", where=str(folder)) from None
    staged: list[tuple[str, Path]] = []
    mode = 0o666 & ~_umask()  # what open() would give: mkstemp's 0600 would hide the files from others
    try:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            staged.append((tmp, folder / name))
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as e:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise OnecrewError(f"cannot write output: {e.strerror}", where=str(folder)) from None
    return [final for _, final in staged]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
