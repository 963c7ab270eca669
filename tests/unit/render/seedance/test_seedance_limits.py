"""Each model's limits refuse a request before anything is sent; the token estimate."""

import pytest
from seedance_helpers import PRO, small

from onecrew.render.seedance import (LimitError, MemoryLedger, VideoRequest, estimate,
                                     spec_for, tokens)

IMG = "data:image/png;base64,AAAA"


@pytest.mark.parametrize("field,kw", [
    ("duration", dict(duration=20)),
    ("duration", dict(model="seedance-1-5-pro-251215", duration=2)),
    ("frames", dict(frames=30)),
    ("frames", dict(model="dreamina-seedance-2-0-260128", duration=None, frames=121)),
    ("resolution", dict(model="dreamina-seedance-2-0-260128", duration=5, resolution="1080p")),
    ("resolution", dict(resolution="4k")),
    ("ratio", dict(ratio="2:1")),
    ("seed", dict(seed=2**32)),
    ("last_frame", dict(model="seedance-1-0-pro-fast-251015", first_frame=IMG, last_frame=IMG)),
    ("last_frame", dict(last_frame=IMG)),
    ("first_frame", dict(model="doubao-seedance-1-0-lite-t2v-250428", first_frame=IMG)),
    ("first_frame", dict(model="doubao-seedance-1-0-lite-i2v-250428")),
    ("reference_images", dict(reference_images=(IMG,))),
    ("reference_images", dict(model="dreamina-seedance-2-0-260128", duration=5,
                              reference_images=(IMG,) * 10)),
    ("reference_images", dict(model="doubao-seedance-1-0-lite-i2v-250428",
                              reference_images=(IMG,), first_frame=IMG)),
    ("generate_audio", dict(generate_audio=True)),
    ("service_tier", dict(model="dreamina-seedance-2-0-fast-260128", duration=5,
                          service_tier="flex")),
    ("execution_expires_after", dict(execution_expires_after=60)),
    ("model", dict(model="ep-20260101-abc")),
])
def test_out_of_range_is_refused_before_any_request(ark_factory, make_client, tmp_path,
                                                     field, kw):
    ark = ark_factory()
    with pytest.raises(LimitError) as e:
        make_client(ark).submit(small(**kw), MemoryLedger(), tmp_path / "a.mp4")
    assert e.value.field == field and str(e.value).startswith(field + ":")
    assert "\n" not in str(e.value)
    assert ark.api_calls == []  # the emulator saw nothing


def test_in_range_requests_pass_every_model():
    from onecrew.render.seedance import check
    check(small(model="seedance-1-0-pro-250528", frames=29, duration=None))
    check(small(model="doubao-seedance-1-0-lite-i2v-250428", prompt="",
                reference_images=(IMG,) * 4))
    check(small(model="seedance-1-5-pro-251215", duration=12, generate_audio=True,
                first_frame=IMG, last_frame=IMG, resolution="1080p"))
    check(small(model="dreamina-seedance-2-0-260128", duration=15, reference_images=(IMG,) * 9,
                generate_audio=True, ratio="adaptive"))
    check(VideoRequest(model="ep-1", family="2.0-fast", prompt="x", duration=4))


def test_model_ids_name_their_family():
    assert spec_for(PRO).family == "1.0-pro"
    assert spec_for("seedance-1-0-pro-fast-251015").family == "1.0-pro-fast"
    assert spec_for("doubao-seedance-1-0-lite-t2v-250428").family == "1.0-lite-t2v"
    assert spec_for("dreamina-seedance-2-0-fast-260128").family == "2.0-fast"
    assert spec_for("doubao-seedance-2-0-260128").family == "2.0"
    assert spec_for("doubao-seedance-1-0-lite-i2v-250428").concurrency == 5


def test_the_documented_token_formula_and_prices():
    assert tokens(1920, 1088, 5) == 244_800  # LIBRARIES.md: 5 s of 1080p
    e = estimate(small(resolution="1080p", duration=5))
    assert e.tokens == 244_800 and e.price == pytest.approx(0.612) and e.unconfirmed
    flex = estimate(small(resolution="1080p", duration=5, service_tier="flex"))
    assert flex.price == pytest.approx(0.306)
    assert estimate(small(frames=121, duration=None, resolution="480p")).tokens == \
        tokens(864, 480, 121 / 24)
    two = small(model="dreamina-seedance-2-0-260128", duration=5)
    assert estimate(two).price is None                          # no confirmed price
    assert estimate(two, prices={"2.0": 2.0}).price == pytest.approx(
        tokens(864, 480, 5) * 2.0 / 1e6, abs=1e-4)
    audio = small(model="seedance-1-5-pro-251215", duration=5, generate_audio=True)
    assert estimate(audio).price == pytest.approx(2 * estimate(
        small(model="seedance-1-5-pro-251215", duration=5)).price, rel=1e-3)
