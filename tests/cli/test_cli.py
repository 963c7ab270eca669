"""The `onecrew` console script, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from onecrew.direct.director import direct
from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard

ONECREW = str(Path(sys.executable).parent / "onecrew")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([ONECREW, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def one_error_line(p: subprocess.CompletedProcess) -> str:
    err = p.stderr.decode()
    assert p.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.strip().splitlines() if ln.startswith("onecrew: error: ")]
    assert len(lines) == 1 and err.strip().endswith(lines[0]), err  # progress lines may precede it
    return lines[0].removeprefix("onecrew: error: ")


@pytest.fixture
def board(tmp_path, kitchen_script) -> Path:
    p = tmp_path / "board.yaml"
    p.write_text(dump_storyboard(direct(kitchen_script, seed=2)))
    return p


def test_plan_from_a_storyboard_writes_three_readable_files(tmp_path, board):
    out = tmp_path / "out"
    p = run("plan", str(board), "-o", str(out))
    assert p.returncode == 0, p.stderr.decode()
    assert sorted(f.name for f in out.iterdir()) == [".onecrew", "storyboard.html", "storyboard.json",
                                                     "storyboard.yaml"]  # .onecrew: what onecrew wrote here
    assert (out / "storyboard.yaml").read_text() == board.read_text()  # unchanged in, unchanged out
    schema = json.loads(run("schema").stdout)
    data = json.loads((out / "storyboard.json").read_text())
    jsonschema.validate(data, schema)
    html = (out / "storyboard.html").read_text()
    sb = load_storyboard(board.read_text())
    for shot in sb.shots:
        assert f'id="shot-{shot.id}"' in html
    assert html.count("<svg") == len(sb.shots)
    assert "“I did! And I&#x27;m furious!”" in html


def test_lint_clean_and_dirty(tmp_path, board):
    p = run("lint", str(board))
    assert p.returncode == 0 and p.stdout == b""
    assert b"0 findings" in p.stderr
    sb = load_storyboard(board.read_text())
    long_shot = sb.shots[0]
    text = board.read_text().replace(f"duration: {long_shot.duration}\n", "duration: 600\n", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    p = run("lint", str(bad))
    assert p.returncode == 1
    line = next(i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip() == f"- id: {long_shot.id}")
    assert p.stdout.decode().strip() == \
        f"{bad}:{line}: shot {long_shot.id}: [duration] lasts 25.00 s; keep shots between 1 and 20 s"


def _error_case(tmp_path: Path, name: str, content: bytes) -> tuple[str, Path]:
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out"
    msg = one_error_line(run("plan", str(src), "-o", str(out)))
    assert not out.exists() or not any(out.iterdir()), "no partial output"
    return msg, src


def test_missing_file(tmp_path):
    out = tmp_path / "out"
    assert one_error_line(run("plan", str(tmp_path / "nope.fountain"), "-o", str(out))) == \
        f"{tmp_path / 'nope.fountain'}: no such file"
    assert not out.exists()


@pytest.mark.parametrize("name,content,expected", [
    ("empty.txt", b"  \n\n", "is empty: nothing to film"),
    ("pic.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file, not text"),
    ("latin.txt", b"Line one.\nCaf\xe9 au lait.\n", "is not UTF-8 text (byte 0xe9 at line 2); save it as UTF-8"),
    ("bad.yaml", b"title: x\nfps: 24\n  width: 3\n", "3: malformed YAML: mapping values are not allowed in this context"),
])
def test_bad_files(tmp_path, name, content, expected):
    msg, src = _error_case(tmp_path, name, content)
    assert msg.startswith(str(src) + ":") and msg.endswith(expected), msg


@pytest.mark.parametrize("old,new,expected", [
    ("size: OTS", "size: HUGE", ".size: 'HUGE' is not one of"),
    ("character: ben", "character: bob", "unknown character 'bob'"),
    ("  set: int-kitchen-night", "  set: int-moon-night", "scenes[0].set: unknown set 'int-moon-night'"),
    ("kind: over-the-shoulder", "kind: dream", ".kind: 'dream' is not one of"),
])
def test_bad_storyboard_values_name_line_and_field(tmp_path, board, old, new, expected):
    text = board.read_text()
    assert old in text
    bad = text.replace(old, new, 1)
    line = next(i + 1 for i, ln in enumerate(bad.splitlines()) if new in ln)
    msg, src = _error_case(tmp_path, "edited.yaml", bad.encode())
    assert msg.startswith(f"{src}:{line}: ") and expected in msg, msg


def test_negative_duration(tmp_path, board):
    sb = load_storyboard(board.read_text())
    text = board.read_text().replace(f"duration: {sb.shots[0].duration}\n", "duration: -48\n", 1)
    msg, src = _error_case(tmp_path, "neg.yaml", text.encode())
    assert msg.endswith("scenes[0].shots[0].duration: must be greater than 0, not -48")


def test_output_folder_that_cannot_be_made(tmp_path, board):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    msg = one_error_line(run("plan", str(board), "-o", str(blocker / "out")))
    assert msg.startswith(f"{blocker / 'out'}: cannot create the output folder")


def test_bad_arguments_are_one_usage_line():
    p = run("plan", "story.txt", "-o", "x", "--fps", "23")
    assert p.returncode == 2 and b"invalid choice" in p.stderr and b"Traceback" not in p.stderr


@pytest.mark.parametrize("args,expected", [
    (["--seed", "99999999999999999999"], "--seed must be a whole number from 0 to 2^63 - 1, not 99999999999999999999"),
    (["--seed", "-1"], "--seed must be a whole number from 0 to 2^63 - 1, not -1"),
])
def test_bad_seed(tmp_path, args, expected):
    assert one_error_line(run("plan", "Mara waves.", "-o", str(tmp_path), *args)) == expected


def test_empty_input_argument(tmp_path):
    assert one_error_line(run("plan", "", "-o", str(tmp_path))).startswith("no input given")


def test_seed_and_fps_are_refused_with_a_storyboard(tmp_path, board):
    msg = one_error_line(run("plan", str(board), "-o", str(tmp_path / "o"), "--seed", "3"))
    assert msg.startswith(f"{board}: --seed and --fps apply when planning from a story")


def test_an_edited_look_reaches_every_prompt(tmp_path, board):
    text = board.read_text()
    sb = load_storyboard(text)
    mara = sb.character("mara")
    assert mara.look.hair_color == "red"
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("hair_color: red", "hair_color: platinum", 1)
                      .replace("prompt_extra: ''", "prompt_extra: shot on 16mm film", 1))
    p = run("plan", str(edited), "-o", str(tmp_path / "o"))
    assert p.returncode == 0, p.stderr.decode()
    out = load_storyboard((tmp_path / "o" / "storyboard.yaml").read_text())
    with_mara = [s for s in out.shots if any(b.character == "mara" for b in s.in_frame)]
    maras = [part for s in with_mara for part in s.prompt.split("; ") if part.startswith("Mara,")]
    assert len(maras) == len(with_mara) and all("platinum hair" in m and "red hair" not in m for m in maras)
    assert out.shots[0].prompt.endswith("; shot on 16mm film")


@pytest.mark.parametrize("content", ["{}\n", "scenes: []\n"])
def test_a_storyboard_with_nothing_to_film(tmp_path, content):
    msg, src = _error_case(tmp_path, "empty.yaml", content.encode())
    assert msg == f"{src}: has no shots to film"


@pytest.mark.parametrize("content", ["INT. ROOM - DAY\n\n[[only a note]]\n", "> THE END <\n", "CUT TO:\n"])
def test_a_screenplay_with_nothing_to_film_names_the_file(tmp_path, content):
    msg, src = _error_case(tmp_path, "empty.fountain", content.encode())
    assert msg == f"{src}: has no action or dialogue to film"


def test_outputs_are_readable_like_any_file_written_with_the_umask(tmp_path, board):
    import os
    old = os.umask(0o022)
    try:
        p = run("plan", str(board), "-o", str(tmp_path / "o"))
    finally:
        os.umask(old)
    assert p.returncode == 0
    assert {oct(f.stat().st_mode & 0o777) for f in (tmp_path / "o").glob("storyboard.*")} == {"0o644"}


def test_lint_names_the_line_of_every_finding(tmp_path, board):
    bad = tmp_path / "bad.yaml"
    text = board.read_text().replace("character: ben", "character: bob", 1)
    bad.write_text(text)
    p = run("lint", str(bad))
    assert p.returncode == 1
    line = next(i + 1 for i, ln in enumerate(text.splitlines()) if "character: bob" in ln)
    out = p.stdout.decode().splitlines()
    assert any(o.startswith(f"{bad}:{line}: shot ") and "unknown character 'bob'" in o for o in out), out
