"""The `preview` video engine: no weights, CPU only, deterministic for (prompt, seed).

It is the first thing a newcomer sees, so it has to look like something: a drifting gradient
in colours picked from the prompt, soft glows and particles moving at different depths, the
prompt itself as a caption, and a moving "Sora · @handle" watermark.

Speed comes from doing the expensive work once per clip (the background canvas, every sprite
and text layer) and only cropping, adding and blending small regions per frame.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ..plan import Plan
from .base import AudioTrack, Cancelled, CancelledFn, ProgressFn, RenderSpec

VERSION = "1"

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Palette:
    name: str
    sky: tuple[RGB, RGB, RGB]  # gradient stops, top to bottom
    glows: tuple[RGB, ...]  # colours of the soft blobs
    particle: RGB
    particle_velocity: tuple[float, float]  # frame heights per second; negative y rises


PALETTES: dict[str, Palette] = {
    p.name: p
    for p in (
        Palette(
            "sunset",
            ((46, 27, 92), (196, 78, 82), (255, 176, 92)),
            ((255, 140, 90), (255, 94, 120), (255, 214, 140)),
            (255, 230, 180),
            (0.01, -0.03),
        ),
        Palette(
            "sea",
            ((6, 36, 70), (16, 100, 134), (96, 196, 200)),
            ((80, 200, 230), (40, 140, 200), (170, 236, 250)),
            (220, 250, 255),
            (0.02, -0.02),
        ),
        Palette(
            "forest",
            ((8, 30, 20), (30, 84, 48), (110, 150, 74)),
            ((170, 220, 110), (80, 160, 90), (240, 226, 130)),
            (250, 240, 150),
            (0.01, -0.012),
        ),
        Palette(
            "night",
            ((4, 6, 20), (14, 22, 60), (44, 48, 104)),
            ((90, 110, 220), (150, 130, 250), (60, 80, 160)),
            (240, 240, 255),
            (0.004, 0.0),
        ),
        Palette(
            "city",
            ((18, 8, 38), (64, 18, 86), (18, 56, 104)),
            ((255, 60, 180), (40, 220, 255), (255, 170, 40)),
            (255, 200, 255),
            (0.0, -0.015),
        ),
        Palette(
            "space",
            ((2, 2, 10), (18, 10, 44), (56, 20, 78)),
            ((120, 60, 200), (40, 90, 200), (220, 100, 180)),
            (255, 255, 255),
            (-0.01, 0.005),
        ),
        Palette(
            "fire",
            ((28, 4, 4), (140, 28, 10), (240, 120, 30)),
            ((255, 120, 20), (255, 60, 10), (255, 200, 80)),
            (255, 190, 90),
            (0.01, -0.08),
        ),
        Palette(
            "snow",
            ((66, 96, 146), (132, 162, 204), (206, 222, 240)),
            ((255, 255, 255), (190, 215, 255), (225, 238, 255)),
            (255, 255, 255),
            (0.01, 0.05),
        ),
    )
}

# Words that pick a palette; the first match in the prompt wins.
PALETTE_WORDS: dict[str, str] = {
    word: name
    for name, words in {
        "sunset": "sunset sunrise dusk dawn golden evening autumn",
        "sea": "sea ocean beach wave waves surf underwater lake river water island boat",
        "forest": "forest tree trees jungle woods garden park leaf leaves meadow spring",
        "night": "night moon moonlight midnight star stars starry dark owl",
        "city": "city street streets neon tokyo downtown skyline cyberpunk car traffic",
        "space": "space galaxy planet astronaut nebula cosmic rocket orbit alien",
        "fire": "fire flame flames dragon volcano lava campfire candle",
        "snow": "snow snowy winter ice frozen mountain mountains ski blizzard arctic",
    }.items()
    for word in words.split()
}

_FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "LiberationSans-Bold.ttf")


class PreviewEngine:
    name = "preview"

    def describe(self) -> dict[str, str]:
        family, style = _font(12).getname()
        return {"engine": self.name, "version": VERSION, "font": f"{family} {style}".strip()}

    def frames(
        self,
        spec: RenderSpec,
        plan: Plan,
        soundtrack: AudioTrack,
        *,
        progress: ProgressFn,
        cancelled: CancelledFn,
    ) -> Iterator[np.ndarray]:
        if cancelled():
            raise Cancelled()
        scene = _Scene.build(spec)
        total = spec.frame_count
        for index in range(total):
            if cancelled():
                raise Cancelled()
            frame = scene.draw(index / spec.fps)
            progress((index + 1) / total)
            yield frame


def rng_for(prompt: str, seed: int) -> np.random.Generator:
    """A generator that depends only on (prompt, seed), unlike Python's salted hash()."""
    digest = hashlib.sha256(f"{seed}\x00{prompt}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def pick_palette(prompt: str, rng: np.random.Generator) -> Palette:
    for word in re.findall(r"[a-z]+", prompt.lower()):
        if word in PALETTE_WORDS:
            return PALETTES[PALETTE_WORDS[word]]
    hue = float(rng.random())

    def hsv(dh: float, s: float, v: float) -> RGB:
        r, g, b = colorsys.hsv_to_rgb((hue + dh) % 1.0, s, v)
        return round(r * 255), round(g * 255), round(b * 255)

    return Palette(
        "seeded",
        (hsv(0.0, 0.75, 0.22), hsv(0.07, 0.6, 0.52), hsv(0.15, 0.45, 0.82)),
        (hsv(0.5, 0.5, 1.0), hsv(0.1, 0.6, 1.0), hsv(0.9, 0.4, 1.0)),
        hsv(0.15, 0.15, 1.0),
        (0.01, -0.02),
    )


# --- drawing primitives -------------------------------------------------------------------


@dataclass
class _Layer:
    """A pre-rendered RGBA layer, kept in the form the per-frame blend needs."""

    premultiplied: np.ndarray  # (h, w, 3) uint16: rgb * alpha, alpha scaled to 0..256
    inverse_alpha: np.ndarray  # (h, w, 1) uint16: 256 - alpha

    @classmethod
    def from_image(cls, image: Image.Image) -> _Layer:
        bbox = image.getchannel("A").getbbox() or (0, 0, 1, 1)
        rgba = np.asarray(image.crop(bbox), dtype=np.uint16)
        alpha = rgba[..., 3:4]
        alpha = alpha + (alpha >> 7)  # 255 -> 256 so opaque pixels come out exact
        return cls(rgba[..., :3] * alpha, 256 - alpha)

    @property
    def size(self) -> tuple[int, int]:
        height, width = self.inverse_alpha.shape[:2]
        return width, height

    def blend_onto(self, frame: np.ndarray, x: int, y: int) -> None:
        frame_part, own = _overlap(frame.shape, self.inverse_alpha.shape, x, y)
        if frame_part is None:
            return
        region = frame[frame_part]
        # uint16 is enough: 255 * (256 - a) + 255 * a = 65280.
        mixed = region * self.inverse_alpha[own]
        mixed += self.premultiplied[own]
        mixed >>= 8
        region[...] = mixed


def _add_sprite(frame: np.ndarray, sprite: np.ndarray, cx: float, cy: float) -> None:
    """Saturating additive blend of a glow centred on (cx, cy), staying in uint8."""
    height, width = sprite.shape[:2]
    frame_part, own = _overlap(frame.shape, sprite.shape, round(cx) - width // 2, round(cy) - height // 2)
    if frame_part is None:
        return
    region = frame[frame_part]
    region += np.minimum(255 - region, sprite[own])


def _overlap(frame_shape: tuple[int, ...], patch_shape: tuple[int, ...], x: int, y: int):
    """Slices of the frame and of a patch placed at (x, y), clipped to the frame."""
    fh, fw = frame_shape[:2]
    ph, pw = patch_shape[:2]
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + pw, fw), min(y + ph, fh)
    if x0 >= x1 or y0 >= y1:
        return None, None
    return (slice(y0, y1), slice(x0, x1)), (slice(y0 - y, y1 - y), slice(x0 - x, x1 - x))


def _glow_sprite(radius: int, color: RGB, intensity: float) -> np.ndarray:
    radius = max(radius, 1)
    yy, xx = np.ogrid[-radius : radius + 1, -radius : radius + 1]
    d2 = (xx * xx + yy * yy) / float(radius * radius)
    edge = math.exp(-4.0)
    # Shift the gaussian so it reaches exactly zero at the sprite's edge: no visible square.
    falloff = np.clip((np.exp(-4.0 * d2) - edge) / (1.0 - edge), 0.0, 1.0)
    rgb = np.asarray(color, dtype=np.float32) * intensity
    return np.round(falloff[..., None] * rgb).astype(np.uint8)


def _background(palette: Palette, rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    # The gradient is smooth, so compute it at 1/8 scale and upscale: same look, ~60x less work.
    sw, sh = max(width // 8, 2), max(height // 8, 2)
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    angle = rng.uniform(-0.5, 0.5)
    along = ys / sh * math.cos(angle) + (xs / sw - 0.5) * math.sin(angle)
    along = (along - along.min()) / max(float(along.max() - along.min()), 1e-6)
    stops = np.asarray(palette.sky, dtype=np.float32)
    t = along[..., None]
    image = np.where(
        t < 0.5,
        stops[0] + (stops[1] - stops[0]) * (t * 2),
        stops[1] + (stops[2] - stops[1]) * (t * 2 - 1),
    )
    # Large clouds baked into the canvas give the gradient body; they drift with the pan.
    scale = float(min(sw, sh))
    for _ in range(4):
        cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
        radius = rng.uniform(0.3, 0.8) * scale
        color = np.asarray(palette.glows[rng.integers(len(palette.glows))], dtype=np.float32)
        weight = 0.3 * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (radius * radius))
        image += (color - image) * weight[..., None]
    small = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    return np.asarray(small.resize((width, height), Image.Resampling.BICUBIC))


@functools.lru_cache(maxsize=32)
def _font(size: int) -> Font:
    # DejaVu covers accents and non-Latin scripts; Pillow's bundled font is the fallback.
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def wrap_text(text: str, font: Font, max_width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by pixel width; overlong words are split, overflow ends in an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        for piece in _split_long_word(word, font, max_width):
            candidate = f"{current} {piece}" if current else piece
            if current and font.getlength(candidate) > max_width:
                lines.append(current)
                current = piece
            else:
                current = candidate
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font.getlength(last + "…") > max_width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _split_long_word(word: str, font: Font, max_width: int) -> list[str]:
    pieces = []
    while font.getlength(word) > max_width and len(word) > 1:
        cut = len(word) - 1
        while cut > 1 and font.getlength(word[:cut]) > max_width:
            cut -= 1
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def _text_layer(lines: list[str], font: Font, *, box_alpha: int, text_alpha: int) -> _Layer:
    """White text with a soft shadow on a translucent rounded box (box_alpha 0 for none)."""
    ascent, descent = font.getmetrics()
    line_height = round((ascent + descent) * 1.15)
    pad = max(2, round((ascent + descent) * 0.55))
    text_width = max(round(font.getlength(line)) for line in lines)
    width = text_width + 2 * pad
    height = line_height * (len(lines) - 1) + ascent + descent + 2 * pad
    size = (width, height)

    box = Image.new("RGBA", size, (0, 0, 0, 0))
    if box_alpha:
        ImageDraw.Draw(box).rounded_rectangle(
            (0, 0, width - 1, height - 1), radius=pad, fill=(0, 0, 0, box_alpha)
        )
    shadow = Image.new("RGBA", size, (0, 0, 0, 0))
    text = Image.new("RGBA", size, (0, 0, 0, 0))
    shadow_draw, text_draw = ImageDraw.Draw(shadow), ImageDraw.Draw(text)
    offset = max(1, round(ascent * 0.06))
    for index, line in enumerate(lines):
        x = (width - font.getlength(line)) / 2
        y = pad + index * line_height
        shadow_draw.text((x + offset, y + offset), line, font=font, fill=(0, 0, 0, 200))
        text_draw.text((x, y), line, font=font, fill=(255, 255, 255, text_alpha))
    shadow = shadow.filter(ImageFilter.GaussianBlur(max(1, offset)))
    return _Layer.from_image(Image.alpha_composite(Image.alpha_composite(box, shadow), text))


def _bounce(t: float, speed: float, span: float, phase: float) -> int:
    """Triangle wave in [0, span]: constant speed, reflecting off both ends."""
    if span <= 0:
        return 0
    p = (phase + speed * t) % (2 * span)
    return round(p if p <= span else 2 * span - p)


# --- the scene -----------------------------------------------------------------------------


@dataclass
class _Glow:
    sprite: np.ndarray
    base: tuple[float, float]  # centre, in frame fractions
    amplitude: tuple[float, float]  # in frame fractions
    omega: tuple[float, float]  # rad/s; larger for nearer layers (parallax)
    phase: tuple[float, float]


@dataclass
class _Scene:
    width: int
    height: int
    canvas: np.ndarray  # larger than the frame; panned to make the background drift
    pan: tuple[float, float, float, float]  # periods and phases for x and y
    glows: list[_Glow]
    particles: list[np.ndarray]  # one sprite per particle (shared arrays)
    particle_start: np.ndarray  # (n, 2) pixels
    particle_velocity: np.ndarray  # (n, 2) pixels per second
    particle_wobble: np.ndarray  # (n, 3): amplitude px, rad/s, phase
    caption: _Layer | None
    caption_at: tuple[int, int]
    watermark: _Layer
    watermark_motion: tuple[float, float, float, float]  # x speed, y speed, x phase, y phase
    watermark_bottom: int  # lowest y the watermark's top may reach

    @classmethod
    def build(cls, spec: RenderSpec) -> _Scene:
        rng = rng_for(spec.prompt, spec.seed)
        w, h = spec.width, spec.height
        palette = pick_palette(spec.prompt, rng)
        short = min(w, h)

        canvas = _background(palette, rng, round(w * 1.3), round(h * 1.3))
        pan = (
            float(rng.uniform(14, 24)),
            float(rng.uniform(18, 30)),
            float(rng.uniform(0, 2 * math.pi)),
            float(rng.uniform(0, 2 * math.pi)),
        )

        glows = []
        # Far layer: big, dim, slow. Mid layer: smaller, brighter, faster.
        for count, radius, intensity, omega in (
            (3, (0.22, 0.32), (0.18, 0.3), (0.12, 0.3)),
            (4, (0.08, 0.14), (0.3, 0.5), (0.35, 0.8)),
        ):
            for _ in range(count):
                color = palette.glows[rng.integers(len(palette.glows))]
                sprite = _glow_sprite(
                    round(short * rng.uniform(*radius)), color, float(rng.uniform(*intensity))
                )
                glows.append(
                    _Glow(
                        sprite,
                        (float(rng.uniform(0.1, 0.9)), float(rng.uniform(0.1, 0.9))),
                        (float(rng.uniform(0.1, 0.3)), float(rng.uniform(0.1, 0.3))),
                        (float(rng.uniform(*omega)), float(rng.uniform(*omega))),
                        (float(rng.uniform(0, 2 * math.pi)), float(rng.uniform(0, 2 * math.pi))),
                    )
                )

        # Near layer: many small particles whose speed, size and brightness grow with nearness.
        count = 36
        depth = rng.uniform(0.4, 1.6, count)
        sizes = (max(1, round(short * 0.006)), max(1, round(short * 0.011)), max(2, round(short * 0.018)))
        sprites = [_glow_sprite(size, palette.particle, 0.45 + 0.25 * i) for i, size in enumerate(sizes)]
        particles = [sprites[min(2, int((d - 0.4) / 0.4))] for d in depth]
        start = rng.uniform(0, 1, (count, 2)) * (w, h)
        drift = np.asarray(palette.particle_velocity) * h
        velocity = depth[:, None] * (drift + rng.normal(0, 0.01 * h, (count, 2)))
        wobble = np.column_stack(
            (
                rng.uniform(0.005, 0.02, count) * w * depth,
                rng.uniform(0.5, 1.5, count),
                rng.uniform(0, 2 * math.pi, count),
            )
        )

        caption, caption_at = None, (0, 0)
        font = _font(max(8, round(short * 0.055)))
        lines = wrap_text(spec.prompt, font, round(w * 0.8), max_lines=4)
        if lines:
            caption = _text_layer(lines, font, box_alpha=120, text_alpha=255)
            cw, ch = caption.size
            # Centred, in the lower area, kept inside the frame.
            caption_at = ((w - cw) // 2, max(0, min(round(h * 0.74 - ch / 2), h - ch - h // 12)))

        label = f"Sora · @{spec.handle}" if spec.handle else "Sora"
        watermark = _text_layer([label], _font(max(7, round(short * 0.032))), box_alpha=0, text_alpha=190)
        motion = (
            w * float(rng.uniform(0.07, 0.11)),
            h * float(rng.uniform(0.04, 0.07)),
            float(rng.uniform(0, 2 * w)),
            float(rng.uniform(0, 2 * h)),
        )

        # Keep the watermark off the caption so the prompt stays readable, unless that
        # would squeeze it into a sliver anyone could crop away.
        wm_height = watermark.size[1]
        bottom = h - wm_height
        if caption is not None and caption_at[1] - wm_height > h // 2:
            bottom = caption_at[1] - wm_height

        return cls(
            width=w,
            height=h,
            canvas=canvas,
            pan=pan,
            glows=glows,
            particles=particles,
            particle_start=start,
            particle_velocity=velocity,
            particle_wobble=wobble,
            caption=caption,
            caption_at=caption_at,
            watermark=watermark,
            watermark_motion=motion,
            watermark_bottom=bottom,
        )

    def draw(self, t: float) -> np.ndarray:
        w, h = self.width, self.height
        span_x, span_y = self.canvas.shape[1] - w, self.canvas.shape[0] - h
        period_x, period_y, phase_x, phase_y = self.pan
        x = round(span_x * (0.5 + 0.5 * math.sin(2 * math.pi * t / period_x + phase_x)))
        y = round(span_y * (0.5 + 0.5 * math.sin(2 * math.pi * t / period_y + phase_y)))
        frame = self.canvas[y : y + h, x : x + w].copy()

        for glow in self.glows:
            gx = glow.base[0] + glow.amplitude[0] * math.sin(glow.omega[0] * t + glow.phase[0])
            gy = glow.base[1] + glow.amplitude[1] * math.sin(glow.omega[1] * t + glow.phase[1])
            _add_sprite(frame, glow.sprite, gx * w, gy * h)

        # Particles wrap around a margin so they re-enter smoothly instead of popping.
        margin = 0.05 * min(w, h)
        amplitude, omega, phase = self.particle_wobble.T
        positions = self.particle_start + self.particle_velocity * t
        positions[:, 0] += amplitude * np.sin(omega * t + phase)
        positions = (positions + margin) % (w + 2 * margin, h + 2 * margin) - margin
        for sprite, (px, py) in zip(self.particles, positions.tolist(), strict=True):
            _add_sprite(frame, sprite, px, py)


        return frame
