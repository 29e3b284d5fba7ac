"""The HTTP service: the summarizer behind an authenticated API, with a page to try it.

`summarizer serve` (`_cli.py`) runs `create_app(settings)` (`_app.py`) under uvicorn.
`ServiceSettings` (`_settings.py`) holds the library's `Config` plus the server's own
settings; `ServiceSettings.from_env` reads `SUMMARIZER_API_TOKENS`, `SUMMARIZER_TOKEN_FILE`,
`SUMMARIZER_DATA_DIR` and `SUMMARIZER_ANALYSIS_TIMEOUT`, and `Config.from_env` the model
endpoint's variables.

Routes: `POST /v1/analyze` (`{"text"}` or `{"html"}`, optional `engine`, `model`) returns
the `Analysis` contract; `POST /v1/report` the same analysis as the self-contained HTML
report; `POST /v1/jobs` (a JSON list, or a JSONL upload) queues a batch job, `GET
/v1/jobs/{id}` gives its status and counts, `GET /v1/jobs/{id}/results` streams its JSONL
records; `GET /healthz`; `GET /openapi.json`; `GET /` the page (`_page.py`).

Design decisions:

- Tokens (`_auth.py`): from a file (one token, or `sha256:<hex>` of one, a line; `#`
  comments) and/or `SUMMARIZER_API_TOKENS` (comma-separated). Only SHA-256 hashes are
  kept; a presented token's hash is compared with `hmac.compare_digest` against every
  stored hash, no early exit. Every route but `/healthz` and the page needs one
  (`/openapi.json` too). A caller is its token's hash: jobs belong to it.
- Rate limit (`_limits.py`): a token bucket per token, `rate` requests/s, `burst` at
  most; empty: 429 with `retry-after`. Requests without a valid token: a bucket per
  client address.
- Body size (`_limits.py`): over `max_body_bytes` (`max_upload_bytes` for `/v1/jobs`),
  413: by `Content-Length` before parsing (a declared body of up to 1 MiB is read and
  dropped first, so the client gets the 413, not a reset), or counted while a chunked body
  streams, so a body is never read whole to find out. Articles over `Config.max_chars` are
  413 too.
- In flight (`_limits.py`): at most `max_in_flight` analyses, a quarter of them per token
  by default; one more gets 503 with `retry-after` at once (a try-acquire, never a queue).
- Off the loop (`_analysis.py`, `_workers.py`): the offline engine (HTML extraction
  included) runs in worker processes (`processes` a token, one per core by default; up to twice that
  while several tokens are busy, a free worker going to the token holding fewest); the llm
  engine's async client runs on the loop. So a slow model endpoint holds only its own
  requests; `/healthz` never waits.
- Time (`_analysis.py`, `_disconnect.py`): an analysis running over `analysis_timeout`
  is stopped (its worker killed, or its model call cancelled) and answered 504; one whose
  client disconnects is stopped the same way and its slot released; on SIGTERM requests
  get `shutdown_timeout` seconds, then are stopped (503 `server_stopping`), and every
  worker is killed.
- Jobs (`_jobs.py`): `<data-dir>/jobs/<id>/{input.jsonl, job.json, results.jsonl}`; one
  runner thread runs `run_batch` on each; on start, unfinished jobs are run again against
  the same results file, which resumes them (done ids skipped), so every article ends with
  exactly one record. JSONL lines naming a server `path` are refused (400).
- Errors (`_errors.py`): `{"error": {"type", "message"}}`. 400 bad JSON / engine not
  available, 401, 404, 413, 415, 422 invalid input, 429, 502 the model endpoint failed,
  503 overloaded or stopping, 504 over the time limit, and 503 + `retry-after` when the
  model endpoint rate-limits us (our upstream's quota, not the caller's: 429 would blame
  the caller's token).
- The model key: never in a response, a log line or an error; the library redacts it
  from upstream messages and the service redacts it again at its one error boundary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._settings import ServiceSettings

if TYPE_CHECKING:
    from ._app import create_app

__all__ = ["ServiceSettings", "create_app"]


def __getattr__(name: str) -> Any:
    # Lazily: every CLI command imports this package (for `serve`), and only `serve`
    # needs FastAPI.
    if name == "create_app":
        from ._app import create_app

        return create_app
    raise AttributeError(name)
