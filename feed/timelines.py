"""The two feed tabs, page by page: For You (ranked, feed.ranking) and Following (newest first).

For You pages are slices of a snapshot. The first page ranks a candidate pool (the newest
CANDIDATES_NEWEST published posts, plus the newest CANDIDATES_CLOSE by people the viewer follows,
however old) and stores the ranked ids in Redis under a random token; its cursor is a signed
(token, offset). Later pages read the snapshot, so posts published or liked meanwhile cannot
shift it: no duplicates, no gaps. When a snapshot runs out it grows by a chunk ranked from the
next CANDIDATES_NEWEST posts below the pool's time boundary, which keeps the promise for the rest
of the history too. New posts show up on the next first page (a refresh). Each process also keeps
a copy of the snapshots it served lately, so a later page that comes back to it reads no Redis.

The pool's newest part is the same for every viewer, so each process keeps it (counters, remix
counts, embedding vectors, decoded) for POOL_CACHE_SECONDS; a first page adds only what is the
viewer's own (friends' older posts, what they have seen). Correctness does not rest on the time:
every first page also reads the newest post's key, so a post published by any process shows at
once; saving or deleting a Post or PostEmbedding in this process (signals) and the services that
change them in bulk (posts_remove, post_embeddings_fill) drop the cache here. What another
process changed without publishing, counters and embeddings the worker adds, reaches ranking up
to POOL_CACHE_SECONDS late; a post removed meanwhile is never shown (pages drop posts no longer
published).

Reads per page: a first page costs four queries of its own (steering, the viewer's part of the
pool with the newest post's key, follow edges, the page's posts) whatever its size, and one
more when the shared pool has to be read (cold, expired, or a new post); a later page one (its
posts). Visitors without an account or a session share one snapshot while no new post appears
(ANONYMOUS_SHARE_SECONDS): one query to find the newest post, then the page's posts. Each page's
posts come from feed_items_for_viewer, which loads authors, jobs, remix nodes and the liked flag in
the same query. The first page's three viewer queries (steering, circles, the viewer's part of
the pool) and every page's posts run through sora.prepared: compiled once per shape, they cost
the ORM almost nothing.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial

import numpy as np
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.core.cache import BaseCache, caches
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BinaryField,
    BooleanField,
    CharField,
    Exists,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
)
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from generation.embeddings import vectors_from_bytes
from sora.prepared import prepared_models, prepared_rows

from .models import Follow, LessLike, Post, PostEmbedding, Steer, View
from .ranking import Columns, Viewer, circles_from_edges, engagement_of, forced_tail, rank_positions
from .selectors import feed_items_for_viewer

logger = logging.getLogger(__name__)

# The pool one ranking pass orders. Big enough that a session rarely scrolls through it (at 8 per
# page, 50 pages), small enough to fetch and score in a few milliseconds.
CANDIDATES_NEWEST = 400
# Friends' posts are the point of For You; these join the pool even when older than the newest.
CANDIDATES_CLOSE = 200
# "See less like this" remembered for ranking: the most recent ones.
LESS_LIKES_USED = 100
# How long a scroll session keeps its order. An expired one is ranked afresh (see for_you_page).
SNAPSHOT_TTL = 2 * 3600
MAX_PAGE_SIZE = 50
# Visitors with neither an account nor a session all get the same ranking (no circles, nothing
# seen), so they share one snapshot while no new post appears, for up to this long: a crawler or
# a crowd of first-time visitors costs one ranking a minute, not one (and a Redis entry) each.
ANONYMOUS_SHARE_SECONDS = 60
# The pool's shared part (the newest CANDIDATES_NEWEST posts with counters and vectors) is the
# same for every viewer, and reading and decoding its 400 rows and 600 KB of vectors is the
# biggest piece of a first page; each process keeps it this long. A new post shows at once anyway
# (every first page checks the newest post's key); what may lag by up to this long, in processes
# other than the one that changed them, are counters (likes, views, remixes) and the embeddings
# the worker adds: a few seconds of drift in a ranking nobody can see in full. Removed posts are
# never shown: pages drop posts no longer published when they load them.
POOL_CACHE_SECONDS = 5.0

_FOR_YOU_SALT = "feed.timelines.for_you"
_FOLLOWING_SALT = "feed.timelines.following"
_PUBLISHED = Post.Status.PUBLISHED

try:  # the remix app adds Post.remix_node; the feed works without it
    Post._meta.get_field("remix_node")
    _REMIX_COUNT = "remix_node__remix_count"
except FieldDoesNotExist:
    _REMIX_COUNT = None


class BadCursor(ValueError):
    """A cursor this app did not make (forged, garbled, or someone else's)."""


@dataclass
class FeedPage:
    posts: list[Post]
    next_cursor: str | None
    steer_text: str | None = field(default=None, repr=False)  # For You, signed in: the steer box's text


# --- Snapshot storage ---------------------------------------------------------------------------

_fallback_cache: BaseCache | None = None


def snapshot_cache() -> BaseCache:
    """Where snapshots live: the "feed" cache when settings define one, else Redis at REDIS_URL.

    Never process memory: with several web processes, page 2 may land on another one.
    """
    global _fallback_cache
    if "feed" in settings.CACHES:
        return caches["feed"]
    if _fallback_cache is None:
        from django.core.cache.backends.redis import RedisCache

        # Quick to give up: without Redis a page still shows, it just cannot be continued.
        options = {"socket_connect_timeout": 2, "socket_timeout": 2}
        params = {"KEY_PREFIX": "sora-feed", "TIMEOUT": SNAPSHOT_TTL, "OPTIONS": options}
        _fallback_cache = RedisCache(settings.REDIS_URL, params)
    return _fallback_cache


def _snapshot_key(token: str) -> str:
    return f"foryou:{token}"


@dataclass
class _Snapshot:
    token: str
    user_id: int | None
    made_at: int  # µs since the epoch: ranking's "now", and the newest publish time it may hold
    ids: list[int]
    last_author: int | None
    floor: tuple[int, int] | None  # (published_at µs, pk) the next chunk starts below; None: no more
    # Ranked but held back for the next chunk: one author's run at the end of this one, which the
    # next chunk's other authors can break up (see ranking.forced_tail).
    carry: list[int] = field(default_factory=list)

    def to_cache(self) -> dict:
        return {
            "u": self.user_id,
            "t": self.made_at,
            "ids": self.ids,
            "a": self.last_author,
            "f": list(self.floor) if self.floor else None,
            "c": self.carry,
        }

    @classmethod
    def from_cache(cls, token: str, data: dict) -> _Snapshot:
        floor = data.get("f")
        floor = tuple(floor) if floor else None
        return cls(token, data["u"], data["t"], list(data["ids"]), data["a"], floor, list(data.get("c", ())))


def _snapshot_store(snapshot: _Snapshot) -> bool:
    data = snapshot.to_cache()
    try:
        snapshot_cache().set(_snapshot_key(snapshot.token), data, SNAPSHOT_TTL)
    except Exception:
        # The page itself is fine; without a stored snapshot it just can't be continued.
        logger.warning("Could not store a For You snapshot", exc_info=True)
        return False
    _local_keep(snapshot.token, data)
    return True


def _snapshot_load(token: str) -> _Snapshot | None:
    try:
        data = snapshot_cache().get(_snapshot_key(token))
    except Exception:
        logger.warning("Could not read a For You snapshot", exc_info=True)
        return None
    if not data:
        return None
    _local_keep(token, data)
    return _Snapshot.from_cache(token, data)


# A copy of the snapshots this process stored or read lately: a scroll's next page usually comes
# back to the process that served the one before, and then needs no Redis read. Safe with several
# processes: a snapshot only ever grows at its end, so any copy serves every page within the ids
# it holds, and a page past them reads Redis first (another process may have grown it). Ids are
# kept as 8-byte integers: 3 KB for a chunk of 400, not 14.
LOCAL_SNAPSHOTS = 2000
_local_snapshots: OrderedDict[str, tuple[float, dict]] = OrderedDict()
_local_lock = threading.Lock()


def _local_keep(token: str, data: dict) -> None:
    kept = dict(data, ids=array("q", data["ids"]), c=array("q", data.get("c", ())))
    with _local_lock:
        _local_snapshots[token] = (time.monotonic(), kept)
        _local_snapshots.move_to_end(token)
        while len(_local_snapshots) > LOCAL_SNAPSHOTS:
            _local_snapshots.popitem(last=False)


def _local_snapshot(token: str) -> _Snapshot | None:
    with _local_lock:
        entry = _local_snapshots.get(token)
        if entry is not None and time.monotonic() - entry[0] > SNAPSHOT_TTL:
            del _local_snapshots[token]
            entry = None
    return _Snapshot.from_cache(token, entry[1]) if entry else None


def snapshots_local_forget() -> None:
    """Drop this process's copies of snapshots (tests: as if they had expired here too)."""
    with _local_lock:
        _local_snapshots.clear()


# --- Cursors ---------------------------------------------------------------------------------------


def _cursor_make(salt: str, payload: dict) -> str:
    return signing.dumps(payload, salt=salt, compress=False)


def _cursor_read(salt: str, cursor: str) -> dict:
    try:
        payload = signing.loads(cursor, salt=salt)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise BadCursor("That page link is broken or out of date.") from exc
    if not isinstance(payload, dict):
        raise BadCursor("That page link is broken or out of date.")
    return payload


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micros(when: datetime) -> int:
    # Integer microseconds: a float timestamp could round a keyset bound past a post.
    return (when - _EPOCH) // _MICROSECOND


def _from_micros(micros: int) -> datetime:
    return _EPOCH + micros * _MICROSECOND


# --- Reading the viewer and the candidates ---------------------------------------------------------


class _EpochMicros(Func):
    """A datetime column as integer microseconds since 1970, computed by the database: converting
    hundreds of datetimes in Python (SQLite returns text) costs more than ranking them."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        # Stored as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC: the whole seconds (strftime alone would
        # round .9999995 up to the next second), then the fraction's digits.
        seconds = f"CAST(strftime('%%s', substr({sql}, 1, 19)) AS INTEGER)"
        fraction = f"CAST(substr({sql}, 21, 6) AS INTEGER)"
        return f"({seconds} * 1000000 + {fraction})", (*params, *params)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(EXTRACT(EPOCH FROM {sql}) * 1000000)::bigint", params


def _published_micros():
    if connection.vendor in ("sqlite", "postgresql"):
        return _EpochMicros("published_at")
    return "published_at"  # converted in Python instead


def _viewer_query(*, uid: int):
    # One query for the steer row and the embeddings of recent "see less like this" posts.
    recent = LessLike.objects.filter(user_id=uid).order_by("-created_at").values("pk")[:LESS_LIKES_USED]
    steer_rows = Steer.objects.filter(user_id=uid).values_list(
        Value("s", output_field=CharField()),
        Value(None, output_field=IntegerField()),
        "more",
        "less",
        "text",
    )
    less_rows = LessLike.objects.filter(pk__in=recent).values_list(
        Value("l", output_field=CharField()),
        "post_id",
        "post__embedding__vector",
        Value(None, output_field=BinaryField()),
        Value("", output_field=CharField()),
    )
    return steer_rows.union(less_rows, all=True)


def _viewer_load(user: AbstractBaseUser) -> tuple[Viewer, str]:
    """What the viewer asked for (steer, "see less like this"), in one query; returns it and
    their steer text. Their circles come from _circles_load."""
    uid = user.pk
    more = less = None
    less_vectors, less_liked, text = [], set(), ""
    for kind, post_id, a, b, steer_text in prepared_rows("feed.viewer", _viewer_query, uid=uid):
        if kind == "s":
            more, less, text = vectors_from_bytes(a), vectors_from_bytes(b), steer_text
        else:
            less_liked.add(post_id)
            if a:
                less_vectors.append(vectors_from_bytes(a))
    if less_vectors:
        less = np.concatenate([m for m in (less, *less_vectors) if m is not None and len(m)])
    return Viewer(user_id=uid, more=more, less=less, less_liked=frozenset(less_liked)), text


def _circles_query(*, uid: int):
    mine = Follow.objects.filter(follower_id=uid).values("followee_id")
    own = Follow.objects.filter(Q(follower_id=uid) | Q(followee_id=uid))
    own = own.values_list("follower_id", "followee_id")
    # Marked with follower 0 (no user has that id). Not narrowed to the candidates' authors:
    # SQLite would probe the index once per (friend, author) pair, slower than reading them all.
    second = Follow.objects.filter(follower_id__in=mine).values_list(
        Value(0, output_field=IntegerField()), "followee_id"
    )
    return own.union(second)


def _circles_load(viewer: Viewer) -> None:
    """The viewer's mutuals, follows and friends of friends, in one query: their own follows both
    ways, and the accounts the people they follow follow, each once (UNION drops the repeats, so
    an account that all their friends follow costs one row, not one per friend)."""
    if viewer.user_id is None:
        return
    uid = viewer.user_id
    rows = prepared_rows("feed.circles", _circles_query, uid=uid)
    viewer.mutuals, viewer.following, viewer.friends_of_friends = circles_from_edges(
        uid,
        [(a, b) for a, b in rows if a != 0],
        friends_of_friends=[b for a, b in rows if a == 0],
    )


def _candidates_load(
    viewer: Viewer,
    *,
    session_key: str | None,
    made_at: datetime,
    floor: tuple[int, int] | None,
    with_close: bool,
    carried: Sequence[int] = (),
) -> tuple[Columns, np.ndarray | None, tuple[int, int] | None]:
    """One query for the pool: the newest CANDIDATES_NEWEST published up to `made_at` (and below
    `floor`), plus with_close the newest CANDIDATES_CLOSE by people the viewer follows.

    Returns the candidates, their vectors when the viewer steers (see ranking.steering), and the
    floor for the next chunk (None when nothing is left below).
    """
    published = Post.objects.filter(status=_PUBLISHED, published_at__lte=made_at)
    if floor:
        when, pk = _from_micros(floor[0]), floor[1]
        published = published.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    newest = published.order_by("-published_at", "-pk").values("pk")[:CANDIDATES_NEWEST]
    pool = Q(pk__in=newest)
    if with_close and viewer.user_id is not None:
        followed = Follow.objects.filter(follower_id=viewer.user_id).values("followee_id")
        close = published.filter(author_id__in=followed).order_by("-published_at", "-pk")
        pool |= Q(pk__in=close.values("pk")[:CANDIDATES_CLOSE])
    if carried:
        pool |= Q(pk__in=carried, status=_PUBLISHED)
    rows = Post.objects.filter(pool).order_by()  # ranking orders them; a sort here is wasted
    if viewer.user_id is not None:
        rows = rows.annotate(seen=Exists(View.objects.filter(post=OuterRef("pk"), viewer_id=viewer.user_id)))
    elif session_key:
        key = f"s{session_key}"
        rows = rows.annotate(seen=Exists(View.objects.filter(post=OuterRef("pk"), viewer_key=key)))
    else:
        rows = rows.annotate(seen=Value(False, output_field=BooleanField()))
    fields = ["pk", "author_id", _published_micros(), "like_count", "comment_count", "view_count"]
    fields += ["watch_total", "seen", _REMIX_COUNT or Value(0)]
    if viewer.steers:
        fields.append("embedding__vector")  # only then: 1.5 KB a row that ranking would not read
    rows = list(rows.values_list(*fields))
    vectors = None
    if viewer.steers:
        vectors = _vectors_stack([bytes(row[9]) if row[9] else b"" for row in rows])
    table, seen, times = [], [], []
    for pk, author, when, likes, comments, views, watch, was_seen, remixes, *_ in rows:
        when = _key_micros(when)
        if pk not in carried:
            times.append((when, pk))
        table.append((pk, author, when, likes, comments, views, watch, remixes))
        seen.append(bool(was_seen))
    # The pool's newest part is exactly its CANDIDATES_NEWEST newest rows: every close post outside
    # it is older than all of them. A full newest part means there may be more below it.
    times.sort(reverse=True)
    next_floor = times[CANDIDATES_NEWEST - 1] if len(times) >= CANDIDATES_NEWEST else None
    return _columns(table, seen), vectors, next_floor


def _columns(rows: Sequence[tuple], seen: Sequence[bool]) -> Columns:
    """Ranking's columns from (pk, author, published_at µs, likes, comments, views, watch_total,
    remixes or None) rows."""
    # float64 holds every id and every µs timestamp of this millennium exactly (below 2**53).
    table = np.array([(*row[:7], row[7] or 0) for row in rows], dtype=np.float64).reshape(len(rows), 8)
    return Columns(
        pk=table[:, 0].astype(np.int64),
        author_id=table[:, 1].astype(np.int64),
        published_at=table[:, 2] / 1_000_000,
        engagement=engagement_of(
            likes=table[:, 3],
            comments=table[:, 4],
            views=table[:, 5],
            watch_total=table[:, 6],
            remixes=table[:, 7],
        ),
        seen=np.array(seen, dtype=np.bool_).reshape(len(rows)),
    )


def _vectors_stack(blobs: list[bytes], width: int = 0) -> np.ndarray | None:
    """One float32 row per post from stored vectors, zeros where a post has none yet (neutral to
    steering); None when none has one and no `width` (floats) is given. One buffer for all of
    them: converting row by row would cost more than the scoring."""
    width = width or next((len(blob) // 4 for blob in blobs if blob), 0)
    if not width:
        return None
    zeros = bytes(4 * width)
    joined = b"".join(blob if len(blob) == 4 * width else zeros for blob in blobs)
    return np.frombuffer(joined, dtype="<f4").reshape(len(blobs), width)


# --- The pool's shared part, cached per process ----------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """The newest CANDIDATES_NEWEST published posts as ranking reads them, newest first, without
    the one per-viewer column (seen)."""

    key: tuple[int, int] | None  # (published_at µs, pk) of the newest; None: nothing published
    columns: Columns  # as ranking reads them, newest first; seen: all False (it is the viewer's)
    vectors: (
        np.ndarray
    )  # float32 (len(columns), width), zeros where a post has none yet; width 0: none at all
    floor: tuple[int, int] | None  # the oldest row's key when full; None: the pool holds every post
    loaded_at: float  # time.monotonic()
    generation: int
    size: int  # CANDIDATES_NEWEST when loaded


_pool: _Pool | None = None
_pool_generation = 0


def candidate_pool_forget() -> None:
    """Drop this process's cached pool. Saving or deleting a Post or PostEmbedding calls it (signals
    below); call it after changing them in bulk (queryset.update, bulk_create), which sends none."""
    global _pool_generation
    _pool_generation += 1


@receiver(post_save, sender=Post, dispatch_uid="feed.timelines.pool.post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="feed.timelines.pool.post_deleted")
@receiver(post_save, sender=PostEmbedding, dispatch_uid="feed.timelines.pool.embedding_saved")
@receiver(post_delete, sender=PostEmbedding, dispatch_uid="feed.timelines.pool.embedding_deleted")
def _pool_forget_on_change(sender, **kwargs) -> None:
    candidate_pool_forget()
    # Again once committed: another thread may have cached the pool before the change was visible.
    transaction.on_commit(candidate_pool_forget)


def _pool_cached() -> _Pool | None:
    pool = _pool
    if pool is None or pool.generation != _pool_generation or pool.size != CANDIDATES_NEWEST:
        return None
    if time.monotonic() - pool.loaded_at > POOL_CACHE_SECONDS:
        return None
    return pool


def _key_micros(when) -> int:
    return when if isinstance(when, int) else _micros(when)


def _pool_load(made_at: datetime) -> _Pool:
    """One query: the newest CANDIDATES_NEWEST published up to made_at, with their vectors."""
    global _pool
    generation = _pool_generation  # before the query: a change while it runs makes this one stale
    newest = Post.objects.filter(status=_PUBLISHED, published_at__lte=made_at)
    newest = newest.order_by("-published_at", "-pk")
    fields = ["pk", "author_id", _published_micros(), "like_count", "comment_count", "view_count"]
    fields += ["watch_total", _REMIX_COUNT or Value(0), "embedding__vector"]
    rows, blobs = [], []
    for pk, author, when, likes, comments, views, watch, remixes, blob in newest.values_list(*fields)[
        :CANDIDATES_NEWEST
    ]:
        rows.append((pk, author, _key_micros(when), likes, comments, views, watch, remixes))
        blobs.append(bytes(blob) if blob else b"")
    vectors = _vectors_stack(blobs)
    if vectors is None:
        vectors = np.zeros((len(rows), 0), dtype=np.float32)
    columns = _columns(rows, [False] * len(rows))
    for column in (columns.pk, columns.author_id, columns.published_at, columns.engagement, columns.seen):
        column.flags.writeable = False  # shared by every first page of the process
    pool = _Pool(
        key=(rows[0][2], rows[0][0]) if rows else None,
        columns=columns,
        vectors=vectors,
        floor=(rows[-1][2], rows[-1][0]) if len(rows) >= CANDIDATES_NEWEST else None,
        loaded_at=time.monotonic(),
        generation=generation,
        size=CANDIDATES_NEWEST,
    )
    _pool = pool
    return pool


_NEWEST_UNKNOWN = object()


def _viewer_rows(
    viewer: Viewer, *, session_key: str | None, made_at: datetime, pool: _Pool, with_newest: bool
) -> list[tuple]:
    """What the shared pool lacks for this viewer, in one query (none for a visitor without a
    session once the newest post is known): the newest CANDIDATES_CLOSE posts by people they
    follow that are older than the pool ("c" rows, as ranking reads them), which pool posts they
    have seen ("s" rows: the post id), and the newest post's key ("n"), which tells whether the
    pool is still current. Rows: (kind, pk, author, µs, likes, comments, views, watch, seen, remixes,
    vector)."""
    # Only the values the SQL uses: which ones are given chooses the query's parts (its shape).
    values: dict = {}
    floor = pool.floor
    if viewer.user_id is not None:
        values["uid"] = viewer.user_id
        if floor is not None:  # the close part
            values.update(made_at=made_at, floor_when=_from_micros(floor[0]), floor_pk=floor[1])
    elif session_key:
        values["viewer_key"] = f"s{session_key}"
        if floor is not None:
            values["floor_when"] = _from_micros(floor[0])
    elif not with_newest:
        return []
    if with_newest:
        values["made_at"] = made_at
    build = partial(_viewer_rows_query, steers=viewer.steers, with_newest=with_newest)
    return prepared_rows(("feed.viewer_rows", viewer.steers, with_newest), build, **values)


def _viewer_rows_query(
    *,
    steers: bool,
    with_newest: bool,
    uid: int | None = None,
    viewer_key: str | None = None,
    floor_when: datetime | None = None,
    floor_pk: int | None = None,
    made_at: datetime | None = None,
):
    """_viewer_rows's query; the values given choose its parts (see there)."""
    integer, big = IntegerField(), BigIntegerField()

    def blank(field):
        return Value(None, output_field=field)

    if uid is not None:
        views = View.objects.filter(viewer_id=uid)
    elif viewer_key is not None:
        views = View.objects.filter(viewer_key=viewer_key)
    else:
        views = None
    parts = []
    published = Post.objects.filter(status=_PUBLISHED)
    if made_at is not None:
        published = published.filter(published_at__lte=made_at)
    if uid is not None and floor_pk is not None:
        followed = Follow.objects.filter(follower_id=uid).values("followee_id")
        close = published.filter(author_id__in=followed).order_by("-published_at", "-pk")
        close = Post.objects.filter(pk__in=close.values("pk")[:CANDIDATES_CLOSE])
        close = close.filter(Q(published_at__lt=floor_when) | Q(published_at=floor_when, pk__lt=floor_pk))
        seen = Exists(views.filter(post=OuterRef("pk")))
        vector = "embedding__vector" if steers else blank(BinaryField())
        parts.append(
            close.values_list(
                Value("c", output_field=CharField()),
                "pk",
                "author_id",
                _published_micros(),
                "like_count",
                "comment_count",
                "view_count",
                "watch_total",
                seen,
                _REMIX_COUNT or Value(0),
                vector,
            )
        )
    if views is not None:
        # The pool's posts this viewer has seen; a post of the same second as the floor too many
        # is harmless (only pool posts are looked up).
        if floor_when is not None:
            views = views.filter(post__published_at__gte=floor_when)
        parts.append(
            views.values_list(
                Value("s", output_field=CharField()),
                "post_id",
                *(blank(f) for f in (integer, big, integer, integer, integer)),
                blank(FloatField()),
                blank(BooleanField()),
                blank(integer),
                blank(BinaryField()),
            )
        )
    if with_newest:
        newest = published.order_by("-published_at", "-pk").values("pk")[:1]
        parts.append(
            Post.objects.filter(pk__in=newest).values_list(
                Value("n", output_field=CharField()),
                "pk",
                blank(integer),
                _published_micros(),
                *(blank(integer) for _ in range(3)),
                blank(FloatField()),
                blank(BooleanField()),
                blank(integer),
                blank(BinaryField()),
            )
        )
    parts = [part.order_by() for part in parts]  # models' default orders are not allowed in a UNION
    if len(parts) == 1:
        return parts[0]
    return parts[0].union(*parts[1:], all=True)


