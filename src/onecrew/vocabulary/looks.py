"""Looks: garments, materials, colours, hair and builds, as the text names them, and what each
means in the cast bible's terms (model.cast.Outfit / Look).

Every garment kind, colour and hair style here is a value the previs must draw: add one only
with a commit message that names it. The tables are data; the few functions look words up.
"""

from __future__ import annotations

# ---- garments ---------------------------------------------------------------------------------
# The slot a garment fills in Outfit:
#   dress     the whole body (top = the garment, no bottom)
#   suit      top and bottom of one colour (a suit, a tuxedo, scrubs, a uniform, overalls)
#   top / bottom / outer (a layer over the top) / headwear / shoes / accessory
# Text word (singular or as written) → (slot, kind the storyboard spells).
GARMENTS: dict[str, tuple[str, str]] = {
    # whole body
    "dress": ("dress", "dress"), "gown": ("dress", "gown"), "sundress": ("dress", "sundress"),
    "wedding dress": ("dress", "wedding dress"), "evening gown": ("dress", "gown"),
    "ball gown": ("dress", "gown"), "robe": ("dress", "robe"), "bathrobe": ("dress", "robe"),
    "kimono": ("dress", "kimono"), "jumpsuit": ("dress", "jumpsuit"), "boiler suit": ("dress", "jumpsuit"),
    "overalls": ("dress", "overalls"), "dungarees": ("dress", "overalls"), "coveralls": ("dress", "overalls"),
    "wetsuit": ("dress", "wetsuit"), "habit": ("dress", "habit"), "cassock": ("dress", "cassock"),
    # top and bottom of one colour
    "suit": ("suit", "suit"), "tuxedo": ("suit", "tuxedo"), "tux": ("suit", "tuxedo"),
    "uniform": ("suit", "uniform"), "scrubs": ("suit", "scrubs"), "tracksuit": ("suit", "tracksuit"),
    "pyjamas": ("suit", "pyjamas"), "pajamas": ("suit", "pyjamas"), "chef's whites": ("suit", "chef's whites"),
    # tops
    "shirt": ("top", "shirt"), "t-shirt": ("top", "t-shirt"), "tee": ("top", "t-shirt"),
    "tank top": ("top", "tank top"), "vest top": ("top", "tank top"), "polo shirt": ("top", "polo shirt"),
    "blouse": ("top", "blouse"), "sweater": ("top", "sweater"), "jumper": ("top", "sweater"),
    "pullover": ("top", "sweater"), "turtleneck": ("top", "turtleneck"), "sweatshirt": ("top", "sweatshirt"),
    "hoodie": ("top", "hoodie"), "cardigan": ("top", "cardigan"), "vest": ("top", "vest"),
    "waistcoat": ("top", "vest"), "apron": ("top", "apron"), "tunic": ("top", "tunic"),
    "flannel shirt": ("top", "flannel shirt"), "jersey": ("top", "jersey"), "crop top": ("top", "crop top"),
    # outer layers
    "jacket": ("outer", "jacket"), "coat": ("outer", "coat"), "overcoat": ("outer", "overcoat"),
    "trench coat": ("outer", "trench coat"), "trenchcoat": ("outer", "trench coat"),
    "raincoat": ("outer", "raincoat"), "mac": ("outer", "raincoat"), "parka": ("outer", "parka"),
    "anorak": ("outer", "parka"), "blazer": ("outer", "blazer"), "lab coat": ("outer", "lab coat"),
    "leather jacket": ("outer", "jacket"), "denim jacket": ("outer", "jacket"), "bomber jacket": ("outer", "jacket"),
    "puffer jacket": ("outer", "puffer jacket"), "windbreaker": ("outer", "jacket"),
    "life jacket": ("outer", "life jacket"), "hi-vis vest": ("outer", "hi-vis vest"), "poncho": ("outer", "poncho"),
    "cloak": ("outer", "cloak"), "cape": ("outer", "cloak"), "shawl": ("outer", "shawl"),
    "oilskin": ("outer", "raincoat"), "fleece": ("outer", "fleece"),
    # bottoms
    "jeans": ("bottom", "jeans"), "trousers": ("bottom", "trousers"), "pants": ("bottom", "trousers"),
    "slacks": ("bottom", "trousers"), "chinos": ("bottom", "trousers"), "cargo pants": ("bottom", "trousers"),
    "skirt": ("bottom", "skirt"), "miniskirt": ("bottom", "skirt"), "shorts": ("bottom", "shorts"),
    "leggings": ("bottom", "leggings"), "sweatpants": ("bottom", "sweatpants"), "joggers": ("bottom", "sweatpants"),
    # headwear
    "hat": ("headwear", "hat"), "cap": ("headwear", "cap"), "baseball cap": ("headwear", "cap"),
    "flat cap": ("headwear", "flat cap"), "beanie": ("headwear", "beanie"), "woolly hat": ("headwear", "beanie"),
    "beret": ("headwear", "beret"), "fedora": ("headwear", "fedora"), "straw hat": ("headwear", "straw hat"),
    "sun hat": ("headwear", "sun hat"), "cowboy hat": ("headwear", "cowboy hat"), "top hat": ("headwear", "top hat"),
    "bowler hat": ("headwear", "bowler hat"), "hard hat": ("headwear", "hard hat"), "helmet": ("headwear", "helmet"),
    "hood": ("headwear", "hood"), "headscarf": ("headwear", "headscarf"), "veil": ("headwear", "veil"),
    "crown": ("headwear", "crown"), "turban": ("headwear", "turban"), "hijab": ("headwear", "headscarf"),
    "bandana": ("headwear", "bandana"), "chef's hat": ("headwear", "chef's hat"), "ski mask": ("headwear", "ski mask"),
    "balaclava": ("headwear", "ski mask"), "tiara": ("headwear", "tiara"),
    # shoes
    "boots": ("shoes", "boots"), "rubber boots": ("shoes", "rubber boots"), "wellingtons": ("shoes", "rubber boots"),
    "wellies": ("shoes", "rubber boots"), "sneakers": ("shoes", "sneakers"), "trainers": ("shoes", "sneakers"),
    "heels": ("shoes", "heels"), "high heels": ("shoes", "heels"), "sandals": ("shoes", "sandals"),
    "flip-flops": ("shoes", "sandals"), "slippers": ("shoes", "slippers"), "loafers": ("shoes", "shoes"),
    "shoes": ("shoes", "shoes"),
    # accessories (one per look)
    "sunglasses": ("accessory", "sunglasses"), "glasses": ("accessory", "glasses"),
    "spectacles": ("accessory", "glasses"), "scarf": ("accessory", "scarf"), "tie": ("accessory", "tie"),
    "bow tie": ("accessory", "bow tie"), "backpack": ("accessory", "backpack"), "rucksack": ("accessory", "backpack"),
    "headphones": ("accessory", "headphones"), "camera": ("accessory", "camera"), "necklace": ("accessory", "necklace"),
    "gold chain": ("accessory", "gold chain"), "chain": ("accessory", "gold chain"), "braces": ("accessory", "braces"),
    "suspenders": ("accessory", "braces"), "gloves": ("accessory", "gloves"), "satchel": ("accessory", "satchel"),
    "handbag": ("accessory", "handbag"), "purse": ("accessory", "handbag"), "eyepatch": ("accessory", "eyepatch"),
    "stethoscope": ("accessory", "stethoscope"), "badge": ("accessory", "badge"), "watch": ("accessory", "watch"),
    "earrings": ("accessory", "earrings"), "bag": ("accessory", "bag"),
}

