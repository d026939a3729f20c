"""Lineage between posts: who remixed what, stored so no read needs a recursive query.

Each post that is remixed, or is a remix, has a node. A node keeps its parent, its root, its
depth and a materialized path: the ids of its ancestors and itself, zero-padded, so that
- the ancestors are the ids in the path (one query),
- the descendants are the nodes whose path starts with this one's (one prefix query; PostgreSQL
  serves it from the pattern index, SQLite scans, which bench/lineage.py measures either way),
- the tree comes out in display order by sorting on the path,
and the counts (direct remixes, all descendants) are stored on the node and kept up to date
when a remix is added. A closure table would answer the same with depth x more rows per insert;
with depth capped at MAX_DEPTH the path stays short.

Nodes are never deleted: when a post goes (or is unpublished or removed) its node stays as a
"removed" placeholder, so the tree never breaks.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from feed.models import Post
from generation.models import Job

MAX_DEPTH = 50
ID_WIDTH = 10  # digits per id in a path


def path_segment(pk: int) -> str:
    return f"{pk:0{ID_WIDTH}d}/"


class RemixNode(models.Model):
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="remix_node"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    root = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    depth = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=(ID_WIDTH + 1) * (MAX_DEPTH + 1), blank=True)
    remix_count = models.PositiveIntegerField(default=0, help_text="Direct remixes.")
    descendant_count = models.PositiveIntegerField(default=0, help_text="Remixes at any depth.")
    remixing_allowed = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # LIKE 'prefix%' on PostgreSQL needs the pattern operator class (the default
            # collation can't serve it); other databases ignore the opclass.
            models.Index(fields=["path"], name="remix_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["root", "path"], name="remix_root_path"),
        ]

    def __str__(self) -> str:
        return f"Remix node {self.pk} (depth {self.depth})"

    def get_absolute_url(self) -> str:
        return reverse("remix:lineage", args=[self.pk])

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids of the ancestors, root first (without this node)."""
        return [int(part) for part in self.path.split("/") if part][:-1]

    @property
    def chain_is_full(self) -> bool:
        """MAX_DEPTH deep: nothing more may be remixed from this video."""
        return self.depth >= MAX_DEPTH


class RemixRequest(models.Model):
    """A job that remixes a post: once it renders, its draft joins the parent's lineage."""

    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="remix_request")
    parent = models.ForeignKey(RemixNode, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Job {self.job_id} remixes node {self.parent_id}"
