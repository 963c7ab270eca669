"""Prose (a story, or a one-line prompt) read into a Script, by rules alone.

Two passes. The first finds the cast: capitalised names used as people, their appositive
descriptions and genders, and groups such as "two women and a man". The second walks the
paragraphs in order: a paragraph whose opening sentence names a new place or time starts a scene;
quoted speech becomes Dialogue attributed by the usual conventions of prose; the narration around
it becomes one Action per sentence. Pronouns go to the most recent fitting character.

Nothing here raises on odd input, and the same text always gives the same Script.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from ..model.script import Action, Dialogue, DialoguePart, Script, ScriptCharacter, ScriptScene
from ..words import gender_of

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

_TIMES = {"sunset": "SUNSET", "sundown": "SUNSET", "golden hour": "SUNSET", "dusk": "DUSK",
          "twilight": "DUSK", "nightfall": "DUSK", "dawn": "DAWN", "sunrise": "DAWN", "daybreak": "DAWN",
          "first light": "DAWN", "noon": "DAY", "midday": "DAY", "day": "DAY", "midnight": "NIGHT",
          "tonight": "NIGHT", "night": "NIGHT", "morning": "MORNING", "afternoon": "AFTERNOON",
          "evening": "EVENING"}

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
_NOT_ADVERB = set("only early family holy ugly silly lonely lovely friendly likely daily belly ally reply "
                  "jolly".split())

_KINDS = {"woman": "women", "man": "men", "girl": "girls", "boy": "boys", "lady": "ladies",
          "gentleman": "gentlemen", "guy": "guys", "child": "children", "person": "people", "wife": "wives",
          "fisherman": "fishermen", **{k: k + "s" for k in (
              "friend kid teenager teen stranger student tourist mother father grandmother grandfather sister "
              "brother daughter son husband soldier sailor musician dancer neighbor neighbour traveler "
              "traveller colleague").split()}}
_SINGULAR = {**{k: k for k in _KINDS}, **{v: k for k, v in _KINDS.items()}}
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
Despite During""".split()) | {k.capitalize() for k in (*_SINGULAR, *_PLACES)}
_PLACE_PREP = set("at in on the from to into onto near across through toward towards of a an inside outside "
                  "around past via st".split())  # a capitalised word after these is a place: "in Paris"
_ABBREV = set("mr mrs ms dr st jr sr prof mt ft capt lt sgt gen col rev vs approx e.g i.e a.m p.m fig ave "
              "rd".split())
_IRREGULAR = ("was is has had did does could would will can might must should sat stood ran came went took "
              "made saw felt held kept left met put set got gave found told thought knew grew threw drew wore "
              "woke rose fell led read spoke broke began brought caught heard sent spent lost paid laid stole "
              "sang drank ate slept wept hung shook froze drove rode wrote hid lit stuck swung won let cut hit")

# ---- patterns -----------------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_PLACE = _alt(_PLACES)
_LOC = re.compile(  # "at the beach", "in a crowded bar", "in her car", "on Mara's old porch"
    r"\b(?P<prep>(?i:at|in|on|inside|outside|into|onto|across|along|through|down|up|by|near|beside|toward|"
    r"towards|to|under|behind|around|within|from|off))\s+(?:(?:the|a|an|her|his|their|my|our|your|its|this|"
    r"that|[A-Z][a-z]+'s)\s+)?(?:(?!(?:and|or|of|with|the|a|an|to|at|in|on)\b)[a-z][a-z'-]*,?\s+){0,2}?"
    rf"(?P<place>(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?))\b")
_AT = set("at in on inside outside by near beside under behind around within".split())
_LOC_LOOSE = re.compile(rf"\b(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?)\b")
_PART = "morning|afternoon|evening|night|day"
# A bare "night" is too common ("all night") to set the scene; these phrases do.
_TIME = re.compile(
    rf"\b(?P<a>{_alt(k for k in _TIMES if k not in _PART.split('|'))})\b"
    rf"|\b(?:in|during|through|at|by) (?:the )?(?P<b>{_PART})\b"
    rf"|\b(?:that|this|one|next|following|early|late|later that|each|every) (?P<c>{_PART})\b"
    rf"|(?:^|[,;—–-]\s*)(?P<d>{_PART})\b")
_TIME_LOOSE = re.compile(rf"\b({_alt(_TIMES)})\b")

_SV, _KIND, _ADV = _alt(_SPEECH), _alt(_SINGULAR), r"[a-z]+ly"
_TITLES = set("Mr Mrs Ms Dr Miss Aunt Uncle Grandma Grandpa Granny Detective Officer Captain Inspector "
              "Sergeant Professor Doctor Agent Nurse Coach Sir Lady Lord".split())
