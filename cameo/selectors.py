"""Reads for cameos: who may use whose likeness, and the access-checked getters."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from feed.selectors import are_mutuals, mutual_ids
from generation.plan import HANDLE

from .models import Appearance, Cameo, Verification


def token_parse(value: str | None) -> uuid.UUID | None:
    """A token from a form, or None for anything that is not one (never an error page)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def handles_in(prompt: str) -> list[str]:
    """The @handles a prompt mentions, lowercased, in order, once each."""
    return list(dict.fromkeys(match.group(1).lower() for match in HANDLE.finditer(prompt)))


def cameo_may_use(*, cameo: Cameo, user: AbstractBaseUser) -> bool:
    """The consent rule, in one place: the owner's tier decides; switched off means nobody."""
    if not cameo.enabled or not user.is_authenticated or not user.is_active:
        return False
    if user.pk == cameo.owner_id:
        return True
    if cameo.tier == Cameo.Tier.EVERYONE:
        return True
    if cameo.tier == Cameo.Tier.MUTUALS:
        return are_mutuals(a=cameo.owner, b=user)
    if cameo.tier == Cameo.Tier.APPROVED:
        return cameo.approved_users.filter(pk=user.pk).exists()
    return False  # only me


def cameo_refusal(*, handle: str, user: AbstractBaseUser) -> str | None:
    """Why `user` may not put @handle in a video, in words for them; None when they may."""
    owner = get_user_model().objects.filter(username__iexact=handle).first()
    if owner is None:
        return f"No one here is called @{handle}, so they can't appear in your video."
    cameo = Cameo.objects.filter(owner=owner).first()
    if cameo is None:
        if owner.pk == user.pk:
            return "You don't have a cameo yet. Create one under Cameo to appear in videos."
        return f"@{handle} hasn't made a cameo, so they can't appear in videos."
    if not cameo.enabled:
        if owner.pk == user.pk:
            return "Your cameo is switched off. Switch it on under Cameo to appear in videos."
        return f"@{handle} has switched their cameo off, so they can't appear in videos right now."
    if not cameo_may_use(cameo=cameo, user=user):
        return f"@{handle} hasn't allowed you to use their cameo."
    return None


def cameos_usable_by(*, user: AbstractBaseUser) -> QuerySet[Cameo]:
    """Every cameo `user` may put in a video right now: what the create form suggests."""
    if not user.is_authenticated:
        return Cameo.objects.none()
    allowed = (
        Q(owner=user)
        | Q(tier=Cameo.Tier.EVERYONE)
        | Q(tier=Cameo.Tier.MUTUALS, owner__in=mutual_ids(user=user))
        | Q(tier=Cameo.Tier.APPROVED, approved_users=user)
    )
    return (
        Cameo.objects.filter(allowed, enabled=True)
        .select_related("owner")
        .order_by("owner__username")
        .distinct()
    )


def max_cameos_per_video() -> int:
    return settings.SORA_CAMEOS_PER_VIDEO


def cameo_for_owner(*, user: AbstractBaseUser) -> Cameo | None:
    return Cameo.objects.filter(owner=user).first() if user.is_authenticated else None


# Recordings and portraits are biometrics: being staff is not enough, the reviewer must be granted
# these ("cameo | verification | Can view verification", "cameo | cameo | Can view cameo").
REVIEW_VERIFICATIONS = "cameo.view_verification"
REVIEW_CAMEOS = "cameo.view_cameo"


def verification_get_for(*, user: AbstractBaseUser, pk: int) -> Verification:
    """The user's own verification (reviewers granted REVIEW_VERIFICATIONS may see any); 404 otherwise."""
    verifications = Verification.objects.select_related("user", "match__owner")
    if user.has_perm(REVIEW_VERIFICATIONS):
        return get_object_or_404(verifications, pk=pk)
    return get_object_or_404(verifications, pk=pk, user=user)


def cameo_get_for(*, user: AbstractBaseUser, pk: int) -> Cameo:
    """A cameo whose private files the user may see: their own, or any for reviewers granted
    REVIEW_CAMEOS; 404 otherwise."""
    cameo = get_object_or_404(Cameo.objects.select_related("owner"), pk=pk)
    if not (cameo.owner_id == user.pk or user.has_perm(REVIEW_CAMEOS)):
        raise Http404("No such cameo.")
    return cameo


def appearances_of(*, user: AbstractBaseUser) -> QuerySet[Appearance]:
    """Every video featuring the user's likeness, other people's drafts and removed ones included."""
    return Appearance.objects.filter(owner=user).select_related("job__owner", "job__post")


def appearance_get_for(*, user: AbstractBaseUser, pk: int) -> Appearance:
    """An appearance of the user's own likeness; 404 for anyone else's."""
    return get_object_or_404(Appearance.objects.select_related("job__owner"), pk=pk, owner=user)


def appearances_in_job(*, job) -> QuerySet[Appearance]:
    """The likenesses still in a video (removed ones excluded), with their owners."""
    return Appearance.objects.filter(job=job, removed_at=None).select_related("owner")
