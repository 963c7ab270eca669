"""Sets: a sky (or back wall), a ground plane and billboard layers at real depths, for every
location kind × time of day, INT or EXT.

Billboards are recorded once per shot as skia Pictures in metres (x right, y up) and replayed
every frame under the camera's parallax matrix for their depth; the ground is drawn per frame
as bands and quads at depths, so a truck or dolly moves near things faster than far ones.
Layout varies per set id (not per shot), so a location looks the same in every shot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import skia

from ...model.seeds import derive, uniform
from ...model.storyboard import FilmSet
from ...model.vocab import IntExt, LocationKind, Mood, TimeOfDay
from ...vocabulary.places import OUTDOOR_KINDS
from . import set_places
from . import style as st
from .camera import Camera, View

RGB = tuple[int, int, int]
INF = math.inf

SKY: dict[TimeOfDay, tuple[RGB, RGB, RGB]] = {  # top, middle, horizon
    TimeOfDay.DAWN: ((88, 104, 164), (214, 158, 176), (250, 212, 170)),
    TimeOfDay.DAY: ((72, 138, 214), (126, 180, 232), (200, 228, 246)),
    TimeOfDay.SUNSET: ((50, 56, 118), (196, 98, 112), (250, 172, 92)),
    TimeOfDay.NIGHT: ((10, 15, 38), (22, 30, 62), (44, 56, 96)),
}
LIGHT: dict[TimeOfDay, tuple[float, RGB, float]] = {  # multiplier, tint, tint amount
    TimeOfDay.DAWN: (0.93, (255, 196, 200), 0.12),
    TimeOfDay.DAY: (1.0, (255, 255, 255), 0.0),
    TimeOfDay.SUNSET: (0.86, (255, 150, 90), 0.18),
    TimeOfDay.NIGHT: (0.45, (50, 70, 140), 0.3),
}
MOOD_TINT: dict[Mood, tuple[RGB, float]] = {
    Mood.TENSE: ((90, 110, 130), 0.1), Mood.SAD: ((110, 120, 150), 0.12), Mood.MYSTERIOUS: ((40, 50, 90), 0.14),
    Mood.ROMANTIC: ((255, 170, 180), 0.06), Mood.JOYFUL: ((255, 230, 170), 0.04),
}
LIT_WINDOW = (255, 214, 130)
EXTERIOR = {LocationKind.BEACH, LocationKind.STREET, LocationKind.PARK, LocationKind.ROOFTOP}
# The outdoor kinds among those added for issue 10, and what an indoor one shows from outside.
EXTERIOR_NEW = OUTDOOR_KINDS - EXTERIOR
_K = LocationKind
_VIEW = {_K.HARBOUR: "sea", _K.PIER: "sea", _K.BOAT_DECK: "sea", _K.LIGHTHOUSE: "sea", _K.ALLEY: "city",
         _K.PARKING_LOT: "city", _K.TRAIN_STATION: "city"}
_FEATURE = {**{k: "house" for k in (_K.KITCHEN, _K.BEDROOM, _K.LIVING_ROOM, _K.BATHROOM, _K.HALLWAY)},
            **{k: "bar" for k in (_K.CAFE, _K.RESTAURANT, _K.SHOP, _K.BALLROOM)},
            _K.CHURCH: "church", _K.BUS: "car", _K.TRAM: "car", _K.TRAIN: "car"}


@dataclass
class Layer:
    z: float
    pic: skia.Picture


@dataclass
class Design:
    sky: skia.Picture | None
    backdrop: RGB  # what shows where nothing else is drawn
    layers: list[Layer]  # billboards, far first
    bands: list[tuple[float, RGB]]  # ground colour from each depth on, nearest first
    ground_end: float = INF
    ground: list[tuple] = field(default_factory=list)  # ("rect", x0, z0, x1, z1, rgb) | ("ellipse", x, z, rx, rz, rgb)
    overlay: Callable[[skia.Canvas, Camera, View], None] | None = None  # in front of everything
    live: Callable[[skia.Canvas, Camera, View, float], None] | None = None  # changes with time
    seat: str = "chair"
    surface: RGB = (150, 120, 90)  # what an insert's prop rests on
    interior: bool = False


class _Builder:
    def __init__(self, fs: FilmSet, mood: Mood, cam: Camera, fps: int) -> None:
        self.fs, self.cam, self.fps = fs, cam, fps
        self.time = fs.time
        self.zs = cam.zs
        self.seed = derive(0, "set", fs.id, fs.kind.value)
        mult, tint, amt = LIGHT[self.time]
        mt, ma = MOOD_TINT.get(mood, ((255, 255, 255), 0.0))
        self._light = (mult, tint, amt, mt, ma)
        self.layers: list[Layer] = []
        self.ground: list[tuple] = []

    def r(self, *keys) -> float:
        return uniform(0.0, 1.0, self.seed, *keys)

    def L(self, c: RGB) -> RGB:
        """A set colour under this time of day's light and the scene's mood."""
        mult, tint, amt, mt, ma = self._light
        return st.mix(st.mix(st.scale(c, mult), tint, amt), mt, ma)

    def sky_colors(self) -> tuple[RGB, RGB, RGB]:
        top, mid, hor = SKY[self.time]
        mt, ma = self._light[3], self._light[4]
        return st.mix(top, mt, ma), st.mix(mid, mt, ma), st.mix(hor, mt, ma)

    def span(self, z: float, margin: float = 0.3) -> tuple[float, float]:
        return self.cam.x_range(z, self.fps, margin)

    def layer(self, z: float, draw: Callable[[skia.Canvas, float, float], None]) -> None:
        x0, x1 = self.span(z)

        def rec(c: skia.Canvas) -> None:
            c.scale(1, -1)
            draw(c, x0, x1)

        self.layers.append(Layer(z, st.record((x0 - 50, -2000, x1 + 50, 2000), rec)))

    # -- sky --------------------------------------------------------------------------------
    def sky(self, clouds: bool = True, sun: bool = True) -> skia.Picture:
        W, H = self.cam.W, self.cam.H
        top, mid, hor = self.sky_colors()
        t = self.time

        def draw(c: skia.Canvas) -> None:
            x0, x1 = -3 * W, 3 * W
            c.drawRect(skia.Rect(x0, -4 * H, x1, 2 * H), st.fill(top, aa=False))
            c.drawRect(skia.Rect(x0, -2, x1, 2 * H), st.fill(hor, aa=False))
            n, band = 30, 0.045 * H
            for i in range(n):
                k = i / (n - 1)
                col = st.mix(hor, mid, k / 0.45) if k < 0.45 else st.mix(mid, top, (k - 0.45) / 0.55)
                c.drawRect(skia.Rect(x0, -(i + 1) * band - 1, x1, -i * band + 1), st.fill(col, aa=False))
            if t == TimeOfDay.NIGHT:
                pts = [skia.Point(uniform(-1.5, 1.5, self.seed, "star", k) * W, -uniform(0.12, 1.4, self.seed, "star-y", k) * H)
                       for k in range(90)]
                c.drawPoints(skia.Canvas.kPoints_PointMode, pts, st.stroke((235, 235, 220), max(1.5, H / 420)))
                mx, my = 0.28 * W, -0.62 * H
                c.drawCircle(mx, my, H * 0.07, st.fill((60, 70, 110), 60))
                c.drawCircle(mx, my, H * 0.045, st.fill((236, 234, 218)))
                c.drawCircle(mx + H * 0.012, my - H * 0.01, H * 0.009, st.fill((214, 212, 196)))
            elif sun:
                sx, sy, rad = {TimeOfDay.DAWN: (-0.3 * W, -0.06 * H, 0.05 * H), TimeOfDay.DAY: (0.34 * W, -0.9 * H, 0.045 * H),
                               TimeOfDay.SUNSET: (0.22 * W, -0.02 * H, 0.075 * H)}[t]
                glow = st.mix(hor, (255, 250, 220), 0.5)
                c.drawCircle(sx, sy, rad * 2.6, st.fill(glow, 50))
                c.drawCircle(sx, sy, rad * 1.6, st.fill(glow, 70))
                c.drawCircle(sx, sy, rad, st.fill((255, 246, 214) if t == TimeOfDay.DAY else (255, 222, 150)))
            if clouds and t != TimeOfDay.NIGHT:
                ccol = {TimeOfDay.DAY: (248, 250, 252), TimeOfDay.DAWN: (250, 214, 214), TimeOfDay.SUNSET: (240, 150, 130)}[t]
                for k in range(7):
                    cx = uniform(-1.6, 1.6, self.seed, "cloud", k) * W
                    cy = -uniform(0.3, 1.1, self.seed, "cloud-y", k) * H
                    s = uniform(0.5, 1.2, self.seed, "cloud-s", k) * H * 0.06
                    col = st.mix(ccol, hor, 0.25 * k / 7)
                    for dx, dy, rr in ((0, 0, 1.0), (1.1, 0.25, 0.8), (-1.1, 0.3, 0.75), (2.0, 0.45, 0.55), (-1.9, 0.5, 0.5)):
                        c.drawCircle(cx + dx * s, cy + dy * s, rr * s, st.fill(col))
                    c.drawRect(skia.Rect(cx - 2.4 * s, cy + 0.45 * s, cx + 2.5 * s, cy + 0.95 * s), st.fill(col))

        return st.record((-3 * W, -4 * H, 3 * W, 2 * H), draw)

    # -- reusable pieces (metres, y up) -----------------------------------------------------
    def skyline(self, z: float, key: str, base: RGB, lo: float, hi: float, lit: bool, down: float = 0.0,
                width: tuple[float, float] = (0.05, 0.1)) -> None:
        b = self

        def draw(c: skia.Canvas, x0: float, x1: float) -> None:
            x = x0
            k = 0
            wmin, wmax = width[0] * z, width[1] * z
            while x < x1:
                w = wmin + (wmax - wmin) * b.r(key, "w", k)
                h = (lo + (hi - lo) * b.r(key, "h", k)) * z
                col = st.mix(base, (0, 0, 0), 0.12 * b.r(key, "c", k))
                c.drawRect(skia.Rect(x, -down * z, x + w * 0.97, h), st.fill(col, aa=False))
                if lit:
                    ww = max(0.004 * z, 0.6)
                    for row in range(2, int(h / (0.012 * z)) - 1, 2):
                        for colx in range(1, int(w / (0.012 * z)) - 1, 2):
                            if b.r(key, "win", k, row, colx) < 0.35:
                                wx, wy = x + colx * 0.012 * z, row * 0.012 * z
                                c.drawRect(skia.Rect(wx, wy, wx + ww, wy + ww * 1.3), st.fill(LIT_WINDOW, aa=False))
                x += w
                k += 1

        self.layer(z, draw)

    def hills(self, z: float, key: str, col: RGB, amp: float, down: float = 0.0) -> None:
        b = self

        def draw(c: skia.Canvas, x0: float, x1: float) -> None:
            pts = [(x0, -down * z - 5)]
            n = 40
            for i in range(n + 1):
                x = x0 + (x1 - x0) * i / n
                h = amp * z * (0.35 + 0.35 * math.sin(x / z * 9 + b.r(key) * 6) + 0.3 * math.sin(x / z * 23 + 2))
                pts.append((x, max(0.0, h)))
            pts.append((x1, -down * z - 5))
            c.drawPath(st.smooth_path(pts), st.fill(col))

        self.layer(z, draw)

    def trees(self, z: float, key: str, spacing: float, height: float, every: float = 1.0, avoid: float = 0.0) -> None:
        b = self
        leaf = self.L((70, 130, 70))
        leaf2 = self.L((56, 110, 60))
        trunk = self.L((110, 80, 56))

        def draw(c: skia.Canvas, x0: float, x1: float) -> None:
            k = int(math.floor(x0 / spacing)) - 1
            while k * spacing < x1 + spacing:
                x = k * spacing + spacing * 0.6 * (b.r(key, "x", k) - 0.5)
                if b.r(key, "on", k) < every and abs(x) >= avoid:
                    h = height * (0.75 + 0.5 * b.r(key, "h", k))
                    c.drawRect(skia.Rect(x - 0.09 * h, 0, x + 0.09 * h, h * 0.55), st.fill(trunk))
                    col = leaf if b.r(key, "col", k) < 0.5 else leaf2
                    for dx, dy, rr in ((0, 0.72, 0.3), (-0.2, 0.58, 0.22), (0.22, 0.6, 0.24), (0.05, 0.9, 0.2)):
                        c.drawCircle(x + dx * h, dy * h, rr * h, st.fill(col))
                k += 1

        self.layer(z, draw)

    def lamps(self, z: float, key: str, spacing: float, lit: bool) -> None:
        pole = self.L((60, 64, 70))
        glow = (255, 226, 150)

        def draw(c: skia.Canvas, x0: float, x1: float) -> None:
            k = int(math.floor(x0 / spacing)) - 1
            while k * spacing < x1 + spacing:
                x = k * spacing + spacing * 0.5
                c.drawRect(skia.Rect(x - 0.06, 0, x + 0.06, 4.2), st.fill(pole))
                c.drawRect(skia.Rect(x - 0.06, 4.1, x + 0.7, 4.22), st.fill(pole))
                if lit:
                    c.drawCircle(x + 0.6, 3.95, 0.9, st.fill(glow, 40))
                c.drawRoundRect(skia.Rect(x + 0.4, 3.85, x + 0.82, 4.12), 0.08, 0.08, st.fill(glow if lit else self.L((220, 220, 200))))
                k += 1

        self.layer(z, draw)

    def window(self, c: skia.Canvas, x: float, y: float, w: float, h: float, frame: RGB, view: str = "sky",
               curtains: RGB | None = None) -> None:
        """A window in a wall, showing the outside at this time of day."""
        top, mid, hor = self.sky_colors()
        c.drawRect(skia.Rect(x - 0.08, y - 0.08, x + w + 0.08, y + h + 0.08), st.fill(frame))
        n = 8
        for i in range(n):
            col = st.mix(hor, top, i / (n - 1))
            c.drawRect(skia.Rect(x, y + h * i / n, x + w, y + h * (i + 1) / n + 0.01), st.fill(col, aa=False))
        if view == "city":
            for k in range(int(w / 0.35) + 1):
                bh = h * (0.15 + 0.45 * self.r("winsky", x, k))
                bx = x + k * 0.35
                c.drawRect(skia.Rect(bx, y, min(x + w, bx + 0.3), y + bh), st.fill(st.mix(self.L((90, 100, 120)), hor, 0.3)))
                if self.time == TimeOfDay.NIGHT:
                    c.drawRect(skia.Rect(bx + 0.08, y + bh * 0.4, min(x + w, bx + 0.14), y + bh * 0.5), st.fill(LIT_WINDOW))
        elif view == "sea":
            c.drawRect(skia.Rect(x, y, x + w, y + h * 0.35), st.fill(st.mix(self.L((40, 110, 160)), hor, 0.3)))
        elif view == "trees":
            for k in range(int(w / 0.4) + 1):
                c.drawCircle(x + k * 0.4 + 0.1, y + h * 0.2, 0.28, st.fill(self.L((70, 120, 70))))
        if self.time == TimeOfDay.NIGHT:
            c.drawCircle(x + w * 0.72, y + h * 0.75, min(w, h) * 0.08, st.fill((236, 234, 218)))
        c.drawRect(skia.Rect(x + w / 2 - 0.03, y, x + w / 2 + 0.03, y + h), st.fill(frame))
        c.drawRect(skia.Rect(x, y + h / 2 - 0.03, x + w, y + h / 2 + 0.03), st.fill(frame))
        if curtains:
            for side in (0, 1):
                cx0 = x - 0.35 if side == 0 else x + w - 0.05
                c.drawRect(skia.Rect(cx0, y - 0.2, cx0 + 0.4, y + h + 0.1), st.fill(curtains))
                c.drawRect(skia.Rect(cx0 + 0.12, y - 0.2, cx0 + 0.18, y + h + 0.1), st.fill(st.darker(curtains, 0.85)))

    def building(self, c: skia.Canvas, x: float, w: float, h: float, col: RGB, key, door: bool, shop: RGB | None) -> None:
        night = self.time == TimeOfDay.NIGHT
        c.drawRect(skia.Rect(x, 0, x + w, h), st.fill(col))
        c.drawRect(skia.Rect(x - 0.15, h - 0.35, x + w + 0.15, h), st.fill(st.darker(col, 0.8)))
        glass = st.mix(self.sky_colors()[2], (255, 255, 255), 0.25) if not night else (40, 48, 70)
        floors = int((h - 3.5) / 3.0)
        cols = max(1, int(w / 1.8))
        for fl in range(floors):
            for k in range(cols):
                wx = x + (k + 0.5) * w / cols - 0.45
                wy = 4.0 + fl * 3.0
                lit = night and self.r("lit", key, fl, k) < 0.55 or self.time == TimeOfDay.SUNSET and self.r("lit", key, fl, k) < 0.2
                c.drawRect(skia.Rect(wx, wy, wx + 0.9, wy + 1.5), st.fill(LIT_WINDOW if lit else glass))
                c.drawRect(skia.Rect(wx - 0.06, wy - 0.08, wx + 0.96, wy), st.fill(st.darker(col, 0.75)))
        if shop is not None:
            c.drawRect(skia.Rect(x + 0.3, 0, x + w - 0.3, 2.8), st.fill(LIT_WINDOW if night else glass))
            awn = self.L(shop)
            c.drawPath(st.path([(x + 0.1, 3.4), (x + w - 0.1, 3.4), (x + w + 0.2, 2.9), (x - 0.2, 2.9)]), st.fill(awn))
            for k in range(int(w / 0.6)):
                if k % 2:
                    xx = x + 0.1 + k * 0.6
                    c.drawPath(st.path([(xx, 3.4), (xx + 0.6, 3.4), (xx + 0.65, 2.9), (xx + 0.05, 2.9)]), st.fill(st.lighter(awn, 0.5)))
        elif door:
            dx = x + w * 0.5 - 0.6
            c.drawRect(skia.Rect(dx, 0, dx + 1.2, 2.4), st.fill(st.darker(col, 0.55)))
            c.drawRect(skia.Rect(dx - 0.15, 2.4, dx + 1.35, 2.6), st.fill(st.darker(col, 0.7)))

    def car(self, c: skia.Canvas, x: float, col: RGB) -> None:
        body = self.L(col)
        c.drawRoundRect(skia.Rect(x - 2.1, 0.3, x + 2.1, 1.05), 0.3, 0.3, st.fill(body))
        c.drawPath(st.smooth_path([(x - 1.3, 0.95), (x - 0.9, 1.55), (x + 0.8, 1.55), (x + 1.35, 0.95)]), st.fill(body))
        glass = st.mix(self.sky_colors()[2], (40, 50, 70), 0.4)
        c.drawPath(st.path([(x - 1.1, 1.0), (x - 0.8, 1.42), (x - 0.05, 1.42), (x - 0.05, 1.0)]), st.fill(glass))
        c.drawPath(st.path([(x + 0.05, 1.0), (x + 0.05, 1.42), (x + 0.7, 1.42), (x + 1.1, 1.0)]), st.fill(glass))
        for wx in (-1.35, 1.35):
            c.drawCircle(x + wx, 0.33, 0.33, st.fill((30, 30, 34)))
            c.drawCircle(x + wx, 0.33, 0.15, st.fill((150, 150, 156)))
        lamp = (255, 236, 160) if self.time == TimeOfDay.NIGHT else self.L((240, 240, 230))
        c.drawRect(skia.Rect(x + 1.95, 0.72, x + 2.12, 0.88), st.fill(lamp))

    # -- ground helpers ---------------------------------------------------------------------
    def stripes_x(self, x0: float, x1: float, step: float, z0: float, z1: float, w: float, col: RGB) -> None:
        """Lines running away from the camera (floorboards, lanes)."""
        k = math.floor(x0 / step)
        while k * step <= x1:
            self.ground.append(("rect", k * step - w / 2, z0, k * step + w / 2, z1, col))
            k += 1

    def stripes_z(self, z0: float, z1: float, step: float, x0: float, x1: float, w: float, col: RGB) -> None:
        """Lines across the view (tiles, boards seen end on)."""
        z = z0
        while z <= z1:
            self.ground.append(("rect", x0, z - w / 2, x1, z + w / 2, col))
            z += step


# -- the sets ---------------------------------------------------------------------------------
def build(fs: FilmSet | None, mood: Mood, cam: Camera, fps: int) -> Design:
    if fs is None:
        fs = FilmSet(id="void", name="VOID", kind=LocationKind.STAGE, int_ext=IntExt.INT, time=TimeOfDay.NIGHT)
    b = _Builder(fs, mood, cam, fps)
    kind = fs.kind
    interior = fs.int_ext == IntExt.INT
    if kind in set_places.KINDS:  # the kinds added for issue 10: composed from the pieces here
        d = set_places.design(b, kind, interior if kind in EXTERIOR_NEW else fs.int_ext != IntExt.EXT)
        if d is not None:
            return d
        if kind in EXTERIOR_NEW:  # an outdoor place written INT: a room looking out on it
            return _room(b, view=_VIEW.get(kind, "trees"))
        return _street(b, feature=_FEATURE.get(kind, "office"))
    if kind in EXTERIOR and interior:
        return _room(b, view={LocationKind.BEACH: "sea", LocationKind.PARK: "trees"}.get(kind, "city"),
                     office=kind == LocationKind.ROOFTOP)
    if kind not in EXTERIOR and fs.int_ext == IntExt.EXT:
        if kind == LocationKind.STAGE:
            return _stage(b, outdoor=True)
        return _street(b, feature={LocationKind.HOME: "house", LocationKind.OFFICE: "office", LocationKind.BAR: "bar",
                                   LocationKind.CAR: "car"}[kind])
    return {
        LocationKind.BEACH: _beach, LocationKind.STREET: _street, LocationKind.HOME: _room, LocationKind.OFFICE: _office,
        LocationKind.BAR: _bar, LocationKind.PARK: _park, LocationKind.ROOFTOP: _rooftop, LocationKind.CAR: _car,
        LocationKind.STAGE: _stage,
    }[kind](b)


def _beach(b: _Builder) -> Design:
    zs = b.zs
    top, mid, hor = b.sky_colors()
    sea = b.L((46, 122, 168))
    b.hills(zs + 900, "headland", st.mix(b.L((70, 100, 110)), hor, 0.45), 0.018)
    water = zs + 11
    sand = b.L((230, 204, 150))
    wet = b.L((196, 170, 124))
    bands = [(0.0, sand), (water - 2.2, wet), (water, (246, 246, 240)), (water + 0.5, st.mix(sea, (255, 255, 255), 0.25)),
             (water + 1.5, sea)]
    for k, z in enumerate((60, 140, 400, 1500)):
        bands.append((zs + z, st.mix(sea, hor, 0.12 + 0.16 * k)))

    def umbrella(c, x0, x1):
        x = -5.0
        c.drawRect(skia.Rect(x - 0.04, 0, x + 0.04, 2.2), st.fill(b.L((230, 230, 226))))
        p = skia.Path()
        p.moveTo(x - 1.3, 1.95)
        p.quadTo(x, 2.9, x + 1.3, 1.95)
        p.close()
        c.drawPath(p, st.fill(b.L((226, 80, 70))))
        for k in (-1, 1):
            q = skia.Path()
            q.moveTo(x + k * 0.15, 2.5)
            q.quadTo(x + k * 0.5, 2.45, x + k * 0.75, 2.05)
            q.lineTo(x + k * 0.35, 2.02)
            q.close()
            c.drawPath(q, st.fill(b.L((250, 244, 230))))

    def rocks(c, x0, x1):
        for k, x in enumerate((6.5, 8.0, -9.5)):
            s = 0.5 + 0.4 * b.r("rock", k)
            c.drawPath(st.smooth_path([(x - 1.2 * s, 0), (x - 0.7 * s, 0.8 * s), (x + 0.2 * s, 1.1 * s), (x + 1.1 * s, 0.5 * s),
                                       (x + 1.3 * s, 0)]), st.fill(b.L((120, 112, 104))))

    def hut(c, x0, x1):
        x = 16.0
        wood = b.L((210, 190, 160))
        c.drawRect(skia.Rect(x - 0.1, 0, x + 0.1, 2.0), st.fill(wood))
        c.drawRect(skia.Rect(x + 1.9, 0, x + 2.1, 2.0), st.fill(wood))
        c.drawRect(skia.Rect(x - 0.3, 2.0, x + 2.3, 3.4), st.fill(b.L((236, 236, 230))))
        c.drawPath(st.path([(x - 0.5, 3.4), (x + 2.5, 3.4), (x + 1.0, 4.1)]), st.fill(b.L((220, 70, 60))))

    b.layer(zs + 30, hut)
    b.layer(zs + 7, rocks)
    b.layer(zs + 4.5, umbrella)
    b.ground.append(("rect", -4.0, zs + 2.5, -2.6, zs + 4.2, b.L((70, 150, 200))))
    b.ground.append(("rect", -3.75, zs + 2.5, -3.5, zs + 4.2, b.L((250, 250, 240))))
    sun_x = {TimeOfDay.SUNSET: 0.22, TimeOfDay.DAWN: -0.3, TimeOfDay.NIGHT: 0.28}.get(b.time)
    sky = b.sky()

    def glitter(c: skia.Canvas, cam: Camera, v: View, t: float) -> None:
        if sun_x is None:
            return
        x = cam.W / 2 + v.pan + sun_x * cam.W
        top_v = cam.y0 + v.tilt
        bot = cam.ground_v(water + 1.5, v)
        col = (255, 210, 140) if b.time != TimeOfDay.NIGHT else (190, 200, 220)
        for k in range(7):
            frac = k / 7
            y = top_v + (bot - top_v) * frac ** 1.6
            w = cam.W * (0.02 + 0.05 * frac) * (0.6 + 0.4 * math.sin(t * 2.1 + k * 1.7))
            c.drawRect(skia.Rect(x - w, y, x + w, y + max(1.0, (bot - top_v) * 0.012 * (1 + 3 * frac))),
                       st.fill(col, 160))

    return Design(sky, hor, b.layers, bands, ground=b.ground, live=glitter, surface=sand)


def _street(b: _Builder, feature: str = "") -> Design:
    zs = b.zs
    top, mid, hor = b.sky_colors()
    night = b.time == TimeOfDay.NIGHT
    b.skyline(zs + 500, "far", st.mix(b.L((96, 108, 128)), hor, 0.5), 0.02, 0.07, night)
    facade_z = zs + 13
    palette = [(176, 98, 78), (222, 206, 176), (86, 140, 140), (214, 170, 90), (150, 120, 150), (120, 130, 140)]

    def facades(c, x0, x1):
        x = x0 - 2
        k = int(b.r("start") * 10)
        while x < x1:
            w = 6 + 5 * b.r("bw", k)
            h = 8 + 12 * b.r("bh", k)
            col = b.L(palette[int(b.r("bc", k) * len(palette))])
            b.building(c, x, w, h, col, k, door=b.r("door", k) < 0.6, shop=palette[(k + 2) % 6] if b.r("shop", k) < 0.35 else None)
            x += w
            k += 1
        if feature:
            _feature(b, c, feature)

    b.layer(facade_z, facades)
    b.lamps(zs + 2.3, "lamp", 14.0, night or b.time == TimeOfDay.SUNSET)
    if feature == "car":
        b.layer(zs + 1.6, lambda c, x0, x1: b.car(c, 0.8, (200, 60, 50)))
    else:
        b.layer(zs + 4.0, lambda c, x0, x1: b.car(c, 7.5 + 3 * b.r("car"), [(60, 90, 160), (200, 60, 50), (230, 230, 220)][int(b.r("cc") * 3)]))
    walk = b.L((188, 184, 176))
    road = b.L((74, 76, 82))
    bands = [(0.0, walk), (zs + 2.4, b.L((150, 146, 140))), (zs + 2.65, road), (zs + 10.2, b.L((150, 146, 140))),
             (zs + 10.45, walk), (facade_z, b.L((120, 116, 110)))]
    x0, x1 = b.span(zs + 10)
    k = math.floor(x0 / 4.0)
    while k * 4.0 < x1:
        b.ground.append(("rect", k * 4.0, zs + 6.3, k * 4.0 + 2.0, zs + 6.5, b.L((236, 220, 120))))
        k += 1
    b.stripes_z(0.5, zs + 2.3, 1.5, *b.span(zs + 2), 0.04, b.L((166, 162, 154)))
    return Design(b.sky(), hor, b.layers, bands, ground=b.ground, surface=b.L((180, 176, 168)))


def _feature(b: _Builder, c: skia.Canvas, feature: str) -> None:
    """The building that the INT-kind set's exterior is about, centred behind the action."""
    night = b.time == TimeOfDay.NIGHT
    if feature == "house":
        col = b.L((226, 214, 190))
        c.drawRect(skia.Rect(-5, 0, 5, 6), st.fill(col))
        c.drawPath(st.path([(-5.6, 6), (5.6, 6), (0, 9)]), st.fill(b.L((150, 70, 60))))
        c.drawRect(skia.Rect(-0.6, 0, 0.6, 2.3), st.fill(b.L((110, 70, 50))))
        for x in (-3.5, 2.0):
            b.window(c, x, 1.0, 1.5, 1.4, b.L((250, 250, 250)), view="dark" if not night else "lit")
            if night:
                c.drawRect(skia.Rect(x, 1.0, x + 1.5, 2.4), st.fill(LIT_WINDOW))
    elif feature == "office":
        c.drawRect(skia.Rect(-6, 0, 6, 30), st.fill(b.L((120, 150, 170))))
        for fl in range(9):
            c.drawRect(skia.Rect(-6, 3 + fl * 3, 6, 3.2 + fl * 3), st.fill(b.L((200, 210, 220))))
        c.drawRect(skia.Rect(-1.5, 0, 1.5, 2.8), st.fill(b.L((60, 70, 80))))
    elif feature == "church":  # stone front, a spire, the stained window lit at night
        stone = b.L((186, 180, 166))
        c.drawRect(skia.Rect(-4, 0, 4, 7), st.fill(stone))
        c.drawPath(st.path([(-4.4, 7), (4.4, 7), (0, 10)]), st.fill(st.darker(stone, 0.8)))
        c.drawRect(skia.Rect(2.2, 7, 3.4, 12), st.fill(stone))
        c.drawPath(st.path([(2.0, 12), (3.6, 12), (2.8, 15.5)]), st.fill(st.darker(stone, 0.7)))
        c.drawArc(skia.Rect(-1.0, 3.6, 1.0, 5.6), 0, 360, True, st.fill(LIT_WINDOW if night else b.L((60, 90, 170))))
        c.drawRect(skia.Rect(-0.9, 0, 0.9, 2.6), st.fill(b.L((100, 64, 40))))
        c.drawArc(skia.Rect(-0.9, 1.7, 0.9, 3.5), 180, 180, True, st.fill(b.L((100, 64, 40))))
    elif feature == "bar":
        col = b.L((90, 50, 44))
        c.drawRect(skia.Rect(-5, 0, 5, 5), st.fill(col))
        c.drawRect(skia.Rect(-4.5, 0.8, -0.8, 2.8), st.fill(LIT_WINDOW if night or b.r("barlit") < 0.5 else b.L((70, 60, 50))))
        c.drawRect(skia.Rect(0.8, 0, 2.2, 2.4), st.fill(b.L((50, 30, 26))))
        c.drawRoundRect(skia.Rect(-3.0, 3.3, 3.0, 4.3), 0.2, 0.2, st.fill((40, 30, 30)))
        neon = (255, 90, 150)
        c.drawRoundRect(skia.Rect(-2.7, 3.5, 2.7, 4.1), 0.15, 0.15, st.stroke(neon, 0.08))
        c.drawCircle(-1.6, 3.8, 0.15, st.fill(neon))
        c.drawCircle(0.0, 3.8, 0.15, st.fill((120, 220, 255)))
        c.drawCircle(1.6, 3.8, 0.15, st.fill(neon))


