"""The service's settings: the library's `Config` plus what only a server needs.

Environment variables are read here (`ServiceSettings.from_env`) and, for the library's
own settings, by `Config.from_env`; nowhere else in the service.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .._config import Config, validated
from .._exceptions import ConfigError

__all__ = [
    "DEFAULT_ANALYSIS_TIMEOUT",
    "DEFAULT_BURST",
    "DEFAULT_DATA_DIR",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "DEFAULT_PROCESSES",
    "DEFAULT_RATE",
    "DEFAULT_SHUTDOWN_TIMEOUT",
    "Retention",
    "ServiceSettings",
    "prepare_data_dir",
]

DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024
"""Largest `POST /v1/analyze` body: room for a `max_chars` article in UTF-8 or its HTML."""

DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024
"""Largest `POST /v1/jobs` body (a JSON list or a JSONL upload)."""

DEFAULT_MAX_IN_FLIGHT = 256
"""Analyses running or queued at once; one more gets 503 with `retry-after`."""

DEFAULT_PROCESSES = os.cpu_count() or 1
"""Worker processes for offline analyses one token may use at once: one per core."""

DEFAULT_RATE = 100.0 * DEFAULT_PROCESSES
"""Requests per second a token may keep up (token bucket refill rate): 100 a core, about
what one core analyses of a short news article, so that the cap does not hold one client
below what the machine serves. Requests without a valid token share a bucket of the same
size per client address."""

DEFAULT_BURST = 2 * int(DEFAULT_RATE)
"""Requests a token may send at once after a quiet spell (token bucket size)."""

DEFAULT_ANALYSIS_TIMEOUT = 120.0
"""Seconds one analysis may run (in its worker, or its model call) before it is stopped."""

DEFAULT_SHUTDOWN_TIMEOUT = 5
"""Seconds a stopping server waits for requests in progress before it cancels them."""

DEFAULT_DATA_DIR = Path("summarizer-data")
"""Where jobs are kept (`<data-dir>/jobs/<id>/`), relative to the working directory."""


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", re.IGNORECASE)


def _duration(value: object) -> object:
    """`7d`, `12h`, `30m`, `45s`, `2w` as a timedelta; ISO 8601 (`P7D`) and numbers (seconds)
    as pydantic reads them."""
    if isinstance(value, str) and not value.strip().upper().startswith(("P", "-")):
        found = _DURATION.fullmatch(value)
        if found is None:
            raise ValueError(f"{value!r} is not a duration such as 7d, 12h, 30m or 45s")
        return timedelta(seconds=float(found.group(1)) * _UNITS[found.group(2).lower()])
    return value


Retention = Annotated[timedelta, BeforeValidator(_duration), Field(gt=timedelta(0))]
"""How long a finished job is kept: `7d`, `12h`, `30m`, `45s`, `2w`, or a timedelta."""


class ServiceSettings(BaseModel):
    """Everything `summarizer serve` is configured by; `config` is the library's."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    config: Config = Field(default_factory=Config, description="How articles are analysed.")
    api_tokens: tuple[str, ...] = Field(
        default=(), repr=False, description="Accepted bearer tokens (hashed when loaded)."
    )
    token_file: Path | None = Field(
        default=None, description="A file of tokens or `sha256:<hex>` hashes, one a line."
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="Where jobs are persisted.")
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, gt=0)
    max_upload_bytes: int = Field(default=DEFAULT_MAX_UPLOAD_BYTES, gt=0)
    max_in_flight: int = Field(default=DEFAULT_MAX_IN_FLIGHT, ge=1)
    max_in_flight_per_token: int | None = Field(
        default=None,
        ge=1,
        description="Analyses one token may have in flight (default: a quarter of "
        "max_in_flight, at least 1), so no token can take every slot.",
    )
    rate: float = Field(default=DEFAULT_RATE, gt=0, description="Requests/s per token.")
    burst: int = Field(default=DEFAULT_BURST, ge=1, description="Bucket size per token.")
    processes: int = Field(
        default=DEFAULT_PROCESSES,
        ge=1,
        description="Worker processes one token's offline analyses may use at once; the "
        "pool grows to twice as many while several tokens are busy.",
    )
    analysis_timeout: float = Field(
        default=DEFAULT_ANALYSIS_TIMEOUT,
        gt=0,
        description="Seconds an analysis may run before it is stopped (504).",
    )
    shutdown_timeout: int = Field(
        default=DEFAULT_SHUTDOWN_TIMEOUT,
        ge=0,
        description="Seconds a stopping server waits for requests in progress.",
    )
    retry_after: int = Field(default=1, ge=1, description="Seconds advised with a 503.")
    job_retention: Retention | None = Field(
        default=None,
        description="Finished jobs are removed this long after they finish (None: kept).",
    )

    @property
    def per_token_in_flight(self) -> int:
        """`max_in_flight_per_token`, or its default: a quarter of `max_in_flight`."""
        if self.max_in_flight_per_token is not None:
            return min(self.max_in_flight_per_token, self.max_in_flight)
        return max(1, self.max_in_flight // 4)

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        config: Config | None = None,
        **overrides: object,
    ) -> ServiceSettings:
        """Settings from `SUMMARIZER_API_TOKENS` (comma-separated), `SUMMARIZER_TOKEN_FILE`,
        `SUMMARIZER_DATA_DIR`, `SUMMARIZER_JOB_RETENTION` and `SUMMARIZER_ANALYSIS_TIMEOUT`
        (seconds), the library's from `Config.from_env`; explicit `overrides` (None values
        ignored) win."""
        env = os.environ if env is None else env
        tokens = tuple(t.strip() for t in env.get("SUMMARIZER_API_TOKENS", "").split(","))
        values: dict[str, object] = {
            "config": config if config is not None else Config.from_env(env),
            "api_tokens": tuple(t for t in tokens if t),
            "token_file": env.get("SUMMARIZER_TOKEN_FILE") or None,
            "data_dir": env.get("SUMMARIZER_DATA_DIR") or DEFAULT_DATA_DIR,
            "job_retention": env.get("SUMMARIZER_JOB_RETENTION") or None,
        }
        if env.get("SUMMARIZER_ANALYSIS_TIMEOUT"):
            # A string: pydantic reads it as a number, or says which setting is wrong.
            values["analysis_timeout"] = env["SUMMARIZER_ANALYSIS_TIMEOUT"]
        return validated(cls, values, overrides, "service configuration")


def prepare_data_dir(data_dir: Path) -> Path:
    """Create `<data_dir>/jobs` and check that files can be written there; returns it.

    Raises `ConfigError` naming the folder and the reason in one line, so that `serve`
    says what is wrong instead of failing in the middle of its start-up."""
    jobs = data_dir / "jobs"
    try:
        jobs.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=jobs):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"the data dir {data_dir} cannot be used: {reason}") from exc
    return jobs
