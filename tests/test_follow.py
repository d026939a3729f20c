"""Following people from their profile: what makes two people mutuals for cameo consent."""

from feed.models import Follow
from feed.selectors import are_mutuals


def test_following_each_other_from_profiles_makes_mutuals(client, alice, bob):
    client.force_login(alice)
    assert client.get("/u/bob/").status_code == 200
    response = client.post("/u/bob/follow/")
    assert response.status_code == 302 and response.url == "/u/bob/"
    assert not are_mutuals(a=alice, b=bob)
    client.force_login(bob)
    assert "Follows you" in client.get("/u/alice/").content.decode()
    client.post("/u/ALICE/follow/")
    assert are_mutuals(a=alice, b=bob)
    assert "You follow each other" in client.get("/u/alice/").content.decode()
    client.post("/u/alice/follow/", {"action": "unfollow"})
    assert not are_mutuals(a=alice, b=bob)


def test_following_twice_yourself_or_nobody_is_handled(client, alice, bob):
    client.force_login(alice)
    client.post("/u/bob/follow/")
    client.post("/u/bob/follow/")
    assert Follow.objects.count() == 1
    response = client.post("/u/alice/follow/", follow=True)
    assert "You can&#x27;t follow yourself." in response.content.decode()
    assert Follow.objects.count() == 1
    assert client.post("/u/nobody/follow/").status_code == 404
    assert client.get("/u/nobody/").status_code == 404


def test_anonymous_visitors_see_profiles_but_must_sign_in_to_follow(client, alice, bob):
    assert client.get("/u/alice/").status_code == 200
    response = client.post("/u/alice/follow/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(bob)
    assert client.get("/u/alice/follow/").status_code == 405


def test_the_unread_badge_counts_new_notifications_until_the_list_is_seen(client, alice):
    from feed.services import notifications_send

    client.force_login(alice)
    assert 'hx-get="/notifications/badge/"' in client.get("/").content.decode()
    assert "hidden" in client.get("/notifications/badge/").content.decode()
    notifications_send(recipients=[alice.pk, alice.pk], kind="remixed", text="@bob remixed your video.")
    assert ">1</span>" in client.get("/notifications/badge/").content.decode()
    assert "@bob remixed your video." in client.get("/notifications/").content.decode()
    assert "hidden" in client.get("/notifications/badge/").content.decode()
