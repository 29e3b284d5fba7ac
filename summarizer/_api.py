"""The Python API: `analyze()` for one call, `Summarizer` for configured, repeated use."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._config import Config, EngineChoice
from ._exceptions import ConfigError, EngineUnavailable
from ._input import check_text, read_article
from ._models import Analysis, EngineName
from ._offline._engine import analyze_offline

if TYPE_CHECKING:
    import httpx

    from ._llm._engine import LLMEngine

__all__ = ["Summarizer", "analyze", "resolve_engine"]


def resolve_engine(config: Config) -> EngineName:
    """The engine `config.engine` selects: `auto` is `llm` when a key or URL is set."""
    if config.engine == "auto":
        return "llm" if config.llm_configured else "offline"
    if config.engine == "llm" and not config.llm_configured:
        raise EngineUnavailable(
            "llm",
            "no model endpoint is configured: set OPENAI_API_KEY (OpenAI) or pass --base-url / "
            "OPENAI_BASE_URL (Azure, vLLM, Ollama, llama.cpp server); or use --engine offline",
        )
    return config.engine


class Summarizer:
    """Holds a configuration and analyses articles with it.

    Usable plainly, as a context manager, or as an async context manager::

        with Summarizer(engine="offline") as s:
            analysis = s.analyze(text)

    `transport` / `async_transport` (httpx transports) replace the network under the llm
    engine's clients: the eval suite records and replays model calls through them.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        **overrides: Any,
    ) -> None:
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
        self._llm: LLMEngine | None = None
        if self.engine == "llm":
            # Imported here so the offline path never loads the SDK.
            from ._llm._engine import LLMEngine

            self._llm = LLMEngine(self.config, transport=transport, async_transport=async_transport)

    def analyze(self, text: str, *, source: str | None = None) -> Analysis:
        """Analyse one article given as text."""
        check_text(text, max_chars=self.config.max_chars, source=source)
        if self._llm is not None:
            return self._llm.analyze(text)
        return analyze_offline(text, self.config)

    def analyze_file(self, path: str | Path, *, encoding: str | None = None) -> Analysis:
        """Read a text or HTML file and analyse its article."""
        article = read_article(path, max_chars=self.config.max_chars, encoding=encoding)
        return self.analyze(article.text, source=article.source)

    async def aanalyze(self, text: str, *, source: str | None = None) -> Analysis:
        """Analyse one article without blocking the event loop."""
        if self._llm is not None:
            check_text(text, max_chars=self.config.max_chars, source=source)
            return await self._llm.aanalyze(text)
        return await asyncio.to_thread(self.analyze, text, source=source)

    async def analyze_many(
        self, texts: Iterable[str], *, concurrency: int | None = None
    ) -> list[Analysis]:
        """Analyse several articles concurrently; results come back in input order.

        The first failure is raised (use `aanalyze` per article to handle errors one by one).
        """
        if self._llm is None:
            # The offline engine is CPU-bound and holds the GIL: one worker thread, in order.
            return [await self.aanalyze(t) for t in texts]
        limit = asyncio.Semaphore(concurrency or self.config.max_connections)

        async def one(text: str) -> Analysis:
            async with limit:
                return await self.aanalyze(text)

        return list(await asyncio.gather(*(one(t) for t in texts)))

    def close(self) -> None:
        """Close the sync model client, if one was opened."""
        if self._llm is not None:
            self._llm.close()

    async def aclose(self) -> None:
        """Close every model client this object opened."""
        if self._llm is not None:
            await self._llm.aclose()

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
        await self.aclose()


def analyze(text: str, *, engine: EngineChoice = "auto", **options: Any) -> Analysis:
    """Analyse one article with a one-off `Summarizer` (see `Config` for `options`)."""
    return Summarizer(engine=engine, **options).analyze(text)