def _first_candidates(
    viewer: Viewer, *, session_key: str | None, made_at: datetime, newest=_NEWEST_UNKNOWN
) -> tuple[Columns, np.ndarray | None, tuple[int, int] | None]:
    """_candidates_load for a first page (made_at: now), from the cached pool when it is current."""
    pool = _pool_cached()
    cached = pool is not None
    if pool is None:
        pool = _pool_load(made_at)
    with_newest = newest is _NEWEST_UNKNOWN
    rows = _viewer_rows(viewer, session_key=session_key, made_at=made_at, pool=pool, with_newest=with_newest)
    if with_newest:
        newest = next(((_key_micros(r[3]), r[1]) for r in rows if r[0] == "n"), None)
    if cached and newest != pool.key:  # a post published (or unpublished) since: read it all again
        pool = _pool_load(made_at)
        rows = _viewer_rows(viewer, session_key=session_key, made_at=made_at, pool=pool, with_newest=False)
    shared = pool.columns
    seen = [r[1] for r in rows if r[0] == "s"]
    if seen:
        shared = replace(shared, seen=np.isin(shared.pk, np.array(seen, dtype=np.int64)))
    close = [r for r in rows if r[0] == "c"]
    columns = shared
    if close:
        table = [
            (pk, author, _key_micros(when), likes, comments, views, watch, remixes)
            for _, pk, author, when, likes, comments, views, watch, _, remixes, _ in close
        ]
        columns = Columns.concat([shared, _columns(table, [bool(r[8]) for r in close])])
    vectors = None
    if viewer.steers:
        extra = _vectors_stack([bytes(r[10]) if r[10] else b"" for r in close], pool.vectors.shape[1])
        if extra is not None:
            width = extra.shape[1]
            own = pool.vectors if pool.vectors.shape[1] else np.zeros((len(shared), width), np.float32)
            vectors = np.concatenate([own, extra]) if len(close) else own
    return columns, vectors, pool.floor


