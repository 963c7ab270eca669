"""Props: a drawing for each prop of the vocabulary (onecrew.vocabulary.props), chosen by
name, drawn in a unit box (about [-0.5, 0.5] each way, y down, resting on y = 0.5). The same
drawings serve a hand-held prop and the close view of an insert."""

from __future__ import annotations

import math
from functools import lru_cache

import skia

from ...vocabulary import props as vocab
from . import style as st

DARK = (46, 46, 52)
METAL = (170, 172, 178)
PAPER = (244, 240, 228)
INK = (70, 70, 90)

# Real size in metres of the unit box, for props in hand: the vocabulary's props, and the
# drawings the actions hold that the text never names (a notepad and pen for writing).
SIZES = {"camera": 0.15, "phone": 0.15, "cup": 0.11, "glass": 0.13, "bottle": 0.3, "book": 0.24, "notepad": 0.17,
         "pen": 0.14, "food": 0.1, "plate": 0.2, "box": 0.3, "openbox": 0.3, "letter": 0.22, "photo": 0.16,
         "keys": 0.09, "bag": 0.38, "generic": 0.2,
         **{p.name: p.size for p in vocab.PROPS}}
# A vocabulary name whose drawing has another name here.
_DRAWING = {"mug": "cup", "photograph": "photo"}


def kind_of(name: str | None) -> str:
    """The drawing for a prop named `name` ('chipped mug' → 'cup'). A name the vocabulary does
    not know comes back as itself, and `draw` shows it as a box labelled with it: an unknown
    prop is never drawn as some other known one."""
    p = vocab.get(name)
    if p is not None:
        return _DRAWING.get(p.name, p.name)
    n = (name or "").strip().lower()
    return n or "generic"


def draw(c: skia.Canvas, kind: str, color=None, **params) -> None:
    fn = _DRAW.get(kind)
    if fn is None:  # a prop the vocabulary lacks: a box that says what it is
        _generic(c, color, label=kind, **params)
    else:
        fn(c, color, **params)


def _camera(c, color, **_):
    body = color or DARK
    c.drawRoundRect(skia.Rect(-0.5, -0.28, 0.5, 0.3), 0.08, 0.08, st.fill(body))
    c.drawRect(skia.Rect(-0.38, -0.4, -0.1, -0.26), st.fill(body))
    c.drawRect(skia.Rect(0.22, -0.36, 0.38, -0.28), st.fill((210, 60, 50)))
    c.drawCircle(0.02, 0.02, 0.22, st.fill(METAL))
    c.drawCircle(0.02, 0.02, 0.16, st.fill((30, 40, 60)))
    c.drawCircle(-0.03, -0.03, 0.05, st.fill((140, 170, 220)))
    c.drawRect(skia.Rect(-0.5, -0.06, 0.5, 0.0), st.fill(st.lighter(body, 0.15)))


def _phone(c, color, **_):
    c.drawRoundRect(skia.Rect(-0.26, -0.5, 0.26, 0.5), 0.08, 0.08, st.fill(color or (36, 36, 44)))
    c.drawRoundRect(skia.Rect(-0.22, -0.42, 0.22, 0.4), 0.04, 0.04, st.fill((90, 150, 210)))
    c.drawRect(skia.Rect(-0.16, -0.3, 0.16, -0.2), st.fill((170, 210, 240)))
    c.drawRect(skia.Rect(-0.16, -0.12, 0.06, -0.06), st.fill((170, 210, 240)))


def _photo(c, color, **_):
    c.drawRect(skia.Rect(-0.5, -0.4, 0.5, 0.45), st.fill((250, 250, 246)))
    c.drawRect(skia.Rect(-0.43, -0.33, 0.43, 0.22), st.fill((120, 180, 225)))
    c.drawRect(skia.Rect(-0.43, 0.05, 0.43, 0.22), st.fill((220, 196, 140)))
    c.drawCircle(0.22, -0.16, 0.07, st.fill((250, 220, 120)))
    for i, x in enumerate((-0.22, -0.02, 0.16)):
        c.drawCircle(x, -0.07, 0.05, st.fill((230, 190, 160)))
        c.drawRect(skia.Rect(x - 0.05, -0.02, x + 0.05, 0.12), st.fill(((220, 90, 80), (70, 120, 200), (240, 200, 60))[i]))


