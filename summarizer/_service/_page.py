"""The try-it page at `/`: static HTML, CSS and JS shipped in the package, no CDN.

The page posts to `/v1/report` and shows the returned report (the `--format html` view)
in a sandboxed `<iframe srcdoc>`. A srcdoc frame inherits the page's Content-Security-
Policy as well as carrying the report's own, so the page's policy admits the report's one
inline script by its hash (the renderer's `report_script_source`), and inline styles (the
report's style varies with its speakers); nothing may be loaded from anywhere but this
server.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import Response

from .._render import report_script_source

__all__ = ["page_router"]

_STATIC = {
    "/": ("page.html", "text/html; charset=utf-8"),
    "/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/page.css": ("page.css", "text/css; charset=utf-8"),
}


@cache
def _static(name: str) -> bytes:
    return files("summarizer._service").joinpath("static", name).read_bytes()


@cache
def content_security_policy() -> str:
    """The page's policy: itself and the report's script, nothing from elsewhere."""
    return (
        "default-src 'none'; "
        f"script-src 'self' {report_script_source()}; "
        "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
        "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def page_router() -> APIRouter:
    """Routes of the page and its two files (kept out of the OpenAPI document)."""
    router = APIRouter(include_in_schema=False)
    for path, (name, media_type) in _STATIC.items():
        router.add_api_route(path, _server(name, media_type), methods=["GET"])
    return router


def _server(name: str, media_type: str) -> Callable[[], Response]:
    # A closure, not default arguments: FastAPI would take those for query parameters.
    def serve() -> Response:
        return Response(
            _static(name),
            media_type=media_type,
            headers={
                "content-security-policy": content_security_policy(),
                "x-content-type-options": "nosniff",
                "cache-control": "no-cache",
            },
        )

    return serve