# Garments by slot, for the previs to draw and for the free choices below.
KINDS: dict[str, tuple[str, ...]] = {}
for _slot, _kind in GARMENTS.values():
    KINDS.setdefault(_slot, ())
    if _kind not in KINDS[_slot]:
        KINDS[_slot] += (_kind,)

# A garment word's implied colour when the text gives none ("chef's whites", "scrubs" are often
# named bare; these are only the ones whose name says it).
IMPLIED_COLOR: dict[str, str] = {"chef's whites": "white", "lab coat": "white", "wedding dress": "white",
                                 "hi-vis vest": "yellow", "life jacket": "orange", "tuxedo": "black"}

# Materials the text names before a garment ("a silk dress", "a leather jacket").
MATERIALS: frozenset[str] = frozenset("""silk satin velvet lace leather suede denim wool woollen woolen
cashmere tweed corduroy linen cotton flannel fleece nylon polyester rubber oilskin canvas knitted
knit sequined sequinned fur faux-fur plaid tartan""".split())
_MATERIAL_SPELLING = {"woollen": "wool", "woolen": "wool", "knit": "knitted", "sequinned": "sequined"}


def material(word: str) -> str:
    """The material a word names, spelled one way: "woollen" → "wool"; "" when none."""
    w = word.lower()
    return _MATERIAL_SPELLING.get(w, w) if w in MATERIALS else ""