def _cup(c, color, tilt: float = 0.0, **_):
    col = color or (226, 110, 80)
    c.save()
    c.rotate(-35 * tilt)
    c.drawPath(st.path([(-0.32, -0.42), (0.32, -0.42), (0.27, 0.45), (-0.27, 0.45)]), st.fill(col))
    c.drawArc(skia.Rect(0.2, -0.25, 0.55, 0.2), -90, 180, False, st.stroke(col, 0.1))
    c.drawOval(skia.Rect(-0.32, -0.5, 0.32, -0.34), st.fill(st.darker(col, 0.7)))
    c.drawOval(skia.Rect(-0.26, -0.47, 0.26, -0.37), st.fill((110, 70, 45)))
    c.restore()


def _glass(c, color, **_):
    c.drawPath(st.path([(-0.3, -0.5), (0.3, -0.5), (0.24, 0.5), (-0.24, 0.5)]), st.fill((200, 225, 235)))
    c.drawPath(st.path([(-0.27, -0.05), (0.27, -0.05), (0.24, 0.45), (-0.24, 0.45)]), st.fill(color or (200, 120, 60)))
    c.drawLine(-0.18, -0.4, -0.14, 0.3, st.stroke((250, 252, 255), 0.05))


def _bottle(c, color, **_):
    col = color or (50, 110, 70)
    c.drawRoundRect(skia.Rect(-0.2, -0.15, 0.2, 0.5), 0.08, 0.08, st.fill(col))
    c.drawPath(st.path([(-0.2, -0.1), (-0.07, -0.3), (0.07, -0.3), (0.2, -0.1)]), st.fill(col))
    c.drawRect(skia.Rect(-0.07, -0.5, 0.07, -0.28), st.fill(col))
    c.drawRect(skia.Rect(-0.08, -0.52, 0.08, -0.45), st.fill((200, 170, 60)))
    c.drawRect(skia.Rect(-0.2, 0.05, 0.2, 0.28), st.fill((236, 226, 200)))


def _letter(c, color, **_):
    c.drawRect(skia.Rect(-0.5, -0.36, 0.5, 0.36), st.fill(color or PAPER))
    for i in range(6):
        y = -0.24 + i * 0.09
        c.drawLine(-0.4, y, 0.4 - (0.25 if i == 5 else 0.0), y, st.stroke(INK, 0.025))
    c.drawLine(-0.5, -0.36, 0.5, -0.36, st.stroke(st.darker(PAPER, 0.85), 0.02))


def _book(c, color, open: bool = False, turn: float = 0.0, **_):
    cover = color or (150, 50, 50)
    if open:
        c.drawRect(skia.Rect(-0.52, -0.36, 0.52, 0.36), st.fill(cover))
        c.drawRect(skia.Rect(-0.48, -0.33, -0.01, 0.33), st.fill(PAPER))
        c.drawRect(skia.Rect(0.01, -0.33, 0.48, 0.33), st.fill(st.darker(PAPER, 0.95)))
        for i in range(5):
            y = -0.22 + i * 0.1
            c.drawLine(-0.42, y, -0.08, y, st.stroke(INK, 0.02))
            c.drawLine(0.08, y, 0.42, y, st.stroke(INK, 0.02))
        if turn > 0.05:
            w = 0.47 * math.cos(math.pi * turn)
            c.drawRect(skia.Rect(min(0.0, w), -0.33, max(0.0, w), 0.33), st.fill((252, 250, 242)))
        return
    c.drawRect(skia.Rect(-0.36, -0.5, 0.36, 0.5), st.fill(cover))
    c.drawRect(skia.Rect(-0.36, -0.5, -0.26, 0.5), st.fill(st.darker(cover, 0.7)))
    c.drawRect(skia.Rect(-0.14, -0.3, 0.24, -0.18), st.fill((230, 200, 120)))


