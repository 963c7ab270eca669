"""The encoding settings every segment and every mix shares (so segments join without
re-encoding), in a module of their own so the cache can key on them without loading FFmpeg."""

from __future__ import annotations

from importlib import metadata

CODEC = "libx264"
PIX_FMT = "yuv420p"
# Flat-shaded animatic frames compress well even at the fastest preset; the preset is the
# largest single cost per frame on a 2-core laptop (see BENCHMARKS.md).
DEFAULT_PRESET = "ultrafast"
DEFAULT_CRF = 23
AUDIO_RATE = 48_000
AUDIO_BITRATE = 160_000
AV_VERSION = metadata.version("av")  # the PyAV wheel, and with it the FFmpeg and x264 it bundles
