"""Writes for remixes: start one, join its draft to the lineage, turn remixing off."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from cameo.services import appearances_inherit, likeness_use_notify
from feed.models import Notification, Post
from feed.services import notifications_send
from generation.models import Job
from generation.moderation import prompt_vector
from generation.plan import HANDLE
from generation.services import job_create
from generation.signals import JobRefused

from .models import RemixNode, RemixRequest, path_segment
from .selectors import remix_cameo_refusals, remix_refusal


class RemixRefused(Exception):
    """This person may not remix this post; the message says why, for them."""


def node_ensure(*, post: Post) -> RemixNode:
    """The post's node, made as the root of its own tree if it has none yet."""
    node = RemixNode.objects.filter(post=post).first()
    if node is not None:
        return node
    node = RemixNode.objects.create(post=post, author_id=post.author_id)
    node.root, node.path = node, path_segment(node.pk)
    node.save(update_fields=["root", "path"])
    return node


def handles_drop(prompt: str, handles: set[str]) -> str:
    """The prompt without these @handles (the remix leaves those people out)."""
    dropped = HANDLE.sub(lambda m: "someone" if m.group(1).lower() in handles else m.group(0), prompt)
    return " ".join(dropped.split())


def remix_create(
    *,
    parent: Post,
    user: AbstractBaseUser,
    prompt: str,
    duration: int,
    orientation: str,
    strength: float = 0.6,
    drop: set[str] = frozenset(),
    quota: bool = True,
) -> Job:
    """Queue a variation of `parent`. RemixRefused or JobRefused: nothing is created. A remix is a
    video like any other: it counts in the user's quota (`quota` as for `job_create`) and meets
    the prompt policy.

    Leaving out someone who appears in the parent means no pixel of the parent reaches the
    engines: their face is in that clip. The remix then starts from the prompt alone (with the
    parent's seed), and the people left out are not its co-owners, as nothing of them is in it.
    """
    drop = {handle.lower().lstrip("@") for handle in drop}
    prompt_vector(handles_drop(prompt, drop))  # before the transaction, as job_create does
    return _remix_store(
        parent=parent, user=user, prompt=prompt, duration=duration, orientation=orientation,
        strength=strength, drop=drop, quota=quota,
    )  # fmt: skip


@transaction.atomic
def _remix_store(*, parent, user, prompt, duration, orientation, strength, drop, quota) -> Job:
    problem = remix_refusal(post=parent, user=user)
    if problem:
        raise RemixRefused(problem)
    kept = {h: why for h, why in remix_cameo_refusals(post=parent, user=user).items() if h not in drop}
    if kept:
        raise JobRefused(" ".join(kept.values()) + " Drop them from the remix to go on without them.")
    in_parent = {
        handle.lower()
        for handle in parent.job.appearances.filter(removed_at=None).values_list("owner__username", flat=True)
    }
    leaves_someone_out = bool(in_parent & drop)
    node = node_ensure(post=parent)
    job = job_create(
        owner=user,
        prompt=handles_drop(prompt, drop),
        duration=duration,
        orientation=orientation,
        seed=parent.job.seed,  # the preview engine keeps the parent's look and framing
        parent=None if leaves_someone_out else parent.job,
        parent_strength=strength,
        quota=quota,
    )
    RemixRequest.objects.create(job=job, parent=node)
    # The parent's people are in the parent clip, so in the remix too (unless dropped).
    inherited = appearances_inherit(job=job, parent=parent.job)
    dropped = [a.pk for a in inherited if a.owner.username.lower() in drop]
    if dropped:
        job.appearances.filter(pk__in=dropped).delete()
    likeness_use_notify(
        owner_ids=[a.owner_id for a in inherited if a.pk not in dropped],
        by=user,
        text=f"@{user.get_username()} is remixing a video with your cameo: “{job.prompt[:120]}”",
    )
    return job


@transaction.atomic
def node_attach(*, post: Post, parent: RemixNode) -> RemixNode:
    """Put a finished remix's post under its parent and count it on every ancestor."""
    node = RemixNode.objects.create(
        post=post, author_id=post.author_id, parent=parent, root_id=parent.root_id, depth=parent.depth + 1
    )
    node.path = parent.path + path_segment(node.pk)
    node.save(update_fields=["path"])
    RemixNode.objects.filter(pk=parent.pk).update(remix_count=F("remix_count") + 1)
    RemixNode.objects.filter(pk__in=[*parent.ancestor_ids, parent.pk]).update(
        descendant_count=F("descendant_count") + 1
    )
    if parent.author_id and parent.author_id != post.author_id:
        notifications_send(
            recipients=[parent.author_id],
            kind=Notification.Kind.REMIXED,
            text=f"@{post.author.username} remixed your video.",
            url=reverse("remix:lineage", args=[parent.post_id]) if parent.post_id else "",
            actor=post.author,
            post_id=parent.post_id,  # their video, whose poster the list shows (the remix is a draft)
        )
    return node


def remixing_set(*, post: Post, user: AbstractBaseUser, allowed: bool) -> RemixNode:
    if post.author_id != user.pk:
        raise RemixRefused("Only the creator can turn remixing on or off.")
    node = node_ensure(post=post)
    RemixNode.objects.filter(pk=node.pk).update(remixing_allowed=allowed)
    node.remixing_allowed = allowed
    return node
