"""Prose (a story, or a one-line prompt) read into a Script, by rules alone.

Two passes. The first finds the cast: capitalised names used as people, their appositive
descriptions and genders, and groups such as "two women and a man". The second walks the
paragraphs in order: a paragraph whose opening sentence names a new place or time starts a scene;
quoted speech becomes Dialogue attributed by the usual conventions of prose; the narration around
it becomes one Action per sentence. Pronouns are resolved to the most recent fitting character.

Nothing here raises on odd input, and the same text always gives the same Script.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model.script import Action, Dialogue, DialoguePart, Script, ScriptCharacter, ScriptScene

# ---- vocabulary ---------------------------------------------------------------------------------

_EXT = ("beach shore seaside coast dunes boardwalk pier harbor harbour dock docks quay jetty marina "
        "street road alley avenue sidewalk square plaza market bridge park forest woods garden meadow "
        "field trail cliff cliffs hill lake river riverbank yard backyard courtyard playground "
        "cemetery rooftop roof terrace balcony lighthouse deck porch promenade campsite village town")
_INT = ("kitchen room bedroom bathroom house home apartment flat cottage cabin attic basement cellar "
        "garage hallway corridor office studio lab bar pub restaurant cafe café diner club tavern "
        "bistro shop store bakery bookshop library classroom school hospital church museum gallery "
        "hotel lobby elevator stairwell station car taxi cab truck van bus train subway barn "
        "warehouse theater theatre cinema")
_PLACES = {**{w: "EXT" for w in _EXT.split()}, **{w: "INT" for w in _INT.split()},
           "living room": "INT", "dining room": "INT", "coffee shop": "INT", "train station": "INT",
           "lighthouse gallery": "EXT", "parking lot": "EXT", "car park": "EXT", "bus stop": "EXT"}
_PLACE = "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True))
_GAP = r"(?:(?!(?:and|or|of|with|the|a|an|to|at|in|on)\b)[a-z][a-z'-]*,?\s+)"  # adjectives
_LOC = re.compile(
    r"\b(?P<prep>(?i:at|in|on|inside|outside|into|onto|across|along|through|down|up|by|near|"
    r"beside|toward|towards|to|under|behind|around|within))\s+"
    r"(?:(?:the|a|an|her|his|their|my|our|your|its|this|that|[A-Z][a-z]+'s)\s+)?"
    rf"{_GAP}{{0,2}}?(?P<place>(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?))\b")
_LOC_LOOSE = re.compile(rf"\b(?i:(?:{_PLACE})(?:\s+(?:{_PLACE}))?)\b")

_TIMES = {"sunset": "SUNSET", "sundown": "SUNSET", "golden hour": "SUNSET", "dusk": "DUSK",
          "twilight": "DUSK", "nightfall": "DUSK", "dawn": "DAWN", "sunrise": "DAWN",
          "daybreak": "DAWN", "first light": "DAWN", "noon": "DAY", "midday": "DAY", "day": "DAY",
          "midnight": "NIGHT", "tonight": "NIGHT", "night": "NIGHT", "morning": "MORNING",
          "afternoon": "AFTERNOON", "evening": "EVENING"}
_PART = "morning|afternoon|evening|night|day"
_BARE = "|".join(k for k in _TIMES if k not in _PART.split("|"))
# A bare "night" is too common ("all night") to mean the scene's time; these phrases do.
_TIME = re.compile(rf"\b(?P<a>{_BARE})\b|\b(?:in|during|through|at|by) (?:the )?(?P<b>{_PART})\b"
                   rf"|\b(?:that|this|one|next|following|early|late|later that|each|every) (?P<c>{_PART})\b"
                   rf"|(?:^|[,;—–-]\s*)(?P<d>{_PART})\b")
_TIME_LOOSE = re.compile(rf"\b({'|'.join(_TIMES)})\b")

# past, present, then the parenthetical the verb gives (none for neutral verbs)
_SPEECH: dict[str, str | None] = {}
for _row in ("said says; asked asks; replied replies; answered answers; added adds; began begins; "
             "continued continues; agreed agrees; explained explains; admitted admits; insisted "
             "insists; announced announces; repeated repeats; told tells; whispered whispers "
             "whispering; shouted shouts shouting; yelled yells yelling; laughed laughs laughing; "
             "cried cries crying out; muttered mutters muttering; murmured murmurs murmuring; "
             "called calls calling out; sighed sighs sighing; snapped snaps snapping; hissed hisses "
             "hissing; screamed screams screaming; gasped gasps gasping; sobbed sobs sobbing; "
             "giggled giggles giggling; growled growls growling; stammered stammers stammering; "
             "exclaimed exclaims exclaiming; teased teases teasing; pleaded pleads pleading; "
             "begged begs begging; warned warns warning; breathed breathes softly").split(";"):
    _past, _present, *_paren = _row.split()
    _SPEECH[_past] = _SPEECH[_present] = " ".join(_paren) or None
_SV = "|".join(sorted(_SPEECH, key=len, reverse=True))
_NOT_ADVERB = {"only", "early", "family", "holy", "ugly", "silly", "lonely", "lovely", "friendly",
               "likely", "daily", "belly", "rally", "ally", "reply", "fly", "jolly", "curly"}

_KINDS = {"woman": "women", "man": "men", "girl": "girls", "boy": "boys", "lady": "ladies",
          "gentleman": "gentlemen", "guy": "guys", "friend": "friends", "kid": "kids",
          "child": "children", "teenager": "teenagers", "teen": "teens", "person": "people",
          "stranger": "strangers", "student": "students", "tourist": "tourists",
          "mother": "mothers", "father": "fathers", "grandmother": "grandmothers",
          "grandfather": "grandfathers", "sister": "sisters", "brother": "brothers",
          "daughter": "daughters", "son": "sons", "wife": "wives", "husband": "husbands",
          "soldier": "soldiers", "sailor": "sailors", "musician": "musicians", "dancer": "dancers",
          "fisherman": "fishermen", "neighbor": "neighbors", "neighbour": "neighbours",
          "traveler": "travelers", "traveller": "travellers", "colleague": "colleagues"}
_SINGULAR = {**{k: k for k in _KINDS}, **{v: k for k, v in _KINDS.items()}}
_KIND = "|".join(sorted(_SINGULAR, key=len, reverse=True))
_FEMALE = set("woman women girl girls lady ladies mother mom mum grandmother grandma granny sister "
              "daughter wife aunt niece queen bride widow actress waitress girlfriend mrs ms miss".split())
_MALE = set("man men boy boys guy guys gentleman gentlemen father dad grandfather grandpa brother son "
            "husband uncle nephew king groom widower boyfriend fisherman fishermen waiter mr sir".split())
_NUMBERS = {"a": 1, "an": 1, "one": 1, "her": 1, "his": 1, "their": 1, "two": 2, "three": 3,
            "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "a couple of": 2, "a pair of": 2, "a few": 3, "several": 3, "a group of": 3}
_WORDS = {v: k for k, v in _NUMBERS.items() if " " not in k and v > 1}
_NUM = r"a couple of|a pair of|a group of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}"
_ADJ = r"(?:(?!(?:and|or|of|with|the|a|an|her|his|their)\b)[a-z][a-z-]*\s+)"
_MEMBER = re.compile(rf"(?<!as )(?<!like )\b(?P<num>(?i:{_NUM}))\s+(?P<adj>{_ADJ}{{0,2}}?)(?P<kind>{_KIND})\b(?!-)")
_CHAIN = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<num>(?i:{_NUM}|her|his|their))\s+"
                    rf"(?P<adj>{_ADJ}{{0,2}}?)(?P<kind>{_KIND})\b(?!-)")
_REF = re.compile(rf"\b[Tt]he\s+(?:(?:two|three|four|five|six)\s+)?(?:[a-z]+\s+)?(?P<kind>{_KIND})\b")

_STOP = set("""I A An The This That These Those Then There Their They Them He She His Her Him It Its
We Us Our You Your My Me And But Or So Yet For Nor As At In On Of To By From With Without Into
Over Under After Before While When Where Why What Who Which How If Unless Until Though Although
Because Since Once Now Later Soon Still Just Even Only Also Again Always Never Sometimes Maybe
Perhaps Suddenly Finally Meanwhile Outside Inside Above Below Behind Beside Between Across Along
Around Through Together Everyone Everybody Someone Somebody Anyone Nobody No Nothing Something
Everything All Both Each Every Some Many Most Few Several Another Other Others One Two Three Four
Five Six Seven Eight Nine Ten First Second Last Next Yes Oh Ah Hey Hi Hello Okay Well Please Thanks
Sorry Good Dear God Here Not Let Today Tonight Tomorrow Yesterday Morning Afternoon Evening Night
Noon Midnight Dawn Dusk Sunset Sunrise Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December Chapter
Part Scene End Mr Mrs Ms Dr Rain Snow Wind Waves Water Light Sunlight Moonlight Fog Mist Thunder
Clouds Sun Moon Stars Sky Sea Gulls Seagulls Birds Leaves Trees Dust Smoke Steam Music Silence
Time Traffic Cars People Footsteps Voices Doors Bells Tears Coffee Tea Somewhere Upstairs
Downstairs Home English French Spanish German Italian American British Almost Slowly Quickly
Quietly Softly Gently Carefully Instead Behind Beyond Like Despite During""".split())
_STOP |= {k.capitalize() for k in _SINGULAR} | {k.capitalize() for k in _PLACES}
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+|(?:Miss|Aunt|Uncle)\s+)?[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['-][A-Z][a-z]+)*"
_NAME_RX = re.compile(rf"\b{_NAME}\b")
_WHO = rf"(?:{_NAME}|[Ss]he|[Hh]e|[Tt]hey|I|[Tt]he (?:[a-z]+ )?(?:{_KIND}))"
_TO = rf"(?:\s+(?:to|at)\s+(?:him|her|them|{_NAME}))?"
_ADV = r"[a-z]+ly"
# Attribution after a quote: `, said Mara softly` / ` Mara whispered` / ` she said to Ben`.
_AFTER = re.compile(rf"^[\s,]*(?:(?:[Tt]hen|and)\s+)?(?:(?P<v1>{_SV})\s+(?P<w1>{_WHO})|(?P<w2>{_WHO})\s+(?:(?P<a1>{_ADV})\s+)?"
                    rf"(?P<v2>{_SV}))(?![\w'])(?:\s+(?P<a2>{_ADV})\b)?{_TO}")
# Attribution before a quote: `Mara said, "` / `Mara whispered to Ben: "` / `Mara: "`.
_BEFORE = re.compile(rf"(?<![\w'])(?:(?:[Tt]hen|[Aa]nd|[Bb]ut|[Ss]o)\s+)?(?P<w>{_WHO})\s+(?:(?P<a1>{_ADV})\s+)?(?P<v>{_SV})(?:\s+(?P<a2>{_ADV}))?"
                     rf"{_TO}\s*[,:]\s*$")
# `Ben looked up and said, "` — the speaker is the sentence's subject.
_AND_SAID = re.compile(rf"\s(?:and|then)\s+(?:then\s+)?(?P<v>{_SV})(?:\s+(?P<a>{_ADV}))?\s*[,:]\s*$")
_IRREGULAR = ("was is has had did does could would will can might must should sat stood ran came "
              "went took made saw felt held kept left met put set got gave found told thought knew "
              "grew threw drew wore woke rose fell led read spoke broke began brought caught heard "
              "sent spent lost paid laid stole sang drank ate slept wept hung shook froze drove rode "
              "wrote hid lit stuck swung won let cut hit shut")
_VERBISH = re.compile(rf"^(?:\s*,?\s+and\s+{_NAME})*\s+(?:{_ADV}\s+)?(?:{_IRREGULAR.replace(' ', '|')}"
                      r"|[a-z]*[a-rt-z]s|[a-z]+ed)\b")
_APPOS = re.compile(r",\s+(?P<d>(?:a|an|the|her|his|their|my|our)\s+[^,;.!?\"]+?|\d{1,2}s?"
                    r"|(?:in (?:her|his) )?(?:early |late |mid-)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies))"
                    r"(?P<more>(?:,\s+(?:with|wearing|dressed|in (?:a|an|her|his))\b[^,;.!?\"]*)*)\s*(?:[,.;!?]|$)")
_IS_A = re.compile(r"\s+(?:is|was)\s+(?P<d>an?\s+[^,;.!?\"]+)")
_WEARS = re.compile(r"\s+(?:wears|wore|is wearing|was wearing)\s+(?P<d>[^,;.!?\"]+)")
_PLACE_PREP = {"at", "in", "on", "the", "from", "to", "into", "onto", "near", "across", "through",
               "toward", "towards", "of", "a", "an", "inside", "outside", "around", "past", "via"}
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "ft", "capt", "lt", "sgt",
           "gen", "col", "rev", "vs", "approx", "e.g", "i.e", "a.m", "p.m", "fig", "ave", "rd"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "\u00a0": " ", "\t": " "})


# ---- text structure ---------------------------------------------------------------------------

@dataclass
class _Para:
    text: str  # the paragraph's lines joined by single spaces
    starts: list[int]  # where each source line begins in `text`
    first_line: int
    offset: int = 0  # where `text` begins in the whole document, for group spans

    def line_at(self, pos: int) -> int:
        return self.first_line + max(0, bisect.bisect_right(self.starts, pos) - 1)


def _blocks(text: str) -> tuple[str, list[_Para | tuple[str | None, int]]]:
    """Paragraphs, and (heading text or None, line) for each explicit scene break."""
    title, blocks, lines, offset = "", [], [], 0

    def flush():
        nonlocal offset
        if lines:
            starts, parts, at = [], [], 0
            for _, t in lines:
                starts.append(at)
                parts.append(t)
                at += len(t) + 1
            blocks.append(_Para(" ".join(parts), starts, lines[0][0], offset))
            offset += at
            lines.clear()

    for n, raw in enumerate(text.split("\n"), 1):
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", raw)
        if re.match(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$", raw) or heading:
            flush()
            hint = heading.group(2).strip() if heading else None
            if heading and len(heading.group(1)) == 1 and not blocks and not title:
                title = hint  # a leading "# Title" names the story rather than a place
            else:
                blocks.append((hint or None, n))
        elif not raw.strip():
            flush()
        else:  # Markdown list, quote and emphasis marks are not part of the story
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
    """Speech replaced by spaces (offsets kept), so places and names in it are not read as
    narration; a final . ! ? stays, to end the sentence it closes."""
    out = list(text)
    for o, c in _quote_spans(text):
        inner = text[o + 1:c]
        keep = len(inner) - len(inner.rstrip().rstrip(".!?…")) if inner.rstrip()[-1:] in ".!?…" else 0
        end = c - (len(inner) - len(inner.rstrip())) - keep
        out[o + 1:end] = " " * (end - o - 1)
    return "".join(out)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: never inside quotes nor after Mr. Dr. St. and initials."""
    out, start, inq, i, n = [], 0, False, 0, len(text)
    while i < n:
        if text[i] == '"':
            inq = not inq
        elif text[i] in ".!?…":
            j = i
            while j < n and text[j] in ".!?…":
                j += 1
            end = j
            if inq:  # `He said, "Go." Then...` ends; `"Go!" Mara said.` does not
                if j >= n or text[j] != '"' or not _new_sentence_after(text, j + 1):
                    i = j
                    continue
                end, inq = j + 1, False
            while end < n and text[end] in ")]'":
                end += 1
            word = re.search(r"[\w.]*$", text[max(start, i - 20):i]).group().lower()
            nxt = text[end:end + 50].lstrip()[:1]
            if ((end < n and not text[end].isspace())
                    or (text[i:j] == "." and (word.rstrip(".") in _ABBREV
                                              or (len(word) == 1 and text[i - 1].isupper())))
                    or (("…" in text[i:j] or ".." in text[i:j]) and nxt.islower())):
                i = j
                continue
            out.append((start, end))
            start = i = end
            continue
        i += 1
    if text[start:].strip():
        out.append((start, n))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())) for s, e in out]