# ---- colours ------------------------------------------------------------------------------------
# Colour words → palette name (model.colors.PALETTE). Two-word colours first when matching.
COLORS: dict[str, str] = {
    "black": "black", "white": "white", "grey": "grey", "gray": "grey", "silver": "silver", "gold": "gold",
    "golden": "gold", "red": "crimson", "crimson": "crimson", "scarlet": "scarlet", "maroon": "maroon",
    "burgundy": "burgundy", "wine": "burgundy", "blue": "blue", "navy": "navy", "navy blue": "navy",
    "dark blue": "navy", "light blue": "sky-blue", "sky blue": "sky-blue", "sky-blue": "sky-blue",
    "pale blue": "sky-blue", "baby blue": "sky-blue", "royal blue": "blue", "indigo": "indigo",
    "green": "green", "dark green": "dark-green", "bottle green": "dark-green", "forest green": "dark-green",
    "emerald": "emerald", "olive": "olive", "olive green": "olive", "olive-green": "olive", "khaki": "khaki",
    "mint": "mint", "teal": "teal", "turquoise": "turquoise", "yellow": "yellow", "mustard": "mustard",
    "orange": "orange", "rust": "rust", "coral": "coral", "peach": "peach", "pink": "pink", "hot pink": "magenta",
    "magenta": "magenta", "purple": "purple", "violet": "purple", "plum": "purple", "lavender": "lavender",
    "lilac": "lilac", "brown": "tan", "dark brown": "chocolate", "chocolate": "chocolate", "tan": "tan",
    "camel": "camel", "beige": "beige", "cream": "cream", "ivory": "ivory", "off-white": "ivory",
    "charcoal": "charcoal", "dark grey": "charcoal", "dark gray": "charcoal", "light grey": "light-grey",
    "light gray": "light-grey", "denim": "denim",
}

# Hair colour words → palette name ("silver hair" is grey hair; "salt-and-pepper" too).
HAIR_COLORS: dict[str, str] = {
    "black": "black", "jet-black": "black", "raven": "black", "dark": "dark-brown", "dark brown": "dark-brown",
    "brunette": "dark-brown", "brown": "brown", "light brown": "brown", "chestnut": "auburn", "auburn": "auburn",
    "red": "red", "ginger": "copper", "copper": "copper", "strawberry-blonde": "copper", "blonde": "blonde",
    "blond": "blonde", "fair": "blonde", "golden": "blonde", "sandy": "blonde", "platinum": "platinum",
    "grey": "grey", "gray": "grey", "greying": "grey", "graying": "grey", "silver": "grey",
    "salt-and-pepper": "grey", "white": "white", "snow-white": "white", "purple": "purple", "pink": "pink",
    "blue": "blue", "green": "green",
}

