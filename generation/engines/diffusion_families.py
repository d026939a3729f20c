"""Which diffusers pipelines serve which model family, and the settings each family was trained at.

A model folder (or hub repo) says what it is in model_index.json's `_class_name`, and which
generation in the rest of that file (Wan 2.2's `boundary_ratio`, `expand_timesteps`); the family
table maps that to the pipelines for text-, image- and video-to-video, which share the loaded
modules, and to the size, frame rate and length the model was trained at. Add a family by adding
one entry.
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


WAN_CLASSES = {T2V: "WanPipeline", I2V: "WanImageToVideoPipeline", V2V: "WanVideoToVideoPipeline"}


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
    vae_in_float32: bool = False  # Wan's VAE loses detail in half precision; its authors keep it in float32
    guidance_2: float | None = None  # the low-noise expert's guidance, for two-transformer models
    # Remix through image-to-video from each shot's first parent frame: for models the family's
    # video-to-video pipeline cannot run (it has no second transformer, or assumes another VAE).
    remix_from_first_frame: bool = False
    # Remix by starting the denoising from the parent's encoded latents (`latents=`, noised to the
    # strength's step by the pipeline) instead of passing the frames as `video=`: LTX's condition
    # pipeline reads `video=` as frame conditions held clean, not as a clip to re-noise.
    remix_as_latents: bool = False
    # The model makes a soundtrack with its pictures (LTX-2): the engine hands it to the pipeline,
    # which mixes it with the audio engine's (generation/engines/joint_sound.py).
    makes_sound: bool = False


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family(
            name="wan",
            classes=WAN_CLASSES,
            fps=16,
            size=(832, 480),
            max_frames=81,
            frame_step=4,
            size_step=16,
            guidance=5.0,
            negative=WAN_NEGATIVE,
            i2v_from_t2v={"expand_timesteps": True},
            vae_in_float32=True,
        ),
        # Wan 2.2 TI2V-5B: a 48-channel VAE compressing 16x16 (with the transformer's 2x2 patches,
        # sizes step by 32), trained at 1280x704, 24 fps, 121 frames; text and image to video in
        # one model (`expand_timesteps`: the first latent frame is held clean for a picture).
        Family(
            name="wan2.2-ti2v",
            classes=WAN_CLASSES,
            fps=24,
            size=(1280, 704),
            max_frames=121,
            frame_step=4,
            size_step=32,
            guidance=5.0,
            negative=WAN_NEGATIVE,
            i2v_from_t2v={"expand_timesteps": True},
            vae_in_float32=True,
            remix_from_first_frame=True,  # WanVideoToVideoPipeline assumes Wan 2.1's VAE
        ),
        # Wan 2.2 A14B: two 14B experts, `transformer` for the high-noise steps and `transformer_2`
        # below `boundary_ratio`; Wan 2.1's VAE, 16 fps, 720p. Guidance as Wan's authors set it.
        Family(
            name="wan2.2-a14b",
            classes=WAN_CLASSES,
            fps=16,
            size=(1280, 720),
            max_frames=81,
            frame_step=4,
            size_step=16,
            guidance=4.0,
            guidance_2=3.0,
            negative=WAN_NEGATIVE,
            i2v_from_t2v={"expand_timesteps": True},
            vae_in_float32=True,
            remix_from_first_frame=True,  # WanVideoToVideoPipeline has no second transformer
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
            remix_as_latents=True,
        ),
        # LTX-2 (2.0 to 2.5): one transformer denoises the video and the audio latents together,
        # cross-attending, so sound and picture come out in sync; a vocoder turns the audio
        # latents' mel spectrogram into a waveform. Its VAE is LTX's (32x space, 8x time).
        Family(
            name="ltx2",
            classes={T2V: "LTX2Pipeline", I2V: "LTX2ImageToVideoPipeline", V2V: "LTX2ConditionPipeline"},
            fps=24,
            size=(768, 512),
            max_frames=121,
            frame_step=8,
            size_step=32,
            guidance=3.0,
            negative=LTX_NEGATIVE,
            fps_arg="frame_rate",
            # LTX2ConditionPipeline takes frames as conditions held clean, not a clip to re-noise,
            # and its latents input is unnormalized video only: remix from each shot's first frame.
            remix_from_first_frame=True,
            makes_sound=True,
        ),
    )
}

# Wan 2.1 and 2.2 folders name the same pipeline classes: the base entry answers for the class,
# and `family_of` tells the generations apart by the folder's config.
_FAMILY_OF_CLASS = {
    cls: FAMILIES[name] for name in ("wan", "ltx", "ltx2") for cls in FAMILIES[name].classes.values()
}


def family_of(
    class_name: str, config: dict | None = None, latent_channels: int | None = None
) -> Family | None:
    """The family of a model folder, or None if we don't know it.

    `class_name` is model_index.json's `_class_name`, `config` the rest of that file (or the
    loaded pipeline's config) and `latent_channels` its VAE's `z_dim`, when known. A second
    transformer with a `boundary_ratio` is Wan 2.2 A14B; `expand_timesteps` or a 48-channel
    VAE is Wan 2.2 TI2V-5B; other Wan folders are Wan 2.1.
    """
    family = _FAMILY_OF_CLASS.get(class_name)
    if family is None or family.name != "wan":
        return family
    config = config or {}
    if config.get("boundary_ratio") is not None:
        return FAMILIES["wan2.2-a14b"]
    if config.get("expand_timesteps") or latent_channels == 48:
        return FAMILIES["wan2.2-ti2v"]
    return family


def mode_of(family: Family, class_name: str) -> str:
    """Which mode a model folder was saved for (a Wan I2V folder cannot do plain text-to-video)."""
    return next((mode for mode, cls in family.classes.items() if cls == class_name), T2V)
