"""/verify/: anyone, signed in or not, checks where a video came from."""

import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from sora.ratelimits import rate_limit

from ..forms import VerifyForm
from ..verify import video_verify


@require_http_methods(["GET", "POST"])
@rate_limit("verify")  # reading the frames costs a few seconds of CPU
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    verdict = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["video"]
        with tempfile.TemporaryDirectory(prefix="sora-verify-") as folder:
            local = Path(folder) / "upload.mp4"
            with local.open("wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            verdict = video_verify(path=local, viewer=request.user)
    context = {"form": form, "verdict": verdict}
    template = "feed/_verify_result.html" if request.htmx and request.method == "POST" else "feed/verify.html"
    return render(request, template, context)


urlpatterns = [path("verify/", verify, name="verify")]
