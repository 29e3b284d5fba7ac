"""The one adapter between the summarizer and an OpenAI-compatible chat endpoint.

This is the only module of the package that imports `openai`. It owns three things:

* **Construction.** `ChatClient` / `AsyncChatClient` each build ONE SDK client on top of our
  own `httpx` client (explicit timeouts and connection limits from `ClientSettings`). The
  SDK's own retries are switched off (`max_retries=0`): the retry loop below is the only one.
* **The request.** A chat completion goes out through the SDK's documented low-level
  ``client.post("/chat/completions", body=…, cast_to=httpx.Response)``: the SDK still builds
  the URL (Azure deployments included), the headers and auth, and raises its typed status
  errors, but it does not walk our request through its TypedDict transform (for a strict
  schema that walk costs more than everything else we do per article) nor build a
  `ChatCompletion` model of the answer: `_CompletionFields` reads the few fields we use
  from the decoded JSON. The body is exactly the JSON a `create()` call would send.
* **Translation.** Every SDK exception, and every response we cannot use, becomes one of
  the typed `ModelError`s of `summarizer._exceptions` here and nowhere else
  (`raise … from exc`). Messages carry the server's own words, scrubbed of secrets.
* **Retries.** A visible tenacity loop, per call:

  ============================  ===========================  =============================
  failure                       error                        retried?
  ============================  ===========================  =============================
  429                           `RateLimited`                yes, waiting what the server
                                                             asked (see below); not for
                                                             ``insufficient_quota``
  5xx, 408, 409                 `ModelUnavailable`           yes, backoff (or the server's
                                                             ``retry-after`` if it sent one)
  timeout, dropped connection   `ModelUnavailable`           yes, backoff
  200 with an unreadable body   `ModelUnavailable`           yes, backoff
  or no choices
  401, 403                      `AuthenticationFailed`       no
  400, 404, 422, other 4xx      `BadRequest`                 no
  refusal / content filter      `ModelRefused`               no
  ``finish_reason == "length"`` returned, not raised         no (`ChatResult.truncated`;
                                                             the engine decides)
  ============================  ===========================  =============================

  The server's ``x-should-retry: true|false`` header, when present, overrides the column.

  *Waits.* The server's word wins: ``retry-after-ms`` (milliseconds), else ``retry-after``
  (seconds, or an HTTP date), else, on a 429, the ``x-ratelimit-reset-*`` of the exhausted
  budget; the client then waits exactly that. A wait longer than
  `ClientSettings.max_retry_after` (default `DEFAULT_MAX_RETRY_AFTER`, 60 s) is not slept
  through: the call gives up at once with `RateLimited.retry_after` set, so a batch job can
  reschedule instead of blocking a worker. Without a server hint the wait is exponential
  with jitter (tenacity's `wait_exponential` + `wait_random`: `min(backoff_initial · 2ⁿ⁻¹,
  backoff_max) + U(0, backoff_jitter)` before attempt n + 1).

  *Batch API.* `BatchAPI` reaches the Files and Batches endpoints through the same kind of
  SDK client and the same tenacity loop (uploads, retrievals and downloads are retried like
  chat calls; creating a batch is tried once, since a retried POST could start a second
  batch: the batch job looks a batch up by its input file instead). `chat_request_body`
  is the exact JSON body a `ChatRequest` is sent as, for a Batch input line;
  `batch_line_outcome` turns one line of a batch's output or error file into the
  `ChatResult` or `ModelError` the same request would have produced live.

  *Accounting.* `ChatResult.attempts` counts the requests of this call; `usage_total` sums
  the usage of every attempt whose body reported one (a refusal, or an error body that
  carries ``usage``, costs tokens too). Raised errors carry the same two numbers. A usage
  count that cannot be read (``Infinity``, ``"abc"``, …) counts as 0, with a logged
  warning: it never costs the answer it came with.

  *Untrusted bodies.* Reading a server's body is total: whatever its shape, it ends as one
  of the typed errors above (a 2xx body that is not a chat completion is the retried
  `ModelUnavailable` of the table), never as a raw ``KeyError``, ``OverflowError`` or
  ``RecursionError`` (`_MALFORMED` lists what such bodies raise; `_readable` turns that
  into the typed failure, and the error-body readers fall back instead of raising).

The sleep function and the wall clock (used for HTTP-date ``retry-after``) are constructor
arguments, so tests never sleep.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import json
import logging
import math
import re
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Literal, NoReturn, Self, TypeVar, cast
from urllib.parse import urlsplit

import httpx
import openai
from pydantic import BaseModel, ConfigDict, Field, SecretStr
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from .._exceptions import (
    AuthenticationFailed,
    BadRequest,
    BatchRequestFailed,
    ModelError,
    ModelRefused,
    ModelUnavailable,
    OutputTruncated,
    RateLimited,
)
from .._models import Usage

_CHAT_PATH = "/chat/completions"
T = TypeVar("T")

__all__ = [
    "DEFAULT_AZURE_API_VERSION",
    "DEFAULT_BACKOFF_INITIAL",
    "DEFAULT_BACKOFF_JITTER",
    "DEFAULT_BACKOFF_MAX",
    "DEFAULT_BASE_URL",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_MAX_CONNECTIONS",
    "DEFAULT_MAX_KEEPALIVE",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_POOL_TIMEOUT",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_WRITE_TIMEOUT",
    "AsyncChatClient",
    "BatchAPI",
    "BatchInfo",
    "ChatClient",
    "ChatRequest",
    "ChatResult",
    "ClientSettings",
    "RateLimitInfo",
    "batch_line_outcome",
    "chat_request_body",
    "may_hold_secret",
    "parse_duration",
    "redact",
]

logger = logging.getLogger("summarizer.llm")

DEFAULT_BASE_URL = "https://api.openai.com/v1"
"""Where requests go when no base URL is configured."""
DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds to establish a connection."""
DEFAULT_READ_TIMEOUT = 180.0
"""Seconds to wait for the answer: a long structured extraction can take minutes."""
DEFAULT_WRITE_TIMEOUT = 30.0
"""Seconds to send the request body."""
DEFAULT_POOL_TIMEOUT = 600.0
"""Seconds to wait for a free pooled connection. Generous on purpose: with more concurrent
tasks than connections, a task queues behind calls that may each take the read timeout."""
DEFAULT_MAX_CONNECTIONS = 20
"""Concurrent connections per client (a batch at `--concurrency 16` fits)."""
DEFAULT_MAX_KEEPALIVE = 10
"""Idle connections kept open for reuse."""
DEFAULT_MAX_ATTEMPTS = 4
"""Requests per call, the first included (so 3 retries)."""
DEFAULT_BACKOFF_INITIAL = 0.5
"""First backoff wait, in seconds, when the server gave no retry-after."""
DEFAULT_BACKOFF_MAX = 30.0
"""Longest backoff wait, in seconds."""
DEFAULT_BACKOFF_JITTER = 1.0
"""Up to this many random seconds added to each backoff wait."""
DEFAULT_MAX_RETRY_AFTER = 60.0
"""Longest server-requested wait the client sleeps through; beyond it the call gives up."""
DEFAULT_AZURE_API_VERSION = "2024-10-21"
"""Azure OpenAI data-plane API version used when `api_version` is not set (a GA version)."""

