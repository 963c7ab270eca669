"""The contract every backend must keep, run against each one the registry can load (the
built-ins and any installed through the `onecrew.backends` entry points), through the same
`onecrew.testing.contract.BackendContract` a plug-in's own tests subclass."""

from __future__ import annotations

from onecrew.render import registry
from onecrew.testing.contract import BackendContract

NAMES = [e.name for e in registry.listing() if e.available]


def _contract_for(name: str) -> type:
    return type(f"TestContract_{name}", (BackendContract,), {"get_backend": lambda self: registry.get(name)})


for _name in NAMES:  # one test class per backend, named after it in the report
    globals()[f"TestContract_{_name}"] = _contract_for(_name)


def test_every_installed_backend_is_checked():
    assert "previs" in NAMES
    assert all(f"TestContract_{n}" in globals() for n in NAMES)
