"""Batch generation for operators: read a prompt file, validate each line, create the jobs.

Lives in `sora`, beside the `generate_batch` command, because it composes apps: it creates
generation's jobs, which cameo's receivers check, and `--publish` turns them into feed's posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from generation.forms import JobForm
from generation.models import Job
from generation.plan import HANDLE
from generation.services import QuotaExceeded, job_create, job_fingerprint, policy_refusal_record
from generation.signals import JobRefused

SEED_MAX = 2**31 - 1
JSONL_KEYS = {"prompt", "duration", "orientation", "seed", "cameos"}


@dataclass
class BatchLine:
    number: int  # 1-based line number in the file
    prompt: str = ""
    duration: int = 5
    orientation: str = "portrait"
    seed: int | None = None
    error: str = ""  # why the line was skipped; empty for a valid line
    job: Job | None = None
    skipped_existing: bool = False
    cameos: list[str] = field(default_factory=list)


def batch_read(path: Path, *, duration: int, orientation: str) -> list[BatchLine]:
    """Every non-blank, non-comment line, valid or not (invalid ones carry `error`).

    JSONL when the file ends in .jsonl or a line starts with "{"; otherwise one prompt a line.
    """
    text = Path(path).read_text(encoding="utf-8")
    as_json = Path(path).suffix.lower() in (".jsonl", ".ndjson")
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        line = BatchLine(number=number, duration=duration, orientation=orientation)
        if as_json or stripped.startswith("{"):
            _read_json(line, stripped)
        else:
            line.prompt = stripped
        if not line.error:
            _validate(line)
        lines.append(line)
    return lines


def _read_json(line: BatchLine, text: str) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        line.error = f"not valid JSON ({error.msg} at column {error.colno})"
        return
    if not isinstance(data, dict):
        line.error = 'a JSONL line must be an object such as {"prompt": "..."}'
        return
    unknown = sorted(set(data) - JSONL_KEYS)
    if unknown:
        line.error = f"unknown field {', '.join(map(repr, unknown))}; known: {', '.join(sorted(JSONL_KEYS))}"
        return
    prompt = data.get("prompt")
    if not isinstance(prompt, str):
        line.error = '"prompt" must be a string'
        return
    line.prompt = prompt
    if "duration" in data:
        line.duration = data["duration"]
    if "orientation" in data:
        line.orientation = data["orientation"]
    if "seed" in data:
        seed = data["seed"]
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
            line.error = f'"seed" must be a whole number from 0 to {SEED_MAX}'
            return
        line.seed = seed
    cameos = data.get("cameos", [])
    if not isinstance(cameos, list) or not all(isinstance(c, str) for c in cameos):
        line.error = '"cameos" must be a list of @handles'
        return
    handles = [cameo.strip().removeprefix("@").lower() for cameo in cameos]
    bad = [cameo for cameo, handle in zip(cameos, handles, strict=True) if not HANDLE.fullmatch("@" + handle)]
    if bad:
        line.error = f'"cameos" must hold @handles; {bad[0]!r} is not one'
        return
    mentioned = {match.group(1).lower() for match in HANDLE.finditer(prompt)}
    missing = [handle for handle in handles if handle not in mentioned]
    if missing:
        # The prompt says where each person appears and what they do; a bare list can't.
        line.error = f'"cameos" lists @{missing[0]}, but the prompt never mentions @{missing[0]}'
        return
    line.cameos = handles


def _validate(line: BatchLine) -> None:
    # The create page's own form: batch lines meet exactly the rules users meet.
    form = JobForm({"prompt": line.prompt, "duration": line.duration, "orientation": line.orientation})
    if not form.is_valid():
        line.error = "; ".join(message for messages in form.errors.values() for message in messages)
        return
    line.prompt = form.cleaned_data["prompt"]
    line.duration = form.cleaned_data["duration"]
    line.orientation = form.cleaned_data["orientation"]


def batch_check(*, owner: AbstractBaseUser, lines: list[BatchLine], quota: bool = True) -> None:
    """Mark the lines the real run would refuse (e.g. a cameo its owner has not allowed, or a line
    past the owner's quota), creating nothing: the lines' jobs are made one after another inside a
    transaction that is rolled back, so a dry run meets exactly the rules of a real one, whatever
    the receivers of job_created check, and each line counts towards the quota as it would."""
    with transaction.atomic():
        for line in lines:
            if line.error:
                continue
            try:
                with transaction.atomic():
                    job_create(
                        owner=owner, prompt=line.prompt, duration=line.duration,
                        orientation=line.orientation, seed=line.seed, quota=quota,
                    )  # fmt: skip
            except JobRefused as refusal:
                line.error = _refusal_text(refusal)
        transaction.set_rollback(True)  # nothing stays, nothing is queued or notified


def _refusal_text(refusal: JobRefused) -> str:
    if isinstance(refusal, QuotaExceeded):
        return f"{refusal.message} (--no-quota lets an operator pass the limits.)"
    return refusal.message


def batch_submit(
    *, owner: AbstractBaseUser, lines: list[BatchLine], skip_existing: bool, quota: bool = True
) -> None:
    """Create a job for each valid line (or find the existing one with --skip-existing)."""
    for line in lines:
        if line.error:
            continue
        if skip_existing:
            fingerprint = job_fingerprint(
                owner=owner, prompt=line.prompt, duration=line.duration,
                orientation=line.orientation, seed=line.seed,
            )  # fmt: skip
            existing = (
                Job.objects.filter(owner=owner, fingerprint=fingerprint)
                .exclude(status__in=Job.RETRYABLE)
                .order_by("-created_at")
                .first()
            )
            if existing is not None:
                line.job, line.skipped_existing = existing, True
                continue
        try:
            line.job = job_create(
                owner=owner, prompt=line.prompt, duration=line.duration,
                orientation=line.orientation, seed=line.seed, quota=quota,
            )  # fmt: skip
        except JobRefused as refusal:
            # E.g. a cameo whose owner has not allowed this user: nothing was created.
            policy_refusal_record(user=owner, prompt=line.prompt, refusal=refusal, stage="batch")
            line.error = _refusal_text(refusal)
