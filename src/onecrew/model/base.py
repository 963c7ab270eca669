"""Base class of every model value: frozen, strict about unknown fields and about types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A stable identifier: cast, sets, scenes, shots and lines refer to each other by id."""

# Numbers in a hand-edited file must be numbers: `duration: true` or `seed: "7"` is a mistake
# to report, not a value to coerce.
Int = Annotated[int, Field(strict=True)]
Seed = Annotated[int, Field(strict=True, ge=0, lt=2**63)]
Frames = Annotated[int, Field(strict=True, gt=0)]
"""A duration in frames at the storyboard's frame rate — never float seconds."""
Flag = Annotated[bool, Field(strict=True)]
