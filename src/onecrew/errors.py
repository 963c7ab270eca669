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
