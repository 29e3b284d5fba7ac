"""Cassettes: the key, the scrubbing, recording, replay, and missing versus stale.

The network is faked at the transport (`httpx.MockTransport`), the boundary the recorder
wraps; what is asserted is what lands on disk and what the client gets back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer._evals._cassettes import (
    FIXTURE_NOTE,
    REDACTED,
    CassetteStore,
    RecordingTransport,
    ReplayTransport,
    canonical_body,
    cassette_key,
    model_directory,
    scrub_headers,
    scrub_text,
    scrub_value,
)

KEY = "sk-proj-" + "A1b2C3d4" * 6
ORG = "org-" + "Zq9" * 8
PROJECT = "proj_" + "Xy7" * 8
BODY: dict[str, Any] = {
    "model": "gpt-4o-mini",
    "messages": [
        {"role": "system", "content": "Extract quotes."},
        {"role": "user", "content": "The mayor said it."},
    ],
    "response_format": {"type": "json_object"},
    "temperature": 0.0,
    "max_tokens": 4096,
}
COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 0,
    "model": "gpt-4o-mini-2024-07-18",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": '{"ok": true}', "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13},
}


def post(client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return client.post(
        "https://api.example.com/v1/chat/completions?api-key=" + KEY,
        json=body,
        headers={
            "Authorization": f"Bearer {KEY}",
            "OpenAI-Organization": ORG,
            "OpenAI-Project": PROJECT,
        },
    )


def test_key_ignores_key_order_whitespace_and_bookkeeping_fields() -> None:
    reordered = dict(reversed(list(BODY.items())))
    assert cassette_key(BODY) == cassette_key(reordered)
    assert cassette_key(json.dumps(BODY, indent=4).encode()) == cassette_key(BODY)
    assert cassette_key({**BODY, "user": "someone", "metadata": {"run": 2}}) == cassette_key(BODY)
    assert "user" not in canonical_body({**BODY, "user": "x"})


@pytest.mark.parametrize(
    "change",
    [
        {"model": "gpt-4o"},
        {"temperature": 0.2},
        {"seed": 7},
        {"max_tokens": 100},
        {"response_format": {"type": "json_schema"}},
        {"messages": [{"role": "system", "content": "Extract quotes!"}]},
    ],
)
def test_key_changes_with_what_determines_the_answer(change: dict[str, Any]) -> None:
    assert cassette_key({**BODY, **change}) != cassette_key(BODY)


def test_scrub_text_removes_keys_org_and_project_ids_and_given_secrets() -> None:
    text = f"key {KEY} org {ORG} project {PROJECT} Bearer abc.def and my-own-secret here"
    clean = scrub_text(text, ["my-own-secret"])
    for secret in (KEY, ORG, PROJECT, "abc.def", "my-own-secret"):
        assert secret not in clean
    assert clean.count(REDACTED) == 5
    # Short look-alikes in ordinary prose are not mangled.
    assert scrub_text("an org-chart and sk-ills") == "an org-chart and sk-ills"


def test_scrub_headers_and_values() -> None:
    headers = scrub_headers(
        [
            ("Authorization", f"Bearer {KEY}"),
            ("api-key", KEY),
            ("OpenAI-Organization", ORG),
            ("Set-Cookie", "__cf_bm=abc"),
            ("Content-Encoding", "gzip"),
            ("x-request-id", "req_1"),
        ]
    )
    assert headers == {
        "authorization": REDACTED,
        "api-key": REDACTED,
        "openai-organization": REDACTED,
        "x-request-id": "req_1",
    }
    assert scrub_value({"a": [f"x {KEY}", 3, None]}) == {"a": [f"x sk-{REDACTED}", 3, None]}


def test_recording_scrubs_everything_before_writing(tmp_path: Path) -> None:
    def upstream(request: httpx.Request) -> httpx.Response:
        # A server that echoes the key and the organisation back, as error bodies do.
        echoed = {**COMPLETION, "system_fingerprint": f"{KEY} {ORG}"}
        return httpx.Response(
            200,
            json=echoed,
            headers={"openai-organization": "acme-research", "set-cookie": "s=1"},
        )

    store = CassetteStore(tmp_path, model="gpt-4o-mini")
    recorder = RecordingTransport(store, inner=httpx.MockTransport(upstream))
    with store.case("suite/one", "a" * 64), httpx.Client(transport=recorder) as client:
        response = post(client, BODY)
    assert response.status_code == 200
    assert response.json()["choices"][0]["message"]["content"] == '{"ok": true}'

    files = sorted(p.name for p in tmp_path.iterdir())
    key = cassette_key(BODY)
    assert files == [f"{key}.json", "index.json"]
    raw = (tmp_path / f"{key}.json").read_text(encoding="utf-8")
    for secret in (KEY, ORG, PROJECT, "acme-research", "s=1"):
        assert secret not in raw
    cassette = json.loads(raw)
    assert cassette["fixture"] is False and cassette["note"] is None
    assert cassette["request"]["url"] == "https://api.example.com/v1/chat/completions"
    assert cassette["request"]["headers"]["authorization"] == REDACTED
    assert cassette["request"]["body"]["messages"] == BODY["messages"]
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert index["cases"] == {"suite/one": {"article_sha256": "a" * 64, "keys": [key]}}


def test_transient_failures_are_passed_on_but_not_recorded(tmp_path: Path) -> None:
    replies = iter([httpx.Response(429, json={"error": {"message": "slow down"}})])

    def upstream(request: httpx.Request) -> httpx.Response:
        return next(replies, httpx.Response(200, json=COMPLETION))

    store = CassetteStore(tmp_path)
    recorder = RecordingTransport(store, inner=httpx.MockTransport(upstream))
    with httpx.Client(transport=recorder) as client:
        assert post(client, BODY).status_code == 429
        assert not list(tmp_path.glob("*.json"))
        assert post(client, BODY).status_code == 200
    assert (tmp_path / f"{cassette_key(BODY)}.json").is_file()


def test_fixture_recordings_are_labelled(tmp_path: Path) -> None:
    store = CassetteStore(tmp_path)
    recorder = RecordingTransport(
        store,
        inner=httpx.MockTransport(lambda r: httpx.Response(200, json=COMPLETION)),
        fixture=True,
    )
    with store.case("suite/one"), httpx.Client(transport=recorder) as client:
        post(client, BODY)
    cassette = json.loads((tmp_path / f"{cassette_key(BODY)}.json").read_text(encoding="utf-8"))
    assert cassette["fixture"] is True and cassette["note"] == FIXTURE_NOTE
    assert json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))["fixture"] is True


def record_one(directory: Path, body: dict[str, Any], case: str = "suite/one") -> None:
    store = CassetteStore(directory)
    recorder = RecordingTransport(
        store, inner=httpx.MockTransport(lambda r: httpx.Response(200, json=COMPLETION))
    )
    with store.case(case, "a" * 64), httpx.Client(transport=recorder) as client:
        post(client, body)


def test_replay_answers_from_the_cassette(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/one", "a" * 64) as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        response = post(client, dict(reversed(list(BODY.items()))))  # same request, reordered
    assert response.status_code == 200
    assert response.json() == COMPLETION
    assert state.replayed == 1 and not state.misses


def test_a_changed_prompt_is_stale_and_says_what_changed(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    changed = {**BODY, "messages": [BODY["messages"][0] | {"content": "Extract all quotes."}]}
    changed["messages"].append(BODY["messages"][1])
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/one", "a" * 64) as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        response = post(client, changed)
    assert response.status_code == 404
    assert response.headers["x-should-retry"] == "false"
    [miss] = state.misses
    assert miss.kind == "stale_cassette"
    assert "'suite/one'" in miss.message
    assert "the prompt or parameters changed" in miss.message
    assert "messages[0] (system)" in miss.message
    assert cassette_key(BODY)[:12] in miss.message  # the recorded key
    assert response.json()["error"]["type"] == "stale_cassette"


def test_a_changed_article_and_a_changed_parameter_are_named(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/one", "b" * 64) as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        post(client, {**BODY, "temperature": 0.7})
    [miss] = state.misses
    assert "the article changed since the recording" in miss.message
    assert "differs in temperature" in miss.message


def test_a_case_never_recorded_is_missing(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/other") as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        assert post(client, {**BODY, "seed": 1}).status_code == 404
    [miss] = state.misses
    assert miss.kind == "missing_cassette"
    assert "missing cassette for case 'suite/other'" in miss.message
    assert store.misses == [miss]


def test_more_requests_than_recorded_is_stale(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/one", "a" * 64) as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        assert post(client, BODY).status_code == 200
        assert post(client, {**BODY, "max_tokens": 8192}).status_code == 404
    [miss] = state.misses
    assert miss.kind == "stale_cassette"
    assert "more requests than the 1 recorded" in miss.message


async def _replay_async(store: CassetteStore) -> httpx.Response:
    async with httpx.AsyncClient(transport=ReplayTransport(store)) as client:
        return await client.post("http://x.invalid/v1/chat/completions", json=BODY)


def test_replay_serves_async_clients(tmp_path: Path) -> None:
    import asyncio

    record_one(tmp_path, BODY)
    store = CassetteStore(tmp_path)
    response = asyncio.run(_replay_async(store))
    assert response.status_code == 200 and store.replayed == 1


def test_model_directory_names_are_safe(tmp_path: Path) -> None:
    assert model_directory(tmp_path, "gpt-4o-mini") == tmp_path / "gpt-4o-mini"
    assert (
        model_directory(tmp_path, "meta-llama/Llama-3.1:8b") == tmp_path / "meta-llama_Llama-3.1_8b"
    )
    assert model_directory(tmp_path, "../..").name == "model"


def test_a_corrupt_cassette_is_a_bad_cassette_not_a_retried_failure(tmp_path: Path) -> None:
    record_one(tmp_path, BODY)
    (tmp_path / f"{cassette_key(BODY)}.json").write_text("{not json", encoding="utf-8")
    store = CassetteStore(tmp_path)
    with (
        store.case("suite/one", "a" * 64) as state,
        httpx.Client(transport=ReplayTransport(store)) as client,
    ):
        response = post(client, BODY)
    assert response.status_code == 404 and response.headers["x-should-retry"] == "false"
    [miss] = state.misses
    assert miss.kind == "bad_cassette" and "not a cassette" in miss.message
