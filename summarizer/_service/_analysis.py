"""Running analyses for the API without ever blocking the event loop, within a time limit.

The offline engine (and HTML extraction) is CPU-bound Python: it runs in worker processes
(`_workers.WorkerPool`: every core used, the event loop's thread never waits on the GIL,
and an analysis over the limit, or whose client left, is stopped by killing its worker; a
thread could not be stopped). The llm engine is I/O: its async client runs on the loop,
one `Summarizer` (one connection pool) per model, kept for reuse, and a timeout around the
call stops it.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .._api import Summarizer, resolve_engine
from .._config import Config, EngineChoice
from .._exceptions import ConfigError, InvalidArticle
from .._input import check_text, extract_html
from .._models import Analysis
from ._errors import AnalysisTimeout
from ._schemas import surrogate_problem
from ._workers import WorkerPool

__all__ = ["Analyzer", "Outcome", "offline_handler"]

_MAX_MODELS = 16  # llm Summarizers kept open; others are made and closed per request


@dataclass(frozen=True)
class Outcome:
    """An analysis, as its JSON, with the text its offsets index (HTML bodies are
    extracted).

    JSON because an offline worker serializes it: the event loop's process, which serves
    every request, then neither unpickles the models nor dumps them again (0.4 ms a
    request on the example article, whose analysis takes 6.5 ms); only a report parses it
    back."""

    json: str
    text: str
    title: str | None

    @cached_property
    def analysis(self) -> Analysis:
        """The `Analysis` (parsed from `json` on first use)."""
        return Analysis.model_validate_json(self.json)

    @classmethod
    def of(cls, analysis: Analysis, text: str, title: str | None) -> Outcome:
        """The outcome of `analysis`, which is kept as it is too."""
        outcome = cls(analysis.model_dump_json(), text, title)
        outcome.__dict__["analysis"] = analysis
        return outcome


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


_WARM_UP = "Ann Lee said: \u201cIt works.\u201d"


def offline_handler(config: Config) -> Callable[[tuple[str | None, str | None]], Outcome]:
    """A worker's setup (`_workers`): the offline engine, warmed up with one analysis (its
    first loads what it needs lazily), and the function analysing a `(text, html)` job."""
    summarizer = Summarizer(config.model_copy(update={"engine": "offline"}))
    summarizer.analyze(_WARM_UP)

    def handle(job: tuple[str | None, str | None]) -> Outcome:
        body, title = _article(config, *job)
        return Outcome(summarizer.analyze(body).model_dump_json(), body, title)

    return handle


class Analyzer:
    """Analyses one request's article with the engine it asks for, within `timeout` s.

    Offline analyses run in a `WorkerPool` of `processes` workers a token (up to twice
    that in all); the llm engine's async client runs on the loop. Either way an analysis
    over `timeout` seconds is stopped and answered with `AnalysisTimeout` (504)."""

    def __init__(self, config: Config, *, processes: int, timeout: float) -> None:
        self.config = config
        self.timeout = timeout
        self._pool = WorkerPool(offline_handler, (config,), per_owner=processes)
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
        self,
        text: str | None,
        html: str | None,
        engine: EngineChoice,
        model: str | None,
        *,
        owner: str = "",
    ) -> Outcome:
        """Analyse `text` (or the article in `html`) for `owner` (a token's hash); raises
        `SummarizerError`, or `AnalysisTimeout` past the time limit."""
        config = self.engine_config(engine, model)
        if resolve_engine(config) == "offline":
            try:
                outcome: Outcome = await self._pool.run(owner, (text, html), self.timeout)
            except TimeoutError:
                raise AnalysisTimeout(self.timeout) from None
            return outcome
        limit = asyncio.timeout(self.timeout)
        try:
            async with limit:
                return await self._llm_analysis(config, text, html)
        except TimeoutError:
            if limit.expired():
                raise AnalysisTimeout(self.timeout) from None
            raise

    async def _llm_analysis(self, config: Config, text: str | None, html: str | None) -> Outcome:
        body, title = (
            (text, None) if html is None else await asyncio.to_thread(_article, config, None, html)
        )
        assert body is not None
        summarizer, keep = self._summarizer(config)
        try:
            check_text(body, max_chars=config.max_chars)
            return Outcome.of(await summarizer.aanalyze(body), body, title)
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
        """Close the model clients and kill the workers, whatever they are doing: a
        stopping server does not wait for an analysis (jobs resume on the next start)."""
        await self._pool.aclose()
        for summarizer in self._llm.values():
            await summarizer.aclose()
        self._llm.clear()
