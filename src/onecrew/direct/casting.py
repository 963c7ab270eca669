"""The cast bible: what the text says about a character fixes the look; the seed fills the rest.

Every choice is keyed by the character's name, so adding a character never changes another's
look, and the same name + description + seed always gives the same person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model.cast import Build, Character, HairStyle, Height, Look, Outfit, Voice
from ..model.script import ScriptCharacter
from ..model.seeds import derive, pick, uniform
from ..model.vocab import AgeGroup, Gender
from ..words import gender_of, name_gender
from .lexicon import first_match

# Matched as whole words (lexicon.first_match): "bold" is not old, "something" is not thin.
_AGE_WORDS = [
    (AgeGroup.CHILD, r"child|kid|boy|girl|toddler|(?:[4-9]|1[0-2])"),
    (AgeGroup.TEEN, r"teen|teenage|teenager|adolescent|1[3-9]"),
    (AgeGroup.MIDDLE_AGED, r"middle-aged|[45]0s|[45]\d"),
    (AgeGroup.ELDERLY, r"old|elderly|aged|grandmother|grandfather|grandma|grandpa|[6-9]0s|[6-9]\d"),
    (AgeGroup.YOUNG_ADULT, r"young|20s|2\d|student"),
    (AgeGroup.ADULT, r"30s|3\d"),
]
_HEIGHT = [(Height.TALL, r"tall|lanky|towering"),
           (Height.SHORT, r"short(?!\s+(?:[\w-]+\s+)?hair)|petite|small|tiny")]  # "short red hair" is hair
_BUILD = [
    (Build.SLIM, r"slim|thin|skinny|lanky|slender|wiry"),
    (Build.ATHLETIC, r"athletic|muscular|strong|fit|broad-shouldered"),
    (Build.HEAVY, r"heavy|stout|plump|stocky|burly|portly"),
]
_HAIR_COLOR = [
    ("red", r"red(?:-haired| hair|head)|ginger"), ("auburn", r"auburn"),
    ("platinum", r"platinum"), ("blonde", r"blonde?|fair-haired|golden hair"),
    ("grey", r"gr[ae]y(?:-haired| hair| beard)|silver(?:-haired| hair)"),
    ("white", r"white(?:-haired| hair)"), ("black", r"black(?:-haired| hair)|raven"),
    ("dark-brown", r"dark(?:-haired| hair)|brunette"), ("brown", r"brown(?:-haired| hair)"),
]
_HAIR_STYLE = [
    (HairStyle.BALD, r"bald"), (HairStyle.BUZZ, r"buzz(?:-cut|cut)?|crew cut|shaved head"),
    (HairStyle.PONYTAIL, r"ponytails?"), (HairStyle.BUN, r"\bbun\b"), (HairStyle.BRAIDS, r"braid(?:s|ed)?"),
    (HairStyle.CURLY, r"curl(?:y|s|ed)?|afro"), (HairStyle.BOB, r"\bbob\b"),
    (HairStyle.LONG, r"long hair|long (?:red|blonde?|brown|black|dark|grey|gray) hair"),
    (HairStyle.SHORT, r"short hair|short (?:red|blonde?|brown|black|dark|grey|gray) hair|cropped"),
]
_FACIAL = [("beard", r"beard(?:ed)?"), ("moustache", r"mo?ustache"), ("stubble", r"stubble|unshaven")]
_EYES = [("eye-blue", r"blue eyes|blue-eyed"), ("eye-green", r"green eyes|green-eyed"),
         ("hazel", r"hazel"), ("eye-brown", r"brown eyes|brown-eyed|dark eyes")]
_SKIN = [("skin-1", r"pale|freckled|fair-skinned"), ("skin-2", r"fair"), ("skin-4", r"tanned|olive skin"),
         ("skin-5", r"brown skin|brown-skinned"), ("skin-6", r"dark skin|dark-skinned|black skin")]

# Garment words → (slot, garment). A dress fills the whole outfit.
_GARMENTS = {
    "dress": ("dress", "dress"), "gown": ("dress", "dress"), "sundress": ("dress", "sundress"),
    "shirt": ("top", "shirt"), "t-shirt": ("top", "t-shirt"), "tee": ("top", "t-shirt"),
    "blouse": ("top", "blouse"), "sweater": ("top", "sweater"), "jumper": ("top", "sweater"),
    "hoodie": ("top", "hoodie"), "jacket": ("top", "jacket"), "coat": ("top", "coat"),
    "raincoat": ("top", "raincoat"), "suit": ("top", "suit"), "uniform": ("top", "uniform"),
    "cardigan": ("top", "cardigan"), "vest": ("top", "vest"), "overalls": ("top", "overalls"),
    "apron": ("top", "apron"), "blazer": ("top", "blazer"), "parka": ("top", "parka"),
    "jeans": ("bottom", "jeans"), "trousers": ("bottom", "trousers"), "pants": ("bottom", "trousers"),
    "skirt": ("bottom", "skirt"), "shorts": ("bottom", "shorts"), "leggings": ("bottom", "leggings"),
}
_COLOR_WORDS = {
    "black": "charcoal", "white": "cream", "grey": "charcoal", "gray": "charcoal", "red": "crimson",
    "blue": "blue", "navy": "navy", "green": "green", "yellow": "yellow", "orange": "orange",
    "pink": "pink", "purple": "purple", "brown": "tan", "beige": "beige", "teal": "teal",
    "olive": "olive", "coral": "coral", "lavender": "lavender", "denim": "denim", "cream": "cream",
    "crimson": "crimson", "tan": "tan", "sky-blue": "sky-blue", "light blue": "sky-blue",
}
_ACCESSORIES = [("sunglasses", r"sunglasses"), ("glasses", r"glasses|spectacles"),
                ("hat", r"\bhat\b|\bcap\b|beanie"), ("scarf", r"scarf"), ("camera", r"camera")]

_TOP_COLORS = ["blue", "coral", "teal", "yellow", "crimson", "green", "purple", "orange",
               "navy", "pink", "olive", "lavender", "sky-blue", "beige"]
_BOTTOM_COLORS = ["denim", "charcoal", "beige", "navy", "tan", "olive", "cream"]
_SKINS = ["skin-1", "skin-2", "skin-3", "skin-4", "skin-5", "skin-6"]
_HAIRS = ["black", "dark-brown", "brown", "auburn", "red", "blonde", "copper"]
_EYES_SEEDED = ["eye-brown", "eye-brown", "hazel", "eye-blue", "eye-green"]


def slug(name: str) -> str:
    """An id from a name: 'Zoë Park' → 'zoe-park'. Letters an id cannot spell ('Кухня') are kept
    apart by a short digest, so two such names never share an id."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if sum(c.isalnum() for c in ascii_name) < sum(c.isalnum() for c in name) or not s:
        digest = hashlib.sha256(name.encode()).hexdigest()[:6]
        s = f"{s}-{digest}" if s else f"x{digest}"
    return s


