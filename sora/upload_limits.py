"""How large a request body each page accepts: the table sora.body_limit enforces in every web
process, and the proxy in front mirrors (docs/deploy/nginx-sora.conf; a test keeps them equal)."""

from functools import lru_cache

from django.urls import reverse

from cameo.services import UPLOAD_MAX_BYTES, UPLOAD_TOO_LARGE
from feed.forms import AVATAR_MAX_BYTES, VERIFY_MAX_BYTES, VERIFY_TOO_LARGE

from .body_limit import Limit

# Every form here is a few KB of text; 2 MB leaves room and refuses anything meant to fill a disk.
FORM_LIMIT = Limit(
    2 * 1024 * 1024, "That is more than this page accepts (2 MB at most). Shorten it and try again."
)
# The multipart envelope around a file adds a little; the views check the file itself exactly.
ENVELOPE = 64 * 1024


@lru_cache(maxsize=1)
def upload_limits() -> dict[str, Limit]:
    """The pages that take a file, each with its own larger limit."""
    megabytes = AVATAR_MAX_BYTES // (1024 * 1024)
    return {
        reverse("cameo:new"): Limit(UPLOAD_MAX_BYTES + ENVELOPE, UPLOAD_TOO_LARGE),
        reverse("feed:verify"): Limit(VERIFY_MAX_BYTES + ENVELOPE, VERIFY_TOO_LARGE),
        reverse("feed:profile_edit"): Limit(
            AVATAR_MAX_BYTES + ENVELOPE, f"An avatar may be at most {megabytes} MB. Choose a smaller image."
        ),
    }


def limit_for(path: str) -> Limit:
    return upload_limits().get(path, FORM_LIMIT)
