"""Errors as JSON: `{"error": {"type", "message"}}` with the right status, from one place.

    ServiceError                 the service's own refusals
    ├── InvalidRequest    400    a request the service refuses (a `path` line, no articles)
    │   ├── InvalidJson   400    a body (or JSONL line) that is not JSON the server reads
    │   └── UndecodableBody 400  a text body that is not valid in its charset
    ├── Unauthorized      401    no bearer token, or not one we know
    ├── JobNotFound       404    no such job (or not the caller's)
    ├── BodyTooLarge      413    the request body is over the route's limit
    ├── UnsupportedMedia  415    a body in a media type (or charset) the route does not take
    ├── TooManyRequests   429    the token's (or, without one, the address's) rate limit
    ├── ClientGone        499    the client went away; its analysis was stopped (never sent)
    ├── Overloaded        503    every analysis slot, or the token's share, is taken
    ├── ServerStopping    503    the server stopped while the analysis ran; `retry-after`
    └── AnalysisTimeout   504    the analysis ran over `analysis_timeout` and was stopped

Library errors are translated by `status_of`: `InvalidArticle` 422 (`ArticleTooLarge`
413), `EngineUnavailable` / `ConfigError` 400, `ModelError` 502 (the model endpoint
failed: our upstream, not the client's request) except `RateLimited`, which is 503 with
the upstream's `retry-after`: the client's own quota is fine (that would be 429), the
service is briefly unable to serve and should be asked again later. Anything else is 500
`internal_error` with no detail. Every message goes through `redact`, so the upstream key
cannot leak even if an upstream echoed it.

An error may carry a `hint` for API users besides its message: `EngineUnavailable` says
what the server lacks, and its hint what a caller can send instead (the library's message
names CLI flags, which mean nothing here).

Bad JSON is `invalid_json` (400) wherever the parser stops: a syntax error, bytes that are
not UTF-8, a number over Python's 4300 digits, nesting too deep for the parser. FastAPI
reports all but the first as a bare 400 `HTTPException` raised from the parser's error;
`_http` recognises those by their cause (`unreadable_json`).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._exceptions import (
    ArticleTooLarge,
    ConfigError,
    EngineUnavailable,
    InvalidArticle,
    ModelError,
    RateLimited,
    SummarizerError,
)

__all__ = [
    "AnalysisTimeout",
    "BodyTooLarge",
    "ClientGone",
    "InvalidJson",
    "InvalidRequest",
    "JobNotFound",
    "Overloaded",
    "ServerStopping",
    "ServiceError",
    "TooManyRequests",
    "Unauthorized",
    "UndecodableBody",
    "UnsupportedMedia",
    "error_body",
    "install_error_handlers",
    "status_of",
    "unreadable_json",
]

logger = logging.getLogger("summarizer.service")


class ServiceError(Exception):
    """A refusal by the service itself; carries its status and headers."""

    status: int = 400
    type: str = "service_error"
    # Typed as Starlette's HTTPException types it, since `BodyTooLarge` is one too.
    headers: Mapping[str, str] | None

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        # Not super(): `BodyTooLarge` also derives from Starlette's HTTPException, whose
        # __init__ takes a status code.
        Exception.__init__(self, message)
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON error body."""
        return error_body(self.type, self.message)


class InvalidRequest(ServiceError):
    """The request cannot be parsed (bad JSON, wrong content type)."""

    status = 400
    type = "invalid_request"


class InvalidJson(InvalidRequest):
    """The body, or a line of a JSONL upload, is not JSON the server can read."""

    type = "invalid_json"


class UndecodableBody(InvalidRequest):
    """A text body that is not valid in its charset (UTF-8 unless Content-Type names one)."""

    type = "decoding_error"

    def __init__(self, charset: str, position: int) -> None:
        super().__init__(
            f"the request body is not valid {charset} (first bad byte at offset {position}); "
            "send UTF-8, or name the body's charset in Content-Type"
        )
        self.charset = charset
        self.position = position


class Unauthorized(ServiceError):
    """Missing or unknown bearer token."""

    status = 401
    type = "unauthorized"

    def __init__(self, message: str = "a valid bearer token is required") -> None:
        super().__init__(message, headers={"www-authenticate": "Bearer"})


class JobNotFound(ServiceError):
    """No job with this id is visible to the caller."""

    status = 404
    type = "not_found"

    def __init__(self, job_id: str) -> None:
        super().__init__(f"no job {job_id!r}")
        self.job_id = job_id


class BodyTooLarge(ServiceError, StarletteHTTPException):
    """The body is over the configured limit for its route.

    Also an HTTPException so FastAPI lets it through while parsing a body (it would turn
    any other error raised there into a 400)."""

    status = 413
    type = "body_too_large"

    def __init__(self, limit: int) -> None:
        message = f"request body over the limit of {limit:,} bytes"
        ServiceError.__init__(self, message)
        self.status_code = self.status
        self.detail = message
        self.limit = limit


class LineTooLarge(ServiceError):
    """A line of a JSONL upload is longer than any article body may be."""

    status = 413
    type = "line_too_large"

    def __init__(self, line: int, limit: int) -> None:
        super().__init__(
            f"line {line} is over {limit:,} bytes, the largest article body the server takes "
            "(see --max-body-bytes); split it or send its article alone"
        )
        self.line = line
        self.limit = limit


class UnsupportedMedia(ServiceError):
    """A body in a format the route does not take."""

    status = 415
    type = "unsupported_media_type"


