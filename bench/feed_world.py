"""The world bench/feed.py measures: people, a follow graph, posts, and what the load users did.

People first: popularity follows a power law over a random order of people (Zipf 0.7: at 100,000
people the top account has about 26,000 followers, the tenth about 7,000, the median person 30),
each person follows a log-normal number of accounts (median 25, at most 400) chosen by popularity,
and many follow back (the top 1% rarely). Each has a favourite topic.

Posts come in stages, so a world can grow (10,000 posts measured, then 990,000 more): popular
people post more (Zipf 0.66 on the same order: the busiest of 100,000 posts about 7,000 of a
million), at uniform times over the last 30 days, mostly on their favourite topic. A post's reach
grows with its creator's audience, its age and a dice roll; views and watch time are counters from
that reach, likes are real rows (about one a post, where the reach is) and like_count counts them.
Every post is a succeeded job with a published post and an embedding. Remixes: one big tree (2,600
remixes, 50 deep, one remix with 200 direct remixes: bench/lineage.py's shape), whose lineage has
50 pages, and small trees over 4% of the posts.
The load users have watched and liked some of the newest posts, said "see less" to a few, and a
third of them steer ("more cooking, fewer pranks", through feed.services.steer_set).

Prompts come from a pool of about 2,000 distinct prompts over the 230 templates of
bench/feed_prompts.py; each is embedded once with the real model (generation.embeddings) and its
bytes are reused, so every post has its vector: 1M vectors are 1.5 GB, which COPY writes in binary
in well under a minute here, so no post goes without one.

Rows are written with rows_write (bench/benchkit.py): COPY on PostgreSQL, executemany on SQLite
with synchronous=OFF for this scratch file. Ids are given here, so rows refer to each other
without reading anything back; the sequences are reset afterwards.
"""

from __future__ import annotations

import random
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from bench.benchkit import rows_write, sequences_reset
from bench.feed_prompts import STEERS, TOPICS, prompt_pool

DAYS = 30
PROMPTS_PER_TOPIC = 150
FOLLOWS_MEDIAN, FOLLOWS_MAX = 25, 400
# Popularity rank r (0 = the most popular): followed with weight (r + 1)^-FOLLOW_ZIPF, posting with
# weight (r + 1)^-POST_ZIPF. At 100,000 people the top account is followed by about a third of them
# (1.1, the exponent of the old 1,000-person world, had nine in ten follow it: an account everyone
# follows makes every profile, circle and count about it), and the busiest creator posts some
# thousands of a million posts.
FOLLOW_ZIPF, POST_ZIPF = 0.7, 0.66
STARS = 0.01  # the most popular 1% rarely follow back
FAVOURITE_TOPIC_SHARE = 0.7
LIKES_PER_POST = 1.0
TREE_SIZE = 2_600  # remixes in the big tree: its lineage has 50 pages of 50 (remix.selectors)
SMALL_TREE_SHARE = 0.04
RECENT = 2_000  # the load users' views, likes and "see less" fall among this many newest posts
LOAD_VIEWS, LOAD_LIKES, LOAD_LESS = 80, 20, 3


# Written by rows_write: the columns each table's rows give (the rest of each row is constant).
USER_FIELDS = ["id", "username", "email", "date_joined", "password", "is_superuser", "first_name",
               "last_name", "is_staff", "is_active"]  # fmt: skip
PROFILE_FIELDS = ["id", "user", "display_name", "bio", "avatar"]
POST_FIELDS = ["id", "author", "job", "created_at", "published_at", "like_count", "view_count", "watch_total",
               "status", "removed_reason", "comment_count"]  # fmt: skip
JOB_FIELDS = ["id", "owner", "prompt", "created_at", "submitted_at", "started_at", "finished_at", "token",
              "video", "poster", "duration", "orientation", "seed", "video_engine", "audio_engine", "spec",
              "fingerprint", "attempt", "status", "stage", "progress", "error", "render_info"]  # fmt: skip


