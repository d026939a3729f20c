"""Staff review of cameo verifications: a queue, the evidence side by side, approve or reject."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sora.text import MultiLineTextField

from .models import Appearance, Cameo, Verification
from .services import verification_approve, verification_reject


@admin.register(Verification)
class VerificationAdmin(admin.ModelAdmin):
    list_display = ["id", "portrait_thumbnail", "user", "status", "checks_passed", "flag", "created_at"]
    list_display_links = ["id", "portrait_thumbnail", "user"]
    list_filter = ["status"]
    search_fields = ["user__username"]
    ordering = ["created_at"]  # the queue: oldest first
    fields = [
        "user",
        "status",
        "impersonation",
        "portrait_preview",
        "recording_player",
        "score_table",
        "seconds",
        "error",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = [f for f in fields if f != "review_reason"]
    # The user reads the reason: sora.text's rule, so an invisible-only one counts as none given.
    formfield_overrides = {models.TextField: {"form_class": MultiLineTextField}}
    change_form_template = "admin/cameo/verification/change_form.html"

    class Media:
        # Classes, not style attributes: the Content-Security-Policy allows no inline styles.
        css = {"all": ["css/admin-cameo.css"]}

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Staff come here to review: open on the pending queue unless they chose a filter.
        if not request.GET and not request.POST:
            return HttpResponseRedirect(request.path + "?status__exact=pending")
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # verifications come only from recordings

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # deleting is the user's (it removes their files); see "Delete my cameo"

    @admin.display(description="Portrait")
    def portrait_thumbnail(self, obj: Verification) -> str:
        if not obj.portrait:
            return "—"
        url = reverse("cameo:verification_portrait", args=[obj.pk])
        return format_html('<img src="{}" alt="" width="48" height="48" class="cameo-thumb">', url)

    @admin.display(description="Checks passed")
    def checks_passed(self, obj: Verification) -> str:
        if not obj.scores:
            return "—"
        passed = sum(1 for check in obj.scores.values() if check.get("passed"))
        return f"{passed} / {len(obj.scores)}"

    @admin.display(description="Flag")
    def flag(self, obj: Verification) -> str:
        if obj.match_id is None:
            return ""
        return format_html('<strong class="cameo-flag">Looks like @{}</strong>', obj.match.owner.username)

    @admin.display(description="Portrait")
    def portrait_preview(self, obj: Verification) -> str:
        if not obj.portrait:
            return "No portrait (the recording did not pass, or was rejected)."
        url = reverse("cameo:verification_portrait", args=[obj.pk])
        return format_html('<img src="{}" alt="Portrait from the recording" width="240">', url)

    @admin.display(description="Recording")
    def recording_player(self, obj: Verification) -> str:
        if not obj.recording:
            return "No recording kept."
        url = reverse("cameo:recording", args=[obj.pk])
        digits = obj.challenge.spoken_digits
        return format_html(
            '<video src="{}" controls preload="metadata" width="360"></video>'
            "<p>Challenge: read <strong>{}</strong> aloud, then {}.</p>",
            url,
            digits,
            obj.challenge.ACTIONS,
        )

    @admin.display(description="Impersonation check")
    def impersonation(self, obj: Verification) -> str:
        if obj.match_id is None:
            return "No approved cameo of anyone else looks like this face."
        cameo = obj.match
        return format_html(
            '<div class="cameo-side-by-side">'
            '<figure><img src="{}" width="200" alt=""><figcaption>This recording (@{})</figcaption></figure>'
            '<figure><img src="{}" width="200" alt=""><figcaption>Approved cameo of @{}</figcaption></figure>'
            "</div><p><strong>Flagged:</strong> face distance {} (same person below 0.5). "
            "Never auto-approved; approve only if you are sure this is a different person.</p>",
            reverse("cameo:verification_portrait", args=[obj.pk]),
            obj.user.username,
            reverse("cameo:portrait", args=[cameo.pk]),
            cameo.owner.username,
            f"{obj.match_distance:.3f}",
        )

    @admin.display(description="Scores")
    def score_table(self, obj: Verification) -> str:
        if not obj.scores:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    check.get("label", name),
                    "✔ passed" if check.get("passed") else "✘ failed",
                    _number(check.get("score")),
                    _number(check.get("limit")),
                    check.get("message", ""),
                )
                for name, check in obj.scores.items()
            ),
        )
        return format_html(
            "<table><thead><tr><th>Check</th><th>Result</th><th>Score</th><th>Needed</th><th>Message</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def save_model(self, request: HttpRequest, obj: Verification, form, change: bool) -> None:
        try:
            if "_approve" in request.POST:
                verification_approve(verification=obj, reviewer=request.user)
                request._review = (messages.SUCCESS, f"Approved: @{obj.user.username} now has a cameo.")
            elif "_reject" in request.POST:
                verification_reject(
                    verification=obj, reviewer=request.user, reason=form.cleaned_data.get("review_reason", "")
                )
                request._review = (messages.SUCCESS, f"Rejected; @{obj.user.username} sees your reason.")
            else:
                super().save_model(request, obj, form, change)
        except ValidationError as error:
            request._review = (messages.ERROR, error.messages[0])

    def response_change(self, request: HttpRequest, obj: Verification) -> HttpResponse:
        review = getattr(request, "_review", None)
        if review is None:
            return super().response_change(request, obj)
        level, text = review
        self.message_user(request, text, level)
        if level == messages.ERROR:
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:cameo_verification_changelist") + "?status__exact=pending")


@admin.register(Cameo)
class CameoAdmin(admin.ModelAdmin):
    list_display = ["owner", "enabled", "tier", "created_at", "updated_at"]
    list_filter = ["enabled", "tier"]
    search_fields = ["owner__username"]
    fields = ["owner", "enabled", "tier", "preferences", "voice", "portrait_preview", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # consent is the owner's to change, not staff's

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="Portrait")
    def portrait_preview(self, obj: Cameo) -> str:
        return format_html('<img src="{}" width="240" alt="">', reverse("cameo:portrait", args=[obj.pk]))


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["owner", "job", "created_at", "removed_at"]
    search_fields = ["owner__username", "job__prompt"]
    raw_id_fields = ["job", "owner", "cameo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def _number(value) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "—"
