"""The built-in previs backend: determinism, likeness, performance, sets, camera and passes."""

from __future__ import annotations

import hashlib
import inspect
import itertools

import av
import numpy as np
import pytest

import onecrew

from onecrew.model.cast import Character, Look, Outfit, Voice
from onecrew.model.colors import to_hex
from onecrew.model.storyboard import Blocking, FilmSet, Shot
from onecrew.model.vocab import (Action, Angle, CameraMove, Expression, Facing, IntExt, LocationKind, Plane,
                                 ScreenPosition, ShotKind, ShotSize, TimeOfDay)
from onecrew.render.backend import Backend, Card, MouthKey, RenderContext, ShotRequest, Utterance, Viseme
from onecrew.render.previs import Previs, frames, plan, pose_keypoints, still

W, H = 320, 180


def person(cid: str, top: str = "crimson", hair: str = "bob", gender: str = "female", bottom: str = "charcoal",
           accessory: str = "") -> Character:
    return Character(
        id=cid, name=cid.title(),
        look=Look(gender=gender, age="adult", height="average", build="average", skin="skin-2", hair_color="brown",
                  hair_style=hair, eye_color="eye-green",
                  outfit=Outfit(top="sweater", top_color=top, bottom="trousers", bottom_color=bottom,
                                accessory=accessory)),
        voice=Voice(gender="female" if gender == "female" else "male", age="adult", pitch=0.0, rate_wpm=150, variant=0),
        seed=7)


ANA = person("ana", top="crimson")
BEN = person("ben", top="purple", hair="short", gender="male")
PARK = FilmSet(id="park-day", name="PARK", kind=LocationKind.PARK, int_ext=IntExt.EXT, time=TimeOfDay.DAY)


def request(size=ShotSize.MS, blocking=(), cast=(ANA,), film_set=PARK, move=CameraMove.STATIC, angle=Angle.EYE_LEVEL,
            duration=24, seed=1, speech=(), prop=None, subject=None, width=W, height=H, fps=24) -> ShotRequest:
    if not blocking:
        blocking = tuple(Blocking(character=c.id, action=Action.IDLE) for c in cast)
    shot = Shot(id="1A", kind=ShotKind.SINGLE, size=size, angle=angle, move=move, duration=duration,
                subject=subject if subject is not None else tuple(b.character for b in blocking),
                in_frame=tuple(blocking), prop=prop, seed=seed)
    return ShotRequest(shot=shot, film_set=film_set, cast=tuple(cast), speech=tuple(speech), fps=fps, width=width,
                       height=height, seed=seed)


def digest(req: ShotRequest) -> str:
    h = hashlib.sha256()
    for f in frames(req):
        h.update(f.tobytes())
    return h.hexdigest()


def rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def count(frame: np.ndarray, color: tuple[int, int, int]) -> int:
    return int(np.all(frame[..., :3] == np.array(color, np.uint8), axis=-1).sum())


def region(frame: np.ndarray, x: float, y: float, r: int) -> np.ndarray:
    xi, yi = int(round(x)), int(round(y))
    return frame[max(0, yi - r):yi + r, max(0, xi - r):xi + r, :3].astype(int)


# -- the contract ---------------------------------------------------------------------------------
def test_implements_the_backend_protocol():
    b = Previs()
    assert isinstance(b, Backend)
    assert (b.name, b.version) == ("previs", onecrew.__version__)
    assert b.capabilities.writes_passes


def test_frames_stream_rgba_of_the_requested_size():
    req = request(duration=5)
    it = frames(req)
    assert inspect.isgenerator(it)
    got = [f.copy() for f in it]
    assert len(got) == 5
    assert got[0].shape == (H, W, 4) and got[0].dtype == np.uint8
    assert (got[0][..., 3] == 255).all()


def test_same_request_same_bytes_and_seed_or_shot_changes_them():
    req = request(blocking=(Blocking(character="ana", action=Action.TALK),), duration=48, move=CameraMove.HANDHELD)
    assert digest(req) == digest(req)
    assert digest(req) != digest(request(blocking=(Blocking(character="ana", action=Action.TALK),), duration=48,
                                         move=CameraMove.HANDHELD, seed=2))
    assert digest(req) != digest(request(blocking=(Blocking(character="ana", action=Action.TALK),), duration=48,
                                         move=CameraMove.HANDHELD, size=ShotSize.CU))