def _notepad(c, color, **_):
    c.drawRect(skia.Rect(-0.4, -0.5, 0.4, 0.5), st.fill((252, 238, 150)))
    for i in range(7):
        y = -0.3 + i * 0.12
        c.drawLine(-0.32, y, 0.32, y, st.stroke((150, 170, 210), 0.02))
    c.drawRect(skia.Rect(-0.4, -0.5, 0.4, -0.42), st.fill((200, 80, 70)))


def _pen(c, color, **_):
    c.save()
    c.rotate(30)
    c.drawRoundRect(skia.Rect(-0.05, -0.5, 0.05, 0.4), 0.04, 0.04, st.fill(color or (40, 70, 150)))
    c.drawPath(st.path([(-0.05, 0.4), (0.05, 0.4), (0.0, 0.5)]), st.fill((30, 30, 30)))
    c.restore()


def _food(c, color, **_):
    c.drawPath(st.path([(-0.5, 0.2), (0.0, -0.45), (0.5, 0.2)]), st.fill((228, 190, 120)))
    c.drawRect(skia.Rect(-0.42, 0.05, 0.42, 0.16), st.fill((110, 170, 70)))
    c.drawRect(skia.Rect(-0.45, 0.16, 0.45, 0.28), st.fill((200, 80, 70)))
    c.drawPath(st.path([(-0.5, 0.28), (0.5, 0.28), (0.45, 0.42), (-0.45, 0.42)]), st.fill((228, 190, 120)))


def _plate(c, color, **_):
    c.drawOval(skia.Rect(-0.5, -0.12, 0.5, 0.12), st.fill((240, 240, 236)))
    c.drawOval(skia.Rect(-0.34, -0.07, 0.34, 0.07), st.fill((222, 222, 218)))


def _box(c, color, **_):
    col = color or (196, 154, 100)
    c.drawRect(skia.Rect(-0.5, -0.35, 0.5, 0.4), st.fill(col))
    c.drawRect(skia.Rect(-0.5, -0.35, 0.5, -0.22), st.fill(st.darker(col, 0.85)))
    c.drawRect(skia.Rect(-0.06, -0.35, 0.06, 0.4), st.fill((230, 220, 190)))


def _openbox(c, color, lid: float = 0.0, **_):
    col = color or (120, 90, 160)
    c.drawRect(skia.Rect(-0.45, -0.2, 0.45, 0.35), st.fill(col))
    c.drawRect(skia.Rect(-0.4, -0.2, 0.4, -0.12), st.fill((250, 220, 90)) if lid > 0.3 else st.fill(st.darker(col, 0.8)))
    a = math.radians(-110 * lid)
    c.save()
    c.translate(-0.47, -0.2)
    c.rotate(math.degrees(a))
    c.drawRect(skia.Rect(0.0, -0.1, 0.94, 0.0), st.fill(st.lighter(col, 0.2)))
    c.restore()
    c.drawRect(skia.Rect(-0.06, -0.2, 0.06, 0.35), st.fill((240, 200, 80)))


def _keys(c, color, **_):
    ring = st.stroke((190, 170, 90), 0.07)
    c.drawCircle(-0.25, -0.25, 0.18, ring)
    for ang, col in ((30, (200, 180, 90)), (70, METAL)):
        c.save()
        c.translate(-0.15, -0.1)
        c.rotate(ang - 30)
        c.drawCircle(0.0, 0.0, 0.12, st.fill(col))
        c.drawRect(skia.Rect(0.08, -0.04, 0.62, 0.04), st.fill(col))
        c.drawRect(skia.Rect(0.4, 0.0, 0.46, 0.1), st.fill(col))
        c.drawRect(skia.Rect(0.52, 0.0, 0.58, 0.08), st.fill(col))
        c.restore()


def _bag(c, color, **_):
    col = color or (140, 80, 50)
    c.drawArc(skia.Rect(-0.25, -0.5, 0.25, -0.05), 180, 180, False, st.stroke(st.darker(col, 0.7), 0.07))
    c.drawRoundRect(skia.Rect(-0.48, -0.25, 0.48, 0.45), 0.1, 0.1, st.fill(col))
    c.drawRect(skia.Rect(-0.48, -0.25, 0.48, -0.05), st.fill(st.darker(col, 0.85)))
    c.drawRect(skia.Rect(-0.06, -0.1, 0.06, 0.02), st.fill((220, 190, 90)))