def _new_sentence_after(text: str, p: int) -> bool:
    rest = text[p:p + 200]
    if not rest.strip():
        return True
    if not rest[0].isspace():
        return False
    rest = rest.lstrip()
    return (rest[0].isupper() or rest[0] == '"') and not _AFTER.match(rest)


def _setting(text: str, loose: bool = False) -> tuple[str | None, str, str]:
    """(INT/EXT, LOCATION, TIME) a sentence (or, loosely, a heading) establishes."""
    slug = re.match(r"\s*(INT|EXT)[./\s]+(.+?)(?:\s+[-–—]+\s+(.+?))?\s*$", text, re.I) if loose else None
    if slug:  # a heading written as a Fountain slugline: "INT. MUSEUM - NIGHT"
        t = (slug.group(3) or "").lower()
        return slug.group(1).upper(), slug.group(2).upper(), _TIMES.get(t, t.upper())
    m = (_LOC_LOOSE if loose else _LOC).search(text)
    place = " ".join(m.group(0 if loose else "place").lower().split()) if m else ""
    ie = _PLACES.get(place) or _PLACES.get(place.split(" ")[-1]) if place else None
    if m and not loose and m.group("prep").lower() in ("inside", "outside"):
        ie = "INT" if m.group("prep").lower() == "inside" else "EXT"
    if loose and re.match(r"\s*(INT|EXT)\b", text, re.I):
        ie = text.strip()[:3].upper()
    low = text[:1].lower() + text[1:] if not loose else text.lower()
    t = (_TIME_LOOSE if loose else _TIME).search(low)
    time = _TIMES[next(g for g in t.groups() if g)] if t else ""
    return ie, place.upper(), time