def display_name(name: str) -> str:
    """Screenplay cues shout ('MARA'); a cast list doesn't ('Mara')."""
    return name.title() if name.isupper() else name


def _garments(text: str) -> dict[str, tuple[str, str | None]]:
    """Slots named in the text: {'top': ('dress', 'blue'), 'bottom': ('jeans', None)}."""
    found: dict[str, tuple[str, str | None]] = {}
    colors = "|".join(sorted(map(re.escape, _COLOR_WORDS), key=len, reverse=True))
    garments = "|".join(sorted(map(re.escape, _GARMENTS), key=len, reverse=True))
    for m in re.finditer(rf"(?:\b({colors})\s+)?\b({garments})\b", text):
        slot, garment = _GARMENTS[m.group(2)]
        color = _COLOR_WORDS[m.group(1)] if m.group(1) else None
        found.setdefault(slot, (garment, color))
    return found


def resolve_look(name: str, description: str, gender_hint: str | None, seed: int,
                 taken_colors: frozenset[str] = frozenset()) -> Look:
    text = f" {description.lower()} "
    key = slug(name)
    said = gender_hint or gender_of(text) or gender_of(name, pronouns=False)
    said = said or name_gender(name)
    gender = Gender(said) if said else pick([Gender.FEMALE, Gender.MALE], seed, key, "gender")
    age = first_match(_AGE_WORDS, text) or pick(
        [AgeGroup.YOUNG_ADULT, AgeGroup.ADULT, AgeGroup.ADULT, AgeGroup.MIDDLE_AGED], seed, key, "age")
    hair_color = first_match(_HAIR_COLOR, text) or (
        pick(["grey", "white", "grey"], seed, key, "hair") if age == AgeGroup.ELDERLY
        else pick(_HAIRS, seed, key, "hair"))
    styles = ([HairStyle.LONG, HairStyle.BOB, HairStyle.PONYTAIL, HairStyle.BUN, HairStyle.CURLY,
               HairStyle.BRAIDS] if gender == Gender.FEMALE
              else [HairStyle.SHORT, HairStyle.BUZZ, HairStyle.CURLY, HairStyle.SHORT])
    facial = first_match(_FACIAL, text) or (
        pick(["none", "none", "stubble", "beard"], seed, key, "facial")
        if gender == Gender.MALE and age not in (AgeGroup.CHILD, AgeGroup.TEEN) else "none")
    return Look(
        gender=gender,
        age=age,
        height=first_match(_HEIGHT, text) or pick([Height.AVERAGE, Height.AVERAGE, Height.TALL, Height.SHORT], seed, key, "height"),
        build=first_match(_BUILD, text) or pick([Build.SLIM, Build.AVERAGE, Build.AVERAGE, Build.ATHLETIC], seed, key, "build"),
        skin=first_match(_SKIN, text) or pick(_SKINS, seed, key, "skin"),
        hair_color=hair_color,
        hair_style=first_match(_HAIR_STYLE, text) or pick(styles, seed, key, "hair-style"),
        eye_color=first_match(_EYES, text) or pick(_EYES_SEEDED, seed, key, "eyes"),
        facial_hair=facial,
        outfit=_outfit(text, gender, seed, key, taken_colors),
    )


