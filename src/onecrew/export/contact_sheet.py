"""storyboard.html: a contact sheet of shot cards with a framing diagram, one self-contained
file a creator opens in any browser."""

from __future__ import annotations

import base64
from html import escape
from typing import Mapping

from ..model.colors import to_hex
from ..model.storyboard import Scene, Shot, Storyboard
from ..model.time import timecode
from ..model.vocab import Plane, ShotSize
from ..words import count

# Figure height as a fraction of frame height: how big a person reads at each size.
_SCALE = {ShotSize.EWS: 0.18, ShotSize.WS: 0.45, ShotSize.FS: 0.85, ShotSize.MS: 1.6,
          ShotSize.MCU: 2.2, ShotSize.CU: 3.4, ShotSize.ECU: 6.0, ShotSize.OTS: 2.0,
          ShotSize.TWO_SHOT: 1.5, ShotSize.INSERT: 1.0}
_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#f4f2ee;color:#222}
h1{margin:0 0 4px}h2{margin:28px 0 8px;font-size:17px}.meta{color:#666}
.cast{display:flex;gap:10px;flex-wrap:wrap;margin:12px 0}.person{background:#fff;border-radius:8px;
padding:8px 10px;box-shadow:0 1px 2px #0002}.sw{display:inline-block;width:12px;height:12px;
border-radius:3px;margin-right:3px;vertical-align:-1px}
.shots{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:10px;box-shadow:0 1px 3px #0002}
.card svg,.card img{width:100%;height:auto;border-radius:4px;display:block}.id{font-weight:700}
.tag{display:inline-block;background:#eee;border-radius:4px;padding:0 5px;margin:2px 2px 0 0;font-size:12px}
.say{font-style:italic;margin-top:4px}.act{color:#444;margin-top:4px}
"""


def contact_sheet(sb: Storyboard, thumbnails: Mapping[str, bytes] | None = None) -> str:
    """`thumbnails`: shot id → a PNG or JPEG of a rendered frame, shown in place of the
    framing diagram (which stays as the fallback for shots not rendered)."""
    thumbs = thumbnails or {}
    cast = {c.id: c for c in sb.cast}
    people = "".join(
        f'<div class="person"><span class="sw" style="background:{to_hex(c.look.outfit.top_color)}"></span>'
        f'<span class="sw" style="background:{to_hex(c.look.hair_color)}"></span>'
        f"<b>{escape(c.name)}</b> — {escape(c.look.age.value)} {escape(c.look.gender.value)}, "
        f"{escape(c.look.hair_style.value)} hair, {escape(c.look.outfit.top)}"
        f'<div class="meta">{escape(c.voice.description)}</div></div>' for c in sb.cast)
    scenes = "".join(_scene(sb, s, cast, thumbs) for s in sb.scenes)
    title = escape(sb.title or "Untitled")
    return (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{title} — storyboard</title>'
            f"<style>{_CSS}</style><body><h1>{title}</h1>"
            f'<div class="meta">{count(len(sb.shots), "shot")} · {count(len(sb.scenes), "scene")} · '
            f"{timecode(sb.duration, sb.fps)} at {sb.fps} fps · seed {sb.seed}</div>"
            f'<div class="cast">{people}</div>{scenes}</body></html>\n')


def _scene(sb: Storyboard, scene: Scene, cast, thumbs: Mapping[str, bytes]) -> str:
    fs = sb.film_set(scene.set)
    lines = {ln.id: ln for ln in scene.lines}
    music = f" · music: {scene.music.mood} {scene.music.key} {scene.music.tempo_bpm} bpm" if scene.music else ""
    amb = f" · ambience: {scene.ambience.kind}" if scene.ambience else ""
    cards = "".join(_card(sb, shot, cast, lines, fs, thumbs.get(shot.id)) for shot in scene.shots)
    return (f"<h2>{escape(scene.number)}. {escape(scene.heading)}</h2>"
            f'<div class="meta">{escape(str(scene.mood))} mood{escape(music)}{escape(amb)}</div>'
            f'<div class="shots">{cards}</div>')


def _card(sb, shot: Shot, cast, lines, fs, thumb: bytes | None) -> str:
    who = ", ".join(escape(cast[c].name) for c in shot.subject if c in cast)
    acts = "".join(f'<div class="act">{escape(cast[b.character].name if b.character in cast else b.character)}: '
                   f"{escape(str(b.action or 'no action'))} — {escape(b.performance)} ({b.expression})</div>"
                   for b in shot.in_frame)
    said = "".join(f'<div class="say">{escape(cast[ln.speaker].name if ln.speaker in cast else ln.speaker)}: '
                   f"“{escape(ln.text)}”</div>" for lid in shot.lines if (ln := lines.get(lid)))
    tags = "".join(f'<span class="tag">{escape(str(t))}</span>' for t in
                   (shot.size, shot.angle, shot.move, f"{shot.lens_mm}mm", shot.kind,
                    f"{shot.duration / sb.fps:.1f} s"))
    desc = "" if shot.in_frame or said else f'<div class="act">{escape(shot.description)}</div>'
    picture = _diagram(sb, shot, cast, fs) if thumb is None else _image(thumb, shot.id)
    return (f'<div class="card" id="shot-{escape(shot.id)}">{picture}'
            f'<div><span class="id">{escape(shot.id)}</span> {who}</div>{tags}{acts}{said}{desc}</div>')


def _image(data: bytes, shot_id: str) -> str:
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return (f'<img class="thumb" alt="shot {escape(shot_id)}" '
            f'src="data:image/{kind};base64,{base64.b64encode(data).decode()}">')


def _diagram(sb: Storyboard, shot: Shot, cast, fs) -> str:
    """The frame as the camera sees it: figures at their screen positions, scaled by shot size,
    with a nose that points where they face."""
    w, h = 160, 90
    sky = {"night": "#1d2340", "sunset": "#f0a66a", "dawn": "#f3c6c0"}.get(fs.time.value if fs else "", "#bcd8ee")
    parts = [f'<svg viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'aria-label="framing of shot {escape(shot.id)}">',
             f'<rect width="{w}" height="{h}" fill="{sky}"/>',
             f'<rect y="{h * 0.62}" width="{w}" height="{h * 0.38}" fill="#00000022"/>']
    if shot.prop:
        parts.append(f'<circle cx="{w / 2}" cy="{h / 2}" r="{h * 0.28}" fill="#fff8" stroke="#333"/>'
                     f'<text x="{w / 2}" y="{h / 2 + 4}" font-size="11" text-anchor="middle">{escape(shot.prop)}</text>')
    scale = _SCALE[shot.size]
    for b in sorted(shot.in_frame, key=lambda b: b.plane != Plane.FOREGROUND):
        c = cast.get(b.character)
        if not c:
            continue
        fh = h * scale * (1.5 if b.plane == Plane.FOREGROUND else 1)
        x, head = b.position.x * w, fh * 0.13
        # Wide sizes stand people on the ground; closer ones put the eyes on the upper third.
        hy = h * 0.9 - fh + head if fh <= h * 0.9 else h / 3
        top = to_hex(c.look.outfit.top_color)
        parts.append(f'<rect x="{x - fh * 0.14:.1f}" y="{hy + head:.1f}" width="{fh * 0.28:.1f}" '
                     f'height="{fh * 0.55:.1f}" rx="{fh * 0.05:.1f}" fill="{top}"/>'
                     f'<circle cx="{x:.1f}" cy="{hy:.1f}" r="{head:.1f}" fill="{to_hex(c.look.skin)}"/>'
                     f'<path d="M{x - head:.1f},{hy:.1f} a{head:.1f},{head:.1f} 0 0 1 {2 * head:.1f},0" '
                     f'fill="{to_hex(c.look.hair_color)}"/>')
        if b.facing.direction:
            nx = x + b.facing.direction * head
            parts.append(f'<circle cx="{nx:.1f}" cy="{hy + head * 0.15:.1f}" r="{head * 0.22:.1f}" fill="#333"/>')
    parts.append("</svg>")
    return "".join(parts)
