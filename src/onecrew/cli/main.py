"""`onecrew` on the command line: a thin layer over onecrew.pipeline."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from .. import __version__
from ..errors import OnecrewError, os_error_line
from ..model.time import SUPPORTED_FPS
from ..words import count


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are one line, as every other error is: `onecrew: error: ...`, exit 2."""

    def error(self, message: str):
        self.exit(2, f"onecrew: error: {' '.join(message.split())} (see `{self.prog} --help`)\n")


_FORCE = ("replace files in the output folder that onecrew did not write or that were changed since "
          "(by default they are kept and the command stops)")


_NO_IMPROVISE = ("a story with no dialogue gets no improvised lines (by default it gets a few, "
                 "marked improvised: true in the storyboard)")

def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="onecrew", description="The one-person film crew.")
    p.add_argument("--version", action="version", version=f"onecrew {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = sub.add_parser("plan", help="story, sentence or screenplay → storyboard.yaml/.json/.html")
    plan.add_argument("input", help="a .txt/.md story, a .fountain screenplay, a storyboard .yaml, "
                                    "'-' for stdin, or the story itself in quotes")
    plan.add_argument("-o", "--out", required=True, type=_folder, help="output folder")
    plan.add_argument("--seed", type=int, help="seed for every choice the text leaves open (default 0)")
    plan.add_argument("--fps", type=int, choices=SUPPORTED_FPS, help="frame rate (default 24)")
    plan.add_argument("--no-improvise", dest="improvise", action="store_false", help=_NO_IMPROVISE)
    plan.add_argument("-q", "--quiet", action="store_true")
    plan.add_argument("--force", action="store_true", help=_FORCE)

    make = sub.add_parser("make", help="story, sentence or screenplay → a finished film (plan, voice, "
                                       "render, sound, edit)")
    make.add_argument("input", help="a story, a .fountain screenplay or a storyboard .yaml (as for plan)")
    make.add_argument("--seed", type=int, help="seed for every choice the text leaves open (default 0)")
    make.add_argument("--fps", type=int, choices=SUPPORTED_FPS, help="frame rate (default 24)")
    make.add_argument("--no-improvise", dest="improvise", action="store_false", help=_NO_IMPROVISE)
    render = sub.add_parser("render", help="a (hand-edited) storyboard.yaml → a finished film")
    render.add_argument("input", metavar="storyboard", help="storyboard .yaml or .json")
    for cmd in (make, render):
        cmd.add_argument("-o", "--out", required=True, type=_folder, help="output folder")
        cmd.add_argument("--size", type=_size, help="frame size WIDTHxHEIGHT (default the storyboard's, 1280x720)")
        cmd.add_argument("--backend", default="previs", help="video backend (see `onecrew backends`)")
        cmd.add_argument("--backend-config", type=Path, metavar="FILE.toml",
                         help="the backend's settings (model id, endpoint, quality), as TOML")
        cmd.add_argument("-B", "--backend-setting", action="append", default=[], metavar="KEY=VALUE",
                         help="one backend setting, over those of --backend-config (repeatable)")
        cmd.add_argument("--passes", type=_passes, default=(),
                         help="control passes to write per shot: pose,mask,depth (or all)")
        cmd.add_argument("--cards", action="store_true", help="add a title card and an end card")
        cmd.add_argument("--takes", type=int, default=1, help="render N takes of each shot (seeds derived "
                         "from the shot); the storyboard's `take:` picks the one cut in")
        cmd.add_argument("--cache", type=Path, help="cache folder, may be shared (default $ONECREW_CACHE "
                                                    "or ~/.cache/onecrew)")
        cmd.add_argument("--force", action="store_true", help=_FORCE)
    resume = sub.add_parser("resume", help="finish a render that was killed or failed, from the cache")
    for cmd in (make, render, resume):
        cmd.add_argument("--workers", type=int, help="render processes, or CPUs of a local Ray "
                                                     "(default one per core)")
        cmd.add_argument("--executor", choices=("local", "ray"), help="run shots in local processes "
                         "(default) or as Ray tasks")
        cmd.add_argument("--address", help="with --executor ray: the cluster to join, e.g. auto or "
                                           "ray://head:10001 (default: start Ray here)")
        cmd.add_argument("-q", "--quiet", action="store_true")
    resume.add_argument("-o", "--out", type=_folder, default=Path("."), help="the project folder (default .)")

    status = sub.add_parser("status", help="jobs of the last render: progress, failures, what resume will do")
    status.add_argument("-o", "--out", type=_folder, default=Path("."), help="the project folder (default .)")
    takes = sub.add_parser("takes", help="list the takes of a shot")
    takes.add_argument("shot", help="shot id, e.g. 1A")
    choose = sub.add_parser("choose", help="pick the take of a shot that is cut into the film")
    choose.add_argument("shot", help="shot id, e.g. 1A")
    choose.add_argument("take", type=int, help="take number (1 is the shot's own seed)")
    for cmd in (takes, choose):
        cmd.add_argument("-o", "--out", type=_folder, default=Path("."), help="the project folder (default .)")

    cache = sub.add_parser("cache", help="the render cache: ls, du, gc, verify")
    cache.add_argument("action", choices=("ls", "du", "gc", "verify"))
    cache.add_argument("--cache", type=Path, help="cache folder (default $ONECREW_CACHE or ~/.cache/onecrew)")
    cache.add_argument("--older-than", type=_days, default=30.0, metavar="DAYS",
                       help="gc: remove what no render has used for DAYS days (default 30)")
    cache.add_argument("--max-size", type=_bytes, metavar="SIZE",
                       help="gc: then remove the least recently used until the cache fits, e.g. 20G")
    sub.add_parser("backends", help="list the video backends and whether each can run here")

    lint = sub.add_parser("lint", help="continuity check of a storyboard file")
    lint.add_argument("storyboard", help="storyboard.yaml or .json")

    sub.add_parser("schema", help="print the JSON Schema of the storyboard file")
    return p


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty folder name: name the folder, or . for this one")
    return Path(text)


def _days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        days = float("nan")
    if not 0 <= days < 1e6:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 0 up")
    return days


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not (sep and w.isdigit() and h.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1280x720")
    return int(w), int(h)


def _passes(text: str) -> tuple[str, ...]:
    from ..engine.film import PASSES
    names = PASSES if text == "all" else tuple(p.strip() for p in text.split(",") if p.strip())
    bad = [p for p in names if p not in PASSES]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown pass {bad[0]!r}; choose from {', '.join(PASSES)} or all")
    return names


def _bytes(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    t = text.strip().upper().removesuffix("B")
    num, unit = (t[:-1], t[-1]) if t and t[-1] in units else (t, "")
    try:
        value = float(num) * units[unit]
    except ValueError:
        value = float("nan")
    if not 0 <= value < 1 << 60:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 500M or 20G")
    return int(value)


def _film(args: argparse.Namespace) -> int:
    from ..engine.film import Settings
    from ..pipeline import make, render, resume
    from .bars import Bars
    if args.address and args.executor != "ray" and args.command != "resume":
        raise OnecrewError("--address names a Ray cluster: use it with --executor ray")
    bars = Bars()
    quiet = args.quiet
    report = (lambda m: None) if quiet else (lambda m: (bars.close(), print(f"onecrew: {m}", file=sys.stderr)))
    progress = (lambda *a, **k: None) if quiet else bars
    try:
        if args.command == "resume":
            resume(args.out, workers=args.workers, executor=args.executor, address=args.address,
                   progress=progress, report=report)
            return 0
        from ..render.config import read_settings
        settings = Settings(backend=args.backend, backend_config=read_settings(args.backend_config, args.backend_setting),
                            size=args.size, passes=args.passes, cards=args.cards,
                            workers=args.workers, takes=args.takes, executor=args.executor or "local",
                            address=args.address, cache=args.cache.resolve() if args.cache else None)
        if args.command == "make":
            if args.seed is not None and not 0 <= args.seed < 2**63:
                raise OnecrewError(f"--seed must be a whole number from 0 to 2^63 - 1, not {args.seed}")
            make(args.input, args.out, settings, seed=args.seed, fps=args.fps, progress=progress, report=report,
                 force=args.force, improvise=args.improvise)
        else:
            render(args.input, args.out, settings, progress=progress, report=report, force=args.force)
    finally:
        bars.close()
    return 0


def _project(args: argparse.Namespace) -> int:
    if args.command == "status":
        from ..engine.status import describe
        print(describe(args.out))
        return 0
    from ..engine.project import choose, takes
    if args.command == "takes":
        for row in takes(args.out, args.shot):
            where = f"  {row.file}" if row.file else ""
            print(f"{'*' if row.chosen else ' '} take {row.take}  seed {row.seed:<20} {row.state:12}{where}")
        return 0
    path = choose(args.out, args.shot, args.take)
    rows = {r.take: r for r in takes(args.out, args.shot)}
    todo = "" if rows[args.take].state == "rendered" else f" (take {args.take} is not rendered yet: render makes it)"
    print(f"onecrew: shot {args.shot}: take {args.take} chosen in {path}{todo}; "
          f"`onecrew render {path} -o {args.out}` cuts it in", file=sys.stderr)
    return 0


def _cache(args: argparse.Namespace) -> int:
    from ..engine.store import Entry, Store
    store = Store(args.cache)
    if args.action == "ls":
        for e in store.entries():
            if isinstance(e, Entry):
                used = _ago(e.used)
                print(f"{e.key[:12]}  {e.kind:5} {_human(e.size):>9}  {used:>9}  {e.label}")
            else:
                print(f"corrupt: {e}")
        return 0
    if args.action == "du":
        usage = store.usage()
        for kind, (n, size) in usage.items():
            print(f"{kind:6} {_entries(n):>14}  {_human(size):>9}")
        print(f"total  {_entries(sum(n for n, _ in usage.values())):>14}  {_human(store.disk_bytes()):>9} on disk "
              f"in {store.root}")
        return 0
    if args.action == "gc":
        removed, freed = store.gc(args.older_than, args.max_size)
        print(f"removed {_entries(removed)}, freed {_human(freed)}; "
              f"{_human(store.disk_bytes())} left in {store.root}")
        return 0
    good, problems = store.verify()
    for p in problems:
        print(f"corrupt: {p} (removed: it will be made again)")
    print(f"{_entries(good)} verified, {len(problems)} corrupt", file=sys.stderr)
    return 1 if problems else 0


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def _human(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def _ago(t: float) -> str:
    import time
    s = max(0.0, time.time() - t)
    return f"{s / 86400:.0f}d ago" if s >= 86400 else f"{s / 3600:.0f}h ago" if s >= 3600 else f"{s / 60:.0f}m ago"


def _run(args: argparse.Namespace) -> int:
    if args.command in ("make", "render", "resume"):
        return _film(args)
    if args.command in ("status", "takes", "choose"):
        return _project(args)
    if args.command == "cache":
        return _cache(args)
    if args.command == "backends":
        from ..render.registry import listing
        for e in listing():
            state = f"ready (version {e.version})" if e.available else f"unavailable: {e.reason}"
            print(f"{e.name:12} {state}")
        return 0
    if args.command == "plan":
        from ..pipeline import plan
        if args.seed is not None and not 0 <= args.seed < 2**63:
            raise OnecrewError(f"--seed must be a whole number from 0 to 2^63 - 1, not {args.seed}")
        report = (lambda m: None) if args.quiet else (lambda m: print(f"onecrew: {m}", file=sys.stderr))
        plan(args.input, args.out, seed=args.seed, fps=args.fps, report=report, force=args.force,
             improvise=args.improvise)
        return 0
    if args.command == "lint":
        from ..check.continuity import lint
        from ..parse.source import read_source
        from ..parse.storyboard_file import line_finder, load_storyboard
        src = read_source(args.storyboard)
        if src.kind != "storyboard":
            raise OnecrewError("lint reads a storyboard file (.yaml, .yml or .json)", where=src.name)
        sb = load_storyboard(src.text, src.name, strict=False)
        findings = lint(sb)
        line_of = line_finder(src.text)
        for f in findings:
            print(f"{src.name}{f':{line_of(f.path)}' if f.path else ''}: {f}")
        print(f"{count(len(sb.shots), 'shot')} checked, {count(len(findings), 'finding')}", file=sys.stderr)
        return 1 if findings else 0
    if args.command == "schema":
        from ..model.storyboard import Storyboard
        print(json.dumps(Storyboard.model_json_schema(), indent=2))
        return 0
    raise AssertionError(args.command)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main thread is, so the run unwinds as for Ctrl-C: temporary
    files removed, workers stopped, the job queue told the run stopped (`resume` finishes it)."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    except OnecrewError as e:
        print(f"onecrew: error: {e.line()}", file=sys.stderr)
        return 2
    except Terminated:
        print("onecrew: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("onecrew: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `onecrew cache ls | head`: the reader has seen enough
        sys.stdout = open(os.devnull, "w")
        return 0
    except OSError as e:  # the machine said no: a full disk, a read-only folder, a permission
        if args.debug:
            raise
        print(f"onecrew: error: {os_error_line(e)}", file=sys.stderr)
        return 2
    except Exception as e:  # a bug of ours: still one line, the traceback on request
        if args.debug:
            raise
        detail = " ".join(str(e).split())[:300]
        print(f"onecrew: internal error: {type(e).__name__}: {detail} (rerun with --debug for details)",
              file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
