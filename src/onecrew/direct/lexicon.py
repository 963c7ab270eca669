"""Words the director recognises: places, times, verbs, props, moods. Data, not logic."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocabulary import props as _props
from ..model.vocab import Action, Ambience, Expression, LocationKind, Mood, TimeOfDay
from ..vocabulary import moods as _moods, places as _places, times as _times

# Places and times live in onecrew.vocabulary, shared with the parsers; these names stay for
# code that reads them here.
LOCATIONS: list[tuple[LocationKind, str]] = [
    (kind, "|".join(sorted((re.escape(w) for w, (k, _, _) in _places.WORDS.items() if k == kind), key=len, reverse=True)))
    for kind in LocationKind if any(k == kind for k, _, _ in _places.WORDS.values())]
EXTERIOR_KINDS = _places.OUTDOOR_KINDS
TIMES: list[tuple[TimeOfDay, str]] = list(_times._PHRASES)

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
    (Action.SHAKE_HANDS, "shak(?:e|es|ing) hands|shook hands|shak(?:e|es|ing) (?:his|her|their|my|your) hand|"
                         "shook (?:his|her|their|my|your) hand"),
    (Action.GIVE, _forms("give", "=gave", "=given", "offer", "=pass(?:es|ed)? (?:her|him|them|me|it)", "=hand(?:s|ed|ing)? (?:her|him|them|me|us|you|it|over|back)",
                         "=hand(?:s|ed|ing)? \\w+ (?:a|an|the|his|her|their|some)", "=slips? (?:her|him)", "=slipped (?:her|him)")),
    (Action.RUN, _forms("run", "=ran", "rush", "sprint", "dash", "race", "chase", "jog", "flee", "=fled", "bolt")),
    (Action.WALK, _forms("walk", "stroll", "cross", "enter", "leave", "=left", "approach", "climb", "step",
                         "wander", "arrive", "hurry", "stride", "=strode", "pace", "march", "follow",
                         "=heads? (?:to|for|out|back|home|off|over|down|up|inside|outside)")),
    (Action.STAND_UP, _forms("=stands? up", "=stood up", "=standing up", "rise", "=rose", "=gets? up",
                             "=got up", "=jumps? up")),
    (Action.SIT, _forms("sit", "=sat", "slump", "kneel", "=knelt", "settle")),
    (Action.SLAP, _forms("slap", "smack")),
    (Action.PUNCH, _forms("punch", "=hits?", "strike", "=struck", "fight", "=fought", "brawl", "wrestle", "tackle",
                          "grapple", "scuffle", "kick")),
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
    (Action.HOLD, _forms("hold", "=held", "grab", "=picks? up", "=picked up", "carry", "lift", "wipe",
                         "clean", "scrub", "cook", "fold", "polish", "pour", "hang", "=hung", "=sets? (?:up|down|out)", "=set (?:up|down|out)",
                         "=puts? down", "=put down", "place", "tie", "pack")),
    (Action.TURN, _forms("turn", "=spins? around", "whirl")),
    (Action.LOOK_AT, _forms("look", "stare", "watch", "glance", "gaze", "peer", "=eyes")),
    (Action.TALK, _forms("talk", "speak", "=spoke", "chat", "argue", "whisper", "tell", "=told")),
]
_VERB_RES = [(a, re.compile(rf"\b(?:{p})\b", re.I)) for a, p in VERBS]

# Actions done to someone: the shot frames both, and the one acted on answers with their own.
ANSWER = {Action.GIVE: Action.RECEIVE, Action.KISS: Action.KISS, Action.HUG: Action.HUG,
          Action.SHAKE_HANDS: Action.SHAKE_HANDS, Action.DANCE: Action.DANCE, Action.PUSH: Action.RECOIL,
          Action.PUNCH: Action.RECOIL, Action.SLAP: Action.RECOIL}
FIGHTING = re.compile(r"\b(?:fight|fights|fought|fighting|brawl\w*|wrestl\w*|grappl\w*|scuffl\w*)\b", re.I)  # both hit

MOVING = {Action.WALK, Action.RUN, Action.DANCE, Action.FALL, Action.DODGE, Action.DRIVE}
HANDS = {Action.DRINK, Action.EAT, Action.READ, Action.WRITE, Action.PHONE, Action.OPEN,
         Action.HOLD, Action.TAKE_PHOTO, Action.POINT, Action.GIVE, Action.RECEIVE}

# Props live in the shared vocabulary (onecrew.vocabulary.props), which the renderer reads too.
PROPS: list[tuple[str, str]] = [(p.name, p.words) for p in _props.PROPS]
_PROP_RES = [(name, re.compile(rf"\b(?:{p})\b", re.I)) for name, p in PROPS]  # a test's reference reading

# Moods live in onecrew.vocabulary.moods (weighted cues); MOODS lists each mood's cue words.
MOODS: list[tuple[Mood, str]] = [(m, "|".join(ws.values())) for m, ws in _moods._CUES.items()]

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

# The bed each set kind plays: the sound of the place, from the beds the sound stage makes.
_A = Ambience
AMBIENCE: dict[LocationKind, Ambience] = {
    LocationKind.BEACH: _A.WAVES, LocationKind.STREET: _A.TRAFFIC, LocationKind.HOME: _A.ROOM_TONE,
    LocationKind.OFFICE: _A.OFFICE_HUM, LocationKind.BAR: _A.CROWD, LocationKind.PARK: _A.BIRDS,
    LocationKind.ROOFTOP: _A.WIND, LocationKind.CAR: _A.ENGINE, LocationKind.STAGE: _A.ROOM_TONE,
    **{k: _A.WAVES for k in (LocationKind.HARBOUR, LocationKind.PIER, LocationKind.LIGHTHOUSE,
                             LocationKind.BOAT_DECK)},
    **{k: _A.WIND for k in (LocationKind.MOUNTAIN, LocationKind.DESERT, LocationKind.SNOW)},
    **{k: _A.BIRDS for k in (LocationKind.GARDEN, LocationKind.FOREST, LocationKind.FIELD, LocationKind.VINEYARD,
                             LocationKind.LAKE, LocationKind.CEMETERY)},
    **{k: _A.CROWD for k in (LocationKind.CAFE, LocationKind.RESTAURANT, LocationKind.BALLROOM, LocationKind.SHOP,
                             LocationKind.AIRPORT, LocationKind.TRAIN_STATION)},
    **{k: _A.ENGINE for k in (LocationKind.BUS, LocationKind.TRAM, LocationKind.TRAIN)},
    **{k: _A.TRAFFIC for k in (LocationKind.ALLEY, LocationKind.PARKING_LOT)},
    **{k: _A.OFFICE_HUM for k in (LocationKind.POLICE_STATION, LocationKind.INTERROGATION_ROOM,
                                  LocationKind.HOSPITAL, LocationKind.LABORATORY, LocationKind.BANK,
                                  LocationKind.CLASSROOM, LocationKind.COURTROOM, LocationKind.HOTEL,
                                  LocationKind.PRISON, LocationKind.WAREHOUSE)},
    **{k: _A.ROOM_TONE for k in (LocationKind.KITCHEN, LocationKind.BEDROOM, LocationKind.LIVING_ROOM,
                                 LocationKind.BATHROOM, LocationKind.HALLWAY, LocationKind.LIBRARY,
                                 LocationKind.CHURCH)},
}
# At night the outdoors with plants in it has insects, not birds.
_NIGHT_BED = {_A.BIRDS: _A.NIGHT_INSECTS}


def ambience_of(kind: LocationKind, time: TimeOfDay) -> Ambience:
    bed = AMBIENCE.get(kind, _A.ROOM_TONE)
    return _NIGHT_BED.get(bed, bed) if time == TimeOfDay.NIGHT else bed


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
    """Weighted mood cues in `text` (onecrew.vocabulary.moods), every mood listed."""
    got = dict(_moods.scores(text))
    return {m: got.get(m, 0) for m in Mood}


def emotion_of(text: str) -> Expression | None:
    if re.search(r"\?!|!\?", text):  # "What?!" is surprise whatever the words
        return Expression.SURPRISED
    for e, rx in _EMOTION_RES:
        if rx.search(text):
            return e
    return None