def _ring(c, color, **_):
    c.drawCircle(0.0, 0.12, 0.3, st.stroke((220, 190, 80), 0.1))
    c.drawPath(st.path([(-0.12, -0.2), (0.12, -0.2), (0.0, -0.02)]), st.fill((200, 230, 250)))
    c.drawPath(st.path([(-0.12, -0.2), (0.0, -0.32), (0.12, -0.2)]), st.fill((230, 245, 255)))


def _gun(c, color, **_):
    col = color or (60, 60, 66)
    c.drawRect(skia.Rect(-0.5, -0.3, 0.45, -0.1), st.fill(col))
    c.drawPath(st.path([(-0.45, -0.12), (-0.15, -0.12), (-0.1, 0.4), (-0.38, 0.4)]), st.fill((100, 70, 50)))
    c.drawArc(skia.Rect(-0.18, -0.15, 0.05, 0.1), 0, 180, False, st.stroke(col, 0.04))


def _knife(c, color, **_):
    c.drawPath(st.path([(-0.1, -0.08), (0.5, -0.08), (0.5, -0.02), (-0.1, 0.08)]), st.fill(METAL))
    c.drawRoundRect(skia.Rect(-0.5, -0.07, -0.08, 0.07), 0.04, 0.04, st.fill((60, 40, 30)))


def _flowers(c, color, **_):
    for x, col in ((-0.25, (230, 80, 100)), (0.0, (250, 200, 60)), (0.25, (200, 90, 200)), (-0.1, (250, 250, 250)), (0.12, (240, 120, 60))):
        c.drawLine(0.0, 0.45, x, -0.2, st.stroke((70, 130, 60), 0.04))
        for k in range(5):
            a = k * 2 * math.pi / 5
            c.drawCircle(x + 0.07 * math.cos(a), -0.25 + 0.07 * math.sin(a), 0.065, st.fill(col))
        c.drawCircle(x, -0.25, 0.04, st.fill((250, 230, 120)))
    c.drawPath(st.path([(-0.15, 0.1), (0.15, 0.1), (0.06, 0.5), (-0.06, 0.5)]), st.fill((230, 220, 200)))


def _umbrella(c, color, **_):
    col = color or (40, 60, 120)
    p = skia.Path()
    p.moveTo(-0.5, 0.0)
    p.quadTo(0.0, -0.75, 0.5, 0.0)
    p.close()
    c.drawPath(p, st.fill(col))
    c.drawLine(0.0, -0.35, 0.0, 0.45, st.stroke((60, 50, 40), 0.04))
    c.drawArc(skia.Rect(-0.1, 0.35, 0.0, 0.5), 0, 180, False, st.stroke((60, 50, 40), 0.04))


def _lamp(c, color, **_):
    c.drawCircle(0.0, -0.12, 0.42, st.fill((255, 236, 170), 90))
    c.drawPath(st.path([(-0.3, -0.1), (0.3, -0.1), (0.18, -0.45), (-0.18, -0.45)]), st.fill(color or (230, 210, 160)))
    c.drawRect(skia.Rect(-0.03, -0.1, 0.03, 0.4), st.fill((80, 70, 60)))
    c.drawOval(skia.Rect(-0.2, 0.36, 0.2, 0.48), st.fill((80, 70, 60)))


def _watch(c, color, **_):
    c.drawRect(skia.Rect(-0.14, -0.5, 0.14, 0.5), st.fill((90, 60, 40)))
    c.drawCircle(0.0, 0.0, 0.26, st.fill((200, 180, 110)))
    c.drawCircle(0.0, 0.0, 0.21, st.fill((250, 250, 245)))
    c.drawLine(0.0, 0.0, 0.0, -0.15, st.stroke(DARK, 0.03))
    c.drawLine(0.0, 0.0, 0.1, 0.04, st.stroke(DARK, 0.03))


