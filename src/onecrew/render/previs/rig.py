"""The puppet's skeleton: proportions from a `Look`, a pose as a flat vector, forward kinematics.

A pose is a float vector (`NP` numbers), so key poses blend by plain interpolation. Angles are
degrees, lengths metres. Body-local axes: x to the character's own left, y up, z forward. A limb
direction is (elevation, azimuth): elevation -90 hangs straight down, 0 is horizontal, 90 points
up; azimuth 0 is straight ahead and 90 is out to that limb's own side.

`solve()` returns joints in *camera space* relative to the character's ground point: x right,
y down (screen directions, metres) and depth away from the camera, so drawing is a scale and a
translate, and the same joints feed the OpenPose pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...model.cast import Build, Character, HairStyle, Height
from ...model.vocab import AgeGroup, Gender

# -- the pose vector --------------------------------------------------------------------------
DX, DY, DZ, YAW, ROLL, PITCH, SP_PITCH, SP_ROLL, SP_YAW, H_YAW, H_PITCH, H_ROLL = range(12)
LA, RA, LL, RL = 12, 16, 20, 24  # each: upper (el, az), lower (el, az)
SEAT = 28  # > 0: a seat is drawn under the pelvis
NP = 29

# joints
PELVIS, NECK, HEAD, L_SH, L_EL, L_WR, R_SH, R_EL, R_WR, L_HIP, L_KN, L_AN, R_HIP, R_KN, R_AN, L_TOE, R_TOE = range(17)
NJ = 17


def rest() -> np.ndarray:
    """Standing at ease: arms a little away from the body, elbows soft, feet under the hips."""
    p = np.zeros(NP)
    p[LA:LA + 4] = (-80, 80, -82, 30)
    p[RA:RA + 4] = (-80, 80, -82, 30)
    p[LL:LL + 4] = (-88, 90, -90, 0)
    p[RL:RL + 4] = (-88, 90, -90, 0)
    return p


REST = rest()


@dataclass(frozen=True)
class Body:
    """A character's proportions in metres."""

    height: float
    head_r: float  # half the head's height, crown to chin
    head_w: float  # half the head's width
    neck_y: float  # standing height of the base of the neck
    neck_len: float
    leg: float  # hip joint height standing
    thigh: float
    shin: float
    ankle: float
    upper_arm: float
    forearm: float
    hand_r: float
    shoulder_w: float  # half width, shoulder joints
    hip_w: float  # half width, hip joints
    chest_hw: float  # half widths of the torso silhouette
    waist_hw: float
    hips_hw: float
    torso_hd: float  # half depth
    arm_w: float  # limb thicknesses (diameters)
    fore_w: float
    thigh_w: float
    shin_w: float
    foot: float
    stoop: float  # degrees of forward lean at rest

    @property
    def torso_len(self) -> float:
        return self.neck_y - self.leg


def body_of(c: Character) -> Body:
    look = c.look
    age = look.age
    female = look.gender == Gender.FEMALE
    base = {AgeGroup.CHILD: 1.22, AgeGroup.TEEN: 1.6, AgeGroup.ELDERLY: 1.68}.get(age, 1.71)
    if age not in (AgeGroup.CHILD,):
        base += -0.05 if female else 0.04 if look.gender == Gender.MALE else 0.0
    base += {Height.SHORT: -0.08, Height.AVERAGE: 0.0, Height.TALL: 0.09}.get(look.height, 0.0) * (0.6 if age == AgeGroup.CHILD else 1)
    h = base
    heads = {AgeGroup.CHILD: 5.0, AgeGroup.TEEN: 6.2}.get(age, 6.6)
    head_r = h / heads / 2
    leg = h * (0.45 if age == AgeGroup.CHILD else 0.485)
    neck_len = h * 0.035
    neck_y = h - neck_len - 1.9 * head_r
    bw = {Build.SLIM: 0.9, Build.AVERAGE: 1.0, Build.ATHLETIC: 1.08, Build.HEAVY: 1.18}.get(look.build, 1.0)
    lw = {Build.SLIM: 0.86, Build.AVERAGE: 1.0, Build.ATHLETIC: 1.1, Build.HEAVY: 1.3}.get(look.build, 1.0)
    heavy = look.build == Build.HEAVY
    sh = (0.108 if female else 0.125) * bw
    if age == AgeGroup.CHILD:
        sh = 0.112
    return Body(
        height=h, head_r=head_r, head_w=head_r * 0.84, neck_y=neck_y, neck_len=neck_len, leg=leg,
        thigh=leg * 0.5, shin=leg * 0.45, ankle=leg * 0.05,
        upper_arm=h * 0.175, forearm=h * 0.15, hand_r=h * 0.027 * (1.1 if age == AgeGroup.CHILD else 1),
        shoulder_w=h * sh, hip_w=h * (0.055 if female else 0.05) * (1.15 if heavy else 1),
        chest_hw=h * (sh + 0.022) * (1.05 if heavy else 1),
        # the waist thickens a little with the years, so an age reads in the body too
        waist_hw=h * ((0.08 if female else 0.092) * (1.45 if heavy else bw))
        * {"young-adult": 0.95, "middle-aged": 1.07, "elderly": 1.1}.get(str(getattr(age, "value", age)), 1.0),
        hips_hw=h * ((0.104 if female else 0.092) * (1.3 if heavy else 1)),
        torso_hd=h * (0.085 if heavy else 0.062),
        arm_w=h * 0.05 * lw, fore_w=h * 0.043 * lw, thigh_w=h * 0.072 * lw, shin_w=h * 0.056 * lw,
        foot=h * 0.135, stoop=14.0 if age == AgeGroup.ELDERLY else 0.0,  # the old stoop visibly
    )