def _heading(ie: str | None, loc: str, time: str) -> str:
    return f"{ie}. {loc}" + (f" - {time}" if time else "") if loc else ""


# ---- the reader -------------------------------------------------------------------------------

@dataclass
class _Char:
    name: str
    pos: int
    description: str = ""
    gender: str | None = None
    placeholder: bool = False


@dataclass
class _Group:
    start: int
    members: list[str]
    kinds: dict[str, str]


@dataclass
class _Scene:
    line: int
    hint: str | None = None
    ie: str | None = None
    loc: str = ""
    time: str = ""
    elements: list = field(default_factory=list)


def _count(word: str) -> int:
    word = " ".join(word.lower().split())
    return max(1, min(int(word) if word.isdigit() else _NUMBERS.get(word, 1), 8))  # a crowd is 8


def _gender_of(words: str) -> str | None:
    for w in re.findall(r"[a-z]+", words.lower()):
        if w in _FEMALE or w in _MALE:
            return "female" if w in _FEMALE else "male"
    return None


class _Reader:
    def __init__(self, text: str):
        self.title, self.blocks = _blocks(text)
        self.paras = [b for b in self.blocks if isinstance(b, _Para)]
        self.chars: dict[str, _Char] = {}
        self.groups: list[_Group] = []
        self.recent: list[str] = []  # most recent first
        self.speakers: list[str] = []  # most recent first, distinct
        self.last_group: list[str] = []  # members a following "they" means

    # -- pass 1: who is in the story --------------------------------------------------------------

    def _cast(self) -> None:
        for p in self.paras:
            blank = _blank_quotes(p.text)
            for s, e in _sentences(blank):
                self._find_groups(blank, s, e, p.offset)
                self._find_names(blank, s, e, p.offset)
        names = sorted((c.name for c in self.chars.values() if not c.placeholder), key=len, reverse=True)
        self.name_rx = re.compile(rf"(?<![\w'])(?:{'|'.join(map(re.escape, names))})(?![\w])") if names else None
        prev: list[str] = []
        for p in self.paras:  # genders from the pronouns that follow a name
            blank = _blank_quotes(p.text)
            for s, e in _sentences(blank):
                sent, found = blank[s:e], self._named(blank[s:e], p.offset + s)
                for m in re.finditer(r"\b(?:([Ss]he|[Hh]er|[Hh]erself)|([Hh]e|[Hh]im|[Hh]is|[Hh]imself))\b", sent):
                    g = "female" if m.group(1) else "male"
                    cands = prev + [n for at, n in found if at < m.start()]
                    unknown = {n for n in cands if self.chars[n].gender is None}
                    if len(unknown) == 1 and not any(self.chars[n].gender == g for n in cands):
                        self.chars[unknown.pop()].gender = g
                prev = [n for _, n in found] or prev

    def _add(self, name: str, pos: int, description: str = "", gender: str | None = None,
             placeholder: bool = False) -> None:
        c = self.chars.setdefault(name, _Char(name, pos, placeholder=placeholder))
        c.pos = min(c.pos, pos)
        if description and description not in c.description:
            c.description = f"{c.description}, {description}" if c.description else description
        c.gender = c.gender or gender or _gender_of(c.description) or _gender_of(name.split()[0])

    def _find_names(self, text: str, s: int, e: int, base: int) -> None:
        for m in _NAME_RX.finditer(text, s, e):
            name, word = m.group(), m.group().split()[-1]
            before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 160]
            prev = re.search(r"([\w']+)\s*$", before)
            prev = prev.group(1) if prev else ""
            nxt = re.match(r"\s([A-Z][a-z]+)", after)
            if word in _STOP or len(word) < 2:
                continue
            if nxt and nxt.group(1) not in _STOP or prev[:1].isupper() and prev not in _STOP:
                continue  # part of a longer proper noun: "New York", "Mara Quinn"
            placed = prev.lower() in _PLACE_PREP  # "at Ben's", "in Paris"
            initial = not text[s:m.start()].strip(" \"'(")
            desc = [d.group("d") + (d.groupdict().get("more") or "")
                    for d in (_APPOS.match(after), _IS_A.match(after)) if d]
            desc += ["wearing " + w.group("d") for w in [_WEARS.match(after)] if w]
            speech = (re.match(rf"\s+(?:{_ADV}\s+)?(?:{_SV})\b|\s*:\s*\"", after)
                      or re.search(rf"\b(?:{_SV})\s+$", before))
            listed = re.search(r"\b[A-Z][a-z]+\s+and\s+$", before) and re.match(r"\s+[a-z]", after)
            # A sentence's first word is a name only when a verb follows: "Mara pours", not "Later".
            if speech or desc or not placed and (_VERBISH.match(after) or listed or not initial):
                title = name.split()[0].rstrip(".")
                self._add(name, base + m.start(), ", ".join(d.strip() for d in desc),
                          _gender_of(title) if title != word else None)

    def _find_groups(self, text: str, s: int, e: int, base: int) -> None:
        pos = s
        while m := _MEMBER.search(text, pos, e):
            items, end = [m], m.end()
            while c := _CHAIN.match(text, end, e):
                items.append(c)
                end = c.end()
            pos = end
            if re.search(r"(?:\b(?:is|was|as|like|became)|[A-Z][a-z]+,)\s+$", text[max(0, m.start() - 30):m.start()]):
                continue  # describes someone named: "Mara, a tall woman", "she was a girl"
            parsed = [(_count(i.group("num")), i.group("adj"), _SINGULAR[i.group("kind")]) for i in items]
            total = Counter()
            for n, _, kind in parsed:
                total[kind] += n
            named = re.match(rf"\s*(?:[,(—–:]\s*|\s+(?:named|called)\s+)(?P<n>{_NAME}(?:\s*,\s*{_NAME})*"
                             rf"(?:\s*,?\s+and\s+{_NAME})?)", text[end:e])
            names = [n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", named.group("n"))
                     if n.split()[-1] not in _STOP] if named else []
            members, kinds, k = [], {}, 0
            for n, adj, kind in parsed:
                for _ in range(n):
                    many = total[kind] > 1
                    desc = (f"one of {_WORDS.get(total[kind], total[kind])} {adj}{_KINDS[kind]}" if many
                            else f"{'an' if (adj or kind)[0] in 'aeiou' else 'a'} {adj}{kind}")
                    name = names[k] if len(names) == sum(total.values()) else self._free(kind.capitalize(), many)
                    k += 1
                    self._add(name, base + m.start() + k, desc, _gender_of(kind), placeholder=name not in names)
                    members.append(name)
                    kinds[name] = kind
            self.groups.append(_Group(base + m.start(), members, kinds))

    def _free(self, base: str, numbered: bool) -> str:
        if not numbered and base not in self.chars:
            return base
        n = 1 if numbered else 2
        while f"{base} {n}" in self.chars:
            n += 1
        return f"{base} {n}"

    # -- who a sentence is about ----------------------------------------------------------------

    def _named(self, sent: str, at: int) -> list[tuple[float, str]]:
        """Names, group phrases and group references, with their positions, in reading order."""
        found: list[tuple[float, str]] = []
        if self.name_rx:
            found += [(m.start(), m.group()) for m in self.name_rx.finditer(sent)]
        for g in self.groups:
            if at <= g.start < at + len(sent):
                found += [(g.start - at + i / 100, n) for i, n in enumerate(g.members)]
        for m in _REF.finditer(sent):
            found += [(m.start() + i / 100, n) for i, n in enumerate(self._of_kind(m.group("kind")))]
        return sorted(found)

    def _of_kind(self, word: str) -> list[str]:
        kind = _SINGULAR[word]
        for g in reversed(self.groups):
            members = [n for n in g.members if g.kinds[n] == kind]
            if members:
                return members if word != kind else members[:1]
        return []

    def _resolve(self, gender: str | None) -> str | None:
        return (next((n for n in self.recent if self.chars[n].gender == gender), None)
                or next((n for n in self.recent if self.chars[n].gender is None), None)
                or (self.recent[0] if self.recent else None))

    def _touch(self, name: str) -> None:
        if name in self.recent:
            self.recent.remove(name)
        self.recent.insert(0, name)

    def _about(self, sent: str, at: int, prev: tuple[str, ...]) -> tuple[str, ...]:
        events = [(p, n) for p, n in self._named(sent, at)]
        events += [(m.start(), m.group().lower()) for m in re.finditer(r"\b(?:[Ss]he|[Hh]e|[Tt]hey)\b", sent)]
        out: list[str] = []
        for _, who in sorted(events):
            if who == "they":
                names = self.last_group or (list(prev) if len(prev) > 1 else [])
            elif who in ("she", "he"):
                names = [n for n in [self._resolve("female" if who == "she" else "male")] if n]
            else:
                names = [who]
            for n in names:
                self._touch(n)
                out += [n] if n not in out else []
        group = [n for g in self.groups if at <= g.start < at + len(sent) for n in g.members]
        refs = [n for m in _REF.finditer(sent) if m.group("kind") != _SINGULAR[m.group("kind")]
                for n in self._of_kind(m.group("kind"))]
        self.last_group = group or refs
        return tuple(out)

    def _who(self, raw: str) -> str | None:
        low = raw.lower()
        if low in ("she", "he"):
            return self._resolve("female" if low == "she" else "male")
        if low == "they":
            return self.recent[0] if self.recent else None
        if raw == "I":
            self._add("Narrator", 10**9)
            return "Narrator"
        if low.startswith("the "):
            return (self._of_kind(low.split()[-1]) or [None])[0]
        self._add(raw, 10**9)
        return raw

    # -- pass 2: scenes, dialogue, action ---------------------------------------------------------

    def script(self) -> Script:
        self._cast()
        scenes: list[_Scene] = []
        cur: _Scene | None = None
        pending: tuple[str | None, int] | None = None
        for block in self.blocks:
            if not isinstance(block, _Para):
                cur, pending = None, block
                continue
            blank = _blank_quotes(block.text)
            sents = _sentences(blank)
            ie, loc, time = _setting(blank[sents[0][0]:sents[0][1]]) if sents else (None, "", "")
            loc, ie = ("", None) if loc == "ROOM" and cur and cur.loc else (loc, ie)  # "across the room"
            fresh = cur is None or (not cur.elements and not cur.loc)
            if cur is None:
                hint, line = pending or (None, block.first_line)
                cur = _Scene(line, hint)
                if hint:
                    cur.ie, cur.loc, cur.time = _setting(hint, loose=True)
                scenes.append(cur)
            elif (loc and loc != cur.loc or time and time != cur.time) and not fresh:
                prev = cur
                cur = _Scene(block.first_line, ie=ie or (None if loc else prev.ie), loc=loc or prev.loc, time=time)
                scenes.append(cur)
            if fresh or not cur.elements:  # the scene's first paragraph may set its place anywhere
                for s, e in sents:
                    i2, l2, t2 = _setting(blank[s:e])
                    if l2 and not cur.loc:
                        cur.ie, cur.loc = i2, l2
                    cur.time = cur.time or t2
                if not cur.loc and pending and len(scenes) > 1:  # after a break, same place unless told
                    cur.ie, cur.loc = scenes[-2].ie, scenes[-2].loc
            pending = None
            cur.elements += self._paragraph(block)
        return Script(
            title=self.title,
            characters=tuple(ScriptCharacter(name=c.name, description=c.description, gender=c.gender)
                             for c in sorted(self.chars.values(), key=lambda c: c.pos)),
            scenes=tuple(ScriptScene(heading=_heading(s.ie, s.loc, s.time) or s.hint or "",
                                     int_ext=s.ie if s.loc else None, location=s.loc, time=s.time,
                                     elements=tuple(s.elements), line=s.line)
                         for s in scenes if s.elements),
            source_kind="prose")

    def _paragraph(self, p: _Para) -> list:
        text, spans = p.text, _quote_spans(p.text)
        bounds = [0] + [c + 1 for _, c in spans]
        regions = [(bounds[k], spans[k][0] if k < len(spans) else len(text)) for k in range(len(spans) + 1)]
        lo = [r[0] for r in regions]  # where each region's narration starts once attributions are cut
        cuts: list[tuple[int, int]] = []
        attr: list[tuple[str | None, str | None] | None] = [None] * len(spans)  # (who, parenthetical)
        for i, (o, c) in enumerate(spans):
            r0, r1 = lo[i], regions[i][1]
            speech = text[o + 1:c].strip()
            cue = re.fullmatch(rf"\s*({_NAME})\s*:\s*", text[r0:r1])
            if cue and _speaker_word(cue.group(1)):  # `Mara: "..."`
                attr[i] = (cue.group(1), None)
                cuts.append((r0, r1))
                continue
            b = _BEFORE.search(text, r0, r1) or _AND_SAID.search(text, r0, r1)
            if b and _speaker_word(b.groupdict().get("w")):
                g = b.groupdict()
                attr[i] = (g.get("w"), self._paren(g.get("v"), g.get("a1") or g.get("a2") or g.get("a")))
                cuts.append((b.start() if g.get("w") else b.start() + 1, r1))
                continue
            a0, a1 = regions[i + 1]
            a = _AFTER.match(text[a0:a1])
            if a and speech[-1:] in ".!?…" and i + 1 < len(spans) and re.match(r"\s*[,:]\s*$", text[a0 + a.end():a1]):
                a = None  # `"Hi." Ben said, "Hello."`: the clause belongs to the next quote
            if a and _speaker_word(a.group("w1") or a.group("w2")):
                attr[i] = (a.group("w1") or a.group("w2"),
                           self._paren(a.group("v1") or a.group("v2"), a.group("a1") or a.group("a2")))
                cuts.append((a0, a0 + a.end()))
                lo[i + 1] = a0 + a.end()
        out, pending, speakers, follow = [], [], [], None
        merged: set[int] = set()
        for k in range(len(spans) + 1):
            r0, r1 = regions[k]
            narr = _cut(text, r0, r1, cuts)
            for n, (s, e) in enumerate(_sentences(narr)):
                act = _clean(narr[s:e])
                if not act:
                    continue
                if n == 0 and follow and act[0].islower():
                    act = f"{follow} {act}"
                prev = out[-1].characters if out and isinstance(out[-1], Action) else ()
                who = self._about(act, p.offset + r0 + s, prev)
                if n == 0 and follow and act.startswith(follow) and follow not in who:
                    who = (follow,) + who
                out.append(Action(text=act[0].upper() + act[1:], characters=who, line=p.line_at(r0 + s)))
            follow = None
            if k == len(spans) or k in merged:
                continue
            o, c = spans[k]
            speech = " ".join(text[o + 1:c].split())
            paren = attr[k][1] if attr[k] else None
            nxt = k + 1
            while (nxt < len(spans) and attr[nxt] is None and speech[-1:] not in ".!?…"
                   and not re.search(r"\w", _cut(text, *regions[nxt], cuts))):
                speech += " " + " ".join(text[spans[nxt][0] + 1:spans[nxt][1]].split())
                merged.add(nxt)
                nxt += 1
            if not re.search(r"\w", speech):
                continue
            speech = speech[:-1] + "." if speech.endswith(",") else speech
            parts = ((DialoguePart(kind="parenthetical", text=paren),) if paren else ()) + (
                DialoguePart(kind="speech", text=speech),)
            who = self._who(attr[k][0]) if attr[k] and attr[k][0] else None
            if who:
                self._touch(who)
                follow = who if lo[k + 1] > regions[k + 1][0] else None
            out.append(Dialogue(character=who or "?", parts=parts, line=p.line_at(o)))
            (speakers if who else pending).append(len(out) - 1)
        # Quotes with no attribution: the paragraph's speaker, else whoever its narration is
        # about, else the other half of the conversation.
        if pending:
            who = (out[speakers[0]].character if speakers else
                   next((el.characters[0] for el in out if isinstance(el, Action) and el.characters), None)
                   or self._alternate())
            for i in pending:
                out[i] = out[i].model_copy(update={"character": who})
            self._touch(who)
        for el in out:
            if isinstance(el, Dialogue) and (not self.speakers or self.speakers[0] != el.character):
                self.speakers = [el.character] + [s for s in self.speakers if s != el.character]
        return out

    def _alternate(self) -> str:
        last = self.speakers[0] if self.speakers else None
        other = (self.speakers[1:2] or [n for n in self.recent if n != last][:1] or self.recent[:1])
        if other:
            return other[0]
        self._add("Stranger", 10**9)
        return "Stranger"

    @staticmethod
    def _paren(verb: str | None, adverb: str | None) -> str | None:
        adverb = adverb if adverb and adverb not in _NOT_ADVERB else None
        return " ".join(x for x in (_SPEECH.get(verb or ""), adverb) if x) or None


