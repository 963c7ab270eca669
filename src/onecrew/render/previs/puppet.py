"""A character drawn from its `Look`: legs, torso, arms, neck and head as rigged parts, sorted
by depth every frame so arms and legs pass in front of or behind the body as the pose and the
view say. Flat colours, a soft shadow under the feet, and one dark outline round the whole
silhouette so a character reads against any set.

`mode` draws the same shapes in one flat colour, for the mask and depth passes."""

from __future__ import annotations

import math

import numpy as np
import skia

from ...model.cast import Character
from . import props as pr
from .garments import garb_of, details
from . import style as st
from .actions import Performance
from .face import FaceState, Head
from .rig import (HEAD, L_AN, L_EL, L_HIP, L_KN, L_SH, L_TOE, L_WR, NECK, PELVIS, R_AN, R_EL, R_HIP, R_KN,
                  R_SH, R_TOE, R_WR, Solved, body_of, face_angles)

_SHORT_SLEEVES = ("t-shirt", "tshirt", "tee", "dress", "tank", "vest", "polo", "top")
_LONG_TOPS = ("coat", "jacket", "raincoat", "trench", "parka", "cardigan", "blazer")
_COLLARED = ("shirt", "blouse", "polo", "polo shirt", "flannel shirt", "uniform", "pyjamas")
CHAIR = (120, 86, 60)
_BODY_EXTRAS = ("bow tie", "backpack", "necklace", "gold chain", "chain", "braces", "suspenders", "satchel", "handbag",
                "bag", "stethoscope", "badge")


