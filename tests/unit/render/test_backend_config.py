"""A backend's config: read from TOML and -B pairs, validated with one line per mistake,
recorded with the run, and keyed by the fields that decide pictures only; a backend is made
and opened once per process; cards are previs's whatever backend films the shots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import Field

from onecrew.engine import keys, work
from onecrew.engine.film import Settings, _take_job
from onecrew.engine.shots import card_request
from onecrew.errors import OnecrewError
from onecrew.render import registry
from onecrew.render.backend import Capabilities, Card
from onecrew.render.config import BackendConfig, read_settings, unkeyed

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_previs import request  # noqa: E402

OPENED: list[str] = []


class Studio:
    """A backend with settings: a model and its steps decide pictures; where it runs does not."""

    name, version = "studio", "1"
    capabilities = Capabilities()

    class Config(BackendConfig):
        model: str = "studio-1"
        steps: int = Field(default=8, ge=1, le=100)
        endpoint: str = unkeyed("http://127.0.0.1:9")
        timeout_s: float = unkeyed(30.0, gt=0)

    def __init__(self, config: "Studio.Config") -> None:
        self.config = config

    @classmethod
    def from_config(cls, config: "Studio.Config") -> "Studio":
        return cls(config)

    def open(self) -> None:
        OPENED.append(self.config.model)

    def close(self) -> None:
        OPENED.append("closed")

    def render(self, request, ctx):
        raise NotImplementedError


@pytest.fixture
def studio(monkeypatch):
    monkeypatch.setitem(registry.BUILT_IN, "studio", f"{__name__}:Studio")
    OPENED.clear()
    yield
    work._close_all()


def test_settings_come_from_toml_then_each_pair_over_it(tmp_path):
    f = tmp_path / "studio.toml"
    f.write_text('model = "studio-2"\nsteps = 20\nendpoint = "http://a"\n')
    assert read_settings(f, ["steps=30", "endpoint=http://b", 'model="x y"', "flag=true"]) == \
        {"model": "x y", "steps": 30, "endpoint": "http://b", "flag": True}


@pytest.mark.parametrize("content, message", [
    ("model = \n", "is not valid TOML"),
])
def test_a_bad_settings_file_is_one_line(tmp_path, content, message):
    f = tmp_path / "s.toml"
    f.write_text(content)
    with pytest.raises(OnecrewError, match=message) as e:
        read_settings(f, [])
    assert e.value.where == str(f) and "\n" not in str(e.value)


def test_a_pair_must_be_key_equals_value():
    with pytest.raises(OnecrewError, match="-B 'steps': write a backend setting as KEY=VALUE"):
        read_settings(None, ["steps"])


@pytest.mark.parametrize("values, message", [
    ({"steps": 0}, "backend 'studio' setting steps: Input should be greater than or equal to 1"),
    ({"stepz": 3}, "backend 'studio' setting stepz: Extra inputs are not permitted"),
    ({"timeout_s": "soon"}, "backend 'studio' setting timeout_s: Input should be a valid number"),
])
def test_a_wrong_setting_names_its_field(studio, values, message):
    with pytest.raises(OnecrewError) as e:
        registry.ref("studio", values)
    assert str(e.value).startswith(message)


def test_a_backend_without_settings_refuses_some():
    with pytest.raises(OnecrewError, match="backend 'previs' takes no settings, not steps"):
        registry.ref("previs", {"steps": 3})


def test_what_decides_pictures_is_keyed_and_where_it_runs_is_not(studio):
    req = request(duration=24)

    def key(**values) -> str:
        return keys.shot(req, registry.get("studio", values), ())["backend"]["config"], \
            work.key_of(keys.shot(req, registry.get("studio", values), ()))
    base = key()
    assert key(endpoint="http://elsewhere", timeout_s=5) == base
    assert key(steps=9)[1] != base[1] and key(model="studio-2")[1] != base[1]
    assert base[0] == {"model": "studio-1", "steps": 8}


def test_previs_keys_are_what_they_were():
    """No config, no key field: every cached previs clip stays valid."""
    from onecrew.render.previs import Previs
    assert "config" not in keys.backend_id(Previs())


def test_a_backend_is_opened_once_per_process_and_closed_at_its_end(studio):
    ref = registry.ref("studio", {"model": "m"})
    first = work.opened(ref)
    assert work.opened(ref) is first and OPENED == ["m"]
    work._close_all()
    assert OPENED == ["m", "closed"]


def test_settings_are_recorded_with_the_run():
    s = Settings(backend="studio", backend_config={"steps": 3})
    assert Settings.from_json(s.to_json()) == s


def test_cards_are_drawn_by_previs_whatever_films_the_shots(studio):
    from onecrew.model.storyboard import Storyboard
    card = card_request(Storyboard(title="T"), "title", Card(title="T"), 160, 90)
    job = _take_job(card, registry.get("studio"), Settings(backend="studio"), 1)
    assert job.backend.name == "previs" and job.spec["backend"]["name"] == "previs"


def test_the_cli_names_a_setting_the_backend_does_not_take(tmp_path):
    onecrew = str(Path(sys.executable).parent / "onecrew")
    p = subprocess.run([onecrew, "make", "Mara waves.", "-o", str(tmp_path / "o"), "-B", "steps=3"],
                       capture_output=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr.decode().strip() == "onecrew: error: backend 'previs' takes no settings, not steps"
    assert not (tmp_path / "o").exists()
