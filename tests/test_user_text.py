"""Text people type never carries a NUL or another control character, and text with nothing
visible in it counts as empty, wherever it enters (sora.text).

Each way in gets a NUL (a 500 on PostgreSQL when it reached the database) and text made only of
zero-width and other invisible characters: the answer says what is wrong (a 400, or the form
back with what was typed), and nothing of it is stored. Run on SQLite and on PostgreSQL.
"""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cameo.models import Cameo, Verification
from feed.models import Comment, Profile, Report, Steer
from feed.services import comment_create, profile_update
from generation.models import Job
from generation.services import job_create

from .conftest import make_cameo
from .test_cameo_admin import pending

NUL = "A cat\x00naps in the sun"
INVISIBLE = " \u200b\u200c\u200d\u2060\ufeff\u00ad \u180e\ufe0f\U000e0041 "
CONTROLS = ["\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85"]  # and NUL above
SAYS_CONTROL = "Remove the invisible control character U+0000"
JOB = {"duration": "5", "orientation": "portrait"}


def _page(response) -> str:
    return response.content.decode()


# --- Text that must say something: nothing invisible gets through -------------------------------


def _create(client, post, text):
    return client.post("/create/", {"prompt": text, **JOB})


def _remix(client, post, text):
    return client.post(f"/remix/{post.pk}/", {"prompt": text, "strength": "0.5", **JOB})


def _comment(client, post, text):
    return client.post(f"/p/{post.pk}/comments/", {"body": text})


def _reply(client, post, text):
    parent = comment_create(author=post.author, post=post, body="First!")
    return client.post(f"/p/{post.pk}/comments/", {"body": text, "parent": str(parent.pk)})


REQUIRED = {
    # way in: (send, what was stored by bob, what an empty one is told)
    "create prompt": (_create, lambda: Job.objects.filter(owner__username="bob"), "the prompt is empty"),
    "remix prompt": (_remix, lambda: Job.objects.filter(owner__username="bob"), "the prompt is empty"),
    "comment": (_comment, lambda: Comment.objects.filter(author__username="bob"), "Write something first"),
    "reply": (_reply, lambda: Comment.objects.filter(author__username="bob"), "Write something first"),
}


@pytest.mark.parametrize("way_in", REQUIRED)
def test_a_nul_is_refused_with_a_clear_message_and_the_text_comes_back(client, bob, alice_published, way_in):
    send, stored, _ = REQUIRED[way_in]
    client.force_login(bob)
    response = send(client, alice_published, NUL)
    assert response.status_code in (200, 400)
    assert SAYS_CONTROL in _page(response) and "A cat" in _page(response)
    assert not stored().exists()


@pytest.mark.parametrize("way_in", REQUIRED)
def test_text_of_invisible_characters_only_is_empty(client, bob, alice_published, way_in):
    send, stored, says_empty = REQUIRED[way_in]
    client.force_login(bob)
    response = send(client, alice_published, INVISIBLE)
    assert response.status_code in (200, 400)
    assert says_empty in _page(response)
    assert not stored().exists()


@pytest.mark.parametrize("control", CONTROLS)
def test_every_control_character_is_refused_but_line_breaks_and_tabs_are_kept(
    client, bob, alice_published, control
):
    client.force_login(bob)
    response = _comment(client, alice_published, f"Nice{control}shot")
    assert response.status_code == 400 and f"U+{ord(control):04X}" in _page(response)
    cook = "\U0001f468\u200d\U0001f373"  # man, zero-width joiner, cooking: one emoji
    assert _comment(client, alice_published, f"Nice\r\n\tshot \u200b{cook}").status_code == 302
    # Format characters inside visible text stay.
    assert Comment.objects.get(author=bob).body == f"Nice\n\tshot \u200b{cook}"


# --- Optional text: a NUL is refused, invisible-only is stored as nothing ------------------------


@pytest.mark.parametrize("text", [NUL, INVISIBLE], ids=["nul", "invisible"])
def test_a_report_note(client, bob, alice_published, text):
    client.force_login(bob)
    response = client.post(f"/p/{alice_published.pk}/report/", {"reason": "spam", "note": text})
    if text == NUL:
        assert response.status_code == 400 and SAYS_CONTROL in _page(response) and "A cat" in _page(response)
        assert not Report.objects.exists()
    else:
        assert response.status_code == 302
        assert Report.objects.get().note == ""


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_the_steer_box(client, bob, htmx):
    client.force_login(bob)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post("/steer/", {"text": f"more cats, {NUL}"}, headers=headers)
    assert response.status_code == (200 if htmx else 400)  # htmx swaps only 2xx answers
    assert SAYS_CONTROL in _page(response) and "A cat" in _page(response)
    assert not Steer.objects.exists()
    # Nothing visible is an empty box: it clears the steering.
    assert client.post("/steer/", {"text": INVISIBLE}).status_code == 302
    assert not Steer.objects.exists()


