"""Engine registry: names (as stored on jobs and in settings) to engine factories.

Factories import their module lazily so that heavy engines (torch, diffusers) cost nothing
until a job asks for them. Add an engine by adding one entry below.
"""

from __future__ import annotations

from collections.abc import Callable

from .base import AudioEngine, VideoEngine


class UnknownEngine(ValueError):
    """A job or setting names an engine this installation does not have."""


def _preview() -> VideoEngine:
    from .preview import PreviewEngine

    return PreviewEngine()


def _diffusers() -> VideoEngine:
    from .diffusion import DiffusersEngine

    return DiffusersEngine()


def _speech() -> AudioEngine:
    from .speech import SpeechEngine

    return SpeechEngine()


def _bark() -> AudioEngine:
    from .bark import BarkEngine

    return BarkEngine()


def _tones() -> AudioEngine:
    from .tones import TonesEngine

    return TonesEngine()


VIDEO_ENGINES: dict[str, Callable[[], VideoEngine]] = {
    "preview": _preview,
    "diffusers": _diffusers,
}

AUDIO_ENGINES: dict[str, Callable[[], AudioEngine]] = {
    "speech": _speech,
    "bark": _bark,
    "tones": _tones,
}


def _lookup(kind: str, registry: dict[str, Callable], name: str):
    try:
        factory = registry[name]
    except KeyError:
        known = ", ".join(sorted(registry)) or "none"
        raise UnknownEngine(f"Unknown {kind} engine {name!r}; known: {known}.") from None
    return factory()


def get_video_engine(name: str) -> VideoEngine:
    return _lookup("video", VIDEO_ENGINES, name)


def get_audio_engine(name: str) -> AudioEngine:
    return _lookup("audio", AUDIO_ENGINES, name)


__all__ = [
    "AUDIO_ENGINES",
    "VIDEO_ENGINES",
    "UnknownEngine",
    "get_audio_engine",
    "get_video_engine",
]
