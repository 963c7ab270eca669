"""The set kinds added for issue 10, composed from sets.py's pieces: a back wall with windows, a
floor, sky, hills, skyline, trees, sea, plus each kind's signature shapes (pews and a stained
window for a church, beds and a drip stand for a hospital, benches and a timetable for a
station, rows of seats and windows for a bus, tram or train, crates and shelves for a warehouse).

Each kind is a spec: an interior (wall, floor, window view, signature props) or an exterior
(ground, horizon, signature props). Every spec draws in every time of day: the builder's `L`
lights each colour for the hour, and windows and skies show it.
"""

from __future__ import annotations

import math
from typing import Callable

import skia

from ...model.vocab import LocationKind as K, TimeOfDay
from . import style as st

Draw = Callable  # (builder, canvas, x0, x1)


# -- signature props (metres, y up, x centred on the action) -----------------------------------
def _rows_of(c, b, xs, draw):
    for x in xs:
        draw(c, b, x)


def _pew(c, b, x):
    wood = b.L((120, 78, 48))
    c.drawRect(skia.Rect(x - 1.6, 0.42, x + 1.6, 0.52), st.fill(wood))
    c.drawRect(skia.Rect(x - 1.6, 0.52, x + 1.6, 1.0), st.fill(st.darker(wood, 0.85)))
    for dx in (-1.5, 1.5):
        c.drawRect(skia.Rect(x + dx - 0.06, 0, x + dx + 0.06, 1.05), st.fill(st.darker(wood, 0.7)))


def _stained(c, b, x, y, w, h):
    c.drawRect(skia.Rect(x - 0.1, y - 0.1, x + w + 0.1, y + h), st.fill(b.L((90, 86, 80))))
    c.drawArc(skia.Rect(x - 0.1, y + h - w / 2 - 0.1, x + w + 0.1, y + h + w / 2 + 0.1), 180, 180, True,
              st.fill(b.L((90, 86, 80))))
    glass = [(200, 50, 60), (50, 90, 190), (230, 190, 60), (60, 150, 90)]
    n = 4
    for i in range(n):
        for j in range(3):
            col = glass[(i + j) % 4]
            col = st.scale(col, 0.55) if b.time == TimeOfDay.NIGHT else col
            c.drawRect(skia.Rect(x + w * i / n, y + h * j / 3, x + w * (i + 1) / n - 0.03, y + h * (j + 1) / 3 - 0.03),
                       st.fill(col))
    c.drawArc(skia.Rect(x, y + h - w / 2, x + w, y + h + w / 2), 180, 180, True, st.fill(glass[2]))


def _bed(c, b, x, sheet=(236, 236, 240), frame=(170, 176, 184)):
    c.drawRect(skia.Rect(x - 1.0, 0, x - 0.92, 1.0), st.fill(b.L(frame)))
    c.drawRect(skia.Rect(x + 0.92, 0, x + 1.0, 0.75), st.fill(b.L(frame)))
    c.drawRoundRect(skia.Rect(x - 1.0, 0.4, x + 1.0, 0.62), 0.06, 0.06, st.fill(b.L(sheet)))
    c.drawRoundRect(skia.Rect(x - 0.9, 0.6, x - 0.45, 0.74), 0.06, 0.06, st.fill(b.L((250, 250, 250))))


def _drip(c, b, x):
    metal = b.L((170, 176, 184))
    c.drawRect(skia.Rect(x - 0.02, 0, x + 0.02, 1.9), st.fill(metal))
    c.drawRect(skia.Rect(x - 0.25, 0, x + 0.25, 0.04), st.fill(metal))
    c.drawRoundRect(skia.Rect(x - 0.1, 1.55, x + 0.1, 1.85), 0.04, 0.04, st.fill(b.L((200, 225, 240))))


def _desk(c, b, x, top=(190, 170, 140)):
    c.drawRect(skia.Rect(x - 0.8, 0.72, x + 0.8, 0.78), st.fill(b.L(top)))
    for dx in (-0.72, 0.72):
        c.drawRect(skia.Rect(x + dx - 0.04, 0, x + dx + 0.04, 0.72), st.fill(b.L((90, 90, 96))))


def _table(c, b, x, cloth=None, w=0.6):
    col = b.L(cloth or (150, 104, 70))
    c.drawRect(skia.Rect(x - w, 0.72, x + w, 0.78), st.fill(col))
    if cloth:
        c.drawRect(skia.Rect(x - w, 0.45, x + w, 0.78), st.fill(col))
    c.drawRect(skia.Rect(x - 0.04, 0, x + 0.04, 0.72), st.fill(b.L((80, 70, 60))))


def _candle(c, b, x, y=0.78):
    c.drawRect(skia.Rect(x - 0.02, y, x + 0.02, y + 0.14), st.fill((240, 236, 220)))
    c.drawCircle(x, y + 0.17, 0.03, st.fill((255, 200, 90)))
    c.drawCircle(x, y + 0.17, 0.12, st.fill((255, 200, 90), 50))


