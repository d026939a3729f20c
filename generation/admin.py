from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import URLPattern
from django_rq.admin import QueueAdmin
from django_rq.models import Dashboard
from django_rq.urls import get_admin_urlpatterns, get_api_urlpatterns

from .models import Appeal, Job, PolicyCategory, PolicyDecision, PublicFigure, Quota
from .services import appeal_decide


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "short_prompt", "status", "percent", "video_engine", "created_at"]
    list_filter = ["status", "video_engine", "audio_engine", "orientation", "duration"]
    search_fields = ["prompt", "owner__username", "owner__email"]
    raw_id_fields = ["owner"]
    readonly_fields = ["token", "spec", "render_info", "created_at", "started_at", "finished_at"]
    date_hierarchy = "created_at"

    @admin.display(description="prompt")
    def short_prompt(self, job: Job) -> str:
        return job.prompt[:60]


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    """Other limits for named people; everyone else has the settings' (docs/operations.md)."""

    list_display = ["user", "videos_per_day", "videos_at_once", "note"]
    search_fields = ["user__username", "user__email", "note"]
    raw_id_fields = ["user"]


# --- The prompt policy: appeals, decisions, public figures, the operator's own categories ----------


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """ "Ask for a review": allow a refused prompt once, or uphold the refusal; the person is told."""

    list_display = ["created_at", "user", "category", "short_prompt", "note", "status", "reviewed_by"]
    list_filter = ["status", "category"]
    search_fields = ["prompt", "user__username", "note"]
    readonly_fields = [
        "user", "prompt", "category", "score", "reason", "note", "status", "reviewed_by", "reviewed_at",
        "used_at", "created_at",
    ]  # fmt: skip
    actions = ["allow_once", "uphold"]

    @admin.display(description="prompt")
    def short_prompt(self, appeal: Appeal) -> str:
        return appeal.prompt[:80]

    @admin.action(description="Allow the prompt once (the person is told)")
    def allow_once(self, request: HttpRequest, queryset) -> None:
        self._decide(request, queryset, allow=True)

    @admin.action(description="Uphold the refusal (the person is told)")
    def uphold(self, request: HttpRequest, queryset) -> None:
        self._decide(request, queryset, allow=False)

    def _decide(self, request: HttpRequest, queryset, *, allow: bool) -> None:
        decided = sum(appeal_decide(appeal=appeal, allow=allow, staff=request.user) for appeal in queryset)
        skipped = queryset.count() - decided
        self.message_user(
            request, f"{decided} decided" + (f"; {skipped} had been decided already." if skipped else ".")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PolicyDecision)
class PolicyDecisionAdmin(admin.ModelAdmin):
    """Every refusal and every review: what was asked, which category, how sure, who decided."""

    list_display = [
        "created_at",
        "user",
        "category",
        "score",
        "outcome",
        "stage",
        "decided_by",
        "short_prompt",
    ]
    list_filter = ["outcome", "category", "stage"]
    search_fields = ["prompt", "user__username", "reason"]
    date_hierarchy = "created_at"

    @admin.display(description="prompt")
    def short_prompt(self, decision: PolicyDecision) -> str:
        return decision.prompt[:80]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the record stays as decided


@admin.register(PublicFigure)
class PublicFigureAdmin(admin.ModelAdmin):
    list_display = ["name", "aliases", "names_as_written", "handle"]
    search_fields = ["name", "aliases", "names_as_written", "handle"]


@admin.register(PolicyCategory)
class PolicyCategoryAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "enabled"]


# --- The RQ dashboard (django-rq), for those granted it ------------------------------------------

RQ_PERMISSION = "django_rq.admin"  # "Django-RQ | Access admin page" in the admin


def _needs_rq_permission(view):
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not request.user.has_perm(RQ_PERMISSION):
            raise PermissionDenied("The render queues are for staff granted access to them.")
        try:
            return view(request, *args, **kwargs)
        except IndexError as error:
            # django-rq finds a queue, scheduler or connection by its position in a list: a number
            # in the address past the end is a page that doesn't exist, not a server error.
            raise Http404("There is no such queue.") from error

    return guarded


class RenderQueueAdmin(QueueAdmin):
    """django-rq's dashboard for superusers and staff granted RQ_PERMISSION only.

    django-rq lets every staff member in, and the queues hold each job's arguments and let one
    delete, requeue or stop jobs: a staff account made for reviewing cameos must not reach them.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(RQ_PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm(RQ_PERMISSION)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm(RQ_PERMISSION)

    def get_urls(self):
        def admin_view(view):
            @wraps(view)
            def wrapper(request: HttpRequest, *args, **kwargs):
                request.current_app = self.admin_site.name
                return self.admin_site.admin_view(_needs_rq_permission(view))(request, *args, **kwargs)

            return wrapper

        def api_view(view):
            # Monitoring reads these with RQ_API_TOKEN and no session; a staff session without
            # the permission is refused like everywhere else on the dashboard.
            @wraps(view)
            def wrapper(request: HttpRequest, *args, **kwargs):
                if (
                    request.user.is_staff
                    and not request.user.has_perm(RQ_PERMISSION)
                    and not kwargs.get("token")
                ):
                    raise PermissionDenied("The render queues are for staff granted access to them.")
                return view(request, *args, **kwargs)

            return wrapper

        api = [
            URLPattern(pattern.pattern, api_view(pattern.callback), pattern.default_args, pattern.name)
            for pattern in get_api_urlpatterns(name_prefix="django_rq_")
        ]
        dashboard = get_admin_urlpatterns(name_prefix="django_rq_", view_wrapper=admin_view)
        return api + dashboard + super(QueueAdmin, self).get_urls()


if admin.site.is_registered(Dashboard):
    admin.site.unregister(Dashboard)
    admin.site.register(Dashboard, RenderQueueAdmin)