def head_top(c: Character) -> float:
    """How far the hair stands above the skull, for framing."""
    return {HairStyle.CURLY: 0.35, HairStyle.BUN: 0.45, HairStyle.BALD: 0.0}.get(c.look.hair_style, 0.12)


# -- maths ------------------------------------------------------------------------------------
def _rx(a: float) -> np.ndarray:  # body-local, y up: positive leans +y toward +z
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _ry(a: float) -> np.ndarray:  # positive turns +z toward +x
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rz(a: float) -> np.ndarray:  # positive bends +y toward +x
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, s, 0], [-s, c, 0], [0, 0, 1]])


def direction(el: float, az: float, side: float) -> tuple[float, float, float]:
    e, a = math.radians(el), math.radians(az)
    ce = math.cos(e)
    return (side * ce * math.sin(a), math.sin(e), ce * math.cos(a))


def to_camera(yaw: float, pitch: float) -> np.ndarray:
    """Body-local (x left, y up, z forward) → camera space (x right, y down, z toward viewer),
    for a body turned `yaw` degrees (0 faces the camera, +90 faces screen right) under a camera
    looking down by `pitch` degrees."""
    t, f = math.radians(yaw), math.radians(pitch)
    c, s = math.cos(t), math.sin(t)
    world = np.array([[c, 0, s], [0, 1, 0], [s, 0, -c]])  # X right, Y up, Z away
    cf, sf = math.cos(f), math.sin(f)
    cam = np.array([[1, 0, 0], [0, -cf, -sf], [0, sf, -cf]])
    return cam @ world


_G = np.diag([1.0, -1.0, 1.0])  # face coordinates are y-down


def face_angles(m: np.ndarray) -> tuple[float, float, float]:
    """(yaw, pitch, roll) in degrees with m == Rz(roll)·Rx(pitch)·Ry(yaw) (camera conventions)."""
    p = math.asin(max(-1.0, min(1.0, -m[2, 1])))
    y = math.atan2(-m[2, 0], m[2, 2])
    r = math.atan2(-m[0, 1], m[1, 1])
    return math.degrees(y), math.degrees(p), math.degrees(r)


def face_matrix(yaw: float, pitch: float, roll: float = 0.0) -> np.ndarray:
    """Face coordinates (x to the character's left, y down, z out of the face) → camera space."""
    y, p, r = math.radians(yaw), math.radians(pitch), math.radians(roll)
    cy, sy, cp, sp, cr, sr = math.cos(y), math.sin(y), math.cos(p), math.sin(p), math.cos(r), math.sin(r)
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, sp], [0, -sp, cp]])
    rz = np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
    return rz @ rx @ ry


@dataclass
class Solved:
    """One pose, solved: joints in camera space, metres, relative to the ground point."""

    joints: np.ndarray  # NJ × 3: x right, y down, depth away from camera
    head: np.ndarray  # 3×3 face → camera
    chest: np.ndarray  # 3×3 chest-local (body axes) → camera
    seat: float  # seat height, 0 for none