# ---- hair and bodies ----------------------------------------------------------------------------
# Words → HairStyle value. Length words combine with a style only where the model has one.
HAIR_STYLES: dict[str, str] = {
    "bald": "bald", "balding": "bald", "shaved head": "buzz", "shaven head": "buzz", "buzz cut": "buzz",
    "buzzcut": "buzz", "buzz-cut": "buzz", "crew cut": "buzz", "crew-cut": "buzz", "close-cropped": "buzz",
    "ponytail": "ponytail", "pony tail": "ponytail", "bun": "bun", "topknot": "bun", "braid": "braids",
    "braids": "braids", "braided": "braids", "plaits": "braids", "pigtails": "braids", "cornrows": "braids",
    "dreadlocks": "dreadlocks", "dreads": "dreadlocks", "locs": "dreadlocks", "afro": "afro",
    "curly": "curly", "curls": "curly", "ringlets": "curly", "frizzy": "curly", "wavy": "curly",
    "bob": "bob", "bobbed": "bob", "mullet": "mullet", "pixie cut": "pixie", "pixie": "pixie",
    "long": "long", "shoulder-length": "long", "waist-length": "long", "short": "short", "cropped": "short",
    "spiky": "short", "slicked-back": "short",
}

BUILDS: dict[str, str] = {
    **dict.fromkeys("slim thin skinny slender wiry lean lanky scrawny bony willowy petite gaunt".split(), "slim"),
    **dict.fromkeys("athletic muscular strong fit toned broad-shouldered brawny sporty powerful".split(), "athletic"),
    **dict.fromkeys("heavy stocky plump stout burly portly chubby fat overweight heavyset heavy-set big-bellied "
                    "pot-bellied round rotund thickset hefty".split(), "heavy"),
}

HEIGHTS: dict[str, str] = {
    **dict.fromkeys("tall lanky towering gangly long-legged".split(), "tall"),
    **dict.fromkeys("short petite tiny diminutive small".split(), "short"),
}

FACIAL_HAIR: dict[str, str] = {
    "beard": "beard", "bearded": "beard", "full beard": "beard", "goatee": "goatee", "moustache": "moustache",
    "mustache": "moustache", "moustached": "moustache", "handlebar moustache": "moustache", "stubble": "stubble",
    "unshaven": "stubble", "five o'clock shadow": "stubble", "clean-shaven": "none",
}