def _shelves(c, b, x, w, h, goods):
    wood = b.L((140, 100, 66))
    c.drawRect(skia.Rect(x, 0, x + w, h), st.fill(st.darker(wood, 0.7)))
    rows = int(h / 0.45)
    for r in range(rows):
        y = r * 0.45 + 0.05
        c.drawRect(skia.Rect(x, y, x + w, y + 0.04), st.fill(wood))
        k = 0
        xx = x + 0.05
        while xx < x + w - 0.12:
            gw = 0.08 + 0.1 * b.r("good", x, r, k)
            col = b.L(goods[(k + r) % len(goods)])
            c.drawRect(skia.Rect(xx, y + 0.04, xx + gw, y + 0.04 + 0.22 + 0.12 * b.r("gh", x, r, k)), st.fill(col))
            xx += gw + 0.03
            k += 1


_BOOKS = [(150, 40, 40), (40, 70, 130), (60, 110, 70), (200, 170, 90), (110, 60, 110), (60, 60, 60)]
_GOODS = [(220, 80, 60), (240, 200, 60), (70, 140, 200), (90, 170, 90), (240, 240, 230), (200, 120, 170)]


def _crate(c, b, x, y=0.0, s=1.0):
    wood = b.L((176, 136, 86))
    c.drawRect(skia.Rect(x - 0.5 * s, y, x + 0.5 * s, y + s), st.fill(wood))
    c.drawRect(skia.Rect(x - 0.5 * s, y, x + 0.5 * s, y + s), st.stroke(st.darker(wood, 0.6), 0.05))
    c.drawLine(x - 0.5 * s, y, x + 0.5 * s, y + s, st.stroke(st.darker(wood, 0.7), 0.05))


def _seat_row(c, b, x, col):
    c.drawRoundRect(skia.Rect(x - 0.45, 0.4, x + 0.45, 0.55), 0.05, 0.05, st.fill(b.L(col)))
    c.drawRoundRect(skia.Rect(x - 0.45, 0.55, x - 0.3, 1.25), 0.05, 0.05, st.fill(b.L(st.darker(col, 0.85))))
    c.drawRect(skia.Rect(x - 0.05, 0, x + 0.05, 0.4), st.fill(b.L((80, 80, 86))))


def _board(c, b, x, y, w, h, dark=(30, 34, 40), text=(250, 200, 80)):
    c.drawRect(skia.Rect(x, y, x + w, y + h), st.fill(dark))
    for r in range(int(h / 0.18)):
        c.drawRect(skia.Rect(x + 0.08, y + 0.08 + r * 0.18, x + 0.08 + (w - 0.16) * (0.5 + 0.5 * b.r("txt", x, r)),
                             y + 0.14 + r * 0.18), st.fill(text))


def _gravestone(c, b, x, s=1.0):
    stone = b.L((150, 150, 146))
    c.drawRect(skia.Rect(x - 0.3 * s, 0, x + 0.3 * s, 0.7 * s), st.fill(stone))
    c.drawCircle(x, 0.7 * s, 0.3 * s, st.fill(stone))
    c.drawRect(skia.Rect(x - 0.18 * s, 0.45 * s, x + 0.18 * s, 0.5 * s), st.fill(st.darker(stone, 0.7)))


def _pine(c, b, x, h, snow=False):
    c.drawRect(skia.Rect(x - 0.08 * h, 0, x + 0.08 * h, 0.25 * h), st.fill(b.L((100, 74, 50))))
    col = b.L((40, 96, 64))
    for k in range(3):
        y0 = 0.2 * h + k * 0.25 * h
        c.drawPath(st.path([(x - (0.4 - 0.1 * k) * h, y0), (x + (0.4 - 0.1 * k) * h, y0), (x, y0 + 0.45 * h)]),
                   st.fill(col))
        if snow:
            c.drawPath(st.path([(x - 0.1 * h, y0 + 0.32 * h), (x + 0.1 * h, y0 + 0.32 * h), (x, y0 + 0.45 * h)]),
                       st.fill(b.L((246, 248, 252))))


def _boat(c, b, x, col, s=1.0):
    hull = b.L(col)
    c.drawPath(st.path([(x - 2.2 * s, 0.9 * s), (x + 2.2 * s, 0.9 * s), (x + 1.7 * s, 0), (x - 1.8 * s, 0)]),
               st.fill(hull))
    c.drawRect(skia.Rect(x - 0.8 * s, 0.9 * s, x + 0.6 * s, 1.6 * s), st.fill(b.L((236, 236, 230))))
    c.drawRect(skia.Rect(x + 0.9 * s, 0.9 * s, x + 0.98 * s, 3.5 * s), st.fill(b.L((90, 80, 70))))


def _crane(c, b, x):
    steel = b.L((220, 120, 50))
    c.drawRect(skia.Rect(x - 0.3, 0, x + 0.3, 14), st.fill(steel))
    c.drawRect(skia.Rect(x - 6, 13, x + 4, 13.6), st.fill(steel))
    c.drawLine(x - 5, 13, x - 5, 8, st.stroke(b.L((60, 60, 60)), 0.08))