def test_still_matches_the_stream_and_is_a_fresh_array():
    req = request(blocking=(Blocking(character="ana", action=Action.WAVE),), duration=20)
    stream = [f.copy() for f in frames(req)]
    s = still(req, 13)
    assert np.array_equal(s, stream[13])
    s[:] = 0
    assert not np.array_equal(still(req, 13), s)


# -- characters -----------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [ShotSize.CU, ShotSize.MCU, ShotSize.MS, ShotSize.FS, ShotSize.TWO_SHOT,
                                  ShotSize.WS, ShotSize.EWS])
def test_each_characters_top_colour_shows_at_every_size(size):
    both = size in (ShotSize.FS, ShotSize.TWO_SHOT, ShotSize.WS, ShotSize.EWS)
    blocking = (Blocking(character="ana", position=ScreenPosition.CENTER_LEFT if both else ScreenPosition.CENTER),)
    cast = (ANA,)
    if both:
        blocking += (Blocking(character="ben", position=ScreenPosition.CENTER_RIGHT),)
        cast = (ANA, BEN)
    f = still(request(size=size, blocking=blocking, cast=cast, width=640, height=360), 0)
    empty = still(request(size=size, blocking=(), cast=(), width=640, height=360), 0)
    for c in cast:
        color = rgb(to_hex(c.look.outfit.top_color))
        assert count(f, color) > 0, f"{c.id}'s {c.look.outfit.top_color} top is missing from the {size} shot"
        assert count(empty, color) == 0
    assert rgb(to_hex(ANA.look.outfit.top_color)) != rgb(to_hex(BEN.look.outfit.top_color))


def test_facing_changes_the_view():
    def shot(facing):
        return still(request(size=ShotSize.MCU, blocking=(Blocking(character="ana", facing=facing),)), 0)
    front, profile, away = shot(Facing.CAMERA), shot(Facing.RIGHT), shot(Facing.AWAY)
    assert not np.array_equal(front, profile)
    assert not np.array_equal(front, away)
    assert not np.array_equal(profile, away)


def test_expressions_change_the_face():
    faces = {}
    for e in Expression:
        req = request(size=ShotSize.CU, blocking=(Blocking(character="ana", expression=e),))
        kp = pose_keypoints(req, 0)["ana"]
        faces[e] = region(still(req, 0), kp[0, 0], kp[0, 1], 40)
    for a, b in itertools.combinations(Expression, 2):
        assert not np.array_equal(faces[a], faces[b]), f"{a} and {b} look the same"


def test_mouth_takes_the_viseme_during_an_utterance_only():
    def frame(shape, i):
        speech = (Utterance(character="ana", line="l1", start=4, end=10, mouth=(MouthKey(frame=4, shape=shape),)),)
        req = request(size=ShotSize.CU, speech=speech, duration=12)
        kp = pose_keypoints(req, i)["ana"]
        mouth = kp[0, 1] + (kp[0, 1] - kp[14, 1]) * 0.9  # below the nose, as far again as the eyes are above
        return region(still(req, i), kp[0, 0], mouth, 14)
    assert not np.array_equal(frame(Viseme.AI, 6), frame(Viseme.MBP, 6))
    assert not np.array_equal(frame(Viseme.O, 6), frame(Viseme.EE, 6))
    assert np.array_equal(frame(Viseme.AI, 1), frame(Viseme.MBP, 1))  # before the line: the expression's mouth


def test_eyes_blink_every_few_seconds():
    req = request(size=ShotSize.CU, duration=24 * 8, width=640, height=360)
    white = [count(f, (250, 250, 248)) for f in frames(req)]
    assert max(white) > 30
    shut = [i for i, w in enumerate(white) if w < 0.2 * max(white)]
    assert shut, "no blink in 8 seconds"
    starts = [i for i in shut if i - 1 not in shut]
    assert 2 <= len(starts) <= 5
    assert all(1 <= len([j for j in shut if s <= j < s + 6]) <= 4 for s in starts)


def test_every_action_does_something_of_its_own():
    seen = {}
    for a in Action:
        req = request(size=ShotSize.FS, blocking=(Blocking(character="ana", action=a),), duration=48)
        f = still(req, 30)
        seen[a] = hashlib.sha256(f.tobytes()).hexdigest()
    assert len(set(seen.values())) == len(Action)


