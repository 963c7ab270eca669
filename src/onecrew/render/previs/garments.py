"""What a puppet wears, read once from its `Outfit` into drawing facts: how far the top and any
coat or skirt reach, the sleeves, the neckline and the small details that make a garment read
at 320x180 (lapels and a tie for a suit, a belt and epaulettes for a uniform, a hood, stripes).

Garment words are onecrew.vocabulary.looks' kinds; unknown words fall back to the nearest
plain garment, so a new word draws as something sensible until it gets its own shape. Fields
the model may not have yet are read with getattr, so this works with older vocabularies."""

from __future__ import annotations

from dataclasses import dataclass

from . import style as st

# Whole-body garments that hang as a skirt, and their hem's default reach (0 hips … 1 ankles).
DRESSES = {"dress": 0.55, "sundress": 0.5, "gown": 0.97, "wedding dress": 0.97, "robe": 0.8, "kimono": 0.92,
           "habit": 0.97, "cassock": 0.97, "tunic": 0.3}
LEGGED = ("jumpsuit", "overalls", "wetsuit")  # whole body, with trouser legs of the same colour
SUITS = ("suit", "tuxedo", "uniform", "scrubs", "tracksuit", "pyjamas", "chef's whites")
LENGTHS = {"short": 0.3, "knee": 0.55, "long": 0.95}
# Outer layers: (reach below the hips as a fraction of the leg, or None for a hip-length one,
# sleeves, lapels, belt)
OUTERS = {
    "coat": (0.5, True, False, False), "overcoat": (0.58, True, True, False),
    "trench coat": (0.6, True, True, True), "raincoat": (0.5, True, False, False),
    "parka": (0.25, True, False, False), "lab coat": (0.55, True, True, False),
    "cloak": (0.9, False, False, False), "poncho": (None, False, False, False),
    "jacket": (None, True, False, False), "blazer": (None, True, True, False),
    "puffer jacket": (None, True, False, False), "fleece": (None, True, False, False),
    "life jacket": (None, False, False, False), "hi-vis vest": (None, False, False, False),
    "shawl": (None, False, False, False),
}
OUTER_COLORS = {"lab coat": "#f4f4f2", "hi-vis vest": "#e6e23a", "life jacket": "#e8702a"}
SHORT_SLEEVES = ("t-shirt", "tshirt", "tee", "polo", "polo shirt", "scrubs", "jersey", "top", "crop top", "apron", "overalls")
NO_SLEEVES = ("tank top", "vest", "sundress", "tank")
SHEEN = frozenset("silk satin leather rubber oilskin nylon polyester sequined velvet".split())
WEAVE = frozenset("wool knitted cashmere tweed corduroy flannel plaid tartan fleece".split())


def _material(m: str) -> str:
    m = (m or "").lower()
    return "sheen" if m in SHEEN else "denim" if m == "denim" else "weave" if m in WEAVE else \
        "fur" if "fur" in m else "lace" if m == "lace" else ""


@dataclass(frozen=True)
class Garb:
    top: str
    bottom: str
    outer: str
    dress_reach: float | None  # a skirt or dress hem, as a fraction of the leg; None: none
    legs_in_top: bool  # a jumpsuit, a suit: trouser legs in the top's colour
    sleeves: str  # "long", "short", "none"
    outer_rgb: tuple[int, int, int] | None
    outer_reach: float | None  # a coat's hem below the hips (fraction of the leg); None: hip length
    outer_sleeves: bool
    lapels: bool
    belt: bool
    top_material: str  # "sheen", "denim", "weave", "fur", "lace", ""
    bottom_material: str
    outer_material: str
    shoes: str


def garb_of(o) -> Garb:
    top = o.top.lower().strip()
    bottom = o.bottom.lower().strip()
    outer = (getattr(o, "outer", "") or "").lower().strip()
    length = LENGTHS.get(getattr(o, "dress_length", "") or "")
    reach = None
    if top in DRESSES or ("dress" in top and top not in LEGGED):
        reach = length or DRESSES.get(top, 0.55)
    elif "skirt" in bottom:
        reach = length or (0.3 if "mini" in bottom else None)  # None below: the old knee-length skirt
    legs_in_top = top in LEGGED or (top in SUITS and not bottom)
    if top in NO_SLEEVES or (top in DRESSES and top == "sundress"):
        sleeves = "none"
    elif any(top == k or top.startswith(k) for k in SHORT_SLEEVES) or top in ("dress", "t-shirt"):
        sleeves = "short"
    else:
        sleeves = "long"
    spec = OUTERS.get(outer)
    if outer and spec is None:  # an unknown layer: a plain jacket, or a coat if it says so
        spec = OUTERS["coat"] if "coat" in outer else OUTERS["jacket"]
    oc = getattr(o, "outer_color", None)
    outer_rgb = st.rgb(oc) if oc else (st.rgb(OUTER_COLORS.get(outer, "charcoal")) if outer else None)
    lapels = bool(spec and spec[2]) or top in ("suit", "tuxedo", "blazer")
    return Garb(top=top, bottom=bottom, outer=outer, dress_reach=reach, legs_in_top=legs_in_top, sleeves=sleeves,
                outer_rgb=outer_rgb, outer_reach=spec[0] if spec else None, outer_sleeves=bool(spec and spec[1]),
                lapels=lapels, belt=bool(spec and spec[3]) or top in ("uniform", "trench coat"),
                top_material=_material(getattr(o, "top_material", "")),
                bottom_material=_material(getattr(o, "bottom_material", "")),
                outer_material=_material(getattr(o, "outer_material", "")),
                shoes=(getattr(o, "shoes", "") or "").lower().strip())