def _viewer_for(user: AbstractBaseUser) -> tuple[Viewer, str]:
    if user.is_authenticated:
        viewer, text = _viewer_load(user)
        user._feed_steer_text = text  # steer_text_for() on this request needs no query of its own
        return viewer, text
    return Viewer(), ""


def _snapshot_start(
    user: AbstractBaseUser,
    session_key: str | None,
    made_at: datetime,
    *,
    now: bool = True,
    newest=_NEWEST_UNKNOWN,
) -> tuple[_Snapshot, str]:
    """Rank a first page. `now`: made_at is the present, so the cached pool serves (an expired
    snapshot's restart ranks the past instead); `newest`: the newest post's key when known."""
    viewer, text = _viewer_for(user)
    if now:
        columns, vectors, floor = _first_candidates(
            viewer, session_key=session_key, made_at=made_at, newest=newest
        )
    else:
        columns, vectors, floor = _candidates_load(
            viewer, session_key=session_key, made_at=made_at, floor=None, with_close=True
        )
    _circles_load(viewer)
    positions = rank_positions(columns, viewer, made_at.timestamp(), vectors=vectors)
    snapshot = _Snapshot(
        token=secrets.token_urlsafe(12),
        user_id=user.pk if user.is_authenticated else None,
        made_at=_micros(made_at),
        ids=[],
        last_author=None,
        floor=floor,
    )
    _snapshot_append(snapshot, columns, positions)
    return snapshot, text


