"""People: nouns, titles and given names → gender, age and role; and whether two names are one
person ("ESTHER" and "Esther Oyelaran", "Dr. Solberg" and "Dr. Ingrid Solberg").

Data plus small look-ups; the prose and Fountain parsers and the casting director share them.
"""

from __future__ import annotations

import re

FEMALE_NOUNS = frozenset("""woman women girl girls lady ladies female mother mom mum mothers grandmother
grandma granny nana nonna gran abuela sister sisters daughter daughters wife wives aunt auntie niece queen
princess bride bridesmaid widow nun actress waitress hostess stewardess girlfriend fiancee businesswoman
policewoman chairwoman saleswoman stepmother stepdaughter stepsister schoolgirl housewife madam madame
mistress duchess empress heiress goddess landlady barmaid maid matron mrs ms miss""".split())
MALE_NOUNS = frozenset("""man men boy boys guy guys gentleman gentlemen male father dad daddy fathers
grandfather grandpa granddad grandad gramps nonno abuelo brother brothers son sons husband husbands uncle
nephew king prince groom bridegroom widower monk boyfriend fiance businessman policeman chairman salesman
fisherman fishermen waiter actor host steward stepfather stepson stepbrother schoolboy lord duke emperor
heir god landlord barman butler master mr sir""".split())

# Nouns that name a person by role rather than by name ("the butler", "her brother", a TRUCKER):
# the gendered nouns above, less titles, and roles that say nothing of gender.
ROLE_NOUNS = frozenset("""person people child children kid kids baby toddler friend teenager teen youth
stranger student tourist neighbor neighbour traveler traveller passenger colleague soldier sailor musician
dancer singer detective officer cop doctor nurse surgeon paramedic captain guard driver trucker teacher
priest vicar clerk bartender barista cook chef baker farmer keeper knight witch wizard professor inspector
sergeant constable judge lawyer pilot conductor porter servant boss manager receptionist cashier teller
vendor merchant guide ranger hunter shopkeeper postman mailman librarian photographer reporter journalist
scientist assistant secretary suspect witness victim thief robber burglar killer gunman hostage negotiator
prisoner inmate agent spy mechanic engineer builder plumber electrician janitor cleaner gardener firefighter
medic patient customer client waitstaff server courier deckhand fisher jogger runner cyclist hiker climber
skater surfer artist painter writer poet actor student pupil intern ceo heir heiress director producer
bodyguard chauffeur housekeeper nanny tutor coach referee umpire boxer fighter warrior mourner guest
shopper commuter busker beggar drifter hitchhiker sheriff deputy marshal ranger monk nun king queen
figure elder villager local""".split()) | FEMALE_NOUNS | MALE_NOUNS
TITLE_WORDS = frozenset("mr mrs ms miss sir madam".split())
PEOPLE_NOUNS = ROLE_NOUNS - TITLE_WORDS


def people_noun(word: str) -> bool:
    """Is the word a noun for a person, singular or plural: "butler", "COPS", "women"."""
    w = word.lower()
    return w in PEOPLE_NOUNS or (w.endswith("s") and w[:-1] in PEOPLE_NOUNS)


FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})

# Words before a name that say who the person is: "Grandpa Joe", "Old Jack", "Madam Zhou".
# title → (gender or None, age or None)
TITLES: dict[str, tuple[str | None, str | None]] = {
    "mr": ("male", None), "mister": ("male", None), "sir": ("male", None), "lord": ("male", None),
    "master": ("male", None), "uncle": ("male", None), "grandpa": ("male", "elderly"),
    "grandfather": ("male", "elderly"), "granddad": ("male", "elderly"), "grandad": ("male", "elderly"),
    "gramps": ("male", "elderly"), "nonno": ("male", "elderly"), "abuelo": ("male", "elderly"),
    "father": ("male", None), "brother": ("male", None), "king": ("male", None), "prince": ("male", None),
    "mrs": ("female", None), "ms": ("female", None), "miss": ("female", None), "madam": ("female", None),
    "madame": ("female", None), "lady": ("female", None), "aunt": ("female", None), "auntie": ("female", None),
    "grandma": ("female", "elderly"), "granny": ("female", "elderly"), "gran": ("female", "elderly"),
    "nana": ("female", "elderly"), "nonna": ("female", "elderly"), "abuela": ("female", "elderly"),
    "grandmother": ("female", "elderly"), "mother": ("female", None), "sister": ("female", None),
    "queen": ("female", None), "princess": ("female", None),
    "old": (None, "elderly"), "elder": (None, "elderly"), "young": (None, "young-adult"), "little": (None, "child"),
    "dr": (None, None), "doctor": (None, None), "professor": (None, None), "prof": (None, None),
    "detective": (None, None), "inspector": (None, None), "officer": (None, None), "captain": (None, None),
    "sergeant": (None, None), "agent": (None, None), "nurse": (None, None), "coach": (None, None),
    "judge": (None, None), "chef": (None, None), "boss": (None, None), "big": (None, None),
}