def _outfit(text: str, gender: Gender, seed: int, key: str, taken: frozenset[str]) -> Outfit:
    named = _garments(text)
    # Distinct top colours keep characters apart at a glance; fall back to any when all are used.
    free = [c for c in _TOP_COLORS if c not in taken] or _TOP_COLORS
    top_color = pick(free, seed, key, "top-color")
    if "dress" in named:
        garment, color = named["dress"]
        return Outfit(top=garment, top_color=color or top_color, bottom="", bottom_color=color or top_color,
                      shoes_color=pick(["tan", "charcoal", "cream"], seed, key, "shoes"),
                      accessory=first_match(_ACCESSORIES, text, ""))
    tops = ["t-shirt", "shirt", "sweater", "jacket", "blouse"] if gender == Gender.FEMALE else \
        ["t-shirt", "shirt", "sweater", "jacket", "hoodie"]
    if gender == Gender.FEMALE and "top" not in named and "bottom" not in named and \
            derive(seed, key, "dress?") % 3 == 0:
        return Outfit(top="dress", top_color=top_color, bottom="", bottom_color=top_color,
                      shoes_color=pick(["tan", "charcoal", "cream"], seed, key, "shoes"),
                      accessory=first_match(_ACCESSORIES, text, ""))
    top, tcol = named.get("top", (pick(tops, seed, key, "top"), None))
    bottoms = ["jeans", "trousers", "skirt", "shorts"] if gender == Gender.FEMALE else ["jeans", "trousers", "shorts"]
    bottom, bcol = named.get("bottom", (pick(bottoms, seed, key, "bottom"), None))
    return Outfit(top=top, top_color=tcol or top_color, bottom=bottom,
                  bottom_color=bcol or pick(_BOTTOM_COLORS, seed, key, "bottom-color"),
                  shoes_color=pick(["charcoal", "tan", "cream", "navy"], seed, key, "shoes"),
                  accessory=first_match(_ACCESSORIES, text, ""))


