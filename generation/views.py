from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .delivery import serve_field_file
from .forms import JobForm
from .models import Job
from .selectors import job_get_for_owner
from .services import job_create, job_enqueue


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = job_create(owner=request.user, **form.cleaned_data)
        if job.status == Job.Status.WAITING:
            messages.warning(request, job.error)
        return redirect(job)
    return render(request, "generation/create.html", {"form": form})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get_for_owner(user=request.user, pk=pk)
    if job.status == Job.Status.WAITING:
        job_enqueue(job=job)  # someone is watching: see whether the queue is back
    template = "generation/_job_status.html" if request.htmx else "generation/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def job_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    job = job_get_for_owner(user=request.user, pk=pk)
    if kind == "video":
        return serve_field_file(request, job.video, content_type="video/mp4", private=True)
    return serve_field_file(request, job.poster, content_type="image/jpeg", private=True)
