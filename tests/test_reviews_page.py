"""'Your reviews': the person's own requests for review of refused prompts, and what became of
them; nobody else's, for any persona."""

import pytest
from django.urls import reverse
from django.utils import timezone

from generation.models import Appeal
from generation.services import appeal_decide

REVIEWS = reverse("generation:reviews")


def make_appeal(user, prompt: str, **fields) -> Appeal:
    record = {"category": "violence", "score": 0.8, "reason": "its meaning (80% likely graphic violence)"}
    return Appeal.objects.create(user=user, prompt=prompt, **record, **fields)


@pytest.mark.django_db
def test_the_owner_sees_each_request_and_what_became_of_it(client, alice, staff):
    waiting = make_appeal(alice, "a sword duel in the rain, stage blood")
    allowed = make_appeal(alice, "a zombie film trailer with fake blood")
    appeal_decide(appeal=allowed, allow=True, staff=staff)
    upheld = make_appeal(alice, "a real fight, blood everywhere")
    appeal_decide(appeal=upheld, allow=False, staff=staff)
    made = make_appeal(alice, "a pirate battle", status=Appeal.Status.ALLOWED, used_at=timezone.now())

    client.force_login(alice)
    response = client.get(REVIEWS)
    html = response.content.decode()
    assert response.status_code == 200
    for appeal in (waiting, allowed, upheld, made):
        assert appeal.prompt in html
    assert "Refused as graphic violence" in html
    assert "Waiting for review" in html and "You'll get a notification when they have." in html
    assert f'href="{reverse("generation:create")}?appeal={allowed.pk}">Make it now</a>' in html
    assert "Refusal upheld" in html and "Try writing it another way." in html
    assert html.count("Make it now") == 1, "an allowed prompt already made is not offered again"
    # Newest first.
    assert html.index(made.prompt) < html.index(upheld.prompt) < html.index(waiting.prompt)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["friend", "stranger", "staff"])
def test_other_people_never_see_someone_elses_requests(client, alice, bob, friend, staff, persona):
    make_appeal(alice, "alice's private prompt about a knife fight")
    viewer = {"friend": friend, "stranger": bob, "staff": staff}[persona]
    client.force_login(viewer)
    html = client.get(REVIEWS).content.decode()
    assert "alice&#x27;s private prompt" not in html and "alice's private prompt" not in html
    assert "You haven't asked for any reviews." in html


@pytest.mark.django_db
def test_signed_out_it_asks_to_sign_in_and_the_create_page_links_to_it(client, alice):
    response = client.get(REVIEWS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(alice)
    assert f'href="{REVIEWS}"' in client.get(reverse("generation:create")).content.decode()
    assert client.post(REVIEWS).status_code == 405
