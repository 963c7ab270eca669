from onecrew.direct.breakdown import film_set
from onecrew.model.script import ScriptScene
from onecrew.model.vocab import IntExt, LocationKind, TimeOfDay


def test_sets_from_headings_and_words():
    fs = film_set(ScriptScene(heading="INT./EXT. THEO'S CAR - NIGHT", int_ext="INT/EXT", location="THEO'S CAR",
                              time="NIGHT"), None)
    assert (fs.kind, fs.int_ext, fs.time, fs.id) == (LocationKind.CAR, IntExt.INT_EXT, TimeOfDay.NIGHT, "int-ext-theo-s-car-night")
    fs = film_set(ScriptScene(heading="EXT. PIER - SUNRISE"), None)  # no parsed location: read the slugline
    assert (fs.name, fs.kind, fs.int_ext, fs.time) == ("PIER", LocationKind.PIER, IntExt.EXT, TimeOfDay.DAWN)
    fs = film_set(ScriptScene(heading="## Chapter One"), TimeOfDay.NIGHT)  # not a place; time carries over
    assert (fs.name, fs.kind, fs.time) == ("STAGE", LocationKind.STAGE, TimeOfDay.NIGHT)
    for later in ("LATER", "CONTINUOUS", "MOMENTS LATER"):  # screenplay continuity: same time as before
        fs = film_set(ScriptScene(heading="", location="KITCHEN", time=later), TimeOfDay.SUNSET)
        assert (fs.kind, fs.int_ext, fs.time) == (LocationKind.KITCHEN, IntExt.INT, TimeOfDay.SUNSET)
    assert film_set(ScriptScene(heading="", location="PARK", time="EVENING"), None).time == TimeOfDay.SUNSET
