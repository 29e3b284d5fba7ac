"""`--via openai-batch`: the llm engine's requests sent through OpenAI's Batch API.

Each round (`_rounds`) is one batch: its request lines are written to a local file,
uploaded (Files API, purpose ``batch``), and a batch is created over it (endpoint
``/v1/chat/completions``, completion window 24h); the job polls it (`poll_interval`,
growing 1.5× per unchanged poll up to 8× the interval), downloads its output and error
files, and feeds them to the conversations.

Restart safety: everything needed to resume is persisted in a state folder next to the
output (`OUTPUT.jsonl.openai-batch/`) *before* the step that depends on it: the round's
request file before the upload, the input file id before the batch is created, the batch
id before the first poll, the downloaded files before any record is written from them. A
rerun of the same command therefore never resubmits: it replays finished rounds from the
local files (deterministically: the conversations are rebuilt from the input and fed the
same answers), checks that each request it would send equals the one on disk, and resumes
polling the open batch. If the job died between creating a batch and saving its id, the
batch is found again by its input file id (`BatchAPI.find`). When every record is written,
the folder is removed. The API key is never written to it.

Parts: the input is cut into parts of consecutive lines, each small enough for one batch
(`BatchOptions.batch_max_requests`, 50,000 by default as OpenAI allows, and
`batch_max_bytes` of first-round requests, under OpenAI's 200 MB), and the parts run one
after the other, each through its own rounds. A part's last line is saved
(`parts.json`) before its first batch is created, so a rerun cuts the input at the same
lines and finds each part's state (`part-N/`) again; a finished part's folder is removed.
Memory: only the current part's unfinished conversations (article text and generator)
are held.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from .._config import Config
from .._exceptions import BatchRequestFailed, ConfigError, ModelError, ModelUnavailable
from ._cache import AnalysisCache
from ._rounds import (
    CHAT_URL,
    Conversation,
    Rounds,
    iter_lines,
    read_results,
    request_digest,
    run_rounds,
)

if TYPE_CHECKING:
    from .._llm._client import BatchAPI, BatchInfo, ChatResult
    from ._options import BatchOptions
    from ._plan import Action

__all__ = [
    "BATCH_PRICE_FACTOR",
    "DEFAULT_COMPLETION_WINDOW",
    "DEFAULT_MAX_ROUNDS",
    "DEFAULT_POLL_INTERVAL",
    "run_openai_batch",
    "state_dir",
]

logger = logging.getLogger("summarizer.batch")

DEFAULT_POLL_INTERVAL = 30.0
"""Seconds between polls of a batch at first (growing 1.5× per poll, up to 8×)."""
DEFAULT_MAX_ROUNDS = 6
"""Batches a job submits at most: the first requests, then follow-ups (re-asks, larger
budgets, further chunks) and resubmissions of requests that expired or failed."""
DEFAULT_COMPLETION_WINDOW = "24h"
"""The completion window asked for (the only one OpenAI offers)."""
BATCH_PRICE_FACTOR = 0.5
"""OpenAI bills Batch API requests at half the price of the same requests sent live."""
_CREATE_TRIES = 3
_STATE_VERSION = 1


class RoundState(BaseModel):
    """One round (one batch) of the job, as persisted."""

    number: int
    requests_file: str
    requests: int = 0
    input_file_id: str | None = None
    batch_id: str | None = None
    status: str | None = None
    output_file: str | None = None
    error_file: str | None = None
    batch_errors: list[str] = Field(default_factory=list)
    downloaded: bool = False


class JobState(BaseModel):
    """The state folder's `state.json`."""

    version: int = _STATE_VERSION
    base_url: str
    model: str
    rounds: list[RoundState] = Field(default_factory=list)


class PartsState(BaseModel):
    """The state folder's `parts.json`: where the input was cut into parts."""

    version: int = _STATE_VERSION
    last_lines: list[int] = Field(
        default_factory=list,
        description="Part i holds the input lines after last_lines[i-1] up to last_lines[i].",
    )


