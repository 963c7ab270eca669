"""Every value of every look field draws, and two values of one field draw differently where
they should show (issue 10). Fields and values come from the model and the look vocabulary, so
a value added there is covered here without editing this file."""

from __future__ import annotations

import hashlib
import typing

import numpy as np
import pytest
import skia

from onecrew.model.cast import Build, Character, HairStyle, Height, Look, Outfit, Voice
from onecrew.model.colors import PALETTE
from onecrew.model.vocab import AgeGroup, Expression, Gender
from onecrew.render.previs.actions import Performance
from onecrew.render.previs.puppet import Puppet, face_state
from onecrew.render.previs.rig import HEAD, NECK, PELVIS, L_AN, REST, solve

try:
    from onecrew.vocabulary.looks import KINDS
except ImportError:  # an older vocabulary: the garments the model's comments name
    KINDS = {"top": ("shirt", "t-shirt", "sweater", "hoodie"), "bottom": ("trousers", "jeans", "skirt", "shorts")}

W, H = 240, 360
SCALE = 190.0  # pixels per metre: a figure about 320 px tall, a 320x180 medium shot's head size


def person(look: dict | None = None, outfit: dict | None = None) -> Character:
    o = dict(top="sweater", top_color="teal", bottom="trousers", bottom_color="charcoal")
    o.update(outfit or {})
    lk = dict(gender="female", age="adult", height="average", build="average", skin="skin-3", hair_color="brown",
              hair_style="short", eye_color="eye-brown")
    lk.update(look or {})
    return Character(id="x", name="X", look=Look(outfit=Outfit(**o), **lk),
                     voice=Voice(gender="female", age="adult", pitch=0.0, rate_wpm=150, variant=0), seed=1)


def draw(c: Character, yaw: float = 0.0) -> tuple[np.ndarray, dict[str, tuple[int, int]]]:
    """The puppet standing at rest, drawn alone; and where its head, neck, pelvis and feet are."""
    buf = np.zeros((H, W, 4), np.uint8)
    canvas = skia.Surface(buf).getCanvas()
    canvas.clear(skia.ColorWHITE)
    p = Puppet(c)
    s = solve(p.body, REST, yaw, 0.0)
    u0, v0 = W / 2, H - 10
    p.draw(canvas, s, Performance(REST, yaw), face_state(yaw, 0.0, expr=Expression.NEUTRAL, eyes=1.0, mouth=None),
           u0, v0, SCALE)
    at = {k: (int(u0 + SCALE * s.joints[j, 0]), int(v0 + SCALE * s.joints[j, 1]))
          for k, j in (("head", HEAD), ("neck", NECK), ("pelvis", PELVIS), ("feet", L_AN))}
    at["head_r"] = (int(SCALE * p.body.head_r), 0)
    return buf, at


