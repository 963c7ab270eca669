"""Control passes drawn the way other models expect them.

Pose: the 18-keypoint OpenPose/COCO skeleton as OpenPose's own renderer draws it — limbs as
coloured sticks at 60 % intensity, joints as full-colour dots, on black. Mask: one white
silhouette per character. Depth: grey, near bright, far dark, the sky black.
"""

from __future__ import annotations

import numpy as np
import skia

from . import style as st

# OpenPose's limb pairs (0-based COCO-18 indices) and colours, in its drawing order.
LIMBS = [(1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10), (1, 11), (11, 12), (12, 13),
         (1, 0), (0, 14), (14, 16), (0, 15), (15, 17)]
COLORS = [(255, 0, 0), (255, 85, 0), (255, 170, 0), (255, 255, 0), (170, 255, 0), (85, 255, 0), (0, 255, 0),
          (0, 255, 85), (0, 255, 170), (0, 255, 255), (0, 170, 255), (0, 85, 255), (0, 0, 255), (85, 0, 255),
          (170, 0, 255), (255, 0, 255), (255, 0, 170), (255, 0, 85)]


def draw_pose(c: skia.Canvas, people: dict[str, np.ndarray], height: int) -> None:
    """`people`: character id → 18×3 (x, y, visible) in pixels."""
    c.drawColor(skia.ColorBLACK)
    stick = max(2.0, 4.0 * height / 512)
    radius = max(2.0, 4.0 * height / 512)
    for kp in people.values():
        for i, (a, b) in enumerate(LIMBS):
            if kp[a, 2] > 0 and kp[b, 2] > 0:
                col = tuple(int(v * 0.6) for v in COLORS[i])
                c.drawLine(float(kp[a, 0]), float(kp[a, 1]), float(kp[b, 0]), float(kp[b, 1]), st.stroke(col, stick))
        for i in range(18):
            if kp[i, 2] > 0:
                c.drawCircle(float(kp[i, 0]), float(kp[i, 1]), radius, st.fill(COLORS[i]))
