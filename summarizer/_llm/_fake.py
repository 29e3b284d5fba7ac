"""A fake OpenAI-compatible HTTP server on loopback, driven by a script.

The public face is `summarizer.testing`; this module is its implementation. Standard
library only (no `openai` import): a real `ThreadingHTTPServer` on 127.0.0.1, so whatever
talks to it (our adapter, the bare SDK with its own transport, curl) goes through real
sockets, real HTTP/1.1 framing and real failures (timeouts, dropped connections).

Shapes follow the public OpenAI API: chat completions (`choices[].message{role, content,
refusal, annotations}`, `finish_reason`, `logprobs`, `usage` with its details), chat
completion chunks when `stream` is true, tool calls, the model list, error bodies
`{"error": {message, type, param, code}}` with the API's statuses and default messages, and
the headers clients read (`x-request-id`, `x-ratelimit-*`, `retry-after`, `retry-after-ms`,
`openai-processing-ms`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel

__all__ = [
    "DEFAULT_RATE_LIMIT_HEADERS",
    "FakeModel",
    "FakeOpenAIServer",
    "FakeReply",
    "FakeRequest",
    "ReplyLike",
    "Responder",
    "estimate_tokens",
]

logger = logging.getLogger("summarizer.testing")

REDACTED = "[REDACTED]"
_SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "openai-api-key"})

DEFAULT_RATE_LIMIT_HEADERS: Mapping[str, str] = {
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-limit-tokens": "30000000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-remaining-tokens": "29999000",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-reset-tokens": "2ms",
}
"""The `x-ratelimit-*` headers sent with every answer unless the server is told otherwise."""

BATCH_MAX_REQUESTS = 50_000
"""Requests one batch may hold (OpenAI's limit); `FakeOpenAIServer.batch_max_requests`."""

# (type, code, message) per status, as the OpenAI API words them; `{model}` and `{masked}`
# are filled from the request.
_ERROR_DEFAULTS: Mapping[int, tuple[str, str | None, str]] = {
    400: ("invalid_request_error", None, "Invalid request."),
    401: (
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided: {masked}. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
    ),
    403: (
        "invalid_request_error",
        "unsupported_country_region_territory",
        "Country, region, or territory not supported",
    ),
    404: (
        "invalid_request_error",
        "model_not_found",
        "The model `{model}` does not exist or you do not have access to it.",
    ),
    408: ("timeout", None, "Request timed out."),
    409: ("invalid_request_error", None, "Conflict."),
    422: ("invalid_request_error", None, "Unprocessable entity."),
    429: (
        "requests",
        "rate_limit_exceeded",
        "Rate limit reached for {model} in organization org-fake on requests per min (RPM): "
        "Limit 3, Used 3, Requested 1. Please try again in 20s. Visit "
        "https://platform.openai.com/account/rate-limits to learn more.",
    ),
    500: (
        "server_error",
        None,
        "The server had an error while processing your request. Sorry about that!",
    ),
    502: ("server_error", None, "Bad gateway."),
    503: ("server_error", None, "The engine is currently overloaded, please try again later."),
    504: ("server_error", None, "Gateway timeout."),
}


def estimate_tokens(text: str) -> int:
    """The fake's token count: about four characters a token, at least one for non-empty
    text. Deterministic, not a real tokenizer."""
    return math.ceil(len(text) / 4) if text else 0


@dataclass(frozen=True)
class FakeRequest:
    """One request the fake server received. Credentials are redacted: `headers` holds
    ``authorization: Bearer [REDACTED]`` (and ``api-key: [REDACTED]``), never the key."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    """The parsed JSON body, or None when there was none or it was not JSON."""

    @property
    def model(self) -> str | None:
        """The requested model, if the body named one."""
        value = self.json.get("model") if isinstance(self.json, dict) else None
        return value if isinstance(value, str) else None

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages of the body ([] when absent)."""
        value = self.json.get("messages") if isinstance(self.json, dict) else None
        return list(value) if isinstance(value, list) else []

    @property
    def tools(self) -> list[dict[str, Any]]:
        """The function tools of the body ([] when absent)."""
        value = self.json.get("tools") if isinstance(self.json, dict) else None
        return list(value) if isinstance(value, list) else []


@dataclass(frozen=True)
class FakeReply:
    """One scripted answer. Build it with the class methods; the server renders it against
    the request it answers (model name, tools mode, `max_tokens`, streaming)."""

    kind: Literal["chat", "http", "drop", "delay", "batch_error"]
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    content: str | None = None
    refusal_text: str | None = None
    finish_reason: str | None = None
    usage: Mapping[str, int] | None = None
    model: str | None = None
    tool: bool | None = None
    tool_name: str | None = None
    body: bytes | None = None
    seconds: float = 0.0
    then: FakeReply | None = None
    template: bool = False
    code: str | None = None

    # --- successful completions ---

    @classmethod
    def text(
        cls,
        content: str,
        *,
        finish_reason: str | None = None,
        usage: Mapping[str, int] | None = None,
        model: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FakeReply:
        """A completion whose message content is `content`. `finish_reason` defaults to
        ``stop`` (``length`` if the request's `max_tokens` cuts it, ``tool_calls`` in tools
        mode); `usage` overrides the estimated counts; `model` the echoed model name."""
        return cls(
            kind="chat",
            content=content,
            finish_reason=finish_reason,
            usage=usage,
            model=model,
            headers=dict(headers or {}),
        )

    @classmethod
    def json(
        cls,
        value: Mapping[str, Any] | Sequence[Any] | BaseModel,
        **kwargs: Any,
    ) -> FakeReply:
        """A completion whose content is `value` serialised as JSON: the model answering
        with structured output (in tools mode, the function call's arguments)."""
        data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        return cls.text(json.dumps(data, ensure_ascii=False), **kwargs)

    @classmethod
    def invalid_json(cls, content: str = '{"summary": {not json', **kwargs: Any) -> FakeReply:
        """A completion whose content is not valid JSON (what a re-ask must handle). For an
        HTTP body that is not JSON at all, use `FakeReply.http`."""
        return cls.text(content, **kwargs)

    @classmethod
    def truncated(
        cls,
        partial_content: str = '{"summary": {"headline": "',
        *,
        usage: Mapping[str, int] | None = None,
    ) -> FakeReply:
        """A completion cut by the output budget: `finish_reason` ``length``, its content
        `partial_content` (by default the start of an answer, cut mid-string)."""
        return cls.text(partial_content, finish_reason="length", usage=usage)

    @classmethod
    def refusal(cls, message: str = "I'm sorry, I can't help with that.") -> FakeReply:
        """The model refuses: `message.refusal` set, `content` null, ``stop``."""
        return cls(
            kind="chat", content=None, refusal_text=message, finish_reason="stop", tool=False
        )

    @classmethod
    def content_filter(cls, partial_content: str | None = None) -> FakeReply:
        """A content filter stopped the answer: `finish_reason` ``content_filter``."""
        return cls(kind="chat", content=partial_content, finish_reason="content_filter", tool=False)

    @classmethod
    def tool_call(
        cls,
        arguments: str | Mapping[str, Any] | BaseModel,
        *,
        name: str | None = None,
        usage: Mapping[str, int] | None = None,
    ) -> FakeReply:
        """A function call with these arguments, even if the request had no tools; `name`
        defaults to the function the request forced, else its first tool."""
        if isinstance(arguments, BaseModel):
            arguments = arguments.model_dump(mode="json")
        text = arguments if isinstance(arguments, str) else json.dumps(arguments)
        return cls(kind="chat", content=text, tool=True, tool_name=name, usage=usage)

    # --- failures ---

    @classmethod
    def error(
        cls,
        status: int,
        message: str | None = None,
        *,
        type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        retry_after: float | str | None = None,
        retry_after_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
        usage: Mapping[str, int] | None = None,
    ) -> FakeReply:
        """An error answer `{"error": {message, type, param, code}}` with `status`. Message,
        type and code default to the API's own for that status. `retry_after` is sent as the
        ``retry-after`` header (seconds, or an HTTP date string), `retry_after_ms` as
        ``retry-after-ms``; `usage`, if given, is added to the body as some servers do."""
        default_type, default_code, default_message = _ERROR_DEFAULTS.get(
            status, ("invalid_request_error" if status < 500 else "server_error", None, "Error.")
        )
        extra = dict(headers or {})
        if retry_after is not None:
            extra["retry-after"] = (
                retry_after if isinstance(retry_after, str) else _number(retry_after)
            )
        if retry_after_ms is not None:
            extra["retry-after-ms"] = str(retry_after_ms)
        error = {
            "message": message if message is not None else default_message,
            "type": type if type is not None else default_type,
            "param": param,
            "code": code if code is not None else default_code,
        }
        body: dict[str, Any] = {"error": error}
        if usage is not None:
            body["usage"] = dict(usage)
        return cls(
            kind="http",
            status=status,
            headers=extra,
            body=json.dumps(body).encode(),
            # Only the API's default messages carry {model} / {masked} to fill in.
            template=message is None,
        )

    @classmethod
    def http(
        cls,
        status: int,
        body: Mapping[str, Any] | Sequence[Any] | bytes | str,
        *,
        headers: Mapping[str, str] | None = None,
        content_type: str = "application/json",
    ) -> FakeReply:
        """A verbatim HTTP answer: any status, any body (a mapping is sent as JSON; bytes or
        str as they are, e.g. ``b"{not json"`` or an HTML error page)."""
        if isinstance(body, bytes):
            raw = body
        elif isinstance(body, str):
            raw = body.encode()
        else:
            raw = json.dumps(body).encode()
        return cls(
            kind="http",
            status=status,
            body=raw,
            headers={"content-type": content_type, **dict(headers or {})},
        )

    @classmethod
    def batch_expired(cls) -> FakeReply:
        """Inside a batch: the request was not run before the completion window closed. It
        goes to the error file with code ``batch_expired`` and the batch ends ``expired``.
        (Answered live, it is a 500.)"""
        return cls.batch_error(
            "batch_expired",
            "This request could not be executed before the completion window expired.",
        )

    @classmethod
    def batch_error(cls, code: str, message: str = "The request failed.") -> FakeReply:
        """Inside a batch: an error-file line `{"response": null, "error": {code, message}}`
        (``batch_expired``, ``batch_cancelled``, …)."""
        return cls(kind="batch_error", code=code, content=message)

    @classmethod
    def drop_connection(cls) -> FakeReply:
        """Start a 200 answer, then close the socket mid-body (a dropped connection)."""
        return cls(kind="drop")

    @classmethod
    def delay(cls, seconds: float, then: ReplyLike | None = None) -> FakeReply:
        """Wait `seconds` before answering with `then` (default: an empty text completion);
        makes client read timeouts happen."""
        return cls(kind="delay", seconds=seconds, then=_coerce(then if then is not None else ""))


ReplyLike = FakeReply | Mapping[str, Any] | BaseModel | str
"""What a script or responder may give: a `FakeReply`; a mapping or pydantic model (sent
as `FakeReply.json`); or a string (sent as `FakeReply.text`)."""

Responder = Callable[[FakeRequest], ReplyLike]
"""A function answering any request the queue does not."""


def _coerce(reply: ReplyLike) -> FakeReply:
    if isinstance(reply, FakeReply):
        return reply
    if isinstance(reply, str):
        return FakeReply.text(reply)
    return FakeReply.json(reply)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _mask(key: str) -> str:
    # The API's own masking: enough to recognise a key, never enough to use it.
    return key[:3] + "*" * max(4, len(key) - 7) + key[-4:] if len(key) > 8 else "***"


class FakeOpenAIServer:
    """A fake OpenAI-compatible server on 127.0.0.1 (a free port), in a background thread.

    Use it as a context manager (or `start()` / `close()`); point any client at `base_url`.
    Answers come from the queue (`enqueue`) first, then from the responder
    (`respond_with`); with neither, a 400 error says that nothing was scripted.

    `api_key`: when set, requests must carry it (``Authorization: Bearer …`` or
    ``api-key``) or get the API's 401. `enforce_max_tokens`: a chat answer longer than the
    request's ``max_tokens`` / ``max_completion_tokens`` (counted by `estimate_tokens`) is
    cut with ``finish_reason: "length"``, as a real model would be.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        models: Sequence[str] = ("gpt-4o-mini",),
        rate_limit_headers: Mapping[str, str] | None = DEFAULT_RATE_LIMIT_HEADERS,
        enforce_max_tokens: bool = True,
    ) -> None:
        self._api_key = api_key
        self.models = list(models)
        self.rate_limit_headers = dict(rate_limit_headers or {})
        self.enforce_max_tokens = enforce_max_tokens
        self._lock = threading.Lock()
        self._queue: deque[FakeReply] = deque()
        self._responder: Responder | None = None
        self._requests: list[FakeRequest] = []
        self._errors: list[BaseException] = []
        self._closing = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        # The Files and Batches API: objects as the API returns them, and file bytes.
        self._files: dict[str, dict[str, Any]] = {}
        self._file_bytes: dict[str, bytes] = {}
        self._batches: dict[str, dict[str, Any]] = {}
        self._batch_requests: list[FakeRequest] = []
        self._batch_lock = threading.Lock()  # one batch advances at a time
        self._held = False
        self.batch_max_requests = BATCH_MAX_REQUESTS
        """Requests a batch may hold; a larger input file fails the batch, as OpenAI's does."""

    # --- lifecycle ---

    def start(self) -> Self:
        """Bind a free loopback port and start serving."""
        if self._httpd is not None:
            return self
        self._closing.clear()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeOpenAIServer",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, end every open connection and join the server's threads."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._closing.set()
        httpd.shutdown()
        httpd.drop_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.base_url if self._httpd is not None else "not started"
        return f"{type(self).__name__}({where})"

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (the server root)."""
        if self._httpd is None:
            raise RuntimeError("the fake server is not started: use `with` or start()")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in ``/v1``."""
        return self.url + "/v1"

    # --- script ---

    def enqueue(self, *replies: ReplyLike) -> None:
        """Answer the next requests with these replies, in order."""
        with self._lock:
            self._queue.extend(_coerce(reply) for reply in replies)

    def respond_with(self, responder: Responder | None) -> None:
        """Answer every request the queue does not with `responder(request)`."""
        with self._lock:
            self._responder = responder

    @property
    def pending(self) -> int:
        """Scripted replies not yet used."""
        with self._lock:
            return len(self._queue)

    @property
    def requests(self) -> list[FakeRequest]:
        """Every request received so far, in order (credentials redacted)."""
        with self._lock:
            return list(self._requests)

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions raised by the responder (each was answered with a 500)."""
        with self._lock:
            return list(self._errors)

    def reset(self) -> None:
        """Forget the queue, the responder and the recorded requests."""
        with self._lock:
            self._queue.clear()
            self._responder = None
            self._requests.clear()
            self._errors.clear()
            self._files.clear()
            self._file_bytes.clear()
            self._batches.clear()
            self._batch_requests.clear()
            self._held = False

    # --- the Files and Batches API ---

    @property
    def files(self) -> list[dict[str, Any]]:
        """Every file object (uploaded, or written by a batch), oldest first."""
        with self._lock:
            return [dict(f) for f in self._files.values()]

    def file_content(self, file_id: str) -> bytes:
        """The bytes of a file (KeyError if there is none)."""
        with self._lock:
            return self._file_bytes[file_id]

    @property
    def batches(self) -> list[dict[str, Any]]:
        """Every batch object, oldest first, as a retrieve would return it now."""
        with self._lock:
            return [json.loads(json.dumps(b)) for b in self._batches.values()]

    @property
    def batch_requests(self) -> list[FakeRequest]:
        """The requests run inside batches (each answered from the queue / responder, like
        a live request; not in `requests`, which holds HTTP requests only)."""
        with self._lock:
            return list(self._batch_requests)

    def hold_batches(self, hold: bool = True) -> None:
        """While held, batches stay ``in_progress`` however often they are retrieved."""
        with self._lock:
            self._held = hold

    def _upload(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
        file_id = "file-" + uuid.uuid4().hex[:24]
        file: dict[str, Any] = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }
        with self._lock:
            self._files[file_id] = file
            self._file_bytes[file_id] = content
        return file

    def _create_batch(self, body: Mapping[str, Any]) -> dict[str, Any] | FakeReply:
        for name in ("input_file_id", "endpoint", "completion_window"):
            if not isinstance(body.get(name), str):
                return FakeReply.error(
                    400,
                    f"Missing required parameter: '{name}'.",
                    param=name,
                    code="missing_required_parameter",
                )
        with self._lock:
            known = body["input_file_id"] in self._files
        if not known:
            return FakeReply.error(
                400, f"No such File object: {body['input_file_id']}", param="input_file_id"
            )
        now = int(time.time())
        batch: dict[str, Any] = {
            "id": "batch_" + uuid.uuid4().hex[:24],
            "object": "batch",
            "endpoint": body["endpoint"],
            "model": None,
            "errors": None,
            "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"],
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "in_progress_at": None,
            "expires_at": now + 86400,
            "finalizing_at": None,
            "completed_at": None,
            "failed_at": None,
            "expired_at": None,
            "cancelling_at": None,
            "cancelled_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "usage": None,
            "metadata": body.get("metadata") or None,
        }
        with self._lock:
            self._batches[batch["id"]] = batch
        return dict(batch)

    def _advance(self, batch_id: str, *, cancel: bool = False) -> dict[str, Any] | None:
        """One step of the batch's life per retrieve: validating → in_progress → (run every
        request) finalizing → completed, or expired if some request expired."""
        with self._batch_lock:
            with self._lock:
                batch = self._batches.get(batch_id)
                held = self._held
            if batch is None:
                return None
            now = int(time.time())
            status = batch["status"]
            if cancel:
                if status in ("validating", "in_progress"):
                    batch.update(status="cancelling", cancelling_at=now)
            elif status == "cancelling":
                self._finish_batch(batch, cancelled=True)
                batch.update(status="cancelled", cancelled_at=now)
            elif status == "validating":
                lines, errors = self._validate(batch)
                if errors:
                    batch.update(
                        status="failed",
                        failed_at=now,
                        errors={"object": "list", "data": errors},
                    )
                else:
                    batch["request_counts"]["total"] = len(lines)
                    batch.update(status="in_progress", in_progress_at=now)
            elif status == "in_progress" and not held:
                self._finish_batch(batch, cancelled=False)
                batch.update(status="finalizing", finalizing_at=now)
            elif status == "finalizing":
                if batch.pop("_expired", False):
                    batch.update(status="expired", expired_at=now)
                else:
                    batch.update(status="completed", completed_at=now)
            return {k: v for k, v in batch.items() if not k.startswith("_")}

    def _validate(self, batch: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[Any]]:
        with self._lock:
            raw = self._file_bytes.get(batch["input_file_id"], b"")
        lines: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        seen: set[str] = set()
        for number, text in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError:
                line = None
            problem = None
            if not isinstance(line, dict):
                problem = ("invalid_json_line", "This line is not parseable as valid JSON.")
            elif not isinstance(line.get("custom_id"), str):
                problem = ("missing_required_parameter", "Missing required parameter: custom_id.")
            elif line["custom_id"] in seen:
                problem = ("duplicate_custom_id", "The custom_id for this request is a duplicate.")
            elif line.get("method") != "POST" or line.get("url") != batch["endpoint"]:
                problem = (
                    "invalid_url",
                    f"The URL provided for this request does not match the batch endpoint "
                    f"{batch['endpoint']}.",
                )
            elif not isinstance(line.get("body"), dict):
                problem = ("invalid_request", "The body of this request is not an object.")
            if problem is not None:
                errors.append(
                    {"code": problem[0], "message": problem[1], "param": None, "line": number}
                )
                continue
            assert isinstance(line, dict)
            seen.add(line["custom_id"])
            lines.append(line)
        if len(lines) > self.batch_max_requests:
            errors.append(
                {
                    "code": "batch_too_large",
                    "message": f"The batch input file holds {len(lines)} requests; a batch "
                    f"may hold at most {self.batch_max_requests}.",
                    "param": None,
                    "line": None,
                }
            )
        return lines, errors

    def _finish_batch(self, batch: dict[str, Any], *, cancelled: bool) -> None:
        lines, _errors = self._validate(batch)
        output: list[str] = []
        failed: list[str] = []
        for line in lines:
            if cancelled:
                reply: FakeReply = FakeReply.batch_error(
                    "batch_cancelled", "This request was cancelled before it ran."
                )
            else:
                request = FakeRequest(
                    method="POST", path=line["url"], query={}, headers={}, json=line["body"]
                )
                with self._lock:
                    self._batch_requests.append(request)
                reply = self._batch_reply(request)
            record = self._batch_line(line["custom_id"], reply, line["body"])
            if record["error"] is None and record["response"]["status_code"] == 200:
                output.append(json.dumps(record))
            else:
                failed.append(json.dumps(record))
                if reply.kind == "batch_error" and reply.code == "batch_expired":
                    batch["_expired"] = True
        batch["request_counts"] = {
            "total": len(lines),
            "completed": len(output),
            "failed": len(failed),
        }
        stem = batch["id"]
        if output:
            data = ("\n".join(output) + "\n").encode()
            batch["output_file_id"] = self._upload(f"{stem}_output.jsonl", "batch_output", data)[
                "id"
            ]
        if failed:
            data = ("\n".join(failed) + "\n").encode()
            batch["error_file_id"] = self._upload(f"{stem}_error.jsonl", "batch_output", data)["id"]

    def _batch_reply(self, request: FakeRequest) -> FakeReply:
        body = request.json
        if not isinstance(body.get("model"), str):
            return FakeReply.error(400, "you must provide a model parameter")
        if not isinstance(body.get("messages"), list):
            return FakeReply.error(400, "Missing required parameter: 'messages'.")
        reply = self._next_reply(request)
        while reply.kind == "delay":  # no clock inside a batch: the answer is what counts
            reply = reply.then or FakeReply.text("")
        return reply

    def _batch_line(self, custom_id: str, reply: FakeReply, body: Any) -> dict[str, Any]:
        line: dict[str, Any] = {
            "id": "batch_req_" + uuid.uuid4().hex[:24],
            "custom_id": custom_id,
            "response": None,
            "error": None,
        }
        request_id = "req_" + uuid.uuid4().hex
        if reply.kind == "batch_error":
            line["error"] = {"code": reply.code, "message": reply.content}
        elif reply.kind == "chat":
            request = FakeRequest(method="POST", path="", query={}, headers={}, json=body)
            completion = _completion(self, reply, request)
            line["response"] = {"status_code": 200, "request_id": request_id, "body": completion}
        elif reply.kind == "http":
            try:
                data = json.loads(reply.body or b"")
            except ValueError:
                data = (reply.body or b"").decode("utf-8", "replace")
            if reply.template and isinstance(data, dict):
                error = data.get("error") or {}
                error["message"] = str(error.get("message", "")).format(
                    model=body.get("model", "unknown"), masked="***"
                )
            line["response"] = {
                "status_code": reply.status,
                "request_id": request_id,
                "body": data,
            }
        else:  # a dropped connection: the batch records a server error
            error = json.loads(FakeReply.error(500).body or b"{}")
            line["response"] = {"status_code": 500, "request_id": request_id, "body": error}
        return line

    # --- used by the handler thread ---

    def _record(self, request: FakeRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _next_reply(self, request: FakeRequest) -> FakeReply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            responder = self._responder
        if responder is None:
            return FakeReply.error(
                400,
                "FakeOpenAIServer has no reply scripted for this request: enqueue() one or "
                "set respond_with().",
                type="fake_server_error",
            )
        try:
            return _coerce(responder(request))
        except Exception as exc:
            with self._lock:
                self._errors.append(exc)
            return FakeReply.error(500, f"FakeOpenAIServer responder raised {exc!r}")

    def _check_key(self, raw_headers: Mapping[str, str]) -> FakeReply | None:
        if self._api_key is None:
            return None
        auth = raw_headers.get("authorization", "")
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        given = given or raw_headers.get("api-key")
        if not given:
            return FakeReply.error(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), "
                "or as the password field (with blank username) if you're accessing the API "
                "from your browser and are prompted for a username and password. You can "
                "obtain an API key from https://platform.openai.com/account/api-keys.",
                code=None,
            )
        if given != self._api_key:
            return FakeReply.error(401, _ERROR_DEFAULTS[401][2].format(masked=_mask(given)))
        return None


class FakeModel(FakeOpenAIServer):
    """A fake server whose model always gives `answer`: an `LLMExtraction`-shaped mapping
    (or pydantic model), a string, a `FakeReply`, or a function of the `FakeRequest`
    returning any of these. In tools mode the answer becomes the function call's arguments.

        with FakeModel({"summary": {...}, "quotes": [...]}) as fake:
            run_my_pipeline(base_url=fake.base_url, api_key="test")
            assert fake.requests[0].model == "gpt-4o-mini"
    """

    def __init__(self, answer: ReplyLike | Responder, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if callable(answer) and not isinstance(answer, FakeReply | BaseModel):
            self.respond_with(answer)
        else:
            fixed = _coerce(answer)
            self.respond_with(lambda _request: fixed)


# --- HTTP plumbing --------------------------------------------------------------------------


class _HTTPServer(ThreadingHTTPServer):
    # Non-daemon handler threads are joined by server_close(), so close() leaves nothing
    # running; open keep-alive connections are shut down first so their threads can end.
    daemon_threads = False
    block_on_close = True
    # socketserver's default backlog of 5 drops the SYNs of a burst of concurrent clients,
    # which then retry after a 1 s TCP timeout.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        fake: FakeOpenAIServer,
    ) -> None:
        self.fake = fake
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the peer
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out or hung up mid-answer is a normal event in these tests.
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's
    # delayed ACK (~40 ms a request), which would make a zero-latency fake slow.
    disable_nagle_algorithm = True
    # Idle keep-alive connections end on their own after this many seconds.
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("fake server: " + format, *args)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    # --- dispatch ---

    def _dispatch(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("content-length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        raw_headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            body: Any = json.loads(raw_body) if raw_body else None
            body_ok = True
        except ValueError:
            body, body_ok = None, False
        parts = urlsplit(self.path)
        request = FakeRequest(
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query)),
            headers={
                k: (_redact(v) if k in _SECRET_HEADERS else v) for k, v in raw_headers.items()
            },
            json=body,
        )
        fake._record(request)

        denied = fake._check_key(raw_headers)
        if denied is not None:
            self._render(denied, request)
            return
        path = parts.path.rstrip("/")
        if self.command == "POST" and path.endswith("/chat/completions"):
            self._chat(request, body, body_ok)
        elif "/files" in path or "/batches" in path:
            self._batch_api(request, path, raw_body, body)
        elif self.command == "GET" and path.endswith("/models"):
            created = int(time.time())
            data = [
                {"id": m, "object": "model", "created": created, "owned_by": "system"}
                for m in fake.models
            ]
            self._send_json(200, {"object": "list", "data": data})
        elif self.command == "GET" and "/models/" in path:
            name = path.rsplit("/models/", 1)[1]
            if name in fake.models:
                self._send_json(
                    200,
                    {"id": name, "object": "model", "created": 0, "owned_by": "system"},
                )
            else:
                self._render(FakeReply.error(404), request)
        else:
            self._render(
                FakeReply.error(404, f"Invalid URL ({self.command} {parts.path})", code=None),
                request,
            )

    def _batch_api(self, request: FakeRequest, path: str, raw_body: bytes, body: Any) -> None:
        fake = self.server.fake
        tail = path.split("/v1", 1)[-1] if "/v1/" in path else path
        parts = [p for p in tail.split("/") if p]
        method = self.command
        if parts == ["files"] and method == "POST":
            upload = _multipart(self.headers.get("content-type", ""), raw_body)
            if "file" not in upload or "purpose" not in upload:
                name = "file" if "file" not in upload else "purpose"
                self._render(
                    FakeReply.error(400, f"Missing required parameter: '{name}'.", param=name),
                    request,
                )
                return
            filename, content = upload["file"]
            self._send_json(200, fake._upload(filename, upload["purpose"][1].decode(), content))
            return
        if parts[:1] == ["files"] and len(parts) in (2, 3) and method == "GET":
            with fake._lock:
                file = fake._files.get(parts[1])
                content = fake._file_bytes.get(parts[1], b"")
            if file is None:
                self._render(
                    FakeReply.error(404, f"No such File object: {parts[1]}", param="id"), request
                )
            elif len(parts) == 3 and parts[2] == "content":
                self._send(200, content, {"content-type": "application/octet-stream"})
            else:
                self._send_json(200, file)
            return
        if parts == ["batches"] and method == "POST":
            created = fake._create_batch(body if isinstance(body, dict) else {})
            if isinstance(created, FakeReply):
                self._render(created, request)
            else:
                self._send_json(200, created)
            return
        if parts == ["batches"] and method == "GET":
            data = list(reversed(fake.batches))[: int(request.query.get("limit", "20"))]
            self._send_json(
                200,
                {
                    "object": "list",
                    "data": data,
                    "first_id": data[0]["id"] if data else None,
                    "last_id": data[-1]["id"] if data else None,
                    "has_more": False,
                },
            )
            return
        if parts[:1] == ["batches"] and len(parts) in (2, 3):
            cancel = len(parts) == 3 and parts[2] == "cancel" and method == "POST"
            if cancel or (len(parts) == 2 and method == "GET"):
                batch = fake._advance(parts[1], cancel=cancel)
                if batch is None:
                    self._render(
                        FakeReply.error(404, f"No batch found with id '{parts[1]}'."), request
                    )
                else:
                    self._send_json(200, batch)
                return
        self._render(
            FakeReply.error(404, f"Invalid URL ({method} {request.path})", code=None), request
        )

    def _chat(self, request: FakeRequest, body: Any, body_ok: bool) -> None:
        if not body_ok or not isinstance(body, dict):
            self._render(
                FakeReply.error(
                    400,
                    "We could not parse the JSON body of your request. (HINT: This likely "
                    "means you aren't using your HTTP library correctly. The OpenAI API "
                    "expects a JSON payload, but what was sent was not valid JSON.)",
                ),
                request,
            )
            return
        if not isinstance(body.get("model"), str):
            self._render(FakeReply.error(400, "you must provide a model parameter"), request)
            return
        if not isinstance(body.get("messages"), list):
            self._render(
                FakeReply.error(
                    400,
                    "Missing required parameter: 'messages'.",
                    param="messages",
                    code="missing_required_parameter",
                ),
                request,
            )
            return
        self._render(self.server.fake._next_reply(request), request)

    # --- rendering ---

    def _render(self, reply: FakeReply, request: FakeRequest) -> None:
        fake = self.server.fake
        if reply.kind == "delay":
            if fake._closing.wait(reply.seconds):
                self.close_connection = True
                return
            self._render(reply.then or FakeReply.text(""), request)
        elif reply.kind == "batch_error":  # only meaningful inside a batch
            self._render(FakeReply.error(500), request)
        elif reply.kind == "drop":
            self._drop()
        elif reply.kind == "http":
            body = reply.body or b""
            if reply.template:
                body = self._fill_template(body, request)
            headers = {"content-type": "application/json", **reply.headers}
            self._send(reply.status, body, headers)
        else:
            self._chat_completion(reply, request)

    def _fill_template(self, body: bytes, request: FakeRequest) -> bytes:
        data = json.loads(body)
        auth = self.headers.get("authorization", "")
        key = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        key = key or self.headers.get("api-key", "")
        data["error"]["message"] = data["error"]["message"].format(
            model=request.model or "unknown", masked=_mask(key)
        )
        return json.dumps(data).encode()

    def _chat_completion(self, reply: FakeReply, request: FakeRequest) -> None:
        body = request.json if isinstance(request.json, dict) else {}
        completion = _completion(self.server.fake, reply, request)
        headers = dict(reply.headers)
        if body.get("stream") is True:
            choice = completion["choices"][0]
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            chunks = _chunks(
                completion["id"],
                completion["created"],
                completion["model"],
                choice["message"],
                choice["finish_reason"],
                completion["usage"],
                include_usage,
            )
            payload = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in chunks)
            payload += b"data: [DONE]\n\n"
            self._send(
                200, payload, {"content-type": "text/event-stream; charset=utf-8", **headers}
            )
            return
        self._send_json(200, completion, headers)

    # --- wire ---

    def _send_json(self, status: int, data: Any, headers: Mapping[str, str] | None = None) -> None:
        self._send(
            status,
            json.dumps(data).encode(),
            {"content-type": "application/json", **(headers or {})},
        )

    def _send(self, status: int, body: bytes, headers: Mapping[str, str]) -> None:
        fake = self.server.fake
        all_headers = {
            "x-request-id": "req_" + uuid.uuid4().hex,
            "openai-processing-ms": "1",
            "openai-version": "2020-10-01",
            **fake.rate_limit_headers,
            **{k.lower(): v for k, v in headers.items()},
        }
        self.send_response(status)
        for name, value in all_headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _drop(self) -> None:
        # A status line, headers promising a body, a few bytes of it, then the socket goes:
        # the client sees the connection die mid-response.
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b'content-length: 4096\r\n\r\n{"id": "chatcmpl-'
        )
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _completion(fake: FakeOpenAIServer, reply: FakeReply, request: FakeRequest) -> dict[str, Any]:
    """The chat completion object `reply` renders to, for `request`."""
    body = request.json if isinstance(request.json, dict) else {}
    model = reply.model or request.model or "fake-model"
    content = reply.content
    finish = reply.finish_reason
    tools_mode = reply.tool if reply.tool is not None else bool(request.tools)

    budget = body.get("max_completion_tokens") or body.get("max_tokens")
    if (
        fake.enforce_max_tokens
        and finish is None
        and isinstance(budget, int)
        and content is not None
        and estimate_tokens(content) > budget
    ):
        content, finish = content[: budget * 4], "length"

    message: dict[str, Any] = {
        "role": "assistant",
        "content": content,
        "refusal": reply.refusal_text,
        "annotations": [],
    }
    if tools_mode:
        message["content"] = None
        message["tool_calls"] = [
            {
                "id": "call_" + uuid.uuid4().hex[:24],
                "type": "function",
                "function": {
                    "name": reply.tool_name or _tool_name(body),
                    "arguments": content or "",
                },
            }
        ]
        finish = finish or "tool_calls"
    finish = finish or "stop"

    prompt_tokens = _prompt_tokens(request.messages)
    completion_tokens = estimate_tokens(content or reply.refusal_text or "")
    usage: dict[str, Any] = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }
    if reply.usage is not None:
        usage.update(reply.usage)
        if "total_tokens" not in reply.usage:
            usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {
        "id": "chatcmpl-" + uuid.uuid4().hex[:29],
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": usage,
        "service_tier": "default",
        "system_fingerprint": "fp_fake",
    }


def _multipart(content_type: str, body: bytes) -> dict[str, tuple[str, bytes]]:
    """The fields of a multipart/form-data body: name → (filename, bytes)."""
    import email.parser
    import email.policy

    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"content-type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    fields: dict[str, tuple[str, bytes]] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            payload = part.get_payload(decode=True)
            fields[name] = (
                part.get_filename() or "",
                payload if isinstance(payload, bytes) else b"",
            )
    return fields


def _redact(value: str) -> str:
    scheme, _, secret = value.partition(" ")
    return f"{scheme} {REDACTED}" if secret else REDACTED


def _tool_name(body: Mapping[str, Any]) -> str:
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name")
        if isinstance(name, str):
            return name
    for tool in body.get("tools") or ():
        if isinstance(tool, dict):
            name = (tool.get("function") or {}).get("name")
            if isinstance(name, str):
                return name
    return "function"


def _prompt_tokens(messages: Sequence[Mapping[str, Any]]) -> int:
    # ~3 tokens of framing per message plus 3 for the reply's priming, as OpenAI counts.
    total = 3
    for message in messages:
        total += 3
        content = message.get("content") if isinstance(message, Mapping) else None
        if isinstance(content, str):
            total += estimate_tokens(content)
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, Mapping) and isinstance(part.get("text"), str):
                    total += estimate_tokens(part["text"])
    return total


def _chunks(
    completion_id: str,
    created: int,
    model: str,
    message: Mapping[str, Any],
    finish: str,
    usage: Mapping[str, Any],
    include_usage: bool,
) -> Iterator[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": [
                {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
            ],
        }
        if include_usage:
            data["usage"] = None
        return data

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    tool_calls = message.get("tool_calls")
    if tool_calls:
        call = tool_calls[0]
        yield chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": call["id"],
                        "type": "function",
                        "function": {"name": call["function"]["name"], "arguments": ""},
                    }
                ]
            }
        )
        for piece in _pieces(call["function"]["arguments"]):
            yield chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
    elif message.get("refusal"):
        for piece in _pieces(message["refusal"]):
            yield chunk({"refusal": piece})
    else:
        for piece in _pieces(message.get("content") or ""):
            yield chunk({"content": piece})
    yield chunk({}, finish)
    if include_usage:
        final = chunk({})
        final["choices"] = []
        final["usage"] = dict(usage)
        yield final


def _pieces(text: str, size: int = 16) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]
