"""Websockets open only from the site's own pages: same scheme, host and port, or a trusted origin."""

from channels.security.websocket import OriginValidator
from django.conf import settings
from django.http.request import split_domain_port, validate_host


class SameOriginValidator:
    """Lets a websocket handshake through when its Origin is the request's own origin (the scheme it
    came in on, and its Host header, which must be in ALLOWED_HOSTS) or one of CSRF_TRUSTED_ORIGINS;
    denies it otherwise, as Channels' OriginValidator does.

    Channels' AllowedHostsOriginValidator compares host names only, so a page served on another port
    of the same host (any other app on the machine) could open our sockets with the user's cookies.
    A handshake without an Origin header is denied, as OriginValidator documents: browsers always
    send one, and the attack this check stops (another site's page riding on the visitor's cookies)
    needs a browser; any other program could claim whatever Origin it liked anyway.
    """

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        allowed = [_trusted_pattern(origin) for origin in settings.CSRF_TRUSTED_ORIGINS]
        own = _own_origin(scope)
        if own:
            allowed.append(own)
        # A fresh validator per handshake: the allowed list depends on the request's own Host.
        return await OriginValidator(self.application, allowed)(scope, receive, send)


def _own_origin(scope) -> str | None:
    """The origin the handshake was addressed to, as "scheme://host[:port]"; None when its Host is
    missing, malformed or not in ALLOWED_HOSTS (Django answers such a request 400)."""
    host = next((value.decode("latin1") for name, value in scope.get("headers", []) if name == b"host"), None)
    if not host:
        return None
    allowed_hosts = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed_hosts:
        allowed_hosts = [".localhost", "127.0.0.1", "[::1]"]  # as Django's request.get_host()
    domain, _ = split_domain_port(host)
    # A leading dot would read as "and every subdomain" to OriginValidator; no browser sends one.
    if not domain or domain.startswith(".") or not validate_host(domain, allowed_hosts):
        return None
    # uvicorn sets the scheme from TLS, or from X-Forwarded-Proto when a trusted proxy sends it.
    scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
    return f"{scheme}://{host}"


def _trusted_pattern(origin: str) -> str:
    # Django's "https://*.example.com" is OriginValidator's "https://.example.com": the domain and
    # its subdomains.
    return origin.replace("://*.", "://.", 1)
