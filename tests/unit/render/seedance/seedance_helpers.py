"""Helpers for the Seedance client tests (a uniquely named module: `conftest` is ambiguous
once the whole suite is collected)."""

import time

from onecrew.render.seedance import VideoRequest

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
