"""Text and numbers in a storyboard: control characters and absurd values are one error line
that names the field and its line."""

import json

import jsonschema
import pytest

from onecrew.direct.director import direct
from onecrew.errors import OnecrewError
from onecrew.model.base import MAX_TAKES
from onecrew.model.storyboard import Storyboard
from onecrew.parse.storyboard_file import dump_json, dump_storyboard, load_storyboard


@pytest.fixture
def board(kitchen_script) -> str:
    return dump_storyboard(direct(kitchen_script))


def _error(text: str) -> str:
    with pytest.raises(OnecrewError) as e:
        load_storyboard(text, "board.yaml")
    return e.value.line()


def _edit(board: str, old: str, new: str) -> tuple[str, int]:
    bad = board.replace(old, new, 1)
    assert bad != board
    return bad, next(i + 1 for i, ln in enumerate(bad.splitlines()) if new.split("#")[0].strip() in ln)


@pytest.mark.parametrize("old,new,field,expected", [
    # a line break in the title would forge events in the EDL
    ("title: ", 'title: "x\\n* FROM CLIP NAME: y" #', "title",
     "has a line break (U+000A) at character 2: this field is one line of text"),
    ("  name: ", '  name: "Ma\\0ra" #', "cast[0].name",
     "has a control character (U+0000) at character 3: this field is one line of text"),
    ("  text: ", '  text: "Hi\\x9bthere" #', "scenes[0].beats[0].text",
     "has a control character (U+009B) at character 3: only tabs and line breaks may be used"),
    ("key: ", 'key: "A\\x7fminor" #', "scenes[0].music.key",
     "has a control character (U+007F) at character 2: this field is one line of text"),
])
def test_control_characters_are_refused_with_field_and_line(board, old, new, field, expected):
    bad, line = _edit(board, old, new)
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{line}: ") and f"{field}: {expected}" in msg, msg


def test_line_breaks_and_tabs_stay_allowed_in_free_text(board):
    bad, _ = _edit(board, "  description: ", '  description: "two\\nlines\\tand a tab" #')
    assert load_storyboard(bad).cast[0].description == "two\nlines\tand a tab"


@pytest.mark.parametrize("old,new,expected", [
    ("duration: ", "duration: 1" + "0" * 100 + " #", "must be at most 36000, not 1000000"),
    ("take: ", f"take: {MAX_TAKES + 1} #", f"must be at most {MAX_TAKES}, not {MAX_TAKES + 1}"),
    ("take: ", "take: 1" + "0" * 30 + " #", f"must be at most {MAX_TAKES}"),
    ("fps: ", "fps: 7 #", "fps: must be one of 12, 15, 24, 25, 30, 48, 50, 60 frames per second, not 7"),
    ("fps: ", "fps: 120 #", "not 120"),
    ("width: ", "width: 641 #", "width: must be even, not 641"),
    ("height: ", "height: 32 #", "height: must be at least 64, not 32"),
    ("width: ", "width: 8192 #", "width: must be at most 4096, not 8192"),
    ("seed: ", "seed: -1 #", "must be at least 0, not -1"),
    ("level_db: ", "level_db: -1.0e+300 #", "level_db: must be at least -100"),
    ("variant: ", "variant: 1" + "0" * 20 + " #", "variant: must be at most 999"),
])
def test_absurd_numbers_are_refused_with_field_and_line(board, old, new, expected):
    if old not in board:
        pytest.skip(f"{old!r} is not in this storyboard")
    bad, line = _edit(board, old, new)
    msg = _error(bad)
    assert msg.startswith(f"board.yaml:{line}: ") and expected in msg, msg


def test_a_shot_longer_than_ten_minutes_at_the_storyboard_fps_is_refused(board):
    first = next(ln for ln in board.splitlines() if "duration:" in ln)
    bad = board.replace(first, first.split(":")[0] + ": 14401", 1)  # 10 min 0.04 s at 24 fps
    line = next(i + 1 for i, ln in enumerate(bad.splitlines()) if "duration: 14401" in ln)
    assert _error(bad) == (f"board.yaml:{line}: scenes[0].shots[0].duration: 14401 frames is longer than "
                           "10 minutes at 24 fps (14400 frames)")
    assert load_storyboard(board.replace(first, first.split(":")[0] + ": 14400", 1))


def test_a_film_over_four_hours_is_refused_at_the_shot_that_runs_over(board):
    raw = json.loads(dump_json(load_storyboard(board)))
    shot = dict(raw["scenes"][0]["shots"][0], duration=14400, sfx=[])
    raw["scenes"][0]["shots"] = [dict(shot, id=f"A{k}") for k in range(25)]  # 25 x 10 min
    text = json.dumps(raw, indent=1)
    msg = _error(text)
    assert msg.endswith("scenes[0].shots[24].duration: the film runs past 4 hours at this shot "
                        "(345600 frames at 24 fps)"), msg


@pytest.mark.parametrize("shot_id,ok", [("1A", True), ("12AB", True), ("101-B", True), ("1.1A", True),
                                        ("x" * 32, True), ("x" * 33, False), ("1 A", False)])
def test_shot_ids_are_slates(board, shot_id, ok):
    sb = load_storyboard(board)
    bad = board.replace(f"- id: {sb.shots[0].id}\n", f"- id: '{shot_id}'\n", 1)
    if ok:
        assert load_storyboard(bad).shots[0].id == shot_id
    else:
        assert ".shots[0].id: " in _error(bad)


def test_the_schema_refuses_what_the_loader_refuses(board):
    data = json.loads(dump_json(load_storyboard(board)))
    jsonschema.validate(data, Storyboard.model_json_schema())
    data["title"] = "a\nb"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, Storyboard.model_json_schema())
