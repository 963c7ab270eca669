"""Fixtures for the Seedance client tests: an emulator per test and a client whose waits are
short and recorded."""

import pytest
from seedance_helpers import Sleeps

from onecrew.render.seedance import ArkClient, Backoff
from onecrew.testing.ark import ArkEmulator


@pytest.fixture
def make_client():
    def make(ark: ArkEmulator, **kw) -> ArkClient:
        kw.setdefault("timeout", 2.0)
        kw.setdefault("backoff", Backoff(base=0.01, cap=0.04, tries=5))
        kw.setdefault("sleep", Sleeps())
        kw.setdefault("poll", (0.02, 0.05))
        kw.setdefault("settle", 0.02)
        return ArkClient(ark.base_url, kw.pop("api_key", ark.api_key), **kw)
    return make


@pytest.fixture
def ark_factory():
    running = []

    def start(script=None, **kw) -> ArkEmulator:
        ark = ArkEmulator(script, **kw)
        ark.start()
        running.append(ark)
        return ark
    yield start
    for ark in running:
        ark.stop()