def test_no_action_means_idle():
    none = request(blocking=(Blocking(character="ana", action=None),), duration=16)
    idle = request(blocking=(Blocking(character="ana", action=Action.IDLE),), duration=16)
    assert digest(none) == digest(idle)


def test_look_at_turns_the_head_toward_the_other():
    def head(looking):
        blocking = (Blocking(character="ana", position=ScreenPosition.CENTER_LEFT, action=Action.LOOK_AT,
                             looking_at=looking),
                    Blocking(character="ben", position=ScreenPosition.CENTER_RIGHT))
        kp = pose_keypoints(request(size=ShotSize.TWO_SHOT, blocking=blocking, cast=(ANA, BEN)), 0)["ana"]
        return kp[0, 0] - kp[1, 0]  # nose relative to neck
    assert head("ben") > head(None) + 1


# -- sets and camera ------------------------------------------------------------------------------
def test_every_set_and_time_of_day_renders_and_differs():
    seen = set()
    for kind, time in itertools.product(LocationKind, TimeOfDay):
        for ie in (IntExt.EXT, IntExt.INT):
            fs = FilmSet(id=f"{kind.value}-{ie.value}", name=kind.value.upper(), kind=kind, int_ext=ie, time=time)
            f = still(request(size=ShotSize.WS, blocking=(), cast=(), film_set=fs, width=160, height=90), 0)
            seen.add(hashlib.sha256(f.tobytes()).hexdigest())
    assert len(seen) == len(LocationKind) * len(TimeOfDay) * 2


@pytest.mark.parametrize("move", [m for m in CameraMove if m != CameraMove.STATIC])
def test_camera_moves_change_the_picture_over_time(move):
    req = request(size=ShotSize.WS, blocking=(), cast=(), move=move, duration=24)
    got = [f.copy() for f in frames(req)]
    assert not np.array_equal(got[0], got[-1])


def test_a_static_camera_on_an_empty_set_holds_still():
    got = [f.copy() for f in frames(request(size=ShotSize.WS, blocking=(), cast=(), duration=12))]
    assert all(np.array_equal(got[0], g) for g in got)


def test_truck_moves_near_things_more_than_far_ones():
    """Parallax: under a truck the ground at the bottom slides further than the skyline."""
    fs = FilmSet(id="st", name="STREET", kind=LocationKind.STREET, int_ext=IntExt.EXT, time=TimeOfDay.DAY)
    req = request(size=ShotSize.WS, blocking=(), cast=(), film_set=fs, move=CameraMove.TRUCK_RIGHT, duration=24,
                  width=640, height=360)
    p = plan(req)
    v0, v1 = p.cam.view(0, 24), p.cam.view(23, 24)
    near = p.cam.project(0.0, 0.0, p.cam.zs, v1)[0] - p.cam.project(0.0, 0.0, p.cam.zs, v0)[0]
    far = p.cam.project(0.0, 0.0, p.cam.zs + 500, v1)[0] - p.cam.project(0.0, 0.0, p.cam.zs + 500, v0)[0]
    assert abs(near) > 5 * abs(far) > 0


@pytest.mark.parametrize("angle", [Angle.HIGH, Angle.LOW, Angle.OVERHEAD, Angle.DUTCH])
def test_angles_differ_from_eye_level(angle):
    blocking = (Blocking(character="ana"),)
    level = still(request(size=ShotSize.FS, blocking=blocking), 0)
    assert not np.array_equal(still(request(size=ShotSize.FS, blocking=blocking, angle=angle), 0), level)


def test_ots_shows_the_listener_big_in_the_foreground():
    blocking = (Blocking(character="ben", position=ScreenPosition.RIGHT, plane=Plane.FOREGROUND, facing=Facing.LEFT,
                         action=Action.LISTEN, looking_at="ana"),
                Blocking(character="ana", position=ScreenPosition.CENTER_LEFT, facing=Facing.THREE_QUARTER_RIGHT,
                         action=Action.TALK, looking_at="ben"))
    req = request(size=ShotSize.OTS, blocking=blocking, cast=(BEN, ANA), subject=("ana",))
    kp = pose_keypoints(req, 0)
    assert kp["ben"][1, 0] > W * 0.7  # the listener's neck on the right edge
    assert W * 0.2 < kp["ana"][1, 0] < W * 0.55
    ben_scale = abs(kp["ben"][2, 0] - kp["ben"][5, 0]) + abs(kp["ben"][1, 1] - kp["ben"][8, 1])
    ana_scale = abs(kp["ana"][2, 0] - kp["ana"][5, 0]) + abs(kp["ana"][1, 1] - kp["ana"][8, 1])
    assert ben_scale > ana_scale


