"""Heads: skull, hair, ears, eyes, brows, nose, mouth, facial hair and accessories, drawn for any
turn of the head from a small 3-D model (an ellipsoid with features on its surface) and
recorded as a skia Picture per (view, face state), in units of the head's half-height.

Face coordinates: x to the character's left, y down, z out of the face; the skull is the
ellipsoid with radii (RX, 1, RZ). A feature is drawn in the tangent plane of its anchor, so it
foreshortens and slides round the head as the head turns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from ...model.cast import Character, HairStyle
from ...model.vocab import Expression, Gender
from ..backend import Viseme
from . import headwear as hw
from . import style as st
from .rig import face_matrix

RX, RZ = 0.84, 0.9
LID = (52, 36, 34)
MOUTH_IN = (92, 30, 38)
TEETH = (246, 244, 238)
TONGUE = (214, 104, 110)
TEAR = (120, 190, 240)

# Hairline height (y, down) at azimuths 0 (forehead), 45, 90 (over the ear), 135, 180 (nape),
# and how far the hair stands off the skull.
_HAIRLINE = {
    HairStyle.BUZZ: ((-0.5, -0.4, -0.12, 0.35, 0.55), 1.015),
    HairStyle.SHORT: ((-0.5, -0.38, -0.1, 0.4, 0.62), 1.07),
    HairStyle.CURLY: ((-0.46, -0.36, 0.0, 0.45, 0.62), 1.14),
    HairStyle.BOB: ((-0.36, -0.2, 0.58, 0.78, 0.8), 1.1),
    HairStyle.PONYTAIL: ((-0.54, -0.42, -0.1, 0.22, 0.4), 1.04),
    HairStyle.BUN: ((-0.54, -0.42, -0.1, 0.22, 0.4), 1.04),
    HairStyle.LONG: ((-0.44, -0.24, 0.55, 0.9, 0.95), 1.08),
    HairStyle.BRAIDS: ((-0.5, -0.4, -0.05, 0.4, 0.6), 1.05),
}
# Styles added with issue 10, by value so this module loads with an older vocabulary too.
_HAIRLINE_BY_VALUE = {
    "dreadlocks": ((-0.48, -0.36, 0.0, 0.45, 0.62), 1.12),
    "afro": ((-0.48, -0.38, 0.1, 0.55, 0.7), 1.42),
    "mullet": ((-0.5, -0.38, -0.1, 0.55, 0.7), 1.07),
    "pixie": ((-0.36, -0.3, -0.08, 0.35, 0.55), 1.05),  # the fringe low on the forehead
    "long curly": ((-0.44, -0.24, 0.55, 0.9, 0.95), 1.16),
}
_CURLED = ("curly", "afro", "long curly", "long-curly")
_HANGING = ("long", "braids", "dreadlocks", "mullet", "long curly", "long-curly")


@dataclass(frozen=True)
class Expr:
    """Face controls: what the expression and the action make of brows, eyes and mouth."""

    brow_in: float  # inner end height offset (negative = up)
    brow_out: float
    brow_y: float  # brow line height
    eye_open: float  # 1 normal, >1 wide
    lid_tilt: float  # outer corner drop of the upper lid (sad > 0, angry < 0)
    smile: float  # mouth corners up (>0) or down (<0)
    mouth: tuple[float, float, bool, bool]  # (half width, open height, teeth, round) with no speech
    blush: bool = False


EXPRESSIONS: dict[Expression, Expr] = {
    Expression.NEUTRAL: Expr(0.0, 0.0, -0.3, 1.0, 0.0, 0.015, (0.2, 0.0, False, False)),
    Expression.HAPPY: Expr(-0.03, -0.01, -0.33, 0.88, 0.0, 0.1, (0.27, 0.0, False, False), blush=True),
    Expression.SAD: Expr(-0.1, 0.05, -0.3, 0.8, 0.06, -0.08, (0.19, 0.0, False, False)),
    Expression.ANGRY: Expr(0.09, -0.06, -0.26, 0.72, -0.07, -0.05, (0.21, 0.05, True, False)),
    Expression.SURPRISED: Expr(-0.14, -0.1, -0.4, 1.4, 0.0, 0.0, (0.11, 0.2, False, True)),
    Expression.AFRAID: Expr(-0.15, -0.02, -0.38, 1.3, 0.04, -0.05, (0.25, 0.11, True, False)),
}

# (half width, open height, upper teeth, lower teeth, round, tongue up)
VISEMES: dict[Viseme, tuple[float, float, bool, bool, bool, bool]] = {
    Viseme.REST: (0.2, 0.0, False, False, False, False),
    Viseme.MBP: (0.19, 0.0, False, False, False, False),
    Viseme.FV: (0.21, 0.05, True, False, False, False),
    Viseme.AI: (0.23, 0.27, True, False, False, False),
    Viseme.E: (0.26, 0.15, True, True, False, False),
    Viseme.EE: (0.29, 0.07, True, True, False, False),
    Viseme.O: (0.14, 0.22, False, False, True, False),
    Viseme.U: (0.085, 0.09, False, False, True, False),
    Viseme.L: (0.2, 0.17, True, False, False, True),
    Viseme.ETC: (0.22, 0.07, True, True, False, False),
}


@dataclass(frozen=True)
class FaceState:
    """Everything that changes a head's picture, quantised so pictures can be cached."""

    yaw: int  # degrees, 0 faces the camera, 90 faces screen right
    pitch: int  # degrees, positive looks down (camera pitch included)
    expr: Expression
    eyes: float  # 0 closed … 1 open
    mouth: Viseme | None  # None: the expression's own mouth
    gaze: tuple[int, int] = (0, 0)  # iris shift, -1/0/1 across and down, in camera space
    laugh: bool = False  # eyes squeezed shut in arcs, open laughing mouth
    tears: bool = False
    pucker: bool = False


