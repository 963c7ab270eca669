"""The film's length limit, kept while directing rather than checked at the end.

A storyboard may run at most MAX_FILM_HOURS. A story far longer than that (a 50 MB input
can hold days of film) is refused as soon as the shots planned, or the least the beats
still to cover will need, pass the limit: the work stops there instead of directing it all.
"""

from __future__ import annotations

from fractions import Fraction

from ..model import script as sc
from ..model.base import MAX_FILM_HOURS

# The least each beat adds to the film (see coverage): an action shot lasts 2 s and a fifth
# of a second a word, up to 8 s, and each member of a group of three or more gets a single of
# 2.5 s; a line not spoken over another adds 0.35 s and its words at the speaker's rate
# (before casting, at the fastest rate any voice has).
MEMBER_SECONDS = Fraction(5, 2)
LINE_SECONDS = Fraction(7, 20)
FASTEST_WPM = 190  # casting._RATE's highest


def action_seconds(words: int) -> Fraction:
    return min(Fraction(8), 2 + Fraction(words, 5))


def line_seconds(words: int, wpm: int) -> Fraction:
    return LINE_SECONDS + Fraction(60 * max(1, words), wpm)


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

    def action(self, words: int, characters: int, line: int) -> None:
        """An action beat was broken down: it will be filmed at least this long."""
        self._need(action_seconds(words) + (MEMBER_SECONDS * characters if characters > 2 else 0), line)

    def spoken(self, words: int, wpm: int, line: int) -> None:
        """A line that is not spoken over another was broken down."""
        self._need(line_seconds(words, wpm), line)

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
        seconds = Fraction(0)
        for scene in scenes:
            for el in scene.elements:
                if isinstance(el, sc.Lyric) or (isinstance(el, sc.Action) and not el.centered):
                    words = len(el.text.split())
                    seconds += action_seconds(words) if words or isinstance(el, sc.Lyric) else 0
                elif isinstance(el, sc.Dialogue) and not el.dual:
                    words = len(el.text.split())
                    seconds += line_seconds(words, FASTEST_WPM) if words else 0
        return int(seconds * self.fps)

    def refuse_early(self, scenes) -> None:
        floor = self.floor_of(scenes)
        if floor > self.limit:
            raise TooLong(0, floor)

    def minutes(self, frames: int) -> int:
        return frames // (60 * self.fps)
