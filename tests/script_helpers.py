"""Small scripts built directly, so director and linter tests do not depend on the parsers.
A module of its own, not conftest: several folders have a conftest, and `from conftest import`
finds whichever was loaded last."""

from __future__ import annotations

from onecrew.model.script import Action, Dialogue, DialoguePart, ScriptScene


def say(who: str, text: str, paren: str | None = None, **kw) -> Dialogue:
    parts = ((DialoguePart(kind="parenthetical", text=paren),) if paren else ()) + (
        DialoguePart(kind="speech", text=text),)
    return Dialogue(character=who, parts=parts, **kw)


def act(text: str, *who: str) -> Action:
    return Action(text=text, characters=who)


def scene(heading: str, *elements, location: str = "", time: str = "", int_ext=None) -> ScriptScene:
    return ScriptScene(heading=heading, location=location, time=time, int_ext=int_ext, elements=elements)
