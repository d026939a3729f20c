"""A small world around alice for the "Your data" tests: her videos (published, draft, failed,
a remix of bob's), her avatar, likes, comments, follows, a cameo with its recording, a remix of
her video by bob and a video of bob's that shows her cameo; and bob's own things beside them.

Everything is made through the app's own services and stored in the real storages (the suite
points MEDIA_ROOT and SORA_PRIVATE_ROOT at a fresh temporary folder per test).
"""

import os
from dataclasses import dataclass

from django.core.files.base import ContentFile

from cameo.models import Appearance, Cameo, Challenge, Verification
from feed.models import Post
from feed.services import comment_create, follow_create, like_create, post_publish, profile_update
from generation.models import Job
from remix.models import RemixNode
from remix.services import node_attach, node_ensure

from .conftest import make_finished_job, make_user

ALICE_RECORDING = b"\x1a\x45\xdf\xa3 alice's verification recording " * 100
ALICE_PORTRAIT = b"\xff\xd8\xff\xe0 alice's cameo portrait " + os.urandom(64)
ALICE_VERIFICATION_PORTRAIT = b"\xff\xd8\xff\xe0 alice's verification portrait " + os.urandom(64)
BOB_PORTRAIT = b"\xff\xd8\xff\xe0 bob's cameo portrait " + os.urandom(64)
ALICE_AVATAR = b"RIFF\x00\x00\x00\x00WEBPVP8 alice's avatar " + os.urandom(32)
ALICE_COMMENT = "The light on the water here is wonderful"
BOB_COMMENT = "Bob thinks this storm is too loud"


def video_bytes(label: str) -> bytes:
    """A distinct 'MP4' per video (random tail), so identical bytes prove the very same file."""
    return b"\x00\x00\x00\x18ftypmp42" + label.encode() + os.urandom(20_000)


def make_cameo_with_recording(user, *, portrait: bytes, recording: bytes | None = None) -> Cameo:
    """An approved cameo the way review leaves it: the verification's recording and portrait and
    the cameo's own portrait, all in private storage."""
    verification = Verification(
        user=user, challenge=Challenge.objects.create(user=user), status=Verification.Status.APPROVED
    )
    if recording is not None:
        verification.recording.save("recording.webm", ContentFile(recording), save=False)
        verification.portrait.save("portrait.jpg", ContentFile(ALICE_VERIFICATION_PORTRAIT), save=False)
    verification.save()
    cameo = Cameo(
        owner=user, encoding=[0.01 * n for n in range(128)], tier=Cameo.Tier.EVERYONE,
        preferences="Always smiling", verification=verification,
    )  # fmt: skip
    cameo.portrait.save("portrait.jpg", ContentFile(portrait), save=False)
    cameo.save()
    return cameo


def remix_finished(parent: Post, owner, *, prompt: str, publish: bool = True) -> Post:
    """A finished remix of `parent` with its own file, joined to the lineage as the worker does."""
    post = make_finished_job(owner, prompt=prompt, video_bytes=video_bytes(prompt)).post
    node_attach(post=post, parent=node_ensure(post=parent))
    return post_publish(post=post, user=owner) if publish else post


@dataclass
class World:
    alice: object
    bob: object
    carol: object
    published: Post  # alice's
    draft: Post  # alice's
    failed: Job  # alice's, never finished: no files
    alice_remix: Post  # alice's remix of bob's video
    bob_post: Post
    bob_remix: Post  # bob's remix of alice's published video
    bob_with_alice: Post  # bob's video that shows alice's cameo
    alice_cameo: Cameo
    bob_cameo: Cameo


def build_world(alice, bob) -> World:
    carol = make_user("carol")
    profile_update(user=alice, display_name="Alice Example", bio="Boats and storms",
                   avatar=ContentFile(ALICE_AVATAR))  # fmt: skip
    published = post_publish(
        post=make_finished_job(alice, prompt="A lighthouse in a storm", video_bytes=video_bytes("pub")).post,
        user=alice,
    )
    draft = make_finished_job(alice, prompt="A paper boat on a puddle", video_bytes=video_bytes("draft")).post
    failed = Job.objects.create(
        owner=alice, prompt="A kite that never flew", seed=3, video_engine="preview", audio_engine="tones",
        status=Job.Status.FAILED, error="The renderer stopped.",
    )  # fmt: skip
    bob_post = post_publish(
        post=make_finished_job(bob, prompt="Bob's secret volcano", video_bytes=video_bytes("bob")).post,
        user=bob,
    )
    alice_remix = remix_finished(bob_post, alice, prompt="Alice's volcano at night")
    bob_remix = remix_finished(published, bob, prompt="Bob's lighthouse at dawn")
    alice_cameo = make_cameo_with_recording(alice, portrait=ALICE_PORTRAIT, recording=ALICE_RECORDING)
    bob_cameo = make_cameo_with_recording(bob, portrait=BOB_PORTRAIT)
    # bob's video with alice's likeness in it (as if he wrote "@alice" in its prompt).
    bob_with_alice = make_finished_job(bob, prompt="@alice sails past", video_bytes=video_bytes("bob+alice"))
    Appearance.objects.create(job=bob_with_alice, owner=alice, cameo=alice_cameo)
    bob_with_alice = post_publish(post=bob_with_alice.post, user=bob)

    like_create(user=alice, post=bob_post)
    like_create(user=bob, post=published)
    comment_create(author=alice, post=bob_post, body=ALICE_COMMENT)
    comment_create(author=bob, post=published, body=BOB_COMMENT)
    comment_create(author=bob, post=bob_post, body="Bob's own note on his volcano")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=alice, followee=carol)
    follow_create(follower=bob, followee=carol)
    alice_cameo.approved_users.add(carol)
    for post in (published, draft, alice_remix, bob_post, bob_remix, bob_with_alice):
        post.refresh_from_db()
    assert RemixNode.objects.filter(post=bob_remix).exists()
    return World(
        alice=alice, bob=bob, carol=carol, published=published, draft=draft, failed=failed,
        alice_remix=alice_remix, bob_post=bob_post, bob_remix=bob_remix, bob_with_alice=bob_with_alice,
        alice_cameo=alice_cameo, bob_cameo=bob_cameo,
    )  # fmt: skip
