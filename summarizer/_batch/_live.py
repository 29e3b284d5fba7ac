"""The local runner of the llm engine: asyncio workers under the job's rate limits.

`run_llm` runs `concurrency` workers under job-wide RPM / TPM token buckets
(`_limits.JobLimiter`: reserve the estimated tokens, settle with the real usage). The
workers drive the engine's conversation request by request, so every request (re-asks,
larger budgets, chunks, and the job's retries of 429s and outages: the engine's own
transport retries are off in the job) passes the buckets. Records are written in
completion order. The Ray runner runs the same function in its workers, with a limiter
that asks the cluster's one budget.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from .._api import Summarizer
from .._config import DEFAULT_MODEL, Config
from .._exceptions import ModelError, ModelUnavailable, RateLimited
from ._cache import AnalysisCache
from ._items import BatchItem, load_text
from ._limits import JobLimiter
from ._options import BatchOptions
from ._plan import Action
from ._records import from_exception, ok_record

__all__ = ["LONG_WAIT_RETRIES", "PROMPT_OVERHEAD_TOKENS", "RATE_LIMIT_RETRIES", "run_llm"]

PROMPT_OVERHEAD_TOKENS = 1500
"""Tokens reserved per request beyond the article: instructions, schema and the answer.
Settled against the real usage afterwards, so it only needs to be about right."""

RATE_LIMIT_RETRIES = 8
"""Job-level retries of one article answered with 429 (each after a job-wide pause)."""

LONG_WAIT_RETRIES = 1
"""Of those, retries of a request whose 429 asked for a wait longer than the job's
maximum (`BatchOptions.max_retry_after`): the job pauses for the maximum and asks once
more; a second such answer ends the article with a ``rate_limited`` error record carrying
the server's ``retry_after``, for a rerun with ``retry_errors`` to pick up."""

_DEFAULT_PAUSE = 2.0  # seconds, doubled per retry, when a 429 came without retry-after
_BACKOFF = 0.5  # seconds, doubled per retry, after a 5xx / timeout


async def run_llm(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    limiter: JobLimiter,
    *,
    first_alone: bool = True,
) -> None:
    """Analyse the planned `actions` with the llm engine under `limiter`, writing each
    record as it completes. The first request goes alone (`first_alone`) unless the caller
    has already sent one (a Ray worker's later chunks)."""
    from .._llm._client import AsyncChatClient
    from .._llm._tokens import TokenCounter

    counter = TokenCounter(config.model or DEFAULT_MODEL)
    longest = limiter.max_pause  # set from the client's settings below, unless given
    first_done = asyncio.Event()
    if not first_alone:
        first_done.set()
    # The job is the one retry layer for 429s and outages: every retry then goes through
    # the limiter, and a 429 pauses the whole job instead of each worker's own retries
    # hitting the server again. The engine keeps its re-asks and larger-budget retries.
    max_attempts = config.max_attempts
    config = config.model_copy(update={"max_attempts": 1})
    cache = AnalysisCache(opts.cache_dir, config, "llm") if opts.cache_dir else None
    queue: asyncio.Queue[BatchItem | None] = asyncio.Queue(maxsize=opts.concurrency * 2)

    async def one(summarizer: Summarizer, item: BatchItem) -> dict[str, Any]:
        try:
            text = await asyncio.to_thread(load_text, item, config.max_chars)
        except Exception as exc:
            return from_exception(item, exc)
        if cache is not None and (hit := await asyncio.to_thread(cache.get, text)) is not None:
            return ok_record(item, hit, cached=True)
        estimate = counter.count(text) + PROMPT_OVERHEAD_TOKENS
        # The job drives the engine's conversation itself (as `aanalyze` does), so that
        # every request (re-asks, larger budgets, further chunks and the job's own
        # retries) passes the limiter, settles its own usage and reports the headers.
        assert summarizer._llm is not None
        steps = summarizer._llm.conversation(text)
        failed = limited = long_waits = unavailable = 0
        try:
            request = next(steps)
            while True:
                await limiter.acquire(estimate)
                try:
                    result = await client.complete(request)
                except ModelError as exc:
                    limiter.settle(estimate, int(exc.usage.get("total_tokens") or 0))
                    if isinstance(exc, RateLimited):
                        asked = exc.retry_after
                        if asked is not None and not asked >= 0:  # NaN, negative: unsaid
                            asked = None
                        # Never slept through: the pause is cut to `longest` (the limiter).
                        too_long = asked is not None and asked > longest
                        # The server's word wins, as in the client: `retry-after: 0` is
                        # no wait (it was taken for none said, and paused up to 60 s a time).
                        wait = asked if asked is not None else _DEFAULT_PAUSE * 2**limited
                        if limited < RATE_LIMIT_RETRIES and (
                            not too_long or long_waits < LONG_WAIT_RETRIES
                        ):
                            limiter.pause(wait)
                            limited += 1
                            long_waits += too_long
                            failed += exc.attempts
                            continue
                        if too_long:
                            # The others keep the server's word too, as far as the bound goes.
                            limiter.pause(wait)
                            exc.message = (
                                f"{exc.message}; the batch job paused {longest:g} s (its "
                                f"longest wait) and was asked again to wait {asked:g} s: "
                                "not analysed, rerun with --retry-errors later"
                            )
                            exc.args = (exc.message,)
                    if isinstance(exc, ModelUnavailable) and unavailable + 1 < max_attempts:
                        await asyncio.sleep(_BACKOFF * 2**unavailable * (1 + random.random()))
                        unavailable += 1
                        failed += exc.attempts
                        continue
                    exc.attempts += failed
                    request = steps.throw(exc)  # the engine's accounting, or its recovery
                    continue
                limiter.settle(estimate, result.usage_total.total_tokens)
                limiter.observe(result.rate_limit)
                limited = unavailable = 0
                request = steps.send(result)
                await asyncio.sleep(0)
        except StopIteration as done:
            analysis = done.value
        except Exception as exc:
            return from_exception(item, exc)
        result_json = analysis.model_dump(mode="json")
        if cache is not None:
            await asyncio.to_thread(cache.put, text, result_json)
        return ok_record(item, result_json)

    async def worker(summarizer: Summarizer, number: int) -> None:
        while (item := await queue.get()) is not None:
            if number:
                # The first request goes alone: it pays the start-up costs (connection,
                # schema) and fails fast on a wrong key; if every worker sent at once, the
                # requests reserved meanwhile would reach the server as one burst.
                await first_done.wait()
            try:
                write(await one(summarizer, item))
            finally:
                first_done.set()

    async def produce() -> None:
        while True:
            # Read ahead in a thread: stdin may block, and the loop must not.
            batch = await asyncio.to_thread(lambda: list(islice(actions, 64)))
            if not batch:
                break
            for kind, payload in batch:
                if kind == "write":
                    write(payload)
                else:
                    await queue.put(payload)
        for _ in range(opts.concurrency):
            await queue.put(None)

    async with Summarizer(config) as summarizer:
        assert summarizer._llm is not None  # resolve_engine chose llm
        settings = summarizer._llm.settings
        if opts.max_retry_after is None:
            longest = limiter.max_pause = settings.max_retry_after
        # The client gives up on the same waits the job will not pause for.
        client = AsyncChatClient(settings.model_copy(update={"max_retry_after": longest}))
        tasks = [asyncio.create_task(worker(summarizer, n)) for n in range(opts.concurrency)]
        tasks.append(asyncio.create_task(produce()))
        try:
            # The producer is a task like the workers: if one fails (an unwritable output),
            # gather raises at once instead of the producer waiting on a full queue forever.
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await client.close()