def _room(b: _Builder, view: str = "sky", office: bool = False) -> Design:
    if office:
        return _office(b)
    zs = b.zs
    wall_z = zs + 3.2
    walls = [(214, 196, 168), (170, 190, 170), (196, 170, 160), (176, 186, 204)]
    wall = b.L(walls[int(b.r("wall") * len(walls))])
    night = b.time == TimeOfDay.NIGHT
    room_light = (0.72, (255, 190, 120), 0.12) if night else None

    def warm(c: RGB) -> RGB:
        if room_light:
            m, t, a = room_light
            return st.mix(st.scale(c, m / LIGHT[b.time][0]), t, a)
        return c

    wall = warm(wall)
    side = 1 if b.r("side") < 0.5 else -1

    def back(c, x0, x1):
        c.drawRect(skia.Rect(x0, 0, x1, 2.75), st.fill(wall))
        c.drawRect(skia.Rect(x0, 2.75, x1, 40), st.fill(st.darker(wall, 0.82)))
        c.drawRect(skia.Rect(x0, 2.7, x1, 2.82), st.fill(st.lighter(wall, 0.3)))
        c.drawRect(skia.Rect(x0, 0, x1, 0.14), st.fill(st.darker(wall, 0.7)))
        b.window(c, -side * 1.6 - 0.9, 0.95, 1.8, 1.35, warm(b.L((246, 244, 236))), view=view, curtains=warm(b.L((170, 80, 70))))
        # a picture and a shelf
        px = side * 2.6
        c.drawRect(skia.Rect(px - 0.45, 1.35, px + 0.45, 1.95), st.fill(warm(b.L((90, 70, 50)))))
        c.drawRect(skia.Rect(px - 0.38, 1.42, px + 0.38, 1.88), st.fill(warm(b.L((120, 170, 200)))))
        c.drawPath(st.path([(px - 0.38, 1.42), (px - 0.05, 1.75), (px + 0.2, 1.55), (px + 0.38, 1.7), (px + 0.38, 1.42)]),
                   st.fill(warm(b.L((90, 140, 90)))))
        sx = -side * 4.6
        c.drawRect(skia.Rect(sx - 0.9, 1.5, sx + 0.9, 1.56), st.fill(warm(b.L((120, 90, 60)))))
        for k in range(9):
            bw = 0.08 + 0.06 * b.r("book", k)
            c.drawRect(skia.Rect(sx - 0.85 + k * 0.16, 1.56, sx - 0.85 + k * 0.16 + bw, 1.56 + 0.2 + 0.1 * b.r("bh", k)),
                       st.fill(warm(b.L([(170, 60, 60), (60, 100, 160), (220, 180, 80), (70, 130, 90)][k % 4]))))
        # a door
        dx = side * 6.2
        c.drawRect(skia.Rect(dx - 0.55, 0, dx + 0.55, 2.1), st.fill(warm(b.L((150, 110, 80)))))
        c.drawCircle(dx - side * 0.4, 1.05, 0.05, st.fill(warm(b.L((220, 200, 120)))))

    def furniture(c, x0, x1):
        sx = side * 2.7
        fabric = warm(b.L([(90, 110, 150), (150, 90, 80), (100, 130, 100)][int(b.r("sofa") * 3)]))
        c.drawRoundRect(skia.Rect(sx - 1.2, 0.1, sx + 1.2, 0.95), 0.12, 0.12, st.fill(st.darker(fabric, 0.85)))
        c.drawRoundRect(skia.Rect(sx - 1.1, 0.35, sx + 1.1, 0.55), 0.08, 0.08, st.fill(fabric))
        for k in (-1, 1):
            c.drawRoundRect(skia.Rect(sx + k * 1.2 - 0.16, 0.1, sx + k * 1.2 + 0.16, 0.72), 0.1, 0.1, st.fill(fabric))
        c.drawRoundRect(skia.Rect(sx - 0.9, 0.55, sx - 0.45, 0.85), 0.08, 0.08, st.fill(warm(b.L((230, 200, 120)))))
        lx = -side * 3.3
        c.drawRect(skia.Rect(lx - 0.03, 0, lx + 0.03, 1.55), st.fill(warm(b.L((60, 60, 60)))))
        shade = (255, 226, 160) if night else warm(b.L((240, 230, 210)))
        if night:
            c.drawCircle(lx, 1.6, 0.65, st.fill((255, 220, 150), 45))
        c.drawPath(st.path([(lx - 0.28, 1.45), (lx + 0.28, 1.45), (lx + 0.18, 1.8), (lx - 0.18, 1.8)]), st.fill(shade))
        px = -side * 4.8
        c.drawPath(st.path([(px - 0.25, 0), (px + 0.25, 0), (px + 0.3, 0.45), (px - 0.3, 0.45)]), st.fill(warm(b.L((190, 110, 80)))))
        for dx, dy, r in ((0, 0.8, 0.32), (-0.25, 0.65, 0.22), (0.25, 0.7, 0.24), (0.05, 1.05, 0.2)):
            c.drawCircle(px + dx, dy, r, st.fill(warm(b.L((70, 130, 70)))))

    b.layer(wall_z, back)
    b.layer(wall_z - 0.8, furniture)
    floor = warm(b.L((170, 124, 84)))
    bands = [(0.0, floor)]
    x0, x1 = b.span(zs + 1)
    b.stripes_x(x0, x1, 0.3, 0.3, wall_z, 0.025, st.darker(floor, 0.82))
    rug = warm(b.L([(170, 70, 60), (60, 90, 130), (190, 160, 90)][int(b.r("rug") * 3)]))
    b.ground.append(("rect", -2.0, zs - 1.0, 2.0, zs + 1.6, rug))
    b.ground.append(("rect", -1.8, zs - 0.85, 1.8, zs + 1.45, st.lighter(rug, 0.15)))
    return Design(None, wall, b.layers, bands, ground_end=wall_z, ground=b.ground, surface=b.L((150, 104, 70)), interior=True)