class _Parts:
    """The job's parts, as saved: a line's part, and new parts appended before use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        path = folder / "parts.json"
        self.state = (
            PartsState.model_validate_json(path.read_bytes()) if path.exists() else PartsState()
        )

    def index_of(self, line: int) -> int | None:
        """The saved part holding input line `line`, or None past the last saved part."""
        at = bisect.bisect_left(self.state.last_lines, line)
        return at if at < len(self.state.last_lines) else None

    def close(self, last_line: int) -> int:
        """Save a new part ending at `last_line` (before anything is sent for it)."""
        self.state.last_lines.append(last_line)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.folder / "parts.json", self.state.model_dump_json().encode())
        return len(self.state.last_lines) - 1


def state_dir(output: Path) -> Path:
    """The state folder of a `--via openai-batch` run into `output`."""
    return output.with_name(output.name + ".openai-batch")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class _Store:
    def __init__(self, folder: Path, base_url: str, model: str) -> None:
        self.folder = folder
        path = folder / "state.json"
        if path.exists():
            self.state = JobState.model_validate_json(path.read_bytes())
            if self.state.base_url != base_url or self.state.model != model:
                raise ConfigError(
                    f"{folder} holds a Batch API job for {self.state.model} at "
                    f"{self.state.base_url}; rerun with that configuration, or delete the "
                    "folder to start over"
                )
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self.state = JobState(base_url=base_url, model=model)
            self.save()

    def save(self) -> None:
        _write_atomic(self.folder / "state.json", self.state.model_dump_json(indent=2).encode())

    def round(self, number: int) -> RoundState | None:
        return next((r for r in self.state.rounds if r.number == number), None)


class _OpenAIBatchSource:
    """The `RoundSource` that runs each round as a batch, resuming persisted rounds."""

    def __init__(
        self,
        rounds: Rounds,
        api: BatchAPI,
        store: _Store,
        opts: BatchOptions,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rounds = rounds
        self.api = api
        self.store = store
        self.opts = opts
        self.sleep = sleep
        self.batch_ids: list[str] = []

    def __call__(
        self, number: int, conversations: list[Conversation]
    ) -> dict[str, ChatResult | ModelError]:
        state = self.store.round(number)
        if state is None:
            state = self._write_requests(number, conversations)
        else:
            self._check_requests(state, conversations)
        if not state.downloaded:
            info = self._submit(state)
            info = self._poll(state, info)
            self._download(state, info)
        if state.batch_id:
            self.batch_ids.append(state.batch_id)
        folder = self.store.folder
        files = [folder / name for name in (state.output_file, state.error_file) if name]
        ids = {c.item.id for c in conversations}
        outcomes = read_results(files, self.rounds.engine, wanted=ids.__contains__)
        if state.status == "failed":
            reason = "; ".join(state.batch_errors) or "no reason given"
            for custom_id in ids - outcomes.keys():
                outcomes[custom_id] = BatchRequestFailed(
                    f"batch {state.batch_id} failed: {reason}", code="batch_failed"
                )
        return outcomes

    # -- the steps, each persisted before the next depends on it --------------------------

    def _write_requests(self, number: int, conversations: list[Conversation]) -> RoundState:
        name = f"round-{number}.requests.jsonl"
        data = "".join(
            json.dumps(self.rounds.line(c), ensure_ascii=False) + "\n" for c in conversations
        )
        _write_atomic(self.store.folder / name, data.encode("utf-8"))
        state = RoundState(number=number, requests_file=name, requests=len(conversations))
        self.store.state.rounds.append(state)
        self.store.save()
        return state

    def _check_requests(self, state: RoundState, conversations: list[Conversation]) -> None:
        # A resumed round must be the round that was submitted: every request the replayed
        # conversations would send is on disk, byte for byte (same input, same config).
        on_disk = {
            line.get("custom_id"): request_digest(line)
            for line in iter_lines(self.store.folder / state.requests_file)
        }
        for conversation in conversations:
            if on_disk.get(conversation.item.id) != request_digest(self.rounds.line(conversation)):
                raise ConfigError(
                    f"round {state.number} in {self.store.folder} was submitted with other "
                    f"requests than this run would send (id {conversation.item.id!r}): the "
                    "input or the configuration changed; rerun the original command, or "
                    "delete the folder to start over"
                )

    def _submit(self, state: RoundState) -> BatchInfo:
        resumed = state.input_file_id is not None
        if state.input_file_id is None:
            data = (self.store.folder / state.requests_file).read_bytes()
            state.input_file_id = self.api.upload(state.requests_file, data, purpose="batch")
            self.store.save()
        if state.batch_id is not None:
            return self.api.retrieve(state.batch_id)
        # A previous run may have died after creating the batch and before saving its id.
        found = self.api.find(state.input_file_id) if resumed else None
        info = found or self._create(state.input_file_id, state.number)
        state.batch_id, state.status = info.id, info.status
        self.store.save()
        logger.info(
            "%s round %d: batch %s created (%d requests)",
            self.store.folder.name,
            state.number,
            info.id,
            state.requests,
        )
        return info

    def _create(self, input_file_id: str, number: int) -> BatchInfo:
        for attempt in range(1, _CREATE_TRIES + 1):
            try:
                return self.api.create(
                    input_file_id,
                    endpoint=CHAT_URL,
                    completion_window=self.opts.completion_window,
                    metadata={"summarizer_round": str(number)},
                )
            except ModelUnavailable:
                # Not retried blindly: the failed POST may have created the batch after all.
                if attempt == _CREATE_TRIES:
                    raise
                self.sleep(min(self.opts.poll_interval, 2.0**attempt))
                found = self.api.find(input_file_id)
                if found is not None:
                    return found
        raise AssertionError("unreachable")

    def _poll(self, state: RoundState, info: BatchInfo) -> BatchInfo:
        assert state.batch_id is not None
        wait = self.opts.poll_interval
        last_counts = dict(info.request_counts)
        while not info.finished:
            self.sleep(wait)
            previous = info.status
            info = self.api.retrieve(state.batch_id)
            counts = dict(info.request_counts)
            if info.status != previous or counts != last_counts:
                if info.status != previous:
                    state.status = info.status
                    self.store.save()
                logger.info(
                    "%s round %d: batch %s %s (%d of %d requests done, %d failed)",
                    self.store.folder.name,
                    state.number,
                    info.id,
                    info.status,
                    counts.get("completed", 0),
                    counts.get("total", 0),
                    counts.get("failed", 0),
                )
                last_counts = counts
                wait = self.opts.poll_interval
            else:
                wait = min(wait * 1.5, self.opts.poll_interval * 8)
        return info

    def _download(self, state: RoundState, info: BatchInfo) -> None:
        for kind, file_id in (("output", info.output_file_id), ("errors", info.error_file_id)):
            if not file_id:
                continue
            name = f"round-{state.number}.{kind}.jsonl"
            _write_atomic(self.store.folder / name, self.api.content(file_id))
            if kind == "output":
                state.output_file = name
            else:
                state.error_file = name
        state.status = info.status
        state.batch_errors = list(info.errors)
        state.downloaded = True
        self.store.save()


def run_openai_batch(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    output: Path,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> list[str]:
    """Run the job's llm work through the Batch API; return the batch ids used."""
    from .._llm._client import BatchAPI
    from .._llm._engine import LLMEngine

    engine = LLMEngine(config)
    cache = AnalysisCache(opts.cache_dir, config, "llm") if opts.cache_dir else None
    rounds = Rounds(
        engine,
        cache,
        price_factor=BATCH_PRICE_FACTOR,
        price_note="cost_usd is priced at the Batch API's 50 % discount on the price table",
    )
    folder = state_dir(output)
    parts = _Parts(folder)
    batch_ids: list[str] = []
    with BatchAPI(engine.settings) as api:

        def run_part(index: int, pending: dict[str, Conversation]) -> None:
            store = _Store(folder / f"part-{index}", engine.settings.base_url, engine.model)
            source = _OpenAIBatchSource(rounds, api, store, opts, sleep)
            run_rounds(rounds, pending, source, write, opts.max_rounds)
            batch_ids.extend(source.batch_ids)
            # Every record of the part is written: its state is no longer needed.
            shutil.rmtree(store.folder, ignore_errors=True)

        index: int | None = None  # the saved part being collected, if any
        pending: dict[str, Conversation] = {}  # its (or the open part's) conversations
        size = 0  # bytes of the open part's first requests
        last = 0  # the line of the last conversation collected
        for kind, payload in actions:
            if kind == "write":
                write(payload)
                continue
            started = rounds.start(payload)
            if not isinstance(started, Conversation):
                write(started)
                continue
            line = payload.line
            if index is not None and line > parts.state.last_lines[index]:
                run_part(index, pending)
                index, pending = None, {}
            if index is None and not pending:
                index = parts.index_of(line)
            if index is None:  # the open part: cut it where a batch would be too big
                request = len(json.dumps(rounds.line(started), ensure_ascii=False).encode()) + 1
                if pending and (
                    len(pending) >= opts.batch_max_requests or size + request > opts.batch_max_bytes
                ):
                    run_part(parts.close(last), pending)
                    pending, size = {}, 0
                size += request
            pending[payload.id] = started
            last = line
        if pending:
            run_part(parts.close(last) if index is None else index, pending)
    # Every record is written (and flushed): the state is no longer needed to resume.
    shutil.rmtree(folder, ignore_errors=True)
    return batch_ids
