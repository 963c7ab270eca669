"""What starting render workers costs: a pool of two mapping a no-op, from its creation to the
first results, for `fork` (unsafe once a codec has run in the parent), `forkserver` as the
engine starts it (the server preloads the renderer) and `spawn`. Each method in a fresh
process, best of 3, all in one run so the ratios hold whatever the machine's load."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import multiprocessing as mp, sys, time
from concurrent.futures import ProcessPoolExecutor
from onecrew.engine import local
import onecrew.engine.work, onecrew.render.previs.draw, onecrew.media.video  # as a render has them
method = sys.argv[1]
ctx = local._context() if method == "forkserver" else mp.get_context(method)
t = time.perf_counter()
with ProcessPoolExecutor(2, mp_context=ctx) as ex:
    list(ex.map(abs, [0, 1]))  # a builtin: nothing of ours to import in the worker
print(time.perf_counter() - t)
"""


def best(method: str) -> float:
    runs = [float(subprocess.run([sys.executable, "-c", CHILD, method], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(3)]
    return min(runs)


def main() -> None:
    fork, server, spawn = best("fork"), best("forkserver"), best("spawn")
    print("render workers (2), pool to first results, best of 3")
    print(f"  fork        {fork:6.3f} s   (unsafe after a codec has run in the parent)")
    print(f"  forkserver  {server:6.3f} s   = {server / fork:.0f}x fork: what the engine uses")
    print(f"  spawn       {spawn:6.3f} s   (each worker imports for itself when it first renders)")


if __name__ == "__main__":
    main()