def _office(b: _Builder) -> Design:
    zs = b.zs
    wall_z = zs + 4.5
    night = b.time == TimeOfDay.NIGHT
    wall = b.L((214, 216, 218)) if not night else (150, 152, 158)
    lit = (lambda c: c) if not night else (lambda c: st.scale(c, 0.8))

    def back(c, x0, x1):
        c.drawRect(skia.Rect(x0, 0, x1, 3.0), st.fill(wall))
        c.drawRect(skia.Rect(x0, 3.0, x1, 40), st.fill(lit((230, 232, 236))))
        k = math.floor(x0 / 3.2)
        while k * 3.2 < x1:
            x = k * 3.2
            b.window(c, x + 0.25, 0.6, 2.6, 2.1, lit((90, 96, 106)), view="city")
            k += 1
        for k in range(int(x0 / 2.4) - 1, int(x1 / 2.4) + 2):
            c.drawRect(skia.Rect(k * 2.4 - 0.5, 2.86, k * 2.4 + 0.5, 2.94), st.fill((255, 255, 240)))

    def desks(c, x0, x1):
        for x in (-3.2, 3.4, -7.5, 7.8):
            top = lit(b.L((190, 170, 140)))
            c.drawRect(skia.Rect(x - 0.8, 0.72, x + 0.8, 0.78), st.fill(top))
            c.drawRect(skia.Rect(x - 0.75, 0, x - 0.68, 0.72), st.fill(lit((90, 90, 96))))
            c.drawRect(skia.Rect(x + 0.68, 0, x + 0.75, 0.72), st.fill(lit((90, 90, 96))))
            c.drawRect(skia.Rect(x - 0.05, 0.78, x + 0.05, 0.95), st.fill((50, 50, 56)))
            c.drawRoundRect(skia.Rect(x - 0.33, 0.92, x + 0.33, 1.32), 0.03, 0.03, st.fill((40, 40, 46)))
            c.drawRect(skia.Rect(x - 0.3, 0.95, x + 0.3, 1.29), st.fill((110, 170, 220) if not night else (140, 200, 250)))
            c.drawRoundRect(skia.Rect(x - 0.3, 0.4, x + 0.3, 0.95), 0.1, 0.1, st.fill((60, 60, 70)))
        px = 5.5
        c.drawPath(st.path([(px - 0.25, 0), (px + 0.25, 0), (px + 0.3, 0.5), (px - 0.3, 0.5)]), st.fill((230, 230, 230)))
        for dx, dy, r in ((0, 0.9, 0.35), (-0.3, 0.7, 0.25), (0.3, 0.75, 0.25)):
            c.drawCircle(px + dx, dy, r, st.fill(b.L((60, 130, 70))))

    b.layer(wall_z, back)
    b.layer(zs + 2.0, desks)
    carpet = b.L((96, 108, 124)) if not night else (70, 78, 92)
    x0, x1 = b.span(zs + 1)
    b.stripes_x(x0, x1, 1.0, 0.3, wall_z, 0.02, st.darker(carpet, 0.88))
    b.stripes_z(0.5, wall_z, 1.0, x0, x1, 0.02, st.darker(carpet, 0.88))
    return Design(None, wall, b.layers, [(0.0, carpet)], ground_end=wall_z, ground=b.ground,
                  surface=b.L((200, 196, 186)), interior=True, seat="office")


