"""Profiles: who someone is, whom they follow, what they made; editing your own; follow buttons.

People: alice (the profile's owner), carol (follows alice), dave (alice's mutual), bob (a
stranger), staff, and anonymous visitors.
"""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from feed.models import Follow, Post, Profile
from feed.services import post_publish, posts_remove

from .conftest import make_finished_job, make_user


@pytest.fixture
def carol(alice):
    user = make_user("carol")
    Follow.objects.create(follower=user, followee=alice)
    return user


@pytest.fixture
def dave(alice):
    user = make_user("dave")
    Follow.objects.create(follower=user, followee=alice)
    Follow.objects.create(follower=alice, followee=user)
    return user


def published(owner, prompt: str) -> Post:
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


def image_upload(fmt: str = "PNG", size=(640, 480), name: str | None = None, color=(200, 40, 90)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    ext = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return SimpleUploadedFile(name or f"me.{ext}", buffer.getvalue(), content_type=f"image/{ext}")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def count_of(html: str, label: str) -> int:
    match = re.search(rf"<strong[^>]*>(\d+)</strong> {label}", html)
    assert match, f"no {label} count"
    return int(match.group(1))


# --- The profile page ---------------------------------------------------------------------------


def test_anyone_sees_name_handle_bio_counts_and_published_videos(client, alice, carol, dave):
    Profile.objects.filter(user=alice).update(display_name="Alice Liddell", bio="Falls down rabbit holes.")
    shown = published(alice, "A lighthouse in a storm")
    draft = make_finished_job(alice, prompt="A secret draft").post
    gone = published(alice, "A removed video")
    posts_remove(job_ids=[gone.job_id], reason="test")
    html = page(client, "/u/alice/")
    assert "Alice Liddell" in html and "@alice" in html and "Falls down rabbit holes." in html
    assert count_of(html, "video") == 1
    assert count_of(html, "followers") == 2 and count_of(html, "following") == 1
    assert count_of(html, "mutual") == 1
    assert f"/p/{shown.pk}/poster.jpg" in html
    assert f"/p/{draft.pk}/" not in html and f"/p/{gone.pk}/" not in html
    assert "{#" not in html and "Context:" not in html  # template comments stay in the template


def test_handles_are_case_insensitive_and_unknown_or_inactive_people_404(client, alice, bob):
    assert client.get("/u/ALICE/").status_code == 200
    assert client.get("/u/@alice/").status_code == 200
    make_user("OpsAdmin")  # as createsuperuser makes it: capitals kept
    for handle in ("OpsAdmin", "opsadmin", "OPSADMIN"):
        page = client.get(f"/u/{handle}/")
        assert page.status_code == 200 and "OpsAdmin" in page.content.decode()
    assert client.get("/u/nobody/").status_code == 404
    bob.is_active = False
    bob.save()
    assert client.get("/u/bob/").status_code == 404


def test_html_and_script_in_names_and_bios_are_shown_as_text(client, alice, bob):
    Profile.objects.filter(user=alice).update(
        display_name='<img src=x onerror="alert(1)">', bio="<script>alert('bio')</script>\nsecond line"
    )
    Follow.objects.create(follower=alice, followee=bob)
    for url in ("/u/alice/", "/u/bob/followers/"):
        html = page(client, url)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    html = page(client, "/u/alice/")
    assert "&lt;script&gt;alert(&#x27;bio&#x27;)&lt;/script&gt;<br>second line" in html


def test_the_grid_is_newest_first_and_loads_more_in_place(client, alice):
    posts = [published(alice, f"Video number {n}") for n in range(14)]
    html = page(client, "/u/alice/")
    shown = [int(pk) for pk in re.findall(r"/p/(\d+)/poster.jpg", html)]
    assert shown == [post.pk for post in reversed(posts)][:12]
    more = re.search(r'hx-get="([^"]+)"[^>]*>More videos', html).group(1).replace("&amp;", "&")
    rest = client.get(more, headers={"HX-Request": "true"})
    assert rest.status_code == 200 and "<html" not in rest.content.decode()
    assert [int(pk) for pk in re.findall(r"/p/(\d+)/poster.jpg", rest.content.decode())] == [
        posts[1].pk,
        posts[0].pk,
    ]
    assert "More videos" not in rest.content.decode()
    # Without JavaScript the same link is a whole page.
    assert "<html" in page(client, more)


def test_a_forged_grid_cursor_is_a_clear_400(client, alice):
    response = client.get("/u/alice/?after=garbage")
    assert response.status_code == 400 and "isn't one we made" in response.content.decode()
    assert client.get("/u/alice/?after=999999999999999999999999999-1").status_code == 400


def test_the_profile_page_costs_the_same_queries_however_big_the_world(client, alice, bob):
    def queries() -> int:
        client.force_login(bob)
        with CaptureQueriesContext(connection) as captured:
            page(client, "/u/alice/")
        return len(captured)

    Follow.objects.create(follower=bob, followee=make_user("friend1"))
    published(alice, "first")
    small = queries()
    for n in range(2, 6):
        friend = make_user(f"friend{n}")
        Follow.objects.create(follower=bob, followee=friend)
        Follow.objects.create(follower=friend, followee=alice)
        Follow.objects.create(follower=alice, followee=friend)
        published(alice, f"video {n}")
    Follow.objects.create(follower=make_user("friend1x"), followee=alice)
    assert queries() == small


def test_staff_see_a_profile_like_anyone_else(client, alice, staff):
    draft = make_finished_job(alice, prompt="A secret draft").post
    client.force_login(staff)
    html = page(client, "/u/alice/")
    assert f"/p/{draft.pk}/" not in html and "Edit profile" not in html


# --- Relationship, mutuals and known followers -------------------------------------------------


def test_each_persona_sees_the_right_relationship_and_button(client, alice, carol, dave, bob):
    html = page(client, "/u/alice/")  # anonymous
    assert 'href="/accounts/login/?next=/u/alice/"' in html and "Edit profile" not in html
    client.force_login(alice)
    html = page(client, "/u/alice/")
    assert "Edit profile" in html and 'action="/u/alice/follow/"' not in html
    assert "Follow back" in page(client, "/u/carol/")  # carol follows alice, not back
    assert "Follows you" in page(client, "/u/carol/")
    html = page(client, "/u/dave/")
    assert "You follow each other" in html and "Unfollow" in html
    html = page(client, "/u/bob/")
    assert ">Follow</button>" in html and "Follows you" not in html and "each other" not in html
    client.force_login(carol)
    html = page(client, "/u/alice/")
    assert "Unfollow" in html and "each other" not in html


def test_a_profile_names_people_you_follow_who_follow_them(client, alice, bob):
    erin = make_user("erin")
    friends = [make_user(name) for name in ("fay", "gus", "hal")]
    for friend in friends:
        Follow.objects.create(follower=bob, followee=friend)
    client.force_login(bob)
    assert "Followed by" not in page(client, "/u/erin/")
    Follow.objects.create(follower=friends[0], followee=erin)
    assert re.search(r"Followed by\s+<a [^>]*>@fay</a></p>", page(client, "/u/erin/"))
    Follow.objects.create(follower=friends[1], followee=erin)
    assert re.search(r"@fay</a> and <a [^>]*>@gus</a></p>", page(client, "/u/erin/"))
    Follow.objects.create(follower=friends[2], followee=erin)
    Follow.objects.create(follower=alice, followee=erin)  # bob does not follow alice: not named
    html = page(client, "/u/erin/")
    assert re.search(r"@fay</a>, <a [^>]*>@gus</a> and 1 other you follow", html)
    assert "@alice" not in html.split("Followed by")[1].split("</p>")[0]


# --- Following ----------------------------------------------------------------------------------


def test_follow_with_htmx_swaps_the_button_and_the_counts(client, alice, bob):
    client.force_login(bob)
    response = client.post("/u/alice/follow/", {"next": "/u/alice/"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Unfollow" in html and 'name="next" value="/u/alice/"' in html
    assert (
        f'<span id="follower-count-{alice.pk}" hx-swap-oob="true"><strong>1</strong> follower</span>' in html
    )
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    Follow.objects.create(follower=alice, followee=bob)
    html = client.post(
        "/u/alice/follow/", {"action": "unfollow"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Follow back" in html and "Follows you" in html
    assert (
        f'<span id="follower-count-{alice.pk}" hx-swap-oob="true"><strong>0</strong> followers</span>' in html
    )
    assert not Follow.objects.filter(follower=bob, followee=alice).exists()


def test_following_mutually_updates_the_mutual_count(client, alice, bob):
    Follow.objects.create(follower=alice, followee=bob)
    client.force_login(bob)
    html = client.post("/u/alice/follow/", headers={"HX-Request": "true"}).content.decode()
    assert "You follow each other" in html
    assert f'<span id="mutual-count-{alice.pk}" hx-swap-oob="true"><strong>1</strong> mutual</span>' in html


def test_following_twice_or_unfollowing_a_stranger_is_harmless(client, alice, bob):
    client.force_login(bob)
    for _ in range(2):
        assert client.post("/u/alice/follow/", headers={"HX-Request": "true"}).status_code == 200
    assert Follow.objects.filter(follower=bob, followee=alice).count() == 1
    client.post("/u/alice/follow/", {"action": "unfollow"})
    response = client.post("/u/alice/follow/", {"action": "unfollow"}, follow=True)
    assert response.status_code == 200 and "You no longer follow @alice." in response.content.decode()
    assert not Follow.objects.exists()


def test_following_yourself_says_why_without_js_and_with_htmx(client, alice):
    client.force_login(alice)
    response = client.post("/u/alice/follow/", headers={"HX-Request": "true"})
    assert response.status_code == 400 and response.content.decode() == "You can't follow yourself."
    response = client.post("/u/alice/follow/", follow=True)
    assert response.status_code == 200 and "You can&#x27;t follow yourself." in response.content.decode()
    assert not Follow.objects.exists()


def test_without_js_a_follow_goes_back_to_the_page_it_came_from_on_this_site_only(client, alice, bob):
    client.force_login(bob)
    response = client.post("/u/alice/follow/", {"next": "/u/alice/followers/"})
    assert response.status_code == 302 and response.url == "/u/alice/followers/"
    response = client.post("/u/alice/follow/", {"action": "unfollow", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/u/alice/"


def test_anonymous_visitors_must_sign_in_to_follow_and_get_is_refused(client, alice, bob):
    response = client.post("/u/alice/follow/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(bob)
    assert client.get("/u/alice/follow/").status_code == 405
    assert client.post("/u/nobody/follow/").status_code == 404


# --- Follower, following and mutual lists -------------------------------------------------------


def test_lists_show_followers_following_and_mutuals(client, alice, carol, dave, bob):
    def handles(url: str) -> list[str]:
        return re.findall(r'class="person" href="/u/(\w+)/"', page(client, url))

    assert handles("/u/alice/followers/") == ["dave", "carol"]  # most recent first
    assert handles("/u/alice/following/") == ["dave"]
    assert handles("/u/alice/mutuals/") == ["dave"]
    assert handles("/u/bob/followers/") == [] and "No followers yet." in page(client, "/u/bob/followers/")
    assert client.get("/u/alice/enemies/").status_code == 404
    assert client.get("/u/nobody/followers/").status_code == 404
    client.force_login(carol)
    html = page(client, "/u/alice/followers/")
    # carol gets a follow button for dave, none for herself.
    assert 'action="/u/dave/follow/"' in html and 'action="/u/carol/follow/"' not in html


def test_long_lists_are_paged_and_bad_page_numbers_are_forgiven(client, alice):
    for n in range(33):
        Follow.objects.create(follower=make_user(f"fan{n:02d}"), followee=alice)
    first = page(client, "/u/alice/followers/")
    assert first.count('class="person"') == 30 and "Page 1 of 2" in first
    assert page(client, "/u/alice/followers/?page=2").count('class="person"') == 3
    assert "Page 2 of 2" in page(client, "/u/alice/followers/?page=99")
    assert "Page 1 of 2" in page(client, "/u/alice/followers/?page=x")


def test_a_list_page_costs_the_same_queries_however_long(client, alice, bob):
    def queries() -> int:
        client.force_login(bob)
        with CaptureQueriesContext(connection) as captured:
            page(client, "/u/alice/followers/")
        return len(captured)

    Follow.objects.create(follower=make_user("fan0"), followee=alice)
    small = queries()
    for n in range(1, 8):
        Follow.objects.create(follower=make_user(f"fan{n}"), followee=alice)
    assert queries() == small


# --- Editing your profile -----------------------------------------------------------------------


def test_editing_needs_sign_in(client):
    response = client.get("/profile/edit/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_edit_name_and_bio(client, alice):
    client.force_login(alice)
    assert "Display name" in page(client, "/profile/edit/")
    response = client.post("/profile/edit/", {"display_name": "  Alice   L.  ", "bio": " Hello there. \n"})
    assert response.status_code == 302 and response.url == "/u/alice/"
    profile = Profile.objects.get(user=alice)
    assert (profile.display_name, profile.bio) == ("Alice L.", "Hello there.")


def test_too_long_name_or_bio_is_a_form_error(client, alice):
    client.force_login(alice)
    response = client.post("/profile/edit/", {"display_name": "x" * 61, "bio": "y" * 301})
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 60 characters" in html and "at most 300 characters" in html
    assert Profile.objects.get(user=alice).display_name == ""


def test_an_avatar_is_stored_as_a_small_square_webp_and_served_publicly(client, alice, media_root):
    client.force_login(alice)
    response = client.post("/profile/edit/", {"display_name": "A", "bio": "", "avatar": image_upload("JPEG")})
    assert response.status_code == 302
    avatar = Profile.objects.get(user=alice).avatar
    assert re.fullmatch(rf"avatars/{alice.pk}-[0-9a-f]{{16}}\.webp", avatar.name)
    with Image.open(media_root / avatar.name) as stored:
        assert stored.format == "WEBP" and stored.size == (256, 256)
    client.logout()
    html = page(client, "/u/alice/")
    assert f'src="/media/{avatar.name}"' in html
    served = client.get(f"/media/{avatar.name}")
    assert served.status_code == 200 and served["Content-Type"] == "image/webp"
    assert served["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(served.streaming_content)[:4] == b"RIFF"


def test_replacing_or_removing_the_avatar_deletes_the_old_file(
    client, alice, media_root, django_capture_on_commit_callbacks
):
    def post(data: dict) -> None:
        # The old file goes once the change is committed.
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/profile/edit/", data).status_code == 302

    client.force_login(alice)
    post({"display_name": "", "bio": "", "avatar": image_upload("PNG")})
    first = Profile.objects.get(user=alice).avatar.name
    post({"display_name": "", "bio": "", "avatar": image_upload("WEBP")})
    second = Profile.objects.get(user=alice).avatar.name
    assert second != first and (media_root / second).exists() and not (media_root / first).exists()
    assert client.get(f"/media/{first}").status_code == 404
    # Saving the form without a new file keeps the avatar.
    post({"display_name": "Al", "bio": ""})
    assert Profile.objects.get(user=alice).avatar.name == second
    post({"display_name": "Al", "bio": "", "avatar-clear": "on"})
    assert not Profile.objects.get(user=alice).avatar and not (media_root / second).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ("text", "not an image we can read"),
        ("gif", "Use a PNG, JPEG or WebP image."),
        ("huge-file", "too large"),
        ("many-pixels", "too many pixels"),
        ("truncated", "not an image we can read"),
    ],
)
def test_a_bad_avatar_is_a_form_error_and_stores_nothing(client, alice, media_root, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if upload == "text":
        file = SimpleUploadedFile("me.png", b"<script>alert(1)</script>", content_type="image/png")
    elif upload == "gif":
        file = image_upload("GIF")
    elif upload == "huge-file":
        file = SimpleUploadedFile("me.png", image_upload("PNG").read() + b"\0" * (5 * 1024 * 1024))
    elif upload == "many-pixels":
        file = image_upload("PNG", size=(8000, 6000))
    else:
        file = SimpleUploadedFile("me.jpg", image_upload("JPEG").read()[:400], content_type="image/jpeg")
    client.force_login(alice)
    response = client.post("/profile/edit/", {"display_name": "Changed", "bio": "", "avatar": file})
    assert response.status_code == 400 and message in response.content.decode()
    profile = Profile.objects.get(user=alice)
    assert not profile.avatar and profile.display_name == ""
    assert not list((media_root / "avatars").glob("*")) if (media_root / "avatars").exists() else True


def test_only_current_avatars_are_served(client, alice, media_root):
    (media_root / "avatars").mkdir(parents=True)
    (media_root / "avatars" / "stray.webp").write_bytes(b"RIFF")
    (media_root / "avatars" / "evil.svg").write_bytes(b"<svg onload=alert(1)>")
    assert client.get("/media/avatars/stray.webp").status_code == 404
    assert client.get("/media/avatars/evil.svg").status_code == 404
    assert client.get("/media/jobs/anything.mp4").status_code == 404


def test_the_avatar_include_falls_back_to_an_initial(client, alice):
    from django.template.loader import render_to_string

    Profile.objects.filter(user=alice).update(display_name="zoë")
    alice.refresh_from_db()
    html = render_to_string("feed/_avatar.html", {"person": alice, "size": "large"})
    assert 'class="avatar avatar-large avatar-initial"' in html and ">Z</span>" in html
    Profile.objects.filter(user=alice).update(display_name="")
    alice.refresh_from_db()
    assert ">A</span>" in render_to_string("feed/_avatar.html", {"person": alice})