class Puppet:
    def __init__(self, c: Character, haze: tuple[tuple[int, int, int], float] | None = None) -> None:
        """`haze`: (colour, amount) every colour is washed toward, for a figure out of focus in
        the foreground."""
        self.id = c.id
        self.body = body_of(c)
        self.head = Head(c, haze)
        o = c.look.outfit
        top = o.top.lower()
        self.skin = st.rgb(c.look.skin)
        self.top = st.rgb(o.top_color)
        self.top_dark = st.darker(self.top, 0.8)
        self.dress = "dress" in top or (not o.bottom.strip() and "skirt" not in top)
        self.bottom = self.top if self.dress else st.rgb(o.bottom_color)
        bottom = o.bottom.lower()
        self.shorts = "short" in bottom
        self.skirt = "skirt" in bottom or self.dress
        self.short_sleeves = any(top == k or top.startswith(k) for k in _SHORT_SLEEVES) and "shirt" != top
        self.long_top = any(k in top for k in _LONG_TOPS)
        self.collar = any(top == k for k in _COLLARED)
        self.hoodie = "hood" in top
        self.shoes = st.rgb(o.shoes_color)
        # issue 10's garments (garments.py): whole-body kinds, coats over the top, sleeves
        g = self.garb = garb_of(o)
        if g.dress_reach is not None and "skirt" not in bottom:
            self.dress = self.skirt = True
            self.bottom = self.top
        if g.legs_in_top:
            self.dress = self.skirt = False
            self.bottom = self.top
        if g.top in ("suit", "tuxedo", "uniform", "scrubs", "tracksuit", "pyjamas", "chef's whites", "jumpsuit"):
            self.long_top = False
        self.short_sleeves = self.short_sleeves or g.sleeves == "short"
        self.sleeveless = g.sleeves == "none"
        self.outer = g.outer_rgb
        self.sleeve = self.outer if self.outer is not None and g.outer_sleeves else self.top
        if self.outer is not None and g.outer_sleeves:
            self.short_sleeves = self.sleeveless = False
        self.long_top = self.long_top or g.outer in ("jacket", "blazer", "parka", "puffer jacket", "fleece")
        self.turtle = g.top == "turtleneck"
        acc = o.accessory.lower()
        self.acc = acc
        ac = getattr(o, "accessory_color", None)
        self.acc_rgb = st.rgb(ac) if ac else None
        self.scarf = "scarf" in acc
        self.strap = "strap" in acc or "camera" in acc
        self.tie = acc.strip() in ("tie", "necktie")
        # accessories drawn on the body (glasses, earrings and the like are the head's)
        self._extras = tuple(k for k in _BODY_EXTRAS if k in acc and not (k == "bag" and ("satchel" in acc or "handbag" in acc)))
        self.seat_style = "chair"  # the set's: "chair", "stool", "office", or "car" (the set draws it)
        if haze is not None:
            hc, ha = haze
            for name in ("skin", "top", "top_dark", "bottom", "shoes", "sleeve", "outer", "acc_rgb"):
                if getattr(self, name) is not None:
                    setattr(self, name, st.mix(getattr(self, name), hc, ha))

    # -- helpers ----------------------------------------------------------------------------
    def shadow(self, c: skia.Canvas, s: Solved, u0: float, v0: float, scale: float, pitch: float) -> None:
        j = s.joints
        xs = [j[L_AN, 0], j[R_AN, 0], j[PELVIS, 0], j[HEAD, 0]]
        lo, hi = min(xs), max(xs)
        cx = u0 + scale * (lo + hi) / 2
        w = scale * ((hi - lo) / 2 + self.body.height * 0.16)
        flat = 0.16 + 0.7 * abs(math.sin(math.radians(pitch)))
        dz = scale * (j[PELVIS, 1] - j[L_AN, 1]) * 0.0
        h = w * flat
        c.drawOval(skia.Rect(cx - w, v0 - h + dz, cx + w, v0 + h + dz), st.fill((0, 0, 0), 38))
        c.drawOval(skia.Rect(cx - w * 0.7, v0 - h * 0.6, cx + w * 0.7, v0 + h * 0.6), st.fill((0, 0, 0), 40))

    def draw(self, c: skia.Canvas, s: Solved, perf: Performance, face: FaceState, u0: float, v0: float,
             scale: float, mode: tuple[int, int, int] | None = None, outline: bool = True) -> None:
        """`mode`: draw everything in that one colour (masks, depth)."""
        b = self.body
        j = s.joints
        xs = (u0 + scale * j[:, 0]).tolist()
        ys = (v0 + scale * j[:, 1]).tolist()
        d = j[:, 2].tolist()
        torso_d = (d[NECK] + d[PELVIS]) / 2
        yaw, pitch, roll = face_angles(s.head)
        fz = math.cos(math.radians(yaw))
        items: list[tuple[float, int, object]] = []
        # legs, arms: (depth, kind, args)
        # A leg that hangs under the body is behind the torso whatever the view: the hips and
        # the hem cover where it joins. Sorting it by its own depth put the near leg of a
        # turned figure in front of the top, a peg that started mid-torso. Only a thigh that
        # comes forward out of the body (sitting, kicking) may pass in front.
        f0, f1, f2 = s.chest[:, 2].tolist()  # plain floats: numpy element access costs more here
        inv = 1.0 / scale
        for side, hp, kn, an in ((1, L_HIP, L_KN, L_AN), (-1, R_HIP, R_KN, R_AN)):
            ld = (d[hp] + d[kn] + d[an]) / 3 + 0.01
            ahead = ((xs[kn] - xs[hp]) * f0 + (ys[kn] - ys[hp]) * f1) * inv - (d[kn] - d[hp]) * f2
            if ahead < 0.45 * b.thigh:
                ld = max(ld, torso_d + 0.008 + (0.001 if d[hp] > d[L_HIP if side < 0 else R_HIP] else 0.0))
            items.append((ld, 0, side))
        for side, sh, el, wr in ((1, L_SH, L_EL, L_WR), (-1, R_SH, R_EL, R_WR)):
            items.append(((d[sh] + d[el]) / 2 - 0.004, 1, (sh, el)))
            items.append(((d[el] + d[wr]) / 2 - 0.006, 2, (el, wr)))
        items.append((torso_d, 3, None))
        items.append((torso_d + 0.03, 4, None))  # neck
        head_d = min(d[HEAD], torso_d - 0.002)
        items.append((head_d, 5, None))
        qy, qp = int(round(yaw / 5.0)) * 5, int(round(pitch / 5.0)) * 5
        back = self.head.back_hair(qy, qp)
        if back is not None:
            items.append((torso_d + (0.05 if fz > -0.2 else -0.001), 6, back))
        for kind, side, params in perf.held:
            if side == 0:
                hd = min(d[L_WR], d[R_WR]) - 0.012
            else:
                hd = d[L_WR if side > 0 else R_WR] - 0.012
            items.append((hd, 7, (kind, side, params)))
        if self.scarf or self.strap or self.tie or self._extras:
            items.append((torso_d - 0.001 if fz > -0.3 else torso_d + 0.001, 8, None))
        items.sort(key=lambda it: -it[0])
        if mode is not None:
            col = lambda x: mode  # noqa: E731
            pic_paint = st.recolor(mode)
        else:
            col = lambda x: x  # noqa: E731
            pic_paint = None
        ow = max(1.0, min(3.2, scale * b.height * 0.0035))
        geo = _Geo(self, s, xs, ys, scale, yaw, qy, qp, roll)
        # Turned away from the front, the far leg is shaded so two legs read, not one.
        if abs(d[L_HIP] - d[R_HIP]) > 0.5 * b.hip_w:
            geo.far_leg = 1 if d[L_HIP] > d[R_HIP] else -1
        if s.seat > 0 and self.seat_style != "car":
            self._chair(c, geo, col)
        # A dark outline round the silhouette keeps small figures readable; big ones read by
        # their shapes, and an outline pass would double their (large) pixel cost.
        small = scale * b.height < 0.55 * c.getBaseLayerSize().height()
        passes = (True, False) if outline and mode is None and small else (False,)
        for out in passes:
            for _, kind, arg in items:
                if kind == 0:
                    self._leg(c, geo, arg, col, out, ow)
                elif kind == 1:
                    self._upper_arm(c, geo, arg, col, out, ow)
                elif kind == 2:
                    self._forearm(c, geo, arg, col, out, ow)
                elif kind == 3:
                    self._torso(c, geo, col, out, ow)
                elif kind == 4:
                    self._neck(c, geo, col, out, ow)
                elif kind == 5:
                    self._head(c, geo, face, col, out, ow, pic_paint)
                elif kind == 6:
                    self._picture(c, geo, arg, pic_paint, out, ow)
                elif kind == 7 and not out:
                    self._held(c, geo, arg, col)
                elif kind == 8 and not out:
                    self._accessory(c, geo, col)

    # -- parts ------------------------------------------------------------------------------
    def _line(self, c, x0, y0, x1, y1, width, color, out, ow, cap="round"):
        if out:
            c.drawLine(x0, y0, x1, y1, st.stroke(st.OUTLINE, width + 2 * ow, cap="round"))
        else:
            c.drawLine(x0, y0, x1, y1, st.stroke(color, width, cap=cap))

    def _leg(self, c, g, side, col, out, ow):
        b = self.body
        hip, kn, an, toe = (L_HIP, L_KN, L_AN, L_TOE) if side > 0 else (R_HIP, R_KN, R_AN, R_TOE)
        xs, ys, sc = g.xs, g.ys, g.scale
        tw, sw = b.thigh_w * sc, b.shin_w * sc
        shoe_w = b.ankle * 2.2 * sc
        if side == g.far_leg:
            # Side on, legs at rest stand one behind the other and read as a single peg: the
            # far one steps back a little (feet already apart, as in a stride, stay put).
            gap = abs(xs[L_AN] - xs[R_AN])
            if gap < sw:
                back = -math.copysign((sw - gap) * 0.6 * abs(g.fwd[0]), g.fwd[0])
                xs = list(xs)
                for k in (kn, an, toe):
                    xs[k] += back * (0.6 if k == kn else 1.0)
            if not out and col((1, 2, 3)) == (1, 2, 3):  # shaded, except in a mask pass
                col = lambda x: st.darker(x, 0.8)  # noqa: E731
        self._line(c, xs[an], ys[an], xs[toe], ys[toe], shoe_w, col(self.shoes), out, ow)
        if out:
            self._line(c, xs[hip], ys[hip], xs[kn], ys[kn], tw, None, True, ow)
            self._line(c, xs[kn], ys[kn], xs[an], ys[an], sw, None, True, ow)
            return
        bare = self.skirt
        leg = col(self.skin if bare else self.bottom)
        lower = col(self.skin if (bare or self.shorts) else self.bottom)
        gb = self.garb
        if gb.bottom == "leggings":  # close-fitting
            tw, sw = tw * 0.84, sw * 0.84
        c.drawLine(xs[kn], ys[kn], xs[an], ys[an], st.stroke(lower, sw))
        c.drawLine(xs[hip], ys[hip], xs[kn], ys[kn], st.stroke(col(self.skin) if self.shorts else leg, tw))
        if not bare and not self.shorts:
            if gb.bottom == "jeans" or gb.bottom_material == "denim":  # the outside seam's stitching
                o = tw * 0.3
                c.drawLine(xs[hip] + o, ys[hip], xs[kn] + o * 0.8, ys[kn], st.stroke(col((196, 160, 96)), max(1.0, sc * 0.006)))
            elif gb.bottom == "sweatpants":  # cuffed at the ankle
                c.drawLine(xs[an] + (xs[kn] - xs[an]) * 0.12, ys[an] + (ys[kn] - ys[an]) * 0.12, xs[an], ys[an],
                           st.stroke(col(st.darker(self.bottom, 0.75)), sw * 1.05, cap="butt"))
            elif gb.top == "tracksuit":  # the stripe down the leg
                c.drawLine(xs[hip], ys[hip], xs[an], ys[an], st.stroke(col((244, 244, 240)), max(1.0, sc * 0.008)))
        if self.shorts:
            mx, my = xs[hip] + (xs[kn] - xs[hip]) * 0.62, ys[hip] + (ys[kn] - ys[hip]) * 0.62
            c.drawLine(xs[hip], ys[hip], mx, my, st.stroke(col(self.bottom), tw * 1.08, cap="butt"))
            c.drawCircle(xs[hip], ys[hip], tw * 0.54, st.fill(col(self.bottom)))
        self._shoe(c, xs, ys, kn, an, toe, shoe_w, sw, col)

    def _shoe(self, c, xs, ys, kn, an, toe, shoe_w, sw, col):
        kind = self.garb.shoes
        shoe = col(self.shoes)
        if kind in ("boots", "rubber boots"):  # a shaft up the shin
            k = 0.45 if kind == "rubber boots" else 0.28
            c.drawLine(xs[an], ys[an], xs[an] + (xs[kn] - xs[an]) * k, ys[an] + (ys[kn] - ys[an]) * k,
                       st.stroke(shoe, sw * 1.12, cap="butt"))
        if kind == "sandals":
            c.drawLine(xs[an], ys[an], xs[toe], ys[toe], st.stroke(col(self.skin), shoe_w * 0.8))
            c.drawLine(xs[an], ys[an], xs[toe], ys[toe], st.stroke(shoe, shoe_w * 0.3))
            return
        if kind == "heels":
            c.drawLine(xs[an], ys[an], xs[toe], ys[toe], st.stroke(shoe, shoe_w * 0.7))
            c.drawLine(xs[an], ys[an], xs[an], ys[an] + shoe_w * 0.8, st.stroke(shoe, shoe_w * 0.25))
            return
        c.drawLine(xs[an], ys[an], xs[toe], ys[toe], st.stroke(shoe, shoe_w * (1.15 if kind == "slippers" else 1.0)))
        if kind == "sneakers":  # the white sole
            d = shoe_w * 0.35
            c.drawLine(xs[an], ys[an] + d, xs[toe], ys[toe] + d, st.stroke(col((240, 240, 236)), shoe_w * 0.3))

    def _upper_arm(self, c, g, arg, col, out, ow):
        sh, el = arg
        w = self.body.arm_w * g.scale
        if out:
            self._line(c, g.xs[sh], g.ys[sh], g.xs[el], g.ys[el], w, None, True, ow)
            return
        c.drawLine(g.xs[sh], g.ys[sh], g.xs[el], g.ys[el], st.stroke(col(self.skin if self.sleeveless else self.sleeve), w))
        if self.sleeveless:  # a strap over the shoulder
            c.drawCircle(g.xs[sh], g.ys[sh], w * 0.5, st.fill(col(self.top)))

    def _forearm(self, c, g, arg, col, out, ow):
        el, wr = arg
        b = self.body
        xs, ys, sc = g.xs, g.ys, g.scale
        w = b.fore_w * sc
        dx, dy = xs[wr] - xs[el], ys[wr] - ys[el]
        ln = math.hypot(dx, dy) or 1.0
        hx, hy = xs[wr] + dx / ln * b.hand_r * sc * 0.5, ys[wr] + dy / ln * b.hand_r * sc * 0.5
        hr = b.hand_r * sc
        if out:
            self._line(c, xs[el], ys[el], xs[wr], ys[wr], w, None, True, ow)
            c.drawCircle(hx, hy, hr + ow, st.fill(st.OUTLINE))
            return
        if self.sleeveless:
            c.drawLine(xs[el], ys[el], xs[wr], ys[wr], st.stroke(col(self.skin), w))
        elif self.short_sleeves:
            c.drawLine(xs[el], ys[el], xs[wr], ys[wr], st.stroke(col(self.skin), w))
            c.drawCircle(xs[el], ys[el], self.body.arm_w * sc * 0.5, st.fill(col(self.top)))
            c.drawLine(g.xs[L_SH if el == L_EL else R_SH], g.ys[L_SH if el == L_EL else R_SH], xs[el], ys[el],
                       st.stroke(col(self.skin), b.arm_w * sc * 0.92))
            sh = L_SH if el == L_EL else R_SH
            mx, my = g.xs[sh] + (xs[el] - g.xs[sh]) * 0.45, g.ys[sh] + (ys[el] - g.ys[sh]) * 0.45
            c.drawLine(g.xs[sh], g.ys[sh], mx, my, st.stroke(col(self.top), b.arm_w * sc * 1.12, cap="butt"))
        else:
            c.drawLine(xs[el], ys[el], xs[wr], ys[wr], st.stroke(col(self.sleeve), w))
            c.drawLine(xs[wr] - dx / ln * w * 0.1, ys[wr] - dy / ln * w * 0.1, xs[wr], ys[wr],
                       st.stroke(col(self.top_dark if self.sleeve == self.top else st.darker(self.sleeve, 0.8)), w * 1.04, cap="butt"))
        hand = self.acc_rgb or (40, 36, 36) if "glove" in self.acc else self.skin
        c.drawCircle(hx, hy, hr, st.fill(col(hand)))
        if "watch" in self.acc and el == L_EL:
            c.drawCircle(xs[wr], ys[wr], w * 0.35, st.fill(col((200, 200, 206))))

    def _torso_pts(self, g, levels):
        """Outline points of a body section between neck and pelvis: (s along the spine, half
        width in metres, half depth) per level → right side down, left side up."""
        xs, ys, sc = g.xs, g.ys, g.scale
        nx0, ny0, px, py = xs[NECK], ys[NECK], xs[PELVIS], ys[PELVIS]
        tx, ty = px - nx0, py - ny0
        ln = math.hypot(tx, ty) or 1.0
        tx, ty = tx / ln, ty / ln
        nx, ny = ty, -tx
        if nx < 0:
            nx, ny = -nx, -ny
        lat, fwd = g.lat, g.fwd
        lp = lat[0] * nx + lat[1] * ny
        fp = fwd[0] * nx + fwd[1] * ny
        right, left = [], []
        for s, a, bb in levels:
            w = sc * math.sqrt((a * lp) ** 2 + (bb * fp) ** 2)
            cx, cy = nx0 + tx * ln * s, ny0 + ty * ln * s
            right.append((cx + nx * w, cy + ny * w))
            left.append((cx - nx * w, cy - ny * w))
        return right, left, (tx, ty, ln)

    def _torso(self, c, g, col, out, ow):
        b = self.body
        hd = b.torso_hd
        top_len = 1.3 if self.long_top else 1.06
        # hips in the bottom colour (or the skirt), under the top
        if self.skirt:
            skirt = self._hang(g, self.garb.dress_reach, 1.45 if self.garb.dress_reach is None or
                               self.garb.dress_reach < 0.8 else 1.75)
            if out:
                c.drawPath(skirt, st.stroke(st.OUTLINE, 2 * ow))
            else:
                c.drawPath(skirt, st.fill(col(self.bottom)))
        else:
            r, l, _ = self._torso_pts(g, [(0.7, b.waist_hw, hd), (1.0, b.hips_hw, hd), (1.16, b.hips_hw * 0.9, hd * 0.9)])
            pelvis = st.path(r + l[::-1])
            if out:
                c.drawPath(pelvis, st.stroke(st.OUTLINE, 2 * ow))
            else:
                c.drawPath(pelvis, st.fill(col(self.bottom)))
        if self.outer is not None and self.garb.outer_reach is not None:  # a long coat to its hem
            coat = self._hang(g, self.garb.outer_reach, 1.5 if self.garb.outer != "cloak" else 2.0)
            c.drawPath(coat, st.stroke(st.OUTLINE, 2 * ow) if out else st.fill(col(self.outer)))
        if self.garb.top == "crop top" and not out:  # the midriff shows
            r, l, _ = self._torso_pts(g, [(0.55, b.waist_hw, hd), (0.95, b.waist_hw, hd)])
            c.drawPath(st.path(r + l[::-1]), st.fill(col(self.skin)))
            top_len = 0.62
        sh_hw = b.shoulder_w + b.arm_w * 0.38
        levels = [(-0.05, sh_hw * 0.62, hd * 0.8), (0.02, sh_hw, hd), (0.22, b.chest_hw, hd * 1.05),
                  (0.62, b.waist_hw, hd), (top_len, b.hips_hw * (1.12 if self.long_top else 1.0), hd)]
        r, l, (tx, ty, ln) = self._torso_pts(g, levels)
        shape = st.smooth_path([r[0]] + r + l[::-1] + [l[0]])
        if out:
            c.drawPath(shape, st.stroke(st.OUTLINE, 2 * ow))
            return
        c.drawPath(shape, st.fill(col(self.top if self.outer is None else self.outer)))
        if col(self.top) != self.top:
            return
        details(c, self, g, g.scale)
        facing = g.fwd[2]  # > 0: the chest faces the camera
        if facing > 0.3:
            nx0, ny0 = g.xs[NECK], g.ys[NECK]
            cx = nx0 + g.lat_shift
            if self.collar:
                w = b.head_w * g.scale * 0.5
                c.drawPath(st.path([(cx - w, ny0 - w * 0.2), (cx, ny0 + w * 1.1), (cx + w, ny0 - w * 0.2)]),
                           st.fill(st.lighter(self.top, 0.45)))
            if self.long_top:
                c.drawLine(cx, ny0 + 2, cx + tx * ln * (top_len - 0.05), ny0 + ty * ln * (top_len - 0.05),
                           st.stroke(self.top_dark, max(1.0, g.scale * 0.012)))
        hem = 0.96 * top_len
        rr, ll, _ = self._torso_pts(g, [(hem, b.hips_hw * (1.1 if self.long_top else 0.99), hd)])
        if not self.dress and not self.garb.legs_in_top:
            hem_c = self.top_dark if self.outer is None else st.darker(self.outer, 0.8)
            c.drawLine(rr[0][0], rr[0][1], ll[0][0], ll[0][1], st.stroke(hem_c, max(1.0, g.scale * 0.02), cap="butt"))

    def _hang(self, g, reach, flare):
        """A skirt, a dress or a coat's skirts: from the waist to `reach` of the way down the
        legs (None: to the knees, as skirts always were), widening to `flare` hip widths."""
        b, hd = self.body, self.body.torso_hd
        r0, l0, (tx, ty, ln) = self._torso_pts(g, [(0.6, b.waist_hw, hd)])
        if reach is None:
            end_y = (g.ys[L_KN] + g.ys[R_KN]) / 2
        else:
            hip_y = (g.ys[L_HIP] + g.ys[R_HIP]) / 2
            end_y = hip_y + reach * (max(g.ys[L_AN], g.ys[R_AN]) - hip_y)
        span = max(1.1, (end_y - g.ys[NECK]) / max(1.0, ty * ln) - 0.02) if ty > 0.3 else 1.45
        r1, l1, _ = self._torso_pts(g, [(1.0, b.hips_hw * 1.05, hd * 1.1), (span, b.hips_hw * flare, hd * 1.5)])
        return st.path(r0 + r1 + l1[::-1] + l0)

    def _neck(self, c, g, col, out, ow):
        b = self.body
        hx, hy = g.xs[HEAD], g.ys[HEAD]
        nx, ny = g.xs[NECK], g.ys[NECK]
        # from the base of the neck to under the chin
        ex, ey = nx + (hx - nx) * 0.55, ny + (hy - ny) * 0.55
        w = b.head_w * 0.72 * g.scale
        if out:
            self._line(c, nx, ny, ex, ey, w, None, True, ow)
            return
        c.drawLine(nx, ny, ex, ey, st.stroke(col(self.skin), w, cap="butt"))
        if self.turtle:
            mx, my = nx + (ex - nx) * 0.75, ny + (ey - ny) * 0.75
            c.drawLine(nx, ny, mx, my, st.stroke(col(self.top), w * 1.12, cap="butt"))
        if self.hoodie and g.fwd[2] < -0.3:  # from behind, the hood hangs between the shoulders
            c.drawOval(skia.Rect(nx - w * 1.2, ny - w * 0.3, nx + w * 1.2, ny + w * 1.4), st.fill(col(self.top_dark)))
        if self.hoodie:
            c.drawOval(skia.Rect(nx - w, ny - w * 0.5, nx + w, ny + w * 0.4), st.fill(col(self.top_dark)))

    def _at_head(self, c, g) -> float:
        """Move the canvas into the head's own units (saved: restore after); returns the scale."""
        c.save()
        c.translate(g.xs[HEAD], g.ys[HEAD])
        c.rotate(g.roll)
        k = g.scale * self.body.head_r
        c.scale(k, k)
        return k

    def _head(self, c, g, face: FaceState, col, out, ow, paint):
        k = self._at_head(c, g)
        if out:
            c.drawPath(self.head.outline(g.qy, g.qp), st.stroke(st.OUTLINE, 2 * ow / k))
        else:
            c.drawPicture(self.head.picture(face), None, paint)
        c.restore()

    def _picture(self, c, g, pic, paint, out, ow):
        if out:
            return
        self._at_head(c, g)
        c.drawPicture(pic, None, paint)
        c.restore()

    def _held(self, c, g, arg, col):
        kind, side, params = arg
        b, sc = self.body, g.scale
        if side == 0:
            x, y = (g.xs[L_WR] + g.xs[R_WR]) / 2, (g.ys[L_WR] + g.ys[R_WR]) / 2
        else:
            wr = L_WR if side > 0 else R_WR
            x, y = g.xs[wr], g.ys[wr]
        color = None if col((1, 2, 3)) == (1, 2, 3) else col((90, 90, 90))
        if kind == "wheel":
            cx, cy, cz = params["at"]
            r = params["r"]
            m = g.chest
            ax = m[:, 0] * r * sc
            ay = -m[:, 1] * r * sc
            c.save()
            c.concat(skia.Matrix.MakeAll(float(ax[0]), float(ay[0]), x, float(ax[1]), float(ay[1]), y, 0, 0, 1))
            c.drawCircle(0, 0, 1.0, st.stroke(color or (40, 40, 44), 0.2))
            c.drawLine(-1, 0, 1, 0, st.stroke(color or (40, 40, 44), 0.14))
            c.restore()
            return
        size = pr.SIZES.get(kind, 0.15) * sc
        squash = max(0.45, abs(g.fwd[2]))
        c.save()
        if kind == "camera":
            c.translate(x, y - b.hand_r * sc * 0.3)
        elif kind in ("book", "box", "openbox", "notepad", "plate"):
            c.translate(x, y - size * 0.15)
        elif kind == "cup":
            c.translate(x, y - size * 0.35)
        else:
            c.translate(x, y - size * 0.2)
        c.scale(size * squash, size)
        if color is None:
            pr.draw(c, kind, **params)
        else:
            pr.draw(c, kind, color, **params)
        c.restore()

    def _accessory(self, c, g, col):
        b, sc = self.body, g.scale
        nx, ny = g.xs[NECK], g.ys[NECK]
        if self.scarf:
            w = b.head_w * sc * 1.1
            band = skia.Rect(nx - w, ny - w * 0.3, nx + w, ny + w * 0.35)
            scarf = col(st.mix(self.bottom, (200, 40, 60), 0.6))
            c.drawRoundRect(band, w * 0.3, w * 0.3, st.fill(scarf))
            if g.fwd[2] > 0.2:
                c.drawRect(skia.Rect(nx + w * 0.2, ny, nx + w * 0.6, ny + w * 1.6), st.fill(scarf))
        if self.strap:
            sh, hp = (R_SH, L_HIP)
            c.drawLine(g.xs[sh], g.ys[sh], g.xs[hp], g.ys[hp], st.stroke(col((50, 40, 36)), max(1.0, sc * 0.012)))
            size = 0.1 * sc
            c.save()
            c.translate(g.xs[hp], g.ys[hp] - size * 0.3)
            c.scale(size, size)
            pr.draw(c, "camera", None if col((1, 2, 3)) == (1, 2, 3) else col((0, 0, 0)))
            c.restore()
        if self.tie and g.fwd[2] > 0.3:
            self._draw_tie(c, nx, ny, sc, col)
        if self._extras:
            self._body_extras(c, g, col)

    def _draw_tie(self, c, nx, ny, sc, col=lambda x: x):
        w = self.body.head_w * sc * 0.18
        tie = self.acc_rgb if self.acc_rgb is not None else (150, 40, 50)
        c.drawPath(st.path([(nx - w, ny), (nx + w, ny), (nx + w * 1.3, ny + w * 9), (nx, ny + w * 10.5),
                            (nx - w * 1.3, ny + w * 9)]), st.fill(col(tie)))

    def _body_extras(self, c, g, col):
        """Bags, chains, braces, a stethoscope, a badge, a bow tie: a line or two each."""
        b, sc = self.body, g.scale
        xs, ys = g.xs, g.ys
        nx, ny = xs[NECK], ys[NECK]
        front = g.fwd[2] > 0.3
        own = self.acc_rgb
        lw = max(1.0, sc * 0.012)
        w = b.head_w * sc
        for k in self._extras:
            if k == "bow tie" and front:
                c.drawPath(st.path([(nx - w * 0.35, ny - w * 0.15), (nx + w * 0.35, ny + w * 0.15),
                                    (nx + w * 0.35, ny - w * 0.15), (nx - w * 0.35, ny + w * 0.15)]),
                           st.fill(col(own or (30, 30, 34))))
            elif k in ("necklace", "gold chain", "chain") and front:
                c.drawArc(skia.Rect(nx - w * 0.6, ny - w * 0.5, nx + w * 0.6, ny + w * (0.9 if k == "necklace" else 0.7)),
                          20, 140, False, st.stroke(col(own or (222, 184, 60)), lw * (1.0 if k == "necklace" else 1.6)))
            elif k == "stethoscope":
                c.drawArc(skia.Rect(nx - w * 0.7, ny - w * 0.6, nx + w * 0.7, ny + w * 1.8), 0, 180, False,
                          st.stroke(col((40, 40, 46)), lw * 1.4))
                c.drawCircle(nx + w * 0.45, ny + w * 1.7, lw * 2.2, st.fill(col((190, 190, 196))))
            elif k == "badge" and front:
                x, y = xs[L_SH] + (nx - xs[L_SH]) * 0.4, ny + w * 0.9
                c.drawCircle(x, y, w * 0.16, st.fill(col(own or (214, 176, 60))))
            elif k in ("braces", "suspenders") and front:
                for sh, hp in ((L_SH, L_HIP), (R_SH, R_HIP)):
                    c.drawLine(xs[sh] + (nx - xs[sh]) * 0.3, ys[sh], xs[hp], ys[hp],
                               st.stroke(col(own or (120, 30, 40)), lw * 1.3))
            elif k == "backpack":
                # straps over the shoulders in front; the pack itself from behind or side on
                bag = col(own or (60, 80, 70))
                if g.fwd[2] < 0.2:
                    px, py = xs[PELVIS], ys[PELVIS]
                    c.drawRoundRect(skia.Rect(nx - w * 0.9 - g.fwd[0] * w, ny + w * 0.2, nx + w * 0.9 - g.fwd[0] * w,
                                              ny + (py - ny) * 0.8), w * 0.3, w * 0.3, st.fill(bag))
                else:
                    for sh in (L_SH, R_SH):
                        c.drawLine(xs[sh], ys[sh], xs[sh], ys[sh] + w * 2.2, st.stroke(bag, lw * 1.8))
            elif k in ("satchel", "handbag", "bag"):
                hp, sh = (L_HIP, R_SH)
                bag = col(own or (110, 70, 44))
                size = w * {"handbag": 0.9, "satchel": 1.1}.get(k, 1.35)
                c.drawLine(xs[sh], ys[sh], xs[hp], ys[hp], st.stroke(bag, lw))
                c.drawRoundRect(skia.Rect(xs[hp] - size * 0.6, ys[hp] - size * 0.3, xs[hp] + size * 0.6, ys[hp] + size * 0.5),
                                size * 0.15, size * 0.15, st.fill(bag))

    def _chair(self, c, g, col):
        b, sc = self.body, g.scale
        xs, ys = g.xs, g.ys
        px, py = xs[PELVIS], ys[PELVIS]
        ground = max(ys[L_AN], ys[R_AN]) + b.ankle * sc
        seat_y = py + b.thigh_w * sc * 0.45
        w = b.hips_hw * sc * 1.7
        wood = col(CHAIR)
        dark = col(st.darker(CHAIR, 0.75))
        # back rest behind the torso, seat, legs
        c.drawRect(skia.Rect(px - w * 0.85, seat_y - b.torso_len * sc * 0.85, px + w * 0.85, seat_y - b.torso_len * sc * 0.55), st.fill(wood))
        for sx in (-0.75, 0.75):
            c.drawRect(skia.Rect(px + w * sx - w * 0.08, seat_y - b.torso_len * sc * 0.85, px + w * sx + w * 0.08, ground), st.fill(dark))
        kx = (xs[L_KN] + xs[R_KN]) / 2
        lo, hi = min(px - w, kx - w * 0.6), max(px + w, kx + w * 0.6)
        c.drawRect(skia.Rect(lo, seat_y - w * 0.1, hi, seat_y + w * 0.12), st.fill(wood))


class _Geo:
    """Screen geometry of one solved pose."""

    __slots__ = ("xs", "ys", "scale", "yaw", "qy", "qp", "roll", "lat", "fwd", "chest", "lat_shift", "far_leg")

    def __init__(self, p: Puppet, s: Solved, xs, ys, scale, yaw, qy, qp, roll):
        self.xs, self.ys, self.scale = xs, ys, scale
        self.yaw, self.qy, self.qp, self.roll = yaw, qy, qp, roll
        m = s.chest
        self.chest = m
        self.lat = (float(m[0, 0]), float(m[1, 0]), float(m[2, 0]))
        self.fwd = (float(m[0, 2]), float(m[1, 2]), float(m[2, 2]))
        self.lat_shift = 0.0
        self.far_leg = 0  # the side (1 left, -1 right) of the leg drawn shaded, 0 for none


def face_state(yaw: float, pitch: float, **kw) -> FaceState:
    return FaceState(int(round(yaw / 5.0)) * 5, int(round(pitch / 5.0)) * 5, **kw)


__all__ = ["Puppet", "face_state", "np"]