def _bar(b: _Builder) -> Design:
    zs = b.zs
    wall_z = zs + 3.4
    wood = (96, 56, 40)
    wall = b.L((110, 50, 44)) if b.time != TimeOfDay.DAY else b.L((140, 70, 56))

    def back(c, x0, x1):
        c.drawRect(skia.Rect(x0, 0, x1, 3.0), st.fill(wall))
        c.drawRect(skia.Rect(x0, 3.0, x1, 40), st.fill(st.darker(wall, 0.6)))
        k = math.floor(x0 / 0.9)
        while k * 0.9 < x1:
            c.drawRect(skia.Rect(k * 0.9, 0, k * 0.9 + 0.04, 3.0), st.fill(st.darker(wall, 0.85)))
            k += 1
        for y in (1.25, 1.7, 2.15):
            c.drawRect(skia.Rect(-4.5, y - 0.04, 4.5, y), st.fill((150, 110, 70)))
            for k in range(30):
                x = -4.4 + k * 0.3
                col = [(60, 120, 70), (170, 120, 50), (120, 40, 50), (220, 210, 190), (60, 80, 140)][(k * 7 + int(y * 10)) % 5]
                h = 0.22 + 0.1 * b.r("bottle", k, y)
                c.drawRoundRect(skia.Rect(x, y, x + 0.1, y + h), 0.03, 0.03, st.fill(col))
                c.drawRect(skia.Rect(x + 0.035, y + h, x + 0.065, y + h + 0.08), st.fill(col))
        neon = (255, 90, 160)
        c.drawPath(st.path([(2.9 - 4.6 * (b.r("neon") < 0.5), 2.45), (3.5 - 4.6 * (b.r("neon") < 0.5), 2.45),
                            (3.2 - 4.6 * (b.r("neon") < 0.5), 2.1)]), st.stroke(neon, 0.05))
        nx = 3.2 - 4.6 * (b.r("neon") < 0.5)
        c.drawLine(nx, 2.1, nx, 1.85, st.stroke(neon, 0.05))
        c.drawLine(nx - 0.15, 1.85, nx + 0.15, 1.85, st.stroke(neon, 0.05))

    def counter(c, x0, x1):
        top = b.L((170, 120, 76))
        c.drawRect(skia.Rect(x0, 0, x1, 1.02), st.fill(b.L(wood)))
        k = math.floor(x0 / 0.6)
        while k * 0.6 < x1:
            c.drawRect(skia.Rect(k * 0.6, 0.1, k * 0.6 + 0.03, 0.95), st.fill(st.darker(b.L(wood), 0.8)))
            k += 1
        c.drawRect(skia.Rect(x0, 1.02, x1, 1.1), st.fill(top))
        c.drawRect(skia.Rect(x0, 0, x1, 0.1), st.fill(b.L((180, 150, 80))))
        for x in (-1.8, 0.9, 2.7):
            c.drawPath(st.path([(x - 0.05, 1.1), (x + 0.05, 1.1), (x + 0.06, 1.25), (x - 0.06, 1.25)]), st.fill((210, 230, 240)))
        for k in range(-6, 7):
            x = k * 1.6
            c.drawLine(x, 2.9, x, 2.35, st.stroke((40, 30, 30), 0.02))
            c.drawCircle(x, 2.3, 0.28, st.fill((255, 214, 140), 40))
            c.drawPath(st.path([(x - 0.16, 2.25), (x + 0.16, 2.25), (x + 0.08, 2.38), (x - 0.08, 2.38)]), st.fill((255, 214, 140)))

    b.layer(wall_z, back)
    b.layer(zs + 1.4, counter)
    floor = b.L((80, 52, 40))
    x0, x1 = b.span(zs + 1)
    b.stripes_x(x0, x1, 0.25, 0.3, wall_z, 0.02, st.darker(floor, 0.8))
    return Design(None, wall, b.layers, [(0.0, floor)], ground_end=wall_z, ground=b.ground,
                  surface=b.L((170, 120, 76)), interior=True, seat="stool")


