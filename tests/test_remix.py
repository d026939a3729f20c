"""Remix: variations of a video, credited, with a lineage that survives removals."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cameo.models import Appearance, Cameo
from feed.models import Notification, Post
from feed.services import post_publish
from generation.models import Job
from generation.services import job_create
from generation.signals import job_succeeded
from remix.models import RemixNode, RemixRequest
from remix.prompt_diff import prompt_diff
from remix.services import node_attach, node_ensure

from .conftest import make_cameo, make_finished_job, make_user, run_worker

FORM = {"prompt": "A lighthouse in a storm at night with rain", "duration": 5, "orientation": "portrait",
        "strength": "0.6"}  # fmt: skip


def published(owner, prompt: str = "A lighthouse in a storm") -> Post:
    return post_publish(post=make_finished_job(owner, prompt=prompt).post, user=owner)


def remix_of(parent: Post, owner, *, publish: bool = True, prompt: str | None = None) -> Post:
    """A finished remix the way the worker leaves it, without rendering (and without a poster)."""
    prompt = parent.job.prompt + " at night" if prompt is None else prompt
    job = job_create(owner=owner, prompt=prompt, duration=5, orientation="portrait",
                     parent=parent.job)  # fmt: skip
    RemixRequest.objects.create(job=job, parent=node_ensure(post=parent))
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, video=parent.job.video.name)
    job.refresh_from_db()
    job_succeeded.send(sender=Job, job=job)
    post = job.post
    return post_publish(post=post, user=owner) if publish else post


def text(response) -> str:
    return html.unescape(response.content.decode())


def words_of(page: str) -> str:
    """A page's text as read: tags (a prompt's <ins> and <del> marks among them) dropped."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def words(response) -> str:
    return words_of(response.content.decode())


@pytest.mark.django_db(transaction=True)
def test_a_subtle_remix_applies_its_edit_to_every_shot_of_the_parent(client, alice, bob, render_queue):
    original = published(alice, "A cat surfs a wave at sunset, then a dog sleeps on the beach")
    client.force_login(bob)
    edit = original.job.prompt + ". Make it night and add rain."
    response = client.post(f"/remix/{original.pk}/", FORM | {"prompt": edit, "strength": "0.2"})
    assert response.status_code == 302
    job = Job.objects.get(owner=bob)
    assert job.spec["parent_prompt"] == original.job.prompt
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    shots = job.render_info["shots"]
    assert len(shots) == 2  # the edit is no shot of its own
    assert [s["subjects"][0]["noun"] for s in shots] == ["cat", "dog"]  # the parent's subjects, in place
    assert all({"night", "rain"} <= set(s["scene"]) for s in shots)  # and the edit in every shot


@pytest.mark.django_db(transaction=True)
def test_bob_remixes_alices_video_and_both_show_the_credit(client, alice, bob, render_queue):
    original = published(alice)
    client.force_login(bob)
    page = text(client.get(f"/remix/{original.pk}/"))
    assert "Remix @alice's video" in page and "A lighthouse in a storm</textarea>" in page
    response = client.post(f"/remix/{original.pk}/", FORM)
    job = Job.objects.get(owner=bob)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.seed == original.job.seed  # the preview engine keeps the parent's look
    assert job.spec["parent_video"] == original.job.video.name and job.spec["parent_strength"] == 0.6
    run_worker()  # the worker fetches the parent clip from storage and renders
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    remix = job.post
    node = remix.remix_node
    assert node.parent.post == original and node.depth == 1
    post_publish(post=remix, user=bob)
    assert f'Remix of <a href="/p/{original.pk}/">@alice</a>' in text(client.get(remix.get_absolute_url()))
    parent_page = text(client.get(original.get_absolute_url()))
    assert "1 remix" in parent_page
    assert Notification.objects.get(recipient=alice, kind="remixed").text == "@bob remixed your video."


