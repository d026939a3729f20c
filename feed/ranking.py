"""For You ranking: pure functions from candidates and a viewer to an order. No database here.

A score is counted in half-lives of freshness: +1 is worth one half-life (HALF_LIFE_HOURS)
of age. That makes every weight below comparable with the others and readable as time: a
mutual's video (CLOSENESS_MUTUAL = 4) ties with a stranger's video 4 half-lives younger.

score = closeness + engagement + completion + steering - age / half-life - seen
then a greedy pass keeps the same author from appearing twice in a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

import numpy as np

# A day-old video has lost two thirds of its lead: a small network posts a few times a day, so
# yesterday's videos are still news but today's come first.
HALF_LIFE_HOURS = 18.0

# Friends first. Mutuals beat everyone else for about three days of age, followed accounts for
# two, friends of friends for one; your own videos sit below a stranger's (you know them already,
# and For You is for others) but still show, so a just-published video is findable.
CLOSENESS_MUTUAL = 4.0
CLOSENESS_FOLLOWING = 3.0
CLOSENESS_FOF = 1.5
CLOSENESS_EVERYONE = 0.0
CLOSENESS_SELF = -2.0

# Engagement is log-damped: each doubling of interactions adds this much, so a viral video (1,000
# interactions, ~10 doublings) gains ~4 half-lives, not a permanent top spot. Comments and remixes
# cost the viewer more effort than a like and count more.
ENGAGEMENT_PER_DOUBLING = 0.4
COMMENT_WEIGHT = 2.0
REMIX_WEIGHT = 4.0
# Views mostly follow from ranking itself (what is shown gets watched), so they count little.
VIEWS_PER_DOUBLING = 0.1
# Watch completion (mean fraction watched) only once enough people watched for it to mean
# something; a video watched to the end gains 1 half-life, one skipped at once loses 1.
COMPLETION_MIN_VIEWS = 5
COMPLETION_WEIGHT = 2.0

# A video this viewer already watched sinks below nearly every unseen one, yet comes back when
# the fresh stock runs out (an empty feed is worse than a rerun).
SEEN_PENALTY = 8.0

# Steering by meaning: cosine similarity between the post's prompt and the viewer's phrases.
# all-MiniLM-L6-v2 puts unrelated short texts at about -0.1..0.2 and related ones at 0.3..0.7,
# so only similarity above STEER_FLOOR counts, and a clearly related video (0.5) moves by about
# 3.6 half-lives. "Less" and "see less like this" pull down with the same strength.
STEER_FLOOR = 0.2
STEER_WEIGHT = 12.0
# The very post someone said "see less like this" about sinks even without an embedding.
LESS_LIKED_PENALTY = 10.0

SECONDS_PER_HOUR = 3600.0


@dataclass(slots=True)
class Viewer:
    """Who is looking: their circles and what they asked for. Anonymous: all empty."""

    user_id: int | None = None
    mutuals: frozenset[int] = frozenset()
    following: frozenset[int] = frozenset()
    friends_of_friends: frozenset[int] = frozenset()
    more: np.ndarray | None = None  # (k, dim) unit rows: "more of this"
    less: np.ndarray | None = None  # (k, dim): "less of this" phrases and less-liked posts
    less_liked: frozenset[int] = field(default_factory=frozenset)

    @property
    def steers(self) -> bool:
        return _rows(self.more) > 0 or _rows(self.less) > 0


def _rows(matrix: np.ndarray | None) -> int:
    return 0 if matrix is None else len(matrix)


def circles_from_edges(
    user_id: int, edges: Iterable[tuple[int, int]], friends_of_friends: Iterable[int] | None = None
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """(mutuals, following, friends of friends) from (follower, followee) pairs.

    The pairs must include the viewer's own follows both ways, and, unless `friends_of_friends`
    names the accounts followed by people the viewer follows, the follows of everyone the viewer
    follows. Friends of friends never include the viewer or those they already follow.
    """
    following, followers, second = set(), set(), []
    for follower, followee in edges:
        if follower == user_id:
            following.add(followee)
        elif followee == user_id:
            followers.add(follower)
        second.append((follower, followee))
    if friends_of_friends is None:
        fof = {followee for follower, followee in second if follower in following}
    else:
        fof = set(friends_of_friends)
    fof -= following
    fof.discard(user_id)
    return frozenset(following & followers), frozenset(following), frozenset(fof)


@dataclass(slots=True)
class Columns:
    """The candidates (published posts) as columns, one row per candidate: what scoring reads.
    A first page ranks hundreds of them, a column at a time."""

    pk: np.ndarray  # int64
    author_id: np.ndarray  # int64
    published_at: np.ndarray  # float64, Unix seconds
    engagement: np.ndarray  # float64: engagement_of(...), the part of the score nobody's view changes
    seen: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.pk)

    def take(self, rows: np.ndarray) -> Columns:
        """These rows only (indices or a boolean mask)."""
        return Columns(*(getattr(self, f.name)[rows] for f in fields(Columns)))

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)))


def engagement_of(
    *,
    likes: np.ndarray,
    comments: np.ndarray,
    remixes: np.ndarray,
    views: np.ndarray,
    watch_total: np.ndarray,
) -> np.ndarray:
    """Engagement and watch completion, in half-lives: the same for every viewer and moment."""
    likes, comments, remixes, views, watch_total = (
        np.asarray(a, dtype=np.float64) for a in (likes, comments, remixes, views, watch_total)
    )
    interactions = likes + COMMENT_WEIGHT * comments + REMIX_WEIGHT * remixes
    engagement = ENGAGEMENT_PER_DOUBLING * np.log2(1.0 + interactions) + VIEWS_PER_DOUBLING * np.log2(
        1.0 + views
    )
    completion = np.clip(watch_total / np.maximum(views, 1.0), 0.0, 1.0)
    engagement += np.where(views >= COMPLETION_MIN_VIEWS, COMPLETION_WEIGHT * (completion - 0.5), 0.0)
    return engagement


def _ids(ids: frozenset[int]) -> np.ndarray:
    return np.fromiter(ids, dtype=np.int64, count=len(ids))


def closeness_bonus(authors: np.ndarray, viewer: Viewer) -> np.ndarray:
    """The closeness bonus of each author for this viewer: self, mutual, followed, friend of a
    friend, or everyone else."""
    bonus = np.full(len(authors), CLOSENESS_EVERYONE, dtype=np.float64)
    # Weakest first, so a stronger tie overwrites a weaker one: a mutual is also followed.
    for ids, value in (
        (viewer.friends_of_friends, CLOSENESS_FOF),
        (viewer.following, CLOSENESS_FOLLOWING),
        (viewer.mutuals, CLOSENESS_MUTUAL),
    ):
        if ids:
            bonus[np.isin(authors, _ids(ids))] = value
    if viewer.user_id is not None:
        bonus[authors == viewer.user_id] = CLOSENESS_SELF
    return bonus


def scores(columns: Columns, viewer: Viewer, now: float, vectors: np.ndarray | None = None) -> np.ndarray:
    """The score of each candidate (see the module's docstring); `vectors`: see steering."""
    if not len(columns):
        return np.zeros(0)
    age_hours = np.maximum(0.0, now - columns.published_at) / SECONDS_PER_HOUR
    score = closeness_bonus(columns.author_id, viewer) + columns.engagement - age_hours / HALF_LIFE_HOURS
    score -= SEEN_PENALTY * columns.seen
    if viewer.less_liked:
        score -= LESS_LIKED_PENALTY * np.isin(columns.pk, _ids(viewer.less_liked))
    return score + steering(len(columns), viewer, vectors)


def steering(n: int, viewer: Viewer, vectors: np.ndarray | None) -> np.ndarray:
    """Per candidate: + for meaning near a "more" phrase, - near a "less" one; 0 without a vector.

    `vectors` holds the n candidates' vectors row by row, zeros where one has none.
    """
    shift = np.zeros(n, dtype=np.float64)
    if not viewer.steers or not n or vectors is None:
        return shift
    for rows, sign in ((viewer.more, 1.0), (viewer.less, -1.0)):
        if _rows(rows) and rows.shape[1] == vectors.shape[1]:
            # The closest phrase decides. A missing vector (zeros) scores 0, under the floor: neutral.
            nearest = (vectors @ rows.T).max(axis=1)
            shift += sign * STEER_WEIGHT * np.clip(nearest - STEER_FLOOR, 0.0, None)
    return shift


def no_author_twice(
    order: Sequence[int], authors: Sequence[int], previous_author: int | None = None
) -> list[int]:
    """The same order of positions (best first; `authors[i]` wrote position i), except that an
    author never follows themselves when anyone else is left.

    Greedy: take the best remaining item by someone other than the last author. Over the whole
    list at once, so it holds across page boundaries; `previous_author` continues a list.
    Only when a single author is left do their videos run back to back.
    """
    result: list[int] = []
    skipped: list[int] = []  # passed over because their author had just been; best first
    upcoming = iter(order)
    last = previous_author
    while True:
        # Everything skipped ranks above everything upcoming, so look there first.
        pick = next((j for j, i in enumerate(skipped) if authors[i] != last), None) if skipped else None
        if pick is not None:
            chosen = skipped.pop(pick)
        else:
            for chosen in upcoming:
                if authors[chosen] != last:
                    break
                skipped.append(chosen)
            else:
                if not skipped:
                    return result
                chosen = skipped.pop(0)  # one author is all that is left
        result.append(chosen)
        last = authors[chosen]


def forced_tail(authors: Sequence[int]) -> int:
    """How many items at the end of a diversified list (its authors, in order) follow an item by
    the same author: the repeats no_author_twice had to allow because nobody else was left. A
    list that more items will follow should hand these over to the next batch, where others can
    go between them."""
    n = 0
    while n + 1 < len(authors) and authors[-1 - n] == authors[-2 - n]:
        n += 1
    return n


def rank_positions(
    columns: Columns,
    viewer: Viewer,
    now: float,
    previous_author: int | None = None,
    vectors: np.ndarray | None = None,
) -> list[int]:
    """The candidates' positions, best first by score (ties: newer first, then the higher id),
    then spread out by author. `vectors`: see steering."""
    scored = scores(columns, viewer, now, vectors)
    # Last key first: score, then newer, then higher id.
    order = np.lexsort((-columns.pk, -columns.published_at, -scored))
    return no_author_twice(order.tolist(), columns.author_id.tolist(), previous_author)