def _laptop(c, color, **_):
    c.drawPath(st.path([(-0.4, -0.45), (0.4, -0.45), (0.4, 0.15), (-0.4, 0.15)]), st.fill((70, 74, 82)))
    c.drawRect(skia.Rect(-0.35, -0.4, 0.35, 0.1), st.fill((110, 170, 220)))
    c.drawPath(st.path([(-0.4, 0.15), (0.4, 0.15), (0.5, 0.4), (-0.5, 0.4)]), st.fill((150, 154, 162)))


def _wallet(c, color, **_):
    col = color or (90, 60, 40)
    c.drawRoundRect(skia.Rect(-0.5, -0.3, 0.5, 0.3), 0.06, 0.06, st.fill(col))
    c.drawRect(skia.Rect(-0.5, -0.3, 0.5, -0.1), st.fill(st.darker(col, 0.8)))
    c.drawRect(skia.Rect(0.1, -0.38, 0.4, -0.2), st.fill((120, 190, 120)))


def _coin(c, color, **_):
    c.drawCircle(0.0, 0.0, 0.4, st.fill((220, 180, 60)))
    c.drawCircle(0.0, 0.0, 0.3, st.stroke((180, 140, 40), 0.04))


def _cake(c, color, **_):
    c.drawRect(skia.Rect(-0.45, -0.05, 0.45, 0.4), st.fill((240, 200, 210)))
    c.drawRect(skia.Rect(-0.3, -0.35, 0.3, -0.05), st.fill((250, 230, 235)))
    c.drawRect(skia.Rect(-0.02, -0.5, 0.02, -0.35), st.fill((120, 160, 230)))
    c.drawCircle(0.0, -0.53, 0.03, st.fill((255, 200, 60)))


def _radio(c, color, **_):
    c.drawLine(0.2, -0.2, 0.45, -0.55, st.stroke(METAL, 0.03))
    c.drawRoundRect(skia.Rect(-0.5, -0.25, 0.5, 0.35), 0.06, 0.06, st.fill(color or (150, 70, 60)))
    c.drawCircle(-0.2, 0.05, 0.18, st.fill((60, 50, 50)))
    c.drawRect(skia.Rect(0.08, -0.12, 0.4, 0.0), st.fill((240, 230, 180)))


def _guitar(c, color, **_):
    col = color or (200, 130, 60)
    c.drawRect(skia.Rect(-0.04, -0.5, 0.04, 0.05), st.fill((90, 60, 40)))
    c.drawCircle(0.0, 0.12, 0.2, st.fill(col))
    c.drawCircle(0.0, 0.3, 0.24, st.fill(col))
    c.drawCircle(0.0, 0.16, 0.07, st.fill((50, 35, 25)))


def _generic(c, color, label: str = "", **_):
    col = color or (160, 120, 180)
    c.drawRoundRect(skia.Rect(-0.42, -0.3, 0.42, 0.4), 0.05, 0.05, st.fill(col))
    c.drawRect(skia.Rect(-0.42, 0.0, 0.42, 0.08), st.fill(st.lighter(col, 0.4)))
    c.drawRect(skia.Rect(-0.04, -0.3, 0.04, 0.4), st.fill(st.lighter(col, 0.4)))
    c.drawCircle(-0.08, -0.36, 0.08, st.stroke(st.lighter(col, 0.4), 0.05))
    c.drawCircle(0.08, -0.36, 0.08, st.stroke(st.lighter(col, 0.4), 0.05))
    if label:  # a tag on the front with the prop's name, fitted to the box's width
        text = label if len(label) <= 24 else label[:23] + "…"
        font = skia.Font(_face(), 0.16)
        font.setEdging(skia.Font.Edging.kAntiAlias)
        w = font.measureText(text)
        scale = min(1.0, 0.74 / max(w, 1e-6))
        c.drawRect(skia.Rect(-0.4, 0.12, 0.4, 0.36), st.fill(PAPER))
        c.save()
        c.translate(0.0, 0.3)
        c.scale(scale, scale)
        c.drawString(text, -w / 2, 0.0, font, st.fill(INK))
        c.restore()