def test_lineage_counts_and_order_at_any_depth(alice, bob, render_queue):
    root = published(alice)
    a = remix_of(root, bob)
    b = remix_of(a, alice)
    c = remix_of(b, bob)
    a2 = remix_of(root, bob)
    nodes = {post.pk: RemixNode.objects.get(post=post) for post in (root, a, b, c, a2)}
    assert [nodes[p.pk].depth for p in (root, a, b, c)] == [0, 1, 2, 3]
    assert nodes[c.pk].ancestor_ids == [nodes[root.pk].pk, nodes[a.pk].pk, nodes[b.pk].pk]
    assert (nodes[root.pk].remix_count, nodes[root.pk].descendant_count) == (2, 4)
    assert (nodes[a.pk].remix_count, nodes[a.pk].descendant_count) == (1, 2)
    assert (nodes[c.pk].remix_count, nodes[c.pk].descendant_count) == (0, 0)
    assert {n.root_id for n in nodes.values()} == {nodes[root.pk].pk}


def test_the_lineage_page_shows_ancestors_and_descendants_and_keeps_removed_nodes(
    client, alice, bob, render_queue
):
    root = published(alice, "An original cat video")
    middle = remix_of(root, bob)
    leaf = remix_of(middle, alice)
    Post.objects.filter(pk=middle.pk).update(status=Post.Status.REMOVED, removed_reason="taken down")
    page = words(client.get(f"/remix/{leaf.pk}/lineage/"))
    assert "An original cat video" in page and "Removed" in page
    page = words(client.get(f"/remix/{root.pk}/lineage/"))
    assert page.count("Removed") == 1 and "at night at night" in page  # the leaf, under the gap
    middle.delete()  # deleted outright: the node stays as a placeholder
    page = words(client.get(f"/remix/{root.pk}/lineage/"))
    assert "Removed" in page and "at night at night" in page
    assert RemixNode.objects.get(post=leaf).parent.post is None


def test_others_private_drafts_never_appear_in_a_lineage(client, alice, bob, render_queue):
    root = published(alice)
    draft = remix_of(root, bob, publish=False)
    client.force_login(alice)
    page = words(client.get(f"/remix/{root.pk}/lineage/"))
    assert draft.job.prompt not in page and "No remixes yet." in page
    client.force_login(bob)
    assert draft.job.prompt in words(client.get(f"/remix/{root.pk}/lineage/"))


def test_the_lineage_page_needs_the_same_few_queries_for_any_tree(client, alice, bob, render_queue):
    from django.db import connection

    small = published(alice)
    remix_of(small, bob)
    big = published(alice, "A big family of remixes")
    parent = big
    for _ in range(6):
        children = [remix_of(parent, bob) for _child in range(3)]
        parent = children[0]
    counts = []
    for user in (None, alice):  # signed in adds the user (the session comes from the cache)
        if user:
            client.force_login(user)
        for post in (small, big, parent):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/remix/{post.pk}/lineage/").status_code == 200
            counts.append(len(queries))
    assert counts == [3, 3, 3, 4, 4, 4], counts


def test_a_later_page_of_newest_remixes_fetches_its_missing_parents_in_one_query(
    client, alice, bob, render_queue, monkeypatch
):
    monkeypatch.setattr("remix.selectors.LINEAGE_PAGE_SIZE", 2)
    root = published(alice, "A fox in the snow")
    parent = root
    for n in range(6):  # a chain: on a later page, newest first, each remix's parent is elsewhere
        parent = remix_of(parent, bob, prompt=f"{parent.job.prompt} step{n}")
    counts = []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/remix/{root.pk}/lineage/", {"order": "newest", "page": page})
        counts.append(len(queries))
        # Each remix on the page has its own change marked, even where its parent is on another page.
        assert sorted(re.findall(r"<ins>(step\d)</ins>", response.content.decode())) == [
            f"step{n}" for n in sorted({5 - 2 * (page - 1), 4 - 2 * (page - 1)})
        ], page
    # One more query where a page lacks a parent (step3 for step4; then step1 for step2), none on
    # the last page: step0's parent is this page's own video.
    assert counts == [4, 4, 3], counts


