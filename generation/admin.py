from django.contrib import admin

from .models import Job


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