def _speaker_word(raw: str | None) -> bool:
    """Whether an attribution's subject can speak: a pronoun, "the man", or a name, not "Then"."""
    if raw is None:
        return True  # `... and said, "` : the sentence's subject, found later
    return raw.lower() in ("she", "he", "they", "i") or raw.lower().startswith("the ") or raw.split()[-1] not in _STOP


def _cut(text: str, r0: int, r1: int, cuts: list[tuple[int, int]]) -> str:
    """text[r0:r1] with the attribution clauses blanked, offsets kept."""
    out = text[r0:r1]
    for a, b in cuts:
        a, b = max(a, r0), min(b, r1)
        if a < b:
            out = out[:a - r0] + " " * (b - a) + out[b - r0:]
    return out


def _clean(s: str) -> str:
    """A narration fragment as an action line: no stray commas or conjunctions left by a cut."""
    s = " ".join(s.split())
    s = re.sub(r"^(?:[\s,;:—–-]+|(?:and then|and|then)\b\s*)+", "", s)
    s = re.sub(r"[\s,;:—–-]+$", "", s)
    if not re.search(r"\w", s):
        return ""
    return s if s[-1] in ".!?…\"')" else s + "."


def parse_prose(text: str, source: str = "<text>") -> Script:
    """Read a story or a one-line prompt. `source` names it; prose has no errors to report, so
    it is kept only for symmetry with parse_fountain. Empty text gives a Script with no scenes."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").translate(_QUOTES)
    return _Reader(text).script()
