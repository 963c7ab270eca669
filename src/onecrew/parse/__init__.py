"""Input parsers: prose, Fountain and the storyboard file itself."""

from __future__ import annotations

from ..errors import OnecrewError
from ..model.base import MAX_NAME
from ..model.script import Dialogue, Script, filmable, split_slugline
from ..model.storyboard import MAX_HEADING, MAX_SCENE_NUMBER, MAX_TITLE
from .source import SourceText


def parse_script(src: SourceText) -> Script:
    if src.kind == "fountain":
        from .fountain import parse_fountain
        script = parse_fountain(src.text, src.name)
    else:
        from .prose import parse_prose
        script = parse_prose(src.text, src.name)
    if not any(filmable(e) for s in script.scenes for e in s.elements):
        raise OnecrewError("has no action or dialogue to film", where=src.name)
    _check_lengths(script, src.name, src.text)
    return script


# Names and places become ids and slates: the director adds a little to each (a set id is
# "int-" + the place + "-night", a display name may grow a letter when capitalised), so they
# are held here a margin under what the storyboard allows.
_NAME_MARGIN = 20


def _check_lengths(script: Script, name: str, text: str) -> None:
    """What the storyboard would refuse later, refused here with the line it came from."""
    def line_of(words: str) -> int:  # a character has no line of its own: where it is first named
        return next((i for i, ln in enumerate(text.lower().splitlines(), 1) if words.lower() in ln), 0)

    def refuse(what: str, text: str, limit: int, line: int = 0) -> None:
        if len(text) > limit:
            more = "..." if len(text) > 30 else ""
            raise OnecrewError(f"{what} {text[:30]!r}{more} is {len(text)} characters long; at most {limit}",
                               where=f"{name}:{line}" if line else name)
    refuse("the title", script.title, MAX_TITLE)
    for c in script.characters:
        if len(c.name) > MAX_NAME - _NAME_MARGIN:
            refuse("the character name", c.name, MAX_NAME - _NAME_MARGIN, line_of(c.name))
    for s in script.scenes:
        refuse("the scene heading", s.heading, MAX_HEADING, s.line)
        place = s.location or split_slugline(s.heading)[1]
        refuse("the place", place.upper(), MAX_NAME - _NAME_MARGIN, s.line)
        refuse("the scene number", s.number or "", MAX_SCENE_NUMBER, s.line)
        for el in s.elements:
            if isinstance(el, Dialogue):
                refuse("the character name", el.character, MAX_NAME - _NAME_MARGIN, el.line)
