"""The results file: append-only JSONL that a rerun resumes from.

Every record is one line written with a single `write` call, so a crash can tear only the
last line; `ResultLog.open` truncates a torn tail before appending. Records are keyed
(`record_key`): by `id`, except `duplicate_id` errors, which are keyed by their id and
input line so each repeat of an id is accounted for on its own, and malformed lines
without a readable id (id `line:N`, `fallback_id`), which are keyed by their line alone,
so a real id `line:N` is neither taken for them nor for a repeat of them. Keys are JSON
arrays (`["id", ID]`, `["dup", ID, LINE]`, `["line", LINE]`), so no id, however spelled
(a NUL, `line:`), can stand for another key. When a key has several records (a retried
error), the last one wins, and `ResultIndex.compact` rewrites the file to one line per key.

`check_output` runs before anything is written: it refuses an output that is the input
(appending to the file being read never ends) and an existing file that is not a results
file of this tool (the torn-tail cut and compaction would damage it).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._exceptions import SummarizerError

__all__ = [
    "DEFAULT_FSYNC_INTERVAL",
    "OutputConflict",
    "ResultLog",
    "check_output",
    "fallback_id",
    "id_key",
    "key_hash",
    "record_key",
    "refuse_input",
    "scan",
]

DEFAULT_FSYNC_INTERVAL = 1.0
"""Seconds between fsyncs of the results file: a record is flushed to the OS at once (so a
killed process loses nothing), and made durable against power loss within this time."""

DUPLICATE = "duplicate_id"
MALFORMED = "malformed_line"

_RECORD_START = b'{"id": '
"""How every record of this tool begins (`json.dumps` of a dict whose first key is id)."""


class OutputConflict(SummarizerError):
    """The output cannot be written without damaging a file (the input, a foreign file)."""

    type = "output_conflict"


def fallback_id(line: int) -> str:
    """The id of a malformed input line whose own id cannot be read."""
    return f"line:{line}"


def is_line_keyed(item_id: object, line: object, error_type: object) -> bool:
    """True for a malformed line carrying the fallback id of its own line."""
    return error_type == MALFORMED and isinstance(line, int) and item_id == fallback_id(line)


def _key(*parts: object) -> str:
    # ASCII JSON: lone surrogates are escaped, so the key always encodes.
    return json.dumps(parts, ensure_ascii=True, separators=(",", ":"))


def id_key(item_id: object) -> str:
    """The key of the first record of an id (what a repeat of the id is looked up by)."""
    return _key("id", str(item_id))


def record_key(record: Mapping[str, Any]) -> str:
    """The accounting key of a result record (see the module docstring)."""
    error = record.get("error")
    kind = error.get("type") if isinstance(error, Mapping) else None
    line = record.get("line")
    if kind == DUPLICATE:
        return _key("dup", str(record.get("id")), line)
    if is_line_keyed(record.get("id"), line, kind):
        return _key("line", line)
    return id_key(record.get("id"))


def key_hash(key: str) -> int:
    """A 64-bit digest of an accounting key.

    The job keeps one entry per input line (to spot repeats and to resume); a small int
    instead of the id string keeps that memory low. Collisions are ~1e-9 likely at a
    million lines.
    """
    data = key.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def _iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line index, record) for every complete, parseable line."""
    with path.open("rb") as fh:
        for index, raw in enumerate(fh):
            if not raw.endswith(b"\n"):
                return  # a torn tail; `ResultLog.open` truncates it
            try:
                record = json.loads(raw)
            except (ValueError, RecursionError):
                # Not JSON, not UTF-8, an int too long to convert, nested too deep.
                continue
            if isinstance(record, dict) and "id" in record and "status" in record:
                yield index, record


def check_output(output: Path, source: str | Path) -> None:
    """Raise `OutputConflict` unless `output` can be appended to, resumed and compacted.

    Refused: the input itself (`source`, or stdin for `-`), and an existing file that does
    not look like a results file. The rule for the latter: an empty file is fine; else the
    file must begin as every record of this tool does (`{"id": `), and its first line, if
    complete, must be a JSON object with `id` and `status`. A file torn inside its first
    record (shorter than one line) passes when what is there is such a beginning. Only
    the first line is read, so the check costs nothing on a large results file.
    """
    if not output.exists():
        return
    refuse_input(output, source)
    if output.is_dir():
        return  # opening it fails with a clear OSError
    with output.open("rb") as fh:
        head = fh.read(len(_RECORD_START))
        if not head:
            return
        ok = head.startswith(_RECORD_START[: len(head)])
        if ok:
            fh.seek(0)
            first = fh.readline()
            if first.endswith(b"\n"):
                try:
                    record = json.loads(first)
                except (ValueError, RecursionError):
                    record = None
                ok = isinstance(record, dict) and "id" in record and "status" in record
    if not ok:
        raise OutputConflict(
            f"the output {output} exists and is not a results file of summarizer batch "
            "(its first line is not a result record); it is left as it is: choose another "
            "--output, or remove the file"
        )


def refuse_input(output: Path, source: str | Path) -> None:
    """Raise `OutputConflict` if `output` is the input `source` (a file, or stdin)."""
    if output.exists() and _same_file(output, source):
        raise OutputConflict(
            f"the output {output} is the input {source}: writing to the file being read "
            "destroys it (appending to it never ends); choose another --output"
        )


def _same_file(output: Path, source: str | Path) -> bool:
    try:
        if str(source) == "-":
            stat = os.fstat(sys.stdin.fileno())
            mine = output.stat()
            return (stat.st_dev, stat.st_ino) == (mine.st_dev, mine.st_ino)
        return Path(source).is_file() and os.path.samefile(source, output)
    except (OSError, ValueError, AttributeError):
        return False  # stdin with no file descriptor (a test's), an input gone missing


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
        # This process is the file's only writer: its size follows from what it appends.
        self.size = os.fstat(self._fd).st_size
        self._last_sync = time.monotonic()
        self.written = 0

    def write(self, record: Mapping[str, Any]) -> int:
        """Append `record` as one line, flushed to the OS before returning; returns the
        byte offset the line starts at (the line ends at `size`)."""
        try:
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        except UnicodeEncodeError:
            # A lone surrogate (an undecodable file name in a message, say): ASCII JSON
            # escapes it, so the record is still written, whole and readable.
            data = (json.dumps(record, ensure_ascii=True) + "\n").encode()
        start = self.size
        view = memoryview(data)
        # O_APPEND + a loop: a short write (rare, e.g. a signal) still lands contiguously
        # as long as this process is the only writer, which the job is.
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
        self.written += 1
        self.size = start + len(data)
        now = time.monotonic()
        if now - self._last_sync >= self.fsync_interval:
            os.fsync(self._fd)
            self._last_sync = now
        return start

    def close(self) -> None:
        """fsync and close the file."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1
