"""Many shots at once through one client. The client itself holds at most `concurrency`
tasks in flight per model (a semaphore per model, held from create to download), so the
pool may be wider than that: the extra threads wait their turn without sending anything."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .client import ArkClient, Result
from .errors import SeedanceError
from .ledger import Ledger
from .request import VideoRequest


def run_batch(client: ArkClient, jobs: list[tuple[VideoRequest, Ledger, str | Path]], *,
              workers: int = 16, on_state=None) -> list[Result | SeedanceError]:
    """Submit every job; each entry of the answer is its Result or the SeedanceError that
    stopped it (a shot's failure does not stop the others; a FatalError stops every shot not
    yet sent, which then report `stopped: …` without a request)."""
    def one(i: int, job):
        req, ledger, dest = job
        try:
            cb = (lambda s: on_state(i, s)) if on_state else None
            return client.submit(req, ledger, dest, on_state=cb)
        except SeedanceError as e:
            return e
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, range(len(jobs)), jobs))
