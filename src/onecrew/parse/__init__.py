"""Input parsers: prose, Fountain and the storyboard file itself."""

from __future__ import annotations

from ..errors import OnecrewError
from ..model.script import Script, filmable
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
    return script
