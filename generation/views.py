from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sora.converters import ID_MAX, bounded_int
from sora.ratelimits import rate_limit

from .delivery import serve_field_file
from .forms import JobForm
from .models import Appeal, Job
from .selectors import appeals_for, job_get_for_owner, quota_usage_for
from .services import (
    AppealRefused,
    JobStateError,
    PromptRefused,
    QuotaExceeded,
    appeal_create,
    job_cancel,
    job_create,
    job_enqueue,
    job_retry,
    policy_refusal_record,
)
from .signals import JobRefused


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = JobForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            job = job_create(owner=request.user, **form.cleaned_data)
        except JobRefused as refusal:
            # Recorded here, where it is finally caught: the submit's own transaction rolled back.
            prompt = form.cleaned_data["prompt"]
            policy_refusal_record(user=request.user, prompt=prompt, refusal=refusal, stage="submit")
            form.add_error("prompt", refusal.message)  # the form keeps what they wrote
            context = _create_context(request, form, refusal=refusal)
            response = render(request, "generation/create.html", context, status=400)
            return quota_response(response, refusal)
        if job.status == Job.Status.WAITING:
            messages.warning(request, job.error)
        return redirect(job)
    return render(request, "generation/create.html", _create_context(request, form))


def _initial(request: HttpRequest) -> dict:
    """?appeal=N: the prompt of one's own appeal (the link in the notification that staff allowed it)."""
    try:
        pk = bounded_int(request.GET.get("appeal"), low=1, high=ID_MAX)
    except ValueError:
        return {}  # none, or not a number: an empty form
    appeal = Appeal.objects.filter(pk=pk, user=request.user).first()
    return {"prompt": appeal.prompt} if appeal else {}


def _create_context(request: HttpRequest, form: JobForm, *, refusal: JobRefused | None = None) -> dict:
    return {
        "form": form,
        "quota": quota_usage_for(user=request.user, now=timezone.now()),
        # "Ask for a review" is offered for a refused prompt staff may allow.
        "appealable": isinstance(refusal, PromptRefused) and refusal.verdict.appealable,
    }


@login_required
@require_POST
@rate_limit("appeal")
def appeal(request: HttpRequest) -> HttpResponse:
    prompt = request.POST.get("prompt", "")
    try:
        appeal = appeal_create(user=request.user, prompt=prompt, note=request.POST.get("note", ""))
    except AppealRefused as refused:
        messages.error(request, str(refused))
        return redirect("generation:create")
    messages.success(request, "Sent for review. You'll get a notification when staff have looked at it.")
    # Back to the form with the prompt still in it, to change it meanwhile if they like.
    return redirect(f"{reverse('generation:create')}?appeal={appeal.pk}")


@login_required
@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    """The person's requests for review: waiting, allowed (once, with a link to make it) or upheld."""
    return render(request, "generation/reviews.html", {"appeals": appeals_for(user=request.user)[:100]})


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
    refusal = None
    try:
        job = action(job=job)
        notice, level = done, "success"
    except JobStateError as error:
        notice, level = str(error), "error"
    except JobRefused as error:  # Try again past the owner's quota
        refusal, notice, level = error, error.message, "error"
    if request.htmx:
        # A stale button (the job moved on meanwhile) still gets the job's real state back.
        response = render(
            request, "generation/_job_status.html", {"job": job, "notice": notice, "level": level}
        )
        # htmx swaps only 2xx answers by default: the refusal shows in the job's own fragment.
        return response if refusal is None else quota_response(response, refusal, status=200)
    getattr(messages, level)(request, notice)
    return redirect(job)


def quota_response(response: HttpResponse, refusal: JobRefused, *, status: int = 429) -> HttpResponse:
    """A refusal over quota is a 429 with Retry-After when the time is known (others stay as they are)."""
    if isinstance(refusal, QuotaExceeded):
        response.status_code = status
        if refusal.retry_after() is not None:
            response["Retry-After"] = str(refusal.retry_after())
    return response
