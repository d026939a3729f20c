"""The two feed tabs, page by page: For You (ranked by feed.ranking) and Following (newest first).

For You shows slices of a snapshot. A first page ranks a pool of candidates (the newest
CANDIDATES_NEWEST published posts, plus the newest CANDIDATES_CLOSE by people the viewer follows,
however old) and stores the ranked ids in Django's cache (Redis) under a random token. Its cursor
is a signed (token, offset), so later pages read the snapshot and posts published or liked
meanwhile cannot shift it: no duplicates, no gaps. When a scroll reaches the snapshot's end, the
snapshot grows by a chunk ranked from the next CANDIDATES_NEWEST posts below its floor (the oldest
post of the newest part ranked so far), as of the moment it was made. New posts show on the next
first page (a refresh).

- An expired snapshot does not end a scroll: it is ranked afresh as of the moment the old one was
  made (the cursor carries it), so nothing newer jumps in.
- Without Redis the page still shows, without a next cursor.
- Visitors with neither an account nor a session all get the same ranking, so they share one
  snapshot for ANONYMOUS_SHARE_SECONDS, or until a new post appears.
- A post removed since its snapshot was made is left out of the page.

Queries: a signed-in first page costs seven, whatever its size: steer, "see less like this", whom
they follow, whom those follow, the newest posts, the newest by people they follow, the page's
posts (feed_items_for_viewer loads authors, jobs, remix nodes and the liked flag with them); two
fewer for someone who follows nobody. A later page costs one, its posts; one that grows the
snapshot costs up to seven too. An anonymous first page costs three (newest post, candidates,
posts), or two when it shares a snapshot. A Following page costs one.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.db.models import BooleanField, Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from generation.embeddings import vectors_from_bytes

from .models import Follow, LessLike, Post, Steer, View
from .ranking import Columns, Viewer, circles_from_edges, engagement_of, forced_tail, rank_positions
from .selectors import EPOCH, MICROSECOND, feed_items_for_viewer

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
# seen): a crawler or a crowd of first-time visitors costs one ranking a minute, not one each.
ANONYMOUS_SHARE_SECONDS = 60

_FOR_YOU_SALT = "feed.timelines.for_you"
_FOLLOWING_SALT = "feed.timelines.following"
_PUBLISHED = Post.Status.PUBLISHED
_BAD_LINK = "That page link is broken or out of date."


class BadCursor(ValueError):
    """A cursor this app did not make (forged, garbled, or someone else's)."""


@dataclass
class FeedPage:
    posts: list[Post]
    next_cursor: str | None
    steer_text: str | None = field(default=None, repr=False)  # For You, signed in: the steer box's text
    # A cursor back to this very page (same snapshot, same place): what Back reloads (static/js/feed.js)
    here_cursor: str | None = None


def _micros(when: datetime) -> int:
    # Integer microseconds: a float timestamp could round a keyset bound past a post.
    return (when - EPOCH) // MICROSECOND


def _from_micros(micros: int) -> datetime:
    return EPOCH + micros * MICROSECOND


def _page_size(size: int) -> int:
    return max(1, min(int(size), MAX_PAGE_SIZE))


def _cursor_make(salt: str, payload: dict) -> str:
    return signing.dumps(payload, salt=salt, compress=False)


def _cursor_read(salt: str, cursor: str) -> dict:
    try:
        payload = signing.loads(cursor, salt=salt)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise BadCursor(_BAD_LINK) from exc
    if not isinstance(payload, dict):
        raise BadCursor(_BAD_LINK)
    return payload


# --- Snapshots, in Django's cache -------------------------------------------------------------------


@dataclass
class _Snapshot:
    token: str
    made_at: int  # µs since the epoch: ranking's "now", and the newest publish time it may hold
    ids: list[int] = field(default_factory=list)
    last_author: int | None = None
    floor: tuple[int, int] | None = None  # (published_at µs, pk) the next chunk starts below; None: no more
    # Ranked but held back for the next chunk: one author's run at the end of this one, which the
    # next chunk's other authors can break up (see ranking.forced_tail).
    carry: list[int] = field(default_factory=list)


def _snapshot_key(token: str) -> str:
    return f"foryou:{token}"  # a new prefix if _Snapshot's fields ever change


# Cache errors are logged, never raised: without Redis a page still shows, it just cannot be continued.


def _cache_get(key: str) -> object:
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Could not read a For You snapshot", exc_info=True)
        return None


def _cache_set(key: str, value: object, timeout: int) -> bool:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("Could not store a For You snapshot", exc_info=True)
        return False
    return True


def _snapshot_load(token: str) -> _Snapshot | None:
    """The stored snapshot; None when it expired or cannot be read (then it is ranked afresh)."""
    data = _cache_get(_snapshot_key(token))
    return _Snapshot(**data) if data else None


def _snapshot_store(snapshot: _Snapshot) -> bool:
    # Its fields as they are (the cache pickles them): dataclasses.asdict would copy every id first.
    return _cache_set(_snapshot_key(snapshot.token), vars(snapshot), SNAPSHOT_TTL)


# --- Who is looking, and what there is to rank -------------------------------------------------------


def _viewer_for(user: AbstractBaseUser) -> tuple[Viewer, str]:
    """The viewer as ranking reads them, and their steer text ("" for none): three queries when
    signed in (steer, recent "see less like this" with their embeddings, follow edges), none else."""
    if not user.is_authenticated:
        return Viewer(), ""
    uid = user.pk
    more = less = None
    text = ""
    steer = Steer.objects.filter(user_id=uid).values_list("more", "less", "text").first()
    if steer:
        more, less, text = vectors_from_bytes(steer[0]), vectors_from_bytes(steer[1]), steer[2]
    recent = LessLike.objects.filter(user_id=uid).order_by("-created_at")[:LESS_LIKES_USED]
    less_liked = list(recent.values_list("post_id", "post__embedding__vector"))
    less_vectors = [vectors_from_bytes(blob) for _, blob in less_liked if blob]
    if less_vectors:
        less = np.concatenate([m for m in (less, *less_vectors) if m is not None and len(m)])

    # Two indexed reads: whom they follow; then whom those follow, each account once, and (marked
    # with the follower's id instead of 0, no user's id) which of them follow the viewer back. One
    # query with an OR over follower and followee was planned by PostgreSQL as a scan of every
    # follow (0.4 s at five million).
    following = list(Follow.objects.filter(follower_id=uid).values_list("followee_id", flat=True))
    edges = [(uid, followee) for followee in following]
    friends_of_friends: list[int] = []
    if following:
        back = Case(
            When(followee_id=uid, then=F("follower_id")), default=Value(0), output_field=IntegerField()
        )
        theirs = Follow.objects.filter(follower_id__in=following).values_list(back, "followee_id").distinct()
        for follower, followee in theirs:
            if follower:
                edges.append((follower, uid))
            else:
                friends_of_friends.append(followee)
    viewer = Viewer(user_id=uid, more=more, less=less, less_liked=frozenset(pk for pk, _ in less_liked))
    viewer.mutuals, viewer.following, viewer.friends_of_friends = circles_from_edges(
        uid, edges, friends_of_friends=friends_of_friends
    )
    user._feed_steer_text = text  # steer_text_for() on this request needs no query of its own
    return viewer, text


def _below(micros: int, pk: int) -> Q:
    """Posts after (published_at µs, pk) in newest-first order. Written as a range with one
    exception, not as "earlier, or as early with a lower id": SQLite answered that OR by
    collecting every earlier post before sorting them (0.2 s at 100,000)."""
    when = _from_micros(micros)
    return Q(published_at__lte=when) & ~Q(published_at=when, pk__gte=pk)


def _candidates_load(
    viewer: Viewer,
    *,
    session_key: str | None,
    made_at: datetime,
    floor: tuple[int, int] | None,
    with_close: bool,
    carried: Sequence[int] = (),
) -> tuple[Columns, np.ndarray | None, tuple[int, int] | None]:
    """The pool, in two queries: the newest CANDIDATES_NEWEST published up to `made_at` (and below
    `floor`); then with_close the newest CANDIDATES_CLOSE by people the viewer follows, or the
    `carried` posts held back from the chunk before.

    Returns the candidates, their vectors when the viewer steers (see ranking.steering), and the
    floor for the next chunk (None when nothing is left below).
    """
    if viewer.user_id is not None:
        seen = Exists(View.objects.filter(post=OuterRef("pk"), viewer_id=viewer.user_id))
    elif session_key:
        seen = Exists(View.objects.filter(post=OuterRef("pk"), viewer_key=f"s{session_key}"))
    else:
        seen = Value(False, output_field=BooleanField())
    fields = ["pk", "author_id", "published_at", "like_count", "comment_count", "view_count", "watch_total"]
    fields += ["seen", "remix_node__remix_count"]
    if viewer.steers:
        fields.append("embedding__vector")  # only then: 1.5 KB a row that ranking would not read

    # Separate queries, each walking an index in order to its limit: one query with "id in the
    # newest or id in the close" was planned by PostgreSQL as a pass over every post (1.2 s at a
    # million).
    published = Post.objects.filter(status=_PUBLISHED, published_at__lte=made_at).annotate(seen=seen)
    if floor:
        published = published.filter(_below(*floor))
    newest_first = ("-published_at", "-pk")
    rows = list(published.order_by(*newest_first).values_list(*fields)[:CANDIDATES_NEWEST])
    # The newest part is exactly the CANDIDATES_NEWEST newest below the floor: a close or carried
    # post outside it is older than all of them. A full newest part means there may be more below.
    next_floor = (_micros(rows[-1][2]), rows[-1][0]) if len(rows) >= CANDIDATES_NEWEST else None
    more = None
    if with_close and viewer.following:
        # The ids themselves, read with the viewer: the database then knows how many and whose,
        # and reads each author's newest from feed_post_author_published_idx.
        close = published.filter(author_id__in=sorted(viewer.following)).order_by(*newest_first)
        more = close.values_list(*fields)[:CANDIDATES_CLOSE]
    elif carried:
        more = Post.objects.filter(pk__in=carried, status=_PUBLISHED).annotate(seen=seen)
        more = more.order_by().values_list(*fields)
    if more is not None:
        known = {row[0] for row in rows}
        rows += [row for row in more if row[0] not in known]

    keys = [(_micros(row[2]), row[0]) for row in rows]  # (published_at µs, pk), as floors are
    # float64 holds every id and every µs timestamp of this millennium exactly (below 2**53).
    table = np.array(
        [(row[0], row[1], when, *row[3:7], row[8] or 0) for row, (when, _) in zip(rows, keys, strict=True)],
        dtype=np.float64,
    ).reshape(len(rows), 8)
    columns = Columns(
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
        seen=np.array([bool(row[7]) for row in rows], dtype=np.bool_),
    )
    vectors = _vectors_stack([bytes(row[9]) if row[9] else b"" for row in rows]) if viewer.steers else None
    return columns, vectors, next_floor


def _vectors_stack(blobs: list[bytes]) -> np.ndarray | None:
    """One float32 row per post from stored vectors, zeros where a post has none yet (neutral to
    steering); None when none has one. One buffer for all: row by row costs more than scoring."""
    width = next((len(blob) // 4 for blob in blobs if blob), 0)
    if not width:
        return None
    zeros = bytes(4 * width)
    joined = b"".join(blob if len(blob) == 4 * width else zeros for blob in blobs)
    return np.frombuffer(joined, dtype="<f4").reshape(len(blobs), width)


# --- Ranking into a snapshot ---------------------------------------------------------------------------


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


def _snapshot_start(
    user: AbstractBaseUser, session_key: str | None, made_at: datetime
) -> tuple[_Snapshot, str]:
    """Rank a first chunk as of `made_at`; returns it (not stored yet) and the viewer's steer text."""
    viewer, text = _viewer_for(user)
    columns, vectors, floor = _candidates_load(
        viewer, session_key=session_key, made_at=made_at, floor=None, with_close=True
    )
    snapshot = _Snapshot(token=secrets.token_urlsafe(12), made_at=_micros(made_at), floor=floor)
    _snapshot_append(snapshot, columns, rank_positions(columns, viewer, made_at.timestamp(), vectors=vectors))
    return snapshot, text


def _snapshot_extend(snapshot: _Snapshot, viewer: Viewer, session_key: str | None) -> None:
    """Rank the next chunk below the snapshot's floor and append it (posts already in skipped)."""
    made_at = _from_micros(snapshot.made_at)
    columns, vectors, snapshot.floor = _candidates_load(
        viewer,
        session_key=session_key,
        made_at=made_at,
        floor=snapshot.floor,
        with_close=False,
        carried=snapshot.carry,
    )
    fresh = ~np.isin(columns.pk, np.array(snapshot.ids, dtype=np.int64))
    columns = columns.take(fresh)
    vectors = vectors[fresh] if vectors is not None else None
    now = made_at.timestamp()
    positions = rank_positions(columns, viewer, now, previous_author=snapshot.last_author, vectors=vectors)
    _snapshot_append(snapshot, columns, positions)


def _anonymous_snapshot(user: AbstractBaseUser, made_at: datetime) -> tuple[_Snapshot, bool]:
    """The snapshot visitors without a session share, named after the newest post (a new post, a
    new ranking); returns it and whether it is stored."""
    newest = Post.objects.filter(status=_PUBLISHED, published_at__lte=made_at).order_by(
        "-published_at", "-pk"
    )
    row = newest.values_list("pk", "published_at").first()
    key = f"foryou:anonymous:{row[0]}:{_micros(row[1])}" if row else "foryou:anonymous:none"
    token = _cache_get(key)
    shared = _snapshot_load(token) if token else None
    if shared is not None:
        return shared, True
    snapshot, _ = _snapshot_start(user, None, made_at)
    stored = _snapshot_store(snapshot)
    if stored:
        _cache_set(key, snapshot.token, ANONYMOUS_SHARE_SECONDS)
    return snapshot, stored


# Just published: the next fresh For You its creator opens starts with it, once (within a day).
FRESH_TTL = 24 * 3600


def _fresh_key(user_id: int) -> str:
    return f"foryou:fresh:{user_id}"


def fresh_post_remember(*, user_id: int, post_id: int) -> None:
    """After publishing: the creator's next fresh For You starts with this post."""
    _cache_set(_fresh_key(user_id), post_id, FRESH_TTL)


def _fresh_post_take(user_id: int) -> int | None:
    key = _fresh_key(user_id)
    post_id = _cache_get(key)
    if post_id is not None:
        try:
            cache.delete(key)
        except Exception:
            logger.warning("Could not forget a just-published post", exc_info=True)
    return post_id if isinstance(post_id, int) else None


def _posts_in_order(ids: list[int], user: AbstractBaseUser) -> list[Post]:
    if not ids:
        return []
    # By primary key alone: with a status condition too, SQLite would rather walk the status index.
    found = {p.pk: p for p in feed_items_for_viewer(Post.objects.filter(pk__in=ids).order_by(), user=user)}
    # Removed (or unpublished) since the snapshot was made: left out, never shown.
    return [found[pk] for pk in ids if pk in found and found[pk].status == _PUBLISHED]


# --- The pages ---------------------------------------------------------------------------------------------


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
    offset = 0
    if cursor:
        payload = _cursor_read(_FOR_YOU_SALT, cursor)
        try:
            token, offset, owner = str(payload["k"]), int(payload["o"]), payload["u"]
            made_at = _from_micros(int(payload["t"]))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise BadCursor(_BAD_LINK) from exc
        if owner != uid or offset < 0:
            raise BadCursor("That page link belongs to someone else's feed.")
        snapshot = _snapshot_load(token)
        stored = snapshot is not None
        if snapshot is None:  # expired
            snapshot, text = _snapshot_start(user, session_key, made_at)
            offset = 0
    elif uid is None and not session_key:
        snapshot, stored = _anonymous_snapshot(user, timezone.now())
    else:
        snapshot, text = _snapshot_start(user, session_key, timezone.now())
        stored = False
        fresh = _fresh_post_take(uid) if uid is not None else None
        if fresh is not None:
            # The newest post, so in this first chunk if ranked at all: moved up, never repeated.
            snapshot.ids = [fresh] + [pk for pk in snapshot.ids if pk != fresh]

    if offset + size > len(snapshot.ids) and snapshot.floor is not None:
        viewer, _ = _viewer_for(user)
        while offset + size > len(snapshot.ids) and snapshot.floor is not None:
            _snapshot_extend(snapshot, viewer, session_key)
        stored = False
    page_ids = snapshot.ids[offset : offset + size]
    end = offset + len(page_ids)
    more = end < len(snapshot.ids) or snapshot.floor is not None
    # Stored when a cursor will name it: the next page's, or this page's own (a single page too, so
    # that Back to it finds the same order).
    kept = (more or bool(page_ids)) and (stored or _snapshot_store(snapshot))
    next_cursor = here_cursor = None
    if more and kept:
        payload = {"k": snapshot.token, "o": end, "u": uid, "t": snapshot.made_at}
        next_cursor = _cursor_make(_FOR_YOU_SALT, payload)
    if page_ids and kept:
        payload = {"k": snapshot.token, "o": offset, "u": uid, "t": snapshot.made_at}
        here_cursor = _cursor_make(_FOR_YOU_SALT, payload)
    posts = _posts_in_order(page_ids, user)
    return FeedPage(posts=posts, next_cursor=next_cursor, steer_text=text, here_cursor=here_cursor)


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
            below = _below(int(payload["p"]), int(payload["i"]))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise BadCursor(_BAD_LINK) from exc
        posts = posts.filter(below)
    page = list(feed_items_for_viewer(posts, user=user).order_by("-published_at", "-pk")[: size + 1])
    next_cursor = None
    if len(page) > size:
        page = page[:size]
        next_cursor = _cursor_make(_FOLLOWING_SALT, {"p": _micros(page[-1].published_at), "i": page[-1].pk})
    return FeedPage(posts=page, next_cursor=next_cursor, here_cursor=cursor)


def steer_text_for(*, user: AbstractBaseUser) -> str:
    """What the user typed in the steer box ("" for none). Free after for_you_page on the same
    request's user, which read it already."""
    if not user.is_authenticated:
        return ""
    cached = getattr(user, "_feed_steer_text", None)
    if cached is not None:
        return cached
    return Steer.objects.filter(user_id=user.pk).values_list("text", flat=True).first() or ""
