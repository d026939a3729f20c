"""Sprites for the preview engine: OpenMoji glyphs that move, tilt, and talk.

A glyph is drawn once at the size it is shown (generation.sprites) and then, per pose, mirrored
to face where it goes and rotated for the motions that turn (a spin, a tumble, a dance sway,
lying asleep). A talking glyph opens its mouth the way a cameo portrait does: the part below the
mouth line stretches down and a dark gap opens there, in proportion to the voice.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from .. import sprites
from ..things import PEOPLE_CODEPOINTS
from .preview_figures import POSES

SPRITE_MOUTHS = 5
# Where the mouth is, as a fraction of a glyph's height: heads and animal faces fill the glyph
# (mouth low), people are head-and-shoulders busts (mouth in the upper half).
FACE_MOUTH, BUST_MOUTH = 0.72, 0.42
# People shown whole (surfing, running, dancing…): their mouth is too small to open; they bob.
_WHOLE_PEOPLE = ("1F3C4", "1F3CA", "1F3C3", "1F6B4", "1F483", "1F57A", "1F9CD", "1F9CE", "1F6B6")
# Tilt in degrees through one motion cycle, and whole turns for the motions that rotate.
# A subject standing still only bobs: no tilt, so one drawing serves every pose.
_SWAY = {"dance": 14, "walk": 5, "run": 7, "fly": 9, "swim": 7, "surf": 9, "wave": 9, "play": 6, "sing": 7,
         "eat": 4, "ride": 4, "jump": 6, "float": 5}  # fmt: skip
_TURNS = {"spin": 1.0, "fall": 1.0}


def mouth_line(sprite: sprites.Sprite) -> float | None:
    """Where a glyph's mouth is (fraction of its height), or None if it has no mouth to open."""
    if sprite.name.endswith(" face") or sprite.name in (
        "robot",
        "alien",
        "ghost",
        "clown face",
        "ogre",
        "goblin",
    ):
        return FACE_MOUTH
    if sprite.codepoint.startswith(PEOPLE_CODEPOINTS) and not sprite.codepoint.startswith(_WHOLE_PEOPLE):
        return BUST_MOUTH
    return None


def talking_sprite(sprite: sprites.Sprite) -> tuple[sprites.Sprite, float | None]:
    """The glyph a speaking subject is shown as: an animal talks as its face ("cat" -> "cat face")."""
    line = mouth_line(sprite)
    if line is None:
        face = sprites.face_of(sprite)
        if face is not None:
            return face, FACE_MOUTH
    return sprite, line


def glyph(sprite: sprites.Sprite, size: int) -> Image.Image:
    """The glyph scaled so that its larger side is `size` pixels."""
    image = Image.fromarray(sprites.sprite_image(sprite, size))
    scale = size / max(image.size)
    if abs(scale - 1) > 0.02:
        image = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.LANCZOS,
        )
    return image


