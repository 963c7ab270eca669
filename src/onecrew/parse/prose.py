"""Prose (a story, or a one-line prompt) read into a Script, by rules alone.

Two passes. The first finds the cast: capitalised names used as people, their appositive
descriptions and genders, and groups such as "two women and a man". The second walks the
paragraphs in order: a paragraph whose opening sentence names a new place or time starts a scene;
quoted speech ("…" or British ‘…’) becomes Dialogue attributed by the usual conventions of prose
("said the old man" is a character of its own unless it describes one already known); the
narration around it becomes one Action per sentence.

A character's gender is known from a description ("a tall woman"), a title or a common given name
("Mara"); she/he goes to the most recent character known to be of that gender. Only someone with
none of those takes a gender from a pronoun: "Kit opens the door. She waves."

Nothing here raises on odd input, and the same text always gives the same Script.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from ..model.script import Action, Dialogue, DialoguePart, Script, ScriptCharacter, ScriptScene
from ..vocabulary import places as _vplaces
from ..words import PEOPLE_NOUNS, gender_of, name_gender
from .source import spaced

# ---- words --------------------------------------------------------------------------------------

_EXT = ("beach shore seaside coast dunes boardwalk pier harbor harbour dock docks quay jetty marina street "
        "road alley avenue sidewalk square plaza market bridge park forest woods garden meadow field trail "
        "cliff cliffs hill lake river riverbank yard backyard courtyard playground cemetery rooftop roof "
        "terrace balcony lighthouse deck porch promenade campsite village town")
_INT = ("kitchen room bedroom bathroom house home apartment flat cottage cabin attic basement cellar garage "
        "hallway corridor office studio lab bar pub restaurant cafe café diner club tavern bistro shop store "
        "bakery bookshop library classroom school hospital church museum gallery hotel lobby elevator "
        "stairwell station car taxi cab truck van bus train subway barn warehouse theater theatre cinema")
_PLACES = {**{w: "EXT" for w in _EXT.split()}, **{w: "INT" for w in _INT.split()},
           "living room": "INT", "dining room": "INT", "coffee shop": "INT", "train station": "INT",
           "lighthouse gallery": "EXT", "parking lot": "EXT", "car park": "EXT", "bus stop": "EXT"}

# The places a story names, from the one vocabulary the director reads too (word → INT/EXT).
# `_PLACES` above stays the short list whose capitalised forms are never names; this one is
# what a sentence is searched for. A few words are left out here because prose uses them for
# other things ("stopped in her tracks", "in pitch darkness", "in place").
_NOT_PROSE_PLACES = {"place", "places", "inside", "outside", "indoors", "outdoors", "building", "buildings",
                     "corner", "corners", "block", "blocks", "bow", "bows", "stern", "lift", "lifts", "express",
                     "fair", "ice", "tracks", "pitch", "plant", "plants", "reception", "sea", "surf", "study",
                     "den", "lounge", "court", "cell", "cells", "bank", "banks", "station", "stations",
                     "terminal", "departures", "arrivals", "landing", "aisle", "shower", "showers", "lane",
                     "bunk", "bedside", "gala", "picnic", "cave", "caves", "sands", "sand", "grave", "graves"}
_PLACE_WORDS = {**{w: ("EXT" if ext else "INT") for w, (_k, _r, ext) in _vplaces.WORDS.items()
                   if w not in _NOT_PROSE_PLACES and not re.search(r"[^a-zé' -]", w)},
                **_PLACES}  # the old words stay places ("in the station", "by the bank")

_TIMES = {"sunset": "SUNSET", "sundown": "SUNSET", "golden hour": "SUNSET", "dusk": "DUSK",
          "twilight": "DUSK", "nightfall": "DUSK", "dawn": "DAWN", "sunrise": "DAWN", "daybreak": "DAWN",
          "first light": "DAWN", "noon": "DAY", "midday": "DAY", "day": "DAY", "midnight": "NIGHT",
          "tonight": "NIGHT", "night": "NIGHT", "morning": "MORNING", "afternoon": "AFTERNOON",
          "evening": "EVENING", "late at night": "NIGHT", "dead of night": "NIGHT", "still dark": "NIGHT",
          "pitch dark": "NIGHT", "after dark": "NIGHT", "black sky": "NIGHT", "starry sky": "NIGHT",
          "moonlight": "NIGHT", "moonlit": "NIGHT", "christmas eve": "NIGHT", "new year's eve": "NIGHT",
          "small hours": "NIGHT", "wee hours": "NIGHT", "early morning": "DAWN", "crack of dawn": "DAWN",
          "broad daylight": "DAY", "sunny afternoon": "AFTERNOON", "sunny morning": "MORNING",
          "late afternoon": "SUNSET", "lunchtime": "DAY"}

# past, present, then the parenthetical the verb gives ("-": none, it does not shade delivery)
_VERBS = """said says -; asked asks -; replied replies -; answered answers -; added adds -; began begins -;
continued continues -; agreed agrees -; explained explains -; admitted admits -; insisted insists -;
announced announces -; repeated repeats -; told tells -; whispered whispers whispering; shouted shouts
shouting; yelled yells yelling; laughed laughs laughing; cried cries crying out; muttered mutters
muttering; murmured murmurs murmuring; called calls calling out; sighed sighs sighing; snapped snaps
snapping; hissed hisses hissing; screamed screams screaming; gasped gasps gasping; sobbed sobs sobbing;
giggled giggles giggling; growled growls growling; stammered stammers stammering; exclaimed exclaims
exclaiming; teased teases teasing; pleaded pleads pleading; begged begs begging; warned warns warning"""
_SPEECH = {form: " ".join(paren) if paren != ["-"] else None
           for past, present, *paren in (row.split() for row in _VERBS.split(";")) for form in (past, present)}
_MANNER = "without|with|in|through|under|not|never|still|almost|barely"  # `, he said, without looking up`
_NOT_ADVERB = set("only early family holy ugly silly lonely lovely friendly likely daily belly ally reply "
                  "jolly".split())

_KINDS = {"woman": "women", "man": "men", "girl": "girls", "boy": "boys", "lady": "ladies",
          "gentleman": "gentlemen", "guy": "guys", "child": "children", "person": "people", "wife": "wives",
          "fisherman": "fishermen", **{k: k + "s" for k in (
              "friend kid teenager teen stranger student tourist mother father grandmother grandfather sister "
              "brother daughter son husband soldier sailor musician dancer neighbor neighbour traveler "
              "traveller colleague").split()}}
_BASE_KINDS = set(_KINDS)  # the capitalised forms of these are never names (in _STOP)
# Every noun for a person is a kind a group may have: "a detective questions a nervous suspect"
# casts two. Plurals by rule where not irregular above.
_KINDS.update({k: k + ("es" if k.endswith(("s", "sh", "ch")) else "s") for k in PEOPLE_NOUNS
               if k not in _KINDS and k not in {v for v in _KINDS.values()} and not k.endswith(("men", "ren", "ople"))})
_SINGULAR = {**{k: k for k in _KINDS}, **{v: k for k, v in _KINDS.items()}}
_ROLE_NOUNS = {*_SINGULAR, *PEOPLE_NOUNS}  # who may be named by a role: `"Go," said the old man.`
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a pair of": 2, "a few": 3, "several": 3,
            "a group of": 3}
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()

# Capitalised words that are not people: sentence openers, pronouns, days, months, weather...
_STOP = set("""I A An The This That These Those Then There Their They Them He She His Her Him It Its We Us Our
You Your My Me And But Or So Yet For Nor As At In On Of To By From With Without Into Over Under After Before
While When Where Why What Who Which How If Unless Until Though Although Because Since Once Now Later Soon
Still Just Even Only Also Again Always Never Sometimes Maybe Perhaps Suddenly Finally Meanwhile Outside Inside
Above Below Behind Beside Between Across Along Around Through Together Everyone Everybody Someone Somebody
Anyone Nobody No Nothing Something Everything All Both Each Every Some Many Most Few Several Another Other
Others One Two Three Four Five Six Seven Eight Nine Ten First Second Last Next Yes Oh Ah Hey Hi Hello Okay
Well Please Thanks Sorry Good Dear God Here Not Let Today Tonight Tomorrow Yesterday Morning Afternoon
Evening Night Noon Midnight Dawn Dusk Sunset Sunrise Monday Tuesday Wednesday Thursday Friday Saturday
Sunday January February March April May June July August September October November December Chapter Part
Scene End Mr Mrs Ms Dr Rain Snow Wind Waves Water Light Sunlight Moonlight Fog Mist Thunder Clouds Sun Moon
Stars Sky Sea Gulls Seagulls Birds Leaves Trees Dust Smoke Steam Music Silence Time Traffic Cars People
Footsteps Voices Doors Bells Tears Coffee Tea Somewhere Upstairs Downstairs Home English French Spanish
German Italian American British Almost Slowly Quickly Quietly Softly Gently Carefully Instead Beyond Like
Despite During""".split()) | {k.capitalize() for k in (*_BASE_KINDS, *(_KINDS[k] for k in _BASE_KINDS), *_PLACES)}
_REAL_STOP = _STOP - {k.capitalize() for k in _PLACES}  # place words may be surnames: Daniel Park
_PLACE_PREP = set("at in on the from to into onto near across through toward towards of a an inside outside "
                  "around past via st".split())  # a capitalised word after these is a place: "in Paris"
_ABBREV = set("mr mrs ms dr st jr sr prof mt ft capt lt sgt gen col rev vs approx e.g i.e a.m p.m fig ave "
              "rd".split())
_IRREGULAR = ("was is has had did does could would will can might must should sat stood ran came went took "
              "made saw felt held kept left met put set got gave found told thought knew grew threw drew wore "
              "woke rose fell led read spoke broke began brought caught heard sent spent lost paid laid stole "
              "sang drank ate slept wept hung shook froze drove rode wrote hid lit stuck swung won let cut hit")

# Nouns for family and ties, which may name someone already in the story: "her son" is Daniel.
_RELATIVES = set("""son daughter mother father mum mom dad brother sister husband wife grandson granddaughter
grandmother grandfather grandma grandpa uncle aunt nephew niece boyfriend girlfriend fiance fiancee boss
stepmother stepfather stepson stepdaughter""".split())


def _canon_words(parts) -> str:
    return " ".join(x.strip() for x in parts if x).replace("  ", " ")


# ---- patterns -----------------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _alt_by_first(words) -> str:
    """_alt's alternation with its alternatives grouped by first letter, each group keeping
    _alt's order. The regex engine tries alternatives one by one, so after every "to the" a
    1,000-word place alternation cost a thousand tries (over a second for a 1 MB paragraph);
    grouped, it tries a couple of dozen first letters, then only that letter's words. Matches
    are the same: at any position only one group's first letter can match (ASCII letters and
    digits, even case-insensitively), and within it the order is _alt's."""
    ordered = sorted(map(re.escape, words), key=len, reverse=True)
    if not all(w and w[0].isascii() and w[0].isalnum() for w in ordered):
        return "|".join(ordered)
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0].lower(), []).append(w)
    return "|".join(f"(?:{'|'.join(g)})" for g in groups.values())


