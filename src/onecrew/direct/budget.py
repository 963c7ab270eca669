"""The film's length limit, kept while directing rather than checked at the end.

A storyboard may run at most MAX_FILM_HOURS. A story far longer than that (a 50 MB input
can hold days of film) is refused as soon as the shots planned, or the least the beats
still to cover will need, pass the limit: the work stops there instead of directing it all.
"""

from __future__ import annotations

from fractions import Fraction

from ..model import script as sc
from ..model.base import MAX_FILM_HOURS

# The shortest shot each beat leads to (see coverage): an action is at least 2 s, and each
# member of a group of three or more gets a single of 2.5 s; a line that is not spoken over
# another adds at least 0.35 s to its shot.
ACTION_FLOOR = Fraction(2)
MEMBER_FLOOR = Fraction(5, 2)
LINE_FLOOR = Fraction(7, 20)


class TooLong(Exception):
    """Raised inside the director; it becomes one OnecrewError line naming where."""

    def __init__(self, line: int, frames: int):
        super().__init__(line, frames)
        self.line = line  # the source line that passed the limit (0: the whole story did)
        self.frames = frames  # the least the story was found to need


class FilmBudget:
    def __init__(self, fps: int):
        self.fps = fps
        self.limit = MAX_FILM_HOURS * 3600 * fps  # frames
        self.spent = 0  # frames of the scenes finished
        self.floor = 0  # frames the current scene needs at least, from its beats so far
        self.line = 0  # the source line being directed, for the message
        self.scene = 0  # the index of the scene being directed

    def action(self, characters: int, line: int) -> None:
        """An action beat was broken down: it will be filmed at least this long."""
        seconds = ACTION_FLOOR + (MEMBER_FLOOR * characters if characters > 2 else 0)
        self._need(seconds, line)

    def spoken(self, line: int) -> None:
        """A line that is not spoken over another was broken down."""
        self._need(LINE_FLOOR, line)

    def _need(self, seconds: Fraction, line: int) -> None:
        # Rounded down: a floor summed from floors is still at most the real length.
        self.floor += int(seconds * self.fps)
        self.line = line or self.line
        self.check(0)

    def check(self, covered: int) -> None:
        """`covered`: frames of the shots planned so far in the current scene."""
        if self.spent + max(self.floor, covered) > self.limit:
            raise TooLong(self.line, self.spent + max(self.floor, covered))

    def scene_done(self, frames: int) -> None:
        self.spent += frames
        self.floor = 0
        self.check(0)

    def floor_of(self, scenes) -> int:
        """The least a whole script needs, from its elements alone, before any breakdown: each
        action or lyric at least one action beat, each speech not spoken over another at
        least one line."""
        actions = lines = 0
        for scene in scenes:
            for el in scene.elements:
                if isinstance(el, sc.Lyric) or (isinstance(el, sc.Action) and not el.centered
                                                 and el.text.strip()):
                    actions += 1
                elif isinstance(el, sc.Dialogue) and not el.dual and el.text.strip():
                    lines += 1
        return actions * int(ACTION_FLOOR * self.fps) + lines * int(LINE_FLOOR * self.fps)

    def refuse_early(self, scenes) -> None:
        floor = self.floor_of(scenes)
        if floor > self.limit:
            raise TooLong(0, floor)

    def minutes(self, frames: int) -> int:
        return frames // (60 * self.fps)
