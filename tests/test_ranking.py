"""For You ranking as pure functions: candidates and a viewer in, an order out (no database)."""

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pytest

from feed import ranking
from feed.ranking import (
    HALF_LIFE_HOURS,
    Columns,
    Viewer,
    circles_from_edges,
    closeness_bonus,
    engagement_of,
    no_author_twice,
    rank_positions,
    scores,
)
from generation.embeddings import texts_embed

pytestmark = pytest.mark.nodb

NOW = 1_800_000_000.0
HOUR = 3600.0
ME = 1


@dataclass
class Candidate:
    """One post as the tests describe it; columns() turns a list into what ranking reads."""

    pk: int
    author_id: int
    published_at: float
    likes: int = 0
    comments: int = 0
    remixes: int = 0
    views: int = 0
    watch_total: float = 0.0
    seen: bool = False
    vector: np.ndarray | None = None


def post(pk: int, author: int, *, age_hours: float = 1.0, **fields) -> Candidate:
    return Candidate(pk=pk, author_id=author, published_at=NOW - age_hours * HOUR, **fields)


def columns(candidates: list[Candidate]) -> Columns:
    def column(name, dtype=np.float64):
        return np.array([getattr(c, name) for c in candidates], dtype=dtype)

    return Columns(
        pk=column("pk", np.int64),
        author_id=column("author_id", np.int64),
        published_at=column("published_at"),
        engagement=engagement_of(
            likes=column("likes"),
            comments=column("comments"),
            remixes=column("remixes"),
            views=column("views"),
            watch_total=column("watch_total"),
        ),
        seen=column("seen", np.bool_),
    )


def vectors(candidates: list[Candidate]) -> np.ndarray | None:
    """The candidates' vectors as rows, zeros for none (as feed.timelines stacks them)."""
    width = next((len(c.vector) for c in candidates if c.vector is not None), 0)
    if not width:
        return None
    return np.array([np.zeros(width) if c.vector is None else c.vector for c in candidates], np.float32)


def rank(candidates: list[Candidate], viewer: Viewer, now: float, previous_author=None) -> list[Candidate]:
    positions = rank_positions(columns(candidates), viewer, now, previous_author, vectors(candidates))
    return [candidates[i] for i in positions]


def order(candidates, viewer=None, **kwargs) -> list[int]:
    return [c.pk for c in rank(candidates, viewer or Viewer(), NOW, **kwargs)]


def spread(candidates: list[Candidate], previous_author=None) -> list[Candidate]:
    positions = no_author_twice(range(len(candidates)), [c.author_id for c in candidates], previous_author)
    return [candidates[i] for i in positions]


def closeness(viewer: Viewer, author: int) -> float:
    """The bonus of one author, written plainly: the strongest tie decides."""
    if author == viewer.user_id:
        return ranking.CLOSENESS_SELF
    if author in viewer.mutuals:
        return ranking.CLOSENESS_MUTUAL
    if author in viewer.following:
        return ranking.CLOSENESS_FOLLOWING
    if author in viewer.friends_of_friends:
        return ranking.CLOSENESS_FOF
    return ranking.CLOSENESS_EVERYONE


# A small graph: I (1) follow 2, 3 and 4; 2 follows me back (mutual); 3 follows 5 (my friend of a
# friend); 6 and 7 are strangers; 8 follows me but I don't follow back (no closeness).
EDGES = [(1, 2), (2, 1), (1, 3), (1, 4), (3, 5), (3, 1), (6, 7), (8, 1)]


@pytest.fixture
def me() -> Viewer:
    mutuals, following, fof = circles_from_edges(ME, EDGES)
    return Viewer(user_id=ME, mutuals=mutuals, following=following, friends_of_friends=fof)


def test_circles_from_follow_edges(me):
    assert me.mutuals == {2, 3}
    assert me.following == {2, 3, 4}
    assert me.friends_of_friends == {5}
    assert closeness_bonus(np.array([1, 2, 4, 5, 6, 8]), me).tolist() == [
        ranking.CLOSENESS_SELF,
        ranking.CLOSENESS_MUTUAL,
        ranking.CLOSENESS_FOLLOWING,
        ranking.CLOSENESS_FOF,
        ranking.CLOSENESS_EVERYONE,
        ranking.CLOSENESS_EVERYONE,
    ]


def test_friends_come_first_mutual_then_followed_then_friend_of_friend_then_strangers(me):
    # Equal age and engagement; listed worst first so the input order cannot explain the result.
    candidates = [post(10, 6), post(11, 5), post(12, 4), post(13, 2)]
    assert order(candidates, me) == [13, 12, 11, 10]


def test_own_posts_rank_below_strangers_but_still_show(me):
    assert order([post(10, ME), post(11, 6)], me) == [11, 10]


