"""The feed tabs page by page (feed.timelines): stable cursors, chunks, forged cursors, Following."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from feed import timelines
from feed.models import Follow, LessLike, Post, PostEmbedding, View
from feed.services import post_embeddings_fill, post_publish, steer_set
from feed.timelines import BadCursor, FeedPage, following_page, for_you_page, steer_text_for
from tests.conftest import make_finished_job, make_user, run_worker
from tests.conftest import make_published_row as publish


def follow(a, b):
    Follow.objects.create(follower=a, followee=b)


def scroll(fetch, *, size: int, between=None) -> list[list[int]]:
    """Every page's post ids until the end; `between(n)` runs after page n (1-based)."""
    pages, cursor = [], None
    for n in itertools.count(1):
        page = fetch(cursor=cursor, size=size)
        assert isinstance(page, FeedPage)
        pages.append([p.pk for p in page.posts])
        if between:
            between(n)
        cursor = page.next_cursor
        if cursor is None:
            return pages
        assert n < 200, "the feed never ends"


@pytest.fixture
def world(db):
    """Ten people, 60 published posts over two days, a few follows around `me`."""
    me = make_user("me")
    people = [make_user(f"maker{i}") for i in range(10)]
    posts = [
        publish(people[i % 10], f"video {i}", hours_ago=i * 0.8, like_count=(i * 7) % 13, view_count=i % 5)
        for i in range(60)
    ]
    follow(me, people[0]), follow(people[0], me), follow(me, people[1]), follow(people[1], people[2])
    return me, people, posts


@pytest.fixture
def small_pool(monkeypatch):
    # A pool smaller than the history, so scrolling crosses chunk boundaries (as 10,000 posts do).
    monkeypatch.setattr(timelines, "CANDIDATES_NEWEST", 12)
    monkeypatch.setattr(timelines, "CANDIDATES_CLOSE", 5)


@pytest.mark.parametrize("size", [1, 5, 7, 50])
def test_for_you_scrolls_every_post_exactly_once_across_chunks(world, small_pool, size):
    me, _, posts = world
    pages = scroll(lambda **kw: for_you_page(user=me, **kw), size=size)
    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen)), "a post came twice"
    assert set(seen) == {p.pk for p in posts}, "a post was skipped"
    assert all(len(page) == size for page in pages[:-1])


def test_for_you_is_stable_while_new_posts_and_likes_arrive(world, small_pool):
    me, people, posts = world
    before = {p.pk for p in posts}
    added = []

    def meanwhile(n):
        # New posts by my mutual (ranking would put them first), and a burst of likes on old posts.
        added.append(publish(people[0], f"breaking news {n}", like_count=500).pk)
        Post.objects.filter(pk__in=[p.pk for p in posts[-10:]]).update(like_count=F("like_count") + 10_000)
        if n == 3:
            Post.objects.filter(pk=posts[5].pk).update(status=Post.Status.REMOVED)

    pages = scroll(lambda **kw: for_you_page(user=me, **kw), size=6, between=meanwhile)
    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen))
    assert not set(seen) & set(added), "posts published after the first page jumped in"
    # Everything that existed at the first page, except a removed post not shown before its removal.
    shown_before_removal = {pk for page in pages[:3] for pk in page}
    assert set(seen) == before - ({posts[5].pk} - shown_before_removal)
    # A fresh first page (a refresh) does show the new posts.
    assert set(added) & {p.pk for p in for_you_page(user=me, cursor=None, size=10).posts}


def test_friends_first_on_the_first_page(world):
    me, people, _ = world
    # Equal age and engagement for a stranger, a friend of a friend, a followed person and a mutual
    # (popular enough to lead the older world's posts).
    fresh = {who: publish(people[who], "fresh", hours_ago=0.01, like_count=5000) for who in (7, 2, 1, 0)}
    first = [p.pk for p in for_you_page(user=me, cursor=None, size=4).posts]
    assert first == [fresh[0].pk, fresh[1].pk, fresh[2].pk, fresh[7].pk]


