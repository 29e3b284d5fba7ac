"""The Python API: `analyze()` for one call, `Summarizer` for configured, repeated use."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from ._config import Config, EngineChoice
from ._exceptions import ConfigError, EngineUnavailable
from ._input import check_text, read_article
from ._models import Analysis, EngineName
from ._offline._engine import analyze_offline

__all__ = ["Summarizer", "analyze", "resolve_engine"]

LLM_UNAVAILABLE = "the LLM engine is not part of this release yet; use --engine offline (or auto)"


def resolve_engine(config: Config) -> EngineName:
    """The engine that `config.engine` selects here; raises when it cannot run."""
    if config.engine == "llm":
        raise EngineUnavailable("llm", LLM_UNAVAILABLE)
    # `auto` means llm when one is configured; until the LLM engine ships it is offline.
    return "offline"


class Summarizer:
    """Holds a configuration and analyses articles with it.

    Usable plainly, as a context manager, or as an async context manager::

        with Summarizer(engine="offline") as s:
            analysis = s.analyze(text)
    """

    def __init__(self, config: Config | None = None, **overrides: Any) -> None:
        base = config if config is not None else Config.from_env()
        if overrides:
            # Re-validate (rather than model_copy) so a bad override fails here, not later;
            # api_key is excluded from dumps, so it is carried over by hand.
            try:
                base = Config.model_validate(
                    {**base.model_dump(), "api_key": base.api_key, **overrides}
                )
            except ValueError as exc:
                raise ConfigError(f"invalid configuration: {exc}") from exc
        self.config = base
        self.engine: EngineName = resolve_engine(self.config)

    def analyze(self, text: str, *, source: str | None = None) -> Analysis:
        """Analyse one article given as text."""
        check_text(text, max_chars=self.config.max_chars, source=source)
        return analyze_offline(text, self.config)

    def analyze_file(self, path: str | Path, *, encoding: str | None = None) -> Analysis:
        """Read a text or HTML file and analyse its article."""
        article = read_article(path, max_chars=self.config.max_chars, encoding=encoding)
        return self.analyze(article.text, source=article.source)

    async def aanalyze(self, text: str) -> Analysis:
        """Analyse one article without blocking the event loop."""
        return await asyncio.to_thread(self.analyze, text)

    async def analyze_many(self, texts: Iterable[str]) -> list[Analysis]:
        """Analyse several articles; results come back in input order."""
        # The offline engine is CPU-bound and holds the GIL: one worker thread, in order.
        return [await self.aanalyze(t) for t in texts]

    def close(self) -> None:
        """Release resources (none for the offline engine; kept for a uniform lifecycle)."""

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def analyze(text: str, *, engine: EngineChoice = "auto", **options: Any) -> Analysis:
    """Analyse one article with a one-off `Summarizer` (see `Config` for `options`)."""
    return Summarizer(engine=engine, **options).analyze(text)
