"""Running analyses for the API without ever blocking the event loop.

The offline engine (and HTML extraction) is CPU-bound Python: it runs in a thread pool,
or, with `processes > 0`, in a pool of spawned processes (each core used, and the event
loop's thread never waits on the GIL for long). The llm engine is I/O: its async client
runs on the loop, one `Summarizer` (one connection pool) per model, kept for reuse.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import multiprocessing
from collections import OrderedDict
from dataclasses import dataclass

from .._api import Summarizer, resolve_engine
from .._config import Config, EngineChoice
from .._exceptions import ConfigError, InvalidArticle
from .._input import check_text, extract_html
from .._models import Analysis
from ._schemas import surrogate_problem

__all__ = ["Analyzer", "Outcome"]

_THREADS = 4
_MAX_MODELS = 16  # llm Summarizers kept open; others are made and closed per request


@dataclass(frozen=True, slots=True)
class Outcome:
    """An analysis with the text its offsets index (HTML bodies are extracted)."""

    analysis: Analysis
    text: str
    title: str | None


def _article(config: Config, text: str | None, html: str | None) -> tuple[str, str | None]:
    if html is not None:
        # Checked before extraction, which would fail on it with "no article text found".
        problem = surrogate_problem(html)
        if problem is not None:
            raise InvalidArticle(f"the page {problem}", source="html")
        body, title = extract_html(html, source="html")
        return check_text(body, max_chars=config.max_chars, source="html"), title
    assert text is not None
    return check_text(text, max_chars=config.max_chars), None


def _offline_summarizer(config: Config) -> Summarizer:
    return Summarizer(config.model_copy(update={"engine": "offline"}))


# Per worker process: built once by the pool's initializer.
_worker: Summarizer | None = None


def _init_worker(config: Config) -> None:
    global _worker
    _worker = _offline_summarizer(config)


def _offline(
    summarizer: Summarizer | None, config: Config, text: str | None, html: str | None
) -> Outcome:
    # `summarizer` is None in a worker process (the thread pool passes its own, shared:
    # the offline engine keeps no per-call state).
    summarizer = summarizer or _worker
    assert summarizer is not None
    body, title = _article(config, text, html)
    return Outcome(summarizer.analyze(body), body, title)


class Analyzer:
    """Analyses one request's article with the engine it asks for."""

    def __init__(self, config: Config, *, processes: int = 0) -> None:
        self.config = config
        self._pool: cf.Executor
        self._local: Summarizer | None = None
        if processes > 0:
            self._pool = cf.ProcessPoolExecutor(
                processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(config,),
            )
        else:
            self._local = _offline_summarizer(config)
            self._pool = cf.ThreadPoolExecutor(_THREADS, thread_name_prefix="analyze")
        self._llm: OrderedDict[str | None, Summarizer] = OrderedDict()

    def engine_config(self, engine: EngineChoice, model: str | None) -> Config:
        """The server's config with the request's engine and model; raises `ConfigError`."""
        update: dict[str, object] = {"engine": engine}
        if model is not None:
            update["model"] = model
        try:
            return Config.model_validate(
                {**self.config.model_dump(), "api_key": self.config.api_key, **update}
            )
        except ValueError as exc:
            raise ConfigError(f"invalid engine or model: {exc}") from exc

    async def analyze(
        self, text: str | None, html: str | None, engine: EngineChoice, model: str | None
    ) -> Outcome:
        """Analyse `text` (or the article in `html`); raises `SummarizerError`."""
        config = self.engine_config(engine, model)
        loop = asyncio.get_running_loop()
        if resolve_engine(config) == "offline":
            return await loop.run_in_executor(
                self._pool, _offline, self._local, self.config, text, html
            )
        body, title = (
            (text, None) if html is None else await asyncio.to_thread(_article, config, None, html)
        )
        assert body is not None
        summarizer, keep = self._summarizer(config)
        try:
            check_text(body, max_chars=config.max_chars)
            return Outcome(await summarizer.aanalyze(body), body, title)
        finally:
            if not keep:
                await summarizer.aclose()

    def _summarizer(self, config: Config) -> tuple[Summarizer, bool]:
        if config.model in self._llm:
            self._llm.move_to_end(config.model)
            return self._llm[config.model], True
        summarizer = Summarizer(config)
        if len(self._llm) < _MAX_MODELS:
            self._llm[config.model] = summarizer
            return summarizer, True
        return summarizer, False

    async def aclose(self) -> None:
        """Close the model clients and the worker pool."""
        for summarizer in self._llm.values():
            await summarizer.aclose()
        self._llm.clear()
        # Waited for, in a thread: worker processes must exit before the server does.
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