# Common given names, for characters the text never describes: a writer who names a character
# "Ruby" expects a woman. Names used for anyone (Alex, Sam, Kim, Jordan) are left out.
_FEMALE_NAMES = """abby ada adaeze adele agnes aiko aisha alice alma amara amelia amina amy ana anna anne
annie anya anja aria ava beatrice bea bella beth betty bianca bridget camila carla carmen carol caroline
catherine charlotte chiara chloe clara claire cora dana daphne daria diana dina dolores dora edith eleanor
elena eliza ella ellie elsa emily emma esme esther eva evelyn fatima fiona flora freya gabriela gemma
georgia gloria grace greta hana hannah harriet hazel heidi helen helga hilda ida ines ingrid irene iris
isabel isla ivy jane janet jasmine jenny jess jessica joan josephine joy judith julia julie june kamala
karen kate katie keiko kira lara laura layla leah leila lena lila lily lin linda lisa lola lorna lucia
lucy luisa luna lydia mabel madeleine maeve magda maggie maisie malika mara margaret maria marie marisol
marta martha mary matilda maya mei meg mia mila mina miriam molly monica nadia naomi natalia nell nina
noor nora olga olivia paula pearl penny pilar polly priya rachel ramona rebecca rita rosa rosalind rose
rosie ruby ruth sakura sally sara sarah selma shirley sienna sofia sonia sophie stella su susan suzanne
sylvia tamara tanya teresa tess thea tilly ursula valentina vera veronica victoria violet vivian wanda
wendy xia yara yuki yuna zara zoe zoey zora""".split()
_MALE_NAMES = """aaron abdul adam ahmed aidan albert aldo alfie alfred amir andre andrei andrew angus anton
arjun arthur august barney ben benny bernard bill billy bob boris brandon brian bruno caleb carl carlos
cedric chen colin conor cyril dan daniel dante darius dave david declan del dennis derek dev dex diego
dmitri doug duncan ed eddie edgar edward eli elias elijah emeka emil enzo eric ernest ethan eugene evan
felix fernando finn frank franz fred freddie gabriel gary george gerald gideon gordon graham greg gus
hamid hank hans harold harry hassan hector henry herbert hiro hugh hugo ian igor isaac ivan jack jacob
jake james jamal jasper javier jeff jim jimmy joe joel johan john jonah jonas jorge jose josh juan julian
kai karl ken kenji kevin kofi kwame lars leo leon leonard liam lorenzo louis luca lucas luis luke magnus
malcolm marco marcus mario mark martin mateo matt matthew max mehmet michael miguel mike milo mohammed
nathan ned neil nick nico nigel noah norman olaf oliver omar oscar oskar otto owen pablo paolo patrick
paul pedro pete peter phil philip piet pierre rafael raj ralph ravi ray raymond ricardo richard rico
robert roberto roger roman ron rory roy rufus rupert russell ryan sami samuel santiago sean sebastian
sergei seth simon stan stefan steve sven ted terry theo thomas tim tobias tom tomas tony travis trevor
tyler umar victor viktor vincent vladimir walter wang wei wes will william xavier yusuf zach zane""".split()
_UNISEX = {"alex", "kim", "jordan", "taylor", "sam", "chris", "charlie", "jo", "robin", "ash", "jesse",
           "morgan", "casey", "riley", "jamie", "lee"}
GIVEN_NAMES: dict[str, str] = {**{n: "female" for n in _FEMALE_NAMES}, **{n: "male" for n in _MALE_NAMES}}
GIVEN_NAMES = {k: v for k, v in GIVEN_NAMES.items() if k not in _UNISEX}


