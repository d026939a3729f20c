"""The whole path through real components: allauth sign-up, the RQ queue on Redis, the render
worker, ffmpeg, the draft, publishing and the feed."""

import pytest
from django.urls import reverse

from feed.models import Post
from generation.models import Job
from generation.probe import moov_before_mdat, probe_media

from .conftest import PASSWORD, run_worker

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit must really fire


def test_sign_up_submit_render_publish_and_find_it_in_the_feed(client, render_queue, media_root):
    response = client.post(
        reverse("account_signup"),
        {"email": "nia@example.com", "username": "nia", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(reverse("feed:home")).context["user"].username == "nia"

    prompt = 'A corgi surfs a huge wave at sunset, then says "best day ever!"'
    response = client.post(
        reverse("generation:create"), {"prompt": prompt, "duration": "5", "orientation": "portrait"}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED and render_queue.job_ids == [job.rq_job_id]
    assert "Queued" in client.get(job.get_absolute_url()).content.decode()

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.progress == 1.0 and job.render_info["video"]["engine"] == "preview"
    post = Post.objects.get(job=job)
    assert post.status == Post.Status.DRAFT and post.author.username == "nia"

    info = probe_media(job.video.path)
    assert [s.codec for s in info.of_kind("video")] == ["h264"]
    assert [s.codec for s in info.of_kind("audio")] == ["aac"]
    assert (info.video.width, info.video.height) == (720, 1280)
    frame = 1 / 24
    assert abs(info.video_seconds - 5) <= frame and abs(info.audio_seconds - 5) <= frame
    assert info.video_frames == 5 * 24
    assert moov_before_mdat(job.video.path), "+faststart: the index must come first for streaming"
    assert job.poster.size > 1000

    job_page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("generation:job_video", args=[job.pk]) in job_page
    assert "preview</strong> video engine" in job_page
    assert "How this video was made" in job_page and f"<dd>{job.seed} · 720x1280 at 24 fps</dd>" in job_page
    drafts = client.get(reverse("feed:drafts")).content.decode()
    assert reverse("feed:publish", args=[post.pk]) in drafts

    video = client.get(reverse("generation:job_video", args=[job.pk]))
    assert video.status_code == 200 and video["Content-Type"] == "video/mp4"
    assert b"".join(video.streaming_content) == job.video.open("rb").read()

    feed_before = client.get(reverse("feed:home")).content.decode()
    assert f'id="post-{post.pk}"' not in feed_before, "a draft is not in the feed"

    response = client.post(reverse("feed:publish", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.published_at is not None

    feed = client.get(reverse("feed:home")).content.decode()
    assert f'id="post-{post.pk}"' in feed
    assert reverse("feed:post_video", args=[post.pk]) in feed
    assert "best day ever!" in feed
    client.logout()
    assert f'id="post-{post.pk}"' in client.get(reverse("feed:home")).content.decode()
    assert client.get(reverse("feed:post_video", args=[post.pk])).status_code == 200


def test_landscape_ten_seconds_renders_at_the_requested_size_and_length(client, alice, render_queue):
    client.force_login(alice)
    client.post(
        reverse("generation:create"),
        {"prompt": "Neon city street in the rain at night", "duration": "10", "orientation": "landscape"},
    )
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED, job.error
    info = probe_media(job.video.path)
    assert (info.video.width, info.video.height) == (1280, 720)
    assert abs(info.video_seconds - 10) <= 1 / 24 and abs(info.audio_seconds - 10) <= 1 / 24
