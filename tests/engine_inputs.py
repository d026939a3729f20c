"""Inputs the video engine tests render from (two portraits for cameos, two clips to remix), and a
spy on what the engine asks of a pipeline."""

import functools
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image


def portraits_save(folder: Path) -> tuple[str, str]:
    """A warm and a cold 120×160 portrait, each with a face-ish block."""
    paths = []
    for name, colour in (("warm", (230, 120, 60)), ("cold", (40, 90, 220))):
        image = Image.new("RGB", (120, 160), colour)
        image.paste((250, 230, 200), (40, 40, 80, 110))  # a face-ish block
        image.save(folder / f"{name}.png")
        paths.append(str(folder / f"{name}.png"))
    return tuple(paths)


def parent_clips_save(folder: Path) -> tuple[str, str]:
    """Two 5 s clips to remix, 96×160 at 8 fps: a moving left-to-right gradient and a flat grey."""
    paths = []
    ramp = np.linspace(0, 255, 96, dtype=np.float32)[None, :, None]
    for name in ("gradient", "grey"):
        path = folder / f"{name}.mp4"
        writer = imageio_ffmpeg.write_frames(str(path), (96, 160), fps=8, pix_fmt_out="yuv420p")
        writer.send(None)
        for index in range(40):
            if name == "grey":
                frame = np.full((160, 96, 3), 128, dtype=np.uint8)
            else:
                frame = np.broadcast_to((ramp + index * 6) % 256, (160, 96, 3)).astype(np.uint8)
            writer.send(np.ascontiguousarray(frame))
        writer.close()
        paths.append(str(path))
    return tuple(paths)


def spy_calls(monkeypatch, pipeline_class) -> list[dict]:
    """Record the keyword arguments of every call of `pipeline_class` (the call still runs)."""
    calls: list[dict] = []
    original = pipeline_class.__call__

    @functools.wraps(original)  # the engine passes only the arguments the call's signature names
    def recording(self, *args, **kwargs):
        calls.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pipeline_class, "__call__", recording)
    return calls
