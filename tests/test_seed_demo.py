"""`seed_demo` renders a small real world once; a second run creates nothing."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from PIL import Image

from feed.captions import captions_vtt
from feed.models import Comment, Follow, Like, Notification, Post, PostEmbedding
from generation.models import Job

from .conftest import make_user


def seed(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def world() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "jobs": Job.objects.count(),
        "posts": Post.objects.count(),
        "follows": Follow.objects.count(),
        "likes": Like.objects.count(),
        "comments": Comment.objects.count(),
        "notifications": Notification.objects.count(),
    }


# Renders run in this process and close its connection, as the worker does: commit for real.
@pytest.mark.django_db(transaction=True)
def test_a_small_demo_world_is_rendered_once_and_only_once(client, render_queue, media_root):
    output = seed("--users", "4", "--videos", "3", "--remixes", "1", "--jobs", "2")
    assert "4 users (4 new), " in output and "3 videos (3 new)" in output and "1 remixes (1 new)" in output
    assert "could not" not in output

    people = get_user_model().objects.filter(email__endswith="@demo.sora.invalid").select_related("profile")
    assert people.count() == 4
    for person in people:
        assert person.profile.display_name and person.profile.bio
        with Image.open(media_root / person.profile.avatar.name) as avatar:
            assert avatar.format == "WEBP" and avatar.size == (256, 256)
    follows = set(Follow.objects.values_list("follower_id", "followee_id"))
    assert any((b, a) in follows for a, b in follows), "some follow each other"

    posts = Post.objects.select_related("job", "remix_node").annotate(
        likes_n=Count("likes", distinct=True), comments_n=Count("comments", distinct=True)
    )
    assert len(posts) == 4 and all(post.is_published and post.published_at for post in posts)
    for post in posts:
        assert post.job.video.open("rb").read(12)[4:8] == b"ftyp"  # a real MP4
        assert (post.like_count, post.comment_count) == (post.likes_n, post.comments_n)
    assert sum(post.like_count for post in posts) > 0 and sum(post.comment_count for post in posts) > 0
    remix = next(post for post in posts if hasattr(post, "remix_node") and post.remix_node.parent_id)
    assert remix.remix_node.parent.post.remix_node.remix_count == 1
    corgi = next(post for post in posts if post.job.prompt.startswith("A corgi surfs"))
    assert "best day ever!" in captions_vtt(corgi.job)
    assert Job.objects.filter(status=Job.Status.SUCCEEDED).count() == 4
    assert len(render_queue) == 0  # rendered here; nothing left for a worker to pick up
    # Embedded here too, so steering works on the demo before any worker runs.
    assert PostEmbedding.objects.filter(post__in=posts).count() == 4

    # The documented password works, and the feed and a profile show the world.
    login = re.search(r"Log in as @(\w+)", output).group(1)
    assert client.login(username=login, password="sora-demo")
    profile = client.get(f"/u/{login}/").content.decode()
    assert "poster.jpg" in profile or "No published videos yet." in profile

    before = world()
    again = seed("--users", "4", "--videos", "3", "--remixes", "1")
    assert re.findall(r"\((\d+) new\)", again) == ["0"] * 6, again
    assert world() == before


def test_a_real_account_with_a_demo_handle_is_left_alone(db, media_root):
    real = make_user("maya_makes")
    output = seed("--users", "3", "--videos", "0")
    assert "@maya_makes is a real account here, not a demo one: left alone." in output
    real.refresh_from_db()
    assert real.profile.display_name == "" and not real.profile.avatar
    assert "2 users (2 new)" in output


@pytest.mark.parametrize(
    "args", [["--users", "1"], ["--users", "13"], ["--videos", "-1"], ["--remixes", "99"]]
)
def test_out_of_range_options_are_refused_before_anything_is_made(db, args):
    with pytest.raises(CommandError):
        seed(*args)
    assert not get_user_model().objects.exists()
