"""Who may see a post and its media: the page, video, poster, captions and download agree.

Published: everyone. Draft: its creator and its cameo co-owners (people whose likeness is in it).
Removed: its creator only. Staff get no exception (the cameo consent model gives them none);
a follower is a stranger as far as drafts go. Hidden things answer 404, so existence doesn't leak.
"""

import pytest

from cameo.models import Appearance, Cameo
from feed.models import Follow, Post
from feed.services import post_publish, posts_remove

from .conftest import make_cameo, make_finished_job, make_user

ENDPOINTS = [
    "/p/{pk}/",
    "/p/{pk}/video.mp4",
    "/p/{pk}/poster.jpg",
    "/p/{pk}/captions.vtt",
    "/p/{pk}/download.mp4",
]
PERSONAS = ["anonymous", "owner", "follower", "stranger", "staff", "coowner"]
SEES = {
    "published": set(PERSONAS),
    "draft": {"owner", "coowner"},
    "removed": {"owner"},
}


@pytest.fixture
def world(alice, bob, staff, astronaut_portrait):
    carol = make_user("carol")
    Follow.objects.create(follower=carol, followee=alice)
    erin = make_user("erin")
    cameo = make_cameo(erin, astronaut_portrait, tier=Cameo.Tier.EVERYONE)  # she allows it: it publishes
    posts = {}
    for status in SEES:
        post = make_finished_job(alice, prompt=f"A {status} video with @erin").post
        # erin's likeness is in every one of them: a co-owner, as the cameo app records it.
        Appearance.objects.create(job=post.job, owner=erin, cameo=cameo)
        if status != "draft":
            post = post_publish(post=post, user=alice)
        if status == "removed":
            posts_remove(job_ids=[post.job_id], reason="erin took her cameo back")
            post.refresh_from_db()
        posts[status] = post
    people = {
        "anonymous": None,
        "owner": alice,
        "follower": carol,
        "stranger": bob,
        "staff": staff,
        "coowner": erin,
    }
    return posts, people


@pytest.mark.parametrize("status", list(SEES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_exactly_what_they_may(client, world, status, persona):
    posts, people = world
    post = posts[status]
    assert post.status == status
    if people[persona] is not None:
        client.force_login(people[persona])
    expected = 200 if persona in SEES[status] else 404
    for endpoint in ENDPOINTS:
        url = endpoint.format(pk=post.pk)
        assert client.get(url).status_code == expected, (url, persona, status)


def test_a_co_owner_whose_likeness_was_taken_out_no_longer_sees_the_draft(client, world):
    from django.utils import timezone

    posts, people = world
    draft = posts["draft"]
    client.force_login(people["coowner"])
    assert client.get(f"/p/{draft.pk}/video.mp4").status_code == 200
    Appearance.objects.filter(job=draft.job).update(removed_at=timezone.now())
    for endpoint in ENDPOINTS:
        assert client.get(endpoint.format(pk=draft.pk)).status_code == 404


def test_an_appearance_in_another_video_grants_nothing(client, world, alice):
    posts, people = world
    other = make_finished_job(alice, prompt="Alice alone").post
    client.force_login(people["coowner"])
    assert client.get(f"/p/{other.pk}/").status_code == 404


def test_a_co_owner_sees_the_draft_page_but_cannot_publish_or_remix_it(client, world):
    posts, people = world
    draft = posts["draft"]
    client.force_login(people["coowner"])
    page = client.get(f"/p/{draft.pk}/").content.decode()
    assert f"/p/{draft.pk}/video.mp4" in page and f"/p/{draft.pk}/publish/" not in page
    response = client.post(f"/p/{draft.pk}/publish/")
    assert response.status_code in (302, 403)
    assert Post.objects.get(pk=draft.pk).status == Post.Status.DRAFT
    response = client.get(f"/remix/{draft.pk}/")
    assert (
        response.status_code == 403 and "Only published videos can be remixed." in response.content.decode()
    )


def test_the_owner_of_a_removed_video_is_told_why(client, world):
    posts, people = world
    client.force_login(people["owner"])
    assert "erin took her cameo back" in client.get("/drafts/").content.decode()


def test_a_missing_post_is_404_for_everyone(client, world, staff):
    client.force_login(staff)
    for endpoint in ENDPOINTS:
        assert client.get(endpoint.format(pk=999999)).status_code == 404