def _mm(a, b):
    """3×3 product of row-major 9-tuples (plain floats: far cheaper than numpy at this size)."""
    a0, a1, a2, a3, a4, a5, a6, a7, a8 = a
    b0, b1, b2, b3, b4, b5, b6, b7, b8 = b
    return (a0 * b0 + a1 * b3 + a2 * b6, a0 * b1 + a1 * b4 + a2 * b7, a0 * b2 + a1 * b5 + a2 * b8,
            a3 * b0 + a4 * b3 + a5 * b6, a3 * b1 + a4 * b4 + a5 * b7, a3 * b2 + a4 * b5 + a5 * b8,
            a6 * b0 + a7 * b3 + a8 * b6, a6 * b1 + a7 * b4 + a8 * b7, a6 * b2 + a7 * b5 + a8 * b8)


def _mv(m, x: float, y: float, z: float) -> tuple[float, float, float]:
    return (m[0] * x + m[1] * y + m[2] * z, m[3] * x + m[4] * y + m[5] * z, m[6] * x + m[7] * y + m[8] * z)


def _trx(a: float):
    c, s = math.cos(a), math.sin(a)
    return (1.0, 0.0, 0.0, 0.0, c, -s, 0.0, s, c)


def _try(a: float):
    c, s = math.cos(a), math.sin(a)
    return (c, 0.0, s, 0.0, 1.0, 0.0, -s, 0.0, c)


def _trz(a: float):
    c, s = math.cos(a), math.sin(a)
    return (c, s, 0.0, -s, c, 0.0, 0.0, 0.0, 1.0)


_RADII: dict[Body, list[float]] = {}


def _radii(b: Body) -> list[float]:
    r = _RADII.get(b)
    if r is None:
        r = [b.fore_w * 0.5] * NJ
        r[L_AN] = r[R_AN] = b.ankle
        r[L_TOE] = r[R_TOE] = b.ankle * 0.5
        r[HEAD] = b.head_r
        r[PELVIS] = b.thigh_w * 0.5
        r = _RADII[b] = r
    return r


def solve(b: Body, p: np.ndarray, yaw: float, cam_pitch: float) -> Solved:
    """Forward kinematics for pose `p` of body `b` facing `yaw` (degrees), seen from a camera
    pitched down by `cam_pitch`."""
    r = math.radians
    q = p.tolist()
    body_rot = _mm(_trz(r(q[ROLL])), _trx(r(q[PITCH])))
    spine = _mm(_mm(_mm(body_rot, _try(r(q[SP_YAW]))), _trx(r(q[SP_PITCH] + b.stoop))), _trz(r(q[SP_ROLL])))
    pts: list = [None] * NJ
    pelvis = (0.0, b.leg, 0.0)
    pts[PELVIS] = pelvis
    t = _mv(spine, 0.0, b.torso_len, 0.0)
    neck = (t[0], b.leg + t[1], t[2])
    pts[NECK] = neck
    head_rot = _mm(_mm(_mm(spine, _try(r(q[H_YAW]))), _trx(r(q[H_PITCH] * 1.0))), _trz(r(-q[H_ROLL])))
    t = _mv(head_rot, 0.0, b.neck_len + b.head_r * 0.92, 0.012 * b.height)
    pts[HEAD] = (neck[0] + t[0], neck[1] + t[1], neck[2] + t[2])
    drop = 0.025 * b.height
    for side, sh, el, wr, k in ((1.0, L_SH, L_EL, L_WR, LA), (-1.0, R_SH, R_EL, R_WR, RA)):
        t = _mv(spine, side * b.shoulder_w, -drop, 0.0)
        s = (neck[0] + t[0], neck[1] + t[1], neck[2] + t[2])
        pts[sh] = s
        dx, dy, dz = direction(q[k], q[k + 1], side)
        L = b.upper_arm
        t = _mv(spine, dx * L, dy * L, dz * L)
        e = (s[0] + t[0], s[1] + t[1], s[2] + t[2])
        pts[el] = e
        dx, dy, dz = direction(q[k + 2], q[k + 3], side)
        L = b.forearm
        t = _mv(spine, dx * L, dy * L, dz * L)
        pts[wr] = (e[0] + t[0], e[1] + t[1], e[2] + t[2])
    fwd = (body_rot[2], body_rot[5], body_rot[8])
    for side, hp, kn, an, toe, k in ((1.0, L_HIP, L_KN, L_AN, L_TOE, LL), (-1.0, R_HIP, R_KN, R_AN, R_TOE, RL)):
        t = _mv(body_rot, side * b.hip_w, 0.0, 0.0)
        h = (t[0], b.leg + t[1], t[2])
        pts[hp] = h
        dx, dy, dz = direction(q[k], q[k + 1], side)
        L = b.thigh
        t = _mv(body_rot, dx * L, dy * L, dz * L)
        kk = (h[0] + t[0], h[1] + t[1], h[2] + t[2])
        pts[kn] = kk
        dx, dy, dz = direction(q[k + 2], q[k + 3], side)
        L = b.shin
        t = _mv(body_rot, dx * L, dy * L, dz * L)
        a = (kk[0] + t[0], kk[1] + t[1], kk[2] + t[2])
        pts[an] = a
        t = _mv(body_rot, side * 0.12, 0.0, 0.0)
        f = b.foot * 0.72
        pts[toe] = (a[0] + (fwd[0] + t[0]) * f, a[1] + (fwd[1] + t[1]) * f - b.ankle * 0.5, a[2] + (fwd[2] + t[2]) * f)
    # Feet (or whatever is lowest, once fallen) on the ground.
    low = min([pt[1] - rr for pt, rr in zip(pts, _radii(b))])
    seat = float(q[SEAT])
    lift = -low + q[DY]
    cam = to_camera(yaw, cam_pitch)
    arr = np.array(pts)
    arr[:, 1] += lift
    out = arr @ cam.T  # x right, y down, z toward viewer
    out[:, 2] = -out[:, 2]  # depth away from the camera
    if seat > 0:
        seat = float(arr[PELVIS, 1]) - b.thigh_w * 0.45
    c = tuple(cam.ravel().tolist())
    hr = _mm(c, head_rot)
    head = np.array(hr).reshape(3, 3)
    head[:, 1] = -head[:, 1]  # @ _G: face coordinates are y-down
    return Solved(out, head, np.array(_mm(c, spine)).reshape(3, 3), seat)