def test_no_author_twice_in_a_row_across_pages(world, small_pool):
    me, people, _ = world
    for i in range(15):  # one prolific, popular author
        publish(people[3], f"again {i}", hours_ago=i * 0.1, like_count=900)
    authors = []
    cursor = None
    while True:
        page = for_you_page(user=me, cursor=cursor, size=4)
        authors += [p.author_id for p in page.posts]
        cursor = page.next_cursor
        if not cursor:
            break
    assert authors.count(people[3].pk) == 21 and len(authors) == 75
    # Only at the very end, when one author is all that is left, may they repeat.
    end = len(authors)
    while end > 1 and authors[end - 1] == authors[end - 2]:
        end -= 1
    assert all(a != b for a, b in itertools.pairwise(authors[:end])), authors


def test_seen_posts_sink(world):
    me, people, _ = world
    watched = publish(people[0], "watched already", hours_ago=0.01)
    View.objects.create(
        post=watched, viewer=me, viewer_key=f"u{me.pk}", day=timezone.localdate(), completion=1
    )
    first = [p.pk for p in for_you_page(user=me, cursor=None, size=10).posts]
    assert watched.pk not in first


def test_anonymous_for_you_without_closeness_and_seen_by_session(world):
    _, people, _ = world
    newest = publish(people[9], "newest of all", like_count=50)
    anonymous = AnonymousUser()
    page = for_you_page(user=anonymous, cursor=None, size=3)
    assert page.posts[0] == newest
    View.objects.create(post=newest, viewer_key="sabc", day=timezone.localdate())
    assert for_you_page(user=anonymous, cursor=None, size=3, session_key="abc").posts[0] != newest
    second = for_you_page(user=anonymous, cursor=page.next_cursor, size=3)
    assert {p.pk for p in second.posts}.isdisjoint(p.pk for p in page.posts)
    assert steer_text_for(user=anonymous) == ""


def test_each_post_carries_what_the_feed_item_shows(world, django_assert_num_queries):
    me, people, posts = world
    from feed.models import Like

    liked = for_you_page(user=me, cursor=None, size=5).posts[0]
    Like.objects.create(user=me, post=liked)
    page = for_you_page(user=me, cursor=None, size=5)
    with django_assert_num_queries(0):
        shown = [
            (p.liked, p.author.username, p.job.prompt, getattr(p, "remix_node", None)) for p in page.posts
        ]
    assert shown[0] == (True, liked.author.username, liked.job.prompt, None)
    assert not any(liked for liked, *_ in shown[1:])


def test_forged_and_foreign_cursors_are_refused(world):
    me, people, _ = world
    page = for_you_page(user=me, cursor=None, size=5)
    good = page.next_cursor
    for bad in [
        "garbage",
        good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb"),  # signature no longer matches
        signing.dumps({"k": "x", "o": 5, "u": me.pk, "t": 0}, salt="something else"),
        signing.dumps([1, 2, 3], salt=timelines._FOR_YOU_SALT),
        signing.dumps({"k": "x", "o": "five", "u": me.pk, "t": 0}, salt=timelines._FOR_YOU_SALT),
        signing.dumps({"k": "x", "o": -5, "u": me.pk, "t": 0}, salt=timelines._FOR_YOU_SALT),
        following_page(user=me, cursor=None, size=1).next_cursor,  # the other tab's cursor
    ]:
        with pytest.raises(BadCursor):
            for_you_page(user=me, cursor=bad, size=5)
    with pytest.raises(BadCursor):  # someone else's scroll
        for_you_page(user=people[4], cursor=good, size=5)
    with pytest.raises(BadCursor):
        for_you_page(user=AnonymousUser(), cursor=good, size=5)
    for bad in ["garbage", good, signing.dumps({"p": "x", "i": 1}, salt=timelines._FOLLOWING_SALT)]:
        with pytest.raises(BadCursor):
            following_page(user=me, cursor=bad, size=5)
    assert issubclass(BadCursor, ValueError)


def test_an_expired_snapshot_degrades_to_a_fresh_ranking_of_the_same_moment(world):
    me, people, _ = world
    page = for_you_page(user=me, cursor=None, size=5)
    payload = signing.loads(page.next_cursor, salt=timelines._FOR_YOU_SALT)
    cache.delete(timelines._snapshot_key(payload["k"]))
    later = publish(people[0], "published after the first page", like_count=1000)

    second = for_you_page(user=me, cursor=page.next_cursor, size=5)

    assert len(second.posts) == 5 and second.next_cursor
    assert later not in second.posts


