"""Local rendering: a backend's failure reaches the user as one error and leaves no film;
the registry says why a backend cannot run."""

from __future__ import annotations

import pytest

import onecrew

from onecrew.engine.film import Settings, produce
from onecrew.errors import OnecrewError
from onecrew.pipeline import storyboard_from
from onecrew.parse.source import read_source
from onecrew.render import registry
from onecrew.render.backend import Capabilities
from onecrew.render.registry import Unavailable


class Broken:
    name, version, capabilities = "broken", "0", Capabilities()

    def render(self, request, ctx):
        raise OnecrewError("the model server refused the shot", where=f"shot {request.shot.id}")


def needs_weights():
    raise Unavailable("needs the diffusers extra: pip install onecrew[diffusers]")


@pytest.fixture
def fake_backends(monkeypatch):
    monkeypatch.setitem(registry.BUILT_IN, "broken", f"{__name__}:Broken")
    monkeypatch.setitem(registry.BUILT_IN, "weights", f"{__name__}:needs_weights")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_backend_failure_is_one_error_and_no_film(fake_backends, tmp_path, workers):
    sb = storyboard_from(read_source("Ana waves at Ben. \"Hello!\" says Ana."))
    with pytest.raises(OnecrewError, match="refused the shot"):
        produce(sb, tmp_path / "out", Settings(backend="broken", size=(160, 90), workers=workers))
    assert not (tmp_path / "out" / "film.mp4").exists()


def test_the_registry_says_why_a_backend_cannot_run(fake_backends):
    entries = {e.name: e for e in registry.listing()}
    assert entries["previs"].available and entries["previs"].version == onecrew.__version__
    assert not entries["weights"].available and "diffusers extra" in entries["weights"].reason
    with pytest.raises(OnecrewError, match="not available: needs the diffusers extra"):
        registry.get("weights")
    with pytest.raises(OnecrewError, match="unknown backend 'nope'"):
        registry.get("nope")
