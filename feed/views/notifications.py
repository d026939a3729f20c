from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from ..selectors import notifications_for, notifications_unread_count
from ..services import notifications_mark_read


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    items = notifications_for(user=request.user)
    notifications_mark_read(user=request.user)  # seen now; the list still shows which were new
    return render(request, "feed/notifications.html", {"notifications": items})


@login_required
@require_GET
def notifications_badge(request: HttpRequest) -> HttpResponse:
    unread = notifications_unread_count(user=request.user)
    return render(request, "feed/_notifications_badge.html", {"unread": unread})


urlpatterns = [
    path("notifications/", notifications, name="notifications"),
    path("notifications/badge/", notifications_badge, name="notifications_badge"),
]
