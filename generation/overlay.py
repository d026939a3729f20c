"""What the pipeline draws on every engine's frames: subtitles and the moving watermark.

Drawing them here, not in each engine, means a diffusion model's frames get exactly the same
subtitles (timed to the soundtrack) and provenance mark as the preview engine's. Text is
rasterised once per clip; each frame only blends a few small pre-rendered layers.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .engines.base import RenderSpec, SpokenLine

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

_FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "LiberationSans-Bold.ttf")
SUBTITLE_HOLD = 0.35  # seconds a subtitle stays after the voice stops, so it can be finished
SUBTITLE_BOX_ALPHA = 150


@dataclass
class Layer:
    """A pre-rendered RGBA layer, kept in the form the per-frame blend needs."""

    premultiplied: np.ndarray  # (h, w, 3) uint16: rgb * alpha, alpha scaled to 0..256
    inverse_alpha: np.ndarray  # (h, w, 1) uint16: 256 - alpha

    @classmethod
    def from_image(cls, image: Image.Image) -> Layer:
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
        frame_part, own = overlap(frame.shape, self.inverse_alpha.shape, x, y)
        if frame_part is None:
            return
        region = frame[frame_part]
        # uint16 is enough: 255 * (256 - a) + 255 * a = 65280.
        mixed = region * self.inverse_alpha[own]
        mixed += self.premultiplied[own]
        mixed >>= 8
        region[...] = mixed


def overlap(frame_shape: tuple[int, ...], patch_shape: tuple[int, ...], x: int, y: int):
    """Slices of the frame and of a patch placed at (x, y), clipped to the frame."""
    fh, fw = frame_shape[:2]
    ph, pw = patch_shape[:2]
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + pw, fw), min(y + ph, fh)
    if x0 >= x1 or y0 >= y1:
        return None, None
    return (slice(y0, y1), slice(x0, x1)), (slice(y0 - y, y1 - y), slice(x0 - x, x1 - x))


@functools.lru_cache(maxsize=32)
def font(size: int) -> Font:
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


def text_layer(lines: list[str], font: Font, *, box_alpha: int, text_alpha: int) -> Layer:
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
    return Layer.from_image(Image.alpha_composite(Image.alpha_composite(box, shadow), text))


def bounce(t: float, speed: float, span: float, phase: float) -> int:
    """Triangle wave in [0, span]: constant speed, reflecting off both ends."""
    if span <= 0:
        return 0
    p = (phase + speed * t) % (2 * span)
    return round(p if p <= span else 2 * span - p)


@dataclass
class _Subtitle:
    first_frame: int  # shown from this frame ...
    end_frame: int  # ... up to, not including, this one
    layer: Layer
    at: tuple[int, int]


def subtitle_frames(line: SpokenLine, fps: int, frame_count: int) -> tuple[int, int]:
    """The frames showing a line: from the frame nearest the voice's onset (within half a frame)."""
    first = min(frame_count, max(0, round(line.start * fps)))
    end = min(frame_count, max(first + 1, int(np.ceil((line.end + SUBTITLE_HOLD) * fps))))
    return first, end


class Overlay:
    """Subtitles and the moving watermark for one clip."""

    def __init__(self, spec: RenderSpec, spoken: Iterable[SpokenLine]) -> None:
        w, h = spec.width, spec.height
        short = min(w, h)
        self.width, self.height = w, h

        subtitle_font = font(max(8, round(short * 0.05)))
        subtitles: list[_Subtitle] = []
        for line in spoken:
            lines = wrap_text(line.text, subtitle_font, round(w * 0.84), max_lines=3)
            if not lines:
                continue
            layer = text_layer(lines, subtitle_font, box_alpha=SUBTITLE_BOX_ALPHA, text_alpha=255)
            lw, lh = layer.size
            at = ((w - lw) // 2, max(0, min(round(h * 0.80 - lh / 2), h - lh - h // 14)))
            first, end = subtitle_frames(line, spec.fps, spec.frame_count)
            subtitles.append(_Subtitle(first, end, layer, at))
        # A later line replaces an earlier one that is still held on screen.
        for current, following in zip(subtitles, subtitles[1:], strict=False):
            current.end_frame = min(current.end_frame, following.first_frame)
        self.subtitles = subtitles
        self.subtitle_top = min((s.at[1] for s in subtitles), default=h)

        label = f"Sora · @{spec.handle}" if spec.handle else "Sora"
        self.watermark = text_layer([label], font(max(7, round(short * 0.032))), box_alpha=0, text_alpha=190)
        digest = hashlib.sha256(f"watermark\x00{spec.seed}\x00{spec.prompt}".encode()).digest()
        r = [b / 255 for b in digest[:4]]
        self.watermark_motion = (
            w * (0.07 + 0.04 * r[0]),
            h * (0.04 + 0.03 * r[1]),
            2 * w * r[2],
            2 * h * r[3],
        )

    def watermark_position(self, t: float) -> tuple[int, int]:
        """Where the watermark's top-left corner is at time t; it wanders so no crop removes it."""
        w, h = self.width, self.height
        ww, wh = self.watermark.size
        edge = max(2, min(w, h) // 40)
        # Stay above the subtitles so both remain readable, unless that leaves a sliver.
        bottom = h - wh
        if self.subtitle_top - wh > h // 2:
            bottom = self.subtitle_top - wh
        speed_x, speed_y, phase_x, phase_y = self.watermark_motion
        return (
            edge + bounce(t, speed_x, w - ww - 2 * edge, phase_x),
            edge + bounce(t, speed_y, bottom - 2 * edge, phase_y),
        )

    def draw(self, frame: np.ndarray, index: int, fps: int) -> np.ndarray:
        for subtitle in self.subtitles:
            if subtitle.first_frame <= index < subtitle.end_frame:
                subtitle.layer.blend_onto(frame, *subtitle.at)
        self.watermark.blend_onto(frame, *self.watermark_position(index / fps))
        return frame

    def apply(self, frames: Iterable[np.ndarray], fps: int) -> Iterator[np.ndarray]:
        source = iter(frames)
        try:
            shape = (self.height, self.width, 3)
            for index, frame in enumerate(source):
                if getattr(frame, "shape", None) != shape or frame.dtype != np.uint8:
                    yield frame  # malformed: the encoder rejects it with a clear reason
                    continue
                if not frame.flags.writeable:
                    frame = frame.copy()
                yield self.draw(frame, index, fps)
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()
