"""What a job's video says about itself: its Content Credentials and its invisible watermark.

The settings-aware half of `credentials.py` (C2PA) and `watermark.py`: the signing identity and
the watermark key this server uses, the claim a job's video carries, and reading a file back.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

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
    if settings.SORA_C2PA_CERT:
        chain, key = Path(settings.SORA_C2PA_CERT), Path(settings.SORA_C2PA_KEY)
    else:
        credentials.identity_ensure(Path(settings.SORA_C2PA_DIR), organisation=settings.SORA_SITE_NAME)
        chain = Path(settings.SORA_C2PA_DIR) / credentials.CHAIN_NAME
        key = Path(settings.SORA_C2PA_DIR) / credentials.KEY_NAME
    anchors = [path for path in _anchor_paths() if path.exists()]
    return credentials.identity_load(chain=chain, key=key, anchors=anchors)


def trust_anchors() -> str:
    """The roots validation trusts (without loading the signing key)."""
    return "".join(path.read_text() for path in _anchor_paths() if path.exists())


def _anchor_paths() -> list[Path]:
    """Our own root (trusted while it exists, so older videos stay verified), then the operator's."""
    own = Path(settings.SORA_C2PA_DIR) / credentials.ROOT_NAME
    return [own, *map(Path, settings.SORA_C2PA_TRUST_ANCHORS)]


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
        claim["remix_of"] = parent or "removed"  # its creator deleted their account
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


def remixes_forget(*, jobs: Iterable[Job]) -> int:
    """The videos these remix are being deleted with their creator's account: the remixes stop
    carrying them.

    Each finished remix's MP4 holds the deleted video's signed credentials as its parentOf
    ingredient (their @handle, prompt and claim); after the commit it is signed again without
    it, its claim saying the video it remixed was removed. The remix's spec forgets the parent's
    prompt too (the storage name stays, so Try again says the parent is gone). Returns how many.
    """
    children = list(jobs)
    for child in children:
        child.spec.pop("parent_prompt", None)
        child.save(update_fields=["spec"])
        if child.status == Job.Status.SUCCEEDED and child.video:
            transaction.on_commit(lambda pk=child.pk: job_resign(job_id=pk))
    return len(children)


def job_resign(*, job_id: int) -> None:
    """Sign a finished job's stored MP4 again from its current claim (no parent ingredient)."""
    job = Job.objects.filter(pk=job_id).select_related("owner").first()
    if job is None or not job.video:
        return
    with tempfile.TemporaryDirectory(prefix="sora-resign-") as folder:
        local = Path(folder) / "video.mp4"
        try:
            with default_storage.open(job.video.name, "rb") as source, local.open("wb") as target:
                shutil.copyfileobj(source, target)
            job_sign(job=job, video=local, info=job.render_info, parent=None)
            name = job.video.name
            default_storage.delete(name)
            with local.open("rb") as signed:
                saved = default_storage.save(name, File(signed))
            if saved != name:
                Job.objects.filter(pk=job.pk).update(video=saved)
        except (OSError, RenderError) as error:
            logger.error("Job %s: could not sign it again without its removed parent: %s", job.pk, error)


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
        frames = watermark.frames_sample(path, seconds=READ_SECONDS, count=READ_FRAMES)
    except (OSError, RuntimeError, ValueError, StopIteration, subprocess.SubprocessError) as error:
        return Examination(found, False, None, frames_error=str(error)[:300])
    reading = watermark.read(frames, key=watermark_key(), render_sizes=FRAME_SIZES.values())
    return Examination(found, False, reading)
