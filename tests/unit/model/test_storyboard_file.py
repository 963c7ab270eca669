import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from onecrew.direct.director import direct
from onecrew.errors import OnecrewError
from onecrew.model.script import Script, ScriptCharacter
from onecrew.model.storyboard import Storyboard
from onecrew.parse.storyboard_file import dump_json, dump_storyboard, load_storyboard
from script_helpers import act, say, scene


def test_save_of_a_loaded_storyboard_is_the_same_file(kitchen_script):
    text = dump_storyboard(direct(kitchen_script, seed=5))
    sb = load_storyboard(text, "s.yaml")
    assert dump_storyboard(sb) == text
    assert load_storyboard(dump_json(sb)) == sb  # JSON is YAML too


def test_json_validates_against_the_published_schema(kitchen_script):
    data = json.loads(dump_json(direct(kitchen_script)))
    jsonschema.validate(data, Storyboard.model_json_schema())


def _error(text: str) -> str:
    with pytest.raises(OnecrewError) as e:
        load_storyboard(text, "board.yaml")
    return e.value.line()


@pytest.fixture
def board(kitchen_script) -> str:
    return dump_storyboard(direct(kitchen_script))


def _line_of(text: str, needle: str, nth: int = 0) -> int:
    hits = [i + 1 for i, ln in enumerate(text.splitlines()) if needle in ln]
    return hits[nth]


def test_malformed_yaml_names_the_line():
    assert _error("title: x\nfps: 24\n  width: 3\n") == \
        "board.yaml:3: malformed YAML: mapping values are not allowed in this context"


def test_unknown_enum_value_names_line_and_field(board):
    bad = board.replace("size: OTS", "size: XXL", 1)
    line = _line_of(bad, "size: XXL")
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{line}: scenes[0].shots[")
    assert ".size: 'XXL' is not one of" in msg


def test_negative_duration_names_line_and_field(board):
    first = next(ln for ln in board.splitlines() if "duration:" in ln)
    bad = board.replace(first, first.split(":")[0] + ": -12", 1)
    assert _error(bad).startswith(f"board.yaml:{_line_of(bad, 'duration: -12')}: scenes[0].shots[0].duration: must be greater than 0")


def test_unknown_character_and_set_ids_are_refused(board):
    bad = board.replace("character: ben", "character: bob", 1)
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{_line_of(bad, 'character: bob')}: scenes[0].shots[")
    assert msg.endswith("unknown character 'bob'")
    bad = board.replace("  set: int-kitchen-night", "  set: attic-night", 1)
    assert _error(bad) == f"board.yaml:{_line_of(bad, 'set: attic-night')}: scenes[0].set: unknown set 'attic-night'"
    # the linter can still load it, to list every problem at once
    assert load_storyboard(bad, strict=False).scenes[0].set == "attic-night"


def test_unknown_field_and_wrong_shape():
    assert _error("- just\n- a list\n") == "board.yaml: is not a storyboard: expected a mapping with scenes, cast and sets"
    assert _error("title: x\ncolour: red\n") == "board.yaml:2: colour: unknown field"
    assert "newer than this onecrew" in _error("schema_version: 7\n")


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.tuples(st.sampled_from(["ANA", "LEO"]), words), min_size=1, max_size=6),
       action=words, seed=st.integers(0, 2**62))
def test_any_directed_storyboard_round_trips(lines, action, seed):
    script = Script(characters=(ScriptCharacter(name="ANA"), ScriptCharacter(name="LEO")),
                    scenes=(scene("INT. ROOM - DAY", act(action, "ANA"),
                                  *[say(w, t) for w, t in lines if t.strip()],
                                  location="ROOM", time="DAY"),))
    sb = direct(script, seed=seed)
    text = dump_storyboard(sb)
    assert load_storyboard(text) == sb
    assert dump_storyboard(load_storyboard(text)) == text


def test_a_key_given_twice_is_refused_with_its_line():
    assert _error("title: x\nfps: 24\nwidth: 640\nfps: 30\n") == "board.yaml:4: 'fps' is given twice in the same mapping"


@pytest.mark.parametrize("old,new,expected", [
    ("duration: ", "duration: true #", "must be a whole number, not True"),
    ("lens_mm: ", "lens_mm: '50' #", "must be a whole number, not '50'"),
    ("top_color: ", "top_color: mauve #", "'mauve' is not a colour: use a palette name such as 'navy' or '#rrggbb'"),
    ("- id: mara", "- id: Mara Jones", "'Mara Jones' is not a valid id"),
])
def test_hand_editing_slips_name_line_and_field(board, old, new, expected):
    bad = board.replace(old, new, 1)
    line = _line_of(bad, new.split("#")[0].strip())
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{line}: ") and expected in msg, msg


def test_duplicate_ids_name_the_second_use(board):
    sb = load_storyboard(board)
    first, second = sb.shots[0].id, sb.shots[1].id
    bad = board.replace(f"- id: {second}\n", f"- id: {first}\n", 1)
    line = [i + 1 for i, ln in enumerate(bad.splitlines()) if ln.strip() == f"- id: {first}"][1]
    assert _error(bad) == f"board.yaml:{line}: scenes[0].shots[1].id: id '{first}' is used twice in shots"


def test_not_a_number_is_refused(board):
    bad = board.replace("pitch: ", "pitch: .nan #", 1)
    assert _error(bad).endswith("must be a finite number, not nan")