def name_parts(name: str) -> list[str]:
    """The words of a name, lower case, titles and "Old"/"Grandpa" kept: "Dr. Ingrid Solberg" →
    ["dr", "ingrid", "solberg"]."""
    return re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", name.lower())


def name_gender(name: str) -> str | None:
    """'female' / 'male' from a name's title ("Grandpa Joe", "Madam Zhou") or, after any
    titles, its given name ("Ruby", "Theo Marsh"); else None."""
    words = name_parts(name)
    for w in words:
        if w in TITLES:
            if TITLES[w][0]:
                return TITLES[w][0]
            continue
        return GIVEN_NAMES.get(w)  # the first word after the titles is the given name
    return None


def name_age(name: str) -> str | None:
    """An age a title in the name gives: "Old Jack", "Grandma Rosa", "Elder Xia" → elderly."""
    for w in name_parts(name):
        if w not in TITLES:
            return None
        if TITLES[w][1]:
            return TITLES[w][1]
    return None


def bare(name: str) -> list[str]:
    """A name's words without its titles: "Master Feng" → ["feng"]."""
    words = name_parts(name)
    return [w for w in words if w not in TITLES] or words


def same_person(short: str, full: str) -> bool:
    """Is `short` a shorter way to name `full`: "ESTHER" / "Esther Oyelaran", "Brandt" / "Sam
    Brandt", "Dr. Solberg" / "Dr. Ingrid Solberg", "Feng" / "Master Feng". Titles must not
    contradict (Mr. Park is not Mrs. Park)."""
    ps, pf = name_parts(short), name_parts(full)
    if not ps or len(ps) >= len(pf) or not set(bare(short)) <= set(bare(full)):
        return False
    gs, gf = _title_gender(short), _title_gender(full)
    return gs is None or gf is None or gs == gf


def _title_gender(name: str) -> str | None:
    return next((TITLES[w][0] for w in name_parts(name) if w in TITLES and TITLES[w][0]), None)


def merge_names(names: list[str]) -> dict[str, str]:
    """Each name → the one fullest name it is a shorter way of saying, when exactly one such
    name is there (two Brandts keep "Brandt" apart). Names that stand alone map to themselves.
    Candidates come from an index by word, so a cast of thousands is not names × names."""
    index: dict[str, list[str]] = {}
    for n in names:
        for w in set(bare(n)):
            index.setdefault(w, []).append(n)
    out: dict[str, str] = {}
    for n in names:
        words = bare(n)
        bucket = min((index.get(w, []) for w in set(words)), key=len, default=[])
        longer = [] if len(bucket) > 50 else [
            f for f in bucket if f != n and len(name_parts(f)) > len(name_parts(n)) and same_person(n, f)]
        longer.sort(key=lambda f: -len(name_parts(f)))
        out[n] = longer[0] if longer and all(x == longer[0] or same_person(x, longer[0]) for x in longer) else n
    return out


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


# ---- ages -----------------------------------------------------------------------------------------
AGE_NOUNS: dict[str, str] = {
    **dict.fromkeys("baby toddler infant child kid boy girl schoolgirl schoolboy pupil".split(), "child"),
    **dict.fromkeys("teen teenager teenage adolescent youth".split(), "teen"),
    **dict.fromkeys("grandmother grandfather grandma grandpa granny nonna nonno gran elder pensioner".split(),
                    "elderly"),
}
AGE_ADJECTIVES: dict[str, str] = {
    **dict.fromkeys("old elderly aged ancient frail wizened retired".split(), "elderly"),
    **dict.fromkeys("middle-aged".split(), "middle-aged"),
    **dict.fromkeys("young youthful".split(), "young-adult"),
}
DECADES = {"teens": "teen", "twenties": "young-adult", "thirties": "adult", "forties": "middle-aged",
           "fifties": "middle-aged", "sixties": "elderly", "seventies": "elderly", "eighties": "elderly",
           "nineties": "elderly"}
NUMBER_WORDS = {w: i for i, w in enumerate("""zero one two three four five six seven eight nine ten eleven
twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split())}


def age_of_years(years: int) -> str:
    """An age in years → AgeGroup value."""
    return ("child" if years < 13 else "teen" if years < 20 else "young-adult" if years < 30
            else "adult" if years < 40 else "middle-aged" if years < 60 else "elderly")
