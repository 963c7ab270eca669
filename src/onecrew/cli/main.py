"""`onecrew` on the command line: a thin layer over onecrew.pipeline."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import __version__
from ..errors import OnecrewError
from ..model.time import SUPPORTED_FPS
from ..words import count


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="onecrew", description="The one-person film crew.")
    p.add_argument("--version", action="version", version=f"onecrew {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = sub.add_parser("plan", help="story, sentence or screenplay → storyboard.yaml/.json/.html")
    plan.add_argument("input", help="a .txt/.md story, a .fountain screenplay, a storyboard .yaml, "
                                    "'-' for stdin, or the story itself in quotes")
    plan.add_argument("-o", "--out", required=True, type=Path, help="output folder")
    plan.add_argument("--seed", type=int, help="seed for every choice the text leaves open (default 0)")
    plan.add_argument("--fps", type=int, choices=SUPPORTED_FPS, help="frame rate (default 24)")
    plan.add_argument("-q", "--quiet", action="store_true")

    make = sub.add_parser("make", help="story, sentence or screenplay → a finished film (plan, voice, "
                                       "render, sound, edit)")
    make.add_argument("input", help="a story, a .fountain screenplay or a storyboard .yaml (as for plan)")
    make.add_argument("--seed", type=int, help="seed for every choice the text leaves open (default 0)")
    make.add_argument("--fps", type=int, choices=SUPPORTED_FPS, help="frame rate (default 24)")
    render = sub.add_parser("render", help="a (hand-edited) storyboard.yaml → a finished film")
    render.add_argument("input", metavar="storyboard", help="storyboard .yaml or .json")
    for cmd in (make, render):
        cmd.add_argument("-o", "--out", required=True, type=Path, help="output folder")
        cmd.add_argument("--size", type=_size, help="frame size WIDTHxHEIGHT (default the storyboard's, 1280x720)")
        cmd.add_argument("--backend", default="previs", help="video backend (see `onecrew backends`)")
        cmd.add_argument("--passes", type=_passes, default=(),
                         help="control passes to write per shot: pose,mask,depth (or all)")
        cmd.add_argument("--cards", action="store_true", help="add a title card and an end card")
        cmd.add_argument("--workers", type=int, help="render processes (default one per core)")
        cmd.add_argument("-q", "--quiet", action="store_true")
    sub.add_parser("backends", help="list the video backends and whether each can run here")

    lint = sub.add_parser("lint", help="continuity check of a storyboard file")
    lint.add_argument("storyboard", help="storyboard.yaml or .json")

    sub.add_parser("schema", help="print the JSON Schema of the storyboard file")
    return p


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


def _film(args: argparse.Namespace) -> int:
    from ..engine.film import Settings
    from ..pipeline import make, render
    from .bars import Bars
    if args.workers is not None and args.workers < 1:
        raise OnecrewError(f"--workers must be at least 1, not {args.workers}")
    bars = Bars()
    quiet = args.quiet
    report = (lambda m: None) if quiet else (lambda m: (bars.close(), print(f"onecrew: {m}", file=sys.stderr)))
    settings = Settings(backend=args.backend, size=args.size, passes=args.passes, cards=args.cards,
                        workers=args.workers)
    progress = (lambda *a, **k: None) if quiet else bars
    try:
        if args.command == "make":
            if args.seed is not None and not 0 <= args.seed < 2**63:
                raise OnecrewError(f"--seed must be a whole number from 0 to 2^63 - 1, not {args.seed}")
            make(args.input, args.out, settings, seed=args.seed, fps=args.fps, progress=progress, report=report)
        else:
            render(args.input, args.out, settings, progress=progress, report=report)
    finally:
        bars.close()
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.command in ("make", "render"):
        return _film(args)
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
        plan(args.input, args.out, seed=args.seed, fps=args.fps, report=report)
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except OnecrewError as e:
        print(f"onecrew: error: {e.line()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("onecrew: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours: still one line, the traceback on request
        if args.debug:
            raise
        detail = " ".join(str(e).split())[:300]
        print(f"onecrew: internal error: {type(e).__name__}: {detail} (rerun with --debug for details)",
              file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
