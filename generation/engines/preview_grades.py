"""The looks a prompt can ask for ("as a cartoon", "in black and white", "neon", "sepia", "pastel").

Applied to a shot's layers and drawings once, when they are made, rather than to every frame:
a 720x1280 frame costs about 5 ms to grade, more than the rest of the frame's compositing.
"""

from __future__ import annotations

import numpy as np

from .preview_scenes import Cutout, Scene


def grade_scene(scene: Scene, style: str) -> None:
    """Grade a shot's layers in place: its sky, bands and particles."""
    grade(scene.sky, style)
    for band in scene.bands:
        if band.body is not None:
            grade(band.body, style)
        if band.edge is not None:
            grade_cutout(band.edge, style)
    for particles in scene.particles:
        colors = particles.colors.astype(np.uint8)
        grade(colors, style)
        particles.colors = colors.astype(np.uint16)


def grade_cutout(cutout: Cutout, style: str) -> None:
    grade(cutout.rgb, style)
    if len(cutout.soft_y):
        alpha = 256 - cutout.soft_keep
        cutout.soft_color = cutout.rgb[cutout.soft_y, cutout.soft_x].astype(np.uint16) * alpha


def grade(frame: np.ndarray, style: str) -> None:
    """Give pixels (any array of RGB triples) the clip's look in place: cartoon, mono, sepia,
    neon or pastel."""
    table = _GRADES.get(style)
    if table is None:
        return
    if style in ("mono", "sepia"):
        gray = frame[..., 0].astype(np.uint16) * 77
        gray += frame[..., 1].astype(np.uint16) * 150
        gray += frame[..., 2].astype(np.uint16) * 29
        light = (gray >> 8).astype(np.uint8)
        for channel in range(3):
            np.take(table[channel], light, out=frame[..., channel])
        return
    for channel in range(3):
        np.take(table[channel], frame[..., channel], out=frame[..., channel])


def _grades() -> dict[str, np.ndarray]:
    x = np.arange(256, dtype=np.float32) / 255

    def lut(*channels: np.ndarray) -> np.ndarray:
        return np.clip(np.stack(channels) * 255 + 0.5, 0, 255).astype(np.uint8)

    contrast = np.clip((x - 0.5) * 1.25 + 0.5, 0, 1)
    poster = np.round(contrast * 5) / 5
    return {
        "mono": lut(contrast, contrast, contrast),
        "sepia": lut(np.clip(x * 1.07 + 0.06, 0, 1), x * 0.9 + 0.03, x * 0.68),
        "cartoon": lut(poster, poster, poster),
        "neon": lut(np.clip(contrast * 1.1, 0, 1), contrast * 0.8, np.clip(contrast * 1.2 + 0.05, 0, 1)),
        "pastel": lut(0.35 + 0.6 * x, 0.33 + 0.6 * x, 0.38 + 0.6 * x),
    }


_GRADES = _grades()
