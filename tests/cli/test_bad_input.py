"""The bad-input corpus: everything a user can get wrong, run through the installed `onecrew`
console script as a user runs it (a subprocess, with a timeout).

Every case checks the same promises:

* the command ends by itself, in time (a hang is killed and fails the case), and not by a signal;
* it exits 0 (the input was acceptable) or 2 (refused), never 70 ("internal error");
* no Python traceback reaches stderr;
* a refusal is exactly one error line, the last line of stderr;
* nothing outside the project folder (-o) and the cache ($ONECREW_CACHE, a fresh folder per
  case) is created, changed or deleted: the case's whole sandbox (the user's files beside the
  project, the input files, $HOME, the working directory) is hashed before and after;
* no file the user made inside the project folder is lost;
* a refused `plan`/`make` into a new folder leaves no partial output, and a storyboard that
  `plan` writes can be loaded again.

Cases that need a rendered project share one tiny film made once per module (128x72, one
worker) and copy it, with its cache, into their own sandbox.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

ONECREW = str(Path(sys.executable).parent / "onecrew")
TINY = ("--size", "128x72", "--workers", "1")
STORY = "Mara waves at the sea."
TALK = 'Mara says, "Hello there." Ben waves at her.'
GB, MB = 1 << 30, 1 << 20
T_PLAN, T_FILM, T_QUICK = 20, 30, 10  # seconds: a plan, a tiny film, something that must be refused at once

# every refusal, a bad option included, is this one line
ERROR_LINE = re.compile(r"^onecrew: error: ")


# -- the sandbox ---------------------------------------------------------------------------------


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _tree(root: Path, skip: set[Path]) -> dict[str, tuple]:
    """Every entry under `root` (not following links): kind, content hash or link target, mode."""
    seen: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [n for n in dirnames if here / n not in skip]
        for n in dirnames + filenames:
            p = here / n
            if p in skip:
                continue
            st = os.lstat(p)
            rel = str(p.relative_to(root))
            if stat.S_ISLNK(st.st_mode):
                seen[rel] = ("link", os.readlink(p))
            elif stat.S_ISREG(st.st_mode):
                seen[rel] = ("file", _sha(p), oct(st.st_mode & 0o7777))
            elif stat.S_ISDIR(st.st_mode):
                seen[rel] = ("dir", oct(st.st_mode & 0o7777))
            else:
                seen[rel] = ("special", oct(st.st_mode))
    return seen


def _diff(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    out = [f"deleted {k}" for k in sorted(before.keys() - after.keys())]
    out += [f"created {k}" for k in sorted(after.keys() - before.keys())]
    out += [f"changed {k}" for k in sorted(before.keys() & after.keys()) if before[k] != after[k]]
    return out


@dataclass
class Outcome:
    args: list[str]
    cmd: str  # as a user would type it, with the sandbox shown as $T
    rc: int
    stdout: str
    stderr: str
    timed_out: bool
    timeout: float
    touched: list[str]  # outside the project folder and the cache
    lost: list[str]  # the user's own files inside the project folder
    out_touched: list[str]  # inside the project folder (checked by the commands that must not write)
    out_was_new: bool
    out: Path

    @property
    def last(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""

    @property
    def message(self) -> str:
        """The error line without its prefix."""
        return ERROR_LINE.sub("", self.last)


class Sandbox:
    """A case's world: the user's files (user/, in/, home/, work/ the working directory), the
    project folder out/ and the cache cache/. Only out/ and cache/ may change."""

    def __init__(self, root: Path):
        self.root = root
        self.user, self.inputs, self.home, self.work = (root / n for n in ("user", "in", "home", "work"))
        self.out, self.cache, self.tmp = root / "out", root / "cache", root / "systmp"
        for d in (self.user, self.inputs, self.home, self.work, self.cache, self.tmp):
            d.mkdir(parents=True, exist_ok=True)
        (self.user / "notes.txt").write_text("my notes\n")
        (self.user / "precious.mp4").write_bytes(os.urandom(4096))
        (self.user / "clips").mkdir()
        (self.user / "clips" / "precious.mp4").write_bytes(os.urandom(4096))
        (self.user / "clips" / "precious.wav").write_bytes(os.urandom(2048))
        (self.user / "lockfile.txt").write_text("the user's own file; a lock must not truncate it\n")
        (self.home / ".profile").write_text("# home\n")
        self.kept: dict[Path, str] = {}  # user files inside out/ that must survive

    def write(self, name: str, content: bytes | str) -> Path:
        p = self.inputs / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return p

    def keep(self, rel: str, content: bytes) -> Path:
        """A file of the user's own inside the project folder: it must survive every command."""
        p = self.out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
        self.kept[p] = _sha(p)
        return p

    def with_project(self, project: "Project") -> "Sandbox":
        shutil.copytree(project.out, self.out, symlinks=True)
        shutil.rmtree(self.cache)
        shutil.copytree(project.cache, self.cache, symlinks=True)
        return self

    def env(self) -> dict[str, str]:
        env = dict(os.environ, ONECREW_CACHE=str(self.cache), HOME=str(self.home), TMPDIR=str(self.tmp),
                   COLUMNS="80")
        env.pop("XDG_CACHE_HOME", None)
        return env

    def _show(self, args) -> str:
        def one(a: str) -> str:
            a = a.replace(str(self.root), "$T")
            if len(a) > 60:
                a = a[:40] + f"…({len(a)} chars)"
            return a if a and re.fullmatch(r"[\w@%+=:,./$-]+", a) else repr(a)
        return "onecrew " + " ".join(one(str(a)) for a in args)

    def run(self, *args: Any, stdin: bytes | None = None, timeout: float = T_FILM, mem: int | None = None,
            as_nobody: bool = False, cwd: Path | None = None) -> Outcome:
        args = [str(a) for a in args]
        skip = {self.out, self.cache, self.tmp}
        before = _tree(self.root, skip)
        out_before = _tree(self.out, set()) if self.out.is_dir() else {}
        out_was_new = not os.path.lexists(self.out)

        def limits():  # in the child, before exec
            if mem:
                resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
            if as_nobody:
                os.setgid(65534)
                os.setuid(65534)

        proc = subprocess.Popen([ONECREW, *args], stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd or self.work,
                                env=self.env(), start_new_session=True, preexec_fn=limits)
        timed_out = False
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        try:  # workers left behind by the command are its bug, but must not outlive the case
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        after = _tree(self.root, skip)
        lost = [f"lost {p.relative_to(self.root)}" for p, h in self.kept.items()
                if not p.is_file() or p.is_symlink() or _sha(p) != h]
        out_after = _tree(self.out, set()) if self.out.is_dir() else {}
        return Outcome(args, self._show(args), proc.returncode, out.decode(errors="replace"),
                       err.decode(errors="replace"), timed_out, timeout, _diff(before, after), lost,
                       _diff(out_before, out_after), out_was_new, self.out)

    def check(self, o: Outcome, expect=(0, 2), out_untouched: bool = False, reload: bool = True) -> Outcome:
        """Every promise of the module docstring; `expect` narrows the exit codes that are right
        for this input, `out_untouched` is for commands that only read the project."""
        problems = []
        if o.timed_out:
            problems.append(f"hung: killed after {o.timeout:.0f} s")
        elif o.rc < 0:
            problems.append(f"killed by signal {-o.rc}")
        elif o.rc == 70:
            problems.append("internal error")
        elif o.rc not in expect:
            problems.append(f"exit {o.rc}, expected {' or '.join(map(str, expect))}")
        if "Traceback" in o.stderr:
            problems.append("traceback on stderr")
        errors = [ln for ln in o.stderr.strip().splitlines() if ERROR_LINE.match(ln)]
        if o.rc == 2 and not o.timed_out and not (len(errors) == 1 and o.last == errors[0]):
            problems.append(f"{len(errors)} error lines (want exactly one, last)")
        if o.rc == 0 and errors:
            problems.append("an error line, yet exit 0")
        problems += o.touched + o.lost
        if out_untouched:
            problems += [f"{d} (in the project folder)" for d in o.out_touched]
        # a refused film may leave its job queue (.onecrew/, so that `status` shows the failure), nothing else
        queue_ok = {".onecrew"} if o.args[:1] in (["make"], ["render"]) else set()
        if o.rc == 2 and o.out_was_new and os.path.isdir(o.out) and {p.name for p in Path(o.out).iterdir()} - queue_ok:
            problems.append("partial output left in the new -o folder")
        if reload and o.rc == 0 and o.out_was_new and os.path.isfile(o.out / "storyboard.yaml") and o.args[:1] == ["plan"]:
            problems += _unloadable(o.out / "storyboard.yaml")
        assert not problems, f"{o.cmd}: exit {o.rc}, last stderr {o.last[:300]!r}: {'; '.join(problems)}"
        return o


