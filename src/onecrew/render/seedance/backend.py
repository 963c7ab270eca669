"""`--backend seedance`: each shot filmed by a Seedance model on Ark, through the client that
never pays twice, with the engine's durable checkpoint as its ledger.

The backend only says what to ask for: the shot's prompt, the ratio nearest the film's frame,
the model's duration that covers the shot, a fixed camera for a static shot, the shot's seed.
The model answers in its own size and rate (24 fps, e.g. 1248x704); the engine conforms the
clip to the film. A shot the model refuses fails alone, with the provider's reason; a bad key,
an exhausted quota or an overdue account stop the run at once.
"""

from __future__ import annotations

import math
import os
from typing import Optional

import av
from pydantic import Field

from ...errors import OnecrewError
from ...model.vocab import CameraMove
from ..backend import Capabilities, RenderContext, ShotArtifact, ShotRequest
from ..config import BackendConfig, unkeyed
from ..registry import Unavailable
from . import models
from .client import ArkClient
from .errors import FatalError, SeedanceError, ShotFailed
from .request import VideoRequest

RATIOS = {"16:9": 16 / 9, "4:3": 4 / 3, "1:1": 1.0, "3:4": 3 / 4, "9:16": 9 / 16, "21:9": 21 / 9}


class Seedance:
    name = "seedance"
    version = "1"
    # "same seed → similar, not identical" [L]: an approved take is kept by the cache, not the seed
    capabilities = Capabilities(honours_seed=False, fps=(), conformed=False, frame_ranges=False)

    class Config(BackendConfig):
        model: str = "doubao-seedance-1-0-pro-250528"
        family: Optional[str] = None  # for an endpoint id ("ep-…"), which names no model
        resolution: str = "720p"
        base_url: Optional[str] = unkeyed(None)  # ARK_BASE_URL overrides it
        timeout_s: float = unkeyed(30.0, gt=0)
        concurrency: Optional[int] = unkeyed(None, ge=1, le=100)  # tasks in flight; None: the model's default
        poll_s: float = unkeyed(2.0, gt=0, le=60)

    def __init__(self, config: "Seedance.Config") -> None:
        self.config = config
        self.digest = ""
        self.client: ArkClient | None = None
        spec = models.spec_for(config.model, config.family)
        self.capabilities = Seedance.capabilities.model_copy(
            update={"concurrency": config.concurrency or spec.concurrency})

    @classmethod
    def from_config(cls, config: "Seedance.Config") -> "Seedance":
        if not os.environ.get("ARK_API_KEY"):
            raise Unavailable("needs an Ark API key in ARK_API_KEY (and the platform's base URL in "
                              "ARK_BASE_URL or -B base_url=...)")
        try:
            models.spec_for(config.model, config.family)
        except SeedanceError as e:
            raise OnecrewError(f"backend 'seedance' setting model: {e}") from None
        return cls(config)

    def open(self) -> None:
        """One client per worker: its HTTP connections and its count of tasks in flight."""
        c = self.config
        try:
            self.client = ArkClient(c.base_url, timeout=c.timeout_s, poll=(c.poll_s, max(c.poll_s, 15.0)),
                                    concurrency={c.model: c.concurrency} if c.concurrency else None)
        except FatalError as e:
            raise OnecrewError(f"seedance: {e}") from None

    def close(self) -> None:
        self.client = None

    def render(self, request: ShotRequest, ctx: RenderContext) -> ShotArtifact:
        if self.client is None:
            self.open()
        ask = self.request_for(request)
        dest = ctx.work_dir / "seedance.mp4"
        done = [0]

        def state(s: str) -> None:  # the provider's state as progress: a tick when it has the clip
            if s in ("succeeded", "downloaded") and ctx.progress and not done[0]:
                done[0] = 1
                ctx.progress(request.frames)
        try:
            result = self.client.submit(ask, _Ledger(ctx), dest, on_state=state)
        except ShotFailed as e:
            raise OnecrewError(f"Seedance did not film it: {e}", where=f"shot {request.shot.id}") from None
        except FatalError as e:  # the account, not the shot: every other shot would fail the same way
            raise OnecrewError(f"seedance: {e}") from None
        except SeedanceError as e:
            raise OnecrewError(f"seedance: {e}", where=f"shot {request.shot.id}") from None
        with av.open(str(result.path)) as clip:
            frames = sum(1 for _ in clip.decode(video=0))
        return ShotArtifact(shot=request.shot.id, video=result.path, frames=frames)

    def request_for(self, request: ShotRequest) -> VideoRequest:
        """The shot in the model's terms; refused with one line when the model cannot film it."""
        c = self.config
        spec = models.spec_for(c.model, c.family)
        lo, hi = spec.durations
        seconds = request.frames / request.fps
        if seconds > hi:
            raise OnecrewError(f"is {seconds:.1f} s, longer than the {hi} s Seedance {spec.family} "
                               f"films in one call: split it into shorter shots", where=f"shot {request.shot.id}")
        shot = request.shot
        prompt = " ".join(p for p in (shot.prompt or _described(request), shot.prompt_extra) if p)
        return VideoRequest(model=c.model, family=c.family, prompt=prompt,
                            duration=max(lo, math.ceil(seconds)), resolution=c.resolution,
                            ratio=_nearest_ratio(request.width, request.height),
                            seed=request.seed % (1 << 32), camera_fixed=shot.move == CameraMove.STATIC)


def _described(request: ShotRequest) -> str:
    """A prompt for a request whose storyboard was not planned by onecrew (which writes one
    into every shot): who, doing what, where, when, how it feels."""
    shot, where = request.shot, request.film_set
    who = {c.id: c for c in request.cast}
    doing = ", ".join(f"{who[b.character].name if b.character in who else b.character} {b.action.value}s"
                      for b in shot.in_frame)
    place = f" in the {where.name.lower()} ({where.int_ext.value.lower()}), {where.time.value}" if where else ""
    return " ".join(f"{shot.size.value} shot: {doing or shot.description}{place}; {request.mood.value} mood.".split())


def _nearest_ratio(width: int, height: int) -> str:
    aspect = width / height
    return min(RATIOS, key=lambda r: abs(math.log(RATIOS[r] / aspect)))


class _Ledger:
    """The client's ledger over the engine's checkpoint: what it records survives a crash and
    is handed back to the next attempt at the same shot (`resume`, a retry, another project)."""

    def __init__(self, ctx: RenderContext) -> None:
        self._record = dict(ctx.resumed) if ctx.resumed else None
        self._save = ctx.checkpoint

    def get(self) -> dict | None:
        return self._record

    def put(self, record: dict) -> None:
        self._record = dict(record)
        if self._save is not None:
            self._save(self._record)
