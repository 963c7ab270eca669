"""Progress of long operations, reported as (stage, done, total); the CLI draws the bars."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int, unit: str = "") -> None: ...


def silent(stage: str, done: int, total: int, unit: str = "") -> None:
    pass
