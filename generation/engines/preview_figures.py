"""Subjects for the preview engine: cartoon figures and cameo portraits that move and talk.

Each figure is drawn with PIL at twice its size and scaled down (cheap antialiasing), once per
pose and mouth opening, and only when first needed; a frame then composites one cached
`Cutout`. A cameo's portrait talks by stretching the lower third of the face (the jaw)
downwards and opening a dark mouth gap, in proportion to the voice's loudness.
"""

from __future__ import annotations

import colorsys
import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from ..overlay import overlap
from .preview_grades import grade_cutout
from .preview_scenes import Cutout

POSES = 8  # one motion cycle (a hop, a stride, a wing beat) in this many drawings
MOUTHS = 4  # closed, then three openings
CAMEO_MOUTHS = 6
SUPER = 2  # supersampling factor for antialiased shapes

RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

QUADRUPEDS: dict[str, dict] = {
    # body, belly/muzzle, ears, tail, proportions and extras
    "corgi": dict(
        body=(228, 142, 62), light=(252, 242, 226), ears="pointy", tail="stub", long=1.15, legs=0.7
    ),
    "dog": dict(body=(196, 146, 92), light=(246, 226, 196), ears="floppy", tail="up"),
    "puppy": dict(body=(214, 176, 120), light=(250, 236, 210), ears="floppy", tail="up", head=1.15),
    "cat": dict(body=(150, 150, 164), light=(236, 236, 240), ears="pointy", tail="long"),
    "kitten": dict(body=(236, 156, 74), light=(252, 236, 214), ears="pointy", tail="long", head=1.15),
    "fox": dict(body=(232, 112, 40), light=(252, 246, 238), ears="pointy", tail="bushy"),
    "bear": dict(body=(122, 82, 52), light=(190, 150, 110), ears="round", tail="stub", long=1.1),
    "panda": dict(body=(246, 246, 246), light=(250, 250, 250), ears="round", tail="stub", dark=(30, 30, 34)),
    "rabbit": dict(body=(232, 230, 226), light=(252, 220, 224), ears="long", tail="puff"),
    "bunny": dict(body=(214, 196, 176), light=(252, 230, 230), ears="long", tail="puff", head=1.1),
    "horse": dict(body=(150, 98, 58), light=(210, 170, 130), ears="pointy", tail="long", neck=0.5),
    "unicorn": dict(
        body=(250, 248, 255), light=(255, 220, 240), ears="pointy", tail="long", neck=0.5, horn=(255, 214, 90)
    ),
    "cow": dict(body=(250, 250, 250), light=(250, 196, 200), ears="round", tail="long", spots=(40, 40, 44)),
    "pig": dict(body=(250, 184, 196), light=(255, 210, 220), ears="pointy", tail="curl"),
    "sheep": dict(body=(246, 244, 236), light=(60, 56, 60), ears="floppy", tail="stub", fluffy=True),
    "lion": dict(body=(224, 172, 84), light=(246, 222, 170), ears="round", tail="long", mane=(170, 96, 40)),
    "tiger": dict(
        body=(240, 136, 42), light=(252, 244, 232), ears="round", tail="long", stripes=(40, 30, 30)
    ),
    "elephant": dict(
        body=(150, 156, 170), light=(178, 184, 196), ears="elephant", tail="stub", long=1.2, trunk=True
    ),
    "giraffe": dict(
        body=(236, 190, 90), light=(250, 230, 170), ears="pointy", tail="long", neck=1.2, spots=(170, 100, 40)
    ),
    "monkey": dict(body=(130, 86, 56), light=(230, 196, 160), ears="round", tail="curl"),
    "dragon": dict(
        body=(70, 160, 90), light=(220, 210, 120), ears="pointy", tail="long", wings=(50, 120, 70), long=1.2
    ),
    "frog": dict(body=(90, 180, 80), light=(200, 230, 150), ears="none", tail="none", long=0.9, legs=0.5),
}
BIRDS: dict[str, dict] = {
    "bird": dict(body=(80, 150, 230), light=(250, 230, 120)),
    "parrot": dict(body=(230, 50, 50), light=(250, 210, 60)),
    "owl": dict(body=(150, 110, 70), light=(230, 210, 170), big_eyes=True),
    "penguin": dict(body=(36, 38, 48), light=(248, 248, 248), upright=True),
    "duck": dict(body=(250, 220, 70), light=(255, 236, 140)),
    "chicken": dict(body=(250, 248, 240), light=(230, 60, 50)),
}
SWIMMERS: dict[str, dict] = {
    "fish": dict(body=(250, 140, 50), light=(255, 220, 160)),
    "shark": dict(body=(120, 136, 156), light=(236, 240, 244), fin=True),
    "dolphin": dict(body=(110, 150, 190), light=(220, 232, 244), fin=True),
    "whale": dict(body=(60, 96, 150), light=(190, 210, 230)),
    "turtle": dict(body=(120, 170, 90), light=(150, 110, 60), shell=True),
    "octopus": dict(body=(220, 100, 160), light=(250, 170, 210), tentacles=True),
}
HATS = {
    "chef": "chef",
    "wizard": "wizard",
    "cowboy": "cowboy",
    "pirate": "pirate",
    "knight": "helmet",
    "astronaut": "space",
    "skier": "beanie",
    "grandma": "bun",
    "grandpa": "bald",
}
SKIN = ((255, 220, 190), (236, 188, 150), (198, 140, 100), (140, 96, 66), (96, 64, 44))
HAIR = ((40, 30, 24), (110, 70, 40), (220, 180, 90), (170, 60, 30), (20, 20, 24))


