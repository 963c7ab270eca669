"""Staging, props, voices and improvised lines, on held-out stories written for these tests
(not the understanding corpus), each with exact expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from onecrew.check.continuity import lint
from onecrew.model.storyboard import Storyboard
from onecrew.model.vocab import Action
from onecrew.parse.source import read_source
from onecrew.pipeline import storyboard_from


def plan(tmp_path: Path, text: str, suffix: str = ".txt", seed: int = 0, improvise: bool = True) -> Storyboard:
    f = tmp_path / f"story{suffix}"
    f.write_text(text, encoding="utf-8")
    return storyboard_from(read_source(str(f)), seed=seed, improvise=improvise)


def ids(sb: Storyboard, name: str) -> str:
    return next(c.id for c in sb.cast if c.name.lower() == name.lower())


def shot_of(sb: Storyboard, *actions: Action):
    """The first shot where someone does each of `actions`."""
    return next(s for s in sb.shots if set(actions) <= {b.action for b in s.in_frame})


def framed(sb: Storyboard, cid: str) -> list[str]:
    return [s.id for s in sb.shots if s.blocking(cid) is not None]


# -- two people ------------------------------------------------------------------------------

def test_handing_over_a_ring_and_a_kiss_frame_both(tmp_path):
    sb = plan(tmp_path, "In the garden at sunset, Tom waits for Anna. Anna walks up the path.\n\n"
                        "He hands her the ring and kisses her.")
    tom, anna = ids(sb, "Tom"), ids(sb, "Anna")
    give = shot_of(sb, Action.GIVE, Action.RECEIVE)
    assert give.blocking(tom).action == Action.GIVE and give.blocking(anna).action == Action.RECEIVE
    assert give.blocking(tom).looking_at == anna and give.blocking(anna).looking_at == tom
    assert give.blocking(tom).prop == "ring"
    kiss = shot_of(sb, Action.KISS)
    assert {b.character: b.action for b in kiss.in_frame} == {tom: Action.KISS, anna: Action.KISS}
    shots = list(sb.shots)
    assert shots.index(give) < [s.prop for s in shots].index("ring") < shots.index(kiss)


def test_a_slap_has_a_victim_who_reels(tmp_path):
    sb = plan(tmp_path, "At the bar at night, Vera confronts Max. Vera slaps Max.")
    s = shot_of(sb, Action.SLAP)
    assert {b.character: b.action for b in s.in_frame} == {ids(sb, "Vera"): Action.SLAP, ids(sb, "Max"): Action.RECOIL}


def test_a_push_by_pronoun_finds_the_man(tmp_path):
    sb = plan(tmp_path, "On the rooftop, Lena and Marco argue. She pushes him away.")
    s = shot_of(sb, Action.PUSH)
    assert {b.character: b.action for b in s.in_frame} == {ids(sb, "Lena"): Action.PUSH, ids(sb, "Marco"): Action.RECOIL}


def test_a_fight_is_both_fighting(tmp_path):
    sb = plan(tmp_path, "In the alley, Rocco and Dante fight.")
    s = shot_of(sb, Action.PUNCH)
    assert {b.action for b in s.in_frame} == {Action.PUNCH} and len(s.in_frame) == 2


def test_shaking_hands_and_a_hug(tmp_path):
    sb = plan(tmp_path, "In the office, Grace shakes hands with Omar.\n\nLater, Omar hugs Grace.")
    grace, omar = ids(sb, "Grace"), ids(sb, "Omar")
    assert {b.character for b in shot_of(sb, Action.SHAKE_HANDS).in_frame} == {grace, omar}
    assert {b.character: b.action for b in shot_of(sb, Action.HUG).in_frame} == {omar: Action.HUG, grace: Action.HUG}


def test_dancing_with_someone(tmp_path):
    sb = plan(tmp_path, "At the party, Ines dances with Paul.")
    assert {b.character for b in shot_of(sb, Action.DANCE).in_frame} == {ids(sb, "Ines"), ids(sb, "Paul")}


def test_someone_alone_is_not_paired(tmp_path):
    sb = plan(tmp_path, "In the kitchen, Rosa kisses the photograph and cries.")
    assert all(len(s.in_frame) <= 1 for s in sb.shots)


# -- props -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, prop", [
    ("In the study, Hugo signs the divorce papers.", "contract"),
    ("In the forest at night, Ada shines a flashlight into the trees.", "torch"),
    ("On the platform, Kit drags a heavy suitcase.", "suitcase"),
    ("In the hallway, Noor finds a rusty key.", "keys"),
    ("At the curb, a red car waits. Sol watches it.", "car"),
    ("In the café, June pours tea into a cup.", "mug"),
])
def test_the_prop_the_action_names_is_inserted(tmp_path, text, prop):
    sb = plan(tmp_path, text, improvise=False)
    assert prop in [s.prop for s in sb.shots]


def test_sitting_in_a_car_is_no_car_insert(tmp_path):
    sb = plan(tmp_path, "At night, Rui sits in the car and waits.", improvise=False)
    assert "car" not in [s.prop for s in sb.shots]


# -- voices with no body ----------------------------------------------------------------------

FOUNTAIN_VOICES = """INT. DINER - NIGHT

