"""Title and end cards: text centred on black, faded in and out.

The typeface ships in a pip package (`font-roboto`), loaded by path, so cards look the same on
a machine without any system fonts.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import skia

from ..backend import Card

FADE_S = 0.5


@lru_cache(maxsize=8)
def typeface(weight: str = "Regular") -> skia.Typeface:
    """Roboto from the font-roboto package; skia's default face if it is missing."""
    try:
        import font_roboto  # type: ignore[import-not-found]

        path = Path(font_roboto.__file__).parent / "files" / f"Roboto-{weight}.ttf"
        tf = skia.Typeface.MakeFromFile(str(path))
        if tf is not None:
            return tf
    except ImportError:
        pass
    return skia.Typeface.MakeDefault()


def _wrap(text: str, font: skia.Font, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if line and font.measureText(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def card_picture(card: Card, W: int, H: int) -> skia.Picture:
    title_font = skia.Font(typeface("Medium"), H * 0.075)
    sub_font = skia.Font(typeface("Light"), H * 0.038)
    for f in (title_font, sub_font):
        f.setEdging(skia.Font.Edging.kAntiAlias)
        f.setSubpixel(True)
    title = _wrap(card.title, title_font, W * 0.8)
    sub = _wrap(card.subtitle, sub_font, W * 0.75) if card.subtitle else []
    lh_t, lh_s = H * 0.1, H * 0.055
    gap = H * 0.04 if sub else 0.0
    total = len(title) * lh_t + gap + len(sub) * lh_s
    y = (H - total) / 2

    def draw(c: skia.Canvas) -> None:
        nonlocal y
        white = skia.Paint(Color=skia.Color(246, 244, 238), AntiAlias=True)
        grey = skia.Paint(Color=skia.Color(170, 170, 176), AntiAlias=True)
        for line in title:
            w = title_font.measureText(line)
            c.drawString(line, (W - w) / 2, y + lh_t * 0.75, title_font, white)
            y += lh_t
        y += gap
        if sub:
            c.drawLine(W * 0.44, y - gap * 0.5, W * 0.56, y - gap * 0.5, skia.Paint(Color=skia.Color(120, 120, 126), StrokeWidth=max(1.0, H / 500)))
        for line in sub:
            w = sub_font.measureText(line)
            c.drawString(line, (W - w) / 2, y + lh_s * 0.75, sub_font, grey)
            y += lh_s

    rec = skia.PictureRecorder()
    canvas = rec.beginRecording(skia.Rect(0, 0, W, H))
    draw(canvas)
    return rec.finishRecordingAsPicture()


class CardScene:
    def __init__(self, card: Card, W: int, H: int, frames: int, fps: int) -> None:
        self.pic = card_picture(card, W, H)
        self.n, self.fps = frames, fps

    def alpha(self, i: int) -> int:
        fade = max(1.0, FADE_S * self.fps)
        k = min(1.0, (i + 1) / fade, (self.n - i) / fade)
        if self.n <= 2 * fade:
            k = 1.0
        return int(round(255 * max(0.0, k)))

    def draw(self, c: skia.Canvas, i: int) -> None:
        c.drawColor(skia.ColorBLACK)
        a = self.alpha(i)
        if a > 0:
            c.drawPicture(self.pic, None, skia.Paint(Alphaf=a / 255.0) if a < 255 else None)
