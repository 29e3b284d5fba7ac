"""Test doubles for code that uses the summarizer's LLM engine, or any OpenAI-compatible client.

Nothing here calls a real model. `FakeOpenAIServer` is a real HTTP server on 127.0.0.1 that
answers like the OpenAI chat-completions API, from a script::

    from summarizer.testing import FakeOpenAIServer, FakeReply

    with FakeOpenAIServer() as server:
        server.enqueue(
            FakeReply.error(429, retry_after=1.5),    # rate limited, then …
            FakeReply.json({"summary": {...}, "quotes": []}),  # … a structured answer
        )
        client = openai.OpenAI(base_url=server.base_url, api_key="test")
        ...
        assert server.requests[1].json["model"] == "gpt-4o-mini"

`FakeModel` is the shortcut for "a model that always answers this"::

    with FakeModel({"summary": {...}, "quotes": [...]}) as fake:
        analyze(text, engine="llm", base_url=fake.base_url, api_key="test")

Scripted replies (`FakeReply`): `text`, `json`, `invalid_json`, `truncated`, `refusal`,
`content_filter`, `tool_call`, `error` (any status; the API's own messages, `retry-after`,
`retry-after-ms`), `http` (any verbatim body), `drop_connection`, `delay` (for timeouts).
Requests carrying `tools` are answered with `message.tool_calls`; `stream: true` with
server-sent chunks. Recorded requests (`server.requests`) never hold the API key.
"""

from __future__ import annotations

from ._llm._fake import (
    DEFAULT_RATE_LIMIT_HEADERS,
    FakeModel,
    FakeOpenAIServer,
    FakeReply,
    FakeRequest,
    ReplyLike,
    Responder,
    estimate_tokens,
)

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
