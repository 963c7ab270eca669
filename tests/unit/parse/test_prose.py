"""The prose parser: scenes, dialogue attribution, cast and groups read out of plain stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onecrew.model.script import Action, Dialogue, DialoguePart, Script
from onecrew.parse.prose import parse_prose

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def elements(text: str) -> list:
    return [el for sc in parse_prose(text).scenes for el in sc.elements]


def lines(text: str) -> list[tuple[str, str, str | None]]:
    """(speaker, speech, parenthetical) of every Dialogue."""
    return [(d.character, d.text, d.parenthetical) for d in elements(text) if isinstance(d, Dialogue)]


def actions(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.text, a.characters) for a in elements(text) if isinstance(a, Action)]


def cast(text: str) -> dict[str, tuple[str | None, str]]:
    return {c.name: (c.gender, c.description) for c in parse_prose(text).characters}


# ---- the must-pass prompt -------------------------------------------------------------------------

def test_beach_prompt():
    s = parse_prose("Two women and a man pose for photos at the beach at sunset.")
    assert s.source_kind == "prose"
    assert len(s.scenes) == 1
    sc = s.scenes[0]
    assert (sc.heading, sc.int_ext, sc.location, sc.time, sc.line) == (
        "EXT. BEACH - SUNSET", "EXT", "BEACH", "SUNSET", 1)
    assert [(c.name, c.gender) for c in s.characters] == [
        ("Woman 1", "female"), ("Woman 2", "female"), ("Man", "male")]
    assert [c.description for c in s.characters] == ["one of two women", "one of two women", "a man"]
    assert sc.elements == (Action(text="Two women and a man pose for photos at the beach at sunset.",
                                  characters=("Woman 1", "Woman 2", "Man"), line=1),)


def test_empty_and_whitespace_give_no_scenes():
    assert parse_prose("").scenes == ()
    assert parse_prose(" \n\n\t \r\n\ufeff").scenes == ()
    assert parse_prose("***\n\n## Kitchen\n").scenes == ()


def test_one_sentence_is_one_scene():
    s = parse_prose("Mara waits.")
    assert len(s.scenes) == 1
    assert (s.scenes[0].heading, s.scenes[0].location, s.scenes[0].int_ext) == ("", "", None)
    assert actions("Mara waits.") == [("Mara waits.", ("Mara",))]


# ---- attribution ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    '"Come inside," said Mara.',
    '"Come inside," Mara said.',
    'Mara said, "Come inside."',
    'Mara: "Come inside."',
    '"Come inside." Mara said.',
])
def test_attribution_forms(text):
    assert lines(text) == [("Mara", "Come inside.", None)]
    assert actions(text) == []


def test_attribution_after_quote_without_comma():
    assert lines('"Come inside" Mara whispered.') == [("Mara", "Come inside", "whispering")]


def test_pronoun_attribution_goes_to_the_most_recent_character_of_that_gender():
    text = ('Mara, a tall woman, waits. Ben, her brother, arrives.\n\n'
            '"Late again," she said.\n\n"Sorry," he said.')
    assert lines(text) == [("Mara", "Late again.", None), ("Ben", "Sorry.", None)]


def test_pronoun_without_a_gendered_match_falls_back_to_the_most_recent_character():
    assert lines('Kit opens the door. "Hello," she said.') == [("Kit", "Hello.", None)]
    assert cast('Kit opens the door. "Hello," she said.')["Kit"][0] == "female"


KITCHEN = ('In the kitchen, night. Mara poured two cups of tea. Ben sat at the table.\n\n'
           '"You\'re late," Mara said.\n\n"I know," said Ben, "but the bus broke down."\n\n'
           'She laughed. "Of course it did!"\n\n"Don\'t," he whispered.')


def test_pronouns_go_to_the_latest_character_of_the_gender_their_name_implies():
    assert cast(KITCHEN) == {"Mara": ("female", ""), "Ben": ("male", "")}
    assert lines(KITCHEN) == [("Mara", "You're late.", None), ("Ben", "I know, but the bus broke down.", None),
                              ("Mara", "Of course it did!", None), ("Ben", "Don't.", "whispering")]
    assert ("She laughed.", ("Mara",)) in actions(KITCHEN)
    text = 'Mara and Ben walked along the beach at dawn. "I missed this," Mara said. "Me too," he said.'
    assert lines(text) == [("Mara", "I missed this.", None), ("Ben", "Me too.", None)]
    assert cast(text) == {"Mara": ("female", ""), "Ben": ("male", "")}


def test_a_pronoun_never_changes_a_known_gender():
    assert cast("Ben waited. She laughed.") == {"Ben": ("male", "")}
    assert actions("Ben waited. She laughed.") == [("Ben waited.", ("Ben",)), ("She laughed.", ())]
    assert cast("Kit, a tall woman, waited. He laughed.") == {"Kit": ("female", "a tall woman")}
    assert cast("Sam, a tall woman, waited. Sam waved.") == {"Sam": ("female", "a tall woman")}  # beats the name


def test_a_pronoun_nobody_fits_speaks_as_a_stranger_of_that_gender():
    assert lines('"I\'m fine," she said.') == [("Stranger", "I'm fine.", None)]
    assert cast('"I\'m fine," she said.') == {"Stranger": ("female", "")}
    assert lines('Mara waited. "Hi," he said.') == [("Stranger", "Hi.", None)]
    assert cast('Mara waited. "Hi," he said.') == {"Mara": ("female", ""), "Stranger": ("male", "")}


def test_an_attribution_ending_its_sentence_does_not_join_the_next_quote():
    text = '"Don\'t go," said Anna. "I have to," said her brother.'
    assert [(type(e).__name__, e.text) for e in elements(text)] == [("Dialogue", "Don't go."),
                                                                     ("Dialogue", "I have to.")]
    assert lines(text) == [("Anna", "Don't go.", None), ("Anna's Brother", "I have to.", None)]
    assert cast(text) == {"Anna": ("female", ""), "Anna's Brother": ("male", "Anna's brother")}
    assert lines('"I know," said Ben; "not today."') == [("Ben", "I know, not today.", None)]


def test_a_role_speaks_as_its_own_character():
    text = ('Mara waited. "Who are you?" she asked. "Nobody," said the old man. "Move along," the detective said.'
            '\n\nThe old man shrugged. "Why?" asked the detective.')
    assert lines(text) == [("Mara", "Who are you?", None), ("Old Man", "Nobody.", None),
                           ("Detective", "Move along.", None), ("Detective", "Why?", None)]
    assert cast(text) == {"Mara": ("female", ""), "Old Man": ("male", "an old man"),
                          "Detective": (None, "a detective")}
    assert ("The old man shrugged.", ("Old Man",)) in actions(text)
    assert lines('"Hello," his mother said.') == [("Mother", "Hello.", None)]
    assert cast('"Hello," his mother said.') == {"Mother": ("female", "his mother")}


def test_a_role_is_the_one_character_it_describes():
    text = 'Elias, an old man, waits. Mara, a nurse, arrives.\n\n"Late," said the old man. "Sorry," the nurse said.'
    assert lines(text) == [("Elias", "Late.", None), ("Mara", "Sorry.", None)]
    assert lines('Ben, her brother, arrives with Mara.\n\n"Late," said her brother.') == [("Ben", "Late.", None)]
    assert lines('"Hi," said Detective Sam Cole. "Bye," said the detective.')[-1][0] == "Detective Sam Cole"
    text = 'Two men wait. "Hi," the man said. "Hey," the other man said.'
    assert lines(text) == [("Man 1", "Hi.", None), ("Man 2", "Hey.", None)]


def test_split_quote_is_one_dialogue():
    assert lines('"I know," said Ben, "but not today."') == [("Ben", "I know, but not today.", None)]
    # an attribution that ends its sentence ends the speech: the next quote is a speech of its own
    assert lines('"I know," said Ben. "Not today."') == [("Ben", "I know.", None), ("Ben", "Not today.", None)]


def test_unattributed_quotes_alternate_between_the_two_most_recent_speakers():
    text = '"Ready?" asked Mara.\n\n"Almost," said Ben.\n\n"Now?"\n\n"Now."\n\n"Go!"'
    assert [who for who, _, _ in lines(text)] == ["Mara", "Ben", "Mara", "Ben", "Mara"]


def test_unattributed_quote_goes_to_the_paragraph_speaker_or_its_narration():
    assert [w for w, _, _ in lines('"Stop!" Mara whispered. "Someone is here."')] == ["Mara", "Mara"]
    text = '"Hi," said Mara.\n\n"Hello," said Ben.\n\nMara grinned. "You came."'
    assert [w for w, _, _ in lines(text)] == ["Mara", "Ben", "Mara"]


def test_narration_around_speech_becomes_actions_in_order():
    els = elements('Mara set down the mug. "It came," she said, holding up the letter. Ben frowned.')
    assert [(type(e).__name__, getattr(e, "text", "")) for e in els] == [
        ("Action", "Mara set down the mug."), ("Dialogue", "It came."),
        ("Action", "Mara, holding up the letter."), ("Action", "Ben frowned.")]
    assert [e.characters for e in els if isinstance(e, Action)] == [("Mara",), ("Mara",), ("Ben",)]


def test_before_attribution_after_an_action():
    assert elements('Ben looked up and said, "Fine."')[0].text == "Ben looked up."
    assert lines('Ben looked up and said, "Fine."') == [("Ben", "Fine.", None)]


@pytest.mark.parametrize("verb, paren", [
    ("said", None), ("asked", None), ("replied", None), ("whispered", "whispering"),
    ("shouted", "shouting"), ("yelled", "yelling"), ("laughed", "laughing"), ("cried", "crying out"),
    ("muttered", "muttering"), ("called", "calling out"), ("sighed", "sighing"), ("snapped", "snapping"),
    ("said softly", "softly"), ("whispered urgently", "whispering urgently"),
])
def test_speech_verbs_shade_delivery(verb, paren):
    assert lines(f'"Go," Mara {verb}.') == [("Mara", "Go.", paren)]


def test_a_clause_after_the_quote_names_the_speaker_even_without_a_speech_verb():
    text = 'Maya and Jonah run. Jonah, a boy, trips.\n\n"Faster!" Maya yelled. "I am going," he panted.'
    assert [w for w, _, _ in lines(text)] == ["Maya", "Jonah"]
    assert lines('Jonah, a boy, waits.\n\n"Mara said," Mara said.\n\n"Hurry!" he panted.')[-1][0] == "Jonah"


def test_someone_and_i_as_speakers():
    assert lines('"Hello?" someone called.') == [("Stranger", "Hello?", "calling out")]
    assert lines('"Where?" I asked.') == [("Narrator", "Where?", None)]


def test_parenthetical_comes_before_the_speech():
    d = elements('"Go," Mara shouted.')[0]
    assert [(p.kind, p.text) for p in d.parts] == [("parenthetical", "shouting"), ("speech", "Go.")]


# ---- characters ---------------------------------------------------------------------------------

def test_appositive_descriptions_and_gender():
    c = cast("Mara, a tall woman with red hair in a blue dress, pours coffee. "
             "Ben, her younger brother, walks in.")
    assert c == {"Mara": ("female", "a tall woman with red hair in a blue dress"),
                 "Ben": ("male", "her younger brother")}


def test_descriptions_from_is_a_and_wears():
    assert cast("Mara is a tall woman. Mara wears a blue dress.") == {
        "Mara": ("female", "a tall woman, wearing a blue dress")}


def test_full_names_titles_and_short_forms():
    text = 'Detective Sam Cole waited. Grandma Rose, an old woman, knitted.\n\n"Evening," said Cole. Rose nodded.'
    # Sam is a name for anyone: the text does not say, so no gender is claimed
    assert cast(text) == {"Detective Sam Cole": (None, ""), "Grandma Rose": ("female", "an old woman")}
    assert lines(text) == [("Detective Sam Cole", "Evening.", None)]
    assert actions(text)[-1] == ("Rose nodded.", ("Grandma Rose",))


def test_him_does_not_give_the_subject_a_gender():
    assert cast('"Wait," Kit said, and ran after him.')["Kit"][0] is None
    assert cast('"Wait," Ana said, and ran after him.')["Ana"][0] == "female"


def test_gender_from_following_pronouns_else_none():
    assert cast("Ana waited. She checked her phone. Leo arrived. He waved.") == {
        "Ana": ("female", ""), "Leo": ("male", "")}
    assert cast("Kit waited. She checked her phone. Ash arrived. He waved.") == {
        "Kit": ("female", ""), "Ash": ("male", "")}
    assert cast("Kit waited by the door.") == {"Kit": (None, "")}


def test_characters_in_order_of_first_appearance():
    assert list(cast("Ben waits. Mara, a nurse, arrives. Ben waves at Mara.")) == ["Ben", "Mara"]


@pytest.mark.parametrize("text", [
    "Later they walk home.", "On Monday it rained. In March it snowed.", "She waved. He left.",
    "They flew to Paris. Snow fell in London.", "The rain stopped.", "New York slept. The Golden Gate glowed.",
    "Hyde Park was empty.",
])
def test_not_names(text):
    assert parse_prose(text).characters == ()


def test_titles_and_abbreviations_do_not_split_sentences():
    assert actions("Mr. Hale met Dr. Reyes on St. James Road. Mrs. Hale waved.") == [
        ("Mr. Hale met Dr. Reyes on St. James Road.", ("Mr. Hale", "Dr. Reyes")),
        ("Mrs. Hale waved.", ("Mrs. Hale",))]
    assert cast("Mr. Hale met Dr. Reyes. Mrs. Hale waved.")["Mr. Hale"][0] == "male"


def test_sentences_split_on_ellipsis_question_and_exclamation_but_not_inside_quotes():
    assert [t for t, _ in actions("The door creaked... the wind howled. Wait… What? Go! Done.")] == [
        "The door creaked... the wind howled.", "Wait…", "What?", "Go!", "Done."]
    assert lines('Mara said, "Stop. Please. Now."') == [("Mara", "Stop. Please. Now.", None)]


# ---- groups -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Three friends laugh.", [("Friend 1", None, "one of three friends"), ("Friend 2", None, "one of three friends"),
                              ("Friend 3", None, "one of three friends")]),
    ("A man and a woman dance.", [("Man", "male", "a man"), ("Woman", "female", "a woman")]),
    ("Two men argue.", [("Man 1", "male", "one of two men"), ("Man 2", "male", "one of two men")]),
    ("A girl and her grandfather fish.", [("Girl", "female", "a girl"), ("Grandfather", "male", "a grandfather")]),
    ("Four kids run.", [(f"Kid {i}", None, "one of four kids") for i in range(1, 5)]),
    ("Two young women and an old man wait.", [
        ("Woman 1", "female", "one of two young women"), ("Woman 2", "female", "one of two young women"),
        ("Man", "male", "an old man")]),
])
def test_group_placeholders(text, expected):
    s = parse_prose(text)
    assert [(c.name, c.gender, c.description) for c in s.characters] == expected
    assert s.scenes[0].elements[0].characters == tuple(n for n, _, _ in expected)


def test_group_looks_join_the_description():
    assert cast("A woman in a red coat approached.") == {"Woman": ("female", "a woman in a red coat")}
    assert cast("Two men in dark suits wait.")["Man 1"] == ("male", "one of two men in dark suits")


def test_the_man_refers_back_only():
    assert actions("The man waves. A man sits.") == [("The man waves.", ()), ("A man sits.", ("Man",))]


def test_named_group_uses_the_names():
    s = parse_prose("Two friends, Ana and Leo, walk in the park. Ana laughs.")
    assert [(c.name, c.gender, c.description) for c in s.characters] == [
        ("Ana", "female", "one of two friends"), ("Leo", "male", "one of two friends")]
    assert actions("Two friends, Ana and Leo, walk in the park. Ana laughs.")[1] == ("Ana laughs.", ("Ana",))


def test_a_named_group_member_later_given_a_full_name_is_one_character():
    text = "Two friends, Ana and Leo, walk in the park. Leo Marsh waves."
    assert list(cast(text)) == ["Ana", "Leo Marsh"]
    assert actions(text)[0] == ("Two friends, Ana and Leo, walk in the park.", ("Ana", "Leo Marsh"))


def test_they_after_a_group_and_group_references():
    assert actions("Two women and a man pose. They laugh. The man waves. The women wave back.") == [
        ("Two women and a man pose.", ("Woman 1", "Woman 2", "Man")),
        ("They laugh.", ("Woman 1", "Woman 2", "Man")),
        ("The man waves.", ("Man",)),
        ("The women wave back.", ("Woman 1", "Woman 2"))]


def test_a_second_man_is_a_new_character():
    assert list(cast("A man sits. Later a man enters.")) == ["Man", "Man 2"]


def test_group_speaker():
    assert lines('Two women and a man wait. "Smile!" the man shouted.') == [("Man", "Smile!", "shouting")]


# ---- scenes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, heading, ie, loc, time", [
    ("They play at the beach at sunset.", "EXT. BEACH - SUNSET", "EXT", "BEACH", "SUNSET"),
    ("They eat in the kitchen, night.", "INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT"),
    ("They stand on the rooftop.", "EXT. ROOFTOP", "EXT", "ROOFTOP", ""),
    ("They drink in a crowded bar.", "INT. BAR", "INT", "BAR", ""),
    ("They work at the office in the morning.", "INT. OFFICE - MORNING", "INT", "OFFICE", "MORNING"),
    ("They run on the street at dusk.", "EXT. STREET - DUSK", "EXT", "STREET", "DUSK"),
    ("They walk in the park at dawn.", "EXT. PARK - DAWN", "EXT", "PARK", "DAWN"),
    ("She waits in her car at midnight.", "INT. CAR - NIGHT", "INT", "CAR", "NIGHT"),
    ("Later that night, they meet in the forest.", "EXT. FOREST - NIGHT", "EXT", "FOREST", "NIGHT"),
    ("That evening they sit in the living room.", "INT. LIVING ROOM - EVENING", "INT", "LIVING ROOM", "EVENING"),
    ("At noon they cross the square.", "", None, "", "DAY"),
    ("They sit outside the house in the afternoon.", "EXT. HOUSE - AFTERNOON", "EXT", "HOUSE", "AFTERNOON"),
    ("They fish from the pier.", "EXT. PIER", "EXT", "PIER", ""),
    ("Two men wait by the car.", "EXT. CAR", "EXT", "CAR", ""),
    ("They rest inside the lighthouse.", "INT. LIGHTHOUSE", "INT", "LIGHTHOUSE", ""),
    ("They talked all night about the beach.", "", None, "", ""),
])
def test_settings(sentence, heading, ie, loc, time):
    sc = parse_prose(sentence).scenes[0]
    assert (sc.heading, sc.int_ext, sc.location, sc.time) == (heading, ie, loc, time)


def test_new_scene_when_the_opening_sentence_changes_the_setting():
    text = ("Mara cooks in the kitchen at dawn. Ben watches.\n\n"
            "Ben yawns in the kitchen.\n\n"
            "On the rooftop, Mara hangs washing. She sings.\n\n"
            "Later that night, Ben reads.\n\n"
            'Mara said, "Meet me at the beach."')
    s = parse_prose(text)
    assert [(sc.heading, sc.line) for sc in s.scenes] == [
        ("INT. KITCHEN - DAWN", 1), ("EXT. ROOFTOP", 5), ("EXT. ROOFTOP - NIGHT", 7)]
    assert [len(sc.elements) for sc in s.scenes] == [3, 2, 2]


def test_going_somewhere_or_throwing_something_there_is_no_new_scene():
    s = parse_prose("Mara waits on the bridge.\n\nShe throws a coin into the river. Then she walks to the park.")
    assert [sc.heading for sc in s.scenes] == ["EXT. BRIDGE"]


def test_text_before_any_setting_is_its_own_scene():
    s = parse_prose("Mara wakes.\n\nIn the kitchen, she makes tea.")
    assert [(sc.heading, sc.location) for sc in s.scenes] == [("", ""), ("INT. KITCHEN", "KITCHEN")]


def test_a_later_sentence_of_the_first_paragraph_can_set_the_place():
    s = parse_prose("Mara waits. She is at the beach at sunset.")
    assert [sc.heading for sc in s.scenes] == ["EXT. BEACH - SUNSET"]


@pytest.mark.parametrize("rule", ["***", "* * *", "---", "- - -", "___"])
def test_explicit_breaks_keep_the_place_unless_told(rule):
    s = parse_prose(f"Mara waits in the kitchen.\n\n{rule}\n\nShe sleeps.\n\n{rule}\n\nAt the office, Ben types.")
    assert [(sc.heading, sc.line) for sc in s.scenes] == [
        ("INT. KITCHEN", 1), ("INT. KITCHEN", 5), ("INT. OFFICE", 9)]


def test_markdown_headings_are_breaks_and_heading_hints():
    text = ("# The Visit\n\nMara waits.\n\n## The Garden, Dusk\n\nBen digs.\n\n## Chapter Two\n\nBen naps.\n\n"
            "## Part Three\n\nIn the kitchen, Mara reads.")
    s = parse_prose(text)
    assert s.title == "The Visit"
    assert [(sc.heading, sc.location, sc.time, sc.line) for sc in s.scenes] == [
        ("", "", "", 3), ("EXT. GARDEN - DUSK", "GARDEN", "DUSK", 5),
        ("EXT. GARDEN", "GARDEN", "", 9), ("INT. KITCHEN", "KITCHEN", "", 13)]


def test_markdown_heading_as_a_slugline():
    sc = parse_prose("## INT. MUSEUM OF FLIGHT - NIGHT\n\nMara runs.").scenes[0]
    assert (sc.heading, sc.int_ext, sc.location, sc.time) == (
        "INT. MUSEUM OF FLIGHT - NIGHT", "INT", "MUSEUM OF FLIGHT", "NIGHT")


# ---- text handling ------------------------------------------------------------------------------

def test_curly_quotes_and_apostrophes():
    text = "“Don’t go,” said Mara. ‘Twas late.\n\n“I won’t,” Ben whispered."
    assert lines(text) == [("Mara", "Don't go.", None), ("Ben", "I won't.", "whispering")]
    assert actions(text) == [("'Twas late.", ())]


def test_curly_single_quotes_are_speech_when_attributed_or_a_sentence_of_their_own():
    text = ("‘Where were you?’ she asked. ‘Out,’ said Tom. Nora’s cat hid.\n\n"
            "Tom said, ‘The boys’ bikes are gone. We walked, like in the ’90s.’\n\n"
            "Nora smiled. ‘Don’t be silly.’")
    assert lines(text) == [("Stranger", "Where were you?", None), ("Tom", "Out.", None),
                           ("Tom", "The boys' bikes are gone. We walked, like in the '90s.", None),
                           ("Nora", "Don't be silly.", None)]
    assert actions(text) == [("Nora's cat hid.", ("Nora",)), ("Nora smiled.", ("Nora",))]
    assert lines("“She said ‘go’ to me,” Ben said.") == [("Ben", "She said 'go' to me.", None)]


def test_curly_single_quotes_that_are_not_speech_stay_apostrophes():
    assert actions("It was ‘fine’ she thought. ‘Twas the ’90s.") == [
        ("It was 'fine' she thought.", ()), ("'Twas the '90s.", ())]
    # straight single quotes are never speech: they cannot be told from apostrophes
    assert actions("'Out,' said Tom.") == [("'Out,' said Tom.", ("Tom",))]


def test_bom_and_crlf_keep_line_numbers():
    s = parse_prose("\ufeffMara waits in the kitchen.\r\n\r\nBen knocks.\r\r\"Hi,\" he said.\r\n")
    assert s.scenes[0].heading == "INT. KITCHEN"
    assert [(type(e).__name__, e.line) for e in s.scenes[0].elements] == [
        ("Action", 1), ("Action", 3), ("Dialogue", 5)]


def test_line_numbers_across_wrapped_paragraphs():
    text = "\n\nIn the park, Mara\nwaits. Ben\narrives.\n\n\"Hi,\" he\nsaid. \"Again.\"\n"
    s = parse_prose(text)
    assert s.scenes[0].line == 3
    assert [(getattr(e, "text", ""), e.line) for e in s.scenes[0].elements] == [
        ("In the park, Mara waits.", 3), ("Ben arrives.", 4), ("Hi.", 7), ("Again.", 8)]


def test_markdown_emphasis_is_dropped():
    assert actions("Mara *really* waits in the **park**.") == [("Mara really waits in the park.", ("Mara",))]


# ---- the examples -------------------------------------------------------------------------------

def test_example_beach():
    s = parse_prose((EXAMPLES / "beach.txt").read_text(encoding="utf-8"), "beach.txt")
    assert [sc.heading for sc in s.scenes] == ["EXT. BEACH - SUNSET"]
    assert [c.name for c in s.characters] == ["Woman 1", "Woman 2", "Man"]


def test_example_lighthouse():
    s = parse_prose((EXAMPLES / "lighthouse.txt").read_text(encoding="utf-8"), "lighthouse.txt")
    assert s.title == "The Last Light"
    assert [(sc.int_ext, sc.location, sc.time) for sc in s.scenes] == [
        ("INT", "KITCHEN", "DAWN"), ("EXT", "HARBOUR STREET", "DAY"), ("EXT", "LIGHTHOUSE GALLERY", "SUNSET")]
    assert [(c.name, c.gender) for c in s.characters] == [("Nora", "female"), ("Elias", "male"), ("Tom", "male")]
    assert all("hair" in c.description or "beard" in c.description for c in s.characters)
    said = [(d.character, d.text.split()[0], d.parenthetical) for sc in s.scenes
            for d in sc.elements if isinstance(d, Dialogue)]
    assert said == [
        ("Nora", "They", "whispering"), ("Nora", "Next", None), ("Elias", "Read", None), ("Nora", "It", None), ("Nora", "No", None),
        ("Elias", "Fifty", "muttering"), ("Nora", "You", None),
        ("Tom", "Nora!", "shouting"), ("Nora", "If", None), ("Tom", "No", None), ("Tom", "The", None),
        ("Nora", "Then", None),
        ("Tom", "Smile,", "calling out"), ("Elias", "Your", "whispering"), ("Nora", "She", "laughing"),
        ("Elias", "She", None)]


# ---- never crashes ------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "Mara", "Ben", "she", "he", "They", "said", "whispered", "asked", ",", ".", "!", "?", "…", "...",
    '"', "“", "”", "‘", "’", "'", ":", " ", " ", "\n", "\n\n", "\r\n", "***", "# ", "## ", "at the beach",
    "in the kitchen", "at sunset", "night", "two women and a man", "three friends", "Mr.", "Dr.",
    "a tall woman", "her brother", "softly", "and", "Later", "—", "\ufeff", "*", "_", "-", "St.", "Ana", "the man",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_parses(text):
    assert isinstance(parse_prose(text), Script)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map(" ".join) | st.lists(_PIECES, max_size=60).map("".join))
def test_story_like_text_parses(text):
    s = parse_prose(text)
    names = {c.name for c in s.characters}
    for sc in s.scenes:
        assert sc.elements
        for el in sc.elements:
            assert el.line >= 1
            if isinstance(el, Dialogue):
                assert el.character in names and el.text.strip()
            else:
                assert set(el.characters) <= names and el.text.strip()


# ---- reviewer's regressions -----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('"I don\'t know," said Maria, "whether we should go." She looked at Jack.\n'
     '"We have to," Jack said. "There\'s no other way."',
     [("Maria", "I don't know, whether we should go."), ("Jack", "We have to."), ("Jack", "There's no other way.")]),
    ('"In the pantry, sir," the butler said. "All night."', [("Butler", "In the pantry, sir."), ("Butler", "All night.")]),
    ('Jordan turned to Taylor. "Look at the view." Taylor nodded. "It\'s beautiful."',
     [("Jordan", "Look at the view."), ("Taylor", "It's beautiful.")]),
])
def test_unattributed_quote_goes_to_the_subject_of_the_sentence_before(text, expected):
    assert [(who, speech) for who, speech, _ in lines(text)] == expected


def test_a_line_opening_speech_after_a_finished_sentence_starts_a_paragraph_but_wrapped_attribution_does_not():
    assert lines('Mara turned to Ben and said,\n"Go now."') == [("Mara", "Go now.", None)]


def test_a_role_named_in_narration_is_cast():
    text = "Emily found the old man at the gate. He was holding a lantern.\n\n‘You came back,’ he said."
    assert cast(text)["Old Man"] == ("male", "an old man")
    assert actions(text)[1] == ("He was holding a lantern.", ("Old Man",))
    assert lines(text) == [("Old Man", "You came back.", None)]


def test_a_possessive_role_in_narration_is_cast_and_the_manner_clause_is_a_parenthetical():
    text = 'Anna walked into the kitchen. Her brother was reading the paper.\n"In the fridge," he said, without looking up.'
    assert cast(text) == {"Anna": ("female", ""), "Anna's Brother": ("male", "Anna's brother")}
    assert actions(text) == [("Anna walked into the kitchen.", ("Anna",)),
                             ("Her brother was reading the paper.", ("Anna's Brother",))]
    assert lines(text) == [("Anna's Brother", "In the fridge.", "without looking up")]


def test_an_attribution_with_an_object_leaves_no_action():
    assert elements('"Are you sure?" Chris asked him.') == [Dialogue(character="Chris", line=1, parts=(
        DialoguePart(kind="speech", text="Are you sure?"),))]
    assert lines('"Sit," Mara told Ben.') == [("Mara", "Sit.", None)]
