"""Your data: "Download my data" (an archive built by the worker) and "Delete my account"."""

import logging

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from generation.delivery import file_redirect, storage_is_remote
from sora.ratelimits import rate_limit

from ..forms import AccountDeleteForm
from ..selectors import account_summary, export_get_for, export_latest
from ..services import account_delete, export_request

logger = logging.getLogger(__name__)

DELETE_FAILED = (
    "Something went wrong while deleting your account, so nothing was deleted: it is all as it was. "
    "Try again in a minute."
)


@login_required
@require_http_methods(["GET", "POST"])
def data(request: HttpRequest) -> HttpResponse:
    """The archive's state; POST asks for one (or answers the one already building)."""
    if request.method == "POST":
        export = export_request(user=request.user)
        if not request.htmx:
            return redirect("feed:account_data")  # a refresh must not ask again
    else:
        export = export_latest(user=request.user)
    template = "feed/_account_export.html" if request.htmx else "feed/account_data.html"
    return render(request, template, {"export": export})


@login_required
@require_safe
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = export_get_for(user=request.user, pk=pk)  # anyone else's: 404, staff included
    if not export.is_downloadable:
        # Expired, failed or not built yet: its owner is told so on the page.
        return redirect("feed:account_data")
    filename = f"sora-data-{request.user.username}-{export.created_at:%Y-%m-%d}.zip"
    if storage_is_remote(export.file.storage, export.file.name):
        # Archives can be gigabytes: the bucket sends them, never this process.
        return file_redirect(
            export.file, content_type="application/zip", cache_control="private, no-store",
            disposition=content_disposition_header(True, filename), private=True,
        )  # fmt: skip
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404("This archive is gone; build a new one.") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"  # biometrics and drafts: never in a shared cache
    return response


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("profile")  # the password is checked here: guessing it must not be free
def delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                account_delete(user=request.user)
            except (DatabaseError, ProtectedError):
                logger.exception("Deleting the account of user %s failed; rolled back", request.user.pk)
                form.add_error(None, DELETE_FAILED)
                status = 503
            else:
                logout(request)
                return redirect("feed:account_deleted")
    context = {"form": form, "summary": account_summary(user=request.user)}
    return render(request, "feed/account_delete.html", context, status=status)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "feed/account_deleted.html")


urlpatterns = [
    path("account/data/", data, name="account_data"),
    path("account/data/<id:pk>/download/", export_download, name="account_export_download"),
    path("account/delete/", delete, name="account_delete"),
    path("account/deleted/", deleted, name="account_deleted"),
]