_PITCH = {AgeGroup.CHILD: (4, 7), AgeGroup.TEEN: (2, 4), AgeGroup.YOUNG_ADULT: (0, 2),
          AgeGroup.ADULT: (-1, 1), AgeGroup.MIDDLE_AGED: (-2, 0), AgeGroup.ELDERLY: (-3, -1)}
_RATE = {AgeGroup.CHILD: (165, 190), AgeGroup.TEEN: (165, 190), AgeGroup.YOUNG_ADULT: (160, 185),
         AgeGroup.ADULT: (150, 175), AgeGroup.MIDDLE_AGED: (145, 170), AgeGroup.ELDERLY: (130, 155)}


_TIMBRES = ["warm", "bright", "husky", "clear", "soft", "gravelly", "breathy", "crisp", "smoky",
            "reedy", "velvety", "nasal"]


def timbre(key: str, seed: int, taken: frozenset[str] = frozenset()) -> str:
    """A timbre word no one else in the cast has yet, while there are any left."""
    return pick([t for t in _TIMBRES if t not in taken] or _TIMBRES, seed, key, "timbre")


def resolve_voice(look: Look, key: str, seed: int, variant: int, timbre: str) -> Voice:
    """Gender and age come from the look; pitch and pace from the seed."""
    lo, hi = _PITCH[look.age]
    pitch = round(uniform(lo, hi, seed, key, "pitch"), 1)
    rate = int(uniform(*_RATE[look.age], seed, key, "rate"))
    register = "high" if pitch > 1 else "low" if pitch < -1 else "mid-pitched"
    pace = "quick" if rate >= 175 else "unhurried" if rate < 155 else "even-paced"
    return Voice(gender=look.gender, age=look.age, pitch=pitch, rate_wpm=rate, variant=variant,
                 description=f"{timbre}, {register}, {pace} {look.age.value.replace('-', ' ')} "
                             f"{look.gender.value} voice")


_VARIANTS = 1000  # Voice.variant is 0..999: the engine picks among its voices by remainder


def cast(characters: tuple[ScriptCharacter, ...], seed: int) -> tuple[Character, ...]:
    """Resolve the whole cast; later characters avoid earlier ones' colours and voices.
    What earlier characters took is counted as they are cast, not recounted for each one:
    a cast of thousands stays linear."""
    out: list[Character] = []
    ids = _Ids()
    colors: set[str] = set()
    timbres: set[str] = set()
    per_gender: dict = {}
    for sc in characters:
        cid = ids.new(slug(sc.name))
        look = resolve_look(sc.name, sc.description, sc.gender, seed, frozenset(colors))
        colors.add(look.outfit.top_color)
        same_gender = per_gender.get(look.gender, 0)
        per_gender[look.gender] = same_gender + 1
        spoken = timbre(cid, seed, frozenset(timbres))
        timbres.add(spoken)
        voice = resolve_voice(look, cid, seed, variant=same_gender % _VARIANTS, timbre=spoken)
        out.append(Character(id=cid, name=display_name(sc.name), description=sc.description,
                             look=look, voice=voice, seed=derive(seed, "character", cid)))
    return tuple(out)


class _Ids:
    """Cast ids, unique: two different names that slug the same become 'mara', 'mara-2' ...
    Each slug remembers its next number, so a thousand such names are not a million tries;
    a number once taken stays taken, so starting there finds the same id."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def new(self, base: str) -> str:
        cid, n = base, self.next.get(base, 2)
        if base in self.used:
            cid = f"{base}-{n}"
            while cid in self.used:
                n += 1
                cid = f"{base}-{n}"
            n += 1
        self.next[base] = n
        self.used.add(cid)
        return cid
