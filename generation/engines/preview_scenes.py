"""Scenes for the preview engine: a shot's tags become parallax bands, a sky and particles.

Everything expensive (antialiasing, gradients, shapes) is rasterised once per shot into a
`Cutout`; a frame only copies solid pixels (`np.copyto` on 3-byte pixels) and blends the thin
soft edge. Converting PIL images to numpy per frame is avoided on purpose: it allocates fresh
buffers every time and costs several milliseconds on a loaded machine.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ..overlay import overlap
from ..plan import PLACES


def pixels(frame: np.ndarray) -> np.ndarray:
    """A (h, w) view of an (h, w, 3) uint8 image whose items are whole pixels (3 bytes)."""
    return frame.view("V3")[..., 0]


def rgb_of(rgba: np.ndarray) -> np.ndarray:
    """The colour channels as a new contiguous array.

    One channel at a time: numpy copies (h, w, 3)-of-4 slices pixel by pixel, ~10x slower.
    """
    out = np.empty((*rgba.shape[:2], 3), np.uint8)
    for channel in range(3):
        out[..., channel] = rgba[..., channel]
    return out


@dataclass
class Cutout:
    """An RGBA picture kept as solid pixels to copy plus soft edge pixels to blend."""

    rgb: np.ndarray  # (h, w, 3) uint8
    solid: np.ndarray  # (h, w) bool: alpha == 255
    soft_y: np.ndarray  # (k,) rows of the pixels with 0 < alpha < 255
    soft_x: np.ndarray  # (k,) their columns
    soft_color: np.ndarray  # (k, 3) uint16: rgb * alpha, alpha scaled to 0..256
    soft_keep: np.ndarray  # (k, 1) uint16: 256 - alpha

    @classmethod
    def from_rgba(cls, rgba: np.ndarray) -> Cutout:
        alpha = rgba[..., 3]
        soft = (alpha > 0) & (alpha < 255)
        ys, xs = np.nonzero(soft)
        a = alpha[ys, xs].astype(np.uint16)[:, None]
        a = a + (a >> 7)
        return cls(
            rgb=rgb_of(rgba),
            solid=alpha == 255,
            soft_y=ys.astype(np.intp),
            soft_x=xs.astype(np.intp),
            soft_color=rgba[ys, xs, :3].astype(np.uint16) * a,
            soft_keep=256 - a,
        )

    @property
    def size(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]

    def draw(self, frame: np.ndarray, x: int, y: int) -> None:
        """Composite with the top-left corner at (x, y), clipped to the frame."""
        frame_part, own = overlap(frame.shape, self.rgb.shape, x, y)
        if frame_part is None:
            return
        np.copyto(pixels(frame[frame_part]), pixels(self.rgb[own]), where=self.solid[own])
        if not len(self.soft_y):
            return
        fy, fx = self.soft_y + y, self.soft_x + x
        inside = (fy >= 0) & (fy < frame.shape[0]) & (fx >= 0) & (fx < frame.shape[1])
        fy, fx = fy[inside], fx[inside]
        mixed = frame[fy, fx] * self.soft_keep[inside]
        mixed += self.soft_color[inside]
        frame[fy, fx] = mixed >> 8


@dataclass
class Band:
    """One depth of the scene: a horizontally periodic strip, opaque below its soft top edge.

    The canvas is one period plus a frame width wide, so any window of the frame's width
    starting inside the first period is a plain slice.
    """

    top: int  # frame row (at zoom 1) of the strip's first row
    period: int
    depth: float  # parallax: pixels moved per pixel of camera travel (1 = the ground)
    speed: float  # own drift in px/s (waves, clouds), independent of the camera
    edge: Cutout | None  # the rows with partial coverage
    body: np.ndarray | None  # (rows, canvas width, 3): fully opaque rows below the edge

    @property
    def solid_from(self) -> int:
        """The frame row (at zoom 1) from which this band hides everything behind it."""
        return self.top + (self.edge.rgb.shape[0] if self.edge is not None else 0)

    def draw(
        self, frame: np.ndarray, left: int, top: int, travel: float, t: float, pivot: float, hidden_from: int
    ) -> None:
        """Draw into `frame`, which shows the scene from (left, top) at zoom 1.

        Rows from `hidden_from` (scene rows) down are covered by nearer bands: not drawn.
        """
        offset = int(round((self.depth - pivot) * travel + self.speed * t)) % self.period + left
        y = self.top - top
        if self.edge is not None:
            self.edge.draw(frame, -offset, y)
            y += self.edge.rgb.shape[0]
        if self.body is not None:
            y0 = max(y, 0)
            y1 = min(frame.shape[0], hidden_from - top, y + self.body.shape[0])
            if y0 < y1:
                frame[y0:y1] = self.body[y0 - y : y1 - y, offset : offset + frame.shape[1]]


def band_from_rgba(rgba: np.ndarray, *, top: int, period: int, depth: float, speed: float = 0.0) -> Band:
    """Split a periodic RGBA strip into its soft top edge and its opaque body."""
    alpha = rgba[..., 3]
    opaque_rows = np.all(alpha == 255, axis=1)
    empty_rows = ~np.any(alpha, axis=1)
    first = int(np.argmin(empty_rows)) if not empty_rows.all() else len(alpha)
    # The body starts where every row below is fully opaque.
    solid_from = len(alpha)
    while solid_from > first and opaque_rows[solid_from - 1]:
        solid_from -= 1
    edge = Cutout.from_rgba(rgba[first:solid_from]) if solid_from > first else None
    body = rgb_of(rgba[solid_from:]) if solid_from < len(alpha) else None
    if edge is None:
        return Band(top + solid_from, period, depth, speed, None, body)
    return Band(top + first, period, depth, speed, edge, body)


class Particles:
    """Many small stamps (flakes, drops, sparks, confetti) moved and blended in one vector pass."""

    def __init__(
        self,
        *,
        start: np.ndarray,  # (n, 2) x, y in pixels
        velocity: np.ndarray,  # (n, 2) pixels per second
        colors: np.ndarray,  # (n, 3) uint8
        stamp: tuple[np.ndarray, np.ndarray, np.ndarray],  # dy, dx, alpha 0..1 of one particle
        depth: float,  # parallax against the camera travel
        sway: np.ndarray | None = None,  # (n, 3) amplitude px, rad/s, phase: side-to-side wobble
        twinkle: np.ndarray | None = None,  # (n, 2) rad/s, phase: brightness flicker
        bounds: tuple[int, int, int],  # width, top and bottom row of the area they wrap around
    ) -> None:
        self.start, self.velocity, self.depth = start, velocity, depth
        self.colors = colors.astype(np.uint16)
        self.dy, self.dx = stamp[0][None, :], stamp[1][None, :]
        self.alpha = np.asarray(stamp[2], np.float32)[None, :]
        self.sway, self.twinkle = sway, twinkle
        self.margin = int(max(np.abs(stamp[0]).max(), np.abs(stamp[1]).max())) + 2
        self.bounds = bounds

    def draw(self, frame: np.ndarray, t: float, travel: float, pivot: float) -> None:
        height, width = frame.shape[:2]
        width_, top, bottom = self.bounds
        span_w, span_h = width_ + 2 * self.margin, bottom - top + 2 * self.margin
        pos = self.start + self.velocity * t
        x = pos[:, 0] - (self.depth - pivot) * travel
        if self.sway is not None:
            x = x + self.sway[:, 0] * np.sin(self.sway[:, 1] * t + self.sway[:, 2])
        x = np.mod(x, span_w) - self.margin
        y = np.mod(pos[:, 1] - top, span_h) + top - self.margin
        alpha = self.alpha
        if self.twinkle is not None:
            glow = 0.55 + 0.45 * np.sin(self.twinkle[:, 0] * t + self.twinkle[:, 1])
            alpha = alpha * glow[:, None]
        ys = np.rint(y).astype(np.intp)[:, None] + self.dy
        xs = np.rint(x).astype(np.intp)[:, None] + self.dx
        inside = (ys >= 0) & (ys < height) & (xs >= 0) & (xs < width)
        a = (np.broadcast_to(alpha, ys.shape)[inside] * 256).astype(np.uint16)[:, None]
        colors = np.broadcast_to(self.colors[:, None, :], (*ys.shape, 3))[inside]
        ys, xs = ys[inside], xs[inside]
        mixed = frame[ys, xs] * (256 - a)
        mixed += colors * a
        frame[ys, xs] = mixed >> 8


def disc_stamp(radius: float, *, soft: float = 0.6) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Offsets and coverage of a round dot with a soft rim."""
    r = max(radius, 0.5)
    reach = int(np.ceil(r))
    dy, dx = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    d = np.sqrt(dy * dy + dx * dx)
    alpha = np.clip((r + 0.5 - d) / max(soft * r, 0.8), 0, 1)
    keep = alpha > 0.03
    return dy[keep], dx[keep], alpha[keep]


