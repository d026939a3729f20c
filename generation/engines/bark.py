"""The `bark` audio engine: Bark text-to-speech (transformers) voices over the shared soundscape.

Bark makes each line, laughs and sung lines included ("[laughs]", "♪ ... ♪"); `soundscape`
places the lines in their shots and mixes them with ambience, effects and music, as for `speech`.
The model is loaded once per process and kept resident: loading takes seconds to minutes,
a line takes well under that on a GPU.

Settings (environment, or the constructor's keyword arguments, which win):
  SORA_AUDIO_MODEL   folder or hub id, e.g. suno/bark-small (required)
  SORA_AUDIO_DEVICE  cuda / cpu / cuda:1 ... (default: cuda when available)
  SORA_AUDIO_DTYPE   float16 / bfloat16 / float32 (default: float16 on GPU, float32 on CPU)
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..plan import Plan
from .base import AudioTrack, Cancelled, CancelledFn, RenderError, RenderSpec
from .soundscape import LineRequest, compose, resample, speaker_voices

VERSION = "1"
UNAVAILABLE = "The voice model isn't available on this server right now."
FAILED = "The voice model failed to speak a line."
NO_PRESET = "bark (no preset)"  # the voice's name when the model folder has no speaker prompts
# Bark's own non-speech tokens: a laugh in the speaker's voice beats one synthesized beside it.
BARK_CUES = {
    "laughs": "[laughs]", "laugh": "[laughs]", "laughing": "[laughs]", "giggles": "[laughs]",
    "laughter": "[laughter]", "sighs": "[sighs]", "sigh": "[sighs]", "gasps": "[gasps]",
    "gasp": "[gasps]", "clears throat": "[clears throat]",
}  # fmt: skip
SUNG = {"♪", "♫", "music", "song", "sings", "singing"}  # a shot's line is sung: "♪ words ♪"
LINE_PEAK = 0.8  # Bark's loudness wanders from line to line; level each line's peak
LONGEST_LINE = 13.0  # seconds: Bark's semantic window holds about 14 s of speech

_load_lock = threading.Lock()
# One model serves every thread; torch's global RNG is seeded per line, so lines take turns.
_generate_lock = threading.Lock()
_resident: dict[tuple[str, str, str], Resident] = {}


@dataclass
class Resident:
    model: Any
    processor: Any
    device: str
    dtype: str
    sample_rate: int
    semantic_rate_hz: float
    presets: tuple[str, ...]
    load_seconds: float


class BarkEngine:
    name = "bark"
    hardware = "gpu"  # a transformer sampling tokens: slow on a CPU, so GPU workers (generation/queues.py)

    def __init__(self, *, model: str | None = None, device: str | None = None, dtype: str | None = None):
        self._overrides = {"MODEL": model, "DEVICE": device, "DTYPE": dtype}
        self._resident: Resident | None = None
        self._voices: list[str] = []

    def describe(self) -> dict[str, str]:
        info = {"engine": self.name, "version": VERSION, "model": _setting(self._overrides, "MODEL")}
        resident = self._resident
        if resident is not None:
            import transformers

            info.update(
                device=resident.device,
                dtype=resident.dtype,
                sample_rate=str(resident.sample_rate),
                load_seconds=f"{resident.load_seconds:.2f}",
                transformers=transformers.__version__,
            )
        if self._voices:
            info["voices"] = ", ".join(self._voices)
        return info

    def render(self, spec: RenderSpec, plan: Plan, *, cancelled: CancelledFn) -> AudioTrack:
        if cancelled():
            raise Cancelled()
        resident = self._resident = load(self._overrides)
        # Bark's v2 English prompts first: a German prompt would give every line a German accent.
        presets = (
            tuple(p for p in resident.presets if p.startswith("v2/en_")) or resident.presets or (NO_PRESET,)
        )
        voices = speaker_voices(plan, spec, presets, accepts=lambda voice: voice in resident.presets)
        self._voices = sorted(set(voices.values()))

        def synthesize(line: LineRequest) -> tuple[np.ndarray, str]:
            voice = voices.get(line.speaker, presets[0])
            samples = speak(
                resident,
                bark_text(line),
                preset=voice if voice in resident.presets else None,
                seconds=min(line.room, LONGEST_LINE),
                seed=_line_seed(spec.seed, line.speaker, line.text),
                cancelled=cancelled,
            )
            return resample(samples, resident.sample_rate), voice

        return compose(
            spec,
            plan,
            synthesize,
            cancelled=cancelled,
            retime=False,  # Bark has no speaking rate; a line too long for the clip is faded out
            voiced_cues=lambda cue: cue in BARK_CUES or cue in SUNG,
        )


def bark_text(line: LineRequest) -> str:
    """The line as Bark reads it: sung when the shot has music, its shot's laughs and sighs after it."""
    text = line.text
    if any(cue in SUNG for cue in line.shot.cues) and "♪" not in text:
        text = f"♪ {text} ♪"
    if line.last_in_shot:
        text = " ".join([text, *dict.fromkeys(BARK_CUES[cue] for cue in line.shot.cues if cue in BARK_CUES)])
    return text


