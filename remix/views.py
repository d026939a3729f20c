from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feed.selectors import post_get_visible
from generation.services import PromptRefused, QuotaExceeded, policy_refusal_record
from generation.signals import JobRefused
from sora.converters import ID_MAX, bounded_int

from .forms import RemixForm
from .selectors import LINEAGE_PAGE_SIZE, lineage_for, remix_cameo_refusals, remix_refusal
from .services import RemixRefused, remix_create, remixing_set


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    parent = post_get_visible(user=request.user, pk=pk)  # others' drafts 404
    problem = remix_refusal(post=parent, user=request.user)
    if problem:
        return render(request, "remix/refused.html", {"post": parent, "message": problem}, status=403)
    droppable = remix_cameo_refusals(post=parent, user=request.user)
    initial = {
        "prompt": parent.job.prompt,
        "duration": parent.job.duration,
        "orientation": parent.job.orientation,
    }
    form = RemixForm(request.POST or None, initial=initial, droppable=droppable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = remix_create(
                parent=parent, user=request.user, prompt=data["prompt"], duration=data["duration"],
                orientation=data["orientation"], strength=data["strength"], drop=set(data["drop"]),
            )  # fmt: skip
        except RemixRefused as refusal:
            return render(
                request, "remix/refused.html", {"post": parent, "message": str(refusal)}, status=403
            )
        except JobRefused as refusal:
            prompt = form.cleaned_data["prompt"]
            policy_refusal_record(user=request.user, prompt=prompt, refusal=refusal, stage="submit")
            form.add_error(None, refusal.message)
            appealable = isinstance(refusal, PromptRefused) and refusal.verdict.appealable
            context = {"form": form, "parent": parent, "appealable": appealable, "prompt": prompt}
            if isinstance(refusal, QuotaExceeded):  # a remix is a video: the same limits, a 429
                response = render(request, "remix/create.html", context, status=429)
                if refusal.retry_after() is not None:
                    response["Retry-After"] = str(refusal.retry_after())
                return response
            return render(request, "remix/create.html", context, status=400)
        else:
            return redirect(job)
    status = 400 if request.method == "POST" else 200
    return render(request, "remix/create.html", {"form": form, "parent": parent}, status=status)


@require_GET
def lineage(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk, related=("remix_node", "author__profile"))
    try:
        # The page's OFFSET must fit the database's integers: no tree has more remixes than ids.
        page = bounded_int(request.GET.get("page", "1"), low=1, high=ID_MAX // LINEAGE_PAGE_SIZE)
    except ValueError:
        page = 1  # garbage or a page no lineage can have: the first one
    tree = lineage_for(post=post, user=request.user, order=request.GET.get("order", "tree"), page=page)
    return render(request, "remix/lineage.html", {"post": post, "lineage": tree})


@login_required
@require_POST
def remixing(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    allowed = request.POST.get("allowed") == "1"
    try:
        remixing_set(post=post, user=request.user, allowed=allowed)
    except RemixRefused as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    messages.success(request, "Remixing is on for this video." if allowed else
                     "Remixing is off for this video; existing remixes stay, credited.")  # fmt: skip
    return redirect(post)