def crop(buf, at, where: str) -> bytes:
    """The pixels where a field shows: the head's top for hats, the head for hair and faces,
    the torso for tops and coats, the legs for bottoms and shoes, everything for the body."""
    hx, hy = at["head"]
    r = at["head_r"][0]
    if where == "hat":
        box = (hy - 4 * r, hy - int(0.3 * r), hx - 3 * r, hx + 3 * r)
    elif where == "head":
        box = (hy - 3 * r, hy + 3 * r, hx - 3 * r, hx + 3 * r)
    elif where == "face":
        box = (hy - r // 4, hy + int(1.3 * r), hx - r, hx + r)
    elif where == "torso":
        box = (at["neck"][1] - r // 2, at["pelvis"][1] + 4 * r, 0, W)
    elif where == "legs":
        box = (at["pelvis"][1], H, 0, W)
    else:
        box = (0, H, 0, W)
    y0, y1, x0, x1 = (max(0, v) for v in box)
    return hashlib.sha256(buf[y0:y1, x0:x1].tobytes()).digest()


def values(annotation) -> tuple[str, ...]:
    """The values a Literal field (maybe Optional) allows, the empty one left out."""
    args = typing.get_args(annotation)
    if args and all(isinstance(a, str) for a in args):
        return tuple(a for a in args if a)
    return tuple(v for a in args for v in values(a))


def outfit_fields() -> set[str]:
    return set(Outfit.model_fields)


# field → (values, how a value is set, where it shows)
CASES: dict[str, tuple[tuple, object, str]] = {
    "gender": (tuple(Gender), lambda v: person({"gender": v}), "all"),
    "age": (tuple(AgeGroup), lambda v: person({"age": v}), "all"),
    "height": (tuple(Height), lambda v: person({"height": v}), "all"),
    "build": (tuple(Build), lambda v: person({"build": v}), "all"),
    "hair_style": (tuple(HairStyle), lambda v: person({"hair_style": v}), "head"),
    "facial_hair": (values(Look.model_fields["facial_hair"].annotation),
                    lambda v: person({"gender": "male", "facial_hair": v, "hair_color": "black"}), "face"),
    "skin": (tuple(k for k in PALETTE if k.startswith("skin")), lambda v: person({"skin": v}), "all"),
    "top_color": (tuple(PALETTE), lambda v: person(outfit={"top_color": v}), "torso"),
    "bottom_color": (tuple(PALETTE), lambda v: person(outfit={"bottom_color": v}), "legs"),
    "top": (tuple(KINDS.get("top", ())) + tuple(KINDS.get("suit", ())) + tuple(KINDS.get("dress", ())),
            lambda v: person(outfit={"top": v, "bottom": "" if v in KINDS.get("dress", ()) else "trousers"}), "all"),
    "bottom": (tuple(KINDS.get("bottom", ())), lambda v: person(outfit={"bottom": v}), "legs"),
}
if "facial_hair_color" in Look.model_fields:
    CASES["facial_hair_color"] = (("white", "black", "red"), lambda v: person(
        {"gender": "male", "facial_hair": "beard", "facial_hair_color": v}), "face")
if "outer" in outfit_fields():
    CASES["outer"] = (tuple(KINDS.get("outer", ())), lambda v: person(outfit={"outer": v, "outer_color": "navy"}), "all")
    CASES["outer_color"] = (("white", "black", "camel"), lambda v: person(outfit={"outer": "coat", "outer_color": v}), "torso")
if "headwear" in outfit_fields():
    CASES["headwear"] = (tuple(KINDS.get("headwear", ())), lambda v: person(outfit={"headwear": v, "headwear_color": "crimson"}), "head")
    CASES["headwear_hat"] = (tuple(k for k in KINDS.get("headwear", ()) if k not in ("hood", "headscarf", "veil", "ski mask")),
                             lambda v: person(outfit={"headwear": v, "headwear_color": "crimson"}), "hat")
if "shoes" in outfit_fields():
    CASES["shoes"] = (tuple(KINDS.get("shoes", ())), lambda v: person(outfit={"shoes": v, "shoes_color": "crimson"}), "legs")
if "dress_length" in outfit_fields():
    CASES["dress_length"] = (values(Outfit.model_fields["dress_length"].annotation),
                             lambda v: person(outfit={"top": "dress", "bottom": "", "dress_length": v}), "legs")
if "top_material" in outfit_fields():
    from onecrew.vocabulary.looks import MATERIALS, material
    # materials draw by family (a sheen, stitching, a weave, fur, lace): one of each must differ
    CASES["top_material"] = (("", "silk", "denim", "wool", "fur", "lace"),
                             lambda v: person(outfit={"top_material": v}), "torso")
ACCESSORIES = tuple(KINDS.get("accessory", ("glasses", "scarf", "tie")))
CASES["accessory"] = (ACCESSORIES, lambda v: person(outfit={"accessory": v, "top": "shirt"}), "all")


@pytest.mark.parametrize("field", sorted(CASES))
def test_every_value_draws_and_each_differs(field):
    vals, make, where = CASES[field]
    assert vals, field
    seen: dict[bytes, str] = {}
    for v in vals:
        for yaw in (0.0, 60.0, 90.0, 180.0):  # front, three-quarter, profile, back: none raises
            buf, at = draw(make(v), yaw)
            assert buf[..., :3].min() < 200, (field, v, yaw)  # something was drawn
            if yaw == 0.0:
                key = crop(buf, at, where)
                assert key not in seen, f"{field}: {v!r} draws the same as {seen.get(key)!r} in the {where}"
                seen[key] = v


def test_every_material_word_draws():
    if "top_material" not in outfit_fields():
        pytest.skip("no materials in this vocabulary")
    for m in sorted(MATERIALS):
        draw(person(outfit={"top_material": material(m), "outer": "jacket", "outer_material": material(m)}))


def test_unknown_words_draw_as_something():
    draw(person(outfit={"top": "toga", "bottom": "kilt", "accessory": "monocle"}))
