"""Named colours a look may use. A look may also give any colour as '#rrggbb'."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

PALETTE: dict[str, str] = {
    # hair
    "black": "#1c1a1a", "dark-brown": "#3b2a20", "brown": "#6a4a32", "auburn": "#8a3b22",
    "red": "#b5472b", "copper": "#b8643a", "blonde": "#d9b866", "platinum": "#e6dfcf",
    "grey": "#8e8e8e", "white": "#efefef",
    # skin
    "skin-1": "#f6dcc8", "skin-2": "#eac3a2", "skin-3": "#d2a07a", "skin-4": "#b07a52",
    "skin-5": "#8a5634", "skin-6": "#5e3a22",
    # clothes
    "navy": "#1f2d4f", "blue": "#2f5fb3", "sky-blue": "#7fb2e5", "teal": "#1f7a7a",
    "green": "#3b7d3a", "olive": "#6b6b2e", "yellow": "#e2b93b", "orange": "#e07b2e",
    "coral": "#ec6f5e", "crimson": "#a8202f", "pink": "#e48bb0", "purple": "#6a3d9a",
    "lavender": "#b49ad6", "beige": "#d8c6a3", "tan": "#b08d62", "charcoal": "#3a3d42",
    "cream": "#f2ead8", "denim": "#3d5a80",
    # issue 10: what stories name ("black" and "white" above serve clothes too)
    "silver": "#b8bcc2", "gold": "#c9a227", "mustard": "#c9a02c", "maroon": "#6b1e2a",
    "burgundy": "#7a1f35", "khaki": "#b5a77a", "ivory": "#f5f0e1", "light-grey": "#c4c4c4",
    "dark-green": "#24502a", "emerald": "#1f8a5a", "turquoise": "#30b5b0", "magenta": "#b0306e",
    "peach": "#f2b38d", "camel": "#b68a55", "chocolate": "#4e3222", "rust": "#a04a24",
    "mint": "#a6dcc0", "lilac": "#c8a8d8", "scarlet": "#d0262c", "indigo": "#34346e",
    # eyes
    "hazel": "#8e7341", "eye-blue": "#4f7fb0", "eye-green": "#4f8a5b", "eye-brown": "#5a3b22",
}

# One pattern, so the published JSON Schema refuses exactly what the loader refuses.
# Names are plain [a-z0-9-] (a test checks), so they need no escaping: JSON Schema patterns
# are ECMA-262, where an escape like "\-" outside a class is an error in unicode mode.
COLOR_PATTERN = "^(?:#[0-9a-fA-F]{6}|" + "|".join(PALETTE) + ")$"
Color = Annotated[str, StringConstraints(pattern=COLOR_PATTERN)]
"""A palette name ('navy', 'skin-3') or '#rrggbb'."""


def to_hex(color: str) -> str:
    return PALETTE.get(color, color).lower()


def spoken(color: str) -> str:
    """The colour as words for a prompt: 'dark brown', or the hex code if it has no name."""
    return color.replace("-", " ") if color in PALETTE else color
