"""The performance library: for every `Action`, a pose as a function of time.

Each action builds on the rest pose with keyed poses, loops and easing; hands that must reach
something (a cup to the mouth, a phone to the ear, a camera to the eye) are placed with a
two-bone IK. Everything random (sway phase, which hand gestures) comes from the per-character
seed the scene derives from the request's seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...model.vocab import Action
from . import props as pr
from . import rig
from .rig import (DX, DY, DZ, H_PITCH, H_ROLL, H_YAW, LA, LL, PITCH, RA, RL, ROLL, SEAT, SP_PITCH,
                  SP_ROLL, SP_YAW, YAW, Body)
from .style import ease

TAU = 2 * math.pi


@dataclass
class Ctx:
    """What an action needs to know besides the time."""

    body: Body
    fps: int
    frames: int
    phase: float  # 0..1, per character, from the seed
    hand: int  # 1 = left hand leads, -1 = right
    facing_yaw: float  # the blocking's yaw, degrees
    target_yaw: float | None = None  # world yaw toward whom they look at (or act on)
    target_dist: float | None = None  # metres to that character, along x
    mutual: bool = False  # the target does the same thing back (hug, kiss)
    travel: float = 1.0  # how far (metres) a walk may carry them in this shot
    seated: bool = False  # in a car: always sitting
    speaking: bool = False
    prop: str | None = None  # what they hold or hand over, when the shot names it


@dataclass
class Performance:
    pose: np.ndarray
    yaw: float  # body yaw for this frame, degrees
    held: list[tuple[str, int, dict]] = field(default_factory=list)  # (prop, hand side, params)
    laugh: bool = False
    tears: bool = False
    eyes_closed: bool = False
    pucker: bool = False
    chew: bool = False
    gaze_down: bool = False
    look: bool = True  # head and eyes may turn toward the target


def _set_arm(p: np.ndarray, k: int, upper: tuple[float, float], fore: tuple[float, float]) -> None:
    p[k], p[k + 1], p[k + 2], p[k + 3] = upper[0], upper[1], fore[0], fore[1]


def _angles(v: np.ndarray, side: float) -> tuple[float, float]:
    v = v / max(1e-9, float(np.linalg.norm(v)))
    el = math.degrees(math.asin(max(-1.0, min(1.0, float(v[1])))))
    az = math.degrees(math.atan2(side * float(v[0]), float(v[2])))
    return el, az


def reach(p: np.ndarray, b: Body, side: int, target: tuple[float, float, float],
          pole: tuple[float, float, float] = (0.4, -1.0, -0.2)) -> None:
    """Put one hand at `target` (chest coordinates: metres from the base of the neck, x to the
    character's left, y up, z forward); the elbow bends toward `pole` (x mirrored per side)."""
    s = np.array([side * b.shoulder_w, -0.025 * b.height, 0.0])
    g = np.array(target, dtype=float)
    a, c = b.upper_arm, b.forearm * 0.92
    d = g - s
    dist = float(np.linalg.norm(d))
    dist = min(max(dist, abs(a - c) + 1e-3), a + c - 1e-3)
    u = d / max(1e-9, float(np.linalg.norm(d)))
    pv = np.array([side * pole[0], pole[1], pole[2]], dtype=float)
    w = pv - u * float(pv @ u)
    if np.linalg.norm(w) < 1e-6:
        w = np.array([0.0, -1.0, 0.0]) - u * (-u[1])
    w /= np.linalg.norm(w)
    cos_a = (a * a + dist * dist - c * c) / (2 * a * dist)
    sin_a = math.sqrt(max(0.0, 1 - cos_a * cos_a))
    elbow = s + a * (cos_a * u + sin_a * w)
    hand = s + u * dist
    k = LA if side > 0 else RA
    _set_arm(p, k, _angles(elbow - s, side), _angles(hand - elbow, side))


def _pose(**kw) -> np.ndarray:
    p = rig.REST.copy()
    names = {"dx": DX, "dy": DY, "dz": DZ, "yaw": YAW, "roll": ROLL, "pitch": PITCH, "sp_pitch": SP_PITCH,
             "sp_roll": SP_ROLL, "sp_yaw": SP_YAW, "h_yaw": H_YAW, "h_pitch": H_PITCH, "h_roll": H_ROLL, "seat": SEAT}
    for k, v in kw.items():
        if k in ("la", "ra", "ll", "rl"):
            i = {"la": LA, "ra": RA, "ll": LL, "rl": RL}[k]
            p[i:i + 4] = v
        else:
            p[names[k]] = v
    return p


SEATED_LEGS = ((-3, 8, -92, 0), (-3, 8, -92, 0))


def _seated(p: np.ndarray) -> np.ndarray:
    p[LL:LL + 4] = SEATED_LEGS[0]
    p[RL:RL + 4] = SEATED_LEGS[1]
    p[SEAT] = 1.0
    return p


def _keys(t: float, keys: list[tuple[float, np.ndarray]]) -> np.ndarray:
    """Interpolate key poses with ease-in-out between keys."""
    if t <= keys[0][0]:
        return keys[0][1].copy()
    for (t0, a), (t1, b) in zip(keys, keys[1:]):
        if t <= t1:
            return a + (b - a) * ease((t - t0) / max(1e-6, t1 - t0))
    return keys[-1][1].copy()


def _sway(p: np.ndarray, t: float, ph: float, k: float = 1.0) -> np.ndarray:
    """Breathing and weight shift: nothing alive stands perfectly still."""
    a = TAU * ph
    p[SP_PITCH] += k * 1.0 * math.sin(TAU * t / 3.6 + a)
    p[SP_ROLL] += k * 1.3 * math.sin(TAU * t / 5.2 + 2 * a)
    p[H_YAW] += k * 3.0 * math.sin(TAU * t / 6.8 + 3 * a)
    p[H_ROLL] += k * 1.5 * math.sin(TAU * t / 4.4 + a)
    p[H_PITCH] += k * 1.2 * math.sin(TAU * t / 3.1 + 5 * a)
    p[LA] += k * 1.5 * math.sin(TAU * t / 3.6 + a)
    p[RA] += k * 1.5 * math.sin(TAU * t / 3.6 + a + 0.5)
    p[DX] += k * 0.008 * math.sin(TAU * t / 5.2 + 2 * a)
    return p


def _chest(b: Body, x: float, y: float, z: float, side: int = 1) -> tuple[float, float, float]:
    """A point given in body heights from the neck base, mirrored by side."""
    h = b.height
    return (side * x * h, y * h, z * h)


def _mouth(b: Body) -> tuple[float, float, float]:
    return (0.0, b.neck_len + b.head_r * 0.55, b.head_w * 0.95 + 0.03)


def _walk(t: float, period: float, stride: float, knee: float, arm: float, ph: float, run: bool) -> np.ndarray:
    f = TAU * (t / period + ph)
    p = _pose()
    for side, k, off in ((1, LL, 0.0), (-1, RL, math.pi)):
        s = math.sin(f + off)
        c = math.cos(f + off)
        thigh = -90 + stride * s
        bend = knee * max(0.0, c) ** 1.5 + 6
        p[k:k + 4] = (thigh, 0, thigh - bend, 0)
    for side, k, off in ((1, LA, math.pi), (-1, RA, 0.0)):
        s = math.sin(f + off)
        up = -90 + arm * s
        fore = up + (80 if run else 14 + 8 * s)
        p[k:k + 4] = (up, 6 if run else 10, fore, 0 if run else 10)
    p[DY] = (0.035 if run else 0.012) * abs(math.sin(f))
    p[SP_PITCH] = 11 if run else 3
    p[SP_YAW] = (9 if run else 5) * math.sin(f)
    p[H_YAW] = -0.6 * p[SP_YAW]
    return p


def perform(action: Action | None, t: float, ctx: Ctx) -> Performance:
    """The pose of one character `t` seconds into the shot."""
    a = action or Action.IDLE
    fn = _ACTIONS.get(a, _idle)
    perf = fn(t, ctx)
    if ctx.seated:
        perf.pose = _seated(perf.pose)
        perf.pose[DX] = perf.pose[DZ] = perf.pose[ROLL] = perf.pose[PITCH] = 0.0
        perf.pose[DY] = min(perf.pose[DY], 0.01)
    return perf


def _perf(p: np.ndarray, ctx: Ctx, **kw) -> Performance:
    return Performance(p, ctx.facing_yaw + float(p[YAW]), **kw)


def _idle(t: float, ctx: Ctx) -> Performance:
    return _perf(_sway(_pose(), t, ctx.phase), ctx)


def _talk(t: float, ctx: Ctx) -> Performance:
    b, ph = ctx.body, ctx.phase
    p = _sway(_pose(), t, ph)
    # the leading hand gestures on the beat of the words; hands trade over every few seconds
    lead = 0.5 + 0.5 * math.sin(TAU * (t / 7.0 + ph))
    beat = math.sin(TAU * (1.4 * t + ph)) * (1.0 if ctx.speaking else 0.4)
    for side, w in ((ctx.hand, lead), (-ctx.hand, 1 - lead)):
        g = p.copy()
        reach(g, b, side, _chest(b, 0.08 + 0.03 * beat, -0.22 + 0.03 * beat, 0.13 + 0.02 * beat, side))
        k = LA if side > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * ease(w * 1.2)
    p[H_PITCH] += 3.5 * math.sin(TAU * 1.8 * t + ph) * (1.0 if ctx.speaking else 0.3)
    p[H_ROLL] += 3 * math.sin(TAU * t / 2.7 + ph)
    return _perf(p, ctx)


def _listen(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _sway(_pose(), t, ctx.phase, 0.7)
    reach(p, b, 1, _chest(b, 0.02, -0.3, 0.12, 1), pole=(1.0, -0.6, -0.4))
    reach(p, b, -1, _chest(b, 0.02, -0.3, 0.13, -1), pole=(1.0, -0.6, -0.4))
    nod = max(0.0, math.sin(TAU * (t / 2.6 + ctx.phase))) ** 6
    p[H_PITCH] += 7 * nod
    p[H_ROLL] += 6
    return _perf(p, ctx)


def _walk_travel(t: float, ctx: Ctx, speed: float) -> float:
    T = ctx.frames / ctx.fps
    span = min(speed * T, ctx.travel)
    return span * (t / max(T, 1e-6) - 0.5)


def _direction(ctx: Ctx) -> tuple[float, float]:
    r = math.radians(ctx.facing_yaw)
    return math.sin(r), -math.cos(r)  # world x, depth per metre walked


def _travel(t: float, ctx: Ctx, stride: tuple, running: bool, speed: float) -> Performance:
    """A gait (`_walk` with its stride period and swings) carried along the facing direction."""
    p = _walk(t, *stride, ctx.phase, running)
    d = _walk_travel(t, ctx, speed)
    dx, dz = _direction(ctx)
    p[DX], p[DZ] = d * dx, d * dz
    return _perf(p, ctx)


def _walk_action(t: float, ctx: Ctx) -> Performance:
    return _travel(t, ctx, (1.06, 24, 34, 20), False, 1.3)


def _run(t: float, ctx: Ctx) -> Performance:
    return _travel(t, ctx, (0.66, 42, 95, 38), True, 3.6)


def _turn(t: float, ctx: Ctx) -> Performance:
    T = ctx.frames / ctx.fps
    t0 = min(0.35 * T, 1.0)
    body = 165 * (1 - ease((t - t0) / 0.9))
    head = 165 * (1 - ease((t - t0 + 0.18) / 0.8))
    p = _sway(_pose(), t, ctx.phase)
    p[YAW] = body
    p[H_YAW] += head - body
    step = math.sin(math.pi * min(1.0, max(0.0, (t - t0) / 0.9)))
    p[LL] += 12 * step
    p[LL + 2] += 4 * step
    return _perf(p, ctx, look=False)


def _sit_pose(b: Body) -> np.ndarray:
    p = _seated(_pose(sp_pitch=-4))
    reach(p, b, 1, _chest(b, 0.08, -0.27, 0.17, 1))
    reach(p, b, -1, _chest(b, 0.08, -0.27, 0.17, -1))
    return p


def _sit(t: float, ctx: Ctx) -> Performance:
    stand = _pose()
    stand[SEAT] = 1.0
    mid = _seated(_pose(sp_pitch=28))
    mid[LL:LL + 4] = (-45, 8, -110, 0)
    mid[RL:RL + 4] = (-45, 8, -110, 0)
    sit = _sit_pose(ctx.body)
    p = _keys(t, [(0.25, stand), (0.75, mid), (1.3, sit)])
    return _perf(_sway(p, t, ctx.phase, 0.6), ctx)


def _stand_up(t: float, ctx: Ctx) -> Performance:
    sit = _sit_pose(ctx.body)
    mid = _seated(_pose(sp_pitch=30))
    mid[LL:LL + 4] = (-50, 8, -112, 0)
    mid[RL:RL + 4] = (-50, 8, -112, 0)
    stand = _pose()
    stand[SEAT] = 1.0
    p = _keys(t, [(0.4, sit), (0.95, mid), (1.6, stand)])
    return _perf(_sway(p, t, ctx.phase, 0.6), ctx)


def _side_toward_target(ctx: Ctx) -> int:
    """Which hand is on the target's side: +1 the left hand."""
    if ctx.target_yaw is None:
        return ctx.hand
    rel = ((ctx.target_yaw - ctx.facing_yaw + 180) % 360) - 180
    return 1 if rel > 0 else -1


def _wave(t: float, ctx: Ctx) -> Performance:
    p = _sway(_pose(), t, ctx.phase)
    side = _side_toward_target(ctx)
    k = LA if side > 0 else RA
    up = ease(t / 0.4)
    wag = math.sin(TAU * 2.3 * t)
    raised = (25, 85, 78, 75 + 28 * wag)
    p[k:k + 4] = p[k:k + 4] + (np.array(raised) - p[k:k + 4]) * up
    p[H_ROLL] += 6 * side
    return _perf(p, ctx)


def _point(t: float, ctx: Ctx) -> Performance:
    p = _sway(_pose(), t, ctx.phase, 0.5)
    side = _side_toward_target(ctx)
    rel = 0.0 if ctx.target_yaw is None else ((ctx.target_yaw - ctx.facing_yaw + 180) % 360) - 180
    # pointing direction in body space, azimuth measured toward that hand's side
    az = max(-20.0, min(110.0, abs(rel) if ctx.target_yaw is not None else 25.0))
    k = LA if side > 0 else RA
    up = ease((t - 0.1) / 0.45)
    arm = (6, az, 8, az)
    p[k:k + 4] = p[k:k + 4] + (np.array(arm) - p[k:k + 4]) * up
    p[SP_YAW] += 8 * side * up
    return _perf(p, ctx)


def _pose_action(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _pose(sp_roll=4, h_pitch=-8, h_roll=-7)
    side = ctx.hand
    reach(p, b, side, (side * (b.hips_hw + 0.01), -b.torso_len * 0.82, 0.02), pole=(1.0, 0.0, -0.2))
    k = RA if side > 0 else LA
    p[k:k + 4] = (55, 70, 75, 40)
    leg = RL if side > 0 else LL
    p[leg:leg + 4] = (-78, 20, -104, 10)
    bounce = 0.5 + 0.5 * math.sin(TAU * t / 1.6 + ctx.phase)
    p[SP_ROLL] += 2 * bounce
    return _perf(_sway(p, t, ctx.phase, 0.4), ctx, look=False)


def _take_photo(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _pose(h_pitch=2)
    raise_ = ease((t - 0.1) / 0.5)
    click = max(0.0, 1 - abs(t - 1.0) / 0.12)  # the shutter: a small dip of the camera
    eye_y = b.neck_len + b.head_r * 0.95 - 0.01 * click
    z = b.head_w + 0.13
    for side in (1, -1):
        g = _pose()
        reach(g, b, side, (side * 0.075, eye_y, z), pole=(1.0, -0.6, -0.3))
        k = LA if side > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * raise_
    p[SP_ROLL] += 2 * math.sin(TAU * t / 3 + ctx.phase)
    held = [("camera", 0, {"at": (0.0, eye_y, z), "raise": raise_})] if raise_ > 0.5 else \
        [("camera", -1, {})]
    return _perf(p, ctx, held=held, look=False)


def _look_at(t: float, ctx: Ctx) -> Performance:
    p = _sway(_pose(), t, ctx.phase, 0.8)
    if ctx.target_yaw is None:  # someone off screen: a slow look from one side to the other
        p[H_YAW] += 40 * math.sin(TAU * (t / 5.0 + ctx.phase)) * ease(t / 0.6)
    p[SP_PITCH] += 3
    return _perf(p, ctx)


def _laugh(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    shake = math.sin(TAU * 4.6 * t)
    p = _pose(sp_pitch=-7 + 3 * shake, h_pitch=-14 + 2 * shake)
    p[DY] = 0.008 * abs(shake)
    reach(p, b, ctx.hand, _chest(b, 0.02, -0.36, 0.14, ctx.hand))
    return _perf(_sway(p, t, ctx.phase, 0.5), ctx, laugh=True, look=False)


def _cry(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    sob = math.sin(TAU * 3.2 * t) * (0.5 + 0.5 * math.sin(TAU * t / 2.3))
    p = _pose(sp_pitch=12 + 2 * sob, h_pitch=24, sp_roll=2 * sob)
    up = ease(t / 0.6)
    for side in (1, -1):
        g = _pose()
        reach(g, b, side, (side * 0.06, b.neck_len + b.head_r * 0.55, b.head_w + 0.05), pole=(1.0, -1.0, 0.0))
        k = LA if side > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * up * 0.85
    return _perf(p, ctx, tears=True, eyes_closed=True, look=False)


def _drink(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    cyc = (t / 3.4 + ctx.phase * 0.2) % 1.0
    lift = ease(cyc / 0.25) * (1 - ease((cyc - 0.7) / 0.25))
    low = _chest(b, 0.07, -0.28, 0.2, ctx.hand)
    m = _mouth(b)
    hi = (ctx.hand * 0.02, m[1] - 0.01, m[2] + 0.02)
    g = tuple(lo + (h - lo) * lift for lo, h in zip(low, hi))
    p = _sway(_pose(), t, ctx.phase, 0.6)
    reach(p, b, ctx.hand, g, pole=(1.0, -0.8, -0.3))
    p[H_PITCH] -= 14 * lift
    return _perf(p, ctx, held=[("cup", ctx.hand, {"tilt": lift})], look=lift < 0.3)


def _eat(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    cyc = (t / 2.2 + ctx.phase * 0.3) % 1.0
    lift = ease(cyc / 0.3) * (1 - ease((cyc - 0.5) / 0.3))
    low = _chest(b, 0.05, -0.33, 0.22, ctx.hand)
    m = _mouth(b)
    g = tuple(lo + (h - lo) * lift for lo, h in zip(low, (ctx.hand * 0.02, m[1] - 0.02, m[2] + 0.03)))
    p = _sway(_pose(h_pitch=6), t, ctx.phase, 0.6)
    reach(p, b, ctx.hand, g, pole=(1.0, -0.8, -0.3))
    reach(p, b, -ctx.hand, _chest(b, 0.06, -0.34, 0.2, -ctx.hand))
    chew = lift < 0.3 and cyc > 0.55
    return _perf(p, ctx, held=[("food", ctx.hand, {}), ("plate", -ctx.hand, {})], chew=chew)


def _approach(t: float, ctx: Ctx, contact: float) -> float:
    """How far to step toward the target (metres, signed along world x)."""
    if ctx.target_dist is None:
        return 0.0
    gap = abs(ctx.target_dist) - contact
    if gap <= 0:
        return 0.0
    step = gap / 2 if ctx.mutual else gap
    return math.copysign(step, ctx.target_dist) * ease(t / 0.9)


def _hug(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _pose(sp_pitch=6, h_roll=10)
    close = ease((t - 0.2) / 0.8)
    for side in (1, -1):
        g = _pose()
        reach(g, b, side, _chest(b, -0.03, -0.1, 0.2, side), pole=(1.0, 0.3, -0.5))
        k = LA if side > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * close
    p[DX] = _approach(t, ctx, 0.3 * b.height)
    sway = math.sin(TAU * t / 2.5)
    p[SP_ROLL] += 3 * sway * close
    return _perf(p, ctx, eyes_closed=close > 0.9)


def _kiss(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    lean = ease((t - 0.3) / 0.8)
    p = _pose(sp_pitch=10 * lean, h_roll=12 * lean, h_pitch=-4 * lean)
    for side in (1, -1):
        g = _pose()
        reach(g, b, side, _chest(b, 0.12, -0.06, 0.2, side), pole=(1.0, -0.5, -0.3))
        k = LA if side > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * lean
    p[DX] = _approach(t, ctx, 0.22 * b.height)
    return _perf(p, ctx, eyes_closed=lean > 0.8, pucker=lean > 0.5)


def _push(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    shove = ease((t - 0.45) / 0.18) * (1 - 0.3 * ease((t - 1.2) / 0.5))
    p = _pose(sp_pitch=4 + 14 * shove)
    for side in (1, -1):
        reach(p, b, side, _chest(b, 0.1, -0.12, 0.12 + 0.22 * shove, side), pole=(1.0, -0.8, -0.6))
    p[DX] = _approach(t, ctx, 0.38 * b.height) + math.copysign(0.12 * shove, math.sin(math.radians(ctx.facing_yaw)) or 1)
    p[LL:LL + 4] = (-80 + 14 * shove, 5, -92, 0)
    p[RL:RL + 4] = (-96 - 10 * shove, 5, -102 - 10 * shove, 0)
    return _perf(p, ctx)


def _punch(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _pose(sp_pitch=6, h_pitch=6)
    cyc = (t / 0.8) % 1.0
    n = int(t / 0.8)
    strike = max(0.0, 1 - abs(cyc - 0.3) / 0.16)
    hit_side = 1 if n % 2 else -1
    for side in (1, -1):
        ext = strike if side == hit_side else 0.0
        reach(p, b, side, _chest(b, 0.06 - 0.04 * ext, 0.02, 0.13 + 0.22 * ext, side), pole=(1.0, -1.0, -0.2))
    p[SP_YAW] = -16 * hit_side * strike
    p[LL:LL + 4] = (-76, 10, -100, 0)
    p[RL:RL + 4] = (-100, 10, -96, 0)
    p[DX] = _approach(t, ctx, 0.42 * b.height)
    return _perf(p, ctx)


def _dodge(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    duck = ease((t - 0.35) / 0.2) * (1 - ease((t - 1.5) / 0.5))
    side = -ctx.hand
    p = _pose(sp_roll=24 * side * duck, sp_pitch=16 * duck, h_roll=10 * side * duck)
    for leg in (LL, RL):
        p[leg:leg + 4] = (-90 + 42 * duck, 8, -90 - 50 * duck, 0)
    for s in (1, -1):
        g = _pose()
        reach(g, b, s, _chest(b, 0.04, 0.09, 0.1, s), pole=(1.0, -0.3, -0.2))
        k = LA if s > 0 else RA
        p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * duck
    p[DX] = -0.22 * side * duck
    return _perf(p, ctx)


def _fall(t: float, ctx: Ctx) -> Performance:
    stumble = ease((t - 0.15) / 0.35)
    down = ease((t - 0.45) / 0.55)
    profile = abs(math.sin(math.radians(ctx.facing_yaw))) > 0.7
    p = _pose(sp_pitch=-12 * stumble * (1 - down))
    flail = (40 + 20 * math.sin(TAU * 3 * t)) * stumble * (1 - 0.6 * down)
    p[LA:LA + 4] = (-80 + flail * 1.6, 80, -60 + flail * 1.4, 60)
    p[RA:RA + 4] = (-80 + flail * 1.3, 80, -60 + flail * 1.5, 60)
    if profile:
        p[PITCH] = -86 * down
    else:
        p[ROLL] = 86 * down * ctx.hand
    p[LL:LL + 4] = (-90 + 30 * down, 4, -90 - 20 * down, 0)
    return _perf(p, ctx, eyes_closed=down > 0.95, look=False)


def _book_hands(p: np.ndarray, b: Body, lift: float = 0.0) -> None:
    for side in (1, -1):
        reach(p, b, side, _chest(b, 0.06, -0.17 + lift, 0.17, side), pole=(1.0, -1.0, -0.2))


def _read(t: float, ctx: Ctx) -> Performance:
    p = _sway(_pose(h_pitch=24, sp_pitch=4), t, ctx.phase, 0.5)
    _book_hands(p, ctx.body)
    turn = max(0.0, 1 - abs(((t / 3.3 + ctx.phase) % 1.0) - 0.8) / 0.08)
    k = LA if ctx.hand > 0 else RA
    p[k + 2] += 25 * turn
    return _perf(p, ctx, held=[("book", 0, {"open": True, "turn": turn})], gaze_down=True, look=False)


def _write(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _sway(_pose(h_pitch=26, sp_pitch=8), t, ctx.phase, 0.4)
    reach(p, b, -ctx.hand, _chest(b, 0.03, -0.3, 0.2, -ctx.hand), pole=(1.0, -1.0, -0.2))
    sx = 0.025 * math.sin(TAU * 3.1 * t) + 0.03 * ((t / 1.4) % 1.0)
    sy = 0.008 * math.sin(TAU * 6.3 * t)
    reach(p, b, ctx.hand, (ctx.hand * (0.02 * b.height) - ctx.hand * sx, -0.29 * b.height + sy, 0.21 * b.height),
          pole=(1.0, -1.0, -0.3))
    return _perf(p, ctx, held=[("notepad", -ctx.hand, {}), ("pen", ctx.hand, {})], gaze_down=True, look=False)


def _phone(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _sway(_pose(h_roll=-9 * ctx.hand), t, ctx.phase)
    up = ease(t / 0.5)
    g = p.copy()
    reach(g, b, ctx.hand, (ctx.hand * (b.head_w + 0.015), b.neck_len + b.head_r * 0.85, 0.01), pole=(1.0, -1.0, 0.2))
    k = LA if ctx.hand > 0 else RA
    p[k:k + 4] = p[k:k + 4] + (g[k:k + 4] - p[k:k + 4]) * up
    reach(p, b, -ctx.hand, (-ctx.hand * (b.hips_hw + 0.01), -b.torso_len * 0.8, 0.03), pole=(1.0, 0.0, -0.2))
    return _perf(p, ctx, held=[("phone", ctx.hand, {"at_ear": up > 0.8})])


def _drive(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _seated(_pose(sp_pitch=-6))
    turn = math.radians(14 * math.sin(TAU * t / 4.5 + ctx.phase * TAU))
    cx, cy, cz, rad = 0.0, -0.2 * b.height, 0.26 * b.height, 0.1 * b.height
    for side in (1, -1):
        a = math.radians(200 if side < 0 else -20) + turn
        reach(p, b, side, (cx + rad * math.cos(a), cy + rad * math.sin(a) * 0.9, cz), pole=(1.0, -1.0, -0.3))
    return _perf(_sway(p, t, ctx.phase, 0.4), ctx, held=[("wheel", 0, {"at": (cx, cy, cz), "r": rad, "turn": turn})])


def _dance(t: float, ctx: Ctx) -> Performance:
    beat = TAU * 2.0 * t / 2  # two beats a second, a figure every two beats
    b = ctx.body
    p = _pose()
    s = math.sin(beat + ctx.phase * TAU)
    p[SP_ROLL] = 9 * s
    p[DY] = 0.025 * abs(math.sin(2 * beat))
    p[YAW] = 22 * math.sin(beat / 2)
    p[H_ROLL] = -7 * s
    for side, k in ((1, LA), (-1, RA)):
        lift = 0.5 + 0.5 * math.sin(beat + (0 if side > 0 else math.pi))
        reach(p, b, side, _chest(b, 0.2 - 0.08 * lift, -0.1 + 0.42 * lift, 0.1, side), pole=(1.0, -0.6, -0.5))
    for side, k in ((1, LL), (-1, RL)):
        bend = 14 * max(0.0, math.sin(2 * beat + (0 if side > 0 else math.pi)))
        p[k:k + 4] = (-88 + bend, 90 * 0.2, -90 - bend, 0)
    return _perf(p, ctx)


def _hold(t: float, ctx: Ctx) -> Performance:
    p = _sway(_pose(h_pitch=4), t, ctx.phase, 0.7)
    for side in (1, -1):
        reach(p, ctx.body, side, _chest(ctx.body, 0.075, -0.33, 0.17, side), pole=(1.0, -1.0, -0.3))
    return _perf(p, ctx, held=[(_thing(ctx), 0, {})])


def _open(t: float, ctx: Ctx) -> Performance:
    b = ctx.body
    p = _sway(_pose(h_pitch=14), t, ctx.phase, 0.5)
    lid = ease((t - 0.5) / 0.9)
    reach(p, b, -ctx.hand, _chest(b, 0.05, -0.34, 0.17, -ctx.hand), pole=(1.0, -1.0, -0.3))
    a = math.radians(110 * lid)
    hinge = (0.0, -0.3 * b.height, 0.17 * b.height + 0.06)
    reach(p, b, ctx.hand, (ctx.hand * 0.03, hinge[1] + 0.09 * math.sin(a) + 0.03, hinge[2] - 0.09 * math.cos(a) + 0.09),
          pole=(1.0, -1.0, -0.3))
    return _perf(p, ctx, held=[("openbox", 0, {"lid": lid})], gaze_down=True)


def _thing(ctx: Ctx) -> str:
    """The drawing of what is in hand: the shot's prop, or a plain box when none is named."""
    return pr.kind_of(ctx.prop) if ctx.prop else "box"


def _give(t: float, ctx: Ctx) -> Performance:
    """Step toward the other and hold the thing out at arm's length; it stays in hand (the
    other's RECEIVE takes it in their own shot, the animatic never passes props across)."""
    b = ctx.body
    p = _sway(_pose(sp_pitch=5), t, ctx.phase, 0.5)
    out = ease((t - 0.2) / 0.7)
    side = _side_toward_target(ctx)
    reach(p, b, side, _chest(b, 0.1 - 0.04 * out, -0.24 + 0.1 * out, 0.14 + 0.2 * out, side), pole=(1.0, -1.0, -0.3))
    p[DX] = _approach(t, ctx, 0.45 * b.height)
    return _perf(p, ctx, held=[(_thing(ctx), side, {})])


def _receive(t: float, ctx: Ctx) -> Performance:
    """Both hands come up to take what is offered, then draw it in."""
    b = ctx.body
    p = _sway(_pose(h_pitch=8), t, ctx.phase, 0.5)
    take = ease((t - 0.5) / 0.6)
    back = ease((t - 1.4) / 0.7)
    for side in (1, -1):
        reach(p, b, side, _chest(b, 0.06, -0.22 + 0.04 * take, 0.14 + 0.16 * take - 0.12 * back, side),
              pole=(1.0, -1.0, -0.3))
    held = [(_thing(ctx), 0, {})] if take > 0.6 else []
    return _perf(p, ctx, held=held, gaze_down=take > 0.3 and back < 0.5)


def _slap(t: float, ctx: Ctx) -> Performance:
    """One open-handed swing across, wound up first."""
    b = ctx.body
    side = _side_toward_target(ctx)
    wind = ease((t - 0.1) / 0.35) * (1 - ease((t - 0.45) / 0.08))
    swing = ease((t - 0.45) / 0.12) * (1 - 0.6 * ease((t - 1.0) / 0.5))
    p = _pose(sp_pitch=4, h_pitch=4)
    x = 0.16 + 0.1 * wind - 0.22 * swing
    reach(p, b, side, _chest(b, x, 0.02 + 0.08 * wind, 0.1 + 0.2 * swing, side), pole=(1.0, -0.6, -0.4))
    p[SP_YAW] = side * (14 * wind - 18 * swing)
    p[DX] = _approach(t, ctx, 0.4 * b.height)
    return _perf(p, ctx)


def _shake_hands(t: float, ctx: Ctx) -> Performance:
    """Right hands meet between the two and pump twice."""
    b = ctx.body
    p = _sway(_pose(sp_pitch=4), t, ctx.phase, 0.5)
    reach_out = ease((t - 0.15) / 0.6)
    pump = math.sin(TAU * 2.2 * max(0.0, t - 0.75)) * (1 - ease((t - 1.9) / 0.4)) if t > 0.75 else 0.0
    side = _side_toward_target(ctx)
    reach(p, b, side, _chest(b, 0.04, -0.24 + 0.03 * pump, 0.12 + 0.24 * reach_out, side), pole=(1.0, -1.0, -0.3))
    p[DX] = _approach(t, ctx, 0.42 * b.height)
    p[H_PITCH] += 5 * max(0.0, pump)
    return _perf(p, ctx)


def _recoil(t: float, ctx: Ctx) -> Performance:
    """Hit or shoved: the head snaps, the body rocks back a step, a hand goes to the face."""
    b = ctx.body
    hit = ease((t - 0.5) / 0.12) * (1 - 0.7 * ease((t - 1.0) / 0.8))
    away = -1 if (ctx.target_dist or 0.0) > 0 else 1  # away from whoever did it
    p = _pose(sp_pitch=-10 * hit, h_roll=14 * away * hit, h_yaw=25 * away * hit)
    reach(p, b, -away, _chest(b, 0.05, 0.09 * hit - 0.3 * (1 - hit), 0.12, -away), pole=(1.0, -0.8, -0.2))
    p[DX] = 0.14 * away * hit
    p[LL:LL + 4] = (-90 - 12 * hit, 6, -96, 0)
    return _perf(_sway(p, t, ctx.phase, 0.4), ctx, eyes_closed=0.2 < hit < 0.8, look=False)


_ACTIONS = {
    Action.IDLE: _idle, Action.TALK: _talk, Action.LISTEN: _listen, Action.WALK: _walk_action,
    Action.RUN: _run, Action.TURN: _turn, Action.SIT: _sit, Action.STAND_UP: _stand_up,
    Action.WAVE: _wave, Action.POINT: _point, Action.POSE: _pose_action, Action.TAKE_PHOTO: _take_photo,
    Action.LOOK_AT: _look_at, Action.LAUGH: _laugh, Action.CRY: _cry, Action.DRINK: _drink,
    Action.EAT: _eat, Action.HUG: _hug, Action.KISS: _kiss, Action.PUSH: _push, Action.PUNCH: _punch,
    Action.DODGE: _dodge, Action.FALL: _fall, Action.READ: _read, Action.WRITE: _write,
    Action.PHONE: _phone, Action.DRIVE: _drive, Action.DANCE: _dance, Action.HOLD: _hold, Action.OPEN: _open,
    Action.GIVE: _give, Action.RECEIVE: _receive, Action.SLAP: _slap, Action.SHAKE_HANDS: _shake_hands,
    Action.RECOIL: _recoil,
}
assert set(_ACTIONS) == set(Action), "every action needs a performance"

SEATED_ACTIONS = {Action.DRIVE}
