"""A backend's settings: one pydantic model per backend, validated, recorded with the run and
hashed into every key of what it renders.

A backend declares `Config` (a subclass of `BackendConfig`) and is made from one
(`from_config`), as a diffusers component is. Fields that decide pictures (the model id, the
quality settings) are keyed; fields that only say where or how fast (an endpoint, a timeout,
calls in flight) are marked `unkeyed(...)` and stay out of the key, so moving to another
endpoint of the same model does not render everything again. Secrets are never fields: an API
key comes from the environment, and is neither recorded nor keyed.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import OnecrewError


class BackendConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def keyed(self) -> dict:
        """The fields that decide pictures, as JSON."""
        data = self.model_dump(mode="json")
        return {k: v for k, v in data.items() if _is_keyed(type(self), k)}

    def digest(self) -> str:
        blob = json.dumps(self.keyed(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def unkeyed(default: Any = ..., **kw) -> Any:
    """A field that does not change what is rendered: kept out of cache keys."""
    extra = dict(kw.pop("json_schema_extra", None) or {}) | {"keyed": False}
    return Field(default, json_schema_extra=extra, **kw)


def _is_keyed(cls: type[BaseModel], name: str) -> bool:
    extra = cls.model_fields[name].json_schema_extra
    return not (isinstance(extra, dict) and extra.get("keyed") is False)


def validate(config_cls: type[BackendConfig] | None, values: dict, backend: str) -> BackendConfig | None:
    """`values` as the backend's config, or one line naming the field that is wrong."""
    if config_cls is None:
        if values:
            raise OnecrewError(f"backend {backend!r} takes no settings, not {', '.join(sorted(values))}")
        return None
    try:
        return config_cls.model_validate(values)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(settings)"
        raise OnecrewError(f"backend {backend!r} setting {field}: {err['msg']}") from None


def read_settings(file: Path | None, pairs: list[str]) -> dict:
    """`--backend-config FILE.toml` then each `-B key=value` over it. A value is read as TOML
    (numbers, true/false, quoted strings, lists) and otherwise taken as plain text."""
    values: dict = {}
    if file is not None:
        try:
            values = tomllib.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as e:
            raise OnecrewError(f"cannot read the backend settings: {e.strerror}", where=str(file)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise OnecrewError(f"is not valid TOML: {' '.join(str(e).split())}", where=str(file)) from None
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise OnecrewError(f"-B {pair!r}: write a backend setting as KEY=VALUE")
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw
        values[key.strip()] = value
    return values
