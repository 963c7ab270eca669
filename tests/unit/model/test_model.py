from fractions import Fraction

import pytest
from pydantic import ValidationError

from onecrew.model import Blocking, FilmSet, Line, Scene, Shot, Storyboard
from onecrew.model.integrity import problems
from onecrew.model.time import frames, timecode
from onecrew.model.versions import VersionError, upgrade
from onecrew.model.vocab import LocationKind, ShotKind, ShotSize


def shot(**kw) -> Shot:
    base = dict(id="1A", kind=ShotKind.SINGLE, size=ShotSize.MS, duration=24, seed=1)
    return Shot(**{**base, **kw})


def test_time_is_whole_frames():
    assert frames(Fraction(1, 2), 24) == 12
    assert frames(0.0, 24) == 1  # nothing is shorter than a frame
    assert frames(1.0 / 48, 24) == 1  # half a frame rounds up
    assert timecode(24 * 3661 + 5, 24) == "01:01:01:05"


def test_models_are_frozen_and_strict():
    s = shot()
    with pytest.raises(ValidationError):
        s.duration = 10  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        shot(colour="red")
    with pytest.raises(ValidationError):
        shot(duration=-3)
    with pytest.raises(ValidationError):
        shot(duration=1.5)  # frames are integers
    assert Blocking(character="a").action is None  # an omitted action is no action
    with pytest.raises(ValidationError):
        shot(size="XL")


def test_ids_are_checked_and_unique():
    with pytest.raises(ValidationError, match="should match pattern"):
        shot(id="1 A")
    with pytest.raises(ValidationError, match="blocked twice"):
        shot(in_frame=(Blocking(character="a"), Blocking(character="a")))
    s = FilmSet(id="x", name="X", kind=LocationKind.STAGE)
    sb = Storyboard(sets=(s, s), scenes=(Scene(id="s1", number=1, heading="X", set="x", shots=(shot(), shot())),))
    assert sb.scenes[0].number == "1"  # a bare number typed by hand is a slate number
    found = {(p.where, p.message) for p in problems(sb)}
    assert found == {("sets[1].id", "id 'x' is used twice in sets"),
                     ("scenes[0].shots[1].id", "id '1A' is used twice in shots")}


def test_numbers_are_numbers():
    with pytest.raises(ValidationError):
        shot(duration=True)
    with pytest.raises(ValidationError):
        shot(duration="84")
    with pytest.raises(ValidationError):
        shot(seed=2**63)


def test_references_are_reported_with_their_path():
    s = FilmSet(id="x", name="X", kind=LocationKind.STAGE)
    sb = Storyboard(sets=(s,), scenes=(Scene(
        id="s1", number="1", heading="X", set="nowhere",
        beats=(Line(id="l1", speaker="ghost", text="Boo"),),
        shots=(shot(in_frame=(Blocking(character="ghost", looking_at="nobody"),), lines=("l2",)),)),))
    found = {(p.where, p.message) for p in problems(sb)}
    assert ("scenes[0].set", "unknown set 'nowhere'") in found
    assert ("scenes[0].beats[0].speaker", "unknown character 'ghost'") in found
    assert ("scenes[0].shots[0].in_frame[0].character", "unknown character 'ghost'") in found
    assert ("scenes[0].shots[0].in_frame[0].looking_at", "unknown character 'nobody'") in found
    assert ("scenes[0].shots[0].lines[0]", "unknown line of this scene 'l2'") in found


def test_upgrade_walks_every_step_from_an_older_version():
    steps = {1: lambda r: {"title": r["name"], **{k: v for k, v in r.items() if k != "name"}}, 2: lambda r: {**r, "fps": r["fps"] * 2}}
    assert upgrade({"schema_version": 1, "name": "T", "fps": 12}, steps, current=3) == \
        {"schema_version": 3, "title": "T", "fps": 24}
    assert upgrade({"fps": 24}, {}, current=1) == {"fps": 24}  # no version = the first


@pytest.mark.parametrize("version,msg", [(9, "newer than this onecrew"), ("one", "whole number"),
                                         (0, "whole number"), (True, "whole number")])
def test_upgrade_refuses_unknown_versions(version, msg):
    with pytest.raises(VersionError, match=msg):
        upgrade({"schema_version": version})


def test_schema_is_published_and_names_the_vocabulary():
    schema = Storyboard.model_json_schema()
    assert schema["properties"]["schema_version"]["const"] == 1
    sizes = schema["$defs"]["ShotSize"]["enum"]
    assert sizes == ["EWS", "WS", "FS", "MS", "MCU", "CU", "ECU", "OTS", "2S", "INSERT"]


def test_schema_patterns_are_plain_ecma_regexes():
    import re
    from onecrew.model.base import ID_PATTERN
    from onecrew.model.colors import COLOR_PATTERN, PALETTE
    assert "\\" not in ID_PATTERN
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", name) for name in PALETTE)
    assert "\\" not in COLOR_PATTERN.replace("\\.", "")  # no escapes ECMA-262 unicode mode rejects
    assert re.fullmatch(COLOR_PATTERN, "dark-brown") and re.fullmatch(COLOR_PATTERN, "#A1b2C3")
    assert not re.fullmatch(COLOR_PATTERN, "mauve")
