"""One shot, planned once and drawn frame by frame: camera, set, and the cast in their places.

Everything slow happens in `Scene.__init__` (set pictures, the baked background of a static
shot); `draw(canvas, i)` replays pictures and puppets. The picture, the OpenPose, mask and depth
passes all come from the same per-frame solve, so they line up exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from ...model.cast import Character
from ...model.seeds import derive, uniform
from ...model.storyboard import Blocking
from ...model.vocab import Action, Angle, CameraMove, Expression, Facing, LocationKind, IntExt, Plane, ShotSize
from ..backend import ShotRequest, Viseme
from . import style as st
from .actions import Ctx, Performance, perform
from .camera import Camera, View
from .face import FaceState
from .puppet import Puppet
from .rig import DX, DZ, H_YAW, HEAD, Solved, face_angles, head_top, keypoints18, solve
from .sets import Design, build
from ...vocabulary.places import OUTDOOR_KINDS as _EXTERIOR  # the one table of what is outdoors

YAW = {Facing.CAMERA: 0.0, Facing.THREE_QUARTER_RIGHT: 40.0, Facing.RIGHT: 90.0,
       Facing.THREE_QUARTER_LEFT: -40.0, Facing.LEFT: -90.0, Facing.AWAY: 180.0}
WALKS = {Action.WALK: 1.3, Action.RUN: 3.6}
FLAP = (Viseme.AI, Viseme.E, Viseme.O, Viseme.MBP, Viseme.ETC, Viseme.REST, Viseme.EE, Viseme.L)
SOFT_FG = (ShotSize.OTS, ShotSize.MCU, ShotSize.CU, ShotSize.ECU, ShotSize.MS, ShotSize.TWO_SHOT)
DOF = {ShotSize.ECU: 6.0, ShotSize.CU: 4.5, ShotSize.MCU: 3.0, ShotSize.OTS: 3.0, ShotSize.MS: 1.5}


_CIRCLE14 = [(math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 14, endpoint=False).tolist()]


def _wrap(a: float) -> float:
    return (a + 180.0) % 360.0 - 180.0


@dataclass
class Pose:
    """One actor in one frame."""

    perf: Performance
    solved: Solved
    face: FaceState
    u: float
    v: float
    scale: float
    depth: float


class Actor:
    def __init__(self, b: Blocking, c: Character, req: ShotRequest) -> None:
        self.b, self.c = b, c
        self.id = c.id
        self.puppet = Puppet(c)
        self.action = b.action or Action.IDLE
        self.yaw = YAW[b.facing]
        self.seed = derive(req.seed, "actor", c.id)
        self.utterances = sorted((u for u in req.speech if u.character == c.id), key=lambda u: u.start)
        self.flap = not req.speech and self.action == Action.TALK
        fps, n = req.fps, req.frames
        # blinks every 2–6 s, 3 or 4 frames long at 24 fps
        blinks: dict[int, float] = {}
        t = uniform(0.4, 2.5, self.seed, "blink", 0)
        k = 0
        while t * fps < n:
            start = int(t * fps)
            shape = (0.45, 0.0, 0.0, 0.45) if derive(self.seed, "blink-len", k) % 2 else (0.45, 0.0, 0.45)
            per = max(1, round(fps / 24))
            for j, e in enumerate(shape):
                for q in range(per):
                    blinks[start + j * per + q] = e
            k += 1
            t += uniform(2.0, 6.0, self.seed, "blink", k)
        self.blinks = blinks
        self.x = self.z = 0.0
        self.soft = False
        self.ctx: Ctx | None = None

    def mouth(self, i: int) -> Viseme | None:
        for u in self.utterances:
            if u.start <= i < u.end:
                shape = None
                for key in u.mouth:
                    if key.frame <= i:
                        shape = key.shape
                    else:
                        break
                if shape is None and not u.mouth:
                    shape = FLAP[derive(self.seed, "flap", i // 3) % len(FLAP)]
                return shape or Viseme.REST
        if self.flap:
            return FLAP[derive(self.seed, "flap", i // 3) % len(FLAP)]
        return None

    def speaking(self, i: int) -> bool:
        return self.flap or any(u.start <= i < u.end for u in self.utterances)


class Scene:
    def __init__(self, req: ShotRequest) -> None:
        self.req = req
        shot = req.shot
        self.W, self.H, self.n, self.fps = req.width, req.height, req.frames, req.fps
        cast = {c.id: c for c in req.cast}
        self.actors = [Actor(b, cast[b.character], req) for b in shot.in_frame if b.character in cast]
        self.insert = shot.size == ShotSize.INSERT or (shot.prop is not None and not self.actors)
        fs = req.film_set
        seated = fs is not None and fs.kind == LocationKind.CAR and fs.int_ext != IntExt.EXT
        subjects = [a for a in self.actors if a.id in shot.subject] or self.actors
        # framing reference: the tallest subject, as they stand (or sit) at the start
        heights, tops, head_r = [1.7], [1.7 + 0.02], 0.13
        for a in self.actors:
            a.ctx = Ctx(body=a.puppet.body, fps=self.fps, frames=self.n,
                        phase=uniform(0, 1, a.seed, "phase"), hand=1 if derive(a.seed, "hand") % 3 == 0 else -1,
                        facing_yaw=a.yaw, seated=seated, prop=a.b.prop)
        if subjects:
            heights, tops = [], []
            for a in subjects:
                p0 = perform(a.action, 0.0, a.ctx)
                s0 = solve(a.puppet.body, p0.pose, p0.yaw, 0.0)
                b = a.puppet.body
                heights.append(b.height)
                tops.append(-s0.joints[HEAD, 1] + b.head_r * (1.0 + head_top(a.c)))
            head_r = max(a.puppet.body.head_r for a in subjects)
        i_ref = int(np.argmax(tops))
        # a walk the camera follows
        track = 0.0
        if shot.move in (CameraMove.TRUCK_LEFT, CameraMove.TRUCK_RIGHT):
            sign = 1.0 if shot.move == CameraMove.TRUCK_RIGHT else -1.0
            for a in subjects:
                if a.action in WALKS and not seated:
                    a.yaw = 90.0 * sign
                    a.ctx.facing_yaw = a.yaw
                    track = max(track, WALKS[a.action] * self.n / self.fps)
        size = shot.size
        interior = fs is not None and ((fs.kind in _EXTERIOR and fs.int_ext == IntExt.INT)
                                       or (fs.kind not in _EXTERIOR and fs.int_ext != IntExt.EXT))
        if interior and size == ShotSize.EWS:  # no room is that big: the widest view of a room
            size = ShotSize.WS
        self.cam = Camera(self.W, self.H, size, shot.angle, shot.move, shot.lens_mm, self.n, req.seed,
                          max(heights), tops[i_ref], head_r, track=track)
        cam = self.cam
        zs = cam.zs
        self.design: Design = build(fs, req.mood, cam, self.fps)
        wall = self.design.ground_end
        # places
        for a in self.actors:
            b = a.b
            if b.plane == Plane.FOREGROUND:
                z = zs * (0.58 if shot.size == ShotSize.OTS else 0.7)
                u = b.position.x
                if shot.size == ShotSize.OTS:
                    u = 0.1 if u < 0.5 else 0.9
                    a.yaw = {90.0: 140.0, -90.0: -140.0, 40.0: 150.0, -40.0: -150.0, 0.0: 180.0}.get(a.yaw, a.yaw)
                    a.ctx.facing_yaw = a.yaw
            elif b.plane == Plane.BACKGROUND:
                z = min(zs * 1.6 + 1.0, wall - 0.6) if wall < math.inf else zs * 1.6 + 1.0
                u = b.position.x
            else:
                z, u = zs, b.position.x
            a.z = z
            a.x = cam.x_at(u, z)
            a.soft = b.plane == Plane.FOREGROUND and shot.size in SOFT_FG
            a.puppet.seat_style = self.design.seat
            if a.soft:  # out of focus: washed toward the shadows of the set, no outline
                haze = st.darker(st.mix(self.design.backdrop, (90, 90, 100), 0.5), 0.6)
                a.puppet = Puppet(a.c, haze=(haze, 0.28))
                a.puppet.seat_style = self.design.seat
        view_w = self.W / cam.S
        for a in self.actors:
            a.ctx.travel = 1e9 if track else 0.45 * view_w
            target = next((o for o in self.actors if o.id == a.b.looking_at and o is not a), None)
            if target is not None:
                dx, dz = target.x - a.x, target.z - a.z
                a.ctx.target_yaw = math.degrees(math.atan2(dx, -dz))
                a.ctx.target_dist = dx
                a.ctx.mutual = target.action == a.action and target.b.looking_at == a.id
        self._cache: tuple[int, View, dict[str, Pose]] | None = None
        # static and handheld shots: the set is drawn once
        self.bake: np.ndarray | None = None
        self.margin = 0
        nearest = max((a.z for a in self.actors), default=0.0)
        self.baked_layers = []
        if shot.move in (CameraMove.STATIC, CameraMove.HANDHELD) and not self.insert:
            self.baked_layers = [ly for ly in self.design.layers if ly.z > nearest + 0.05]
            self.margin = int(math.ceil(0.03 * self.W)) if shot.move == CameraMove.HANDHELD else 0
            self.bake = self._bake(DOF.get(shot.size, 0.0) * self.H / 720.0)
        baked = {id(ly) for ly in self.baked_layers}
        self.live_layers = [ly for ly in self.design.layers if id(ly) not in baked]

    # -- per frame --------------------------------------------------------------------------
    def view(self, i: int) -> View:
        v = self.cam.view(i, self.fps)
        if self.bake is not None and self.req.shot.move == CameraMove.HANDHELD:
            v = View(v.cx, v.cz, float(round(v.pan)), float(round(v.tilt)), v.roll)
        return v

    def poses(self, i: int) -> tuple[View, dict[str, Pose]]:
        if self._cache and self._cache[0] == i:
            return self._cache[1], self._cache[2]
        v = self.view(i)
        cam = self.cam
        t = i / self.fps
        out: dict[str, Pose] = {}
        for a in self.actors:
            a.ctx.speaking = a.speaking(i)
            perf = perform(a.action, t, a.ctx)
            p = perf.pose
            gx = 0
            if perf.look and a.ctx.target_yaw is not None:
                rel = _wrap(a.ctx.target_yaw - perf.yaw)
                turn = max(-55.0, min(55.0, rel)) * 0.85
                p[H_YAW] += turn
                rest = rel - turn
                gx = 1 if rest > 8 else -1 if rest < -8 else 0
            solved = solve(a.puppet.body, p, perf.yaw, cam.pitch)
            x, z = a.x + p[DX], a.z + p[DZ]
            u, vv, k = cam.project(x, 0.0, z, v)
            fy, fp, _ = face_angles(solved.head)
            eyes = 0.0 if perf.eyes_closed else a.blinks.get(i, 1.0)
            mouth = a.mouth(i)
            if mouth is None and perf.chew:
                mouth = (Viseme.MBP, Viseme.ETC)[(i // 4) % 2]
            expr = Expression.HAPPY if perf.laugh else a.b.expression
            face = FaceState(int(round(fy / 5.0)) * 5, int(round(fp / 5.0)) * 5, expr, eyes,
                             None if perf.laugh or perf.pucker else mouth,
                             (gx, 1 if perf.gaze_down else 0), perf.laugh, perf.tears, perf.pucker)
            out[a.id] = Pose(perf, solved, face, u, vv, k, z)
        self._cache = (i, v, out)
        return v, out

    # -- drawing ----------------------------------------------------------------------------
    def _layer_matrix(self, z: float, v: View) -> skia.Matrix:
        cam = self.cam
        k = cam.f / max(0.05, z - v.cz)
        m = skia.Matrix.Translate(cam.W / 2 + v.pan - k * v.cx, cam.y0 + v.tilt + k * cam.hc)
        m.preScale(k, k)
        return m

    def _begin(self, c: skia.Canvas, v: View) -> None:
        c.save()
        if v.roll:
            c.rotate(v.roll, self.W / 2, self.H / 2)

    def _ground(self, c: skia.Canvas, v: View, mode=None) -> None:
        cam, d = self.cam, self.design
        W, H = self.W, self.H
        near = v.cz + 0.25
        bands = d.bands
        if cam.overhead:
            k = cam.scale_at(cam.zs, v)
            gv = lambda z: H / 2 + v.tilt - k * (z - cam.zs)  # noqa: E731
            c.drawRect(skia.Rect(-W, -H, 2 * W, 2 * H), st.fill(mode or bands[-1][1], aa=False))
            for j, (z0, col) in enumerate(bands):
                z1 = bands[j + 1][0] if j + 1 < len(bands) else min(d.ground_end, cam.zs + 10 * H / k)
                z1 = min(z1, d.ground_end)
                if z1 <= z0:
                    continue
                top, bot = gv(z1), (gv(z0) if j else 2 * H)
                c.drawRect(skia.Rect(-W, top, 2 * W, bot), st.fill(mode or col, aa=False))
            self._ground_items(c, v, mode, lambda x, z: (W / 2 + v.pan + k * (x - v.cx), gv(z)))
            return
        horizon = cam.y0 + v.tilt
        for j, (z0, col) in enumerate(bands):
            z1 = bands[j + 1][0] if j + 1 < len(bands) else d.ground_end
            z1 = min(z1, d.ground_end)
            if z1 <= near or z1 <= z0:
                continue
            bot = cam.ground_v(max(z0, near), v) if j else 3 * H
            if z0 <= near:
                bot = 3 * H
            top = horizon if z1 == math.inf else cam.ground_v(z1, v)
            if bot < -H or top > 2 * H:
                continue
            c.drawRect(skia.Rect(-W, top - 0.5, 2 * W, bot), st.fill(mode or col, aa=False))

        def proj(x: float, z: float) -> tuple[float, float]:
            k = cam.f / max(0.05, z - v.cz)
            return W / 2 + v.pan + k * (x - v.cx), cam.y0 + v.tilt + k * cam.hc

        self._ground_items(c, v, mode, proj, near)

    def _ground_items(self, c, v, mode, proj, near: float = -1e9) -> None:
        """The set's ground markings (rugs, planks, lines, puddles): runs of one colour go into
        one path, one draw call each."""
        run_col, run = None, None
        lo, hi = -self.H, 2 * self.H
        for item in self.design.ground:
            if item[0] == "rect":
                _, x0, z0, x1, z1, col = item
                if z1 <= near:
                    continue
                z0 = max(z0, near)
                pts = [proj(x0, z0), proj(x1, z0), proj(x1, z1), proj(x0, z1)]
            else:
                _, x, z, rx, rz, col = item
                if z - rz <= near:
                    continue
                pts = [proj(x + rx * ca, z + rz * sa) for ca, sa in _CIRCLE14]
            ys = [p[1] for p in pts]
            if max(ys) < lo or min(ys) > hi:
                continue
            if col != run_col:
                if run is not None:
                    c.drawPath(run, st.fill(mode or run_col))
                run_col, run = col, skia.Path()
            run.moveTo(*pts[0])
            for q in pts[1:]:
                run.lineTo(*q)
            run.close()
        if run is not None:
            c.drawPath(run, st.fill(mode or run_col))

    def _backdrop(self, c: skia.Canvas, v: View, layers) -> None:
        """Sky, ground and the given layers: everything behind the cast."""
        d = self.design
        c.drawColor(st.sk(d.backdrop))
        self._begin(c, v)
        if d.sky is not None and not self.cam.overhead:
            c.drawPicture(d.sky, skia.Matrix.Translate(self.W / 2 + v.pan, self.cam.y0 + v.tilt), None)
        self._ground(c, v)
        if not self.cam.overhead:
            for ly in layers:
                c.drawPicture(ly.pic, self._layer_matrix(ly.z, v), None)
        c.restore()

    def _bake(self, blur: float) -> np.ndarray:
        m = self.margin
        W, H = self.W + 2 * m, self.H + 2 * m
        arr = np.zeros((H, W, 4), np.uint8)
        surf = skia.Surface(arr)
        c = surf.getCanvas()
        c.translate(m, m)
        v = self.cam.view(0, self.fps)
        v = View(v.cx, v.cz, 0.0, 0.0, self.cam.roll0)
        self._backdrop(c, v, self.baked_layers)
        if blur > 0.3:  # depth of field, blurred at quarter size: a fraction of the cost
            img = surf.makeImageSnapshot()
            q = 4
            small = skia.Surface(max(1, W // q), max(1, H // q))
            sc = small.getCanvas()
            sc.scale(1 / q, 1 / q)
            lin = skia.SamplingOptions(skia.FilterMode.kLinear)
            sc.drawImage(img, 0, 0, lin)
            blurred = skia.Surface(max(1, W // q), max(1, H // q))
            blurred.getCanvas().drawImage(small.makeImageSnapshot(), 0, 0, lin,
                                          skia.Paint(ImageFilter=skia.ImageFilters.Blur(blur / q, blur / q, skia.TileMode.kClamp)))
            c.resetMatrix()
            c.drawImageRect(blurred.makeImageSnapshot(), skia.Rect(0, 0, W, H), lin)
        return arr

    def draw(self, c: skia.Canvas, buf: np.ndarray, i: int) -> None:
        v, poses = self.poses(i)
        d = self.design
        if self.bake is not None:
            m = self.margin
            ox, oy = m - int(v.pan), m - int(v.tilt)
            np.copyto(buf, self.bake[oy:oy + self.H, ox:ox + self.W])
        else:
            self._backdrop(c, v, [])
        rest = self.live_layers
        self._begin(c, v)
        if d.live is not None:
            d.live(c, self.cam, v, i / self.fps)
        items: list[tuple[float, int, object]] = []
        if not self.cam.overhead:
            items += [(ly.z, 0, ly) for ly in rest]
        items += [(poses[a.id].depth, 1, a) for a in self.actors]
        items.sort(key=lambda it: -it[0])
        for a in self.actors:
            if not a.soft:
                pz = poses[a.id]
                a.puppet.shadow(c, pz.solved, pz.u, pz.v, pz.scale, self.cam.pitch)
        for z, kind, obj in items:
            if kind == 0:
                c.drawPicture(obj.pic, self._layer_matrix(obj.z, v), None)
            else:
                self._actor(c, obj, poses[obj.id])
        if d.overlay is not None:
            d.overlay(c, self.cam, v)
        c.restore()

    def _actor(self, c: skia.Canvas, a: Actor, p: Pose, mode=None) -> None:
        if a.soft and mode is None:
            # (a real blur of a figure this size costs far more than a frame's budget)
            a.puppet.draw(c, p.solved, p.perf, p.face, p.u, p.v, p.scale, None, outline=False)
            return
        a.puppet.draw(c, p.solved, p.perf, p.face, p.u, p.v, p.scale, mode)

    # -- passes -----------------------------------------------------------------------------
    def keypoints(self, i: int) -> dict[str, np.ndarray]:
        v, poses = self.poses(i)
        out = {}
        cx, cy = self.W / 2, self.H / 2
        r = math.radians(v.roll)
        cr, sr = math.cos(r), math.sin(r)
        for a in self.actors:
            p = poses[a.id]
            k = keypoints18(p.solved, a.puppet.body)
            xs = p.u + p.scale * k[:, 0]
            ys = p.v + p.scale * k[:, 1]
            dx, dy = xs - cx, ys - cy
            xr, yr = cx + dx * cr - dy * sr, cy + dx * sr + dy * cr
            inside = (xr >= 0) & (xr < self.W) & (yr >= 0) & (yr < self.H)
            out[a.id] = np.stack([xr, yr, k[:, 2] * inside], axis=1)
        return out

    def draw_mask(self, c: skia.Canvas, i: int, cid: str) -> None:
        v, poses = self.poses(i)
        c.drawColor(skia.ColorBLACK)
        a = next((a for a in self.actors if a.id == cid), None)
        if a is None:
            return
        self._begin(c, v)
        self._actor(c, a, poses[cid], mode=(255, 255, 255))
        c.restore()

    def depth_gray(self, z: float) -> tuple[int, int, int]:
        near = max(0.3, 0.5 * min([self.cam.zs] + [a.z for a in self.actors]))
        far = self.cam.zs * 25 + 40
        if z == math.inf:
            return (0, 0, 0)
        val = (1 / max(z, near) - 1 / far) / (1 / near - 1 / far)
        g = int(round(255 * max(0.0, min(1.0, val))))
        return (g, g, g)

    def draw_depth(self, c: skia.Canvas, i: int) -> None:
        v, poses = self.poses(i)
        d = self.design
        c.drawColor(skia.ColorBLACK)
        self._begin(c, v)
        cam = self.cam
        W, H = self.W, self.H
        if cam.overhead:
            g = self.depth_gray(cam.zs * 1.1)
            c.drawRect(skia.Rect(-W, -H, 2 * W, 2 * H), st.fill(g, aa=False))
        else:
            # the ground: bands of equal depth, near bright
            zmin = v.cz + 0.25
            zs = [zmin * (1.18 ** k) for k in range(60)]
            for z0, z1 in zip(zs, zs[1:]):
                if z0 >= d.ground_end:
                    break
                z1 = min(z1, d.ground_end)
                top = cam.ground_v(z1, v)
                bot = cam.ground_v(z0, v) if z0 > zmin else 3 * H
                if bot < -H or top > 2 * H:
                    continue
                c.drawRect(skia.Rect(-W, top - 0.5, 2 * W, bot), st.fill(self.depth_gray(z0 - v.cz), aa=False))
        items: list[tuple[float, int, object]] = []
        if not cam.overhead:
            items += [(ly.z, 0, ly) for ly in d.layers]
        items += [(poses[a.id].depth, 1, a) for a in self.actors]
        items.sort(key=lambda it: -it[0])
        for z, kind, obj in items:
            if kind == 0:
                c.drawPicture(obj.pic, self._layer_matrix(obj.z, v), st.recolor(self.depth_gray(obj.z - v.cz)))
            else:
                self._actor(c, obj, poses[obj.id], mode=self.depth_gray(poses[obj.id].depth - v.cz))
        c.restore()
