"""Batch-format files carried by hand: `summarizer batch export` and `batch import`.

`export_requests` writes the Batch request lines (`{"custom_id", "method": "POST", "url":
"/v1/chat/completions", "body"}`, `custom_id` = the item's id, `body` exactly what the live
engine would send) of every input line that needs a model, for OpenAI's Batch API (upload
it yourself), vLLM's batch runner (`python -m vllm.entrypoints.openai.run_batch -i … -o …`)
or any server that reads the same format. Given results files of earlier rounds, it
replays them and writes the *next* round's requests instead: the follow-ups (re-asks,
larger budgets, further chunks) of analyses that are not finished, and requests that
failed or expired.

`run_from_files` is the `via="files"` mode of `run_batch` (the `batch import` command):
the results lines (`{"custom_id", "response": {"status_code", "body"}, "error"}`, output
and error files alike) are fed to the same conversations as `--via openai-batch` feeds
its downloads, so records are those of the live path; an analysis whose results stop
short of its end is an `incomplete_conversation` error record (export again with
`--results` to get its next request).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from .._config import Config
from .._exceptions import ConfigError
from ._cache import AnalysisCache
from ._index import ResultIndex
from ._items import iter_items
from ._output import refuse_input
from ._rounds import Conversation, FileSource, Rounds, run_rounds

if TYPE_CHECKING:
    from ._options import BatchOptions
    from ._plan import Action

__all__ = ["ExportReport", "export_requests", "run_from_files"]

_NO_BOUND = 1_000_000  # results files bound the rounds themselves


class ExportReport(BaseModel):
    """What `export_requests` wrote."""

    input: str
    output: str
    lines: int = Field(default=0, description="Input lines (items) seen.")
    requests: int = Field(default=0, description="Request lines written.")
    finished: int = Field(default=0, description="Items the given results already finish.")
    errors: int = Field(default=0, description="Items with an error (bad line, no text, …).")


def export_requests(
    config: Config, source: str | Path, output: Path, results: list[Path] | None = None
) -> ExportReport:
    """Write the Batch request lines of `source`'s next round to `output` (see above)."""
    from .._llm._engine import LLMEngine
    from ._options import Tally
    from ._plan import Plan

    # Nothing is sent, so no endpoint or key is needed: only the model and the structured
    # mode shape the requests (with no base URL, OpenAI's shapes).
    if config.engine == "offline":
        raise ConfigError("batch export writes llm requests: it needs --engine llm or auto")
    refuse_input(output, source)  # replacing the input with its requests loses it
    engine = LLMEngine(config)
    rounds = Rounds(engine)
    plan = Plan(index=ResultIndex.temporary(), retry_errors=False, tally=Tally())
    report = ExportReport(input=str(source), output=str(output))
    tmp = output.with_name(output.name + ".tmp")
    with plan.index, tmp.open("w", encoding="utf-8") as fh:

        def emit(conversation: Conversation) -> None:
            fh.write(json.dumps(rounds.line(conversation), ensure_ascii=False) + "\n")
            report.requests += 1

        pending: dict[str, Conversation] = {}
        for kind, payload in plan.actions(iter_items(source)):
            if kind == "write":
                report.errors += 1
                continue
            started = rounds.start(payload)
            if not isinstance(started, Conversation):
                report.errors += 1
            elif results:
                pending[payload.id] = started
            else:
                emit(started)  # streamed: nothing held per line
        if results:

            def count(record: dict[str, Any]) -> None:
                if record["status"] == "ok":
                    report.finished += 1
                else:
                    report.errors += 1

            run_rounds(rounds, pending, FileSource(results, engine), count, _NO_BOUND, finish=False)
            for conversation in pending.values():
                emit(conversation)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, output)
    report.lines = plan.tally.lines
    return report


def run_from_files(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
) -> None:
    """Answer the job's llm work from `opts.results_files` (see the module docstring)."""
    from .._llm._engine import LLMEngine

    engine = LLMEngine(config)
    cache = AnalysisCache(opts.cache_dir, config, "llm") if opts.cache_dir else None
    rounds = Rounds(engine, cache)
    pending: dict[str, Conversation] = {}
    for kind, payload in actions:
        if kind == "write":
            write(payload)
            continue
        started = rounds.start(payload)
        if isinstance(started, Conversation):
            pending[payload.id] = started
        else:
            write(started)
    run_rounds(rounds, pending, FileSource(list(opts.results_files), engine), write, _NO_BOUND)