def test_the_lineage_shows_whole_prompts_with_dir_auto(client, alice, bob, render_queue):
    long_prompt = " ".join(["A very long prompt about a lighthouse keeper and her cat"] * 6)[:300]
    assert len(long_prompt) == 300
    root = published(alice, long_prompt)
    remix = remix_of(root, bob, prompt=long_prompt + " at dawn")
    page = client.get(f"/remix/{root.pk}/lineage/").content.decode()
    assert f'<p class="lineage-prompt" dir="auto">{long_prompt}</p>' in page  # this video: not cut
    assert f"{long_prompt} <ins>at dawn</ins>" in page  # its remix, whole, with its change
    assert long_prompt[:77] + "…" not in page
    assert f'<p class="lineage-prompt" dir="auto">{long_prompt} <ins>at dawn</ins></p>' in client.get(
        f"/remix/{remix.pk}/lineage/"
    ).content.decode()


def test_thumbnails_show_for_visible_videos_and_not_for_removed_ones(client, alice, bob, render_queue):
    root = published(alice, "An original cat video")
    middle = remix_of(root, bob, prompt="A middle dog video")
    Job.objects.filter(pk=middle.job_id).update(poster=root.job.poster.name)  # remix_of makes none
    leaf = remix_of(middle, alice, prompt="A leaf bird video")

    def posters() -> set[str]:
        page = client.get(f"/remix/{leaf.pk}/lineage/").content.decode()
        return set(re.findall(r'<img src="/p/(\d+)/poster\.jpg"', page))

    assert posters() == {str(root.pk), str(middle.pk)}  # the leaf has no poster file: a blank tile
    Post.objects.filter(pk=middle.pk).update(status=Post.Status.REMOVED, removed_reason="taken down")
    assert posters() == {str(root.pk)}
    page = client.get(f"/remix/{leaf.pk}/lineage/").content.decode()
    assert 'class="lineage-node removed"' in page and "middle" not in words_of(page)


def test_the_change_marks_exactly_the_added_and_dropped_words():
    parent, prompt = "A cat surfs a big wave at sunset", "A dog surfs a wave at sunset in the rain"
    assert prompt_diff(parent=parent, prompt=prompt) == (
        "A <del>cat</del> <ins>dog</ins> surfs a <del>big</del> wave at sunset <ins>in the rain</ins>"
    )
    assert prompt_diff(parent="same words", prompt="same  words") == "same words"


def test_the_lineage_marks_a_remixs_change_against_its_parent(client, alice, bob, render_queue):
    root = published(alice, "A cat surfs a big wave at sunset")
    remix = remix_of(root, bob, prompt="A dog surfs a wave at sunset in the rain")
    page = client.get(f"/remix/{root.pk}/lineage/").content.decode()
    node = re.search(r'<ul class="descendants">.*?</ul>', page, re.DOTALL).group(0)
    assert re.findall(r"<ins>(.*?)</ins>", node) == ["dog", "in the rain"]
    assert re.findall(r"<del>(.*?)</del>", node) == ["cat", "big"]
    # The original changes nothing: no marks on it (nor on the page's own video, on its own page).
    own = client.get(f"/remix/{remix.pk}/lineage/").content.decode()
    ancestors = re.search(r'<ol class="ancestors">.*?</ol>', own, re.DOTALL).group(0)
    assert "<ins>" not in ancestors and "<del>" not in ancestors
    assert "<ins>dog</ins>" in own.split("<h2>This video</h2>")[1]