def _snapshot_append(snapshot: _Snapshot, columns: Columns, positions: list[int]) -> None:
    """Append the ranked candidates (`positions` in `columns`, best first), holding back a forced
    tail for the next chunk while there is one."""
    pks = columns.pk[positions].tolist()
    authors = columns.author_id[positions].tolist()
    kept = len(pks) - (forced_tail(authors) if snapshot.floor is not None else 0)
    snapshot.ids.extend(pks[:kept])
    snapshot.carry = pks[kept:]
    if kept:
        snapshot.last_author = authors[kept - 1]


def _snapshot_extend(snapshot: _Snapshot, user: AbstractBaseUser, session_key: str | None) -> None:
    """Rank the next chunk below the snapshot's floor and append it (posts already in skipped)."""
    viewer, _ = _viewer_for(user)
    made_at = _from_micros(snapshot.made_at)
    columns, vectors, floor = _candidates_load(
        viewer,
        session_key=session_key,
        made_at=made_at,
        floor=snapshot.floor,
        with_close=False,
        carried=snapshot.carry,
    )
    keep = ~np.isin(columns.pk, np.array(snapshot.ids, dtype=np.int64))
    fresh = columns.take(keep)
    vectors = vectors[keep] if vectors is not None else None
    _circles_load(viewer)
    snapshot.floor = floor
    now = made_at.timestamp()
    positions = rank_positions(fresh, viewer, now, previous_author=snapshot.last_author, vectors=vectors)
    _snapshot_append(snapshot, fresh, positions)


