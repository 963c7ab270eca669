"""Base class of every model value: frozen, strict about unknown fields."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"{value!r} is not a valid id (letters, digits, '-', '_' and '.')"
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
"""A stable identifier: cast, sets, scenes, shots and lines refer to each other by id."""

Seed = Annotated[int, Field(ge=0, lt=2**63)]
Frames = Annotated[int, Field(gt=0)]
"""A duration in frames at the storyboard's frame rate — never float seconds."""
