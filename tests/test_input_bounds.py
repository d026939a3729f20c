"""Numbers from outside (URL paths, query strings, form fields) never reach the database unbounded.

A URL id past the largest bigint, a page number with twenty digits or a cursor with a huge part
is bad input like any other: a 404 or a clear 400, never a 500. Every URL pattern of the project
is walked with huge values in its parameters, and every integer the views read from a query
string or form is tried with huge, negative and garbage values, anonymous and signed in.
"""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from feed.models import Comment
from feed.services import comment_create, follow_create
from remix.services import node_ensure

from .conftest import make_user
from .test_remix import published, remix_of

ROOT = Path(__file__).resolve().parent.parent
HUGE = "9" * 30  # past any integer column (2**63 - 1 has 19 digits)
BIGINT_MAX = 2**63 - 1
NUMBERS = [
    HUGE,
    f"-{HUGE}",
    str(BIGINT_MAX + 1),
    str(BIGINT_MAX),
    str(-(2**63) - 1),
    "-1",
    "0",
    "9" * 5000,  # past Python's own limit for turning text into an int
    "1e400",
    "1.5",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits: int() reads them
    " 7 ",
    "x",
    "",
]
CURSORS = [
    f"{HUGE}-1",
    f"1-{HUGE}",
    f"1-{BIGINT_MAX + 1}",
    f"-{HUGE}-1",
    f"1--{HUGE}",
    f"{'9' * 5000}-1",
    "253402300800000000-1",  # the microsecond after year 9999
    "1-0",
    "garbage",
    "-",
]
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


def _routes(resolver: URLResolver | None = None, prefix: str = ""):
    """Every path() route of the project as its full text, e.g. "p/<id:pk>/".

    re_path() patterns hand their groups to views as strings (only path() converters make
    integers), so they are left out.
    """
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        else:
            yield route


def _with_parameters(route: str, value: str) -> str | None:
    """The route with every parameter set to `value`; None for a route without parameters."""
    if not CONVERTER.search(route):
        return None
    return "/" + CONVERTER.sub(value, route)


@pytest.fixture
def world(alice, bob, staff, render_queue):
    """Something behind every kind of page: posts, a remix lineage, comments, follows."""
    root = published(alice, "A lighthouse in a storm")
    remix_of(root, bob)
    node_ensure(post=root)
    comment = comment_create(author=bob, post=root, body="Lovely light")
    for n in range(3):
        follow_create(follower=make_user(f"fan{n}"), followee=alice)
    return {"post": root, "comment": comment}


def _personas(alice, bob, staff):
    """Anonymous, a signed-in stranger, the owner and staff, each with its own client."""
    clients = {"anonymous": Client(raise_request_exception=False)}
    for name, user in (("stranger", bob), ("owner", alice), ("staff", staff)):
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(user)
    return clients


def test_the_walk_sees_the_projects_numbered_routes():
    routes = set(_routes())
    # The walk is only as good as what it finds: a sample of the app's own numbered routes.
    for route in ("p/<pk>/", "remix/<pk>/lineage/", "jobs/<pk>/", "cameo/approved/<user_pk>/remove/"):
        assert route in {CONVERTER.sub(r"<\g<parameter>>", found) for found in routes}, sorted(routes)


# The RQ dashboard's queue numbers are checked by generation/admin.py; the rest of it is
# django-rq's own code.
THIRD_PARTY = ()


@pytest.mark.django_db(transaction=True)  # one failed statement must not hide the next on PostgreSQL
def test_every_route_answers_huge_ids_and_nul_bytes_without_an_error(world, alice, bob, staff):
    failures = []
    clients = _personas(alice, bob, staff)
    for route in _routes():
        for value in (HUGE, str(BIGINT_MAX + 1), "9" * 5000, "a%00b", "a%00b.png"):
            url = _with_parameters(route, value)
            if url is None or url.startswith(THIRD_PARTY):
                continue
            for persona, client in clients.items():
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    if response.status_code >= 500:
                        failures.append(f"{persona} {method.upper()} {url[:80]} -> {response.status_code}")
    assert not failures, "\n".join(failures)


def test_an_id_no_row_can_have_is_no_url_of_the_app():
    for pk in (0, BIGINT_MAX + 1, 10**30):
        with pytest.raises(Resolver404):
            resolve(f"/p/{pk}/")
    assert resolve(f"/p/{BIGINT_MAX}/").kwargs == {"pk": BIGINT_MAX}


