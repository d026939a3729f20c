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
