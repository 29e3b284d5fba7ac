"""The OpenAI adapter against respx routes: one retry layer, typed errors, honest accounting.

Every test fakes the HTTP boundary only (respx intercepts our own httpx client); the SDK and
the retry loop run for real. Sleeping and the clock are injected, so nothing here waits.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import sys
import traceback
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
import respx

from summarizer import Summarizer
from summarizer._exceptions import (
    AuthenticationFailed,
    BadRequest,
    BatchRequestFailed,
    ModelError,
    ModelRefused,
    ModelUnavailable,
    OutputTruncated,
    RateLimited,
    SummarizerError,
)
from summarizer._llm._client import (
    _SECRET_HINT,
    DEFAULT_AZURE_API_VERSION,
    DEFAULT_MAX_ATTEMPTS,
    AsyncChatClient,
    ChatClient,
    ChatRequest,
    ChatResult,
    ClientSettings,
    RateLimitInfo,
    _has_hint,
    batch_line_outcome,
    parse_duration,
)
from summarizer.testing import FakeOpenAIServer, FakeReply

BASE = "https://llm.example.test/v1"
KEY = "sk-test-SECRET-123"
NOW = 1_750_000_000.0


def completion(
    content: str | None = '{"ok": true}',
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    usage: tuple[int, int] | None = (100, 20),
    tool_calls: list[dict[str, Any]] | None = None,
    choices: bool = True,
) -> dict[str, Any]:
    """A chat completion body of the real API's shape."""
    message: dict[str, Any] = {
        "role": "assistant",
        "content": content,
        "refusal": refusal,
        "annotations": [],
    }
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    body: dict[str, Any] = {
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}
        ]
        if choices
        else [],
        "system_fingerprint": "fp_1",
    }
    if usage is not None:
        body["usage"] = {
            "prompt_tokens": usage[0],
            "completion_tokens": usage[1],
            "total_tokens": usage[0] + usage[1],
        }
    return body


def ok(body: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=body or completion(), headers=headers)