def _park(b: _Builder) -> Design:
    zs = b.zs
    top, mid, hor = b.sky_colors()
    b.hills(zs + 800, "hills", st.mix(b.L((90, 130, 110)), hor, 0.5), 0.03)
    b.hills(zs + 120, "treeline", st.mix(b.L((60, 110, 70)), hor, 0.25), 0.05)
    b.trees(zs + 16, "far-trees", 7.0, 7.0, 0.8)
    b.trees(zs + 6.5, "trees", 9.0, 5.5, 0.7, avoid=2.5)

    def bench(c, x0, x1):
        x = -3.8 if b.r("bench") < 0.5 else 3.8
        wood = b.L((150, 100, 60))
        iron = b.L((50, 54, 60))
        for dx in (-0.7, 0.7):
            c.drawRect(skia.Rect(x + dx - 0.04, 0, x + dx + 0.04, 0.45), st.fill(iron))
        c.drawRect(skia.Rect(x - 0.9, 0.42, x + 0.9, 0.5), st.fill(wood))
        c.drawRect(skia.Rect(x - 0.9, 0.62, x + 0.9, 0.7), st.fill(wood))
        c.drawRect(skia.Rect(x - 0.9, 0.78, x + 0.9, 0.86), st.fill(wood))

    b.layer(zs + 2.8, bench)
    b.lamps(zs + 3.5, "plamp", 18.0, b.time in (TimeOfDay.NIGHT, TimeOfDay.SUNSET))
    grass = b.L((110, 164, 84))
    path = b.L((206, 190, 156))
    bands = [(0.0, grass), (zs - 0.9, path), (zs + 1.3, grass), (zs + 30, st.mix(grass, hor, 0.15)),
             (zs + 120, st.mix(grass, hor, 0.35))]
    x0, x1 = b.span(zs + 4)
    for k in range(40):
        x = x0 + (x1 - x0) * b.r("flower", k)
        z = zs + 2 + 12 * b.r("flower-z", k)
        col = [(240, 240, 240), (250, 210, 80), (230, 110, 150)][k % 3]
        b.ground.append(("ellipse", x, z, 0.06, 0.06, b.L(col)))
    return Design(b.sky(), hor, b.layers, bands, ground=b.ground, surface=grass)


