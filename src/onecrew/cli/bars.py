"""Progress bars on stderr: redrawn in place on a terminal, a line per quarter otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Bars:
    def __init__(self, stream: TextIO = sys.stderr, width: int = 28) -> None:
        self.stream, self.width = stream, width
        self.tty = stream.isatty()
        self.stage: str | None = None
        self.shown = -1  # last quarter printed, off a terminal
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, stage: str, done: int, total: int, unit: str = "") -> None:
        if stage != self.stage:
            self._end()
            self.stage, self.shown, self.started = stage, -1, time.monotonic()
        total = max(total, 1)
        done = min(done, total)
        if self.tty:
            now = time.monotonic()
            if done < total and now - self.drawn < 0.1:
                return
            self.drawn = now
            fill = self.width * done // total
            self.stream.write(f"\r{stage:>9} [{'#' * fill}{'.' * (self.width - fill)}] {done}/{total} {unit} "
                              f"{now - self.started:5.1f}s")
            self.stream.flush()
        else:
            quarter = 4 * done // total
            if quarter > self.shown:
                self.shown = quarter
                self.stream.write(f"onecrew: {stage}: {done}/{total} {unit}\n")
                self.stream.flush()

    def _end(self) -> None:
        if self.tty and self.stage is not None:
            self.stream.write("\n")
            self.stream.flush()

    def close(self) -> None:
        self._end()
        self.stage = None
