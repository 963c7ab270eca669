"""Hostile or mistyped storyboard files: each is one error line naming file and line, quickly."""

import time

import pytest

from onecrew.direct.director import direct
from onecrew.errors import OnecrewError
from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard


def _error(text: str) -> str:
    with pytest.raises(OnecrewError) as e:
        load_storyboard(text, "board.yaml")
    return e.value.line()


@pytest.fixture
def board(kitchen_script) -> str:
    return dump_storyboard(direct(kitchen_script))


def _line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, ln in enumerate(text.splitlines()) if needle in ln)


def _billion_laughs() -> str:
    # nine levels of nine aliases each: 10^9 values from under 1 KB
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        me, prev = chr(97 + i), chr(96 + i)
        rows.append(f"{me}: &{me} [{','.join([f'*{prev}'] * 9)}]")
    return "\n".join(rows) + "\n"


def test_an_alias_bomb_is_refused_in_well_under_a_second():
    bomb = _billion_laughs()
    assert len(bomb) < 1024
    start = time.perf_counter()
    msg = _error(bomb)
    assert time.perf_counter() - start < 2  # was 36 to 72 s
    assert msg.startswith("board.yaml:5: aliases expand this file to more than ")


def test_a_few_shared_values_still_load(board):
    # an anchor shared by two characters is ordinary YAML and stays allowed
    shared = board.replace("  look:\n", "  look: &look\n", 1)
    second = shared.split("  look:\n")
    assert len(second) > 1
    head, rest = second[0], "  look:\n".join(second[1:])
    block = rest.split("  voice:\n", 1)
    edited = head + "  look: *look\n  voice:\n" + block[1]
    sb = load_storyboard(edited)
    assert sb.cast[0].look == sb.cast[1].look


@pytest.mark.parametrize("text,expected", [
    ("? [a, b]\n: 1\n", "board.yaml:1: a key must be a field name, not a list or a mapping"),
    ("title: x\n1: y\n", "board.yaml:2: the key '1' must be a field name, not a number"),
    ("yes: y\n", "board.yaml:1: the key 'yes' must be a field name, not true or false"),
    ("title: !!python/object/apply:os.system [ls]\n",
     "board.yaml:1: the YAML tag !!python/object/apply:os.system has no place in a storyboard"),
    ("title: !!binary aGVsbG8=\n", "board.yaml:1: the YAML tag !!binary has no place in a storyboard"),
    ("title: !mine x\n", "board.yaml:1: the YAML tag !mine has no place in a storyboard"),
    ("title: x\nsource: &s\n  kind: prose\n  name: *s\n", "board.yaml:4: the alias *s is inside its own anchor"),
    ("title: 2024-01-01\n", "board.yaml:1: title: must be text, not a date: put it in quotes"),
    ("title: x\ntitle: y\n", "board.yaml:2: 'title' is given twice in the same mapping"),
])
def test_yaml_oddities_are_one_line(text, expected):
    assert _error(text) == expected


def test_deep_nesting_is_refused_before_it_recurses():
    block = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    assert _error(block) == "board.yaml:33: nested more than 32 levels deep: not a storyboard"
    start = time.perf_counter()
    assert _error("a: " + "[" * 100_000).startswith("board.yaml:1: malformed YAML: ")
    assert _error('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}").startswith("board.yaml:1: ")
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("old,new,expected", [
    ("pitch: ", "pitch: NaN #", "must be a finite number, not 'NaN'"),  # JSON's NaN is YAML text
    ("pitch: ", "pitch: .inf #", "must be a finite number, not inf"),
    ("pitch: ", "pitch: 1.0e+400 #", "must be a finite number, not inf"),
    ("seed: ", "seed: 1e400 #", "must be a whole number, not '1e400'"),
    ("seed: ", "seed: 9223372036854775808 #", "must be less than 9223372036854775808"),
])
def test_numbers_json_cannot_hold_are_refused(board, old, new, expected):
    bad = board.replace(old, new, 1)
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{_line_of(bad, new.split('#')[0].strip())}: ") and expected in msg, msg
