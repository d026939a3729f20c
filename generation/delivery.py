"""Serving stored media after the caller has checked access: HTTP Range, or X-Accel-Redirect.

Browsers seek in video with Range requests (Safari refuses to play without 206 answers), and
Django's FileResponse does not answer them, hence this small helper. Conditional requests (ETag /
Last-Modified -> 304) go through Django's own `get_conditional_response`, so a replayed video or
a re-rendered grid costs no bytes.

Caching, by who may see the file:
- public (published posts, avatars): shared caches may keep it `max_age` seconds. Post media is
  kept a day, not a year, although the bytes never change: a video taken down (a cameo revoked)
  must stop being served by caches within a day. Avatars get a new name on every upload, so they
  may be cached for good (`immutable`).
- private (drafts, cameo files): `private, no-cache`: the browser may keep the bytes but asks
  again every time, so a revoked permission takes effect at once, and the ETag makes asking cheap.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
DAY = 24 * 3600
PRIVATE_CACHE = "private, no-cache"


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


def _range_applies(request: HttpRequest, etag: str, modified: int) -> bool:
    """If-Range: resume only if the file is still the one the client has part of."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    if_range = if_range.strip()
    if if_range.startswith(('"', 'W/"')):
        return if_range == etag  # weak tags never match here (RFC 9110 13.1.5)
    since = parse_http_date_safe(if_range)
    return since is not None and since == modified


def serve_field_file(
    request: HttpRequest,
    field_file: FieldFile,
    *,
    content_type: str,
    private: bool,
    max_age: int = DAY,
    immutable: bool = False,
    download_name: str | None = None,
) -> HttpResponse:
    if not field_file:
        raise Http404("No such file.")
    cache = PRIVATE_CACHE if private else f"public, max-age={max_age}" + (", immutable" if immutable else "")
    disposition = f'attachment; filename="{download_name}"' if download_name else None
    # The front server maps the prefix to MEDIA_ROOT only; private-storage files (cameo recordings)
    # always stream from here. nginx answers Range and conditional requests for the internal
    # location itself and keeps Content-Type, Content-Disposition and Cache-Control from us.
    if settings.SORA_X_ACCEL_MEDIA_PREFIX and field_file.storage is default_storage:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.SORA_X_ACCEL_MEDIA_PREFIX.rstrip("/") + "/" + quote(field_file.name)
        )
        response["Cache-Control"] = cache
        if disposition:
            response["Content-Disposition"] = disposition
        return response
    storage = field_file.storage
    try:
        size = storage.size(field_file.name)
        modified = int(storage.get_modified_time(field_file.name).timestamp())
    except (FileNotFoundError, NotImplementedError):
        raise Http404("No such file.") from None
    # Stored media is written once and never rewritten in place, so size and time identify it.
    etag = quote_etag(f"{size:x}-{modified:x}")
    validators = {"ETag": etag, "Last-Modified": http_date(modified), "Cache-Control": cache}
    conditional = get_conditional_response(request, etag=etag, last_modified=modified)
    if conditional is not None:  # 304 (or 412 for a failed If-Match), with the validators
        for header, value in validators.items():
            conditional[header] = value
        return conditional
    range_header = request.headers.get("Range")
    if range_header and _range_applies(request, etag, modified):
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
    for header, value in validators.items():
        response[header] = value
    if disposition:
        response["Content-Disposition"] = disposition
    return response