_NOT_PEOPLE = set("The A An New San Los Las Saint North South East West Central".split())  # "New York"
_CAP = r"[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['-][A-Z][a-z]+)*"  # Mara, McKay, O'Neil, Mary-Jane
_NAME = rf"(?:(?:{'|'.join(_TITLES)})\.?\s+)?{_CAP}(?:\s+{_CAP})?"  # Mara, Sam Cole, Mr. Hale
_RUN = re.compile(rf"\b(?:(?:Mr|Mrs|Ms|Dr)\.\s)?{_CAP}(?: {_CAP})*\b")  # capitalised words in a row
_WHO = rf"(?:{_NAME}|[Ss]he|[Hh]e|[Tt]hey|I|[Ss]ome(?:one|body)|[Tt]he (?:[a-z]+ )?(?:{_KIND}))"
_TO = rf"(?:\s+(?:to|at)\s+(?:him|her|them|{_NAME}))?"
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
_IS_A = re.compile(r"\s+(?:is|was)\s+(?P<d>an?\s+[^,;.!?\"]+)")
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
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "\u00a0": " ", "\t": " "})


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
            lines.append((n, " ".join(re.sub(r"\*\*|__|(?<!\w)[*_]+|[*_]+(?!\w)", "", t).split())))
    flush()
    return title, blocks


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
    slug = loose and re.match(r"\s*(INT|EXT)[./\s]+(.+?)(?:\s+[-–—]+\s+(.+?))?\s*$", text, re.I)
    if slug:  # a heading written as a slugline: "INT. MUSEUM - NIGHT"
        t = (slug.group(3) or "").lower()
        return slug.group(1).upper(), slug.group(2).upper(), _TIMES.get(t, t.upper())
    found = list((_LOC_LOOSE if loose else _LOC).finditer(text))
    rank = [0 if loose or f["prep"].lower() in _AT else 2 if f["prep"].lower() in ("from", "off") else 1
            for f in found]
    m = found[rank.index(min(rank))] if found and not (change and min(rank)) else None
    place = " ".join(m.group(0 if loose else "place").lower().split()) if m else ""
    ie = (_PLACES.get(place) or _PLACES[place.split()[-1]]) if place else None
    if m and not loose and m["prep"].lower() in ("inside", "outside", "by", "near", "beside", "behind"):
        ie = "INT" if m["prep"].lower() == "inside" else "EXT"  # "waiting by the car" is outside it
    t = (_TIME_LOOSE if loose else _TIME).search(text.lower() if loose else text[:1].lower() + text[1:])
    return ie, place.upper(), _TIMES[next(g for g in t.groups() if g)] if t else ""


def _clean(s: str) -> str:
    """A narration fragment as an action line: no stray commas or conjunctions left by a cut."""
    s = re.sub(r"^(?:[\s,;:—–-]+|(?:and then|and|then)\b\s*)+", "", " ".join(s.split()))
    s = re.sub(r"[\s,;:—–-]+$", "", s)
    if not re.search(r"\w", s):
        return ""
    return s if s[-1] in ".!?…\"')" else s + "."


def _can_speak(who: str | None) -> bool:
    """An attribution's subject is a pronoun, "the man", a name (not "Then"), or None for
    `... and said,` whose speaker is the sentence's subject."""
    return who is None or who.lower() in ("she", "he", "they", "i", "someone", "somebody") \
        or who.lower().startswith("the ") or who.split()[-1] not in _STOP


def _paren(verb: str | None, adverb: str | None) -> str | None:
    adverb = adverb if adverb not in _NOT_ADVERB else None
    return " ".join(x for x in (_SPEECH.get(verb or ""), adverb) if x) or None


# ---- the reader -------------------------------------------------------------------------------

