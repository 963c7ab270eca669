"""The camera: framing by shot size and angle, moves eased over the shot, and the projection
every layer and puppet is drawn with.

World: x right, y up (metres above the ground), z depth from the camera's base position.
Projection at base: u = W/2 + f·x/z, v = y0 − f·(y − hc)/z, where y0 is the horizon line.
A move changes (cx, cz) — truck and dolly — and (pan, tilt) in pixels; roll turns the frame
about its centre. A layer at depth z then moves by an affine map, so parallax is one matrix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...model.seeds import derive, uniform
from ...model.vocab import Angle, CameraMove, ShotSize
from .style import ease

# Size → (body heights filling the frame height, where the top of the head sits, fraction of H)
FRAMING = {
    ShotSize.EWS: (10.0, 0.62), ShotSize.WS: (2.9, 0.44), ShotSize.FS: (1.24, 0.09),
    ShotSize.MS: (0.62, 0.07), ShotSize.MCU: (0.42, 0.06), ShotSize.CU: (0.27, 0.035),
    ShotSize.ECU: (0.13, -0.03), ShotSize.TWO_SHOT: (0.8, 0.085), ShotSize.OTS: (0.5, 0.08),
    ShotSize.INSERT: (0.3, 0.05),
}
PITCH = {Angle.HIGH: 20.0, Angle.LOW: -13.0}
WIDE = (ShotSize.EWS, ShotSize.WS)


@dataclass(frozen=True)
class View:
    """The camera for one frame."""

    cx: float
    cz: float
    pan: float
    tilt: float
    roll: float


class Camera:
    def __init__(self, W: int, H: int, size: ShotSize, angle: Angle, move: CameraMove, lens_mm: int,
                 frames: int, seed: int, height: float, head_top: float, head_r: float,
                 track: float = 0.0) -> None:
        """`height`: the subject's standing height; `head_top`: how high the top of their head
        is in this shot's first pose (lower when seated); `track`: metres a walking subject
        covers, which a truck follows."""
        self.W, self.H, self.n = W, H, frames
        self.size, self.angle, self.move = size, angle, move
        self.overhead = angle == Angle.OVERHEAD
        lens = max(14, min(lens_mm, 200))
        self.f = W * lens / 36.0
        band, top = FRAMING.get(size, (1.24, 0.09))
        self.S = H / (band * height)  # pixels per metre at the subject
        self.zs = self.f / self.S
        v_head = top * H
        if size == ShotSize.ECU:  # eyes at about 42% of the frame
            v_head = 0.42 * H - self.S * head_r * 1.0
        v_feet = v_head + self.S * head_top
        v_eye = v_head + self.S * head_r * 1.05
        self.pitch = 0.0
        if angle == Angle.HIGH:
            p = 13.0 if size in WIDE else PITCH[Angle.HIGH]
            y0 = H / 2 - self.f * math.tan(math.radians(p))
            self.pitch = p
        elif angle == Angle.LOW:
            p = PITCH[Angle.LOW]
            y0 = H / 2 - self.f * math.tan(math.radians(p))
            self.pitch = p
        else:
            y0 = v_eye
        hc = (v_feet - y0) / self.S
        if hc < 0.18:
            hc = 0.18
            y0 = v_feet - hc * self.S
        self.y0, self.hc = y0, hc
        self.v_feet = v_feet
        if angle == Angle.OVERHEAD:
            self.pitch = 90.0
        self.roll0 = 0.0
        if angle == Angle.DUTCH:
            self.roll0 = 11.0 if derive(seed, "dutch") % 2 else -11.0
        # moves
        self.track = track
        view_w = W / self.S
        self.truck = track if track else 0.22 * view_w
        self.dolly = 0.2 * self.zs
        self.pan_px = 0.16 * W
        self.tilt_px = 0.16 * H
        self.shake = [(uniform(0.15, 0.9, seed, "shake", k), uniform(0, 2 * math.pi, seed, "shake-phase", k))
                      for k in range(9)]

    @property
    def moving(self) -> bool:
        return self.move not in (CameraMove.STATIC, CameraMove.HANDHELD)

    def view(self, i: int, fps: int) -> View:
        t = i / max(1, self.n - 1)
        e = ease(t) - 0.5
        cx = cz = pan = tilt = 0.0
        roll = self.roll0
        m = self.move
        if m == CameraMove.PAN_LEFT:
            pan = self.pan_px * e
        elif m == CameraMove.PAN_RIGHT:
            pan = -self.pan_px * e
        elif m == CameraMove.TILT_UP:
            tilt = self.tilt_px * e
        elif m == CameraMove.TILT_DOWN:
            tilt = -self.tilt_px * e
        elif m == CameraMove.DOLLY_IN:
            cz = self.dolly * (e + 0.5) - self.dolly * 0.35
        elif m == CameraMove.DOLLY_OUT:
            cz = self.dolly * (0.5 - e) - self.dolly * 0.35
        elif m == CameraMove.TRUCK_LEFT:
            cx = -self.truck * e
        elif m == CameraMove.TRUCK_RIGHT:
            cx = self.truck * e
        elif m == CameraMove.HANDHELD:
            pan, tilt, roll_s = self.shake_at(i / fps)
            roll += 0.0 * roll_s
        return View(cx, cz, pan, tilt, roll)

    def shake_at(self, t: float) -> tuple[float, float, float]:
        out = []
        for axis in range(3):
            s = 0.0
            for k in range(3):
                fr, ph = self.shake[axis * 3 + k]
                s += math.sin(2 * math.pi * fr * t * (1 + k) + ph) / (1 + k)
            out.append(s / 1.8)
        amp = 0.008 * self.W
        return out[0] * amp, out[1] * amp * 0.8, out[2]

    # -- projection -------------------------------------------------------------------------
    def scale_at(self, z: float, v: View) -> float:
        if self.overhead:
            return self.f / max(0.3, self.zs - v.cz)
        return self.f / max(0.05, z - v.cz)

    def project(self, x: float, y: float, z: float, v: View) -> tuple[float, float, float]:
        """Screen (u, v) and pixels per metre for world point (x, y, z)."""
        if self.overhead:
            k = self.scale_at(z, v)
            return self.W / 2 + v.pan + k * (x - v.cx), self.H / 2 + v.tilt - k * (z - self.zs), k
        k = self.f / max(0.05, z - v.cz)
        return self.W / 2 + v.pan + k * (x - v.cx), self.y0 + v.tilt - k * (y - self.hc), k

    def ground_v(self, z: float, v: View) -> float:
        return self.y0 + v.tilt + self.f * self.hc / max(0.05, z - v.cz)

    def x_at(self, u_frac: float, z: float) -> float:
        """World x that base camera shows at fraction `u_frac` of the width, at depth z."""
        if self.overhead:
            return (u_frac - 0.5) * self.W / self.S
        return (u_frac - 0.5) * self.W * z / self.f

    def x_range(self, z: float, fps: int, margin: float = 0.25) -> tuple[float, float]:
        """World x covered at depth z over the whole shot, with a margin for roll and shake."""
        lo, hi = math.inf, -math.inf
        roll = abs(self.roll0) + 2
        extra = self.W * margin + self.H * math.sin(math.radians(roll))
        for i in (0, self.n // 4, self.n // 2, 3 * self.n // 4, self.n - 1):
            v = self.view(i, fps)
            k = self.scale_at(z, v)
            for u in (-extra, self.W + extra):
                x = v.cx + (u - self.W / 2 - v.pan) / k
                lo, hi = min(lo, x), max(hi, x)
        return lo, hi
