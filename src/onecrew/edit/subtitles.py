"""SubRip and WebVTT from the spotted dialogue: one cue per line, timed to its words."""

from __future__ import annotations

from typing import Sequence

from .spotting import Cue


def _clock(frame: int, fps: int, sep: str) -> str:
    ms = frame * 1000 // fps
    s, ms = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _text(cue: Cue) -> str:
    # One line of dialogue may be long; subtitle convention is two lines of ~42 characters.
    words, rows, row = cue.line.text.split(), [], ""
    for w in words:
        if row and len(row) + 1 + len(w) > 42:
            rows.append(row)
            row = w
        else:
            row = f"{row} {w}".strip()
    rows.append(row)
    return "\n".join(rows)


def srt(cues: Sequence[Cue], fps: int) -> str:
    blocks = [f"{i}\n{_clock(c.start, fps, ',')} --> {_clock(c.end, fps, ',')}\n{_text(c)}\n"
              for i, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def vtt(cues: Sequence[Cue], fps: int) -> str:
    blocks = [f"{c.line.id}\n{_clock(c.start, fps, '.')} --> {_clock(c.end, fps, '.')}\n"
              f"<v {c.line.speaker}>{_escape(_text(c))}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