def _lighthouse(c, b, x, h=14.0):
    white, red = b.L((240, 240, 236)), b.L((200, 50, 50))
    c.drawPath(st.path([(x - 1.4, 0), (x + 1.4, 0), (x + 0.9, h), (x - 0.9, h)]), st.fill(white))
    for k in (0.25, 0.6):
        y = h * k
        c.drawPath(st.path([(x - 1.4 + 0.5 * k, y), (x + 1.4 - 0.5 * k, y), (x + 1.35 - 0.5 * k - 0.1, y + 1.5),
                            (x - 1.35 + 0.5 * k + 0.1, y + 1.5)]), st.fill(red))
    c.drawRect(skia.Rect(x - 1.1, h, x + 1.1, h + 0.3), st.fill(b.L((60, 60, 66))))
    lamp = (255, 236, 150) if b.time in (TimeOfDay.NIGHT, TimeOfDay.SUNSET, TimeOfDay.DAWN) else b.L((200, 220, 230))
    c.drawRect(skia.Rect(x - 0.7, h + 0.3, x + 0.7, h + 1.5), st.fill(lamp))
    c.drawPath(st.path([(x - 0.9, h + 1.5), (x + 0.9, h + 1.5), (x, h + 2.4)]), st.fill(red))
    if b.time == TimeOfDay.NIGHT:
        c.drawPath(st.path([(x, h + 0.9), (x + 30, h + 4), (x + 30, h - 2)]), st.fill((255, 240, 170), 60))


def _vines(b, c, x0, x1):
    leaf, post = b.L((80, 130, 60)), b.L((120, 90, 60))
    k = math.floor(x0 / 1.2)
    while k * 1.2 < x1:
        x = k * 1.2
        c.drawRect(skia.Rect(x - 0.03, 0, x + 0.03, 1.3), st.fill(post))
        for dy in (0.7, 1.0, 1.25):
            c.drawCircle(x + 0.6, dy, 0.32, st.fill(leaf))
        c.drawCircle(x + 0.5, 0.75, 0.07, st.fill(b.L((90, 40, 100))))
        k += 1


def _cactus(c, b, x, h):
    g = b.L((70, 130, 80))
    c.drawRoundRect(skia.Rect(x - 0.18, 0, x + 0.18, h), 0.18, 0.18, st.fill(g))
    c.drawRoundRect(skia.Rect(x - 0.6, h * 0.45, x - 0.4, h * 0.8), 0.1, 0.1, st.fill(g))
    c.drawRect(skia.Rect(x - 0.6, h * 0.45, x, h * 0.52), st.fill(g))
    c.drawRoundRect(skia.Rect(x + 0.4, h * 0.35, x + 0.6, h * 0.7), 0.1, 0.1, st.fill(g))
    c.drawRect(skia.Rect(x, h * 0.35, x + 0.6, h * 0.42), st.fill(g))


def _rail(c, b, x0, x1, col=(200, 200, 196), h=1.05):
    col = b.L(col)
    c.drawRect(skia.Rect(x0, h - 0.06, x1, h), st.fill(col))
    c.drawRect(skia.Rect(x0, h * 0.5 - 0.03, x1, h * 0.5 + 0.03), st.fill(col))
    k = math.floor(x0 / 1.5)
    while k * 1.5 < x1:
        c.drawRect(skia.Rect(k * 1.5 - 0.04, 0, k * 1.5 + 0.04, h), st.fill(col))
        k += 1


# -- interiors -----------------------------------------------------------------------------------
# kind: (wall, floor, window view or None, seat, props(b, c, x0, x1) drawn on the wall layer,
#        props in front of it)
def _p(*fns):
    return lambda b, c, x0, x1: [f(b, c, x0, x1) for f in fns]


def _windows(view, every=3.2, y=0.7, w=2.2, h=1.7, frame=(240, 240, 236)):
    def draw(b, c, x0, x1):
        k = math.floor(x0 / every)
        while k * every < x1:
            b.window(c, k * every + (every - w) / 2, y, w, h, b.L(frame), view=view)
            k += 1
    return draw


def _vehicle_windows(b, c, x0, x1):
    k = math.floor(x0 / 1.6)
    while k * 1.6 < x1:
        b.window(c, k * 1.6 + 0.15, 1.0, 1.3, 0.9, b.L((60, 60, 66)), view="city")
        k += 1


