"""Video bytes with HTTP Range, so every browser (Safari included) can seek."""

import pytest
from django.urls import reverse

from .conftest import make_finished_job

BODY = bytes(range(256)) * 40  # 10,240 bytes with a recognisable pattern


@pytest.fixture
def video_url(client, alice):
    client.force_login(alice)
    job = make_finished_job(alice, video_bytes=BODY)
    return reverse("generation:job_video", args=[job.pk])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_whole_file_announces_range_support(client, video_url):
    response = client.get(video_url)
    assert response.status_code == 200 and _body(response) == BODY
    assert response["Accept-Ranges"] == "bytes" and response["Content-Length"] == str(len(BODY))
    assert response["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-1", 0, 1),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-500", 9740, 10239),
        ("bytes=10000-", 10000, 10239),
    ],
)
def test_partial_content(client, video_url, header, start, end):
    response = client.get(video_url, headers={"Range": header})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(BODY)}"
    assert _body(response) == BODY[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=20000-", "bytes=5-2", "bytes=-0", "pages=1-2", "bytes=0-1,5-6"])
def test_unsatisfiable_range_is_416(client, video_url, header):
    response = client.get(video_url, headers={"Range": header})
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(BODY)}"


def test_front_server_handoff_with_x_accel_redirect(client, video_url, settings):
    settings.SORA_X_ACCEL_MEDIA_PREFIX = "/protected-media/"
    response = client.get(video_url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"].startswith("/protected-media/jobs/")


# --- A post's media: cache headers, conditional requests, captions and download ------------------


@pytest.fixture
def published_post(alice):
    from feed.services import post_publish

    return post_publish(post=make_finished_job(alice, video_bytes=BODY).post, user=alice)


def test_published_media_is_cached_publicly_with_validators(client, published_post):
    response = client.get(f"/p/{published_post.pk}/video.mp4")
    assert response.status_code == 200 and _body(response) == BODY
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")


def test_draft_media_is_private_and_revalidated_every_time(client, alice):
    draft = make_finished_job(alice, video_bytes=BODY).post
    client.force_login(alice)
    for url in (f"/p/{draft.pk}/video.mp4", f"/p/{draft.pk}/poster.jpg", f"/p/{draft.pk}/download.mp4"):
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"
    assert client.get(f"/p/{draft.pk}/captions.vtt")["Cache-Control"] == "private, no-cache"


def test_a_cached_copy_is_confirmed_with_304(client, published_post):
    url = f"/p/{published_post.pk}/video.mp4"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=86400"
    assert client.get(url, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110).
    assert (
        client.get(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}).status_code
        == 200
    )
    assert client.get(url, headers={"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_resuming_with_if_range_gets_the_part_only_while_the_file_is_unchanged(client, published_post):
    url = f"/p/{published_post.pk}/video.mp4"
    etag = client.get(url)["ETag"]
    resumed = client.get(url, headers={"Range": "bytes=100-199", "If-Range": etag})
    assert resumed.status_code == 206 and _body(resumed) == BODY[100:200]
    changed = client.get(url, headers={"Range": "bytes=100-199", "If-Range": '"something-else"'})
    assert changed.status_code == 200 and _body(changed) == BODY


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-0", 0, 0),
        ("bytes=4096-8191", 4096, 8191),
        ("bytes=-1", 10239, 10239),
        ("bytes=9000-99999", 9000, 10239),
    ],
)
def test_post_video_answers_ranges(client, published_post, header, start, end):
    response = client.get(f"/p/{published_post.pk}/video.mp4", headers={"Range": header})
    assert response.status_code == 206 and response["Content-Length"] == str(end - start + 1)
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(BODY)}"
    assert _body(response) == BODY[start : end + 1]


def test_post_video_refuses_an_unsatisfiable_range(client, published_post):
    response = client.get(f"/p/{published_post.pk}/video.mp4", headers={"Range": "bytes=10240-"})
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(BODY)}"


def test_head_is_answered_like_get(client, published_post):
    response = client.head(f"/p/{published_post.pk}/video.mp4")
    assert response.status_code == 200 and response["Content-Length"] == str(len(BODY))
    assert client.post(f"/p/{published_post.pk}/video.mp4").status_code == 405


def test_download_is_the_same_file_as_an_attachment_with_a_telling_name(client, published_post):
    response = client.get(f"/p/{published_post.pk}/download.mp4")
    assert response.status_code == 200 and _body(response) == BODY
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"] == f'attachment; filename="sora-alice-{published_post.pk}.mp4"'
    partial = client.get(f"/p/{published_post.pk}/download.mp4", headers={"Range": "bytes=10-19"})
    assert partial.status_code == 206 and _body(partial) == BODY[10:20]


def test_x_accel_hands_post_media_to_the_front_server_which_answers_the_range(
    client, published_post, settings
):
    settings.SORA_X_ACCEL_MEDIA_PREFIX = "/protected-media/"
    response = client.get(f"/p/{published_post.pk}/video.mp4", headers={"Range": "bytes=0-99"})
    # Django does not cut the range: nginx does, from the file at the internal location.
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{published_post.job.video.name}"
    assert response["Cache-Control"] == "public, max-age=86400" and response["Content-Type"] == "video/mp4"
    download = client.get(f"/p/{published_post.pk}/download.mp4")
    assert download["X-Accel-Redirect"] == response["X-Accel-Redirect"]
    assert download["Content-Disposition"].startswith("attachment; filename=")


def test_x_accel_is_never_used_for_private_storage(client, alice, settings, astronaut_portrait):
    from .conftest import make_cameo

    settings.SORA_X_ACCEL_MEDIA_PREFIX = "/protected-media/"
    cameo = make_cameo(alice, astronaut_portrait)
    client.force_login(alice)
    response = client.get(reverse("cameo:portrait", args=[cameo.pk]))
    assert response.status_code == 200 and "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_captions_follow_the_spoken_lines(client, published_post):
    job = published_post.job
    job.render_info = {
        "spoken": [
            {"text": "second <b>line</b> & more", "speaker": "cat", "start": 2.5, "end": 3.25},
            {"text": "best\nday  ever!", "speaker": "corgi", "start": 0.35, "end": 1.063},
            {"text": "broken", "start": "soon"},
            {"text": "", "start": 4, "end": 4.5},
        ]
    }
    job.save()
    response = client.get(f"/p/{published_post.pk}/captions.vtt")
    assert response.status_code == 200 and response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode() == (
        "WEBVTT\n\n"
        "1\n00:00:00.350 --> 00:00:01.063\nbest day ever!\n\n"
        "2\n00:00:02.500 --> 00:00:03.250\nsecond &lt;b&gt;line&lt;/b&gt; &amp; more\n"
    )


def test_a_silent_video_has_an_empty_but_valid_caption_track(client, published_post):
    response = client.get(f"/p/{published_post.pk}/captions.vtt")
    assert response.status_code == 200 and response.content == b"WEBVTT\n\n"
