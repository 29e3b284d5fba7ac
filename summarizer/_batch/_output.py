"""The results file: append-only JSONL that a rerun resumes from.

Every record is one line written with a single `write` call, so a crash can tear only the
last line; `ResultLog.open` truncates a torn tail before appending. Records are keyed
(`record_key`): by `id`, except `duplicate_id` errors, which are keyed by their input line
so each repeat of an id is accounted for on its own. When a key has several records (a
retried error), the last one wins, and `compact` rewrites the file to one line per key.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_FSYNC_INTERVAL", "ResultLog", "compact", "key_hash", "record_key", "scan"]

DEFAULT_FSYNC_INTERVAL = 1.0
"""Seconds between fsyncs of the results file: a record is flushed to the OS at once (so a
killed process loses nothing), and made durable against power loss within this time."""

DUPLICATE = "duplicate_id"


def record_key(record: Mapping[str, Any]) -> str:
    """The accounting key of a result record (see the module docstring)."""
    error = record.get("error")
    if isinstance(error, Mapping) and error.get("type") == DUPLICATE:
        return f"{record.get('id')}\x00line:{record.get('line')}"
    return str(record.get("id"))


def key_hash(key: str) -> int:
    """A 64-bit digest of an accounting key.

    The job keeps one entry per input line (to spot repeats and to resume); a small int
    instead of the id string keeps that memory low. Collisions are ~1e-9 likely at a
    million lines.
    """
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line index, record) for every complete, parseable line."""
    with path.open("rb") as fh:
        for index, raw in enumerate(fh):
            if not raw.endswith(b"\n"):
                return  # a torn tail; `ResultLog.open` truncates it
            try:
                record = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(record, dict) and "id" in record and "status" in record:
                yield index, record


def scan(path: Path) -> dict[int, bool]:
    """`key_hash` -> "the last record is ok", for an existing results file (empty if none)."""
    state: dict[int, bool] = {}
    if path.exists():
        for _index, record in _iter_records(path):
            state[key_hash(record_key(record))] = record["status"] == "ok"
    return state


def truncate_torn_tail(path: Path) -> int:
    """Cut everything after the last newline; returns the number of bytes removed."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("r+b") as fh:
        # Scan back in blocks: a torn line can be as long as an analysis.
        pos = size
        block = 65536
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            pos = start
        else:
            keep = 0
        if keep < size:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())
        return size - keep


class ResultLog:
    """Appends records to the results file, one whole line per write."""

    def __init__(self, path: Path, *, fsync_interval: float = DEFAULT_FSYNC_INTERVAL) -> None:
        self.path = path
        self.fsync_interval = fsync_interval
        self.torn_bytes = truncate_torn_tail(path)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._last_sync = time.monotonic()
        self.written = 0

    def write(self, record: Mapping[str, Any]) -> None:
        """Append `record` as one line, flushed to the OS before returning."""
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        view = memoryview(data)
        # O_APPEND + a loop: a short write (rare, e.g. a signal) still lands contiguously
        # as long as this process is the only writer, which the job is.
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
        self.written += 1
        now = time.monotonic()
        if now - self._last_sync >= self.fsync_interval:
            os.fsync(self._fd)
            self._last_sync = now

    def close(self) -> None:
        """fsync and close the file."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1


def compact(path: Path) -> int:
    """Rewrite `path` keeping only the last record per key; returns lines dropped.

    Written to a temporary file and renamed over the original, so a crash here leaves
    the old file whole.
    """
    last: dict[int, int] = {}
    for index, record in _iter_records(path):
        last[key_hash(record_key(record))] = index
    # Also drop unparseable lines (counted as lines, never as records).
    with path.open("rb") as fh:
        lines = sum(1 for _ in fh)
    if len(last) == lines:
        return 0
    keep = set(last.values())
    del last
    tmp = path.with_name(path.name + ".compact.tmp")
    with path.open("rb") as src, tmp.open("wb") as dst:
        for index, raw in enumerate(src):
            if index in keep:
                dst.write(raw)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
    return lines - len(keep)
