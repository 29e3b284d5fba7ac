"""The public fake server (`summarizer.testing`) through real loopback sockets.

Three kinds of check: the wire shapes match the OpenAI API's (validated with the SDK's own
pydantic types and exact key sets); our adapter over loopback sees every failure kind as it
would from the real service; and the SDK's default transport (httpx2, no `http_client`)
talks to the fake as users' own code would.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import traceback
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import openai
import pytest
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from summarizer._exceptions import (
    AuthenticationFailed,
    BadRequest,
    ModelError,
    ModelRefused,
    ModelUnavailable,
)
from summarizer._llm._client import (
    AsyncChatClient,
    ChatClient,
    ChatRequest,
    ClientSettings,
)
from summarizer._llm._response import LLMExtraction
from summarizer.testing import FakeModel, FakeOpenAIServer, FakeReply, FakeRequest

KEY = "sk-test-SECRET-123"

EXTRACTION: dict[str, Any] = {
    "summary": {
        "headline": "Council approves the new bridge",
        "text": "The council approved the bridge. Work starts in May.",
        "key_points": ["approved", "work starts in May"],
    },
    "quotes": [
        {
            "text": "This bridge will change the town",
            "paragraph": 2,
            "type": "direct",
            "speaker": {"name": "Ana Ruiz", "mention": "Ruiz", "role": "mayor", "kind": "person"},
            "cue": "said",
            "stance": {"target": "the bridge", "label": "favor"},
        }
    ],
}

REQUEST = ChatRequest(model="gpt-4o-mini", messages=[{"role": "user", "content": "Summarise."}])


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(server: FakeOpenAIServer, sleeps: list[float]) -> Iterator[ChatClient]:
    settings = ClientSettings(
        base_url=server.base_url,
        api_key=KEY,
        read_timeout=0.3,
        backoff_initial=0.01,
        backoff_jitter=0.0,
    )
    with ChatClient(settings, sleep=sleeps.append) as chat:
        yield chat


def post(server: FakeOpenAIServer, body: Any, **headers: str) -> httpx.Response:
    # Plain http on loopback: no CA bundle to load.
    with httpx.Client(verify=False) as http:
        return http.post(
            server.base_url + "/chat/completions",
            content=body if isinstance(body, bytes) else json.dumps(body),
            headers={"authorization": f"Bearer {KEY}", "content-type": "application/json"}
            | headers,
        )


CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello there"}]}


# --- wire shapes -----------------------------------------------------------------------------


def test_completion_has_the_api_shape(server: FakeOpenAIServer) -> None:
    server.enqueue(FakeReply.json(EXTRACTION))
    response = post(server, CHAT)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"].startswith("req_")
    assert response.headers["x-ratelimit-remaining-requests"].isdigit()
    body = response.json()
    assert set(body) == {
        "id", "object", "created", "model", "choices", "usage", "service_tier",
        "system_fingerprint",
    }  # fmt: skip
    assert body["object"] == "chat.completion"
    assert body["id"].startswith("chatcmpl-")
    assert body["model"] == "gpt-4o-mini"
    [choice] = body["choices"]
    assert set(choice) == {"index", "message", "logprobs", "finish_reason"}
    assert choice["logprobs"] is None
    assert choice["finish_reason"] == "stop"
    assert set(choice["message"]) == {"role", "content", "refusal", "annotations"}
    assert choice["message"]["refusal"] is None
    assert json.loads(choice["message"]["content"]) == EXTRACTION
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert set(usage["completion_tokens_details"]) >= {"reasoning_tokens"}
    # The SDK's own types accept it, and the content fits our response model.
    parsed = ChatCompletion.model_validate(body)
    assert parsed.choices[0].message.content is not None
    LLMExtraction.model_validate_json(parsed.choices[0].message.content)


@pytest.mark.parametrize(
    ("status", "type_", "code"),
    [
        (400, "invalid_request_error", None),
        (401, "invalid_request_error", "invalid_api_key"),
        (404, "invalid_request_error", "model_not_found"),
        (429, "requests", "rate_limit_exceeded"),
        (500, "server_error", None),
        (503, "server_error", None),
    ],
)
def test_errors_have_the_api_shape(
    server: FakeOpenAIServer, status: int, type_: str, code: str | None
) -> None:
    server.enqueue(FakeReply.error(status))
    response = post(server, CHAT)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["type"] == type_
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert response.headers["x-request-id"].startswith("req_")


def test_default_messages_name_the_model_and_mask_the_key(server: FakeOpenAIServer) -> None:
    server.enqueue(FakeReply.error(404), FakeReply.error(401))
    assert "`gpt-4o-mini` does not exist" in post(server, CHAT).json()["error"]["message"]
    message = post(server, CHAT).json()["error"]["message"]
    assert message.startswith("Incorrect API key provided: sk-")
    assert KEY not in message
    assert message.endswith("api-keys.")


def test_retry_headers_are_sent(server: FakeOpenAIServer) -> None:
    server.enqueue(FakeReply.error(429, retry_after=1.5, retry_after_ms=1500))
    response = post(server, CHAT)
    assert response.headers["retry-after"] == "1.5"
    assert response.headers["retry-after-ms"] == "1500"


def test_bad_input_is_rejected_like_the_api(server: FakeOpenAIServer) -> None:
    not_json = post(server, b"{nope")
    assert not_json.status_code == 400
    assert "could not parse the JSON body" in not_json.json()["error"]["message"]
    no_model = post(server, {"messages": []})
    assert no_model.json()["error"]["message"] == "you must provide a model parameter"
    no_messages = post(server, {"model": "m"})
    assert no_messages.json()["error"]["code"] == "missing_required_parameter"
    with httpx.Client(verify=False) as http:
        wrong = http.post(server.base_url + "/completionz", json={})
    assert wrong.status_code == 404
    assert wrong.json()["error"]["message"] == "Invalid URL (POST /v1/completionz)"


def test_unscripted_requests_get_a_clear_error(server: FakeOpenAIServer) -> None:
    response = post(server, CHAT)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "fake_server_error"


def test_requests_are_recorded_with_credentials_redacted(server: FakeOpenAIServer) -> None:
    server.enqueue("one")
    post(server, CHAT, **{"api-key": KEY})
    [request] = server.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.json == CHAT
    assert request.model == "gpt-4o-mini"
    assert request.messages == CHAT["messages"]
    assert request.headers["authorization"] == "Bearer [REDACTED]"
    assert request.headers["api-key"] == "[REDACTED]"
    assert KEY not in repr(server.requests)


def test_max_tokens_cuts_the_answer_with_length(server: FakeOpenAIServer) -> None:
    server.enqueue(FakeReply.text("x" * 400))
    body = post(server, CHAT | {"max_tokens": 10}).json()
    assert body["choices"][0]["finish_reason"] == "length"
    assert len(body["choices"][0]["message"]["content"]) == 40
    assert body["usage"]["completion_tokens"] == 10


def test_tools_requests_get_tool_calls(server: FakeOpenAIServer) -> None:
    server.enqueue(FakeReply.json(EXTRACTION))
    tools = [{"type": "function", "function": {"name": "record", "parameters": {}}}]
    body = post(server, CHAT | {"tools": tools}).json()
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    message = choice["message"]
    assert message["content"] is None
    [call] = message["tool_calls"]
    assert call["type"] == "function"
    assert call["id"].startswith("call_")
    assert call["function"]["name"] == "record"
    assert json.loads(call["function"]["arguments"]) == EXTRACTION
    ChatCompletion.model_validate(body)


def test_models_endpoint(server: FakeOpenAIServer) -> None:
    with httpx.Client(verify=False) as http:
        listing = http.get(server.base_url + "/models").json()
        one = http.get(server.base_url + "/models/gpt-4o-mini").json()
        missing = http.get(server.base_url + "/models/nope")
    assert listing["object"] == "list"
    assert [m["id"] for m in listing["data"]] == ["gpt-4o-mini"]
    assert one["object"] == "model"
    assert missing.status_code == 404


# --- our adapter over loopback: every failure kind -------------------------------------------


def test_adapter_success(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(
        FakeReply.json(EXTRACTION, usage={"prompt_tokens": 321, "completion_tokens": 45})
    )
    result = client.complete(REQUEST)
    assert json.loads(result.content or "") == EXTRACTION
    assert result.usage.prompt_tokens == 321
    assert result.usage.total_tokens == 366
    assert result.rate_limit is not None
    assert result.rate_limit.remaining_requests == 9999
    assert result.request_id is not None


def test_adapter_429_waits_what_the_server_asks(
    server: FakeOpenAIServer, client: ChatClient, sleeps: list[float]
) -> None:
    server.enqueue(FakeReply.error(429, retry_after=1.5), FakeReply.text("done"))
    result = client.complete(REQUEST)
    assert result.content == "done"
    assert sleeps == [1.5]
    assert len(server.requests) == 2


def test_adapter_429_ms(server: FakeOpenAIServer, client: ChatClient, sleeps: list[float]) -> None:
    server.enqueue(FakeReply.error(429, retry_after_ms=750), FakeReply.text("done"))
    client.complete(REQUEST)
    assert sleeps == [0.75]


def test_adapter_500_then_success(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(FakeReply.error(500), FakeReply.error(503), FakeReply.text("ok"))
    result = client.complete(REQUEST)
    assert result.attempts == 3
    assert len(server.requests) == 3


def test_adapter_timeout_then_success(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(FakeReply.delay(2.0, then="too late"), FakeReply.text("in time"))
    started = time.monotonic()
    result = client.complete(REQUEST)
    assert result.content == "in time"
    assert result.attempts == 2
    assert time.monotonic() - started < 1.5  # the 0.3 s read timeout fired


def test_adapter_timeout_every_time(server: FakeOpenAIServer, sleeps: list[float]) -> None:
    server.respond_with(lambda _request: FakeReply.delay(2.0))
    settings = ClientSettings(
        base_url=server.base_url, api_key=KEY, read_timeout=0.1, max_attempts=2
    )
    with ChatClient(settings, sleep=sleeps.append) as chat, pytest.raises(ModelUnavailable) as info:
        chat.complete(REQUEST)
    assert "timed out" in str(info.value)
    assert info.value.attempts == 2


def test_adapter_dropped_connection_then_success(
    server: FakeOpenAIServer, client: ChatClient
) -> None:
    server.enqueue(FakeReply.drop_connection(), FakeReply.text("ok"))
    result = client.complete(REQUEST)
    assert result.content == "ok"
    assert result.attempts == 2


def test_adapter_auth_checked_by_the_server(server: FakeOpenAIServer) -> None:
    with FakeOpenAIServer(api_key="sk-the-right-one-0000") as guarded:
        guarded.enqueue("fine")
        settings = ClientSettings(base_url=guarded.base_url, api_key=KEY)
        with ChatClient(settings) as chat, pytest.raises(AuthenticationFailed) as info:
            chat.complete(REQUEST)
        assert len(guarded.requests) == 1
        assert guarded.pending == 1
    assert "Incorrect API key provided" in str(info.value)
    assert KEY not in str(info.value)


def test_adapter_bad_request_message(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(
        FakeReply.error(
            400,
            "Invalid schema for response_format 'extraction': In context=(), 'required' is "
            "required to be supplied and to be an array including every key in properties.",
            param="response_format",
        )
    )
    with pytest.raises(BadRequest) as info:
        client.complete(REQUEST)
    assert "Invalid schema for response_format 'extraction'" in str(info.value)
    assert info.value.attempts == 1


def test_adapter_refusal_and_content_filter(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(FakeReply.refusal("I can't help with that."), FakeReply.content_filter())
    with pytest.raises(ModelRefused) as refused:
        client.complete(REQUEST)
    assert refused.value.refusal == "I can't help with that."
    with pytest.raises(ModelRefused) as filtered:
        client.complete(REQUEST)
    assert filtered.value.refusal is None
    assert len(server.requests) == 2  # neither retried


def test_adapter_truncated_and_invalid_json_are_returned(
    server: FakeOpenAIServer, client: ChatClient
) -> None:
    server.enqueue(
        FakeReply.truncated('{"summary": {"hea'), FakeReply.truncated(), FakeReply.invalid_json()
    )
    truncated = client.complete(REQUEST)
    assert truncated.truncated and truncated.content == '{"summary": {"hea'
    assert truncated.usage.completion_tokens > 0
    by_default = client.complete(REQUEST)  # cut mid-string: never valid JSON
    assert by_default.truncated and (by_default.content or "").startswith('{"summary": ')
    with pytest.raises(ValueError):
        json.loads(by_default.content or "")
    invalid = client.complete(REQUEST)
    assert invalid.finish_reason == "stop"
    with pytest.raises(ValueError):
        json.loads(invalid.content or "")


def test_adapter_unreadable_http_body_is_retried(
    server: FakeOpenAIServer, client: ChatClient
) -> None:
    server.enqueue(FakeReply.http(200, b"{not json"), FakeReply.text("ok"))
    assert client.complete(REQUEST).attempts == 2


def test_adapter_error_body_usage_is_counted(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(
        FakeReply.error(500, usage={"prompt_tokens": 70, "completion_tokens": 0}),
        FakeReply.text("ok", usage={"prompt_tokens": 70, "completion_tokens": 1}),
    )
    result = client.complete(REQUEST)
    assert result.usage_total.prompt_tokens == 140
    assert result.usage.prompt_tokens == 70


def test_adapter_tools_mode(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.enqueue(FakeReply.json(EXTRACTION))
    tools = [{"type": "function", "function": {"name": "report", "parameters": {}}}]
    request = REQUEST.model_copy(
        update={"tools": tools, "tool_choice": {"type": "function", "function": {"name": "report"}}}
    )
    result = client.complete(request)
    assert result.tool_name == "report"
    assert json.loads(result.content or "") == EXTRACTION


def test_adapter_through_the_azure_client(server: FakeOpenAIServer) -> None:
    server.enqueue("from azure")
    settings = ClientSettings(
        base_url=server.url, api_key=KEY, azure=True, api_version="2024-10-21"
    )
    with ChatClient(settings) as chat:
        assert chat.complete(REQUEST).content == "from azure"
    [request] = server.requests
    assert request.path == "/openai/deployments/gpt-4o-mini/chat/completions"
    assert request.query == {"api-version": "2024-10-21"}
    assert request.headers["api-key"] == "[REDACTED]"


# --- the SDK's own default transport (httpx2), as users' code would use it -------------------


def test_sdk_default_transport_talks_to_the_fake(server: FakeOpenAIServer) -> None:
    server.enqueue(
        FakeReply.json(EXTRACTION),
        FakeReply.error(429, retry_after=2),
        FakeReply.refusal("No."),
        FakeReply.text("streamed answer, in several pieces"),
    )
    sdk = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0)
    try:
        first = sdk.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
        )
        assert json.loads(first.choices[0].message.content or "") == EXTRACTION
        assert first.usage is not None and first.usage.total_tokens > 0

        with pytest.raises(openai.RateLimitError) as limited:
            sdk.chat.completions.create(
                model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
            )
        assert limited.value.response.headers["retry-after"] == "2"
        assert limited.value.code == "rate_limit_exceeded"

        refused = sdk.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
        )
        assert refused.choices[0].message.refusal == "No."

        stream = sdk.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "x"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks: list[ChatCompletionChunk] = list(stream)
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text == "streamed answer, in several pieces"
        assert chunks[-1].usage is not None
        assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"

        assert [m.id for m in sdk.models.list()] == ["gpt-4o-mini"]
    finally:
        sdk.close()


# --- responders and FakeModel ----------------------------------------------------------------


def test_queue_comes_before_the_responder(server: FakeOpenAIServer, client: ChatClient) -> None:
    server.respond_with(lambda request: f"echo {request.messages[-1]['content']}")
    server.enqueue("scripted")
    assert client.complete(REQUEST).content == "scripted"
    assert client.complete(REQUEST).content == "echo Summarise."
    assert server.pending == 0


def test_a_failing_responder_is_a_500_and_recorded(
    server: FakeOpenAIServer, client: ChatClient
) -> None:
    def broken(_request: FakeRequest) -> str:
        raise RuntimeError("bug in my test")

    server.respond_with(broken)
    with pytest.raises(ModelUnavailable):
        client.complete(REQUEST)
    assert isinstance(server.errors[0], RuntimeError)


def test_fake_model_answers_every_request() -> None:
    with FakeModel(EXTRACTION) as fake:
        settings = ClientSettings(base_url=fake.base_url, api_key="test")
        with ChatClient(settings) as chat:
            for _ in range(3):
                assert json.loads(chat.complete(REQUEST).content or "") == EXTRACTION
        assert len(fake.requests) == 3


def test_fake_model_from_a_function_and_a_pydantic_model() -> None:
    extraction = LLMExtraction.model_validate(EXTRACTION)

    def answer(request: FakeRequest) -> Any:
        if "refuse" in request.messages[-1]["content"]:
            return FakeReply.refusal()
        return extraction

    with (
        FakeModel(answer) as fake,
        ChatClient(ClientSettings(base_url=fake.base_url, api_key="test")) as chat,
    ):
        result = chat.complete(REQUEST)
        assert LLMExtraction.model_validate_json(result.content or "") == extraction
        with pytest.raises(ModelRefused):
            chat.complete(
                REQUEST.model_copy(update={"messages": [{"role": "user", "content": "refuse"}]})
            )


def test_async_adapter_with_many_concurrent_tasks() -> None:
    async def main() -> None:
        with FakeModel(lambda r: {"echo": r.messages[0]["content"]}) as fake:
            settings = ClientSettings(base_url=fake.base_url, api_key="test", max_connections=8)
            async with AsyncChatClient(settings) as chat:
                results: dict[int, str] = {}

                async def one(i: int) -> None:
                    request = ChatRequest(model="m", messages=[{"role": "user", "content": str(i)}])
                    results[i] = (await chat.complete(request)).content or ""

                async with anyio.create_task_group() as group:
                    for i in range(32):
                        group.start_soon(one, i)
            assert {i: json.loads(c)["echo"] for i, c in results.items()} == {
                i: str(i) for i in range(32)
            }
            assert len(fake.requests) == 32

    anyio.run(main)


# --- lifecycle and secrets -------------------------------------------------------------------


def test_close_ends_a_request_in_flight_promptly() -> None:
    server = FakeOpenAIServer().start()
    server.enqueue(FakeReply.delay(30))
    outcome: list[BaseException | int] = []

    def call() -> None:
        try:
            outcome.append(post(server, CHAT).status_code)
        except httpx.HTTPError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    while not server.requests:
        time.sleep(0.01)
    started = time.monotonic()
    server.close()
    worker.join(5)
    assert time.monotonic() - started < 2
    assert outcome and isinstance(outcome[0], httpx.HTTPError)
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_the_key_never_leaks(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[ModelError] = []
    with FakeOpenAIServer(api_key="sk-a-different-key-9999") as guarded:
        settings = ClientSettings(base_url=guarded.base_url, api_key=KEY, max_attempts=2)
        with ChatClient(settings, sleep=lambda _s: None) as chat:
            texts = [repr(settings), repr(chat), str(settings.model_dump())]
            try:
                chat.complete(REQUEST)
            except ModelError as exc:
                errors.append(exc)
        with FakeOpenAIServer() as echo:
            # A server that echoes the key back in full, on a retried status.
            echo.enqueue(
                FakeReply.error(503, f"proxy failure for Bearer {KEY}"),
                FakeReply.error(502, f"upstream rejected key {KEY}"),
            )
            settings = ClientSettings(base_url=echo.base_url, api_key=KEY, max_attempts=2)
            with ChatClient(settings, sleep=lambda _s: None) as chat:
                try:
                    chat.complete(REQUEST)
                except ModelError as exc:
                    errors.append(exc)
            recorded = guarded.requests + echo.requests
    assert [type(e) for e in errors] == [AuthenticationFailed, ModelUnavailable]
    for err in errors:
        texts += [str(err), repr(err), repr(vars(err)), "".join(traceback.format_exception(err))]
    texts += [repr(r) for r in recorded]
    texts += [r.getMessage() for r in caplog.records]
    assert recorded and caplog.records
    for text in texts:
        assert KEY not in text
        assert "SECRET-123" not in text
