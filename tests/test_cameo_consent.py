"""Consent: who may put whose likeness in a video, checked at submit, at worker start, while rendering
and again at publishing."""

import pytest
from django.test import Client

from cameo.models import Appearance, Cameo
from feed.services import follow_create
from generation.models import Job
from generation.services import job_create
from generation.signals import JobRefused, job_started

from .conftest import make_cameo, make_user, run_worker

PERSONAS = ("owner", "approved", "mutual", "follower", "stranger", "staff")
TIERS = ("only_me", "approved", "mutuals", "everyone", "off")
MOMENTS = ("submit", "worker start", "publish")

# Who may use carol's cameo, per tier. Staff get no exception: consent is the owner's alone.
ALLOWED = {
    "only_me": {"owner"},
    "approved": {"owner", "approved"},
    "mutuals": {"owner", "mutual"},
    "everyone": {"owner", "approved", "mutual", "follower", "stranger", "staff"},
    "off": set(),
}


@pytest.fixture
def world(db, astronaut_portrait):
    """carol owns the cameo; the others stand in every relation to her."""
    people = {
        "owner": make_user("carol"),
        "approved": make_user("dan"),
        "mutual": make_user("erin"),
        "follower": make_user("frank"),
        "stranger": make_user("gina"),
        "staff": make_user("hal", is_staff=True, is_superuser=True),
    }
    carol = people["owner"]
    cameo = make_cameo(carol, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    cameo.approved_users.add(people["approved"])
    follow_create(follower=people["mutual"], followee=carol)
    follow_create(follower=carol, followee=people["mutual"])
    follow_create(follower=people["follower"], followee=carol)
    return people, cameo


def set_tier(cameo: Cameo, tier: str) -> None:
    if tier == "off":
        Cameo.objects.filter(pk=cameo.pk).update(enabled=False)
    else:
        Cameo.objects.filter(pk=cameo.pk).update(enabled=True, tier=tier)


def submit(user) -> Job:
    prompt = "@carol waves at the camera on a beach"
    return job_create(owner=user, prompt=prompt, duration=5, orientation="portrait")


def test_the_consent_matrix_size():
    assert len(PERSONAS) * len(TIERS) * len(MOMENTS) == 90


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_consent_at_submit(world, render_queue, persona, tier):
    people, cameo = world
    set_tier(cameo, tier)
    if persona in ALLOWED[tier]:
        job = submit(people[persona])
        assert Appearance.objects.filter(job=job, owner=people["owner"]).exists()
        assert job.spec["references"][0]["name"] == "@carol"
    else:
        with pytest.raises(JobRefused) as refusal:
            submit(people[persona])
        assert "carol" in refusal.value.message.lower() or "your cameo" in refusal.value.message.lower()
        # Nothing half-created: no job row, no appearance.
        assert not Job.objects.filter(owner=people[persona]).exists()
        assert not Appearance.objects.exists()


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_consent_again_at_worker_start(world, render_queue, persona, tier):
    """Submitted while carol allowed everyone; she changes her mind while the job is queued."""
    people, cameo = world
    job = submit(people[persona])
    set_tier(cameo, tier)
    if persona in ALLOWED[tier]:
        job_started.send(sender=Job, job=job)  # no veto
    else:
        with pytest.raises(JobRefused) as refusal:
            job_started.send(sender=Job, job=job)
        assert "after you submitted" in refusal.value.message


@pytest.mark.parametrize("tier", TIERS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_consent_again_at_publishing(world, render_queue, persona, tier):
    """Rendered while carol allowed everyone; she changes her mind before the draft is published."""
    people, cameo = world
    creator = people[persona]
    job = submit(creator)
    finished(job)
    set_tier(cameo, tier)
    client = Client()
    client.force_login(creator)
    response = client.post(f"/p/{job.post.pk}/publish/", headers={"HX-Request": "true"})
    job.post.refresh_from_db()
    if persona in ALLOWED[tier]:
        assert response.status_code == 200 and job.post.is_published
    else:
        assert response.status_code == 403
        assert not job.post.is_published, "it stays a draft"
        page = response.content.decode()
        assert "This changed after the video was made, so it can&#x27;t be published" in page
        assert "carol" in page.lower() or "your cameo" in page.lower()


def finished(job: Job) -> None:
    """As the worker leaves a render: succeeded, with its draft post."""
    from generation.signals import job_succeeded

    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, video="jobs/x/video.mp4")
    job.refresh_from_db()
    job_succeeded.send(sender=Job, job=job)


# The in-process worker closes the connection between jobs, as it does in production; that
# ends a test-wrapping transaction on PostgreSQL, so these tests commit for real.
@pytest.mark.django_db(transaction=True)
def test_worker_fails_a_job_whose_consent_was_withdrawn_while_queued(
    world, render_queue, django_capture_on_commit_callbacks
):
    people, cameo = world
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(people["stranger"])
    set_tier(cameo, "only_me")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "@carol hasn't allowed you to use their cameo. This changed after you submitted, "
        "so the video was not made."
    )
    assert not job.video


