"""Where the client writes down what it is about to pay for, so nothing is paid twice.

The engine backs a Ledger with its durable job queue (one ledger per shot); the client only
needs these two methods. `put` must be durable when it returns: the client relies on the
intent being on disk before the create goes out, and on the task id being on disk before the
first poll.

The record is a plain JSON-able dict:
  model, fingerprint, seed, intent_at   written before the create
  task_id                               the moment the create answers (or a task is adopted)
  creates                               creates sent for this shot (each one may be billed)
  resubmits, expired                    an expired task's id, kept so it is never adopted
  result                                what was downloaded, once the clip is on disk
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Protocol


class Ledger(Protocol):
    def get(self) -> dict | None: ...
    def put(self, record: dict) -> None: ...


class MemoryLedger:
    """A ledger in memory: for tests, and for a caller that keeps its own records."""

    def __init__(self, record: dict | None = None):
        self._record = json.loads(json.dumps(record)) if record else None
        self._lock = threading.Lock()
        self.writes: list[dict] = []  # every put, in order: tests read the sequence

    def get(self) -> dict | None:
        with self._lock:
            return json.loads(json.dumps(self._record)) if self._record else None

    def put(self, record: dict) -> None:
        with self._lock:
            self._record = json.loads(json.dumps(record))
            self.writes.append(self._record)


class FileLedger:
    """A ledger in one JSON file, written to a temporary name, synced and renamed, so a crash
    leaves either the old record or the new one."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def get(self) -> dict | None:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return None

    def put(self, record: dict) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        with open(tmp, "w") as f:
            json.dump(record, f, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
