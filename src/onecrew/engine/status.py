"""What a project's job queue says: the last run, its jobs by state, failures and what a
retry would do. Read-only: safe while a render is running."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from ..words import count
from .jobs import DONE, FAILED, PENDING, REUSED, RUNNING, Jobs

KINDS = ("line", "shot", "stem", "mix", "film")


def describe(out: Path) -> str:
    jobs = Jobs.existing(out, read_only=True)
    try:
        run = jobs.last_run()
        if run is None:
            return f"{out}: no render has started here"
        rows = jobs.jobs(run.id)
    finally:
        jobs.close()
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started))
    if run.state == "finished":
        state = f"finished in {run.finished - run.started:.1f} s"
    elif run.state == "failed":
        state = f"failed: {run.error}"
    elif run.alive(out):
        state = f"running (pid {run.pid})"
    else:
        state = f"interrupted: process {run.pid} stopped without finishing"
    out_lines = [f"run {run.id} ({run.command}), started {when}: {state}"]

    states = Counter(j.state for j in rows)
    out_lines.append(f"jobs: {len(rows)} — " + ", ".join(
        f"{states[s]} {s}" for s in (DONE, REUSED, RUNNING, PENDING, FAILED) if states[s]))
    for kind in KINDS + tuple(sorted({j.kind for j in rows} - set(KINDS))):
        mine = [j for j in rows if j.kind == kind]
        if mine:
            settled = sum(j.state in (DONE, REUSED) for j in mine)
            frames = sum(j.frames for j in mine)
            extra = f", {sum(j.frames for j in mine if j.state in (DONE, REUSED))}/{frames} frames" if frames else ""
            out_lines.append(f"  {kind:6} {settled}/{len(mine)} done{extra}")
    live = run.alive(out)
    in_flight = [j for j in rows if j.state == RUNNING]
    if in_flight:
        out_lines.append(("in flight:" if live else "in flight when it stopped (lost, to be made again):")
                         + " " + ", ".join(j.label for j in in_flight[:12])
                         + (f" and {len(in_flight) - 12} more" if len(in_flight) > 12 else ""))
    failed = [j for j in rows if j.state == FAILED]
    for j in failed:
        out_lines.append(f"failed: {j.label} (attempt {j.attempts}): {j.error}")
    left = [j for j in rows if j.state not in (DONE, REUSED)]
    if live:
        out_lines.append("a render is working here now; run `onecrew status` again to follow it")
    elif left or run.state != "finished":
        kept = len(rows) - len(left)
        retry = f"`onecrew resume -o {out}` makes again {count(len(left), 'unfinished job')}"
        if failed:
            retry += f" (the {count(len(failed), 'failed one')} from scratch: a failure that " \
                     "depends only on the input will fail the same way until the storyboard is fixed)"
        out_lines.append(f"{retry}; {count(kept, 'finished job')} come from the cache, then the film "
                         "is cut, identical to an uninterrupted run")
    else:
        out_lines.append("nothing to resume: the film is complete")
    return "\n".join(out_lines)
