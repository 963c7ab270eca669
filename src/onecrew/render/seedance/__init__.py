"""ByteDance Seedance on the Ark video-generation task API: the client that never pays twice,
each model's limits, and the errors a caller must tell apart. The render backend built on it
(onecrew's `--backend seedance`) lives with the engine's backend contract."""

from .batch import run_batch
from .client import ArkClient, Backoff, Result, matches, resolve_base_url
from .errors import (DownloadExpired, FatalError, LimitError, OutcomeUnknown, SeedanceError,
                     ShotFailed, TaskExpired, TaskGone, TransientError)
from .ledger import FileLedger, Ledger, MemoryLedger
from .models import MODELS, ModelSpec, check, estimate, output_size, spec_for, tokens
from .request import VideoRequest

__all__ = ["ArkClient", "Backoff", "Result", "matches", "resolve_base_url", "run_batch",
           "DownloadExpired", "FatalError", "LimitError", "OutcomeUnknown", "SeedanceError",
           "ShotFailed", "TaskExpired", "TaskGone", "TransientError", "FileLedger", "Ledger",
           "MemoryLedger", "MODELS", "ModelSpec", "check", "estimate", "output_size",
           "spec_for", "tokens", "VideoRequest"]