_PLACE = _alt_by_first(_PLACE_WORDS)
_LOC = re.compile(  # "at the beach", "in a crowded bar", "in her car", "on Mara's old porch", "rides the tram"
    r"\b(?P<prep>(?i:at|in|on|inside|outside|into|onto|across|along|through|down|up|by|near|beside|toward|"
    r"towards|to|under|behind|around|within|from|off|aboard|rides?|riding|boards?|boarding|enters?|entering))\s+(?:(?:the|a|an|her|his|their|my|our|your|its|this|"
    r"that|[A-Z][a-z]+'s)\s+)?(?:(?!(?:and|or|of|with|the|a|an|to|at|in|on)\b)[a-z][a-z'-]*,?\s+){0,2}?"
    rf"(?P<place>(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?))\b")
_AT = set("at in on inside outside by near beside under behind around within aboard ride rides riding board boards "
          "boarding".split())
# "The vineyard glows gold", "The harbour is still dark": a sentence whose subject is a place is there.
_SUBJECT = re.compile(rf"^\s*(?:(?:the|a|an)\s+)?(?:[a-z][a-z'-]*\s+){{0,2}}?(?P<place>(?:{_PLACE})(?:\s+(?:{_PLACE}))?)"
                      r"\s+(?:is|was|are|were|glows?|glowed|lies|lay|sits?|sat|stands?|stood|hums?|hummed|"
                      r"smells?|smelled|looks?|looked|feels?|felt|fills?|filled|stretch\w*|sleeps?|slept|wakes?|"
                      r"woke|shines?|shone|buzz\w*|echo\w*|rings?|rang)\b", re.I)
_LOC_LOOSE = re.compile(rf"\b(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?)\b")
_PART = "morning|afternoon|evening|night|day"
# A bare "night" is too common ("all night") to set the scene; these phrases do.
_TIME = re.compile(
    rf"\b(?P<a>(?i:{_alt(k for k in _TIMES if k not in _PART.split('|'))}))\b"
    rf"|\b(?:in|during|through|at|by) (?:the )?(?P<b>{_PART})\b"
    rf"|\b(?:that|this|one|next|following|early|late|later that|each|every) (?P<c>{_PART})\b"
    rf"|(?:^|[,;—–-]\s*)(?P<d>{_PART})\b"
    rf"|\b(?:it is|it's|it was|is|was) (?:already |still |now |late at |past )?(?P<e>{_PART})\b")
_TIME_LOOSE = re.compile(rf"\b({_alt(_TIMES)})\b")

_SV, _KIND, _ADV = _alt(_SPEECH), _alt(_SINGULAR), r"[a-z]+ly"
_TITLES = set("Mr Mrs Ms Dr Miss Aunt Uncle Grandma Grandpa Granny Detective Officer Captain Inspector "
              "Sergeant Professor Doctor Agent Nurse Coach Sir Lady Lord".split())
_NOT_PEOPLE = set("The A An New San Los Las Saint North South East West Central".split())  # "New York"
_CAP = r"[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['-][A-Z][a-z]+)*"  # Mara, McKay, O'Neil, Mary-Jane
_NAME = rf"(?:(?:{'|'.join(_TITLES)})\.?\s+)?{_CAP}(?:\s+{_CAP})?"  # Mara, Sam Cole, Mr. Hale
_CAPS = r"[A-Z]{2,}(?:['-][A-Z]+)*"  # a name in capitals: NINA, O'NEIL
# the subject a sentence-final appositive describes: `Leo comes running, a tall man ...`
_APPOS_SUBJECT = re.compile(rf"\s*(?:[\"']\s*)?((?:{'|'.join(_TITLES)})\.?\s+)?({_CAP}(?:\s+{_CAP})?)\s+[a-z]")
# "His mother, " / "The lighthouse keeper, " right before a name: the role is that person's
_ROLE_BEFORE = re.compile(rf"(?:^|[\s\"])((?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|{_CAP}'s)\s+(?:[a-z-]+\s+)"
                          rf"{{0,2}}?(?:{_alt(_ROLE_NOUNS)})),\s*$")