_NO_KEY = "no-key"
# The SDK refuses to start without a key and would otherwise read OPENAI_API_KEY itself;
# local servers (vLLM, Ollama, llama.cpp) need none, so an inert placeholder is sent.

_AZURE_HOST_SUFFIXES = (".openai.azure.com",)
_MAX_MESSAGE_CHARS = 500
_SECRET_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',;]+"),
    # Long key-looking tokens; OpenAI's own masked form ("sk-abc***wxyz") is short enough
    # between stars not to match, and harmless if it did.
    re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}"),
)
# What every match of a pattern above holds: one search rules most texts out at once (the
# model's answer is redacted string by string). Keep it in step with the patterns.
_SECRET_HINT = re.compile(r"(?i)bearer\s|\bsk-")


def _has_hint(text: str) -> bool:
    """Whether `_SECRET_HINT` is in `text`. The search's case-insensitive alternation scans
    slowly (0.1-0.4 ms on a 5 KB answer, which is redacted once per request); every text it
    matches holds "bearer" or "sk-" once case-folded (each character re matches to one of
    those letters ignoring case, "ſ" and the Kelvin sign included, folds to that letter), so
    two substring tests in C rule out nearly every text first."""
    folded = text.casefold()
    if "bearer" not in folded and "sk-" not in folded:
        return False
    return _SECRET_HINT.search(text) is not None


def may_hold_secret(text: str, secret: str | None) -> bool:
    """False when `redact` would certainly leave `text`, and every string a JSON text holds
    (with non-ASCII characters unescaped, as pydantic writes it), unchanged: a cheap test
    before redacting many strings one by one."""
    if _has_hint(text):
        return True
    if not secret:
        return False
    return secret in text or json.dumps(secret, ensure_ascii=False)[1:-1] in text


def redact(text: str, secret: str | None) -> str:
    """`text` with `secret` (the API key), and anything that looks like a key, replaced."""
    if secret:
        text = text.replace(secret, "[REDACTED]")
    if not _has_hint(text):
        return text
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[REDACTED]", text)
    return text


class ClientSettings(BaseModel):
    """How to reach the endpoint, and how hard to try.

    Routing: a `base_url` whose host ends in ``.openai.azure.com`` (or `azure=True`) uses
    the SDK's Azure client: `base_url` is the resource endpoint, the request's `model` is the
    deployment name, `api_version` defaults to `DEFAULT_AZURE_API_VERSION`, and the key goes
    in the ``api-key`` header. Azure's OpenAI-compatible ``…/openai/v1`` endpoint needs none
    of that and is used like any other base URL.

    `max_tokens_param`: the request's `max_tokens` is sent as ``max_tokens``, which every
    OpenAI-compatible server understands; OpenAI's reasoning models (o-series, gpt-5) reject
    it and want ``max_completion_tokens``: configure that for them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str = Field(default=DEFAULT_BASE_URL, description="Endpoint root, e.g. …/v1.")
    api_key: SecretStr | None = Field(
        default=None, description="API key; never printed, logged or put in an error."
    )
    organization: str | None = Field(default=None, description="OpenAI organization id.")
    api_version: str | None = Field(default=None, description="Azure OpenAI API version.")
    azure: bool | None = Field(
        default=None, description="Force (True) or forbid (False) the Azure client; None: detect."
    )
    connect_timeout: float = Field(default=DEFAULT_CONNECT_TIMEOUT, gt=0, description="Seconds.")
    read_timeout: float = Field(default=DEFAULT_READ_TIMEOUT, gt=0, description="Seconds.")
    write_timeout: float = Field(default=DEFAULT_WRITE_TIMEOUT, gt=0, description="Seconds.")
    pool_timeout: float = Field(default=DEFAULT_POOL_TIMEOUT, gt=0, description="Seconds.")
    max_connections: int = Field(default=DEFAULT_MAX_CONNECTIONS, ge=1)
    max_keepalive: int = Field(default=DEFAULT_MAX_KEEPALIVE, ge=0)
    max_attempts: int = Field(
        default=DEFAULT_MAX_ATTEMPTS, ge=1, description="Requests per call, retries included."
    )
    backoff_initial: float = Field(default=DEFAULT_BACKOFF_INITIAL, ge=0)
    backoff_max: float = Field(default=DEFAULT_BACKOFF_MAX, ge=0)
    backoff_jitter: float = Field(default=DEFAULT_BACKOFF_JITTER, ge=0)
    max_retry_after: float = Field(
        default=DEFAULT_MAX_RETRY_AFTER,
        ge=0,
        description="Longest server-requested wait slept through; longer ones give up.",
    )
    max_tokens_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"

    @property
    def is_azure(self) -> bool:
        """Whether requests go through the SDK's Azure client."""
        if self.azure is not None:
            return self.azure
        host = (urlsplit(self.base_url).hostname or "").lower()
        path = urlsplit(self.base_url).path.rstrip("/")
        return host.endswith(_AZURE_HOST_SUFFIXES) and not path.endswith("/openai/v1")

    def httpx_timeout(self) -> httpx.Timeout:
        """The four timeouts as an `httpx.Timeout`."""
        return httpx.Timeout(
            connect=self.connect_timeout,
            read=self.read_timeout,
            write=self.write_timeout,
            pool=self.pool_timeout,
        )

    def httpx_limits(self) -> httpx.Limits:
        """The connection limits as an `httpx.Limits`."""
        return httpx.Limits(
            max_connections=self.max_connections,
            max_keepalive_connections=self.max_keepalive,
        )


