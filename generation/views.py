from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .delivery import serve_field_file
from .forms import JobForm
from .models import Job
from .selectors import job_get_for_owner
from .services import JobStateError, job_cancel, job_create, job_enqueue, job_retry
from .signals import JobRefused


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_create(owner=request.user, **form.cleaned_data)
        except JobRefused as refusal:
            form.add_error("prompt", refusal.message)
            return render(request, "generation/create.html", {"form": form}, status=400)
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


@login_required
@require_POST
def job_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _job_action(request, pk, job_cancel, done="Cancelled. Nothing was kept.")


@login_required
@require_POST
def job_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _job_action(request, pk, job_retry, done="Trying again with the same prompt and seed.")


def _job_action(request: HttpRequest, pk: int, action, *, done: str) -> HttpResponse:
    job = job_get_for_owner(user=request.user, pk=pk)
    try:
        job = action(job=job)
        notice, level = done, "success"
    except JobStateError as error:
        notice, level = str(error), "error"
    if request.htmx:
        # A stale button (the job moved on meanwhile) still gets the job's real state back.
        return render(request, "generation/_job_status.html", {"job": job, "notice": notice, "level": level})
    getattr(messages, level)(request, notice)
    return redirect(job)