@dataclass
class Actor:
    """One subject or prop of a shot: where it stands, how it moves, and its cached drawings."""

    name: str
    size: int  # the figure's height scale in pixels
    x: float  # frame column of its feet at zoom 1 (the middle of its path when it travels)
    y: float  # frame row of its feet at zoom 1
    motion: str  # idle, hop, walk, run, fly, surf, swim, ride, dance, jump, spin, fall, sleep, eat, play…
    phase: float
    rate: float  # motion cycles per second
    mouths: int
    draw_pose: Callable[[int, int], tuple[np.ndarray, tuple[int, int]]]  # (pose, mouth) -> RGBA, feet
    shadow: Shadow | None = None
    travel: float = 0.0  # pixels it moves across the frame during its shot (signed)
    span: tuple[float, float] = (0.0, 1.0)  # its shot's start and end, seconds
    lift: float = 0.0  # how far above its feet it is drawn: a rider on its mount
    follow: Actor | None = None  # a prop goes where its subject goes
    offset: tuple[float, float] = (0.0, 0.0)  # from the followed one's feet, pixels
    speaks: bool = True  # props never open a mouth
    style: str = ""  # the clip's grade, given to each drawing once
    _cache: dict[tuple[int, int], tuple[Cutout, tuple[int, int]]] = field(default_factory=dict)

    def sprite(self, pose: int, mouth: int) -> tuple[Cutout, tuple[int, int]]:
        """The drawing for (pose, mouth), cropped to its pixels, and where the feet are in it."""
        key = (pose, mouth)
        if key not in self._cache:
            rgba, (fx, fy) = self.draw_pose(pose, mouth)
            x0, y0, x1, y1 = Image.fromarray(rgba[..., 3]).getbbox() or (0, 0, 1, 1)
            cutout = Cutout.from_rgba(rgba[y0:y1, x0:x1])
            if self.style:
                grade_cutout(cutout, self.style)
            self._cache[key] = (cutout, (fx - x0, fy - y0))
        return self._cache[key]

    def position(self, t: float) -> tuple[int, float, float]:
        """Pose index and where its feet are drawn (zoom 1 frame coordinates) at time t."""
        pose, dx, dy = self.place(t)
        if self.follow is not None:
            _, fx, fy = self.follow.position(t)
            return pose, fx + self.offset[0] + dx, fy + self.offset[1] + dy
        s = min(max((t - self.span[0]) / max(self.span[1] - self.span[0], 1e-6), 0.0), 1.0)
        return pose, self.x + dx + self.travel * (s - 0.5), self.y + dy - self.lift

    def place(self, t: float) -> tuple[int, float, float]:
        """Pose index and the feet's offset from (x, y) at time t, from the motion's cycle."""
        cycle = self.phase + self.rate * t
        s = self.size
        wave = math.sin(2 * math.pi * cycle)
        motion = self.motion
        if motion in ("hop", "dance"):
            dx, dy = 0.03 * s * wave if motion == "dance" else 0.0, -0.22 * s * abs(math.sin(math.pi * cycle))
        elif motion == "jump":
            dx, dy = 0.0, -0.45 * s * abs(math.sin(math.pi * cycle))
        elif motion in ("run", "walk"):
            dx, dy = 0.0, -(0.06 if motion == "run" else 0.035) * s * abs(wave)
        elif motion == "fly":
            dx, dy = 0.05 * s * math.sin(0.35 * math.pi * cycle), -0.12 * s * math.sin(0.5 * math.pi * cycle)
        elif motion == "float":
            dx, dy = 0.0, -0.06 * s * math.sin(0.5 * math.pi * cycle)
        elif motion == "surf":
            dx, dy = 0.16 * s * math.sin(0.25 * math.pi * cycle), 0.05 * s * wave
        elif motion == "swim":
            dx, dy = 0.04 * s * math.sin(0.3 * math.pi * cycle), 0.04 * s * wave
        elif motion == "fall":
            # Drops from above and lands, over and over: a tumble down the frame.
            drop = cycle % 1.0
            dx, dy = 0.0, -0.9 * s * (1 - drop * drop)
        elif motion in ("ride", "eat", "play", "sing", "wave"):
            dx, dy = 0.0, -0.03 * s * abs(wave)
        elif motion == "sleep":
            dx, dy = 0.0, -0.01 * s * abs(wave)
        elif motion == "still":
            dx, dy = 0.0, 0.0
        else:
            dx, dy = 0.0, -0.025 * s * abs(wave)
        return int(cycle * POSES) % POSES, dx, dy


@dataclass
class Shadow:
    """A soft dark ellipse under a figure, so it stands on the ground (it stays there while the
    figure hops). Drawn by scaling a small region: no per-pixel indexing."""

    keep: np.ndarray  # (h, w, 1) uint16: how much of the ground's light is left, 0..256

    @classmethod
    def for_size(cls, size: int) -> Shadow:
        w, h = max(4, round(size * 0.7)), max(2, round(size * 0.12))
        mask = Image.new("L", (w + 8, h + 8), 0)
        ImageDraw.Draw(mask).ellipse((4, 4, w + 3, h + 3), fill=80)
        mask = mask.filter(ImageFilter.GaussianBlur(max(1, h / 4)))
        return cls(256 - np.asarray(mask, np.uint16)[..., None])

    def draw(self, frame: np.ndarray, cx: float, cy: float) -> None:
        h, w = self.keep.shape[:2]
        frame_part, own = overlap(frame.shape, self.keep.shape, round(cx - w / 2), round(cy - h / 2))
        if frame_part is not None:
            region = frame[frame_part]
            region[...] = (region * self.keep[own]) >> 8