def _unloadable(path: Path) -> list[str]:
    from onecrew.errors import OnecrewError
    from onecrew.parse.storyboard_file import load_storyboard
    try:
        load_storyboard(path.read_text(encoding="utf-8"), str(path))
    except OnecrewError as e:
        return [f"the storyboard plan wrote does not load: {e}"]
    return []


@pytest.fixture
def sb(tmp_path) -> Sandbox:
    return Sandbox(tmp_path / "t")


@dataclass
class Project:
    out: Path
    cache: Path
    shots: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    """One tiny film, made once: dialogue (so audio/dialogue/ exists) and an action."""
    s = Sandbox(tmp_path_factory.mktemp("project") / "t")
    o = s.run("make", TALK, "-o", s.out, *TINY, "-q", timeout=120)
    assert o.rc == 0, o.stderr
    shots = [sh["id"] for sc in yaml.safe_load((s.out / "storyboard.yaml").read_text())["scenes"] for sh in sc["shots"]]
    return Project(s.out, s.cache, shots)


@pytest.fixture(scope="module")
def base_board() -> dict:
    """A real storyboard (the plan of TALK) as plain data, for the cases to damage."""
    from onecrew.parse.source import read_source
    from onecrew.parse.storyboard_file import dump_storyboard
    from onecrew.pipeline import storyboard_from
    return yaml.safe_load(dump_storyboard(storyboard_from(read_source(TALK))))


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _names(o: Outcome, *fields: str) -> None:
    """A refusal names what is wrong: one of `fields` appears in the error line."""
    if o.rc == 2:
        assert any(f in o.message for f in fields), f"{o.cmd}: the error does not name {fields[0]!r}: {o.last!r}"


# -- inputs --------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
BOM = b"\xef\xbb\xbf"

INPUT_FILES = [
    ("empty", "story.txt", b"", (2,)),
    ("whitespace", "story.txt", b" \t\n\r\n  \n\t", (2,)),
    ("unicode-spaces-only", "story.txt", "\u00a0\u3000\u2003\n\u2028".encode(), (2,)),
    ("binary-png", "story.txt", PNG, (2,)),
    ("nul-first-byte", "story.txt", b"\x00Mara waves at the sea.", (2,)),
    ("nul-in-middle", "story.txt", b"Mara waves.\x00Ben smiles.", (2,)),
    ("nul-after-8k", "story.txt", b"Mara waves at the sea. " * 500 + b"\x00\x00Ben smiles.", (0, 2)),
    ("latin1", "story.txt", b"Mara drinks a caf\xe9 au lait.\n", (2,)),
    ("utf8-surrogate", "story.txt", b"Mara \xed\xa0\x80 waves.", (2,)),
    ("utf16-with-bom", "story.txt", "Mara waves at the sea.".encode("utf-16"), (2,)),
    ("bom-story", "story.txt", BOM + b"Mara waves at the sea.\n", (0,)),
    ("bom-only", "story.txt", BOM, (2,)),
    ("crlf-story", "story.txt", b"Mara waves at the sea.\r\n\r\nBen smiles.\r\n", (0,)),
    ("escape-sequences", "story.txt", b"Mara \x1b[31mwaves\x1b[0m at the sea.\x07\n", (0, 2)),
    ("bidi-override", "story.txt", "Mara waves \u202eat the sea\u202c.\n".encode(), (0, 2)),
    ("huge-line-20k-letters", "story.txt", b"a" * 20000, (0, 2)),
    ("huge-line-20k-words", "story.txt", (b"Mara walks and " * 1400)[:20000] + b".", (0, 2)),
    ("huge-quote-20k", "story.txt", b'Mara says, "' + b"la " * 6700 + b'"\n', (0, 2)),
    ("emoji-only", "story.txt", "🎬 🎥 🍿\n".encode(), (0, 2)),
    ("fountain-binary", "play.fountain", b"\x00\x01\x02\x03", (2,)),
    ("yaml-that-is-prose", "board.yaml", b"Mara waves at the sea.\n", (2,)),
    ("json-a-list", "board.json", b"[1, 2, 3]\n", (2,)),
    ("unknown-ext-text", "story.story", b"Mara waves at the sea.\n", (0,)),
    ("unknown-ext-pdf", "story.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", (2,)),
    ("no-extension", "story", b"Mara waves at the sea.\n", (0,)),
    ("name-with-newline", "my\nstory.txt", b"Mara waves at the sea.\n", (2,)),  # the name titles the film
]


@pytest.mark.parametrize("name,content,expect", [c[1:] for c in INPUT_FILES], ids=[c[0] for c in INPUT_FILES])
def test_plan_an_input_file(sb, name, content, expect):
    sb.check(sb.run("plan", sb.write(name, content), "-o", sb.out, timeout=T_PLAN), expect)


MAKE_INPUTS = ["empty", "bom-story", "crlf-story", "escape-sequences", "nul-after-8k"]


@pytest.mark.parametrize("case", MAKE_INPUTS)
def test_make_an_input_file(sb, case):
    _, name, content, expect = next(c for c in INPUT_FILES if c[0] == case)
    sb.check(sb.run("make", sb.write(name, content), "-o", sb.out, *TINY), expect)


def test_plan_a_1mb_story(sb):
    """A novel's length: planned or refused, within a bound (not a hang)."""
    src = sb.write("novel.txt", ("Mara walks to the sea. Ben waves at her. " * 25000).encode())
    assert src.stat().st_size >= 1_000_000
    sb.check(sb.run("plan", src, "-o", sb.out, timeout=60, mem=4 * GB), reload=False)  # reloading it is slow


@pytest.mark.parametrize("command,device", [("plan", "/dev/null"), ("plan", "/dev/zero"), ("plan", "/dev/urandom"),
                                            ("make", "/dev/zero"), ("lint", "/dev/zero"), ("render", "/dev/null")])
