from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Post, Profile, Report
from .services import reported_posts_remove, reports_resolve


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["id", "author", "status", "created_at", "published_at"]
    list_filter = ["status"]
    search_fields = ["author__username", "job__prompt"]
    raw_id_fields = ["author", "job"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name"]
    search_fields = ["user__username", "display_name"]
    raw_id_fields = ["user"]


# --- Reports (helper B) ---------------------------------------------------------------------------


class OpenFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at=None)
        if self.value() == "resolved":
            return queryset.exclude(resolved_at=None)
        return queryset


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "post", "post_status", "reason", "reporter", "note", "resolved_at"]
    list_filter = [OpenFilter, "reason"]
    list_select_related = ["post", "post__author", "reporter"]
    search_fields = ["post__author__username", "reporter__username", "note", "post__job__prompt"]
    raw_id_fields = ["post", "reporter"]
    readonly_fields = ["created_at"]
    actions = ["remove_videos", "mark_resolved"]

    @admin.display(description="Video")
    def post_status(self, report: Report) -> str:
        return report.post.get_status_display()

    @admin.action(description="Remove the reported videos (tells their creators) and resolve")
    def remove_videos(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        removed = reported_posts_remove(post_ids=queryset.values_list("post_id", flat=True))
        self.message_user(
            request, f"Removed {len(removed)} video(s); their reports are resolved.", messages.SUCCESS
        )

    @admin.action(description="Mark resolved (keep the videos)")
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        count = reports_resolve(reports=queryset)
        self.message_user(request, f"Resolved {count} report(s).", messages.SUCCESS)
