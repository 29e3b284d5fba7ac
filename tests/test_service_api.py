"""The HTTP API against a real uvicorn server on loopback, with httpx as the client."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer import Config, analyze
from summarizer._service._auth import TokenStore, hash_token
from summarizer.testing import FakeModel, FakeReply, FakeRequest

from .conftest import EXAMPLES
from .service_helpers import OTHER_TOKEN, TOKEN, auth, running, settings
from .test_llm_engine import GOOD

KEY = "sk-proj-ZEBRA-7c1d-DISTINCTIVE-key-31337"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("svc")
    with running(settings(tmp, max_body_bytes=64 * 1024, config=Config(max_chars=20_000))) as url:
        yield url


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def llm_config(base_url: str, **kw: Any) -> Config:
    return Config(
        base_url=base_url, api_key=KEY, structured_mode="json_schema", max_attempts=1, **kw
    )


# --- the contract ---------------------------------------------------------------------------


def test_healthz_needs_no_token(client: httpx.Client) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_analyze_returns_the_contract(client: httpx.Client, example_text: str) -> None:
    r = client.post("/v1/analyze", json={"text": example_text}, headers=auth())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["meta"]["engine"] == "offline"
    assert body["summary"]["headline"] and body["summary"]["text"]
    assert body["quotes"]
    for quote in body["quotes"]:
        assert example_text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["type"] in {"direct", "indirect", "mixed"}
    assert any(q["speaker"]["name"] == "Elena Ortiz" for q in body["quotes"])
    # Exactly what the library gives.
    assert body == analyze(example_text, engine="offline").model_dump(mode="json")


def test_analyze_html(client: httpx.Client) -> None:
    html = (EXAMPLES / "article.html").read_text(encoding="utf-8")
    r = client.post("/v1/analyze", json={"html": html, "engine": "offline"}, headers=auth())
    assert r.status_code == 200, r.text
    assert r.json()["quotes"]


def test_report_is_the_html_view(client: httpx.Client, example_text: str) -> None:
    r = client.post("/v1/report", json={"text": example_text}, headers=auth())
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<mark class="hl s0' in r.text and "Content-Security-Policy" in r.text


def test_openapi_document(client: httpx.Client) -> None:
    assert client.get("/openapi.json").status_code == 401
    doc = client.get("/openapi.json", headers=auth()).json()
    assert {"/v1/analyze", "/v1/jobs", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/results"} <= set(
        doc["paths"]
    )


def test_page_is_offline(client: httpx.Client) -> None:
    for path in ("/", "/page.js", "/page.css"):
        r = client.get(path)
        assert r.status_code == 200
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert "http://" not in r.text and "https://" not in r.text


def test_openapi_lists_every_body_the_analysis_routes_take(client: httpx.Client) -> None:
    doc = client.get("/openapi.json", headers=auth()).json()
    for route in ("/v1/analyze", "/v1/report"):
        operation = doc["paths"][route]["post"]
        content = operation["requestBody"]["content"]
        assert set(content) == {"application/json", "text/plain", "text/html"}
        assert content["application/json"]["schema"]["properties"]["text"]
        assert {p["name"] for p in operation["parameters"]} == {"engine", "model"}
        assert "415" in operation["responses"]


# --- the article as a text or HTML body -----------------------------------------------------


def _as(content_type: str) -> dict[str, str]:
    return {**auth(), "content-type": content_type}


def test_plain_text_body_is_the_article(client: httpx.Client, example_text: str) -> None:
    expected = analyze(example_text, engine="offline").model_dump(mode="json")
    r = client.post("/v1/analyze", content=example_text.encode(), headers=_as("text/plain"))
    assert r.status_code == 200, r.text
    assert r.json() == expected
    # Decoded by its charset; a byte-order mark is not part of the article.
    for charset, raw in [
        ("utf-8", b"\xef\xbb\xbf" + example_text.encode()),
        ("UTF-16", example_text.encode("utf-16")),
        ('"windows-1252"', example_text.encode("cp1252", "replace")),
    ]:
        headers = _as(f"text/plain; charset={charset}")
        r = client.post("/v1/analyze", content=raw, headers=headers)
        assert r.status_code == 200, (charset, r.text)
        text = raw.decode(charset.strip('"')).removeprefix("\ufeff")
        assert r.json()["meta"]["article_sha256"] == analyze(text).meta.article_sha256
    # The engine and model come from the query; the report takes the same bodies.
    r = client.post(
        "/v1/analyze?engine=llm", content=example_text.encode(), headers=_as("text/plain")
    )
    assert r.status_code == 400 and r.json()["error"]["type"] == "engine_unavailable"
    r = client.post(
        "/v1/report?engine=offline",
        content=example_text.encode(),
        headers=_as("text/plain; charset=utf-8"),
    )
    assert r.status_code == 200 and '<mark class="hl s0' in r.text


def test_html_body_is_a_page(client: httpx.Client) -> None:
    html = (EXAMPLES / "article.html").read_text(encoding="utf-8")
    r = client.post("/v1/analyze", content=html.encode(), headers=_as("text/html"))
    assert r.status_code == 200, r.text
    expected = client.post("/v1/analyze", json={"html": html}, headers=auth()).json()
    assert r.json() == expected and expected["quotes"]


@pytest.mark.parametrize(
    ("content_type", "body", "status", "kind"),
    [
        ("application/x-www-form-urlencoded", b"text=hello", 415, "unsupported_media_type"),
        ("multipart/form-data; boundary=x", b"--x--", 415, "unsupported_media_type"),
        ("application/xml", b"<a/>", 415, "unsupported_media_type"),
        ("text/plain; charset=klingon", b"hello", 415, "unsupported_media_type"),
        ("text/plain", b"caf\xe9 au lait", 400, "decoding_error"),
        ("text/plain", b"   \n", 422, "empty_article"),
    ],
)
def test_other_bodies_are_refused_by_name(
    client: httpx.Client, content_type: str, body: bytes, status: int, kind: str
) -> None:
    for route in ("/v1/analyze", "/v1/report"):
        r = client.post(route, content=body, headers=_as(content_type))
        assert r.status_code == status, r.text
        assert r.json()["error"]["type"] == kind
        if status == 415 and "charset" not in content_type:
            message = r.json()["error"]["message"]
            assert "application/json, text/plain or text/html" in message


def test_json_body_may_take_engine_from_the_query_but_not_twice(client: httpx.Client) -> None:
    r = client.post(
        "/v1/analyze?engine=offline", json={"text": "Ann said: “hi there.”"}, headers=auth()
    )
    assert r.status_code == 200 and r.json()["meta"]["engine"] == "offline"
    r = client.post(
        "/v1/analyze?engine=offline",
        json={"text": "Ann said: “hi there.”", "engine": "llm"},
        headers=auth(),
    )
    assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request"
    assert "engine" in r.json()["error"]["message"]


def test_unavailable_engine_advises_api_callers(client: httpx.Client) -> None:
    r = client.post("/v1/analyze", json={"text": "Ann said hi.", "engine": "llm"}, headers=auth())
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["type"] == "engine_unavailable"
    # No CLI flags: an API caller cannot pass --base-url to someone else's server.
    assert "--" not in error["message"] and "--" not in error["hint"]
    assert "offline" in error["hint"]


# --- security headers -----------------------------------------------------------------------


def _script_source(html: str) -> str:
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def test_report_sends_its_policy_and_nosniff(client: httpx.Client, example_text: str) -> None:
    r = client.post("/v1/report", json={"text": example_text}, headers=auth())
    assert r.status_code == 200
    policy = r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert policy.startswith("default-src 'none'; ")
    assert "frame-ancestors 'none'" in policy
    assert f"script-src {_script_source(r.text)};" in policy
    # The same policy stands in the page, written as it reads (no &#39; entities).
    meta = policy.removesuffix("; frame-ancestors 'none'")
    assert f'<meta http-equiv="Content-Security-Policy" content="{meta}">' in r.text
    # The try-it page shows reports in a srcdoc frame, bound by the page's policy too:
    # that policy must admit the report's script, by the same hash.
    page_policy = client.get("/").headers["content-security-policy"]
    assert f"script-src 'self' {_script_source(r.text)};" in page_policy
    assert "'none'" not in page_policy.split("script-src", 1)[1].split(";", 1)[0]


def test_every_response_has_security_headers(client: httpx.Client) -> None:
    responses = [
        client.get("/healthz"),
        client.get("/"),
        client.get("/page.js"),
        client.get("/nowhere"),
        client.get("/v1/jobs/" + "0" * 32, headers=auth()),
        client.post("/v1/analyze", json={"text": "x"}),  # 401
        client.post("/v1/analyze", json={"text": "Ann said: “hi there.”"}, headers=auth()),
        client.post("/v1/analyze", content=b"a" * 70_000, headers=_as("text/plain")),  # 413
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 404, 404, 401, 200, 413]
    for r in responses:
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["referrer-policy"] == "no-referrer", r.url
        assert r.headers["x-frame-options"] == "DENY", r.url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], r.url
        assert r.headers.get_list("content-security-policy") == [
            r.headers["content-security-policy"]
        ]
    assert responses[0].headers["content-security-policy"] == (
        "default-src 'none'; frame-ancestors 'none'"
    )


# --- who gets in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic dG9rOng="}, auth("x" * 5)],
)
def test_missing_or_wrong_token_is_401(client: httpx.Client, headers: dict[str, str]) -> None:
    r = client.post("/v1/analyze", json={"text": "A said: “b.”"}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["type"] == "unauthorized"
    assert client.get("/v1/jobs/" + "0" * 32, headers=headers).status_code == 401


def test_token_store_keeps_hashes_and_reads_files(tmp_path: Path) -> None:
    file = tmp_path / "tokens"
    file.write_text(f"# ops\n\nplain-token\nsha256:{hash_token('hashed-token')}\n")
    store = TokenStore.load(["env-token"], file)
    assert len(store) == 3
    for token in ("plain-token", "hashed-token", "env-token"):
        assert store.verify(token) == hash_token(token)
    assert store.verify("hashed-token ") is None
    assert store.verify(hash_token("hashed-token")) is None  # the hash is not a token
    assert "plain-token" not in repr(vars(store))


def test_rate_limit_per_token(tmp_path: Path) -> None:
    with (
        running(settings(tmp_path, rate=0.01, burst=2)) as url,
        httpx.Client(base_url=url) as c,
    ):
        codes = [c.get("/v1/jobs/" + "0" * 32, headers=auth()).status_code for _ in range(3)]
        assert codes == [404, 404, 429]
        r = c.get("/v1/jobs/" + "0" * 32, headers=auth())
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert r.json()["error"]["type"] == "rate_limited"
        # Another token has its own bucket; /healthz has none.
        assert c.get("/v1/jobs/" + "0" * 32, headers=auth(OTHER_TOKEN)).status_code == 404
        assert all(c.get("/healthz").status_code == 200 for _ in range(5))


# --- errors ---------------------------------------------------------------------------------


def test_body_over_the_limit_by_content_length(client: httpx.Client) -> None:
    r = client.post(
        "/v1/analyze",
        content=b'{"text": "' + b"a" * 70_000 + b'"}',
        headers={**auth(), "content-type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "body_too_large"


def test_body_over_the_limit_while_streaming(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(20):
            yield b"a" * 4096
        yield b'"}'

    r = client.post(
        "/v1/analyze", content=chunks(), headers={**auth(), "content-type": "application/json"}
    )
    assert "content-length" not in r.request.headers
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "body_too_large"


def test_a_small_body_over_the_limit_is_read_before_its_413_a_big_one_is_not() -> None:
    # Closing on unread bytes makes the client's kernel reset the connection: a client still
    # sending a 70 KB body got "connection reset by peer" instead of the 413, under load.
    import asyncio

    from summarizer._service._limits import DRAIN_BYTES, BodyLimitMiddleware

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("an over-limit body never reaches the app")

    def run(size: int) -> tuple[int, list[str]]:
        events: list[str] = []
        chunks = [b"a" * 16_384] * (size // 16_384) + [b"a" * (size % 16_384)]

        async def receive() -> dict[str, Any]:
            events.append("read")
            body = chunks.pop(0)
            return {"type": "http.request", "body": body, "more_body": bool(chunks)}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                events.append(f"send {message['status']}")

        scope = {
            "type": "http",
            "path": "/v1/analyze",
            "headers": [(b"content-length", str(size).encode())],
        }
        asyncio.run(BodyLimitMiddleware(app, lambda path: 65_536)(scope, receive, send))
        return len(chunks), events

    left, events = run(70_000)
    assert left == 0 and events[-1] == "send 413" and events.count("read") == 5
    left, events = run(DRAIN_BYTES + 1)
    assert left > 0 and events == ["send 413"]


def test_article_over_max_chars_is_413(client: httpx.Client) -> None:
    r = client.post("/v1/analyze", json={"text": "word " * 5000}, headers=auth())
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "article_too_large"


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        (b"{not json", 400, "invalid_json"),
        (b'{"text": "a", "html": "<p>b</p>"}', 422, "validation_error"),
        (b"{}", 422, "validation_error"),
        (b'{"text": 5}', 422, "validation_error"),
        (b'{"text": "a", "engine": "gpt"}', 422, "validation_error"),
        (b'{"text": "   "}', 422, "empty_article"),
        (b'{"text": "a", "engine": "llm"}', 400, "engine_unavailable"),
        # JSON the server cannot read is bad JSON too, whatever stops the parser.
        (b'{"text": "caf\xe9"}', 400, "invalid_json"),  # Latin-1, not UTF-8
        (b'{"text": "a", "engine": ' + b"9" * 5000 + b"}", 400, "invalid_json"),
        (b'{"text": "a", "m": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", 400, "invalid_json"),
    ],
)
def test_bad_requests(client: httpx.Client, body: bytes, status: int, kind: str) -> None:
    r = client.post(
        "/v1/analyze", content=body, headers={**auth(), "content-type": "application/json"}
    )
    assert r.status_code == status, r.text
    assert r.json()["error"]["type"] == kind
    assert r.json()["error"]["message"]


@pytest.mark.parametrize("route", ["/v1/analyze", "/v1/report"])
@pytest.mark.parametrize(
    "body",
    [
        {"text": 'Ann said \ud800 "hi there"'},
        {"html": '<p>Ann said \udfff "hi there"</p>', "engine": "offline"},
    ],
)
def test_lone_surrogate_is_an_invalid_article(
    client: httpx.Client, route: str, body: dict[str, str]
) -> None:
    # Valid JSON ("\ud800" is an escape), but not text: a lone surrogate is no character.
    # (Escaped by json.dumps: httpx's `json=` would fail to encode it as UTF-8.)
    headers = {**auth(), "content-type": "application/json"}
    r = client.post(route, content=json.dumps(body).encode(), headers=headers)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["type"] == "invalid_article"
    assert "surrogate" in r.json()["error"]["message"]


def test_unknown_routes_and_jobs_are_404(client: httpx.Client) -> None:
    assert client.get("/nowhere").json()["error"]["type"] == "not_found"
    r = client.get("/v1/jobs/" + "f" * 32, headers=auth())
    assert r.status_code == 404 and r.json()["error"]["type"] == "not_found"
    assert client.get("/v1/jobs/../../etc", headers=auth()).status_code == 404


def test_model_failure_is_502_and_upstream_429_is_503(tmp_path: Path, example_text: str) -> None:
    with (
        FakeModel(FakeReply.error(500)) as fake,
        running(settings(tmp_path, config=llm_config(fake.base_url))) as url,
    ):
        r = httpx.post(url + "/v1/analyze", json={"text": example_text}, headers=auth())
        assert r.status_code == 502
        assert r.json()["error"]["type"] == "model_unavailable"
        fake.respond_with(lambda _r: FakeReply.error(429, retry_after=7))
        r = httpx.post(url + "/v1/analyze", json={"text": example_text}, headers=auth())
        assert r.status_code == 503
        assert r.json()["error"]["type"] == "rate_limited"
        assert r.headers["retry-after"] == "7"


def test_llm_engine_through_the_api(tmp_path: Path) -> None:
    from .test_llm_engine import ARTICLE

    with (
        FakeModel(GOOD, api_key=KEY) as fake,
        running(settings(tmp_path, config=llm_config(fake.base_url))) as url,
    ):
        r = httpx.post(url + "/v1/analyze", json={"text": ARTICLE}, headers=auth(), timeout=30)
        assert r.status_code == 200, r.text
        assert r.json()["meta"]["engine"] == "llm"
        r = httpx.post(
            url + "/v1/analyze", json={"text": ARTICLE, "engine": "offline"}, headers=auth()
        )
        assert r.json()["meta"]["engine"] == "offline"


def test_overload_is_503_and_healthz_stays_fast(tmp_path: Path, example_text: str) -> None:
    with (
        FakeModel(FakeReply.delay(1.5, then=FakeReply.json(GOOD))) as fake,
        running(
            settings(
                tmp_path,
                max_in_flight=2,
                max_in_flight_per_token=2,
                config=llm_config(fake.base_url, timeout=30),
            )
        ) as url,
    ):
        results: list[httpx.Response] = []

        def slow() -> None:
            results.append(
                httpx.post(
                    url + "/v1/analyze", json={"text": example_text}, headers=auth(), timeout=30
                )
            )

        threads = [threading.Thread(target=slow) for _ in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 5
        while httpx.get(url + "/healthz").json()["in_flight"] < 2:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        started = time.monotonic()
        assert httpx.get(url + "/healthz").status_code == 200
        assert time.monotonic() - started < 0.5
        r = httpx.post(url + "/v1/analyze", json={"text": example_text}, headers=auth())
        assert r.status_code == 503
        assert r.json()["error"]["type"] == "overloaded"
        assert r.headers["retry-after"] == "1"
        # An offline request is an analysis too: same bound.
        r = httpx.post(
            url + "/v1/analyze", json={"text": example_text, "engine": "offline"}, headers=auth()
        )
        assert r.status_code == 503
        for t in threads:
            t.join(30)
        assert [r.status_code for r in results] == [200, 200]


def test_model_key_never_leaves_the_server(
    tmp_path: Path,
    example_text: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    echo = FakeReply.http(500, {"error": {"message": f"upstream broke holding key {KEY}"}})
    with FakeModel(echo) as fake:
        from summarizer._service import ServiceSettings

        service = ServiceSettings.from_env(
            config=Config.from_env(base_url=fake.base_url, max_attempts=1),
            api_tokens=(TOKEN,),
            data_dir=tmp_path / "data",
        )
        assert service.config.api_key == KEY
        with running(service) as url, httpx.Client(base_url=url, timeout=30) as c:
            for reply in (echo, FakeReply.error(401), FakeReply.error(400, f"bad {KEY}")):

                def respond(_request: FakeRequest, reply: FakeReply = reply) -> FakeReply:
                    return reply

                fake.respond_with(respond)
                r = c.post("/v1/analyze", json={"text": example_text}, headers=auth())
                assert r.status_code == 502
                seen.append(r.text + str(r.headers))
            r = c.post(
                "/v1/jobs?engine=llm", json=[{"id": 1, "text": example_text}], headers=auth()
            )
            job = r.json()["id"]
            deadline = time.monotonic() + 20
            while c.get(f"/v1/jobs/{job}", headers=auth()).json()["status"] != "done":
                assert time.monotonic() < deadline
                time.sleep(0.05)
            for path in (f"/v1/jobs/{job}", f"/v1/jobs/{job}/results", "/openapi.json", "/"):
                r = c.get(path, headers=auth())
                seen.append(r.text + str(r.headers))
        assert fake.requests, "the model endpoint was called"
    seen.extend(record.getMessage() for record in caplog.records)
    seen.extend(p.read_text() for p in (tmp_path / "data").rglob("*.json*"))
    assert not [s for s in seen if KEY in s or KEY[8:] in s]