def _newest_key(made_at: datetime) -> tuple[int, int] | None:
    """(published_at µs, pk) of the newest post published up to made_at; None when none is."""
    newest = Post.objects.filter(status=_PUBLISHED, published_at__lte=made_at)
    newest = newest.order_by("-published_at", "-pk")
    row = next(iter(newest.values_list("pk", _published_micros())[:1]), None)
    return None if row is None else (_key_micros(row[1]), row[0])


def _anonymous_key(newest: tuple[int, int] | None) -> str | None:
    """Names the shared anonymous snapshot after the newest post: a new post, a new ranking."""
    if newest is None:
        return None
    when, pk = newest
    return f"foryou:anonymous:{pk}:{when}"


def _shared_snapshot(key: str) -> _Snapshot | None:
    try:
        token = snapshot_cache().get(key)
    except Exception:
        logger.warning("Could not read the shared For You snapshot", exc_info=True)
        return None
    return _snapshot_load(token) if token else None


def _shared_snapshot_offer(key: str, snapshot: _Snapshot) -> None:
    try:
        snapshot_cache().set(key, snapshot.token, ANONYMOUS_SHARE_SECONDS)
    except Exception:
        logger.warning("Could not share a For You snapshot", exc_info=True)


def _page_posts_query(*, uid: int | None = None, **ids: int):
    viewer = AnonymousUser() if uid is None else get_user_model()(pk=uid)
    # By primary key alone: with a status condition too, SQLite would rather walk the status index.
    return feed_items_for_viewer(Post.objects.filter(pk__in=list(ids.values())).order_by(), user=viewer)


