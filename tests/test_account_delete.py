"""Delete my account: the password first; then every row and file of alice is gone, in one go,
while bob's remix of her video stands with "Removed" in its lineage and bob keeps what is his."""

import html
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse

from cameo.models import Cameo, Verification
from feed.forms import NO_PASSWORD, WRONG_PASSWORD
from feed.models import Comment, Export, Follow, Like, Notification, Post, Profile
from remix.models import RemixNode

from .account_world import build_world
from .conftest import PASSWORD, make_finished_job, media_files, run_worker

pytestmark = pytest.mark.django_db(transaction=True)  # files go on commit; the worker builds exports

DELETE = "/account/delete/"


@pytest.fixture
def world(alice, bob, verify_queue):
    world = build_world(alice, bob)
    # An archive of hers, ready (its ZIP in private storage), must go too.
    client = Client()
    client.force_login(alice)
    client.post("/account/data/")
    run_worker()
    assert Export.objects.get(user=alice).status == Export.Status.READY
    return world


def files_under(*roots: Path) -> set[Path]:
    return {path for root in roots for path in media_files(root)}


def alice_files(world) -> set[Path]:
    """Every file stored for alice, named from her rows before they go."""
    alice = world.alice
    fields = [Profile.objects.get(user=alice).avatar, world.alice_cameo.portrait,
              Export.objects.get(user=alice).file]  # fmt: skip
    for post in (world.published, world.draft, world.alice_remix):
        fields += [post.job.video, post.job.poster]
    for verification in Verification.objects.filter(user=alice):
        fields += [verification.recording, verification.portrait]
    return {Path(field.path) for field in fields if field}


