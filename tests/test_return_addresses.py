"""Forms without JavaScript say where to return with `next`; whatever it holds, the answer is a
redirect, never a 500."""

import pytest


@pytest.mark.parametrize("target", ["somewhere", "back home", "A cat\x00naps"])
def test_a_next_that_is_no_address_still_redirects(client, bob, alice_published, target):
    # redirect() would look a word up as a view's name and fail (NoReverseMatch).
    client.force_login(bob)
    post = alice_published.pk
    for url, form in (
        ("/u/alice/follow/", {}),
        (f"/p/{post}/like/", {}),
        (f"/p/{post}/comments/", {"body": "Nice"}),
        (f"/p/{post}/see-less/", {}),
    ):
        response = client.post(url, {**form, "next": target})
        assert response.status_code == 302, url