def test_anonymous_viewer_has_no_circles():
    # Without closeness the fresher post wins whoever wrote it.
    assert order([post(10, 2, age_hours=5), post(11, 6, age_hours=1)]) == [11, 10]


def test_freshness_decays_with_half_life():
    assert order([post(10, 6, age_hours=30), post(11, 7, age_hours=2)]) == [11, 10]
    # A mutual's post is worth a few half-lives of age, not forever.
    mutual = Viewer(user_id=ME, mutuals=frozenset({2}), following=frozenset({2}))
    assert order([post(10, 2, age_hours=2), post(11, 6, age_hours=1)], mutual) == [10, 11]
    assert order([post(10, 2, age_hours=20 * HALF_LIFE_HOURS), post(11, 6, age_hours=1)], mutual) == [11, 10]


def test_engagement_moves_items_up_damped():
    quiet, liked = post(10, 6, age_hours=3), post(11, 7, age_hours=3, likes=40, comments=5)
    assert order([quiet, liked]) == [11, 10]
    # Log-damped: a viral stranger's week-old video does not beat a fresh one forever.
    viral = post(12, 7, age_hours=24 * 7, likes=100_000, comments=5_000)
    assert order([viral, post(13, 6, age_hours=1)]) == [13, 12]


def test_remixes_count_as_engagement():
    assert order([post(10, 6), post(11, 7, remixes=6)]) == [11, 10]


def test_watch_completion_counts_once_enough_people_watched():
    skipped = post(10, 6, views=50, watch_total=5.0)  # 10 % watched on average
    finished = post(11, 7, views=50, watch_total=47.0)  # 94 %
    assert order([skipped, finished]) == [11, 10]
    # Two views say nothing yet: completion is ignored, so the fresher post leads.
    few = post(12, 6, age_hours=2, views=2, watch_total=2.0)
    assert order([few, post(13, 7, age_hours=1, views=2, watch_total=0.0)]) == [13, 12]


def test_seen_videos_sink(me):
    seen_mutual = post(10, 2, seen=True)
    assert order([seen_mutual, post(11, 6, age_hours=10)], me) == [11, 10]


def test_less_liked_post_sinks_even_without_an_embedding(me):
    viewer = Viewer(user_id=ME, less_liked=frozenset({10}))
    assert order([post(10, 6), post(11, 7, age_hours=10)], viewer) == [11, 10]


def test_no_author_twice_in_a_row_when_others_are_left():
    # Author 6 dominates by score; the others must be spread between their posts.
    candidates = [post(i, 6, likes=1000) for i in range(1, 6)] + [post(i, 7 + i % 3) for i in range(10, 14)]
    ranked = rank(candidates, Viewer(), NOW)
    authors = [c.author_id for c in ranked]
    assert sorted(c.pk for c in ranked) == sorted(c.pk for c in candidates)
    assert all(a != b for a, b in itertools.pairwise(authors)), authors
    # The best one still leads.
    assert ranked[0].author_id == 6


def test_no_author_twice_holds_across_pages_and_chunks():
    candidates = [post(i, 1 + i % 4, likes=(i * 37) % 11, age_hours=i % 7) for i in range(1, 41)]
    ranked = rank(candidates, Viewer(), NOW)
    pages = [ranked[i : i + 5] for i in range(0, len(ranked), 5)]
    flat = [c.author_id for page in pages for c in page]
    assert all(a != b for a, b in itertools.pairwise(flat))
    # A second chunk continues after the first one's last author.
    last = ranked[-1].author_id
    more = rank([post(100, last, likes=50), post(101, 99)], Viewer(), NOW, previous_author=last)
    assert [c.pk for c in more] == [101, 100]


def test_a_lone_author_still_gets_all_their_posts():
    assert [c.pk for c in spread([post(1, 6), post(2, 6), post(3, 7)])] == [1, 3, 2]
    assert [c.pk for c in spread([post(1, 6), post(2, 6)])] == [1, 2]


PROMPTS = {
    20: "a chef tosses pasta in a pan",
    21: "a skateboard prank goes wrong in a parking lot",
    22: "a paper boat drifts down a rainy street",
    23: "surfers ride a huge wave at dawn",
    24: "a teenager pulls a whoopee cushion prank on his teacher",
}


@pytest.fixture(scope="module")
def prompt_vectors():
    ids = list(PROMPTS)
    return dict(zip(ids, texts_embed([PROMPTS[i] for i in ids]), strict=True))


def steered(more=(), less=()) -> Viewer:
    return Viewer(
        user_id=ME,
        more=texts_embed(list(more)) if more else None,
        less=texts_embed(list(less)) if less else None,
    )