@dataclass
class World:
    """What later stages and the measurements need to know about the rows written so far."""

    now: datetime
    user_ids: np.ndarray  # pk per person index
    weight: np.ndarray  # popularity per person: how likely others follow them
    activity: np.ndarray  # how much each person posts
    topic: np.ndarray  # favourite topic per person
    followees: list[np.ndarray]  # person indexes each load user follows, by load user
    load: np.ndarray  # person indexes of the load users
    prompts: list[str]
    prompt_topic: np.ndarray
    vectors: list[bytes]
    follower_count: np.ndarray
    posts_per_person: np.ndarray
    facts: dict = field(default_factory=dict)
    times: dict = field(default_factory=dict)  # seconds per table, all stages
    post_ids: list[np.ndarray] = field(default_factory=list)  # per stage, oldest first
    tree: dict = field(default_factory=dict)  # post ids of the big tree's original, deepest, hub
    small_roots: list[int] = field(default_factory=list)  # post ids of small trees' originals
    profile_targets: list[int] = field(default_factory=list)  # person indexes, by popularity

    @property
    def posts(self) -> int:
        return sum(len(ids) for ids in self.post_ids)


def _next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _write(world: World, model, fields: list[str], rows, *, binary: bool = False) -> int:
    """rows_write, timed per table over all stages."""
    started = time.perf_counter()
    written = rows_write(model, fields, rows, binary=binary)
    name = model._meta.db_table
    world.times[name] = world.times.get(name, 0.0) + time.perf_counter() - started
    return written


def _when(world: World, seconds_ago: np.ndarray) -> list[datetime]:
    now = world.now
    return [now - timedelta(seconds=s) for s in seconds_ago.tolist()]


@contextmanager
def _seeding():
    """One transaction for a stage. SQLite skips fsync for this scratch file. PostgreSQL skips the
    foreign-key triggers for the transaction where the role may (session_replication_role, as
    pg_restore --disable-triggers does): the rows are consistent by construction, and checking
    millions of references at commit took a quarter of the seeding time."""
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")  # not inside a transaction
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
        yield


