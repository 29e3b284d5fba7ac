"""The ASGI application: routes, wired to auth, limits, the analyzer and the job store.

No `from __future__ import annotations` here: FastAPI reads the route signatures, and
`Caller` is local to `create_app`, so string annotations would not resolve.
"""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import TypeAdapter, ValidationError

from .._api import resolve_engine
from .._config import EngineChoice
from .._models import Analysis
from .._render import render_html_report
from .._version import __version__
from ._analysis import Analyzer, Outcome
from ._auth import TokenStore
from ._bodies import analyze_request
from ._disconnect import unless_disconnected
from ._errors import (
    InvalidJson,
    InvalidRequest,
    Unauthorized,
    UnsupportedMedia,
    install_error_handlers,
    unreadable_json,
)
from ._headers import SecurityHeadersMiddleware
from ._jobs import DEFAULT_PAGE, MAX_PAGE, JobStore, stream_file
from ._limits import BodyLimitMiddleware, InFlight, RateLimiter
from ._page import page_router
from ._schemas import (
    MAX_DEPTH,
    AnalyzeRequest,
    ErrorBody,
    Health,
    JobArticle,
    JobList,
    JobStatus,
    too_deep,
)
from ._settings import ServiceSettings, prepare_data_dir

__all__ = ["create_app"]

_JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
_ARTICLES = TypeAdapter(list[JobArticle])


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


class _Service(FastAPI):
    """FastAPI with the security headers outermost, outside even its error middleware, so
    that every response carries them, a 500 too."""

    def build_middleware_stack(self) -> Any:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def _article_body() -> dict[str, Any]:
    """The OpenAPI request body of the analysis routes: JSON, or the article itself."""
    article = {"type": "string", "minLength": 1}
    return {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "text/plain": {"schema": {**article, "description": "The article's text."}},
            "text/html": {"schema": {**article, "description": "The article's HTML page."}},
        },
    }