_RUN = re.compile(rf"\b(?:(?:Mr|Mrs|Ms|Dr)\.\s)?(?:{_CAP}|{_CAPS})(?: (?:{_CAP}|{_CAPS}))*\b")  # capitalised words in a row
# The look-ups _find_names makes around every capitalised run, compiled once: built from
# f-strings per call, the re module's cache had to rebuild and hash the speech-verb alternation
# for each of a long paragraph's tens of thousands of runs.
_PREV_WORD = re.compile(r"([\w']+)\.?\s*$")
_SPEECH_AFTER = re.compile(rf"\s+(?:{_ADV}\s+)?(?:{_SV})\b|\s*:\s*\"")
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SV})\s+$")
_LISTED_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+and\s+$")
_LOWER_AFTER = re.compile(r"\s+[a-z]")
_ENDS_OR_IS = re.compile(r"\s*[,.;!?]|\s+(?:is|was)\b")
_NOT_OPENING = re.compile("[^ \"'(]")  # what str.strip(" \"'(") would keep
# "the old man", "her brother", "Anna's nurse": a determiner, at most two words, a noun for a person
_ROLE = (rf"(?:[Tt]he|[Aa]n?|[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our|{_CAP}'s)\s+(?:[a-z]+\s+){{0,2}}?"
         rf"(?:{_alt(_ROLE_NOUNS)})(?![\w'-])")
_ROLE_RX = re.compile(_ROLE)
_NARRATED_ROLE = re.compile(rf"(?<![\w'])(?![Aa]n?\s){_ROLE}(?!,?\s+[A-Z][a-z])")  # not "her brother Elias"
_WHO = rf"(?:{_NAME}|[Ss]he|[Hh]e|[Tt]hey|I|[Ss]ome(?:one|body)|{_ROLE})"
_TO = rf"(?:\s+(?:to|at)\s+(?:{_ROLE}|him|her|them|{_NAME})|\s+(?:{_ROLE}|him|her|them|me|us)(?![\w'])|(?:(?<=asked)|(?<=asks)|(?<=told)|(?<=tells))\s+{_NAME})?"
# after a quote: `, said Mara softly` / ` Mara whispered` / ` she said to Ben`
_AFTER = re.compile(rf"^[\s,]*(?:(?:[Tt]hen|and)\s+)?(?:(?P<v1>{_SV})\s+(?P<w1>{_WHO})|(?P<w2>{_WHO})\s+"
                    rf"(?:(?P<a1>{_ADV})\s+)?(?P<v2>{_SV}))(?![\w'])(?:\s+(?P<a2>{_ADV})\b)?{_TO}")
# before a quote: `Mara said, "` / `Then she whispered to Ben: "`
_BEFORE = re.compile(rf"(?<![\w'])(?:(?:[Tt]hen|[Aa]nd|[Bb]ut|[Ss]o)\s+)?(?P<w>{_WHO})\s+(?:(?P<a1>{_ADV})\s+)?"
                     rf"(?P<v>{_SV})(?:\s+(?P<a2>{_ADV}))?{_TO}\s*[,:]\s*$")
# `Ben looked up and said, "`: the speaker is the sentence's subject
_AND_SAID = re.compile(rf"\s(?:and|then)\s+(?:then\s+)?(?P<v>{_SV})(?:\s+(?P<a1>{_ADV}))?\s*[,:]\s*$")
_VERBISH = re.compile(rf"^(?:(?:\s*,?\s+and\s+{_NAME})+\s+[a-z]|\s+(?:{_ADV}\s+)?(?:"
                      rf"{_IRREGULAR.replace(' ', '|')}|[a-z]*[a-rt-z]s|[a-z]+ed)\b)")
_APPOS = re.compile(r",\s+(?P<d>(?:a|an|the|her|his|their|my|our)\s+[^,;.!?\"]+?|\d{1,2}s?|(?:in (?:her|his) )?"
                    r"(?:early |late |mid-)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies))"
                    r"(?P<more>(?:,\s+(?:with|wearing|dressed|in (?:a|an|her|his))\b[^,;.!?\"]*)*)\s*(?:[,.;!?]|$)")
_IS_A = re.compile(r",?\s+(?:is|was)\s+(?P<d>an?\s+[^,;.!?\"]+)")
_WEARS = re.compile(r"\s+(?:wears|wore|is wearing|was wearing)\s+(?P<d>[^,;.!?\"]+)")

_NUM = r"a couple of|a pair of|a group of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_ADJ = r"(?:(?!(?:and|or|of|with|the|a|an|her|his|their)\b)[a-z][a-z-]*\s+){0,2}?"
_MEMBER = re.compile(rf"(?<!as )(?<!like )\b(?P<num>(?i:{_NUM}))\s+(?P<adj>{_ADJ})(?P<kind>{_KIND})\b(?!-)")
_CHAIN = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<num>(?i:{_NUM}|her|his|their))\s+(?P<adj>{_ADJ})"
                    rf"(?P<kind>{_KIND})\b(?!-)")  # "... and a man", "... and her grandfather"
_LOOK = re.compile(r"(?:,?\s+(?:in|with|wearing)\s+(?:(?:an?|the|her|his|their)\s+)?(?:[a-z-]+\s+){0,3}?"
                   r"(?:hair|beard|moustache|glasses|coats?|raincoats?|jackets?|dress(?:es)?|gowns?|skirts?|"
                   r"suits?|shirts?|sweaters?|hoodies?|jeans|boots|shoes|sneakers|hats?|caps?|scarf|scarves|"
                   r"uniforms?|aprons?|cloaks?|ties?|braids|ponytails?)\b)+")
_REF = re.compile(rf"\b[Tt]he\s+(?:(?:two|three|four|five|six)\s+)?(?:[a-z]+\s+)?(?P<kind>{_KIND})\b")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "\u00a0": " ", "\t": " "})
_APOSTROPHES = str.maketrans("‘’", "''")
_OPENER = re.compile(r'"|(?<![^\s(\[—–-])‘(?=\S)')  # a double quote, or a ‘ that starts a word


# ---- text -------------------------------------------------------------------------------------

@dataclass
class _Para:
    text: str  # the paragraph's lines joined by single spaces
    starts: list[int]  # where each source line begins in `text`
    first_line: int
    offset: int  # where `text` begins in the whole story: groups are found by it
    blank: str = ""  # `text` with the speech blanked out
    sents: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, pos: int) -> int:
        return self.first_line + max(0, bisect.bisect_right(self.starts, pos) - 1)


