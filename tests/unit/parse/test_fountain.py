"""The Fountain parser, element by element, plus a never-crashes property and the example."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onecrew.model.script import (Action, Dialogue, DialoguePart, Lyric, Note, PageBreak, Script,
                                  Transition)
from onecrew.parse.fountain import _ESCAPES, _plain, parse_fountain

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "night_shift.fountain"


def doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def elements(text: str):
    """All elements of all scenes, in order."""
    return [el for scene in parse_fountain(text).scenes for el in scene.elements]


def only(text: str):
    found = elements(text)
    assert len(found) == 1, found
    return found[0]


def speech(*texts: str) -> tuple[DialoguePart, ...]:
    return tuple(DialoguePart(kind="speech", text=t) for t in texts)


# ---- title page ---------------------------------------------------------------------------

def test_title_page_keeps_pairs_in_order_with_multiline_values():
    script = parse_fountain(doc(
        "Title:", "    _**BRICK & STEEL**_", "    *FULL RETIRED*",
        "Credit: Written by", "Author: Stu Maschwitz", "Draft date: 1/20/2012",
        "Contact:", "\tNext Level Productions", "\t1588 Mission Dr.",
        "", "EXT. BRICK'S PATIO - DAY", "", "A gorgeous day."))
    assert script.title == "BRICK & STEEL FULL RETIRED"
    assert script.title_page == (
        ("Title", "_**BRICK & STEEL**_\n*FULL RETIRED*"), ("Credit", "Written by"),
        ("Author", "Stu Maschwitz"), ("Draft date", "1/20/2012"),
        ("Contact", "Next Level Productions\n1588 Mission Dr."))
    assert script.source_kind == "fountain"
    assert [s.heading for s in script.scenes] == ["EXT. BRICK'S PATIO - DAY"]


def test_fade_in_alone_is_not_a_title_page():
    script = parse_fountain(doc("FADE IN:", "", "INT. HOUSE - DAY", "", "Quiet."))
    assert script.title_page == () and script.title == ""
    # Nothing filmable before the heading, so the transition opens that scene.
    assert script.scenes[0].heading == "INT. HOUSE - DAY"
    assert script.scenes[0].elements[0] == Transition(text="FADE IN:", line=1)


# ---- scene headings -----------------------------------------------------------------------

@pytest.mark.parametrize("heading, int_ext, location, time", [
    ("INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT"),
    ("EXT. BEACH - SUNSET", "EXT", "BEACH", "SUNSET"),
    ("INT./EXT. CAR - DAY", "INT/EXT", "CAR", "DAY"),
    ("INT/EXT CAR - DAY", "INT/EXT", "CAR", "DAY"),
    ("I/E CAR - DAY", "INT/EXT", "CAR", "DAY"),
    ("EST. CITY SKYLINE - DAWN", "EXT", "CITY SKYLINE", "DAWN"),
    ("int. office - morning", "INT", "office", "morning"),
    ("EXT PARK", "EXT", "PARK", ""),
    ("INT. HOUSE - KITCHEN - NIGHT", "INT", "HOUSE - KITCHEN", "NIGHT"),
])
def test_scene_heading_parts(heading, int_ext, location, time):
    script = parse_fountain(doc("", heading, "", "Something happens."))
    (scene,) = script.scenes
    assert (scene.heading, scene.int_ext, scene.location, scene.time) == \
        (heading, int_ext, location, time)
    assert scene.line == 2 and scene.number is None
    assert scene.elements == (Action(text="Something happens.", line=4),)


def test_scene_number_is_read_and_removed_from_the_heading():
    (scene,) = parse_fountain(doc("EXT. ROOFTOP - NIGHT #12A#", "", "Wind.")).scenes
    assert (scene.heading, scene.number, scene.location, scene.time) == \
        ("EXT. ROOFTOP - NIGHT", "12A", "ROOFTOP", "NIGHT")


def test_forced_scene_heading():
    scenes = parse_fountain(doc(".SNIPER SCOPE POV", "", "Crosshairs.", "",
                                ".INT. VAN - NIGHT #3#", "", "Dark.")).scenes
    assert [(s.heading, s.int_ext, s.location, s.number) for s in scenes] == [
        ("SNIPER SCOPE POV", None, "SNIPER SCOPE POV", None), ("INT. VAN - NIGHT", "INT", "VAN", "3")]


def test_ellipsis_is_not_a_forced_heading():
    assert only(doc("...and then nothing.")) == Action(text="...and then nothing.", line=1)


def test_heading_needs_a_blank_line_before_it():
    script = parse_fountain(doc("INT. A - DAY", "", "He walks.", "INT. HOUSE - DAY"))
    assert [s.heading for s in script.scenes] == ["INT. A - DAY"]
    assert script.scenes[0].elements == (Action(text="He walks.\nINT. HOUSE - DAY", line=3),)


def test_content_before_the_first_heading_is_an_implicit_scene():
    script = parse_fountain(doc("Title: X", "", "Black screen.", "", "EXT. PARK - DAY", "", "Birds."))
    first, second = script.scenes
    assert (first.heading, first.int_ext, first.line) == ("", None, 3)
    assert first.elements == (Action(text="Black screen.", line=3),)
    assert second.heading == "EXT. PARK - DAY"


# ---- action and centered ------------------------------------------------------------------

def test_action_keeps_line_breaks_and_relative_indentation():
    text = doc("", "He waits.", "    Nothing.", "Then a knock.", "", "Silence.")
    assert elements(text) == [Action(text="He waits.\n    Nothing.\nThen a knock.", line=2),
                              Action(text="Silence.", line=6)]


def test_forced_action_is_never_a_cue():
    assert only(doc("", "!SCREAMS", "are heard.")) == Action(text="SCREAMS\nare heard.", line=2)


def test_centered_text():
    assert only(doc("", ">THE END<")) == Action(text="THE END", centered=True, line=2)
    assert only(doc("", "> **Chapter** <", "> two <")) == \
        Action(text="Chapter\ntwo", centered=True, line=2)


# ---- characters and dialogue --------------------------------------------------------------

def test_cue_extension_and_dialogue():
    el = only(doc("", "MARA (V.O.)", "I was", "never there."))
    assert el == Dialogue(character="MARA", extension="V.O.", parts=speech("I was never there."),
                          line=2)


@pytest.mark.parametrize("cue, name, ext", [
    ("BEN (O.S.)", "BEN", "O.S."), ("BEN (CONT'D)", "BEN", "CONT'D"), ("BEN (O.C.)", "BEN", "O.C."),
    ("MAN #2", "MAN #2", None), ("DR. O'NEIL", "DR. O'NEIL", None), ("R2-D2", "R2-D2", None),
    ("@McCLANE", "McCLANE", None), ("BEN (V.O.) (cont'd)", "BEN", "V.O., cont'd"),
])
def test_character_cues(cue, name, ext):
    el = only(doc("", cue, "Yes."))
    assert (el.character, el.extension, el.text) == (name, ext, "Yes.")


@pytest.mark.parametrize("text", [
    doc("", "mara", "Hello."),  # lower case
    doc("", "BOOM!", "The wall falls."),  # not a name
    doc("", "1984", "A year."),  # no letters
    doc("Mara arrives.", "BEN", "Hello."),  # no blank line before
])
def test_lines_that_are_not_cues(text):
    assert all(isinstance(el, Action) for el in elements(text))


def test_cue_at_end_of_document_is_action():
    assert elements(doc("", "Quiet.", "", "MARA")) == [Action(text="Quiet.", line=2),
                                                      Action(text="MARA", line=4)]


def test_parentheticals_anywhere_in_dialogue():
    el = only(doc("", "MARA", "(quietly)", "Listen.", "(beat)", "Do you hear it?", "(whispering)"))
    assert el.parts == (DialoguePart(kind="parenthetical", text="quietly"), *speech("Listen."),
                        DialoguePart(kind="parenthetical", text="beat"), *speech("Do you hear it?"),
                        DialoguePart(kind="parenthetical", text="whispering"))
    assert el.parenthetical == "quietly" and el.text == "Listen. Do you hear it?"


def test_two_spaces_keep_the_dialogue_going():
    el = only(doc("", "BEN", "First paragraph.", "  ", "Second paragraph."))
    assert el.parts == speech("First paragraph.", "Second paragraph.")


def test_dual_dialogue():
    first, second = elements(doc("", "BRICK", "Screw retirement.", "", "STEEL ^", "Screw retirement."))
    assert (first.character, first.dual) == ("BRICK", False)
    assert (second.character, second.dual, second.line) == ("STEEL", True, 5)


def test_dual_marker_without_a_previous_speech_is_ignored():
    el = only(doc("", "STEEL ^", "Alone."))
    assert (el.character, el.dual) == ("STEEL", False)


def test_lyrics_in_dialogue_and_alone():
    sung = only(doc("", "MARA", "~Row, row, row", "~your boat"))
    assert (sung.lyric, sung.parts) == (True, speech("Row, row, row\nyour boat"))
    assert only(doc("", "~Willy the *wolf*", "~howls at night")) == \
        Lyric(text="Willy the wolf\nhowls at night", line=2)


# ---- transitions, page breaks, sections, synopses ---------------------------------------

def test_transitions():
    found = elements(doc("", "Door slams.", "", "CUT TO:", "", "> Burn to white.", "",
                         "FADE OUT.", "", "FADE TO BLACK."))
    assert found[1:] == [Transition(text="CUT TO:", line=4), Transition(text="Burn to white.", line=6),
                         Transition(text="FADE OUT.", line=8), Transition(text="FADE TO BLACK.", line=10)]


def test_transition_needs_blank_lines_and_capitals():
    assert elements(doc("", "Cut to:", "")) == [Action(text="Cut to:", line=2)]
    assert elements(doc("", "He walks.", "CUT TO:")) == [Action(text="He walks.\nCUT TO:", line=2)]


def test_centered_is_not_a_transition():
    assert elements(doc("", ">CUT TO:<", "", "> CUT TO:")) == [
        Action(text="CUT TO:", centered=True, line=2), Transition(text="CUT TO:", line=4)]


def test_page_break():
    assert elements(doc("", "One.", "", "===", "", "Two.", "", "=====")) == [
        Action(text="One.", line=2), PageBreak(line=4), Action(text="Two.", line=6), PageBreak(line=8)]


def test_sections_and_synopses():
    found = elements(doc("# Act One", "", "## The *Deal*", "", "= Mara agrees to go.", "", "Go."))
    assert found == [Note(kind="section", text="Act One", level=1, line=1),
                     Note(kind="section", text="The Deal", level=2, line=3),
                     Note(kind="synopsis", text="Mara agrees to go.", line=5),
                     Action(text="Go.", line=7)]


# ---- notes and boneyard -------------------------------------------------------------------

def test_standalone_notes_including_multiline():
    found = elements(doc("", "[[Check the lighting.]]", "", "[[A long", "note here.]]", "", "Lights."))
    assert found == [Note(text="Check the lighting.", line=2), Note(text="A long note here.", line=4),
                     Action(text="Lights.", line=7)]


def test_inline_notes_are_removed_from_action_and_dialogue():
    found = elements(doc("", "He opens [[which?]] the door. [[too slow]]", "",
                         "MARA", "Come in[[softer]], now.", "[[whole line note]]", "Sit."))
    assert found == [Action(text="He opens the door.", line=2),
                     Dialogue(character="MARA", parts=speech("Come in, now. Sit."), line=4)]


def test_note_does_not_cross_a_blank_line():
    assert elements(doc("", "Odd [[bracket", "", "here]] text.")) == [
        Action(text="Odd [[bracket", line=2), Action(text="here]] text.", line=4)]


def test_boneyard_across_paragraphs_is_gone_and_lines_still_count():
    # The boneyard hid the blank lines between elements, so what stood either side of it stays
    # apart (fountain.io's own example: "CUT TO:", then "/*" ... "*/", then a scene heading).
    found = elements(doc("", "Kept.", "/* gone", "", "INT. NOWHERE - DAY", "", "MARA", "Gone.",
                         "*/", "Still kept /* inline */ here.", "", "Last."))
    assert found == [Action(text="Kept.", line=2), Action(text="Still kept here.", line=10),
                     Action(text="Last.", line=12)]


def test_unclosed_boneyard_is_text():
    assert only(doc("", "A /* never closed")) == Action(text="A /* never closed", line=2)


# ---- emphasis, encoding, line numbers ------------------------------------------------------

def test_emphasis_removed_with_escapes():
    el = only(doc("", "*italic* **bold** ***both*** _under_ \\*literal\\* 2 * 3 * 4 snake_case_name \\\\"))
    assert el.text == "italic bold both under *literal* 2 * 3 * 4 snake_case_name \\"


def test_emphasis_removed_from_speech_and_parentheticals():
    el = only(doc("", "MARA", "(_very_ quiet)", "I **said** \\_no\\_."))
    assert el.parts == (DialoguePart(kind="parenthetical", text="very quiet"), *speech("I said _no_."))


def test_nested_and_unclosed_emphasis():
    assert only(doc("", "***bold *and* italic*** _**under bold**_ *open _end")).text == \
        "bold and italic under bold *open _end"
    assert only(doc("", "a *b", "c* d")).text == "a *b\nc* d"  # emphasis never spans lines


@pytest.mark.parametrize("mark, plain", [("*a ", "*a "), ("_a ", "_a "), ("a_ ", "a_ "), ("**a ", "*a ")])
def test_emphasis_stripping_is_linear(mark, plain):
    start = time.perf_counter()
    text = only(doc("", mark * 20000)).text
    assert time.perf_counter() - start < 1.5  # was about 11 s for "*a " when every mark rescanned the line
    assert text == (plain * 20000).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*_ \n\u00a0ab.é\\", max_size=24))
def test_emphasis_matches_the_reference_patterns(text):
    """The one-pass stripping does what the obvious (but quadratic) regular expressions do."""
    reference = [r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\*(?=\S)(.+?)(?<=\S)\*",
                 r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"]
    expected = re.sub(r"\\([*_\\])", lambda m: _ESCAPES[m[1]], text)
    for pattern in reference:
        expected = re.sub(pattern, r"\1", expected)
    for char, stand_in in _ESCAPES.items():
        expected = expected.replace(stand_in, char)
    assert _plain(text) == expected


def test_bom_and_crlf_and_cr_line_ends():
    text = "\ufeffTitle: T\r\n\r\nINT. A - DAY\r\n\r\nMARA\r\nHi.\r\rEXT. B - NIGHT\r\rGo."
    script = parse_fountain(text)
    assert script.title == "T"
    a, b = script.scenes
    assert (a.heading, a.line, b.heading, b.line) == ("INT. A - DAY", 3, "EXT. B - NIGHT", 8)
    assert a.elements == (Dialogue(character="MARA", parts=speech("Hi."), line=5),)
    assert b.elements == (Action(text="Go.", line=10),)


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\ufeff", "\r\n\r\n"])
def test_empty_input_has_no_scenes(text):
    assert parse_fountain(text) == Script(source_kind="fountain")


# ---- characters of the script -------------------------------------------------------------

def test_script_characters_in_order_of_first_line():
    script = parse_fountain(doc(
        "", "BEN (O.S.)", "Hello?", "", "MARA", "Here.", "", "BEN (CONT'D)", "Where?",
        "", "@McCLANE", "Yippee."))
    assert [c.name for c in script.characters] == ["BEN", "MARA", "McCLANE"]


@pytest.mark.parametrize("action, description, gender", [
    ("MARA (30s), a tall woman with red hair, steps in.", "30s, a tall woman with red hair", "female"),
    ("MARA, 30s, a tall woman with red hair, steps in.", "30s, a tall woman with red hair", "female"),
    ("We meet MARA (40s, grey coat, glasses).", "40s, grey coat, glasses", None),
    ("MARA, a man in a blue suit and glasses, waits.", "a man in a blue suit and glasses", "male"),
    ("MARA, her younger brother, sits.", "her younger brother", "male"),
    ("MARA (20s) enters. She looks tired.", "20s", "female"),
    ("MARA enters. He sits.", "", "male"),
    ("MARA enters the room.", "", None),
])
def test_character_descriptions_and_gender(action, description, gender):
    (mara,) = parse_fountain(doc("", action, "", "MARA", "Hi.")).characters
    assert (mara.name, mara.description, mara.gender) == ("MARA", description, gender)


def test_description_comes_from_the_first_introduction_that_has_one():
    script = parse_fountain(doc("", "MARA and BEN sit.", "", "Later, BEN (60s), a bald man, stands.",
                                "", "BEN", "Hi.", "", "MARA", "Hi."))
    ben, mara = script.characters
    assert (ben.description, ben.gender) == ("60s, a bald man", "male")
    assert (mara.description, mara.gender) == ("", None)


def test_actions_list_the_characters_they_name():
    found = elements(doc("", "Ben hands Mara the keys. MARA smiles; benches creak.", "",
                         "MARA", "Thanks.", "", "BEN", "Sure.", "", ">Mara<"))
    assert found[0].characters == ("BEN", "MARA")
    assert found[-1].characters == ("MARA",)


# ---- never crashes ------------------------------------------------------------------------

_LINES = st.sampled_from([
    "", "", "  ", "INT. HOUSE - DAY", "EXT. BEACH - SUNSET #1#", ".FORCED", "...", "MARA", "BEN ^",
    "@McCLANE (V.O.)", "(beat)", "Hello there.", "~la la", ">CUT TO:", ">centered<", "CUT TO:",
    "===", "# Act", "## Scene", "= synopsis", "[[note", "note]]", "[[inline]]", "/*", "*/",
    "**bold** *it* _u_ \\*", "Title: X", "    indented", "\t", "!FORCED", "(", ")", "^", "~", "#",
    "=", ">", "<", "@", ".", "MARA, 30s, a woman, walks. She sits.", "\ufeff", "\r", "\x00", "\x02",
    "\ue000",
])
_FOUNTAINISH = st.lists(st.one_of(_LINES, st.text(max_size=12)), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), _FOUNTAINISH))
def test_any_text_parses(text):
    script = parse_fountain(text)
    assert isinstance(script, Script) and script.source_kind == "fountain"
    for scene in script.scenes:
        assert scene.line >= 1 or scene.heading == ""
        for el in scene.elements:
            assert 1 <= el.line <= text.count("\n") + text.count("\r") + 1


# ---- the example screenplay -----------------------------------------------------------------

def test_example_screenplay():
    script = parse_fountain(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    assert script.title == "NIGHT SHIFT"
    assert [k for k, _ in script.title_page] == ["Title", "Credit", "Author", "Draft date", "Contact"]
    assert [(s.int_ext, s.location, s.time) for s in script.scenes] == [
        ("EXT", "CITY STREET", "NIGHT"), ("INT", "DINER", "NIGHT"),
        ("INT/EXT", "THEO'S CAR", "NIGHT"), ("EXT", "BEACH", "SUNRISE")]
    assert script.scenes[0].number == "1"
    nora, theo, ruby = script.characters
    assert (nora.name, nora.gender) == ("NORA", "female")
    assert "black hair" in nora.description and "yellow raincoat" in nora.description
    assert (theo.name, theo.gender) == ("THEO", "male") and "grey beard" in theo.description
    assert ruby.name == "RUBY"

    found = [el for s in script.scenes for el in s.elements]
    dialogue = [el for el in found if isinstance(el, Dialogue)]
    assert {d.extension for d in dialogue} >= {"V.O.", "O.S.", "CONT'D"}
    assert [d.character for d in dialogue if d.dual] == ["NORA"]
    assert any(d.parenthetical == "beat" for d in dialogue)
    assert any(isinstance(el, Lyric) for el in found)
    assert [el.text for el in found if isinstance(el, Transition)] == \
        ["CUT TO:", "SMASH CUT TO:", "FADE OUT."]
    assert found[-1] == Action(text="THE END", centered=True, line=found[-1].line)
    assert {el.kind for el in found if isinstance(el, Note)} == {"section", "synopsis", "note"}
    assert sum(isinstance(el, PageBreak) for el in found) == 1
    everything = " ".join(getattr(el, "text", "") for el in found)
    assert "baker" not in everything  # boneyard
    assert "*" not in everything and "**" not in everything  # emphasis
    assert all(word in everything.lower() for word in ("photograph", "phone", "keys"))


def test_characters_who_never_speak_are_cast_when_introduced():
    script = parse_fountain(
        "INT. CAR - NIGHT\n\n"
        "LENA (40s), a tired woman in a grey coat, drives. On the seat a PHONE, face down, buzzes.\n\n"
        "A BOY, 8, with a blue cap, sleeps in the back. LENA glances at him.\n\n"
        "RADIO (V.O.)\nStorm warning for the coast.\n")
    assert [(c.name, c.gender) for c in script.characters] == [("RADIO", None), ("LENA", "female"), ("BOY", None)]
    assert script.characters[2].description == "8, with a blue cap"
    actions = [e for e in script.scenes[0].elements if e.type == "action"]
    assert [a.characters for a in actions] == [("LENA",), ("BOY", "LENA")]


def test_a_person_noun_in_capitals_is_cast_and_props_in_capitals_are_not():
    script = parse_fountain(
        "INT. DINER - NIGHT\n\n"
        "A TRUCKER sleeps in a booth. A PHONE rings. The DOOR bangs. BANG!\n\n"
        "Two COPS enter. An OLD MAN watches.\n\n"
        "The trucker wakes.\n\n"
        "MARA\nHello.\n")
    assert [c.name for c in script.characters] == ["MARA", "TRUCKER", "COPS", "OLD MAN"]
    actions = [e for e in script.scenes[0].elements if e.type == "action"]
    assert [a.characters for a in actions] == [("TRUCKER",), ("COPS", "OLD MAN"), ("TRUCKER",)]
