"""Security headers on every response, whatever produced it (a route, an error, a 413).

- `X-Content-Type-Options: nosniff`: a browser takes each body for its declared type (a
  JSON error echoing HTML is never rendered as a page);
- `Referrer-Policy: no-referrer`: nothing of a URL leaves with a link from the report;
- `Content-Security-Policy`: a response that sets none (the JSON API) gets
  `default-src 'none'; frame-ancestors 'none'`: nothing in it may run or load, and no
  site may frame it. The page and the HTML report send their own, each ending in
  `frame-ancestors 'none'` too; `X-Frame-Options: DENY` says the same to older browsers.

Pure ASGI, so it sees the response start of anything below it; `_app` puts it outside
Starlette's error middleware so that even a 500 carries them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["DEFAULT_CONTENT_SECURITY_POLICY", "SecurityHeadersMiddleware"]

DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"
"""The policy of a response that states none of its own."""

_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", DEFAULT_CONTENT_SECURITY_POLICY.encode()),
)

ASGIApp = Callable[..., Any]


class SecurityHeadersMiddleware:
    """Add the module's headers to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _value in headers}
                headers.extend(h for h in _HEADERS if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