_INTERIORS: dict[K, tuple] = {
    K.POLICE_STATION: ((150, 170, 190), (110, 112, 118), _windows("city"), "office",
                       lambda b, c, x0, x1: (_board(c, b, -1.2, 1.9, 2.4, 0.6, (40, 60, 140), (240, 240, 250)),
                                             c.drawRect(skia.Rect(3.0, 0.9, 4.6, 2.2), st.fill(b.L((200, 170, 120))))),
                       lambda b, c, x0, x1: [_desk(c, b, x) for x in (-3.4, 3.4, -7.5, 7.5)]),
    K.INTERROGATION_ROOM: ((120, 124, 128), (80, 82, 86), None, "chair",
                           lambda b, c, x0, x1: (c.drawRect(skia.Rect(-2.5, 0.9, 2.5, 2.3), st.fill((24, 28, 34))),
                                                 c.drawRect(skia.Rect(-2.6, 0.85, 2.6, 0.9), st.fill(b.L((70, 70, 74))))),
                           lambda b, c, x0, x1: (_table(c, b, 0.0, w=1.0),
                                                 c.drawLine(0, 2.9, 0, 2.3, st.stroke((30, 30, 30), 0.02)),
                                                 c.drawCircle(0, 2.25, 0.5, st.fill((255, 240, 190), 40)))),
    K.COURTROOM: ((150, 110, 76), (120, 84, 56), None, "chair",
                  lambda b, c, x0, x1: (c.drawRect(skia.Rect(-2.2, 0, 2.2, 1.6), st.fill(b.L((110, 72, 44)))),
                                        c.drawRect(skia.Rect(-0.8, 2.0, 0.8, 2.6), st.fill(b.L((200, 180, 80)))),
                                        c.drawRect(skia.Rect(3.5, 0, 3.56, 2.6), st.fill(b.L((80, 80, 80)))),
                                        c.drawRect(skia.Rect(3.56, 1.9, 4.4, 2.5), st.fill(b.L((60, 80, 160))))),
                  lambda b, c, x0, x1: [_pew(c, b, x) for x in (-4.5, 4.5)]),
    K.PRISON: ((150, 150, 146), (110, 110, 108), None, "bench",
               lambda b, c, x0, x1: (_bed(c, b, -2.5, (170, 170, 160), (90, 90, 96)),
                                     c.drawRect(skia.Rect(1.5, 1.8, 2.3, 2.3), st.fill((24, 28, 40)))),
               lambda b, c, x0, x1: [c.drawRect(skia.Rect(x * 0.35 - 0.03, 0, x * 0.35 + 0.03, 3.0),
                                                st.fill(b.L((70, 72, 78)))) for x in range(int(x0 / 0.35), int(x1 / 0.35))
                                     if abs(x * 0.35) > 1.2]),
    K.HOSPITAL: ((200, 222, 214), (210, 214, 210), _windows("city", every=4.5), "chair",
                 None, lambda b, c, x0, x1: [(_bed(c, b, x), _drip(c, b, x + 1.3)) for x in (-3.6, 3.6, -8.0, 8.0)]),
    K.LABORATORY: ((236, 238, 240), (200, 204, 208), _windows("city", every=5.0), "stool", None,
                   lambda b, c, x0, x1: [(_table(c, b, x, (220, 224, 228), w=1.2),
                                          *[c.drawCircle(x - 0.6 + 0.4 * k, 0.9, 0.1, st.fill([(90, 200, 120), (90, 140, 230),
                                                                                                (230, 90, 90)][k]))
                                            for k in range(3)]) for x in (-3.5, 3.5)]),
    K.CLASSROOM: ((226, 214, 170), (170, 130, 90), _windows("trees", every=4.0), "chair",
                  lambda b, c, x0, x1: (c.drawRect(skia.Rect(-2.4, 1.0, 2.4, 2.3), st.fill(b.L((40, 70, 56)))),
                                        c.drawRect(skia.Rect(-2.5, 0.95, 2.5, 1.0), st.fill(b.L((150, 110, 70))))),
                  lambda b, c, x0, x1: [_desk(c, b, x, (200, 170, 120)) for x in (-4.2, -2.1, 2.1, 4.2)]),
    K.LIBRARY: ((140, 100, 70), (120, 80, 56), None, "chair",
                lambda b, c, x0, x1: [_shelves(c, b, x, 2.2, 2.8, _BOOKS) for x in range(int(x0 / 2.4) * 2, int(x1), 3)],
                lambda b, c, x0, x1: (_table(c, b, 0.0, w=1.2), c.drawCircle(0.6, 1.0, 0.16, st.fill((90, 130, 80))))),
    K.CHURCH: ((190, 184, 170), (150, 140, 124), None, "bench",
               lambda b, c, x0, x1: (_stained(c, b, -0.9, 1.0, 1.8, 2.2), _stained(c, b, -5.0, 1.2, 1.2, 1.6),
                                     _stained(c, b, 3.8, 1.2, 1.2, 1.6),
                                     [_candle(c, b, x, 0.9) for x in (-1.8, -1.5, 1.5, 1.8)]),
               lambda b, c, x0, x1: [_pew(c, b, x) for x in (-5.0, -1.8, 1.8, 5.0)]),
    K.BANK: ((214, 206, 190), (190, 180, 160), None, "chair",
             lambda b, c, x0, x1: (c.drawCircle(4.5, 1.4, 1.0, st.fill(b.L((150, 150, 156)))),
                                   c.drawCircle(4.5, 1.4, 0.7, st.fill(b.L((120, 120, 126)))),
                                   [c.drawRect(skia.Rect(x - 0.2, 0, x + 0.2, 3.0), st.fill(b.L((236, 230, 220))))
                                    for x in (-6.0, -2.8, 2.8)]),
             lambda b, c, x0, x1: (c.drawRect(skia.Rect(-3.0, 0, 2.0, 1.1), st.fill(b.L((120, 80, 50)))),
                                   [c.drawRect(skia.Rect(x, 1.1, x + 1.1, 2.0), st.fill(b.L((200, 220, 230)), 120))
                                    for x in (-2.8, -1.4, 0.0)])),
    K.SHOP: ((230, 226, 214), (200, 196, 186), None, "chair",
             lambda b, c, x0, x1: [_shelves(c, b, x, 2.0, 2.2, _GOODS) for x in range(int(x0 / 2.2) * 2, int(x1), 3)],
             lambda b, c, x0, x1: (c.drawRect(skia.Rect(2.0, 0, 4.5, 1.0), st.fill(b.L((170, 60, 50)))),
                                   c.drawRect(skia.Rect(3.2, 1.0, 3.8, 1.35), st.fill(b.L((50, 50, 56)))))),
    K.CAFE: ((214, 180, 140), (150, 110, 80), _windows("city", every=4.0), "chair",
             lambda b, c, x0, x1: _board(c, b, 2.5, 1.6, 1.6, 0.9, (30, 40, 36), (240, 240, 230)),
             lambda b, c, x0, x1: ([_table(c, b, x, w=0.4) for x in (-3.0, 3.0, -6.0)],
                                   c.drawRect(skia.Rect(5.5, 0, 9.0, 1.05), st.fill(b.L((120, 80, 56)))),
                                   c.drawRect(skia.Rect(6.0, 1.05, 6.6, 1.5), st.fill(b.L((170, 170, 176)))))),
    K.RESTAURANT: ((150, 70, 60), (110, 70, 50), _windows("city", every=4.2), "chair", None,
                   lambda b, c, x0, x1: [(_table(c, b, x, (244, 240, 232), w=0.7), _candle(c, b, x))
                                         for x in (-3.2, 3.2, -6.8, 6.8)]),
    K.BALLROOM: ((226, 206, 170), (170, 120, 70), _windows("sky", every=3.0, y=0.8, w=1.6, h=2.4), "chair",
                 lambda b, c, x0, x1: [(c.drawLine(x, 4.0, x, 3.4, st.stroke((200, 170, 80), 0.03)),
                                        c.drawCircle(x, 3.3, 0.35, st.fill((255, 230, 160))),
                                        c.drawCircle(x, 3.3, 0.9, st.fill((255, 230, 160), 40))) for x in (-4.0, 0.0, 4.0)],
                 lambda b, c, x0, x1: [(_table(c, b, x, (244, 240, 232), w=0.8), _candle(c, b, x)) for x in (-6.0, 6.0)]),
    K.HOTEL: ((200, 180, 150), (160, 120, 90), None, "chair",
              lambda b, c, x0, x1: (c.drawRect(skia.Rect(-2.0, 1.4, 2.0, 2.5), st.fill(b.L((120, 80, 50)))),
                                    [c.drawCircle(-1.7 + 0.3 * k, 2.0, 0.05, st.fill((220, 190, 90))) for k in range(12)]),
              lambda b, c, x0, x1: (c.drawRect(skia.Rect(-2.5, 0, 2.5, 1.1), st.fill(b.L((100, 64, 40)))),
                                    c.drawRect(skia.Rect(-2.6, 1.1, 2.6, 1.16), st.fill(b.L((220, 210, 190)))),
                                    c.drawCircle(-1.5, 1.22, 0.06, st.fill((220, 190, 90))))),
    K.KITCHEN: ((230, 226, 200), (200, 190, 170), _windows("trees", every=6.0, y=1.2, w=1.6, h=1.0), "chair",
                lambda b, c, x0, x1: [c.drawRect(skia.Rect(x, 1.7, x + 0.9, 2.5), st.fill(b.L((240, 240, 236))))
                                      for x in (-4.0, -3.0, 2.2, 3.2)],
                lambda b, c, x0, x1: (c.drawRect(skia.Rect(x0, 0, x1, 0.9), st.fill(b.L((236, 236, 230)))),
                                      c.drawRect(skia.Rect(x0, 0.9, x1, 0.96), st.fill(b.L((120, 110, 100)))),
                                      c.drawRect(skia.Rect(-0.6, 0.1, 0.6, 0.8), st.fill(b.L((60, 60, 64)))),
                                      c.drawRect(skia.Rect(4.5, 0, 5.5, 2.0), st.fill(b.L((246, 246, 246)))))),
    K.BEDROOM: ((190, 200, 220), (170, 124, 84), _windows("city", every=7.0), "bed", None,
                lambda b, c, x0, x1: (_bed(c, b, -2.8, (200, 120, 130), (120, 80, 50)),
                                      c.drawRect(skia.Rect(-1.6, 0, -1.1, 0.55), st.fill(b.L((140, 100, 66)))),
                                      c.drawCircle(-1.35, 0.75, 0.16, st.fill((255, 220, 150))))),
    K.LIVING_ROOM: ((214, 196, 168), (170, 124, 84), _windows("trees", every=6.0), "sofa", None,
                    lambda b, c, x0, x1: (c.drawRoundRect(skia.Rect(-4.5, 0.1, -1.8, 0.85), 0.15, 0.15,
                                                          st.fill(b.L((90, 110, 150)))),
                                          c.drawRoundRect(skia.Rect(-4.4, 0.5, -1.9, 1.2), 0.15, 0.15,
                                                          st.fill(b.L((80, 100, 140)))),
                                          c.drawRect(skia.Rect(2.5, 0.6, 4.0, 1.5), st.fill((24, 24, 28))),
                                          c.drawRect(skia.Rect(2.4, 0, 4.1, 0.6), st.fill(b.L((140, 100, 66)))))),
    K.BATHROOM: ((200, 226, 230), (230, 236, 238), _windows("sky", every=8.0, y=1.6, w=0.9, h=0.8), "chair",
                 lambda b, c, x0, x1: (c.drawRect(skia.Rect(-0.5, 1.2, 0.5, 2.2), st.fill(b.L((200, 220, 236)))),
                                       [c.drawLine(x0, y, x1, y, st.stroke(b.L((170, 196, 200)), 0.02))
                                        for y in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1)]),
                 lambda b, c, x0, x1: (c.drawRoundRect(skia.Rect(-4.5, 0, -1.8, 0.6), 0.2, 0.2,
                                                       st.fill(b.L((246, 246, 246)))),
                                       c.drawRect(skia.Rect(-0.4, 0.6, 0.4, 0.9), st.fill(b.L((246, 246, 246)))))),
    K.HALLWAY: ((200, 190, 160), (140, 110, 80), None, "chair",
                lambda b, c, x0, x1: [(c.drawRect(skia.Rect(x - 0.5, 0, x + 0.5, 2.1), st.fill(b.L((120, 84, 56)))),
                                       c.drawCircle(x + 0.35, 1.0, 0.05, st.fill((220, 190, 90))))
                                      for x in range(int(x0 / 3) * 3, int(x1) + 3, 3)], None),
    K.WAREHOUSE: ((130, 120, 110), (110, 108, 104), _windows("sky", every=4.0, y=2.2, w=2.0, h=0.6), "crate",
                  lambda b, c, x0, x1: [_shelves(c, b, x, 2.6, 2.0, [(176, 136, 86), (150, 110, 70), (120, 120, 110)])
                                        for x in range(int(x0 / 3) * 3, int(x1), 5)],
                  lambda b, c, x0, x1: (_crate(c, b, -3.0), _crate(c, b, -3.0, 1.0, 0.8), _crate(c, b, -1.9, 0, 0.9),
                                        _crate(c, b, 3.4), _crate(c, b, 4.4, 0, 0.8))),
    K.AIRPORT: ((214, 218, 224), (190, 194, 200), _windows("sky", every=2.6, y=0.4, w=2.4, h=2.2, frame=(120, 126, 136)),
                "chair",
                lambda b, c, x0, x1: (_board(c, b, -1.6, 2.5, 3.2, 0.8),
                                      c.drawPath(st.path([(4.0, 1.2), (8.0, 1.2), (8.4, 1.4), (4.0, 1.4)]),
                                                 st.fill(b.L((236, 236, 240)))),
                                      c.drawPath(st.path([(5.6, 1.3), (6.4, 1.3), (5.4, 0.8)]),
                                                 st.fill(b.L((200, 200, 206))))),
                lambda b, c, x0, x1: [_seat_row(c, b, x, (60, 90, 150)) for x in (-5.0, -4.0, -3.0, 3.0, 4.0, 5.0)]),
}
# Vehicles: a row of windows over rows of seats, in each vehicle's colours.
_VEHICLES = {K.TRAIN: ((150, 170, 190), (70, 74, 84), (60, 80, 140)),
             K.TRAM: ((230, 200, 110), (90, 86, 80), (150, 60, 50)),
             K.BUS: ((200, 70, 60), (70, 70, 76), (60, 70, 120))}


