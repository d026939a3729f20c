"""Querysets compiled once and run again with new values (sora.prepared): the same rows as the
ORM's, converted the same way, and a clear refusal for what cannot be a value."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed.models import Follow, Like, Post
from feed.services import follow_create, like_create, post_publish
from sora import prepared
from sora.prepared import PrepareError, prepared_forget, prepared_models, prepared_rows

from .conftest import make_finished_job, make_user


@pytest.fixture(autouse=True)
def forget():
    prepared_forget()
    yield
    prepared_forget()


@pytest.fixture
def people(db):
    users = [make_user(f"p{i}") for i in range(4)]
    posts = []
    for i, user in enumerate(users):
        for j in range(2):
            posts.append(post_publish(post=make_finished_job(user, prompt=f"clip {i}.{j}").post, user=user))
    follow_create(follower=users[0], followee=users[1])
    follow_create(follower=users[0], followee=users[2])
    follow_create(follower=users[1], followee=users[0])
    like_create(user=users[0], post=posts[2])
    like_create(user=users[3], post=posts[2])
    return users, posts


def posts_query(*, uid: int, after):
    """A shape with a datetime column, a boolean column and the same value twice."""
    followed = Follow.objects.filter(follower_id=uid).values("followee_id")
    liked = Exists(Like.objects.filter(post=OuterRef("pk"), user_id=uid))
    posts = Post.objects.filter(author_id__in=followed, published_at__gte=after).order_by("pk")
    return posts.values_list("pk", "published_at", liked, "job__prompt")


def test_rows_are_the_orms_for_each_value_and_compiled_once(people):
    users, _ = people
    compiled = []
    original = prepared._prepare

    def counting(*args):
        compiled.append(args)
        return original(*args)

    prepared._prepare = counting
    try:
        for user in users:
            for after in (timezone.now() - timedelta(days=1), timezone.now() + timedelta(days=1)):
                got = prepared_rows("test.posts", posts_query, uid=user.pk, after=after)
                assert got == list(posts_query(uid=user.pk, after=after)), (user, after)
    finally:
        prepared._prepare = original
    assert len(compiled) == 1
    # The values reach the database: user 0 follows two people with two videos each, liking one.
    rows = prepared_rows("test.posts", posts_query, uid=users[0].pk, after=timezone.now() - timedelta(days=1))
    assert len(rows) == 4 and [row[2] for row in rows].count(True) == 1
    assert all(row[1].tzinfo is not None for row in rows)  # converted as the ORM converts them
    assert all(isinstance(row[2], bool) for row in rows)


def test_each_run_is_one_query(people):
    users, _ = people
    prepared_rows("test.posts", posts_query, uid=users[0].pk, after=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        prepared_rows("test.posts", posts_query, uid=users[1].pk, after=timezone.now())
    assert len(queries) == 1


def test_unions_with_constant_columns(people):
    users, _ = people

    def circles(*, uid):
        own = Follow.objects.filter(follower_id=uid).values_list("follower_id", "followee_id")
        back = Follow.objects.filter(followee_id=uid).values_list("follower_id", "followee_id")
        return own.union(back)

    for user in users:
        assert sorted(prepared_rows("test.circles", circles, uid=user.pk)) == sorted(circles(uid=user.pk))


def test_what_cannot_be_a_value_is_refused(people):
    users, _ = people

    def limited(*, uid, n):
        return Post.objects.filter(author_id=uid).values_list("pk")[:n]

    with pytest.raises(PrepareError, match="stand-in values"):  # a slice bound is SQL text
        prepared_rows("test.limited", limited, uid=users[0].pk, n=7)

    def written_in(*, uid, word):
        return Post.objects.filter(author_id=uid).extra(where=[f"'{word}' = '{word}'"]).values_list("pk")

    with pytest.raises(PrepareError, match="into the SQL text"):
        prepared_rows("test.written", written_in, uid=users[0].pk, word="x")

    def unused(*, uid, other):
        return Post.objects.filter(author_id=uid).values_list("pk")

    with pytest.raises(PrepareError, match="no parameter"):
        prepared_rows("test.unused", unused, uid=users[0].pk, other=3)
    for bad in (None, True):
        with pytest.raises(PrepareError, match="changes the SQL"):
            prepared_rows("test.bad", unused, uid=bad, other=1)
    with pytest.raises(PrepareError, match="prepared_models"):
        prepared_rows("test.models", lambda *, uid: Post.objects.filter(author_id=uid), uid=users[0].pk)
    with pytest.raises(PrepareError, match="values_list"):
        flat = Post.objects.filter(author_id=users[0].pk).values_list("pk", flat=True)
        prepared_rows("test.flat", lambda *, uid: flat.filter(author_id=uid), uid=users[0].pk)


def test_model_instances_as_the_orm_builds_them(people, django_assert_num_queries):
    """select_related, a deferred column, an annotation: the same objects, no query per object."""
    users, posts = people

    def page(*, uid, first, second):
        liked = Exists(Like.objects.filter(post=OuterRef("pk"), user_id=uid))
        posts = Post.objects.filter(pk__in=[first, second]).select_related("author", "author__profile", "job")
        return posts.only(
            "status", "author__username", "author__profile__display_name", "job__prompt"
        ).annotate(liked=liked)

    def shown(page_posts):
        return [
            (p.pk, p.status, p.author.username, p.author.profile.display_name, p.job.prompt, p.liked)
            for p in page_posts
        ]

    for user in users:
        for first, second in ((posts[2], posts[5]), (posts[0], posts[7])):
            values = {"uid": user.pk, "first": first.pk, "second": second.pk}
            want = sorted(page(**values), key=lambda p: p.pk)
            with django_assert_num_queries(1):  # related objects come with it
                got = sorted(prepared_models("test.page", page, **values), key=lambda p: p.pk)
                assert shown(got) == shown(want)
            assert [p.get_deferred_fields() for p in got] == [p.get_deferred_fields() for p in want]
    liked_one = prepared_models("test.page", page, uid=users[0].pk, first=posts[2].pk, second=posts[3].pk)
    assert {p.pk: p.liked for p in liked_one} == {posts[2].pk: True, posts[3].pk: False}


@pytest.mark.django_db(transaction=True)
def test_a_shape_compiled_in_one_thread_runs_in_another():
    users = [make_user(f"t{i}") for i in range(2)]
    follow_create(follower=users[0], followee=users[1])
    after = timezone.now() - timedelta(days=1)
    prepared_rows("test.posts", posts_query, uid=users[0].pk, after=after)
    results, errors = [], []

    def other_thread():
        try:
            results.append(prepared_rows("test.posts", posts_query, uid=users[0].pk, after=after))
            results.append(list(posts_query(uid=users[0].pk, after=after)))
        except Exception as exc:
            errors.append(exc)
        finally:
            from django.db import connections

            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert errors == []
    assert results[0] == results[1]
