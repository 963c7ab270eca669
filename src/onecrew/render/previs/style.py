"""Colours and paints. Everything the previs draws is flat, opaque colour wherever possible:
on a CPU raster, opaque fills cost about a memset while blended or shaded pixels cost ten times
more, so gradients are drawn as bands and soft things are kept small."""

from __future__ import annotations

from functools import lru_cache

import skia

from ...model.colors import to_hex

RGB = tuple[int, int, int]


@lru_cache(maxsize=1024)
def rgb(color: str) -> RGB:
    """'#rrggbb' or a palette name → (r, g, b)."""
    h = to_hex(color).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = min(1.0, max(0.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def scale(c: RGB, k: float) -> RGB:
    return (min(255, round(c[0] * k)), min(255, round(c[1] * k)), min(255, round(c[2] * k)))


def luma(c: RGB) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


def darker(c: RGB, k: float = 0.78) -> RGB:
    return scale(c, k)


def lighter(c: RGB, k: float = 0.25) -> RGB:
    return mix(c, (255, 255, 255), k)


def sk(c: RGB, a: int = 255) -> int:
    return skia.Color(c[0], c[1], c[2], a)


@lru_cache(maxsize=4096)
def fill(c: RGB, a: int = 255, aa: bool = True) -> skia.Paint:
    return skia.Paint(Color=sk(c, a), AntiAlias=aa)


@lru_cache(maxsize=4096)
def stroke(c: RGB, width: float, a: int = 255, cap: str = "round") -> skia.Paint:
    caps = {"round": skia.Paint.kRound_Cap, "butt": skia.Paint.kButt_Cap, "square": skia.Paint.kSquare_Cap}
    return skia.Paint(Color=sk(c, a), AntiAlias=True, Style=skia.Paint.kStroke_Style,
                      StrokeWidth=float(width), StrokeCap=caps[cap], StrokeJoin=skia.Paint.kRound_Join)


@lru_cache(maxsize=256)
def recolor(c: RGB) -> skia.Paint:
    """A paint that draws a picture or image in one flat colour, keeping its coverage: masks
    and depth passes reuse the picture's own shapes."""
    return skia.Paint(ColorFilter=skia.ColorFilters.Blend(sk(c), skia.BlendMode.kSrcIn))


@lru_cache(maxsize=64)
def haze(c: RGB, k: float) -> skia.Paint:
    """A paint that washes a picture's colours toward `c` by `k`."""
    m = [1 - k, 0, 0, 0, k * c[0] / 255, 0, 1 - k, 0, 0, k * c[1] / 255, 0, 0, 1 - k, 0, k * c[2] / 255, 0, 0, 0, 1, 0]
    return skia.Paint(ColorFilter=skia.ColorFilters.Matrix(m))


def record(bounds: tuple[float, float, float, float], draw) -> skia.Picture:
    """Record `draw(canvas)` into a picture: replaying one costs a single Python call."""
    rec = skia.PictureRecorder()
    canvas = rec.beginRecording(skia.Rect(*bounds))
    draw(canvas)
    return rec.finishRecordingAsPicture()


def path(points, close: bool = True) -> skia.Path:
    p = skia.Path()
    it = iter(points)
    x, y = next(it)
    p.moveTo(float(x), float(y))
    for x, y in it:
        p.lineTo(float(x), float(y))
    if close:
        p.close()
    return p


def smooth_path(points, close: bool = True) -> skia.Path:
    """A closed curve through the midpoints of `points`, using each point as a control point."""
    pts = [(float(x), float(y)) for x, y in points]
    n = len(pts)
    p = skia.Path()
    if not close:
        p.moveTo(*pts[0])
        for i in range(1, n - 1):
            mx, my = (pts[i][0] + pts[i + 1][0]) / 2, (pts[i][1] + pts[i + 1][1]) / 2
            p.quadTo(pts[i][0], pts[i][1], mx, my)
        p.lineTo(*pts[-1])
        return p
    mid = lambda a, b: ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)  # noqa: E731
    p.moveTo(*mid(pts[-1], pts[0]))
    for i in range(n):
        p.quadTo(pts[i][0], pts[i][1], *mid(pts[i], pts[(i + 1) % n]))
    p.close()
    return p


def ease(t: float) -> float:
    """Smoothstep ease-in-out on [0, 1]."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


OUTLINE: RGB = (30, 28, 36)


def hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of `points` (monotone chain), counter-clockwise: a crown or a hat from its
    outline's points."""
    pts = sorted(set((round(x, 5), round(y, 5)) for x, y in points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
