"""Draws the app's icons (run once; the PNGs and SVG are committed): a rounded square in the brand's
gradient (#7c5cff to #ff5c8a, as app.css's --accent and --accent-2) with a white "S".

    .venv/bin/python static/app/icons/make_icons.py

The S is a stroked path of three cubic curves, written as-is into the SVG and drawn by Pillow from
the same curves, so the favicon and the PNGs match without depending on any font.
"""

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

HERE = Path(__file__).resolve().parent
START, END = (0x7C, 0x5C, 0xFF), (0xFF, 0x5C, 0x8A)
# On a 100-unit square; symmetric about the centre. It reaches 35 units from the centre at most,
# inside the 40 a maskable icon keeps whatever shape the launcher cuts.
S_CURVES = [
    ((65, 31), (59, 23), (35, 23), (35, 38)),
    ((35, 38), (35, 49), (65, 51), (65, 62)),
    ((65, 62), (65, 77), (41, 77), (35, 69)),
]
S_WIDTH = 11
CORNER = 22  # the rounded square's radius, in the same units
SUPERSAMPLE = 4


def _gradient(size: int) -> Image.Image:
    """Diagonal, top left to bottom right."""
    ramp = Image.linear_gradient("L").resize((size, size))  # 0 at the top, 255 at the bottom
    diagonal = ImageChops.add(ramp, ramp.rotate(90), scale=2)  # (down + across) / 2
    channels = [
        Image.eval(diagonal, lambda t, a=a, b=b: round(a + (b - a) * t / 255))
        for a, b in zip(START, END, strict=True)
    ]
    return Image.merge("RGB", channels)


def _bezier(p0, p1, p2, p3, steps: int = 200):
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        weights = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
        axes = zip(p0, p1, p2, p3, strict=True)
        yield tuple(sum(w * c for w, c in zip(weights, axis, strict=True)) for axis in axes)


def _s_mask(size: int, scale: float) -> Image.Image:
    """The S in white on black, `scale` of the square's size, centred."""
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    unit = size / 100 * scale
    offset = size / 2 - 50 * unit
    radius = S_WIDTH / 2 * unit
    for curve in S_CURVES:
        for x, y in _bezier(*curve):
            cx, cy = offset + x * unit, offset + y * unit
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    return mask


def icon(size: int, *, rounded: bool, scale: float = 1.0) -> Image.Image:
    """rounded: transparent corners (the "any" icons, the favicon); else full bleed (maskable, Apple,
    which cut their own shape). scale: the S's size (a maskable icon's S sits inside its safe zone)."""
    big = size * SUPERSAMPLE
    image = _gradient(big).convert("RGBA")
    image.paste((255, 255, 255, 255), mask=_s_mask(big, scale))
    if rounded:
        shape = Image.new("L", (big, big), 0)
        ImageDraw.Draw(shape).rounded_rectangle((0, 0, big - 1, big - 1), radius=big * CORNER / 100, fill=255)
        image.putalpha(shape)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def svg() -> str:
    path = " ".join(
        f"M{p0[0]} {p0[1]}" * (i == 0) + f"C{p1[0]} {p1[1]} {p2[0]} {p2[1]} {p3[0]} {p3[1]}"
        for i, (p0, p1, p2, p3) in enumerate(S_CURVES)
    )
    start, end = ("#{:02x}{:02x}{:02x}".format(*rgb) for rgb in (START, END))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/>'
        "</linearGradient></defs>"
        f'<rect width="100" height="100" rx="{CORNER}" fill="url(#g)"/>'
        f'<path d="{path}" fill="none" stroke="#fff" stroke-width="{S_WIDTH}" stroke-linecap="round"/>'
        "</svg>\n"
    )


def main() -> None:
    icon(192, rounded=True).save(HERE / "icon-192.png", optimize=True)
    icon(512, rounded=True).save(HERE / "icon-512.png", optimize=True)
    # The launcher may cut a circle: the S shrinks to stay inside the middle 80%.
    icon(512, rounded=False, scale=0.8).convert("RGB").save(HERE / "icon-maskable-512.png", optimize=True)
    icon(180, rounded=False).convert("RGB").save(HERE / "apple-touch-icon.png", optimize=True)
    icon(32, rounded=True).save(HERE / "favicon-32.png", optimize=True)
    icon(48, rounded=True).save(HERE / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    (HERE / "favicon.svg").write_text(svg())


if __name__ == "__main__":
    main()