# --- figures ----------------------------------------------------------------------------------


def figure_drawer(
    subject: str, size: int, motion: str, facing_left: bool, seed_bytes: bytes, waving: bool
) -> Callable[[int, int], tuple[np.ndarray, tuple[int, int]]]:
    """A function drawing `subject` at (pose, mouth) as an RGBA array, feet at bottom centre."""
    rng = np.random.default_rng(
        int.from_bytes(hashlib.sha256(seed_bytes + subject.encode()).digest()[:8], "big")
    )
    kind = subject.lstrip("@")
    if kind in QUADRUPEDS or kind in ("dog", "wolf"):
        spec = QUADRUPEDS.get(kind, QUADRUPEDS["dog"])
        body = _quadruped
    elif kind in BIRDS:
        spec, body = BIRDS[kind], _bird
    elif kind in SWIMMERS:
        spec, body = SWIMMERS[kind], _swimmer
    elif kind == "robot":
        spec, body = {"body": _seeded_color(rng, 0.0, 0.08, 0.75)}, _robot
    else:
        spec, body = _person_spec(kind, rng), _person
    spec = dict(spec, waving=waving)

    def draw(pose: int, mouth: int) -> np.ndarray:
        s = size * SUPER
        image = Image.new("RGBA", (round(s * 1.3), round(s * 1.3)), (0, 0, 0, 0))
        d = ImageDraw.Draw(image)
        # Draw in a box whose bottom centre is the feet; sprites share one layout.
        ox, oy = (image.width - s) / 2, image.height - s
        phase = 2 * math.pi * pose / POSES
        if motion == "surf":
            _surfboard(d, ox, oy, s)
        body(d, _Pen(ox, oy, s), spec, phase, mouth / (MOUTHS - 1), motion)
        if facing_left:
            image = ImageOps.mirror(image)
        feet = (image.width / 2, image.height)
        # Scale down only the drawn part (about half the box), cut on whole source pixels.
        x0, y0, x1, y1 = image.getchannel("A").getbbox() or (0, 0, SUPER, SUPER)
        x0, y0 = x0 // SUPER * SUPER, y0 // SUPER * SUPER
        x1, y1 = -(-x1 // SUPER) * SUPER, -(-y1 // SUPER) * SUPER
        part = image.crop((x0, y0, x1, y1))
        small = part.resize((part.width // SUPER, part.height // SUPER), Image.Resampling.BOX)
        fx, fy = round((feet[0] - x0) / SUPER), round((feet[1] - y0) / SUPER) - 1
        if motion == "surf":
            # Riding the swell: tilt about the board, with room around so no corner is cut.
            pad = max(small.size) // 5
            room = Image.new("RGBA", (small.width + 2 * pad, small.height + 2 * pad), (0, 0, 0, 0))
            room.paste(small, (pad, pad))
            fx, fy = fx + pad, fy + pad
            small = room.rotate(8 * math.sin(phase), resample=Image.Resampling.BILINEAR, center=(fx, fy))
        return np.asarray(small), (fx, fy)

    return draw


@dataclass
class _Pen:
    """Coordinates in units of the figure's size, measured from the top-left of its box."""

    ox: float
    oy: float
    s: float

    def p(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.s, self.oy + y * self.s

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (*self.p(x0, y0), *self.p(x1, y1))

    def circle(self, cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
        return self.box(cx - r, cy - r, cx + r, cy + r)

    def w(self, width: float) -> int:
        return max(1, round(width * self.s))


def _darker(color: RGB, f: float = 0.7) -> RGB:
    return tuple(round(c * f) for c in color)  # type: ignore[return-value]


def _eyes(d: Draw, pen: _Pen, points: list[tuple[float, float]], r: float, *, look: float = 0.3) -> None:
    for cx, cy in points:
        d.ellipse(pen.circle(cx, cy, r), fill=(255, 255, 255), outline=(30, 30, 30), width=pen.w(0.006))
        d.ellipse(pen.circle(cx + r * look, cy, r * 0.58), fill=(24, 22, 28))
        d.ellipse(pen.circle(cx + r * look + r * 0.22, cy - r * 0.25, r * 0.2), fill=(255, 255, 255))


def _mouth(d: Draw, pen: _Pen, cx: float, cy: float, width: float, opening: float) -> None:
    """A smile when closed; an open dark mouth with a tongue as the voice gets louder."""
    if opening <= 0:
        d.arc(
            pen.box(cx - width / 2, cy - width * 0.35, cx + width / 2, cy + width * 0.15),
            20,
            160,
            fill=(40, 20, 24),
            width=pen.w(0.012),
        )
        return
    h = width * (0.15 + 0.55 * opening)
    d.ellipse(pen.box(cx - width / 2, cy - h * 0.3, cx + width / 2, cy + h), fill=(70, 18, 28))
    d.ellipse(pen.box(cx - width * 0.3, cy + h * 0.35, cx + width * 0.3, cy + h), fill=(230, 100, 110))


def _quadruped(d: Draw, pen: _Pen, spec: dict, phase: float, opening: float, motion: str) -> None:
    long, legs, head_scale = spec.get("long", 1.0), spec.get("legs", 1.0), spec.get("head", 1.0)
    body, light = spec["body"], spec["light"]
    dark = spec.get("dark", _darker(body, 0.75))
    cx, cy = 0.44, 0.98 - 0.22 * legs - 0.14
    rx, ry = 0.27 * long, 0.15
    swing = (0.05 if motion in ("run", "hop") else 0.02) * math.sin(phase)
    leg_top = cy + ry * 0.3
    for i, lx in enumerate((cx - rx * 0.7, cx - rx * 0.45, cx + rx * 0.45, cx + rx * 0.7)):
        dx = swing if i % 2 == 0 else -swing
        shade = dark if i in (1, 2) else (body if "dark" not in spec else dark)
        d.line([pen.p(lx, leg_top), pen.p(lx + dx, 0.96)], fill=shade, width=pen.w(0.07))
        d.ellipse(pen.circle(lx + dx, 0.96, 0.04), fill=_darker(shade, 0.85))
    tail = spec["tail"]
    wag = math.sin(phase * 2) * 0.06
    tx, ty = cx - rx * 0.95, cy - ry * 0.3
    if tail == "long":
        d.line(
            [pen.p(tx, ty), pen.p(tx - 0.12, ty - 0.1 + wag), pen.p(tx - 0.16, ty - 0.22 + wag)],
            fill=body,
            width=pen.w(0.04),
            joint="curve",
        )
    elif tail == "bushy":
        d.ellipse(pen.box(tx - 0.24, ty - 0.12 + wag, tx + 0.02, ty + 0.06 + wag), fill=body)
        d.ellipse(pen.box(tx - 0.26, ty - 0.1 + wag, tx - 0.16, ty - 0.02 + wag), fill=light)
    elif tail in ("up", "stub"):
        length = 0.14 if tail == "up" else 0.07
        d.line(
            [pen.p(tx + 0.02, ty), pen.p(tx - length * 0.6 + wag, ty - length)], fill=body, width=pen.w(0.05)
        )
    elif tail == "puff":
        d.ellipse(pen.circle(tx, ty, 0.05), fill=(255, 255, 255))
    elif tail == "curl":
        d.arc(pen.circle(tx - 0.04, ty - 0.04 + wag, 0.05), 0, 300, fill=body, width=pen.w(0.025))
    if "wings" in spec:
        flap = math.sin(phase) * 0.08
        d.polygon(
            [
                pen.p(cx - 0.05, cy - ry * 0.6),
                pen.p(cx - 0.3, cy - 0.35 + flap),
                pen.p(cx + 0.05, cy - 0.25 + flap),
            ],
            fill=spec["wings"],
        )
    if spec.get("fluffy"):
        for ox in (-0.8, -0.4, 0.0, 0.4, 0.8):
            for oy in (-0.6, 0.1):
                d.ellipse(pen.circle(cx + ox * rx, cy + oy * ry, ry * 0.75), fill=body)
    d.ellipse(pen.box(cx - rx, cy - ry, cx + rx, cy + ry), fill=body)
    d.ellipse(
        pen.box(cx - rx * 0.6, cy, cx + rx * 0.7, cy + ry * 0.95), fill=light if "dark" not in spec else body
    )
    for mark in ("spots", "stripes"):
        if mark in spec:
            for i in range(5):
                mx = cx - rx * 0.7 + i * rx * 0.35
                if mark == "spots":
                    d.ellipse(pen.circle(mx, cy - ry * 0.3 + (i % 2) * ry * 0.5, 0.035), fill=spec[mark])
                else:
                    d.line(
                        [pen.p(mx, cy - ry * 0.9), pen.p(mx + 0.03, cy + ry * 0.2)],
                        fill=spec[mark],
                        width=pen.w(0.025),
                    )
    # Head, on a neck for the tall ones.
    neck = spec.get("neck", 0.0)
    hx, hy = cx + rx * 0.92, cy - ry * 1.1 - neck * 0.3
    r = 0.13 * head_scale
    if neck:
        d.line(
            [pen.p(cx + rx * 0.6, cy - ry * 0.2), pen.p(hx - 0.02, hy + r * 0.5)], fill=body, width=pen.w(0.1)
        )
    if "mane" in spec:
        d.ellipse(pen.circle(hx - 0.02, hy, r * 1.45), fill=spec["mane"])
    ears = spec["ears"]
    ear = dark if "dark" in spec else body
    if ears == "pointy":
        for ex in (-0.6, 0.35):
            d.polygon(
                [
                    pen.p(hx + ex * r, hy - r * 0.5),
                    pen.p(hx + (ex + 0.2) * r, hy - r * 1.7),
                    pen.p(hx + (ex + 0.65) * r, hy - r * 0.6),
                ],
                fill=ear,
            )
            d.polygon(
                [
                    pen.p(hx + (ex + 0.15) * r, hy - r * 0.7),
                    pen.p(hx + (ex + 0.22) * r, hy - r * 1.35),
                    pen.p(hx + (ex + 0.45) * r, hy - r * 0.75),
                ],
                fill=(246, 180, 180),
            )
    elif ears == "round":
        for ex in (-0.7, 0.55):
            d.ellipse(pen.circle(hx + ex * r, hy - r * 0.8, r * 0.4), fill=ear)
    elif ears == "long":
        flop = math.sin(phase) * 0.1
        for ex in (-0.45, 0.2):
            d.ellipse(
                pen.box(hx + ex * r, hy - r * 2.4 + flop * r, hx + (ex + 0.4) * r, hy - r * 0.5), fill=ear
            )
    elif ears == "elephant":
        d.ellipse(pen.box(hx - r * 1.5, hy - r * 0.9, hx - r * 0.2, hy + r * 0.9), fill=_darker(body, 0.9))
    d.ellipse(pen.circle(hx, hy, r), fill=body)
    if ears == "floppy":
        flop = math.sin(phase) * 0.15 * r
        d.ellipse(pen.box(hx - r * 1.05, hy - r * 0.8, hx - r * 0.55, hy + r * 0.5 + flop), fill=dark)
    if "dark" in spec:  # panda eye patches
        for ex in (-0.05, 0.45):
            d.ellipse(
                pen.box(hx + (ex - 0.28) * r, hy - r * 0.45, hx + (ex + 0.22) * r, hy + r * 0.15), fill=dark
            )
    if "horn" in spec:
        d.polygon(
            [
                pen.p(hx + 0.1 * r, hy - r * 0.8),
                pen.p(hx + 0.35 * r, hy - r * 2.0),
                pen.p(hx + 0.55 * r, hy - r * 0.7),
            ],
            fill=spec["horn"],
        )
    _eyes(d, pen, [(hx - 0.15 * r, hy - 0.2 * r), (hx + 0.4 * r, hy - 0.2 * r)], r * 0.24)
    if spec.get("trunk"):
        d.line(
            [
                pen.p(hx + 0.6 * r, hy + 0.2 * r),
                pen.p(hx + 1.0 * r, hy + 0.9 * r),
                pen.p(hx + 0.8 * r, hy + 1.6 * r),
            ],
            fill=body,
            width=pen.w(0.05),
            joint="curve",
        )
        _mouth(d, pen, hx + 0.1 * r, hy + 0.55 * r, r * 0.45, opening)
        return
    d.ellipse(pen.box(hx + 0.1 * r, hy + 0.05 * r, hx + 1.05 * r, hy + 0.7 * r), fill=light)
    d.ellipse(pen.circle(hx + 0.92 * r, hy + 0.2 * r, r * 0.16), fill=(30, 24, 26))
    _mouth(d, pen, hx + 0.55 * r, hy + 0.55 * r, r * 0.5, opening)


def _bird(d: Draw, pen: _Pen, spec: dict, phase: float, opening: float, motion: str) -> None:
    body, light = spec["body"], spec["light"]
    upright = spec.get("upright", False)
    cx, cy, r = 0.5, 0.62, 0.22 if upright else 0.2
    for lx in (-0.06, 0.06):
        d.line([pen.p(cx + lx, cy + r * 0.8), pen.p(cx + lx, 0.96)], fill=(240, 150, 40), width=pen.w(0.02))
        d.ellipse(pen.box(cx + lx - 0.04, 0.94, cx + lx + 0.05, 0.98), fill=(240, 150, 40))
    tall = 1.35 if upright else 1.0
    d.ellipse(pen.box(cx - r, cy - r * tall, cx + r, cy + r), fill=body)
    d.ellipse(pen.box(cx - r * 0.55, cy - r * 0.4 * tall, cx + r * 0.7, cy + r * 0.95), fill=light)
    flap = math.sin(phase * (2 if motion == "fly" else 1)) * (0.14 if motion == "fly" else 0.03)
    d.polygon(
        [
            pen.p(cx - r * 0.6, cy - r * 0.3),
            pen.p(cx - r * 1.5, cy - r * 0.2 - flap),
            pen.p(cx - r * 0.3, cy + r * 0.5),
        ],
        fill=_darker(body, 0.8),
    )
    hx, hy, hr = cx + r * 0.35, cy - r * (1.25 if upright else 1.05), r * 0.62
    if not upright:
        d.ellipse(pen.circle(hx, hy, hr), fill=body)
    eye = hr * (0.42 if spec.get("big_eyes") else 0.28)
    _eyes(d, pen, [(hx - hr * 0.25, hy - hr * 0.1), (hx + hr * 0.4, hy - hr * 0.1)], eye)
    bx, by = hx + hr * 0.7, hy + hr * 0.25
    gape = 0.08 * opening
    d.polygon([pen.p(bx, by - 0.02), pen.p(bx + 0.12, by + 0.01), pen.p(bx, by + 0.03)], fill=(250, 170, 40))
    d.polygon(
        [pen.p(bx, by + 0.03), pen.p(bx + 0.1, by + 0.035 + gape), pen.p(bx, by + 0.05 + gape)],
        fill=(220, 130, 30),
    )
    if gape:
        d.polygon(
            [pen.p(bx, by + 0.03), pen.p(bx + 0.08, by + 0.03 + gape * 0.6), pen.p(bx, by + 0.03 + gape)],
            fill=(90, 20, 30),
        )


def _swimmer(d: Draw, pen: _Pen, spec: dict, phase: float, opening: float, motion: str) -> None:
    body, light = spec["body"], spec["light"]
    cx, cy = 0.5, 0.6
    wag = math.sin(phase) * 0.07
    if spec.get("tentacles"):
        for i in range(6):
            x = cx - 0.2 + i * 0.08
            pts = [pen.p(x + 0.03 * math.sin(phase + i + k), 0.6 + k * 0.1) for k in range(4)]
            d.line(pts, fill=body, width=pen.w(0.05), joint="curve")
        d.ellipse(pen.box(cx - 0.22, 0.2, cx + 0.22, 0.66), fill=body)
        _eyes(d, pen, [(cx - 0.08, 0.42), (cx + 0.08, 0.42)], 0.05, look=0.0)
        _mouth(d, pen, cx, 0.54, 0.1, opening)
        return
    if spec.get("shell"):
        for lx in (cx - 0.18, cx + 0.18):
            d.ellipse(
                pen.box(lx - 0.06, cy + 0.05 + wag * (1 if lx > cx else -1), lx + 0.06, cy + 0.2), fill=body
            )
        d.ellipse(pen.circle(cx + 0.32, cy - 0.02, 0.08), fill=body)
        d.chord(pen.box(cx - 0.28, cy - 0.22, cx + 0.28, cy + 0.18), 180, 360, fill=light)
        _eyes(d, pen, [(cx + 0.33, cy - 0.04)], 0.025)
        _mouth(d, pen, cx + 0.35, cy + 0.02, 0.05, opening)
        return
    d.polygon(
        [pen.p(cx - 0.28, cy), pen.p(cx - 0.45, cy - 0.12 + wag), pen.p(cx - 0.45, cy + 0.12 + wag)],
        fill=body,
    )
    if spec.get("fin"):
        d.polygon(
            [pen.p(cx - 0.05, cy - 0.12), pen.p(cx + 0.02, cy - 0.3), pen.p(cx + 0.1, cy - 0.12)], fill=body
        )
    d.ellipse(pen.box(cx - 0.32, cy - 0.16, cx + 0.32, cy + 0.16), fill=body)
    d.chord(pen.box(cx - 0.3, cy - 0.1, cx + 0.3, cy + 0.15), 0, 180, fill=light)
    _eyes(d, pen, [(cx + 0.18, cy - 0.05)], 0.04)
    _mouth(d, pen, cx + 0.25, cy + 0.05, 0.08, opening)


def _robot(d: Draw, pen: _Pen, spec: dict, phase: float, opening: float, motion: str) -> None:
    metal = spec["body"]
    dark = _darker(metal, 0.6)
    swing = math.sin(phase) * 0.04
    for lx, dx in ((0.4, swing), (0.6, -swing)):
        d.rectangle(pen.box(lx - 0.04 + dx, 0.78, lx + 0.04 + dx, 0.94), fill=dark)
        d.rectangle(pen.box(lx - 0.07 + dx, 0.93, lx + 0.07 + dx, 0.98), fill=_darker(dark, 0.8))
    arm = math.sin(phase) * 0.06
    wave = spec.get("waving")
    for side in (-1, 1):
        x = 0.5 + side * 0.24
        if wave and side == 1:
            d.line(
                [pen.p(x, 0.5), pen.p(x + 0.08, 0.3 + arm), pen.p(x + 0.1 + arm, 0.16)],
                fill=dark,
                width=pen.w(0.05),
            )
        else:
            d.line([pen.p(x, 0.5), pen.p(x + side * 0.05, 0.7 + side * arm)], fill=dark, width=pen.w(0.05))
    d.rounded_rectangle(
        pen.box(0.28, 0.46, 0.72, 0.8), radius=pen.w(0.04), fill=metal, outline=dark, width=pen.w(0.01)
    )
    d.rectangle(pen.box(0.38, 0.54, 0.62, 0.68), fill=(40, 46, 60))
    for i in range(3):
        on = (int(phase / (2 * math.pi) * POSES) + i) % 3 == 0
        d.ellipse(pen.circle(0.43 + i * 0.07, 0.61, 0.02), fill=(255, 90, 80) if on else (90, 200, 120))
    d.rectangle(pen.box(0.46, 0.4, 0.54, 0.47), fill=dark)
    d.rounded_rectangle(
        pen.box(0.32, 0.14, 0.68, 0.41), radius=pen.w(0.04), fill=metal, outline=dark, width=pen.w(0.01)
    )
    d.line([pen.p(0.5, 0.14), pen.p(0.5, 0.06)], fill=dark, width=pen.w(0.015))
    blink = (200, 60, 60) if math.sin(phase) > 0 else (255, 220, 80)
    d.ellipse(pen.circle(0.5, 0.05, 0.025), fill=blink)
    for ex in (0.42, 0.58):
        d.rounded_rectangle(
            pen.box(ex - 0.045, 0.2, ex + 0.045, 0.27), radius=pen.w(0.01), fill=(120, 240, 255)
        )
    gap = 0.015 + 0.07 * opening
    d.rectangle(pen.box(0.4, 0.32, 0.6, 0.32 + gap), fill=(30, 34, 44))
    for gx in (0.44, 0.48, 0.52, 0.56):
        d.line([pen.p(gx, 0.32), pen.p(gx, 0.32 + gap)], fill=(120, 240, 255), width=pen.w(0.006))


def _person_spec(kind: str, rng: np.random.Generator) -> dict:
    spec = {
        "skin": SKIN[int(rng.integers(len(SKIN)))],
        "hair": HAIR[int(rng.integers(len(HAIR)))],
        "shirt": _seeded_color(rng, float(rng.random()), 0.6, 0.85),
        "pants": _seeded_color(rng, 0.6, 0.5, 0.4),
        "hat": HATS.get(kind, ""),
        "scale": 0.75 if kind in ("kid", "child", "boy", "girl") else 0.6 if kind == "baby" else 1.0,
        "ghost": kind == "ghost",
    }
    if kind == "alien":
        spec |= {"skin": (130, 220, 110), "hair": None, "antennae": True}
    if kind in ("astronaut",):
        spec |= {"shirt": (240, 240, 244), "pants": (220, 220, 226)}
    if kind in ("grandma", "grandpa"):
        spec["hair"] = (214, 214, 220)
    if kind in ("woman", "girl", "grandma", "dancer", "singer"):
        spec["long_hair"] = True
    return spec


def _seeded_color(rng: np.random.Generator, hue: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb((hue + float(rng.uniform(-0.05, 0.05))) % 1, s, v)
    return round(r * 255), round(g * 255), round(b * 255)


def _person(d: Draw, pen: _Pen, spec: dict, phase: float, opening: float, motion: str) -> None:
    k = spec["scale"]
    top = 1 - k  # smaller people stand in the same box, feet on the ground
    y = lambda v: top + v * k  # noqa: E731 - maps the adult layout onto a shorter figure
    skin, shirt = spec["skin"], spec["shirt"]
    if spec["ghost"]:
        wob = math.sin(phase) * 0.02
        pts = [pen.p(0.3, y(0.4)), pen.p(0.7, y(0.4))]
        pts += [pen.p(0.7 - i * 0.08, y(0.92 + (0.04 if i % 2 else 0) + wob)) for i in range(6)]
        d.polygon(pts, fill=(246, 246, 252))
        d.ellipse(pen.box(0.3, y(0.12), 0.7, y(0.55)), fill=(246, 246, 252))
        _eyes(d, pen, [(0.44, y(0.3)), (0.56, y(0.3))], 0.035 * k, look=0.0)
        _mouth(d, pen, 0.5, y(0.4), 0.07 * k, opening)
        return
    swing = math.sin(phase) * (0.08 if motion in ("run", "hop") else 0.03)
    limb = pen.w(0.055 * k)
    for lx, dx in ((0.45, swing), (0.55, -swing)):
        d.line([pen.p(lx, y(0.66)), pen.p(lx + dx, y(0.95))], fill=spec["pants"], width=limb)
        d.ellipse(pen.box(lx + dx - 0.04, y(0.93), lx + dx + 0.05, y(0.985)), fill=(50, 44, 44))
    wave = spec.get("waving")
    for side in (-1, 1):
        sx = 0.5 + side * 0.1
        if wave and side == 1:
            lift = math.sin(phase * 2) * 0.05
            d.line(
                [pen.p(sx, y(0.42)), pen.p(sx + 0.12, y(0.3)), pen.p(sx + 0.14 + lift, y(0.12))],
                fill=shirt,
                width=limb,
                joint="curve",
            )
            d.ellipse(pen.circle(0.5 + 0.24 + lift, y(0.11), 0.035 * k), fill=skin)
        else:
            hand = (sx + side * 0.1 + side * swing * 0.5, y(0.64))
            d.line([pen.p(sx, y(0.42)), pen.p(*hand)], fill=shirt, width=limb)
            d.ellipse(pen.circle(hand[0], hand[1], 0.035 * k), fill=skin)
    d.rounded_rectangle(pen.box(0.38, y(0.38), 0.62, y(0.7)), radius=pen.w(0.06 * k), fill=shirt)
    hx, hy, r = 0.5, y(0.25), 0.12 * k
    if spec.get("long_hair") and spec["hair"]:
        d.rounded_rectangle(
            pen.box(hx - r * 1.1, hy - r, hx + r * 1.1, hy + r * 1.4), radius=pen.w(r), fill=spec["hair"]
        )
    if spec["hat"] == "space":
        d.ellipse(pen.circle(hx, hy, r * 1.45), fill=(235, 240, 248))
    d.ellipse(pen.circle(hx, hy, r), fill=skin)
    hat = spec["hat"]
    if spec["hair"] and hat not in ("space", "helmet", "bald"):
        d.chord(
            pen.box(hx - r * 1.02, hy - r * 1.05, hx + r * 1.02, hy + r * 0.5), 180, 360, fill=spec["hair"]
        )
    _eyes(d, pen, [(hx - r * 0.38, hy - r * 0.05), (hx + r * 0.38, hy - r * 0.05)], r * 0.2, look=0.0)
    _mouth(d, pen, hx, hy + r * 0.45, r * 0.55, opening)
    _hat(d, pen, hat, hx, hy, r, spec)


def _hat(d: Draw, pen: _Pen, hat: str, hx: float, hy: float, r: float, spec: dict) -> None:
    if hat == "chef":
        d.rectangle(pen.box(hx - r * 0.8, hy - r * 1.3, hx + r * 0.8, hy - r * 0.8), fill=(250, 250, 250))
        for ox in (-0.5, 0.0, 0.5):
            d.ellipse(pen.circle(hx + ox * r, hy - r * 1.55, r * 0.5), fill=(250, 250, 250))
    elif hat == "wizard":
        d.polygon(
            [
                pen.p(hx - r * 1.3, hy - r * 0.7),
                pen.p(hx + r * 0.2, hy - r * 3.0),
                pen.p(hx + r * 1.3, hy - r * 0.7),
            ],
            fill=(90, 50, 170),
        )
    elif hat == "cowboy":
        d.ellipse(pen.box(hx - r * 1.6, hy - r * 0.95, hx + r * 1.6, hy - r * 0.6), fill=(130, 84, 44))
        d.rounded_rectangle(
            pen.box(hx - r * 0.8, hy - r * 1.6, hx + r * 0.8, hy - r * 0.75),
            radius=pen.w(r * 0.3),
            fill=(150, 98, 52),
        )
    elif hat == "pirate":
        d.chord(
            pen.box(hx - r * 1.05, hy - r * 1.1, hx + r * 1.05, hy + r * 0.4), 180, 360, fill=(200, 30, 40)
        )
        d.ellipse(pen.circle(hx + r * 0.38, hy - r * 0.05, r * 0.24), fill=(20, 20, 20))
    elif hat == "helmet":
        d.chord(
            pen.box(hx - r * 1.1, hy - r * 1.15, hx + r * 1.1, hy + r * 0.3), 180, 360, fill=(170, 176, 186)
        )
    elif hat == "beanie":
        d.chord(
            pen.box(hx - r * 1.05, hy - r * 1.15, hx + r * 1.05, hy + r * 0.2), 180, 360, fill=(220, 60, 60)
        )
        d.ellipse(pen.circle(hx, hy - r * 1.15, r * 0.25), fill=(250, 250, 250))
    elif hat == "bun":
        d.ellipse(pen.circle(hx, hy - r * 1.1, r * 0.4), fill=spec["hair"])
    elif hat == "space":
        d.arc(pen.circle(hx, hy, r * 1.45), 200, 330, fill=(255, 255, 255), width=pen.w(0.01))
    if spec.get("antennae"):
        for side in (-1, 1):
            d.line(
                [pen.p(hx + side * r * 0.4, hy - r * 0.9), pen.p(hx + side * r * 0.8, hy - r * 1.7)],
                fill=spec["skin"],
                width=pen.w(0.012),
            )
            d.ellipse(pen.circle(hx + side * r * 0.8, hy - r * 1.7, r * 0.15), fill=(255, 240, 120))


def _surfboard(d: Draw, ox: float, oy: float, s: float) -> None:
    d.ellipse(
        (ox + 0.05 * s, oy + 0.93 * s, ox + 0.95 * s, oy + 1.0 * s),
        fill=(250, 250, 246),
        outline=(230, 70, 60),
        width=max(1, round(0.012 * s)),
    )


# --- cameo portraits ---------------------------------------------------------------------------


def load_face(path: str, size: int) -> Image.Image | None:
    """A square crop around where a portrait's face usually is, or None if unreadable."""
    try:
        with Image.open(path) as source:
            image = ImageOps.exif_transpose(source).convert("RGB")
    except (OSError, ValueError):
        return None
    w, h = image.size
    side = min(w, h) * 0.78
    # Portraits frame the face a little above the middle.
    cx, cy = w / 2, min(h * 0.42, h - side / 2)
    cy = max(cy, side / 2)
    box = (round(cx - side / 2), round(cy - side / 2), round(cx + side / 2), round(cy + side / 2))
    return image.crop(box).resize((size, size), Image.Resampling.LANCZOS)


def cameo_drawer(
    face: Image.Image, shirt: RGB
) -> tuple[Callable[[int, int], tuple[np.ndarray, tuple[int, int]]], int]:
    """A drawing function for a cameo (pose, jaw opening) and its number of jaw openings.

    The jaw (the lower third of the face) stretches down by up to a seventh of the face and a
    dark mouth gap opens where it meets the upper face, so lip motion follows the voice.
    """
    size = face.width
    drop = max(2, round(size / 7))
    jaw_top = round(size * 2 / 3)
    upper = face.crop((0, 0, size, jaw_top))
    jaw = face.crop((0, jaw_top, size, size))

    def draw(pose: int, mouth: int) -> np.ndarray:
        opening = mouth / (CAMEO_MOUTHS - 1)
        d = round(drop * opening)
        head_h = size + d
        width, height = round(size * 1.5), size + drop + round(size * 0.55)
        canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        left = (width - size) // 2
        body = ImageDraw.Draw(canvas)
        sway = math.sin(2 * math.pi * pose / POSES) * size * 0.02
        body.rounded_rectangle(
            (left - size * 0.12 + sway, size * 0.92, left + size * 1.12 + sway, height + size * 0.3),
            radius=round(size * 0.3),
            fill=(*shirt, 255),
        )
        head = Image.new("RGB", (size, head_h))
        head.paste(upper, (0, 0))
        head.paste(jaw.resize((size, size - jaw_top + d), Image.Resampling.BILINEAR), (0, jaw_top))
        if d:
            gap = ImageDraw.Draw(head, "RGBA")
            mw, mh = size * 0.3, max(2.0, d * 0.9)
            cy = jaw_top + size * 0.06
            gap.ellipse(
                (size / 2 - mw / 2, cy - mh * 0.2, size / 2 + mw / 2, cy + mh), fill=(46, 12, 18, 235)
            )
        mask = Image.new("L", (size * SUPER, head_h * SUPER), 0)
        ImageDraw.Draw(mask).ellipse((SUPER, SUPER, size * SUPER - SUPER, head_h * SUPER - SUPER), fill=255)
        mask = mask.resize((size, head_h), Image.Resampling.BOX)
        ring = Image.new("L", (size * SUPER, head_h * SUPER), 0)
        ImageDraw.Draw(ring).ellipse((0, 0, size * SUPER - 1, head_h * SUPER - 1), fill=255)
        ring = ring.resize((size, head_h), Image.Resampling.BOX)
        canvas.paste((255, 255, 255, 255), (left, 0), ring)
        canvas.paste(head, (left, 0), mask)
        return np.asarray(canvas), (width // 2, height - 1)

    return draw, CAMEO_MOUTHS