def test_a_device_is_refused_at_once(sb, command, device):
    args = [command, device] + ([] if command == "lint" else ["-o", sb.out]) + (
        list(TINY) if command in ("make", "render") else [])
    sb.check(sb.run(*args, timeout=T_QUICK, mem=2 * GB), (2,))


def test_a_link_to_dev_zero_named_like_a_story(sb):
    (sb.inputs / "story.txt").symlink_to("/dev/zero")
    sb.check(sb.run("plan", sb.inputs / "story.txt", "-o", sb.out, timeout=T_QUICK, mem=2 * GB), (2,))


def test_a_sparse_file_over_the_size_limit(sb):
    src = sb.inputs / "huge.txt"
    with open(src, "wb") as f:
        f.truncate(60_000_000)
    o = sb.check(sb.run("plan", src, "-o", sb.out, timeout=T_QUICK, mem=2 * GB), (2,))
    assert "MB" in o.message, o.last


@pytest.mark.parametrize("command", ["plan", "render"])
def test_a_fifo_never_blocks(sb, command):
    """A named pipe nobody writes to: refused, never waited on."""
    fifo = sb.inputs / ("pipe.yaml" if command in ("render", "lint") else "pipe.txt")
    os.mkfifo(fifo)
    args = [command, fifo] + ([] if command == "lint" else ["-o", sb.out]) + (
        list(TINY) if command in ("make", "render") else [])
    sb.check(sb.run(*args, timeout=T_QUICK), (2,))


STDIN_CASES = [
    ("empty", b"", (2,)),
    ("whitespace", b"  \n\t\n", (2,)),
    ("binary", PNG, (2,)),
    ("story", b"Mara waves at the sea.\n", (0,)),
    ("bom-crlf-story", BOM + b"Mara waves at the sea.\r\n", (0,)),
    ("huge-60mb", b"Mara waves at the sea. " * 2_700_000, (0, 2)),
]


@pytest.mark.parametrize("data,expect", [c[1:] for c in STDIN_CASES], ids=[c[0] for c in STDIN_CASES])
def test_plan_from_stdin(sb, data, expect):
    sb.check(sb.run("plan", "-", "-o", sb.out, stdin=data, timeout=T_QUICK if len(data) > MB else T_PLAN, mem=4 * GB),
             expect)


def test_make_from_stdin(sb):
    sb.check(sb.run("make", "-", "-o", sb.out, *TINY, stdin=b"Mara waves at the sea.\n"), (0,))


def test_render_from_stdin_is_refused(sb):
    sb.check(sb.run("render", "-", "-o", sb.out, *TINY, stdin=b"title: x\n", timeout=T_QUICK), (2,))


@pytest.mark.parametrize("command", ["plan", "render"])
@pytest.mark.parametrize("what", ["folder", "missing", "missing-no-extension"])
def test_not_a_file(sb, command, what):
    target = {"folder": sb.user / "clips", "missing": sb.inputs / "nope.yaml",
              "missing-no-extension": sb.inputs / "nope"}[what]
    args = [command, target] + ([] if command == "lint" else ["-o", sb.out]) + (
        list(TINY) if command in ("make", "render") else [])
    sb.check(sb.run(*args, timeout=T_PLAN), (2,))


SENTENCES = [
    ("sentence", STORY, (0,)),
    ("two-lines", "Mara waves.\nBen smiles at her.", (0,)),
    ("quoted-speech", 'Mara says, "Hi, Ben."', (0,)),
    ("only-spaces", "     ", (2,)),
    ("punctuation-with-spaces", ". . . ! ?", (0, 2)),
    ("escape-sequence", "Mara \x1b[2J waves at the sea.", (0, 2)),
    ("ends-like-a-file-name", "Mara reads notes.txt", (0, 2)),
    ("100k-chars", "Mara waves and smiles. " * 4300, (0, 2)),
    ("dash-dash-sentence", "-- Mara waves.", (0, 2)),
]


@pytest.mark.parametrize("text,expect", [c[1:] for c in SENTENCES], ids=[c[0] for c in SENTENCES])
def test_plan_a_sentence(sb, text, expect):
    sb.check(sb.run("plan", "-o", sb.out, "--", text, timeout=T_PLAN), expect)


def test_make_a_sentence(sb):
    sb.check(sb.run("make", STORY, "-o", sb.out, *TINY), (0,))


# -- storyboard files ----------------------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
assert len(BILLION_LAUGHS) < 1100


