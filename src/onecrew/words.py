"""English words that say who someone is, shared by the parsers and the casting director."""

from __future__ import annotations

import re

FEMALE_NOUNS = frozenset("""woman women girl girls lady ladies female mother mom mum mothers grandmother
grandma granny sister sisters daughter daughters wife wives aunt niece queen princess bride widow nun
actress waitress girlfriend businesswoman mrs ms miss""".split())
MALE_NOUNS = frozenset("""man men boy boys guy guys gentleman gentlemen male father dad fathers grandfather
grandpa brother brothers son sons husband husbands uncle nephew king prince groom widower monk boyfriend
businessman fisherman fishermen waiter actor mr sir""".split())
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})


# Common given names, for characters the text never describes: a writer who names a character
# "Ruby" expects a woman. Anything not listed says nothing.
_GIVEN = {n: "female" for n in """ada alice amelia ana anna ava bella chloe clara diana ella ellie emily
emma eva grace hannah ivy jane julia june kate laura lena lila lily lucy mara maria mary maya mia mila
nina nora olivia rose ruby sara sarah sofia sophie tess vera zoe""".split()}
_GIVEN |= {n: "male" for n in """adam alex ben carl dan daniel david dev eli elias felix finn frank george
hugo jack jake james joe john jonah kai leo liam luca luke marco mark max milo nick noah oliver oskar owen
paul peter sam simon theo tom victor will""".split()}


def name_gender(name: str) -> str | None:
    """'female' / 'male' for a common given name ("Ruby", "Theo Marsh"), else None."""
    first = re.findall(r"[a-z]+", name.lower())
    return _GIVEN.get(first[0]) if first else None


def gender_of(text: str, pronouns: bool = True) -> str | None:
    """'female' or 'male' from the first gendered noun ("her younger brother" is a man); only
    when there is none, from the first pronoun. None when the text does not say."""
    words = re.findall(r"[a-z]+", text.lower())
    tables = [(FEMALE_NOUNS, MALE_NOUNS)] + ([(FEMALE_PRONOUNS, MALE_PRONOUNS)] if pronouns else [])
    for female, male in tables:
        for w in words:
            if w in female:
                return "female"
            if w in male:
                return "male"
    return None


def count(n: int, noun: str) -> str:
    """'1 scene', '3 scenes'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
