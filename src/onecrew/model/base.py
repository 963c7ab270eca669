"""Base class of every model value: frozen, strict about unknown fields and about types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
MAX_ID = 200  # line ids name files (audio/dialogue/<id>.wav): inside a file name's 255 bytes
MAX_SHOT_ID = 32  # "12A", "1.1-AB": a slate, not a sentence; shot ids name several files each


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]
"""A stable identifier: cast, sets, scenes, shots and lines refer to each other by id."""
ShotId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_SHOT_ID)]

# Control characters in text. A line break in a title forges events in an EDL, a NUL ends a
# C string in a subtitle or HTML reader, and none of them is anything a creator means to write.
# C0, DEL, C1, and the Unicode line and paragraph separators (JSON and JavaScript disagree on
# them). Written as literal characters, not escapes, so the pattern is the same regex in
# Python, in pydantic-core and in the ECMA-262 of the published JSON Schema.
CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
LABEL_PATTERN = f"^[^{CONTROLS}]*$"
PROSE_PATTERN = "^[^" + CONTROLS.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f") + "]*$"

Label = Annotated[str, StringConstraints(pattern=LABEL_PATTERN)]
"""Text on one line: a title, a name, a heading, a spoken line, a label."""
MAX_NAME = 100
Name = Annotated[str, StringConstraints(pattern=LABEL_PATTERN, max_length=MAX_NAME)]
"""What a character or a set is called: one line, short enough for a slate or a credit."""
Prose = Annotated[str, StringConstraints(pattern=PROSE_PATTERN)]
"""Free text that may run over lines: descriptions, prompts, stage direction. Tab and line
break are its only control characters."""

# Numbers in a hand-edited file must be numbers: `duration: true` or `seed: "7"` is a mistake
# to report, not a value to coerce.
Int = Annotated[int, Field(strict=True)]
Seed = Annotated[int, Field(strict=True, ge=0, lt=2**63)]
MAX_SHOT_MINUTES = 10  # a shot longer than a 35 mm reel of ten minutes is a slip, not a shot
MAX_FILM_HOURS = 4
Frames = Annotated[int, Field(strict=True, gt=0)]
"""A duration in frames at the storyboard's frame rate — never float seconds."""
ShotFrames = Annotated[int, Field(strict=True, gt=0, le=MAX_SHOT_MINUTES * 60 * 60)]
"""A shot's duration. The bound is ten minutes at the highest frame rate; `integrity` holds
each shot to ten minutes at the storyboard's own."""
MAX_TAKES = 9  # takes of a shot: one digit on the slate (the engine's --takes has the same bound)
Flag = Annotated[bool, Field(strict=True)]
