"""The batch job: plan each input line, hand the work to one runner, account for everything.

`run_batch` opens the output (resume), plans the input (`_plan`), dispatches the planned
actions to one runner (the local ones, `_pool` for the offline engine and `_live` for the
llm engine; `_openai_batch`, `_exchange` or `_ray`), writes every record through one
`ResultLog` on this thread, and reports. Runners are siblings: each builds records with
`_records` and none imports another runner or this module.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._api import resolve_engine
from .._config import DEFAULT_MODEL, Config
from .._exceptions import ConfigError
from ._index import Accounting, ResultIndex
from ._items import BatchItem, iter_items
from ._limits import DEFAULT_MAX_PAUSE, JobLimiter
from ._live import run_llm
from ._options import BatchOptions as BatchOptions
from ._options import Tally as Tally
from ._output import ResultLog, check_output
from ._plan import Plan
from ._pool import run_offline
from ._report import BatchReport
from ._sniff import require_jsonl

# BatchOptions and Tally live in `_options`; named here too for the callers that import
# them from the job (the service's job manager).
__all__ = ["BatchOptions", "Tally", "report_path", "run_batch"]


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
    if opts.via not in ("live", "ray") and engine != "llm":
        raise ConfigError(f"--via {opts.via} needs the llm engine (this run uses {engine})")
    # Before anything is written: not the input, not a file that is no results file.
    check_output(output, source)
    log = ResultLog(output, fsync_interval=opts.fsync_interval)  # cuts a torn last line
    try:
        index = ResultIndex.open(output)
    except BaseException:
        log.close()
        raise
    plan = Plan(index=index, retry_errors=opts.retry_errors, tally=tally)
    last_progress = [0.0]

    def write(record: dict[str, Any]) -> None:
        start = log.write(record)
        index.add(record, start, log.size)  # after the write: the index follows the file
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
            asyncio.run(run_llm(config, actions, write, opts, limiter))
        else:
            run_offline(config, actions, write, opts)
    except BaseException:
        log.close()
        index.close()  # kept: the rerun resumes from it
        raise
    log.close()
    try:
        report = _report(config, engine, source, output, tally, index.accounting(), log, limiter)
        report.superseded = index.compact()
    finally:
        index.close(remove=True)  # only a cache of the output: a rerun rebuilds it
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
    tally: Tally,
    accounting: Accounting,
    log: ResultLog,
    limiter: JobLimiter,
) -> BatchReport:
    return BatchReport(
        input=str(source),
        output=str(output),
        engine=engine,
        model=(config.model or DEFAULT_MODEL) if engine == "llm" else None,
        lines=tally.lines,
        ok=accounting.ok,
        error=accounting.error,
        error_types=accounting.error_types,
        skipped=tally.skipped,
        processed=tally.written,
        missing=accounting.missing,
        accounted=accounting.missing == 0 and accounting.seen == tally.lines,
        torn_bytes=log.torn_bytes,
        prompt_tokens=tally.prompt_tokens,
        completion_tokens=tally.completion_tokens,
        total_tokens=tally.prompt_tokens + tally.completion_tokens,
        cost_usd=tally.cost_usd,
        rate_limit_pauses=limiter.pauses,
        header_pauses=limiter.header_pauses,
        cache_hits=tally.cache_hits,
    )
