"""The steer box and "see less like this" through their views."""

import numpy as np
import pytest
from django.urls import reverse

from feed.models import LessLike, Steer
from feed.services import post_publish
from generation.embeddings import texts_embed, vectors_from_bytes
from tests.conftest import make_finished_job

HX = {"HX-Request": "true"}


@pytest.fixture
def steer_url():
    return reverse("feed:steer")


def test_steer_stores_phrases_as_embeddings_and_returns_to_the_feed(client, alice, steer_url):
    client.force_login(alice)
    response = client.post(steer_url, {"text": "  more cooking,   fewer pranks "})
    assert response.status_code == 302 and response["Location"] == reverse("feed:home")
    steer = Steer.objects.get(user=alice)
    assert steer.text == "more cooking, fewer pranks"
    more, less = vectors_from_bytes(steer.more), vectors_from_bytes(steer.less)
    assert more.shape == less.shape == (1, 384)
    assert np.allclose(more[0], texts_embed(["cooking"])[0], atol=1e-5)
    assert np.allclose(less[0], texts_embed(["pranks"])[0], atol=1e-5)
    # The feed page shows what is stored, in the box, and says it was saved.
    page = client.get(reverse("feed:home")).content.decode()
    assert 'value="more cooking, fewer pranks"' in page
    assert "Steering your feed" in page


def test_steer_with_htmx_reloads_the_feed(client, alice, steer_url):
    client.force_login(alice)
    response = client.post(steer_url, {"text": "more cats"}, headers=HX)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert Steer.objects.get(user=alice).text == "more cats"


@pytest.mark.parametrize("form", [{"text": ""}, {"text": "   "}, {"text": "more cats", "clear": "1"}])
def test_empty_text_or_clear_resets(client, alice, steer_url, form):
    client.force_login(alice)
    client.post(steer_url, {"text": "more cooking"})
    response = client.post(steer_url, form)
    assert response.status_code == 302
    assert not Steer.objects.filter(user=alice).exists()
    assert "back to normal" in client.get(reverse("feed:home")).content.decode()


@pytest.mark.parametrize(
    "text, message",
    [
        ("x" * 201, "under 200 characters"),
        ("more", "Say what after"),
        ("less of, fewer", "Say what after"),
        ("!!! ???", "Say what you want more or less of"),
        (", ".join(f"more topic {i}" for i in range(9)), "up to 8 things"),
    ],
)
def test_bad_steer_text_is_refused_with_a_reason(client, alice, steer_url, text, message):
    client.force_login(alice)
    client.post(steer_url, {"text": "more cooking"})
    response = client.post(steer_url, {"text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body
    # What they typed stays in the box; the stored steer is untouched.
    assert Steer.objects.get(user=alice).text == "more cooking"
    htmx = client.post(steer_url, {"text": text}, headers=HX)
    assert htmx.status_code == 200 and message in htmx.content.decode()
    assert "<html" not in htmx.content.decode()  # the box alone, swapped in place


def test_html_in_steer_text_is_escaped(client, alice, steer_url):
    client.force_login(alice)
    client.post(steer_url, {"text": "more <script>alert(1)</script>"})
    page = client.get(steer_url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_signed_out_steering_asks_to_sign_in(client, db, steer_url):
    page = client.get(steer_url)
    assert page.status_code == 200 and "Sign in" in page.content.decode()
    post = client.post(steer_url, {"text": "more cooking"})
    assert post.status_code == 302 and reverse("account_login") in post["Location"]
    htmx = client.post(steer_url, {"text": "more cooking"}, headers=HX)
    assert htmx.status_code == 200 and "Sign in" in htmx.content.decode()
    assert not Steer.objects.exists()


def test_steer_box_on_the_for_you_tab(client, alice):
    client.force_login(alice)
    page = client.get(reverse("feed:home")).content.decode()
    assert f'action="{reverse("feed:steer")}"' in page and 'placeholder="more cooking, fewer pranks"' in page


# --- See less like this


@pytest.fixture
def bobs_post(bob):
    post = make_finished_job(bob, prompt="a skateboard prank goes wrong").post
    return post_publish(post=post, user=bob)


def test_see_less_with_htmx_answers_a_fragment_with_undo(client, alice, bobs_post):
    client.force_login(alice)
    url = reverse("feed:see_less", args=[bobs_post.pk])
    response = client.post(url, headers=HX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Got it – you'll see less like this" in body and "Undo" in body and "<html" not in body
    assert LessLike.objects.filter(user=alice, post=bobs_post).exists()
    # Twice is fine (still one row); undo takes it back and shows the button again.
    assert client.post(url, headers=HX).status_code == 200
    assert LessLike.objects.filter(user=alice, post=bobs_post).count() == 1
    undone = client.post(url, {"undo": "1"}, headers=HX)
    assert "See less like this" in undone.content.decode()
    assert not LessLike.objects.filter(user=alice).exists()


def test_see_less_without_javascript_redirects_back(client, alice, bobs_post):
    client.force_login(alice)
    url = reverse("feed:see_less", args=[bobs_post.pk])
    response = client.post(url, headers={"Referer": "http://testserver/?tab=for_you"})
    assert response.status_code == 302 and response["Location"] == "http://testserver/?tab=for_you"
    assert LessLike.objects.filter(user=alice, post=bobs_post).exists()
    # Somewhere else's Referer is not followed.
    away = client.post(url, {"undo": "1"}, headers={"Referer": "https://evil.example/"})
    assert away["Location"] == reverse("feed:home")


def test_see_less_on_a_post_one_may_not_see_is_404(client, alice, bob):
    draft = make_finished_job(bob).post
    client.force_login(alice)
    assert client.post(reverse("feed:see_less", args=[draft.pk])).status_code == 404
    assert client.post(reverse("feed:see_less", args=[999_999])).status_code == 404
    assert not LessLike.objects.exists()


def test_see_less_signed_out_and_by_get(client, bobs_post):
    url = reverse("feed:see_less", args=[bobs_post.pk])
    assert client.post(url)["Location"].startswith(reverse("account_login"))
    assert "Sign in" in client.post(url, headers=HX).content.decode()
    assert client.get(url).status_code == 405
    assert not LessLike.objects.exists()