def _interior(b, spec) -> "object":
    from .sets import Design
    wall_c, floor_c, view, seat, back_props, front_props = spec
    zs = b.zs
    wall_z = zs + 3.6
    night = b.time == TimeOfDay.NIGHT
    wall = b.L(wall_c) if not night else st.mix(b.L(wall_c), st.scale(wall_c, 0.72), 0.6)

    def back(c, x0, x1):
        c.drawRect(skia.Rect(x0, 0, x1, 3.0), st.fill(wall))
        c.drawRect(skia.Rect(x0, 3.0, x1, 40), st.fill(st.darker(wall, 0.8)))
        c.drawRect(skia.Rect(x0, 0, x1, 0.12), st.fill(st.darker(wall, 0.7)))
        if view:
            view(b, c, x0, x1)
        if back_props:
            back_props(b, c, x0, x1)

    b.layer(wall_z, back)
    if front_props:
        b.layer(zs + 1.8, lambda c, x0, x1: front_props(b, c, x0, x1))
    floor = b.L(floor_c) if not night else st.scale(b.L(floor_c), 0.85)
    x0, x1 = b.span(zs + 1)
    b.stripes_x(x0, x1, 0.6, 0.3, wall_z, 0.02, st.darker(floor, 0.88))
    return Design(None, wall, b.layers, [(0.0, floor)], ground_end=wall_z, ground=b.ground,
                  surface=st.darker(floor, 0.9), interior=True, seat=seat)


