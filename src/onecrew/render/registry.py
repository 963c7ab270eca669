"""Which backends exist, and plainly why one cannot be used.

Built-ins are listed here; a package adds its own through the `onecrew.backends` entry-point
group (`name = "module:factory"`), where the factory returns a Backend or raises
`Unavailable("needs the diffusers extra")`. Nothing is imported until it is asked for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import Callable

from ..errors import OnecrewError
from .backend import Backend
from .config import validate

GROUP = "onecrew.backends"


class Unavailable(Exception):
    """Raised by a backend factory that cannot run here; the message says what is missing."""


BUILT_IN: dict[str, str] = {"previs": "onecrew.render.previs:Previs",
                            "seedance": "onecrew.render.seedance.backend:Seedance"}


@dataclass(frozen=True)
class Entry:
    name: str
    target: str  # "module:factory"
    available: bool
    reason: str  # why not, when not available
    version: str = ""


def _load(target: str) -> Callable[[], Backend]:
    module, _, attr = target.partition(":")
    return getattr(import_module(module), attr)


def _targets() -> dict[str, str]:
    found = dict(BUILT_IN)
    for ep in entry_points(group=GROUP):
        found.setdefault(ep.name, ep.value)  # a plug-in may not shadow a built-in
    return found


def _make(name: str, target: str, settings: dict | None = None) -> Backend:
    try:
        factory = _load(target)
        config = validate(getattr(factory, "Config", None), dict(settings or {}), name)
        if config is None:
            backend = factory()
        else:  # made from its config, as a diffusers component is
            backend = factory.from_config(config) if hasattr(factory, "from_config") else factory(config)
    except Unavailable as e:
        raise OnecrewError(f"backend {name!r} is not available: {e}") from None
    except ImportError as e:
        raise OnecrewError(f"backend {name!r} is not available: cannot import {e.name or target}") from None
    if not isinstance(backend, Backend):
        raise OnecrewError(f"backend {name!r} ({target}) does not implement the Backend protocol")
    return backend


@dataclass(frozen=True)
class Ref:
    """A backend as a worker process finds it: by the factory the planning process resolved
    and its settings as validated there, so every worker (forked from a clean server, or on
    another node) makes the same backend whatever its own registry holds."""

    name: str
    target: str
    settings: str = "{}"  # the backend's config, canonical JSON

    def make(self) -> Backend:
        return _make(self.name, self.target, json.loads(self.settings))


def ref(name: "str | Ref", settings: dict | None = None) -> Ref:
    if isinstance(name, Ref):
        return name
    targets = _targets()
    if name not in targets:
        raise OnecrewError(f"unknown backend {name!r}; installed: {', '.join(sorted(targets))}")
    blob = "{}"
    if settings:
        factory = _load(targets[name])
        config = validate(getattr(factory, "Config", None), dict(settings), name)
        blob = json.dumps(config.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return Ref(name, targets[name], blob)


def get(name: "str | Ref", settings: dict | None = None) -> Backend:
    return ref(name, settings).make()


def listing() -> list[Entry]:
    entries = []
    for name, target in sorted(_targets().items()):
        try:
            b = _make(name, target)
            entries.append(Entry(name, target, True, "", b.version))
        except OnecrewError as e:
            entries.append(Entry(name, target, False, e.message.split(": ", 1)[-1]))
    return entries
