"""How a batch job runs (`BatchOptions`) and what it has done so far (`Tally`).

Below every runner: each reads the options it needs and none imports another for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_CONCURRENCY",
    "BatchOptions",
    "ProgressHook",
    "Tally",
]

DEFAULT_CONCURRENCY = 8
"""Requests in flight at once (llm engine)."""

DEFAULT_CHUNK_SIZE = 16
"""Articles per task sent to a worker process (offline engine with --workers > 1)."""


ProgressHook = Callable[["Tally"], None]
"""Called with the running `Tally` (at most every 0.2 s, and at the end)."""


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