def _vehicle(b, colours) -> "object":
    body, floor, seat = colours
    spec = ((236, 236, 232), floor, _vehicle_windows, "chair",
            lambda b, c, x0, x1: (c.drawRect(skia.Rect(x0, 2.2, x1, 2.35), st.fill(b.L(body))),
                                  c.drawRect(skia.Rect(x0, 0, x1, 0.9), st.fill(st.darker(b.L(body), 0.8))),
                                  [c.drawLine(x, 2.2, x, 1.95, st.stroke(b.L((200, 200, 200)), 0.03))
                                   for x in range(int(x0), int(x1), 2)]),
            lambda b, c, x0, x1: [_seat_row(c, b, x * 1.1, seat) for x in range(int(x0 / 1.1), int(x1 / 1.1) + 1)
                                  if abs(x * 1.1) > 1.4])
    return _interior(b, spec)


# -- exteriors -----------------------------------------------------------------------------------
def _exterior(b, ground, far: str, near: Callable | None, sea_at: float | None = None, far_col=(90, 130, 110),
              trees: tuple | None = None, pines: bool = False, snow=False) -> "object":
    from .sets import Design
    zs = b.zs
    top, mid, hor = b.sky_colors()
    if far == "hills":
        b.hills(zs + 800, "hills", st.mix(b.L(far_col), hor, 0.5), 0.03)
    elif far == "peaks":
        def peaks(c, x0, x1):
            k = math.floor(x0 / 250)
            while k * 250 < x1:
                x = k * 250 + 120 * b.r("pk", k)
                h = 140 + 160 * b.r("ph", k)
                c.drawPath(st.path([(x - 200, -5), (x, h), (x + 200, -5)]), st.fill(st.mix(b.L((110, 110, 124)), hor, 0.35)))
                c.drawPath(st.path([(x - 55, h * 0.72), (x, h), (x + 55, h * 0.72)]), st.fill(st.mix((246, 248, 252), hor, 0.2)))
                k += 1
        b.layer(zs + 900, peaks)
    elif far == "city":
        b.skyline(zs + 400, "far", st.mix(b.L((96, 108, 128)), hor, 0.5), 0.02, 0.08, b.time == TimeOfDay.NIGHT)
    elif far == "dunes":
        b.hills(zs + 600, "dunes", st.mix(b.L((220, 180, 120)), hor, 0.35), 0.02)
        b.hills(zs + 90, "dunes2", st.mix(b.L((226, 190, 130)), hor, 0.15), 0.04)
    if trees:
        b.trees(zs + trees[0], "trees", trees[1], trees[2], trees[3], avoid=2.5)
    if pines:
        for z, sp in ((30, 5.0), (12, 4.0)):
            b.layer(zs + z, lambda c, x0, x1, sp=sp, z=z: [
                _pine(c, b, k * sp + sp * 0.5 * b.r("pine", z, k), 4.5 + 3 * b.r("pineh", z, k), snow)
                for k in range(int(x0 / sp) - 1, int(x1 / sp) + 2) if abs(k * sp) > 2.5 or z > 20])
    if near:
        b.layer(zs + 3.0, lambda c, x0, x1: near(b, c, x0, x1))
    g = b.L(ground)
    bands = [(0.0, g), (zs + 30, st.mix(g, hor, 0.15)), (zs + 150, st.mix(g, hor, 0.35))]
    if sea_at is not None:
        sea = b.L((46, 110, 150))
        bands = [(0.0, g), (zs + sea_at, sea)] + [(zs + z, st.mix(sea, hor, 0.12 + 0.16 * k))
                                                  for k, z in enumerate((60, 140, 400, 1500)) if z > sea_at]
    return Design(b.sky(), hor, b.layers, bands, ground=b.ground, surface=g)


