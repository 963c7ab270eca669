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
from .lexicon import first_match
from ..vocabulary.looks import CONTEXT_WORDS, FREE_CHOICE_RULES, GARMENTS, ROLE_OUTFITS, Stated, Worn, forbidden, read

_EYES = [("eye-blue", r"blue eyes|blue-eyed"), ("eye-green", r"green eyes|green-eyed"),
         ("hazel", r"hazel"), ("eye-brown", r"brown eyes|brown-eyed|dark eyes")]
_SKIN = [("skin-1", r"pale|freckled|freckles|fair-skinned"), ("skin-2", r"fair(?!-haired)"),
         ("skin-4", r"tanned|olive skin|olive-skinned"),
         ("skin-5", r"brown skin|brown-skinned"), ("skin-6", r"dark skin|dark-skinned|black skin")]

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


def resolve_look(name: str, description: str, gender_hint: str | None, seed: int,
                 taken_colors: frozenset[str] = frozenset(), context: frozenset[str] = frozenset()) -> Look:
    """What the text states (read by looks_text.read), and the seed's choice among what fits for
    the rest. `context` holds the story's context words (looks.CONTEXT_WORDS values)."""
    key = slug(name)
    said = read(description, name, gender_hint)
    gender = Gender(said.gender) if said.gender else pick([Gender.FEMALE, Gender.MALE], seed, key, "gender")
    age = AgeGroup(said.age) if said.age else pick(
        [AgeGroup.YOUNG_ADULT, AgeGroup.ADULT, AgeGroup.ADULT, AgeGroup.MIDDLE_AGED], seed, key, "age")
    hair_color = said.hair_color or (
        pick(["grey", "white", "grey"], seed, key, "hair") if age == AgeGroup.ELDERLY
        else pick(_HAIRS, seed, key, "hair"))
    styles = ([HairStyle.LONG, HairStyle.BOB, HairStyle.PONYTAIL, HairStyle.BUN, HairStyle.CURLY,
               HairStyle.BRAIDS] if gender == Gender.FEMALE
              else [HairStyle.SHORT, HairStyle.BUZZ, HairStyle.CURLY, HairStyle.SHORT])
    facial = said.facial_hair or (
        pick(["none", "none", "stubble", "beard"], seed, key, "facial")
        if gender == Gender.MALE and age not in (AgeGroup.CHILD, AgeGroup.TEEN) else "none")
    text = f" {description.lower()} "
    if said.hair_style == "bald":
        hair_color = said.hair_color or (said.facial_hair_color or hair_color)
    return Look(
        gender=gender,
        age=age,
        height=Height(said.height) if said.height else pick(
            [Height.AVERAGE, Height.AVERAGE, Height.TALL, Height.SHORT], seed, key, "height"),
        build=Build(said.build) if said.build else pick(
            [Build.SLIM, Build.AVERAGE, Build.AVERAGE, Build.ATHLETIC], seed, key, "build"),
        skin=first_match(_SKIN, text) or pick(_SKINS, seed, key, "skin"),
        hair_color=hair_color,
        hair_style=HairStyle(said.hair_style) if said.hair_style else pick(styles, seed, key, "hair-style"),
        eye_color=first_match(_EYES, text) or pick(_EYES_SEEDED, seed, key, "eyes"),
        facial_hair=facial,
        facial_hair_color=said.facial_hair_color,
        outfit=outfit(said, gender, age, seed, key, taken_colors, context | ({age.value} & {"elderly", "child"})),
    )


_SHOES = ["tan", "charcoal", "cream", "navy"]