def error(
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> httpx.Response:
    """An error response of the real API's shape."""
    body: dict[str, Any] = {
        "error": {"message": message, "type": type, "param": param, "code": code}
    }
    body.update(extra or {})
    return httpx.Response(status, json=body, headers=headers or {})


REQUEST = ChatRequest(model="gpt-4o-mini", messages=[{"role": "user", "content": "Summarise."}])


@pytest.fixture
def sleeps() -> list[float]:
    return []


def settings(**overrides: Any) -> ClientSettings:
    values: dict[str, Any] = {
        "base_url": BASE,
        "api_key": KEY,
        "backoff_initial": 0.5,
        "backoff_max": 8.0,
        "backoff_jitter": 0.0,
    }
    values.update(overrides)
    return ClientSettings(**values)


@pytest.fixture
def client(sleeps: list[float]) -> Iterator[ChatClient]:
    with ChatClient(settings(), sleep=sleeps.append, clock=lambda: NOW) as chat:
        yield chat


@pytest.fixture
def api() -> Iterator[respx.Route]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router.post("/chat/completions")


# --- success and request shape ---------------------------------------------------------------


def test_success_reads_content_usage_headers(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(
        completion(),
        **{
            "x-request-id": "req_42",
            "x-ratelimit-limit-requests": "500",
            "x-ratelimit-remaining-requests": "499",
            "x-ratelimit-limit-tokens": "200000",
            "x-ratelimit-remaining-tokens": "199880",
            "x-ratelimit-reset-requests": "120ms",
            "x-ratelimit-reset-tokens": "1m30s",
        },
    )
    result = client.complete(REQUEST)

    assert result.content == '{"ok": true}'
    assert result.finish_reason == "stop"
    assert not result.truncated
    assert result.model == "gpt-4o-mini-2024-07-18"
    assert result.response_id == "chatcmpl-abc123"
    assert result.request_id == "req_42"
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (100, 20)
    assert result.usage_total == result.usage
    assert result.attempts == 1
    assert result.waits == []
    assert result.rate_limit == RateLimitInfo(
        limit_requests=500,
        limit_tokens=200000,
        remaining_requests=499,
        remaining_tokens=199880,
        reset_requests=0.12,
        reset_tokens=90.0,
    )


def test_request_body_and_auth(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok()
    messages = [{"role": "system", "content": "Be exact."}, {"role": "user", "content": "Go."}]
    schema = {"type": "json_schema", "json_schema": {"name": "x", "schema": {}, "strict": True}}
    request = ChatRequest(
        model="gpt-4o-mini",
        messages=messages,
        response_format=schema,
        max_tokens=900,
        temperature=0.0,
        seed=7,
        extra={"top_k": 20},
    )
    client.complete(request)

    sent = api.calls.last.request
    body = json.loads(sent.content)
    assert body["model"] == "gpt-4o-mini"
    assert body["messages"] == messages
    assert body["response_format"] == schema
    assert body["max_tokens"] == 900
    assert body["temperature"] == 0.0
    assert body["seed"] == 7
    assert body["top_k"] == 20  # vendor parameters reach the body
    assert "tools" not in body
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert messages == [
        {"role": "system", "content": "Be exact."},
        {"role": "user", "content": "Go."},
    ]


def test_max_completion_tokens_when_configured(api: respx.Route) -> None:
    api.return_value = ok()
    with ChatClient(settings(max_tokens_param="max_completion_tokens")) as chat:
        chat.complete(REQUEST.model_copy(update={"max_tokens": 500}))
    body = json.loads(api.calls.last.request.content)
    assert body["max_completion_tokens"] == 500
    assert "max_tokens" not in body


def test_tools_mode_returns_the_function_arguments(client: ChatClient, api: respx.Route) -> None:
    arguments = '{"summary": {"headline": "h"}, "quotes": []}'
    api.return_value = ok(
        completion(
            None,
            finish_reason="tool_calls",
            tool_calls=[
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "report_extraction", "arguments": arguments},
                }
            ],
        )
    )
    tools = [{"type": "function", "function": {"name": "report_extraction", "parameters": {}}}]
    choice = {"type": "function", "function": {"name": "report_extraction"}}
    result = client.complete(REQUEST.model_copy(update={"tools": tools, "tool_choice": choice}))

    assert result.content == arguments
    assert result.tool_name == "report_extraction"
    assert result.finish_reason == "tool_calls"
    body = json.loads(api.calls.last.request.content)
    assert body["tools"] == tools
    assert body["tool_choice"] == choice


# --- rate limits -----------------------------------------------------------------------------


def test_429_retry_after_seconds_is_waited_exactly(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [
        error(
            429,
            "Rate limit reached",
            type="requests",
            code="rate_limit_exceeded",
            headers={"retry-after": "2"},
        ),
        ok(),
    ]
    result = client.complete(REQUEST)
    assert sleeps == [2.0]
    assert result.waits == [2.0]
    assert result.attempts == 2
    assert api.call_count == 2


def test_429_retry_after_ms_wins_over_retry_after(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [
        error(
            429,
            "slow down",
            type="requests",
            headers={"retry-after-ms": "1500", "retry-after": "2"},
        ),
        ok(),
    ]
    client.complete(REQUEST)
    assert sleeps == [1.5]


def test_429_retry_after_http_date_uses_the_injected_clock(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    when = email.utils.formatdate(NOW + 7, usegmt=True)
    api.side_effect = [error(429, "slow down", headers={"retry-after": when}), ok()]
    client.complete(REQUEST)
    assert sleeps == [pytest.approx(7.0)]


def test_429_without_retry_after_uses_the_exhausted_budget_reset(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    headers = {
        "x-ratelimit-remaining-requests": "120",
        "x-ratelimit-reset-requests": "20s",
        "x-ratelimit-remaining-tokens": "0",
        "x-ratelimit-reset-tokens": "1.5s",
    }
    api.side_effect = [error(429, "tokens per min", type="tokens", headers=headers), ok()]
    client.complete(REQUEST)
    assert sleeps == [1.5]  # the token budget is the one exhausted, not requests


def test_429_without_any_hint_backs_off(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [error(429, "slow"), error(429, "slow"), ok()]
    client.complete(REQUEST)
    assert sleeps == [0.5, 1.0]


def test_429_every_time_raises_rate_limited_with_attempts(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.return_value = error(
        429,
        "Rate limit reached for gpt-4o-mini",
        type="requests",
        code="rate_limit_exceeded",
        headers={"retry-after": "3"},
    )
    with pytest.raises(RateLimited) as info:
        client.complete(REQUEST)
    err = info.value
    assert err.status == 429
    assert err.retry_after == 3.0
    assert err.attempts == DEFAULT_MAX_ATTEMPTS
    assert api.call_count == DEFAULT_MAX_ATTEMPTS  # the SDK's own retries are off
    assert sleeps == [3.0] * (DEFAULT_MAX_ATTEMPTS - 1)
    assert "Rate limit reached for gpt-4o-mini" in str(err)
    assert f"after {DEFAULT_MAX_ATTEMPTS} attempts" in str(err)
    assert isinstance(err.__cause__, Exception)  # the SDK error, chained


def test_429_longer_than_the_cap_gives_up_at_once(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [error(429, "come back later", headers={"retry-after": "3600"}), ok()]
    with pytest.raises(RateLimited) as info:
        client.complete(REQUEST)
    assert info.value.retry_after == 3600.0
    assert info.value.attempts == 1
    assert sleeps == []
    assert "max_retry_after" in str(info.value)


def test_429_insufficient_quota_is_not_retried(client: ChatClient, api: respx.Route) -> None:
    api.return_value = error(
        429,
        "You exceeded your current quota, please check your plan and billing details.",
        type="insufficient_quota",
        code="insufficient_quota",
    )
    with pytest.raises(RateLimited) as info:
        client.complete(REQUEST)
    assert info.value.attempts == 1
    assert api.call_count == 1
    assert "exceeded your current quota" in str(info.value)


# --- server errors, timeouts, connections ----------------------------------------------------


def test_500_then_success(client: ChatClient, api: respx.Route, sleeps: list[float]) -> None:
    api.side_effect = [
        error(500, "The server had an error while processing your request.", type="server_error"),
        ok(),
    ]
    result = client.complete(REQUEST)
    assert result.attempts == 2
    assert sleeps == [0.5]


def test_backoff_grows_exponentially_and_is_capped(sleeps: list[float], api: respx.Route) -> None:
    api.return_value = error(503, "overloaded", type="server_error")
    with (
        ChatClient(settings(max_attempts=6, backoff_max=3.0), sleep=sleeps.append) as chat,
        pytest.raises(ModelUnavailable) as info,
    ):
        chat.complete(REQUEST)
    assert sleeps == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert info.value.attempts == 6
    assert info.value.status == 503


def test_jitter_stays_within_its_bound(api: respx.Route) -> None:
    waits: list[float] = []
    api.side_effect = [error(502, "bad gateway", type="server_error"), ok()]
    with ChatClient(settings(backoff_jitter=0.25), sleep=waits.append) as chat:
        chat.complete(REQUEST)
    assert 0.5 <= waits[0] <= 0.75


def test_503_retry_after_is_honoured(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [
        error(503, "overloaded", type="server_error", headers={"retry-after": "4"}),
        ok(),
    ]
    client.complete(REQUEST)
    assert sleeps == [4.0]


def test_timeout_then_success(client: ChatClient, api: respx.Route, sleeps: list[float]) -> None:
    api.side_effect = [httpx.ReadTimeout("read timed out"), ok()]
    result = client.complete(REQUEST)
    assert result.attempts == 2
    assert sleeps == [0.5]


def test_dropped_connection_every_time(
    client: ChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = httpx.RemoteProtocolError("peer closed connection without response")
    with pytest.raises(ModelUnavailable) as info:
        client.complete(REQUEST)
    assert info.value.attempts == DEFAULT_MAX_ATTEMPTS
    assert info.value.status is None
    assert api.call_count == DEFAULT_MAX_ATTEMPTS
    assert "connection" in str(info.value)
    assert len(sleeps) == DEFAULT_MAX_ATTEMPTS - 1


def test_unreadable_200_body_is_retried(client: ChatClient, api: respx.Route) -> None:
    api.side_effect = [
        httpx.Response(200, content=b"{not json", headers={"content-type": "application/json"}),
        ok(),
    ]
    assert client.complete(REQUEST).attempts == 2


def test_x_should_retry_false_is_obeyed(client: ChatClient, api: respx.Route) -> None:
    api.return_value = error(
        500, "do not retry", type="server_error", headers={"x-should-retry": "false"}
    )
    with pytest.raises(ModelUnavailable) as info:
        client.complete(REQUEST)
    assert info.value.attempts == 1


# --- not retried -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [401, 403])
def test_auth_errors_are_not_retried(client: ChatClient, api: respx.Route, status: int) -> None:
    api.return_value = error(
        status, "Incorrect API key provided: sk-tes*****-123.", code="invalid_api_key"
    )
    with pytest.raises(AuthenticationFailed) as info:
        client.complete(REQUEST)
    assert info.value.status == status
    assert info.value.attempts == 1
    assert api.call_count == 1
    assert "Incorrect API key provided" in str(info.value)


@pytest.mark.parametrize(
    ("status", "message", "code", "param"),
    [
        (
            400,
            "Invalid schema for response_format 'extraction': 'required' is missing 'role'.",
            None,
            "response_format",
        ),
        (
            404,
            "The model `gpt-9` does not exist or you do not have access to it.",
            "model_not_found",
            None,
        ),
        (422, "Unprocessable entity: messages[0].content", None, "messages"),
    ],
)
def test_bad_requests_are_reported_plainly(
    client: ChatClient,
    api: respx.Route,
    sleeps: list[float],
    status: int,
    message: str,
    code: str | None,
    param: str | None,
) -> None:
    api.return_value = error(status, message, code=code, param=param)
    with pytest.raises(BadRequest) as info:
        client.complete(REQUEST)
    err = info.value
    assert err.status == status
    assert err.attempts == 1
    assert api.call_count == 1
    assert sleeps == []
    assert message in str(err)
    if param:
        assert f"param={param}" in str(err)


def test_refusal_is_model_refused(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(completion(None, refusal="I'm sorry, I can't assist with that."))
    with pytest.raises(ModelRefused) as info:
        client.complete(REQUEST)
    assert info.value.refusal == "I'm sorry, I can't assist with that."
    assert info.value.attempts == 1
    assert info.value.usage["total_tokens"] == 120  # a refusal costs tokens too
    assert api.call_count == 1


def test_content_filter_is_model_refused(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(completion(None, finish_reason="content_filter"))
    with pytest.raises(ModelRefused) as info:
        client.complete(REQUEST)
    assert info.value.refusal is None
    assert "content filter" in str(info.value)
    assert api.call_count == 1


# --- truncation and usage --------------------------------------------------------------------


def test_length_is_returned_with_usage(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(completion('{"summary": {"head', finish_reason="length", usage=(900, 64)))
    result = client.complete(REQUEST)
    assert result.truncated
    assert result.content == '{"summary": {"head'
    assert result.usage.completion_tokens == 64
    with pytest.raises(OutputTruncated) as info:
        result.raise_for_truncation()
    assert info.value.usage == {"prompt_tokens": 900, "completion_tokens": 64, "total_tokens": 964}
    assert info.value.attempts == 1


def test_raise_for_truncation_passes_a_complete_answer(
    client: ChatClient, api: respx.Route
) -> None:
    api.return_value = ok()
    result = client.complete(REQUEST)
    assert result.raise_for_truncation() is result


def test_usage_is_summed_over_a_failed_attempt_and_the_success(
    client: ChatClient, api: respx.Route
) -> None:
    api.side_effect = [
        ok(completion(choices=False, usage=(50, 0))),  # billed, but nothing usable came back
        error(
            500,
            "boom",
            type="server_error",
            extra={"usage": {"prompt_tokens": 30, "completion_tokens": 5, "total_tokens": 35}},
        ),
        ok(completion(usage=(100, 20))),
    ]
    result = client.complete(REQUEST)
    assert result.attempts == 3
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (100, 20)
    assert (result.usage_total.prompt_tokens, result.usage_total.completion_tokens) == (180, 25)
    assert result.usage_total.total_tokens == 205


def test_usage_of_failed_attempts_reaches_the_error(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(completion(choices=False, usage=(40, 2)))
    with pytest.raises(ModelUnavailable) as info:
        client.complete(REQUEST)
    assert info.value.usage["prompt_tokens"] == 40 * DEFAULT_MAX_ATTEMPTS
    assert info.value.attempts == DEFAULT_MAX_ATTEMPTS


def test_missing_usage_counts_as_zero(client: ChatClient, api: respx.Route) -> None:
    api.return_value = ok(completion(usage=None))
    result = client.complete(REQUEST)
    assert result.usage.total_tokens == 0


# --- configuration, Azure, logging, secrets ----------------------------------------------------


def test_azure_endpoint_routes_to_deployments() -> None:
    azure = "https://contoso.openai.azure.com"
    with respx.mock(assert_all_called=False) as router:
        route = router.post(
            f"{azure}/openai/deployments/gpt-4o-mini/chat/completions",
            params={"api-version": DEFAULT_AZURE_API_VERSION},
        )
        route.return_value = ok()
        with ChatClient(settings(base_url=azure)) as chat:
            assert chat.settings.is_azure
            chat.complete(REQUEST)
    sent = route.calls.last.request
    assert sent.headers["api-key"] == KEY
    assert "authorization" not in sent.headers


def test_azure_detection() -> None:
    assert ClientSettings(base_url="https://x.openai.azure.com/").is_azure
    assert not ClientSettings(base_url="https://x.openai.azure.com/openai/v1").is_azure
    assert not ClientSettings(base_url="http://localhost:8000/v1").is_azure
    assert ClientSettings(base_url="https://gateway.example/v1", azure=True).is_azure


def test_settings_validate_and_hide_the_key() -> None:
    s = settings()
    assert KEY not in repr(s)
    assert KEY not in str(s.model_dump())
    with pytest.raises(ValueError):
        ClientSettings(max_attempts=0)


def test_retries_are_logged(
    client: ChatClient, api: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    api.side_effect = [error(503, "overloaded", type="server_error"), ok()]
    with caplog.at_level(logging.INFO, logger="summarizer.llm"):
        client.complete(REQUEST)
    [record] = [r for r in caplog.records if r.name == "summarizer.llm"]
    assert "attempt 1 of 4 failed (ModelUnavailable, status 503); retrying in 0.50 s" in (
        record.getMessage()
    )


def test_the_key_never_leaks(
    sleeps: list[float], api: respx.Route, caplog: pytest.LogCaptureFixture
) -> None:
    # A misbehaving proxy echoes the full key and the Authorization header back.
    api.side_effect = [
        error(502, f"upstream said: Authorization: Bearer {KEY}", type="server_error"),
        error(401, f"key {KEY} is not valid here", code="invalid_api_key"),
    ]
    caplog.set_level(logging.DEBUG)
    with ChatClient(settings(), sleep=sleeps.append) as chat:
        assert KEY not in repr(chat)
        with pytest.raises(ModelError) as info:
            chat.complete(REQUEST)
    err = info.value
    traceback_text = "".join(traceback.format_exception(err))
    assert "Error code: 401" in traceback_text  # the SDK's error is chained, redacted
    for text in (str(err), repr(err), err.message, repr(err.__dict__), traceback_text):
        assert KEY not in text
        assert "SECRET" not in text
    assert "[REDACTED]" in str(err)
    for record in caplog.records:
        assert KEY not in record.getMessage()


def test_parse_duration() -> None:
    assert parse_duration("1s") == 1.0
    assert parse_duration("6m0s") == 360.0
    assert parse_duration("1h2m3.5s") == 3723.5
    assert parse_duration("20ms") == 0.02
    assert parse_duration("0.5") == 0.5
    assert parse_duration("soon") is None
    assert parse_duration(None) is None


def test_close_is_idempotent() -> None:
    chat = ChatClient(settings())
    chat.close()
    chat.close()


# --- async -----------------------------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_client(sleeps: list[float]) -> AsyncIterator[AsyncChatClient]:
    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async with AsyncChatClient(settings(), sleep=sleep, clock=lambda: NOW) as chat:
        yield chat


@pytest.mark.anyio
async def test_async_retries_with_the_injected_sleep(
    async_client: AsyncChatClient, api: respx.Route, sleeps: list[float]
) -> None:
    api.side_effect = [
        error(429, "slow", headers={"retry-after-ms": "250"}),
        httpx.ConnectError("refused"),
        ok(),
    ]
    result = await async_client.complete(REQUEST)
    assert result.attempts == 3
    assert sleeps == [0.25, 1.0]  # the server's wait, then backoff for attempt 3


@pytest.mark.anyio
async def test_async_errors_are_typed(async_client: AsyncChatClient, api: respx.Route) -> None:
    api.return_value = error(400, "Unrecognized request argument supplied: foo", param="foo")
    with pytest.raises(BadRequest) as info:
        await async_client.complete(REQUEST)
    assert "Unrecognized request argument" in str(info.value)
    assert info.value.attempts == 1


@pytest.mark.anyio
async def test_async_client_is_safe_for_concurrent_tasks(
    async_client: AsyncChatClient, api: respx.Route
) -> None:
    # Each request fails once, then succeeds: per-call retry state must not mix.
    seen: dict[str, int] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        tag = json.loads(request.content)["messages"][0]["content"]
        seen[tag] = seen.get(tag, 0) + 1
        if seen[tag] == 1:
            return error(500, "flaky", type="server_error")
        return ok(completion(json.dumps({"tag": tag}), usage=(len(tag), 1)))

    api.side_effect = answer
    results: dict[str, Any] = {}

    async def one(tag: str) -> None:
        request = ChatRequest(model="m", messages=[{"role": "user", "content": tag}])
        results[tag] = await async_client.complete(request)

    async with anyio.create_task_group() as group:
        for i in range(25):
            group.start_soon(one, f"article-{i}")

    assert len(results) == 25
    for tag, result in results.items():
        assert json.loads(result.content) == {"tag": tag}
        assert result.attempts == 2
        assert result.usage_total.prompt_tokens == len(tag)
    assert api.call_count == 50


# --- malformed replies: typed errors, never raw exceptions (through the fake server) ---------

ARTICLE = (
    "The council approved the new bridge on Tuesday. Work starts in May, the mayor said.\n\n"
    '"This bridge will change the town," said Mayor Ana Ruiz after the vote.'
)
EXTRACTION = {
    "summary": {
        "headline": "Council approves the new bridge",
        "text": "The council approved the bridge. Work starts in May.",
        "key_points": ["approved", "work starts in May"],
    },
    "quotes": [],
}
GOOD_CHOICE = '"choices":[{"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]'
TOO_DEEP = "[" * 5000 + "]" * 5000  # more nesting than json.loads decodes
DEEP = "[" * 900 + "]" * 900  # decodes, but str() / json.dumps() of it deeper in a stack fail


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(
            FakeReply.http(
                200, '{"choices":[{"message":{"content":"{}"}}],"usage":{"prompt_tokens":Infinity}}'
            ),
            id="infinite-usage",
        ),
        pytest.param(FakeReply.http(200, {"choices": {"0": {}}}), id="choices-object"),
        pytest.param(FakeReply.http(200, '{"usage":' + TOO_DEEP + "}"), id="too-deep"),
        pytest.param(
            FakeReply.http(500, {"error": {"message": "x"}, "usage": {"prompt_tokens": "12.5"}}),
            id="error-usage-text",
        ),
    ],
)
def test_analyze_turns_malformed_replies_into_summarizer_errors(reply: FakeReply) -> None:
    # The probe's reproductions, end to end: the CLI only catches SummarizerError.
    with FakeOpenAIServer() as server:
        server.enqueue(reply)
        summarizer = Summarizer(
            engine="llm", base_url=server.base_url, api_key=KEY, model="gpt-4o-mini", max_attempts=1
        )
        with summarizer, pytest.raises(SummarizerError):
            summarizer.analyze(ARTICLE)


def test_analyze_keeps_a_good_answer_whose_usage_is_infinite() -> None:
    body = {
        "choices": [{"message": {"content": json.dumps(EXTRACTION)}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": float("inf"), "completion_tokens": 42},
    }
    with FakeOpenAIServer() as server:
        server.enqueue(FakeReply.http(200, json.dumps(body)))  # json.dumps writes Infinity
        with Summarizer(
            engine="llm", base_url=server.base_url, api_key=KEY, model="gpt-4o-mini"
        ) as summarizer:
            result = summarizer.analyze(ARTICLE)
        assert len(server.requests) == 1
    assert result.summary.headline == "Council approves the new bridge"
    assert result.meta.usage.prompt_tokens == 0
    assert result.meta.usage.completion_tokens == 42


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.mark.parametrize(
    ("usage", "expected"),
    [
        ('{"prompt_tokens":Infinity,"completion_tokens":7}', (0, 7, 7)),
        ('{"prompt_tokens":11,"completion_tokens":"abc"}', (11, 0, 11)),
        ('{"prompt_tokens":NaN,"completion_tokens":-Infinity,"total_tokens":true}', (0, 0, 0)),
        ('{"prompt_tokens":1' + "0" * 400 + ',"completion_tokens":[3]}', (0, 0, 0)),
        ('{"prompt_tokens":5,"completion_tokens":' + DEEP + "}", (5, 0, 5)),
    ],
)
def test_unreadable_usage_never_costs_the_answer(
    fake: FakeOpenAIServer,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
    usage: str,
    expected: tuple[int, int, int],
) -> None:
    fake.enqueue(FakeReply.http(200, "{" + GOOD_CHOICE + ',"usage":' + usage + "}"))
    with (
        caplog.at_level(logging.WARNING, logger="summarizer.llm"),
        ChatClient(settings(base_url=fake.base_url), sleep=sleeps.append) as chat,
    ):
        result = chat.complete(REQUEST)
    assert result.content == "{}"
    assert result.attempts == 1  # used at once, not retried as "not a chat completion"
    got = (result.usage.prompt_tokens, result.usage.completion_tokens, result.usage.total_tokens)
    assert got == expected
    assert result.usage_total == result.usage
    assert any("unreadable usage" in r.getMessage() for r in caplog.records)


def test_readable_usage_forms_are_still_read(fake: FakeOpenAIServer) -> None:
    fake.enqueue(
        FakeReply.http(
            200, "{" + GOOD_CHOICE + ',"usage":{"prompt_tokens":"12","completion_tokens":4.0}}'
        )
    )
    with ChatClient(settings(base_url=fake.base_url)) as chat:
        result = chat.complete(REQUEST)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (12, 4)
    assert result.usage.total_tokens == 16


NOT_A_COMPLETION: list[Any] = [
    pytest.param({"choices": {"0": {}}}, id="choices-object"),
    pytest.param('{"usage":' + TOO_DEEP + "}", id="too-deep"),
    pytest.param({"choices": "abc"}, id="choices-string"),
    pytest.param({"choices": [[{"message": {"content": "{}"}}]]}, id="choice-list"),
    pytest.param({"choices": [{"message": "hello"}]}, id="message-string"),
]


@pytest.mark.parametrize("body", NOT_A_COMPLETION)
def test_a_body_that_is_not_a_chat_completion_is_retried_then_unavailable(
    fake: FakeOpenAIServer, sleeps: list[float], body: Any
) -> None:
    fake.enqueue(FakeReply.http(200, body), FakeReply.http(200, body))
    with (
        ChatClient(settings(base_url=fake.base_url, max_attempts=2), sleep=sleeps.append) as chat,
        pytest.raises(ModelUnavailable) as info,
    ):
        chat.complete(REQUEST)
    err = info.value
    assert err.status == 200
    assert err.attempts == 2  # the existing policy: an unreadable 200 is retried
    assert len(fake.requests) == 2
    assert len(sleeps) == 1
    assert "not a chat completion" in str(err)


@pytest.mark.parametrize("body", NOT_A_COMPLETION[:3])
@pytest.mark.anyio
async def test_async_client_types_malformed_bodies_too(
    fake: FakeOpenAIServer, sleeps: list[float], body: Any
) -> None:
    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    fake.enqueue(*[FakeReply.http(200, body)] * DEFAULT_MAX_ATTEMPTS)
    async with AsyncChatClient(settings(base_url=fake.base_url), sleep=sleep) as chat:
        with pytest.raises(ModelUnavailable) as info:
            await chat.complete(REQUEST)
    assert info.value.attempts == DEFAULT_MAX_ATTEMPTS


@pytest.mark.parametrize(
    ("reply", "error_type", "prompt_tokens"),
    [
        pytest.param(
            FakeReply.http(500, {"error": {"message": "x"}, "usage": {"prompt_tokens": "12.5"}}),
            ModelUnavailable,
            12,
            id="usage-as-text",
        ),
        pytest.param(
            FakeReply.http(500, '{"error":{"message":"x"},"usage":{"prompt_tokens":Infinity}}'),
            ModelUnavailable,
            0,
            id="usage-infinite",
        ),
        pytest.param(
            FakeReply.http(400, {"error": {"message": "x"}, "usage": {"prompt_tokens": "abc"}}),
            BadRequest,
            0,
            id="usage-junk",
        ),
        pytest.param(
            FakeReply.http(500, '{"usage":' + TOO_DEEP + "}"), ModelUnavailable, 0, id="too-deep"
        ),
        pytest.param(
            FakeReply.http(
                503, '{"error":{"message":' + DEEP + '},"usage":{"prompt_tokens":' + DEEP + "}}"
            ),
            ModelUnavailable,
            0,
            id="deep-message-and-usage",
        ),
        pytest.param(
            FakeReply.http(429, '{"error":' + DEEP + "}"), RateLimited, 0, id="deep-error"
        ),
    ],
)
def test_error_bodies_never_raise_while_read(
    fake: FakeOpenAIServer,
    reply: FakeReply,
    error_type: type[ModelError],
    prompt_tokens: int,
) -> None:
    fake.enqueue(reply)
    with (
        ChatClient(settings(base_url=fake.base_url, max_attempts=1)) as chat,
        pytest.raises(error_type) as info,
    ):
        chat.complete(REQUEST)
    assert type(info.value) is error_type
    assert info.value.status == reply.status
    assert info.value.usage["prompt_tokens"] == prompt_tokens


# --- batch_line_outcome: never raises for a malformed line -----------------------------------


def batch_line(status: int, body: Any, **extra: Any) -> dict[str, Any]:
    return {
        "custom_id": "item-1",
        "response": {"status_code": status, "request_id": "req_1", "body": body},
        **extra,
    }


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(batch_line(200, {"choices": {"0": {}}}), id="choices-object"),
        pytest.param(batch_line(200, {"choices": [{"message": ["x"]}]}), id="message-list"),
        pytest.param(
            batch_line(200, {"model": nested(5000), "choices": [{"message": {"content": "{}"}}]}),
            id="too-deep-to-print",
        ),
        pytest.param(batch_line(500, nested(5000)), id="error-body-too-deep"),
        pytest.param(batch_line(500, {"error": nested(5000)}), id="error-too-deep"),
        pytest.param(
            {"custom_id": "item-1", "error": {"code": nested(5000), "message": "x"}},
            id="batch-error-code-too-deep",
        ),
        pytest.param(
            {"custom_id": "item-1", "response": {"status_code": 200, "request_id": nested(5000)}},
            id="request-id-too-deep",
        ),
    ],
)
def test_batch_line_outcome_never_raises_for_a_malformed_line(line: dict[str, Any]) -> None:
    custom_id, outcome = batch_line_outcome(line, model="gpt-4o-mini")
    assert custom_id == "item-1"
    assert isinstance(outcome, ModelUnavailable)
    assert outcome.attempts == 1


def test_batch_line_outcome_keeps_an_answer_with_unreadable_usage() -> None:
    body = {
        "choices": [{"message": {"content": "{}"}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": float("inf"), "completion_tokens": "abc", "total_tokens": 9},
    }
    _, outcome = batch_line_outcome(batch_line(200, body), model="gpt-4o-mini")
    assert isinstance(outcome, ChatResult)
    assert outcome.content == "{}"
    assert outcome.request_id == "req_1"
    assert (outcome.usage.prompt_tokens, outcome.usage.completion_tokens) == (0, 0)
    assert outcome.usage.total_tokens == 9


def test_batch_line_outcome_reads_error_usage_it_can_and_skips_the_rest() -> None:
    body = {"error": {"message": "x"}, "usage": {"prompt_tokens": "12.5", "completion_tokens": "?"}}
    _, outcome = batch_line_outcome(batch_line(500, body), model="gpt-4o-mini")
    assert isinstance(outcome, ModelUnavailable)
    assert outcome.status == 500
    assert outcome.usage == {"prompt_tokens": 12, "completion_tokens": 0, "total_tokens": 12}


def test_batch_line_outcome_survives_lines_of_the_wrong_shape() -> None:
    deep_id, outcome = batch_line_outcome(
        {"custom_id": nested(5000), "error": {"code": "c", "message": "m"}}, model="m"
    )
    assert isinstance(outcome, BatchRequestFailed)
    assert deep_id == "<unreadable custom_id>"
    not_an_object: Any = ["custom_id", "item-1"]
    custom_id, outcome = batch_line_outcome(not_an_object, model="m")
    assert custom_id == "None"
    assert isinstance(outcome, ModelUnavailable)


def test_the_key_hint_prefilter_agrees_with_the_search_on_every_lookalike_letter() -> None:
    # `_has_hint` rules texts out by case-folded substrings before the slow search; that is
    # exact only if every character re matches to a hint letter ignoring case folds to it.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    lookalikes = set(re.findall(r"(?i)[bearsk]", everything))
    for hint in ("Bearer abc", "key sk-abc"):
        for i, letter in enumerate(hint):
            if letter.casefold() not in "bearsk":
                continue
            for char in lookalikes:
                text = hint[:i] + char + hint[i + 1 :]
                assert _has_hint(text) == (_SECRET_HINT.search(text) is not None), text
    for text in ("", "sk-", "xsk-abc", "BEARER\tx", "bearer", "Bearer\nx", "ſk-abc", "desk-top"):
        assert _has_hint(text) == (_SECRET_HINT.search(text) is not None), text
