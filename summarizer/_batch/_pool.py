"""The local runner of the offline engine: in this process, or a pool of processes.

`run_offline` analyses planned actions in `workers` processes fed a bounded window of
chunks (so the input is still streamed) and writes records in input order, so identical
runs write identical files. Any `concurrent.futures.Executor` can stand for the process
pool: the Ray runner passes its cluster's (`_ray.RayExecutor`), with the same order and
the same records.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .._api import Summarizer
from .._config import Config
from .._offline._heap import freeze_after_first_analysis
from ._cache import AnalysisCache
from ._items import BatchItem
from ._options import BatchOptions
from ._plan import Action
from ._records import analyze_item

__all__ = ["run_offline", "set_up_worker", "work_chunk"]

# Per worker process: built once by the pool's initializer, used for every chunk.
_worker_summarizer: Summarizer | None = None
_worker_cache: AnalysisCache | None = None


def set_up_worker(config: Config, cache_dir: Path | None, engine: str = "offline") -> None:
    """Build this worker process's `Summarizer` (and cache) for `work_chunk`: the pool's
    initializer, and the Ray runner's once per worker and job."""
    global _worker_summarizer, _worker_cache
    _worker_summarizer = Summarizer(config)
    _worker_cache = AnalysisCache(cache_dir, config, engine) if cache_dir else None


def work_chunk(chunk: list[BatchItem]) -> list[dict[str, Any]]:
    """The records of `chunk`, in order, analysed by this worker's `Summarizer`."""
    assert _worker_summarizer is not None
    records = [analyze_item(_worker_summarizer, item, _worker_cache) for item in chunk]
    # A worker process is the batch job's own: its engine's tables, loaded by the first
    # chunk, leave the cyclic collector's full passes (`summarizer._offline._heap`).
    freeze_after_first_analysis()
    return records


_Group = tuple[cf.Future[list[dict[str, Any]]] | None, list[dict[str, Any] | None]]
"""A chunk in flight (None: no items) and its lines' records in order (None: the next
result of the chunk)."""


def run_offline(
    config: Config,
    actions: Iterator[Action],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    pool: cf.Executor | None = None,
    work: Callable[[list[BatchItem]], list[dict[str, Any]]] | None = None,
    window: int | None = None,
) -> None:
    """Analyse `actions` here, in `opts.workers` processes, or through `pool` (sized by
    `opts.workers`: a Ray cluster's executor, which runs `work` on each chunk), writing
    records in input order, with at most `window` chunks in flight (default: two per
    worker)."""
    if pool is None and opts.workers <= 1:
        cache = AnalysisCache(opts.cache_dir, config, "offline") if opts.cache_dir else None
        with Summarizer(config) as summarizer:
            for kind, payload in actions:
                write(payload if kind == "write" else analyze_item(summarizer, payload, cache))
                if kind != "write":
                    freeze_after_first_analysis()  # this process is the command's own
        return
    # spawn, not fork: forking a process that has threads (the progress display, the
    # runtime's) is unsafe and warns on newer Pythons.
    context = multiprocessing.get_context("spawn")
    # Chunks in flight: keeps every core busy, memory bounded.
    window = window or opts.workers * 2
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
            initializer=set_up_worker,
            initargs=(config, opts.cache_dir),
        )
    with pool:

        def close_group() -> None:
            nonlocal slots, items, in_flight
            future = pool.submit(work or work_chunk, items) if items else None
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
