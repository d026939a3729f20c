"""Production's error pages: in the app's style, in words a phone user understands, never Django's."""

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, make_user


def _page(response) -> str:
    html = response.content.decode()
    assert '<meta name="viewport"' in html and "/static/css/app." in html, "styled, and fits a phone"
    return html


def test_a_missing_page_is_a_404_in_the_apps_style(client, db):
    response = client.get("/p/424242/")
    assert response.status_code == 404
    assert "We couldn't find that" in _page(response)


def test_an_expired_form_says_so_instead_of_csrf_jargon(db):
    make_user("maya")
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="maya", password=PASSWORD)
    response = browser.post(reverse("generation:create"), {"prompt": "A kite", "duration": "5"})
    assert response.status_code == 403
    html = _page(response)
    assert "That form expired" in html and "CSRF" not in html


def test_an_unexpected_error_is_a_500_page_that_needs_no_request(rf, settings):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = _page(response)
    assert "Something went wrong on our side" in html and "Traceback" not in html


@pytest.mark.parametrize(
    ("template", "words"), [("400.html", "That didn"), ("429.html", "Slow down a little")]
)
def test_the_other_error_pages_render(template, words):
    from django.template.loader import render_to_string

    html = render_to_string(template)
    assert words in html and '<meta name="viewport"' in html
