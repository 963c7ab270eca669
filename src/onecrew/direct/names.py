"""Where each of many names first stands in a text, in one pass over the text.

`words.mention` searches the text once per name, and compiles a pattern per name, so a story
with thousands of characters cost characters × beats searches. Here the names are indexed by
their first word, the text's words are looked up in that index, and only the candidates are
checked, by the rules of `mention`'s pattern: the same answers, in time linear in the text.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..words import mention

_WORD = re.compile(r"\w+")
# The one character that matches a word character under re.I without being one itself
# (COMBINING GREEK YPOGEGRAMMENI matches iota): a text or name holding it takes the slow path.
_ODD = "\u0345"

try:  # the regex engine's own case folding, so a key matches exactly where re.I does
    from _sre import unicode_tolower as _tolower
    from re._casefix import _EXTRA_CASES
except ImportError:  # another Python: str.lower differs from re.I only on a few rare letters
    _tolower, _EXTRA_CASES = None, {}


def _fold_char(c: str) -> str:
    if _tolower is None:
        return c.lower()[:1] or c
    lo = _tolower(ord(c))
    return chr(min((lo,) + _EXTRA_CASES.get(lo, ())))


def fold(word: str) -> str:
    """A key two words share exactly when they match each other under re.I."""
    if word.isascii():
        return word.lower()
    return "".join(map(_fold_char, word))


_AFTER = re.compile(r"[\w']")  # what may not follow a name (nor stand just before it)


class NameIndex:
    """Names (keyed by anything, e.g. cast ids) to find in texts."""

    def __init__(self, names: Iterable[tuple[object, str]]):
        self._by_word: dict[str, list[tuple[object, str]]] = {}  # first word → (key, folded name)
        self._slow: list[tuple[object, str]] = []  # names that do not start with a word character
        self._all: list[tuple[object, str]] = []
        for key, name in names:
            self._all.append((key, name))
            first = _WORD.match(name)
            if first is None or _ODD in name:
                self._slow.append((key, name))
            else:
                self._by_word.setdefault(fold(first.group()), []).append((key, fold(name)))

    def first_mentions(self, text: str) -> dict:
        """key → where its name first stands in `text` as a whole word, for names it has."""
        if _ODD in text:
            return {k: at for k, name in self._all if (at := mention(text, name)) is not None}
        found: dict = {}
        for m in _WORD.finditer(text):
            # A match starts where a word does, and its first word is that whole word.
            for key, name in self._by_word.get(fold(m.group()), ()):
                if key not in found and _stands_at(text, m.start(), name):
                    found[key] = m.start()
        for key, name in self._slow:
            at = mention(text, name)
            if at is not None:
                found[key] = at
        return found


def _stands_at(text: str, at: int, folded: str) -> bool:
    """`mention`'s pattern, checked at one place without compiling one pattern per name:
    the same letters under re.I, no apostrophe before, no word character or apostrophe after
    (a word character cannot stand before: `at` starts a word)."""
    end = at + len(folded)
    return (fold(text[at:end]) == folded and not (at and text[at - 1] == "'")
            and not _AFTER.match(text, end))