def ring_stamp(radius: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    reach = int(np.ceil(radius)) + 1
    dy, dx = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    d = np.sqrt(dy * dy + dx * dx)
    alpha = np.clip(1.0 - np.abs(d - radius) / 1.1, 0, 1) * 0.9
    alpha += np.clip(radius * 0.45 - np.hypot(dy + radius * 0.4, dx + radius * 0.4), 0, 1) * 0.8
    keep = alpha > 0.05
    return dy[keep], dx[keep], np.minimum(alpha[keep], 1.0)


def streak_stamp(length: float, angle: float, width: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A short line trailing behind a drop falling at `angle` (radians from straight down, + = rightwards)."""
    steps = max(int(length), 2)
    s = np.arange(steps, dtype=np.float32)
    dys = np.rint(-s * np.cos(angle)).astype(np.intp)
    dxs = np.rint(-s * np.sin(angle)).astype(np.intp)
    alpha = 0.85 * (1 - s / steps)
    if width > 1:
        dys, dxs, alpha = (
            np.concatenate([dys] * 2),
            np.concatenate([dxs, dxs + 1]),
            np.concatenate([alpha] * 2),
        )
    return dys, dxs, alpha


def rect_stamp(w: int, h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dy, dx = np.mgrid[0:h, 0:w]
    return dy.ravel() - h // 2, dx.ravel() - w // 2, np.full(w * h, 0.95, np.float32)


# --- looks: colours from the time of day, the weather and the place -----------------------

RGB = tuple[int, int, int]

SKIES: dict[str, tuple[RGB, RGB, RGB]] = {  # top, middle, horizon
    "day": ((58, 118, 204), (122, 176, 230), (204, 228, 246)),
    "sunset": ((46, 32, 98), (208, 86, 98), (255, 184, 108)),
    "night": ((4, 7, 24), (14, 24, 62), (40, 48, 100)),
    "space": ((2, 2, 10), (10, 8, 30), (30, 14, 52)),
    "rain": ((56, 64, 80), (94, 104, 120), (148, 156, 166)),
    "snow": ((132, 160, 204), (188, 206, 230), (232, 238, 248)),
    "fire": ((30, 6, 8), (128, 34, 16), (244, 126, 44)),
    "desert": ((66, 136, 212), (158, 194, 226), (248, 222, 176)),
    "kitchen": ((238, 218, 182), (230, 206, 166), (216, 190, 150)),
    "party": ((22, 8, 42), (56, 16, 86), (104, 28, 116)),
}
# Which place gives the ground when a shot names several (a city beach stands on the sand).
PLACES_GROUND_FIRST = tuple("kitchen sea beach street party desert forest mountain city space sky".split())


@dataclass(frozen=True)
class Look:
    sky: tuple[RGB, RGB, RGB]
    time: str  # "day", "sunset" or "night": how the ground is lit
    snowy: bool  # snow lies on the ground
    hue: float  # 0..1, only used by scenes with no known place


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _mix3(a, b, t):
    return tuple(mix(x, y, t) for x, y in zip(a, b, strict=True))


def look_for(tags: tuple[str, ...], rng: np.random.Generator) -> Look:
    """Colours for a shot: the place sets the sky, weather greys it, the time of day wins."""
    tagset = set(tags)
    time = "sunset" if "sunset" in tagset else "night" if "night" in tagset else "day"
    if "space" in tagset:
        sky = SKIES["space"]
    elif "kitchen" in tagset or (tagset & PLACES) == {"party"}:  # indoors
        sky = SKIES["kitchen" if "kitchen" in tagset else "party"]
        if time != "day":
            sky = _mix3(sky, SKIES[time], 0.35)
    else:
        sky = SKIES["desert" if "desert" in tagset else "day"]
        for weather in ("rain", "snow", "fire"):
            if weather in tagset:
                sky = _mix3(sky, SKIES[weather], 0.75)
        if time != "day":
            sky = _mix3(sky, SKIES[time], 0.8)
    if "fire" in tagset and time == "day" and "space" not in tagset:
        time = "sunset"  # firelight
    hue = float(rng.random())
    # A touch of the seed in every sky, so two seeds of one prompt never look identical.
    shift = rng.integers(-10, 11, 3)
    sky = tuple(tuple(int(np.clip(c + s, 0, 255)) for c, s in zip(stop, shift, strict=True)) for stop in sky)
    if not tags:
        sky = _seeded_sky(hue)
    return Look(sky=sky, time=time, snowy="snow" in tagset, hue=hue)  # type: ignore[arg-type]


def _seeded_sky(hue: float) -> tuple[RGB, RGB, RGB]:
    def hsv(dh: float, s: float, v: float) -> RGB:
        r, g, b = colorsys.hsv_to_rgb((hue + dh) % 1.0, s, v)
        return round(r * 255), round(g * 255), round(b * 255)

    return hsv(0.0, 0.7, 0.3), hsv(0.06, 0.55, 0.62), hsv(0.13, 0.35, 0.92)


def lit(color: RGB, look: Look, haze: float = 0.0) -> RGB:
    """A ground colour under the shot's light, faded towards the horizon by `haze` (0..1)."""
    if look.time == "night":
        color = mix(tuple(round(c * 0.28) for c in color), (14, 20, 52), 0.35)  # type: ignore[arg-type]
    elif look.time == "sunset":
        color = mix(tuple(round(c * 0.7) for c in color), (120, 44, 60), 0.25)  # type: ignore[arg-type]
    return mix(color, look.sky[2], haze)


# --- building a shot's scene --------------------------------------------------------------


@dataclass
class Scene:
    height: int
    sky: np.ndarray  # (rows, period + width, 3): the far layer's rows that can show; opaque
    sky_period: int
    sky_depth: float
    bands: list[Band]  # far to near
    particles: list[Particles]
    ground: int  # frame row where subjects stand
    floating: bool  # no ground under the subjects (the sky)
    water: bool  # the ground is the sea: surfers and swimmers ride the waves
    look: Look

    def draw(self, frame: np.ndarray, left: int, top: int, travel: float, t: float, pivot: float) -> None:
        h, w = frame.shape[:2]
        # Each layer skips the rows a nearer band covers completely: ~half the copying.
        hidden = [self.height] * (len(self.bands) + 1)
        for i in range(len(self.bands) - 1, -1, -1):
            hidden[i] = min(hidden[i + 1], self.bands[i].solid_from)
        offset = int(round((self.sky_depth - pivot) * travel)) % self.sky_period + left
        rows = max(0, min(h, hidden[0] - top))
        frame[:rows] = self.sky[top : top + rows, offset : offset + w]
        for band, hidden_from in zip(self.bands, hidden[1:], strict=True):
            band.draw(frame, left, top, travel, t, pivot, hidden_from)


@dataclass
class _Ctx:
    w: int
    h: int
    period: int
    rng: np.random.Generator
    look: Look
    tags: frozenset[str]

    @property
    def unit(self) -> float:
        return min(self.w, self.h) / 720

    @property
    def canvas_width(self) -> int:
        return self.period + self.w

    def columns(self) -> np.ndarray:
        return np.arange(self.canvas_width) % self.period


def build_scene(tags: tuple[str, ...], width: int, height: int, rng: np.random.Generator) -> Scene:
    """Every layer of one shot, rendered once; a frame is then slices and small blends."""
    for scene in scene_steps(tags, width, height, rng):
        if scene is not None:
            return scene
    raise AssertionError("scene_steps ends with the scene")


def scene_steps(
    tags: tuple[str, ...], width: int, height: int, rng: np.random.Generator
) -> Iterator[Scene | None]:
    """`build_scene` one layer at a time: None after each step, then the Scene.

    The engine builds the next shot a step per frame of the current one: ffmpeg only
    buffers a dozen frames, so one long pause at a cut would leave it idle.
    """
    look = look_for(tags, rng)
    ctx = _Ctx(width, height, width, rng, look, frozenset(tags))
    places = [tag for tag in tags if tag in PLACES_GROUND_FIRST]
    ground_place = next((p for p in PLACES_GROUND_FIRST if p in places), "")
    if ground_place == "kitchen":
        layers = [_kitchen]
    else:
        backdrops = [p for p in places if p != ground_place][:2]
        layers = [BACKDROPS.get(place, _no_bands) for place in backdrops]
        layers.append(GROUNDS.get(ground_place) or (_snowfield if look.snowy else _hills))
    bands: list[Band] = []
    for layer in layers:
        bands += layer(ctx)
        yield None
    bands.sort(key=lambda band: band.depth)
    # The sky only needs the rows that no band covers.
    visible = min([height, *(band.solid_from for band in bands)])
    sky = _sky(ctx, interior=ground_place in ("kitchen", "party"), rows=max(visible, 1))
    floating = ground_place == "sky"
    yield Scene(
        height=height,
        sky=sky,
        sky_period=ctx.period,
        sky_depth=0.12,
        bands=bands,
        particles=_particles(ctx, ground_place),
        ground=round(height * (0.55 if floating else 0.86)),
        floating=floating,
        water=ground_place == "sea",
        look=look,
    )


def _no_bands(ctx: _Ctx) -> list[Band]:
    return []


# --- the sky (far layer) -------------------------------------------------------------------


def _gradient_rows(height: int, stops: tuple[RGB, RGB, RGB], horizon: float) -> np.ndarray:
    """(height, 1, 3) float32: top -> middle at half the horizon -> horizon colour, then held."""
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None] / max(horizon, 1e-3)
    s = np.asarray(stops, np.float32)
    upper = s[0] + (s[1] - s[0]) * np.clip(y * 2, 0, 1)
    lower = s[1] + (s[2] - s[1]) * np.clip(y * 2 - 1, 0, 1)
    return np.where(y < 0.5, upper, lower)[:, None, :]


def _add_glow(
    image: np.ndarray, cx: float, cy: float, radius: float, color, strength: float, period: int
) -> None:
    """Add a soft round light (float image), repeated one period to the right so it wraps."""
    h, w = image.shape[:2]
    for x0 in (cx, cx + period, cx - period):
        xa, xb = int(max(0, x0 - 2 * radius)), int(min(w, x0 + 2 * radius + 1))
        ya, yb = int(max(0, cy - 2 * radius)), int(min(h, cy + 2 * radius + 1))
        if xa >= xb or ya >= yb:
            continue
        yy, xx = np.ogrid[ya:yb, xa:xb]
        d2 = ((xx - x0) ** 2 + (yy - cy) ** 2) / (radius * radius)
        weight = (strength * np.exp(-2.0 * d2))[..., None].astype(np.float32)
        region = image[ya:yb, xa:xb]
        region += (np.asarray(color, np.float32) - region) * weight


def _sky(ctx: _Ctx, *, interior: bool, rows: int) -> np.ndarray:
    """The far layer's top `rows`. Smooth light is computed at quarter size and scaled up;
    crisp things (stars, the moon, windows) are drawn at full size afterwards."""
    w, h, period, rng, look = ctx.canvas_width, ctx.h, ctx.period, ctx.rng, ctx.look
    q = 4
    sw, sh, sp = -(-w // q), -(-h // q), period / q
    image = np.broadcast_to(_gradient_rows(sh, look.sky, 0.62), (sh, sw, 3)).copy()
    space = "space" in ctx.tags
    if interior:
        pass
    elif space:
        for _ in range(5):  # nebulae
            color = colorsys.hsv_to_rgb(float(rng.uniform(0.55, 0.95)), 0.7, 0.8)
            _add_glow(
                image,
                rng.uniform(0, sp),
                rng.uniform(0, sh * 0.8),
                rng.uniform(0.15, 0.3) * sh,
                [c * 255 for c in color],
                float(rng.uniform(0.25, 0.45)),
                sp,
            )
    elif look.time in ("day", "sunset"):
        sun_y = sh * (0.5 if look.time == "sunset" else 0.18)
        sun_x = rng.uniform(0.2, 0.8) * sp
        color = (255, 214, 150) if look.time == "sunset" else (255, 250, 230)
        _add_glow(image, sun_x, sun_y, sh * 0.16, color, 0.7, sp)
        if "rain" not in ctx.tags:
            _add_glow(image, sun_x, sun_y, sh * 0.035, (255, 252, 240), 1.0, sp)
        cloud = (255, 236, 224) if look.time == "sunset" else (250, 252, 255)
        if "rain" in ctx.tags or "snow" in ctx.tags:
            cloud = mix(look.sky[1], (40, 44, 56), 0.35)
        _clouds(image, rng, sp, cloud)
    else:  # night: a moonlit haze
        _add_glow(image, rng.uniform(0.2, 0.8) * sp, sh * 0.2, sh * 0.2, (110, 130, 200), 0.35, sp)
    used = min(sh, -(-rows // q) + 1)
    small = Image.fromarray(np.clip(image[:used], 0, 255).astype(np.uint8))
    sky = np.asarray(small.resize((sw * q, used * q), Image.Resampling.BILINEAR))[:rows, :w].copy()
    if interior:
        _interior_wall(ctx, sky)
    clear = "rain" not in ctx.tags  # rain clouds hide the stars and the moon
    if space or (look.time == "night" and clear):
        _stars(sky, rng, period, count=int(w * h / (1400 if space else 2600)), bottom=0.62 * h)
    if look.time == "night" and not interior and clear:
        _disc(
            sky,
            rng.uniform(0.15, 0.85) * period,
            0.16 * h,
            0.045 * min(ctx.w, h),
            (240, 238, 220),
            period,
            craters=True,
        )
    if space:
        _planet(ctx, sky)
    return sky


def _clouds(image: np.ndarray, rng: np.random.Generator, period: float, color: RGB) -> None:
    """Soft clouds on the (quarter-size, float) sky: ellipses on a mask, blurred, repeated
    one period to the right; drawn with a margin so the blur has no edge inside the sky."""
    sh, sw = image.shape[:2]
    margin = round(period / 4)
    mask = Image.new("L", (sw + 2 * margin, sh), 0)
    draw = ImageDraw.Draw(mask)
    for _ in range(int(rng.integers(5, 9))):  # a few overlapping puffs each
        cx, cy = rng.uniform(0, period), rng.uniform(0.05, 0.45) * sh
        for _ in range(4):
            x, y = cx + rng.uniform(-1, 1) * period * 0.15, cy + rng.uniform(-1, 1) * sh * 0.015
            rx = rng.uniform(0.075, 0.15) * period
            for px in (x - period, x, x + period, x + 2 * period):
                draw.ellipse((px - rx + margin, y - rx * 0.45, px + rx + margin, y + rx * 0.45), fill=190)
    mask = mask.filter(ImageFilter.GaussianBlur(period * 0.03))
    weight = np.asarray(mask, np.float32)[:, margin : margin + sw, None] / 255
    image += (np.asarray(color, np.float32) - image) * weight


def _stars(sky: np.ndarray, rng: np.random.Generator, period: int, count: int, bottom: float) -> None:
    xs = rng.integers(0, period, count)
    ys = rng.integers(0, max(int(min(bottom, sky.shape[0])), 1), count)
    level = rng.uniform(0.35, 1.0, count)[:, None]
    for x in (xs, xs + period):
        keep = x < sky.shape[1]
        sky[ys[keep], x[keep]] = np.maximum(sky[ys[keep], x[keep]], (255 * level[keep]).astype(np.uint8))


def _disc(
    sky: np.ndarray,
    cx: float,
    cy: float,
    r: float,
    color: RGB,
    period: int,
    *,
    craters: bool = False,
    ring: RGB | None = None,
) -> None:
    """A crisp antialiased ball (moon, planet), wrapped one period to the right."""
    for x0 in (cx, cx + period, cx - period):
        xa, xb = int(max(0, x0 - 2.2 * r)), int(min(sky.shape[1], x0 + 2.2 * r + 1))
        ya, yb = int(max(0, cy - r - 2)), int(min(sky.shape[0], cy + r + 2))
        if xa >= xb or ya >= yb:
            continue
        yy, xx = np.ogrid[ya:yb, xa:xb]
        d = np.sqrt((xx - x0) ** 2 + (yy - cy) ** 2)
        cover = np.clip(r + 0.5 - d, 0, 1)
        shade = np.clip(1.05 - ((xx - x0 + r * 0.35) ** 2 + (yy - cy + r * 0.35) ** 2) / (4 * r * r), 0.55, 1)
        ball = np.asarray(color, np.float32) * shade[..., None]
        if craters:
            for ox, oy, cr in ((0.3, -0.2, 0.22), (-0.35, 0.25, 0.16), (0.1, 0.45, 0.12)):
                spot = np.clip(
                    cr * r + 0.5 - np.sqrt((xx - x0 - ox * r) ** 2 + (yy - cy - oy * r) ** 2), 0, 1
                )
                ball *= (1 - 0.12 * spot)[..., None]
        region = sky[ya:yb, xa:xb].astype(np.float32)
        region += (ball - region) * cover[..., None]
        if ring is not None:
            e = np.abs(np.sqrt(((xx - x0) / 2.0) ** 2 + ((yy - cy) / 0.35) ** 2) - r * 0.95)
            band = np.clip(r * 0.06 - e, 0, 1) * ((yy > cy) | (d > r))
            region += (np.asarray(ring, np.float32) - region) * (0.8 * band)[..., None]
        sky[ya:yb, xa:xb] = np.clip(region, 0, 255).astype(np.uint8)


def _planet(ctx: _Ctx, sky: np.ndarray) -> None:
    rng = ctx.rng
    color = tuple(round(c * 255) for c in colorsys.hsv_to_rgb(float(rng.uniform(0, 1)), 0.45, 0.85))
    r = min(ctx.w, ctx.h) * rng.uniform(0.12, 0.2)
    _disc(
        sky,
        rng.uniform(0.2, 0.8) * ctx.period,
        ctx.h * rng.uniform(0.18, 0.3),
        r,
        color,
        ctx.period,
        ring=(230, 210, 180),
    )


def _interior_wall(ctx: _Ctx, sky: np.ndarray) -> None:
    """Kitchen: tiles and a window; party: dark wall with coloured spotlights."""
    w, h, period, rng, unit = sky.shape[1], ctx.h, ctx.period, ctx.rng, ctx.unit
    image = Image.fromarray(sky)
    draw = ImageDraw.Draw(image, "RGBA")
    if "kitchen" in ctx.tags:
        tile = max(8, round(36 * unit))
        line = lit((200, 170, 130), ctx.look)
        for y in range(round(h * 0.42), h, tile):
            draw.line((0, y, w, y), fill=line, width=max(1, round(2 * unit)))
        for x in range(0, w, tile):
            draw.line((x, round(h * 0.42), x, h), fill=line, width=max(1, round(2 * unit)))
        outside = SKIES[ctx.look.time]
        for x in _repeat(rng.uniform(0.1, 0.5) * period, period, w):
            box = (x, h * 0.12, x + 0.34 * ctx.w, h * 0.36)
            draw.rectangle(
                box,
                fill=outside[2 if ctx.look.time == "sunset" else 1],
                outline=lit((250, 250, 245), ctx.look),
                width=round(8 * unit),
            )
            draw.line(
                (x + 0.17 * ctx.w, h * 0.12, x + 0.17 * ctx.w, h * 0.36),
                fill=(250, 250, 245),
                width=round(6 * unit),
            )
    else:
        for i in range(6):
            x = (i + rng.uniform(0, 0.6)) * period / 6
            color = tuple(round(c * 255) for c in colorsys.hsv_to_rgb(float(rng.uniform(0, 1)), 0.7, 1.0))
            for cx in _repeat(x, period, w):
                spread = rng.uniform(0.12, 0.22) * ctx.w
                draw.polygon([(cx, 0), (cx - spread, h * 0.7), (cx + spread, h * 0.7)], fill=(*color, 46))
        for cx in _repeat(rng.uniform(0.2, 0.8) * period, period, w):  # a disco ball
            r = 34 * unit
            draw.line((cx, 0, cx, h * 0.1), fill=(160, 160, 170), width=max(1, round(2 * unit)))
            draw.ellipse((cx - r, h * 0.1, cx + r, h * 0.1 + 2 * r), fill=(200, 200, 215))
            step = max(3, round(r / 3))
            for gx in range(round(cx - r), round(cx + r), step):
                draw.line((gx, h * 0.1, gx, h * 0.1 + 2 * r), fill=(120, 120, 140))
    sky[...] = np.asarray(image)


def _repeat(x: float, period: int, width: int) -> list[float]:
    """x and its copies one period away that can still show on a canvas of `width`."""
    return [v for v in (x - period, x, x + period) if -period < v < width]


# --- bands (mid and near layers) -----------------------------------------------------------


def _strip(ctx: _Ctx, profile: np.ndarray, top: int, colors: tuple[RGB, RGB]) -> np.ndarray:
    """RGBA strip from `top` to the frame's bottom, opaque below `profile` (rows from top).

    `profile` has one value per column of a period; the strip repeats it across the canvas.
    Colour is a vertical gradient, so it is computed per row and only broadcast.
    """
    h = ctx.h - top
    prof = profile[ctx.columns()].astype(np.float32)
    low = max(float(prof.min()), 0.0)
    rows = np.arange(h, dtype=np.float32)[:, None]
    rel = np.clip((rows - low) / max(h - low, 1), 0, 1)
    c0, c1 = np.asarray(colors[0], np.float32), np.asarray(colors[1], np.float32)
    rgba = np.empty((h, len(prof), 4), np.uint8)
    rgba[..., :3] = np.clip(c0 + (c1 - c0) * rel, 0, 255).astype(np.uint8)[:, None, :]
    rgba[..., 3] = 255
    edge = min(h, int(np.ceil(float(prof.max()))) + 1)  # below this every pixel is covered
    rgba[:edge, :, 3] = (np.clip(rows[:edge] - prof[None, :] + 0.5, 0, 1) * 255).astype(np.uint8)
    return rgba


def _wave(period: int, rng: np.random.Generator, terms: int, amp: float, first: int = 1) -> np.ndarray:
    """A smooth periodic curve: a few sines with whole numbers of cycles per period."""
    x = np.arange(period) / period * 2 * np.pi
    out = np.zeros(period, np.float32)
    for k in range(first, first + terms):
        out += rng.uniform(0.3, 1.0) / k * np.sin(k * x + rng.uniform(0, 2 * np.pi))
    return out / max(float(np.abs(out).max()), 1e-6) * amp


def _peaks(period: int, rng: np.random.Generator, count: int, height: float, width: float) -> np.ndarray:
    x = np.arange(period, dtype=np.float32)
    out = np.zeros(period, np.float32)
    for _ in range(count):
        c, hgt, wid = rng.uniform(0, period), rng.uniform(0.5, 1.0) * height, rng.uniform(0.6, 1.3) * width
        d = np.abs(x - c)
        d = np.minimum(d, period - d)
        out = np.maximum(out, hgt * np.clip(1 - d / wid, 0, 1))
    return out


def _to_band(ctx: _Ctx, rgba: np.ndarray, top: int, depth: float, speed: float = 0.0) -> Band:
    return band_from_rgba(rgba, top=top, period=ctx.period, depth=depth, speed=speed)


def _image(rgba: np.ndarray) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.fromarray(rgba, "RGBA")
    return image, ImageDraw.Draw(image)


def _mountains(ctx: _Ctx) -> list[Band]:
    bands = []
    for depth, haze, height in ((0.22, 0.55, 0.34), (0.4, 0.3, 0.26)):
        top = round(ctx.h * (0.62 - height))
        span = ctx.h * height
        jag = _wave(ctx.period, ctx.rng, 6, span * 0.05, first=12)
        prof = span - _peaks(ctx.period, ctx.rng, 6, span, ctx.period / 5) + jag
        rock = lit(mix((92, 100, 120), (70, 80, 100), ctx.rng.random()), ctx.look, haze)
        rgba = _strip(ctx, np.clip(prof, 0, None), top, (rock, lit((60, 70, 86), ctx.look, haze)))
        # Snow caps: whiten everything within a band below each crest that is high enough.
        cols = ctx.columns()
        crest = prof[cols]
        rows = np.arange(rgba.shape[0])[:, None]
        cap_line = span * (0.45 if ctx.look.snowy else 0.28)
        cap = (rows < crest[None, :] + span * 0.12) & (crest[None, :] < cap_line)
        snow = np.asarray(lit((240, 244, 250), ctx.look, haze * 0.6), np.uint8)
        rgba[..., :3][cap] = snow
        bands.append(_to_band(ctx, rgba, top, depth))
    return bands


def _skyline(ctx: _Ctx, *, depth: float = 0.3, near: bool = False) -> list[Band]:
    rng, period = ctx.rng, ctx.period
    tall = 0.42 if near else 0.3
    top = round(ctx.h * (0.64 - tall))
    span = ctx.h * tall
    prof = np.empty(period, np.float32)
    x = 0
    rects = []
    while x < period:
        wid = int(min(period - x, rng.uniform(0.07, 0.16) * ctx.w * (1.5 if near else 1)))
        if period - x - wid < 0.05 * ctx.w:
            wid = period - x
        height = rng.uniform(0.35, 1.0) * span
        prof[x : x + wid] = span - height
        rects.append((x, wid, span - height))
        x += wid
    haze = 0.15 if near else 0.4
    night = ctx.look.time != "day"
    base = (64, 58, 92) if night else (96, 108, 130)
    rgba = _strip(ctx, prof, top, (lit(base, ctx.look, haze), lit((40, 40, 60), ctx.look, haze)))
    image, draw = _image(rgba)
    unit = ctx.unit * (1.4 if near else 1)
    win_w, win_h, gap = max(2, round(7 * unit)), max(2, round(10 * unit)), max(3, round(16 * unit))
    lights = [(255, 214, 120), (255, 240, 190), (140, 220, 255), (255, 120, 200)]
    for x0, wid, roof in rects:
        for bx in _repeat(x0, period, rgba.shape[1]):
            if rng.random() < 0.3:  # an antenna
                draw.line(
                    (bx + wid / 2, roof - 24 * unit, bx + wid / 2, roof),
                    fill=tuple(int(c) for c in rgba[-1, 0, :3]),
                    width=max(1, round(2 * unit)),
                )
            for wy in np.arange(roof + gap, span, gap):
                for wx in np.arange(bx + gap * 0.6, bx + wid - win_w - 2, gap):
                    if rng.random() < (0.55 if night else 0.25):
                        color = lights[int(rng.integers(len(lights)))] if night else (170, 196, 220)
                        draw.rectangle((wx, wy, wx + win_w, wy + win_h), fill=color)
    return [_to_band(ctx, np.asarray(image), top, depth)]


def _street_backdrop(ctx: _Ctx) -> list[Band]:
    return _skyline(ctx, depth=0.45, near=True)


def _treeline(ctx: _Ctx, *, depth: float = 0.3, haze: float = 0.4, tall: float = 0.2) -> list[Band]:
    rng, period = ctx.rng, ctx.period
    top = round(ctx.h * (0.64 - tall))
    span = ctx.h * tall
    x = np.arange(period, dtype=np.float32)
    prof = np.full(period, span, np.float32)
    for _ in range(int(period / (ctx.w * 0.05))):
        c, hgt = rng.uniform(0, period), rng.uniform(0.45, 1.0) * span
        d = np.abs(x - c)
        d = np.minimum(d, period - d)
        if rng.random() < 0.5:  # a conifer
            prof = np.minimum(prof, span - hgt + d * 2.6)
        else:  # a round crown
            r = hgt * 0.35
            crown = span - hgt + r - np.sqrt(np.clip(r * r - d * d, 0, None))
            prof = np.minimum(prof, np.where(d < r, crown, span))
    green = lit((44, 96, 58) if not ctx.look.snowy else (70, 96, 90), ctx.look, haze)
    rgba = _strip(ctx, prof, top, (green, lit((22, 52, 34), ctx.look, haze)))
    if ctx.look.snowy:
        rows = np.arange(rgba.shape[0])[:, None]
        cap = rows < prof[ctx.columns()][None, :] + span * 0.05
        rgba[..., :3][cap] = np.asarray(lit((236, 242, 250), ctx.look, haze * 0.5), np.uint8)
    return [_to_band(ctx, rgba, top, depth)]


def _forest_backdrop(ctx: _Ctx) -> list[Band]:
    return _treeline(ctx, depth=0.25, haze=0.45) + _treeline(ctx, depth=0.45, haze=0.2, tall=0.26)


def _dunes(ctx: _Ctx) -> list[Band]:
    bands = []
    for depth, haze, tall in ((0.25, 0.45, 0.14), (0.5, 0.15, 0.1)):
        top = round(ctx.h * (0.64 - tall))
        span = ctx.h * tall
        prof = span * 0.55 + _wave(ctx.period, ctx.rng, 3, span * 0.45)
        sand = lit((232, 186, 120), ctx.look, haze)
        rgba = _strip(ctx, prof, top, (sand, lit((196, 140, 82), ctx.look, haze)))
        if depth > 0.4:  # cacti on the nearer dunes
            image, draw = _image(rgba)
            green = lit((58, 118, 70), ctx.look, haze)
            u = ctx.unit
            for _ in range(3):
                cx = ctx.rng.uniform(0, ctx.period)
                base = float(prof[int(cx) % ctx.period]) + 4 * u
                for x in _repeat(cx, ctx.period, rgba.shape[1]):
                    draw.rounded_rectangle((x - 9 * u, base - 80 * u, x + 9 * u, base), 9 * u, fill=green)
                    draw.rounded_rectangle(
                        (x - 30 * u, base - 60 * u, x - 18 * u, base - 28 * u), 6 * u, fill=green
                    )
                    draw.rectangle((x - 30 * u, base - 36 * u, x, base - 28 * u), fill=green)
            rgba = np.asarray(image)
        bands.append(_to_band(ctx, rgba, top, depth))
    return bands


def _water(ctx: _Ctx, *, top_frac: float = 0.6, depth: float = 0.2) -> list[Band]:
    """The open sea up to the horizon, with glints drifting on it."""
    top = round(ctx.h * top_frac)
    h = ctx.h - top
    far = lit((60, 130, 170), ctx.look, 0.45)
    if ctx.look.time == "sunset":
        far = mix(far, (250, 150, 110), 0.35)
    prof = np.zeros(ctx.period, np.float32)
    rgba = _strip(ctx, prof, top, (far, lit((18, 70, 112), ctx.look)))
    # Glints: short bright dashes, denser and fainter towards the horizon.
    image, draw = _image(rgba)
    sun = (255, 226, 170) if ctx.look.time == "sunset" else (235, 245, 255)
    for _ in range(90):
        near = float(ctx.rng.random()) ** 2
        y = h * 0.6 * near
        length = (4 + 40 * near) * ctx.unit
        color = mix(far, sun, 0.35 + 0.4 * (1 - near))
        for x in _repeat(ctx.rng.uniform(0, ctx.period), ctx.period, rgba.shape[1]):
            draw.line((x, y, x + length, y), fill=color, width=max(1, round((1 + 2 * near) * ctx.unit)))
    rgba = np.asarray(image).copy()
    # One row of solid colour above the water keeps the horizon crisp.
    rgba[0, :, 3] = 255
    return [_to_band(ctx, rgba, top, depth)]


def _waves(ctx: _Ctx) -> list[Band]:
    """Two rolling wave bands drifting in opposite directions, foam on their crests."""
    bands = _water(ctx)
    for depth, tall, speed, level in ((0.55, 0.05, 0.03, 0.68), (1.0, 0.09, -0.05, 0.76)):
        top = round(ctx.h * level)
        span = ctx.h * tall
        x = np.arange(ctx.period) / ctx.period * 2 * np.pi
        cycles = int(ctx.rng.integers(3, 5)) if depth < 1 else 2
        crest = np.abs(np.sin(cycles * x / 2 + ctx.rng.uniform(0, np.pi))) ** 0.6
        prof = span * (1.0 - crest) + _wave(ctx.period, ctx.rng, 2, span * 0.15, first=5)
        body = lit((28, 112, 156) if depth == 1 else (40, 124, 166), ctx.look, 0.1)
        rgba = _strip(ctx, prof, top, (mix(body, (120, 200, 220), 0.3), lit((12, 56, 98), ctx.look)))
        reach = 6 * ctx.unit * (1 + depth)
        fh = min(rgba.shape[0], int(prof.max() + reach) + 2)  # foam only near the crest line
        rows = np.arange(fh, dtype=np.float32)[:, None]
        foam = np.clip(1 - (rows - prof[ctx.columns()][None, :]) / reach, 0, 1)[..., None]
        white = np.asarray(lit((245, 250, 255), ctx.look, 0.05), np.float32)
        crest = rgba[:fh, :, :3]
        crest[...] = (crest + foam * (white - crest)).astype(np.uint8)
        bands.append(_to_band(ctx, rgba, top, depth, speed=speed * ctx.w))
    return bands


def _sand(ctx: _Ctx, *, wet: bool) -> list[Band]:
    top = round(ctx.h * 0.72)
    span = ctx.h * 0.05
    prof = span * 0.5 + _wave(ctx.period, ctx.rng, 3, span * 0.5, first=2)
    sand = lit((236, 206, 150), ctx.look)
    rgba = _strip(ctx, prof, top, (sand, lit((214, 176, 116), ctx.look)))
    if wet:
        rows = np.arange(rgba.shape[0])[:, None]
        edge = np.clip(1 - (rows - prof[ctx.columns()][None, :]) / (14 * ctx.unit), 0, 1) * 0.35
        rgba[..., :3] = (rgba[..., :3] * (1 - edge[..., None])).astype(np.uint8)
    return [_to_band(ctx, rgba, top, 1.0)]


def _beach(ctx: _Ctx) -> list[Band]:
    water = _water(ctx)
    surf = _waves(ctx)[1]  # the far wave only; the shore replaces the near one
    return [*water, surf, *_sand(ctx, wet=True)]


def _ground(
    ctx: _Ctx, colors: tuple[RGB, RGB], *, level: float = 0.7, bumps: float = 0.03, decorate=None
) -> list[Band]:
    top = round(ctx.h * level)
    span = ctx.h * bumps
    prof = span * 0.5 + _wave(ctx.period, ctx.rng, 3, span * 0.5, first=2)
    rgba = _strip(ctx, prof, top, (lit(colors[0], ctx.look), lit(colors[1], ctx.look)))
    if decorate is not None:
        image, draw = _image(rgba)
        decorate(ctx, draw, prof, rgba.shape[1])
        rgba = np.asarray(image)
    return [_to_band(ctx, rgba, top, 1.0)]


def _grass(ctx: _Ctx) -> list[Band]:
    def flowers(ctx, draw, prof, width):
        u = ctx.unit
        for _ in range(28):
            cx = ctx.rng.uniform(0, ctx.period)
            y = float(prof[int(cx) % ctx.period]) + ctx.rng.uniform(10, 60) * u
            color = lit(
                ((255, 240, 120), (255, 150, 190), (250, 250, 255))[int(ctx.rng.integers(3))], ctx.look
            )
            for x in _repeat(cx, ctx.period, width):
                draw.ellipse((x - 4 * u, y - 4 * u, x + 4 * u, y + 4 * u), fill=color)

    if ctx.look.snowy:
        return _snowfield(ctx)
    return _treeline(ctx, depth=0.55, haze=0.1, tall=0.2) + _ground(
        ctx, ((94, 160, 72), (52, 110, 48)), decorate=flowers
    )


def _rock(ctx: _Ctx) -> list[Band]:
    return _ground(
        ctx,
        ((150, 140, 128), (96, 88, 80)) if not ctx.look.snowy else ((240, 244, 250), (200, 212, 228)),
        bumps=0.06,
    )


def _road(ctx: _Ctx) -> list[Band]:
    def markings(ctx, draw, prof, width):
        u = ctx.unit
        y = ctx.h * 0.2
        dash = 60 * u
        for x in np.arange(0, width, dash * 2):
            draw.rectangle((x, y, x + dash, y + 8 * u), fill=lit((240, 220, 120), ctx.look))
        for i in range(0, int(ctx.period // (ctx.w * 0.4)) + 1):
            cx = i * ctx.w * 0.4
            for x in _repeat(cx, ctx.period, width):  # street lamps on the kerb
                draw.rectangle((x - 3 * u, -ctx.h * 0.02, x + 3 * u, ctx.h * 0.02), fill=(50, 50, 60))

    top = round(ctx.h * 0.68)
    rgba = _strip(
        ctx,
        np.zeros(ctx.period, np.float32),
        top,
        (lit((150, 150, 156), ctx.look), lit((70, 72, 80), ctx.look)),
    )
    rgba[: max(2, round(ctx.h * 0.03))] = (*lit((190, 186, 180), ctx.look), 255)  # the kerb
    image, draw = _image(rgba)
    markings(ctx, draw, None, rgba.shape[1])
    return [_to_band(ctx, np.asarray(image), top, 1.0)]


def _rooftop(ctx: _Ctx) -> list[Band]:
    return _ground(ctx, ((120, 110, 120), (80, 72, 84)), level=0.74, bumps=0.0)


def _moon_surface(ctx: _Ctx) -> list[Band]:
    def craters(ctx, draw, prof, width):
        u = ctx.unit
        for _ in range(14):
            cx, cy, r = (
                ctx.rng.uniform(0, ctx.period),
                ctx.rng.uniform(0.05, 0.25) * ctx.h,
                ctx.rng.uniform(12, 40) * u,
            )
            for x in _repeat(cx, ctx.period, width):
                draw.ellipse(
                    (x - r, cy - r * 0.35, x + r, cy + r * 0.35), fill=(96, 96, 106), outline=(170, 170, 178)
                )

    return _ground(ctx, ((168, 168, 176), (110, 110, 120)), bumps=0.05, decorate=craters)


def _cloudbank(ctx: _Ctx) -> list[Band]:
    bands = []
    for depth, level, speed in ((0.35, 0.66, 0.01), (0.8, 0.8, 0.025)):
        top = round(ctx.h * level)
        span = ctx.h * 0.08
        x = np.arange(ctx.period, dtype=np.float32)
        prof = np.full(ctx.period, span, np.float32)
        for _ in range(10):
            c, r = ctx.rng.uniform(0, ctx.period), ctx.rng.uniform(0.4, 1.0) * span
            d = np.minimum(np.abs(x - c), ctx.period - np.abs(x - c))
            prof = np.minimum(prof, np.where(d < r, span - np.sqrt(np.clip(r * r - d * d, 0, None)), span))
        white = lit((252, 252, 255), ctx.look, 0.15)
        rgba = _strip(ctx, prof, top, (white, lit((206, 214, 232), ctx.look, 0.1)))
        bands.append(_to_band(ctx, rgba, top, depth, speed=speed * ctx.w))
    return bands


def _crowd(ctx: _Ctx) -> list[Band]:
    top = round(ctx.h * 0.58)
    span = ctx.h * 0.1
    x = np.arange(ctx.period, dtype=np.float32)
    prof = np.full(ctx.period, span, np.float32)
    step = ctx.w * 0.07
    for i in range(int(ctx.period / step)):
        c = (i + ctx.rng.uniform(-0.2, 0.2)) * step
        d = np.minimum(np.abs(x - c), ctx.period - np.abs(x - c))
        head, lift = step * 0.28, ctx.rng.uniform(0, 0.35) * span
        prof = np.minimum(
            prof, np.where(d < head, span * 0.3 - lift - np.sqrt(np.clip(head**2 - d * d, 0, None)), span)
        )
        prof = np.minimum(prof, np.where(d < step * 0.5, span * 0.62 - lift, span))
    rgba = _strip(ctx, prof, top, ((26, 10, 40), (12, 4, 20)))
    return [_to_band(ctx, rgba, top, 0.45)]


def _dancefloor(ctx: _Ctx) -> list[Band]:
    top = round(ctx.h * 0.7)
    h = ctx.h - top
    cols = ctx.columns()
    tile = max(8, round(ctx.period / 18))
    rows = np.arange(h)[:, None]
    checker = (cols[None, :] // tile + rows // max(4, tile // 2)) % 2
    hue = ctx.rng.uniform(0, 1)
    a = np.asarray(colorsys.hsv_to_rgb(hue, 0.7, 0.9)) * 255 * 0.75
    b = np.asarray(colorsys.hsv_to_rgb((hue + 0.5) % 1, 0.7, 0.6)) * 255 * 0.75
    rgba = np.empty((h, len(cols), 4), np.uint8)
    rgba[..., :3] = np.where(checker[..., None] > 0, a.astype(np.uint8), b.astype(np.uint8))
    rgba[..., 3] = 255
    return _crowd(ctx) + [_to_band(ctx, rgba, top, 1.0)]


def _kitchen(ctx: _Ctx) -> list[Band]:
    """A back counter with jars and a pot, then the front table the cook works at."""
    u = ctx.unit
    top = round(ctx.h * 0.5)
    prof = np.full(ctx.period, ctx.h * 0.1, np.float32)
    rgba = _strip(ctx, prof, top, (lit((176, 120, 80), ctx.look), lit((120, 80, 54), ctx.look)))
    image, draw = _image(rgba)
    counter = ctx.h * 0.1
    for i in range(int(ctx.period / (ctx.w * 0.2)) + 2):  # cabinet doors
        x = i * ctx.w * 0.2
        draw.rectangle(
            (x + 6 * u, counter + 20 * u, x + ctx.w * 0.2 - 6 * u, rgba.shape[0]),
            outline=lit((100, 66, 44), ctx.look),
            width=max(1, round(3 * u)),
        )
    draw.rectangle((0, counter, rgba.shape[1], counter + 14 * u), fill=lit((228, 228, 232), ctx.look))
    for _ in range(5):
        cx = ctx.rng.uniform(0, ctx.period)
        color = lit(
            ((220, 80, 60), (90, 160, 220), (240, 200, 80), (120, 190, 110))[int(ctx.rng.integers(4))],
            ctx.look,
        )
        jar_w, jar_h = ctx.rng.uniform(24, 44) * u, ctx.rng.uniform(40, 80) * u
        for x in _repeat(cx, ctx.period, rgba.shape[1]):
            draw.rounded_rectangle((x, counter - jar_h, x + jar_w, counter), 6 * u, fill=color)
    for x in _repeat(ctx.rng.uniform(0, ctx.period), ctx.period, rgba.shape[1]):  # a pot
        draw.rounded_rectangle((x, counter - 70 * u, x + 120 * u, counter), 14 * u, fill=(70, 74, 84))
        draw.rectangle((x - 20 * u, counter - 60 * u, x + 140 * u, counter - 50 * u), fill=(70, 74, 84))
    back = _to_band(ctx, np.asarray(image), top, 0.45)
    table = _ground(ctx, ((214, 170, 118), (168, 120, 78)), level=0.8, bumps=0.0)
    return [back, *table]


def _hills(ctx: _Ctx) -> list[Band]:
    """The fallback: rolling hills in colours from the seed (or the time of day)."""
    bands = []
    hue = ctx.look.hue
    for depth, level, tall, value in (
        (0.25, 0.6, 0.1, 0.55),
        (0.5, 0.66, 0.08, 0.45),
        (1.0, 0.74, 0.05, 0.35),
    ):
        top = round(ctx.h * (level - tall))
        span = ctx.h * tall
        prof = span * 0.5 + _wave(ctx.period, ctx.rng, 3, span * 0.5)
        color = tuple(round(c * 255) for c in colorsys.hsv_to_rgb((hue + 0.45) % 1, 0.45, value))
        if set(ctx.tags) & {"night", "sunset", "rain", "fire"}:
            color = lit((70, 120, 80), ctx.look, 0.5 * (1 - depth))
        rgba = _strip(ctx, prof, top, (color, mix(color, (10, 10, 20), 0.4)))
        bands.append(_to_band(ctx, rgba, top, depth))
    return bands


def _snowfield(ctx: _Ctx) -> list[Band]:
    bands = []
    for depth, level, tall in ((0.3, 0.62, 0.08), (1.0, 0.72, 0.05)):
        top = round(ctx.h * (level - tall))
        span = ctx.h * tall
        prof = span * 0.5 + _wave(ctx.period, ctx.rng, 3, span * 0.5)
        snow = lit((244, 248, 255), ctx.look, 0.3 * (1 - depth))
        rgba = _strip(ctx, prof, top, (snow, lit((196, 210, 232), ctx.look)))
        bands.append(_to_band(ctx, rgba, top, depth))
    return bands


BACKDROPS = {
    "mountain": _mountains,
    "city": _skyline,
    "street": _street_backdrop,
    "forest": _forest_backdrop,
    "desert": _dunes,
    "sea": _water,
    "beach": _water,
    "sky": lambda ctx: _cloudbank(ctx)[:1],
    "party": _crowd,
}
GROUNDS = {
    "sea": _waves,
    "beach": _beach,
    "street": lambda ctx: _street_backdrop(ctx) + _road(ctx),
    "party": _dancefloor,
    "desert": lambda ctx: _dunes(ctx) + _ground(ctx, ((236, 196, 132), (206, 160, 96)), bumps=0.04),
    "forest": _grass,
    "mountain": lambda ctx: _mountains(ctx) + _rock(ctx),
    "city": lambda ctx: _skyline(ctx) + _skyline(ctx, depth=0.5, near=True) + _rooftop(ctx),
    "space": _moon_surface,
    "sky": _cloudbank,
}


# --- particles -----------------------------------------------------------------------------


def _particles(ctx: _Ctx, ground_place: str) -> list[Particles]:
    """Weather first, then what the place and time of day float in the air."""
    tags, rng, w, h, u = ctx.tags, ctx.rng, ctx.w, ctx.h, ctx.unit
    out: list[Particles] = []

    def group(
        count, velocity, colors, stamp, depth, *, sway=None, twinkle=None, jitter=0.3, top=0.0, bottom=1.0
    ):
        n = max(1, int(count))
        start = rng.uniform(0, 1, (n, 2)) * (w, h * (bottom - top)) + (0, h * top)
        vel = np.asarray(velocity, np.float64) * (1 + rng.uniform(-jitter, jitter, (n, 1)))
        cols = np.asarray(colors, np.uint8)
        if cols.ndim == 1:
            cols = np.broadcast_to(cols, (n, 3))
        else:
            cols = cols[rng.integers(0, len(cols), n)]
        sw = (
            None
            if sway is None
            else np.column_stack(
                (
                    rng.uniform(0.5, 1.0, n) * sway[0],
                    rng.uniform(0.6, 1.4, n) * sway[1],
                    rng.uniform(0, 6.3, n),
                )
            )
        )
        tw = (
            None
            if twinkle is None
            else np.column_stack((rng.uniform(0.6, 1.4, n) * twinkle, rng.uniform(0, 6.3, n)))
        )
        out.append(
            Particles(
                start=start,
                velocity=vel,
                colors=cols,
                stamp=stamp,
                depth=depth,
                sway=sw,
                twinkle=tw,
                bounds=(w, round(h * top), round(h * bottom)),
            )
        )

    if "rain" in tags:
        angle = float(rng.uniform(-0.25, 0.05))
        speed = 1.6 * h
        velocity = (np.sin(angle) * speed, np.cos(angle) * speed)
        group(90, velocity, (200, 214, 235), streak_stamp(26 * u, angle), 0.6)
        group(40, np.multiply(velocity, 1.3), (225, 235, 250), streak_stamp(44 * u, angle, 2), 1.2)
    if "snow" in tags:
        group(70, (0.02 * w, 0.08 * h), (250, 252, 255), disc_stamp(2.2 * u), 0.4, sway=(14 * u, 1.2))
        group(30, (0.03 * w, 0.16 * h), (255, 255, 255), disc_stamp(4.5 * u), 1.1, sway=(24 * u, 0.9))
    if "fire" in tags:
        group(
            45,
            (0.0, -0.22 * h),
            ((255, 190, 80), (255, 120, 40), (255, 230, 150)),
            disc_stamp(2.4 * u),
            0.8,
            sway=(18 * u, 2.0),
            twinkle=6.0,
            top=0.3,
        )
    if "party" in tags:
        palette = ((255, 80, 120), (80, 200, 255), (255, 220, 60), (120, 255, 140), (200, 120, 255))
        group(
            70,
            (0.0, 0.14 * h),
            palette,
            rect_stamp(max(2, round(7 * u)), max(2, round(4 * u))),
            0.9,
            sway=(26 * u, 3.0),
            twinkle=8.0,
        )
    if "space" in tags or (
        "night" in tags and "rain" not in tags and ground_place not in ("kitchen", "party")
    ):
        group(
            40 if "space" in tags else 24,
            (0.0, 0.0),
            (255, 255, 240),
            disc_stamp(1.6 * u),
            0.12,
            twinkle=3.0,
            jitter=0.0,
            bottom=0.6,
        )
    if ground_place == "sea" and ctx.look.time == "day" and not out:  # bubbles rising in the water
        group(26, (0.0, -0.05 * h), (240, 250, 255), ring_stamp(4 * u), 0.9, sway=(8 * u, 1.5), top=0.62)
    elif ground_place in ("sea", "beach") and not out:  # glints twinkling on the water
        group(36, (0.01 * w, 0.0), (255, 250, 235), disc_stamp(2 * u), 0.9, twinkle=5.0, top=0.62)
    if ground_place == "kitchen":
        group(
            22,
            (0.0, -0.06 * h),
            (255, 255, 255),
            disc_stamp(7 * u, soft=1.0),
            0.5,
            sway=(16 * u, 1.0),
            twinkle=1.0,
            top=0.3,
        )
    if ground_place == "forest" and not out:
        leaf = ((120, 170, 60), (200, 170, 60), (220, 120, 50))
        if "night" in tags:
            group(
                20,
                (0.01 * w, -0.01 * h),
                (210, 255, 120),
                disc_stamp(3 * u, soft=1.0),
                0.7,
                sway=(30 * u, 0.7),
                twinkle=2.5,
            )
        else:
            group(
                26,
                (0.03 * w, 0.09 * h),
                leaf,
                rect_stamp(max(2, round(6 * u)), max(2, round(4 * u))),
                0.9,
                sway=(30 * u, 1.4),
            )
    if ground_place == "desert" and not out:
        group(40, (0.12 * w, 0.0), (240, 214, 170), disc_stamp(1.5 * u), 1.0, sway=(6 * u, 2.0), top=0.5)
    if not out:  # the fallback: soft floating motes of light
        tint = tuple(round(c * 255) for c in colorsys.hsv_to_rgb((ctx.look.hue + 0.1) % 1, 0.25, 1.0))
        group(
            20, (0.01 * w, -0.03 * h), tint, disc_stamp(5 * u, soft=1.0), 0.7, sway=(20 * u, 0.8), twinkle=1.5
        )
    return out