def _station(b, c, x0, x1):
    roof = b.L((90, 100, 110))
    c.drawRect(skia.Rect(x0, 3.4, x1, 3.7), st.fill(roof))
    k = math.floor(x0 / 5.0)
    while k * 5.0 < x1:
        c.drawRect(skia.Rect(k * 5.0 - 0.08, 0, k * 5.0 + 0.08, 3.4), st.fill(roof))
        k += 1
    _board(c, b, -1.0, 2.3, 2.0, 0.7)
    for x in (-4.0, 4.0):
        wood = b.L((150, 100, 60))
        c.drawRect(skia.Rect(x - 0.9, 0.42, x + 0.9, 0.5), st.fill(wood))
        c.drawRect(skia.Rect(x - 0.9, 0.65, x + 0.9, 0.75), st.fill(wood))
        for dx in (-0.7, 0.7):
            c.drawRect(skia.Rect(x + dx - 0.04, 0, x + dx + 0.04, 0.45), st.fill(b.L((50, 54, 60))))


_EXTERIORS: dict[K, Callable] = {
    K.TRAIN_STATION: lambda b: _exterior(b, (170, 168, 160), "city", _station),
    K.PARKING_LOT: lambda b: _exterior(b, (80, 82, 88), "city", lambda b, c, x0, x1: (
        [c.drawRect(skia.Rect(x * 2.6, 0, x * 2.6 + 0.08, 0.02), st.fill((230, 230, 220))) for x in range(-6, 7)],
        b.car(c, -5.0, (60, 90, 160)), b.car(c, 5.5, (230, 230, 220)))),
    K.ALLEY: lambda b: _exterior(b, (90, 88, 86), "city", lambda b, c, x0, x1: (
        c.drawRect(skia.Rect(x0, 0, -2.2, 12), st.fill(b.L((150, 80, 60)))),
        c.drawRect(skia.Rect(2.2, 0, x1, 12), st.fill(b.L((130, 70, 56)))),
        [c.drawRect(skia.Rect(-4.0, y, -2.2, y + 0.08), st.fill(b.L((40, 40, 44)))) for y in (3.0, 6.0, 9.0)],
        c.drawRoundRect(skia.Rect(2.4, 0, 3.6, 1.1), 0.1, 0.1, st.fill(b.L((60, 90, 70)))))),
    K.GARDEN: lambda b: _exterior(b, (100, 160, 80), "hills", lambda b, c, x0, x1: (
        [c.drawRoundRect(skia.Rect(x, 0, x + 2.6, 1.2), 0.5, 0.5, st.fill(b.L((50, 110, 60)))) for x in (-8.0, 5.0)],
        [c.drawCircle(x * 0.3, 0.25, 0.12, st.fill(b.L([(230, 80, 100), (250, 210, 80), (240, 240, 250)][x % 3])))
         for x in range(-15, 16) if abs(x) > 7],
        _rail(c, b, x0, x1, (240, 240, 236), 0.8)), trees=(12, 8.0, 5.0, 0.6)),
    K.FOREST: lambda b: _exterior(b, (80, 110, 60), "hills", None, far_col=(50, 90, 60),
                                  trees=(5.5, 3.0, 6.5, 0.9), pines=True),
    K.FIELD: lambda b: _exterior(b, (170, 170, 90), "hills", lambda b, c, x0, x1: _rail(c, b, x0, x1, (140, 110, 80), 1.0),
                                 far_col=(120, 150, 90)),
    K.VINEYARD: lambda b: _exterior(b, (120, 140, 80), "hills", _vines, far_col=(110, 140, 90)),
    K.LAKE: lambda b: _exterior(b, (100, 150, 80), "hills", None, sea_at=6.0, trees=(40, 6.0, 7.0, 0.9)),
    K.MOUNTAIN: lambda b: _exterior(b, (140, 134, 124), "peaks", lambda b, c, x0, x1: [
        c.drawPath(st.smooth_path([(x - 1.2, 0), (x - 0.5, 0.9), (x + 0.6, 1.1), (x + 1.3, 0)]),
                   st.fill(b.L((120, 114, 106)))) for x in (-5.0, 4.5, 9.0)]),
    K.DESERT: lambda b: _exterior(b, (226, 196, 140), "dunes", lambda b, c, x0, x1: (
        _cactus(c, b, -4.5, 2.2), _cactus(c, b, 6.0, 1.6))),
    K.SNOW: lambda b: _exterior(b, (236, 240, 246), "peaks", None, pines=True, snow=True),
    K.CEMETERY: lambda b: _exterior(b, (100, 140, 80), "hills", lambda b, c, x0, x1: [
        _gravestone(c, b, x, 0.8 + 0.4 * b.r("grave", x)) for x in (-6.5, -4.0, -2.6, 2.8, 4.2, 6.8)],
        trees=(14, 9.0, 6.0, 0.6)),
    K.HARBOUR: lambda b: _exterior(b, (150, 146, 140), "city", lambda b, c, x0, x1: (
        _crane(c, b, 12.0), _boat(c, b, -7.0, (60, 90, 150)), _boat(c, b, 7.5, (200, 60, 50), 0.8),
        [c.drawRoundRect(skia.Rect(x - 0.15, 0, x + 0.15, 0.5), 0.1, 0.1, st.fill(b.L((40, 40, 44))))
         for x in (-3.0, 3.0)]), sea_at=5.0),
    K.PIER: lambda b: _exterior(b, (160, 120, 80), "hills", lambda b, c, x0, x1: _rail(c, b, x0, x1),
                                sea_at=4.5, far_col=(80, 110, 120)),
    K.LIGHTHOUSE: lambda b: _exterior(b, (130, 124, 116), "hills", lambda b, c, x0, x1: _lighthouse(c, b, 6.5),
                                      sea_at=9.0, far_col=(80, 110, 120)),
    K.BOAT_DECK: lambda b: _exterior(b, (170, 130, 90), "hills", lambda b, c, x0, x1: (
        _rail(c, b, x0, x1, (236, 236, 232)),
        c.drawRect(skia.Rect(4.0, 0, 4.15, 9.0), st.fill(b.L((120, 90, 60)))),
        c.drawRoundRect(skia.Rect(-7.0, 0, -4.0, 2.6), 0.2, 0.2, st.fill(b.L((240, 240, 236)))),
        c.drawRect(skia.Rect(-6.6, 1.5, -4.4, 2.2), st.fill(b.L((60, 90, 120))))), sea_at=4.0,
        far_col=(80, 110, 120)),
}