def _posts_in_order(ids: list[int], user: AbstractBaseUser) -> list[Post]:
    if not ids:
        return []
    values = {f"id{i}": pk for i, pk in enumerate(ids)}
    if user.is_authenticated:
        values["uid"] = user.pk
    shape = ("feed.page_posts", len(ids), user.is_authenticated)
    found = {p.pk: p for p in prepared_models(shape, _page_posts_query, **values)}
    # Removed (or unpublished) since the snapshot was taken: dropped, never shown.
    return [found[pk] for pk in ids if pk in found and found[pk].status == _PUBLISHED]


def _page_size(size: int) -> int:
    return max(1, min(int(size), MAX_PAGE_SIZE))


def for_you_page(
    *, user: AbstractBaseUser, cursor: str | None, size: int, session_key: str | None = None
) -> FeedPage:
    """A page of the ranked feed. Raises BadCursor for a cursor this app did not make for this viewer.

    An expired snapshot (SNAPSHOT_TTL) does not end the scroll: the page is ranked afresh from the
    posts that existed when the old snapshot was made, so nothing newer jumps in; what the
    viewer already watched sinks (seen), but a video scrolled past unwatched may come round again.
    """
    size = _page_size(size)
    uid = user.pk if user.is_authenticated else None
    text = None
    if cursor:
        payload = _cursor_read(_FOR_YOU_SALT, cursor)
        try:
            token, offset, owner = str(payload["k"]), int(payload["o"]), payload["u"]
            made = _from_micros(int(payload["t"]))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise BadCursor("That page link is broken or out of date.") from exc
        if owner != uid or offset < 0:
            raise BadCursor("That page link belongs to someone else's feed.")
        snapshot = _local_snapshot(token)
        if snapshot is None or (offset + size > len(snapshot.ids) and snapshot.floor is not None):
            snapshot = _snapshot_load(token)
        unsaved = snapshot is None
        if snapshot is None:
            snapshot, text = _snapshot_start(user, session_key, made, now=False)
            offset = 0
    else:
        offset, unsaved = 0, True
        made_at, newest, shared_key = timezone.now(), _NEWEST_UNKNOWN, None
        if uid is None and not session_key:
            newest = _newest_key(made_at)
            shared_key = _anonymous_key(newest)
        snapshot = _shared_snapshot(shared_key) if shared_key else None
        if snapshot is not None:
            unsaved = False
        else:
            snapshot, text = _snapshot_start(user, session_key, made_at, newest=newest)
            if shared_key and _snapshot_store(snapshot):
                unsaved = False
                _shared_snapshot_offer(shared_key, snapshot)
    while offset + size > len(snapshot.ids) and snapshot.floor is not None:
        _snapshot_extend(snapshot, user, session_key)
        unsaved = True
    page_ids = snapshot.ids[offset : offset + size]
    end = offset + len(page_ids)
    next_cursor = None
    if end < len(snapshot.ids) or snapshot.floor is not None:
        if not unsaved or _snapshot_store(snapshot):
            payload = {"k": snapshot.token, "o": end, "u": uid, "t": snapshot.made_at}
            next_cursor = _cursor_make(_FOR_YOU_SALT, payload)
    return FeedPage(posts=_posts_in_order(page_ids, user), next_cursor=next_cursor, steer_text=text)


