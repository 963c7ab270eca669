"""Headwear drawn on the 3-D head of face.py, in head units (face coordinates: x to the
character's left, y down, z out of the face; the crown of the skull is at y = -1).

Every hat is made of a few solids: a frustum between two rings (a crown), a flat ring (a brim),
a dome over the skull (caps, beanies, helmets). Each is the convex hull of its projected
points, so it turns with the head for free and costs one path per part, recorded once into
the head's cached picture."""

from __future__ import annotations

import math

import numpy as np
import skia

from . import style as st

_T = np.linspace(0, 2 * math.pi, 24, endpoint=False)
_COS, _SIN = np.cos(_T), np.sin(_T)

# Default colours for hats whose kind says it ("a straw hat", "a chef's hat").
COLORS = {"straw hat": (214, 186, 112), "sun hat": (226, 204, 150), "chef's hat": (246, 246, 242),
          "hard hat": (236, 190, 40), "crown": (214, 170, 40), "tiara": (214, 214, 224), "veil": (244, 242, 236)}

# Kinds that cover the hair entirely (the hair cap is not drawn under them).
HIDE_HAIR = frozenset({"hood", "headscarf", "ski mask", "turban", "helmet", "veil"})
# Kinds with a part hanging behind the skull (drawn before it).
BEHIND = frozenset({"hood", "headscarf", "veil"})


def _ring(r, y, rx, rz, dz=0.0, lift=None):
    """A horizontal loop of points (projected to the screen) at height y."""
    ys = np.full_like(_T, y) if lift is None else y + lift
    pts = np.stack([rx * _SIN, ys, rz * _COS + dz], axis=1) @ r.T
    return [(float(p[0]), float(p[1])) for p in pts], pts


def _solid(c, r, rings, color) -> None:
    pts = []
    for y, rx, rz, dz in rings:
        pts += _ring(r, y, rx, rz, dz)[0]
    c.drawPath(st.path(st.hull(pts)), st.fill(color))


def _brim(c, r, y, rx, rz, color, dz=0.0, lift=None) -> None:
    pts, _ = _ring(r, y, rx, rz, dz, lift)
    c.drawPath(st.path(pts), st.fill(color))


def _dome(c, r, k, y_low, color, flat=1.0, dz=0.0) -> None:
    """The skull's ellipsoid scaled by k above height y_low (a cap, a beanie)."""
    rings = []
    for y in np.linspace(y_low, -0.999, 6):
        rho = math.sqrt(max(0.0, 1 - y * y))
        rings.append((y * k * flat, 0.84 * rho * k, 0.9 * rho * k, dz))
    _solid(c, r, rings, color)


def draw_behind(c: skia.Canvas, kind: str, r: np.ndarray, color) -> None:
    """The part of a hood, headscarf or veil that hangs behind the head and neck."""
    if kind == "hood":
        _solid(c, r, [(-1.05, 0.95, 1.0, -0.1), (0.2, 1.12, 1.1, -0.15), (0.95, 0.9, 0.85, -0.25)], color)
    elif kind == "headscarf":
        _solid(c, r, [(-1.02, 0.9, 0.96, -0.05), (0.3, 0.98, 1.0, -0.05), (1.2, 0.92, 0.9, -0.15)], color)
    elif kind == "veil":
        _solid(c, r, [(-1.0, 0.9, 0.9, -0.2), (0.6, 1.05, 0.8, -0.5), (2.2, 1.25, 0.8, -0.6)], color)


