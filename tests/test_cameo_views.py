"""Every cameo view, for every persona: anonymous, owner, friend, stranger and staff.

Whose likeness, recording or appearance it is decides who sees it. Anything that isn't yours is a
404, never a 403, so its existence does not leak. Staff may open any recording and portrait (they
review likenesses) but review in the admin, not on the user's pages. Private files come only from
these checked views: never from MEDIA_ROOT, never from a URL.
"""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cameo.models import Appearance, Cameo, Challenge, Verification
from feed.models import Notification, Post
from feed.services import follow_create, post_publish
from generation.models import Job
from generation.services import job_create
from generation.signals import job_succeeded

from .conftest import make_cameo, make_user, media_files, run_worker

OWNER, FRIEND, STRANGER, STAFF, ANONYMOUS = "owner", "friend", "stranger", "staff", "anonymous"
PLAIN_STAFF, REVIEWER = "plain staff", "reviewer"  # staff granted nothing; staff granted the review
SIGNED_IN = (OWNER, FRIEND, STRANGER, STAFF)

RECORDING = b"\x1a\x45\xdf\xa3 alice's webm recording " * 64
VERIFICATION_PORTRAIT = b"\xff\xd8\xff\xe0 alice's verification portrait"
VIDEO = b"\x00\x00\x00\x18ftypmp42 a render with alice in it" * 32
POSTER = b"\xff\xd8\xff\xe0 poster of a render with alice"


@pytest.fixture
def friend(alice):
    """erin and alice follow each other: mutuals, so erin may use alice's cameo."""
    erin = make_user("erin")
    follow_create(follower=erin, followee=alice)
    follow_create(follower=alice, followee=erin)
    return erin


@pytest.fixture
def login(client, request):
    people = {OWNER: "alice", FRIEND: "friend", STRANGER: "bob", STAFF: "staff", PLAIN_STAFF: "plain_staff",
              REVIEWER: "reviewer"}  # fmt: skip

    def as_(who):
        client.logout()
        if who != ANONYMOUS:
            # Only the personas a test signs in as are created: users are the slow part.
            client.force_login(request.getfixturevalue(people[who]))
        return client

    return as_


def make_verification(user, *, status=Verification.Status.APPROVED, files=True) -> Verification:
    verification = Verification(user=user, challenge=Challenge.objects.create(user=user), status=status)
    if files:
        verification.recording.save("recording.webm", ContentFile(RECORDING), save=False)
        verification.portrait.save("portrait.jpg", ContentFile(VERIFICATION_PORTRAIT), save=False)
    verification.save()
    return verification


@pytest.fixture
def alice_verification(alice) -> Verification:
    return make_verification(alice)


@pytest.fixture
def alice_cameo(alice, alice_verification, astronaut_portrait) -> Cameo:
    return make_cameo(alice, astronaut_portrait, tier=Cameo.Tier.MUTUALS, verification=alice_verification)


def finish(job: Job) -> Job:
    """What the worker leaves behind: files in media, status done, a draft post for the creator."""
    job.video.save("video.mp4", ContentFile(VIDEO), save=False)
    job.poster.save("poster.jpg", ContentFile(POSTER), save=False)
    job.status, job.progress, job.finished_at = Job.Status.SUCCEEDED, 1.0, timezone.now()
    job.save()
    job_succeeded.send(sender=Job, job=job)
    return job


def submit(owner, prompt="@alice waves from a lighthouse") -> Job:
    return job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait")


@pytest.fixture
def appearance(alice_cameo, friend, render_queue) -> Appearance:
    """alice in erin's finished, unpublished draft."""
    job = finish(submit(friend))
    return Appearance.objects.get(job=job, owner=alice_cameo.owner)


def body(response) -> bytes:
    content = b"".join(response.streaming_content)
    response.close()
    return content


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Anonymous visitors -------------------------------------------------------------------------

