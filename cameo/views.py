from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from generation.delivery import serve_field_file

from .forms import ApproveUserForm, CameoSettingsForm
from .models import Challenge
from .selectors import (
    appearance_get_for,
    appearances_of,
    cameo_for_owner,
    cameo_get_for,
    cameos_usable_by,
    token_parse,
    verification_get_for,
)
from .services import (
    UPLOAD_MAX_BYTES,
    UPLOAD_TOO_LARGE,
    TooManyAttempts,
    appearance_remove,
    cameo_approve_user,
    cameo_delete,
    cameo_revoke_everywhere,
    cameo_unapprove_user,
    cameo_update,
    challenge_issue,
    verification_attempts_check,
    verification_submit,
)

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime"}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    cameo = cameo_for_owner(user=request.user)
    context = {
        "cameo": cameo,
        "form": CameoSettingsForm(instance=cameo) if cameo else None,
        "approve_form": ApproveUserForm(),
        "latest": request.user.verifications.first(),
    }
    return render(request, "cameo/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Before touching request.FILES: under runserver or WSGI the body is only read then.
        # (Under `make run`, sora.body_limit has already refused it from the headers.)
        if int(request.META.get("CONTENT_LENGTH") or 0) > UPLOAD_MAX_BYTES + 64 * 1024:
            return render(
                request, "cameo/new.html", _new_context(request, error=UPLOAD_TOO_LARGE), status=413
            )
        try:
            verification = verification_submit(
                user=request.user,
                challenge_token=request.POST.get("challenge", ""),
                upload=request.FILES.get("recording"),
            )
        except ValidationError as error:
            context = _new_context(request, error=error.messages[0], token=request.POST.get("challenge"))
            return render(request, "cameo/new.html", context, status=400)
        except TooManyAttempts as limited:
            context = _new_context(request, error=limited.message, token=request.POST.get("challenge"))
            response = render(request, "cameo/new.html", context, status=429)
            response["Retry-After"] = str(limited.retry_after())
            return response
        return redirect(verification)
    try:
        verification_attempts_check(user=request.user)  # say so before they record for nothing
    except TooManyAttempts as limited:
        return render(request, "cameo/new.html", _new_context(request, error=limited.message))
    return render(request, "cameo/new.html", _new_context(request))


def _new_context(request: HttpRequest, *, error: str = "", token: str | None = None) -> dict:
    """The page's challenge: the one just tried while it is still usable, else fresh digits."""
    challenge = None
    if token:
        challenge = Challenge.objects.filter(
            token=token_parse(token), user=request.user, used_at=None
        ).first()
        if challenge is not None and challenge.is_expired():
            challenge = None
    return {
        "challenge": challenge or challenge_issue(user=request.user),
        "error": error,
        "max_mb": UPLOAD_MAX_BYTES // 2**20,
        "cameo": cameo_for_owner(user=request.user),
    }


@login_required
@require_GET
def verification(request: HttpRequest, pk: int) -> HttpResponse:
    verification = verification_get_for(user=request.user, pk=pk)
    if verification.user_id != request.user.pk:
        raise Http404("No such verification.")  # staff review in the admin, not here
    template = "cameo/_verification_status.html" if request.htmx else "cameo/verification.html"
    return render(request, template, {"verification": verification})


@login_required
@require_POST
def settings_update(request: HttpRequest) -> HttpResponse:
    cameo = _own_cameo(request)
    form = CameoSettingsForm(request.POST, instance=cameo)
    if form.is_valid():
        cameo_update(cameo=cameo, **form.cleaned_data)
        messages.success(request, "Saved. Your cameo settings apply to every new video from now on.")
        return redirect("cameo:home")
    cameo.refresh_from_db()
    context = {"cameo": cameo, "form": form, "approve_form": ApproveUserForm(), "latest": None}
    return render(request, "cameo/home.html", context, status=400)


@login_required
@require_POST
def approved_add(request: HttpRequest) -> HttpResponse:
    cameo = _own_cameo(request)
    form = ApproveUserForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Type a @handle to add.")
        user = cameo_approve_user(cameo=cameo, handle=form.cleaned_data["handle"])
        messages.success(request, f"@{user.username} may use your cameo when you choose “People I approve”.")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("cameo:home")


@login_required
@require_POST
def approved_remove(request: HttpRequest, user_pk: int) -> HttpResponse:
    cameo = _own_cameo(request)
    cameo_unapprove_user(cameo=cameo, user=get_object_or_404(cameo.approved_users, pk=user_pk))
    messages.success(request, "Removed from your approved people.")
    return redirect("cameo:home")


@login_required
@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    template = "cameo/_suggestions.html" if request.htmx else "cameo/suggestions.html"
    return render(request, template, {"cameos": cameos_usable_by(user=request.user)[:50]})


@login_required
@require_GET
def videos(request: HttpRequest) -> HttpResponse:
    return render(request, "cameo/videos.html", {"appearances": appearances_of(user=request.user)})


@login_required
@require_POST
def video_remove(request: HttpRequest, pk: int) -> HttpResponse:
    appearance = appearance_remove(appearance=appearance_get_for(user=request.user, pk=pk))
    creator = appearance.job.owner
    told = "" if creator.pk == request.user.pk else f" @{creator.username} was told why."
    messages.success(request, "Removed." + told)
    return redirect("cameo:videos")


@login_required
@require_GET
def video_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A video with my likeness, shown to me even while it is someone else's draft."""
    job = appearance_get_for(user=request.user, pk=pk).job
    if kind == "video":
        return serve_field_file(request, job.video, content_type="video/mp4", private=True)
    return serve_field_file(request, job.poster, content_type="image/jpeg", private=True)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest) -> HttpResponse:
    cameo = _own_cameo(request)
    if request.method == "POST":
        count = cameo_revoke_everywhere(cameo=cameo)
        messages.success(
            request,
            f"Your cameo is off and {count} video{'' if count == 1 else 's'} featuring you "
            f"{'was' if count == 1 else 'were'} removed everywhere.",
        )
        return redirect("cameo:home")
    count = appearances_of(user=request.user).filter(removed_at=None).count()
    return render(request, "cameo/revoke.html", {"cameo": cameo, "count": count})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        cameo_delete(user=request.user)
        messages.success(request, "Your cameo, recordings, portraits and face data are deleted.")
        return redirect("cameo:home")
    return render(request, "cameo/delete.html", {"cameo": cameo_for_owner(user=request.user)})


# --- Private files: the owner or staff only -----------------------------------------------------


@login_required
@require_GET
def verification_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    verification = verification_get_for(user=request.user, pk=pk)
    if kind == "recording":
        content_type = VIDEO_TYPES.get(Path(verification.recording.name).suffix.lower(), "video/mp4")
        return serve_field_file(request, verification.recording, content_type=content_type, private=True)
    return serve_field_file(request, verification.portrait, content_type="image/jpeg", private=True)


@login_required
@require_GET
def cameo_portrait(request: HttpRequest, pk: int) -> HttpResponse:
    cameo = cameo_get_for(user=request.user, pk=pk)
    return serve_field_file(request, cameo.portrait, content_type="image/jpeg", private=True)


def _own_cameo(request: HttpRequest):
    cameo = cameo_for_owner(user=request.user)
    if cameo is None:
        raise Http404("You don't have a cameo yet.")
    return cameo
