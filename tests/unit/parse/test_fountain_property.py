"""parse_fountain never fails: random mixes of every Fountain construct parse, quickly, with
line numbers that point into the text in reading order."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onecrew.model.script import Dialogue, Script
from onecrew.parse.fountain import parse_fountain

_CONSTRUCTS = [
    "", "", "", "  ", "\t", "Title: X", "Author:", "    indented value", "Some action.",
    "INT. HOUSE - DAY", "I./E. CAR - DAY #1A#", "INT./EXT CAR", "EXT/INT. BOAT - DUSK", "EST. CITY",
    "i/e van", ".FORCED HEADING", ".", "...", "MARA", "ZOË (V.O.)", "**MR. SELF DESTRUCT**", "_BOB_",
    "BOB…", "ANNA 🎤", "名前", "@McCLANE", "@", "STEEL ^", "^", "(beat)", "*(ah, wonderful)*", "(", ")",
    "()", "Hello there.", "~la la", "~", "CUT TO:", "CUT TO:   ", "MARA   ", "FADE OUT.", "> CUT TO:",
    "> THE END <", ">", "<", "><", "===", "==", "# Act", "### Deep", "#", "= synopsis", "=",
    "[[note]]", "[[open note", "close]]", "[[", "]]", "/*", "*/", "/* bone */", "a /* b", "c */ d",
    "!FORCED", "!", "**bold** *it* _u_ \\* \\_ \\\\", "***", "#1A#", "\ufeff", "\r", "\r\n", "\x00",
    "\x01", "\x02", "\x04", "\ue000", "\u2028", "\x0c",
]
_LINE = st.one_of(st.sampled_from(_CONSTRUCTS), st.text(max_size=10))
# Constructs glued together on one line as well as one per line: "MARA /* x", "[[a]] CUT TO:".
_PIECE = st.lists(_LINE, min_size=1, max_size=3).map(" ".join)
_DOCUMENT = st.lists(_PIECE, max_size=40).map("\n".join)


def _line_count(text: str) -> int:
    return text.count("\n") + text.count("\r") + 1  # an upper bound: "\r\n" counts twice


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_random_mixes_of_constructs_parse_with_sane_line_numbers(text):
    script = parse_fountain(text)
    assert isinstance(script, Script) and script.source_kind == "fountain"
    last = _line_count(text)
    scene_lines = [s.line for s in script.scenes]
    assert scene_lines == sorted(scene_lines) and all(1 <= n <= last for n in scene_lines)
    lines = [el.line for s in script.scenes for el in s.elements]
    assert lines == sorted(lines) and all(1 <= n <= last for n in lines)
    for scene in script.scenes:
        assert scene.elements or scene.heading  # only a heading opens a scene with nothing in it
        for el in scene.elements:
            if isinstance(el, Dialogue):
                assert el.character.strip() and el.parts


@pytest.mark.parametrize("text", [
    "\n".join(["/* open", "[[ open", "**MARA**", "(beat)", "/* x */", "BEN", "Hi *there", ""] * 5000),
    "[[ " * 60000 + "\n\n" + "]]",  # every opener once looked for its closer past the blank line
    "/* a */ [[ b\n\n" * 40000 + "]]",
])
def test_many_openers_and_asides_parse_in_linear_time(text):
    start = time.perf_counter()
    parse_fountain(text)
    assert time.perf_counter() - start < 3  # about 0.05 to 1 s; the quadratic scans took 6 to 11 s
