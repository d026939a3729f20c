"""Refuse to start with an engine that cannot run, rather than failing every job later."""

import importlib.util
import os

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


# Engines that load a model: the packages they import and the variable naming their model.
MODEL_ENGINES = {
    ("SORA_VIDEO_ENGINE", "diffusers"): (("torch", "diffusers", "transformers"), "SORA_VIDEO_MODEL"),
    ("SORA_AUDIO_ENGINE", "bark"): (("torch", "transformers"), "SORA_AUDIO_MODEL"),
}


@register()
def model_engines_check(app_configs, **kwargs) -> list[Error]:
    errors = []
    for (setting, engine), (packages, model_variable) in MODEL_ENGINES.items():
        if getattr(settings, setting) != engine:
            continue
        # find_spec, not import: importing torch costs seconds at every manage.py call.
        missing = [name for name in packages if importlib.util.find_spec(name) is None]
        if missing:
            errors.append(
                Error(
                    f"{setting}={engine!r} needs {', '.join(missing)}, which are not installed.",
                    hint="Install the model engines: make ml (pip install -r requirements-ml.txt).",
                    id="generation.E002",
                )
            )
        if not os.environ.get(model_variable, "").strip():
            errors.append(
                Error(
                    f"{setting}={engine!r} needs {model_variable}: a local model folder or a hub id.",
                    hint="e.g. Wan-AI/Wan2.1-T2V-1.3B-Diffusers or suno/bark-small, or a path.",
                    id="generation.E003",
                )
            )
    return errors


@register()
def signing_check(app_configs, **kwargs) -> list[Error]:
    """An operator's own signing certificate must come with its key, and both must be readable:
    otherwise every render would fail at its last step."""
    cert, key = settings.SORA_C2PA_CERT, settings.SORA_C2PA_KEY
    errors = []
    if bool(cert) != bool(key):
        errors.append(
            Error(
                "SORA_C2PA_CERT and SORA_C2PA_KEY go together: set both, or neither (the server then "
                "signs with a certificate of its own).",
                id="generation.E004",
            )
        )
    for name, path in (("SORA_C2PA_CERT", cert), ("SORA_C2PA_KEY", key), *(
        ("SORA_C2PA_TRUST_ANCHORS", anchor) for anchor in settings.SORA_C2PA_TRUST_ANCHORS
    )):
        if path and not os.access(path, os.R_OK):
            errors.append(Error(f"{name}: {path} is not a readable file.", id="generation.E005"))
    return errors
