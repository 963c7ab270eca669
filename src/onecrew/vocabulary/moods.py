"""What a scene is about → its Mood, and where a scene's mood turns.

A scene's mood comes from what happens in it, read as weighted cues: the events that define a
scene (a funeral, a hostage, a chase, a reunion, a break-up, a wedding, a party) weigh most,
then the things people do and feel (cry, laugh, shout, kiss), then colour words (shadows, fog).
A turn word ("suddenly", "bad news", "a gunshot", "the phone rings with news") splits the scene:
the part after it may have a mood of its own, and the score follows it from that beat.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model.vocab import Mood as M, TimeOfDay

EVENT, DEED, COLOUR = 4, 2, 1  # weights: what the scene is, what people do, how it looks

# mood: {weight: "regex alternatives"} — stems end in \w* where any inflection counts.
_CUES: dict[M, dict[int, str]] = {
    M.SAD: {EVENT: r"funeral\w*|wake for|burial|buried|bury|coffin|casket|grave\w*|mourn\w*|eulog\w*|"
                   r"condolence\w*|break(?:s|ing)? up|broke up|break-up|breakup|divorc\w*|dump(?:s|ed)? (?:him|her)|"
                   r"dies|died|death|dying|passed away|terminal|farewell|final goodbye|widow\w*|orphan\w*|"
                   r"miscarriage|memorial|ashes|hospice|leaves (?:him|her) for good",
           DEED: r"cr(?:y|ies|ied|ying)|tears?|weep\w*|wept|sob\w*|grief|griev\w*|goodbye|heartbr\w*|"
                 r"alone|lonely|loneliness|miss(?:es|ed)? (?:him|her|you|them)|sorrow\w*|regret\w*|"
                 r"sad\w*|despair\w*|hopeless\w*|empty chair|never see|last time|won't come back|lost",
           COLOUR: r"rain\w*|grey|gray|drizzle|silence|silent|quiet\w*|sigh\w*|slump\w*|wilted|faded"},
    M.TENSE: {EVENT: r"hostage\w*|ransom|chase[sd]?|chasing|pursu\w*|gunpoint|gunshot\w*|gunfire|shoot\w*|shot at|"
                     r"bomb\w*|explo\w*|robber\w*|rob(?:s|bed)?|heist|hold-up|holdup|stick-up|kidnap\w*|"
                     r"interrogat\w*|suspect\w*|confront\w*|ambush\w*|attack\w*|escape\w*|flee\w*|fled|"
                     r"threat\w*|blackmail\w*|standoff|stand-off|countdown|deadline|trapped|siege|storm hits|"
                     r"mayday|sinking|alarm\w*|sirens?|raid\w*|fight\w*|fought|brawl\w*|duel|showdown|"
                     r"betray\w*|revenge|vengeance|expos\w*|accus\w*|evidence|murder\w*|kill\w*",
              DEED: r"guns?|pistol|knife|knives|blade|run(?:s|ning)?|ran|sprint\w*|race[sd]?|racing|shout\w*|"
                    r"scream\w*|yell\w*|slam\w*|grab\w*|shove\w*|punch\w*|angr\w*|furious\w*|rage|panic\w*|"
                    r"afraid|fear\w*|terrif\w*|nervous\w*|sweat\w*|trembl\w*|shak(?:es|ing)|danger\w*|"
                    r"hide|hid|hiding|police|cops?|handcuff\w*|warn\w*|demand\w*|glare\w*|hurry|faster|"
                    r"too late|no time|don't move|freeze|get down|lock(?:s|ed)? the door|heart pound\w*",
              COLOUR: r"storm\w*|thunder\w*|siren|waves crash\w*|wind howl\w*|flicker\w*|creak\w*"},
    M.JOYFUL: {EVENT: r"part(?:y|ies)|birthday|celebrat\w*|wedding\w*|reunion\w*|reunit\w*|festival\w*|"
                      r"holiday\w*|picnic\w*|carnival|fair|graduat\w*|anniversar\w*|christmas|fiesta|"
                      r"toast(?:s|ed)? (?:to|the)|cheers|surprise party|homecoming|welcome home|baby is born",
               DEED: r"laugh\w*|smil\w*|grin\w*|happ(?:y|ily|iness)|joy\w*|danc\w*|sing(?:s|ing)?|sang|cheer\w*|"
                     r"delight\w*|hug\w*|embrac\w*|giggl\w*|play(?:s|ing|ful)?|beam\w*|pose[sd]?|posing|"
                     r"photos?|selfies?|applau\w*|clap\w*|balloons?|cake|presents?|gifts?|excit\w*|thrilled|"
                     r"wonderful|welcome",
               COLOUR: r"sunny|sunshine|bright\w*|colourful|colorful|music|confetti|fireworks?|sparkl\w*"},
    M.ROMANTIC: {EVENT: r"propos(?:e|es|ed|al)|first date|date night|honeymoon|marry me|falls? in love|"
                        r"fell in love|wedding vows|vows|engagement ring",
                 DEED: r"kiss\w*|love\w*|lover\w*|darling|sweetheart|romantic\w*|hold\w* hands|holding hands|"
                       r"tender\w*|caress\w*|in (?:his|her) arms|gaze\w* into|blush\w*|flirt\w*|slow dance|"
                       r"candle\w*|roses?|heart",
                 COLOUR: r"moonlight|starlight|candlelit|soft light|sunset glow|warm glow"},
    M.MYSTERIOUS: {EVENT: r"myster\w*|secret\w*|clue\w*|ghost\w*|haunt\w*|disappear\w*|vanish\w*|missing|"
                          r"unknown|stranger|cloaked|hooded|code|cipher|riddle|strange signal|investigat\w*",
                   DEED: r"whisper\w*|creep\w*|sneak\w*|snoop\w*|search\w*|peer\w*|listen\w* for|"
                         r"footsteps|who's there|something moves|watch(?:es|ed|ing)? from|strange\w*",
                   COLOUR: r"shadow\w*|dark\w*|fog\w*|mist\w*|gloom\w*|silhouett\w*|flickering|candle|"
                           r"moonlit|eerie|empty|deserted|abandoned|echo\w*|static|radio crackl\w*|crackl\w*"},
    M.TRIUMPHANT: {EVENT: r"win(?:s|ning)?|won|victor\w*|triumph\w*|champion\w*|trophy|medal|gold medal|"
                          r"finish line|the crowd roars|promot\w*|saved the day|we did it|closing the deal|"
                          r"signs? the deal|deal is signed|rescued|summit|reach(?:es|ed)? the top|applause",
                   DEED: r"succe\w*|finally|proud\w*|raise[sd]? (?:his|her|their) arms|fist pump\w*|"
                         r"cheer\w* (?:for|him|her)|salut\w*|humiliat\w* (?:him|her)|exposes?|revealed|"
                         r"standing ovation",
                   COLOUR: r"golden|banner\w*|flags?"},
    M.COMIC: {EVENT: r"prank\w*|slapstick|pratfall|mix-up|mixup|chaos|disaster of a|wrong (?:house|room|door|order)|"
                     r"food fight|pie in",
              DEED: r"joke\w*|silly|ridiculous|clumsy|clumsily|oops|funny|trip(?:s|ped)? over|slip(?:s|ped)? on|"
                    r"spill\w*|drops? everything|tumbl\w*|stumbl\w*|wink\w*|tease[sd]?|teasing|snort\w*|"
                    r"awkward\w*|embarrass\w*|chases? the (?:dog|cat|chicken|goat)|sneez\w*|hiccup\w*|"
                    r"splutter\w*|grumbl\w*|argue\w* about|bicker\w*|sticky|covered in|mess",
              COLOUR: r"wobbl\w*|squeak\w*|honk\w*|goofy|dog|cat|parrot|goat"},
    M.CALM: {EVENT: r"morning routine|breakfast|coffee|tea|reads?|reading|paint\w*|garden\w*|fishing|"
                    r"stroll\w*|walk(?:s|ing)? along|meditat\w*|yoga|nap\w*|sleep\w*|rest\w*",
             DEED: r"gentl\w*|calm\w*|peace\w*|relax\w*|slow\w*|soft\w*|sip\w*|hum(?:s|ming)?|nods?|"
                   r"sits?|waters? the|knit\w*|stretch\w*",
             COLOUR: r"breeze|birdsong|birds|waves lap\w*|warm|still|sunlit|dappled"},
}

# A turn: the scene's mood may change from here. Bad news, a shot, an interruption.
_TURN = re.compile(
    r"\b(?:suddenly|all of a sudden|without warning|just then|but then|then the (?:phone|door|lights?)|"
    r"the phone rings|(?:a|the) phone buzz\w*|interrupt\w*|bad news|terrible news|news comes|the news|"
    r"a scream|screams?|a gunshot|gunshots?|shots ring|an explosion|crash(?:es)?|collaps\w*|"
    r"goes silent|falls silent|the music stops|music cuts|stops dead|freezes|bursts? in|storms? in|"
    r"barges? in|breaks? down|the smile fades|(?:his|her) face falls|face drops)\b", re.I)

_RES = [(m, w, re.compile(rf"\b(?:{p})\b", re.I)) for m, ws in _CUES.items() for w, p in ws.items()]
_ORDER = list(_CUES)  # ties: the table's order (sad and tense before the lighter moods)


@lru_cache(maxsize=8192)
def scores(text: str) -> tuple[tuple[M, int], ...]:
    """(mood, weighted score) for each mood the text gives any cue for, highest first."""
    got: dict[M, int] = {}
    for mood, w, rx in _RES:
        n = len(rx.findall(text))
        if n:
            got[mood] = got.get(mood, 0) + w * n
    return tuple(sorted(got.items(), key=lambda kv: (-kv[1], _ORDER.index(kv[0]))))


def mood_of(text: str, time: TimeOfDay | None = None) -> M:
    """The mood of a text. With no cue at all the hour decides (a scene at night is
    mysterious, at sunset romantic), and otherwise calm."""
    s = scores(text)
    if s:
        return s[0][0]
    return {TimeOfDay.NIGHT: M.MYSTERIOUS, TimeOfDay.SUNSET: M.ROMANTIC}.get(time, M.CALM)


def turn_at(texts: list[str]) -> int | None:
    """The index of the text where the scene's mood turns, or None: the first text with a turn
    word, after at least one before it, where the mood after differs from the mood before
    and the part after has strong cues of its own."""
    tried = 0
    for i in range(1, len(texts)):
        if tried >= 2:  # two tries each scored once: linear in the scene however many turn words
            break
        if _TURN.search(texts[i]):
            tried += 1
            before = scores(" ".join(texts[:i]))
            after = scores(" ".join(texts[i:]))
            if before and after and before[0][0] != after[0][0] and after[0][1] >= DEED:
                return i
    return None


def scene_moods(texts: list[str], time: TimeOfDay | None = None) -> tuple[M, int | None, M | None]:
    """(the scene's mood, the index where it turns or None, the mood after the turn).
    A scene with a turn is scored by what it is overall; the turn gives the later mood."""
    whole = mood_of(" ".join(texts), time)
    i = turn_at(texts)
    if i is None:
        return whole, None, None
    first = mood_of(" ".join(texts[:i]), time)
    later = mood_of(" ".join(texts[i:]), time)
    return first, i, later
