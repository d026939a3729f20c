"""What a job's video says about itself: its Content Credentials and its invisible watermark.

The settings-aware half of `credentials.py` (C2PA) and `watermark.py`: the signing identity and
the watermark key this server uses, the claim a job's video carries, and reading a file back.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from django.conf import settings

from sora.secret_key import secret_key_ensure

from . import credentials, watermark
from .engines.base import RenderError
from .models import FRAME_SIZES, Job

logger = logging.getLogger(__name__)

SIGN_FAILED = "We couldn't sign this video's Content Credentials, so it was not published. Please try again."
# At most this much of an uploaded video is decoded to look for the watermark.
READ_SECONDS = 20
READ_FRAMES = 48


def signing_identity() -> credentials.Identity:
    """The operator's certificate and key when the settings name them, else this server's own
    (made on first use in SORA_C2PA_DIR). Validation trusts our own root and the operator's."""
    own_root = Path(settings.SORA_C2PA_DIR) / credentials.ROOT_NAME
    if settings.SORA_C2PA_CERT:
        chain, key = Path(settings.SORA_C2PA_CERT), Path(settings.SORA_C2PA_KEY)
    else:
        credentials.identity_ensure(Path(settings.SORA_C2PA_DIR), organisation=settings.SORA_SITE_NAME)
        chain = Path(settings.SORA_C2PA_DIR) / credentials.CHAIN_NAME
        key = Path(settings.SORA_C2PA_DIR) / credentials.KEY_NAME
    anchors = [own_root] if own_root.exists() else []
    anchors += [Path(path) for path in settings.SORA_C2PA_TRUST_ANCHORS]
    return credentials.identity_load(chain=chain, key=key, anchors=anchors)


def trust_anchors() -> str:
    """The roots validation trusts (without loading the signing key)."""
    own = Path(settings.SORA_C2PA_DIR) / credentials.ROOT_NAME
    paths = [own, *map(Path, settings.SORA_C2PA_TRUST_ANCHORS)]
    return "".join(path.read_text() for path in paths if path.exists())


def watermark_key() -> bytes:
    """The key of this server's watermark tags: SORA_WATERMARK_KEY, else one made on first use
    in the var folder. (Not SECRET_KEY: rotating that must not orphan every watermark.)"""
    if settings.SORA_WATERMARK_KEY:
        return settings.SORA_WATERMARK_KEY.encode()
    return secret_key_ensure(Path(settings.VAR_DIR) / "watermark_key").encode()


def job_mark(*, job: Job) -> list[int]:
    return watermark.payload_for(job.pk, key=watermark_key())


def job_claim(*, job: Job, info: dict, references: list[dict]) -> dict:
    """The facts our assertion records: who, which job, how (engine, model, seed, steps), the
    cameos with the consent that allowed each, and the job it remixes."""
    video, audio = info.get("video", {}), info.get("audio", {})
    claim = {
        "job": job.pk,
        "creator": f"@{job.owner.get_username()}",
        "prompt": job.prompt,
        "made": job.created_at.isoformat(),
        "engine": video.get("engine", job.video_engine),
        "model": video.get("model", ""),
        "steps": video.get("steps", ""),
        "audio_engine": audio.get("engine", job.audio_engine),
        "audio_model": audio.get("model", ""),
        "seed": job.seed,
        "duration": job.duration,
        "size": info.get("size", ""),
        "cameos": [
            {"handle": reference.get("name", ""), "consent": reference.get("consent", "")}
            for reference in references
        ],
    }
    parent_video = job.spec.get("parent_video", "")
    if parent_video:
        parent = Job.objects.filter(video=parent_video).values_list("pk", flat=True).first()
        claim["remix_of"] = parent
    return claim


def job_sign(*, job: Job, video: Path, info: dict, parent: Path | None) -> float:
    """Sign the rendered MP4 in place; the seconds it took. RenderError (the job fails, nothing
    unsigned is published) if it can't be signed."""
    started = time.perf_counter()
    claim = job_claim(job=job, info=info, references=job.spec.get("references", []))
    manifest = credentials.manifest_for(
        title=" ".join(job.prompt.split()),
        server=settings.SORA_SITE_URL,
        claim=claim,
        agent=f"sora {claim['engine']} engine" + (f" ({claim['model']})" if claim["model"] else ""),
        when=job.created_at.isoformat(),
    )
    try:
        added = credentials.sign(video, manifest=manifest, identity=signing_identity(), parent=parent)
    except (credentials.CredentialsError, OSError, ValueError) as error:
        raise RenderError(SIGN_FAILED, detail=str(error)) from error
    if parent is not None and not added:
        logger.warning("Job %s: c2pa can't read the remixed clip %s; signed without it", job.pk, parent)
    return time.perf_counter() - started


@dataclass
class Examination:
    credentials: credentials.Credentials
    ours: bool  # signed by a root we trust, and the claim names this server
    mark: watermark.Reading | None  # looked for when the credentials don't say it is ours
    frames_error: str = ""  # the file's frames could not be decoded


def video_examine(path: Path) -> Examination:
    """Read the credentials of the MP4 at `path` and, when they don't prove it ours, look for
    the invisible watermark in its frames. Never raises for a bad file."""
    found = credentials.read(path, anchors=trust_anchors())
    ours = bool(
        found.state == "trusted"
        and found.manifest
        and found.manifest.render
        and found.manifest.render.get("server") == settings.SORA_SITE_URL
    )
    if ours:
        return Examination(found, True, None)
    try:
        frames = frames_sample(path)
    except (OSError, RuntimeError, ValueError, StopIteration, subprocess.SubprocessError) as error:
        return Examination(found, False, None, frames_error=str(error)[:300])
    reading = watermark.read(frames, key=watermark_key(), render_sizes=FRAME_SIZES.values())
    return Examination(found, False, reading)


def frames_sample(path: Path) -> list[np.ndarray]:
    """Up to READ_FRAMES frames spread over the first READ_SECONDS of the video, as RGB."""
    # A huge upload is shrunk to 1920 pixels wide as it is decoded: the reader tries any scale.
    reader = imageio_ffmpeg.read_frames(
        str(path), output_params=["-t", str(READ_SECONDS), "-vf", r"scale=w=min(iw\,1920):h=-2"]
    )
    try:
        meta = next(reader)
        width, height = meta["size"]
        fps = float(meta.get("fps") or 24)
        duration = min(float(meta.get("duration") or READ_SECONDS), READ_SECONDS)
        every = max(1, int(fps * duration / READ_FRAMES))
        frames = []
        for index, data in enumerate(reader):
            if index % every == 0:
                frames.append(np.frombuffer(data, dtype=np.uint8).reshape(height, width, 3))
            if len(frames) >= READ_FRAMES:
                break
        return frames
    finally:
        reader.close()


def examination_json(examination: Examination) -> str:
    """For `manage.py verify_video --json`."""
    from dataclasses import asdict

    return json.dumps(asdict(examination), indent=2, default=str)