def _raw_boards(base: str) -> list[tuple[str, str, tuple]]:
    shot_line = "  - id: 1A\n"
    assert shot_line in base
    in_shot = lambda extra: base.replace(shot_line, shot_line + extra, 1)  # noqa: E731
    return [
        ("tab-indentation", "title: x\nscenes:\n\t- id: s1\n", (2,)),
        ("unclosed-flow", "title: x\nscenes: [\n", (2,)),
        ("comment-only", "# nothing here\n", (2,)),
        ("scalar-document", "hello\n", (2,)),
        ("two-documents", base + "---\n" + base, (2,)),
        ("billion-laughs", BILLION_LAUGHS, (2,)),
        ("billion-laughs-in-a-storyboard", BILLION_LAUGHS + base.replace("title: ''", "title: *i", 1), (2,)),
        ("recursive-alias", base.replace("sets:\n", "x: &r [*r]\nsets:\n", 1), (2,)),
        ("recursive-alias-as-scenes", base.split("scenes:\n")[0] + "scenes: &r [*r]\n", (2,)),
        ("complex-key-top", "? [a, b]\n: 1\n" + base, (2,)),
        ("complex-key-in-shot", in_shot("    ? [x, y]\n    : 1\n"), (2,)),
        ("python-object-apply", base.replace("title: ''", "title: !!python/object/apply:os.system ['touch PWNED']", 1), (2,)),
        ("python-name", base.replace("title: ''", "title: !!python/name:os.system", 1), (2,)),
        ("binary-tag", base.replace("title: ''", "title: !!binary aGVsbG8=", 1), (0, 2)),
        ("set-tag", base.replace("title: ''", "title: !!set {a, b}", 1), (2,)),
        ("deep-flow-nesting", base.replace("title: ''", "title: " + "[" * 20000 + "]" * 20000, 1), (2,)),
        ("deep-mapping-nesting", base.replace("title: ''", "title:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(800)) + " " * 801 + "b", 1), (2,)),
        ("deep-nesting-in-shot", re.sub(r"(?m)^    description: .*$", lambda m: "    description: " + "{a: " * 3000
                                        + "1" + "}" * 3000, base, count=1), (2,)),
        ("duplicate-top-key", base + "title: again\n", (2,)),
        ("duplicate-shot-key", in_shot("    kind: single\n"), (2,)),
        ("merge-key", base.replace("fps: 24\n", "<<: {fps: 30}\n", 1), (0, 2)),
        ("json-nan-literal", json.dumps(yaml.safe_load(base)).replace('"fps": 24', '"fps": NaN', 1), (2,)),
        ("json-deep", "[" * 50000 + "]" * 50000, (2,)),
        ("alias-duplicates-a-shot", base.replace(shot_line, "  - &s1a\n    id: 1A\n", 1).replace(
            "  music:\n", "  - *s1a\n  music:\n", 1), (2,)),
        ("nul-escape-in-yaml", base.replace("title: ''", 'title: "a\\0b"', 1), (0, 2)),
        ("raw-control-char-in-yaml", base.replace("title: ''", "title: a\x1bb", 1), (0, 2)),
        ("raw-nul-byte", base.replace("title: ''", "title: a\x00b", 1), (2,)),
    ]


@pytest.fixture(scope="module")
def raw_boards(base_board):
    return {c[0]: c[1:] for c in _raw_boards(_dump(base_board))}


RAW_IDS = [c[0] for c in _raw_boards("  - id: 1A\n")]


@pytest.mark.parametrize("case", RAW_IDS)
def test_plan_a_damaged_storyboard_file(sb, raw_boards, case):
    text, expect = raw_boards[case]
    name = "board.json" if case.startswith("json") else "board.yaml"
    o = sb.check(sb.run("plan", sb.write(name, text), "-o", sb.out, timeout=T_QUICK, mem=2 * GB), expect)
    if o.rc == 2:  # a refusal names the file, and a line where there is one
        assert o.message.startswith(str(sb.inputs / name)), o.last


TOP_FIELDS = ["schema_version", "title", "fps", "width", "height", "seed", "source", "cast", "sets", "scenes"]
SHOT_FIELDS = ["id", "kind", "size", "angle", "move", "lens_mm", "duration", "subject", "in_frame", "lines", "prop",
               "sfx", "transition_in", "transition_out", "description", "prompt", "prompt_extra", "seed", "take"]
WRONG = {"mapping": {"x": [1]}, "list": [[1, 2]], "null": None, "bool": True, "string": "many"}
TOP_WRONG = [(f, "mapping") for f in TOP_FIELDS] + [("title", "list"), ("fps", "string"), ("scenes", "null")]
SHOT_WRONG = [(f, "mapping") for f in SHOT_FIELDS] + [(f, "null") for f in ("id", "duration", "seed")]


def _first_shot(d: dict) -> dict:
    return d["scenes"][0]["shots"][0]


def _expect_wrong(value_kind: str, optional: bool) -> tuple:
    """A value of another type is refused; null may stand for an optional field's default."""
    return (0, 2) if value_kind == "null" and optional else (2,)


@pytest.mark.parametrize("fld,kind", TOP_WRONG, ids=[f"{f}-{w}" for f, w in TOP_WRONG])
def test_a_top_level_field_of_the_wrong_type(sb, base_board, fld, kind):
    d = copy.deepcopy(base_board)
    d[fld] = WRONG[kind]
    o = sb.check(sb.run("plan", sb.write("board.yaml", _dump(d)), "-o", sb.out, timeout=T_PLAN),
                 _expect_wrong(kind, optional=fld in ("title", "source")))
    _names(o, fld)


@pytest.mark.parametrize("fld,kind", SHOT_WRONG, ids=[f"{f}-{w}" for f, w in SHOT_WRONG])
def test_a_shot_field_of_the_wrong_type(sb, base_board, fld, kind):
    d = copy.deepcopy(base_board)
    _first_shot(d)[fld] = WRONG[kind]
    optional = fld in ("prop", "subject", "in_frame", "lines", "sfx", "description", "prompt", "prompt_extra")
    o = sb.check(sb.run("plan", sb.write("board.yaml", _dump(d)), "-o", sb.out, timeout=T_PLAN),
                 _expect_wrong(kind, optional))
    _names(o, fld)


UNKNOWN_FIELDS = [
    ("top", lambda d: d.__setitem__("colour", "red"), "colour"),
    ("shot", lambda d: _first_shot(d).__setitem__("zoom", 3), "zoom"),
    ("cast", lambda d: d["cast"][0].__setitem__("nickname", "M"), "nickname"),
    ("look", lambda d: d["cast"][0]["look"].__setitem__("tattoo", "rose"), "tattoo"),
    ("scene", lambda d: d["scenes"][0].__setitem__("weather", "rain"), "weather"),
]

MISSING_FIELDS = [
    ("scenes", lambda d: d.pop("scenes"), (2,)),
    ("cast", lambda d: d.pop("cast"), (2,)),
    ("sets", lambda d: d.pop("sets"), (2,)),
    ("fps", lambda d: d.pop("fps"), (0, 2)),
    ("shot-id", lambda d: _first_shot(d).pop("id"), (2,)),
    ("shot-kind", lambda d: _first_shot(d).pop("kind"), (2,)),
    ("shot-duration", lambda d: _first_shot(d).pop("duration"), (2,)),
    ("scene-id", lambda d: d["scenes"][0].pop("id"), (2,)),
    ("scene-set", lambda d: d["scenes"][0].pop("set"), (2,)),
    ("cast-id", lambda d: d["cast"][0].pop("id"), (2,)),
    ("line-speaker", lambda d: d["scenes"][0]["beats"][0].pop("speaker"), (2,)),
]

REFERENCES = [
    ("in-frame-character", lambda d: d["scenes"][0]["shots"][1]["in_frame"][0].__setitem__("character", "bob"), "bob"),
    ("subject", lambda d: d["scenes"][0]["shots"][1].__setitem__("subject", ["bob"]), "bob"),
    ("line-speaker", lambda d: d["scenes"][0]["beats"][0].__setitem__("speaker", "bob"), "bob"),
    ("shot-line", lambda d: d["scenes"][0]["shots"][1].__setitem__("lines", ["s9-l9"]), "s9-l9"),
    ("scene-set", lambda d: d["scenes"][0].__setitem__("set", "ext-moon-night"), "ext-moon-night"),
    ("duplicate-shot-id", lambda d: d["scenes"][0]["shots"][2].__setitem__("id", "1A"), "1A"),
    ("duplicate-cast-id", lambda d: d["cast"][1].__setitem__("id", "mara"), "mara"),
    ("no-cast-but-characters", lambda d: d.__setitem__("cast", []), "mara"),
    ("no-sets", lambda d: d.__setitem__("sets", []), "int-stage-day"),
]


@pytest.mark.parametrize("case,edit,fld", UNKNOWN_FIELDS, ids=[c[0] for c in UNKNOWN_FIELDS])
def test_an_unknown_field_is_named(sb, base_board, case, edit, fld):
    d = copy.deepcopy(base_board)
    edit(d)
    _names(sb.check(sb.run("plan", sb.write("board.yaml", _dump(d)), "-o", sb.out, timeout=T_PLAN), (2,)), fld)


@pytest.mark.parametrize("case,edit,expect", MISSING_FIELDS, ids=[c[0] for c in MISSING_FIELDS])
def test_a_missing_field(sb, base_board, case, edit, expect):
    d = copy.deepcopy(base_board)
    edit(d)
    o = sb.check(sb.run("plan", sb.write("board.yaml", _dump(d)), "-o", sb.out, timeout=T_PLAN), expect)
    _names(o, case.split("-")[-1], "has no shots")


@pytest.mark.parametrize("case,edit,name", REFERENCES, ids=[c[0] for c in REFERENCES])
def test_a_broken_reference_is_named(sb, base_board, case, edit, name):
    d = copy.deepcopy(base_board)
    edit(d)
    _names(sb.check(sb.run("plan", sb.write("board.yaml", _dump(d)), "-o", sb.out, timeout=T_PLAN), (2,)), name)


NUMBERS = {"nan": float("nan"), "inf": float("inf"), "1e100": 1e100, "-1": -1, "0": 0}
NUMBER_FIELDS = {  # field → where it is, and the values that are right for it
    "duration": (lambda d: _first_shot(d), ()),
    "take": (lambda d: _first_shot(d), ()),
    "shot-seed": (lambda d: _first_shot(d), ("0",)),
    "fps": (lambda d: d, ()),
    "width": (lambda d: d, ()),
    "height": (lambda d: d, ()),
    "seed": (lambda d: d, ("0",)),
}
NUMBER_CASES = [(f, v) for f in NUMBER_FIELDS if f != "shot-seed" for v in NUMBERS]


def _set_number(d: dict, fld: str, value: Any) -> dict:
    d = copy.deepcopy(d)
    NUMBER_FIELDS[fld][0](d)[fld.removeprefix("shot-")] = value
    return d


@pytest.mark.parametrize("fld,value", NUMBER_CASES, ids=[f"{f}={v}" for f, v in NUMBER_CASES])
def test_plan_a_storyboard_number(sb, base_board, fld, value):
    ok = value in NUMBER_FIELDS[fld][1]
    o = sb.check(sb.run("plan", sb.write("board.yaml", _dump(_set_number(base_board, fld, NUMBERS[value]))),
                        "-o", sb.out, timeout=T_PLAN), (0,) if ok else (2,))
    _names(o, fld.removeprefix("shot-"))


RENDER_NUMBERS = [("duration", 10**30), ("duration", 2**40), ("take", 10**30), ("fps", 1), ("fps", 7),
                  ("fps", 120), ("width", 1_000_000), ("seed", 2**64), ("shot-seed", 2**64)]


@pytest.mark.parametrize("fld,value", RENDER_NUMBERS, ids=[f"{f}={v}" for f, v in RENDER_NUMBERS])
def test_render_a_storyboard_number(sb, base_board, fld, value):
    """Through the engine: refused, or filmed in bounded time and memory."""
    size = () if fld in ("width", "height") else ("--size", "128x72")
    src = sb.write("board.yaml", _dump(_set_number(base_board, fld, value)))
    sb.check(sb.run("render", src, "-o", sb.out, *size, "--workers", "1", timeout=T_FILM, mem=4 * GB))


@pytest.mark.parametrize("fps", [1, 7, 120])
def test_plan_an_unusual_storyboard_fps(sb, base_board, fps):
    sb.check(sb.run("plan", sb.write("board.yaml", _dump(_set_number(base_board, "fps", fps))), "-o", sb.out,
                    timeout=T_PLAN))


CONTROL = {"newline": "a\nb", "nul": "a\x00b", "escape": "a\x1b[31mb"}
TEXT_FIELDS = {
    "title": lambda d, v: d.__setitem__("title", v),
    "cast-name": lambda d, v: d["cast"][0].__setitem__("name", v),
    "dialogue": lambda d, v: d["scenes"][0]["beats"][0].__setitem__("text", "Hello " + v),
    "shot-id": lambda d, v: _rename_shot(d, "1A", "1" + v),
    "set-name": lambda d, v: d["sets"][0].__setitem__("name", v),
}
CONTROL_CASES = [(f, c) for f in TEXT_FIELDS for c in CONTROL]


def _rename_shot(d: dict, old: str, new: str) -> None:
    for sc in d["scenes"]:
        for sh in sc["shots"]:
            if sh["id"] == old:
                sh["id"] = new


def _with_text(base: dict, fld: str, value: str) -> dict:
    d = copy.deepcopy(base)
    TEXT_FIELDS[fld](d, value)
    return d


@pytest.mark.parametrize("fld,char", CONTROL_CASES, ids=[f"{f}-{c}" for f, c in CONTROL_CASES])
def test_plan_a_control_character(sb, base_board, fld, char):
    expect = (2,) if fld.endswith("-id") else (0, 2)
    o = sb.check(sb.run("plan", sb.write("board.yaml", _dump(_with_text(base_board, fld, CONTROL[char]))),
                        "-o", sb.out, timeout=T_PLAN), expect)
    _names(o, fld.replace("-", "_").removeprefix("shot_").removeprefix("scene_").removeprefix("cast_")
           .removeprefix("set_").replace("dialogue", "text"))


RENDER_CONTROL = [("title", "newline"), ("title", "nul"), ("dialogue", "nul"), ("cast-name", "escape")]


@pytest.mark.parametrize("fld,char", RENDER_CONTROL, ids=[f"{f}-{c}" for f, c in RENDER_CONTROL])
def test_render_a_control_character(sb, base_board, fld, char):
    src = sb.write("board.yaml", _dump(_with_text(base_board, fld, CONTROL[char])))
    sb.check(sb.run("render", src, "-o", sb.out, *TINY, "--cards"))


@pytest.mark.parametrize("command", ["plan", "render"])
def test_a_shot_id_of_300_characters(sb, base_board, command):
    d = copy.deepcopy(base_board)
    _rename_shot(d, "1A", "A" * 300)
    src = sb.write("board.yaml", _dump(d))
    sb.check(sb.run(command, src, "-o", sb.out, *(TINY if command == "render" else ()), timeout=T_FILM))


def test_shot_ids_title_and_end_with_cards(sb, base_board):
    """The cards' own clips must not take the place of shots called `title` and `end`."""
    d = copy.deepcopy(base_board)
    _rename_shot(d, "1A", "title")
    _rename_shot(d, "1C", "end")
    o = sb.check(sb.run("render", sb.write("board.yaml", _dump(d)), "-o", sb.out, *TINY, "--cards"))
    if o.rc == 0:
        clips = [p for p in (sb.out / "shots").glob("*.mp4")]
        assert len({_sha(p) for p in clips}) >= 3 + 2, f"{o.cmd}: shots/ has {sorted(p.name for p in clips)}"


EMPTY_SCENES = [
    ("no-scenes", lambda d: d.__setitem__("scenes", []), (2,)),
    ("scene-without-shots", lambda d: d["scenes"][0].__setitem__("shots", []), (2,)),
    ("one-of-two-scenes-empty", lambda d: d["scenes"].insert(0, {**copy.deepcopy(d["scenes"][0]), "id": "s0",
                                                               "number": "0", "beats": [], "shots": []}), (0, 2)),
    ("scene-without-beats", lambda d: d["scenes"][0].__setitem__("beats", []), (2,)),
]


@pytest.mark.parametrize("case,edit,expect,command", [(*c, "plan") for c in EMPTY_SCENES] + [
    (*c, "render") for c in EMPTY_SCENES if c[0] in ("scene-without-shots", "one-of-two-scenes-empty")],
    ids=[f"{c[0]}-plan" for c in EMPTY_SCENES] + ["scene-without-shots-render", "one-of-two-scenes-empty-render"])
def test_empty_scenes(sb, base_board, command, case, edit, expect):
    d = copy.deepcopy(base_board)
    edit(d)
    src = sb.write("board.yaml", _dump(d))
    sb.check(sb.run(command, src, "-o", sb.out, *(TINY if command == "render" else ()), timeout=T_FILM), expect)


# -- Fountain ------------------------------------------------------------------------------------

FOUNTAIN = [
    ("heading-bare-int", "INT.\n\nMara waves.\n", (0, 2)),
    ("heading-20k-chars", "INT. " + "X" * 20000 + " - DAY\n\nMara waves.\n", (0, 2)),
    ("heading-empty-scene-number", "INT. HOUSE - DAY ##\n\nMara waves.\n", (0, 2)),
    ("heading-odd-scene-number", "INT. HOUSE - DAY #1.2.3-A-\u00e9#\n\nMara waves.\n", (0, 2)),
    ("headings-without-action", "INT. A - DAY\n\nINT. B - NIGHT\n\nEXT. C\n", (2,)),
    ("only-transitions", "CUT TO:\n\nFADE OUT.\n\n> SMASH CUT TO:\n", (2,)),
    ("forced-action-empty", "!\n", (0, 2)),
    ("forced-character-empty", "@\nHello.\n", (0, 2)),
    ("forced-everything", "!INT. NOT A HEADING\n\n@mara\n(beat)\n~la la\n\n>center<\n\n.FORCED HEADING\n", (0, 2)),
    ("title-page-only", "Title: Nothing\nAuthor: Me\n", (2,)),
    ("title-page-huge-value", "Title: " + "T" * 20000 + "\n\nINT. A - DAY\n\nMara waves.\n", (0, 2)),
    ("note-unclosed", "INT. ROOM - DAY\n\n[[a note that never closes\n\nMara waves.\n", (0, 2)),
    ("boneyard-unclosed", "/*\nINT. ROOM - DAY\n\nMara waves.\n", (0, 2)),
    ("boneyard-unclosed-huge", "INT. ROOM - DAY\n\nMara waves.\n\n/*" + "x\n" * 100000, (0, 2)),
    ("dual-caret-on-first-cue", "INT. ROOM - DAY\n\nMARA ^\nHello.\n", (0, 2)),
    ("dual-three-in-a-row", "INT. ROOM - DAY\n\nMARA\nHi.\n\nBEN ^\nHi.\n\nSAM ^\nHi.\n", (0, 2)),
    ("dual-without-dialogue", "INT. ROOM - DAY\n\nMARA\nHi.\n\nBEN ^\n", (0, 2)),
    ("cue-only-parenthetical", "INT. ROOM - DAY\n\nMARA\n(beat)\n", (0, 2)),
    ("cue-only-extensions", "INT. ROOM - DAY\n\nMARA (V.O.) (CONT'D) (O.S.)\n(whispering)\n...\n", (0, 2)),
    ("cue-20k-chars", "INT. ROOM - DAY\n\n" + "M" * 20000 + "\nHello.\n", (0, 2)),
    ("500-characters", "INT. ROOM - DAY\n\n" + "".join(f"CHAR{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}\nHello.\n\n"
                                                       for i in range(500)), (0, 2)),
    ("bom-crlf", "\ufeffINT. ROOM - DAY\r\n\r\nMara waves.\r\n", (0,)),
]


@pytest.mark.parametrize("text,expect", [c[1:] for c in FOUNTAIN], ids=[c[0] for c in FOUNTAIN])
def test_plan_a_fountain_oddity(sb, text, expect):
    sb.check(sb.run("plan", sb.write("play.fountain", text), "-o", sb.out, timeout=T_PLAN), expect)


@pytest.mark.parametrize("case", ["dual-three-in-a-row", "cue-only-extensions", "forced-everything"])
def test_make_a_fountain_oddity(sb, case):
    text, expect = next(c[1:] for c in FOUNTAIN if c[0] == case)
    sb.check(sb.run("make", sb.write("play.fountain", text), "-o", sb.out, *TINY), expect)


def test_plan_a_huge_fountain(sb):
    scene = "INT. ROOM {n} - NIGHT\n\nMara pours coffee. Ben walks in.\n\nBEN\nIs there any left?\n\nMARA\nAlways.\n\n"
    text = "".join(scene.format(n=i) for i in range(1200))
    assert len(text) > 100_000
    sb.check(sb.run("plan", sb.write("huge.fountain", text), "-o", sb.out, timeout=T_FILM, mem=4 * GB))


# -- command-line options ------------------------------------------------------------------------

MAKE_OPTIONS = [
    ("workers-0", ["--workers", "0"], (2,)),
    ("workers-1000", ["--workers", "1000"], (0, 2)),
    ("workers-1e20", ["--workers", str(10**20)], (0, 2)),
    ("size-20000x20000", ["--size", "20000x20000"], (0, 2)),
    ("size-1x1", ["--size", "1x1"], (2,)),
    ("size-63x64", ["--size", "63x64"], (2,)),
    ("size-abc", ["--size", "abc"], (2,)),
    ("size-1280x721", ["--size", "1280x721"], (2,)),
    ("size-20-digits", ["--size", "99999999999999999999x72"], (2,)),
    ("size-fullwidth-digits", ["--size", "\uff11\uff12\uff18x\uff17\uff12"], (0, 2)),
    ("size-capital-x", ["--size", "128X72"], (0,)),
    ("takes-0", ["--takes", "0"], (2,)),
    ("takes-10", ["--takes", "10"], (2,)),
    ("takes-1e30", ["--takes", str(10**30)], (2,)),
    ("fps-7", ["--fps", "7"], (2,)),
    ("fps-1000", ["--fps", "1000"], (2,)),
    ("seed-negative", ["--seed", "-1"], (2,)),
    ("seed-2e64", ["--seed", str(2**64)], (2,)),
    ("passes-unknown", ["--passes", "xray"], (2,)),
    ("backend-unknown", ["--backend", "nope"], (2,)),
    ("executor-unknown", ["--executor", "slurm"], (2,)),
    ("address-without-ray", ["--address", "auto"], (2,)),
    ("executor-ray-nowhere", ["--executor", "ray", "--address", "ray://127.0.0.1:1"], (0, 2)),
]


@pytest.mark.parametrize("opts,expect", [c[1:] for c in MAKE_OPTIONS], ids=[c[0] for c in MAKE_OPTIONS])
def test_make_with_an_option(sb, opts, expect):
    defaults = {"--size": "128x72", "--workers": "1"}
    for k in opts[::2]:
        defaults.pop(k, None)
    extra = [x for kv in defaults.items() for x in kv]
    sb.check(sb.run("make", STORY, "-o", sb.out, *extra, *opts, timeout=T_FILM, mem=6 * GB), expect)


@pytest.mark.parametrize("command,where", [("plan", "empty-string"), ("make", "empty-string"), ("plan", "a-user-file"),
                                           ("make", "a-user-file"), ("plan", "dev-null")])
def test_an_output_folder_that_is_not_one(sb, command, where):
    out = {"empty-string": "", "a-user-file": sb.user / "notes.txt", "dev-null": "/dev/null",
           "below-a-file": sb.user / "notes.txt" / "out"}[where]
    sb.check(sb.run(command, STORY, "-o", out, *(TINY if command == "make" else ()), timeout=T_FILM), (2,))


@pytest.mark.parametrize("where", ["inside", "itself"])
def test_an_output_folder_in_the_cache(sb, where):
    """Refused, or made without damaging the cache: `cache verify` finds nothing wrong after."""
    out = sb.cache / "proj" if where == "inside" else sb.cache
    o = sb.check(sb.run("make", STORY, "-o", out, *TINY))
    if o.rc == 0:
        sb.check(sb.run("cache", "verify", timeout=T_PLAN), (0,))
        assert (out / "film.mp4").is_file(), "the film is gone after `cache verify`"


@pytest.mark.parametrize("cache", ["a-user-file"])
def test_a_cache_that_is_not_a_folder(sb, cache):
    path = {"a-user-file": sb.user / "notes.txt", "dev-null": "/dev/null"}[cache]
    sb.check(sb.run("make", STORY, "-o", sb.out, *TINY, "--cache", path), (2,))


GC_OPTIONS = [
    ("older-than-negative", ["--older-than", "-1"], (2,)),
    ("older-than-nan", ["--older-than", "nan"], (2,)),
    ("older-than-inf", ["--older-than", "inf"], (0, 2)),
    ("max-size-negative", ["--max-size", "-5G"], (2,)),
    ("max-size-inf", ["--max-size", "infG"], (2,)),
    ("max-size-nan", ["--max-size", "nanG"], (2,)),
    ("max-size-1e30G", ["--max-size", "1e30G"], (0, 2)),
    ("max-size-0", ["--max-size", "0"], (0,)),
]


@pytest.mark.parametrize("opts,expect", [c[1:] for c in GC_OPTIONS], ids=[c[0] for c in GC_OPTIONS])
def test_cache_gc_options(sb, project, opts, expect):
    """A refused gc removes nothing."""
    sb.with_project(project)
    before = _tree(sb.cache, set())
    o = sb.check(sb.run("cache", "gc", *opts, timeout=T_PLAN), expect)
    if o.rc == 2:
        assert _diff(before, _tree(sb.cache, set())) == [], f"{o.cmd}: refused, yet the cache changed"


@pytest.mark.parametrize("action", ["ls", "gc"])
def test_a_cache_command_on_a_file(sb, action):
    sb.check(sb.run("cache", action, "--cache", sb.user / "notes.txt", timeout=T_PLAN), (2,))


CHOOSE = [
    ("take-0", ["1A", "0"], (2,)),
    ("take-negative", ["1A", "-1"], (2,)),
    ("take-1e30", ["1A", str(10**30)], (2,)),
    ("unknown-shot", ["9Z", "1"], (2,)),
    ("empty-shot", ["", "1"], (2,)),
    ("take-9-not-rendered", ["1A", "9"], (0,)),
]


@pytest.mark.parametrize("args,expect", [c[1:] for c in CHOOSE], ids=[c[0] for c in CHOOSE])
def test_choose(sb, project, args, expect):
    sb.with_project(project)
    board = (sb.out / "storyboard.yaml").read_bytes()
    o = sb.check(sb.run("choose", *args, "-o", sb.out, timeout=T_PLAN), expect)
    if o.rc != 0:
        assert (sb.out / "storyboard.yaml").read_bytes() == board, f"{o.cmd}: refused, yet the storyboard changed"


@pytest.mark.parametrize("shot,expect", [("9Z", (2,)), ("1A", (0,)), ("../1A", (2,))], ids=["unknown", "known", "path"])
def test_takes(sb, project, shot, expect):
    sb.with_project(project)
    sb.check(sb.run("takes", shot, "-o", sb.out, timeout=T_PLAN), expect, out_untouched=True)


PROJECT_COMMANDS = {"status": [], "resume": [], "takes": ["1A"], "choose": ["1A", "2"]}


@pytest.mark.parametrize("where", ["empty-folder", "missing-folder"])
@pytest.mark.parametrize("command", list(PROJECT_COMMANDS))
def test_a_project_command_where_there_is_no_project(sb, command, where):
    """Refused, and the folder is left as it was: no .onecrew/ made in it, no folder made."""
    if where == "empty-folder":
        sb.out.mkdir()
    elif where == "a-file":
        sb.out.write_text("not a project\n")
        sb.kept[sb.out] = _sha(sb.out)
    o = sb.run(command, *PROJECT_COMMANDS[command], "-o", sb.out, timeout=T_PLAN)
    sb.check(o, (2,), out_untouched=True)
    if where == "missing-folder":
        assert not os.path.lexists(sb.out), f"{o.cmd}: made the folder"


def _damage(out: Path, how: str) -> None:
    db = out / ".onecrew" / "jobs.sqlite"
    for extra in (db.with_name("jobs.sqlite-wal"), db.with_name("jobs.sqlite-shm")):
        extra.unlink(missing_ok=True)
    if how == "random-bytes":
        db.write_bytes(os.urandom(8192))
    elif how == "empty":
        db.write_bytes(b"")
    elif how == "truncated":
        db.write_bytes(db.read_bytes()[:1500])
    elif how == "a-folder":
        db.unlink()
        db.mkdir()
    elif how == "other-schema":
        db.unlink()
        c = sqlite3.connect(db)
        c.execute("CREATE TABLE run (x)")
        c.execute("INSERT INTO run VALUES (1)")
        c.commit()
        c.close()
    elif how == "bad-spec":
        c = sqlite3.connect(db)
        c.execute("UPDATE run SET spec='{not json', state='failed'")
        c.commit()
        c.close()
    elif how == "spec-missing-keys":
        c = sqlite3.connect(db)
        c.execute("UPDATE run SET spec='{}', state='failed'")
        c.commit()
        c.close()
    else:
        raise AssertionError(how)


DAMAGE = ["random-bytes", "empty", "bad-spec"]


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("command", list(PROJECT_COMMANDS))
def test_a_damaged_job_queue(sb, project, command, how):
    sb.with_project(project)
    _damage(sb.out, how)
    o = sb.run(command, *PROJECT_COMMANDS[command], "-o", sb.out, *(TINY[2:] if command == "resume" else ()),
               timeout=T_FILM)
    sb.check(o, (2,) if command == "resume" else (0, 2), out_untouched=command in ("status", "takes"))


@pytest.mark.parametrize("command", ["render"])
def test_film_into_a_project_with_a_damaged_job_queue(sb, project, command):
    sb.with_project(project)
    _damage(sb.out, "random-bytes")
    src = sb.write("board.yaml", (sb.out / "storyboard.yaml").read_bytes()) if command == "render" else TALK
    sb.check(sb.run(command, src, "-o", sb.out, *TINY))


@pytest.mark.parametrize("command", ["status", "takes"])
def test_a_read_only_project(project, command):
    """A project the user cannot write to (run as an unprivileged user, as root ignores modes):
    `status` and `takes` only read it."""
    root = Path(tempfile.mkdtemp(prefix="onecrew-ro-", dir="/tmp"))
    try:
        os.chmod(root, 0o755)
        s = Sandbox(root / "t")
        os.chmod(s.root, 0o755)
        s.with_project(project)
        for p in [s.out, *s.out.rglob("*")]:
            if not p.is_symlink():
                os.chmod(p, 0o555 if p.is_dir() else 0o444)
        args = [command, *(["1A"] if command == "takes" else []), "-o", s.out]
        try:
            o = s.run(*args, timeout=T_PLAN, as_nobody=os.geteuid() == 0, cwd=root)
        except PermissionError:  # the unprivileged user cannot run this venv: root it is (modes not enforced)
            o = s.run(*args, timeout=T_PLAN, cwd=root)
        s.check(o, (0,), out_untouched=True)
    finally:
        for p in [root, *root.rglob("*")]:
            if not p.is_symlink():
                os.chmod(p, 0o755)
        shutil.rmtree(root, ignore_errors=True)


def test_status_of_a_project(sb, project):
    """The control: a healthy project's status reads it and changes nothing."""
    sb.with_project(project)
    sb.check(sb.run("status", "-o", sb.out, timeout=T_PLAN), (0,), out_untouched=True)


@pytest.mark.parametrize("args,expect", [
    ([], (2,)), (["nonsense"], (2,)), (["plan", STORY], (2,)), (["--version"], (0,)), (["choose", "1A"], (2,)),
    (["cache", "burn"], (2,)),
], ids=["nothing", "unknown-command", "plan-without-o", "version", "choose-without-take", "cache-unknown-action"])
def test_a_command_line_that_is_incomplete(sb, args, expect):
    sb.check(sb.run(*args, timeout=T_PLAN), expect)


def test_render_a_story_is_refused(sb):
    sb.check(sb.run("render", sb.write("story.txt", STORY), "-o", sb.out, *TINY, timeout=T_PLAN), (2,))


@pytest.mark.parametrize("content", [PNG, b"title: [\n"], ids=["binary", "malformed"])
def test_lint_a_bad_file(sb, content):
    sb.check(sb.run("lint", sb.write("board.yaml", content), timeout=T_PLAN), (2,))


# -- the file system: the user's files in and around the project ---------------------------------


def _render_project(sb: Sandbox, *extra: str) -> Outcome:
    return sb.run("render", sb.out / "storyboard.yaml", "-o", sb.out, *TINY, *extra)


@pytest.mark.parametrize("folder,extra", [("shots", ()), ("audio", ()), ("audio/dialogue", ()),
                                          ("takes", ("--takes", "2"))],
                         ids=["shots", "audio", "audio-dialogue", "takes"])
def test_a_symlinked_output_folder_is_not_written_through(sb, project, folder, extra):
    """out/<folder> is a link to the user's own folder of clips: nothing in it is deleted,
    replaced or added."""
    sb.with_project(project)
    target = sb.out / folder
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(sb.user / "clips", target_is_directory=True)
    sb.check(_render_project(sb, *extra))


@pytest.mark.parametrize("rel,extra", [("shots/mine.mp4", ()), ("audio/dialogue/mine.wav", ()),
                                       ("takes/mine.mp4", ("--takes", "2")), ("notes.txt", ()),
                                       ("shots/1A.backup.mp4", ())],
                         ids=["shots-mine", "dialogue-mine", "takes-mine", "notes", "shots-backup"])
@pytest.mark.parametrize("command", ["render"])
def test_a_users_own_file_in_the_project_survives(sb, project, command, rel, extra):
    sb.with_project(project)
    sb.keep(rel, os.urandom(1024))
    if command == "render":
        sb.check(_render_project(sb, *extra))
    else:
        sb.check(sb.run("make", TALK, "-o", sb.out, *TINY, *extra))


@pytest.mark.parametrize("rel", ["shots/mine.mp4", "audio/dialogue/mine.wav"])
def test_a_users_own_file_survives_make(sb, project, rel):
    sb.with_project(project)
    sb.keep(rel, os.urandom(1024))
    sb.check(sb.run("make", TALK, "-o", sb.out, *TINY))


def test_a_users_own_file_survives_a_render_that_changes_a_shot(sb, project):
    """An edit makes the old clips of the shot go; the user's clip beside them stays."""
    sb.with_project(project)
    sb.keep("shots/mine.mp4", os.urandom(1024))
    board = sb.out / "storyboard.yaml"
    text = board.read_text()
    board.write_text(text.replace("move: static", "move: dolly-in", 1))
    sb.check(_render_project(sb))


@pytest.mark.parametrize("command", ["render", "resume"])
def test_a_symlinked_lock_is_not_truncated(sb, project, command):
    sb.with_project(project)
    lock = sb.out / ".onecrew" / "lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(sb.user / "lockfile.txt")
    if command == "render":
        sb.check(_render_project(sb))
    else:  # a run that failed, so that resume films again
        c = sqlite3.connect(sb.out / ".onecrew" / "jobs.sqlite")
        c.execute("UPDATE run SET state='failed', error='test' WHERE id=(SELECT MAX(id) FROM run)")
        c.commit()
        c.close()
        sb.check(sb.run("resume", "-o", sb.out, "--workers", "1", timeout=T_FILM))


@pytest.mark.parametrize("name", ["film.mp4", "storyboard.html", "shots/1A.mp4"])
def test_an_output_file_linked_to_a_users_file(sb, project, name):
    """Where an output is a link to a file of the user's, the link is replaced; the file stays."""
    sb.with_project(project)
    p = sb.out / name
    p.unlink()
    p.symlink_to(sb.user / "precious.mp4")
    sb.check(_render_project(sb))


EDITED = "    description: MY OWN WORDS, edited by hand\n"


def _edit_board(path: Path) -> str:
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    i = next(i for i, ln in enumerate(lines) if ln.startswith("    description: "))
    lines[i] = EDITED
    edited = "".join(lines) + "# my comment\n"
    path.write_text(edited)
    return edited


@pytest.mark.parametrize("how", ["edited-after-plan", "hand-written"])
@pytest.mark.parametrize("command", ["plan", "make"])
def test_planning_over_an_edited_storyboard(sb, base_board, command, how):
    """The user's edited storyboard.yaml is not silently overwritten: refused with a line that
    names --force, or kept as it is (the new plan written beside it)."""
    if how == "edited-after-plan":
        sb.check(sb.run("plan", TALK, "-o", sb.out, timeout=T_PLAN), (0,))
    else:
        sb.out.mkdir()
        (sb.out / "storyboard.yaml").write_text(_dump(base_board))
    edited = _edit_board(sb.out / "storyboard.yaml")
    o = sb.check(sb.run(command, TALK, "-o", sb.out, *(TINY if command == "make" else ()), timeout=T_FILM))
    if o.rc == 2:
        assert "--force" in o.message, f"{o.cmd}: refused without naming --force: {o.last!r}"
    assert (sb.out / "storyboard.yaml").read_text() == edited, f"{o.cmd}: exit {o.rc}: the edited storyboard.yaml was overwritten"


def test_planning_again_over_an_unedited_plan_is_fine(sb):
    """The control: nothing of the user's is at stake, so the plan is simply made again."""
    sb.check(sb.run("plan", TALK, "-o", sb.out, timeout=T_PLAN), (0,))
    sb.check(sb.run("plan", TALK, "-o", sb.out, timeout=T_PLAN), (0,))


def test_make_from_the_projects_own_storyboard(sb, project):
    """`make out/storyboard.yaml -o out`: the input is also an output; the user's edit in it survives."""
    sb.with_project(project)
    _edit_board(sb.out / "storyboard.yaml")
    o = sb.check(sb.run("make", sb.out / "storyboard.yaml", "-o", sb.out, *TINY))
    text = (sb.out / "storyboard.yaml").read_text()
    assert EDITED.strip() in text, f"{o.cmd}: exit {o.rc}: the hand edit in the storyboard is gone"
    assert not _unloadable(sb.out / "storyboard.yaml")


def test_render_the_projects_own_edited_storyboard(sb, project):
    """The control: `render` never rewrites the storyboard it reads."""
    sb.with_project(project)
    edited = _edit_board(sb.out / "storyboard.yaml")
    o = sb.check(_render_project(sb), (0,))
    assert (sb.out / "storyboard.yaml").read_text() == edited, f"{o.cmd}: the storyboard was rewritten"


def test_plan_over_a_folder_of_the_users_files(sb):
    """-o names a folder of the user's: what is in it stays."""
    sb.keep("holiday.mp4", os.urandom(2048))
    sb.keep("storyboard.html.bak", b"<html></html>")
    sb.check(sb.run("plan", STORY, "-o", sb.out, timeout=T_PLAN), (0,))
