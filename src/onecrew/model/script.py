"""What a parser reads out of a story or screenplay, before any directing.

A Script is the writer's document: scenes of elements in reading order. The director turns it
into a Storyboard. Parsers fill what their format states and leave the rest empty.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, model_validator

from .base import CONTROLS, Model


# A scene heading ("slugline"): INT./EXT. prefix, the place, and the time after the last dash.
SLUGLINE = re.compile(r"^(?:(INT\.?\s?/\s?EXT|EXT\.?\s?/\s?INT|I\s?/\s?E|E\s?/\s?I)|(INT|EXT|EST))"
                      r"(?:\.|\s)", re.I)
_TIME_DASH = re.compile(r"\s+[-–—]+\s+")


def split_slugline(heading: str) -> tuple[Literal["INT", "EXT", "INT/EXT"] | None, str, str]:
    """(int_ext, place, time) of a heading: "INT. HOUSE - KITCHEN - NIGHT" → ("INT",
    "HOUSE - KITCHEN", "NIGHT"). A heading without the prefix keeps its text as the place."""
    int_ext, rest = None, heading.strip()
    if m := SLUGLINE.match(rest):
        int_ext = "INT/EXT" if m[1] else ("INT" if m[2].upper() == "INT" else "EXT")
        rest = rest[m.end():].lstrip(" .\t")
    place, time = rest, ""
    dashes = list(_TIME_DASH.finditer(rest))
    if dashes:  # the time is after the last dash; earlier dashes belong to the place
        place, time = rest[:dashes[-1].start()], rest[dashes[-1].end():]
    return int_ext, place.strip(" -–—\t"), time.strip()


_CONTROL = re.compile(f"[{CONTROLS}]")
OneLine = Annotated[str, BeforeValidator(lambda v: _CONTROL.sub(" ", v) if isinstance(v, str) else v)]
"""Text a storyboard keeps on one line (a heading, a name): a tab or a stray control character
in the source reads as a space, as it looks on the page."""


class ScriptCharacter(Model):
    """A person the text names: 'MARA', 'Ben', or a placeholder for a group member ('Woman 1')."""

    name: OneLine
    description: str = ""  # what the text says about them: "30s, tall, red hair, blue dress"
    gender: Literal["female", "male"] | None = None  # only when the text says so


class Action(Model):
    type: Literal["action"] = "action"
    text: str
    characters: tuple[str, ...] = ()  # names the parser knows this action is about
    centered: bool = False  # Fountain >centered<
    line: int = 0  # 1-based source line, for error messages (0 = unknown)


class DialoguePart(Model):
    """One run of a speech: spoken words, or a parenthetical direction between them."""

    kind: Literal["speech", "parenthetical"]
    text: str

    @model_validator(mode="after")
    def _parenthetical_on_one_line(self) -> "DialoguePart":
        # speech is re-spaced by the director; a parenthetical is kept as written, on one line
        if self.kind == "parenthetical" and _CONTROL.search(self.text):
            object.__setattr__(self, "text", _CONTROL.sub(" ", self.text))
        return self


class Dialogue(Model):
    type: Literal["dialogue"] = "dialogue"
    character: OneLine  # the name as written in the cue, extension removed: "MARA"
    extension: OneLine | None = None  # "V.O.", "O.S.", "CONT'D" ...
    parts: tuple[DialoguePart, ...]
    dual: bool = False  # Fountain ^: spoken at the same time as the previous dialogue
    lyric: bool = False  # sung (Fountain ~ lines)
    line: int = 0

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts if p.kind == "speech")

    @property
    def parenthetical(self) -> str | None:
        for p in self.parts:
            if p.kind == "parenthetical":
                return p.text
        return None


class Transition(Model):
    type: Literal["transition"] = "transition"
    text: str  # "CUT TO:", "FADE OUT."
    line: int = 0


class Lyric(Model):
    """Fountain `~` lines outside a dialogue block."""

    type: Literal["lyric"] = "lyric"
    text: str
    line: int = 0


class Note(Model):
    """[[notes]], = synopses and # sections: kept for the writer, never filmed."""

    type: Literal["note"] = "note"
    kind: Literal["note", "synopsis", "section"] = "note"
    text: str
    level: int = 0  # section depth (# = 1)
    line: int = 0


class PageBreak(Model):
    type: Literal["page-break"] = "page-break"
    line: int = 0


Element = Annotated[
    Union[Action, Dialogue, Transition, Lyric, Note, PageBreak], Field(discriminator="type")
]


class ScriptScene(Model):
    heading: OneLine  # as written: "EXT. BEACH - SUNSET"
    int_ext: Literal["INT", "EXT", "INT/EXT"] | None = None
    location: OneLine = ""  # "BEACH"
    time: OneLine = ""  # "SUNSET" — free text, the director maps it
    number: OneLine | None = None  # Fountain #12A#
    elements: tuple[Element, ...] = ()
    line: int = 0


class Script(Model):
    title: OneLine = ""
    title_page: tuple[tuple[str, str], ...] = ()  # (key, value) in order, values unformatted
    characters: tuple[ScriptCharacter, ...] = ()
    scenes: tuple[ScriptScene, ...] = ()
    source_kind: Literal["prose", "fountain"] = "prose"


def filmable(el: object) -> bool:
    """Whether an element puts something on screen or on the soundtrack (notes, page breaks,
    transitions and centered titles do not)."""
    return isinstance(el, (Dialogue, Lyric)) or (isinstance(el, Action) and not el.centered)
