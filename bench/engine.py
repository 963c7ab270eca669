"""Engine benchmarks (cache, workers, executors): each prints a ratio of two measurements taken
in this run, on one 20-shot film at 1280x720, 24 fps (the first 20 shots of the lighthouse
demo, 8 lines of dialogue in 7 of them), every render timed as a user runs it:
`onecrew render storyboard.yaml -o DIR --cache C` in a subprocess, wall time.

1. re-render after editing one shot vs the full render (fresh cache): (a) its camera move
   (picture only), (b) the text of its dialogue line (picture, that line, mix); target <= 10%;
2. second render of the unchanged project vs the first; target <= 5%;
3. 1 worker vs 2 workers, fresh cache each: the speed-up (aim: near 2x on 2 cores);
4. `--executor ray --workers 2` (a local Ray started by the run) vs `--workers 2`, fresh cache
   each: Ray's start-up measured alone, and the per-shot overhead
   (ray - start-up - local) / shots.

Short runs (re-renders, Ray start-up) are the best of 3; renders from a fresh cache the best
of 2, the 1-worker, 2-worker and Ray renders taken in turn. Other work on the machine shows in
the figures: the bench prints the load average it started with.

`python bench/engine.py [--skip-ray]`
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONECREW = str(Path(sys.executable).parent / "onecrew")
SHOTS = 20
EDITED = "1I"  # an 82-frame over-the-shoulder shot (the 20 average 80) with one line of dialogue
MOVES = ("dolly-in", "pan-left", "truck-right")  # it is static: one new move per repetition
WORDS = ("lamp", "beam", "tower")  # its line says "the light": one new word per repetition

_RAY_START = """
import time
t = time.perf_counter()
import ray
t1 = time.perf_counter()
ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
ray.shutdown()
print(t1 - t, time.perf_counter() - t1)
"""


def build(tmp: Path) -> Path:
    """The first 20 shots of the planned lighthouse demo as storyboard.yaml: all of scene 1 and
    the first five shots of scene 2, with the lines those shots no longer cover left out of the
    scene (so the storyboard still loads and lints clean)."""
    from onecrew.check.continuity import lint
    from onecrew.model.storyboard import Line
    from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard
    from onecrew.pipeline import plan

    plan(str(ROOT / "examples" / "lighthouse.txt"), tmp / "plan")
    sb = load_storyboard((tmp / "plan" / "storyboard.yaml").read_text(), "storyboard.yaml")
    scenes, left = [], SHOTS
    for sc in sb.scenes:
        if left <= 0:
            break
        shots = sc.shots[:left]
        left -= len(shots)
        heard = {lid for sh in shots for lid in sh.lines}
        last = max(i for i, b in enumerate(sc.beats) if not isinstance(b, Line) or b.id in heard)
        beats = tuple(b for b in sc.beats[:last + 1] if not isinstance(b, Line) or b.id in heard)
        scenes.append(sc.model_copy(update={"shots": shots, "beats": beats}))
    sb = sb.model_copy(update={"scenes": tuple(scenes)})
    path = tmp / "storyboard.yaml"
    path.write_text(dump_storyboard(sb))
    sb = load_storyboard(path.read_text(), str(path))  # loads, strictly
    findings = lint(sb)
    if len(sb.shots) != SHOTS or findings:
        sys.exit(f"benchmark storyboard: {len(sb.shots)} shots, lint: {findings}")
    return path


def edited(src: Path, dest: Path, move: str | None = None, word: str | None = None) -> Path:
    """`src` with shot EDITED's camera move, or the word "light" of its line, changed."""
    from onecrew.model.storyboard import Line
    from onecrew.model.vocab import CameraMove
    from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard
    sb = load_storyboard(src.read_text(), str(src))
    scenes = []
    for sc in sb.scenes:
        shot = next((sh for sh in sc.shots if sh.id == EDITED), None)
        if shot is not None and move:
            moved = shot.model_copy(update={"move": CameraMove(move)})
            sc = sc.model_copy(update={"shots": tuple(moved if sh is shot else sh for sh in sc.shots)})
        if shot is not None and word:
            line = shot.lines[0]
            sc = sc.model_copy(update={"beats": tuple(
                b.model_copy(update={"text": b.text.replace("light", word)})
                if isinstance(b, Line) and b.id == line else b for b in sc.beats)})
        scenes.append(sc)
    dest.write_text(dump_storyboard(sb.model_copy(update={"scenes": tuple(scenes)})))
    load_storyboard(dest.read_text(), str(dest))
    return dest


