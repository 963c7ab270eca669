"""The render requests of a film: one per shot, plus the optional title and end cards."""

from __future__ import annotations

from typing import Mapping

from ..model.seeds import derive
from ..model.storyboard import Shot, Storyboard
from ..model.time import frames
from ..model.vocab import ShotKind, ShotSize
from ..render.backend import Card, ShotRequest, Utterance

CARD_S = 3


def shot_requests(sb: Storyboard, utterances: Mapping[str, tuple[Utterance, ...]],
                  width: int | None = None, height: int | None = None) -> list[ShotRequest]:
    cast = {c.id: c for c in sb.cast}
    out = []
    for scene in sb.scenes:
        film_set = sb.film_set(scene.set)
        for shot in scene.shots:
            out.append(ShotRequest(
                shot=shot, film_set=film_set, mood=scene.mood,
                cast=tuple(cast[b.character] for b in shot.in_frame if b.character in cast),
                speech=utterances.get(shot.id, ()), fps=sb.fps,
                width=width or sb.width, height=height or sb.height, seed=shot.seed))
    return out


def card_request(sb: Storyboard, which: str, card: Card, width: int | None = None,
                 height: int | None = None) -> ShotRequest:
    """A card is a shot with no set and no cast; `which` ("title", "end") is its id."""
    shot = Shot(id=which, kind=ShotKind.INSERT, size=ShotSize.INSERT, duration=frames(CARD_S, sb.fps),
                description=card.title, seed=derive(sb.seed, "card", which))
    return ShotRequest(shot=shot, card=card, fps=sb.fps, width=width or sb.width,
                       height=height or sb.height, seed=shot.seed)