def rows_referencing(user_pk: int) -> dict[str, int]:
    """Rows of every model (many-to-many tables included) with a foreign key to this user."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                count = model._default_manager.filter(**{field.attname: user_pk}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def sessions_of(user_pk: int) -> list[str]:
    return [s.session_key for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user_pk)]


def signed_in(username: str) -> Client:
    """A real log-in (a session row), as a browser would have."""
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_page_explains_and_a_wrong_password_deletes_nothing(world, private_root, settings):
    client = signed_in("alice")
    page = text(client.get(DELETE))
    assert "Your 4 videos (2 published, 1 draft)" in page  # published, draft, remix (published), failed
    assert "cameo" in page and "Removed" in page and 'type="password"' in page
    before_files = files_under(settings.MEDIA_ROOT, private_root)
    before_rows = rows_referencing(world.alice.pk)

    response = client.post(DELETE, {"password": "not my password"})
    assert response.status_code == 400 and WRONG_PASSWORD in text(response)
    response = client.post(DELETE, {})
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=world.alice.pk).exists()
    assert files_under(settings.MEDIA_ROOT, private_root) == before_files
    assert rows_referencing(world.alice.pk) == before_rows
    assert client.get("/profile/edit/").status_code == 200  # still signed in
    # A GET never deletes, and the page is reached from the profile settings.
    assert DELETE in text(client.get("/profile/edit/"))


def test_the_right_password_removes_every_row_and_file_of_alice_and_nothing_of_bob(
    world, private_root, settings
):
    alice_pk, bob = world.alice.pk, world.bob
    mine = alice_files(world)
    assert len(mine) == 11 and all(path.exists() for path in mine)
    before = files_under(settings.MEDIA_ROOT, private_root)
    assert mine <= before
    bob_likes = Post.objects.get(pk=world.bob_post.pk).like_count
    other_device = signed_in("alice")
    keys = sessions_of(alice_pk)
    assert len(keys) == 2  # this phone, and the tab that asked for her archive

    client = signed_in("alice")
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("feed:account_deleted")
    assert "Your account is deleted" in text(client.get(response.url))

    # Every file of hers is gone, and only hers.
    assert files_under(settings.MEDIA_ROOT, private_root) == before - mine
    # No row anywhere points at her: every model with a foreign key to the user was checked.
    assert rows_referencing(alice_pk) == {}
    assert not get_user_model().objects.filter(pk=alice_pk).exists()
    assert sessions_of(alice_pk) == []
    # Gone from the session cache too, not only from the table (the engine is cached_db).
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not any(store().exists(key) for key in keys)
    for device in (client, other_device):  # signed out everywhere
        response = device.get("/profile/edit/")
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))

    # bob's remix of her video stands, and its lineage shows "Removed" where hers was.
    viewer = Client()
    viewer.force_login(bob)
    remix_node = RemixNode.objects.get(post=world.bob_remix)
    assert remix_node.parent.post is None and remix_node.parent.author is None
    page = viewer.get(reverse("remix:lineage", args=[world.bob_remix.pk]))
    assert page.status_code == 200
    assert "Removed" in text(page) and "Bob's lighthouse at dawn" in text(page)
    assert viewer.get(world.bob_remix.get_absolute_url()).status_code == 200
    assert Client().get(reverse("remix:lineage", args=[world.bob_remix.pk])).status_code == 200
    # Her remix of bob's volcano is gone from his lineage too, as a placeholder.
    page = text(viewer.get(reverse("remix:lineage", args=[world.bob_post.pk])))
    assert "Removed" in page and "Alice's volcano" not in page

    # bob's video with her likeness was taken down, as "revoke everywhere" does, and he was told.
    taken_down = Post.objects.get(pk=world.bob_with_alice.pk)
    assert taken_down.status == Post.Status.REMOVED and "deleted their account" in taken_down.removed_reason
    assert "alice" not in taken_down.removed_reason
    assert Notification.objects.filter(recipient=bob, kind=Notification.Kind.VIDEO_REMOVED).exists()

    # bob keeps what is his: posts, his cameo and its files, his follows, his own comment.
    assert set(Post.objects.filter(author=bob).values_list("pk", flat=True)) == {
        world.bob_post.pk, world.bob_remix.pk, world.bob_with_alice.pk
    }
    for post in (world.bob_post, world.bob_remix):
        assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED
        assert Path(post.job.video.path).exists() and Path(post.job.poster.path).exists()
    assert Cameo.objects.filter(owner=bob).exists() and Path(world.bob_cameo.portrait.path).exists()
    assert Follow.objects.filter(follower=bob, followee=world.carol).exists()
    assert Comment.objects.filter(author=bob, post=world.bob_post).exists()
    # Her like and comment no longer count on his video.
    bob_post = Post.objects.get(pk=world.bob_post.pk)
    assert bob_post.like_count == bob_likes - 1 == Like.objects.filter(post=bob_post).count()
    assert bob_post.comment_count == 1 == Comment.objects.filter(post=bob_post).count()


def test_staff_may_delete_their_own_account(client, staff):
    post = make_finished_job(staff, prompt="A staff video").post
    signed = signed_in("staffer")
    response = signed.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=staff.pk).exists()
    assert not Post.objects.filter(pk=post.pk).exists()
    assert rows_referencing(staff.pk) == {}


def test_an_account_without_a_password_is_told_how_to_set_one(alice):
    alice.set_unusable_password()
    alice.save()
    client = Client()
    client.force_login(alice)
    response = client.post(DELETE, {"password": "anything"})
    assert response.status_code == 400 and NO_PASSWORD in text(response)
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(db):
    client = Client()
    for method in ("get", "post"):
        response = getattr(client, method)(DELETE)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_failure_midway_rolls_everything_back(world, private_root, settings):
    """A receiver that fails after the cameo's part ran: nothing is deleted, no file, no row."""
    from feed.signals import account_deleting

    def fail(sender, **kwargs):
        from django.db import DatabaseError

        raise DatabaseError("disk full")

    account_deleting.connect(fail, dispatch_uid="test-fail")
    try:
        before_files = files_under(settings.MEDIA_ROOT, private_root)
        before_rows = rows_referencing(world.alice.pk)
        client = signed_in("alice")
        response = client.post(DELETE, {"password": PASSWORD})
        assert response.status_code == 503 and "nothing was deleted" in text(response)
    finally:
        account_deleting.disconnect(dispatch_uid="test-fail")
    assert files_under(settings.MEDIA_ROOT, private_root) == before_files
    assert rows_referencing(world.alice.pk) == before_rows
    assert Cameo.objects.get(owner=world.alice).enabled  # the takedown rolled back with the rest
    assert Post.objects.get(pk=world.bob_with_alice.pk).status == Post.Status.PUBLISHED