@pytest.mark.parametrize("field", ["display_name", "bio"])
def test_the_profile(client, bob, field):
    profile_update(user=bob, display_name="Bob", bio="Films boats.")
    client.force_login(bob)
    form = {"display_name": "Bob", "bio": "Films boats."}
    response = client.post("/profile/edit/", {**form, field: NUL})
    assert response.status_code == 400 and SAYS_CONTROL in _page(response) and "A cat" in _page(response)
    assert Profile.objects.filter(user=bob, **form).exists()
    assert client.post("/profile/edit/", {**form, field: INVISIBLE}).status_code == 302
    assert getattr(Profile.objects.get(user=bob), field) == ""


def test_cameo_preferences(client, alice):
    make_cameo(alice, (b"\xff\xd8\xff\xe0 portrait", [0.0] * 128), preferences="red glasses")
    client.force_login(alice)
    form = {"enabled": "on", "tier": Cameo.Tier.ONLY_ME, "voice": ""}
    response = client.post("/cameo/settings/", {**form, "preferences": NUL})
    assert response.status_code == 400 and SAYS_CONTROL in _page(response) and "A cat" in _page(response)
    assert Cameo.objects.get(owner=alice).preferences == "red glasses"
    assert client.post("/cameo/settings/", {**form, "preferences": INVISIBLE}).status_code == 302
    assert Cameo.objects.get(owner=alice).preferences == ""


@pytest.mark.parametrize("text", [NUL, INVISIBLE], ids=["nul", "invisible"])
def test_a_staff_rejection_reason(client, staff, bob, text):
    verification = pending(bob, b"\xff\xd8\xff\xe0 portrait")
    client.force_login(staff)
    url = f"/admin/cameo/verification/{verification.pk}/change/"
    response = client.post(url, {"review_reason": text, "_reject": "1"}, follow=True)
    assert response.status_code == 200
    says = SAYS_CONTROL if text == NUL else "Give a reason: the user sees it"
    assert says in _page(response)
    verification.refresh_from_db()
    assert (verification.status, verification.review_reason) == (Verification.Status.PENDING, "")


# --- Other ways in: nothing is stored, nothing breaks ---------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_generate_batch_skips_such_lines_and_says_why(alice, tmp_path, render_queue):
    path = tmp_path / "prompts.txt"
    lines = [
        "A corgi surfs",
        '{"prompt": "A cat\\u0000naps"}',
        '{"prompt": "\\u200b\\u2060"}',
        f"{INVISIBLE}but a fox shows",
        NUL,
        INVISIBLE,
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("generate_batch", str(path), "--as", "alice", stdout=io.StringIO(), stderr=err)
    skipped = dict(re.findall(r"line (\d+): skipped: (.*)", err.getvalue()))
    assert skipped.keys() == {"2", "3", "5", "6"}, err.getvalue()
    assert SAYS_CONTROL in skipped["2"] and SAYS_CONTROL in skipped["5"]
    assert skipped["3"] == skipped["6"] == "Describe the video you want: the prompt is empty."
    assert sorted(Job.objects.values_list("prompt", flat=True)) == ["A corgi surfs", lines[3].strip()]


def test_a_prompt_no_form_checked_is_still_validated(alice):
    for prompt in (NUL, INVISIBLE):
        with pytest.raises(ValidationError):
            job_create(owner=alice, prompt=prompt, duration=5, orientation="portrait")
    assert not Job.objects.exists()


def test_other_fields_with_a_nul_are_no_error(client, alice, bob, alice_published):
    """Text that is only compared or looked up, never stored: an answer, not a 500."""
    make_cameo(alice, (b"\xff\xd8\xff\xe0 portrait", [0.0] * 128))
    client.force_login(alice)
    answers = [client.post("/cameo/approved/", {"handle": NUL})]
    assert not Cameo.objects.get(owner=alice).approved_users.exists()
    client.force_login(bob)
    post = alice_published.pk
    answers += [
        client.post(f"/p/{post}/see-less/", {"next": f"/{NUL}", "undo": NUL}),
        client.post(f"/p/{post}/like/", {"action": NUL, "next": NUL}),
        client.post(f"/p/{post}/report/", {"reason": NUL}),
        client.post("/u/alice/follow/", {"action": NUL, "next": NUL}),
        client.get("/", {"tab": NUL, "after": NUL}),
        client.get(f"/remix/{post}/lineage/", {"order": NUL, "page": NUL}),
    ]
    client.logout()
    answers += [
        client.post("/accounts/login/", {"login": NUL, "password": NUL}),
        client.post("/accounts/signup/", {"username": NUL, "email": NUL, "password1": NUL, "password2": NUL}),
    ]
    assert [response.status_code < 500 for response in answers] == [True] * len(answers)
