"""Props: the things a story's action names, and what each one is on screen.

One table, read by the director (which props a beat names, for inserts and hands) and by the
previs renderer (which drawing shows it, how big it is in a hand). A prop grows the
vocabulary by one row here and one drawing in render/previs/props.py; a test checks that every
row has a drawing of its own. Anything not in the table is still a prop: the renderer draws it
as a labelled box, never as some other known prop.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Prop:
    name: str  # what the storyboard writes: "keys", "contract"
    words: str  # a regex of the words that name it, matched as whole words
    size: float = 0.2  # metres across, when held
    # A regex the text just before the match must not end with: "car" after "in the" is the
    # set (the inside of a car), not a car to cut to.
    not_after: str = ""


# Reading order decides among props at different places; at one place, the first row whose
# words match claims them ("pose for photos" is the camera, not a photograph; "glass of" a
# glass before "glass" could mean anything else).
PROPS: tuple[Prop, ...] = (
    Prop("camera", r"cameras?|(?:pose|poses|posed|posing|take|takes|taking|took) (?:for )?(?:a |the )?"
                   r"(?:photos?|pictures?|selfies?)", 0.15),
    Prop("photograph", r"photo(?:graph)?s?|picture frame|snapshot|polaroids?", 0.16),
    Prop("newspaper", r"newspapers?|the paper", 0.4),
    Prop("contract", r"contracts?|(?:the |divorce |signed |legal )?papers|documents?|deeds?|dossier|folders?", 0.3),
    Prop("letter", r"letters?|envelopes?|note", 0.22),
    Prop("ticket", r"tickets?|boarding pass", 0.12),
    Prop("map", r"maps?", 0.4),
    Prop("phone", r"phones?|mobile|cellphone|smartphone", 0.15),
    Prop("keys", r"keys?|keyring", 0.09),
    Prop("mug", r"mugs?|cups?|teacups?", 0.11),
    Prop("glass", r"glass(?:es)? of|wine ?glass(?:es)?|champagne flutes?|tumblers?", 0.13),
    Prop("bottle", r"bottles?", 0.3),
    Prop("book", r"books?|notebook|diary|journal|novel", 0.24),
    Prop("ring", r"ring", 0.05, not_after=r"(?:to|phones?|bells?|doorbells?|will|starts|start) "),
    Prop("gun", r"guns?|pistols?|revolvers?|rifle|shotgun", 0.25),
    Prop("knife", r"knife|knives|blade|dagger", 0.25),
    Prop("flowers", r"flowers?|bouquet|roses?", 0.35),
    Prop("umbrella", r"umbrellas?", 0.9),
    Prop("torch", r"torch(?:es)?|flashlights?", 0.25),
    Prop("candle", r"candles?", 0.2),
    Prop("lamp", r"lamps?|lanterns?|bulb", 0.3),
    Prop("watch", r"wristwatch|pocket watch|clock", 0.1),
    Prop("laptop", r"laptops?|computer", 0.35),
    Prop("suitcase", r"suitcases?|luggage", 0.6),
    Prop("backpack", r"backpacks?|rucksack", 0.45),
    Prop("briefcase", r"briefcases?", 0.45),
    Prop("bag", r"bags?|purse|handbag|holdall", 0.38),
    Prop("wallet", r"wallets?", 0.11),
    Prop("money", r"cash|money|banknotes?|wad of (?:notes|bills)", 0.16),
    Prop("coin", r"coins?", 0.03),
    Prop("cake", r"cakes?|cupcakes?", 0.3),
    Prop("radio", r"radio|walkie-talkie|handset|transmitter", 0.25),
    Prop("guitar", r"guitars?", 1.0),
    Prop("usb drive", r"usb (?:drive|stick)|flash drive|memory stick", 0.06),
    Prop("cigarette", r"cigarettes?|cigar", 0.09),
    Prop("car", r"cars?|sedan|limo(?:usine)?|taxi|cab", 4.0, not_after=r"(?:in|into|inside|out of|from|of) (?:the |a |his |her |their )?"),
    Prop("box", r"box|parcel|package|crate", 0.3),
)
_BY_NAME = {p.name: p for p in PROPS}
_RES = [(p, re.compile(rf"\b(?:{p.words})\b", re.I),
         re.compile(rf"\b{p.not_after}$", re.I) if p.not_after else None) for p in PROPS]


def names() -> tuple[str, ...]:
    return tuple(_BY_NAME)


def get(name: str | None) -> Prop | None:
    """The vocabulary's prop for a storyboard's prop name, written by the director or by hand
    ("chipped mug" is the mug; "kite" is none)."""
    return _lookup((name or "").strip().lower())


@lru_cache(maxsize=512)
def _lookup(name: str) -> Prop | None:
    if name in _BY_NAME:
        return _BY_NAME[name]
    for p, rx, _ in _RES:  # a name the creator typed: the first row its words fit
        if rx.search(name):
            return p
    return None


def find(text: str) -> list[str]:
    """Props named in the text, in reading order, each once; words claimed by an earlier row
    are not read again."""
    claimed: list[tuple[int, int]] = []  # disjoint spans, sorted
    hits: list[tuple[int, str]] = []
    for p, rx, unless in _RES:
        # One row's matches never overlap each other, so each is checked against the earlier
        # rows' claims only, and joins them once the row is read.
        mine = [m.span() for m in rx.finditer(text)
                if not _overlaps(claimed, *m.span()) and not (unless and unless.search(text, max(0, m.start() - 24), m.start()))]
        hits += [(a, p.name) for a, _ in mine]
        claimed = sorted(claimed + mine)
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap any of `spans` (disjoint, sorted)? Only the last span that
    starts before `end` can."""
    i = bisect_left(spans, (end,)) - 1
    return i >= 0 and spans[i][1] > start