def outfit(said: Stated, gender: Gender, age: AgeGroup, seed: int, key: str, taken: frozenset[str],
           context: frozenset[str]) -> Outfit:
    """The stated garments, then what the role implies (a nurse's scrubs), then the seed's choice
    among what the context allows (looks.FREE_CHOICE_RULES) for every slot still open."""
    worn = dict(said.worn)
    for role in said.roles:  # "the bride", "a NURSE": only for slots the text leaves open
        for kind, color in ROLE_OUTFITS[role]:
            slot = _slot_of(kind)
            body = {"dress", "suit"} & {slot} and ({"dress", "suit", "top", "bottom"} & set(worn))
            if slot not in worn and not body and not (slot in ("top", "bottom") and {"dress", "suit"} & set(worn)):
                worn[slot] = Worn(kind, color)
    never = forbidden(context)
    rules = [r for r in FREE_CHOICE_RULES if r["when"] in context]
    formal = next((r for r in rules if "only" in r), None)
    # Distinct top colours keep characters apart at a glance; fall back to any when all are used.
    palette = list(formal["colors"]) if formal and "colors" in formal else _TOP_COLORS
    free = [c for c in palette if c not in taken] or palette
    top_color = pick(free, seed, key, "top-color")
    shoes = worn.get("shoes")
    extras = dict(
        shoes_color=(shoes.color if shoes and shoes.color else pick(["tan", "charcoal", "cream"], seed, key, "shoes")),
        shoes=shoes.kind if shoes else "",
        accessory=worn["accessory"].kind if "accessory" in worn else "",
        accessory_color=worn["accessory"].color if "accessory" in worn else None,
        headwear=worn["headwear"].kind if "headwear" in worn else "",
        headwear_color=worn["headwear"].color if "headwear" in worn else None,
    )
    if not said.worn and not said.roles and formal:  # a wedding, a funeral: a suit or a dress
        whole = "dress" if gender == Gender.FEMALE else "suit"
        worn["dress" if whole == "dress" else "suit"] = Worn(whole, None)
    outer = worn.get("outer")
    if "dress" in worn or "suit" in worn:
        w = worn.get("dress") or worn["suit"]
        color = w.color or top_color
        bottom = "" if "dress" in worn else worn["bottom"].kind if "bottom" in worn else "trousers"
        out = Outfit(top=w.kind, top_color=color, bottom=bottom,
                     bottom_color=(worn["bottom"].color if "bottom" in worn and worn["bottom"].color else color),
                     top_material=w.material, dress_length=w.length, **extras)
        return _with_outer(out, outer) if outer else out
    top = worn.get("top")
    if top is None and outer is not None:  # a coat alone is what the audience sees on top
        top, outer = outer, None
    if top is None and gender == Gender.FEMALE and "bottom" not in worn and not never & {"dress"} and \
            derive(seed, key, "dress?") % 3 == 0:
        return Outfit(top="dress", top_color=top_color, bottom="", bottom_color=top_color, **extras)
    tops = ["t-shirt", "shirt", "sweater", "jacket", "blouse"] if gender == Gender.FEMALE else \
        ["t-shirt", "shirt", "sweater", "jacket", "hoodie"]
    if "rain" in context or "snow" in context or "cold" in context:
        tops = [t for t in tops if t in ("sweater", "jacket", "shirt")] + ["coat"]
    tops = [t for t in tops if t not in never] or ["shirt"]
    top = top or Worn(pick(tops, seed, key, "top"), None)
    bottoms = ["jeans", "trousers", "skirt", "shorts"] if gender == Gender.FEMALE else ["jeans", "trousers", "shorts"]
    bottoms = [b for b in bottoms if b not in never] or ["trousers"]
    bottom = worn.get("bottom") or Worn(pick(bottoms, seed, key, "bottom"), None)
    out = Outfit(top=top.kind, top_color=top.color or top_color, bottom=bottom.kind,
                 bottom_color=bottom.color or pick(_BOTTOM_COLORS, seed, key, "bottom-color"),
                 top_material=top.material, bottom_material=bottom.material,
                 dress_length=bottom.length if bottom.kind == "skirt" else "", **extras)
    return _with_outer(out, outer) if outer else out


def _with_outer(out: Outfit, outer: Worn) -> Outfit:
    return out.model_copy(update={"outer": outer.kind, "outer_color": outer.color or "charcoal",
                                  "outer_material": outer.material})


def _slot_of(kind: str) -> str:
    return GARMENTS[kind][0] if kind in GARMENTS else next(sl for sl, k in GARMENTS.values() if k == kind)


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


def story_context(texts) -> frozenset[str]:
    """The contexts the story's words put it in (night, office, rain, a wedding …): what the
    seed's free choices of clothes must fit. One outfit lasts the whole film, so it fits every
    context the story has; read in one pass over the words."""
    words = {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}
    return frozenset(CONTEXT_WORDS[w] for w in words if w in CONTEXT_WORDS)


def cast(characters: tuple[ScriptCharacter, ...], seed: int,
         context: frozenset[str] = frozenset()) -> tuple[Character, ...]:
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
        look = resolve_look(sc.name, sc.description, sc.gender, seed, frozenset(colors), context)
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
