"""One error type for everything a user can get wrong: it prints as one line."""

from __future__ import annotations


class OnecrewError(Exception):
    """A problem with the user's input, reported as `where: what` on one line."""

    def __init__(self, message: str, where: str | None = None):
        self.message = " ".join(message.split())
        self.where = where
        super().__init__(self.line())

    def line(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def os_error_line(e: OSError) -> str:
    """What the operating system refused, as one line naming the file: a full disk says so,
    and what to do."""
    import errno
    where = f"{e.filename}: " if e.filename else ""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"{where}the disk is full ({e.strerror}): free some space, or put the output folder "
                f"(-o) or the cache (--cache) on another disk, then `onecrew resume`")
    return f"{where}{e.strerror or e}"
