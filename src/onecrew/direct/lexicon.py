"""Words the director recognises: places, times, verbs, props, moods. Data, not logic."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import props as _props
from ..model.vocab import Action, Ambience, Expression, LocationKind, Mood, TimeOfDay

LOCATIONS: list[tuple[LocationKind, str]] = [
    (LocationKind.STREET, r"bus stop|car park|parking lot|gas station|petrol station|train station"),
    (LocationKind.CAR, r"car|taxi|cab|truck|van|limo|bus"),
    (LocationKind.ROOFTOP, r"roof|rooftop|terrace|lighthouse gallery|balcony|gallery"),
    (LocationKind.BEACH, r"beach|shore|seaside|coast|dunes|pier|boardwalk|sand"),
    (LocationKind.BAR, r"bar|pub|restaurant|cafe|café|diner|club|tavern|bistro|coffee shop"),
    (LocationKind.OFFICE, r"office|studio|lab|laboratory|newsroom|conference|bank|police station|precinct"),
    (LocationKind.PARK, r"park|forest|woods|garden|meadow|field|trail|orchard|cemetery"),
    (LocationKind.HOME, r"kitchen|living room|bedroom|bathroom|apartment|flat|house|home|hallway|"
                        r"cottage|lighthouse|cabin|attic|basement|dining room|nursery|room"),
    (LocationKind.STREET, r"street|road|alley|avenue|sidewalk|square|harbou?r|market|parking|"
                          r"bridge|station|crossing|town|city|village|dock|quay|port"),
]
EXTERIOR_KINDS = {LocationKind.BEACH, LocationKind.STREET, LocationKind.PARK, LocationKind.ROOFTOP}

TIMES: list[tuple[TimeOfDay, str]] = [
    (TimeOfDay.NIGHT, r"night|midnight|late night"),
    (TimeOfDay.SUNSET, r"sunset|dusk|evening|twilight|magic hour|golden hour"),
    (TimeOfDay.DAWN, r"dawn|sunrise|early morning|first light"),
    (TimeOfDay.DAY, r"day|daytime|morning|noon|afternoon"),
    # CONTINUOUS, LATER, SAME match nothing: they carry the previous scene's time.
]

def _forms(*words: str) -> str:
    """Every inflection of each verb (walk → walk|walks|walked|walking); multi-word phrases and
    irregular forms are given as written."""
    out: list[str] = []
    for w in words:
        if " " in w or w.startswith("="):
            out.append(w.lstrip("="))
            continue
        if w.endswith("e"):
            out += [w, w + "s", w + "d", w[:-1] + "ing"]
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            out += [w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
        elif w.endswith(("s", "sh", "ch", "x", "z")):
            out += [w, w + "es", w + "ed", w + "ing"]
        else:
            out += [w, w + "s", w + "ed", w + "ing"]
            if len(w) <= 4 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3:-2] not in "aeiou":
                out += [w + w[-1] + "ed", w + w[-1] + "ing"]  # stop → stopped, stopping
    return "|".join(sorted(set(out), key=len, reverse=True))


# Verb → action. Order matters: the first table entry that matches a word wins.
VERBS: list[tuple[Action, str]] = [
    (Action.TAKE_PHOTO, _forms("photograph", "snap", "=takes? (?:a |the )?(?:photo|picture|selfie)s?",
                               "=took (?:a |the )?(?:photo|picture|selfie)s?", "=taking (?:a |the )?(?:photo|picture|selfie)s?")),
    (Action.POSE, _forms("pose")),
    (Action.WAVE, _forms("wave")),
    (Action.POINT, _forms("point", "gesture")),
    (Action.HUG, _forms("hug", "embrace", "cuddle", "=puts? (?:an|his|her|their) arms? around",
                        "=put (?:an|his|her|their) arms? around")),
    (Action.KISS, _forms("kiss")),
    (Action.RUN, _forms("run", "=ran", "rush", "sprint", "dash", "race", "chase", "jog", "flee", "=fled", "bolt")),
    (Action.WALK, _forms("walk", "stroll", "cross", "enter", "leave", "=left", "approach", "climb", "step",
                         "wander", "arrive", "hurry", "stride", "=strode", "pace", "march", "follow",
                         "=heads? (?:to|for|out|back|home|off|over|down|up|inside|outside)")),
    (Action.STAND_UP, _forms("=stands? up", "=stood up", "=standing up", "rise", "=rose", "=gets? up",
                             "=got up", "=jumps? up")),
    (Action.SIT, _forms("sit", "=sat", "slump", "kneel", "=knelt", "settle")),
    (Action.PUNCH, _forms("punch", "=hits?", "strike", "=struck", "slap")),
    (Action.PUSH, _forms("push", "shove")),
    (Action.DODGE, _forms("dodge", "duck")),
    (Action.FALL, _forms("fall", "=fell", "trip", "collapse", "stumble")),
    (Action.LAUGH, _forms("laugh", "giggle", "grin", "smile", "chuckle")),
    (Action.CRY, _forms("cry", "sob", "weep", "=wept")),
    (Action.DRINK, _forms("drink", "=drank", "sip", "gulp")),
    (Action.EAT, _forms("eat", "=ate", "=bites?", "chew")),
    (Action.READ, _forms("read", "study", "scan")),
    (Action.WRITE, _forms("write", "=wrote", "scribble", "type")),
    (Action.PHONE, _forms("dial", "=calls? (?:someone|home|back|him|her)", "=called (?:someone|home|back|him|her)",
                          "=(?:picks?|picked) up the phone", "=(?:answers?|answered) the phone")),
    (Action.DRIVE, _forms("drive", "=drove", "steer")),
    (Action.DANCE, _forms("dance", "twirl")),
    (Action.OPEN, _forms("open", "unlock", "unfold", "unwrap")),
    (Action.HOLD, _forms("hold", "=held", "grab", "=picks? up", "=picked up", "carry", "lift", "hand", "wipe",
                         "clean", "scrub", "cook", "fold", "polish", "pour", "hang", "=hung", "=sets? (?:up|down|out)", "=set (?:up|down|out)",
                         "=puts? down", "=put down", "place", "tie", "pack")),
    (Action.TURN, _forms("turn", "=spins? around", "whirl")),
    (Action.LOOK_AT, _forms("look", "stare", "watch", "glance", "gaze", "peer", "=eyes")),
    (Action.TALK, _forms("talk", "speak", "=spoke", "chat", "argue", "whisper", "tell", "=told")),
]
_VERB_RES = [(a, re.compile(rf"\b(?:{p})\b", re.I)) for a, p in VERBS]

MOVING = {Action.WALK, Action.RUN, Action.DANCE, Action.FALL, Action.DODGE, Action.DRIVE}
HANDS = {Action.DRINK, Action.EAT, Action.READ, Action.WRITE, Action.PHONE, Action.OPEN,
         Action.HOLD, Action.TAKE_PHOTO, Action.POINT}

# Props live in the shared vocabulary (onecrew.vocabulary.props), which the renderer reads too.
PROPS: list[tuple[str, str]] = [(p.name, p.words) for p in _props.PROPS]
_PROP_RES = [(name, re.compile(rf"\b(?:{p})\b", re.I)) for name, p in PROPS]  # a test's reference reading

MOODS: list[tuple[Mood, str]] = [
    (Mood.JOYFUL, r"laugh\w*|smil\w*|happy|joy\w*|celebrat\w*|danc\w*|party|fun|pose|posing|photos?|sunny|cheer\w*|delight\w*|grin\w*"),
    (Mood.ROMANTIC, r"kiss\w*|love\w*|heart|darling|romantic|embrace\w*|hold\w* hands|tender\w*"),
    (Mood.TENSE, r"gun|run|chase[sd]?|chasing|shout\w*|scream\w*|threat\w*|danger\w*|police|hide|angry|furious|slam(?:s|med)?|yell(?:s|ed|ing)?|fight\w*"),
    (Mood.SAD, r"cr(?:y|ies|ied)|tears?|grief|funeral|alone|miss(?:es|ed)?|goodbye|lost|sorry|sob\w*|mourn\w*"),
    (Mood.MYSTERIOUS, r"shadow\w*|dark\w*|secret\w*|strange|fog|whisper\w*|myster\w*|silhouette|creak\w*"),
    (Mood.TRIUMPHANT, r"win|won|victory|finally|triumph\w*|champion\w*|succe\w*"),
    (Mood.COMIC, r"joke\w*|silly|ridiculous|clumsy|oops|funny|prank\w*"),
]
_MOOD_RES = [(m, re.compile(rf"\b(?:{p})\b", re.I)) for m, p in MOODS]

EMOTIONS: list[tuple[Expression, str]] = [
    (Expression.ANGRY, r"angr(?:y|ily)|furious\w*|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|snap(?:s|ped|ping)?|growl(?:s|ed|ing)?|hiss(?:es|ed|ing)?|rage|gruff\w*"),
    (Expression.AFRAID, r"afraid|scared|terrified|fear\w*|trembl\w*|panic\w*|nervous\w*"),
    (Expression.SAD, r"sad(?:ly|ness)?|cr(?:y|ies|ying)|sob(?:s|bed|bing)?|tears?|quiet(?:ly)?|soft(?:ly)?|sigh(?:s|ed|ing)?|broken"),
    (Expression.SURPRISED, r"surpris\w*|shock\w*|gasp\w*|stunned|amazed|astonish\w*"),
    (Expression.HAPPY, r"happ(?:y|ily)|laugh(?:s|ed|ing)?|smil(?:e|es|ed|ing)|grin(?:s|ned|ning)?|joy(?:ful)?|delight\w*|beam(?:s|ed|ing)? at|giggl\w*|excit(?:ed|edly)"),
]
_EMOTION_RES = [(e, re.compile(rf"\b(?:{p})\b", re.I)) for e, p in EMOTIONS]

MUSIC: dict[Mood, tuple[str, int, tuple[str, ...]]] = {
    Mood.JOYFUL: ("D major", 116, ("ukulele", "glockenspiel", "bass", "claps")),
    Mood.CALM: ("F major", 84, ("piano", "pad", "soft strings")),
    Mood.ROMANTIC: ("A major", 72, ("piano", "strings", "harp")),
    Mood.TENSE: ("C minor", 128, ("low strings", "pulse synth", "drums")),
    Mood.SAD: ("A minor", 66, ("piano", "cello")),
    Mood.MYSTERIOUS: ("E minor", 78, ("celesta", "pad", "low strings")),
    Mood.TRIUMPHANT: ("C major", 120, ("brass", "strings", "timpani")),
    Mood.COMIC: ("G major", 132, ("pizzicato strings", "bassoon", "woodblock")),
}

AMBIENCE: dict[LocationKind, Ambience] = {
    LocationKind.BEACH: Ambience.WAVES, LocationKind.STREET: Ambience.TRAFFIC,
    LocationKind.HOME: Ambience.ROOM_TONE, LocationKind.OFFICE: Ambience.OFFICE_HUM,
    LocationKind.BAR: Ambience.CROWD, LocationKind.PARK: Ambience.BIRDS,
    LocationKind.ROOFTOP: Ambience.WIND, LocationKind.CAR: Ambience.ENGINE,
    LocationKind.STAGE: Ambience.ROOM_TONE,
}


def first_match(table, text: str, default=None):
    for value, pattern in table:
        if _whole_words(pattern).search(text):
            return value
    return default


@lru_cache(maxsize=1024)  # the tables hold a few hundred
def _whole_words(pattern: str) -> re.Pattern:
    # Compiled once each: re's own cache holds 512 patterns, and a large cast's names push
    # these out of it, to be compiled again for every character.
    return re.compile(rf"\b(?:{pattern})\b", re.I)


def verbs_in(text: str) -> list[tuple[int, Action]]:
    """(position, action) for each recognised verb, in reading order."""
    found = [(m.start(), a) for a, rx in _VERB_RES for m in rx.finditer(text)]
    return sorted(found, key=lambda f: f[0])


def props_in(text: str) -> list[str]:
    """Props named in the text, in reading order (see onecrew.vocabulary.props.find)."""
    return _props.find(text)


def mood_scores(text: str) -> dict[Mood, int]:
    return {m: len(rx.findall(text)) for m, rx in _MOOD_RES}


def emotion_of(text: str) -> Expression | None:
    if re.search(r"\?!|!\?", text):  # "What?!" is surprise whatever the words
        return Expression.SURPRISED
    for e, rx in _EMOTION_RES:
        if rx.search(text):
            return e
    return None
