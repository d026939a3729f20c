"""Reads for remixes: may this person remix that post, and the lineage around a post."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from cameo.selectors import appearances_in_job, cameo_refusal
from feed.models import Post

from .models import MAX_DEPTH, RemixNode, RemixRequest
from .prompt_diff import prompt_diff

LINEAGE_PAGE_SIZE = 50
MAX_INDENT = 10
ORDERS = {"tree": ("path",), "newest": ("-created_at", "-pk"), "most-remixed": ("-descendant_count", "-pk")}


def remix_refusal(*, post: Post, user: AbstractBaseUser) -> str | None:
    """Why `user` may not remix this (visible) post, in words for them; None when they may."""
    node = getattr(post, "remix_node", None)
    own = post.author_id == user.pk
    if post.is_removed:
        return "This video was removed, so it can't be remixed."
    if not post.is_published and not own:
        return "Only published videos can be remixed."
    if node is not None and not node.remixing_allowed and not own:
        return f"@{post.author.username} turned remixing off for this video."
    if node is not None and node.chain_is_full:
        return f"This remix chain is already {MAX_DEPTH} remixes deep; remix an earlier video in it."
    if not post.job.video:
        return "This video's file is missing, so it can't be remixed."
    return None


def remix_cameo_refusals(*, post: Post, user: AbstractBaseUser) -> dict[str, str]:
    """Cameos in the parent this user may not keep: {handle: why}. Each can be dropped instead."""
    refusals = {}
    for appearance in appearances_in_job(job=post.job):
        handle = appearance.owner.username.lower()
        problem = cameo_refusal(handle=handle, user=user)
        if problem:
            refusals[handle] = problem
    return refusals


def node_visible(node: RemixNode, user: AbstractBaseUser) -> bool:
    """Shown as a video (not a "removed" placeholder): published, or the viewer's own draft."""
    post = node.post
    if post is None or post.is_removed:
        return False
    return post.is_published or (user.is_authenticated and post.author_id == user.pk)


def node_private(node: RemixNode, user: AbstractBaseUser) -> bool:
    """Someone else's never-published draft: left out of their descendants entirely."""
    post = node.post
    return (
        post is not None
        and post.status == Post.Status.DRAFT
        and post.published_at is None
        and post.author_id != user.pk
    )


@dataclass
class Lineage:
    node: RemixNode | None
    ancestors: list[RemixNode]
    descendants: list[RemixNode]
    order: str
    page: int
    has_next: bool


def lineage_for(*, post: Post, user: AbstractBaseUser, order: str = "tree", page: int = 1) -> Lineage:
    """Ancestors up to the original and one page of descendants: two queries, any tree shape,
    and a third only when a page's remixes remix videos that are not on it (newest first, a later
    page), for their parents' prompts.

    Each node shown gets `shown` (a video, else a "removed" placeholder) and `change`: its prompt
    marked against its parent's (remix.prompt_diff), or None where there is no parent this viewer
    may see (the original, or a removed video's remix: its prompt is not theirs to read).
    `post` should come with its remix_node loaded (``post_get_visible(related=("remix_node",))``).
    """
    node = getattr(post, "remix_node", None)
    order = order if order in ORDERS else "tree"
    page = max(1, page)
    if node is None:
        return Lineage(None, [], [], order, page, False)
    related = ("post__author__profile", "post__job", "author")
    # The node itself comes along, so this is one query for a root as for a depth-50 leaf.
    chain = RemixNode.objects.filter(pk__in=[*node.ancestor_ids, node.pk]).select_related(*related)
    by_id = {n.pk: n for n in chain}
    ancestors = [by_id[pk] for pk in node.ancestor_ids if pk in by_id]
    node = by_id.get(node.pk, node)
    start = (page - 1) * LINEAGE_PAGE_SIZE
    rows = list(
        RemixNode.objects.filter(path__startswith=node.path)
        .exclude(pk=node.pk)
        .select_related(*related)
        .order_by(*ORDERS[order])[start : start + LINEAGE_PAGE_SIZE + 1]
    )
    has_next = len(rows) > LINEAGE_PAGE_SIZE
    rows = rows[:LINEAGE_PAGE_SIZE]
    by_id.update((row.pk, row) for row in rows)
    descendants = [row for row in rows if not node_private(row, user)]
    for row in descendants:
        row.relative_depth = row.depth - node.depth
        # How far the tree view indents it: a class per level (no inline styles, see the CSP);
        # past ten levels a phone has no width left to show more.
        row.indent = min(row.relative_depth, MAX_INDENT)
    shown = [*ancestors, node, *descendants]
    missing = {row.parent_id for row in shown if row.parent_id and row.parent_id not in by_id}
    if missing:
        by_id.update((n.pk, n) for n in RemixNode.objects.filter(pk__in=missing).select_related("post__job"))
    for row in shown:
        # Else a "removed" placeholder: the chain never breaks. This page's own video is one the
        # viewer may see (the view 404s otherwise), their own removed one included.
        row.shown = row is node or node_visible(row, user)
        parent = by_id.get(row.parent_id)
        row.change = None
        if row.shown and parent is not None and node_visible(parent, user):
            row.change = prompt_diff(parent=parent.post.job.prompt, prompt=row.post.job.prompt)
    return Lineage(node, ancestors, descendants, order, page, has_next)


def _export_ref(node: RemixNode | None, user: AbstractBaseUser) -> dict | None:
    """A lineage neighbour as a data export names it: its post's id, address and creator, or
    "removed" where the post went (as the lineage page's placeholder says)."""
    if node is None:
        return None
    post = node.post
    if post is None or post.is_removed:
        return {"removed": True}
    if not post.is_published and post.author_id != user.pk:
        return {"removed": True}  # someone else's draft, or a post they unpublished: not theirs to show
    return {"post_id": post.pk, "url": post.get_absolute_url(), "by": post.author.username}


def lineage_export(*, user: AbstractBaseUser) -> dict[int, dict]:
    """For a data export: each of `user`'s remixed or remixing videos (by job id), what it
    remixed and who remixed it. Others' unpublished drafts are left out, as on the lineage page.
    Three queries, however many videos."""
    lineage: dict[int, dict] = {}
    requests = RemixRequest.objects.filter(job__owner=user).select_related("parent__post__author")
    for request in requests:
        lineage.setdefault(request.job_id, {})["remix_of"] = _export_ref(request.parent, user)
    nodes = RemixNode.objects.filter(post__job__owner=user).select_related("post", "parent__post__author")
    for node in nodes:
        entry = lineage.setdefault(node.post.job_id, {})
        entry["post_id"] = node.post_id
        if node.parent_id:
            entry["remix_of"] = _export_ref(node.parent, user)
        entry["remixes_in_all"] = node.descendant_count
        entry["remixed_by"] = []
    children = (
        RemixNode.objects.filter(parent__post__job__owner=user)
        .select_related("post__author", "parent__post")
        .order_by("created_at", "pk")
    )
    for child in children:
        if node_private(child, user):
            continue
        lineage[child.parent.post.job_id]["remixed_by"].append(_export_ref(child, user))
    return lineage
