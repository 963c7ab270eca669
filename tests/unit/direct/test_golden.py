"""The director's output for ordinary stories, pinned byte for byte: a speed-up (or any
refactor of the director) must not change a single storyboard. When a change is *meant* to
change storyboards, regenerate the hashes with
`.venv/bin/python tests/unit/direct/test_golden.py` and say why in the commit."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from onecrew.direct.director import direct
from onecrew.parse import parse_script
from onecrew.parse.source import read_source
from onecrew.parse.storyboard_file import dump_storyboard

ROOT = Path(__file__).resolve().parents[3]
HASHES = Path(__file__).with_name("golden_hashes.json")
SEEDS = (0, 7)

# Varied, ordinary stories: prose with groups, pronouns, props and attributions; Fountain with
# dual dialogue, voices off, transitions, scene numbers, lyrics and long speeches.
STORIES: dict[str, tuple[str, str]] = {
    "long-action": ("txt", "At the lighthouse at night, Nora climbs the stairs with a lantern while the storm "
                    "shakes the windows and Elias, her grandfather, follows slowly behind her, counting the "
                    "steps aloud, and neither of them looks down at the sea breaking white on the rocks below "
                    "as the old lamp turns and turns above them. She stops. He waits. Nora opens the door "
                    "to the gallery and the wind tears at her coat."),
    "one-line": ("txt", "A dog runs across the park."),
    "kitchen-prose": ("txt", """In the kitchen at night, Mara, a tall woman with red hair in a blue dress, pours coffee into a mug. Ben, her younger brother, walks in.

"Is there any left for me?" Ben asked.

"There's always some left for you," she said. "You read the letter?"

"I did! And I'm furious!" Mara shouted. She slams the mug down. Ben stares at her, then laughs.

At the beach at sunset, Mara and Ben walk along the shore. "Remember this place?" she whispered.

"Every summer," he said."""),
    "group-everyone": ("txt", """At the park in the morning, Ava, Leo, Ruby and Sam gather by the fountain with a camera.

Ava waves at Leo. Leo points at the sky. Everyone laughs.

They walk to the bridge. Ruby takes a photo. Sam drinks from a bottle and smiles.

"Again!" Ruby shouted. "One more picture!"

Everyone poses for photos."""),
    "pronouns": ("txt", """On the street at dusk, a girl in a red coat waits at the bus stop. An old man with a grey beard sits beside her.

She looks at him. He reads a newspaper.

"Is it late?" she asked.

"It always is," he muttered. He folds the newspaper and stands up. She smiles."""),
    "chapters": ("txt", """# Chapter One

Nina opens the door of the cabin. Rain falls on the roof.

# Chapter Two

In the office at noon, Nina types on a laptop. Her phone rings. She picks up the phone.

"Hello?" Nina said softly.

# Chapter Three

The harbour at dawn. Gulls. Boats. Nina runs to the dock, holding the keys."""),
    "many-people": ("txt", """In the bar at night, Ada, Ben, Carl, Dora, Eli, Finn and Grace sit around a long table.

Ada raises a glass. Ben laughs. Carl eats cake. Dora hugs Eli. Finn whispers to Grace.

"To the captain!" Ada shouted.

"To the captain," they all said.

Grace cries. Finn holds her hand. Everyone drinks."""),
    "unicode": ("txt", """Zoë Park walks into the café with a guitar. Jonah follows her.

“Play something,” Jonah said.

Zoë smiles and plays. Jonah dances, clumsy and silly."""),
    "screenplay-basics": ("fountain", """Title: Basics

EXT. PARK - DAY

MARA and BEN walk along the trail. Mara carries a map.

MARA
Left here.

BEN
(doubtful)
You said that an hour ago.

MARA
I was right an hour ago, too!

Ben laughs. He takes the map from her.

DISSOLVE TO:

INT. CAR - NIGHT

Rain streaks the windscreen. Ben drives.

BEN
We're lost.

MARA (V.O.)
We were never lost.

FADE OUT.
"""),
    "screenplay-dual": ("fountain", """INT. KITCHEN - MORNING #4#

The kettle whistles. TESS and OWEN reach for it at once.

TESS
Mine!

OWEN ^
Mine!

They both laugh.

TESS
Fine. You pour.

OWEN (O.S.)
I always pour.

EXT. GARDEN - MORNING #5#

Tess sits on the bench and reads a book. Owen brings two cups.

~Here comes the sun
~Little darling

SMASH CUT TO:

INT. BEDROOM - NIGHT #6#

Dark. A lamp clicks on.

> THE END <
"""),
    "screenplay-monologue": ("fountain", """INT. OFFICE - DAY

THE BOSS, a stout man in a grey suit, stands by the window.

BOSS
""" + " ".join(f"This is sentence number {i} of a very long speech indeed, and it goes on." for i in range(25)) + """

A CLERK scribbles notes. The boss turns.

CLERK
Yes, sir.

BOSS
Again. From the top. And this time, with feeling, because the board meets on Monday and I will not stand in front of them with nothing.
"""),
    "screenplay-numbers": ("fountain", """EXT. ROOFTOP - NIGHT #12A#

Wind. LENA, a young woman with a ponytail, steps to the edge.

LENA
You came.

KAI (O.S.)
I said I would.

KAI climbs onto the roof and walks to her. They embrace.

EXT. ROOFTOP - NIGHT #12B#

Later. The city lights below. Lena kisses Kai.

MATCH CUT TO:

EXT. STREET - DAWN #13#

A taxi pulls away. Lena waves.
"""),
}


def _inputs(tmp: Path) -> dict[str, str]:
    """Name → what read_source is given: the examples by path, the stories as files."""
    out = {p.name: str(p) for p in sorted((ROOT / "examples").iterdir()) if p.suffix in (".txt", ".fountain")}
    for name, (ext, text) in STORIES.items():
        path = tmp / f"{name}.{ext}"
        path.write_text(text, encoding="utf-8")
        out[name] = str(path)
    return out


def storyboard_hashes(tmp: Path) -> dict[str, str]:
    found = {}
    for name, arg in _inputs(tmp).items():
        script = parse_script(read_source(arg))
        for seed in SEEDS:
            sb = direct(script, seed=seed, fps=24, title="t")
            found[f"{name}@{seed}"] = hashlib.sha256(dump_storyboard(sb).encode()).hexdigest()
    return found


def test_ordinary_storyboards_are_unchanged(tmp_path):
    expected = json.loads(HASHES.read_text())
    got = storyboard_hashes(tmp_path)
    assert sorted(got) == sorted(expected)
    changed = [k for k in got if got[k] != expected[k]]
    assert not changed, f"storyboards changed: {changed}"


if __name__ == "__main__":  # regenerate the hashes
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        HASHES.write_text(json.dumps(storyboard_hashes(Path(d)), indent=1, sort_keys=True) + "\n")
    sys.exit(0)