# ---- what roles imply -------------------------------------------------------------------------------
# A role word → the garments it implies when the text names none for that slot.
ROLE_OUTFITS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "nurse": (("scrubs", "sky-blue"),), "surgeon": (("scrubs", "green"),),
    "doctor": (("lab coat", "white"),), "scientist": (("lab coat", "white"),), "chemist": (("lab coat", "white"),),
    "chef": (("chef's whites", "white"), ("chef's hat", "white")), "cook": (("apron", "white"),),
    "baker": (("apron", "white"),), "waiter": (("shirt", "white"), ("vest", "black")),
    "waitress": (("apron", "black"),), "barista": (("apron", "green"),), "bartender": (("vest", "black"),),
    "soldier": (("uniform", "olive"),), "officer": (("uniform", "navy"),), "policeman": (("uniform", "navy"),),
    "policewoman": (("uniform", "navy"),), "cop": (("uniform", "navy"),), "constable": (("uniform", "navy"),),
    "guard": (("uniform", "charcoal"),), "security guard": (("uniform", "charcoal"),),
    "pilot": (("uniform", "navy"),), "captain": (("uniform", "navy"),), "sailor": (("uniform", "white"),),
    "firefighter": (("uniform", "khaki"), ("helmet", "yellow")), "paramedic": (("uniform", "green"),),
    "conductor": (("uniform", "navy"), ("cap", "navy")), "ticket inspector": (("uniform", "navy"),),
    "postman": (("uniform", "navy"),), "groom": (("suit", "black"),), "bridegroom": (("suit", "black"),),
    "bride": (("wedding dress", "white"), ("veil", "white")), "butler": (("suit", "black"),),
    "priest": (("cassock", "black"),), "vicar": (("cassock", "black"),), "nun": (("habit", "black"),),
    "monk": (("robe", "tan"),), "judge": (("robe", "black"),), "lawyer": (("suit", "charcoal"),),
    "businessman": (("suit", "charcoal"),), "businesswoman": (("suit", "charcoal"),), "ceo": (("suit", "black"),),
    "detective": (("trench coat", "tan"),), "inspector": (("overcoat", "charcoal"),),
    "builder": (("hi-vis vest", "yellow"), ("hard hat", "yellow")), "mechanic": (("overalls", "navy"),),
    "farmer": (("overalls", "denim"),), "fisherman": (("raincoat", "yellow"),), "king": (("crown", "gold"), ("robe", "crimson")),
    "queen": (("crown", "gold"), ("gown", "purple")), "prince": (("uniform", "navy"),), "princess": (("gown", "pink"),),
    "receptionist": (("blouse", "white"),), "cashier": (("apron", "green"),), "teller": (("blouse", "white"),),
    "jogger": (("t-shirt", None), ("shorts", None), ("sneakers", None)), "student": (("backpack", None),),
    "schoolgirl": (("uniform", "navy"),), "schoolboy": (("uniform", "navy"),), "prisoner": (("jumpsuit", "orange"),),
    "inmate": (("jumpsuit", "orange"),), "mourner": (("suit", "black"),), "widow": (("dress", "black"),),
}

# ---- what the text leaves open: the rules the seed chooses within ----------------------------------
# One table. Each row: when (a context word the story or the character gives) → garment kinds that
# may not be chosen freely, and the only kinds that may be where the row says so. A stated garment
# always stands; these govern only the seed's choices.
#   contexts: "night", "office", "rain", "snow", "cold", "elderly", "child", "wedding", "funeral",
#             "formal", "beach", "hot", "sport"
FREE_CHOICE_RULES: tuple[dict, ...] = (
    {"when": "night", "never": ("shorts", "sundress", "tank top", "sandals")},
    {"when": "office", "never": ("shorts", "tank top", "hoodie", "sweatpants", "leggings", "sandals")},
    {"when": "rain", "never": ("shorts", "sundress", "sandals"), "outer": ("raincoat", "coat")},
    {"when": "snow", "never": ("shorts", "sundress", "t-shirt", "tank top", "sandals"), "outer": ("parka", "coat")},
    {"when": "cold", "never": ("shorts", "sundress", "tank top", "sandals"), "outer": ("coat", "parka", "jacket")},
    {"when": "elderly", "never": ("shorts", "hoodie", "crop top", "leggings", "tank top")},
    {"when": "funeral", "never": ("shorts", "hoodie", "t-shirt", "sundress"), "only": ("suit", "dress"),
     "colors": ("black", "charcoal", "navy")},
    {"when": "wedding", "never": ("shorts", "hoodie", "t-shirt", "jeans", "sweatpants"), "only": ("suit", "dress"),
     "colors": ("navy", "charcoal", "lavender", "sky-blue", "cream", "pink", "green")},
    {"when": "formal", "never": ("shorts", "hoodie", "t-shirt", "jeans"), "only": ("suit", "dress")},
    {"when": "beach", "never": ("coat", "overcoat", "parka", "sweater"), "prefer": ("t-shirt", "shorts", "sundress")},
    {"when": "hot", "never": ("coat", "overcoat", "parka", "sweater", "hoodie")},
)

