"""The README's commands are the ones a newcomer types first: each must parse as written, and
the figures it gives for options must be the ones the command accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from onecrew.cli.main import _parser
from onecrew.model.time import SUPPORTED_FPS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    """Every `onecrew ...` line of the README's shell blocks, comments cut."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].split(" > ")[0].split(" | ")[0].strip()  # the shell's, not ours
            if ";" in line:
                line = line.split(";")[-1].strip()
            m = re.match(r"(?:\.venv/bin/)?onecrew (.*)", line)
            if m:
                out.append(m.group(1))
    return out


def test_the_readme_has_commands():
    assert len(commands()) >= 15


@pytest.mark.parametrize("line", commands())
def test_every_readme_command_parses(line):
    _parser().parse_args(shlex.split(line))  # a usage error would exit 2


def test_the_first_command_after_make_demo_says_how_to_run_onecrew():
    first = README.index("make test")
    after = README[first:first + 800]
    assert ".venv/bin/onecrew" in after and "source .venv/bin/activate" in after


def test_the_frame_rates_listed_are_the_ones_accepted():
    m = re.search(r"`--fps` \(make and plan: ([\d, or]+);", README)
    listed = tuple(int(n) for n in re.findall(r"\d+", m.group(1)))
    assert listed == SUPPORTED_FPS
    assert _parser().parse_args(["plan", "x.txt", "-o", "o", "--fps", "15"]).fps == 15
