"""Create page: bad input gets a clear form error and stores nothing."""

import pytest
from django.urls import reverse

from generation.models import Job

URL = reverse("generation:create")
GOOD = {"prompt": "A corgi surfs a huge wave at sunset", "duration": "5", "orientation": "portrait"}


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_form_offers_the_three_lengths_and_two_orientations(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    for value in ('value="5"', 'value="10"', 'value="15"', 'value="portrait"', 'value="landscape"'):
        assert value in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"prompt": ""}, "Describe the video you want: the prompt is empty."),
        ({"prompt": "   \n  "}, "Describe the video you want: the prompt is empty."),
        ({"prompt": "x" * 1001}, "Keep the prompt under 1000 characters (it has 1001)."),
        ({"duration": "7"}, "Pick a length of 5, 10 or 15 seconds."),
        ({"duration": "ten"}, "Pick a length of 5, 10 or 15 seconds."),
        ({"duration": ""}, "Pick a length: 5, 10 or 15 seconds."),
        ({"orientation": "square"}, "Pick portrait (9:16) or landscape (16:9)."),
        ({"orientation": ""}, "Pick portrait or landscape."),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_stored(client, alice, render_queue, change, message):
    client.force_login(alice)
    response = client.post(URL, {**GOOD, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Job.objects.count() == 0
    assert render_queue.count == 0


def test_a_prompt_of_exactly_1000_characters_is_accepted(
    client, alice, render_queue, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**GOOD, "prompt": "y" * 1000})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert render_queue.job_ids == [job.rq_job_id]


def test_the_job_is_enqueued_only_after_the_transaction_commits(
    client, alice, render_queue, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(URL, {**GOOD, "duration": "10", "orientation": "landscape"})
    job = Job.objects.get()
    assert render_queue.count == 0, "nothing may reach the queue before the row is committed"
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    assert render_queue.job_ids == [job.rq_job_id]
    assert (job.duration, job.orientation, job.spec["width"], job.spec["height"]) == (
        10,
        "landscape",
        1280,
        720,
    )
    assert job.spec["handle"] == "alice" and job.video_engine == "preview"


def test_a_prompt_past_the_limit_is_refused_with_its_text_kept_and_counted(client, alice, render_queue):
    # The textarea has no maxlength (a browser would cut a long paste without a word): the server
    # refuses, shows the whole text back, and the counter under it says it is too long.
    client.force_login(alice)
    long = ("A corgi surfs a huge wave at sunset. " * 30).strip()  # 1,109 characters
    response = client.post(URL, {**GOOD, "prompt": long})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Keep the prompt under 1000 characters (it has {len(long)})." in html
    assert long in html  # kept, whole
    assert 'maxlength="1000"' not in html
    assert 'data-max-length="1000"' in html and 'dir="auto"' in html
    assert f"<span data-count>{len(long)}</span> / 1000 characters<span data-over>: too long" in html
    assert Job.objects.count() == 0 and render_queue.count == 0


def test_the_counter_starts_at_zero_on_an_empty_form(client, alice):
    client.force_login(alice)
    html = client.get(URL).content.decode()
    assert "<span data-count>0</span> / 1000 characters<span data-over></span>" in html
    assert 'aria-describedby="prompt-count"' in html
