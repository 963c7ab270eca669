"""The director's linear replacements give exactly what the obvious quadratic code gave."""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import given, settings, strategies as st

from onecrew.direct import casting, lexicon
from onecrew.direct.breakdown import MAX_ACTION_CHARS, _action_pieces
from onecrew.direct.budget import FASTEST_WPM, FilmBudget
from onecrew.direct.director import direct
from onecrew.direct.names import NameIndex, fold
from onecrew.errors import OnecrewError
from onecrew.model.script import ScriptCharacter
from onecrew.parse.fountain import parse_fountain
from onecrew.parse.prose import parse_prose
from onecrew.words import mention

# Letters that fold in odd ways under re.I (Kelvin sign, long s, dotted and dotless i, micro,
# the iota subscript), apostrophes, and word and non-word characters.
_CHARS = st.sampled_from(list("abkisKS ' -.,\u212a\u017f\u0130\u0131\u00b5\u03bc\u0345_1é"))
_NAMES = st.lists(st.text(_CHARS, min_size=1, max_size=4), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(names=_NAMES, text=st.text(_CHARS, max_size=40))
def test_name_index_finds_what_mention_finds(names, text):
    expected = {i: at for i, n in enumerate(names) if (at := mention(text, n)) is not None}
    assert NameIndex(enumerate(names)).first_mentions(text) == expected


def test_fold_matches_re_ignorecase():
    for a, b in [("K", "\u212a"), ("s", "\u017f"), ("i", "\u0130"), ("I", "\u0131"), ("\u00b5", "\u039c")]:
        assert re.fullmatch(re.escape(a), b, re.I) and fold(a) == fold(b)
    assert fold("Zoë") == fold("ZOË") != fold("Zoe")


def _props_reference(text: str) -> list[str]:
    """props_in as it was: every match checked against every claim."""
    claimed, hits = [], []
    for name, rx in lexicon._PROP_RES:
        for m in rx.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in claimed):
                claimed.append(m.span())
                hits.append((m.start(), name))
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return out


_PROP_WORDS = st.sampled_from(["photo", "pose for photos", "camera", "glass of", "glasses", "keys", "key",
                               "cup", "book", "notebook", "ring", "map", "lamp", "screen", "a", "the", "x"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_PROP_WORDS, max_size=30))
def test_props_in_is_the_quadratic_reading(words):
    text = " ".join(words)
    assert lexicon.props_in(text) == _props_reference(text)


def _ids_reference(names: list[str]) -> list[str]:
    used, out = set(), []
    for name in names:
        cid, n = casting.slug(name), 2
        while cid in used:
            cid, n = f"{casting.slug(name)}-{n}", n + 1
        used.add(cid)
        out.append(cid)
    return out


@given(names=st.lists(st.sampled_from(["Mara", "MARA!", "Mara 2", "mara-2", "Ben", "Mara 3", "mara"]),
                      max_size=12))
def test_cast_ids_are_the_ones_tried_one_by_one(names):
    ids = casting._Ids()
    assert [ids.new(casting.slug(n)) for n in names] == _ids_reference(names)


def test_a_cast_of_thousands_of_one_gender_is_valid():
    people = tuple(ScriptCharacter(name=f"Woman {i}", gender="female") for i in range(1500))
    cast = casting.cast(people, seed=3)
    assert len({c.id for c in cast}) == 1500 and max(c.voice.variant for c in cast) == 999


def test_no_voice_speaks_faster_than_the_budget_assumes():
    assert max(hi for _, hi in casting._RATE.values()) <= FASTEST_WPM


@settings(max_examples=200, deadline=None)
@given(size=st.integers(0, 9000), cut=st.sampled_from([" ", ". ", "\n", "x"]))
def test_action_pieces_keep_every_word_and_stay_short(size, cut):
    text = ("word" + cut) * (size // 5)
    pieces = _action_pieces(text.strip())
    assert all(0 < len(p) <= MAX_ACTION_CHARS for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


_FRAGMENTS = st.sampled_from([
    "Mara", "BEN", "she", "he", "they", "walks to the door.", "laughs.", '"Hello," said Mara.', '"No!" Ben shouted.',
    "At the beach at sunset,", "In the kitchen, night.", "INT. OFFICE - DAY", "EXT. PARK - NIGHT", "\n\n", "\n",
    "(quietly)", "^", "CUT TO:", "Two women and a man", "pose for photos", "with a camera.", "~la la",
    "Everyone waves.", "MARA (V.O.)", "BEN ^", "picks up the phone.", "@McQueen", "Ada, Bo, Cy and Di sit.",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(_FRAGMENTS, max_size=60), fountain=st.booleans(), seed=st.integers(0, 2**62),
       fps=st.sampled_from([12, 24, 60]))
def test_the_budget_floor_is_never_more_than_the_film(parts, fountain, seed, fps):
    """The least the budget counts must never pass the real length, or a film that fits would
    be refused."""
    script = (parse_fountain if fountain else parse_prose)(" ".join(parts))
    floors = []
    done = FilmBudget.scene_done

    def scene_done(budget, frames):  # each scene's floor, from its beats, against its shots
        floors.append((budget.floor, frames))
        done(budget, frames)

    try:
        with patch.object(FilmBudget, "scene_done", scene_done):
            sb = direct(script, seed=seed, fps=fps)
    except OnecrewError:
        return
    assert FilmBudget(fps).floor_of(script.scenes) <= sb.duration
    assert all(floor <= frames for floor, frames in floors) and len(floors) == len(sb.scenes)
