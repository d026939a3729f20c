"""The RQ dashboard holds every job's arguments and can delete or requeue them: an explicit
permission (or a superuser), never merely a staff account."""

import pytest
from django.contrib.auth.models import Permission

from .conftest import make_user

PAGES = [
    "/admin/django_rq/dashboard/",
    "/admin/django_rq/dashboard/queues/0/",
    "/admin/django_rq/dashboard/workers/0/",
]


@pytest.fixture
def operator(db):
    user = make_user("operator", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="django_rq", codename="admin"))
    return user


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "expected"), [("staff", 200), ("operator", 200), ("plain_staff", 403), ("bob", 302)]
)
def test_who_may_open_the_render_queues(client, request, render_queue, page, who, expected):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page).status_code == expected


def test_the_admin_index_lists_the_queues_only_for_those_granted_them(client, plain_staff, operator):
    client.force_login(plain_staff)
    assert "django_rq" not in client.get("/admin/").content.decode()
    client.force_login(operator)
    assert "/admin/django_rq/dashboard/" in client.get("/admin/").content.decode()


def test_the_statistics_json_refuses_staff_without_the_permission(
    client, plain_staff, operator, render_queue
):
    client.force_login(plain_staff)
    assert client.get("/admin/django_rq/dashboard/stats.json").status_code == 403
    client.force_login(operator)
    assert client.get("/admin/django_rq/dashboard/stats.json").status_code == 200
