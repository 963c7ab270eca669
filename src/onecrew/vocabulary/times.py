"""Time-of-day phrases → TimeOfDay.

Two readers share these tables: `of_heading` for the time a heading states ("NIGHT",
"LATER", "MOMENTS LATER", "EARLY MORNING"), and `in_text` for the time a sentence states
("It is night", "late at night", "the next morning", "a sunny afternoon", "still dark",
"Christmas Eve", "under a black sky"). Words that only carry the previous scene's time
("CONTINUOUS", "LATER", "SAME") read as None, and so does a time that is not now ("last
night", "tomorrow morning", "all day yesterday"): the caller keeps the time it had.
"""

from __future__ import annotations

import re

from ..model.vocab import TimeOfDay as T

_PART = r"(?:morning|afternoon|evening|night|day|daytime|nighttime|night-time|noon|midday|dawn|dusk|sunrise|sunset)"

# (time, phrases). Order matters only between phrases of equal position: the first phrase
# found in the text wins, and a longer one starting at the same place beats a shorter.
_PHRASES: list[tuple[T, str]] = [
    (T.DAWN, r"dawn|sunrise|daybreak|day break|first light|crack of dawn|break of day|early morning|"
             r"early hours of the morning|sun comes up|sun came up|sun rises|sun rose|sun is rising|"
             r"sun was rising|before dawn|cockcrow|pre-dawn|predawn|grey light of morning|"
             r"(?:at |by )?(?:[4-6](?::\d\d)?|four|five|six) ?(?:a\.?m\.?|in the morning|o'clock in the morning)"),
    (T.SUNSET, r"sunset|sundown|dusk|twilight|nightfall|golden hour|magic hour|evening|evenings|"
               r"sun goes down|sun went down|sun sets|sun set|sun is setting|sun was setting|setting sun|"
               r"sinking sun|late afternoon|end of the day|after work|supper time|suppertime|"
               r"(?:at |by )?(?:[5-8](?::\d\d)?|five|six|seven|eight) ?(?:p\.?m\.?|in the evening|o'clock in the evening)"),
    (T.NIGHT, r"night|nights|midnight|tonight|nighttime|night-time|overnight|late at night|dead of night|"
              r"small hours|wee hours|still dark|pitch dark|pitch-dark|pitch black|pitch-black|in the dark|"
              r"darkness|after dark|dark outside|dark sky|black sky|starry sky|starlit|starlight|stars|"
              r"moonlight|moonlit|full moon|the moon|under the moon|christmas eve|new year's eve|"
              r"new years eve|halloween|bedtime|lights out|streetlights? (?:flicker|glow|hum|buzz)\w*|"
              r"(?:at |by )?(?:9|10|11|nine|ten|eleven)(?::\d\d)? ?(?:p\.?m\.?|at night|o'clock at night)|"
              r"(?:at |by )?(?:12|1|2|3|twelve|one|two|three)(?::\d\d)? ?(?:a\.?m\.?|at night|in the morning)"),
    (T.DAY, r"day|daytime|daylight|broad daylight|morning|mornings|noon|midday|afternoon|afternoons|"
            r"lunchtime|lunch time|lunch|breakfast|brunch|sunny|sunshine|sunlit|bright sun|blazing sun|"
            r"midsummer|high noon|all day|"
            r"(?:at |by )?(?:[7-9]|1[0-2]|seven|eight|nine|ten|eleven|twelve)(?::\d\d)? ?(?:a\.?m\.?)|"
            r"(?:at |by )?(?:[1-4]|one|two|three|four)(?::\d\d)? ?(?:p\.?m\.?|in the afternoon)"),
]
# Clock times name the hour's part of the day: "2 a.m." is night, "2 p.m." day.

# A time that is not the scene's now: "last night", "tomorrow morning", "good night".
_NOT_NOW = re.compile(
    r"\b(?:last|yesterday|tomorrow|previous|other|good|every|each|some|any|two|three|few|"
    r"whole|such a|the same)\s*$", re.I)
_NOT_AFTER = re.compile(r"^\s*(?:before|after|ago|off|later|job|stand|gown|dress|watchman|owl|cap|"
                        r"time story|out)\b", re.I)  # "the night before", "a day off", "two days later"

# Heading words that carry the previous time; they must win over "day" in "SAME DAY"... no:
# "SAME"/"LATER"/"CONTINUOUS" read as None and the caller carries the time over.
_CARRY = re.compile(r"^\s*(?:continuous|later|moments later|same|same time|meanwhile|cont'?d|"
                    r"a moment later|seconds later|minutes later|an hour later|hours later)\s*$", re.I)

_COMPILED = [(t, re.compile(rf"(?<![\w'-])(?:{p})(?![\w'-])", re.I)) for t, p in _PHRASES]
# "next day", "the following morning": a time, and clearly a new one
_SIMPLE_WORDS = {"night": T.NIGHT, "evening": T.SUNSET, "morning": T.DAY, "afternoon": T.DAY, "day": T.DAY,
                 "dawn": T.DAWN, "dusk": T.SUNSET, "sunset": T.SUNSET, "sunrise": T.DAWN, "midnight": T.NIGHT,
                 "noon": T.DAY, "midday": T.DAY, "daytime": T.DAY, "nighttime": T.NIGHT}


def _hits(text: str) -> list[tuple[int, int, T, str]]:
    hits = []
    for t, rx in _COMPILED:
        for m in rx.finditer(text):
            hits.append((m.start(), -(m.end() - m.start()), t, m.group(0)))
    hits.sort(key=lambda h: (h[0], h[1]))
    return hits


def in_text(text: str, strict: bool = False) -> T | None:
    """The time of day a sentence states, or None. `strict` ignores phrases that only hint
    (a bare "day", "lunch", "stars") and keeps the ones that set a scene."""
    if not text:
        return None
    claimed = -1
    for start, neg, t, phrase in _hits(text):
        end = start - neg
        if start < claimed:
            continue
        claimed = end
        low = phrase.lower()
        if _NOT_NOW.search(text[max(0, start - 24):start]) and low not in ("all day",):
            continue
        if _NOT_AFTER.match(text[end:end + 16]):
            continue
        if strict and low in _WEAK:
            continue
        return t
    return None


# Phrases too loose to start a new scene on their own in prose ("she worked all day", "the
# stars were out of reach"); they still tell a scene with no stated time what time it is.
_WEAK = {"day", "days", "lunch", "breakfast", "brunch", "stars", "the moon", "darkness", "in the dark",
         "nights", "mornings", "afternoons", "evenings", "all day", "sunny", "sunshine"}


def of_heading(text: str) -> T | None:
    """The time a heading's time part states ("NIGHT", "LATE AFTERNOON", "CHRISTMAS EVE"), or
    None where it carries the previous one ("LATER", "CONTINUOUS") or names none."""
    if not text or _CARRY.match(text):
        return None
    w = text.strip().lower()
    return _SIMPLE_WORDS.get(w) or in_text(w)


def part_word(text: str) -> str:
    """The time phrase in words for a prose heading ("NIGHT", "SUNSET", ...), "" for none."""
    t = in_text(text, strict=True)
    return t.value.upper() if t else ""


PART = _PART  # for parsers that need the bare word list


def carries(text: str) -> bool:
    """Does a heading's time part only carry the previous time ("LATER", "CONTINUOUS")?"""
    return bool(_CARRY.match(text or ""))