def create_app(settings: ServiceSettings) -> FastAPI:
    """The service as an ASGI app; raises `ConfigError` when no token is configured or
    the data dir cannot be used."""
    config = settings.config
    tokens = TokenStore.load(settings.api_tokens, settings.token_file)
    prepare_data_dir(settings.data_dir)
    limiter = RateLimiter(settings.rate, settings.burst)
    # Requests without a valid token cost a hash and a log line too: a bucket per address.
    anonymous = RateLimiter(settings.rate, settings.burst, who="requests without a valid token")
    in_flight = InFlight(
        settings.max_in_flight, settings.retry_after, per_owner=settings.per_token_in_flight
    )
    retention = settings.job_retention.total_seconds() if settings.job_retention else None
    jobs = JobStore(
        settings.data_dir,
        config,
        workers=max(1, settings.processes),
        retention=retention,
        max_line=settings.max_body_bytes,
    )
    analyzer: list[Analyzer] = []  # made in the lifespan: pools belong to a running server
    secrets = [s for s in (config.api_key,) if s]

    def redact(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "[REDACTED]")
        return text

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        analyzer.append(
            Analyzer(config, processes=settings.processes, timeout=settings.analysis_timeout)
        )
        jobs.start()
        try:
            yield
        finally:
            jobs.stop()
            await analyzer[0].aclose()

    app = _Service(
        title="summarizer",
        version=__version__,
        description="Faithful news summaries with verified, attributed quotes and stances. "
        "Every route but /healthz and the page needs `Authorization: Bearer <token>`.",
        lifespan=lifespan,
        openapi_url=None,  # served below, behind a token
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
    )
    install_error_handlers(app, redact)

    def limit_for(path: str) -> int:
        return settings.max_upload_bytes if path == "/v1/jobs" else settings.max_body_bytes

    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)

    bearer = HTTPBearer(auto_error=False, description="A token from the server's token list.")

    async def caller(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    ) -> str:
        owner = tokens.verify(credentials.credentials if credentials else None)
        if owner is None:
            anonymous.check(request.client.host if request.client else "")
            raise Unauthorized()
        limiter.check(owner)
        return owner

    Caller = Annotated[str, Depends(caller)]

    async def article(
        request: Request,
        engine: Annotated[
            EngineChoice | None,
            Query(description="auto, offline or llm, for a text or HTML body (JSON: its own)."),
        ] = None,
        model: Annotated[
            str | None, Query(min_length=1, max_length=200, description="LLM model.")
        ] = None,
    ) -> AnalyzeRequest:
        content_type = request.headers.get("content-type", "")
        return analyze_request(await request.body(), content_type, engine=engine, model=model)

    # After the caller in a route's parameters: a body is read only for a known token.
    Article = Annotated[AnalyzeRequest, Depends(article)]

    async def analyse(body: AnalyzeRequest, owner: str, request: Request) -> Outcome:
        with in_flight.slot(owner):
            work = analyzer[0].analyze(body.text, body.html, body.engine, body.model, owner=owner)
            return await unless_disconnected(request.receive, work)

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz() -> Health:
        """Liveness: answers at once, whatever the model endpoint is doing."""
        return Health(version=__version__, in_flight=in_flight.count, jobs_pending=jobs.pending)

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(owner: Caller) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.post(
        "/v1/analyze",
        response_model=Analysis,
        tags=["analysis"],
        responses=_errors(400, 401, 413, 415, 422, 429, 502, 503, 504),
        openapi_extra={"requestBody": _article_body()},
    )
    async def analyze(owner: Caller, body: Article, request: Request) -> Response:
        """Analyse one article: summary, attributed quotes, stances (the `Analysis` contract).

        The body is JSON (`{"text"}` or `{"html"}`, optional `engine`, `model`), or the
        article itself as `text/plain` or `text/html` (UTF-8 unless its `charset` says
        otherwise) with `engine` and `model` in the query."""
        outcome = await analyse(body, owner, request)
        return Response(outcome.json, media_type="application/json")

    @app.post(
        "/v1/report",
        response_class=HTMLResponse,
        tags=["analysis"],
        responses=_errors(400, 401, 413, 415, 422, 429, 502, 503, 504),
        openapi_extra={"requestBody": _article_body()},
    )
    async def report(owner: Caller, body: Article, request: Request) -> HTMLResponse:
        """Analyse one article and return the self-contained HTML report (`--format html`).

        Takes the bodies `/v1/analyze` takes. The report's Content-Security-Policy is sent
        as a header too: only its own inline style and script, and no framing."""
        outcome = await analyse(body, owner, request)
        rendered = await asyncio.to_thread(
            render_html_report, outcome.analysis, outcome.text, title=outcome.title
        )
        policy = f"{rendered.content_security_policy}; frame-ancestors 'none'"
        return HTMLResponse(rendered.html, headers={"content-security-policy": policy})

    article_schema = JobArticle.model_json_schema()

    @app.post(
        "/v1/jobs",
        status_code=202,
        response_model=JobStatus,
        tags=["jobs"],
        responses=_errors(400, 401, 413, 415, 422, 429),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "minItems": 1, "items": article_schema}
                    },
                    "application/x-ndjson": {
                        "schema": {"type": "string", "description": "One article a line."}
                    },
                },
            }
        },
    )
    async def create_job(
        request: Request,
        owner: Caller,
        engine: Annotated[EngineChoice, Query(description="auto, offline or llm.")] = "auto",
        model: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    ) -> JSONResponse:
        """Queue many articles (a JSON list, or JSONL) for the batch runner; 202 at once.

        Each article is `{"id", "text" | "html", "title"?, "url"?, "metadata"?}`. Results
        are kept on disk; a restarted server resumes its jobs.
        """
        resolve_engine(analyzer[0].engine_config(engine, model))  # fail now, not in the job
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in _JSONL_TYPES and media not in ("application/json", ""):
            raise UnsupportedMedia(f"send application/json or application/x-ndjson, not {media}")
        job_id, staging, writer = await asyncio.to_thread(jobs.new)
        try:
            if media in _JSONL_TYPES:
                async for chunk in request.stream():
                    await asyncio.to_thread(writer.feed, chunk)
            else:
                items = await asyncio.to_thread(_parse_articles, await request.body())

                def add_all() -> None:
                    for item in items:
                        writer.add(item.model_dump(exclude_none=True))

                await asyncio.to_thread(add_all)
            status = await asyncio.to_thread(
                jobs.commit, job_id, staging, writer, owner=owner, engine=engine, model=model
            )
        except BaseException:
            writer.abort()
            await asyncio.to_thread(jobs.discard, staging)
            raise
        return JSONResponse(
            status.model_dump(mode="json"),
            status_code=202,
            headers={"location": f"/v1/jobs/{status.id}"},
        )

    @app.get("/v1/jobs", response_model=JobList, tags=["jobs"], responses=_errors(400, 401, 429))
    async def list_jobs(
        owner: Caller,
        limit: Annotated[
            int, Query(ge=1, le=MAX_PAGE, description="Jobs in one page.")
        ] = DEFAULT_PAGE,
        cursor: Annotated[
            str | None, Query(max_length=100, description="The `next` of the previous page.")
        ] = None,
    ) -> JobList:
        """The caller's own jobs, newest first, a page at a time (follow `next`)."""
        page, after = await asyncio.to_thread(jobs.list_jobs, owner, limit=limit, cursor=cursor)
        return JobList(jobs=page, next=after)

    @app.get(
        "/v1/jobs/{job_id}",
        response_model=JobStatus,
        tags=["jobs"],
        responses=_errors(401, 404, 429),
    )
    async def get_job(job_id: str, owner: Caller) -> JobStatus:
        """A job's status and counts."""
        return await asyncio.to_thread(jobs.get, job_id, owner)

    @app.delete(
        "/v1/jobs/{job_id}",
        status_code=204,
        response_class=Response,
        tags=["jobs"],
        responses=_errors(401, 404, 429),
    )
    async def delete_job(job_id: str, owner: Caller) -> Response:
        """Remove a job, its input and its results; a running job is stopped first.

        The job is gone from the API at once (404); a running one stops at its next record,
        and its files go then."""
        await asyncio.to_thread(jobs.delete, job_id, owner)
        return Response(status_code=204)

    @app.get(
        "/v1/jobs/{job_id}/results",
        response_class=StreamingResponse,
        tags=["jobs"],
        responses={
            200: {
                "description": "One JSON record a line, as the batch runner writes them.",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
            **_errors(401, 404, 429),
        },
    )
    async def job_results(job_id: str, owner: Caller) -> StreamingResponse:
        """The job's result records so far (all of them once it is done), as JSONL."""
        path = await asyncio.to_thread(jobs.results_path, job_id, owner)
        return StreamingResponse(stream_file(path), media_type="application/x-ndjson")

    app.include_router(page_router())
    return app


def _parse_articles(raw: bytes) -> list[JobArticle]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors, as is a number over
        # 4300 digits; nesting too deep for the parser is a RecursionError.
        raise InvalidJson(f"the request body is {unreadable_json(exc)}") from exc
    if isinstance(data, list) and any(too_deep(item) for item in data):
        raise InvalidJson(f"an article nests lists and objects over {MAX_DEPTH} levels deep")
    try:
        items = _ARTICLES.validate_python(data)
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        ) from exc
    if not items:
        raise InvalidRequest("the job has no articles")
    return items