def test_following_tab_newest_first_only_people_i_follow(world):
    me, people, posts = world
    followed = {people[0].pk, people[1].pk}
    expected = [
        p.pk
        for p in sorted(posts, key=lambda p: (p.published_at, p.pk), reverse=True)
        if p.author_id in followed
    ]
    added = []

    def meanwhile(n):
        added.append(publish(people[0], f"new {n}").pk)

    pages = scroll(lambda **kw: following_page(user=me, **kw), size=4, between=meanwhile)
    assert [pk for page in pages for pk in page] == expected
    assert following_page(user=me, cursor=None, size=50).posts[0].pk == added[-1]
    assert following_page(user=AnonymousUser(), cursor=None, size=5) == FeedPage(posts=[], next_cursor=None)
    stranger = make_user("loner")
    assert following_page(user=stranger, cursor=None, size=5).posts == []


def test_following_tab_leaves_out_removed_and_drafts(world):
    me, people, _ = world
    removed = publish(people[0], "taken down")
    Post.objects.filter(pk=removed.pk).update(status=Post.Status.REMOVED)
    draft = make_finished_job(people[0]).post
    shown = {p.pk for p in following_page(user=me, cursor=None, size=50).posts}
    assert removed.pk not in shown and draft.pk not in shown


def ranked_ids(user) -> list[int]:
    return [pk for page in scroll(lambda **kw: for_you_page(user=user, **kw), size=50) for pk in page]


def test_steering_by_meaning_reorders_for_you(world):
    me, people, _ = world
    chef = publish(people[5], "a chef tosses pasta in a pan", hours_ago=30)
    prank = publish(people[6], "a skateboard prank goes wrong", hours_ago=0.01)
    for_you_page(user=me, cursor=None, size=5)  # a scroll ranked before any embedding exists
    post_embeddings_fill()
    before = ranked_ids(me)
    assert before.index(prank.pk) < before.index(chef.pk)

    steer_set(user=me, text="more cooking, fewer pranks")
    page = for_you_page(user=me, cursor=None, size=5)
    after = ranked_ids(me)
    # Steering shifts strangers' videos by meaning; friends' videos still come first.
    assert after.index(chef.pk) < before.index(chef.pk) - 20
    assert after.index(chef.pk) < after.index(prank.pk)
    assert after.index(prank.pk) > before.index(prank.pk) + 20
    assert page.steer_text == steer_text_for(user=me) == "more cooking, fewer pranks"


def test_see_less_like_this_sinks_the_post_and_its_lookalikes(world):
    me, people, _ = world
    surf = publish(people[5], "surfers ride a huge wave at dawn", hours_ago=0.01, like_count=50)
    alike = publish(people[6], "a surfer catches a big wave at sunrise", hours_ago=0.02, like_count=50)
    post_embeddings_fill()
    before = ranked_ids(me)
    LessLike.objects.create(user=me, post=surf)
    after = ranked_ids(me)
    assert after.index(surf.pk) > before.index(surf.pk) + 40
    assert after.index(alike.pk) > before.index(alike.pk) + 20


def test_embeddings_fill_is_idempotent_and_skips_unpublished(world):
    _, people, posts = world
    draft = make_finished_job(people[0]).post
    assert post_embeddings_fill() == len(posts)
    assert post_embeddings_fill() == 0
    assert not PostEmbedding.objects.filter(post=draft).exists()


@pytest.mark.django_db(transaction=True)
def test_publishing_embeds_the_post_through_the_worker(verify_queue):
    alice = make_user("alice")
    post = make_finished_job(alice, prompt="grandma kneads bread dough in a sunny kitchen").post
    post_publish(post=post, user=alice)
    assert verify_queue.count == 1  # the `default` queue the CPU worker serves
    run_worker()
    from generation.embeddings import texts_embed, vectors_from_bytes

    stored = vectors_from_bytes(PostEmbedding.objects.get(post=post).vector)[0]
    assert stored @ texts_embed([post.job.prompt])[0] > 0.9999


