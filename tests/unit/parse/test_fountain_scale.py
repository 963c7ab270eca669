"""Huge screenplays of the shapes that once cost minutes parse in about linear time, and the
fast paths behind that give what the old per-name regex searches gave."""

import re
import string
import sys
import time

import _sre
import pytest
from re._casefix import _EXTRA_CASES

from onecrew.parse import fountain
from onecrew.parse.fountain import _Finder, _cue, _description, parse_fountain

SIZE = 300_000
# Generous: each takes 0.3 to 1.5 s at this size on a loaded 2-core machine; the quadratic steps
# took 22 s at 200 KB (names in action), 42 s at 200 KB (speakers, then "Everyone laughs."),
# and over a minute at 100 KB for the one-sentence shapes.
LIMIT_S = 10


def _name(i: int) -> str:
    s, i = "", i + 26 * 26
    while i:
        i, r = divmod(i, 26)
        s = string.ascii_uppercase[r] + s
    return s


def _fill(unit, size: int) -> str:
    out, n, i = [], 0, 0
    while n < size:
        out.append(unit(i))
        n, i = n + len(out[-1]), i + 1
    return "".join(out)


HEAD = "INT. HOUSE - DAY\n\n"
SHAPES = {
    "speakers named in action": lambda n: HEAD + _fill(
        lambda i: f"{_name(i)} (30), a tall woman, enters.\n\n{_name(i)}\nHello there.\n\n", n),
    "speakers, then everyone laughs": lambda n: HEAD + _fill(lambda i: f"{_name(i)}\nHi.\n\n", n) + "Everyone laughs.\n",
    "speakers, then many actions": lambda n: HEAD + _fill(lambda i: f"{_name(i)}\nHi.\n\n", n // 2)
    + _fill(lambda i: "Everyone laughs.\n\n", n // 2),
    "one sentence of names and commas": lambda n: HEAD + _fill(lambda i: f"{_name(i)}, ", n) + "\n",
    "one sentence of names and ages": lambda n: HEAD + _fill(lambda i: f"{_name(i)} (3) ", n) + "\n",
    "names of symbols only": lambda n: HEAD + _fill(lambda i: f"@{'🙂' * (i % 300 + 1)}\nHi.\n\n", n // 2)
    + _fill(lambda i: "🙂🙂🙂 ", n // 2) + "\n",
    "a cue of many extensions": lambda n: HEAD + "BOB" + _fill(lambda i: "(x)", n) + "\nHi.\n",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_huge_screenplays_parse_in_about_linear_time(shape, monkeypatch):
    text = SHAPES[shape](SIZE)
    start = time.perf_counter()
    script = parse_fountain(text)
    assert time.perf_counter() - start < LIMIT_S
    assert script.scenes


def _regex_mentions(text: str, name: str, fold: bool) -> list[int]:
    """What the parser did before, one regex per name."""
    rx = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I if fold else 0)
    return [m.start() for m in rx.finditer(text)]


@pytest.mark.parametrize("fold", [False, True])
@pytest.mark.parametrize("name,text", [
    ("A B A", "A B A B A, and A B A."),  # mentions that would overlap: finditer takes the first
    ("MARA", "Mara and MARA and MARAS and _MARA and MARA's hat."),
    ("ſAM", "SAM sam ſam ſAM"),  # the long s is an s to re.IGNORECASE
    ("KAI", "\u212aAI kai KAI"),  # so is the Kelvin sign a K
    ("DR. JONES", "DR. JONES. DR.JONES dr. jones, DR. JONESY"),
    ("-X-", "a -X- b --X-- c -X-d"),
    ("X-", "X- X-- X-y"),
    ("'K", "'K ''K x'K 'k"),
    ("🙂 BOB", "🙂 BOB, 🙂🙂 BOB and x🙂 BOB"),
    ("ιΙ", "ιι ΙΙ \u0345\u0345 ιΙx"),  # ypogegrammeni: a non-word character that matches ι
    ("🙂🙂", "🙂🙂🙂🙂🙂 🙂🙂"),
    ("STRASSE", "straße STRASSE strasse"),
])
def test_the_finder_finds_what_a_regex_per_name_found(name, text, fold):
    finder = _Finder({name: {name}}, fold=fold)
    got = [start for _, start, _ in finder.mentions(text, None, every=True)]
    assert got == _regex_mentions(text, name, fold)


def test_mixed_folds_are_every_character_whose_equals_mix_word_and_non_word():
    # The finder trusts that case-insensitive equals are all word characters or all not,
    # except for the characters it lists; this checks that against the regex engine's tables.
    word = re.compile(r"\w")
    kinds: dict[int, set[bool]] = {}
    members: dict[int, set[str]] = {}
    for cp in range(sys.maxunicode + 1):
        if _sre.unicode_iscased(cp):
            lo = _sre.unicode_tolower(cp)
            key = min((lo,) + _EXTRA_CASES.get(lo, ()))
            kinds.setdefault(key, set()).add(bool(word.match(chr(cp))))
            members.setdefault(key, set()).add(chr(cp))
    mixed = {c for key, k in kinds.items() if len(k) > 1 for c in members[key]}
    assert mixed <= fountain._MIXED_FOLDS


def _old_description(text: str, at: int, stop: int) -> str:
    """The description as the parser computed it before, from the whole rest of the sentence."""
    tail = " ".join(text[at:stop].split())
    found = []
    if m := re.match(r"\s*\(([^()]*)\)", tail):
        found.append(m[1].strip())
        tail = tail[m.end():]
    if tail.lstrip().startswith(","):
        pieces = [p.strip() for p in tail.lstrip()[1:].split(",")]
        cut = next((k for k, p in enumerate(pieces) if fountain._verbish(p)), len(pieces))
        found += [p for p in pieces[:cut] if p]
    return ", ".join(found).strip(" ,;:-")[:200]


@pytest.mark.parametrize("tail", [
    " (" + "thirty " * 300 + "), a tall woman, steps in",  # a parenthetical longer than the window
    " (" + "x " * 600,  # one never closed
    ", " + "-, " * 400 + "a woman, " * 40 + "walks",  # pieces trimming removes, then many kept
    ", " + ", " * 700 + "a woman",  # empty pieces
    ", " + "tall, " * 30,  # the description cut at 200 characters
    ", " + "x" * 900 + " walks",  # one piece longer than the window
    ", " + " " * 2000 + "a woman, " + "tall " * 100,  # whitespace the window counts but joining drops
    " (30s)" + " " * 1500 + ", a woman",
    ", a woman, walks",
    " (30s), a tall woman with red hair, steps in",
    "",
    " (",
    ",",
])
def test_a_description_read_from_a_window_is_the_one_read_from_the_whole_sentence(tail):
    text = "MARA" + tail + ". She waves."
    stop = text.index(". She")
    assert _description(text, 4, stop) == _old_description(text, 4, stop)


@pytest.mark.parametrize("line,expected", [
    ("BOB (V.O.) (CONT'D)", ("BOB", "V.O., CONT'D", False)),
    ("BOB  (V.O.)   ( O.S. ) ^", ("BOB", "V.O., O.S.", True)),
    ("BOB()", ("BOB", None, False)),
    ("BOB (x", None),
    ("(x)", None),
])
def test_cue_extensions_read_from_the_end(line, expected):
    assert _cue(line) == expected