def _blocks(text: str) -> tuple[str, list]:
    """The title, and in order: paragraphs, and (heading text or None, line) for each scene break."""
    title, blocks, lines, offset = "", [], [], 0

    def flush():
        nonlocal offset
        if lines:
            starts = list(accumulate((len(t) + 1 for _, t in lines[:-1]), initial=0))
            p = _Para(" ".join(t for _, t in lines), starts, lines[0][0], offset)
            p.blank = _blank_quotes(p.text)
            p.sents = _sentences(p.blank)
            blocks.append(p)
            offset += len(p.text) + 1
            lines.clear()

    for n, raw in enumerate(text.split("\n"), 1):
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", raw)
        if heading or re.match(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$", raw):
            flush()
            if heading and len(heading.group(1)) == 1 and not blocks and not title:
                title = heading.group(2)  # a leading "# Title" names the story, not a place
            else:
                blocks.append((heading.group(2) if heading else None, n))
        elif not raw.strip():
            flush()
        else:  # Markdown quote, list and emphasis marks are not part of the story
            t = re.sub(r"^\s*(?:>\s*)*(?:[-+*]\s+|\d+[.)]\s+)?", "", raw)
            if t.startswith('"') and lines and lines[-1][1][-1:] in '.!?…"' \
                    and not sum(ln.count('"') for _, ln in lines) % 2:
                flush()  # a line that opens speech after a finished sentence: a new paragraph
            lines.append((n, " ".join(re.sub(r"\*\*|__|(?<!\w)[*_]+|[*_]+(?!\w)", "", t).split())))
    flush()
    return title, blocks


def _single_quotes(text: str) -> str:
    """British ‘speech’ rewritten as "speech". A ‘ that starts a word opens speech when one of the
    next few ’ that end a word closes it and the quotation has an attribution (‘Out,’ said Tom. /
    Tom said, ‘Out.’) or is a sentence of its own; ‘…’ inside "…" is a quote within speech. Every
    other ‘ and ’ is an apostrophe: don’t, Nora’s, the boys’ bikes, ’90s, ‘Twas. Straight single
    quotes are never speech: in 'Out,' said Tom nothing tells the quote from an apostrophe."""
    out, pos = list(text), 0
    ends = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]  # of paragraphs
    closers = [m.start() for m in re.finditer(r"(?<=\S)’(?![\w’])", text)]
    while m := _OPENER.search(text, pos):
        pos, stop = m.end(), ends[bisect.bisect_left(ends, m.end())]
        if m.group() == '"':
            pos = text.find('"', pos, stop) + 1 or stop
            continue
        before = re.split(r"\n\s*\n", text[max(0, m.start() - 200):m.start()])[-1]
        led = bool(_said_before(before, 0, len(before)))  # `Tom said, ‘`
        first = before.rstrip()[-1:] in '.!?…"’'  # the quote starts a sentence
        k = bisect.bisect_left(closers, pos)
        for close in (c for c in closers[k:k + 8] if c < stop):
            last, after = text[pos:close].rstrip()[-1:] or " ", text[close + 1:min(stop, close + 200)]
            if ((a := _AFTER.match(after)) and _can_speak(a["w1"] or a["w2"])  # ‘Out,’ said Tom.
                    or led and last in ".!?…,—–-"
                    or first and last in ".!?…" and re.match(r'\s*(?:$|[A-Z"‘])', after)):  # ‘Out.’ Tom left.
                out[m.start()] = out[close] = '"'
                out[pos:close] = text[pos:close].replace('"', "'")
                pos = close + 1
                break
    return "".join(out)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each quotation; an unclosed one runs to the end."""
    marks = [i for i, c in enumerate(text) if c == '"']
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    return spans + [(marks[-1], len(text))] if len(marks) % 2 else spans


def _blank_quotes(text: str) -> str:
    """Speech replaced by spaces, offsets kept, so that places and names said aloud are not read
    as narration; a final . ! ? stays, to end the sentence it closes."""
    out = list(text)
    for o, c in _quote_spans(text):
        inner = text[o + 1:c].rstrip()
        end = o + 1 + len(inner.rstrip(".!?…"))
        out[o + 1:end] = " " * (end - o - 1)
    return "".join(out)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: never inside quotes, nor after Mr. Dr. St. or an initial."""
    out, start, inq, i, n = [], 0, False, 0, len(text)
    while i < n:
        if text[i] == '"':
            inq = not inq
        elif text[i] in ".!?…":
            j = i
            while j < n and text[j] in ".!?…":
                j += 1
            end = j
            if inq:  # `He said, "Go." Then...` ends a sentence; `"Go!" Mara said.` does not
                if j >= n or text[j] != '"' or not _new_sentence_after(text, j + 1):
                    i = j
                    continue
                end, inq = j + 1, False
            while end < n and text[end] in ")]'":
                end += 1
            word = re.search(r"[\w.]*$", text[max(start, i - 20):i]).group().lower()
            if ((end < n and not text[end].isspace())
                    or (text[i:j] == "." and (word.rstrip(".") in _ABBREV or (len(word) == 1 and word.isalpha()
                                                                             and text[i - 1].isupper())))
                    or (("…" in text[i:j] or ".." in text[i:j]) and text[end:end + 50].lstrip()[:1].islower())):
                i = j
                continue
            out.append((start, end))
            start = i = end
            continue
        i += 1
    out.append((start, n))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip()))
            for s, e in out if text[s:e].strip()]


def _new_sentence_after(text: str, p: int) -> bool:
    rest = text[p:p + 200]
    if not rest.strip():
        return True
    if not rest[0].isspace():
        return False
    rest = rest.lstrip()
    return (rest[0].isupper() or rest[0] == '"') and not _AFTER.match(rest)


def _setting(text: str, loose: bool = False, change: bool = False) -> tuple[str | None, str, str]:
    """(INT/EXT, LOCATION, TIME) that a sentence (or, loosely read, a heading) establishes. Being
    "at/in/on" a place beats going "to/into" one, which beats coming "from" one; only the first
    may move a story already somewhere (`change`): "he tossed it into the river" does not."""
    slug = (loose or text.isupper()) and re.match(r"\s*(INT|EXT)[./\s]+(.+?)(?:\s+[-–—]+\s+(.+?))?\s*$", text, re.I)
    if slug:  # a heading written as a slugline: "INT. MUSEUM - NIGHT"
        t = (slug.group(3) or "").lower()
        return slug.group(1).upper(), slug.group(2).upper(), _TIMES.get(t, t.upper())
    if text.isupper():  # "DOWN AT THE DOCKS": a heading in capitals reads as words
        text = text.lower()
    found = list((_LOC_LOOSE if loose else _LOC).finditer(text))
    rank = [0 if loose or f["prep"].lower() in _AT else 2 if f["prep"].lower() in ("from", "off") else 1
            for f in found]
    subject = None if loose else _SUBJECT.match(text)
    if subject:  # the sentence is about the place: it is where we are
        found, rank = [subject, *found], [0, *rank]
    m = found[rank.index(min(rank))] if found and not (change and min(rank)) else None
    place = " ".join(m.group(0 if loose else "place").lower().split()) if m else ""
    p = _vplaces.place_of(place) if place else None
    ie = p.int_ext.value if p else (_PLACE_WORDS.get(place) or _PLACE_WORDS.get(place.split()[-1]) if place else None)
    prep = m.groupdict().get("prep") if m and not loose else None
    if prep and prep.lower() in ("inside", "outside", "by", "near", "beside", "behind"):
        ie = "INT" if prep.lower() == "inside" else "EXT"  # "waiting by the car" is outside it
    t = (_TIME_LOOSE if loose else _TIME).search(text.lower() if loose else text[:1].lower() + text[1:])
    return ie, place.upper(), _TIMES[next(g for g in t.groups() if g).lower()] if t else ""


def _clean(s: str) -> str:
    """A narration fragment as an action line: no stray commas or conjunctions left by a cut."""
    s = re.sub(r"^(?:[\s,;:—–-]+|(?:and then|and|then)\b\s*)+", "", " ".join(s.split()))
    s = re.sub(r"[\s,;:—–-]+$", "", s)
    if not re.search(r"\w", s):
        return ""
    return s if s[-1] in ".!?…\"')" else s + "."


def _can_speak(who: str | None) -> bool:
    """An attribution's subject is a pronoun, a role ("the old man", "her brother"), a name (not
    "Then"), or None for `... and said,` whose speaker is the sentence's subject."""
    return who is None or who.lower() in ("she", "he", "they", "i", "someone", "somebody") \
        or bool(_ROLE_RX.fullmatch(who)) or who.split()[-1] not in _STOP


