from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from generation.delivery import serve_field_file

from ..selectors import post_get_visible


@require_GET
def post_media(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    post = post_get_visible(user=request.user, pk=pk)
    field_file, content_type = (
        (post.job.video, "video/mp4") if kind == "video" else (post.job.poster, "image/jpeg")
    )
    return serve_field_file(request, field_file, content_type=content_type, private=not post.is_published)


urlpatterns = [
    path("p/<int:pk>/video.mp4", post_media, {"kind": "video"}, name="post_video"),
    path("p/<int:pk>/poster.jpg", post_media, {"kind": "poster"}, name="post_poster"),
]
