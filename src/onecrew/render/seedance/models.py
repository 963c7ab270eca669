"""Each Seedance model's limits as data, the check that refuses a request before it is sent,
and the token estimate.

Where each figure comes from (tags used below):
  [L]  /work/shared/LIBRARIES.md "Seedance on Ark" (verified from the providers' docs and SDK).
  [P]  the BytePlus ModelArk API pages as mirrored by resellers (powertokens.ai's copy of
       "Seedance Video Generation" / "Query" / "List"), read with the search tool.
  [R]  a reseller's own model page (runware.ai size tables, anyfast.ai 1.5 pro parameters,
       geelark's 2.0 manual, a third-party billing page for the prices).
  [?]  not confirmed anywhere I could read: a best guess, kept overridable, to check against
       the provider's current page before relying on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .errors import LimitError

FPS = 24  # [L] output is 24 fps MP4
RATIOS = ("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive")  # [L]

# Output sizes per resolution and ratio. 480p and 1080p rows [R] (runware's Seedance 1.0 pro
# table), agreeing with [L]'s 16:9 sizes 864×480, 1248×704, 1920×1088. 720p: 16:9 is [L],
# the other ratios [?]. "adaptive" lets the model follow the first frame's shape; without an
# image it is treated as 16:9 here [?].
SIZES: dict[str, dict[str, tuple[int, int]]] = {
    "480p": {"16:9": (864, 480), "4:3": (736, 544), "1:1": (640, 640), "3:4": (544, 736),
             "9:16": (480, 864), "21:9": (960, 416)},
    "720p": {"16:9": (1248, 704), "4:3": (1120, 832), "1:1": (960, 960), "3:4": (832, 1120),
             "9:16": (704, 1248), "21:9": (1504, 640)},
    "1080p": {"16:9": (1920, 1088), "4:3": (1664, 1248), "1:1": (1440, 1440),
              "3:4": (1248, 1664), "9:16": (1088, 1920), "21:9": (2176, 928)},
}


@dataclass(frozen=True)
class ModelSpec:
    family: str                      # our name for the model line
    prefixes: tuple[str, ...]        # model-id stems (the date suffix varies; BytePlus drops doubao-)
    durations: tuple[int, int]       # whole seconds, inclusive
    resolutions: tuple[str, ...]
    text: bool = True                # text-to-video
    first_frame: bool = True
    last_frame: bool = True          # first + last frame
    max_references: int = 0          # reference images (0: the mode is not offered)
    frames: bool = False             # `frames` = 25 + 4n accepted instead of duration [L] (1.0)
    generate_audio: bool = False     # [L] 1.5 pro and 2.0
    flex: bool = True                # service_tier "flex", half price [L]; not on 2.0 [L]
    concurrency: int = 10            # tasks at once per account and model
    price_per_mtok: float | None = None          # USD per million tokens, default tier
    price_per_mtok_audio: float | None = None    # when generate_audio is on
    unconfirmed: tuple[str, ...] = field(default=())  # the fields above marked [?]


MODELS: tuple[ModelSpec, ...] = (
    # 1.0 pro: t2v, first frame, first+last [P]; 2–12 s [?]; 480p/720p/1080p [R];
    # 10 tasks at once [L]; 2.5 USD/M tokens [R].
    ModelSpec("1.0-pro", ("seedance-1-0-pro-2",), (2, 12), ("480p", "720p", "1080p"),
              frames=True, concurrency=10, price_per_mtok=2.5,
              unconfirmed=("durations", "price_per_mtok")),
    # 1.0 pro fast: t2v and first frame only [P]; the rest as pro [?].
    ModelSpec("1.0-pro-fast", ("seedance-1-0-pro-fast",), (2, 12), ("480p", "720p", "1080p"),
              last_frame=False, frames=True, concurrency=10, price_per_mtok=1.0,
              unconfirmed=("durations", "concurrency", "price_per_mtok")),
    # 1.0 lite text-to-video: 5 tasks at once [L]; 1.8 USD/M [R]; 480p/720p [?].
    ModelSpec("1.0-lite-t2v", ("seedance-1-0-lite-t2v",), (2, 12), ("480p", "720p"),
              first_frame=False, last_frame=False, frames=True, concurrency=5,
              price_per_mtok=1.8, unconfirmed=("durations", "resolutions", "price_per_mtok")),
    # 1.0 lite image-to-video: first, first+last, 1–4 reference images [L].
    ModelSpec("1.0-lite-i2v", ("seedance-1-0-lite-i2v",), (2, 12), ("480p", "720p"),
              text=False, max_references=4, frames=True, concurrency=5, price_per_mtok=1.8,
              unconfirmed=("durations", "resolutions", "price_per_mtok")),
    # 1.5 pro: t2v, first, first+last [P]; 4–12 s, 480p/720p/1080p [R]; audio [L];
    # 2.4 USD/M with audio, 1.2 without [R].
    ModelSpec("1.5-pro", ("seedance-1-5-pro",), (4, 12), ("480p", "720p", "1080p"),
              generate_audio=True, concurrency=10, price_per_mtok=1.2, price_per_mtok_audio=2.4,
              unconfirmed=("concurrency", "price_per_mtok")),
    # 2.0 fast before 2.0 so the longer stem wins. 0–9 reference images [P][L]; 4–15 s [R];
    # 480p/720p [R]; audio [L]; no flex tier [L]; no confirmed price: set one in the config.
    ModelSpec("2.0-fast", ("seedance-2-0-fast",), (4, 15), ("480p", "720p"),
              max_references=9, generate_audio=True, flex=False, concurrency=10,
              unconfirmed=("resolutions", "concurrency", "price_per_mtok")),
    ModelSpec("2.0", ("seedance-2-0-",), (4, 15), ("480p", "720p"),
              max_references=9, generate_audio=True, flex=False, concurrency=10,
              unconfirmed=("resolutions", "concurrency", "price_per_mtok")),
)


def spec_for(model: str, family: str | None = None) -> ModelSpec:
    """The limits of model id `model` ("doubao-seedance-1-0-pro-250528", "seedance-2-0-260128",
    …). An endpoint id ("ep-…") says nothing about the model behind it: name the `family`."""
    if family:
        for spec in MODELS:
            if spec.family == family:
                return spec
        raise LimitError("family", f"unknown Seedance family {family!r}; known: "
                         + ", ".join(s.family for s in MODELS))
    stem = model.lower()
    for drop in ("doubao-", "dreamina-", "bytedance-"):
        stem = stem.removeprefix(drop)
    for spec in MODELS:
        if any(stem.startswith(p) for p in spec.prefixes):
            return spec
    raise LimitError("model", f"{model!r} is not a known Seedance model id; for an endpoint id "
                     f"set the family ({', '.join(s.family for s in MODELS)})")


def output_size(resolution: str, ratio: str) -> tuple[int, int]:
    return SIZES[resolution]["16:9" if ratio == "adaptive" else ratio]


def seconds_of(request) -> float:
    """The clip's length: `frames` at 24 fps where given, else `duration`."""
    if request.frames is not None:
        return request.frames / FPS
    return float(request.duration)


