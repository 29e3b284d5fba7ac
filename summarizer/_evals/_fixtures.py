"""Hand-made pipeline fixtures: answers written from the gold, never a model's output.

They exist to exercise record and replay end to end (requests really go through the llm
engine, the recording transport, the scrubber, the cassette files, the replaying
transport, grounding and scoring) where no model can be called. Everything written from
them is labelled: each cassette carries ``"fixture": true`` and ``"note": FIXTURE_NOTE``,
the index says ``"fixture": true``, and a run that replays them is marked `fixture` in its
log and reported as a pipeline check, never as a model's score.

The answer for a case is its gold, as a model would propose it: each gold quote's text
(the longest part of a split quote), speaker name and the words at the attribution, cue,
type and stance; the key facts as the summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from summarizer._scoring import GoldDocument

from ._cassettes import CassetteStore, RecordingTransport, current_case

__all__ = ["fixture_answer", "fixture_recorder", "fixture_transport"]


def fixture_answer(doc: GoldDocument) -> dict[str, Any]:
    """The extraction answer (the `LLMExtraction` shape) a perfect model would give."""
    quotes = []
    for quote in doc.quotes:
        start, end = max(quote.spans, key=lambda span: span[1] - span[0])
        mention = None
        if quote.speaker_spans:
            m_start, m_end = quote.speaker_spans[0]
            mention = doc.text[m_start:m_end]
        quotes.append(
            {
                "text": doc.text[start:end],
                "paragraph": None,
                "type": quote.type or "indirect",
                "speaker": {
                    "name": quote.speaker,
                    "mention": mention or quote.speaker,
                    "role": None,
                    "kind": "person" if quote.speaker else "unknown",
                },
                "cue": quote.cue,
                "stance": quote.stance.model_dump() if quote.stance else None,
            }
        )
    return {"summary": _fixture_summary(doc), "quotes": quotes}


def _fixture_summary(doc: GoldDocument) -> dict[str, Any]:
    facts = list(doc.key_facts)
    first_line = next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
    headline = facts[0] if facts else first_line[:120]
    text = " ".join(facts) if facts else first_line
    return {"headline": headline, "text": text, "key_points": facts}


def _schema_of(body: Mapping[str, Any]) -> Mapping[str, Any]:
    response_format = body.get("response_format") or {}
    if "json_schema" in response_format:
        return dict(response_format["json_schema"].get("schema") or {})
    if "schema" in response_format:
        return dict(response_format["schema"] or {})
    for tool in body.get("tools") or ():
        return dict(tool.get("function", {}).get("parameters") or {})
    return {}


def _completion(body: Mapping[str, Any], answer: Mapping[str, Any], n: int) -> dict[str, Any]:
    content = json.dumps(answer, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "refusal": None,
            "tool_calls": [
                {
                    "id": f"call_fixture_{n}",
                    "type": "function",
                    "function": {"name": name, "arguments": content},
                }
            ],
        }
    prompt_tokens = sum(len(str(m.get("content") or "")) for m in body.get("messages", [])) // 4
    completion_tokens = len(content) // 4
    return {
        "id": f"chatcmpl-fixture-{n}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fixture"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def fixture_transport(
    docs: Mapping[str, GoldDocument],
    answer: Callable[[GoldDocument], dict[str, Any]] = fixture_answer,
) -> httpx.MockTransport:
    """A stand-in endpoint answering each case (by `CassetteStore.case` key) from its gold.

    Requests for the summary of a chunked article's summaries get the summary part alone.
    A request outside a known case is answered 404.
    """
    counter = iter(range(1, 1 << 62))

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read() or b"{}")
        state = current_case()
        doc = docs.get(state.case) if state is not None else None
        if doc is None:
            error = {"message": "no fixture for this request", "type": "fixture", "code": None}
            return httpx.Response(404, json={"error": error})
        full = answer(doc)
        wanted = full if "quotes" in _schema_of(body).get("properties", {}) else full["summary"]
        return httpx.Response(
            200,
            json=_completion(body, wanted, next(counter)),
            headers={"x-request-id": f"req_fixture_{state.case if state else ''}"},
        )

    return httpx.MockTransport(handler)


def fixture_recorder(
    directory: str | Path, docs: Mapping[str, GoldDocument], *, model: str
) -> tuple[CassetteStore, RecordingTransport]:
    """A store and a recording transport that write fixture cassettes for `docs`."""
    store = CassetteStore(directory, model=model)
    return store, RecordingTransport(store, inner=fixture_transport(docs), fixture=True)
