"""Places, times and moods the director reads, on the labelled corpus and on held-out stories
written for this file (not tuned on: each one a shape the tables must generalise to)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from onecrew.model.vocab import IntExt, LocationKind as K, Mood, TimeOfDay as T
from onecrew.parse.source import read_source
from onecrew.pipeline import storyboard_from
from onecrew.vocabulary import moods, places, times

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
import understanding as bench  # noqa: E402


def _plan(text: str):
    return storyboard_from(read_source(text), seed=0)


def _sets(sb):
    by_id = {s.id: s for s in sb.sets}
    return [(by_id[sc.set], sc) for sc in sb.scenes]


# -- the labelled corpus --------------------------------------------------------------------------
# Scenes the rules do not read yet, named so a fix shows up as an unexpected pass:
KNOWN_MISSES = {"kind": {"hospital ward", "old warehouse by the river", "glass boardroom"},
                "int_ext": {"hospital ward", "old warehouse by the river", "glass boardroom"},
                "time": {"old warehouse by the river"}}


@pytest.fixture(scope="module")
def corpus():
    return [r for r in bench.score_all() if not r.error]  # a story another stage fails to plan scores apart


@pytest.mark.parametrize("what", ["kind", "int_ext", "time"])
def test_every_corpus_scene_has_its_place_and_time(corpus, what):
    misses = {c.label.split(":")[0] for r in corpus for c in r.checks if c.what == what and not c.ok}
    assert misses == KNOWN_MISSES[what]


def test_corpus_places_and_times_reach_the_target(corpus):
    for what in ("kind", "int_ext", "time"):
        checks = [c for r in corpus for c in r.checks if c.what == what]
        assert sum(c.ok for c in checks) / len(checks) >= 0.9, what  # 50/53 with every story planned


def test_corpus_moods_fit_mostly(corpus):
    checks = [c for r in corpus for c in r.checks if c.what == "mood"]
    assert sum(c.ok for c in checks) / len(checks) >= 0.7


# -- held-out stories: (text, [(kind, INT/EXT, time, acceptable moods) per scene]) ----------------
HELD_OUT = [
    ("It is late at night in the hospital. A nurse checks the drip beside an old man's bed.",
     [(K.HOSPITAL, IntExt.INT, T.NIGHT, None)]),
    ("INT. CHURCH - DAY\n\nMourners in black fill the pews for the funeral. A widow weeps.\n",
     [(K.CHURCH, IntExt.INT, T.DAY, {Mood.SAD})]),
    ("EXT. CHURCH - DAWN\n\nBells ring over the empty square.\n",
     [(K.CHURCH, IntExt.EXT, T.DAWN, None)]),
    ("The train station is still dark when Ada reaches the platform. She checks the timetable.",
     [(K.TRAIN_STATION, IntExt.EXT, T.NIGHT, None)]),
    ("On a sunny afternoon Tom and Priya walk through the vineyard. They laugh and pick grapes.",
     [(K.VINEYARD, IntExt.EXT, T.DAY, {Mood.JOYFUL})]),
    ("DOWN AT THE HARBOUR\n\nFishing boats bob at the quay. Gulls circle.",
     [(K.HARBOUR, IntExt.EXT, None, None)]),
    ("INT. SUBWAY CAR - NIGHT\n\nA man with a gun grabs a woman. The passengers scream. He takes her hostage.\n",
     [(K.TRAIN, IntExt.INT, T.NIGHT, {Mood.TENSE})]),
    ("Christmas Eve at the Novak house. The whole family sits in the living room, opening presents and laughing.",
     [(K.LIVING_ROOM, IntExt.INT, T.NIGHT, {Mood.JOYFUL})]),
    ("At dawn the climbers reach the summit of the mountain. They raise their arms in victory.",
     [(K.MOUNTAIN, IntExt.EXT, T.DAWN, {Mood.TRIUMPHANT})]),
    ("Under a black sky, two men unload crates in the old warehouse. Somebody whispers in the shadows.",
     [(K.WAREHOUSE, IntExt.INT, T.NIGHT, {Mood.MYSTERIOUS, Mood.TENSE})]),
    ("INT. POLICE STATION - INTERROGATION ROOM - NIGHT\n\nThe detective slams the file down. The suspect sweats.\n",
     [(K.INTERROGATION_ROOM, IntExt.INT, T.NIGHT, {Mood.TENSE})]),
    ("Maya rides the tram to work the next morning. She reads a book by the window.",
     [(K.TRAM, IntExt.INT, T.DAY, None)]),
    ("In the café on the corner, Leo tells Sara he is leaving. They break up. She cries into her coffee.",
     [(K.CAFE, IntExt.INT, None, {Mood.SAD})]),
    ("The desert is silent at sunset. A lone rider crosses the dunes.",
     [(K.DESERT, IntExt.EXT, T.SUNSET, None)]),
    ("EXT. PIER - NIGHT\n\nWaves slap the pilings.\n\nEXT. BEACH - CONTINUOUS\n\nThe tide rolls in.\n",
     [(K.PIER, IntExt.EXT, T.NIGHT, None), (K.BEACH, IntExt.EXT, T.NIGHT, None)]),
    ("INT. AIRPORT DEPARTURES HALL - DAY\n\nTravellers drag suitcases past the departures board.\n",
     [(K.AIRPORT, IntExt.INT, T.DAY, None)]),
    ("The classroom is empty at noon. A teacher marks papers at her desk.",
     [(K.CLASSROOM, IntExt.INT, T.DAY, None)]),
    ("It is snowing on the frozen lake. Two skaters glide across the ice under the stars.",
     [(K.SNOW, IntExt.EXT, T.NIGHT, None)]),
    ("INT. NIGHT BUS - NIGHT\n\nA drunk sings to himself on the back seat.\n",
     [(K.BUS, IntExt.INT, T.NIGHT, None)]),
]


# Short screenplays of headings alone are read as prose today, whose scene breaks differ: left
# open (the source-kind detection and prose scene walker are not this work's).
_OPEN = {"EXT. CHURCH - DAWN", "DOWN AT THE HARBOUR", "EXT. PIER - NIGHT", "INT. NIGHT BUS - NIGHT"}
HELD_OUT = [pytest.param(t, e, marks=pytest.mark.xfail(reason="heading-only script read as prose", strict=True))
            if t.split("\n")[0] in _OPEN else (t, e) for t, e in HELD_OUT]


@pytest.mark.parametrize("text,expect", HELD_OUT)
def test_held_out_stories(text, expect):
    got = _sets(_plan(text))
    assert len(got) == len(expect)
    for (fs, scene), (kind, ie, time, ok_moods) in zip(got, expect):
        assert fs.kind == kind
        assert fs.int_ext == ie
        if time is not None:
            assert fs.time == time
        if ok_moods:
            assert scene.mood in ok_moods


@pytest.mark.xfail(reason="heading-only script read as prose", strict=True)
def test_a_time_carries_over_to_the_next_scene():
    sb = _plan("INT. KITCHEN - NIGHT\n\nTea.\n\nINT. BEDROOM\n\nSleep.\n\nEXT. GARDEN - LATER\n\nFrost.\n")
    assert [fs.time for fs, _ in _sets(sb)] == [T.NIGHT] * 3


# -- the vocabulary itself ------------------------------------------------------------------------
@pytest.mark.parametrize("phrase,kind", [
    ("old warehouse by the river", K.WAREHOUSE), ("GRAND HOTEL BALLROOM", K.BALLROOM), ("HOUSE - KITCHEN", K.KITCHEN),
    ("deck of the fishing boat", K.BOAT_DECK), ("LIGHTHOUSE LAMP ROOM", K.LIGHTHOUSE), ("DESERT HIGHWAY", K.DESERT),
    ("narrow alley behind the fish market", K.ALLEY), ("corner shop", K.SHOP), ("precinct", K.POLICE_STATION),
    ("graveyard", K.CEMETERY), ("docks", K.HARBOUR), ("jetty", K.PIER), ("streetcar", K.TRAM), ("ward", K.HOSPITAL)])
def test_place_words(phrase, kind):
    assert places.kind_of(phrase) == kind


def test_cell_phone_is_no_place():
    assert places.place_of("her cell phone") is None


@pytest.mark.parametrize("text,time", [
    ("It is night on the pier", T.NIGHT), ("late at night", T.NIGHT), ("the next morning", T.DAY),
    ("a sunny afternoon", T.DAY), ("still dark", T.NIGHT), ("Christmas Eve", T.NIGHT), ("under a black sky", T.NIGHT),
    ("at 6 am", T.DAWN), ("at 3 pm", T.DAY), ("at 11 pm", T.NIGHT), ("By dusk", T.SUNSET), ("last night she dreamt", None),
    ("Two days later", None)])
def test_time_phrases(text, time):
    assert times.in_text(text) == time


def test_a_party_interrupted_by_bad_news_turns():
    texts = ["Balloons and cake: the birthday party is in full swing, everyone laughing and dancing.",
             "Suddenly the phone rings. Bad news: grandpa has died. Mara drops the glass and cries."]
    first, at, later = moods.scene_moods(texts)
    assert (first, at) == (Mood.JOYFUL, 1) and later in (Mood.SAD, Mood.TENSE)