def test_user_text_in_a_marked_prompt_is_escaped(client, alice, bob, render_queue):
    root = published(alice, 'A cat <script>alert("a")</script> & "friends"')
    remix_of(root, bob, prompt='A cat <img src=x onerror=alert(1)> & "friends" <script>alert("b")</script>')
    page = client.get(f"/remix/{root.pk}/lineage/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<del>&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt;</del>" in page
    assert "<ins>&lt;img src=x onerror=alert(1)&gt;</ins>" in page
    assert "&amp; &quot;friends&quot; <ins>&lt;script&gt;alert(&quot;b&quot;)&lt;/script&gt;</ins>" in page


def test_no_change_is_marked_against_a_parent_the_viewer_may_not_see(client, alice, bob, render_queue):
    """A removed video's prompt, or someone else's draft's, would show through its remix's marks."""
    root = published(alice, "An original secret plan")
    draft = remix_of(root, alice, publish=False, prompt="A private draft plan")
    remix = remix_of(draft, alice, prompt="A public remix of it")  # the author may remix her own draft
    client.force_login(bob)
    page = words_of(client.get(f"/remix/{remix.pk}/lineage/").content.decode())
    assert "A public remix of it" in page and "private draft" not in page and "Removed" in page
    client.force_login(alice)
    page = client.get(f"/remix/{remix.pk}/lineage/").content.decode()
    assert "<del>private draft plan</del>" in page  # hers to see
    Post.objects.filter(pk=root.pk).update(status=Post.Status.REMOVED, removed_reason="taken down")
    page = client.get(f"/remix/{draft.pk}/lineage/").content.decode()
    this_video = page.split("<h2>This video</h2>")[1].split("<h2>Remixes</h2>")[0]
    assert "secret" not in page and "<del>" not in this_video and "<ins>" not in this_video
    assert "A private draft plan" in this_video


@pytest.mark.parametrize("who", ["stranger", "staff"])
def test_others_cannot_remix_a_draft_but_the_author_can(client, alice, bob, staff, who, render_queue):
    draft = make_finished_job(alice).post
    client.force_login({"stranger": bob, "staff": staff}[who])
    assert client.get(f"/remix/{draft.pk}/").status_code == 404
    assert client.post(f"/remix/{draft.pk}/", FORM).status_code == 404
    client.force_login(alice)
    assert client.post(f"/remix/{draft.pk}/", FORM).status_code == 302


def test_anonymous_visitors_may_look_at_lineage_but_not_remix(client, alice, render_queue):
    post = published(alice)
    assert client.get(f"/remix/{post.pk}/lineage/").status_code == 200
    response = client.get(f"/remix/{post.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get(f"/remix/{make_finished_job(alice).post.pk}/lineage/").status_code == 404  # a draft


def test_a_removed_video_cannot_be_remixed_and_says_why(client, alice, render_queue):
    post = published(alice)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.REMOVED, removed_reason="gone")
    client.force_login(alice)
    response = client.get(f"/remix/{post.pk}/")
    assert response.status_code == 403 and "This video was removed" in text(response)


def test_turning_remixing_off_stops_new_remixes_but_keeps_old_ones(client, alice, bob, render_queue):
    post = published(alice)
    old = remix_of(post, bob)
    client.force_login(bob)
    assert client.post(f"/remix/{post.pk}/remixing/", {"allowed": "0"}).status_code == 403
    client.force_login(alice)
    client.post(f"/remix/{post.pk}/remixing/", {"allowed": "0"})
    assert "Allow remixing" in text(client.get(post.get_absolute_url()))
    client.force_login(bob)
    response = client.post(f"/remix/{post.pk}/", FORM)
    assert response.status_code == 403 and "@alice turned remixing off" in text(response)
    assert f'Remix of <a href="/p/{post.pk}/">@alice</a>' in text(client.get(old.get_absolute_url()))
    assert "1 remix" in text(client.get(post.get_absolute_url()))
    client.force_login(alice)
    assert client.post(f"/remix/{post.pk}/", FORM).status_code == 302  # the author still may


@pytest.mark.django_db(transaction=True)  # the worker renders the remix for real
def test_a_cameo_in_the_parent_needs_consent_now_or_is_dropped(
    client, alice, bob, astronaut_portrait, render_queue
):
    carol = make_user("carol")
    cameo = make_cameo(carol, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    job = job_create(owner=alice, prompt="@carol rides a bike", duration=5, orientation="portrait")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, video="jobs/x/video.mp4")
    job.refresh_from_db()
    job_succeeded.send(sender=Job, job=job)
    parent = post_publish(post=job.post, user=alice)
    Cameo.objects.filter(pk=cameo.pk).update(tier=Cameo.Tier.ONLY_ME)

    client.force_login(bob)
    page = text(client.get(f"/remix/{parent.pk}/"))
    assert "@carol hasn't allowed you to use their cameo." in page and "Leave out @carol" in page
    form = FORM | {"prompt": "@carol rides a bike in the snow"}
    response = client.post(f"/remix/{parent.pk}/", form)
    assert response.status_code == 400 and "Drop them from the remix" in text(response)
    assert not Job.objects.filter(owner=bob).exists()

    response = client.post(f"/remix/{parent.pk}/", form | {"drop": ["carol"]})
    remix = Job.objects.get(owner=bob)
    assert response.status_code == 302
    assert remix.prompt == "someone rides a bike in the snow"
    assert not Appearance.objects.filter(job=remix).exists()
    # Carol's face is in the parent clip: none of its pixels may reach the engines. The remix
    # starts from the prompt with the parent's seed, and is still credited as a remix.
    assert "parent_video" not in remix.spec and remix.seed == parent.job.seed
    assert RemixRequest.objects.get(job=remix).parent.post == parent
    run_worker()  # the parent clip here is no file at all: fetching it would fail the render
    remix.refresh_from_db()
    assert remix.status == Job.Status.SUCCEEDED, remix.error
    assert remix.post.remix_node.parent.post == parent


def test_a_remix_keeps_the_parents_consenting_cameos_as_co_owners(
    client, alice, bob, astronaut_portrait, render_queue
):
    carol = make_user("carol")
    make_cameo(carol, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    job = job_create(owner=alice, prompt="@carol rides a bike", duration=5, orientation="portrait")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, video="jobs/x/video.mp4")
    job.refresh_from_db()
    job_succeeded.send(sender=Job, job=job)
    parent = post_publish(post=job.post, user=alice)
    client.force_login(bob)
    client.post(f"/remix/{parent.pk}/", FORM | {"prompt": "A bike ride in the snow"})
    remix = Job.objects.get(owner=bob)
    assert list(Appearance.objects.filter(job=remix).values_list("owner__username", flat=True)) == ["carol"]
    assert (
        Notification.objects.filter(recipient=carol, kind="cameo_used")
        .latest("pk")
        .text.startswith("@bob is remixing a video with your cameo")
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("strength", "2", "Pick a strength between subtle (0.1) and wild (0.9)."),
     ("prompt", "  ", "Describe the video you want: the prompt is empty."),
     ("duration", "7", "Pick a length of 5, 10 or 15 seconds.")],
)  # fmt: skip
def test_bad_remix_input_is_explained(client, alice, bob, field, value, message, render_queue):
    post = published(alice)
    client.force_login(bob)
    response = client.post(f"/remix/{post.pk}/", FORM | {field: value})
    assert response.status_code == 400 and message in text(response)
    assert not Job.objects.filter(owner=bob).exists()


def test_a_missing_post_is_404(client, bob):
    client.force_login(bob)
    assert client.get("/remix/999999/").status_code == 404
    assert client.get("/remix/999999/lineage/").status_code == 404


def test_node_attach_is_what_the_receiver_uses(alice, bob, render_queue):
    root = published(alice)
    child = make_finished_job(bob).post
    node = node_attach(post=child, parent=node_ensure(post=root))
    assert node.path.endswith(f"{node.pk:010d}/") and node.path.startswith(node_ensure(post=root).path)
