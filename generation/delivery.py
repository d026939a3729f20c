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

On object storage (S3 and the like, docs/deploy.md#object-storage) no byte passes through here:
after the caller's check the answer is a redirect to a presigned URL (or, for published media, the
operator's CDN), valid minutes for private files and an hour for published ones. The bucket
answers Range and conditional requests itself, and S3's response-overriding parameters make it
send the same Content-Type, Cache-Control and download name as above. The redirect is never
stored by a shared cache: the URL it names is a key to one person's file.

A presigned URL carries the second it was signed, so signing anew for every page and every play
would give the browser a new address each time, and its cache (kept by address) would never
serve a video, poster or avatar twice. The URL is therefore kept in the cache framework and
handed out again for the first half of its life.
"""

import hashlib
import re
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import Storage, default_storage, storages
from django.db.models.fields.files import FieldFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from redis.exceptions import RedisError

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024
DAY = 24 * 3600
PRIVATE_CACHE = "private, no-cache"
# A presigned URL expires and is one person's: neither the browser nor a proxy keeps the redirect.
REDIRECT_CACHE = "private, no-store"


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
    if storage_is_remote(field_file.storage, field_file.name):
        return file_redirect(
            field_file, content_type=content_type, cache_control=cache, disposition=disposition,
            private=private,
        )  # fmt: skip
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


def storage_is_remote(storage: Storage, name: str) -> bool:
    """True for a storage with no local path for its files (S3 and the like)."""
    try:
        storage.path(name)
    except NotImplementedError:
        return True
    return False


def file_redirect(
    field_file: FieldFile,
    *,
    content_type: str,
    cache_control: str,
    disposition: str | None = None,
    private: bool,
) -> HttpResponse:
    """A redirect to the object itself, for a caller that has checked access.

    Published media (`private=False`) goes to the operator's CDN when STORAGES has "media_cdn",
    else to a presigned URL valid SORA_S3_PUBLIC_EXPIRE seconds; the rest to one valid
    SORA_S3_PRIVATE_EXPIRE seconds. A missing object is a 404 here rather than the bucket's error.
    """
    if not field_file.storage.exists(field_file.name):
        raise Http404("No such file.")
    url = remote_url(
        field_file, content_type=content_type, cache_control=cache_control, disposition=disposition,
        private=private,
    )  # fmt: skip
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = REDIRECT_CACHE
    return response


def remote_url(
    field_file: FieldFile,
    *,
    content_type: str,
    cache_control: str,
    disposition: str | None = None,
    private: bool,
) -> str:
    """The address of an object in the bucket (or behind the CDN), for a caller that has checked
    access: the same one for the first half of a presigned URL's life, so browsers cache by it."""
    storage, name = field_file.storage, field_file.name
    if not private and storage is default_storage and "media_cdn" in settings.STORAGES:
        return storages["media_cdn"].url(name)
    overrides = {"ResponseContentType": content_type, "ResponseCacheControl": cache_control}
    if disposition:
        overrides["ResponseContentDisposition"] = disposition
    expire = settings.SORA_S3_PRIVATE_EXPIRE if private else settings.SORA_S3_PUBLIC_EXPIRE
    where = getattr(storage, "bucket_name", ""), getattr(storage, "location", ""), name
    key = "presigned:" + hashlib.sha256(repr((where, sorted(overrides.items()), expire)).encode()).hexdigest()
    try:
        url = cache.get(key)
    except (RedisError, OSError):  # Redis away: a fresh signature still serves the page
        url = None
    if url is None:
        url = storage.url(name, parameters=overrides, expire=expire)
        try:
            cache.set(key, url, expire // 2)
        except (RedisError, OSError):
            pass
    return url