def render(storyboard: Path, out: Path, cache: Path, *extra: str,
           env: dict | None = None) -> tuple[float, str]:
    """Wall seconds of `onecrew render` and its tally line."""
    t = time.perf_counter()
    p = subprocess.run([ONECREW, "render", str(storyboard), "-o", str(out), "--cache", str(cache),
                        *extra], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    if p.returncode:
        sys.exit(f"onecrew render failed:\n{p.stderr}")
    said = [ln.removeprefix("onecrew: ") for ln in p.stderr.splitlines()]
    tally = next((ln for ln in said if "reused from the cache" in ln), "?")
    lengthened = [ln for ln in said if "lengthened" in ln]
    if lengthened:
        print(f"   note: {lengthened[0]}")
    return wall, tally


_WARM = """
import json, sys, time
from pathlib import Path
from onecrew.engine.film import Settings
from onecrew.pipeline import render
out, cache, boards = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
times = []
for board in boards:
    t = time.perf_counter()
    film = render(board, out, Settings(cache=cache))
    times.append(time.perf_counter() - t)
print(json.dumps(times))
"""


def warm(boards: list[Path], out: Path, cache: Path) -> list[float]:
    """Seconds of each render of `boards` in turn, in one Python process (as the Python API or
    a studio server runs them): no interpreter start-up or imports in the re-renders."""
    p = subprocess.run([sys.executable, "-c", _WARM, str(out), str(cache), *map(str, boards)],
                       capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"in-process renders failed:\n{p.stderr}")
    return json.loads(p.stdout.splitlines()[-1])


def best(runs: list[tuple[float, str]]) -> tuple[float, str]:
    return min(runs, key=lambda r: r[0])


def ray_start(env: dict) -> tuple[float, float]:
    """Seconds to import Ray, and to start and stop a local Ray (2 CPUs, no dashboard), in a
    fresh process."""
    out = subprocess.run([sys.executable, "-c", _RAY_START], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    return float(out[0]), float(out[1])


def row(label: str, seconds: str, ratio: str, target: str) -> None:
    print(f"{label:<44} {seconds:>16}  {ratio:>12}  {target}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-ray", action="store_true")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0))
    started, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        env = os.environ | {"RAY_TMPDIR": str(tmp / "r")}  # Ray's session files go with the rest
        (tmp / "r").mkdir()
        sb = build(tmp)
        fresh = iter(range(1000))

        def new(name: str) -> tuple[Path, Path]:
            n = next(fresh)
            return tmp / f"{name}{n}", tmp / f"cache{n}"

        # 1, 2: a project rendered from a fresh cache, then again unchanged, then edited
        fulls, project = [], None
        for _ in range(2):
            out, cache = new("full")
            fulls.append(render(sb, out, cache))
            project = project or (out, cache)
        full, full_tally = best(fulls)
        out, cache = project
        again = best([render(sb, out, cache) for _ in range(3)])
        moved = best([render(edited(sb, tmp / f"move-{m}.yaml", move=m), out, cache) for m in MOVES])
        spoken = best([render(edited(sb, tmp / f"line-{w}.yaml", word=w), out, cache) for w in WORDS])

        # the same, in one warm process: full, unchanged, camera edit, line edit
        warms = [warm([sb, sb, edited(sb, tmp / f"wm{i}.yaml", move=MOVES[i]),
                       edited(sb, tmp / f"wl{i}.yaml", word=WORDS[i])], *new("warm")) for i in range(2)]
        w_full, w_again, w_moved, w_spoken = (min(w[k] for w in warms) for k in range(4))

        # 3, 4: 1 worker, 2 workers, Ray with 2 CPUs; fresh caches, taken in turn
        w1, w2, rays, ups = [], [], [], []
        for i in range(2):
            w1.append(render(sb, *new("w1-"), "--workers", "1")[0])
            w2.append(render(sb, *new("w2-"), "--workers", "2")[0])
            if not args.skip_ray:
                ups += [ray_start(env) for _ in range(1 + i)]  # 3 in all: it is short
                rays.append(render(sb, *new("ray"), "--executor", "ray", "--workers", "2", env=env)[0])
        one, two = min(w1), min(w2)

    print(f"onecrew engine, {SHOTS}-shot film at 1280x720 24 fps, {cores} cores; "
          f"edited shot {EDITED}; best of 2 (fresh cache) or 3 (re-renders)")
    row("measure", "seconds", "ratio", "target")
    row("full render, fresh cache, default workers", f"{full:.2f}", "1", "")
    print(f"   tally: {full_tally}")
    row("1a. re-render, shot's camera move edited", f"{moved[0]:.2f} / {full:.2f}",
        f"{moved[0] / full:.1%}", "<= 10%")
    print(f"   tally: {moved[1]}")
    row("1b. re-render, shot's line text edited", f"{spoken[0]:.2f} / {full:.2f}",
        f"{spoken[0] / full:.1%}", "<= 10%")
    print(f"   tally: {spoken[1]}")
    row("2. second render, unchanged", f"{again[0]:.2f} / {full:.2f}", f"{again[0] / full:.1%}", "<= 5%")
    print(f"   tally: {again[1]}")
    print("in one process (Python API, studio): no interpreter start-up or imports")
    row("   full render, fresh cache", f"{w_full:.2f}", "1", "")
    for label, t, target in (("1a. camera move edited", w_moved, "<= 10%"),
                             ("1b. line text edited", w_spoken, "<= 10%"),
                             ("2. unchanged", w_again, "<= 5%")):
        row(f"   {label}", f"{t:.2f} / {w_full:.2f}", f"{t / w_full:.1%}", target)
    row("3. 1 worker / 2 workers, fresh caches", f"{one:.2f} / {two:.2f}", f"{one / two:.2f}x",
        f"near {min(2, cores)}x")
    if not args.skip_ray:
        ray, ray_import, ray_up = min(rays), min(u[0] for u in ups), min(u[1] for u in ups)
        row("4. ray (2 CPUs) / local (2 workers)", f"{ray:.2f} / {two:.2f}", f"{ray / two:.2f}x", "")
        row("   ray start-up: init + shutdown (import)", f"{ray_up:.2f} ({ray_import:.2f})", "", "")
        per_shot = (ray - ray_up - two) / SHOTS
        row("   per-shot overhead (ray-start-up-local)/20", f"{per_shot * 1000:.0f} ms",
            f"{per_shot / (two / SHOTS):.1%}", "of a local shot")
    busy = ": other work shared the cores, the figures are noisy" if load > 0.5 else ""
    print(f"(bench took {time.perf_counter() - started:.0f} s; "
          f"1-minute load average before it {load:.1f}{busy})")


if __name__ == "__main__":
    main()
