"""A project is an output folder that onecrew has rendered into: its job queue remembers the
storyboard file, the settings and every take. `resume`, `takes` and `choose` work from it."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import OnecrewError
from ..model.base import MAX_TAKES
from ..model.storyboard import Shot, Storyboard
from ..parse.storyboard_file import line_finder, load_storyboard
from .jobs import DONE, REUSED, Jobs, Run, hold


def last_run(out: Path) -> Run:
    jobs = Jobs.existing(out, read_only=True)
    try:
        run = jobs.last_run()
    finally:
        jobs.close()
    if run is None:
        raise OnecrewError("no render has started here", where=str(out))
    return run


def storyboard_file(out: Path) -> Path:
    """The storyboard the project is cut from: the file given to `render`, or the one `make`
    wrote into the folder."""
    run = last_run(out)
    path = Path(run.spec.get("file") or Path(out) / "storyboard.yaml")
    if not path.exists():
        raise OnecrewError(f"the project's storyboard {path} is gone", where=str(out))
    return path


def _shot(sb: Storyboard, shot_id: str, where: str) -> tuple[int, int, Shot]:
    for i, scene in enumerate(sb.scenes):
        for j, shot in enumerate(scene.shots):
            if shot.id == shot_id:
                return i, j, shot
    raise OnecrewError(f"there is no shot {shot_id!r} (shots: {', '.join(s.id for s in sb.shots[:8])}"
                       f"{'…' if len(sb.shots) > 8 else ''})", where=where)


@dataclass(frozen=True)
class TakeRow:
    take: int
    seed: int
    state: str  # "rendered", "failed", "not rendered"
    chosen: bool
    file: Path | None


def takes(out: Path, shot_id: str) -> list[TakeRow]:
    out = Path(out)
    path = storyboard_file(out)
    sb = load_storyboard(path.read_text(encoding="utf-8"), str(path))
    _, _, shot = _shot(sb, shot_id, str(path))
    jobs = Jobs.existing(out, read_only=True)
    try:
        seen: dict[int, str] = {}
        for run in jobs.runs():  # the latest run that filmed the shot: an earlier one may show it before an edit
            for j in jobs.jobs(run):
                if j.kind == "shot" and j.info.get("shot") == shot_id:
                    seen.setdefault(int(j.info.get("take", 1)), j.state)
            if seen:
                break
    finally:
        jobs.close()
    rows = []
    for k in sorted(set(seen) | {shot.take}):
        state = {DONE: "rendered", REUSED: "rendered", "failed": "failed"}.get(seen.get(k, ""), "not rendered")
        f = out / "takes" / f"{shot_id}.take{k}.mp4"
        if not f.exists():
            f = out / "shots" / f"{shot_id}.mp4" if k == shot.take and state == "rendered" else None
            f = f if f is not None and f.exists() else None
        rows.append(TakeRow(k, shot.take_seed(k), state, k == shot.take, f))
    return rows


def choose(out: Path, shot_id: str, take: int) -> Path:
    """Record `take` as the one cut in for `shot_id`, in the storyboard file itself: a one-line
    edit, so the creator's own layout and comments stay as they were. Under the project's lock,
    so choices made at once are all kept."""
    if not 1 <= take <= MAX_TAKES:
        raise OnecrewError(f"a take is numbered from 1 to {MAX_TAKES}, not {take}")
    storyboard_file(out)  # a project, before its lock is made
    with hold(Path(out)):
        path = storyboard_file(out).resolve()  # a linked storyboard is edited where it lies
        text = path.read_bytes().decode("utf-8")  # as written: Windows line endings stay so
        sb = load_storyboard(text, str(path))
        i, j, _ = _shot(sb, shot_id, str(path))
        if path.suffix.lower() == ".json":
            raw = json.loads(text)
            raw["scenes"][i]["shots"][j]["take"] = take
            new = json.dumps(raw, indent=2, ensure_ascii=False) + "\n"
        else:
            new = _yaml_set_take(text, f"scenes[{i}].shots[{j}]", take)
        edited = load_storyboard(new, str(path))
        if _shot(edited, shot_id, str(path))[2].take != take:  # the file's layout defeated the edit
            raise OnecrewError(f"cannot set take: for shot {shot_id} in this file's layout; "
                               "add `take: N` to the shot by hand", where=str(path))
        _replace(path, new.encode("utf-8"))
    return path


def _replace(path: Path, data: bytes) -> None:
    """Write `path` anew through a temporary file of its own (O_EXCL: never one planted there),
    keeping the file's permissions."""
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _yaml_set_take(text: str, shot_path: str, take: int) -> str:
    lines = text.splitlines(keepends=True)
    find = line_finder(text)
    at_take, at_seed = find(f"{shot_path}.take"), find(f"{shot_path}.seed")
    line = lines[at_take - 1]
    body = line.rstrip("\r\n")
    m = re.match(r"(\s*(?:-\s+)?)take:\s*\S+(.*)$", body)  # "take:" may be the shot's first key: "- take: 2"
    if m:  # replace the value, keep any comment after it and the line's ending
        comment = m.group(2) if m.group(2).lstrip().startswith("#") else ""
        lines[at_take - 1] = f"{m.group(1)}take: {take}{comment}{line[len(body):]}"
        return "".join(lines)
    line = lines[at_seed - 1]
    m = re.match(r"(\s*)(-\s+)?seed:", line)
    if not m:
        return text
    eol = "\r\n" if line.endswith("\r\n") else "\n"
    if not line.endswith("\n"):  # the file's last line, with no line break after it
        lines[at_seed - 1] = line + eol
    lines.insert(at_seed, f"{m.group(1)}{' ' * len(m.group(2) or '')}take: {take}{eol}")
    return "".join(lines)
