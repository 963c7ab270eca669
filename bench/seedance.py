"""`--backend seedance` against the Ark emulator on loopback, measured in one run:

- a 20-shot film with tasks that take TASK_S each and 10 in flight, against the ideal
  ceil(20/10) x TASK_S (target <= 1.05x);
- the engine's overhead per shot with an instant emulator: (that render - the same render from
  the cache) / 20 (target <= 50 ms); it includes downloading and conforming each clip.

The emulator runs in this process's threads and makes real MP4 clips, so its own encoding
shares the cores with the render: the figures are an upper bound of what a real API costs.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from engine import SHOTS, build, render  # noqa: E402

from onecrew.testing.ark import ArkEmulator  # noqa: E402

TASK_S = float(os.environ.get("ONECREW_BENCH_TASK_S", 30))
CONCURRENCY = 10
SIZE = "640x360"


def film(board: Path, out: Path, cache: Path, script: dict) -> tuple[float, str, int]:
    with ArkEmulator(script) as ark:
        env = os.environ | {"ARK_API_KEY": ark.api_key, "ARK_BASE_URL": ark.base_url}
        wall, tally = render(board, out, cache, "--backend", "seedance", "--size", SIZE,
                             "-B", f"concurrency={CONCURRENCY}", "-B", "resolution=480p",
                             "-B", "poll_s=0.2", env=env)
        return wall, tally, ark.creates


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        board = build(tmp)
        slow, tally, creates = film(board, tmp / "slow", tmp / "c1", {"queue_s": 0.0, "run_s": TASK_S})
        ideal = math.ceil(SHOTS / CONCURRENCY) * TASK_S
        instant, _, _ = film(board, tmp / "fast", tmp / "c2", {"queue_s": 0.0, "run_s": 0.0})
        cached, cached_tally, again = film(board, tmp / "fast", tmp / "c2", {"queue_s": 0.0, "run_s": 0.0})
    print(f"seedance through the Ark emulator, {SHOTS}-shot film at {SIZE}, {CONCURRENCY} tasks in flight")
    print(f"  tasks of {TASK_S:.0f} s: {slow:.1f} s wall vs ideal {ideal:.0f} s = {slow / ideal:.3f}x  (target <= 1.05x)"
          f"   [{creates} tasks created; {tally}]")
    print(f"  instant emulator: {instant:.2f} s; the same from the cache: {cached:.2f} s ({again} tasks created)")
    print(f"  engine overhead per shot: {(instant - cached) / SHOTS * 1000:.0f} ms  (target <= 50 ms; "
          f"includes downloading and conforming each clip)")


if __name__ == "__main__":
    main()
