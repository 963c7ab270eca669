"""Inserts: a close view of one prop resting on the set's surface, the room soft behind it."""

from __future__ import annotations

import math

import numpy as np
import skia

from ...model.seeds import uniform
from ...model.vocab import CameraMove, ShotSize
from ..backend import ShotRequest
from . import props as pr
from . import style as st
from .camera import Camera
from .sets import build


class InsertScene:
    def __init__(self, req: ShotRequest) -> None:
        shot = req.shot
        self.W, self.H, self.n, self.fps = req.width, req.height, req.frames, req.fps
        self.cam = Camera(self.W, self.H, ShotSize.MCU, shot.angle, shot.move, shot.lens_mm, self.n, req.seed,
                          1.7, 1.72, 0.13)
        self.move = shot.move
        design = build(req.film_set, req.mood, self.cam, self.fps)
        self.kind = pr.kind_of(shot.prop)
        big = 0.5 if shot.size == ShotSize.ECU else 0.4
        W, H = self.W, self.H
        surface = design.surface
        back = st.mix(design.backdrop, (0, 0, 0), 0.25)
        seed = req.seed

        def draw(c: skia.Canvas) -> None:
            c.drawRect(skia.Rect(-W, -H, 2 * W, 2 * H), st.fill(back, aa=False))
            for k in range(9):  # out-of-focus lights behind
                x = uniform(-0.2, 1.2, seed, "bokeh", k) * W
                y = uniform(0.0, 0.4, seed, "bokeh-y", k) * H
                r = uniform(0.04, 0.12, seed, "bokeh-r", k) * H
                c.drawCircle(x, y, r, st.fill(st.mix(back, (255, 240, 210), 0.18 + 0.1 * (k % 3))))
            top = H * 0.44
            c.drawRect(skia.Rect(-W, top, 2 * W, 2 * H), st.fill(surface, aa=False))
            c.drawRect(skia.Rect(-W, top, 2 * W, top + H * 0.012), st.fill(st.lighter(surface, 0.2), aa=False))
            for k in range(-14, 15):  # grain running toward the lens
                x0 = W / 2 + k * W * 0.05
                x1 = W / 2 + k * W * 0.16
                c.drawLine(x0, top, x1, 2 * H, st.stroke(st.darker(surface, 0.9), max(1.0, H / 400)))
            size = big * H
            cx, cy = W / 2, H * 0.6
            c.drawOval(skia.Rect(cx - size * 0.6, cy + size * 0.38, cx + size * 0.6, cy + size * 0.56), st.fill((0, 0, 0), 60))
            c.save()
            c.translate(cx, cy)
            c.scale(size, size)
            pr.draw(c, self.kind)
            c.restore()

        self.pic = st.record((-W, -H, 2 * W, 2 * H), draw)
        self.prop_box = (W / 2 - big * H * 0.5, H * 0.6 - big * H * 0.5, W / 2 + big * H * 0.5, H * 0.6 + big * H * 0.5)
        self.bake = None
        if shot.move == CameraMove.STATIC:
            self.bake = np.zeros((H, W, 4), np.uint8)
            self._draw(skia.Surface(self.bake).getCanvas(), 0)

    def matrix(self, i: int) -> skia.Matrix:
        t = i / max(1, self.n - 1)
        e = t * t * (3 - 2 * t)
        W, H = self.W, self.H
        m = skia.Matrix()
        mv = self.move
        if mv == CameraMove.DOLLY_IN:
            s = 1.0 + 0.2 * e
            m.setScaleTranslate(s, s, W / 2 * (1 - s), H * 0.6 * (1 - s))
        elif mv == CameraMove.DOLLY_OUT:
            s = 1.2 - 0.2 * e
            m.setScaleTranslate(s, s, W / 2 * (1 - s), H * 0.6 * (1 - s))
        elif mv in (CameraMove.PAN_LEFT, CameraMove.TRUCK_LEFT):
            m = skia.Matrix.Translate(0.12 * W * (e - 0.5), 0)
        elif mv in (CameraMove.PAN_RIGHT, CameraMove.TRUCK_RIGHT):
            m = skia.Matrix.Translate(-0.12 * W * (e - 0.5), 0)
        elif mv == CameraMove.TILT_UP:
            m = skia.Matrix.Translate(0, 0.1 * H * (e - 0.5))
        elif mv == CameraMove.TILT_DOWN:
            m = skia.Matrix.Translate(0, -0.1 * H * (e - 0.5))
        elif mv == CameraMove.HANDHELD:
            px, py, _ = self.cam.shake_at(i / self.fps)
            m = skia.Matrix.Translate(px, py)
        if self.cam.roll0:
            m.postRotate(self.cam.roll0, W / 2, H / 2)
        return m

    def _draw(self, c: skia.Canvas, i: int) -> None:
        c.drawPicture(self.pic, self.matrix(i), None)

    def draw(self, c: skia.Canvas, buf: np.ndarray, i: int) -> None:
        if self.bake is not None:
            np.copyto(buf, self.bake)
        else:
            self._draw(c, i)

    def draw_depth(self, c: skia.Canvas, i: int) -> None:
        c.drawColor(skia.ColorBLACK)
        c.save()
        c.concat(self.matrix(i))
        W, H = self.W, self.H
        top = H * 0.44
        n = 24
        for k in range(n):
            y0 = top + (2 * H - top) * (k / n) ** 2
            y1 = top + (2 * H - top) * ((k + 1) / n) ** 2
            g = int(60 + 150 * (k + 1) / n)
            c.drawRect(skia.Rect(-W, y0, 2 * W, y1 + 1), st.fill((g, g, g), aa=False))
        x0, y0, x1, y1 = self.prop_box
        c.drawRoundRect(skia.Rect(x0, y0, x1, y1), (x1 - x0) * 0.1, (x1 - x0) * 0.1, st.fill((235, 235, 235)))
        c.restore()

    def keypoints(self, i: int) -> dict:
        return {}


__all__ = ["InsertScene", "math"]