@lru_cache(maxsize=1)
def _face() -> skia.Typeface:
    from .cards import typeface  # the cards' font: one typeface in the whole animatic
    return typeface("Medium")


def _lines(c, x0, x1, y0, n, gap, width=0.025, col=INK):
    for i in range(n):
        c.drawLine(x0, y0 + i * gap, x1 - (0.2 * (x1 - x0) if i == n - 1 else 0.0), y0 + i * gap, st.stroke(col, width))


def _newspaper(c, color, **_):
    c.drawRect(skia.Rect(-0.5, -0.42, 0.5, 0.42), st.fill(color or (232, 230, 222)))
    c.drawRect(skia.Rect(-0.44, -0.36, 0.44, -0.24), st.fill((40, 40, 44)))  # the masthead
    c.drawRect(skia.Rect(-0.44, -0.18, -0.04, 0.1), st.fill((150, 150, 156)))  # a photo
    _lines(c, 0.02, 0.44, -0.16, 6, 0.055, 0.02)
    _lines(c, -0.44, 0.44, 0.17, 4, 0.06, 0.02)
    c.drawLine(0.0, -0.2, 0.0, 0.4, st.stroke((180, 180, 180), 0.01))


def _contract(c, color, **_):
    for k in (2, 1):  # a stack: the pages under it peek out
        c.drawRect(skia.Rect(-0.36 + 0.03 * k, -0.5 + 0.03 * k, 0.36 + 0.03 * k, 0.46 + 0.03 * k),
                   st.fill(st.darker(PAPER, 1 - 0.05 * k)))
    c.drawRect(skia.Rect(-0.36, -0.5, 0.36, 0.46), st.fill(color or (250, 250, 250)))
    c.drawRect(skia.Rect(-0.26, -0.42, 0.26, -0.36), st.fill(INK))  # the title
    _lines(c, -0.28, 0.28, -0.26, 7, 0.07, 0.018)
    c.drawLine(0.04, 0.36, 0.3, 0.36, st.stroke(INK, 0.015))  # the line to sign on
    c.drawPath(st.path([(0.06, 0.33), (0.12, 0.27), (0.16, 0.34), (0.22, 0.28), (0.28, 0.33)]),
               st.stroke((30, 60, 160), 0.02))
    c.drawRect(skia.Rect(-0.32, -0.54, -0.2, -0.44), st.fill((200, 200, 206)))  # the clip


def _ticket(c, color, **_):
    col = color or (240, 200, 90)
    c.drawRoundRect(skia.Rect(-0.5, -0.22, 0.5, 0.22), 0.04, 0.04, st.fill(col))
    c.drawLine(0.22, -0.22, 0.22, 0.22, st.stroke(st.darker(col, 0.7), 0.02))
    for k in range(5):  # the stub's barcode
        c.drawRect(skia.Rect(0.28 + 0.04 * k, -0.14, 0.3 + 0.04 * k, 0.14), st.fill((40, 40, 40)))
    _lines(c, -0.42, 0.14, -0.1, 3, 0.09, 0.03, st.darker(col, 0.5))


def _map(c, color, **_):
    xs = (-0.5, -0.17, 0.17, 0.5)
    for i, (a, b) in enumerate(zip(xs, xs[1:])):  # folded panels, light and shade
        shade = (226, 214, 170) if i % 2 == 0 else (206, 194, 150)
        c.drawPath(st.path([(a, -0.36 + 0.04 * (i % 2)), (b, -0.36 + 0.04 * ((i + 1) % 2)),
                            (b, 0.38 + 0.04 * ((i + 1) % 2)), (a, 0.38 + 0.04 * (i % 2))]), st.fill(shade))
    c.drawPath(st.path([(-0.5, 0.1), (-0.2, -0.05), (0.1, 0.12), (0.5, -0.1)]), st.stroke((80, 120, 200), 0.04))
    c.drawPath(st.path([(-0.3, -0.25), (0.0, 0.25), (0.3, 0.1)]), st.stroke((200, 60, 50), 0.025))
    c.drawLine(0.26, 0.06, 0.34, 0.14, st.stroke((200, 40, 40), 0.04))  # X marks it
    c.drawLine(0.34, 0.06, 0.26, 0.14, st.stroke((200, 40, 40), 0.04))