def people_create(n: int, *, load_users: int, profile_targets: int, seed: int) -> World:
    """n people with profiles and their follow graph; the prompt pool, embedded."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from feed.models import Follow, Profile
    from generation.embeddings import texts_embed, vector_to_bytes

    User = get_user_model()
    rng = np.random.default_rng(seed)
    now = timezone.now()
    started = time.perf_counter()
    pool = prompt_pool(random.Random(seed), PROMPTS_PER_TOPIC)
    prompts = [text for texts in pool.values() for text in texts]
    prompt_topic = np.repeat(np.arange(len(pool)), [len(texts) for texts in pool.values()])
    vectors = [vector_to_bytes(v) for v in texts_embed(prompts)]
    embed_s = time.perf_counter() - started

    rank = rng.permutation(n)
    weight = 1.0 / (rank + 1.0) ** FOLLOW_ZIPF
    wanted = np.clip(rng.lognormal(np.log(FOLLOWS_MEDIAN), 0.9, n).astype(np.int64), 3, FOLLOWS_MAX)
    follower = np.repeat(np.arange(n), wanted)
    followee = rng.choice(n, size=len(follower), p=weight / weight.sum())
    # Some follow back: friends are likelier to, stars rarely do.
    back = rng.random(len(follower)) < np.where(rank[followee] < STARS * n, 0.1, 0.45)
    pairs = np.unique(
        np.concatenate([follower * n + followee, followee[back] * n + follower[back]]).astype(np.int64)
    )
    follower, followee = pairs // n, pairs % n
    keep = follower != followee
    follower, followee = follower[keep], followee[keep]
    follower_count = np.bincount(followee, minlength=n)
    following_count = np.bincount(follower, minlength=n)
    reverse = np.isin(followee * n + follower, follower * n + followee)

    user_id0, profile_id0, follow_id0 = _next_id(User), _next_id(Profile), _next_id(Follow)
    user_ids = np.arange(user_id0, user_id0 + n)
    world = World(
        now=now,
        user_ids=user_ids,
        weight=weight,
        activity=1.0 / (rank + 1.0) ** POST_ZIPF,
        topic=rng.integers(len(pool), size=n),
        followees=[],
        load=np.array([], dtype=np.int64),
        prompts=prompts,
        prompt_topic=prompt_topic,
        vectors=vectors,
        follower_count=follower_count,
        posts_per_person=np.zeros(n, dtype=np.int64),
    )
    world.times["embedding the prompt pool"] = embed_s
    joined = _when(world, rng.uniform(30, 365, n) * 86400)
    followed = _when(world, rng.uniform(0, 365, len(follower)) * 86400)
    names = [f"person{i:06d}" for i in range(n)]
    with _seeding():
        users = zip(user_ids.tolist(), names, joined, strict=True)
        rows = (
            (pk, name, f"{name}@example.com", when, "!", False, "", "", False, True)
            for pk, name, when in users
        )
        _write(world, User, USER_FIELDS, rows)
        profiles = zip(range(profile_id0, profile_id0 + n), user_ids.tolist(), range(n), strict=True)
        _write(
            world, Profile, PROFILE_FIELDS, ((pk, user, f"Person {i}", "", "") for pk, user, i in profiles)
        )
        follow_ids = range(follow_id0, follow_id0 + len(follower))
        edges = zip(
            follow_ids, user_ids[follower].tolist(), user_ids[followee].tolist(), followed, strict=True
        )
        _write(world, Follow, ["id", "follower", "followee", "created_at"], edges)
        sequences_reset(User, Profile, Follow)

    # The people the load scrolls as: any who follow a few accounts.
    candidates = np.flatnonzero(following_count >= 5)
    world.load = rng.choice(candidates, size=min(load_users, len(candidates)), replace=False)
    starts = np.searchsorted(follower, world.load)
    ends = np.searchsorted(follower, world.load, side="right")
    world.followees = [followee[a:b] for a, b in zip(starts, ends, strict=True)]
    world.profile_targets = rng.choice(
        n, size=min(profile_targets, n), replace=False, p=weight / weight.sum()
    )
    world.facts.update(
        people=n,
        follows=len(follower),
        mutual_pairs=int(reverse.sum()) // 2,
        median_followers=float(np.median(follower_count)),
        max_followers=int(follower_count.max()),
        prompts=len(prompts),
        templates=sum(len(templates) for templates, _ in TOPICS.values()),
        topics=len(TOPICS),
    )
    return world


def steers_set(world: World, seed: int) -> int:
    """A third of the load users steer (through the service: their phrases are embedded)."""
    from django.contrib.auth import get_user_model

    from feed.services import steer_set

    rng = random.Random(seed)
    steering = world.load[::3]
    for index in steering.tolist():
        steer_set(user=get_user_model()(pk=int(world.user_ids[index])), text=rng.choice(STEERS))
    return len(steering)


def _tree(shape: list[int | None]) -> tuple[list[int], list[int], list[int]]:
    """Depth, direct remixes and all descendants per node of a tree given as parents by index."""
    depth, children, descendants = [0] * len(shape), [0] * len(shape), [0] * len(shape)
    for i, parent in enumerate(shape):
        if parent is not None:
            depth[i] = depth[parent] + 1
            children[parent] += 1
    for i in range(len(shape) - 1, 0, -1):
        descendants[shape[i]] += descendants[i] + 1
    return depth, children, descendants


def posts_add(world: World, m: int, *, seed: int) -> None:
    """m more published posts (jobs, embeddings, likes, remix nodes, the load users' doings)."""
    from feed.models import LessLike, Like, Post, PostEmbedding, View
    from generation.models import Job
    from remix.models import RemixNode

    rng = np.random.default_rng(seed + len(world.post_ids) + 1)
    n = len(world.user_ids)
    first_stage = not world.post_ids
    creators = rng.choice(n, size=m, p=world.activity / world.activity.sum())
    ages = np.sort(rng.uniform(0, DAYS * 86400, m))[::-1]  # oldest first: ids grow with time
    topics = np.where(
        rng.random(m) < FAVOURITE_TOPIC_SHARE, world.topic[creators], rng.integers(len(TOPICS), size=m)
    )
    starts = np.searchsorted(world.prompt_topic, np.arange(len(TOPICS)))
    sizes = np.bincount(world.prompt_topic, minlength=len(TOPICS))
    prompt = starts[topics] + (rng.random(m) * sizes[topics]).astype(np.int64)
    age_days = ages / 86400
    reach = (
        (world.follower_count[creators] + 5) * np.minimum(1.0, 0.2 + age_days / 3) * rng.lognormal(0, 1, m)
    )
    views = (reach * 3).astype(np.int64)
    watch = views * rng.beta(2, 2, m)

    post_id0, job_id0 = _next_id(Post), _next_id(Job)
    post_ids = np.arange(post_id0, post_id0 + m)
    author_ids = world.user_ids[creators]

    # Likes: about LIKES_PER_POST a post, where the reach is; the load users' among the newest.
    expected = reach / reach.mean() * LIKES_PER_POST
    per_post = np.minimum(rng.poisson(expected), n - 1)
    liked_post = np.repeat(np.arange(m), per_post)
    liker = rng.integers(n, size=len(liked_post))
    recent = np.arange(max(0, m - RECENT), m)
    load_liked = np.concatenate(
        [rng.choice(recent, size=min(LOAD_LIKES, len(recent)), replace=False) for _ in world.load]
    )
    load_liker = np.repeat(world.load, min(LOAD_LIKES, len(recent)))
    codes = np.unique(np.concatenate([liked_post * n + liker, load_liked * n + load_liker]))
    liked_post, liker = codes // n, codes % n
    like_count = np.bincount(liked_post, minlength=m)

    published = _when(world, ages)
    created = _when(world, ages + 60)
    prompt_list, author_list, job_ids = prompt.tolist(), author_ids.tolist(), range(job_id0, job_id0 + m)
    jobs = _job_rows(job_ids, author_list, [world.prompts[p] for p in prompt_list], created, rng)
    posts = zip(
        post_ids.tolist(), author_list, job_ids, created, published, like_count.tolist(), views.tolist(),
        watch.tolist(), strict=True,
    )  # fmt: skip
    like_id0 = _next_id(Like)
    likes = zip(
        range(like_id0, like_id0 + len(liker)), world.user_ids[liker].tolist(), post_ids[liked_post].tolist(),
        [published[p] for p in liked_post.tolist()], strict=True,
    )  # fmt: skip
    with _seeding():
        _write(world, Job, JOB_FIELDS, jobs)
        _write(world, Post, POST_FIELDS, ((*row, "published", "", 0) for row in posts))
        vectors = zip(post_ids.tolist(), (world.vectors[p] for p in prompt_list), strict=True)
        _write(world, PostEmbedding, ["post", "vector"], vectors, binary=True)
        _write(world, Like, ["id", "user", "post", "created_at"], likes)
        nodes = _remixes_write(world, rng, post_ids, author_ids, published, first_stage)
        _load_doings(world, rng, post_ids, recent)
        sequences_reset(Job, Post, Like, RemixNode, View, LessLike)
    world.post_ids.append(post_ids)
    world.posts_per_person += np.bincount(creators, minlength=n)
    world.facts.update(posts=world.posts, likes=world.facts.get("likes", 0) + len(liker))
    world.facts["remix_nodes"] = world.facts.get("remix_nodes", 0) + nodes


def _job_rows(ids, owners: list[int], prompts: list[str], created: list[datetime], rng):
    """Succeeded preview jobs, as the worker leaves them (the media paths name files never made)."""
    m = len(owners)
    orientation = np.where(rng.random(m) < 0.9, "portrait", "landscape").tolist()
    duration = rng.choice([5, 10, 15], size=m, p=[0.6, 0.3, 0.1]).tolist()
    for i, pk in enumerate(ids):
        token = uuid.uuid4()
        when = created[i]
        yield (
            pk, owners[i], prompts[i], when, when, when, when, token, f"jobs/{token.hex}/video.mp4",
            f"jobs/{token.hex}/poster.jpg", duration[i], orientation[i], i, "preview", "speech", "{}", "", 1,
            "succeeded", "", 1.0, "", "{}",
        )  # fmt: skip


def _remixes_write(world: World, rng, post_ids, author_ids, published, first_stage: bool) -> int:
    """The big tree (first stage only) and small trees of 2-5 over SMALL_TREE_SHARE of the posts."""
    from bench.lineage import tree_shape
    from remix.models import RemixNode, path_segment

    m = len(post_ids)
    trees: list[tuple[np.ndarray, list[int | None]]] = []  # (post indexes in time order, parents)
    taken = np.zeros(m, dtype=bool)
    if first_stage:
        size = min(TREE_SIZE, m // 2)
        chosen = np.sort(rng.choice(m, size=size, replace=False))  # in time order: parents first
        taken[chosen] = True
        shape = tree_shape(size, random.Random(int(rng.integers(1 << 30))))
        trees.append((chosen, shape))
    free = np.flatnonzero(~taken)
    small = rng.permutation(free)[: int(m * SMALL_TREE_SHARE)]
    cut = 0
    while cut < len(small) - 1:
        size = int(rng.integers(2, 6))
        members = np.sort(small[cut : cut + size])
        cut += size
        if len(members) < 2:
            break
        trees.append((members, [None] + [int(rng.integers(i)) for i in range(1, len(members))]))

    node_id0 = _next_id(RemixNode)
    rows = []
    for members, shape in trees:
        ids = list(range(node_id0 + len(rows), node_id0 + len(rows) + len(shape)))
        depth, children, descendants = _tree(shape)
        paths: list[str] = []
        for i, parent in enumerate(shape):
            paths.append((paths[parent] if parent is not None else "") + path_segment(ids[i]))
            p = int(members[i])
            parent_id = None if parent is None else ids[parent]
            rows.append((ids[i], int(post_ids[p]), int(author_ids[p]), parent_id, ids[0], depth[i], paths[i],
                         children[i], descendants[i], True, published[p]))  # fmt: skip
        if first_stage and len(world.tree) == 0:
            deepest = max(range(len(shape)), key=depth.__getitem__)
            hub = max(range(len(shape)), key=children.__getitem__)
            world.tree = {
                "original": int(post_ids[members[0]]),
                "deepest": int(post_ids[members[deepest]]),
                "hub": int(post_ids[members[hub]]),
                "size": len(shape),
            }
        elif first_stage and len(world.small_roots) < 200:
            world.small_roots.append(int(post_ids[members[0]]))
    return _write(
        world,
        RemixNode,
        ["id", "post", "author", "parent", "root", "depth", "path", "remix_count", "descendant_count",
         "remixing_allowed", "created_at"],
        rows,
    )  # fmt: skip


def _load_doings(world: World, rng, post_ids: np.ndarray, recent: np.ndarray) -> None:
    """The load users watched some of the newest posts today; half said "see less" to a few."""
    from django.utils import timezone

    from feed.models import LessLike, View

    today = timezone.localdate()
    view_id0, less_id0 = _next_id(View), _next_id(LessLike)
    views, less = [], []
    for index in world.load.tolist():
        uid = int(world.user_ids[index])
        for p in rng.choice(recent, size=min(LOAD_VIEWS, len(recent)), replace=False).tolist():
            views.append((view_id0 + len(views), int(post_ids[p]), uid, f"u{uid}", today, float(rng.random()),
                          world.now))  # fmt: skip
    for index in world.load[::2].tolist():
        uid = int(world.user_ids[index])
        for p in rng.choice(recent, size=min(LOAD_LESS, len(recent)), replace=False).tolist():
            less.append((less_id0 + len(less), uid, int(post_ids[p]), world.now))
    _write(world, View, ["id", "post", "viewer", "viewer_key", "day", "completion", "created_at"], views)
    _write(world, LessLike, ["id", "user", "post", "created_at"], less)


def settle() -> float:
    """After a bulk load, what a running PostgreSQL soon does by itself: vacuum and analyze the
    tables (autovacuum, visibility map included) and write the dirty pages out (a checkpoint),
    so neither lands in the middle of a measurement. SQLite: fold the write-ahead log into the
    file. Returns the seconds it took."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started
