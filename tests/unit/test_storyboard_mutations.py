"""Real storyboards, damaged field by field as a person editing the file by hand might damage
them: load_storyboard either returns a storyboard that saves and loads again unchanged, or
raises OnecrewError, one line naming the file's line — never any other exception."""

from __future__ import annotations

import copy
import math
import re
import signal
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, note, settings, strategies as st

from onecrew.errors import OnecrewError
from onecrew.model.storyboard import Storyboard
from onecrew.parse.source import read_source
from onecrew.parse.storyboard_file import dump_storyboard, load_storyboard
from onecrew.pipeline import storyboard_from

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAME = "board.yaml"
NAMES_A_LINE = re.compile(rf"^{re.escape(NAME)}:\d+: \S")


LOAD_S = 5.0  # a storyboard file loads in milliseconds; one that takes this long is a hang


class Hung(AssertionError):
    pass


@contextmanager
def _bounded(what: str):
    """load_storyboard must end by itself: a hang (an alias cycle walked forever, say) fails the
    example instead of holding the suite."""
    def stop(*_):
        raise Hung(f"load_storyboard still running after {LOAD_S:.0f} s on {what}")
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, LOAD_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _load(text: str):
    with _bounded("this file"):
        return load_storyboard(text, NAME)


SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow traced "explain"
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=None)
def _planned(example: str) -> str:
    """The example planned once, in-process, as the YAML the user would edit."""
    return dump_storyboard(storyboard_from(read_source(str(EXAMPLES / example))))


def _board(example: str) -> Any:
    return yaml.safe_load(_planned(example))


def _paths(node: Any, at: tuple = ()) -> list[tuple]:
    """Every place in the data a value sits (not the root)."""
    out = [at] if at else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, at + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, at + (i,))
    return out


def _get(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


def _shot_ids(d: dict) -> list[tuple]:
    return [("scenes", i, "shots", j, "id") for i, sc in enumerate(d.get("scenes") or []) if isinstance(sc, dict)
            for j, sh in enumerate(sc.get("shots") or []) if isinstance(sh, dict) and "id" in sh]


CONTROL = st.text(alphabet=st.sampled_from("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\n\r\t\u2028\u202e\ufeff a1-"),
                  min_size=1, max_size=12)
NUMBERS = st.sampled_from([10**30, 2**63, 2**64, 2**31, -1, -(2**63) - 1, 0, math.nan, math.inf, -math.inf, 1e100,
                           -1e-300, 1.5, 0.0, -0.0, 1e-9])
OTHER = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                  st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                  st.just([[[]]]), st.just({"a": {"b": {}}}))
OPS = ("other-type", "number", "control", "delete", "duplicate-shot-id", "copy-element")


def _mutate(d: dict, data: st.DataObject) -> str:
    """One edit, drawn; says what it did."""
    op = data.draw(st.sampled_from(OPS), label="op")
    if op == "duplicate-shot-id":
        ids = _shot_ids(d)
        if len(ids) >= 2:
            a, b = data.draw(st.permutations(ids), label="shots")[:2]
            _get(d, a[:-1])["id"] = _get(d, b)
            return f"shot {a} takes the id of {b}"
        op = "delete"
    path = data.draw(st.sampled_from(_paths(d)), label="path")
    parent, key = _get(d, path[:-1]), path[-1]
    if op == "delete":
        del parent[key]
        return f"delete {path}"
    if op == "copy-element":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
            return f"copy {path}"
        op = "other-type"
    value = data.draw({"other-type": OTHER, "number": NUMBERS, "control": CONTROL}[op], label="value")
    parent[key] = value
    return f"{path} = {value!r}"


@SETTINGS
@given(example=st.sampled_from(["beach.txt", "night_shift.fountain"]), edits=st.integers(1, 3), data=st.data())
def test_a_damaged_storyboard_loads_or_is_one_clean_error(example, edits, data):
    d = _board(example)
    for _ in range(edits):
        note(_mutate(d, data))
    text = yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=100)
    try:
        sb = _load(text)
    except OnecrewError as e:  # any other exception fails the test as it is
        line = str(e)
        assert "\n" not in line and "\r" not in line, f"not one line: {line!r}"
        assert NAMES_A_LINE.match(line), f"does not name the file's line: {line!r}"
        return
    assert isinstance(sb, Storyboard)
    saved = dump_storyboard(sb)  # what was accepted can be saved, and loads back the same
    assert dump_storyboard(_load(saved)) == saved


# What a hand edit can put after `key: ` on a line of the file: other YAML types and tags, a
# complex key, anchors and aliases, quoting slips, control characters, extreme numbers.
SNIPPETS = st.sampled_from([
    "[a, b]", "{a: 1}", "? [a, b]", "!!python/name:os.system", "!!binary aGk=", "!!set {a}", "!shout x", "&a x",
    "*nowhere", "&a [*a]", '"unclosed', "'", "a: b", "- x", "|", ">-", "~", "null", "yes", "0x1F", "0o17", "1_000",
    ".nan", ".inf", "-.inf", "1e100", "-1", "0", str(2**64), str(-(2**63) - 1), "1.5", '"\\x00"', '"\\e[31m"',
    '"a\\nb"', "2001-12-14", "12:30:00", "=", "<<: {a: 1}", "{? [a]: 1}", "[" * 200 + "]" * 200,
])


@SETTINGS
@given(example=st.sampled_from(["beach.txt", "night_shift.fountain"]), data=st.data())
def test_a_hand_edited_line_loads_or_is_one_clean_error(example, data):
    lines = _planned(example).splitlines(keepends=True)
    keyed = [i for i, ln in enumerate(lines) if re.match(r"^\s*(- )?[a-z_]+:( |$)", ln)]
    for _ in range(data.draw(st.integers(1, 2), label="edits")):
        i = data.draw(st.sampled_from(keyed), label="line")
        keyed.remove(i)  # a line is edited once
        key = re.match(r"^(\s*(?:- )?[a-z_]+:)", lines[i]).group(1)
        if data.draw(st.booleans(), label="complex key") and not key.lstrip().startswith("- "):
            indent = key[: len(key) - len(key.lstrip())]  # the key itself a sequence: `? [a, b]`
            lines[i] = f"{indent}? [{key.strip()[:-1]}, b]\n{indent}: 1\n"
        else:
            lines[i] = f"{key} {data.draw(SNIPPETS, label='value')}\n"
        note(f"line {i + 1}: {lines[i]!r}")
    try:
        sb = _load("".join(lines))
    except OnecrewError as e:  # any other exception fails the test as it is
        line = str(e)
        assert "\n" not in line and "\r" not in line, f"not one line: {line!r}"
        assert NAMES_A_LINE.match(line), f"does not name the file's line: {line!r}"
        return
    saved = dump_storyboard(sb)
    assert dump_storyboard(_load(saved)) == saved


def test_the_examples_load_unchanged():
    """The control: the undamaged storyboards load, and save byte for byte as they were."""
    for example in ("beach.txt", "night_shift.fountain"):
        assert dump_storyboard(load_storyboard(_planned(example), NAME)) == _planned(example)