def _torch(c, color, **_):
    c.drawPath(st.path([(0.2, -0.12), (0.5, -0.42), (0.5, 0.42), (0.2, 0.12)]), st.fill((255, 240, 170), 110))
    c.drawRoundRect(skia.Rect(-0.5, -0.07, 0.08, 0.07), 0.03, 0.03, st.fill(color or (40, 44, 52)))
    c.drawRect(skia.Rect(0.06, -0.13, 0.22, 0.13), st.fill(METAL))
    c.drawRect(skia.Rect(0.2, -0.1, 0.24, 0.1), st.fill((255, 250, 220)))
    c.drawRect(skia.Rect(-0.2, -0.1, -0.12, -0.07), st.fill((200, 60, 50)))


def _candle(c, color, **_):
    c.drawCircle(0.0, -0.38, 0.22, st.fill((255, 220, 130), 70))
    c.drawRect(skia.Rect(-0.1, -0.22, 0.1, 0.4), st.fill(color or (245, 240, 225)))
    c.drawLine(0.0, -0.22, 0.0, -0.28, st.stroke(DARK, 0.02))
    c.drawPath(st.path([(0.0, -0.46), (0.05, -0.32), (0.0, -0.27), (-0.05, -0.32)]), st.fill((255, 170, 40)))
    c.drawOval(skia.Rect(-0.22, 0.38, 0.22, 0.46), st.fill((190, 170, 120)))


def _suitcase(c, color, **_):
    col = color or (60, 90, 140)
    c.drawRoundRect(skia.Rect(-0.14, -0.5, 0.14, -0.32), 0.04, 0.04, st.stroke(DARK, 0.05))
    c.drawRoundRect(skia.Rect(-0.42, -0.34, 0.42, 0.44), 0.07, 0.07, st.fill(col))
    for x in (-0.24, 0.0, 0.24):  # the ribs of a hard case
        c.drawLine(x, -0.3, x, 0.4, st.stroke(st.darker(col, 0.75), 0.03))
    c.drawCircle(-0.3, 0.47, 0.04, st.fill(DARK))
    c.drawCircle(0.3, 0.47, 0.04, st.fill(DARK))


def _backpack(c, color, **_):
    col = color or (200, 90, 40)
    c.drawRoundRect(skia.Rect(-0.36, -0.42, 0.36, 0.46), 0.2, 0.2, st.fill(col))
    c.drawArc(skia.Rect(-0.14, -0.56, 0.14, -0.3), 180, 180, False, st.stroke(st.darker(col, 0.6), 0.05))
    c.drawRoundRect(skia.Rect(-0.26, 0.04, 0.26, 0.38), 0.08, 0.08, st.fill(st.darker(col, 0.8)))  # the pocket
    c.drawLine(-0.2, 0.1, 0.2, 0.1, st.stroke((230, 230, 230), 0.02))
    c.drawRect(skia.Rect(-0.36, -0.3, -0.3, 0.3), st.fill(st.darker(col, 0.65)))


def _briefcase(c, color, **_):
    col = color or (70, 45, 30)
    c.drawRoundRect(skia.Rect(-0.12, -0.34, 0.12, -0.2), 0.03, 0.03, st.stroke(st.darker(col, 0.7), 0.05))
    c.drawRoundRect(skia.Rect(-0.5, -0.2, 0.5, 0.36), 0.04, 0.04, st.fill(col))
    c.drawLine(-0.5, -0.06, 0.5, -0.06, st.stroke(st.darker(col, 0.7), 0.02))
    for x in (-0.3, 0.3):
        c.drawRect(skia.Rect(x - 0.05, -0.1, x + 0.05, -0.01), st.fill((210, 180, 80)))