def _rooftop(b: _Builder) -> Design:
    zs = b.zs
    top, mid, hor = b.sky_colors()
    night = b.time in (TimeOfDay.NIGHT,)
    dusk = b.time in (TimeOfDay.NIGHT, TimeOfDay.SUNSET, TimeOfDay.DAWN)
    b.skyline(zs + 900, "far", st.mix(b.L((110, 120, 140)), hor, 0.55), 0.01, 0.05, dusk, down=0.02, width=(0.02, 0.05))
    b.skyline(zs + 220, "mid", st.mix(b.L((80, 88, 104)), hor, 0.3), 0.02, 0.12, dusk, down=0.08, width=(0.04, 0.09))
    parapet_z = zs + 2.2

    def parapet(c, x0, x1):
        wall = b.L((150, 140, 130))
        c.drawRect(skia.Rect(x0, -30, x1, 1.0), st.fill(wall))
        c.drawRect(skia.Rect(x0, 0.95, x1, 1.1), st.fill(b.L((190, 184, 176))))
        k = math.floor(x0 / 2.0)
        while k * 2.0 < x1:
            c.drawRect(skia.Rect(k * 2.0, 0.0, k * 2.0 + 0.03, 0.95), st.fill(st.darker(wall, 0.85)))
            k += 1

    def kit(c, x0, x1):
        x = 5.5 if b.r("kit") < 0.5 else -6.5
        metal = b.L((170, 174, 180))
        c.drawRect(skia.Rect(x, 0, x + 1.4, 1.1), st.fill(metal))
        c.drawCircle(x + 0.7, 0.55, 0.38, st.fill(st.darker(metal, 0.7)))
        c.drawRect(skia.Rect(-x - 0.05, 0, -x + 0.05, 3.2), st.fill(b.L((90, 90, 96))))
        c.drawLine(-x - 0.5, 2.8, -x + 0.5, 2.8, st.stroke(b.L((90, 90, 96)), 0.05))
        if night:
            c.drawCircle(-x, 3.25, 0.08, st.fill((255, 60, 60)))

    b.layer(parapet_z, parapet)
    b.layer(zs + 1.5, kit)
    roof = b.L((120, 118, 116))
    x0, x1 = b.span(zs + 1)
    b.stripes_x(x0, x1, 2.5, 0.3, parapet_z, 0.04, st.darker(roof, 0.85))
    return Design(b.sky(), hor, b.layers, [(0.0, roof)], ground_end=parapet_z, ground=b.ground, surface=roof)