# The in-process worker closes the connection between jobs, as it does in production; that
# ends a test-wrapping transaction on PostgreSQL, so these tests commit for real.
@pytest.mark.django_db(transaction=True)
def test_worker_renders_the_cameo_from_its_private_portrait(
    world, render_queue, django_capture_on_commit_callbacks
):
    people, cameo = world
    Cameo.objects.filter(pk=cameo.pk).update(preferences="always wearing red glasses", voice="en+f2")
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(people["mutual"])
    notes = "always wearing red glasses"
    [reference] = job.spec["references"]
    # Which consent allowed it travels into the video's Content Credentials.
    assert reference.pop("consent").startswith(f"cameo {cameo.pk} (verification {cameo.verification_id}), ")
    assert reference == {"name": "@carol", "image": cameo.portrait.name, "voice": "en+f2", "notes": notes}
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    spoken_or_subjects = str(job.render_info.get("shots"))
    assert "@carol" in spoken_or_subjects
    client = Client()
    client.force_login(people["mutual"])
    assert "@carol (with their consent)" in client.get(job.get_absolute_url()).content.decode()


def test_off_and_unknown_and_cameo_less_handles_each_say_why(world, render_queue):
    people, cameo = world
    make_user("ivy")  # exists, no cameo
    cases = {
        "@nobody_here dances": "No one here is called @nobody_here",
        "@ivy dances": "@ivy hasn't made a cameo",
    }
    for prompt, message in cases.items():
        with pytest.raises(JobRefused, match=message):
            job_create(owner=people["stranger"], prompt=prompt, duration=5, orientation="portrait")
    set_tier(cameo, "off")
    with pytest.raises(JobRefused, match="switched their cameo off"):
        submit(people["stranger"])
    with pytest.raises(JobRefused, match="Your cameo is switched off"):
        submit(people["owner"])


def test_at_most_three_cameos_per_video(db, astronaut_portrait, render_queue, settings):
    users = [make_user(f"u{i}") for i in range(4)]
    for user in users:
        make_cameo(user, astronaut_portrait, tier=Cameo.Tier.EVERYONE)
    creator = make_user("maker")
    three = "@u0 @u1 and @u2 dance"
    job = job_create(owner=creator, prompt=three, duration=5, orientation="portrait")
    assert [ref["name"] for ref in job.spec["references"]] == ["@u0", "@u1", "@u2"]
    with pytest.raises(JobRefused, match="up to 3 cameos; this prompt has 4"):
        job_create(owner=creator, prompt="@u0 @u1 @u2 @u3 dance", duration=5, orientation="portrait")
    settings.SORA_CAMEOS_PER_VIDEO = 4
    job_create(owner=creator, prompt="@u0 @u1 @u2 @u3 dance", duration=5, orientation="portrait")


