"""A post's media, after the visibility check: video and poster (Range, ETag, X-Accel), captions, download.

Who may fetch them is exactly who may see the post (feed.selectors.post_get_visible): everyone
for a published post, the creator and cameo co-owners for a draft, the creator for a removed one.
Published media is cached publicly for a day, the rest privately and revalidated every time.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from generation.delivery import PRIVATE_CACHE, serve_field_file
from sora import converters  # noqa: F401  (registers the <id:> and <name:> path converters)

from ..captions import captions_vtt
from ..selectors import post_get_visible


@require_safe
def post_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    field_file, content_type = (
        (post.job.video, "video/mp4") if kind == "video" else (post.job.poster, "image/jpeg")
    )
    return serve_field_file(request, field_file, content_type=content_type, private=not post.is_published)


@require_safe
def post_captions(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    response = HttpResponse(captions_vtt(post.job), content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400" if post.is_published else PRIVATE_CACHE
    return response


@require_safe
def post_download(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    return serve_field_file(
        request,
        post.job.video,  # the rendered file: watermark and provenance tags are in it
        content_type="video/mp4",
        private=not post.is_published,
        download_name=f"sora-{post.author.username}-{post.pk}.mp4",
    )


urlpatterns = [
    path("p/<id:pk>/video.mp4", post_media, {"kind": "video"}, name="post_video"),
    path("p/<id:pk>/poster.jpg", post_media, {"kind": "poster"}, name="post_poster"),
    path("p/<id:pk>/captions.vtt", post_captions, name="post_captions"),
    path("p/<id:pk>/download.mp4", post_download, name="post_download"),
]
