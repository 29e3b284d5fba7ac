"""The service's settings: the library's `Config` plus what only a server needs.

Environment variables are read here (`ServiceSettings.from_env`) and, for the library's
own settings, by `Config.from_env`; nowhere else in the service.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .._config import Config, validated
from .._exceptions import ConfigError

__all__ = [
    "DEFAULT_BURST",
    "DEFAULT_DATA_DIR",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_MAX_UPLOAD_BYTES",
    "DEFAULT_RATE",
    "ServiceSettings",
    "prepare_data_dir",
]

DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024
"""Largest `POST /v1/analyze` body: room for a `max_chars` article in UTF-8 or its HTML."""

DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024
"""Largest `POST /v1/jobs` body (a JSON list or a JSONL upload)."""

DEFAULT_MAX_IN_FLIGHT = 256
"""Analyses running or queued at once; one more gets 503 with `retry-after`."""

DEFAULT_RATE = 20.0
"""Requests per second a token may keep up (token bucket refill rate)."""

DEFAULT_BURST = 100
"""Requests a token may send at once after a quiet spell (token bucket size)."""

DEFAULT_DATA_DIR = Path("summarizer-data")
"""Where jobs are kept (`<data-dir>/jobs/<id>/`), relative to the working directory."""


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
    rate: float = Field(default=DEFAULT_RATE, gt=0, description="Requests/s per token.")
    burst: int = Field(default=DEFAULT_BURST, ge=1, description="Bucket size per token.")
    processes: int = Field(
        default=0, ge=0, description="Offline analyses in this many processes (0: threads)."
    )
    retry_after: int = Field(default=1, ge=1, description="Seconds advised with a 503.")

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        config: Config | None = None,
        **overrides: object,
    ) -> ServiceSettings:
        """Settings from `SUMMARIZER_API_TOKENS` (comma-separated), `SUMMARIZER_TOKEN_FILE`
        and `SUMMARIZER_DATA_DIR`, the library's from `Config.from_env`; explicit
        `overrides` (None values ignored) win."""
        env = os.environ if env is None else env
        tokens = tuple(t.strip() for t in env.get("SUMMARIZER_API_TOKENS", "").split(","))
        values: dict[str, object] = {
            "config": config if config is not None else Config.from_env(env),
            "api_tokens": tuple(t for t in tokens if t),
            "token_file": env.get("SUMMARIZER_TOKEN_FILE") or None,
            "data_dir": env.get("SUMMARIZER_DATA_DIR") or DEFAULT_DATA_DIR,
        }
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