KAI (30s, apron) wipes the counter. The radio crackles.

DJ (V.O.)
That was the last song of the night.

KAI
Finally.

OWNER (O.S.)
Kai! Lock the back door!

Kai throws down the rag.
"""


def test_voice_over_and_off_screen_voices_are_heard_not_seen(tmp_path):
    sb = plan(tmp_path, FOUNTAIN_VOICES, ".fountain")
    dj, owner, kai = ids(sb, "DJ"), ids(sb, "Owner"), ids(sb, "Kai")
    assert framed(sb, dj) == [] and framed(sb, owner) == []
    assert framed(sb, kai)
    heard = {ln for s in sb.shots for ln in s.lines}
    assert all(ln.id in heard for ln in sb.scenes[0].lines)  # every line is still in the film


def test_a_voice_calling_from_another_room_in_prose(tmp_path):
    sb = plan(tmp_path, 'In the kitchen, Pia stirs the soup.\n\n"Is dinner ready?" Dad calls from the hall.\n\n'
                        'Pia rolls her eyes.')
    assert framed(sb, ids(sb, "Dad")) == []


def test_a_voice_that_walks_in_is_seen(tmp_path):
    text = "INT. FLAT - DAY\n\nLUCA reads.\n\nMIA (O.S.)\nI'm back!\n\nMia walks in with the shopping.\n"
    sb = plan(tmp_path, text, ".fountain")
    assert framed(sb, ids(sb, "Mia"))


# -- improvised lines --------------------------------------------------------------------------

def test_a_wordless_prompt_gets_a_few_improvised_lines(tmp_path):
    sb = plan(tmp_path, "Three friends pose for photos on a mountain top.")
    lines = [ln for sc in sb.scenes for ln in sc.lines]
    assert 1 <= len(lines) <= 2 and all(ln.improvised for ln in lines)
    assert lines[0].text in ("Everyone, smile!", "Say cheese!", "Big smiles, on three!")
    assert plan(tmp_path, "Three friends pose for photos on a mountain top.") == sb  # deterministic


def test_no_improvise_and_a_story_with_dialogue_get_none(tmp_path):
    assert not [ln for sc in plan(tmp_path, "A couple dances in the rain.", improvise=False).scenes
                for ln in sc.lines]
    sb = plan(tmp_path, 'At the beach, Eli waves at Sara.\n\nLater, Sara hugs Eli. "Hi," Sara said.')
    assert sb.scenes and not any(ln.improvised for sc in sb.scenes for ln in sc.lines)


def test_an_old_storyboard_without_the_new_fields_loads(tmp_path):
    sb = plan(tmp_path, "A couple dances in the rain.")
    data = sb.model_dump(mode="json")
    for sc in data["scenes"]:
        for b in sc["beats"]:
            b.pop("improvised", None)
        for s in sc["shots"]:
            for b in s["in_frame"]:
                b.pop("prop", None)
    assert Storyboard.model_validate(data).scenes


@pytest.mark.parametrize("text", ["He hands her the ring and kisses her.",
                                  "In the garden, Tom waits for Anna. He hands her the ring and kisses her.",
                                  FOUNTAIN_VOICES, "Two women and a man pose for photos at the beach."])
def test_the_continuity_linter_passes(tmp_path, text):
    sb = plan(tmp_path, text, ".fountain" if text.startswith("INT.") else ".txt")
    assert [str(f) for f in lint(sb)] == []
