"""English words that say who someone is, shared by the parsers and the casting director."""

from __future__ import annotations

import re

FEMALE_NOUNS = frozenset("""woman women girl girls lady ladies female mother mom mum mothers grandmother
grandma granny sister sisters daughter daughters wife wives aunt niece queen princess bride widow nun
actress waitress girlfriend businesswoman mrs ms miss""".split())
MALE_NOUNS = frozenset("""man men boy boys guy guys gentleman gentlemen male father dad fathers grandfather
grandpa brother brothers son sons husband husbands uncle nephew king prince groom widower monk boyfriend
businessman fisherman fishermen waiter actor mr sir""".split())
# Nouns that name a person by role rather than by name ("the butler", "her brother", a TRUCKER):
# the gendered nouns above, less titles, and roles that say nothing of gender.
PEOPLE_NOUNS = (FEMALE_NOUNS | MALE_NOUNS | frozenset("""person people child children kid kids friend teenager
teen stranger student tourist neighbor neighbour traveler traveller colleague soldier sailor musician dancer
detective officer policeman policewoman cop doctor nurse captain guard driver trucker teacher priest clerk
bartender barman barmaid landlord landlady innkeeper cook chef baker farmer keeper knight witch wizard
professor inspector sergeant constable judge lawyer pilot conductor porter maid butler servant vicar boss
manager receptionist cashier vendor merchant guide ranger hunter shopkeeper postman mailman librarian
photographer reporter journalist""".split())) - {"mr", "mrs", "ms", "miss", "sir"}


def people_noun(word: str) -> bool:
    """Is the word a noun for a person, singular or plural: "butler", "COPS", "women"."""
    w = word.lower()
    return w in PEOPLE_NOUNS or (w.endswith("s") and w[:-1] in PEOPLE_NOUNS)


FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})


# Common given names, for characters the text never describes: a writer who names a character
# "Ruby" expects a woman. Anything not listed says nothing.
_GIVEN = {n: "female" for n in """abby ada alice amelia amy ana anna ava beth bella carla carol chloe
clara claire dana diana dora ella ellie emily emma eva fiona grace hannah helen ivy jane jenny jess julia
june kate katie laura lena lila lily lisa lucy maggie mara maria marie mary maya meg mia mila molly
nadia nina nora olivia paula rachel rita rosa rose ruby sara sarah sofia sophie susan tess vera wendy
zoe""".split()}
_GIVEN |= {n: "male" for n in """adam ahmed andrew ben bill bob carl charlie chris dan daniel dave david
dev ed eli elias eric felix finn frank fred george greg harry henry hugo ian jack jake james jim joe
john jonah josh kai ken leo liam luca lucas luke marco mark matt max mike milo nick noah oliver oskar
owen paul pete peter ray rob sam simon steve ted theo tim tom tony victor will""".split()}
# Names used for anyone (Alex, Kim, Sam, Jordan, Taylor) are left out: the text must say.
_GIVEN = {k: v for k, v in _GIVEN.items() if k not in {"alex", "kim", "jordan", "taylor", "sam", "chris", "charlie"}}


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


def mention(text: str, name: str) -> int | None:
    """Where `name` first stands in `text` as a whole word (any case), or None."""
    m = re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", text, re.I)
    return m.start() if m else None


def count(n: int, noun: str) -> str:
    """'1 scene', '3 scenes'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