def test_owners_are_told_each_time_their_likeness_is_used_drafts_included(world, render_queue):
    people, _ = world
    carol = people["owner"]
    submit(people["stranger"])
    submit(people["mutual"])
    submit(carol)  # her own use tells nobody
    texts = list(carol.notifications.filter(kind="cameo_used").values_list("text", flat=True))
    assert len(texts) == 2
    assert {t.split()[0] for t in texts} == {"@gina", "@erin"}
    assert all("used your cameo" in t for t in texts)


def test_the_create_form_suggests_only_cameos_the_user_may_use(world, client, astronaut_portrait):
    people, cameo = world
    client.force_login(people["mutual"])
    page = client.get("/create/").content.decode()
    assert "<title>Create · Sora</title>" in page
    assert 'hx-get="/cameo/suggestions/"' in page  # without JavaScript, a link to the same list
    other = make_user("jon")
    make_cameo(other, astronaut_portrait, tier=Cameo.Tier.ONLY_ME)
    set_tier(cameo, "mutuals")
    client.force_login(people["mutual"])
    html = client.get("/cameo/suggestions/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-handle="@carol"' in html and "@jon" not in html
    client.force_login(people["follower"])
    html = client.get("/cameo/suggestions/", HTTP_HX_REQUEST="true").content.decode()
    assert "@carol" not in html and "No cameos you can use yet" in html


def test_a_refused_prompt_comes_back_to_the_form_with_the_reason(world, client, render_queue):
    people, cameo = world
    set_tier(cameo, "only_me")
    client.force_login(people["stranger"])
    response = client.post("/create/", {"prompt": "@carol sings", "duration": 5, "orientation": "portrait"})
    assert response.status_code == 400
    assert "@carol hasn&#x27;t allowed you to use their cameo." in response.content.decode()
    assert not Job.objects.exists()


class OwnerActsMidRender:
    """The preview engine, during whose render carol does something to her cameo (as she might
    from her phone while the worker is busy): the render must stop at its next progress step."""

    name = "preview"

    def __init__(self, act) -> None:
        from generation.engines.preview import PreviewEngine

        self.preview, self.act, self.frames_made = PreviewEngine(), act, 0

    def describe(self) -> dict[str, str]:
        return self.preview.describe()

    def frames(self, spec, plan, soundtrack, *, progress, cancelled):
        for index, frame in enumerate(self.preview.frames(spec, plan, soundtrack, progress=progress,
                                                          cancelled=cancelled)):  # fmt: skip
            if index == 10:
                self.act()
            self.frames_made = index + 1
            yield frame


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["switched off", "only me", "taken off the list", "unfollowed"])
def test_a_render_stops_when_consent_is_withdrawn_while_it_runs(
    world, render_queue, media_root, monkeypatch, settings, django_capture_on_commit_callbacks, change
):
    from cameo.services import cameo_unapprove_user, cameo_update
    from feed.services import follow_delete
    from generation import engines

    from .conftest import media_files

    people, cameo = world
    creator = {"unfollowed": "mutual", "taken off the list": "approved"}.get(change, "stranger")
    tier = {"unfollowed": "mutuals", "taken off the list": "approved"}.get(change, "everyone")
    set_tier(cameo, tier)
    cameo.refresh_from_db()
    actions = {
        "switched off": lambda: cameo_update(cameo=cameo, enabled=False, tier=tier, preferences="", voice=""),
        "only me": lambda: cameo_update(cameo=cameo, enabled=True, tier="only_me", preferences="", voice=""),
        "taken off the list": lambda: cameo_unapprove_user(cameo=cameo, user=people["approved"]),
        "unfollowed": lambda: follow_delete(follower=people["owner"], followee=people["mutual"]),
    }
    engine = OwnerActsMidRender(actions[change])
    monkeypatch.setitem(engines.VIDEO_ENGINES, "owner-acts", lambda: engine)
    settings.SORA_VIDEO_ENGINE = "owner-acts"
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(people[creator])

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "This changed while your video was being made, so it was stopped." in job.error
    total = job.duration * job.spec["fps"]
    assert 10 < engine.frames_made < total, f"stopped after {engine.frames_made} of {total} frames"
    assert not job.video and media_files(media_root) == [], "nothing of it is kept"