def draw(c: skia.Canvas, kind: str, r: np.ndarray, color) -> None:
    """Draw headwear `kind` over the head (after the hair) in `color` (an RGB)."""
    dark, darker = st.darker(color, 0.85), st.darker(color, 0.62)
    if kind in ("cap", "flat cap"):
        # a dome over the skull and a visor standing out in front
        flat = kind == "flat cap"
        _dome(c, r, 1.06, -0.42, color, flat=0.92 if flat else 1.0)
        reach = 1.25 if flat else 1.55
        visor = [(0.78 * math.sin(t), -0.44, 0.8 * math.cos(t)) for t in np.linspace(-1.25, 1.25, 9)]
        visor += [(0.62 * math.sin(t), -0.4, reach * math.cos(t)) for t in np.linspace(1.1, -1.1, 9)]
        pts = np.array(visor) @ r.T
        c.drawPath(st.path([(float(p[0]), float(p[1])) for p in pts]), st.fill(darker if not flat else dark))
        if not flat:
            top = r @ np.array([0.0, -1.07, 0.0])
            c.drawCircle(float(top[0]), float(top[1]), 0.07, st.fill(darker))
    elif kind == "beanie":
        _dome(c, r, 1.1, -0.3, color)
        _solid(c, r, [(-0.28, 0.93, 0.99, 0.0), (-0.52, 0.86, 0.92, 0.0)], dark)  # the turned-up band
        top = r @ np.array([0.0, -1.18, 0.0])
        c.drawCircle(float(top[0]), float(top[1]), 0.16, st.fill(dark))  # the bobble
    elif kind == "beret":
        tilt = np.array([0.18 * math.sin(t) for t in _T])
        _brim(c, r, -0.9, 1.02, 1.02, color, lift=tilt)
        _dome(c, r, 1.04, -0.55, color)
    elif kind == "top hat":
        _brim(c, r, -0.6, 1.18, 1.2, dark)
        _solid(c, r, [(-0.62, 0.78, 0.82, 0.0), (-2.05, 0.8, 0.84, 0.0)], color)
        _solid(c, r, [(-0.64, 0.79, 0.83, 0.0), (-0.86, 0.79, 0.83, 0.0)], darker)
    elif kind in ("straw hat", "sun hat"):
        _brim(c, r, -0.52, 1.75, 1.8, dark)
        _solid(c, r, [(-0.55, 0.86, 0.92, 0.0), (-1.22, 0.74, 0.8, 0.0)], color)
        _solid(c, r, [(-0.57, 0.87, 0.93, 0.0), (-0.74, 0.85, 0.91, 0.0)],
               (150, 60, 50) if kind == "straw hat" else darker)
    elif kind == "cowboy hat":
        lift = np.array([-0.32 * abs(math.sin(t)) for t in _T])  # the sides curl up
        _brim(c, r, -0.5, 1.6, 1.45, dark, lift=lift)
        _solid(c, r, [(-0.55, 0.86, 0.92, 0.0), (-1.42, 0.7, 0.74, 0.0)], color)
        _solid(c, r, [(-0.58, 0.87, 0.93, 0.0), (-0.76, 0.86, 0.92, 0.0)], darker)
    elif kind == "fedora":
        _brim(c, r, -0.55, 1.32, 1.36, dark)
        _solid(c, r, [(-0.58, 0.86, 0.92, 0.0), (-1.38, 0.72, 0.76, 0.0)], color)
        _solid(c, r, [(-0.6, 0.87, 0.93, 0.0), (-0.8, 0.86, 0.92, 0.0)], darker)
    elif kind == "bowler hat":
        _brim(c, r, -0.55, 1.1, 1.14, dark)
        _solid(c, r, [(-0.58, 0.86, 0.92, 0.0), (-1.15, 0.8, 0.85, 0.0), (-1.42, 0.45, 0.5, 0.0)], color)
    elif kind in ("hard hat", "helmet"):
        _dome(c, r, 1.14, -0.2 if kind == "helmet" else -0.4, color)
        if kind == "hard hat":
            _brim(c, r, -0.42, 1.1, 1.28, dark, dz=0.12)
            _solid(c, r, [(-1.12, 0.12, 0.95, 0.0), (-0.6, 0.12, 1.05, 0.0)], st.lighter(color, 0.3))  # ridge
        else:
            _brim(c, r, -0.2, 1.0, 1.05, darker)
    elif kind == "hood":
        _dome(c, r, 1.16, -0.25, color)
        rim, _ = _ring(r, -0.25, 0.98, 1.05)
        c.drawPath(st.path(rim, close=True), st.stroke(dark, 0.12))
    elif kind == "headscarf":
        _dome(c, r, 1.07, -0.38, color)
        for side in (1, -1):  # down the cheeks to the chin
            pts = np.array([(side * 0.78, -0.4, 0.3), (side * 0.86, 0.4, 0.2), (side * 0.5, 1.0, 0.35),
                            (side * 0.7, 1.05, -0.1), (side * 0.95, 0.3, -0.2)]) @ r.T
            c.drawPath(st.path([(float(p[0]), float(p[1])) for p in pts]), st.fill(color))
    elif kind == "veil":
        _dome(c, r, 1.05, -0.6, color)
        band, _ = _ring(r, -0.62, 0.82, 0.88)
        c.drawPath(st.path(band, close=True), st.stroke((214, 200, 160), 0.07))
    elif kind == "turban":
        _dome(c, r, 1.2, -0.42, color, flat=1.1)
        for y in (-0.55, -0.85):
            loop, _ = _ring(r, y, 0.92, 0.98)
            c.drawPath(st.path(loop, close=False), st.stroke(dark, 0.06))
    elif kind == "bandana":
        _solid(c, r, [(-0.38, 0.87, 0.93, 0.0), (-0.7, 0.82, 0.88, 0.0)], color)
        k = r @ np.array([0.0, -0.5, -0.95])
        c.drawCircle(float(k[0]), float(k[1]), 0.14, st.fill(dark))  # the knot behind
    elif kind == "chef's hat":
        _solid(c, r, [(-0.6, 0.8, 0.86, 0.0), (-1.6, 0.86, 0.9, 0.0)], color)
        for x, z in ((0.0, 0.0), (0.5, 0.3), (-0.5, 0.3), (0.45, -0.35), (-0.45, -0.35)):
            p = r @ np.array([x, -1.75, z])
            c.drawCircle(float(p[0]), float(p[1]), 0.42, st.fill(color))
        _solid(c, r, [(-0.6, 0.81, 0.87, 0.0), (-0.82, 0.81, 0.87, 0.0)], dark)
    elif kind in ("crown", "tiara"):
        teeth = 10 if kind == "crown" else 7
        span = 2 * math.pi if kind == "crown" else 1.6
        y0, h = (-0.72, 0.42) if kind == "crown" else (-0.62, 0.24)
        pts = []
        for i in range(teeth * 2 + 1):
            t = -span / 2 + span * i / (teeth * 2)
            y = y0 - (h if i % 2 else h * 0.3)
            pts.append((0.86 * math.sin(t), y, 0.92 * math.cos(t)))
        front = list(np.array(pts) @ r.T)
        if kind == "crown":
            _solid(c, r, [(y0, 0.86, 0.92, 0.0), (y0 - h * 0.3, 0.86, 0.92, 0.0)], color)
        for a, b in zip(front, front[1:]):
            c.drawLine(float(a[0]), float(a[1]), float(b[0]), float(b[1]), st.stroke(color, 0.09))
    elif kind == "ski mask":
        pass  # face.py fills the whole head in the mask's colour
    else:  # "hat" and anything unknown: a plain brimmed hat
        _brim(c, r, -0.55, 1.3, 1.3, dark)
        _solid(c, r, [(-0.6, 0.9, 0.95, 0.0), (-1.35, 0.82, 0.86, 0.0)], color)
        _solid(c, r, [(-0.6, 0.9, 0.95, 0.0), (-0.72, 0.9, 0.95, 0.0)], st.darker(color, 0.6))


_KNOWN = ("straw hat", "sun hat", "cowboy hat", "top hat", "bowler hat", "hard hat", "chef's hat", "ski mask",
          "flat cap", "baseball cap", "headscarf", "helmet", "beanie", "beret", "fedora", "turban", "bandana",
          "crown", "tiara", "veil", "hood", "cap", "hat")


def kind_of(outfit) -> str:
    """The headwear a look wears: its own field, else a hat named as the accessory (older
    storyboards said "hat" or "cap" there)."""
    h = (getattr(outfit, "headwear", "") or "").lower().strip()
    if h:
        return "cap" if h == "baseball cap" else h
    acc = outfit.accessory.lower()
    for k in _KNOWN:
        if k in acc:
            return "cap" if k == "baseball cap" else k
    return ""