@dataclass
class _Char:
    name: str
    pos: int  # first appearance in the story, for the cast's order
    description: str = ""
    gender: str | None = None
    placeholder: bool = False  # "Woman 1": never searched for in the text


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

    # -- pass 1: the cast -----------------------------------------------------------------------

    def _cast(self) -> None:
        for p in self.paras:
            for s, e in p.sents:
                self._find_groups(p.blank, s, e, p.offset)
                self._find_names(p.blank, s, e, p.offset)
        # "Sam" and "Cole" mean Sam Cole, unless another full name shares the word
        full = [c.name for c in self.chars.values() if " " in c.name and not c.placeholder]
        words = Counter(w for n in full for w in set(n.split()) if w.rstrip(".") not in _TITLES)
        self.alias = {w: n for n in full for w in n.split() if words[w] == 1}
        for w, n in self.alias.items():
            if w in self.chars and not self.chars[w].placeholder:
                c = self.chars.pop(w)
                self._add(n, c.pos, c.description, c.gender)
        names = [c.name for c in self.chars.values() if not c.placeholder]
        self.name_rx = re.compile(rf"(?<![\w'])(?:{_alt([*names, *self.alias])})(?!\w)") if names else None
        # A pronoun right after one ungendered name gives it a gender, unless someone of that
        # gender was named in the last few sentences.
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

    def _add(self, name: str, pos: int, description: str = "", gender: str | None = None,
             placeholder: bool = False) -> None:
        c = self.chars.setdefault(name, _Char(name, pos, placeholder=placeholder))
        c.pos = min(c.pos, pos)
        if description and description not in c.description:
            c.description = f"{c.description}, {description}" if c.description else description
        c.gender = c.gender or gender or gender_of(c.description, pronouns=False)

    def _find_names(self, text: str, s: int, e: int, base: int) -> None:
        for run in _RUN.finditer(text, s, e):
            words = run.group().split()
            lead = next((i for i, w in enumerate(words) if w.rstrip(".") in _TITLES or w not in _STOP), len(words))
            name_words = [w for w in words[lead:] if w.rstrip(".") not in _TITLES]
            if (words[0] in _NOT_PEOPLE and (lead or len(words) > 1) or not name_words or len(name_words) > 2
                    or any(w in _STOP or len(w) < 2 for w in name_words)):
                continue  # a thing or a place: "The Golden Gate", "Hyde Park", "New York City"
            name = " ".join(words[lead:])
            at = run.start() + len(" ".join(words[:lead] + [""])) if lead else run.start()
            before, after = text[max(0, at - 40):at], text[run.end():run.end() + 160]
            prev = (re.search(r"([\w']+)\.?\s*$", before) or [None, ""])[1]
            desc = [d["d"] + (d.groupdict().get("more") or "")
                    for d in (_APPOS.match(after), _IS_A.match(after)) if d]
            desc += ["wearing " + w["d"] for w in [_WEARS.match(after)] if w]
            speech = (re.match(rf"\s+(?:{_ADV}\s+)?(?:{_SV})\b|\s*:\s*\"", after)
                      or re.search(rf"\b(?:{_SV})\s+$", before))
            listed = re.search(r"\b[A-Z][a-z]+\s+and\s+$", before) and re.match(r"\s+[a-z]", after)
            initial = not text[s:at].strip(" \"'(")
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
            if re.search(r"(?:\b(?:is|was|as|like|became)|[A-Z][a-z]+,)\s+$",
                         text[max(0, m.start() - 30):m.start()]):
                continue  # describes someone already named: "Mara, a tall woman"
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
        return sorted(found)

    def _of_kind(self, word: str, at: int) -> list[str]:
        """Members of a kind in the latest group before `at`: "the women" → all, "the woman" → one."""
        kind = _SINGULAR[word]
        for g in reversed(self.groups[:bisect.bisect_right(self.group_starts, at)]):
            if members := [n for n in g.members if g.kinds[n] == kind]:
                return members if word != kind else members[:1]
        return []

    def _resolve(self, gender: str) -> str | None:
        """Most recent character of that gender, else of unknown gender (who then takes it, so
        "she said" / "he said" keep alternating), else anyone."""
        name = next((n for n in self.recent if self.chars[n].gender == gender), None)
        if name is None and (name := next((n for n in self.recent if self.chars[n].gender is None), None)):
            self.chars[name].gender = gender
        return name or (self.recent[0] if self.recent else None)

    def _touch(self, name: str) -> None:
        if name in self.recent:
            self.recent.remove(name)
        self.recent.insert(0, name)

    def _about(self, sent: str, at: int, prev: tuple[str, ...]) -> tuple[str, ...]:
        """Who an action sentence is about, resolving she/he/they as they come."""
        events = self._named(sent, at) + [(m.start(), m.group().lower())
                                          for m in re.finditer(r"\b(?:[Ss]he|[Hh]e|[Tt]hey)\b", sent)]
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
        """The character an attribution's subject names."""
        low = raw.lower()
        if low in ("she", "he"):
            found = self._resolve("female" if low == "she" else "male")
        elif low == "they":
            found = self.recent[0] if self.recent else None
        elif low.startswith("the "):
            found = (self._of_kind(low.split()[-1], at) or [None])[0]
        else:
            found = {"i": "Narrator", "someone": "Stranger", "somebody": "Stranger"}.get(low, self._canon(raw))
            self._add(found, 10**9)
        return found or self._alternate()

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
        text, spans = p.text, _quote_spans(p.text)
        starts = [0] + [c + 1 for _, c in spans]
        narr = [text[a:b] for a, b in zip(starts, [o for o, _ in spans] + [len(text)])]
        attr: list[tuple[str | None, str | None] | None] = [None] * len(spans)  # (who, parenthetical)
        cut_after = [False] * len(narr)  # narration k opened with quote k-1's attribution, now blanked
        for i, (o, c) in enumerate(spans):
            before, after = narr[i], narr[i + 1]
            if (m := re.fullmatch(rf"\s*({_NAME})\s*:\s*", before)) and _can_speak(m.group(1)):
                attr[i], narr[i] = (m.group(1), None), " " * len(before)  # `Mara: "..."`
                continue
            m = _BEFORE.search(before) or _AND_SAID.search(before)
            if m and _can_speak(m.groupdict().get("w")):
                g = m.groupdict()
                attr[i] = (g.get("w"), _paren(g["v"], g["a1"] or g.get("a2")))
                cut = m.start() + (0 if g.get("w") else 1)
                narr[i] = before[:cut] + " " * (len(before) - cut)
                continue
            m = _AFTER.match(after)
            if m and text[o + 1:c].rstrip()[-1:] in ".!?…" and i + 1 < len(spans) \
                    and re.fullmatch(r"\s*[,:]\s*", after[m.end():]):
                m = None  # `"Hi." Ben said, "Hello."`: the clause introduces the next quote
            if m and _can_speak(m["w1"] or m["w2"]):
                attr[i] = (m["w1"] or m["w2"], _paren(m["v1"] or m["v2"], m["a1"] or m["a2"]))
                narr[i + 1], cut_after[i + 1] = " " * m.end() + after[m.end():], True

        out: list = []
        follow, merged, trailing = None, set(), set()
        for k, chunk in enumerate(narr):
            for n, (s, e) in enumerate(_sentences(chunk)):
                act = _clean(chunk[s:e])
                lead = follow if act and n == 0 and act[0].islower() else None
                if lead:  # what is left of `"It came," she said, holding up the letter.`
                    act = f"{lead}, {act}" if re.match(r"\w+ing\b", act) else f"{lead} {act}"
                if act:
                    prev = out[-1].characters if out and isinstance(out[-1], Action) else ()
                    who = self._about(act, p.offset + starts[k] + s, prev)
                    who = (lead,) + who if lead and lead not in who else who
                    out.append(Action(text=act[0].upper() + act[1:], characters=who, line=p.line_at(starts[k] + s)))
            follow = None
            if k == len(spans) or k in merged:
                continue
            speech, j = " ".join(text[spans[k][0] + 1:spans[k][1]].split()), k + 1
            # a quote split by its attribution is one speech: `"I know," said Ben, "but not today."`
            while (j < len(spans) and attr[j] is None and speech[-1:] not in ".!?…"
                   and not re.search(r"\w", narr[j])):
                if speech.endswith(",") and re.search(r"[.!?]", narr[j]):
                    speech = speech[:-1] + "."
                speech += " " + " ".join(text[spans[j][0] + 1:spans[j][1]].split())
                merged.add(j)
                j += 1
            if not re.search(r"\w", speech):
                continue
            if not attr[k] and (speech[-1] not in ".!?…" or re.match(r"[\s,]*[a-z]", narr[k + 1])):
                trailing.add(len(out))  # `"Faster," he panted.`: the clause after names the speaker
            speech = speech[:-1] + "." if speech.endswith(",") else speech
            paren = attr[k][1] if attr[k] else None
            who = self._who(attr[k][0], p.offset + spans[k][0]) if attr[k] and attr[k][0] else ""
            if who:
                self._touch(who)
                follow = who if cut_after[k + 1] else None
            out.append(Dialogue(character=who, line=p.line_at(spans[k][0]), parts=(
                (DialoguePart(kind="parenthetical", text=paren),) if paren else ()) + (
                DialoguePart(kind="speech", text=speech),)))

        # Quotes with no attribution: the paragraph's speaker, else whoever its narration is
        # about, else the other half of the conversation.
        pending = [i for i, el in enumerate(out) if isinstance(el, Dialogue) and not el.character]
        default = (next((d.character for d in out if isinstance(d, Dialogue) and d.character), None)
                   or next((a.characters[0] for a in out if isinstance(a, Action) and a.characters), None))
        for i in pending:
            after = out[i + 1] if i + 1 < len(out) else None
            who = (after.characters[0] if i in trailing and isinstance(after, Action) and after.characters
                   else default or self._alternate())
            out[i] = out[i].model_copy(update={"character": who})
            self._touch(who)
        for d in out:
            if isinstance(d, Dialogue) and self.speakers[:1] != [d.character]:
                self.speakers = [d.character] + [s for s in self.speakers if s != d.character]
        return out


def parse_prose(text: str, source: str = "<text>") -> Script:
    """Read a story or a one-line prompt. Prose has no syntax to get wrong, so this never raises
    and `source` is unused (kept to match parse_fountain). Blank text gives no scenes."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(_QUOTES)
    return _Reader(text).script()