def _car(b: _Builder) -> Design:
    zs = b.zs
    top, mid, hor = b.sky_colors()
    cabin = b.L((70, 70, 76)) if b.time != TimeOfDay.NIGHT else (40, 40, 48)
    back_z = zs + 0.9
    night = b.time == TimeOfDay.NIGHT

    def cabin_back(c, x0, x1):
        c.drawRect(skia.Rect(x0, -10, x1, 40), st.fill(cabin))
        c.drawRoundRect(skia.Rect(-1.2, 1.05, 1.2, 1.55), 0.2, 0.2, st.fill(st.darker(cabin, 0.7)))
        c.drawRoundRect(skia.Rect(-1.1, 1.1, 1.1, 1.5), 0.16, 0.16, st.fill(hor))
        c.drawRect(skia.Rect(-1.1, 1.3, 1.1, 1.5), st.fill(st.mix(hor, top, 0.5)))
        seat = b.L((120, 90, 70)) if b.r("seat") < 0.5 else b.L((60, 62, 70))
        c.drawRoundRect(skia.Rect(-1.4, 0.0, 1.4, 0.95), 0.2, 0.2, st.fill(seat))
        c.drawRect(skia.Rect(x0, 1.62, x1, 40), st.fill(st.darker(cabin, 0.8)))

    b.layer(back_z, cabin_back)
    speed = 9.0

    def scenery(c: skia.Canvas, cam: Camera, v: View, t: float) -> None:
        # posts and trees sliding past in the rear window
        u0, v0, k = cam.project(-1.1, 1.1, back_z, v)
        u1, v1, _ = cam.project(1.1, 1.5, back_z, v)
        rect = skia.Rect(u0, v1, u1, v0)
        c.save()
        c.clipRRect(skia.RRect.MakeRectXY(rect, 0.16 * k, 0.16 * k), True)
        h = rect.height()
        for i in range(6):
            x = (i * 0.41 + (t * speed * 0.03) % 0.41 * 0 + (t * 0.6 + i * 0.37) % 1.0)
            x = u0 + (u1 - u0) * ((i / 6 + t * 0.35) % 1.0)
            col = b.L((70, 120, 70)) if i % 2 else b.L((90, 90, 96))
            if i % 2:
                c.drawCircle(x, v0 - h * 0.25, h * 0.28, st.fill(col))
            else:
                c.drawRect(skia.Rect(x - h * 0.03, v0 - h * 0.7, x + h * 0.03, v0), st.fill(col))
                if night:
                    c.drawCircle(x, v0 - h * 0.7, h * 0.08, st.fill((255, 220, 150)))
        c.restore()

    def frame(c: skia.Canvas, cam: Camera, v: View) -> None:
        W, H = cam.W, cam.H
        dark = (24, 24, 28)
        dash = b.L((50, 50, 56)) if not night else (30, 30, 36)
        # windscreen pillars and roof, dashboard: they ride with the camera
        c.drawPath(st.path([(-W, -H), (W * 0.04, -H), (W * 0.1, H * 0.02), (-W, H * 0.2)]), st.fill(dark))
        c.drawPath(st.path([(2 * W, -H), (W * 0.96, -H), (W * 0.9, H * 0.02), (2 * W, H * 0.2)]), st.fill(dark))
        c.drawRect(skia.Rect(-W, -H, 2 * W, H * 0.035), st.fill(dark))
        p = skia.Path()
        p.moveTo(-W, H * 0.93)
        p.quadTo(W / 2, H * 0.86, 2 * W, H * 0.93)
        p.lineTo(2 * W, 2 * H)
        p.lineTo(-W, 2 * H)
        p.close()
        c.drawPath(p, st.fill(dash))
        c.drawRect(skia.Rect(W * 0.44, H * 0.02, W * 0.56, H * 0.07), st.fill((30, 30, 34)))

    return Design(None, cabin, b.layers, [(0.0, cabin)], ground_end=back_z, overlay=frame, live=scenery,
                  seat="car", surface=b.L((60, 60, 66)), interior=True)