def _lamp_room(b):
    """Inside the top of a lighthouse: the great lamp in its glass, the sea beyond."""
    spec = ((230, 230, 226), (120, 120, 126), _windows("sea", every=2.6, y=0.5, w=2.3, h=2.2, frame=(60, 60, 66)),
            "chair", None, lambda b, c, x0, x1: (c.drawRect(skia.Rect(-0.9, 0, 0.9, 1.0), st.fill(b.L((80, 80, 86)))),
                                                 c.drawCircle(0, 1.6, 0.6, st.fill((255, 236, 160))),
                                                 c.drawCircle(0, 1.6, 1.2, st.fill((255, 236, 160), 50))))
    return _interior(b, spec)


def design(b, kind: K, interior: bool):
    """The design of a new kind, or None for the nine sets.py draws itself. An outdoor kind
    written INT (a lighthouse's lamp room, a boat's cabin) is drawn from inside; an indoor kind
    written EXT is left to sets.py's street with a building."""
    if kind in _INTERIORS:
        return _interior(b, _INTERIORS[kind]) if interior else None
    if kind in _VEHICLES:
        return _vehicle(b, _VEHICLES[kind]) if interior else None
    if kind in _EXTERIORS:
        if not interior:
            return _EXTERIORS[kind](b)
        if kind == K.LIGHTHOUSE:
            return _lamp_room(b)
        return None
    return None


KINDS = frozenset(_INTERIORS) | frozenset(_VEHICLES) | frozenset(_EXTERIORS)
