"""The film's audio rate and timed text: what the edit needs from the sound stages, without
loading them (numpy, the synthesiser) when every line comes from the cache."""

from __future__ import annotations

from dataclasses import dataclass

RATE = 48_000  # the film's audio rate; everything in `sound` returns audio at RATE


@dataclass(frozen=True)
class Timed:
    start: int  # samples at RATE from the start of the speech
    end: int
    text: str