# Words in a story that put it in one of those contexts.
CONTEXT_WORDS: dict[str, str] = {
    **dict.fromkeys("night midnight nighttime tonight evening dusk".split(), "night"),
    **dict.fromkeys("office boardroom bank headquarters courtroom meeting interview".split(), "office"),
    **dict.fromkeys("rain raining rainy downpour drizzle storm stormy soaked umbrella".split(), "rain"),
    **dict.fromkeys("snow snowing snowy blizzard snowfall".split(), "snow"),
    **dict.fromkeys("winter freezing frost frozen icy cold chilly".split(), "cold"),
    **dict.fromkeys("wedding bride groom bridesmaid altar vows reception".split(), "wedding"),
    **dict.fromkeys("funeral coffin casket grave mourners burial wake".split(), "funeral"),
    **dict.fromkeys("gala ball banquet ceremony opera".split(), "formal"),
    **dict.fromkeys("beach seaside sunbathing swimming".split(), "beach"),
    **dict.fromkeys("desert heatwave scorching sweltering".split(), "hot"),
}


def forbidden(contexts) -> frozenset[str]:
    """Garment kinds the seed may not choose in these contexts."""
    return frozenset(k for r in FREE_CHOICE_RULES if r["when"] in contexts for k in r["never"])


# ---- reading a description ------------------------------------------------------------------------
import re as _re  # noqa: E402  (kept beside the reader that alone needs it)
from dataclasses import dataclass as _dataclass, field as _field  # noqa: E402

from . import people as _people  # noqa: E402


@_dataclass
class Worn:
    kind: str
    color: str | None = None
    material: str = ""
    length: str = ""  # "short" | "knee" | "long" for a dress or a skirt


@_dataclass
class Stated:
    """What a description states about a person; None/empty where it says nothing."""

    gender: str | None = None
    age: str | None = None
    height: str | None = None
    build: str | None = None
    hair_color: str | None = None
    hair_style: str | None = None
    facial_hair: str | None = None
    facial_hair_color: str | None = None
    worn: dict[str, Worn] = _field(default_factory=dict)  # slot → garment, the first stated per slot
    extra: list[Worn] = _field(default_factory=list)  # a second garment for a slot already filled
    roles: list[str] = _field(default_factory=list)  # role words: "nurse", "bride"


def _alt(words) -> str:
    return "|".join(sorted(map(_re.escape, words), key=len, reverse=True))


_GARMENT_RX = _re.compile(rf"(?<![\w'-])({_alt(GARMENTS)})(?:e?s)?(?![\w'-])")
_COLOR_RX = _re.compile(rf"(?<![\w-])({_alt(COLORS)})(?![\w-])")
_HAIR_NOUN = r"hair|curls|locks|ponytail|pony tail|braids?|plaits|pigtails|bun|dreadlocks|dreads|afro|mullet|bob|crew cut|buzz cut"
_MOD = r"(?!(?:with|and|in|a|an|the|her|his|their|of|wearing|over|under)\b)[\w'-]+[ ,]+"
_HAIR_RX = _re.compile(rf"((?:{_MOD}){{0,4}}?)(?:{_HAIR_NOUN})\b(?:\s+(?:in|tied in|pulled into|in two)\s+(?:an?\s+)?"
                       rf"({_alt(HAIR_STYLES)}))?|([\w-]+)-haired")
_FACIAL_RX = _re.compile(rf"((?:{_MOD}){{0,2}}?)({_alt(FACIAL_HAIR)})\b")
_LENGTHS = {"long": "long", "floor-length": "long", "ankle-length": "long", "maxi": "long", "short": "short",
            "mini": "short", "knee-length": "knee", "midi": "knee"}
_AGE_NUMBER = _re.compile(r"(?<![\w-])(?:(\d{1,2})|(" + "|".join(_people.NUMBER_WORDS) + r"))(?:-| )years?(?:-| )old\b"
                          r"|\b(?:of|aged?)\s+(\d{1,2}|" + "|".join(_people.NUMBER_WORDS) + r")\b"
                          r"|(?:^\s*|[(,]\s*)(\d{1,2})(?=\s*(?:[),]|$))")
