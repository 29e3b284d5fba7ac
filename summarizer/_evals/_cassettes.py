"""Recorded model calls: cassettes, and the httpx transports that write and replay them.

A *cassette* is one HTTP exchange with the model endpoint, stored as a JSON file
``<directory>/<key>.json``. Its key is the SHA-256 of what determines the answer: the
request's JSON body (model, messages, response_format or tools, temperature, seed,
max_tokens, …) canonicalised with sorted keys and no insignificant whitespace, minus the
fields that never change an answer (`IGNORED_BODY_FIELDS`). Headers, the URL and the API
key are not part of the key, so a recording made against one endpoint replays anywhere.

``index.json`` beside the cassettes maps each eval case to the keys its run requested, in
order, and the SHA-256 of its article. That is what tells a *stale* cassette (the case was
recorded, but the prompt, schema or parameters have changed since, so the request hashes
differently) from a *missing* one (the case was never recorded).

`RecordingTransport` sends requests on to a real transport and writes what came back;
`ReplayTransport` answers from the cassettes and never opens a socket. Both plug into the
llm engine through `Summarizer(transport=…, async_transport=…)`. A replay miss is answered
with an HTTP 404 carrying ``x-should-retry: false`` (so the client's retry loop gives up at
once) and is remembered on the current case (`CassetteStore.case`), where the eval runner
picks it up and reports it, with the case and the reason, as the case's error.

Before anything is written, `scrub_headers` / `scrub_value` remove credentials: the
``Authorization``, ``api-key`` and organisation / project headers, cookies, any text that
looks like an OpenAI key (``sk-…``), organisation (``org-…``) or project (``proj_…``) id or
bearer token, and the exact key the request carried wherever it is echoed.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer._exceptions import SummarizerError

__all__ = [
    "CASSETTE_SCHEMA_VERSION",
    "FIXTURE_NOTE",
    "IGNORED_BODY_FIELDS",
    "REDACTED",
    "CaseEntry",
    "CaseState",
    "Cassette",
    "CassetteError",
    "CassetteIndex",
    "CassetteMiss",
    "CassetteStore",
    "RecordedRequest",
    "RecordedResponse",
    "RecordingTransport",
    "ReplayTransport",
    "canonical_body",
    "cassette_key",
    "current_case",
    "model_directory",
    "scrub_headers",
    "scrub_text",
    "scrub_value",
]

CASSETTE_SCHEMA_VERSION = 1
"""Version of the cassette and index file shapes."""

FIXTURE_NOTE = "hand-written, not a model's output"
"""The `note` every fixture cassette carries."""

REDACTED = "[REDACTED]"
"""What a scrubbed secret is replaced with."""

IGNORED_BODY_FIELDS = frozenset({"user", "metadata", "store", "stream_options"})
"""Request-body fields left out of the key: bookkeeping for the provider, not the answer."""

# Request and response headers whose values are credentials or account identifiers.
_SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "api-key",
        "x-api-key",
        "openai-api-key",
        "openai-organization",
        "openai-project",
        "cookie",
    }
)
# Dropped, not redacted: cookies are useless in a replay, and the body is stored decoded,
# so its transfer framing no longer applies.
_DROPPED_HEADERS = frozenset(
    {"set-cookie", "content-encoding", "content-length", "transfer-encoding", "connection"}
)
_SECRET_TEXT = (
    (re.compile(r"(?i)\b(bearer\s+)[^\s\"',;]+"), r"\1" + REDACTED),
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}"), "sk-" + REDACTED),
    (re.compile(r"\borg-[A-Za-z0-9]{16,}"), "org-" + REDACTED),
    (re.compile(r"\bproj_[A-Za-z0-9]{16,}"), "proj_" + REDACTED),
)
# Statuses worth keeping: a final answer. Transient failures (rate limits, outages) and
# authentication failures say something about the moment or the account, not the prompt;
# the client retries the former, and the retry's answer is the one recorded.
_TRANSIENT = frozenset({401, 403, 408, 409, 429})
_MODEL_DIR_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_KEY = re.compile(r"^[0-9a-f]{64}$")
_NO_KEY_PLACEHOLDERS = frozenset({"no-key", "test", ""})


class CassetteError(SummarizerError):
    """A cassette or cassette index that cannot be read or written."""

    type = "cassette_error"


# --- keys and scrubbing ---------------------------------------------------------------------


def canonical_body(body: bytes | str | Mapping[str, Any]) -> dict[str, Any]:
    """The request body as a dict without `IGNORED_BODY_FIELDS` (non-JSON: under `_raw`)."""
    if isinstance(body, Mapping):
        data: Any = dict(body)
    else:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            data = json.loads(text) if text.strip() else {}
        except json.JSONDecodeError:
            data = {"_raw": text}
    if not isinstance(data, dict):
        data = {"_raw": data}
    return {k: v for k, v in data.items() if k not in IGNORED_BODY_FIELDS}


def cassette_key(body: bytes | str | Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical request body: sorted keys, compact separators."""
    canonical = json.dumps(
        canonical_body(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scrub_text(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with the given secrets and anything shaped like a key or account id removed."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _SECRET_TEXT:
        text = pattern.sub(replacement, text)
    return text


def scrub_value(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A JSON value with `scrub_text` applied to every string in it (keys included)."""
    found = tuple(secrets)
    if isinstance(value, str):
        return scrub_text(value, found)
    if isinstance(value, list):
        return [scrub_value(item, found) for item in value]
    if isinstance(value, dict):
        return {scrub_text(str(k), found): scrub_value(v, found) for k, v in value.items()}
    return value


def scrub_headers(
    headers: Iterable[tuple[str, str]], secrets: Iterable[str] = ()
) -> dict[str, str]:
    """Headers fit to store: credentials redacted, cookies and framing dropped, names lower."""
    found = tuple(secrets)
    clean: dict[str, str] = {}
    for name, value in headers:
        lowered = name.lower()
        if lowered in _DROPPED_HEADERS:
            continue
        clean[lowered] = REDACTED if lowered in _SECRET_HEADERS else scrub_text(value, found)
    return clean


def _request_secrets(request: httpx.Request) -> list[str]:
    """The credentials a request carries, to be removed wherever they are echoed."""
    secrets: list[str] = []
    for name in ("authorization", "api-key", "x-api-key", "openai-organization", "openai-project"):
        value = request.headers.get(name)
        if not value:
            continue
        token = value.split(None, 1)[1] if name == "authorization" and " " in value else value
        if token.strip() not in _NO_KEY_PLACEHOLDERS and len(token.strip()) >= 4:
            secrets.append(token.strip())
    return secrets


def _safe_url(url: httpx.URL) -> str:
    # Neither userinfo nor the query (some gateways take `?api-key=`) is kept.
    parts = urlsplit(str(url))
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def model_directory(root: str | Path, model: str) -> Path:
    """Where the cassettes of `model` live under `root`: one folder per model, name made safe."""
    safe = _MODEL_DIR_CHARS.sub("_", model).strip("._") or "model"
    return Path(root) / safe


# --- files ----------------------------------------------------------------------------------


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RecordedRequest(_File):
    """The request side of a cassette (scrubbed)."""

    method: str = Field(description="HTTP method.")
    url: str = Field(description="Scheme, host and path; no credentials, no query.")
    headers: dict[str, str] = Field(default_factory=dict, description="Scrubbed headers.")
    body: Any = Field(description="The JSON body, scrubbed (the key hashes the original).")


class RecordedResponse(_File):
    """The response side of a cassette (scrubbed, body decoded)."""

    status: int = Field(description="HTTP status.")
    headers: dict[str, str] = Field(default_factory=dict, description="Scrubbed headers.")
    body: Any = Field(default=None, description="The JSON body, when it was JSON.")
    text: str | None = Field(default=None, description="The body as text, when not JSON.")

    def content(self) -> bytes:
        """The body bytes to replay."""
        if self.text is not None:
            return self.text.encode("utf-8")
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


class Cassette(_File):
    """One recorded exchange with the model endpoint."""

    schema_version: int = Field(default=CASSETTE_SCHEMA_VERSION, description="File shape.")
    key: str = Field(description="SHA-256 of the canonical request body (`cassette_key`).")
    fixture: bool = Field(
        default=False,
        description="True for hand-written pipeline fixtures: never a model's output.",
    )
    note: str | None = Field(default=None, description=f"'{FIXTURE_NOTE}' for fixtures.")
    case: str | None = Field(default=None, description="The eval case that made the request.")
    recorded_at: datetime = Field(description="When it was recorded or written (UTC).")
    request: RecordedRequest = Field(description="What was sent.")
    response: RecordedResponse = Field(description="What came back.")


class CaseEntry(_File):
    """What the index knows about one recorded case."""

    article_sha256: str | None = Field(default=None, description="SHA-256 of its article.")
    keys: list[str] = Field(default_factory=list, description="Request keys, in order.")


class CassetteIndex(_File):
    """`index.json`: which requests each case made when it was recorded."""

    schema_version: int = Field(default=CASSETTE_SCHEMA_VERSION, description="File shape.")
    model: str | None = Field(default=None, description="The model the cassettes are of.")
    structured_mode: str | None = Field(
        default=None,
        description="The structured-output mode of the recording; a replay uses it so that "
        "its requests hash the same.",
    )
    fixture: bool = Field(default=False, description="True when written from fixtures.")
    cases: dict[str, CaseEntry] = Field(default_factory=dict, description="Per case.")


# --- the store and the current case ----------------------------------------------------------


@dataclass(frozen=True)
class CassetteMiss:
    """A request the replay could not answer, and why."""

    kind: Literal["missing_cassette", "stale_cassette", "bad_cassette"]
    case: str | None
    key: str
    message: str


@dataclass
class CaseState:
    """What happened to one case's requests in this run (see `CassetteStore.case`)."""

    case: str
    article_sha256: str | None
    position: int = 0
    keys: list[str] = field(default_factory=list)
    misses: list[CassetteMiss] = field(default_factory=list)
    replayed: int = 0
    recorded: int = 0
    fixtures: int = 0


_CURRENT: contextvars.ContextVar[CaseState | None] = contextvars.ContextVar(
    "summarizer_eval_case", default=None
)


class CassetteStore:
    """A folder of cassettes for one model, with its index.

    `case(...)` marks which eval case the requests made inside it belong to (a context
    variable, so concurrent tasks each see their own case).
    """

    def __init__(self, directory: str | Path, *, model: str | None = None) -> None:
        self.directory = Path(directory)
        self.model = model
        self._index: CassetteIndex | None = None
        self.replayed = 0
        self.recorded = 0
        self.fixtures = 0
        self.misses: list[CassetteMiss] = []

    # files

    def path_for(self, key: str) -> Path:
        """The file of the cassette with `key`."""
        if not _KEY.match(key):
            raise CassetteError(f"not a cassette key: {key!r}")
        return self.directory / f"{key}.json"

    def load(self, key: str) -> Cassette | None:
        """The cassette with `key`, or None when there is none."""
        path = self.path_for(key)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CassetteError(f"{path}: cannot read cassette: {exc.strerror}") from exc
        try:
            cassette = Cassette.model_validate_json(raw)
        except ValidationError as exc:
            raise CassetteError(f"{path}: not a cassette: {exc.errors()[0]['msg']}") from exc
        if cassette.schema_version > CASSETTE_SCHEMA_VERSION:
            raise CassetteError(
                f"{path}: written by a newer summarizer (schema {cassette.schema_version})"
            )
        return cassette

    def save(self, cassette: Cassette) -> Path:
        """Write `cassette` under its key (replacing an older recording of the same request)."""
        path = self.path_for(cassette.key)
        self._write(path, cassette.model_dump_json(indent=1) + "\n")
        return path

    @property
    def index(self) -> CassetteIndex:
        """The index (read on first use; empty when the folder has none)."""
        if self._index is None:
            path = self.directory / "index.json"
            try:
                self._index = CassetteIndex.model_validate_json(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                self._index = CassetteIndex(model=self.model)
            except (OSError, ValidationError) as exc:
                raise CassetteError(f"{path}: cannot read the cassette index: {exc}") from exc
        return self._index

    def save_index(self) -> None:
        """Write the index."""
        self._write(self.directory / "index.json", self.index.model_dump_json(indent=1) + "\n")

    def _write(self, path: Path, text: str) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)  # atomic: a crash never leaves half a cassette
        except OSError as exc:
            raise CassetteError(f"{path}: cannot write: {exc.strerror}") from exc

    # cases

    @contextlib.contextmanager
    def case(self, case: str, article_sha256: str | None = None) -> Iterator[CaseState]:
        """Attribute the requests made inside the block to `case`.

        On leaving, the keys recorded for the case (if any) replace its index entry and the
        index is written; replayed cases leave the index alone.
        """
        state = CaseState(case=case, article_sha256=article_sha256)
        token = _CURRENT.set(state)
        try:
            yield state
        finally:
            _CURRENT.reset(token)
            self.replayed += state.replayed
            self.recorded += state.recorded
            self.fixtures += state.fixtures
            self.misses.extend(state.misses)
            if state.recorded:
                self.index.cases[case] = CaseEntry(
                    article_sha256=article_sha256, keys=list(state.keys)
                )
                self.save_index()

    def explain_miss(self, state: CaseState | None, key: str, body: dict[str, Any]) -> CassetteMiss:
        """Why no cassette answers `key` for the current case: missing or stale."""
        case = state.case if state is not None else None
        label = repr(case) if case is not None else "(no case)"
        entry = self.index.cases.get(case) if case is not None else None
        step = state.position + 1 if state is not None else 1
        if entry is None or not entry.keys:
            return CassetteMiss(
                "missing_cassette",
                case,
                key,
                f"missing cassette for case {label}: request {step} (key {key[:12]}…) was "
                f"never recorded in {self.directory}; record it with "
                "`summarizer eval --engine llm --record`",
            )
        reasons: list[str] = []
        if (
            state is not None
            and state.article_sha256
            and entry.article_sha256
            not in (
                None,
                state.article_sha256,
            )
        ):
            reasons.append("the article changed since the recording")
        if step > len(entry.keys):
            reasons.append(f"the run made more requests than the {len(entry.keys)} recorded")
            expected = None
        else:
            expected = entry.keys[step - 1]
            recorded = self.load(expected)
            if recorded is None:
                reasons.append(f"the recorded cassette {expected[:12]}… is gone")
            else:
                changed = _differences(recorded.request.body, body)
                if changed:
                    reasons.append("differs in " + ", ".join(changed))
        detail = f"; {'; '.join(reasons)}" if reasons else ""
        recorded_key = f", recorded {expected[:12]}…" if expected else ""
        return CassetteMiss(
            "stale_cassette",
            case,
            key,
            f"stale cassette for case {label}: the prompt or parameters changed (request "
            f"{step}: key {key[:12]}…{recorded_key}{detail}); re-record with "
            "`summarizer eval --engine llm --record`",
        )


def current_case() -> CaseState | None:
    """The case requests are attributed to in this context, if any."""
    return _CURRENT.get()


def _differences(recorded: Any, current: dict[str, Any]) -> list[str]:
    """Top-level request fields (and message positions) that differ, for a stale report."""
    before = canonical_body(recorded if isinstance(recorded, dict) else {"_raw": recorded})
    after = canonical_body(current)
    out: list[str] = []
    for name in sorted(set(before) | set(after)):
        if before.get(name) == after.get(name):
            continue
        old, new = before.get(name), after.get(name)
        if name == "messages" and isinstance(old, list) and isinstance(new, list):
            for position in range(max(len(old), len(new))):
                a = old[position] if position < len(old) else None
                b = new[position] if position < len(new) else None
                if a != b:
                    role = (b or a or {}).get("role", "?") if isinstance(b or a, dict) else "?"
                    out.append(f"messages[{position}] ({role})")
        else:
            out.append(name)
    return out


# --- transports -------------------------------------------------------------------------------


def _json_or_text(content: bytes) -> tuple[Any, str | None]:
    try:
        return json.loads(content.decode("utf-8")), None
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, content.decode("utf-8", "replace")


class _CassetteTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, store: CassetteStore) -> None:
        self.store = store


class ReplayTransport(_CassetteTransport):
    """Answers every request from the store's cassettes; never touches the network.

    A request without a cassette gets a 404 JSON error (``x-should-retry: false``) whose
    message says missing or stale, and the miss is kept on the current case.
    """

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request from a cassette."""
        return self._answer(request, request.read())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request from a cassette (async clients)."""
        return self._answer(request, await request.aread())

    def _answer(self, request: httpx.Request, body: bytes) -> httpx.Response:
        key = cassette_key(body)
        state = current_case()
        miss: CassetteMiss | None = None
        try:
            cassette = self.store.load(key)
            if cassette is None:
                miss = self.store.explain_miss(state, key, canonical_body(body))
        except CassetteError as exc:
            # Raised from a transport it would reach the client as a connection failure,
            # and be retried; an answer carrying the reason ends the call at once.
            cassette = None
            case = state.case if state is not None else None
            miss = CassetteMiss("bad_cassette", case, key, exc.message)
        if cassette is not None:
            if state is not None:
                state.position += 1
                state.replayed += 1
                state.fixtures += cassette.fixture
            else:
                self.store.replayed += 1
                self.store.fixtures += cassette.fixture
            return httpx.Response(
                cassette.response.status,
                headers=cassette.response.headers,
                content=cassette.response.content(),
                request=request,
            )
        assert miss is not None
        if state is not None:
            state.position += 1
            state.misses.append(miss)
        else:
            self.store.misses.append(miss)
        error = {"message": miss.message, "type": miss.kind, "code": miss.kind, "param": None}
        return httpx.Response(
            404,
            headers={"content-type": "application/json", "x-should-retry": "false"},
            content=json.dumps({"error": error}).encode("utf-8"),
            request=request,
        )


class RecordingTransport(_CassetteTransport):
    """Sends requests on to a real transport and writes each final answer as a cassette.

    `inner` / `async_inner` default to httpx's own transports. Transient failures (429,
    5xx, 408, 409) and authentication failures are passed through but not recorded: the
    client retries them and the answer that ends the call is the one kept. `fixture=True`
    labels every cassette written as a hand-written pipeline fixture.
    """

    def __init__(
        self,
        store: CassetteStore,
        *,
        inner: httpx.BaseTransport | None = None,
        async_inner: httpx.AsyncBaseTransport | None = None,
        fixture: bool = False,
    ) -> None:
        super().__init__(store)
        self._inner = inner
        self._async_inner = async_inner
        self.fixture = fixture

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request and record the answer."""
        if self._inner is None:
            self._inner = httpx.HTTPTransport()
        body = request.read()
        response = self._inner.handle_request(request)
        try:
            content = response.read()
        finally:
            response.close()
        return self._keep(request, body, response, content)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request and record the answer (async clients)."""
        if self._async_inner is None:
            self._async_inner = httpx.AsyncHTTPTransport()
        body = await request.aread()
        response = await self._async_inner.handle_async_request(request)
        try:
            content = await response.aread()
        finally:
            await response.aclose()
        return self._keep(request, body, response, content)

    def close(self) -> None:
        """Close the inner transport."""
        if self._inner is not None:
            self._inner.close()

    async def aclose(self) -> None:
        """Close the inner async transport."""
        if self._async_inner is not None:
            await self._async_inner.aclose()

    def _keep(
        self, request: httpx.Request, body: bytes, response: httpx.Response, content: bytes
    ) -> httpx.Response:
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS
        ]
        status = response.status_code
        if status not in _TRANSIENT and status < 500:
            self._record(request, body, status, response.headers.multi_items(), content)
        return httpx.Response(status, headers=headers, content=content, request=request)

    def _record(
        self,
        request: httpx.Request,
        body: bytes,
        status: int,
        headers: list[tuple[str, str]],
        content: bytes,
    ) -> None:
        key = cassette_key(body)
        secrets = _request_secrets(request)
        request_json, request_text = _json_or_text(body)
        response_json, response_text = _json_or_text(content)
        state = current_case()
        cassette = Cassette(
            key=key,
            fixture=self.fixture,
            note=FIXTURE_NOTE if self.fixture else None,
            case=state.case if state is not None else None,
            recorded_at=datetime.now(UTC),
            request=RecordedRequest(
                method=request.method,
                url=scrub_text(_safe_url(request.url), secrets),
                headers=scrub_headers(request.headers.multi_items(), secrets),
                body=scrub_value(request_json if request_text is None else request_text, secrets),
            ),
            response=RecordedResponse(
                status=status,
                headers=scrub_headers(headers, secrets),
                body=scrub_value(response_json, secrets),
                text=None if response_text is None else scrub_text(response_text, secrets),
            ),
        )
        self.store.save(cassette)
        index = self.store.index
        if self.store.model is not None:
            index.model = self.store.model
        index.fixture = index.fixture or self.fixture
        if state is not None:
            state.keys.append(key)
            state.recorded += 1
            state.position += 1
        else:
            self.store.recorded += 1
