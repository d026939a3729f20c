"""Co-ownership: the person in a video can take it down, everywhere, and delete their data."""

import pytest
from django.core.exceptions import PermissionDenied

from cameo.models import Appearance, Cameo, Challenge, Verification
from cameo.services import appearance_remove, appearances_inherit, cameo_delete, cameo_revoke_everywhere
from feed.models import Notification, Post
from feed.services import post_publish
from generation.models import Job
from generation.services import job_create
from generation.signals import JobRefused, job_succeeded

from .conftest import make_cameo, make_user, media_files


@pytest.fixture
def carol_cameo(db, astronaut_portrait):
    return make_cameo(make_user("carol"), astronaut_portrait, tier=Cameo.Tier.EVERYONE)


def finished(job: Job, *, publish: bool) -> Post:
    """Mark a job done the way the worker does (without rendering): a draft post appears."""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=1.0)
    job.refresh_from_db()
    job_succeeded.send(sender=Job, job=job)
    post = job.post
    return post_publish(post=post, user=job.owner) if publish else post


def featuring(owner, handle: str = "carol") -> Job:
    return job_create(owner=owner, prompt=f"@{handle} dances in the rain", duration=5, orientation="portrait")


def test_removing_a_video_with_me_unpublishes_it_tells_its_creator_and_it_stays_down(
    carol_cameo, alice, render_queue
):
    post = finished(featuring(alice), publish=True)
    appearance = Appearance.objects.get(job=post.job)
    appearance_remove(appearance=appearance)
    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED
    assert post.removed_reason == "@carol removed this video because it features their cameo."
    note = Notification.objects.get(recipient=alice, kind="video_removed")
    assert note.text == post.removed_reason
    with pytest.raises(PermissionDenied, match="was removed and can't be published"):
        post_publish(post=post, user=alice)


def test_removing_a_video_still_rendering_stops_it(carol_cameo, alice, render_queue):
    job = featuring(alice)
    appearance_remove(appearance=Appearance.objects.get(job=job))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "@carol removed this video" in job.error


def test_revoke_everywhere_reaches_drafts_published_queued_and_remixes(carol_cameo, alice, bob, render_queue):
    carol = carol_cameo.owner
    published = finished(featuring(alice), publish=True)
    draft = finished(featuring(bob), publish=False)
    queued = featuring(bob)
    own = finished(featuring(carol), publish=True)
    # A remix of alice's video by bob, without mentioning @carol: she is still in it.
    remix = job_create(owner=bob, prompt="Make it night", duration=5, orientation="portrait")
    appearances_inherit(job=remix, parent=published.job)
    remix_post = finished(remix, publish=True)
    fox = job_create(owner=bob, prompt="A fox", duration=5, orientation="portrait")
    unrelated = finished(fox, publish=True)

    count = cameo_revoke_everywhere(cameo=carol_cameo)

    assert count == 5
    carol_cameo.refresh_from_db()
    assert carol_cameo.enabled is False
    for post in (published, draft, own, remix_post):
        post.refresh_from_db()
        assert post.status == Post.Status.REMOVED, post
        assert post.removed_reason == "@carol withdrew consent for their cameo, so this video was removed."
    queued.refresh_from_db()
    assert queued.status == Job.Status.FAILED and "withdrew consent" in queued.error
    unrelated.refresh_from_db()
    assert unrelated.status == Post.Status.PUBLISHED
    # Creators hear why (once each); carol is not told about her own video.
    removed_notes = Notification.objects.filter(kind="video_removed")
    assert sorted(removed_notes.values_list("recipient__username", flat=True)) == ["alice", "bob"]
    assert not Appearance.objects.filter(owner=carol, removed_at=None).exists()
    # And nobody can start a new one.
    with pytest.raises(JobRefused, match="switched their cameo off"):
        featuring(alice)


def test_deleting_a_cameo_deletes_every_biometric_file_and_encoding(
    carol_cameo, alice, private_root, render_queue, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    carol = carol_cameo.owner
    for status in (Verification.Status.APPROVED, Verification.Status.PENDING):
        verification = Verification(
            user=carol, challenge=Challenge.objects.create(user=carol), status=status, encoding=[0.1] * 128
        )
        verification.recording.save("recording.webm", ContentFile(b"webm bytes"), save=False)
        verification.portrait.save("portrait.jpg", ContentFile(b"jpeg bytes"), save=False)
        verification.save()
    queued = featuring(alice)
    kept = finished(featuring(alice), publish=True)
    files_before = media_files(private_root)
    assert len(files_before) == 5  # the cameo portrait + 2 recordings + 2 portraits

    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(user=carol)

    assert media_files(private_root) == []
    assert not Cameo.objects.filter(owner=carol).exists()
    assert not Verification.objects.filter(user=carol).exists()
    assert not Challenge.objects.filter(user=carol).exists()
    queued.refresh_from_db()
    assert queued.status == Job.Status.FAILED and "deleted their cameo" in queued.error
    # The finished video stays hers to remove: co-ownership outlives the cameo.
    appearance = Appearance.objects.get(job=kept.job)
    assert appearance.owner == carol and appearance.cameo is None