def test_insert_draws_the_prop_by_name():
    def insert(prop):
        return still(request(size=ShotSize.INSERT, blocking=(), cast=(), prop=prop), 0)
    phone, mug, thing = insert("phone"), insert("chipped mug"), insert("mysterious orb")
    assert not np.array_equal(phone, mug)
    assert not np.array_equal(mug, thing)


# -- pose, passes, cards --------------------------------------------------------------------------
def test_pose_keypoints_lie_in_frame_and_follow_the_character():
    def kps(pos):
        return pose_keypoints(request(size=ShotSize.FS, blocking=(Blocking(character="ana", position=pos),)), 0)["ana"]
    left, right = kps(ScreenPosition.LEFT), kps(ScreenPosition.RIGHT)
    for kp in (left, right):
        assert kp.shape == (18, 3)
        body = kp[:14]
        assert (body[1:, 2] == 1).all()
        assert (body[1:, 0] >= 0).all() and (body[1:, 0] < W).all()
        assert (body[1:, 1] >= 0).all() and (body[1:, 1] < H).all()
        assert kp[1, 1] < kp[8, 1] < kp[9, 1] < kp[10, 1]  # neck above hip above knee above ankle
    assert left[1:14, 0].mean() < W * 0.35 < W * 0.65 < right[1:14, 0].mean()
    assert left[[14, 15], 2].all()  # facing the camera: both eyes


def test_render_writes_the_clip_and_aligned_passes(tmp_path):
    blocking = (Blocking(character="ana", position=ScreenPosition.CENTER_LEFT, action=Action.WAVE),
                Blocking(character="ben", position=ScreenPosition.CENTER_RIGHT, action=Action.TALK))
    req = request(size=ShotSize.FS, blocking=blocking, cast=(ANA, BEN), duration=17)
    done = []
    art = Previs().render(req, RenderContext(work_dir=tmp_path, passes=("pose", "mask", "depth"), progress=done.append))
    assert art.video == tmp_path / "1A.mp4" and art.frames == 17
    assert set(art.passes) == {"pose", "mask-ana", "mask-ben", "depth"}
    assert art.passes["mask-ana"] == tmp_path / "1A.mask-ana.mp4"
    assert done and done[-1] == 17 and done == sorted(done)
    for path in [art.video, *art.passes.values()]:
        with av.open(str(path)) as f:
            got = [fr for fr in f.decode(video=0)]
        assert len(got) == 17, path
        assert (got[0].width, got[0].height) == (W, H)
    with av.open(str(art.passes["mask-ana"])) as f:
        m = next(iter(f.decode(video=0))).to_ndarray(format="gray")
    xs = np.nonzero(m > 128)[1]
    assert len(xs) > 100 and xs.mean() < W / 2  # ana is on the left
    with av.open(str(art.passes["depth"])) as f:
        d = next(iter(f.decode(video=0))).to_ndarray(format="gray")
    assert d[0:5].mean() < 30 and d[-5:].mean() > d[H // 3].mean()  # sky black, ground near bright
    with av.open(str(art.passes["pose"])) as f:
        p = next(iter(f.decode(video=0))).to_ndarray(format="rgb24")
    assert (p.sum(axis=-1) > 200).sum() > 100


def test_card_shows_centred_text_fading_in():
    shot = Shot(id="T", kind=ShotKind.ESTABLISHING, size=ShotSize.WS, duration=48, seed=0)
    req = ShotRequest(shot=shot, card=Card(title="The Lighthouse", subtitle="a film"), fps=24, width=W, height=H, seed=0)
    got = [f.copy() for f in frames(req)]
    mid = got[24]
    lit = mid[..., :3].max(axis=-1) > 128
    assert lit.sum() > 200
    ys, xs = np.nonzero(lit)
    assert abs(xs.mean() - W / 2) < W * 0.1 and abs(ys.mean() - H / 2) < H * 0.2
    assert got[0][..., :3].astype(int).sum() < mid[..., :3].astype(int).sum()
    assert (mid[:5, :, :3] == 0).all()