_SHARED: dict[tuple, tuple[dict, dict, dict, dict]] = {}
_SHARED_MAX = 32


class Head:
    """One character's head: colours and shapes fixed per character, pictures cached per state."""

    def __init__(self, c: Character, haze: tuple[tuple[int, int, int], float] | None = None) -> None:
        look = c.look
        self.skin = st.rgb(look.skin)
        self.skin_dark = st.darker(self.skin, 0.84)
        self.lip = st.mix(st.darker(self.skin, 0.8), (170, 70, 80), 0.35 if look.gender == Gender.FEMALE else 0.12)
        self.hair = st.rgb(look.hair_color)
        self.style = look.hair_style
        if self.style == HairStyle.BUZZ:
            self.hair = st.mix(self.hair, self.skin, 0.35)
        self.brow = st.darker(self.hair, 0.75) if st.luma(self.hair) > 0.45 else self.hair
        self.eye = st.rgb(look.eye_color)
        self.female = look.gender == Gender.FEMALE
        self.facial_hair = look.facial_hair
        # "a white goatee" on dark hair: the model may give facial hair its own colour
        self.beard = st.rgb(getattr(look, "facial_hair_color", None) or look.hair_color)
        acc = look.outfit.accessory.lower()
        self.glasses = "glass" in acc or "spectacle" in acc or "sunglass" in acc
        self.sunglasses = "sunglass" in acc
        self.hat = hw.kind_of(look.outfit)
        hc = getattr(look.outfit, "headwear_color", None)
        if hc:
            self.hat_color = st.rgb(hc)
        elif self.hat in hw.COLORS:
            self.hat_color = hw.COLORS[self.hat]
        else:  # an unnamed colour: the outfit's, darker (as a plain "hat" accessory always was)
            self.hat_color = st.darker(st.rgb(look.outfit.bottom_color if look.outfit.bottom else look.outfit.top_color), 0.8)
        self.extras = frozenset(k for k in ("eyepatch", "earrings", "headphones") if k in acc)
        if haze is not None:
            hc, ha = haze
            for name in ("skin", "skin_dark", "lip", "hair", "brow", "eye", "beard", "hat_color"):
                setattr(self, name, st.mix(getattr(self, name), hc, ha))
        self.hairline, self.volume = _HAIRLINE.get(self.style) or _HAIRLINE_BY_VALUE.get(
            str(getattr(self.style, "value", self.style)), ((-2.0,) * 5, 1.0))
        self.style_name = str(getattr(self.style, "value", self.style))
        # Pictures and paths are pure functions of these attributes and the state, so heads
        # that look the same (the same character in the next shot) share one set of caches.
        key = (self.skin, self.skin_dark, self.lip, self.hair, self.style, self.brow, self.eye, self.female,
               self.facial_hair, self.beard, self.glasses, self.sunglasses, self.hat, self.hat_color,
               self.hairline, self.volume, self.extras)
        shared = _SHARED.get(key)
        if shared is None:
            if len(_SHARED) >= _SHARED_MAX:
                _SHARED.clear()
            shared = _SHARED[key] = ({}, {}, {}, {})
        self._cache: dict[FaceState, skia.Picture] = shared[0]
        self._back: dict[tuple[int, int], skia.Picture | None] = shared[1]
        self._outline: dict[tuple[int, int], skia.Path] = shared[2]
        self._views: dict[tuple[int, int], tuple] = shared[3]  # (yaw, pitch) → skull, hair, beard paths

    # -- pictures ---------------------------------------------------------------------------
    def picture(self, s: FaceState) -> skia.Picture:
        pic = self._cache.get(s)
        if pic is None:
            pic = st.record((-3, -3, 3, 4), lambda c: self._draw(c, s))
            self._cache[s] = pic
        return pic

    def back_hair(self, yaw: int, pitch: int) -> skia.Picture | None:
        """Long hair hanging behind the shoulders, drawn at body level (behind the torso when
        the character faces us, over it from behind); None for styles without it."""
        key = (yaw, pitch)
        if key not in self._back:
            self._back[key] = None
            if self.style_name in _HANGING and self.hat not in hw.HIDE_HAIR:
                self._back[key] = st.record((-3, -3, 3, 5), lambda c: self._draw_back_hair(c, yaw, pitch))
        return self._back[key]

    def outline(self, yaw: int, pitch: int) -> skia.Path:
        key = (yaw, pitch)
        path = self._outline.get(key)
        if path is None:
            r = face_matrix(yaw, pitch)
            path = self._outline[key] = _silhouette(r, self.volume if self.style != HairStyle.BALD else 1.0)
        return path

    # -- drawing ----------------------------------------------------------------------------
    def _view(self, yaw: int, pitch: int, r: np.ndarray) -> tuple:
        """The shapes that depend only on the view: skull outline, hair cap, facial hair."""
        key = (yaw, pitch)
        v = self._views.get(key)
        if v is None:
            v = self._views[key] = (_silhouette(r, 1.0), self._hair_cap(r), self._beard_region(r))
        return v

    def _draw(self, c: skia.Canvas, s: FaceState) -> None:
        r = face_matrix(s.yaw, s.pitch)
        skull, hair, beard = self._view(s.yaw, s.pitch, r)
        if self.hat in hw.HIDE_HAIR:
            hair = None
        if self.hat in hw.BEHIND:
            hw.draw_behind(c, self.hat, r, self.hat_color)
        # behind the skull: buns, ponytails, ears seen from the front
        back_first = (r @ np.array([0.0, -0.3, -1.0]))[2] < 0
        if back_first and hair is not None:
            self._draw_tail(c, r)
        for side in (1, -1):
            n = r @ np.array([side * 1.0, 0.0, 0.0])
            if n[2] < 0.35:
                self._ear(c, r, side, n)
        c.drawPath(skull, st.fill(self.skin))
        if self.hat == "ski mask":  # the knitted mask over the whole head; the face shows through its holes
            c.drawPath(skull, st.fill(self.hat_color))
        for side in (1, -1):
            n = r @ np.array([side * 1.0, 0.0, 0.0])
            if n[2] >= 0.35:
                self._ear(c, r, side, n)
        front = (r @ np.array([0.0, 0.0, 1.0]))[2]
        if front > -0.2:
            self._facial_hair(c, r, beard)
            self._features(c, r, s)
        if hair is not None:
            c.drawPath(hair, st.fill(self.hair))
            if self.style_name in _CURLED:
                self._curls(c, hair)
            elif self.style_name == "dreadlocks":
                self._locks(c, hair)
        if not back_first and hair is not None:
            self._draw_tail(c, r)
        if front > 0.1:
            self._brows(c, r, s)
            if self.glasses:
                self._glasses(c, r)
        if self.extras:
            self._extras(c, r, front)
        if self.hat == "hat":
            self._hat(c, r)
        elif self.hat:
            hw.draw(c, self.hat, r, self.hat_color)

    def _locks(self, c: skia.Canvas, hair: skia.Path) -> None:
        """Dreadlocks: thick ropes round the hair's edge, a darker line along each."""
        b = hair.getBounds()
        cx, cy = b.centerX(), b.centerY()
        n = hair.countPoints()
        rope, line = st.stroke(self.hair, 0.2), st.stroke(st.darker(self.hair, 0.7), 0.05)
        for i in range(0, n, max(1, n // 14)):
            p = hair.getPoint(i)
            dx, dy = p.x() - cx, p.y() - cy
            if dy > 0.3 and abs(dx) < 0.55:
                continue  # not across the face
            ln = math.hypot(dx, dy) or 1.0
            ex, ey = p.x() + dx / ln * 0.12, p.y() + 0.55
            c.drawLine(p.x(), p.y(), ex, ey, rope)
            c.drawLine(p.x(), p.y() + 0.1, ex, ey - 0.05, line)

    def _extras(self, c: skia.Canvas, r: np.ndarray, front: float) -> None:
        if "eyepatch" in self.extras and front > 0.1:
            m, facing = self._tangent(r, 0.35, 0.02, lift=0.04)
            if facing > 0.1:
                c.save()
                c.concat(m)
                c.drawOval(skia.Rect(-0.2, -0.16, 0.2, 0.16), st.fill((26, 24, 26)))
                c.restore()
            a, b = r @ np.array([0.84, -0.3, 0.0]), r @ np.array([-0.6, -0.55, 0.6])
            c.drawLine(float(a[0]), float(a[1]), float(b[0]), float(b[1]), st.stroke((26, 24, 26), 0.05))
        for side in (1, -1):
            n = r @ np.array([side * 1.0, 0.0, 0.0])
            if n[2] < -0.1:
                continue
            if "earrings" in self.extras:
                p = r @ np.array([side * RX * 0.98, 0.34, 0.0])
                c.drawCircle(float(p[0]), float(p[1]), 0.07, st.fill((222, 184, 60)))
            if "headphones" in self.extras:
                p = r @ np.array([side * RX * 1.02, 0.08, -0.02])
                c.drawCircle(float(p[0]), float(p[1]), 0.24, st.fill((34, 34, 38)))
        if "headphones" in self.extras:
            arc = [r @ np.array([0.98 * math.cos(t), -1.04 * math.sin(t), -0.05]) for t in np.linspace(0.15, math.pi - 0.15, 9)]
            c.drawPath(st.path([(float(p[0]), float(p[1])) for p in arc], close=False), st.stroke((34, 34, 38), 0.1))

    def _tangent(self, r: np.ndarray, fx: float, fy: float, lift: float = 0.0):
        """(matrix, facing) for the tangent plane of the skull at face point (fx, fy)."""
        rho = max(0.0, 1 - (fx / RX) ** 2 - fy ** 2)
        fz = RZ * math.sqrt(rho) + lift
        # surface gradient → normal; tangents along x and y on the surface
        nx, ny, nz = fx / RX ** 2, fy, fz / RZ ** 2
        nn = math.sqrt(nx * nx + ny * ny + nz * nz)
        n = r @ np.array([nx / nn, ny / nn, nz / nn])
        a, b = -nx / max(nz, 0.2), -ny / max(nz, 0.2)
        la, lb = math.sqrt(1.0 + a * a), math.sqrt(1.0 + b * b)
        tu = np.array([1.0 / la, 0.0, a / la])
        tv = np.array([0.0, 1.0 / lb, b / lb])
        p, u, v = r @ np.array([fx, fy, fz]), r @ tu, r @ tv
        m = skia.Matrix.MakeAll(float(u[0]), float(v[0]), float(p[0]), float(u[1]), float(v[1]), float(p[1]), 0, 0, 1)
        return m, float(n[2])

    def _ear(self, c, r, side, n) -> None:
        p = r @ np.array([side * RX * 0.98, 0.1, -0.05])
        u = r @ np.array([0.0, 0.0, -side * 1.0])
        v = r @ np.array([0.0, 1.0, 0.0])
        m = skia.Matrix.MakeAll(float(u[0]), float(v[0]), float(p[0]), float(u[1]), float(v[1]), float(p[1]), 0, 0, 1)
        c.save()
        c.concat(m)
        c.drawOval(skia.Rect(-0.14, -0.2, 0.14, 0.2), st.fill(self.skin))
        if n[2] > 0.3:
            c.drawArc(skia.Rect(-0.07, -0.11, 0.07, 0.11), 200, 180, False, st.stroke(self.skin_dark, 0.035))
        c.restore()

    def _features(self, c: skia.Canvas, r: np.ndarray, s: FaceState) -> None:
        e = EXPRESSIONS[s.expr]
        # eyes
        for side in (1, -1):
            m, facing = self._tangent(r, side * 0.35, 0.02)
            if facing < 0.12:
                continue
            c.save()
            c.concat(m)
            self._eye(c, side, e, s)
            c.restore()
        # blush
        if e.blush or s.laugh:
            for side in (1, -1):
                m, facing = self._tangent(r, side * 0.5, 0.36)
                if facing > 0.2:
                    c.save()
                    c.concat(m)
                    c.drawOval(skia.Rect(-0.13, -0.06, 0.13, 0.06), st.fill((236, 120, 120), 70))
                    c.restore()
        # nose: bridge, tip standing off the face, base
        top = r @ np.array([0.0, 0.05, RZ * 0.99])
        tip = r @ np.array([0.0, 0.34, RZ * 0.86 + 0.2])
        base = r @ np.array([0.0, 0.44, RZ * 0.83])
        wing = r @ np.array([0.09, 0.42, RZ * 0.82])
        wing2 = r @ np.array([-0.09, 0.42, RZ * 0.82])
        nose = st.path([(top[0], top[1]), (tip[0], tip[1]), (base[0], base[1])])
        c.drawPath(nose, st.fill(self.skin))
        c.drawPath(st.path([(tip[0], tip[1]), (base[0], base[1])], close=False), st.stroke(self.skin_dark, 0.05))
        if abs(wing[0] - wing2[0]) > 0.08:
            c.drawPath(st.path([(wing2[0], wing2[1]), (tip[0], tip[1] + 0.04), (wing[0], wing[1])], close=False),
                       st.stroke(self.skin_dark, 0.04))
        # tears
        if s.tears:
            for side in (1, -1):
                m, facing = self._tangent(r, side * 0.36, 0.3)
                if facing > 0.2:
                    c.save()
                    c.concat(m)
                    c.drawPath(st.path([(0, -0.08), (0.045, 0.06), (0, 0.1), (-0.045, 0.06)]), st.fill(TEAR))
                    c.drawPath(st.path([(0, 0.18), (0.035, 0.28), (0, 0.31), (-0.035, 0.28)]), st.fill(TEAR))
                    c.restore()
        # mouth
        m, facing = self._tangent(r, 0.0, 0.62)
        if facing > 0.05:
            c.save()
            c.concat(m)
            self._mouth(c, e, s)
            c.restore()

    def _eye(self, c: skia.Canvas, side: int, e: Expr, s: FaceState) -> None:
        w = 0.135
        if s.laugh:  # squeezed shut: an upward arc
            c.drawPath(st.path([(-w, 0.03), (0, -0.07), (w, 0.03)], close=False), st.stroke(LID, 0.05))
            return
        o = e.eye_open * s.eyes
        if o < 0.25:  # closed lid
            sag = 0.035 if s.eyes < 0.1 else 0.0
            p = skia.Path()
            p.moveTo(-w, 0)
            p.quadTo(0, 0.05 + sag, w, 0)
            c.drawPath(p, st.stroke(LID, 0.045))
            return
        h = 0.1 * o
        tilt = e.lid_tilt * side  # outer corner is +x for the left eye (side=1)
        up = skia.Path()
        up.moveTo(-w, 0.0 + (tilt if side < 0 else 0))
        up.quadTo(0, -h * 2 - 0.02, w, 0.0 + (tilt if side > 0 else 0))
        lower = skia.Path()
        lower.moveTo(w, (tilt if side > 0 else 0))
        lower.quadTo(0, h * 1.4 * (0.75 if e.smile > 0.05 else 1.0), -w, (tilt if side < 0 else 0))
        shape = skia.Path(up)
        shape.quadTo(0, h * 1.4 * (0.75 if e.smile > 0.05 else 1.0), -w, (tilt if side < 0 else 0))
        shape.close()
        c.drawPath(shape, st.fill((250, 250, 248)))
        # inside the eye: shapes cut to it when recorded (an anti-aliased clip costs far more
        # on every replay)
        gx, gy = s.gaze
        ix, iy = gx * 0.055, gy * 0.03 - 0.005
        ir = 0.075 if o < 1.2 else 0.062
        _draw_in(c, shape, _circle(ix, iy, ir), st.fill(self.eye))
        _draw_in(c, shape, _circle(ix, iy, ir * 0.5), st.fill((24, 20, 22)))
        _draw_in(c, shape, _circle(ix + ir * 0.35, iy - ir * 0.4, ir * 0.25), st.fill((255, 255, 255)))
        c.drawPath(up, st.stroke(LID, 0.045 if self.female else 0.035))
        if self.female:  # a lash flick at the outer corner
            ox = w * side
            oy = tilt if True else 0
            c.drawLine(ox, oy, ox + 0.05 * side, oy - 0.05, st.stroke(LID, 0.03))

    def _brows(self, c: skia.Canvas, r: np.ndarray, s: FaceState) -> None:
        e = EXPRESSIONS[s.expr]
        if s.laugh:
            e = EXPRESSIONS[Expression.HAPPY]
        thick = 0.055 if self.female else 0.075
        for side in (1, -1):
            m, facing = self._tangent(r, side * 0.36, e.brow_y, lift=0.02)
            if facing < 0.1:
                continue
            c.save()
            c.concat(m)
            p = skia.Path()
            inner_x, outer_x = -0.15 * side, 0.17 * side
            p.moveTo(inner_x, e.brow_in)
            p.quadTo(0.02 * side, -0.05 + (e.brow_in + e.brow_out) / 2, outer_x, e.brow_out + 0.02)
            c.drawPath(p, st.stroke(self.brow, thick))
            c.restore()

    def _mouth(self, c: skia.Canvas, e: Expr, s: FaceState) -> None:
        smile = e.smile
        if s.pucker:
            w, h, top, bottom, rnd, tongue = 0.07, 0.06, False, False, True, False
        elif s.laugh:
            w, h, top, bottom, rnd, tongue = 0.25, 0.2, True, False, False, False
            smile = 0.1
        elif s.mouth is not None:
            w, h, top, bottom, rnd, tongue = VISEMES[s.mouth]
            smile *= 0.5
        else:
            w, h, teeth, rnd = e.mouth
            top, bottom, tongue = teeth, teeth and h < 0.08, False
        if h <= 0.0:
            p = skia.Path()
            p.moveTo(-w, -smile)
            p.quadTo(0, smile * 0.9 + 0.015, w, -smile)
            thick = 0.06 if s.mouth == Viseme.MBP else 0.042
            c.drawPath(p, st.stroke(self.lip, thick))
            return
        if rnd:
            shape = skia.Path()
            shape.addOval(skia.Rect(-w, -h * 0.5, w, h * 0.5))
        else:
            shape = skia.Path()
            shape.moveTo(-w, -smile)
            shape.quadTo(0, -h * 0.55 - smile * 0.3, w, -smile)
            shape.quadTo(0, h * 0.9 + smile * 0.6, -w, -smile)
            shape.close()
        c.drawPath(shape, st.fill(MOUTH_IN))
        if top:
            _draw_in(c, shape, skia.Path.Rect(skia.Rect(-w, -h, w, -h * 0.5 + min(0.06, h * 0.4) - smile * 0.3)), st.fill(TEETH))
        if bottom:
            _draw_in(c, shape, skia.Path.Rect(skia.Rect(-w, h * 0.25, w, h)), st.fill(TEETH))
        if tongue:
            _draw_in(c, shape, skia.Path.Oval(skia.Rect(-w * 0.5, -h * 0.4, w * 0.5, h * 0.15)), st.fill(TONGUE))
        elif h > 0.12 and not bottom:
            _draw_in(c, shape, skia.Path.Oval(skia.Rect(-w * 0.55, h * 0.1, w * 0.55, h * 0.9)), st.fill(TONGUE))
        c.drawPath(shape, st.stroke(self.lip, 0.035))

    def _beard_region(self, r: np.ndarray) -> skia.Path | None:
        kind = self.facial_hair
        if kind not in ("beard", "stubble"):
            return None
        top = 0.3 if kind == "beard" else 0.36

        def line(a: float) -> float:
            d = abs(((math.degrees(a) + 180) % 360) - 180)
            if d > 100:
                return 0.995
            return top + 0.2 * math.cos(math.radians(d)) ** 2 + (0.995 - top - 0.2) * max(0.0, (d - 80) / 20)

        return _cap(r, 1.06 if kind == "beard" else 1.0, line, above=False)

    def _facial_hair(self, c: skia.Canvas, r: np.ndarray, region: skia.Path | None) -> None:
        kind = self.facial_hair
        if kind == "none":
            return
        if kind in ("beard", "stubble"):
            if region is not None:
                c.drawPath(region, st.fill(self.beard, 255 if kind == "beard" else 80))
        m, facing = self._tangent(r, 0.0, 0.5, lift=0.02)
        if kind == "goatee":  # a pointed tuft on the chin under the moustache
            mc, chin = self._tangent(r, 0.0, 0.84, lift=0.02)
            if chin > -0.2:
                c.save()
                c.concat(mc)
                c.drawPath(st.smooth_path([(-0.17, -0.12), (0.0, -0.08), (0.17, -0.12), (0.1, 0.16), (0.0, 0.28),
                                           (-0.1, 0.16)]), st.fill(self.beard))
                c.restore()
        if facing > 0.1 and kind in ("moustache", "beard", "goatee"):
            c.save()
            c.concat(m)
            p = st.smooth_path([(-0.26, 0.07), (-0.12, -0.06), (0, -0.04), (0.12, -0.06), (0.26, 0.07), (0, 0.03)])
            c.drawPath(p, st.fill(self.beard))
            c.restore()

    def _hair_cap(self, r: np.ndarray) -> skia.Path | None:
        if self.style == HairStyle.BALD:
            return None
        return _cap(r, self.volume, self._hairline_at, above=True)

    def _hairline_at(self, a: float) -> float:
        d = abs(((math.degrees(a) + 180) % 360) - 180) / 45  # 0..4
        i = min(3, int(d))
        t = d - i
        t = t * t * (3 - 2 * t)
        h = self.hairline
        return h[i] + (h[i + 1] - h[i]) * t


    def _curls(self, c: skia.Canvas, hair: skia.Path) -> None:
        b = hair.getBounds()
        cx, cy = b.centerX(), b.centerY()
        n = hair.countPoints()
        paint = st.fill(self.hair)
        for i in range(0, n, max(1, n // 22)):
            p = hair.getPoint(i)
            dx, dy = p.x() - cx, p.y() - cy
            if dy > 0.55 and abs(dx) < 0.5:
                continue
            c.drawCircle(p.x(), p.y(), 0.17, paint)

    def _draw_tail(self, c: skia.Canvas, r: np.ndarray) -> None:
        hair = st.fill(self.hair)
        if self.style == HairStyle.BUN:
            p = r @ np.array([0.0, -0.82, -0.55])
            c.drawCircle(float(p[0]), float(p[1]), 0.36, hair)
        elif self.style == HairStyle.PONYTAIL:
            pts = [r @ np.array(q) for q in ((0.0, -0.45, -0.88), (0.0, -0.3, -1.3), (0.0, 0.3, -1.3), (0.0, 0.85, -1.1))]
            p = skia.Path()
            p.moveTo(float(pts[0][0]), float(pts[0][1]))
            p.cubicTo(float(pts[1][0]), float(pts[1][1]), float(pts[2][0]), float(pts[2][1]), float(pts[3][0]), float(pts[3][1]))
            c.drawPath(p, st.stroke(self.hair, 0.36))
            c.drawCircle(float(pts[0][0]), float(pts[0][1]), 0.22, hair)

    def _draw_back_hair(self, c: skia.Canvas, yaw: int, pitch: int) -> None:
        r = face_matrix(yaw, pitch)
        hair = st.fill(self.hair)
        if self.style_name in ("long", "mullet", "long curly", "long-curly"):
            pts = []
            for y in np.linspace(-0.6, 1.3 if self.style_name == "mullet" else 2.5, 8):
                for b in np.linspace(-1.9, 1.9, 9):
                    wide = 0.98 + 0.12 * min(1.0, max(0.0, y))
                    pts.append(r @ np.array([wide * math.sin(b), y, -0.15 + 0.75 * math.cos(b) * -1 * (0.6 if y > 0.5 else 1)]))
            hull = st.hull([(float(p[0]), float(p[1])) for p in pts])
            c.drawPath(st.smooth_path(hull), hair)
        elif self.style_name == "dreadlocks":
            for x in (-0.8, -0.5, -0.2, 0.1, 0.4, 0.7):
                pts = [r @ np.array([x * k, y, z]) for k, y, z in
                       ((1.0, 0.0, -0.7), (1.15, 0.9, -0.55), (1.2, 1.8, -0.45), (1.2, 2.5, -0.4))]
                c.drawPath(st.smooth_path([(q[0], q[1]) for q in pts], close=False), st.stroke(self.hair, 0.26))
        elif self.style == HairStyle.BRAIDS:
            for side in (1, -1):
                pts = [r @ np.array([side * x, y, z]) for x, y, z in
                       ((0.8, 0.2, -0.2), (0.92, 0.9, -0.1), (0.9, 1.6, 0.05), (0.86, 2.3, 0.12))]
                p = st.smooth_path([(q[0], q[1]) for q in pts], close=False)
                c.drawPath(p, st.stroke(self.hair, 0.3))
                for i in range(1, 4):
                    q = pts[i]
                    c.drawCircle(float(q[0]), float(q[1]), 0.16, hair)
                end = pts[-1]
                c.drawCircle(float(end[0]), float(end[1]) + 0.12, 0.09, st.fill(st.darker(self.hair, 0.7)))

    def _glasses(self, c: skia.Canvas, r: np.ndarray) -> None:
        frame = st.stroke((40, 36, 40), 0.045)
        lens = st.fill((30, 30, 40), 210) if self.sunglasses else None
        for side in (1, -1):
            m, facing = self._tangent(r, side * 0.35, 0.02, lift=0.08)
            if facing < 0.1:
                continue
            c.save()
            c.concat(m)
            rect = skia.Rect(-0.19, -0.14, 0.19, 0.14)
            if lens:
                c.drawRoundRect(rect, 0.07, 0.07, lens)
            c.drawRoundRect(rect, 0.07, 0.07, frame)
            c.restore()
        a = r @ np.array([-0.16, 0.0, RZ * 0.98])
        b = r @ np.array([0.16, 0.0, RZ * 0.98])
        c.drawLine(float(a[0]), float(a[1]), float(b[0]), float(b[1]), frame)
        for side in (1, -1):  # the arm to the ear, seen from the side
            n = r @ np.array([side, 0.0, 0.0])
            if n[2] > 0.3:
                p0 = r @ np.array([side * 0.52, 0.0, 0.62])
                p1 = r @ np.array([side * 0.86, 0.05, -0.05])
                c.drawLine(float(p0[0]), float(p0[1]), float(p1[0]), float(p1[1]), frame)

    def _hat(self, c: skia.Canvas, r: np.ndarray) -> None:
        col = self.hat_color
        # a brimmed hat: the crown is a short cylinder, the brim a flat disc
        rim = [r @ np.array([1.3 * math.cos(t), -0.55, 1.3 * math.sin(t)]) for t in np.linspace(0, 2 * math.pi, 28, endpoint=False)]
        low = [r @ np.array([0.9 * math.cos(t), -0.6, 0.95 * math.sin(t)]) for t in np.linspace(0, 2 * math.pi, 20, endpoint=False)]
        top = [r @ np.array([0.82 * math.cos(t), -1.35, 0.86 * math.sin(t)]) for t in np.linspace(0, 2 * math.pi, 20, endpoint=False)]
        brim = st.path([(p[0], p[1]) for p in rim])
        crown = st.path(st.hull([(p[0], p[1]) for p in low + top]))
        c.drawPath(brim, st.fill(st.darker(col, 0.85)))
        c.drawPath(crown, st.fill(col))
        band = st.path(st.hull([(p[0], p[1]) for p in low] + [(p[0], p[1] - 0.12) for p in low]))
        c.drawPath(band, st.fill(st.darker(col, 0.6)))
        front = [p for p in rim if p[2] > 0]
        if len(front) > 2:
            c.drawPath(st.path([(p[0], p[1]) for p in sorted(front, key=lambda q: q[0])], close=False),
                       st.stroke(st.darker(col, 0.85), 0.08))


def _circle(x: float, y: float, r: float) -> skia.Path:
    p = skia.Path()
    p.addCircle(x, y, r)
    return p


def _draw_in(c: skia.Canvas, clip: skia.Path, shape: skia.Path, paint: skia.Paint) -> None:
    """Draw `shape` cut to `clip`."""
    cut = skia.Op(shape, clip, skia.PathOp.kIntersect_PathOp)
    if cut is not None and not cut.isEmpty():
        c.drawPath(cut, paint)


def _cap(r: np.ndarray, k: float, line, above: bool) -> skia.Path | None:
    """The visible part of the region of the skull (scaled by k) above (or below) the loop
    y = line(azimuth): the visible stretch of the loop, closed round the outline on the side
    that belongs to the region."""

    def member(q: np.ndarray) -> bool:
        y = line(math.atan2(q[0], q[2]))
        return q[1] < y if above else q[1] > y

    n = 72
    az = np.linspace(0, 2 * math.pi, n, endpoint=False)
    ys = np.clip(np.array([line(a) for a in az]), -0.995, 0.995)
    rho = np.sqrt(np.clip(1 - ys ** 2, 0, 1))
    q = np.stack([RX * rho * np.sin(az), ys, RZ * rho * np.cos(az)], axis=1) * k
    normals = np.stack([rho * np.sin(az) / RX, ys, rho * np.cos(az) / RZ], axis=1)
    pc = q @ r.T
    vis = (normals @ r.T)[:, 2] > 0
    sil = _silhouette(r, k)
    if not vis.any():
        front = r.T @ np.array([0.0, 0.0, 1.0])
        return sil if member(front) else None
    if vis.all():
        loop = st.path([(x, y) for x, y, _ in pc])
        pole = np.array([0.0, -1.0 if above else 1.0, 0.0])
        tip = r @ (pole * k)
        inside = loop.contains(float(tip[0]), float(tip[1]))
        if ((r @ pole)[2] > 0) == inside:
            return skia.Op(loop, sil, skia.PathOp.kIntersect_PathOp)
        return skia.Op(sil, loop, skia.PathOp.kDifference_PathOp)
    start = int(np.argmax(~vis))
    runs, cur = [], []
    for i in ((start + j) % n for j in range(n)):
        if vis[i]:
            cur.append(i)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    run = max(runs, key=len)
    pts = [(float(pc[i][0]), float(pc[i][1])) for i in run]
    rx, ry = _sil_radii(r, k)
    a0 = math.atan2(pts[-1][1] / ry, pts[-1][0] / rx)
    a1 = math.atan2(pts[0][1] / ry, pts[0][0] / rx)
    for sign in (1, -1):
        sweep = (a1 - a0) % (2 * math.pi) if sign > 0 else -((a0 - a1) % (2 * math.pi))
        mid = a0 + sweep / 2
        on_rim = r.T @ np.array([rx * math.cos(mid), ry * math.sin(mid), 0.0])
        if member(on_rim / k):
            arc = [(rx * math.cos(a0 + sweep * t), ry * math.sin(a0 + sweep * t)) for t in np.linspace(0, 1, 24)]
            return skia.Op(st.path(pts + arc), sil, skia.PathOp.kIntersect_PathOp)
    return None


def _sil_radii(r: np.ndarray, k: float) -> tuple[float, float]:
    """Screen radii of the skull's outline (an ellipse) for rotation r, scaled by k."""
    # support of the ellipsoid diag(RX, 1, RZ) along screen x and y
    d = np.diag([RX, 1.0, RZ])
    m = r @ d
    return k * float(np.linalg.norm(m[0])), k * float(np.linalg.norm(m[1]))


def _silhouette(r: np.ndarray, k: float) -> skia.Path:
    """The outline of the skull: an egg, a little narrower at the jaw."""
    d = np.diag([RX, 1.0, RZ]) * k
    m = r @ d
    # The projection of an ellipsoid is the ellipse x^T (M M^T)^-1 x = 1.
    q = m[:2] @ m[:2].T
    vals, vecs = np.linalg.eigh(q)
    a, b = math.sqrt(max(vals[1], 1e-9)), math.sqrt(max(vals[0], 1e-9))
    ang = math.atan2(vecs[1, 1], vecs[0, 1])
    pts = []
    down = r @ np.array([0.0, 1.0, 0.0])  # the chin side narrows
    for t in np.linspace(0, 2 * math.pi, 40, endpoint=False):
        x, y = a * math.cos(t), b * math.sin(t)
        ca, sa = math.cos(ang), math.sin(ang)
        px, py = x * ca - y * sa, x * sa + y * ca
        along = (px * down[0] + py * down[1]) / k
        if along > 0.2:
            squeeze = 1 - 0.2 * (along - 0.2) ** 1.5
            cx, cy = along * down[0] * k, along * down[1] * k
            px, py = cx + (px - cx) * squeeze, cy + (py - cy) * squeeze
        pts.append((px, py))
    return st.smooth_path(pts)