def following_page(*, user: AbstractBaseUser, cursor: str | None, size: int) -> FeedPage:
    """Posts by the people `user` follows, newest first, keyset-paginated on (published_at, id):
    stable while new posts arrive. Anonymous viewers follow nobody: an empty page."""
    size = _page_size(size)
    if not user.is_authenticated:
        return FeedPage(posts=[], next_cursor=None)
    followed = Follow.objects.filter(follower_id=user.pk).values("followee_id")
    posts = Post.objects.filter(status=_PUBLISHED, author_id__in=followed)
    if cursor:
        payload = _cursor_read(_FOLLOWING_SALT, cursor)
        try:
            micros, pk = int(payload["p"]), int(payload["i"])
            when = _from_micros(micros)
        except (KeyError, TypeError, ValueError, OverflowError, OSError) as exc:
            raise BadCursor("That page link is broken or out of date.") from exc
        posts = posts.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
    page = list(feed_items_for_viewer(posts, user=user).order_by("-published_at", "-pk")[: size + 1])
    more = len(page) > size
    page = page[:size]
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = _cursor_make(_FOLLOWING_SALT, {"p": _micros(last.published_at), "i": last.pk})
    return FeedPage(posts=page, next_cursor=next_cursor)


def steer_text_for(*, user: AbstractBaseUser) -> str:
    """What the user typed in the steer box ("" for none). Free after for_you_page on the same
    request's user, which read it already."""
    if not user.is_authenticated:
        return ""
    cached = getattr(user, "_feed_steer_text", None)
    if cached is not None:
        return cached
    return Steer.objects.filter(user_id=user.pk).values_list("text", flat=True).first() or ""
