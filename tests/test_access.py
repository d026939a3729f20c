"""Who sees what, for every view: owner, stranger, anonymous visitor and staff (STYLE.md personas).

Drafts and jobs are private to their creator (staff review them in the admin, not in the app);
published posts are public. What a person may not see is a 404, so its existence does not leak.
"""

import pytest
from django.urls import reverse

from .conftest import make_finished_job

OWNER, STRANGER, ANONYMOUS, STAFF = "owner", "stranger", "anonymous", "staff"


@pytest.fixture
def login(client, alice, bob, staff):
    people = {OWNER: alice, STRANGER: bob, STAFF: staff, ANONYMOUS: None}

    def as_(who):
        client.logout()
        if people[who]:
            client.force_login(people[who])
        return client

    return as_


@pytest.mark.parametrize(("who", "expected"), [(OWNER, 200), (STRANGER, 404), (STAFF, 404), (ANONYMOUS, 302)])
@pytest.mark.parametrize("view", ["generation:job_detail", "generation:job_video", "generation:job_poster"])
def test_a_job_and_its_files_are_only_for_its_creator(login, alice, view, who, expected):
    job = make_finished_job(alice)
    assert login(who).get(reverse(view, args=[job.pk])).status_code == expected


@pytest.mark.parametrize(("who", "expected"), [(OWNER, 200), (STRANGER, 404), (STAFF, 404), (ANONYMOUS, 404)])
@pytest.mark.parametrize("view", ["feed:post_detail", "feed:post_video", "feed:post_poster"])
def test_a_draft_is_only_for_its_creator(login, alice_draft, view, who, expected):
    assert login(who).get(reverse(view, args=[alice_draft.pk])).status_code == expected


@pytest.mark.parametrize("who", [OWNER, STRANGER, STAFF, ANONYMOUS])
@pytest.mark.parametrize("view", ["feed:post_detail", "feed:post_video", "feed:post_poster"])
def test_a_published_post_is_for_everyone(login, alice_published, view, who):
    assert login(who).get(reverse(view, args=[alice_published.pk])).status_code == 200


@pytest.mark.parametrize(("who", "expected"), [(STRANGER, 404), (STAFF, 404), (ANONYMOUS, 302)])
def test_only_the_creator_can_publish(login, alice_draft, who, expected):
    response = login(who).post(reverse("feed:publish", args=[alice_draft.pk]))
    assert response.status_code == expected
    alice_draft.refresh_from_db()
    assert alice_draft.status == "draft"


def test_the_creator_publishes_with_htmx_and_gets_the_fragment(login, alice_draft):
    response = login(OWNER).post(
        reverse("feed:publish", args=[alice_draft.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Published." in response.content.decode()
    alice_draft.refresh_from_db()
    assert alice_draft.status == "published"


def test_publishing_twice_is_harmless(login, alice_published):
    first = alice_published.published_at
    assert login(OWNER).post(reverse("feed:publish", args=[alice_published.pk])).status_code == 302
    alice_published.refresh_from_db()
    assert alice_published.published_at == first


def test_my_drafts_lists_only_my_own(login, alice_draft, bob):
    make_finished_job(bob, prompt="Bob's secret draft")
    html = login(OWNER).get(reverse("feed:drafts")).content.decode()
    assert alice_draft.prompt in html and "Bob&#x27;s secret draft" not in html
    assert login(ANONYMOUS).get(reverse("feed:drafts")).status_code == 302


@pytest.mark.parametrize("who", [OWNER, STRANGER, STAFF, ANONYMOUS])
def test_the_feed_shows_published_posts_and_never_drafts(login, alice_draft, alice_published, who):
    html = login(who).get(reverse("feed:home")).content.decode()
    assert f'id="post-{alice_published.pk}"' in html
    assert f'id="post-{alice_draft.pk}"' not in html


def test_following_is_newest_first_and_pages_by_cursor_without_repeats(client, alice, bob):
    from feed.services import follow_create, post_publish
    from feed.views.pages import PAGE_SIZE

    follow_create(follower=bob, followee=alice)
    posts = [
        post_publish(post=make_finished_job(alice, prompt=f"clip {i}").post, user=alice) for i in range(13)
    ]
    client.force_login(bob)
    first = client.get(reverse("feed:home"), {"tab": "following"})
    ids = [p.pk for p in first.context["posts"]]
    assert ids == [p.pk for p in reversed(posts)][:PAGE_SIZE]
    post_publish(post=make_finished_job(alice, prompt="arrives meanwhile").post, user=alice)
    seen, cursor = ids, first.context["next_cursor"]
    while cursor:  # the post that arrived meanwhile never shows up on a later page
        page = client.get(reverse("feed:home"), {"tab": "following", "after": cursor})
        seen, cursor = seen + [p.pk for p in page.context["posts"]], page.context["next_cursor"]
    assert seen == [p.pk for p in reversed(posts)]


def test_staff_see_jobs_posts_users_and_the_queues_in_the_admin(login, alice_draft):
    staff_client = login(STAFF)
    for url in [
        reverse("admin:generation_job_changelist"),
        reverse("admin:generation_job_change", args=[alice_draft.job.pk]),
        reverse("admin:feed_post_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:django_rq_home"),
    ]:
        assert staff_client.get(url).status_code == 200, url
    assert login(STRANGER).get(reverse("admin:generation_job_changelist")).status_code == 302
    assert login(STRANGER).get(reverse("admin:django_rq_home")).status_code == 302