def test_steering_more_lifts_matching_posts_by_meaning(prompt_vectors):
    # "cooking" shares no word with the chef's prompt; the chef's post is the oldest of all.
    candidates = [post(pk, pk, age_hours=12 if pk == 20 else 1, vector=v) for pk, v in prompt_vectors.items()]
    assert order(candidates)[-1] == 20
    assert order(candidates, steered(more=["cooking"]))[0] == 20


def test_steering_less_sinks_matching_posts(prompt_vectors):
    pranks = {21, 24}
    candidates = [
        post(pk, pk, age_hours=1 if pk in pranks else 6, vector=v) for pk, v in prompt_vectors.items()
    ]
    assert set(order(candidates)[:2]) == pranks
    # "pranks" pushes both prank videos to the bottom, below older posts about other things.
    assert set(order(candidates, steered(less=["pranks"]))[-2:]) == pranks


def test_posts_without_an_embedding_are_neutral_to_steering(prompt_vectors):
    plain = post(30, 30, age_hours=1)
    chef = post(20, 20, age_hours=1.5, vector=prompt_vectors[20])
    assert order([plain, chef], steered(less=["surfing"])) == [30, 20]  # unrelated "less": no effect
    assert order([plain, chef], steered(more=["cooking"])) == [20, 30]


def reference_greedy(order, previous_author=None):
    """The rule, written plainly: repeatedly take the best remaining post by someone else."""
    remaining, result, last = list(order), [], previous_author
    while remaining:
        pick = next((i for i, c in enumerate(remaining) if c.author_id != last), 0)
        result.append(remaining.pop(pick))
        last = result[-1].author_id
    return result


@pytest.mark.parametrize("seed", range(40))
def test_no_author_twice_is_the_plain_greedy_rule(seed):
    import random

    rng = random.Random(seed)
    authors = rng.randint(1, 5)
    order = [post(i, rng.randint(1, authors)) for i in range(rng.randint(0, 60))]
    previous = rng.choice([None, 1, 2])
    assert [c.pk for c in spread(order, previous)] == [c.pk for c in reference_greedy(order, previous)]


def test_closeness_bonus_is_the_plain_rule_a_column_at_a_time(me):
    overlapping = Viewer(
        user_id=1,
        mutuals=frozenset({2}),
        following=frozenset({2, 3}),
        friends_of_friends=frozenset({1, 2, 3, 5}),
    )
    authors = np.arange(0, 10, dtype=np.int64)
    for viewer in (me, overlapping, Viewer()):
        expected = [closeness(viewer, a) for a in authors.tolist()]
        assert closeness_bonus(authors, viewer).tolist() == expected


def plain_score(c: Candidate, viewer: Viewer, now: float) -> float:
    """The module docstring's sum for one candidate, in plain Python."""
    interactions = c.likes + ranking.COMMENT_WEIGHT * c.comments + ranking.REMIX_WEIGHT * c.remixes
    engagement = ranking.ENGAGEMENT_PER_DOUBLING * math.log2(1 + interactions)
    engagement += ranking.VIEWS_PER_DOUBLING * math.log2(1 + c.views)
    if c.views >= ranking.COMPLETION_MIN_VIEWS:
        completion = min(1.0, max(0.0, c.watch_total / max(c.views, 1)))
        engagement += ranking.COMPLETION_WEIGHT * (completion - 0.5)
    age = max(0.0, now - c.published_at) / HOUR / HALF_LIFE_HOURS
    score = closeness(viewer, c.author_id) + engagement - age
    score -= ranking.SEEN_PENALTY * c.seen + ranking.LESS_LIKED_PENALTY * (c.pk in viewer.less_liked)
    return score


@pytest.mark.parametrize("seed", range(10))
def test_column_scores_are_the_plain_sum_and_rank_orders_by_them(me, seed):
    import random

    rng = random.Random(seed)
    viewer = Viewer(
        user_id=ME, mutuals=me.mutuals, following=me.following, friends_of_friends=me.friends_of_friends,
        less_liked=frozenset(rng.sample(range(100), 5)),
    )  # fmt: skip
    candidates = [
        post(
            pk,
            rng.randint(1, 9),
            age_hours=rng.uniform(-1, 80),
            likes=rng.randint(0, 500),
            comments=rng.randint(0, 40),
            remixes=rng.randint(0, 5),
            views=(views := rng.randint(0, 900)),
            watch_total=rng.uniform(0, views),
            seen=rng.random() < 0.2,
        )  # fmt: skip
        for pk in range(100)
    ]
    expected = [plain_score(c, viewer, NOW) for c in candidates]
    assert scores(columns(candidates), viewer, NOW) == pytest.approx(expected, abs=1e-9)
    by_score = sorted(candidates, key=lambda c: (-plain_score(c, viewer, NOW), -c.published_at, -c.pk))
    assert rank(candidates, viewer, NOW) == spread(by_score)