# -- OpenPose ---------------------------------------------------------------------------------
FACE_POINTS = {  # face coordinates in head radii: x left, y down, z out of the face
    "nose": (0.0, 0.32, 1.05), "r_eye": (-0.36, 0.02, 0.86), "l_eye": (0.36, 0.02, 0.86),
    "r_ear": (-0.86, 0.1, 0.0), "l_ear": (0.86, 0.1, 0.0),
}
# COCO-18 order: 0 nose, 1 neck, 2 r-shoulder, 3 r-elbow, 4 r-wrist, 5 l-shoulder, 6 l-elbow,
# 7 l-wrist, 8 r-hip, 9 r-knee, 10 r-ankle, 11 l-hip, 12 l-knee, 13 l-ankle, 14 r-eye, 15 l-eye,
# 16 r-ear, 17 l-ear
_BODY18 = [None, NECK, R_SH, R_EL, R_WR, L_SH, L_EL, L_WR, R_HIP, R_KN, R_AN, L_HIP, L_KN, L_AN]
_FACE18 = {0: "nose", 14: "r_eye", 15: "l_eye", 16: "r_ear", 17: "l_ear"}


def keypoints18(s: Solved, b: Body) -> np.ndarray:
    """18 × 3: camera-space x, y (metres from the ground point) and visibility (1 or 0)."""
    out = np.zeros((18, 3))
    for i, j in enumerate(_BODY18):
        if j is not None:
            out[i, 0], out[i, 1], out[i, 2] = s.joints[j, 0], s.joints[j, 1], 1.0
    hc = s.joints[HEAD]
    for i, name in _FACE18.items():
        fx, fy, fz = FACE_POINTS[name]
        q = s.head @ np.array([fx * b.head_w, fy * b.head_r, fz * b.head_w])
        normal = s.head @ np.array([fx, 0.0, fz])
        out[i, 0], out[i, 1] = hc[0] + q[0], hc[1] + q[1]
        visible = normal[2] > (-0.25 if "ear" in name else 0.1)
        out[i, 2] = 1.0 if visible else 0.0
    return out


def is_long_hair(c: Character) -> bool:
    return c.look.hair_style in (HairStyle.LONG, HairStyle.BRAIDS, HairStyle.PONYTAIL, HairStyle.BOB)
