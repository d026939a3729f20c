"""Serving stored media after the caller has checked access: HTTP Range, or X-Accel-Redirect.

Browsers seek in video with Range requests (Safari refuses to play without 206 answers), and
Django's FileResponse does not answer them, hence this small helper.
"""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import http_date

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _read_range(handle, start: int, length: int):
    try:
        handle.seek(start)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) for a single satisfiable range, None if unsatisfiable or multi-range."""
    match = RANGE_RE.match(header.strip())
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # suffix: the last N bytes
        length = int(last)
        if length == 0:
            return None
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


def serve_field_file(
    request: HttpRequest, field_file: FieldFile, *, content_type: str, private: bool
) -> HttpResponse:
    if not field_file:
        raise Http404("No such file.")
    cache = "private, max-age=3600" if private else "public, max-age=86400"
    # The front server maps the prefix to MEDIA_ROOT only; private files always stream from here.
    if settings.SORA_X_ACCEL_MEDIA_PREFIX and field_file.storage is default_storage:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.SORA_X_ACCEL_MEDIA_PREFIX.rstrip("/") + "/" + field_file.name
        response["Cache-Control"] = cache
        return response
    storage = field_file.storage
    try:
        size = storage.size(field_file.name)
        modified = storage.get_modified_time(field_file.name)
    except (FileNotFoundError, NotImplementedError):
        raise Http404("No such file.") from None
    range_header = request.headers.get("Range")
    if range_header:
        span = _parse_range(range_header, size)
        if span is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        start, end = span
        response = StreamingHttpResponse(
            _read_range(storage.open(field_file.name, "rb"), start, end - start + 1),
            status=206,
            content_type=content_type,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(storage.open(field_file.name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = cache
    response["Last-Modified"] = http_date(modified.timestamp())
    return response
