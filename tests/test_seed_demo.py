"""`seed_demo` renders a small real world once, cameos included; a second run creates nothing."""

import io
import re
from itertools import combinations
from pathlib import Path

import imageio_ffmpeg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from PIL import Image

from cameo.analysis import encoding_distance
from cameo.models import Cameo, Verification
from feed.captions import captions_vtt
from feed.models import Comment, Follow, Like, Notification, Post, PostEmbedding
from generation.models import Job
from generation.services import job_create
from generation.signals import JobRefused
from sora.demo.cameos import face_encoding

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
    output = seed(
        "--users", "5", "--videos", "1", "--remixes", "0", "--cameo-videos", "3", "--jobs", "2"
    )  # fmt: skip
    assert "5 users (5 new), " in output and "4 cameos (4 new)" in output, output
    assert "4 videos (4 new)" in output and "2 remixes (2 new)" in output, output
    assert "could not" not in output and "Left out" not in output

    people = get_user_model().objects.filter(email__endswith="@demo.sora.invalid").select_related("profile")
    assert people.count() == 5
    for person in people:
        assert person.profile.display_name and person.profile.bio
        with Image.open(media_root / person.profile.avatar.name) as avatar:
            assert avatar.format == "WEBP" and avatar.size == (256, 256)
    follows = set(Follow.objects.values_list("follower_id", "followee_id"))
    assert any((b, a) in follows for a, b in follows), "some follow each other"

    posts = Post.objects.select_related("job", "remix_node").annotate(
        likes_n=Count("likes", distinct=True), comments_n=Count("comments", distinct=True)
    )
    assert len(posts) == 6 and all(post.is_published and post.published_at for post in posts)
    for post in posts:
        assert post.job.video.open("rb").read(12)[4:8] == b"ftyp"  # a real MP4
        assert (post.like_count, post.comment_count) == (post.likes_n, post.comments_n)
    assert sum(post.like_count for post in posts) > 0 and sum(post.comment_count for post in posts) > 0
    assert Job.objects.filter(status=Job.Status.SUCCEEDED).count() == 6
    # Rendered here; nothing left for a worker to pick up. (The CPU queue also holds each published
    # post's embedding, which a worker would make again: harmless, and embedded below already.)
    assert [name for name in render_queue.job_ids if name.startswith("render-")] == []
    # Embedded here too, so steering works on the demo before any worker runs.
    assert PostEmbedding.objects.filter(post__in=posts).count() == 6

    # Clips of 5, 10 and 15 s, as long as they say.
    lengths = {}
    for post in posts:
        frames, seconds = imageio_ffmpeg.count_frames_and_secs(post.job.video.path)
        lengths.setdefault(post.job.duration, []).append(seconds)
        assert abs(seconds - post.job.duration) < 0.5, (post.job.prompt, seconds)
    assert set(lengths) == {5, 10, 15}

    # Remixes of cameo videos: they keep the parent's likeness and its length.
    leo_remix = next(
        post for post in posts if post.job.prompt.startswith("@leo_waves surfs a huge wave under")
    )
    parent = leo_remix.remix_node.parent.post
    assert parent.author.username == "maya_makes" and leo_remix.author.username == "leo_waves"
    assert parent.remix_node.remix_count == 1 and leo_remix.job.duration == parent.job.duration
    assert appeared(leo_remix.job) == appeared(parent.job) == {"leo_waves"}
    assert "best day ever!" in captions_vtt(parent.job)

    # One cameo per tier, approved the way staff approve one, each a different real face.
    cameos = {cameo.handle: cameo for cameo in Cameo.objects.select_related("owner", "verification")}
    tiers = {handle: cameo.tier for handle, cameo in cameos.items()}
    assert tiers == {"lina_stars": "everyone", "leo_waves": "mutuals", "zoe_dances": "approved",
                     "theo_and_cat": "only_me"}  # fmt: skip
    for cameo in cameos.values():
        assert cameo.enabled and cameo.verification.status == Verification.Status.APPROVED
        assert cameo.verification.scores["demo_portrait"]["passed"], "says plainly it was no recording"
        assert len(cameo.encoding) == 128
        with cameo.portrait.open("rb") as portrait:
            jpeg = portrait.read()
        assert face_encoding(jpeg)[0] == pytest.approx(cameo.encoding)  # computed from its portrait
        assert Path(cameo.portrait.path).is_relative_to(settings.SORA_PRIVATE_ROOT)  # never public
    others = [encoding_distance(a.encoding, b.encoding) for a, b in combinations(cameos.values(), 2)]
    assert min(others) > 0.6, "four different people"
    assert set(cameos["zoe_dances"].approved_users.values_list("username", flat=True)) == {
        "maya_makes", "lina_stars"
    }  # fmt: skip
    assert appeared(next(p.job for p in posts if p.job.prompt.startswith("@zoe_dances"))) == {"zoe_dances"}

    # The documented account works, the feed and a profile show the world, and the closing
    # words name whose cameo it may use and whose it may not.
    login = re.search(r"Log in as @(\w+)", output).group(1)
    assert login == "maya_makes" and client.login(username=login, password="sora-demo")
    profile = client.get(f"/u/{login}/").content.decode()
    assert "poster.jpg" in profile or "No published videos yet." in profile
    assert re.search(r"put @lina_stars .*, @leo_waves .* and @zoe_dances .* in a prompt", output), output
    assert "@theo_and_cat (only they may): refused." in output

    before = world()
    again = seed("--users", "5", "--videos", "1", "--remixes", "0", "--cameo-videos", "3")
    assert re.findall(r"\((\d+) new\)", again) == ["0"] * 7, again
    assert world() == before

    # Logged in as the demo person, a friend's cameo works at once, through the real consent
    # check; someone who keeps theirs to themselves refuses, and nothing is stored. (Past her
    # quota of two at once: this is about consent.)
    maya = get_user_model().objects.get(username="maya_makes")
    for friend in ("lina_stars", "leo_waves", "zoe_dances"):
        job = job_create(owner=maya, prompt=f"@{friend} waves hello from the beach", duration=5,
                         orientation="portrait", quota=False)  # fmt: skip
        assert appeared(job) == {friend} and job.spec["references"][0]["name"] == f"@{friend}"
    jobs = Job.objects.count()
    with pytest.raises(JobRefused, match=r"^@theo_and_cat hasn't allowed you to use their cameo\.$"):
        job_create(
            owner=maya, prompt="@theo_and_cat waves hello", duration=5, orientation="portrait", quota=False
        )
    assert Job.objects.count() == jobs
    # A mutual's cameo is refused to someone who is not one.
    kenji = make_user("kenji")
    with pytest.raises(JobRefused, match="@leo_waves hasn't allowed you"):
        job_create(owner=kenji, prompt="@leo_waves waves hello", duration=5, orientation="portrait")


def appeared(job: Job) -> set[str]:
    return set(job.appearances.values_list("owner__username", flat=True))


def test_a_real_account_with_a_demo_handle_is_left_alone(db, media_root):
    real = make_user("maya_makes")
    output = seed("--users", "4", "--videos", "0", "--cameo-videos", "0")
    assert "@maya_makes is a real account here, not a demo one: left alone." in output
    real.refresh_from_db()
    assert real.profile.display_name == "" and not real.profile.avatar
    assert "3 users (3 new)" in output and "3 cameos (3 new)" in output
    # Nor is it put on a demo cameo's approved list, nor given a cameo.
    assert not real.cameos_approved_for_me.exists() and not Cameo.objects.filter(owner=real).exists()
    assert Cameo.objects.get(owner__username="zoe_dances").approved_users.get().username == "lina_stars"


@pytest.mark.parametrize(
    "args",
    [["--users", "1"], ["--users", "13"], ["--videos", "-1"], ["--remixes", "99"], ["--cameo-videos", "6"]],
)
def test_out_of_range_options_are_refused_before_anything_is_made(db, args):
    with pytest.raises(CommandError):
        seed(*args)
    assert not get_user_model().objects.exists()
