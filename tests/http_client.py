"""A signed-in person over plain HTTP and real websockets, for tests and benches against a live app."""

import http.cookiejar
import socket
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

from websockets.sync.client import ClientConnection, connect

PASSWORD = "correct horse battery staple"


class Visitor:
    """One browser's cookies: signs up through the real form and posts forms with its CSRF token."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def get(self, path: str) -> str:
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str]) -> int:
        if not any(c.name == "csrftoken" for c in self.jar):
            self.get(path)  # the form's page sets the CSRF cookie
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken"), **data}).encode()
        with self.opener.open(urllib.request.Request(self.base_url + path, body), timeout=30) as response:
            return response.status

    def sign_up(self, handle: str) -> "Visitor":
        self.get("/accounts/signup/")
        self.post(
            "/accounts/signup/",
            {
                "email": f"{handle}@example.com",
                "username": handle,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert any(c.name == "sessionid" for c in self.jar), "signing up did not sign in"
        return self

    def websocket(self, path: str, *, origin: str | None = "", host: str | None = None) -> ClientConnection:
        """Open a websocket with this visitor's cookies. The Origin is the app's own unless given
        (None sends none); `host` puts another name in the Host header, still reaching the app."""
        parts = urlsplit(self.base_url)
        url = f"ws://{host or parts.netloc}{path}"
        sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
        headers = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.jar)}
        if origin is not None:
            headers["Origin"] = origin or self.base_url
        return connect(url, sock=sock, additional_headers=headers, open_timeout=10)
