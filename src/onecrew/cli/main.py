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

    lint = sub.add_parser("lint", help="continuity check of a storyboard file")
    lint.add_argument("storyboard", help="storyboard.yaml or .json")

    sub.add_parser("schema", help="print the JSON Schema of the storyboard file")
    return p


def _run(args: argparse.Namespace) -> int:
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
