"""Verify a video: what its Content Credentials and its invisible watermark say, in this
server's terms (which post, whose profile), for /verify/ and `manage.py verify_video`.

A reading only: it never writes. What a viewer may see is checked as everywhere else: a job whose
post they may not see is named as "not public here", never linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse

from generation.credentials import Manifest
from generation.provenance import video_examine

from .models import Post

VERDICTS = {
    "ours": "Made on this server, and unchanged since.",
    "altered": "It carries Content Credentials, but the file was changed after they were signed.",
    "foreign": "Signed, but not by this server.",
    "untrusted": "Signed, but by a certificate no one here trusts.",
    "watermark": "Its Content Credentials are gone, but the invisible watermark names a video made here.",
    "none": "No Content Credentials, and no watermark from this server was found.",
    "unreadable": "This file is not a video we can read.",
}


@dataclass
class Link:
    label: str
    url: str = ""  # empty when the viewer may not follow it


@dataclass
class Step:
    """One video in the lineage: the file itself first, then what it remixed, and so on."""

    title: str
    signer: str
    when: str
    ai_made: bool
    server: str = ""
    creator: Link | None = None
    post: Link | None = None
    engine: str = ""
    model: str = ""
    seed: str = ""
    steps: str = ""
    cameos: list[Link] = field(default_factory=list)
    consents: list[str] = field(default_factory=list)


@dataclass
class Verdict:
    kind: str  # a key of VERDICTS
    message: str
    lineage: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    watermark_post: Link | None = None
    watermark_confidence: float | None = None
    detail: str = ""

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def video_verify(*, path: Path, viewer: AbstractBaseUser | None = None) -> Verdict:
    """What the MP4 at `path` proves, for `viewer` (anonymous when None)."""
    viewer = viewer or AnonymousUser()
    found = video_examine(Path(path))
    creds = found.credentials
    # Only a claim signed by a certificate we trust may name our posts and people: anyone can
    # write "server: this site" into a manifest they sign themselves.
    lineage = _lineage(creds.manifest, viewer, trusted=creds.signer_trusted) if creds.manifest else []
    if found.ours:
        kind = "ours"
    elif creds.state == "invalid":
        kind = "altered"
    elif creds.state == "trusted":
        kind = "foreign"
    elif creds.state == "valid":
        kind = "untrusted"
    elif found.mark and found.mark.job_id:
        kind = "watermark"
    elif found.frames_error and creds.state == "none":
        kind = "unreadable"
    else:
        kind = "none"
    verdict = Verdict(
        kind, VERDICTS[kind], lineage=lineage, problems=creds.problems, detail=found.frames_error
    )
    if found.mark is not None:
        verdict.watermark_confidence = found.mark.confidence
        if found.mark.job_id:
            verdict.watermark_post = _post_link(found.mark.job_id, viewer)
    return verdict


def _lineage(manifest: Manifest, viewer: AbstractBaseUser, *, trusted: bool) -> list[Step]:
    steps = []
    current: Manifest | None = manifest
    while current is not None:
        steps.append(_step(current, viewer, trusted=trusted))
        current = current.parents[0] if current.parents else None
    return steps


def _step(manifest: Manifest, viewer: AbstractBaseUser, *, trusted: bool) -> Step:
    step = Step(title=manifest.title, signer=manifest.signer, when=manifest.when, ai_made=manifest.ai_made)
    claim = manifest.render
    if not claim:
        return step
    from django.conf import settings

    step.server = str(claim.get("server", ""))
    here = trusted and step.server == settings.SORA_SITE_URL
    step.engine, step.model = str(claim.get("engine", "")), str(claim.get("model", ""))
    step.seed, step.steps = str(claim.get("seed", "")), str(claim.get("steps", ""))
    step.creator = _person(str(claim.get("creator", "")), here=here)
    cameos = [cameo for cameo in claim.get("cameos") or [] if isinstance(cameo, dict)]
    step.cameos = [_person(str(cameo.get("handle", "")), here=here) for cameo in cameos]
    step.consents = [str(cameo.get("consent", "")) for cameo in cameos]
    job = claim.get("job")
    if here and isinstance(job, int):
        step.post = _post_link(job, viewer)
    return step


def _person(handle: str, *, here: bool) -> Link:
    name = handle.lstrip("@")
    if here and name and get_user_model().objects.filter(username__iexact=name).exists():
        return Link(f"@{name}", reverse("feed:profile", args=[name]))
    return Link(f"@{name}" if name else "someone")


def _post_link(job_id: int, viewer: AbstractBaseUser) -> Link:
    post = Post.objects.filter(job_id=job_id).select_related("author").first()
    if post is None:
        return Link("Removed")
    if post.status == Post.Status.PUBLISHED:
        return Link(f"@{post.author.get_username()}'s video", reverse("feed:post_detail", args=[post.pk]))
    if post.status == Post.Status.REMOVED:
        return Link("Removed")
    if post.visible_to(viewer):  # its creator
        return Link("Your draft", reverse("feed:post_detail", args=[post.pk]))
    return Link("A video here that is not public")