class TooManyRequests(ServiceError):
    """The caller's token bucket is empty (or, without a valid token, its address's)."""

    status = 429
    type = "rate_limited"

    def __init__(self, retry_after: int, *, who: str = "this token") -> None:
        super().__init__(
            f"too many requests for {who}; retry in {retry_after} s",
            headers={"retry-after": str(retry_after)},
        )
        self.retry_after = retry_after


class ClientGone(ServiceError):
    """The client closed its connection before its analysis finished; the analysis was
    stopped. Nobody reads this answer: it exists for the access log (nginx's 499)."""

    status = 499
    type = "client_closed_request"

    def __init__(self) -> None:
        super().__init__("the client went away; its analysis was stopped")


class Overloaded(ServiceError):
    """Every analysis slot is taken, or every one of the caller's share (`per_token`)."""

    status = 503
    type = "overloaded"

    def __init__(self, in_flight: int, *, retry_after: int, per_token: bool = False) -> None:
        whose = "for this token" if per_token else "on this server"
        super().__init__(
            f"{in_flight} analyses in flight {whose}, the most it takes; retry in {retry_after} s",
            headers={"retry-after": str(retry_after)},
        )
        self.in_flight = in_flight
        self.retry_after = retry_after
        self.per_token = per_token


class ServerStopping(ServiceError):
    """The server is stopping and cut this request's analysis short (after its grace)."""

    status = 503
    type = "server_stopping"

    def __init__(self, retry_after: int = 5) -> None:
        super().__init__(
            f"the server is stopping; retry in {retry_after} s",
            headers={"retry-after": str(retry_after), "connection": "close"},
        )
        self.retry_after = retry_after


class AnalysisTimeout(ServiceError):
    """The analysis ran over the server's time limit and was stopped.

    504, not 503: asking again with the same article would take as long; no `retry-after`."""

    status = 504
    type = "analysis_timeout"

    def __init__(self, limit: float) -> None:
        super().__init__(
            f"the analysis took longer than this server's limit of {limit:g} s and was "
            "stopped (summarizer serve --analysis-timeout); send a shorter article"
        )
        self.limit = limit


def error_body(type: str, message: str, hint: str | None = None) -> dict[str, Any]:
    """`{"error": {"type", "message"}}`, and `hint` when there is one."""
    detail = {"type": type, "message": message}
    if hint is not None:
        detail["hint"] = hint
    return {"error": detail}


def unreadable_json(exc: BaseException) -> str:
    """Why JSON could not be read, from the parser's exception: "not valid UTF-8 (…)"."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8 (a bad byte at offset {exc.start})"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at offset {exc.pos})"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if "integer string conversion" in str(exc):
        return f"JSON with a number longer than {sys.get_int_max_str_digits()} digits"
    return "not JSON the server can read"


def status_of(exc: SummarizerError) -> int:
    """The HTTP status a library error maps to (see the module docstring)."""
    if isinstance(exc, ArticleTooLarge):
        return 413
    if isinstance(exc, InvalidArticle):
        return 422
    if isinstance(exc, EngineUnavailable | ConfigError):
        return 400
    if isinstance(exc, RateLimited):
        return 503
    if isinstance(exc, ModelError):
        return 502
    return 500


def _engine_unavailable(exc: EngineUnavailable) -> tuple[str, str]:
    """The message and hint for an engine this server cannot run."""
    why = ": it has no model endpoint configured" if exc.engine == "llm" else ""
    hint = (
        'ask for engine "offline" (in the JSON body, or ?engine=offline), or ask the '
        "server's operator to configure the engine"
    )
    return f"engine {exc.engine!r} is not available on this server{why}", hint


def install_error_handlers(app: FastAPI, redact: Callable[[str], str]) -> None:
    """Make every error, ours, the library's, the framework's or a bug, a JSON body."""

    def respond(
        status: int,
        type: str,
        message: str,
        headers: Mapping[str, str] | None = None,
        hint: str | None = None,
    ) -> JSONResponse:
        return JSONResponse(error_body(type, redact(message), hint), status, headers=headers)

    @app.exception_handler(ServiceError)
    async def _service(request: Request, exc: ServiceError) -> JSONResponse:
        return respond(exc.status, exc.type, exc.message, exc.headers)

    @app.exception_handler(SummarizerError)
    async def _library(request: Request, exc: SummarizerError) -> JSONResponse:
        status = status_of(exc)
        headers: dict[str, str] = {}
        if isinstance(exc, RateLimited):
            headers["retry-after"] = str(max(1, round(exc.retry_after or 1)))
        if status >= 500:
            logger.warning(
                "%s %s: %s: %s", request.method, request.url.path, exc.type, redact(exc.message)
            )
        if isinstance(exc, EngineUnavailable):
            message, hint = _engine_unavailable(exc)
            return respond(status, exc.type, message, headers, hint)
        return respond(status, exc.type, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return respond(400, "invalid_json", "the request body is not valid JSON")
        parts = []
        for e in errors[:5]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            parts.append(f"{where}: {e.get('msg')}")
        return respond(422, "validation_error", "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
            # FastAPI's "error parsing the body": the JSON parser gave up (module docstring).
            why = unreadable_json(exc.__cause__)
            return respond(400, "invalid_json", f"the request body is {why}")
        names = {404: "not_found", 405: "method_not_allowed"}
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return respond(
            exc.status_code,
            names.get(exc.status_code, "http_error"),
            message,
            dict(exc.headers or {}),
        )

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        logger.error("%s %s: unexpected %s", request.method, request.url.path, type(exc).__name__)
        return respond(500, "internal_error", "an unexpected error; it has been logged")
