"""English words that say who someone is, shared by the parsers and the casting director.
The tables live in onecrew.vocabulary.people; this module keeps the old names importable."""

from __future__ import annotations

import re

from .vocabulary.people import (FEMALE_NOUNS, FEMALE_PRONOUNS, MALE_NOUNS, MALE_PRONOUNS,  # noqa: F401
                                PEOPLE_NOUNS, gender_of, name_gender, people_noun)


def mention(text: str, name: str) -> int | None:
    """Where `name` first stands in `text` as a whole word (any case), or None."""
    m = re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", text, re.I)
    return m.start() if m else None


def count(n: int, noun: str) -> str:
    """'1 scene', '3 scenes'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