_DECADE = _re.compile(r"(?:^|[\s(,])(?:early |late |mid-|mid )?(\d)0'?s\b|\b(?:in (?:her|his|their) )?(?:early |late |mid-)?("
                      + "|".join(_people.DECADES) + r")\b")


def _color_before(words: str) -> str | None:
    """The last colour word in the modifiers before a noun: "long red" → crimson."""
    found = list(_COLOR_RX.finditer(words))
    return COLORS[found[-1].group(1)] if found else None


def read(description: str, name: str = "", gender_hint: str | None = None) -> Stated:
    """What `description` (and the name's titles and given name) states."""
    text = " " + " ".join(description.lower().replace("grey-haired", "grey haired").split()) + " "
    st = Stated()
    covered: list[tuple[int, int]] = []  # spans that describe hair or clothes, not the body

    # clothes: up to three modifiers before a garment word: colour, material, length
    for m in _GARMENT_RX.finditer(text):
        word = m.group(1)
        if word in ("mac", "chain", "bag", "tie", "watch", "badge", "hood", "habit", "vest top") and \
                not _re.search(r"(?:an?|the|her|his|their|[\w-]+)\s+$", text[:m.start()]):
            continue
        slot, kind = GARMENTS[word]
        pre_start = max(0, m.start() - 40)
        pre = _re.split(r"\b(?:and|with|in|over|under|wearing|a|an|the|her|his|their)\b|[,;(]",
                        text[pre_start:m.start()])[-1]
        color = _color_before(pre) or _color_before(word)
        mat = next((material(w) for w in (pre + " " + word).replace("-", " ").split() if material(w)), "")
        if mat == "denim" and color is None:
            color = "denim"
        length = next((_LENGTHS[w] for w in pre.split() if w in _LENGTHS), "")
        worn = Worn(kind, color or IMPLIED_COLOR.get(kind), mat, length if slot in ("dress", "bottom") else "")
        if slot in st.worn:
            st.extra.append(worn)
        else:
            st.worn[slot] = worn
        covered.append((m.start() - len(pre), m.end()))

    # hair
    for m in _HAIR_RX.finditer(text):
        mods = (m.group(1) or m.group(3) or "").replace(",", " ")
        noun = text[m.start(1) + len(m.group(1) or ""):m.end()] if m.group(1) is not None else ""
        words = mods.split()
        colour = next((HAIR_COLORS[w] for w in reversed(words) if w in HAIR_COLORS), None)
        two = " ".join(words[-2:])
        colour = HAIR_COLORS.get(two, colour)
        if "platinum" in words:
            colour = "platinum"
        st.hair_color = st.hair_color or colour
        style = m.group(2) and HAIR_STYLES.get(m.group(2))
        for w in [*words, noun.split()[0] if noun.split() else ""]:
            style = style or ({"curls": "curly", "locks": "long", "plaits": "braids", "pigtails": "braids",
                               "braid": "braids", "dreads": "dreadlocks"}.get(w) or
                              (HAIR_STYLES.get(w) if w not in ("long", "short") else None))
        if not style and any(w in ("long", "short", "shoulder-length", "cropped") for w in words):
            style = HAIR_STYLES[next(w for w in words if w in ("long", "short", "shoulder-length", "cropped"))]
        if style and style != "long" or not st.hair_style:
            st.hair_style = st.hair_style if st.hair_style and st.hair_style != "long" else style or st.hair_style
        covered.append((m.start(), m.end()))
    for word, style in HAIR_STYLES.items():
        if style in ("bald", "buzz", "dreadlocks", "afro", "mullet", "bob", "ponytail", "pixie") and \
                _re.search(rf"(?<![\w-]){_re.escape(word)}(?![\w-])", text) and not st.hair_style:
            st.hair_style = style
    if not st.hair_color:  # "platinum blonde", "a blonde woman", "a redhead", "a brunette"
        if m := _re.search(r"(?<![\w-])(platinum blonde|platinum|blonde?|brunette|redhead|raven-haired)(?![\w-])", text):
            st.hair_color = {"redhead": "red", "raven-haired": "black", "platinum blonde": "platinum"}.get(
                m.group(1), HAIR_COLORS.get(m.group(1), "blonde"))
    if st.hair_style == "bald":
        st.hair_color = st.hair_color

    # facial hair
    for m in _FACIAL_RX.finditer(text):
        st.facial_hair = st.facial_hair or FACIAL_HAIR[m.group(2)]
        if st.facial_hair == FACIAL_HAIR[m.group(2)]:
            st.facial_hair_color = st.facial_hair_color or _hair_word(m.group(1))
        covered.append((m.start(), m.end()))

    body = list(text)
    for a, b in covered:
        body[max(a, 0):b] = " " * (b - max(a, 0))
    body_text = "".join(body)
    words = _re.findall(r"[a-z][\w'-]*", body_text)

    st.build = next((BUILDS[w] for w in words if w in BUILDS), None)
    if not st.build and _re.search(r"pot belly|beer belly|big belly", text):
        st.build = "heavy"
    st.height = next((HEIGHTS[w] for w in words if w in HEIGHTS and not (w == "small" and st.build)), None)
    if "giant" in words:
        st.height = st.height or "tall"
    st.age = _age(text, words) or _people.name_age(name)
    st.roles = [w for w in words if w in ROLE_OUTFITS] + [w for w in _people.name_parts(name) if w in ROLE_OUTFITS]
    nouns = _people.gender_of(body_text, pronouns=False)
    st.gender = (nouns or _people.name_gender(name) if _title_says(name) else nouns) or gender_hint
    if not st.gender and st.facial_hair in ("beard", "moustache", "goatee", "stubble"):
        st.gender = "male"
    st.gender = st.gender or _people.gender_of(name, pronouns=False) or _people.name_gender(name) or \
        _people.gender_of(text)
    return st