def _name_gender(name: str) -> str | None:
    """What a given name suggests, titles aside: "Detective Sam Cole" is a man."""
    return name_gender(" ".join(w for w in name.split() if w.rstrip(".") not in _TITLES))


def _paren(verb: str | None, adverb: str | None) -> str | None:
    adverb = adverb if adverb not in _NOT_ADVERB else None
    return " ".join(x for x in (_SPEECH.get(verb or ""), adverb) if x) or None


# ---- a paragraph in pieces --------------------------------------------------------------------

@dataclass
class _Piece:
    """A stretch of a paragraph: narration, a quote, or the attribution ("she said") that names a
    quote's speaker, cut out of the narration right before or right after that quote."""
    kind: str  # "narration", "quote" or "said"
    at: int  # where it begins in the paragraph's text
    text: str  # as written; a quote's words with their spacing collapsed
    who: str | None = None  # "said": the subject as written; None in `... and said,` (the sentence's)
    paren: str | None = None  # "said": the delivery its verb and adverb give
    after: bool = False  # "said": it follows its quote (`"Go," she said`) rather than leads into it
    said: _Piece | None = None  # "quote": its attribution


def _pieces(text: str) -> list[_Piece]:
    """The paragraph in reading order. Each quote's attribution is looked for before it, then after
    it, and cut off the narration there. A quote split by its attribution is one speech (`"I know,"
    said Ben, "but not today."`): a quote that does not end its sentence goes on into the next when
    only its own attribution and punctuation, none ending the sentence, stand between them and the
    next has no attribution of its own."""
    spans = _quote_spans(text)
    gaps = [[a, b] for a, b in zip([0] + [c + 1 for _, c in spans], [o for o, _ in spans] + [len(text)])]
    said: list[_Piece | None] = []  # of each quote
    for k, (o, c) in enumerate(spans):  # narration k lies between quote k-1 and quote k
        ends = text[o + 1:c].rstrip()[-1:] in ".!?…" and k + 1 < len(spans)
        if sp := _said_before(text, *gaps[k]):
            gaps[k][1] = sp.at
        elif sp := _said_after(text, *gaps[k + 1], ends):
            gaps[k + 1][0] = sp.at + len(sp.text)
        said.append(sp)
    out: list[_Piece] = []
    for k, (a, b) in enumerate(gaps):
        if k and said[k - 1] and said[k - 1].after:
            out.append(said[k - 1])
        if text[a:b].strip():
            out.append(_Piece("narration", a, text[a:b]))
        if k == len(spans):
            break
        words = " ".join(text[spans[k][0] + 1:spans[k][1]].split())
        if k and quote.text[-1:] not in ".!?…" and not said[k] and not re.search(r"[\w.!?…]", text[a:b]):
            quote.text += " " + words
            continue
        if said[k] and not said[k].after:
            out.append(said[k])
        out.append(quote := _Piece("quote", spans[k][0] + 1, words, said=said[k]))
    return out


def _said_before(text: str, a: int, b: int) -> _Piece | None:
    """The attribution that ends text[a:b] and leads into a quote: `Mara said, ` / `Mara: `."""
    before = text[a:b]
    if (m := re.fullmatch(rf"\s*({_NAME})\s*:\s*", before)) and _can_speak(m[1]):
        return _Piece("said", a, before, m[1])
    m = _BEFORE.search(before) or _AND_SAID.search(before)
    if not m or not _can_speak(who := m.groupdict().get("w")):
        return None
    cut = m.start() + (0 if who else 1)  # `Ben looked up and said,`: the narration keeps "Ben looked up"
    return _Piece("said", a + cut, before[cut:], who, _paren(m["v"], m["a1"] or m.groupdict().get("a2")))


def _said_after(text: str, a: int, b: int, ends: bool) -> _Piece | None:
    """The attribution that begins text[a:b], right after a quote (`, said Mara softly`); `ends`:
    that quote ends its sentence and another quote follows."""
    m = _AFTER.match(after := text[a:b])
    if not m or not _can_speak(who := m["w1"] or m["w2"]):
        return None
    if ends and re.fullmatch(r"\s*[,:]\s*", after[m.end():]):
        return None  # `"Hi." Ben said, "Hello."`: the clause leads into the next quote
    return _Piece("said", a, m.group(), who, _paren(m["v1"] or m["v2"], m["a1"] or m["a2"]), after=True)


# ---- the reader -------------------------------------------------------------------------------

@dataclass
class _Char:
    name: str
    pos: int  # first appearance in the story, for the cast's order
    description: str = ""
    gender: str | None = None  # known from a description, a title or a given name; else from a pronoun
    placeholder: bool = False  # "Woman 1", "Old Man": never searched for in the text


@dataclass
class _Group:
    start: int
    members: list[str]
    kinds: dict[str, str]  # member -> singular kind: "Woman 1" -> "woman"


@dataclass
class _Scene:
    line: int
    hint: str | None = None  # a Markdown heading's text
    ie: str | None = None
    loc: str = ""
    time: str = ""
    elements: list = field(default_factory=list)


