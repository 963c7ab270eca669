"""Shared test helpers: small scripts built directly, so director and linter tests do not
depend on the parsers."""

from __future__ import annotations

import os

import pytest

from onecrew.model.script import Script, ScriptCharacter

from script_helpers import act, say, scene  # noqa: F401  (the fixtures below use them; tests import them from there)


@pytest.fixture(scope="session", autouse=True)
def _render_cache(tmp_path_factory):
    """Every render in the tests (and the CLI runs they start) caches into a fresh folder,
    never the user's own cache."""
    os.environ["ONECREW_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def kitchen_script() -> Script:
    """Two characters, an argument with strong lines, a prop, a second location."""
    return Script(
        title="Kitchen",
        characters=(ScriptCharacter(name="MARA", description="a tall woman with red hair in a blue dress"),
                    ScriptCharacter(name="BEN", description="her younger brother, 20s, glasses")),
        scenes=(
            scene("INT. KITCHEN - NIGHT",
                  act("MARA pours coffee into a mug. BEN walks in, shivering."),
                  say("BEN", "Is there any left for me?"),
                  say("MARA", "There's always some left for you."),
                  say("BEN", "You read the letter?"),
                  say("MARA", "I did! And I'm furious!", "shouting"),
                  say("BEN", "Don't be. Please."),
                  say("MARA", "Give me one reason."),
                  say("BEN", "Because I'm leaving tomorrow."),
                  act("Mara stares at him. Then she laughs."),
                  location="KITCHEN", time="NIGHT", int_ext="INT"),
            scene("EXT. BEACH - SUNSET",
                  act("Mara and Ben walk along the shore."),
                  say("MARA", "Remember this place?"),
                  say("BEN", "Every summer."),
                  location="BEACH", time="SUNSET", int_ext="EXT"),
        ))