def test_chunk_floors_are_exact_to_the_microsecond(db, monkeypatch):
    """Floors (where the next chunk starts) are read from the database's datetimes: a rounded one
    would skip or repeat a post."""
    from datetime import UTC, datetime

    author = make_user("clock")
    times = [
        datetime(2038, 1, 19, 3, 14, 8, 999_999, tzinfo=UTC),
        datetime(2026, 3, 1, 12, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC),  # no fraction: stored without one on SQLite
    ]
    pks = []
    for when in times:
        pks.append(publish(author).pk)
        Post.objects.filter(pk=pks[-1]).update(published_at=when)
    viewer, _ = timelines._viewer_for(AnonymousUser())
    for n in (1, 2, 3):
        monkeypatch.setattr(timelines, "CANDIDATES_NEWEST", n)
        _, _, floor = timelines._candidates_load(
            viewer, session_key=None, made_at=times[0], floor=None, with_close=False
        )
        assert floor == (timelines._micros(times[n - 1]), pks[n - 1])
        assert floor[0] == (times[n - 1] - datetime(1970, 1, 1, tzinfo=UTC)) // timelines.MICROSECOND
    # Below the newest's floor: the other two, in one more chunk.
    monkeypatch.setattr(timelines, "CANDIDATES_NEWEST", 2)
    first = (timelines._micros(times[0]), pks[0])
    columns, _, floor = timelines._candidates_load(
        viewer, session_key=None, made_at=times[0], floor=first, with_close=False
    )
    assert sorted(columns.pk.tolist()) == sorted(pks[1:]) and floor == (timelines._micros(times[2]), pks[2])


def payload(page: FeedPage) -> dict:
    return signing.loads(page.next_cursor, salt=timelines._FOR_YOU_SALT)


def test_visitors_without_a_session_share_one_ranking_until_a_new_post(world, django_assert_num_queries):
    _, people, _ = world
    anonymous = AnonymousUser()
    first = for_you_page(user=anonymous, cursor=None, size=5)
    with django_assert_num_queries(2):  # the newest post's id, then the page's posts
        again = for_you_page(user=anonymous, cursor=None, size=5)
    # The same snapshot (the cursors' payloads: their signatures carry the second they were made).
    assert again.posts == first.posts and payload(again) == payload(first)
    # Someone with a session gets their own (what they watched sinks for them).
    assert (
        payload(for_you_page(user=anonymous, cursor=None, size=5, session_key="xyz"))["k"]
        != payload(first)["k"]
    )
    fresh = publish(people[3], "brand new", like_count=900)
    assert fresh in for_you_page(user=anonymous, cursor=None, size=5).posts


def test_without_redis_the_page_still_shows_but_cannot_continue(world, monkeypatch):
    from django.core.cache.backends.redis import RedisCache

    me, _, _ = world
    page = for_you_page(user=me, cursor=None, size=5)
    nobody_listens = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    monkeypatch.setattr(timelines, "cache", nobody_listens)
    first = for_you_page(user=me, cursor=None, size=5)
    assert len(first.posts) == 5 and first.next_cursor is None
    later = for_you_page(user=me, cursor=page.next_cursor, size=5)  # its snapshot out of reach
    assert len(later.posts) == 5 and later.next_cursor is None
    anonymous = for_you_page(user=AnonymousUser(), cursor=None, size=5)
    assert len(anonymous.posts) == 5 and anonymous.next_cursor is None


def test_a_page_reads_what_another_process_grew(world, small_pool):
    """Snapshots live in the shared cache: a page past the first chunk shows what another process
    appended, exactly, rather than ranking a chunk of its own."""
    me, _, _ = world
    first = for_you_page(user=me, cursor=None, size=5)
    payload = signing.loads(first.next_cursor, salt=timelines._FOR_YOU_SALT)
    token = payload["k"]
    here = timelines._snapshot_load(token)
    # Another process scrolls past the first chunk and stores the grown snapshot.
    elsewhere = timelines._snapshot_load(token)
    viewer, _ = timelines._viewer_for(me)
    timelines._snapshot_extend(elsewhere, viewer, None)
    timelines._snapshot_extend(elsewhere, viewer, None)
    assert timelines._snapshot_store(elsewhere)
    assert len(elsewhere.ids) > len(here.ids) and elsewhere.ids[: len(here.ids)] == here.ids

    offset = len(here.ids) - 2  # a page across the end of the first chunk
    cursor = timelines._cursor_make(timelines._FOR_YOU_SALT, dict(payload, o=offset))
    page = for_you_page(user=me, cursor=cursor, size=5)
    assert [p.pk for p in page.posts] == elsewhere.ids[offset : offset + 5]
    assert timelines._snapshot_load(token) == elsewhere  # nothing to grow: stored as it was