class _Reader:
    def __init__(self, text: str):
        self.title, self.blocks = _blocks(text)
        self.paras = [b for b in self.blocks if isinstance(b, _Para)]
        self.chars: dict[str, _Char] = {}
        self.groups: list[_Group] = []  # in story order, so found by bisecting their starts
        self.group_starts: list[int] = []
        self.recent: list[str] = []  # most recently mentioned first
        self.speakers: list[str] = []  # most recent first, each once
        self.they: list[str] = []  # who a "they" in the next sentence means
        self.name_rx: re.Pattern | None = None
        self.alias: dict[str, str] = {}
        self.numbered: dict[str, int] = {}  # next free number per placeholder kind
        self.roles: dict[str, str] = {}  # "old man" -> "Old Man": who "the old man" in narration is

    # -- pass 1: the cast -----------------------------------------------------------------------

    def _cast(self) -> None:
        for p in self.paras:
            for s, e in p.sents:
                self._find_groups(p.blank, s, e, p.offset)
                self._find_names(p.blank, s, e, p.offset)
        self._name_reveals()
        # "Sam" and "Cole" mean Sam Cole, unless another full name shares the word
        full = [c.name for c in self.chars.values() if " " in c.name and not c.placeholder]
        words = Counter(w for n in full for w in set(n.split()) if w.rstrip(".") not in _TITLES)
        self.alias = {w: n for n in full for w in n.split() if words[w] == 1}
        for w, n in self.alias.items():
            if w in self.chars and not self.chars[w].placeholder:
                c = self.chars.pop(w)
                self._add(n, c.pos, c.description, c.gender)
                for g in (g for g in self.groups if w in g.kinds):  # a group's member, named by that word
                    g.members, g.kinds[n] = [n if m == w else m for m in g.members], g.kinds.pop(w)
        for c in self.chars.values():  # what the text does not say, a common given name may
            c.gender = c.gender or (None if c.placeholder else _name_gender(c.name))
        names = [c.name for c in self.chars.values() if not c.placeholder]
        self.name_rx = re.compile(rf"(?<![\w'])(?:{_alt([*names, *self.alias])})(?!\w)") if names else None
        # A pronoun right after one name of no known gender gives it that gender, unless someone of
        # that gender was named in the last few sentences.
        prev: list[str] = []
        window: list[list[str]] = []
        for p in self.paras:
            for s, e in p.sents:
                found = self._named(p.blank[s:e], p.offset + s)
                for m in re.finditer(r"\b(?:([Ss]he|[Hh]er|[Hh]ers|[Hh]erself)|([Hh]e|[Hh]im|[Hh]is|[Hh]imself))\b",
                                     p.blank[s:e]):
                    g = "female" if m.group(1) else "male"
                    # "his"/"herself" may be the sentence's own subject's; "him" never is: "Ana ran after him"
                    own = m.group().lower() in ("his", "hers", "himself", "herself")
                    cands = prev + [n for at, n in found if at < m.start() and own]
                    unknown = {n for n in cands if self.chars[n].gender is None}
                    if len(unknown) == 1 and not any(self.chars[n].gender == g for n in cands + sum(window, [])):
                        self.chars[unknown.pop()].gender = g
                prev = [n for _, n in found] or prev
                window = (window + [[n for _, n in found]])[-3:]

    def _name_reveals(self) -> None:
        """"A man in a blue uniform walks in. His name is Viktor.": one character, Viktor, who
        takes the placeholder's description and place in every group."""
        for p in self.paras:
            for m in re.finditer(rf"\b([Hh]is|[Hh]er) name (?:is|was) ({_NAME})", p.blank):
                name, at = self._canon(m[2]), p.offset + m.start()
                gender = "male" if m[1].lower() == "his" else "female"
                earlier = [c for c in self.chars.values() if c.placeholder and c.pos < at and c.gender in (gender, None)]
                if not earlier or name not in self.chars:
                    continue
                old = max(earlier, key=lambda c: c.pos)
                self.chars.pop(old.name)
                self._add(name, old.pos, old.description, old.gender or gender)
                for g in (g for g in self.groups if old.name in g.kinds):
                    g.members, g.kinds[name] = [name if x == old.name else x for x in g.members], g.kinds.pop(old.name)

    def _add(self, name: str, pos: int, description: str = "", gender: str | None = None,
             placeholder: bool = False) -> None:
        c = self.chars.setdefault(name, _Char(name, pos, placeholder=placeholder))
        c.pos = min(c.pos, pos)
        if description and description not in c.description:
            c.description = f"{c.description}, {description}" if c.description else description
        c.gender = c.gender or gender or gender_of(c.description, pronouns=False)

    def _find_names(self, text: str, s: int, e: int, base: int) -> None:
        # Where the sentence's first character other than space, quote or bracket stands: a run
        # opens the sentence when it starts at or before it. Found once, not by stripping the
        # slice text[s:at] for every run (a 1 MB sentence of names made that quadratic).
        opening = _NOT_OPENING.search(text, s, e)
        opening = opening.start() if opening else e
        for run in _RUN.finditer(text, s, e):
            caps = run.group().isupper()  # NINA: a name in capitals counts only when described
            words = [w.title() if w.isupper() and len(w) > 1 and w.rstrip(".") != "I" else w
                     for w in run.group().split()]
            lead = next((i for i, w in enumerate(words) if w.rstrip(".") in _TITLES or w not in _STOP), len(words))
            name_words = [w for w in words[lead:] if w.rstrip(".") not in _TITLES]
            # after a title or a given name, a place word is a surname (Mrs. Park, Daniel Park), and a
            # short word that opens sentences is a name's second word (Qiao An)
            titled = lead < len(words) and (words[lead].rstrip(".") in _TITLES or bool(name_words and
                                                                                     name_gender(name_words[0])))
            if (words[0] in _NOT_PEOPLE and (lead or len(words) > 1) or not name_words or len(name_words) > 2
                    or any((w in _REAL_STOP if titled or (i and len(w) <= 3) else w in _STOP) or len(w) < 2
                           for i, w in enumerate(name_words))):
                continue  # a thing or a place: "The Golden Gate", "Hyde Park", "New York City"
            name = " ".join(words[lead:])
            at = run.start() + len(" ".join(words[:lead] + [""])) if lead else run.start()
            before, after = text[max(0, at - 40):at], text[run.end():run.end() + 160]
            prev = (_PREV_WORD.search(before) or [None, ""])[1]
            desc = [d["d"] + (d.groupdict().get("more") or "")
                    for d in (_APPOS.match(after), _IS_A.match(after)) if d]
            desc += ["wearing " + w["d"] for w in [_WEARS.match(after)] if w]
            speech = _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before)
            listed = _LISTED_BEFORE.search(before) and _LOWER_AFTER.match(after)
            initial = at <= opening  # not text[s:at].strip(" \"'(")
            # "His mother, Mrs. Park," / "The lighthouse keeper, Aldo Ferri,": the role is theirs
            if role := _ROLE_BEFORE.search(before):
                if _ENDS_OR_IS.match(after):
                    desc.append(role[1][0].lower() + role[1][1:])
            if caps and not (desc or speech):
                continue
            # A name in the middle of a sentence is a person unless it follows "at", "in"...; a
            # sentence's first word is one only when a verb follows: "Mara pours", not "Later".
            if speech or desc or (prev.lower() not in _PLACE_PREP
                                  and (not initial or listed or _VERBISH.match(after))):
                self._add(name, base + at, ", ".join(d.strip() for d in desc),
                          gender_of(words[lead].rstrip("."), pronouns=False) if words[lead].rstrip(".") in _TITLES else None)

    def _canon(self, raw: str) -> str:
        """A name as the cast knows it: "Then Mara" → "Mara", "Cole" → "Sam Cole"."""
        words = raw.split()
        while len(words) > 1 and words[0] in _STOP and words[0].rstrip(".") not in _TITLES:
            words.pop(0)
        return self.alias.get(" ".join(words), " ".join(words))

    def _find_groups(self, text: str, s: int, e: int, base: int) -> None:
        pos = s
        while m := _MEMBER.search(text, pos, e):
            items, pos = [m], m.end()
            while c := _CHAIN.match(text, pos, e):
                items.append(c)
                pos = c.end()
            if re.search(r"(?:\b(?:is|was|as|like|became)|[A-Z][A-Za-z'.-]+,)\s+$",
                         text[max(0, m.start() - 30):m.start()]):
                continue  # describes someone already named: "Mara, a tall woman", "NINA, a ..."
            # (bounded look-ups, not slices: a huge paragraph stays linear)
            subject = _APPOS_SUBJECT.match(text, s, m.start()) if text[max(s, m.start() - 2):m.start()].strip() == "," else None
            if subject and len(items) == 1 and m["num"].lower() in ("a", "an") and subject[2].split()[-1] not in _STOP:
                # "Leo comes running round the corner, a tall man with ...": the subject, described
                look = _LOOK.match(text, pos, e)
                self._add(_canon_words(subject.group(1, 2)), base + s + subject.start(2),
                          text[m.start():look.end() if look else m.end()].strip(" ,"))
                continue
            parsed = [(min(int(n) if n.isdigit() else _NUMBERS.get(n, 1), 8) or 1, i["adj"], _SINGULAR[i["kind"]])
                      for i in items for n in [" ".join(i["num"].lower().split())]]
            total = Counter()
            for n, _, kind in parsed:
                total[kind] += n
            look = _LOOK.match(text, pos, e)  # "a woman in a red coat"
            pos, look = (look.end(), " " + " ".join(look.group().strip(" ,").split())) if look else (pos, "")
            named = re.match(rf"\s*(?:[,(—–:]\s*|\s+(?:named|called)\s+)(?P<n>{_NAME}(?:\s*,\s*{_NAME})*"
                             rf"(?:\s*,?\s+and\s+{_NAME})?)", text[pos:e])  # "Two friends, Ana and Leo, ..."
            names = [n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", named["n"]) if n.split()[-1] not in _STOP
                     ] if named else []
            names = names if len(names) == sum(total.values()) else []
            group = _Group(base + m.start(), [], {})
            for n, adj, kind in parsed:
                for _ in range(n):
                    many = total[kind] > 1
                    name = names[len(group.members)] if names else self._free(kind.capitalize(), many)
                    number = _NUMBER_WORDS[total[kind]] if total[kind] <= 10 else total[kind]
                    article = "an" if (adj or kind)[0] in "aeiou" else "a"
                    desc = (f"one of {number} {adj}{_KINDS[kind]}" if many else f"{article} {adj}{kind}"
                            ) + (look if len(parsed) == 1 else "")
                    self._add(name, group.start + len(group.members), desc, gender_of(kind, pronouns=False), not names)
                    group.members.append(name)
                    group.kinds[name] = kind
            self.groups.append(group)
            self.group_starts.append(group.start)

    def _free(self, base: str, numbered: bool) -> str:
        """A placeholder's name: Man, or Man 2 when taken; Woman 1 when the group has several."""
        if not numbered and base not in self.chars:
            return base
        n = self.numbered.get(base, 1 if numbered else 2)
        while f"{base} {n}" in self.chars:
            n += 1
        self.numbered[base] = n + 1
        return f"{base} {n}"

    # -- who a sentence is about ----------------------------------------------------------------

    def _groups_in(self, at: int, length: int) -> list[_Group]:
        starts = self.group_starts
        return self.groups[bisect.bisect_left(starts, at):bisect.bisect_left(starts, at + length)]

    def _named(self, sent: str, at: int) -> list[tuple[float, str]]:
        """(position, name) for names, group phrases and "the women", in reading order."""
        found = [(m.start(), self.alias.get(m.group(), m.group())) for m in self.name_rx.finditer(sent)
                 ] if self.name_rx else []
        for g in self._groups_in(at, len(sent)):
            found += [(g.start - at + i / 100, n) for i, n in enumerate(g.members)]
        for m in _REF.finditer(sent):
            found += [(m.start() + i / 100, n) for i, n in enumerate(self._of_kind(m["kind"], at))]
        for phrase, name in self.roles.items():
            found += [(m.start(), name) for m in re.finditer(rf"\b[Tt]he {phrase}\b", sent)]
        return sorted(found)

    def _of_kind(self, word: str, at: int) -> list[str]:
        """Members of a kind in the latest group before `at`: "the women" → all, "the woman" → one."""
        kind = _SINGULAR[word]
        for g in reversed(self.groups[:bisect.bisect_right(self.group_starts, at)]):
            if members := [n for n in g.members if g.kinds[n] == kind]:
                return members if word != kind else members[:1]
        return []

    def _resolve(self, gender: str, acquire: bool = True) -> str | None:
        """The most recent character known to be of that gender (from a description, a title, a
        given name or an earlier pronoun); else the most recent of no known gender, who takes it."""
        name = next((n for n in self.recent if self.chars[n].gender == gender), None)
        if name is None and acquire and (name := next((n for n in self.recent if self.chars[n].gender is None), None)):
            self.chars[name].gender = gender
        return name

    def _touch(self, name: str) -> None:
        if name in self.recent:
            self.recent.remove(name)
        self.recent.insert(0, name)

    def _about(self, sent: str, at: int, prev: tuple[str, ...]) -> tuple[str, ...]:
        """Who an action sentence is about, resolving she/he/they as they come."""
        events = self._named(sent, at) + [(m.start(), m.group().lower())
                                          for m in re.finditer(r"\b(?:[Ss]he|[Hh]e|[Tt]hey)\b", sent)]
        # "the old man", "her brother": a role the narration names is a character, as in "said the old man"
        # (not "a man" nor "the women", a group's; nor a bare "the man", which only refers back)
        events += [(m.start(), self._role(w, at + m.start())) for m in _NARRATED_ROLE.finditer(sent)
                   if _SINGULAR.get(noun := (w := m.group().split())[-1].lower(), noun) == noun
                   and (len(w) > 2 or w[0].lower() != "the" or noun not in _SINGULAR)]
        out: list[str] = []
        for _, who in sorted(events):
            if who == "they":
                names = self.they or (list(prev) if len(prev) > 1 else [])
            elif who in ("she", "he"):
                names = [n for n in [self._resolve("female" if who == "she" else "male")] if n]
            else:
                names = [who]
            for n in names:
                self._touch(n)
                out += [n] if n not in out else []
        self.they = [n for g in self._groups_in(at, len(sent)) for n in g.members] or [
            n for m in _REF.finditer(sent) if m["kind"] != _SINGULAR[m["kind"]] for n in self._of_kind(m["kind"], at)]
        return tuple(out)

    def _who(self, raw: str, at: int) -> str:
        """The character an attribution's subject names; `at` is where the attribution ends."""
        low = raw.lower()
        if low in ("she", "he"):
            gender = "female" if low == "she" else "male"
            if found := self._resolve(gender):
                return found
            found = self._free("Stranger", False)  # nobody fits: someone new, of that gender
            self._add(found, at, gender=gender, placeholder=True)
            return found
        if low == "they":
            return self.recent[0] if self.recent else self._alternate()
        if _ROLE_RX.fullmatch(raw):
            return self._role(raw.split(), at)
        found = {"i": "Narrator", "someone": "Stranger", "somebody": "Stranger"}.get(low) or self._canon(raw)
        self._add(found, at, gender=_name_gender(found))
        return found

    def _role(self, words: list[str], at: int) -> str:
        """Who "the man", "an old man", "her brother" or "the detective" is: for "a/the man" alone,
        the latest group's man ("the other man": its other one); else the one character whose
        description or name has every word of the phrase ("the old man": Elias, "an old man with a
        beard"); else, none or several fitting, a new character for the role: "Old Man",
        "Detective", "Anna's Brother" (for "her brother" when Anna is the latest woman)."""
        det, adjs, noun = words[0].lower(), [w.lower() for w in words[1:-1]], words[-1].lower()
        kind, other, plain = _SINGULAR.get(noun, noun), "other" in adjs, det in ("the", "a", "an")
        adjs = [w for w in adjs if w != "other"]
        if plain and not adjs and noun in _SINGULAR:
            group = self._of_kind(_KINDS[kind] if other else noun, at)
            if other:  # the group's one mentioned least recently
                group.sort(key=lambda n: -self.recent.index(n) if n in self.recent else -len(self.recent))
            if group and not (other and len(group) == 1):
                return group[0]
        fits = [c.name for c in self.chars.values()
                if {*adjs, kind} <= set(re.findall(r"[\w']+", f"{c.description} {c.name}".lower()))]
        if len(fits) == 1:
            return fits[0]
        if not fits and det in ("her", "his", "their") or det.endswith("'s"):
            # "sits beside her son": someone already cast, when exactly one other of that gender is
            owner_name = self._canon(words[0][:-2]) if det.endswith("'s") else (
                self._resolve("female" if det == "her" else "male", acquire=False) if det != "their" else None)
            want = gender_of(kind, pronouns=False)
            others = [c.name for c in self.chars.values() if c.name != owner_name and
                      (want is None or c.gender == want) and not c.placeholder] if want and kind in _RELATIVES else []
            if len(others) == 1 and not any(c.placeholder and c.gender == want for c in self.chars.values()):
                return others[0]
        phrase = " ".join([*adjs, kind])
        owner = (self._canon(words[0][:-2]) if det.endswith("'s") else
                 self._resolve("female" if det == "her" else "male", acquire=False) if det in ("her", "his") else None)
        name = self._free(f"{owner}'s {phrase.title()}" if owner else phrase.title(), False)
        article = ("an" if phrase[0] in "aeiou" else "a") if plain else det
        self._add(name, at, f"{owner}'s {phrase}" if owner else f"{article} {phrase}", gender_of(kind, pronouns=False),
                  placeholder=True)
        if plain:  # "the old man" in later narration
            self.roles.setdefault(re.escape(phrase), name)
        return name

    def _alternate(self) -> str:
        """The other half of the conversation."""
        last = self.speakers[0] if self.speakers else None
        if other := self.speakers[1:2] or [n for n in self.recent if n != last][:1] or self.recent[:1]:
            return other[0]
        self._add("Stranger", 10**9)
        return "Stranger"

    # -- pass 2: scenes, dialogue, action ---------------------------------------------------------

    def script(self) -> Script:
        self._cast()
        scenes: list[_Scene] = []
        cur: _Scene | None = None
        brk: tuple[str | None, int] | None = None  # the explicit break before this paragraph
        for p in self.blocks:
            if not isinstance(p, _Para):
                cur, brk = None, p
                continue
            opening = p.blank[slice(*p.sents[0])] if p.sents else ""
            ie, loc, time = _setting(opening, change=True)
            if loc == "ROOM" and cur and cur.loc:  # "she looked across the room" is no new place
                ie, loc = None, ""
            if cur is None:
                cur = _Scene(brk[1] if brk and brk[0] else p.first_line, brk and brk[0])
                if cur.hint:
                    cur.ie, cur.loc, cur.time = _setting(cur.hint, loose=True)
                scenes.append(cur)
            elif (loc and loc != cur.loc or time and time != cur.time) and (cur.elements or cur.loc):
                # a new setting: the place carries over when only the time changes
                cur = _Scene(p.first_line, None, ie or (None if loc else cur.ie), loc or cur.loc, time)
                scenes.append(cur)
            if not cur.elements:  # a scene's first paragraph may set its place in any sentence
                for s, e in p.sents:
                    i2, l2, t2 = _setting(p.blank[s:e])
                    cur.ie, cur.loc = (cur.ie, cur.loc) if cur.loc or not l2 else (i2, l2)
                    cur.time = cur.time or t2
                if not cur.loc and brk and len(scenes) > 1:  # after a break, the same place unless told
                    cur.ie, cur.loc = scenes[-2].ie, scenes[-2].loc
            brk = None
            cur.elements += self._paragraph(p)
        return Script(
            title=self.title,
            characters=tuple(ScriptCharacter(name=c.name, description=c.description, gender=c.gender)
                             for c in sorted(self.chars.values(), key=lambda c: c.pos)),
            scenes=tuple(ScriptScene(heading=(f"{s.ie}. {s.loc}" + (f" - {s.time}" if s.time else "") if s.loc
                                              else s.hint or ""),
                                     int_ext=s.ie if s.loc else None, location=s.loc, time=s.time,
                                     elements=tuple(s.elements), line=s.line)
                         for s in scenes if s.elements),
            source_kind="prose")

    def _paragraph(self, p: _Para) -> list:
        """Dialogue and actions of one paragraph, in reading order."""
        pieces = _pieces(p.text)
        out: list = []
        trailing: set[int] = set()  # `"Faster," he panted.`: the clause after the quote names the speaker
        near: dict[int, str] = {}  # an unattributed quote -> the subject of the sentence just before it
        speaker = subject = ""  # of the latest quote; of the latest sentence (narration or attribution)
        for i, pc in enumerate(pieces):
            if pc.kind == "narration":  # what follows `"It came," she said` is about her
                follows = i and pieces[i - 1].kind == "said" and pieces[i - 1].after
                self._narrate(p, pc, speaker if follows else "", out)
                subject = next(iter(out[-1].characters), "") if out and isinstance(out[-1], Action) else subject
            elif pc.kind == "quote":
                speaker = ""
                if not re.search(r"\w", pc.text):
                    continue
                rest = pieces[i + 1].text if i + 1 < len(pieces) else ""
                if pc.said:
                    speaker = self._speaker(pc.said, p.offset, out)
                elif pc.text[-1] not in ".!?…" or re.match(r"[\s,]*[a-z]", rest):
                    trailing.add(len(out))
                else:
                    near[len(out)] = subject
                subject = speaker
                speech = pc.text[:-1] + "." if pc.text.endswith(",") else pc.text
                out.append(Dialogue(character=speaker, line=p.line_at(pc.at - 1), parts=(
                    (DialoguePart(kind="parenthetical", text=pc.said.paren),) if pc.said and pc.said.paren else ()) + (
                    DialoguePart(kind="speech", text=speech),)))

        # Quotes with no attribution: the subject of the sentence just before, else the paragraph's
        # speaker, else whoever its narration is about, else the other half of the conversation.
        pending = [i for i, el in enumerate(out) if isinstance(el, Dialogue) and not el.character]
        default = (next((d.character for d in out if isinstance(d, Dialogue) and d.character), None)
                   or next((a.characters[0] for a in out if isinstance(a, Action) and a.characters), None))
        for i in pending:
            after = out[i + 1] if i + 1 < len(out) else None
            who = (after.characters[0] if i in trailing and isinstance(after, Action) and after.characters
                   else near.get(i) or default or self._alternate())
            out[i] = out[i].model_copy(update={"character": who})
            self._touch(who)
        for d in out:
            if isinstance(d, Dialogue) and self.speakers[:1] != [d.character]:
                self.speakers = [d.character] + [s for s in self.speakers if s != d.character]
        return out

    def _speaker(self, said: _Piece, offset: int, out: list) -> str:
        """Who an attribution names: its subject, or for `Ben looked up and said,` the subject of
        the sentence, which the latest action is about ("" when none is)."""
        if said.who:
            who = self._who(said.who, offset + said.at + len(said.text))
        else:
            who = next(iter(out[-1].characters), "") if out and isinstance(out[-1], Action) else ""
        if who:
            self._touch(who)
        return who

    def _narrate(self, p: _Para, pc: _Piece, lead: str, out: list) -> None:
        """One Action per sentence of a narration piece. `lead` is the speaker whose attribution
        it follows: `"It came," she said, holding up the letter.` → "Mara, holding up the letter." """
        for n, (s, e) in enumerate(_sentences(pc.text)):
            if not (act := _clean(pc.text[s:e])):
                continue
            subject = lead if n == 0 and act[0].islower() else ""
            if subject and re.match(rf"(?:{_MANNER}|{_ADV})\b", act) and out and isinstance(out[-1], Dialogue):
                # `"In the fridge," he said, without looking up.`: how the line is said, not an action
                d, paren = out[-1], ", ".join(x for x in (out[-1].parenthetical, act.rstrip(".")) if x)
                out[-1] = d.model_copy(update={"parts": (DialoguePart(kind="parenthetical", text=paren),) + tuple(
                    pt for pt in d.parts if pt.kind != "parenthetical")})
                continue
            if subject:
                act = f"{subject}, {act}" if re.match(r"\w+ing\b", act) else f"{subject} {act}"
            prev = out[-1].characters if out and isinstance(out[-1], Action) else ()
            who = self._about(act, p.offset + pc.at + s, prev)
            who = (subject,) + who if subject and subject not in who else who
            out.append(Action(text=act[0].upper() + act[1:], characters=who, line=p.line_at(pc.at + s)))


def parse_prose(text: str, source: str = "<text>") -> Script:
    """Read a story or a one-line prompt. Prose has no syntax to get wrong, so this never raises
    and `source` is unused (kept to match parse_fountain). Blank text gives no scenes."""
    text = spaced(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")).translate(_QUOTES)
    return _Reader(_single_quotes(text).translate(_APOSTROPHES)).script()