EVERY_ROUTE = [
    ("cameo:home", "get", []),
    ("cameo:new", "get", []),
    ("cameo:new", "post", []),
    ("cameo:verification", "get", [1]),
    ("cameo:recording", "get", [1]),
    ("cameo:verification_portrait", "get", [1]),
    ("cameo:portrait", "get", [1]),
    ("cameo:settings", "post", []),
    ("cameo:approved_add", "post", []),
    ("cameo:approved_remove", "post", [1]),
    ("cameo:suggestions", "get", []),
    ("cameo:videos", "get", []),
    ("cameo:video_remove", "post", [1]),
    ("cameo:video", "get", [1]),
    ("cameo:poster", "get", [1]),
    ("cameo:revoke", "get", []),
    ("cameo:revoke", "post", []),
    ("cameo:delete", "get", []),
    ("cameo:delete", "post", []),
]


@pytest.mark.parametrize(("route", "method", "args"), EVERY_ROUTE)
def test_anonymous_visitors_are_sent_to_sign_in_for_every_cameo_view(db, client, route, method, args):
    url = reverse(route, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/cameo/")


def test_anonymous_revoke_and_delete_touch_nobodys_cameo(client, alice_cameo):
    client.post(reverse("cameo:revoke"))
    client.post(reverse("cameo:delete"))
    alice_cameo.refresh_from_db()
    assert alice_cameo.enabled


# --- Pages any signed-in person may open --------------------------------------------------------

OPEN_PAGES = ["cameo:home", "cameo:new", "cameo:suggestions", "cameo:videos", "cameo:delete"]


@pytest.mark.parametrize("who", SIGNED_IN)
@pytest.mark.parametrize("route", OPEN_PAGES)
def test_every_signed_in_person_may_open_the_cameo_pages(login, alice_cameo, route, who):
    response = login(who).get(reverse(route))
    assert response.status_code == 200
    assert b"<html" in response.content


def test_the_owner_sees_their_portrait_and_settings_and_others_are_invited_to_make_one(
    login, alice_cameo, bob
):
    html = login(OWNER).get(reverse("cameo:home")).content.decode()
    assert reverse("cameo:portrait", args=[alice_cameo.pk]) in html
    assert 'action="/cameo/settings/"' in html
    html = login(STRANGER).get(reverse("cameo:home")).content.decode()
    assert "Create your cameo" in html
    assert reverse("cameo:portrait", args=[alice_cameo.pk]) not in html
    assert "@alice" not in html


def test_every_visit_to_new_offers_fresh_digits(login, alice):
    client = login(OWNER)
    client.get(reverse("cameo:new"))
    client.get(reverse("cameo:new"))
    digits = list(Challenge.objects.filter(user=alice, used_at=None).values_list("token", flat=True))
    assert len(set(digits)) == 2
    html = client.get(reverse("cameo:new")).content.decode()
    assert str(Challenge.objects.filter(user=alice).latest("created_at").token) in html


def test_a_recording_is_kept_privately_against_ones_own_fresh_digits(login, alice, private_root, media_root):
    client = login(OWNER)
    client.get(reverse("cameo:new"))
    challenge = Challenge.objects.get(user=alice)
    upload = SimpleUploadedFile("clip.webm", RECORDING, content_type="video/webm")
    response = client.post(reverse("cameo:new"), {"challenge": str(challenge.token), "recording": upload})
    verification = Verification.objects.get(user=alice)
    assert response.status_code == 302 and response.url == verification.get_absolute_url()
    assert Path(verification.recording.path).is_relative_to(private_root)
    assert Path(verification.recording.path).read_bytes() == RECORDING
    assert media_files(media_root) == []
    challenge.refresh_from_db()
    assert challenge.used_at is not None


def test_someone_elses_digits_are_refused_and_nothing_is_kept(login, alice, private_root):
    alices = Challenge.objects.create(user=alice)
    upload = SimpleUploadedFile("clip.webm", RECORDING, content_type="video/webm")
    response = login(STRANGER).post(
        reverse("cameo:new"), {"challenge": str(alices.token), "recording": upload}
    )
    assert response.status_code == 400
    assert "This challenge isn&#x27;t yours or doesn&#x27;t exist." in response.content.decode()
    assert str(alices.token) not in response.content.decode()
    alices.refresh_from_db()
    assert alices.used_at is None
    assert not Verification.objects.exists() and media_files(private_root) == []


@pytest.mark.parametrize(
    ("who", "sees_alice"), [(OWNER, True), (FRIEND, True), (STRANGER, False), (STAFF, False)]
)
def test_suggestions_list_only_cameos_the_person_may_use(login, alice_cameo, who, sees_alice):
    html = login(who).get(reverse("cameo:suggestions")).content.decode()
    assert ('data-handle="@alice"' in html) == sees_alice


def test_suggestions_for_htmx_are_the_fragment_only(login, alice_cameo):
    client = login(FRIEND)
    fragment = client.get(reverse("cameo:suggestions"), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="cameo-suggestions"') and "<html" not in html
    assert 'data-handle="@alice"' in html
    page = client.get(reverse("cameo:suggestions")).content.decode()
    assert "<html" in page and "Cameos you can use" in page


@pytest.mark.parametrize(
    ("who", "listed"), [(OWNER, True), (FRIEND, False), (STRANGER, False), (STAFF, False)]
)
def test_videos_with_me_lists_only_videos_with_my_likeness(login, appearance, who, listed):
    html = login(who).get(reverse("cameo:videos")).content.decode()
    assert (f'id="appearance-{appearance.pk}"' in html) == listed
    assert ("No videos feature you yet." in html) != listed


# --- Verifications: the recorder's own; staff may fetch the files -------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(("who", "expected"), [(OWNER, 200), (FRIEND, 404), (STRANGER, 404), (STAFF, 404)])
def test_a_verification_page_is_only_for_the_person_who_recorded_it(
    login, alice_verification, friend, who, expected, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("cameo:verification", args=[alice_verification.pk])
    response = login(who).get(url, headers=headers)
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert 'id="verification-status"' in html and "Approved." in html
        assert ("<html" in html) != htmx


def test_staff_see_their_own_verification_page(login, staff):
    verification = make_verification(staff, status=Verification.Status.PENDING)
    response = login(STAFF).get(verification.get_absolute_url())
    assert response.status_code == 200 and "Every check passed." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [(OWNER, 200), (FRIEND, 404), (STRANGER, 404), (STAFF, 200), (PLAIN_STAFF, 404), (REVIEWER, 200)],
)
@pytest.mark.parametrize(
    ("route", "content"),
    [("cameo:recording", RECORDING), ("cameo:verification_portrait", VERIFICATION_PORTRAIT)],
)
def test_a_recording_and_its_portrait_are_for_the_recorder_and_staff_only(
    login, alice_verification, friend, route, content, who, expected
):
    response = login(who).get(reverse(route, args=[alice_verification.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert body(response) == content


def test_stranger_gets_404_for_someone_elses_recording(login, alice_verification):
    url = reverse("cameo:recording", args=[alice_verification.pk])
    assert login(STRANGER).get(url).status_code == 404


def test_a_verification_that_does_not_exist_is_404_even_for_staff(login, alice_verification):
    for who in (OWNER, STAFF):
        for route in ("cameo:verification", "cameo:recording", "cameo:verification_portrait"):
            assert login(who).get(reverse(route, args=[alice_verification.pk + 1000])).status_code == 404


OUT_OF_RANGE = 10**25  # larger than any database integer


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("cameo:verification", "get"),
        ("cameo:recording", "get"),
        ("cameo:portrait", "get"),
        ("cameo:video", "get"),
        ("cameo:video_remove", "post"),
    ],
)
def test_an_id_larger_than_any_row_is_a_plain_404(login, alice_cameo, route, method):
    response = getattr(login(OWNER), method)(reverse(route, args=[OUT_OF_RANGE]))
    assert response.status_code == 404


def test_removing_an_approved_person_with_an_out_of_range_id_is_not_a_server_error(login, alice_cameo):
    response = login(OWNER).post(reverse("cameo:approved_remove", args=[OUT_OF_RANGE]))
    assert response.status_code in (302, 404)


def test_a_failed_verification_kept_no_files_to_serve(login, alice):
    failed = make_verification(alice, status=Verification.Status.FAILED, files=False)
    for route in ("cameo:recording", "cameo:verification_portrait"):
        assert login(OWNER).get(reverse(route, args=[failed.pk])).status_code == 404


# --- The cameo portrait: owner or staff, not even the friends who may use it --------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [(OWNER, 200), (FRIEND, 404), (STRANGER, 404), (STAFF, 200), (PLAIN_STAFF, 404), (REVIEWER, 200)],
)
def test_a_cameo_portrait_is_for_its_owner_and_staff_only(
    login, alice_cameo, astronaut_portrait, who, expected
):
    response = login(who).get(reverse("cameo:portrait", args=[alice_cameo.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert body(response) == astronaut_portrait[0]


def test_a_friend_who_may_use_the_cameo_still_gets_404_for_its_portrait(login, alice_cameo):
    client = login(FRIEND)
    assert 'data-handle="@alice"' in client.get(reverse("cameo:suggestions")).content.decode()
    assert client.get(reverse("cameo:portrait", args=[alice_cameo.pk])).status_code == 404


# --- Appearances: the person in the video ------------------------------------------------------


@pytest.mark.parametrize(("who", "expected"), [(OWNER, 200), (FRIEND, 404), (STRANGER, 404), (STAFF, 404)])
@pytest.mark.parametrize(
    ("route", "content_type", "content"),
    [("cameo:video", "video/mp4", VIDEO), ("cameo:poster", "image/jpeg", POSTER)],
)
def test_a_video_with_me_is_streamed_to_the_person_in_it_only(
    login, appearance, route, content_type, content, who, expected
):
    # FRIEND is the video's creator: they watch it through the feed, not through someone's likeness.
    response = login(who).get(reverse(route, args=[appearance.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == content_type
        assert body(response) == content


@pytest.mark.parametrize("who", [FRIEND, STRANGER, STAFF])
def test_only_the_person_in_a_video_can_remove_it(login, appearance, who):
    response = login(who).post(reverse("cameo:video_remove", args=[appearance.pk]))
    assert response.status_code == 404
    appearance.refresh_from_db()
    assert not appearance.is_removed
    assert appearance.job.post.status == Post.Status.DRAFT


def test_a_video_still_rendering_has_nothing_to_stream_yet(login, alice_cameo, friend, render_queue):
    queued = Appearance.objects.get(job=submit(friend), owner=alice_cameo.owner)
    assert login(OWNER).get(reverse("cameo:video", args=[queued.pk])).status_code == 404
    html = login(OWNER).get(reverse("cameo:videos")).content.decode()
    assert f'id="appearance-{queued.pk}"' in html and "Queued" in html


def test_removing_a_video_takes_it_down_and_tells_its_creator(login, appearance, friend):
    post = appearance.job.post
    response = login(OWNER).post(reverse("cameo:video_remove", args=[appearance.pk]))
    assert response.status_code == 302 and response.url == reverse("cameo:videos")
    assert flashed(response) == ["Removed. @erin was told why."]
    appearance.refresh_from_db()
    post.refresh_from_db()
    reason = "@alice removed this video because it features their cameo."
    assert appearance.is_removed and appearance.removed_reason == reason
    assert post.status == Post.Status.REMOVED and post.removed_reason == reason
    note = Notification.objects.get(recipient=friend, kind=Notification.Kind.VIDEO_REMOVED)
    assert note.text == reason
    # Removing twice is harmless: no second notification.
    assert login(OWNER).post(reverse("cameo:video_remove", args=[appearance.pk])).status_code == 302
    assert Notification.objects.filter(recipient=friend, kind=Notification.Kind.VIDEO_REMOVED).count() == 1


def test_removing_my_own_video_with_me_does_not_claim_someone_was_told(login, alice_cameo, render_queue):
    own = finish(submit(alice_cameo.owner, prompt="@alice reads a poem"))
    appearance = Appearance.objects.get(job=own)
    response = login(OWNER).post(reverse("cameo:video_remove", args=[appearance.pk]))
    assert response.status_code == 302
    own.post.refresh_from_db()
    assert own.post.status == Post.Status.REMOVED
    assert not Notification.objects.filter(kind=Notification.Kind.VIDEO_REMOVED).exists()
    assert "was told why" not in " ".join(flashed(response))


def test_a_removed_video_can_not_be_published_and_its_creator_is_told_why(login, appearance, friend):
    post = appearance.job.post
    login(OWNER).post(reverse("cameo:video_remove", args=[appearance.pk]))
    client = login(FRIEND)
    response = client.post(reverse("feed:publish", args=[post.pk]))
    assert response.status_code == 302 and response.url == reverse("feed:drafts")
    assert flashed(response) == [
        "This video was removed and can't be published: "
        "@alice removed this video because it features their cameo."
    ]
    drafts = client.get(response.url).content.decode()
    assert "@alice removed this video because it features their cameo." in drafts
    fragment = client.post(reverse("feed:publish", args=[post.pk]), headers={"HX-Request": "true"})
    assert fragment.status_code == 403 and "Removed." in fragment.content.decode()
    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED and post.published_at is None


@pytest.mark.django_db(transaction=True)  # the in-process worker closes the connection
def test_videos_with_me_end_to_end_with_the_real_worker(
    login, alice_cameo, friend, render_queue, django_capture_on_commit_callbacks
):
    """erin renders a draft with @alice; alice watches it, removes it; erin can't publish it."""
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(friend, prompt="@alice waves at the camera on a beach")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    appearance = Appearance.objects.get(job=job, owner=alice_cameo.owner)
    post = job.post
    assert post.status == Post.Status.DRAFT

    alice = login(OWNER)
    html = alice.get(reverse("cameo:videos")).content.decode()
    assert f'id="appearance-{appearance.pk}"' in html and "Draft" in html
    # A co-owner may watch the draft through the feed's own media view too, privately cached.
    feed_video = alice.get(reverse("feed:post_video", args=[post.pk]))
    assert feed_video.status_code == 200 and feed_video["Cache-Control"].startswith("private")
    response = alice.get(reverse("cameo:video", args=[appearance.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    video = body(response)
    assert video[4:8] == b"ftyp" and len(video) == job.video.size
    assert response["Cache-Control"].startswith("private")

    alice.post(reverse("cameo:video_remove", args=[appearance.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED
    assert Notification.objects.filter(recipient=friend, kind=Notification.Kind.VIDEO_REMOVED).exists()
    html = alice.get(reverse("cameo:videos")).content.decode()
    assert "Removed" in html and "@alice removed this video because it features their cameo." in html
    assert f'action="{reverse("cameo:video_remove", args=[appearance.pk])}"' not in html

    erin = login(FRIEND)
    assert erin.post(reverse("feed:publish", args=[post.pk])).status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED


# --- Settings and approved people: the owner's own cameo only ------------------------------------

OWN_CAMEO_ACTIONS = [
    ("cameo:settings", "post", [], {"enabled": "on", "tier": "everyone", "preferences": "", "voice": ""}),
    ("cameo:approved_add", "post", [], {"handle": "@bob"}),
    ("cameo:approved_remove", "post", ["erin"], {}),
    ("cameo:revoke", "get", [], {}),
    ("cameo:revoke", "post", [], {}),
]


@pytest.mark.parametrize("who", [FRIEND, STRANGER, STAFF])
@pytest.mark.parametrize(("route", "method", "args", "data"), OWN_CAMEO_ACTIONS)
def test_people_without_a_cameo_get_404_for_cameo_settings(
    login, alice_cameo, friend, bob, route, method, args, data, who
):
    alice_cameo.approved_users.add(friend)
    args = [friend.pk if arg == "erin" else arg for arg in args]
    response = getattr(login(who), method)(reverse(route, args=args), data)
    assert response.status_code == 404
    alice_cameo.refresh_from_db()
    assert (alice_cameo.enabled, alice_cameo.tier) == (True, Cameo.Tier.MUTUALS)
    assert list(alice_cameo.approved_users.all()) == [friend]


def test_the_owner_saves_settings(login, alice_cameo):
    data = {"enabled": "on", "tier": "approved", "preferences": "  always in red glasses ", "voice": "en+f2"}
    response = login(OWNER).post(reverse("cameo:settings"), data)
    assert response.status_code == 302 and response.url == reverse("cameo:home")
    assert flashed(response) == ["Saved. Your cameo settings apply to every new video from now on."]
    alice_cameo.refresh_from_db()
    assert (alice_cameo.enabled, alice_cameo.tier, alice_cameo.preferences, alice_cameo.voice) == (
        True,
        Cameo.Tier.APPROVED,
        "always in red glasses",
        "en+f2",
    )


def test_an_unticked_box_switches_the_cameo_off(login, alice_cameo):
    data = {"tier": "mutuals", "preferences": "", "voice": ""}
    assert login(OWNER).post(reverse("cameo:settings"), data).status_code == 302
    alice_cameo.refresh_from_db()
    assert not alice_cameo.enabled


def test_preferences_of_exactly_500_characters_are_kept(login, alice_cameo):
    data = {"enabled": "on", "tier": "mutuals", "preferences": "x" * 500, "voice": ""}
    assert login(OWNER).post(reverse("cameo:settings"), data).status_code == 302
    alice_cameo.refresh_from_db()
    assert alice_cameo.preferences == "x" * 500


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("preferences", "x" * 501, "Keep it under 500 characters (it has 501)."),
        ("tier", "the_whole_internet", "Choose who may use your cameo from the list."),
        ("voice", "darth", "Choose a voice from the list."),
    ],
)
def test_invalid_settings_come_back_with_a_clear_message_and_change_nothing(
    login, alice_cameo, field, value, message
):
    data = {"tier": "everyone", "preferences": "wearing a hat", "voice": "en+m1"} | {field: value}
    response = login(OWNER).post(reverse("cameo:settings"), data)  # "enabled" unticked: would switch off
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert '<strong>@alice</strong> · <span class="success">On</span>' in html
    alice_cameo.refresh_from_db()
    assert (alice_cameo.enabled, alice_cameo.tier, alice_cameo.preferences, alice_cameo.voice) == (
        True,
        Cameo.Tier.MUTUALS,
        "",
        "",
    )


def test_the_owner_approves_a_person_and_removes_them_again(login, alice_cameo, bob):
    client = login(OWNER)
    response = client.post(reverse("cameo:approved_add"), {"handle": "@BOB"})
    assert response.status_code == 302 and response.url == reverse("cameo:home")
    assert flashed(response) == ["@bob may use your cameo when you choose “People I approve”."]
    assert list(alice_cameo.approved_users.all()) == [bob]
    assert "@bob" in client.get(reverse("cameo:home")).content.decode()
    response = client.post(reverse("cameo:approved_remove", args=[bob.pk]))
    assert response.status_code == 302 and flashed(response) == ["Removed from your approved people."]
    assert not alice_cameo.approved_users.exists()


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("@ghost", "No one here is called @ghost."),
        ("@Alice", "You can always use your own cameo; no need to add yourself."),
        ("@", "Type a @handle to add."),
        ("", "Type a @handle to add."),
    ],
)
def test_approving_a_handle_that_cant_be_approved_says_why_and_adds_nobody(
    login, alice_cameo, handle, message
):
    client = login(OWNER)
    response = client.post(reverse("cameo:approved_add"), {"handle": handle}, follow=True)
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not alice_cameo.approved_users.exists()


# --- Revoke and delete -------------------------------------------------------------------------


def test_revoking_switches_the_cameo_off_and_removes_every_video_with_it(
    login, alice_cameo, friend, render_queue
):
    draft = finish(submit(friend, prompt="@alice juggles")).post
    published = post_publish(post=finish(submit(friend, prompt="@alice sings")).post, user=friend)
    queued = submit(friend, prompt="@alice dances")
    client = login(OWNER)
    assert "(3 videos so far)" in client.get(reverse("cameo:revoke")).content.decode()

    response = client.post(reverse("cameo:revoke"))
    assert response.status_code == 302 and response.url == reverse("cameo:home")
    assert flashed(response) == ["Your cameo is off and 3 videos featuring you were removed everywhere."]
    alice_cameo.refresh_from_db()
    assert not alice_cameo.enabled
    reason = "@alice withdrew consent for their cameo, so this video was removed."
    appearances = Appearance.objects.filter(owner=alice_cameo.owner)
    assert [(a.is_removed, a.removed_reason) for a in appearances] == [(True, reason)] * 3
    for post in (draft, published):
        post.refresh_from_db()
        assert (post.status, post.removed_reason) == (Post.Status.REMOVED, reason)
    queued.refresh_from_db()
    assert (queued.status, queued.error) == (Job.Status.FAILED, reason)
    assert Notification.objects.filter(recipient=friend, kind=Notification.Kind.VIDEO_REMOVED).exists()
    assert login(STRANGER).get(reverse("feed:post_detail", args=[published.pk])).status_code == 404


def test_deleting_removes_the_cameo_every_verification_and_every_private_file(
    login,
    alice,
    alice_cameo,
    alice_verification,
    appearance,
    bob,
    private_root,
    django_capture_on_commit_callbacks,
):
    pending = make_verification(alice, status=Verification.Status.PENDING)
    make_verification(alice, status=Verification.Status.FAILED, files=False)
    Challenge.objects.create(user=alice)  # digits fetched, never used
    bobs = make_verification(bob, status=Verification.Status.PENDING)
    bobs.match = alice_cameo  # flagged as looking like alice: bob's row must survive her deletion
    bobs.save()
    alices_files = {
        Path(f.path)
        for f in (alice_cameo.portrait, alice_verification.recording, alice_verification.portrait)
    } | {Path(pending.recording.path), Path(pending.portrait.path)}
    bobs_files = {Path(bobs.recording.path), Path(bobs.portrait.path)}
    assert set(media_files(private_root)) == alices_files | bobs_files

    client = login(OWNER)
    assert "Delete everything" in client.get(reverse("cameo:delete")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cameo:delete"))
    assert response.status_code == 302 and response.url == reverse("cameo:home")
    assert flashed(response) == ["Your cameo, recordings, portraits and face data are deleted."]
    home = client.get(response.url).content.decode()
    assert "Create your cameo" in home and "Your last recording" not in home
    assert not Cameo.objects.filter(owner=alice).exists()
    assert not Verification.objects.filter(user=alice).exists()
    assert not Challenge.objects.filter(user=alice).exists()
    assert set(media_files(private_root)) == bobs_files
    bobs.refresh_from_db()
    assert bobs.match is None
    # Co-ownership outlives the cameo: the video is still listed, so it can still be removed.
    appearance.refresh_from_db()
    assert appearance.cameo is None
    assert f'id="appearance-{appearance.pk}"' in client.get(reverse("cameo:videos")).content.decode()
    assert client.post(reverse("cameo:video_remove", args=[appearance.pk])).status_code == 302


def test_deleting_works_without_a_cameo_and_only_ever_deletes_your_own(
    login, alice_cameo, bob, private_root, django_capture_on_commit_callbacks
):
    bobs = make_verification(bob, status=Verification.Status.REJECTED)
    before = set(media_files(private_root))
    with django_capture_on_commit_callbacks(execute=True):
        response = login(STRANGER).post(reverse("cameo:delete"))
    assert response.status_code == 302
    assert not Verification.objects.filter(pk=bobs.pk).exists()
    assert set(media_files(private_root)) == before - {Path(bobs.recording.path), Path(bobs.portrait.path)}
    assert Cameo.objects.filter(pk=alice_cameo.pk).exists()
    assert Path(alice_cameo.portrait.path).exists()


# --- Private files ------------------------------------------------------------------------------


def test_private_files_live_outside_media_and_have_no_url(
    alice_cameo, alice_verification, media_root, private_root
):
    files = [alice_cameo.portrait, alice_verification.recording, alice_verification.portrait]
    for field_file in files:
        path = Path(field_file.path)
        assert path.is_relative_to(private_root) and not path.is_relative_to(media_root)
        assert path.is_file()
        with pytest.raises(ValueError, match="no public URL"):
            field_file.url  # noqa: B018
    assert media_files(media_root) == []


@pytest.mark.parametrize(
    ("route", "obj"),
    [
        ("cameo:recording", "verification"),
        ("cameo:verification_portrait", "verification"),
        ("cameo:portrait", "cameo"),
        ("cameo:video", "appearance"),
        ("cameo:poster", "appearance"),
    ],
)
def test_private_files_are_never_cached_by_shared_caches(login, appearance, route, obj):
    pk = {"verification": appearance.cameo.verification_id, "cameo": appearance.cameo_id}.get(
        obj, appearance.pk
    )
    response = login(OWNER).get(reverse(route, args=[pk]))
    assert response.status_code == 200
    assert response["Cache-Control"].split(",")[0] == "private"
    response.close()


def test_a_recording_answers_range_requests_for_seeking(login, alice_verification):
    url = reverse("cameo:recording", args=[alice_verification.pk])
    response = login(OWNER).get(url, headers={"Range": "bytes=4-19"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 4-19/{len(RECORDING)}"
    assert response["Content-Type"] == "video/webm"
    assert body(response) == RECORDING[4:20]
    assert response["Cache-Control"].startswith("private")


def test_private_files_stream_from_django_even_behind_x_accel(login, alice_verification, settings):
    # The front server's X-Accel location maps to MEDIA_ROOT only, and must never see these.
    settings.SORA_X_ACCEL_MEDIA_PREFIX = "/protected-media/"
    response = login(STAFF).get(reverse("cameo:recording", args=[alice_verification.pk]))
    assert response.status_code == 200 and "X-Accel-Redirect" not in response
    assert body(response) == RECORDING


# --- Methods ------------------------------------------------------------------------------------

WRONG_METHODS = [
    ("cameo:home", "post", []),
    ("cameo:new", "put", []),
    ("cameo:verification", "post", [1]),
    ("cameo:recording", "post", [1]),
    ("cameo:verification_portrait", "post", [1]),
    ("cameo:portrait", "post", [1]),
    ("cameo:settings", "get", []),
    ("cameo:approved_add", "get", []),
    ("cameo:approved_remove", "get", [1]),
    ("cameo:suggestions", "post", []),
    ("cameo:videos", "post", []),
    ("cameo:video_remove", "get", [1]),
    ("cameo:video", "post", [1]),
    ("cameo:poster", "post", [1]),
    ("cameo:revoke", "put", []),
    ("cameo:delete", "put", []),
]


@pytest.mark.parametrize(("route", "method", "args"), WRONG_METHODS)
def test_each_view_refuses_the_wrong_method(login, alice, route, method, args):
    response = getattr(login(OWNER), method)(reverse(route, args=args))
    assert response.status_code == 405


def test_a_get_on_delete_or_revoke_changes_nothing(login, appearance):
    client = login(OWNER)
    assert client.get(reverse("cameo:revoke")).status_code == 200
    assert client.get(reverse("cameo:delete")).status_code == 200
    appearance.refresh_from_db()
    assert appearance.cameo.enabled and not appearance.is_removed