def check(request, spec: ModelSpec | None = None) -> ModelSpec:
    """Refuse, with one line naming the field, anything `spec` does not take. Nothing is sent
    before this passes. Returns the spec used."""
    spec = spec or spec_for(request.model, getattr(request, "family", None))
    name = f"Seedance {spec.family}"
    refs = list(request.reference_images or ())
    if request.frames is not None:
        if not spec.frames:
            raise LimitError("frames", f"{name} takes duration, not frames")
        if request.frames < 29 or request.frames > 289 or (request.frames - 25) % 4:
            raise LimitError("frames", f"{request.frames} is not 25+4n in 29..289")
    else:
        lo, hi = spec.durations
        if not isinstance(request.duration, int) or not lo <= request.duration <= hi:
            raise LimitError("duration", f"{request.duration!r} s is outside {name}'s {lo}–{hi} s")
    if request.resolution not in spec.resolutions:
        raise LimitError("resolution", f"{request.resolution!r} is not one of "
                         f"{', '.join(spec.resolutions)} on {name}")
    if request.ratio not in RATIOS:
        raise LimitError("ratio", f"{request.ratio!r} is not one of {', '.join(RATIOS)}")
    if request.seed is not None and not -1 <= request.seed <= 2**32 - 1:
        raise LimitError("seed", f"{request.seed} is outside -1..4294967295")
    images = request.first_frame is not None or request.last_frame is not None
    if refs and images:
        # [L] first-frame, first+last and reference modes do not mix.
        raise LimitError("reference_images", "reference images do not mix with first/last frames")
    if request.last_frame is not None and request.first_frame is None:
        raise LimitError("last_frame", "a last frame needs a first frame")
    if request.first_frame is not None and not spec.first_frame:
        raise LimitError("first_frame", f"{name} does not take a first frame")
    if request.last_frame is not None and not spec.last_frame:
        raise LimitError("last_frame", f"{name} does not take a last frame")
    if refs and len(refs) > spec.max_references:
        raise LimitError("reference_images", f"{len(refs)} images; {name} takes at most "
                         f"{spec.max_references}")
    if not spec.text and not images and not refs:
        raise LimitError("first_frame", f"{name} makes video from images only: give a first "
                         "frame or reference images")
    if not (request.prompt or "").strip() and not images and not refs:
        raise LimitError("prompt", "a text-to-video request needs a prompt")
    if request.generate_audio and not spec.generate_audio:
        raise LimitError("generate_audio", f"{name} has no native audio")
    if request.service_tier not in (None, "default", "flex"):
        raise LimitError("service_tier", f"{request.service_tier!r} is not default or flex")
    if request.service_tier == "flex" and not spec.flex:
        raise LimitError("service_tier", f"{name} has no flex tier")
    exp = request.execution_expires_after
    if exp is not None and not 3600 <= exp <= 259200:  # [L]
        raise LimitError("execution_expires_after", f"{exp} s is outside 3600–259200 s")
    return spec


def tokens(width: int, height: int, seconds: float, fps: int = FPS) -> int:
    """[L] tokens ≈ width × height × fps × seconds / 1024 (5 s of 1920×1088 → 244,800)."""
    return int(width * height * fps * seconds / 1024)


@dataclass(frozen=True)
class Estimate:
    tokens: int
    price: float | None  # USD; None where no price is known for the model
    unconfirmed: bool    # the price (or the size) is a guess: say so where it is shown


def estimate(request, spec: ModelSpec | None = None,
             prices: dict[str, float] | None = None) -> Estimate:
    """Tokens and price for `request` before it is sent. `prices` (family → USD per million
    tokens, from the config) overrides the table. Only successful videos are billed [L]; the
    flex tier is half price [L]."""
    spec = spec or spec_for(request.model, getattr(request, "family", None))
    w, h = output_size(request.resolution, request.ratio)
    n = tokens(w, h, seconds_of(request))
    per = (prices or {}).get(spec.family)
    guessed = per is None and "price_per_mtok" in spec.unconfirmed
    if per is None:
        per = spec.price_per_mtok_audio if request.generate_audio and spec.price_per_mtok_audio \
            else spec.price_per_mtok
    if per is None:
        return Estimate(n, None, True)
    price = n * per / 1e6 * (0.5 if request.service_tier == "flex" else 1.0)
    return Estimate(n, math.ceil(price * 10000) / 10000, guessed)
