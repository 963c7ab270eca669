"""Fixtures for the Seedance client tests: an emulator per test and a client whose waits are
short and recorded."""

import time

import pytest

from onecrew.render.seedance import ArkClient, Backoff, VideoRequest
from onecrew.testing.ark import ArkEmulator

PRO = "doubao-seedance-1-0-pro-250528"


def small(prompt="a red fox crosses a snowy field", **kw) -> VideoRequest:
    """The cheapest clip to encode: 2 s of 864×480."""
    kw.setdefault("model", PRO)
    kw.setdefault("duration", 2)
    kw.setdefault("resolution", "480p")
    return VideoRequest(prompt=prompt, **kw)


class Sleeps(list):
    """An injected sleep: records every wait and really waits (tests keep the waits tiny)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(seconds)


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
