"""Hook points around what leaves the engine, as OpenTimelineIO has them around I/O: the home
of the trust layer (the likeness guard, signing) without editing the engine.

A hook is any object with some of these methods; each may raise `OnecrewError` to stop:

    before_shot(request, backend)        a shot is about to be sent to its backend (not for one
                                         the cache already holds: nothing is sent for it)
    before_cut(request, backend, clip)   every shot of the cut, rendered now or reused, before
                                         the film is joined: a guard sees every clip it ships
    after_cut(film, provenance)          the film is written; `provenance` says how it was made

Hooks come from the `onecrew.hooks` entry-point group (`name = "module:object"`, an object or
a factory taking no arguments) and from `register()` (the Python API, tests). They run in the
coordinating process, in the order registered, entry points first.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from ..errors import OnecrewError

GROUP = "onecrew.hooks"
POINTS = ("before_shot", "before_cut", "after_cut")
_registered: list[Any] = []


def register(hook: Any) -> Any:
    """Add a hook for this process (returned, so it can be `unregister`ed)."""
    _registered.append(hook)
    return hook


def unregister(hook: Any) -> None:
    if hook in _registered:
        _registered.remove(hook)


def installed() -> list[Any]:
    hooks = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        module, _, attr = ep.value.partition(":")
        try:
            obj = getattr(import_module(module), attr)
        except (ImportError, AttributeError) as e:
            raise OnecrewError(f"hook {ep.name!r} ({ep.value}) cannot be loaded: {e}") from None
        hooks.append(obj() if isinstance(obj, type) or (callable(obj) and not _has_points(obj)) else obj)
    return hooks + list(_registered)


def _has_points(obj: Any) -> bool:
    return any(callable(getattr(obj, p, None)) for p in POINTS)


class Hooks:
    """The hooks of one run, loaded once at its start."""

    def __init__(self) -> None:
        self.hooks = installed()

    def __call__(self, point: str, *args: Any) -> None:
        assert point in POINTS, point
        for hook in self.hooks:
            fn = getattr(hook, point, None)
            if callable(fn):
                fn(*args)