def _query_cases(world) -> list[tuple[str, str, str, list[str]]]:
    """(method, url, parameter, values): every integer a view reads from a query string or form."""
    post, comment = world["post"], world["comment"]
    return [
        ("get", f"/remix/{post.pk}/lineage/", "page", NUMBERS),
        ("get", "/u/alice/followers/", "page", NUMBERS),
        ("get", "/u/alice/", "after", NUMBERS + CURSORS),
        ("get", "/", "after", NUMBERS + CURSORS),
        ("get", "/?tab=following", "after", NUMBERS + CURSORS),
        ("post", f"/p/{post.pk}/comments/", "parent", [*NUMBERS, str(comment.pk)]),
        ("post", f"/p/{post.pk}/view/", "completion", [*NUMBERS, "nan", "inf"]),
        ("post", "/create/", "duration", NUMBERS),
        ("get", "/create/", "appeal", NUMBERS),
        ("post", f"/remix/{post.pk}/", "duration", NUMBERS),
        ("post", f"/remix/{post.pk}/", "strength", [*NUMBERS, "nan", "inf"]),
    ]


# The form fields above are only a part of each form; the rest is filled in validly.
FORM_REST = {
    "comments": {"body": "Nice"},
    "create": {"prompt": "A corgi surfs", "duration": "5", "orientation": "portrait"},
    "remix": {"prompt": "A corgi surfs", "duration": "5", "orientation": "portrait", "strength": "0.5"},
}


def _rest_of_form(url: str) -> dict:
    for key, rest in FORM_REST.items():
        if f"/{key}/" in url:
            return dict(rest)
    return {}


@pytest.mark.django_db(transaction=True)
def test_integer_parameters_answer_huge_negative_and_garbage_values_without_an_error(
    world, alice, bob, staff
):
    failures = []
    clients = _personas(alice, bob, staff)
    for method, url, parameter, values in _query_cases(world):
        for value in values:
            for persona in ("anonymous", "stranger"):
                client = clients[persona]
                if method == "get":
                    joiner = "&" if "?" in url else "?"
                    response = client.get(url + joiner + urlencode({parameter: value}))
                else:
                    response = client.post(url, {**_rest_of_form(url), parameter: value})
                if response.status_code >= 500:
                    failures.append(f"{persona} {method.upper()} {url} {parameter}={value[:40]!r}")
    assert not failures, "\n".join(failures)


def test_a_lineage_page_number_no_tree_can_have_shows_the_first_page(client, world):
    response = client.get(f"/remix/{world['post'].pk}/lineage/", {"page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["lineage"].page == 1 and len(response.context["lineage"].descendants) == 1


def test_a_reply_to_a_comment_id_no_row_can_have_is_refused_and_nothing_is_stored(client, world, bob):
    client.force_login(bob)
    for parent in (str(BIGINT_MAX + 1), HUGE, "-1", "0"):
        response = client.post(f"/p/{world['post'].pk}/comments/", {"body": "Me too", "parent": parent})
        assert response.status_code == 400, parent
    assert list(Comment.objects.values_list("body", flat=True)) == ["Lovely light"]


def test_a_profile_page_link_with_a_number_out_of_range_is_a_clear_400(client, world):
    for after in (f"1-{BIGINT_MAX + 1}", "253402300800000000-1", f"{HUGE}-1"):
        response = client.get("/u/alice/", {"after": after})
        assert response.status_code == 400, after
        assert "That page link is broken" in response.content.decode()


# Every parameter a view reads from request.GET / request.POST, by kind. A new one must be
# classified here, and a number tried in _query_cases above.
NUMBER_PARAMETERS = {"page", "after", "parent", "completion", "appeal"}
OTHER_PARAMETERS = {
    "tab", "next", "action", "body", "reason", "note", "text", "clear", "undo", "order",
    "allowed", "challenge", "prompt",
}  # fmt: skip
READ = re.compile(r"""request\.(?:GET|POST)(?:\.get\(|\[)\s*["'](\w+)["']""")


def test_every_parameter_the_views_read_is_classified():
    sources = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py")]
    read = {name for source in sources for name in READ.findall(source.read_text())}
    assert read, "the pattern found no parameters: it no longer matches how views read them"
    assert read <= NUMBER_PARAMETERS | OTHER_PARAMETERS, read - NUMBER_PARAMETERS - OTHER_PARAMETERS
