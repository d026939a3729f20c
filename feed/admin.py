from django.contrib import admin

from .models import Post, Profile


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