def speak(
    resident: Resident,
    text: str,
    *,
    preset: str | None,
    seconds: float,
    seed: int,
    cancelled: CancelledFn,
) -> np.ndarray:
    """One line as mono float32 at the model's sample rate, its peak levelled to LINE_PEAK."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class StopWhenCancelled(StoppingCriteria):
        # Asked after every token: raising leaves generate() at once, where returning True would
        # only end one of the coarse model's many short windows.
        def __call__(self, input_ids, scores, **kwargs):
            if cancelled():
                raise Cancelled()
            return torch.zeros((input_ids.shape[0],), dtype=torch.bool, device=input_ids.device)

    try:
        try:
            inputs = resident.processor(text, voice_preset=preset)
        except (OSError, ValueError):  # a listed preset whose prompt files are missing
            inputs = resident.processor(text)
        history = inputs.pop("history_prompt", None)
        inputs = {key: value.to(resident.device) for key, value in inputs.items()}
        if history is not None:
            inputs["history_prompt"] = {key: value.to(resident.device) for key, value in history.items()}
        stop = StoppingCriteriaList([StopWhenCancelled()])
        with _generate_lock, torch.inference_mode():
            torch.manual_seed(seed)
            audio = resident.model.generate(
                **inputs,
                # Never more semantic tokens (~50 a second) than the clip has room for.
                semantic_max_new_tokens=max(8, math.ceil(seconds * resident.semantic_rate_hz)),
                semantic_stopping_criteria=stop,
                coarse_stopping_criteria=stop,
            )
    except Cancelled:
        raise
    except Exception as error:  # torch and transformers raise many kinds; the user sees one
        if cancelled():
            raise Cancelled() from error
        raise RenderError(FAILED, detail=f"{type(error).__name__}: {error}") from error
    if cancelled():
        raise Cancelled()
    samples = audio[0].detach().float().cpu().numpy()
    samples = np.nan_to_num(samples, nan=0.0, posinf=0.0, neginf=0.0)
    peak = float(np.max(np.abs(samples))) if len(samples) else 0.0
    return (samples * (LINE_PEAK / peak) if peak > 0 else samples).astype(np.float32)


def load(overrides: dict[str, str | None] | None = None) -> Resident:
    """The resident model for these settings, loading it on first use in this process."""
    overrides = overrides or {}
    path = _setting(overrides, "MODEL")
    if not path:
        raise RenderError(UNAVAILABLE, detail="SORA_AUDIO_MODEL is not set")
    try:
        import torch
    except ImportError as error:
        raise RenderError(UNAVAILABLE, detail=f"torch is not installed: {error}") from error
    device = _setting(overrides, "DEVICE") or ("cuda" if torch.cuda.is_available() else "cpu")
    dtype = _setting(overrides, "DTYPE") or ("float32" if device.startswith("cpu") else "float16")
    if dtype not in ("float16", "bfloat16", "float32"):
        raise RenderError(UNAVAILABLE, detail=f"SORA_AUDIO_DTYPE={dtype!r}")
    key = (path, device, dtype)
    with _load_lock:
        if key not in _resident:
            _resident[key] = _load(path, device, dtype)
        return _resident[key]


def _load(path: str, device: str, dtype: str) -> Resident:
    import torch
    from transformers import BarkModel, BarkProcessor

    began = time.perf_counter()
    try:
        processor = BarkProcessor.from_pretrained(path)
        model = BarkModel.from_pretrained(path, dtype=getattr(torch, dtype)).to(device).eval()
    except Exception as error:  # missing folder, no hub access, a broken or foreign checkpoint
        raise RenderError(UNAVAILABLE, detail=f"loading {path!r}: {type(error).__name__}: {error}") from error
    semantic = model.generation_config.semantic_config
    rate = semantic.get("semantic_rate_hz", 49.9) if isinstance(semantic, dict) else semantic.semantic_rate_hz
    # A folder without speaker prompts (or with missing files) speaks in Bark's unprompted voice.
    presets = tuple(sorted(processor.available_voice_presets)) if processor.speaker_embeddings else ()
    return Resident(
        model=model,
        processor=processor,
        device=device,
        dtype=dtype,
        sample_rate=int(model.generation_config.sample_rate),
        semantic_rate_hz=float(rate),
        presets=presets,
        load_seconds=time.perf_counter() - began,
    )


def unload() -> None:
    """Forget every resident model (tests; an operator switching models)."""
    with _load_lock:
        _resident.clear()


def _setting(overrides: dict[str, str | None], name: str) -> str:
    value = overrides.get(name)
    return str(value).strip() if value is not None else os.environ.get(f"SORA_AUDIO_{name}", "").strip()


def _line_seed(seed: int, speaker: str, text: str) -> int:
    digest = hashlib.sha256(f"bark\x00{seed}\x00{speaker}\x00{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF
