"""Time is counted in whole frames at the project's frame rate.

Seconds appear only at the edges (reading a speech estimate, printing a duration); they are
converted once, with exact rational arithmetic, and rounded half up.
"""

from __future__ import annotations

from fractions import Fraction

SUPPORTED_FPS = (12, 15, 24, 25, 30, 48, 50, 60)


def frames(seconds: float | Fraction, fps: int) -> int:
    """Whole frames nearest to `seconds` (half up), at least one."""
    exact = Fraction(seconds).limit_denominator(1_000_000) * fps
    return max(1, int(exact + Fraction(1, 2)))


def timecode(n_frames: int, fps: int) -> str:
    """SMPTE-style non-drop timecode HH:MM:SS:FF."""
    total_seconds, ff = divmod(n_frames, fps)
    hh, rest = divmod(total_seconds, 3600)
    mm, ss = divmod(rest, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}:{ff:02d}"
