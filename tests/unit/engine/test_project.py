"""A project folder: the storyboard it is cut from, its takes, and `choose` recording a take in
the storyboard file itself with a one-line edit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from onecrew.engine.jobs import Jobs
from onecrew.engine.project import choose, last_run, storyboard_file, takes
from onecrew.errors import OnecrewError
from onecrew.parse.storyboard_file import load_storyboard
from onecrew.pipeline import plan

STORY = ('Ana waves at Ben in the park. "Hello!" says Ana. "You came," Ben says. '
         'Ben sits on the bench and smiles.')
SHOT = "1C"  # a shot in the middle of the scene


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Path:
    """The files `onecrew plan` writes, made once for the module."""
    folder = tmp_path_factory.mktemp("plan")
    plan(STORY, folder)
    return folder


def load(path: Path):
    return load_storyboard(path.read_text(encoding="utf-8"), str(path))


def project(tmp_path: Path, storyboard: Path, **spec) -> tuple[Path, Jobs]:
    out = tmp_path / "film"
    jobs = Jobs(out)
    jobs.start("render x", {"storyboard": {}, "settings": {}, "fit": False, "file": str(storyboard)} | spec)
    return out, jobs


@pytest.fixture
def yaml_file(planned, tmp_path) -> Path:
    path = tmp_path / "story.yaml"
    shutil.copyfile(planned / "storyboard.yaml", path)
    return path


@pytest.fixture
def json_file(planned, tmp_path) -> Path:
    path = tmp_path / "story.json"
    shutil.copyfile(planned / "storyboard.json", path)
    return path


def shot_line(lines: list[str], shot_id: str, key: str) -> int:
    """Index of `key:` within the shot `shot_id` of a block-style YAML storyboard."""
    start = lines.index(f"  - id: {shot_id}\n")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("  - "):
            break
        if re.match(rf"    {key}:", lines[i]):
            return i
    raise AssertionError(f"no {key} in shot {shot_id}")


def changed(before: list[str], after: list[str]) -> list[int]:
    assert len(before) == len(after)
    return [i for i, (a, b) in enumerate(zip(before, after)) if a != b]


def test_the_planned_storyboard_has_the_shots_these_tests_need(yaml_file):
    sb = load(yaml_file)
    ids = [s.id for s in sb.shots]
    assert SHOT in ids and ids.index(SHOT) not in (0, len(ids) - 1)
    assert all(s.take == 1 for s in sb.shots)
    assert any(s.lines for s in sb.shots)  # the story has dialogue


# -- choose: YAML ----------------------------------------------------------------------------------

def test_choose_edits_the_take_line_of_a_planned_storyboard(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    before = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert choose(out, SHOT, 3) == yaml_file
    after = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = shot_line(before, SHOT, "take")
    assert changed(before, after) == [at]
    assert (before[at], after[at]) == ("    take: 1\n", "    take: 3\n")
    sb = load(yaml_file)
    assert {s.id: s.take for s in sb.shots} == {s.id: (3 if s.id == SHOT else 1) for s in sb.shots}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film", "story.yaml"]  # no temporary left


def test_choose_inserts_a_take_after_the_seed_then_replaces_it(yaml_file, tmp_path):
    text = yaml_file.read_text(encoding="utf-8")
    takes_written = re.findall(r"^ *take:.*\n", text, flags=re.M)
    assert takes_written and set(takes_written) == {"    take: 1\n"}
    text = re.sub(r"^    take: 1\n", "", text, flags=re.M)  # as a person writes it: take left out
    lines = text.splitlines(keepends=True)
    lines.insert(0, "# The park — second draft, keep Ben's smile   \n")
    dur = shot_line(lines, "1A", "duration")
    lines[dur] = lines[dur].rstrip("\n") + "   # long on purpose: let the park breathe\n"
    lines.insert(shot_line(lines, SHOT, "kind"), "    # Ana's line lands here\n")
    yaml_file.write_text("".join(lines), encoding="utf-8")
    assert load(yaml_file).shots[2].take == 1
    out, _ = project(tmp_path, yaml_file)

    choose(out, SHOT, 2)
    first = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    seed = shot_line(lines, SHOT, "seed")
    assert first == lines[:seed + 1] + ["    take: 2\n"] + lines[seed + 1:]
    assert {s.id: s.take for s in load(yaml_file).shots} == {s.id: (2 if s.id == SHOT else 1)
                                                              for s in load(yaml_file).shots}

    choose(out, SHOT, 4)
    second = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert changed(first, second) == [seed + 1]
    assert second[seed + 1] == "    take: 4\n"
    assert second[0] == "# The park — second draft, keep Ben's smile   \n"
    assert "    # Ana's line lands here\n" in second
    assert second[dur].endswith("   # long on purpose: let the park breathe\n")
    assert next(s for s in load(yaml_file).shots if s.id == SHOT).take == 4

    choose(out, "1A", 7)  # another shot: inserted in its own place
    third = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = shot_line(second, "1A", "seed") + 1
    assert third == second[:at] + ["    take: 7\n"] + second[at:]


def test_choose_keeps_a_comment_on_the_take_line(yaml_file, tmp_path):
    lines = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = shot_line(lines, SHOT, "take")
    lines[at] = "    take: 1  # the first was the best\n"
    yaml_file.write_text("".join(lines), encoding="utf-8")
    out, _ = project(tmp_path, yaml_file)
    choose(out, SHOT, 2)
    after = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert changed(lines, after) == [at]
    assert after[at] == "    take: 2  # the first was the best\n"


def test_choosing_the_take_already_chosen_changes_nothing(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    before = yaml_file.read_bytes()
    choose(out, SHOT, 1)
    assert yaml_file.read_bytes() == before


def test_choose_works_on_a_file_with_windows_line_endings(yaml_file, tmp_path):
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    out, _ = project(tmp_path, yaml_file)
    choose(out, SHOT, 5)
    data = yaml_file.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")  # every line still ends the same way
    assert next(s for s in load(yaml_file).shots if s.id == SHOT).take == 5


def test_choose_when_the_shot_lists_take_first(yaml_file, tmp_path):
    lines = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    at = shot_line(lines, SHOT, "take")
    start = lines.index(f"  - id: {SHOT}\n")
    del lines[at]
    lines[start:start + 1] = ["  - take: 2\n", f"    id: {SHOT}\n"]
    yaml_file.write_text("".join(lines), encoding="utf-8")
    assert next(s for s in load(yaml_file).shots if s.id == SHOT).take == 2
    out, _ = project(tmp_path, yaml_file)
    choose(out, SHOT, 3)
    after = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert changed(lines, after) == [start]
    assert after[start] == "  - take: 3\n"


def _rewritten(path: Path, edit) -> list[str]:
    """The storyboard at `path` re-laid out by `edit(raw dict)`, takes left out, as lines."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for sc in raw["scenes"]:
        for sh in sc["shots"]:
            del sh["take"]
    edit(raw)
    text = yaml.safe_dump(raw, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")
    return text.splitlines(keepends=True)


def test_choose_when_the_shot_lists_seed_first(yaml_file, tmp_path):
    def seed_first(raw):
        shots = raw["scenes"][0]["shots"]
        k = [s["id"] for s in shots].index(SHOT)
        shots[k] = {"seed": shots[k]["seed"]} | {a: b for a, b in shots[k].items() if a != "seed"}
    lines = _rewritten(yaml_file, seed_first)
    at = next(i for i, line in enumerate(lines) if line.startswith("  - seed: ")
              and lines[i + 1] == f"    id: {SHOT}\n")
    out, _ = project(tmp_path, yaml_file)
    choose(out, SHOT, 3)
    after = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after == lines[:at + 1] + ["    take: 3\n"] + lines[at + 1:]
    assert next(s for s in load(yaml_file).shots if s.id == SHOT).take == 3


def test_choose_on_a_file_that_ends_with_the_seed_line_and_no_line_break(yaml_file, tmp_path):
    def shots_last(raw):
        sc = raw["scenes"][-1]
        sc["shots"] = sc.pop("shots")
    _rewritten(yaml_file, shots_last)
    text = yaml_file.read_text(encoding="utf-8").rstrip("\n")
    yaml_file.write_text(text, encoding="utf-8")
    last = load(yaml_file).shots[-1]
    assert text.splitlines()[-1] == f"    seed: {last.seed}"
    out, _ = project(tmp_path, yaml_file)
    choose(out, last.id, 2)
    assert yaml_file.read_text(encoding="utf-8") == text + "\n    take: 2\n"
    assert load(yaml_file).shots[-1].take == 2


def test_a_layout_the_edit_cannot_handle_is_refused_and_the_file_left_alone(yaml_file, tmp_path):
    lines = yaml_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {SHOT}\n")
    seed = shot_line(lines, SHOT, "seed")
    del lines[shot_line(lines, SHOT, "take")]
    # the whole shot on one line, in flow style
    block = lines[start:seed + 1]
    shot = load(yaml_file).shots[[s.id for s in load(yaml_file).shots].index(SHOT)]
    flow = json.dumps({k: v for k, v in shot.model_dump(mode="json").items() if k != "take"},
                      ensure_ascii=False)
    lines[start:start + len(block)] = [f"  - {flow}\n"]
    yaml_file.write_text("".join(lines), encoding="utf-8")
    before = yaml_file.read_bytes()
    assert next(s for s in load(yaml_file).shots if s.id == SHOT).take == 1
    out, _ = project(tmp_path, yaml_file)
    with pytest.raises(OnecrewError, match=f"cannot set take: for shot {SHOT}") as e:
        choose(out, SHOT, 2)
    assert e.value.where == str(yaml_file)
    assert yaml_file.read_bytes() == before


def test_choose_names_the_file_for_an_unknown_shot(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    before = yaml_file.read_bytes()
    with pytest.raises(OnecrewError, match=r"there is no shot '9Z' \(shots: 1A, 1B") as e:
        choose(out, "9Z", 2)
    assert e.value.where == str(yaml_file)
    assert str(yaml_file) in str(e.value)
    assert yaml_file.read_bytes() == before


@pytest.mark.parametrize("take", [0, -1, 10, 10**30])
def test_take_numbers_are_one_to_nine(yaml_file, tmp_path, take):
    out, _ = project(tmp_path, yaml_file)
    before = yaml_file.read_bytes()
    with pytest.raises(OnecrewError, match=f"a take is numbered from 1 to 9, not {take}"):
        choose(out, SHOT, take)
    assert yaml_file.read_bytes() == before


# -- choose: JSON ----------------------------------------------------------------------------------

def test_choose_edits_one_line_of_a_json_storyboard(json_file, tmp_path):
    out, _ = project(tmp_path, json_file)
    before = json_file.read_text(encoding="utf-8").splitlines(keepends=True)
    choose(out, SHOT, 6)
    after = json_file.read_text(encoding="utf-8").splitlines(keepends=True)
    [at] = changed(before, after)
    assert before[at].strip() == '"take": 1' and after[at].strip() == '"take": 6'
    assert before[at].replace("1", "6") == after[at]
    sb = load(json_file)
    assert {s.id: s.take for s in sb.shots} == {s.id: (6 if s.id == SHOT else 1) for s in sb.shots}
    assert json.loads(json_file.read_text(encoding="utf-8"))["scenes"][0]["shots"][2]["take"] == 6

    choose(out, SHOT, 2)
    assert next(s for s in load(json_file).shots if s.id == SHOT).take == 2


def test_choose_names_the_json_file_for_an_unknown_shot(json_file, tmp_path):
    out, _ = project(tmp_path, json_file)
    with pytest.raises(OnecrewError, match="there is no shot 'nope'") as e:
        choose(out, "nope", 2)
    assert e.value.where == str(json_file)


# -- the project's storyboard and last run ---------------------------------------------------------

def test_storyboard_file_is_the_one_the_run_was_given(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    assert storyboard_file(out) == yaml_file
    run = last_run(out)
    assert run.command == "render x" and run.spec["file"] == str(yaml_file) and run.spec["fit"] is False


def test_storyboard_file_defaults_to_the_one_make_wrote(planned, tmp_path):
    out, _ = project(tmp_path, planned / "unused.yaml", file=None)
    with pytest.raises(OnecrewError, match="storyboard .*storyboard.yaml is gone") as e:
        storyboard_file(out)
    assert e.value.where == str(out)
    shutil.copyfile(planned / "storyboard.yaml", out / "storyboard.yaml")
    assert storyboard_file(out) == out / "storyboard.yaml"


def test_a_storyboard_that_was_moved_away_is_named(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    yaml_file.rename(tmp_path / "elsewhere.yaml")
    with pytest.raises(OnecrewError, match=f"the project's storyboard {re.escape(str(yaml_file))} is gone"):
        choose(out, SHOT, 2)


def test_last_run_is_the_latest(yaml_file, json_file, tmp_path):
    out, jobs = project(tmp_path, yaml_file)
    jobs.finish()
    jobs.start("resume", {"file": str(json_file)})
    assert last_run(out).command == "resume"
    assert storyboard_file(out) == json_file


def test_a_folder_without_a_render_is_refused(tmp_path):
    with pytest.raises(OnecrewError, match="no onecrew render has run here"):
        last_run(tmp_path)
    with pytest.raises(OnecrewError, match="no onecrew render has run here"):
        takes(tmp_path, SHOT)
    Jobs(tmp_path).close()  # a queue, but no run in it
    with pytest.raises(OnecrewError, match="no render has started here"):
        storyboard_file(tmp_path)


# -- takes -----------------------------------------------------------------------------------------

def shot_job(jobs: Jobs, shot: str, take: int, state: str) -> None:
    key = f"{shot}-take{take}-{jobs.run_id}"
    jobs.add(key, "shot", f"shot {shot} take {take}", info={"shot": shot, "take": take})
    jobs.running(key)
    {"done": jobs.done, "reused": jobs.reused}.get(state, lambda k: jobs.failed(k, "boom"))(key)


def test_takes_lists_each_take_with_its_state(yaml_file, tmp_path):
    out, jobs = project(tmp_path, yaml_file)
    shot_job(jobs, SHOT, 1, "done")
    shot_job(jobs, SHOT, 2, "failed")
    shot_job(jobs, SHOT, 3, "reused")
    shot_job(jobs, "1A", 5, "done")  # another shot's take is not this one's
    jobs.add("line-1", "line", "line 1", info={"shot": SHOT, "take": 4})  # not a shot job
    jobs.done("line-1")
    shot = next(s for s in load(yaml_file).shots if s.id == SHOT)

    rows = takes(out, SHOT)
    assert [(r.take, r.state, r.chosen) for r in rows] == [
        (1, "rendered", True), (2, "failed", False), (3, "rendered", False)]
    assert rows[0].seed == shot.seed
    assert rows[1].seed == shot.take_seed(2) and rows[2].seed == shot.take_seed(3)
    assert len({r.seed for r in rows}) == 3
    assert rows[0].file is None  # nothing placed in the folder yet
    (out / "shots").mkdir()
    (out / "shots" / f"{SHOT}.mp4").write_bytes(b"chosen clip")
    (out / "takes").mkdir()
    (out / "takes" / f"{SHOT}.take3.mp4").write_bytes(b"take three")
    rows = takes(out, SHOT)
    assert rows[0].file == out / "shots" / f"{SHOT}.mp4"
    assert rows[1].file is None
    assert rows[2].file == out / "takes" / f"{SHOT}.take3.mp4"


def test_the_chosen_take_is_listed_even_before_it_is_rendered(yaml_file, tmp_path):
    out, jobs = project(tmp_path, yaml_file)
    shot_job(jobs, SHOT, 1, "done")
    choose(out, SHOT, 4)
    rows = takes(out, SHOT)
    assert [(r.take, r.state, r.chosen) for r in rows] == [(1, "rendered", False), (4, "not rendered", True)]
    assert rows[1].file is None


def test_the_latest_run_has_the_last_word_on_a_take(yaml_file, tmp_path):
    out, jobs = project(tmp_path, yaml_file)
    shot_job(jobs, SHOT, 2, "failed")
    shot_job(jobs, SHOT, 3, "done")
    jobs.finish("boom")
    jobs.start("resume", {"file": str(yaml_file)})
    shot_job(jobs, SHOT, 2, "done")
    shot_job(jobs, SHOT, 3, "failed")
    states = {r.take: r.state for r in takes(out, SHOT)}
    assert states == {1: "not rendered", 2: "rendered", 3: "failed"}


def test_takes_of_an_unknown_shot_names_the_file(yaml_file, tmp_path):
    out, _ = project(tmp_path, yaml_file)
    with pytest.raises(OnecrewError, match="there is no shot 'ZZ'") as e:
        takes(out, "ZZ")
    assert e.value.where == str(yaml_file)


def test_takes_read_a_json_storyboard(json_file, tmp_path):
    out, jobs = project(tmp_path, json_file)
    shot_job(jobs, SHOT, 2, "done")
    choose(out, SHOT, 2)
    assert [(r.take, r.state, r.chosen) for r in takes(out, SHOT)] == [(2, "rendered", True)]


def test_the_cli_plans_a_storyboard_choose_can_edit(tmp_path):
    """The same through `onecrew plan` as a user runs it."""
    import subprocess
    import sys
    exe = Path(sys.executable).with_name("onecrew")
    done = subprocess.run([str(exe), "plan", STORY, "-o", str(tmp_path / "plan")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "plan" / "storyboard.yaml"
    out, _ = project(tmp_path, path)
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    choose(out, SHOT, 9)
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert changed(before, after) == [shot_line(before, SHOT, "take")]
    assert next(s for s in load(path).shots if s.id == SHOT).take == 9
