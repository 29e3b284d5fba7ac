"""The batch job: plan each input line, analyse what is new, account for everything.

Planning (`_plan`) decides per input line, in input order, whether it is already done
(skipped), an error known without analysis (malformed, missing text, a repeated id), or
work. Work goes to the offline engine (in this process, or a pool of processes fed a
bounded window of chunks) or to the llm engine (asyncio workers under `JobLimiter`).
Every record goes through one `ResultLog`, on the main thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import math
import multiprocessing
import random
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from .._api import Summarizer, resolve_engine
from .._config import DEFAULT_MODEL, Config
from .._exceptions import ConfigError, ModelError, ModelUnavailable, RateLimited, SummarizerError
from .._input import check_text, extract_html, read_article
from ._cache import AnalysisCache
from ._items import BatchItem, iter_items
from ._limits import DEFAULT_MAX_PAUSE, JobLimiter
from ._output import (
    DUPLICATE,
    ResultLog,
    check_output,
    compact,
    id_key,
    is_line_keyed,
    key_hash,
    record_key,
    scan,
)
from ._report import BatchReport
from ._sniff import require_jsonl

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_CONCURRENCY",
    "LONG_WAIT_RETRIES",
    "PROMPT_OVERHEAD_TOKENS",
    "RATE_LIMIT_RETRIES",
    "BatchOptions",
    "run_batch",
]

DEFAULT_CONCURRENCY = 8
"""Requests in flight at once (llm engine)."""

DEFAULT_CHUNK_SIZE = 16
"""Articles per task sent to a worker process (offline engine with --workers > 1)."""

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

ProgressHook = Callable[["Tally"], None]


@dataclass
class BatchOptions:
    """How the job runs (not what it computes: that is the `Config`)."""

    concurrency: int = DEFAULT_CONCURRENCY
    workers: int = 1
    rpm: float | None = None
    tpm: float | None = None
    retry_errors: bool = False
    chunk_size: int = DEFAULT_CHUNK_SIZE
    fsync_interval: float = 1.0
    cache_dir: Path | None = None
    progress: ProgressHook | None = None
    via: Literal["live", "openai-batch", "files", "ray"] = "live"
    """How the llm engine's requests are answered: one by one (`live`), by OpenAI Batch API
    batches (`openai-batch`, see `_openai_batch`), or from Batch results files given in
    `results_files` (`files`: `summarizer batch import`, see `_exchange`). `ray` (either
    engine) analyses on a Ray cluster, this process planning and writing (see `_ray`)."""
    ray_address: str | None = None
    """The Ray cluster of `via="ray"`; None: `RAY_ADDRESS`, else a local cluster."""
    num_cpus: int | None = None
    """CPUs of the local Ray cluster `via="ray"` starts (None: the machine's)."""
    results_files: list[Path] = field(default_factory=list)
    """Batch output / error files, in round order (`via="files"`)."""
    poll_interval: float = 30.0
    """Seconds between polls of a batch at first (`openai-batch`)."""
    max_rounds: int = 6
    """Batches submitted at most (`openai-batch`): first requests, follow-ups, resubmits."""
    completion_window: str = "24h"
    """The Batch API completion window (`openai-batch`)."""
    batch_max_requests: int = 50_000
    """Requests one batch holds at most (`openai-batch`; OpenAI's limit is 50,000): the
    input is cut into parts of consecutive lines, one batch per part and round."""
    batch_max_bytes: int = 190 * 2**20
    """Bytes one batch's request file holds at most (`openai-batch`; OpenAI's is 200 MB)."""
    allow_paths: bool = True
    """Whether input lines may name a file to read (`{"id", "path"}`) and the source may be
    a folder. False for input from others (the service's jobs): no line of any form can then
    make the job open a file; a `path` line gets a `path_not_allowed` error record."""
    require_jsonl: bool = False
    """Refuse (`NotJsonl`, nothing written) an input of which no line is a JSON object,
    such as one article or a binary file, instead of a `malformed_line` record per line.
    `summarizer batch` sets it."""
    max_retry_after: float | None = None
    """Longest job-wide pause, in seconds, for a 429 or an exhausted ``x-ratelimit-*``
    budget (`live`). None: the chat client's ``max_retry_after`` (60 s by default). The
    client is given the same bound; a server asking for longer holds the job this long at
    most (see `LONG_WAIT_RETRIES`)."""


@dataclass
class Tally:
    """Running counts of this run, shown by progress displays."""

    lines: int = 0
    skipped: int = 0
    ok: int = 0
    errors: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def written(self) -> int:
        """Records written so far."""
        return self.ok + self.errors

    def add_usage(self, usage: dict[str, Any] | None) -> None:
        """Add an analysis' or an error's token usage."""
        if not usage:
            return
        self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        self.completion_tokens += int(usage.get("completion_tokens") or 0)
        cost = usage.get("cost_usd")
        if cost is not None:
            self.cost_usd = (self.cost_usd or 0.0) + float(cost)


# --- records ---------------------------------------------------------------------------------


def _base(item: BatchItem) -> dict[str, Any]:
    return {"id": item.id, "line": item.line, **item.extras}


def error_record(
    item: BatchItem, type: str, message: str, attempts: int = 0, usage: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An error record; `attempts` counts model requests (0 when none was made)."""
    error: dict[str, Any] = {"type": type, "message": message, "attempts": attempts}
    if usage:
        error["usage"] = usage
    return {**_base(item), "status": "error", "error": error}


def _from_exception(item: BatchItem, exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, ModelError):
        record = error_record(item, exc.type, exc.message, exc.attempts, exc.usage)
        wait = exc.retry_after if isinstance(exc, RateLimited) else None
        if wait is not None and math.isfinite(wait) and wait >= 0:  # JSON has no inf / NaN
            record["error"]["retry_after"] = wait
        return record
    if isinstance(exc, SummarizerError):
        return error_record(item, exc.type, exc.message)
    # A bug must not stop the job; the record names the exception class to find it by.
    return error_record(item, "internal_error", f"{type(exc).__name__}: {exc}")


def load_text(item: BatchItem, max_chars: int) -> str:
    """The article text of `item` (reads a path, extracts HTML); raises `InvalidArticle`."""
    if item.path is not None:
        return read_article(item.path, max_chars=max_chars).text
    if item.html is not None:
        text, _title = extract_html(item.html, source=f"id {item.id}")
        return check_text(text, max_chars=max_chars, source=f"id {item.id}")
    assert item.text is not None
    return check_text(item.text, max_chars=max_chars, source=f"id {item.id}")


def _ok(item: BatchItem, analysis: dict[str, Any], *, cached: bool = False) -> dict[str, Any]:
    record = {**_base(item), "status": "ok", "analysis": analysis}
    if cached:
        # Marked so the tally does not count the cached usage as spent again.
        record["cached"] = True
    return record


def analyze_item(
    summarizer: Summarizer, item: BatchItem, cache: AnalysisCache | None = None
) -> dict[str, Any]:
    """Analyse one item synchronously (or take it from `cache`); always returns a record."""
    try:
        text = load_text(item, summarizer.config.max_chars)
        if cache is not None and (hit := cache.get(text)) is not None:
            return _ok(item, hit, cached=True)
        analysis = summarizer.analyze(text).model_dump(mode="json")
    except Exception as exc:
        return _from_exception(item, exc)
    if cache is not None:
        cache.put(text, analysis)
    return _ok(item, analysis)


# --- planning --------------------------------------------------------------------------------

Action = tuple[Literal["write", "work"], Any]


@dataclass
class _Plan:
    state: dict[int, bool]
    retry_errors: bool
    tally: Tally
    # `key_hash` of every input line's key: the only per-line memory of the run. An id's
    # first line has the id's key (`id_key`), so a repeat is spotted by looking it up here.
    keys: set[int] = field(default_factory=set)

    def actions(self, items: Iterator[BatchItem]) -> Iterator[Action]:
        for item in items:
            self.tally.lines += 1
            # A malformed line with no readable id is keyed by its line: never a repeat.
            line_keyed = item.error is not None and is_line_keyed(
                item.id, item.line, item.error.type
            )
            duplicate = not line_keyed and key_hash(id_key(item.id)) in self.keys
            record: dict[str, Any] | None = None
            if duplicate:
                record = error_record(
                    item, DUPLICATE, f"line {item.line}: id {item.id!r} appeared earlier"
                )
            elif item.error is not None:
                record = error_record(item, item.error.type, item.error.message)
            key = key_hash(record_key(record) if record is not None else id_key(item.id))
            self.keys.add(key)
            done = self.state.get(key)
            # Duplicates are final: retrying cannot change them.
            if done or (done is False and (duplicate or not self.retry_errors)):
                self.tally.skipped += 1
                continue
            yield ("write", record) if record is not None else ("work", item)


# --- offline engine --------------------------------------------------------------------------

# Per worker process: built once by the pool's initializer, used for every chunk.
_worker_summarizer: Summarizer | None = None
_worker_cache: AnalysisCache | None = None


def _init_worker(config: Config, cache_dir: Path | None) -> None:
    global _worker_summarizer, _worker_cache
    _worker_summarizer = Summarizer(config)
    _worker_cache = AnalysisCache(cache_dir, config, "offline") if cache_dir else None


def _work_chunk(chunk: list[BatchItem]) -> list[dict[str, Any]]:
    assert _worker_summarizer is not None
    return [analyze_item(_worker_summarizer, item, _worker_cache) for item in chunk]


_Group = tuple[cf.Future[list[dict[str, Any]]] | None, list[dict[str, Any] | None]]
"""A chunk in flight (None: no items) and its lines' records in order (None: the next
result of the chunk)."""


def _run_offline(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    pool: cf.Executor | None = None,
    work: Callable[[list[BatchItem]], list[dict[str, Any]]] | None = None,
) -> None:
    """Analyse `actions` here, in `opts.workers` processes, or through `pool` (sized by
    `opts.workers`: a Ray cluster's executor, which runs `work` on each chunk), writing
    records in input order."""
    if pool is None and opts.workers <= 1:
        cache = AnalysisCache(opts.cache_dir, config, "offline") if opts.cache_dir else None
        with Summarizer(config) as summarizer:
            for kind, payload in actions:
                write(payload if kind == "write" else analyze_item(summarizer, payload, cache))
        return
    # spawn, not fork: forking a process that has threads (the progress display, the
    # runtime's) is unsafe and warns on newer Pythons.
    context = multiprocessing.get_context("spawn")
    window = opts.workers * 2  # chunks in flight: keeps every core busy, memory bounded
    # Records leave in input order, as with one process, so identical runs write identical
    # files. Lines are gathered in groups: a chunk of items for a worker, with the records
    # planned among them (errors known without analysis) in their places. Groups wait in
    # `queue`, in order, until their chunk is back; at most `window` chunks are in flight
    # and `held` planned records wait, beyond which the oldest group is waited for.
    held = window * max(opts.chunk_size, 1)
    queue: deque[_Group] = deque()
    slots: list[dict[str, Any] | None] = []  # the open group: None is an item's place
    items: list[BatchItem] = []
    in_flight = waiting = 0

    def flush(block: bool) -> None:
        """Write the groups at the head of `queue` that are ready (waiting for the first
        one, when `block`)."""
        nonlocal in_flight, waiting
        while queue:
            future, group = queue[0]
            if future is not None and not (block or future.done()):
                return
            results = iter(future.result() if future is not None else ())
            in_flight -= future is not None
            queue.popleft()
            block = False
            for record in group:
                if record is None:
                    record = next(results)
                else:
                    waiting -= 1
                write(record)

    if pool is None:
        pool = cf.ProcessPoolExecutor(
            opts.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(config, opts.cache_dir),
        )
    with pool:

        def close_group() -> None:
            nonlocal slots, items, in_flight
            future = pool.submit(work or _work_chunk, items) if items else None
            in_flight += future is not None
            queue.append((future, slots))
            slots, items = [], []

        for kind, payload in actions:
            if kind == "write":
                if not queue and not slots:
                    write(payload)  # nothing before it is unwritten
                    continue
                slots.append(payload)
                waiting += 1
            else:
                slots.append(None)
                items.append(payload)
                if len(items) >= opts.chunk_size:
                    close_group()
            flush(block=False)
            while in_flight >= window or waiting >= held:
                if not queue:
                    close_group()  # the waiting records are all in the open group
                flush(block=True)
        if slots:
            close_group()
        while queue:
            flush(block=True)


# --- llm engine ------------------------------------------------------------------------------


async def _run_llm(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    limiter: JobLimiter,
) -> None:
    from .._llm._client import AsyncChatClient
    from .._llm._tokens import TokenCounter

    counter = TokenCounter(config.model or DEFAULT_MODEL)
    longest = limiter.max_pause  # set from the client's settings below, unless given
    first_done = asyncio.Event()
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
            return _from_exception(item, exc)
        if cache is not None and (hit := await asyncio.to_thread(cache.get, text)) is not None:
            return _ok(item, hit, cached=True)
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
            return _from_exception(item, exc)
        result_json = analysis.model_dump(mode="json")
        if cache is not None:
            await asyncio.to_thread(cache.put, text, result_json)
        return _ok(item, result_json)

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


# --- the job ---------------------------------------------------------------------------------


def run_batch(
    config: Config, source: str | Path, output: Path, options: BatchOptions | None = None
) -> BatchReport:
    """Run the batch job over `source` into `output` (resuming it) and return the report.

    The report is also written to `OUTPUT.report.json`. Raises `SummarizerError` only for
    problems that stop the whole job (configuration, an unreadable input file).
    """
    opts = options or BatchOptions()
    # Answers read from result files need no endpoint: only the request shapes matter.
    engine = "llm" if opts.via == "files" else resolve_engine(config)
    started = time.monotonic()
    tally = Tally(started=started)
    # Built first: absurd limits are a ConfigError before the output is opened.
    longest = DEFAULT_MAX_PAUSE if opts.max_retry_after is None else opts.max_retry_after
    limiter = JobLimiter(rpm=opts.rpm, tpm=opts.tpm, max_pause=longest)
    # Before anything is written: JSONL (or a folder), not an article or a binary file.
    def read() -> Iterator[BatchItem]:
        return iter_items(source, allow_paths=opts.allow_paths)

    items = require_jsonl(source, read) if opts.require_jsonl else read()
    # Before anything is written: not the input, not a file that is no results file.
    check_output(output, source)
    state = scan(output) if output.exists() else {}
    log = ResultLog(output, fsync_interval=opts.fsync_interval)
    plan = _Plan(state=state, retry_errors=opts.retry_errors, tally=tally)
    last_progress = [0.0]

    def write(record: dict[str, Any]) -> None:
        log.write(record)
        if record["status"] == "ok":
            tally.ok += 1
            if record.get("cached"):
                tally.cache_hits += 1
            else:
                tally.add_usage(record["analysis"]["meta"]["usage"])
        else:
            tally.errors += 1
            tally.add_usage(record["error"].get("usage"))
        now = time.monotonic()
        if opts.progress is not None and now - last_progress[0] >= 0.2:
            last_progress[0] = now
            opts.progress(tally)

    if opts.via not in ("live", "ray") and engine != "llm":
        raise ConfigError(f"--via {opts.via} needs the llm engine (this run uses {engine})")
    batch_ids: list[str] = []
    try:
        actions = plan.actions(items)
        if engine == "llm" and opts.via == "openai-batch":
            from ._openai_batch import run_openai_batch

            batch_ids = run_openai_batch(config, actions, write, opts, output)
        elif opts.via == "ray":
            from ._ray import run_ray

            run_ray(config, actions, write, opts, limiter)
        elif engine == "llm" and opts.via == "files":
            from ._exchange import run_from_files

            run_from_files(config, actions, write, opts)
        elif engine == "llm":
            asyncio.run(_run_llm(config, actions, write, opts, limiter))
        else:
            _run_offline(config, actions, write, opts)
    finally:
        log.close()
    del state  # the final state is re-read from the file: what is on disk is what counts
    report = _report(config, engine, source, output, plan, tally, log, limiter)
    report.superseded = compact(output)
    report.via = opts.via if engine == "llm" or opts.via == "ray" else "live"
    report.batches = batch_ids
    report.wall_seconds = round(time.monotonic() - started, 3)
    report.throughput = round(tally.written / report.wall_seconds, 2) if report.wall_seconds else 0
    if opts.progress is not None:
        opts.progress(tally)
    report_path(output).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return report


def report_path(output: Path) -> Path:
    """Where the report of a run into `output` is written: `OUTPUT.report.json`."""
    return output.with_name(output.stem + ".report.json")


def _report(
    config: Config,
    engine: str,
    source: str | Path,
    output: Path,
    plan: _Plan,
    tally: Tally,
    log: ResultLog,
    limiter: JobLimiter,
) -> BatchReport:
    final = scan(output)
    ok = error = missing = 0
    for key in plan.keys:
        status = final.get(key)
        if status is None:
            missing += 1
        elif status:
            ok += 1
        else:
            error += 1
    del final
    error_types: dict[str, int] = {}
    if error:
        from ._output import _iter_records

        last: dict[int, str] = {}
        for _index, record in _iter_records(output):
            key = key_hash(record_key(record))
            if record["status"] == "error":
                last[key] = sys.intern(str(record["error"].get("type")))
            else:
                last.pop(key, None)
        for key, kind in last.items():
            if key in plan.keys:
                error_types[kind] = error_types.get(kind, 0) + 1
    return BatchReport(
        input=str(source),
        output=str(output),
        engine=engine,
        model=(config.model or DEFAULT_MODEL) if engine == "llm" else None,
        lines=tally.lines,
        ok=ok,
        error=error,
        error_types=dict(sorted(error_types.items())),
        skipped=tally.skipped,
        processed=tally.written,
        missing=missing,
        accounted=missing == 0 and len(plan.keys) == tally.lines,
        torn_bytes=log.torn_bytes,
        prompt_tokens=tally.prompt_tokens,
        completion_tokens=tally.completion_tokens,
        total_tokens=tally.prompt_tokens + tally.completion_tokens,
        cost_usd=tally.cost_usd,
        rate_limit_pauses=limiter.pauses,
        header_pauses=limiter.header_pauses,
        cache_hits=tally.cache_hits,
    )