WHITE, GOLD, DARK = (244, 244, 240), (214, 176, 60), (30, 30, 34)


def details(c, p, g, sc: float) -> None:
    """The marks that tell one garment from another, over the torso (front views only where
    they sit on the chest). `p` is the Puppet, `g` its screen geometry. Each detail is a few
    lines or small fills: cheap beside the body's big shapes."""
    from .rig import NECK, PELVIS, L_SH, R_SH
    gb: Garb = p.garb
    xs, ys = g.xs, g.ys
    nx, ny, px, py = xs[NECK], ys[NECK], xs[PELVIS], ys[PELVIS]
    b = p.body
    w = b.chest_hw * sc
    facing = g.fwd[2]
    lw = max(1.0, sc * 0.012)

    def at(s: float, k: float = 0.0):  # a point s along the spine, k chest half-widths across
        return nx + (px - nx) * s + k * w, ny + (py - ny) * s

    main = p.outer if p.outer is not None else p.top
    dark = st.darker(main, 0.7)
    top, kind = gb.top, gb.outer or gb.top
    if facing > 0.3:
        if p.outer is not None and gb.outer not in ("hi-vis vest", "life jacket", "poncho", "shawl", "cloak"):
            # an open layer: the top shows down the front
            c.drawPath(st.path([at(-0.02, -0.28), at(-0.02, 0.28), at(0.95, 0.12), at(0.95, -0.12)]),
                       st.fill(p.top))
        if gb.lapels or top in ("suit", "tuxedo"):
            shirt = WHITE if top in ("suit", "tuxedo") or gb.outer in ("blazer", "overcoat") else p.top
            c.drawPath(st.path([at(-0.02, -0.3), at(-0.02, 0.3), at(0.45, 0.0)]), st.fill(shirt))
            lap = st.darker(main, 0.55 if top == "tuxedo" else 0.8)
            for k in (-1, 1):
                c.drawPath(st.path([at(-0.02, 0.3 * k), at(0.1, 0.5 * k), at(0.22, 0.2 * k), at(0.45, 0.02 * k)]),
                           st.fill(lap))
            if top == "tuxedo":
                x, y = at(0.05)
                bw = w * 0.18
                c.drawPath(st.path([(x - bw, y - bw * 0.6), (x + bw, y + bw * 0.6), (x + bw, y - bw * 0.6),
                                    (x - bw, y + bw * 0.6)]), st.fill(DARK))
            elif top == "suit" and not p.tie:
                p._draw_tie(c, nx, ny, sc)
        if top == "uniform":
            for k in (-0.5, 0.0, 0.5):
                x, y = at(0.18 + (k + 0.5) * 0.35)
                c.drawCircle(x, y, lw * 1.3, st.fill(GOLD))
        elif top in ("pyjamas", "cardigan", "chef's whites", "cassock", "vest"):
            rows = (-0.16, 0.16) if top == "chef's whites" else (0.0,)
            for k in rows:
                for s in (0.15, 0.35, 0.55, 0.75):
                    x, y = at(s, k)
                    c.drawCircle(x, y, lw * 1.1, st.fill(st.darker(main, 0.55) if top != "pyjamas" else WHITE))
            if top in ("cardigan", "vest"):
                c.drawPath(st.path([at(-0.02, -0.22), at(-0.02, 0.22), at(0.3, 0.0)]), st.fill(st.darker(p.top, 0.75)))
        elif top == "scrubs":
            c.drawPath(st.path([at(-0.02, -0.25), at(-0.02, 0.25), at(0.2, 0.0)]), st.fill(st.darker(main, 0.72)))
            x, y = at(0.28, 0.35)
            c.drawRect(st_rect(x - w * 0.18, y, x + w * 0.18, y + w * 0.25), st.stroke(st.darker(main, 0.75), lw))
        elif top in ("tracksuit", "wetsuit", "jumpsuit", "fleece", "parka", "puffer jacket") or kind in ("parka", "fleece"):
            a, z = at(0.0), at(1.0)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.lighter(main, 0.5), lw))
        elif top == "hoodie":
            a, z = at(0.62, -0.45), at(0.92, 0.45)
            c.drawRect(st_rect(a[0], a[1], z[0], z[1]), st.fill(st.darker(main, 0.82)))
            for k in (-0.15, 0.15):
                a, z = at(0.02, k), at(0.3, k)
                c.drawLine(a[0], a[1], z[0], z[1], st.stroke(WHITE, lw))
        elif top == "overalls":
            c.drawRect(st_rect(*at(0.28, -0.5), *at(1.0, 0.5)), st.fill(p.top))
            for k in (-0.42, 0.42):
                a, z = at(-0.02, k), at(0.3, k)
                c.drawLine(a[0], a[1], z[0], z[1], st.stroke(p.top, lw * 2.2))
        elif top == "apron":
            c.drawRect(st_rect(*at(0.12, -0.55), *at(1.25, 0.55)), st.fill(st.lighter(p.top, 0.15)))
        elif top == "jersey":
            a, z = at(0.25, -0.9), at(0.25, 0.9)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke(WHITE, w * 0.14, cap="butt"))
        elif top == "kimono":
            c.drawPath(st.path([at(-0.02, -0.3), at(0.55, 0.3), at(0.55, 0.15), at(-0.02, -0.1)]), st.fill(st.darker(main, 0.7)))
        elif top == "blouse" and p.outer is None:  # a soft ruffle at the neck, where a shirt has points
            for k in (-0.12, 0.12):
                x, y = at(0.1, k)
                c.drawCircle(x, y, w * 0.1, st.fill(st.lighter(p.top, 0.3)))
        elif top == "sweatshirt":  # the ribbed crew neck and a printed band across the chest
            a, z = at(0.3, -0.6), at(0.3, 0.6)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.lighter(main, 0.4), w * 0.1, cap="butt"))
        elif top == "habit":
            c.drawPath(st.path([at(-0.05, -0.7), at(-0.05, 0.7), at(0.2, 0.0)]), st.fill(WHITE))
    # round the body (any view): belts, bands, epaulettes, stripes
    if gb.belt or top in ("uniform", "robe", "kimono", "wedding dress") or gb.outer == "trench coat":
        a, z = at(0.7, -1.2), at(0.7, 1.2)
        c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.darker(main, 0.45) if top != "wedding dress" else WHITE,
                                                     w * 0.14, cap="butt"))
        if top == "uniform" and facing > 0.3:
            x, y = at(0.7)
            c.drawRect(st_rect(x - w * 0.1, y - w * 0.08, x + w * 0.1, y + w * 0.08), st.fill(GOLD))
    if top == "uniform" or gb.outer == "trench coat":
        for sh in (L_SH, R_SH):
            c.drawLine(xs[sh] + (nx - xs[sh]) * 0.55, ys[sh] - sc * 0.01, xs[sh], ys[sh] - sc * 0.01,
                       st.stroke(GOLD if top == "uniform" else dark, sc * 0.022, cap="butt"))
    if gb.outer == "hi-vis vest":
        for s in (0.45, 0.75):
            a, z = at(s, -1.1), at(s, 1.1)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke((200, 204, 208), w * 0.12, cap="butt"))
    elif gb.outer == "puffer jacket":
        for s in (0.25, 0.5, 0.75):
            a, z = at(s, -1.05), at(s, 1.05)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke(dark, lw))
    elif gb.outer == "life jacket":
        a, z = at(0.08, -0.6), at(0.08, 0.6)
        c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.darker(main, 0.8), w * 0.3))
    elif gb.outer == "shawl":
        c.drawPath(st.path([at(-0.05, -1.15), at(-0.05, 1.15), at(0.55, 0.0)]), st.fill(p.outer))
    elif gb.outer == "poncho":
        c.drawPath(st.path([at(-0.06, -0.5), at(-0.06, 0.5), at(0.75, 1.7), at(0.75, -1.7)]), st.fill(p.outer))
    # materials: a sheen down the lit side, denim's stitching, a knit's ribs, a fur collar
    mat = gb.outer_material if p.outer is not None else gb.top_material
    if gb.outer in ("raincoat",) and not mat:
        mat = "sheen"  # a raincoat's waxed shine tells it from a wool coat
    if gb.top == "wetsuit" and not mat:
        mat = "sheen"  # neoprene
    if gb.top == "flannel shirt" and not mat:
        mat = "weave"  # its check
    if mat == "sheen":
        a, z = at(0.08, -0.55), at(0.85, -0.5)
        c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.lighter(main, 0.3), w * 0.16))
    elif mat == "denim":
        for k in (-0.55, 0.55):
            a, z = at(0.05, k), at(0.9, k)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke((214, 170, 90), max(1.0, lw * 0.6)))
    elif mat == "weave":
        for s in (0.3, 0.5, 0.7):
            a, z = at(s, -0.85), at(s, 0.85)
            c.drawLine(a[0], a[1], z[0], z[1], st.stroke(st.darker(main, 0.86), max(1.0, lw * 0.7)))
    elif mat == "fur":
        for k in (-0.5, -0.25, 0.0, 0.25, 0.5):
            x, y = at(-0.02, k)
            c.drawCircle(x, y, w * 0.16, st.fill(st.lighter(main, 0.35)))
    elif mat == "lace":
        for k in (-0.4, -0.2, 0.0, 0.2, 0.4):
            x, y = at(0.06, k)
            c.drawCircle(x, y, lw, st.fill(WHITE))


def st_rect(x0, y0, x1, y1):
    import skia
    return skia.Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