def _stage(b: _Builder, outdoor: bool = False) -> Design:
    zs = b.zs
    # indoors the hour shows only as the house lights: a touch warmer or darker
    house = {TimeOfDay.DAWN: ((255, 200, 210), 0.06), TimeOfDay.DAY: ((255, 255, 255), 0.05),
             TimeOfDay.SUNSET: ((255, 150, 80), 0.08), TimeOfDay.NIGHT: ((0, 0, 20), 0.12)}[b.time]
    curtain = st.mix([(140, 28, 40), (40, 40, 90), (30, 30, 34)][int(b.r("curtain") * 3)], *house)
    back_z = zs + 4.0
    beam = (255, 244, 210)

    def backdrop(c, x0, x1):
        if not outdoor:
            c.drawRect(skia.Rect(x0, 0, x1, 40), st.fill(st.darker(curtain, 0.5)))
        k = math.floor(-7 / 0.5)
        while k * 0.5 < 7:
            col = curtain if k % 2 else st.darker(curtain, 0.82)
            c.drawRect(skia.Rect(k * 0.5, 0, k * 0.5 + 0.5, 6.5), st.fill(col, aa=False))
            k += 1
        for k in range(-7, 7):
            c.drawArc(skia.Rect(k * 1.0, 5.9, k * 1.0 + 1.0, 6.7), 180, 180, True, st.fill(st.darker(curtain, 0.7)))
        c.drawRect(skia.Rect(-7, 6.3, 7, 7.5), st.fill(st.darker(curtain, 0.7)))
        if outdoor:
            c.drawRect(skia.Rect(-7.3, 0, -7, 7.5), st.fill(b.L((80, 80, 86))))
            c.drawRect(skia.Rect(7, 0, 7.3, 7.5), st.fill(b.L((80, 80, 86))))

    def cone(c, x0, x1):
        p = st.path([(-0.25, 9.0), (0.25, 9.0), (1.6, 0.0), (-1.6, 0.0)])
        c.drawPath(p, st.fill(beam, 34))

    def wings(c, x0, x1):
        for side in (-1, 1):
            x = side * 5.5
            c.drawRect(skia.Rect(min(x, x + side * 6), 0, max(x, x + side * 6), 9), st.fill(st.darker(curtain, 0.75)))
            for k in range(4):
                xx = x + side * (0.3 + k * 0.5)
                c.drawRect(skia.Rect(xx, 0, xx + 0.06, 9), st.fill(st.darker(curtain, 0.6)))

    if outdoor:
        b.trees(zs + 18, "stage-trees", 6.0, 6.5, 0.9)
    b.layer(back_z, backdrop)
    b.layer(zs + 2.5, wings)
    b.layer(zs + 0.45, cone)
    boards = st.mix((150, 104, 62), *house) if not outdoor else b.L((150, 104, 62))
    x0, x1 = b.span(zs + 1)
    b.stripes_z(zs - 3.0, back_z, 0.22, -8, 8, 0.02, st.darker(boards, 0.8))
    bands = [(0.0, (20, 18, 22)), (zs - 3.0, boards)]
    b.ground.append(("ellipse", 0.0, zs + 0.1, 1.7, 1.3, st.mix(boards, beam, 0.45)))
    b.ground.append(("ellipse", 0.0, zs + 0.1, 1.2, 0.9, st.mix(boards, beam, 0.6)))
    for k in range(-12, 13):
        b.ground.append(("ellipse", k * 0.7, zs - 2.95, 0.07, 0.05, (255, 220, 130)))
    top, mid, hor = b.sky_colors()
    return Design(b.sky() if outdoor else None, hor if outdoor else (14, 12, 16), b.layers, bands,
                  ground_end=back_z, ground=b.ground, surface=boards, interior=not outdoor)