def _money(c, color, **_):
    for k, dy in enumerate((0.12, 0.0, -0.12)):  # a wad of notes, fanned
        c.save()
        c.rotate(-8 + 8 * k)
        c.drawRect(skia.Rect(-0.46, -0.2 + dy, 0.46, 0.2 + dy), st.fill(color or (120, 170, 110)))
        c.drawOval(skia.Rect(-0.1, -0.12 + dy, 0.1, 0.12 + dy), st.stroke((70, 110, 70), 0.025))
        c.restore()
    c.drawRect(skia.Rect(-0.06, -0.3, 0.06, 0.3), st.fill((240, 230, 200)))  # the band


def _usb_drive(c, color, **_):
    c.drawRoundRect(skia.Rect(-0.4, -0.16, 0.2, 0.16), 0.05, 0.05, st.fill(color or (40, 60, 160)))
    c.drawRect(skia.Rect(0.2, -0.1, 0.48, 0.1), st.fill(METAL))
    c.drawRect(skia.Rect(0.3, -0.05, 0.36, 0.0), st.fill(DARK))
    c.drawRect(skia.Rect(0.4, -0.05, 0.46, 0.0), st.fill(DARK))


def _cigarette(c, color, **_):
    c.drawPath(st.path([(0.42, -0.1), (0.5, -0.3), (0.44, -0.45)]), st.stroke((200, 200, 205), 0.03))
    c.drawRect(skia.Rect(-0.5, -0.06, 0.3, 0.06), st.fill((250, 250, 246)))
    c.drawRect(skia.Rect(-0.5, -0.06, -0.22, 0.06), st.fill((210, 150, 80)))
    c.drawRect(skia.Rect(0.3, -0.06, 0.4, 0.06), st.fill((230, 90, 40)))


def _car(c, color, **_):
    col = color or (40, 42, 50)
    c.drawPath(st.path([(-0.32, -0.05), (-0.2, -0.3), (0.18, -0.3), (0.32, -0.05)]), st.fill(st.darker(col, 0.85)))
    c.drawPath(st.path([(-0.26, -0.07), (-0.17, -0.25), (-0.02, -0.25), (-0.02, -0.07)]), st.fill((150, 190, 220)))
    c.drawPath(st.path([(0.02, -0.07), (0.02, -0.25), (0.15, -0.25), (0.26, -0.07)]), st.fill((150, 190, 220)))
    c.drawRoundRect(skia.Rect(-0.5, -0.08, 0.5, 0.2), 0.06, 0.06, st.fill(col))
    c.drawRect(skia.Rect(0.42, -0.02, 0.5, 0.04), st.fill((255, 240, 180)))
    c.drawRect(skia.Rect(-0.5, -0.02, -0.44, 0.04), st.fill((200, 40, 40)))
    for x in (-0.3, 0.3):
        c.drawCircle(x, 0.2, 0.1, st.fill((25, 25, 28)))
        c.drawCircle(x, 0.2, 0.045, st.fill(METAL))


_DRAW = {
    "camera": _camera, "phone": _phone, "photo": _photo, "cup": _cup, "glass": _glass, "bottle": _bottle,
    "letter": _letter, "book": _book, "notepad": _notepad, "pen": _pen, "food": _food, "plate": _plate,
    "box": _box, "openbox": _openbox, "keys": _keys, "bag": _bag, "ring": _ring, "gun": _gun, "knife": _knife,
    "flowers": _flowers, "umbrella": _umbrella, "lamp": _lamp, "watch": _watch, "laptop": _laptop,
    "wallet": _wallet, "coin": _coin, "cake": _cake, "radio": _radio, "guitar": _guitar, "generic": _generic,
    "newspaper": _newspaper, "contract": _contract, "ticket": _ticket, "map": _map, "torch": _torch,
    "candle": _candle, "suitcase": _suitcase, "backpack": _backpack, "briefcase": _briefcase, "money": _money,
    "usb drive": _usb_drive, "cigarette": _cigarette, "car": _car,
}
# Every prop of the vocabulary has a drawing of its own.
assert all(_DRAWING.get(n, n) in _DRAW for n in vocab.names()), "a vocabulary prop has no drawing"
