"""Refuse to start with an engine name nobody knows, rather than failing every job later."""

from django.conf import settings
from django.core.checks import Error, register

from .engines import AUDIO_ENGINES, VIDEO_ENGINES


@register()
def engines_check(app_configs, **kwargs) -> list[Error]:
    errors = []
    # Names only: instantiating an engine could load a model into memory at every startup.
    for setting, registry in (("SORA_VIDEO_ENGINE", VIDEO_ENGINES), ("SORA_AUDIO_ENGINE", AUDIO_ENGINES)):
        name = getattr(settings, setting)
        if name not in registry:
            errors.append(
                Error(
                    f"{setting}={name!r} is not an engine this installation has.",
                    hint=f"Use one of: {', '.join(sorted(registry))}.",
                    id="generation.E001",
                )
            )
    return errors