def sprite_drawer(
    sprite: sprites.Sprite, size: int, motion: str, *, mirror: bool, mouth: float | None
) -> tuple[Callable[[int, int], tuple[np.ndarray, tuple[int, int]]], int]:
    """A drawing function (pose, mouth opening) -> (RGBA, feet) and its number of openings."""
    base = glyph(sprite, size)
    if mirror:
        base = base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)

    drawn: dict[tuple[float, int], tuple[np.ndarray, tuple[int, int]]] = {}

    def draw(pose: int, opening: int) -> tuple[np.ndarray, tuple[int, int]]:
        phase = 2 * math.pi * pose / POSES
        angle = _SWAY.get(motion, 0) * math.sin(phase)
        if motion in _TURNS:
            angle = 360 * _TURNS[motion] * pose / POSES
        elif motion == "sleep":
            angle = 90 + 3 * math.sin(phase)
        # A sway passes each tilt twice a cycle: poses with the same tilt share one drawing.
        key = (round(angle, 1), opening)
        if key not in drawn:
            drawn[key] = _drawn(angle, opening)
        return drawn[key]

    def _drawn(angle: float, opening: int) -> tuple[np.ndarray, tuple[int, int]]:
        image = base
        if mouth is not None and opening:
            image = _with_mouth(base, mouth, opening / (SPRITE_MOUTHS - 1))
        if abs(angle) > 0.5:
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        array = np.asarray(image)
        if motion in _TURNS or motion == "sleep":
            return array, (image.width // 2, image.height - 1 - _lift(array))
        return array, (image.width // 2, image.height - 1)

    return draw, (SPRITE_MOUTHS if mouth is not None else 1)


def _lift(rgba: np.ndarray) -> int:
    """Rows of empty margin under a rotated glyph, so it rests on the ground, not above it."""
    rows = np.nonzero(rgba[..., 3].any(axis=1))[0]
    return int(rgba.shape[0] - 1 - rows[-1]) if len(rows) else 0


def _with_mouth(image: Image.Image, line: float, opening: float) -> Image.Image:
    w, h = image.size
    top = round(h * line)
    drop = max(1, round(h * 0.1 * opening))
    out = Image.new("RGBA", (w, h + drop), (0, 0, 0, 0))
    out.paste(image.crop((0, 0, w, top)), (0, 0))
    lower = image.crop((0, top, w, h))
    out.paste(lower.resize((w, h - top + drop), Image.Resampling.BILINEAR), (0, top))
    gap = ImageDraw.Draw(out)
    mw = w * (0.22 if line > 0.6 else 0.16)
    gap.ellipse((w / 2 - mw / 2, top - drop * 0.2, w / 2 + mw / 2, top + drop * 1.1), fill=(60, 14, 22, 255))
    return out


# Where a prop goes relative to its subject: (x, y) of the prop's bottom centre from the
# subject's feet, in units of the subject drawing's width (x, towards its front) and height
# (y, up), and the prop's size in units of the subject's size. A bust (a person glyph) or a
# face holds things in front of its chest and wears them on top; a whole animal's head is at
# its front.
PLACES: dict[str, dict[str, tuple[float, float, float]]] = {
    "bust": {"held": (0.45, 0.1, 0.42), "played": (0.35, 0.0, 0.55), "eaten": (0.2, 0.28, 0.3),
             "worn": (0.0, 0.78, 0.55), "beside": (0.95, 0.0, 0.6), "above": (0.0, 1.35, 0.45),
             "below": (0.0, 0.0, 1.1), "ridden": (0.0, 0.0, 1.4)},
    "body": {"held": (0.5, 0.25, 0.38), "played": (0.55, 0.0, 0.5), "eaten": (0.5, 0.45, 0.3),
             "worn": (0.3, 0.8, 0.4), "beside": (0.95, 0.0, 0.6), "above": (0.0, 1.6, 0.45),
             "below": (0.0, 0.0, 1.1), "ridden": (0.0, 0.0, 1.4)},
}  # fmt: skip
RIDER_SCALE = 0.62  # a rider is drawn smaller than its mount
# Big things keep their size beside a subject: a car is not a toy next to a cat.
BIG = frozenset(
    {
        "automobile",
        "taxi",
        "bus",
        "police car",
        "fire engine",
        "ambulance",
        "racing car",
        "pickup truck",
        "delivery truck",
        "tractor",
        "locomotive",
        "ship",
        "sailboat",
        "speedboat",
        "canoe",
        "airplane",
        "helicopter",
        "rocket",
        "house",
        "castle",
        "tent",
        "palm tree",
        "evergreen tree",
        "deciduous tree",
        "musical keyboard",
        "snowman",
        "christmas tree",
        "horse",
        "elephant",
        "couch and lamp",
        "bed",
        "chair",
        "motorcycle",
        "bicycle",
        "motor scooter",
        "kick scooter",
        "skateboard",
        "surfboard",
        "drum",
        "long drum",
        "bathtub",
    }
)
