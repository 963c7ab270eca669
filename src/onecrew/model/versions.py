"""Storyboard file versions. Each upgrade takes the raw mapping of version n to version n+1,
so a file from any older release still loads (the OpenTimelineIO way)."""

from __future__ import annotations

from typing import Any, Callable

from .storyboard import SCHEMA_VERSION

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}  # from-version → function; none yet: version 1 is the first


class VersionError(ValueError):
    pass


def upgrade(raw: dict[str, Any], upgrades: dict[int, Upgrade] | None = None,
            current: int = SCHEMA_VERSION) -> dict[str, Any]:
    steps = UPGRADES if upgrades is None else upgrades
    version = raw.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise VersionError(f"schema_version must be a whole number from 1 to {current}, not {version!r}")
    if version > current:
        raise VersionError(f"schema_version {version} is newer than this onecrew understands "
                           f"(up to {current}): upgrade onecrew")
    while version < current:
        if version not in steps:
            raise VersionError(f"no upgrade from schema_version {version}")
        raw = steps[version](dict(raw))
        version += 1
        raw["schema_version"] = version
    return raw
