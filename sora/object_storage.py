"""STORAGES for S3 or an S3-compatible service (MinIO, Cloudflare R2, Backblaze B2), from settings.

Pure: no Django import, so `sora/settings.py` can call it while settings load and the tests can
build the same dictionary pointed at their own endpoint. The backend is django-storages'
S3Storage with its own options; nothing here speaks S3 itself.

Nothing is ever made public: objects get no ACL (`default_acl=None`), every URL the storages hand
out is presigned, and only the operator's CDN domain (when set) serves published media unsigned.
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
# Public media and private files differ in prefix even in one bucket, so a bucket policy or a CDN
# origin can be given the media prefix alone.
MEDIA_PREFIX = "media"
PRIVATE_PREFIX = "private"
# S3File buffers what it reads: past this it spills to a temporary file instead of memory.
READ_BUFFER = 16 * 1024 * 1024


def s3_storages(
    *,
    bucket: str,
    private_bucket: str = "",
    endpoint_url: str = "",
    region: str = "",
    cdn_domain: str = "",
    public_expire: int = 3600,
    private_expire: int = 300,
) -> dict[str, dict]:
    """The "default" and "private" storages (and "media_cdn" with a CDN domain) on S3.

    Credentials are not options: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an
    instance role) itself, so they never sit in settings.
    """
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "default_acl": None,
        "querystring_auth": True,
        # FileSystemStorage never overwrites; a name taken gets a suffix there and here.
        "file_overwrite": False,
        # Every region accepts SigV4 presigned URLs; some refuse the older scheme.
        "signature_version": "s3v4",
        "max_memory_size": READ_BUFFER,
    }
    media = {**common, "bucket_name": bucket, "location": MEDIA_PREFIX, "querystring_expire": public_expire}
    result = {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": media},
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": PRIVATE_PREFIX,
                "querystring_expire": private_expire,
            },
        },
    }
    if cdn_domain:
        # Only for published media, by generation.delivery: the same keys under the CDN's domain.
        result["media_cdn"] = {"BACKEND": S3_BACKEND, "OPTIONS": {**media, "custom_domain": cdn_domain}}
    return result


def s3_origins(*, bucket: str, private_bucket: str = "", endpoint_url: str = "", region: str = "",
               cdn_domain: str = "") -> list[str]:  # fmt: skip
    """Where the browser is redirected for media: the origins the Content-Security-Policy must
    allow for images and video, since it checks the target of a redirect too.

    boto3 presigns path-style URLs on a custom endpoint (the endpoint's origin) and virtual-hosted
    ones on AWS (the bucket's own host, global or regional).
    """
    origins = []
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    else:
        for name in dict.fromkeys(filter(None, (bucket, private_bucket))):
            origins.append(f"https://{name}.s3.amazonaws.com")
            if region:
                origins.append(f"https://{name}.s3.{region}.amazonaws.com")
    if cdn_domain:
        origins.append(f"https://{cdn_domain}")
    return origins