class ChatRequest(BaseModel):
    """One chat-completion request, in our terms (validation copies `messages`, so the
    caller's list is never mutated by anything downstream)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(description="Model name (the deployment name on Azure).")
    messages: list[dict[str, Any]] = Field(description="[{role, content}, …]")
    response_format: dict[str, Any] | None = Field(
        default=None, description="`json_schema` / `json_object` response format, sent as is."
    )
    tools: list[dict[str, Any]] | None = Field(
        default=None, description="Function tools, for the tools structured-output mode."
    )
    tool_choice: str | dict[str, Any] | None = Field(
        default=None, description="`auto`, `required`, or a named function."
    )
    max_tokens: int | None = Field(
        default=None, ge=1, description="Output budget (see `ClientSettings.max_tokens_param`)."
    )
    temperature: float | None = Field(default=None, description="Sampling temperature.")
    seed: int | None = Field(default=None, description="Best-effort determinism seed.")
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Vendor parameters merged into the JSON body."
    )


class RateLimitInfo(BaseModel):
    """The ``x-ratelimit-*`` headers of a response, parsed; None where absent."""

    model_config = ConfigDict(frozen=True)

    limit_requests: int | None = None
    limit_tokens: int | None = None
    remaining_requests: int | None = None
    remaining_tokens: int | None = None
    reset_requests: float | None = Field(default=None, description="Seconds until reset.")
    reset_tokens: float | None = Field(default=None, description="Seconds until reset.")

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimitInfo | None:
        """Parse the headers; None when the server sent none of them."""
        lowered = {k.lower(): v for k, v in headers.items()}
        if not any(k.startswith("x-ratelimit-") for k in lowered):
            return None
        return cls(
            limit_requests=_int_or_none(lowered.get("x-ratelimit-limit-requests")),
            limit_tokens=_int_or_none(lowered.get("x-ratelimit-limit-tokens")),
            remaining_requests=_int_or_none(lowered.get("x-ratelimit-remaining-requests")),
            remaining_tokens=_int_or_none(lowered.get("x-ratelimit-remaining-tokens")),
            reset_requests=parse_duration(lowered.get("x-ratelimit-reset-requests")),
            reset_tokens=parse_duration(lowered.get("x-ratelimit-reset-tokens")),
        )


class ChatResult(BaseModel):
    """What one `complete()` call produced (the last, successful attempt), with the cost of
    all its attempts."""

    model_config = ConfigDict(frozen=True)

    content: str | None = Field(
        description="The message text; in tools mode, the function call's arguments string."
    )
    tool_name: str | None = Field(default=None, description="The function called, tools mode.")
    finish_reason: str | None = Field(description="`stop`, `length`, `tool_calls`, …")
    refusal: str | None = Field(
        default=None,
        description="Always None from `complete()`, which raises `ModelRefused` instead.",
    )
    usage: Usage = Field(description="Usage the server reported for this last attempt.")
    usage_total: Usage = Field(description="Usage summed over every attempt of the call.")
    attempts: int = Field(description="Requests made for this call, the first included.")
    waits: list[float] = Field(default_factory=list, description="Seconds slept between them.")
    model: str | None = Field(default=None, description="The model as the server names it.")
    response_id: str | None = Field(default=None, description="The completion's `id`.")
    request_id: str | None = Field(default=None, description="The `x-request-id` header.")
    rate_limit: RateLimitInfo | None = Field(default=None, description="x-ratelimit-* headers.")

    @property
    def truncated(self) -> bool:
        """True when the answer hit the output budget (``finish_reason == "length"``)."""
        return self.finish_reason == "length"

    def raise_for_truncation(self) -> Self:
        """Raise `OutputTruncated` (with the call's usage and attempts) if truncated."""
        if self.truncated:
            raise OutputTruncated(
                f"the answer hit the output-token limit ({self.usage.completion_tokens} "
                f"completion tokens, finish_reason 'length')",
                attempts=self.attempts,
                usage=_usage_dict(self.usage_total),
            )
        return self


# --- the synchronous and asynchronous clients ----------------------------------------------


class _SyncClient:
    """One SDK client over our own httpx client (timeouts, limits; SDK retries off) and the
    one tenacity loop: what `ChatClient` and `BatchAPI` share. Close it (or use `with`)."""

    def __init__(
        self,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or ClientSettings()
        self._sleep = sleep
        self._clock = clock
        self._http = httpx.Client(**_http_options(self.settings, transport))
        # The SDK annotates `http_client` as httpx2's client but accepts httpx's at run time
        # (it checks both); ours is httpx so that timeouts, limits and respx apply.
        kwargs = _sdk_kwargs(self.settings, http_client=cast(Any, self._http))
        self._openai: openai.OpenAI = (
            openai.AzureOpenAI(**kwargs) if self.settings.is_azure else openai.OpenAI(**kwargs)
        )

    def _run(self, call: _Call, attempt: Callable[[], T], *, once: bool = False) -> T:
        """`attempt()` under the retry policy (tried once with `once`): its value, or the
        `ModelError` of the last failure, carrying the whole call's accounting."""
        policy = call.retry_policy()
        if once:
            policy["stop"] = stop_after_attempt(1)
        retrying = Retrying(sleep=call.recording(self._sleep), **policy)
        try:
            for tenacity_attempt in retrying:
                with tenacity_attempt:
                    call.attempts += 1
                    try:
                        return attempt()
                    except openai.APIError as exc:
                        raise call.failure_from_sdk(exc) from exc
        except _Failure as failure:
            call.raise_error(failure)
        raise AssertionError("unreachable: tenacity either returns or raises")

    def close(self) -> None:
        """Close the SDK client and its connection pool."""
        self._openai.close()
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={_safe_url(self.settings.base_url)!r})"


class ChatClient(_SyncClient):
    """A synchronous chat client: one SDK client, one connection pool, one retry loop.

    Thread-safe: every call keeps its own retry state. Close it (or use `with`).
    `transport` replaces the network (httpx's transport API): the eval suite records and
    replays model calls through it.
    """

    def complete(self, request: ChatRequest) -> ChatResult:
        """Send `request`, retrying per the module's policy; return the result or raise a
        `ModelError` with `attempts` and `usage` set."""
        call = _Call(self.settings, self._clock, request.model)
        body = _body(request, self.settings)

        def attempt() -> ChatResult:
            raw = self._openai.post(_CHAT_PATH, body=body, cast_to=httpx.Response)
            return call.result(raw.headers, functools.partial(_json, raw))

        return self._run(call, attempt)


class AsyncChatClient:
    """An asynchronous chat client: one SDK client, one connection pool, one retry loop.

    Safe to share between many concurrent tasks: every call keeps its own retry state and
    the pool (`max_connections`) bounds the sockets. Close it (or use `async with`).
    `transport` replaces the network, as for `ChatClient`.
    """

    def __init__(
        self,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or ClientSettings()
        self._sleep = sleep
        self._clock = clock
        self._http = httpx.AsyncClient(**_http_options(self.settings, transport))
        kwargs = _sdk_kwargs(self.settings, http_client=cast(Any, self._http))
        self._openai: openai.AsyncOpenAI = (
            openai.AsyncAzureOpenAI(**kwargs)
            if self.settings.is_azure
            else openai.AsyncOpenAI(**kwargs)
        )

    async def complete(self, request: ChatRequest) -> ChatResult:
        """Send `request`, retrying per the module's policy; return the result or raise a
        `ModelError` with `attempts` and `usage` set."""
        call = _Call(self.settings, self._clock, request.model)
        body = _body(request, self.settings)
        retrying = AsyncRetrying(sleep=call.recording_async(self._sleep), **call.retry_policy())
        try:
            async for attempt in retrying:
                with attempt:
                    call.attempts += 1
                    try:
                        raw = await self._openai.post(_CHAT_PATH, body=body, cast_to=httpx.Response)
                    except openai.APIError as exc:
                        raise call.failure_from_sdk(exc) from exc
                    return call.result(raw.headers, functools.partial(_json, raw))
        except _Failure as failure:
            call.raise_error(failure)
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def close(self) -> None:
        """Close the SDK client and its connection pool."""
        await self._openai.close()
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"AsyncChatClient(base_url={_safe_url(self.settings.base_url)!r})"


# --- the Batch API: Files + Batches endpoints, and Batch-format lines ----------------------


class BatchInfo(BaseModel):
    """A batch as the Batches API describes it, in our terms."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: str = Field(
        description="validating, in_progress, finalizing, completed, failed, expired, "
        "cancelling or cancelled."
    )
    input_file_id: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    request_counts: dict[str, int] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list, description="Why a batch failed.")

    @property
    def finished(self) -> bool:
        """True once the batch will not change any more."""
        return self.status in ("completed", "failed", "expired", "cancelled")


class BatchAPI(_SyncClient):
    """The Files and Batches endpoints (OpenAI's Batch API), synchronous.

    Built like `ChatClient` (one SDK client over our own httpx client, SDK retries off) and
    retried by the same tenacity policy, except `create`, which is tried once (see the
    module docstring). Returns our own shapes (`BatchInfo`, bytes), never SDK objects.
    """

    def upload(self, filename: str, content: bytes, *, purpose: str = "batch") -> str:
        """Upload `content` as a file for `purpose`; return the file id."""
        file = self._call(
            "files.create",
            lambda: self._openai.files.create(
                file=(filename, content, "application/jsonl"), purpose=cast(Any, purpose)
            ),
        )
        return str(file.id)

    def create(
        self,
        input_file_id: str,
        *,
        endpoint: str = "/v1/chat/completions",
        completion_window: str = "24h",
        metadata: Mapping[str, str] | None = None,
    ) -> BatchInfo:
        """Create a batch over an uploaded input file (tried once: not idempotent)."""
        batch = self._call(
            "batches.create",
            lambda: self._openai.batches.create(
                input_file_id=input_file_id,
                endpoint=cast(Any, endpoint),
                completion_window=cast(Any, completion_window),
                metadata=dict(metadata) if metadata else None,
            ),
            once=True,
        )
        return _batch_info(batch)

    def retrieve(self, batch_id: str) -> BatchInfo:
        """The batch's current state."""
        return _batch_info(
            self._call("batches.retrieve", lambda: self._openai.batches.retrieve(batch_id))
        )

    def cancel(self, batch_id: str) -> BatchInfo:
        """Ask the server to cancel the batch."""
        return _batch_info(
            self._call("batches.cancel", lambda: self._openai.batches.cancel(batch_id))
        )

    def find(self, input_file_id: str, *, limit: int = 100) -> BatchInfo | None:
        """The most recent batch (among the last `limit`) created over `input_file_id`."""
        page = self._call("batches.list", lambda: self._openai.batches.list(limit=limit))
        for batch in page.data:
            if batch.input_file_id == input_file_id:
                return _batch_info(batch)
        return None

    def content(self, file_id: str) -> bytes:
        """The bytes of a file (a batch's output or error file)."""
        response = self._call("files.content", lambda: self._openai.files.content(file_id))
        return bytes(response.content)

    def _call(self, what: str, fn: Callable[[], Any], *, once: bool = False) -> Any:
        return self._run(_Call(self.settings, self._clock, what), fn, once=once)


def _batch_info(batch: Any) -> BatchInfo:
    errors = []
    for error in getattr(getattr(batch, "errors", None), "data", None) or ():
        line = f" (line {error.line})" if getattr(error, "line", None) else ""
        errors.append(f"{error.code}: {error.message}{line}")
    counts = batch.request_counts
    return BatchInfo(
        id=batch.id,
        status=batch.status,
        input_file_id=batch.input_file_id,
        output_file_id=batch.output_file_id,
        error_file_id=batch.error_file_id,
        request_counts=(
            {"total": counts.total, "completed": counts.completed, "failed": counts.failed}
            if counts is not None
            else {}
        ),
        errors=errors,
    )


def chat_request_body(
    request: ChatRequest, settings: ClientSettings | None = None
) -> dict[str, Any]:
    """The JSON body `request` is sent as (a Batch line's `body`): exactly what the live
    client puts on the wire for the same call."""
    return _body(request, settings or ClientSettings())


def batch_line_outcome(
    line: Mapping[str, Any], *, model: str, settings: ClientSettings | None = None
) -> tuple[str, ChatResult | ModelError]:
    """(custom_id, outcome) of one line of a batch's output or error file.

    The outcome is what the same request would have given live: a `ChatResult` for a 200
    chat completion (one attempt, its usage and request id), or the `ModelError` the live
    client raises for that answer (`ModelRefused` for a refusal, `RateLimited` for a 429,
    `BadRequest`, …). A line with `error` set and no response (expired, cancelled) is a
    `BatchRequestFailed` carrying the API's code. Never raises for a malformed line (a
    body that is not a chat completion, unreadable JSON values, a line that is not an
    object): that is a `ModelUnavailable` outcome, as the same answer live would be.
    """
    call = _Call(settings or ClientSettings(), time.time, model)
    call.attempts = 1
    custom_id = _custom_id(line)
    try:
        return custom_id, _readable(
            lambda: _batch_line(call, line),
            "a batch result line that is neither a chat completion nor an error",
        )
    except _Failure as failure:
        try:
            call.raise_error(failure)
        except ModelError as exc:
            return custom_id, exc
    raise AssertionError("unreachable")


def _custom_id(line: object) -> str:
    value = line.get("custom_id") if isinstance(line, Mapping) else None
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except _MALFORMED:  # nested too deep to print, or an int too long for str()
        return "<unreadable custom_id>"


def _batch_line(call: _Call, line: Mapping[str, Any]) -> ChatResult | ModelError:
    """The outcome of one batch result line; raises a `_Failure` for an error response and
    one of `_MALFORMED` for a line of the wrong shape (`batch_line_outcome` guards it)."""
    response = line.get("response")
    error = line.get("error")
    if isinstance(response, Mapping) and isinstance(response.get("status_code"), int):
        status = int(response["status_code"])
        body = response.get("body")
        headers = {"x-request-id": str(response.get("request_id") or "")}
        if 200 <= status < 300:
            return call.result(headers, lambda: body)
        raw = json.dumps(body).encode() if body is not None else b""
        http_response = httpx.Response(
            status, content=raw, request=httpx.Request("POST", "https://batch.invalid/v1")
        )
        err_body = body.get("error", body) if isinstance(body, Mapping) else body
        sdk_error = openai.APIStatusError(
            "batch request failed", response=cast(Any, http_response), body=err_body
        )
        raise call.failure_from_sdk(sdk_error)
    if isinstance(error, Mapping):
        code = str(error.get("code") or "batch_request_failed")
        message = call.scrub(str(error.get("message") or "the batch request failed"))
        return BatchRequestFailed(f"{code}: {message}", code=code)
    raise _Failure(
        ModelUnavailable,
        "a batch result line with neither a response nor an error",
        retryable=True,
    )


# --- one call: translation, accounting, waits ----------------------------------------------


class _Failure(Exception):
    """One failed attempt, classified. Internal: the public error is built once, after the
    last attempt, so that it carries the call's attempts and summed usage."""

    def __init__(
        self,
        error_cls: type[ModelError],
        message: str,
        *,
        status: int | None = None,
        retryable: bool,
        server_wait: float | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.error_cls = error_cls
        self.message = message
        self.status = status
        self.retryable = retryable
        self.server_wait = server_wait
        self.extra = dict(extra or {})


def _is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, _Failure) and exc.retryable


_MALFORMED: tuple[type[Exception], ...] = (
    ValueError,  # not JSON (UnicodeDecodeError included), NaN where a number is read
    TypeError,  # a value of the wrong type
    AttributeError,  # a list or a string where an object belongs
    LookupError,  # KeyError / IndexError: `{"choices": {"0": …}}`
    ArithmeticError,  # OverflowError: `Infinity` where an integer is read
    RecursionError,  # JSON nested deeper than the interpreter decodes or prints
)
"""What reading a server's JSON of the wrong shape can raise: bodies are untrusted input."""


def _readable(read: Callable[[], T], what: str, *, status: int | None = None) -> T:
    """`read()`, or, when the data it reads is malformed (`_MALFORMED`), the retryable
    `ModelUnavailable` failure saying `what`: the one guard between a server's body and the
    typed errors, so no reply, however broken, escapes as a raw Python exception."""
    try:
        return read()
    except _MALFORMED as exc:
        raise _Failure(ModelUnavailable, what, status=status, retryable=True) from exc


class _Call:
    """The state of one `complete()` call; never shared between calls."""

    def __init__(self, settings: ClientSettings, clock: Callable[[], float], model: str) -> None:
        self.settings = settings
        self.clock = clock
        self.model = model
        self.attempts = 0
        self.usage = Usage()
        self.waits: list[float] = []
        self._secret = settings.api_key.get_secret_value() if settings.api_key else None
        # Composed from primitives rather than `wait_exponential_jitter`, whose parameters
        # changed name between tenacity 8 and 9.
        self._backoff = wait_exponential(
            multiplier=settings.backoff_initial, max=settings.backoff_max
        ) + wait_random(0, settings.backoff_jitter)

    # accounting

    def retry_policy(self) -> dict[str, Any]:
        """The tenacity policy shared by the sync and async loops (all but the sleeping)."""
        return {
            "stop": stop_after_attempt(self.settings.max_attempts),
            "wait": self.wait,
            "retry": retry_if_exception(_is_retryable),
            "before_sleep": self.log_retry,
            "reraise": True,
        }

    def add_usage(self, usage: Usage | None) -> None:
        if usage is not None:
            self.usage = _add(self.usage, usage)

    # waits

    def wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Failure) and exc.server_wait is not None:
            return exc.server_wait
        return float(self._backoff(state))

    def recording(self, sleep: Callable[[float], None]) -> Callable[[float], None]:
        def _sleep(seconds: float) -> None:
            self.waits.append(seconds)
            sleep(seconds)

        return _sleep

    def recording_async(
        self, sleep: Callable[[float], Awaitable[None]]
    ) -> Callable[[float], Awaitable[None]]:
        async def _sleep(seconds: float) -> None:
            self.waits.append(seconds)
            await sleep(seconds)

        return _sleep

    def log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        kind = exc.error_cls.__name__ if isinstance(exc, _Failure) else type(exc).__name__
        status = exc.status if isinstance(exc, _Failure) else None
        logger.info(
            "model %s: attempt %d of %d failed (%s, status %s); retrying in %.2f s",
            self.model,
            state.attempt_number,
            self.settings.max_attempts,
            kind,
            status,
            wait,
        )

    # translation

    def redact(self, text: str) -> str:
        """The text with the API key, and anything that looks like a key, replaced."""
        return redact(text, self._secret)

    def scrub(self, text: str) -> str:
        """`redact`, then cut to a length fit for an error message."""
        text = self.redact(text)
        if len(text) > _MAX_MESSAGE_CHARS:
            text = text[: _MAX_MESSAGE_CHARS - 1] + "…"
        return text

    def redact_sdk_error(self, exc: openai.APIError) -> None:
        """Redact the SDK error in place: it is chained as `__cause__` of ours, so its
        message (which embeds the server's error body) reaches every printed traceback."""
        text = str(exc)
        clean = self.redact(text)
        if clean != text:
            exc.args = (clean,)
            exc.message = clean
        if exc.body is not None:
            try:
                dumped = json.dumps(exc.body, default=str)
                if self.redact(dumped) != dumped:
                    exc.body = json.loads(self.redact(dumped))
            except _MALFORMED:
                exc.body = None  # a body that cannot be printed cannot be checked: drop it

    def failure_from_sdk(self, exc: openai.APIError) -> _Failure:
        """Classify an SDK exception (the one place SDK errors are interpreted)."""
        self.redact_sdk_error(exc)
        if isinstance(exc, openai.APITimeoutError):
            return _Failure(ModelUnavailable, "the model endpoint timed out", retryable=True)
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__
            detail = f" ({type(cause).__name__}: {cause})" if cause else ""
            return _Failure(
                ModelUnavailable,
                self.scrub(f"the connection to the model endpoint failed{detail}"),
                retryable=True,
            )
        if isinstance(exc, openai.APIStatusError):
            return self._failure_from_status(exc)
        return _Failure(
            ModelUnavailable,
            self.scrub(f"unusable response from the model endpoint: {exc.message}"),
            retryable=True,
        )

    def _failure_from_status(self, exc: openai.APIStatusError) -> _Failure:
        status = exc.status_code
        headers = exc.response.headers
        info = _error_info(exc)
        self.add_usage(_usage_from_error_body(exc.response))
        server_wait = _server_wait(headers, status, self.clock)
        detail = self.scrub(info.describe())

        too_long = server_wait is not None and server_wait > self.settings.max_retry_after
        extra: dict[str, Any] = {}
        if status == 429:
            quota = info.code == "insufficient_quota" or info.type == "insufficient_quota"
            cls: type[ModelError] = RateLimited
            label, retryable = "rate limited", not quota
            extra["retry_after"] = server_wait
        elif status in (401, 403):
            cls, label, retryable = AuthenticationFailed, "authentication failed", False
        elif status in (408, 409) or status >= 500:
            cls, label, retryable = ModelUnavailable, "server error", True
        else:
            cls, label, retryable = BadRequest, "bad request", False

        hint = headers.get("x-should-retry")
        if hint in ("true", "false"):
            retryable = hint == "true"
        if retryable and too_long:
            # Sleeping through a long server-requested wait would block a worker for
            # nothing; the caller (a batch job) can reschedule with `retry_after`.
            retryable = False
            detail += (
                f" (the server asks to wait {server_wait:.4g} s, more than max_retry_after "
                f"{self.settings.max_retry_after:.1f} s; not retried)"
            )
        return _Failure(
            cls,
            f"{label} ({status}): {detail}",
            status=status,
            retryable=retryable,
            server_wait=server_wait,
            extra=extra,
        )

    def result(self, headers: Mapping[str, str], parse: Callable[[], Any]) -> ChatResult:
        """Turn a 2xx response into a `ChatResult`, or raise the `_Failure` it amounts to.

        `parse` gives the body as decoded JSON (read live, or a Batch result line's body)."""
        fields = _readable(
            lambda: _CompletionFields.read(parse()),
            "the model endpoint answered 200 with a body that is not a chat completion",
            status=200,
        )
        usage = fields.usage
        self.add_usage(usage)
        if not fields.has_choice:
            raise _Failure(
                ModelUnavailable,
                "the model endpoint answered with no choices",
                status=200,
                retryable=True,
            )
        finish = fields.finish_reason
        refusal = fields.refusal
        if refusal or finish == "content_filter":
            text = (
                f"the model refused: {refusal}"
                if refusal
                else "the content filter stopped the answer (finish_reason 'content_filter')"
            )
            raise _Failure(
                ModelRefused,
                self.scrub(text),
                status=200,
                retryable=False,
                extra={"refusal": refusal},
            )
        return ChatResult(
            content=fields.content,
            tool_name=fields.tool_name,
            finish_reason=finish,
            usage=usage or Usage(),
            usage_total=self.usage,
            attempts=self.attempts,
            waits=list(self.waits),
            model=fields.model,
            response_id=fields.response_id,
            request_id=headers.get("x-request-id") or headers.get("apim-request-id"),
            rate_limit=RateLimitInfo.from_headers(headers),
        )

    def raise_error(self, failure: _Failure) -> NoReturn:
        """Raise the public error for the last failure, with the whole call's accounting."""
        message = failure.message
        if self.attempts > 1:
            message += f" [after {self.attempts} attempts]"
        error = failure.error_cls(
            message,
            status=failure.status,
            attempts=self.attempts,
            usage=_usage_dict(self.usage),
            **failure.extra,
        )
        raise error from failure.__cause__


# --- helpers -------------------------------------------------------------------------------


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~0.1 s per client; one context (thread-safe) serves every
    # client of the process. Built on first use, never at import.
    return httpx.create_ssl_context()


def _http_options(settings: ClientSettings, transport: object | None) -> dict[str, Any]:
    """Keyword arguments for our httpx client: explicit timeouts and limits, and either a
    given transport (the eval suite's cassette recorder or replayer, which carries its own
    connection and TLS settings, so the CA bundle is not loaded for it) or the CA bundle."""
    options: dict[str, Any] = {
        "timeout": settings.httpx_timeout(),
        "limits": settings.httpx_limits(),
    }
    if transport is not None:
        options["transport"] = transport
    else:
        options["verify"] = _ssl_context()
    return options


def _sdk_kwargs(settings: ClientSettings, *, http_client: Any) -> dict[str, Any]:
    key = settings.api_key.get_secret_value() if settings.api_key else _NO_KEY
    kwargs: dict[str, Any] = {
        "api_key": key,
        "organization": settings.organization,
        "max_retries": 0,  # tenacity owns retries: one visible layer
        "http_client": http_client,
    }
    if settings.is_azure:
        path = urlsplit(settings.base_url).path
        if "/openai/deployments/" in path:
            kwargs["base_url"] = settings.base_url
        else:
            kwargs["azure_endpoint"] = settings.base_url
        kwargs["api_version"] = settings.api_version or DEFAULT_AZURE_API_VERSION
    else:
        kwargs["base_url"] = settings.base_url
    return kwargs


def _body(request: ChatRequest, settings: ClientSettings) -> dict[str, Any]:
    """The JSON body of a chat completion request, sent as is (see the module notes)."""
    params: dict[str, Any] = {"model": request.model, "messages": request.messages}
    if request.response_format is not None:
        params["response_format"] = request.response_format
    if request.tools is not None:
        params["tools"] = request.tools
    if request.tool_choice is not None:
        params["tool_choice"] = request.tool_choice
    if request.max_tokens is not None:
        params[settings.max_tokens_param] = request.max_tokens
    if request.temperature is not None:
        params["temperature"] = request.temperature
    if request.seed is not None:
        params["seed"] = request.seed
    if request.extra:
        params.update(request.extra)
    return params


def _json(response: httpx.Response) -> Any:
    return json.loads(response.content)


class _CompletionFields:
    """What we read from a chat completion body: the first choice, usage, ids.

    Reads the decoded JSON directly (no SDK model is built for it). A body of the wrong
    shape raises one of `_MALFORMED` (read it through `_readable`); a `usage` that cannot
    be read does not: it counts as 0 (see `_usage_from_mapping`)."""

    __slots__ = (
        "content",
        "finish_reason",
        "has_choice",
        "model",
        "refusal",
        "response_id",
        "tool_name",
        "usage",
    )

    def __init__(self) -> None:
        self.content: str | None = None
        self.tool_name: str | None = None
        self.refusal: str | None = None
        self.finish_reason: str | None = None
        self.has_choice = False
        self.model: str | None = None
        self.response_id: str | None = None
        self.usage: Usage | None = None

    @classmethod
    def read(cls, data: Any) -> _CompletionFields:
        if not isinstance(data, Mapping):
            raise TypeError("a chat completion is a JSON object")
        fields = cls()
        fields.model = _str(data.get("model"))
        fields.response_id = _str(data.get("id"))
        usage = data.get("usage")
        if isinstance(usage, Mapping):
            fields.usage = _usage_from_mapping(usage)
        choices = data.get("choices")
        if not choices:
            return fields
        if not isinstance(choices, list) or not isinstance(choices[0], Mapping):
            raise TypeError("choices is not a list of objects")
        choice = choices[0]
        message = choice.get("message") or {}
        if not isinstance(message, Mapping):
            raise TypeError("choices[0].message is not an object")
        fields.has_choice = True
        fields.finish_reason = _str(choice.get("finish_reason"))
        fields.refusal = _str(message.get("refusal")) or None
        content = message.get("content")
        if content is not None and not isinstance(content, str):
            raise TypeError("message.content is not a string")
        fields.content = content
        for tool_call in message.get("tool_calls") or ():
            function = tool_call.get("function") if isinstance(tool_call, Mapping) else None
            if isinstance(function, Mapping):
                fields.content = _str(function.get("arguments"))
                fields.tool_name = _str(function.get("name"))
                break
        return fields


class _ErrorInfo:
    """The server's `{"error": {message, type, param, code}}`, tolerant of other shapes."""

    def __init__(self, message: str, type_: str | None, code: str | None, param: str | None):
        self.message, self.type, self.code, self.param = message, type_, code, param

    def describe(self) -> str:
        tags = [
            f"{name}={value}"
            for name, value in (("type", self.type), ("code", self.code), ("param", self.param))
            if value
        ]
        return self.message + (f" [{', '.join(tags)}]" if tags else "")


def _error_info(exc: openai.APIStatusError) -> _ErrorInfo:
    """The server's error, from a body of any shape; never raises (a body that cannot be
    read leaves the HTTP reason phrase)."""
    reason = exc.response.reason_phrase or "no error message"
    try:
        return _error_info_from(exc.body, reason)
    except _MALFORMED:
        return _ErrorInfo(reason, None, None, None)


def _error_info_from(body: object, reason: str) -> _ErrorInfo:
    if isinstance(body, Mapping):
        message = body.get("message") or body.get("detail") or json.dumps(body)[:300]
        return _ErrorInfo(
            str(message), _str(body.get("type")), _str(body.get("code")), _str(body.get("param"))
        )
    if isinstance(body, str) and body.strip():
        return _ErrorInfo(body.strip(), None, None, None)
    return _ErrorInfo(reason, None, None, None)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _usage_from_error_body(response: Any) -> Usage | None:
    """The usage an error body reports, or None (no usage, or a body we cannot read: the
    error it came with is what matters). Never raises."""
    # Some OpenAI-compatible servers report usage on failures; the SDK drops it from
    # `exc.body`, so read the body again.
    try:
        data = json.loads(response.content)
    except _MALFORMED:
        return None
    if isinstance(data, dict) and isinstance(data.get("usage"), dict):
        return _usage_from_mapping(data["usage"])
    return None


_MAX_TOKEN_COUNT = 2**53
"""Larger token counts are nonsense (and overflow a float in cost estimates): unreadable."""


def _usage_from_mapping(data: Mapping[str, Any]) -> Usage:
    """A `usage` object as `Usage`. Total: a count that is missing counts as 0, as does one
    that cannot be read (not a finite number, absurdly large), with a logged note; a bad
    count never costs the answer it came with. Negative counts are clamped to 0."""
    counts: dict[str, int] = {}
    for name in ("prompt_tokens", "completion_tokens", "total_tokens"):
        value = data.get(name)
        count = _token_count(value)
        if count is None:
            logger.warning(
                "the model endpoint reported an unreadable usage.%s (%s); counted as 0",
                name,
                type(value).__name__,
            )
            count = 0
        counts[name] = count
    prompt, completion = counts["prompt_tokens"], counts["completion_tokens"]
    total = counts["total_tokens"] or prompt + completion
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=total)


def _token_count(value: object) -> int | None:
    """A reported token count as a non-negative int: 0 when absent, None when unreadable
    (``Infinity``, ``NaN``, ``"abc"``, ``true``, a list …). Numbers given as text or with a
    fraction (``"12"``, ``12.5``) are read, truncated, as servers mean them."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    if isinstance(value, int):
        number: float | int = value
    else:
        try:
            number = float(value)
        except (ValueError, OverflowError):
            return None
        if not math.isfinite(number):
            return None
    if abs(number) > _MAX_TOKEN_COUNT:
        return None
    return max(0, int(number))


def _add(a: Usage, b: Usage) -> Usage:
    return Usage(
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        total_tokens=a.total_tokens + b.total_tokens,
    )


def _usage_dict(usage: Usage) -> dict[str, int]:
    return {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
    }


def _server_wait(
    headers: Mapping[str, str], status: int, clock: Callable[[], float]
) -> float | None:
    """Seconds the server asked us to wait, or None: retry-after-ms, then retry-after
    (seconds or an HTTP date), then, on a 429, the reset of an exhausted x-ratelimit budget."""
    ms = _float_or_none(headers.get("retry-after-ms"))
    if ms is not None and ms >= 0:
        return ms / 1000.0
    value = headers.get("retry-after")
    if value is not None:
        seconds = _float_or_none(value)
        if seconds is not None and seconds >= 0:
            return seconds
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            return max(0.0, when.timestamp() - clock())
    if status == 429:
        info = RateLimitInfo.from_headers(headers)
        if info is not None:
            resets = [
                reset
                for remaining, reset in (
                    (info.remaining_requests, info.reset_requests),
                    (info.remaining_tokens, info.reset_tokens),
                )
                if remaining == 0 and reset is not None
            ]
            if resets:
                return max(resets)
    return None


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")


def parse_duration(value: str | None) -> float | None:
    """Seconds in an OpenAI reset duration ("1s", "6m0s", "1h2m3.5s", "20ms"), or None."""
    if value is None:
        return None
    text = value.strip()
    plain = _float_or_none(text)
    if plain is not None:
        return plain
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return None
    scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    return sum(float(number) * scale[unit] for number, unit in parts)


def _float_or_none(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int_or_none(value: str | None) -> int | None:
    number = _float_or_none(value)
    return None if number is None else int(number)


def _safe_url(url: str) -> str:
    # Userinfo or a query string could hold credentials; the host and path are enough.
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
