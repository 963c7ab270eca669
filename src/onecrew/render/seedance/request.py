"""One shot's request to Seedance, as it will be sent, and its fingerprint."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class VideoRequest:
    """The body fields of `POST /contents/generations/tasks` ([L] LIBRARIES.md "Seedance on
    Ark"). Images are URLs or data URLs. `family` only helps name the limits of an endpoint id
    and is never sent."""
    model: str
    prompt: str = ""
    duration: int | None = 5
    frames: int | None = None
    resolution: str = "720p"
    ratio: str = "16:9"
    seed: int | None = None          # None: derived from the fingerprint (see seed_for)
    camera_fixed: bool | None = None
    watermark: bool | None = False
    return_last_frame: bool | None = None
    generate_audio: bool | None = None
    service_tier: str | None = None
    execution_expires_after: int | None = None
    first_frame: str | None = None
    last_frame: str | None = None
    reference_images: tuple[str, ...] = field(default=())
    family: str | None = None

    def content(self) -> list[dict]:
        items: list[dict] = []
        if self.prompt:
            items.append({"type": "text", "text": self.prompt})
        for role, url in (("first_frame", self.first_frame), ("last_frame", self.last_frame)):
            if url is not None:
                items.append({"type": "image_url", "image_url": {"url": url}, "role": role})
        for url in self.reference_images:
            items.append({"type": "image_url", "image_url": {"url": url},
                          "role": "reference_image"})
        return items

    def body(self, seed: int) -> dict:
        """The JSON sent, with the seed that will be recorded (always explicit: the seed is
        what lets a lost create be recognised in the task list)."""
        out: dict = {"model": self.model, "content": self.content(), "seed": seed,
                     "resolution": self.resolution, "ratio": self.ratio}
        if self.frames is not None:
            out["frames"] = self.frames
        else:
            out["duration"] = self.duration
        for name in ("camera_fixed", "watermark", "return_last_frame", "generate_audio",
                     "service_tier", "execution_expires_after"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def fingerprint(self) -> str:
        """sha256 of everything that decides the picture (the seed as given, None included)."""
        data = asdict(self)
        data.pop("family")
        data["reference_images"] = list(self.reference_images)
        raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()

    def seed_for(self) -> int:
        """The seed to send: the caller's, else one derived from the fingerprint, so the same
        request always sends the same seed (a re-run is reproducible, and a fresh process
        that lost its ledger's seed would still send the same one). Never -1: a random seed
        chosen by the server could not be matched in the task list."""
        if self.seed is not None and self.seed >= 0:
            return self.seed
        return int(self.fingerprint()[:8], 16)  # 0 … 2³²−1