def test_a_refresh_shows_a_post_published_by_another_process_at_once(world):
    """Publishing elsewhere (an UPDATE here) sends this process nothing: a first page reads the
    candidates afresh."""
    me, people, _ = world
    draft = make_finished_job(people[4]).post
    Post.objects.filter(pk=draft.pk).update(like_count=5000)
    for_you_page(user=me, cursor=None, size=5)
    Post.objects.filter(pk=draft.pk).update(status=Post.Status.PUBLISHED, published_at=timezone.now())
    assert draft.pk in [p.pk for p in for_you_page(user=me, cursor=None, size=5).posts]


def test_a_refresh_ranks_with_the_current_counters(world):
    """Likes counted elsewhere (an UPDATE, no signal) count on the next first page."""
    me, people, posts = world
    old = posts[40]  # a stranger's video from more than a day ago
    first = [p.pk for p in for_you_page(user=me, cursor=None, size=5).posts]
    assert old.pk not in first
    Post.objects.filter(pk=old.pk).update(like_count=10**9)
    assert for_you_page(user=me, cursor=None, size=5).posts[0].pk == old.pk


def test_removing_posts_in_bulk_drops_them_from_the_next_first_page(world):
    me, people, _ = world
    page = for_you_page(user=me, cursor=None, size=5)
    gone = page.posts[0]
    from feed.services import posts_remove

    posts_remove(job_ids=[gone.job_id], reason="test")
    assert gone.pk not in [p.pk for p in for_you_page(user=me, cursor=None, size=5).posts]
    assert len(for_you_page(user=me, cursor=None, size=5).posts) == 5


def test_vectors_line_up_with_candidates_old_friends_posts_included(world, small_pool):
    """Candidates' vectors are one matrix, friends' posts older than the newest part included:
    row i must be candidate i's embedding, zeros where it has none."""
    me, people, _ = world
    post_embeddings_fill()
    no_vector = publish(people[0], "a friend's post the worker has not embedded yet", hours_ago=13)
    steer_set(user=me, text="more cooking")
    viewer, _ = timelines._viewer_for(me)
    columns, vectors, floor = timelines._candidates_load(
        viewer, session_key=None, made_at=timezone.now(), floor=None, with_close=True
    )
    assert floor is not None and len(columns) > timelines.CANDIDATES_NEWEST  # friends' old posts too
    stored = dict(PostEmbedding.objects.values_list("post_id", "vector"))
    for pk, row in zip(columns.pk.tolist(), vectors, strict=True):
        if pk == no_vector.pk:
            assert not row.any()
        else:
            assert row.tobytes() == bytes(stored[pk])
    assert no_vector.pk in columns.pk.tolist()


def test_a_just_published_video_opens_its_creators_next_for_you_once(
    world, small_pool, django_capture_on_commit_callbacks
):
    me, people, posts = world
    draft = make_finished_job(me).post
    with django_capture_on_commit_callbacks(execute=True):
        post_publish(post=draft, user=me)
    assert for_you_page(user=people[3], cursor=None, size=5).posts[0].pk != draft.pk  # only for me
    pages = scroll(lambda **kw: for_you_page(user=me, **kw), size=5)
    seen = [pk for page in pages for pk in page]
    assert seen[0] == draft.pk and seen.count(draft.pk) == 1  # first, and never again in that scroll
    assert set(seen) == {p.pk for p in posts} | {draft.pk}
    # once: ranked on its own merits afterwards, it does not lead
    assert for_you_page(user=me, cursor=None, size=5).posts[0].pk != draft.pk


def test_this_pages_own_cursor_reloads_the_same_page(world, small_pool):
    """What Back reloads (static/js/feed.js): each page names itself, in the same snapshot."""
    me, _, _ = world
    first = for_you_page(user=me, cursor=None, size=5)
    second = for_you_page(user=me, cursor=first.next_cursor, size=5)
    for page in (first, second):
        again = for_you_page(user=me, cursor=page.here_cursor, size=5)
        assert [p.pk for p in again.posts] == [p.pk for p in page.posts]
