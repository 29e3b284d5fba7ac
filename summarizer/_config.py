"""Configuration as an explicit object with documented defaults.

Environment variables are read here and nowhere else (`Config.from_env`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ._exceptions import ConfigError

__all__ = [
    "DEFAULT_CHUNK_OVERLAP_TOKENS",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_OUTPUT_TOKENS",
    "DEFAULT_MAX_REASKS",
    "DEFAULT_MODEL",
    "DEFAULT_SUMMARY_SENTENCES",
    "DEFAULT_TIMEOUT",
    "Config",
    "EngineChoice",
    "StructuredModeChoice",
    "validated",
]

DEFAULT_MAX_CHARS = 500_000
"""Articles longer than this many characters are refused (about 100k words)."""

DEFAULT_SUMMARY_SENTENCES = 3
"""Sentences in the extractive summary (clamped to 2–5 by the contract)."""

DEFAULT_MODEL = "gpt-4o-mini"
"""Model used by the llm engine when none is given."""

DEFAULT_MAX_OUTPUT_TOKENS = 4096
"""First output budget per request; doubled (up to the model's limit) when truncated."""

DEFAULT_MAX_REASKS = 2
"""Re-asks with the validation errors when the model's JSON does not fit the schema."""

DEFAULT_TIMEOUT = 180.0
"""Seconds to wait for a model's answer (read timeout)."""

DEFAULT_MAX_ATTEMPTS = 4
"""Requests per model call, transport retries included."""

DEFAULT_CHUNK_OVERLAP_TOKENS = 200
"""Tokens of whole paragraphs repeated between consecutive chunks of a long article."""

EngineChoice = Literal["auto", "offline", "llm"]
"""`auto` picks `llm` when an LLM is configured, else `offline`."""

StructuredModeChoice = Literal["auto", "json_schema", "json_object", "tools"]
"""How structured output is requested; `auto` picks by endpoint."""


class Config(BaseModel):
    """Everything that decides how an article is analysed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineChoice = Field(default="auto", description="Which engine to run.")
    max_chars: int = Field(
        default=DEFAULT_MAX_CHARS, gt=0, description="Refuse articles longer than this."
    )
    summary_sentences: int = Field(
        default=DEFAULT_SUMMARY_SENTENCES, ge=2, le=5, description="Sentences in the summary."
    )
    model: str | None = Field(
        default=None, description=f"LLM model name (llm engine; default {DEFAULT_MODEL})."
    )
    base_url: str | None = Field(default=None, description="OpenAI-compatible base URL.")
    api_key: str | None = Field(
        default=None, repr=False, exclude=True, description="API key; never serialised."
    )
    structured_mode: StructuredModeChoice = Field(
        default="auto", description="json_schema, json_object + schema, or function tools."
    )
    prompts_dir: Path | None = Field(
        default=None, description="A folder of prompt templates overriding the packaged ones."
    )
    model_table: Path | None = Field(
        default=None, description="JSON file overriding context windows and prices per model."
    )
    max_output_tokens: int = Field(
        default=DEFAULT_MAX_OUTPUT_TOKENS, gt=0, description="First output budget per request."
    )
    max_reasks: int = Field(
        default=DEFAULT_MAX_REASKS, ge=0, description="Re-asks after invalid JSON or schema."
    )
    temperature: float | None = Field(default=0.0, description="Sampling temperature.")
    seed: int | None = Field(default=None, description="Best-effort determinism seed.")
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, description="Read timeout, seconds.")
    max_attempts: int = Field(
        default=DEFAULT_MAX_ATTEMPTS, ge=1, description="Requests per call, retries included."
    )
    max_connections: int = Field(default=20, ge=1, description="Connection pool size.")
    max_chunk_tokens: int | None = Field(
        default=None, gt=0, description="Cap on article tokens per request (default: fit)."
    )
    chunk_overlap_tokens: int = Field(
        default=DEFAULT_CHUNK_OVERLAP_TOKENS, ge=0, description="Overlap between chunks."
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Config:
        """Build a config from `OPENAI_API_KEY` / `OPENAI_BASE_URL` / `SUMMARIZER_MODEL`,
        with explicit `overrides` (None values ignored) taking precedence."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "api_key": env.get("OPENAI_API_KEY") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
            "model": env.get("SUMMARIZER_MODEL") or None,
        }
        return validated(cls, values, overrides, "configuration")

    @property
    def llm_configured(self) -> bool:
        """True when an API key or a base URL is set."""
        return bool(self.api_key or self.base_url)


SettingsT = TypeVar("SettingsT", bound=BaseModel)


def validated(
    model: type[SettingsT], values: dict[str, object], overrides: Mapping[str, object], what: str
) -> SettingsT:
    """`values` with the non-None `overrides` on top, validated as `model`; a `ConfigError`
    ("invalid WHAT: …") when they do not fit."""
    values = {**values, **{k: v for k, v in overrides.items() if v is not None}}
    try:
        return model.model_validate(values)
    except ValueError as exc:
        raise ConfigError(f"invalid {what}: {exc}") from exc
