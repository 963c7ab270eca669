"""The stages joined: input → Script → Storyboard → files. The CLI and Python API call these."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .direct.director import direct
from .export.contact_sheet import contact_sheet
from .export.files import write_all
from .model.storyboard import Source, Storyboard
from .parse import parse_script
from .parse.source import SourceText, read_source
from .parse.storyboard_file import dump_json, dump_storyboard, load_storyboard
from .words import count

Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def storyboard_from(src: SourceText, seed: int = 0, fps: int = 24, report: Report = _quiet) -> Storyboard:
    if src.kind == "storyboard":
        sb = load_storyboard(src.text, src.name)
        report(f"loaded storyboard: {count(len(sb.scenes), 'scene')}, {count(len(sb.shots), 'shot')}")
        return sb
    script = parse_script(src)
    report(f"parsed {src.kind}: {count(len(script.scenes), 'scene')}, {count(len(script.characters), 'character')}")
    title = script.title or (Path(src.name).stem.replace("_", " ").title() if not src.name.startswith("<") else "")
    sb = direct(script, seed=seed, fps=fps, title=title,
                source=Source(kind=src.kind, name=Path(src.name).name if not src.name.startswith("<") else src.name,
                              sha256=src.sha256))
    report(f"directed: {count(len(sb.shots), 'shot')}, {sb.duration / sb.fps:.1f} s")
    return sb


def plan(input_arg: str, out_dir: Path, seed: int = 0, fps: int = 24, report: Report = _quiet) -> list[Path]:
    sb = storyboard_from(read_source(input_arg), seed=seed, fps=fps, report=report)
    written = write_all(Path(out_dir), {
        "storyboard.yaml": dump_storyboard(sb),
        "storyboard.json": dump_json(sb),
        "storyboard.html": contact_sheet(sb),
    })
    report(f"wrote {', '.join(str(p) for p in written)}")
    return written
