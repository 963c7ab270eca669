"""Every prop of the vocabulary draws, each as itself, and an unknown one as its own label."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import skia

from onecrew.render.previs import props as pr
from onecrew.vocabulary import props as vocab

SIDE = 96


def picture(name: str) -> np.ndarray:
    buf = np.zeros((SIDE, SIDE, 4), np.uint8)
    c = skia.Surface(buf).getCanvas()
    c.clear(skia.ColorWHITE)
    c.translate(SIDE / 2, SIDE / 2)
    c.scale(SIDE * 0.9, SIDE * 0.9)
    pr.draw(c, pr.kind_of(name))
    return buf[..., :3].copy()




def test_every_vocabulary_prop_has_a_drawing_of_its_own():
    for name in vocab.names():
        assert pr.kind_of(name) in pr._DRAW, name
        assert pr.kind_of(name) != "generic", name


def test_every_prop_draws_something():
    blank = np.full((SIDE, SIDE, 3), 255, np.uint8)
    for name in vocab.names():
        assert (picture(name) != blank).any(axis=2).mean() > 0.01, name


def test_distinct_props_give_distinct_pixels():
    pics = {n: picture(n) for n in vocab.names()}
    for a, b in itertools.combinations(pics, 2):
        differ = (pics[a] != pics[b]).any(axis=2).mean()
        assert differ > 0.02, f"{a} and {b} look alike"


def test_an_unknown_prop_is_a_box_with_its_name():
    assert pr.kind_of("kite") == "kite"
    kite, lute, box = picture("kite"), picture("lute"), picture("generic")
    assert (kite != box).any(), "the label is drawn"
    assert (kite != lute).any(), "each label is its own"
    # never a known prop's drawing
    for name in vocab.names():
        assert (kite != picture(name)).any(axis=2).mean() > 0.02, name


@pytest.mark.parametrize("written, prop", [("chipped mug", "cup"), ("divorce papers", "contract"),
                                           ("flashlight", "torch"), ("old suitcase", "suitcase"),
                                           ("Keys", "keys"), (None, "generic")])
def test_names_as_written_find_their_drawing(written, prop):
    assert pr.kind_of(written) == prop
