"""The stages joined: input → Script → Storyboard → files. The CLI and Python API call these."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .direct.director import direct
from .direct.prompt import with_prompts
from .errors import OnecrewError
from .export.contact_sheet import contact_sheet
from .model.storyboard import Source, Storyboard
from .parse import parse_script
from .parse.source import SourceText, read_source
from .parse.storyboard_file import dump_json, dump_storyboard, load_storyboard
from .words import count

Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def storyboard_from(src: SourceText, seed: int | None = None, fps: int | None = None,
                    report: Report = _quiet, improvise: bool = True) -> Storyboard:
    """A storyboard from any input. `seed` and `fps` direct a story; a storyboard file already
    records its own, so giving them with one is refused rather than silently ignored."""
    if src.kind == "storyboard":
        if seed is not None or fps is not None:
            raise OnecrewError("--seed and --fps apply when planning from a story; a storyboard "
                               "keeps its own (edit seed: or fps: in the file)", where=src.name)
        sb = with_prompts(load_storyboard(src.text, src.name))
        if not sb.shots:
            raise OnecrewError("has no shots to film", where=src.name)
        report(f"loaded storyboard: {count(len(sb.scenes), 'scene')}, {count(len(sb.shots), 'shot')}")
        return sb
    script = parse_script(src)
    report(f"parsed {src.kind}: {count(len(script.scenes), 'scene')}, {count(len(script.characters), 'character')}")
    named = not src.name.startswith("<")
    title = script.title or (Path(src.name).stem.replace("_", " ").title() if named else "")
    sb = direct(script, seed=seed or 0, fps=fps or 24, title=title,
                source=Source(kind=src.kind, name=Path(src.name).name if named else src.name,
                              sha256=src.sha256), improvise=improvise)
    report(f"directed: {count(len(sb.shots), 'shot')}, {sb.duration / sb.fps:.1f} s")
    return sb


def plan(input_arg: str, out_dir: Path, seed: int | None = None, fps: int | None = None,
         report: Report = _quiet, force: bool = False, improvise: bool = True) -> list[Path]:
    """Story → storyboard files in `out_dir`. A storyboard there that the creator edited is
    never overwritten (unless `force`); nor is a contact sheet that shows a rendered film."""
    from .engine.jobs import hold
    from .engine.outputs import Outputs
    src = read_source(input_arg)
    out = Path(out_dir)
    _not_into_itself(src, out)
    sb = storyboard_from(src, seed=seed, fps=fps, report=report, improvise=improvise)
    Outputs(out).folder(".onecrew")
    with hold(out, report):
        outputs = Outputs(out, force)
        try:
            written = outputs.write({
                "storyboard.yaml": dump_storyboard(sb),
                "storyboard.json": dump_json(sb),
                "storyboard.html": contact_sheet(sb),
            })
        finally:
            outputs.save()
    report(f"wrote {', '.join(str(p) for p in written)}")
    return written


def _not_into_itself(src: SourceText, out: Path) -> None:
    """`make out/storyboard.yaml -o out` would write the filmed storyboard over its own input."""
    if src.name.startswith("<"):
        return
    mine = [out / "storyboard.yaml", out / "storyboard.json"]
    if any(p.exists() and p.resolve() == Path(src.name).resolve() for p in mine):
        raise OnecrewError("is the storyboard this command writes in the output folder, so it would be "
                           f"written over: film it with `onecrew render {src.name} -o {out}`, or plan "
                           "into another folder", where=src.name)


def make(input_arg: str, out_dir: Path, settings=None, seed: int | None = None, fps: int | None = None,
         progress=None, report: Report = _quiet, force: bool = False, improvise: bool = True):
    """Story (or storyboard) → finished film in `out_dir`: plan, voice, render, sound, edit."""
    from .engine.film import Settings, check_settings, produce
    from .progress import silent
    check_settings(settings or Settings())
    src = read_source(input_arg)
    _not_into_itself(src, Path(out_dir))
    sb = storyboard_from(src, seed=seed, fps=fps, report=report, improvise=improvise)
    return produce(sb, Path(out_dir), settings or Settings(), fit=True, progress=progress or silent,
                   report=report, command=f"make {input_arg if len(input_arg) < 60 else input_arg[:57] + '...'}",
                   force=force)


def render(storyboard_arg: str, out_dir: Path, settings=None, progress=None, report: Report = _quiet,
           force: bool = False):
    """A storyboard file, perhaps edited by hand → finished film. Shot durations stand as
    written unless a shot's dialogue would not fit in it."""
    from .engine.film import Settings, check_settings, produce
    from .progress import silent
    check_settings(settings or Settings())
    src = read_source(storyboard_arg)
    if src.kind != "storyboard":
        raise OnecrewError("render reads a storyboard file (.yaml, .yml or .json); "
                           "use `onecrew make` for a story or screenplay", where=src.name)
    sb = storyboard_from(src, report=report)
    named = not src.name.startswith("<")
    return produce(sb, Path(out_dir), settings or Settings(), fit=False, progress=progress or silent,
                   report=report, command=f"render {src.name}", file=Path(src.name) if named else None,
                   force=force)


def resume(out_dir: Path, workers: int | None = None, executor: str | None = None,
           address: str | None = None, progress=None, report: Report = _quiet):
    """Finish the last render in `out_dir` that was killed or failed: what it finished comes
    from the cache, the rest is made, and the film is the one the whole run would have made.
    Returns None when there is nothing to resume."""
    from dataclasses import replace

    from .engine.film import Settings, produce
    from .engine.project import last_run
    from .model.storyboard import Storyboard
    from .progress import silent
    run = last_run(Path(out_dir))
    if run.state == "finished":
        report(f"nothing to resume: run {run.id} ({run.command}) finished")
        return None
    if run.alive(Path(out_dir)):
        raise OnecrewError(f"run {run.id} is still rendering here (pid {run.pid})", where=str(out_dir))
    try:  # what the run recorded, written by onecrew: anything else is a damaged queue
        sb = Storyboard.model_validate(run.spec["storyboard"])
        settings = Settings.from_json(run.spec["settings"])
        fit = bool(run.spec["fit"])
    except (KeyError, TypeError, ValueError) as e:  # pydantic's ValidationError is a ValueError
        raise OnecrewError(f"the job queue's record of run {run.id} is damaged ({type(e).__name__}): "
                           f"render again instead of resuming", where=str(out_dir)) from None
    overrides = {k: v for k, v in (("workers", workers), ("executor", executor), ("address", address)) if v}
    report(f"resuming run {run.id} ({run.command})")
    file = run.spec.get("file")
    return produce(sb, Path(out_dir), replace(settings, **overrides), fit=fit,
                   progress=progress or silent, report=report, command=f"resume of run {run.id}",
                   file=Path(file) if file else None)
