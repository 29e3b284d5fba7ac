"""Configuration as an explicit object with documented defaults.

Environment variables are read here and nowhere else (`Config.from_env`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ._exceptions import ConfigError

__all__ = ["DEFAULT_MAX_CHARS", "DEFAULT_SUMMARY_SENTENCES", "Config", "EngineChoice"]

DEFAULT_MAX_CHARS = 500_000
"""Articles longer than this many characters are refused (about 100k words)."""

DEFAULT_SUMMARY_SENTENCES = 3
"""Sentences in the extractive summary (clamped to 2–5 by the contract)."""

EngineChoice = Literal["auto", "offline", "llm"]
"""`auto` picks `llm` when an LLM is configured, else `offline`."""


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
    model: str | None = Field(default=None, description="LLM model name (llm engine).")
    base_url: str | None = Field(default=None, description="OpenAI-compatible base URL.")
    api_key: str | None = Field(
        default=None, repr=False, exclude=True, description="API key; never serialised."
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
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValueError as exc:
            raise ConfigError(f"invalid configuration: {exc}") from exc

    @property
    def llm_configured(self) -> bool:
        """True when an API key or a base URL is set."""
        return bool(self.api_key or self.base_url)
