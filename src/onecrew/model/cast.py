"""The cast bible: every character is defined once and referred to by id everywhere."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Label, Model, Name, Prose, Seed
from .colors import Color
from .vocab import AgeGroup, Gender, Vocab


class Height(Vocab):
    SHORT = "short"
    AVERAGE = "average"
    TALL = "tall"


class Build(Vocab):
    SLIM = "slim"
    AVERAGE = "average"
    ATHLETIC = "athletic"
    HEAVY = "heavy"


class HairStyle(Vocab):
    BALD = "bald"
    BUZZ = "buzz"
    SHORT = "short"
    CURLY = "curly"
    BOB = "bob"
    PONYTAIL = "ponytail"
    BUN = "bun"
    LONG = "long"
    BRAIDS = "braids"
    # added with issue 10 (a storyboard of the previous version uses none of them)
    DREADLOCKS = "dreadlocks"
    AFRO = "afro"
    MULLET = "mullet"
    PIXIE = "pixie"


FacialHair = Literal["none", "stubble", "moustache", "beard", "goatee"]
DressLength = Literal["", "short", "knee", "long"]


class Outfit(Model):
    """What a character wears. Garment words are onecrew.vocabulary.looks.GARMENTS' kinds (the
    previs draws each); every field after `accessory` is optional, so older files still load."""

    top: Label  # "shirt", "t-shirt", "blouse", "sweater", "jacket", "dress", "coat", "hoodie", "suit", ...
    top_color: Color
    bottom: Label  # "trousers", "jeans", "skirt", "shorts" — "" with a dress, a jumpsuit, overalls
    bottom_color: Color
    shoes_color: Color = "charcoal"
    accessory: Label = ""  # "glasses", "hat", "scarf", "camera strap", ...
    # issue 10: the rest of what the text states
    top_material: Label = ""  # "silk", "denim", "wool", "leather", ... (looks.MATERIALS)
    bottom_material: Label = ""
    outer: Label = ""  # a layer over the top: "overcoat" over a "cardigan", "lab coat" over "scrubs"
    outer_color: Color | None = None
    outer_material: Label = ""
    headwear: Label = ""  # "cap", "beanie", "straw hat", "hard hat", "veil", ... (looks.HEADWEAR)
    headwear_color: Color | None = None
    accessory_color: Color | None = None  # the scarf's colour, the backpack's
    shoes: Label = ""  # "boots", "sneakers", "heels", "rubber boots", ... ("" = plain shoes)
    dress_length: DressLength = ""  # with a dress or a skirt: "short", "knee", "long"


class Look(Model):
    """What a character looks like, resolved to concrete values a renderer can draw."""

    gender: Gender
    age: AgeGroup
    height: Height
    build: Build
    skin: Color
    hair_color: Color
    hair_style: HairStyle
    eye_color: Color
    facial_hair: FacialHair = "none"
    outfit: Outfit
    facial_hair_color: Color | None = None  # None: the hair's colour ("a white goatee" on dark hair)


class Voice(Model):
    """An engine-neutral voice: the TTS stage maps it onto a concrete voice."""

    gender: Gender
    age: AgeGroup
    pitch: float = Field(ge=-12, le=12, allow_inf_nan=False)  # semitones from the engine's default for the gender
    rate_wpm: int = Field(strict=True, ge=80, le=260)  # speaking rate, words per minute
    variant: int = Field(strict=True, ge=0, le=999)  # picks among the engine's voices of that gender
    description: Label = ""  # "warm, low, unhurried"


class Character(Model):
    id: Id
    name: Name
    description: Prose = ""
    look: Look
    voice: Voice
    seed: Seed
    reference_images: tuple[Label, ...] = ()
    # How the character came to be: "synthetic" unless a real person's likeness is claimed.
    origin: Literal["synthetic", "real-person"] = "synthetic"
