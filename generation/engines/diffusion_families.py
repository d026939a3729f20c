"""Which diffusers pipelines serve which model family, and the settings each family was trained at.

A model folder (or hub repo) says what it is in model_index.json's `_class_name`; the family
table maps that to the pipelines for text-, image- and video-to-video, which share the loaded
modules. Add a family by adding one entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

T2V, I2V, V2V = "text-to-video", "image-to-video", "video-to-video"

# Wan's recommended negative prompt (the English form of the one its authors use), plus the text
# and watermarks our pipeline draws itself.
WAN_NEGATIVE = (
    "bright tones, overexposed, static, blurred details, subtitles, text, watermark, logo, style, "
    "works, paintings, images, static, overall gray, worst quality, low quality, JPEG compression "
    "residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, "
    "disfigured, misshapen limbs, fused fingers, still picture, messy background, three legs, many "
    "people in the background, walking backwards"
)
LTX_NEGATIVE = "worst quality, inconsistent motion, blurry, jittery, distorted, text, watermark, subtitles"


@dataclass(frozen=True)
class Family:
    name: str
    classes: dict[str, str]  # mode -> diffusers pipeline class name
    fps: int  # the frame rate the model was trained at: segments are generated at it
    size: tuple[int, int]  # default (width, height) for a landscape clip
    max_frames: int  # default cap on frames per segment
    frame_step: int  # frames must be frame_step * k + 1 (the VAE's temporal compression)
    size_step: int  # width and height must be multiples of this (VAE × patch size)
    guidance: float
    negative: str
    # Extra constructor settings for the image-to-video pipeline when it is built from a
    # text-to-video model's modules (e.g. Wan's first-frame conditioning, see diffusion.py).
    i2v_from_t2v: dict = field(default_factory=dict)
    strength_arg: str = "strength"  # the video-to-video call's name for "how much to change"
    fps_arg: str = ""  # the call's frame-rate argument, for models that take one


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family(
            name="wan",
            classes={T2V: "WanPipeline", I2V: "WanImageToVideoPipeline", V2V: "WanVideoToVideoPipeline"},
            fps=16,
            size=(832, 480),
            max_frames=81,
            frame_step=4,
            size_step=16,
            guidance=5.0,
            negative=WAN_NEGATIVE,
            i2v_from_t2v={"expand_timesteps": True},
        ),
        Family(
            name="ltx",
            classes={T2V: "LTXPipeline", I2V: "LTXImageToVideoPipeline", V2V: "LTXConditionPipeline"},
            fps=24,
            size=(704, 480),
            max_frames=121,
            frame_step=8,
            size_step=32,
            guidance=3.0,
            negative=LTX_NEGATIVE,
            strength_arg="denoise_strength",
            fps_arg="frame_rate",
        ),
    )
}

_FAMILY_OF_CLASS = {cls: family for family in FAMILIES.values() for cls in family.classes.values()}


def family_of(class_name: str) -> Family | None:
    """The family of a pipeline class named in model_index.json, or None if we don't know it."""
    return _FAMILY_OF_CLASS.get(class_name)


def mode_of(family: Family, class_name: str) -> str:
    """Which mode a model folder was saved for (a Wan I2V folder cannot do plain text-to-video)."""
    return next((mode for mode, cls in family.classes.items() if cls == class_name), T2V)