def _title_says(name: str) -> bool:
    return any(w in _people.TITLES and _people.TITLES[w][0] for w in _people.name_parts(name))


def _hair_word(mods: str) -> str | None:
    words = mods.split()
    return next((HAIR_COLORS[w] for w in reversed(words) if w in HAIR_COLORS and w != "dark"), None)


def _age(text: str, words: list[str]) -> str | None:
    """An age from the first phrase that states one: "in her forties", "60s", "a seven-year-old",
    "a boy of nine", "elderly", "a teenager"."""
    best: list[tuple[int, str]] = []
    if m := _AGE_NUMBER.search(text):
        n = next(g for g in m.groups() if g)
        best.append((m.start(), _people.age_of_years(int(n) if n.isdigit() else _people.NUMBER_WORDS[n])))
    if m := _DECADE.search(text):
        best.append((m.start(), _people.age_of_years(int(m.group(1)) * 10) if m.group(1)
                     else _people.DECADES[m.group(2)]))
    for i, w in enumerate(words):
        if w in _people.AGE_ADJECTIVES:
            if w == "old" and i + 1 < len(words) and words[i + 1] in GARMENTS:
                continue  # "an old coat" is the coat's age
            best.append((text.find(f" {w}"), _people.AGE_ADJECTIVES[w]))
            break
    for w in words:
        if w in _people.AGE_NOUNS:
            best.append((text.find(f" {w}") + 10_000, _people.AGE_NOUNS[w]))  # a number beats a noun
            break
    # "young" says less than a number or a noun that gives an age ("a young boy" is a child)
    best.sort(key=lambda x: (x[1] == "young-adult", x[0]))
    return best[0][1] if best else None
