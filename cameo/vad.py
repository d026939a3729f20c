"""Voice activity with the Silero VAD ONNX model shipped in the `silero-vad` wheel.

The wheel's Python package imports torch; we only need its model file, so it runs through
onnxruntime directly (the wheel is installed without its dependencies, and `make run` has no torch).
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
WINDOW = 512  # samples per step at 16 kHz: 32 ms
CONTEXT = 64  # the model sees the previous window's last 64 samples before each window
SPEECH_PROBABILITY = 0.5

_lock = threading.Lock()
_session = None


def _model():
    global _session
    with _lock:
        if _session is None:
            import onnxruntime

            options = onnxruntime.SessionOptions()
            # One window is ~0.1 ms of work; more threads only add hand-off cost and compete
            # with the face work running beside it.
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            _session = onnxruntime.InferenceSession(
                str(model_path()), options, providers=["CPUExecutionProvider"]
            )
        return _session


def model_path() -> Path:
    """The ONNX file inside the installed `silero_vad` package, found without importing it.

    `importlib.resources.files("silero_vad")` would run the package's `__init__`, which imports
    torch: on a `make run` install every check of a recording with sound would fail.
    """
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The silero-vad package is not installed (pip install --no-deps silero-vad).")
    return Path(spec.submodule_search_locations[0]) / "data" / "silero_vad.onnx"


def warm() -> None:
    """Load the model now (it takes most of a second) so that the first clip doesn't wait."""
    _model()


def speech_probabilities(samples: np.ndarray) -> np.ndarray:
    """One speech probability per 32 ms window of 16 kHz mono float samples (a partial tail is dropped)."""
    samples = np.asarray(samples, dtype=np.float32).ravel()
    count = len(samples) // WINDOW
    probabilities = np.zeros(count, dtype=np.float32)
    if count == 0:
        return probabilities
    session = _model()
    state = np.zeros((2, 1, 128), dtype=np.float32)
    context = np.zeros(CONTEXT, dtype=np.float32)
    rate = np.array(SAMPLE_RATE, dtype=np.int64)
    for index in range(count):
        window = samples[index * WINDOW : (index + 1) * WINDOW]
        frame = np.concatenate([context, window])[np.newaxis, :]
        output, state = session.run(None, {"input": frame, "state": state, "sr": rate})
        probabilities[index] = output[0, 0]
        context = window[-CONTEXT:]
    return probabilities


def speech_seconds(samples: np.ndarray) -> float:
    """Seconds of voice in 16 kHz mono float samples."""
    voiced = int(np.count_nonzero(speech_probabilities(samples) >= SPEECH_PROBABILITY))
    return voiced * WINDOW / SAMPLE_RATE
