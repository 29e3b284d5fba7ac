"""The results file's on-disk index: resume and accounting with flat memory.

A job needs, per input line, whether its key was already seen in this run (a repeated id)
and the status of its last record in the output (resume); at the end, every key's final
status (the report) and which line is the last of each key (`compact`). Held in Python,
that grew ~540 bytes per line. `ResultIndex` keeps it in SQLite instead (the standard
library's; its page cache is bounded), beside the output as `OUTPUT.index` while a job
runs: the `records` table maps each key of the output to its last record's status, error
type and byte offset; `seen` holds this run's input keys.

The index follows the file, never the other way round: a record is written to the output
first, then indexed, and the index remembers how many bytes of the output it covers
(`covered`, committed with the rows it covers) and what those bytes end with. Opening it
catches up on what the file holds beyond `covered` (records written, then the process
died before indexing them: read from the file, not analysed again), and rebuilds it from
the whole file when it does not describe this file (shorter than `covered`, other bytes
at its end, another inode, an unreadable index). So a crash anywhere, including between
writing a record and indexing it, loses nothing and repeats nothing. It is removed when
the job ends (the output is compacted then, which moves every line); a rerun after a
finished job rebuilds it by reading the output once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ._output import key_hash, record_key

__all__ = ["Accounting", "ResultIndex", "index_path"]

_VERSION = 1
_FINGERPRINT_BYTES = 4096
_COMMIT_EVERY = 4096  # changes; and at least once a second while records are written
_SIGN = 1 << 63


def index_path(output: Path) -> Path:
    """Where the index of the results file `output` lives while a job runs."""
    return output.with_name(output.name + ".index")


def _signed(key: int) -> int:
    # SQLite integers are signed 64-bit; `key_hash` is unsigned.
    return key - (1 << 64) if key >= _SIGN else key


def _lines_from(path: Path, start: int) -> Iterator[tuple[int, int, dict[str, Any] | None]]:
    """(start, end, record or None) for each complete line of `path` from byte `start`."""
    with path.open("rb") as fh:
        fh.seek(start)
        pos = start
        for raw in fh:
            if not raw.endswith(b"\n"):
                return  # a torn tail: not a line yet
            end = pos + len(raw)
            record: Any
            try:
                record = json.loads(raw)
            except (ValueError, RecursionError):
                record = None
            if not (isinstance(record, dict) and "id" in record and "status" in record):
                record = None
            yield pos, end, record
            pos = end


class Accounting:
    """This run's input keys by the final status of their records (the report's counts)."""

    def __init__(self, seen: int, ok: int, error: int, error_types: dict[str, int]) -> None:
        self.seen = seen
        self.ok = ok
        self.error = error
        self.missing = seen - ok - error
        self.error_types = error_types


class ResultIndex:
    """The index of one results file (or of none: `temporary`). Thread-safe: the llm
    runner plans in a thread while records are written on the event loop's."""

    def __init__(self, db: str, output: Path | None) -> None:
        self._db_path = db
        self.output = output
        self._lock = threading.Lock()
        self._db = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        try:
            # Safe against a killed process (what the OS was given survives), not a power
            # cut, whose damage is found on opening (`_describes_file`) and rebuilt.
            self._db.execute("PRAGMA synchronous = OFF")
        except sqlite3.DatabaseError:
            self._db.close()
            raise
        self.covered = 0
        self.lines = 0
        self._changes = 0
        self._last_commit = time.monotonic()
        self._stale = False

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, output: Path) -> ResultIndex:
        """The index of `output` (which must exist): kept, caught up with the file's
        records beyond it, or rebuilt from the whole file; this run's `seen` is empty."""
        path = index_path(output)
        try:
            return cls._loaded(path, output)
        except sqlite3.DatabaseError:
            # Not an index we can read (torn by a crash, another program's file): it is
            # only a cache of the output, so it is built again from the output.
            path.unlink(missing_ok=True)
            return cls._loaded(path, output)

    @classmethod
    def _loaded(cls, path: Path, output: Path) -> ResultIndex:
        index = cls(str(path), output)
        try:
            index._load()
        except BaseException:
            index._db.close()
            raise
        return index

    @classmethod
    def temporary(cls) -> ResultIndex:
        """An index of no output, in a temporary file SQLite removes on close (planning
        without an output: `export_requests`)."""
        index = cls("", None)
        index._create()
        return index

    def _create(self) -> None:
        db = self._db
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS records "
            "(key INTEGER PRIMARY KEY, ok INTEGER NOT NULL, type TEXT, pos INTEGER NOT NULL)"
        )
        db.execute("DROP TABLE IF EXISTS seen")  # this run's: whatever a crash left goes
        db.execute("CREATE TABLE seen (key INTEGER PRIMARY KEY)")
        db.execute("BEGIN")

    def _load(self) -> None:
        assert self.output is not None
        self._create()
        meta = dict(self._db.execute("SELECT name, value FROM meta").fetchall())
        self.covered = int(meta.get("covered") or 0)
        self.lines = int(meta.get("lines") or 0)
        if not self._describes_file(meta):
            self._db.execute("DELETE FROM records")
            self.covered = self.lines = 0
        self._catch_up()
        self._commit()

    def _identity(self) -> str:
        assert self.output is not None
        stat = self.output.stat()
        return f"{stat.st_dev}:{stat.st_ino}"

    def _fingerprint(self, upto: int) -> str:
        assert self.output is not None
        start = max(0, upto - _FINGERPRINT_BYTES)
        with self.output.open("rb") as fh:
            fh.seek(start)
            return hashlib.sha256(fh.read(upto - start)).hexdigest()

    def _describes_file(self, meta: Mapping[str, Any]) -> bool:
        assert self.output is not None
        if meta.get("version") != _VERSION or meta.get("file") != self._identity():
            return False
        if self.covered > self.output.stat().st_size:
            return False  # the file lost lines the index holds (a power cut, a copy)
        return meta.get("fingerprint") == self._fingerprint(self.covered)

    def _catch_up(self) -> None:
        """Index the output's records beyond `covered` (written, never indexed)."""
        assert self.output is not None
        for start, end, record in _lines_from(self.output, self.covered):
            if record is not None:
                self._put(record, start)
            self.covered = end
            self.lines += 1
            self._changes += 1
            if self._changes >= _COMMIT_EVERY:
                self._commit()

    # --- during the job ----------------------------------------------------------------

    def first_seen(self, key: int) -> bool:
        """Note `key` as an input key of this run; False if it was noted before."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO seen (key) VALUES (?)", (_signed(key),)
            )
            self._changes += 1
            return cursor.rowcount == 1

    def status(self, key: int) -> bool | None:
        """Whether the last record of `key` in the output is ok (None: it has none)."""
        with self._lock:
            row = self._db.execute(
                "SELECT ok FROM records WHERE key = ?", (_signed(key),)
            ).fetchone()
        return None if row is None else bool(row[0])

    def add(self, record: Mapping[str, Any], start: int, end: int) -> None:
        """Index `record`, just written to the output at bytes `start`..`end`."""
        with self._lock:
            self._put(record, start)
            self.covered = end
            self.lines += 1
            self._changes += 1
            if self._changes >= _COMMIT_EVERY or time.monotonic() - self._last_commit >= 1.0:
                self._commit()

    def _put(self, record: Mapping[str, Any], start: int) -> None:
        error = record.get("error")
        kind = error.get("type") if isinstance(error, Mapping) else None
        self._db.execute(
            "INSERT OR REPLACE INTO records (key, ok, type, pos) VALUES (?, ?, ?, ?)",
            (
                _signed(key_hash(record_key(record))),
                record.get("status") == "ok",
                None if kind is None else str(kind),
                start,
            ),
        )

    def commit(self) -> None:
        """Make what is indexed so far, and the bytes it covers, one durable step."""
        with self._lock:
            self._commit()

    def _commit(self, *, reopen: bool = True) -> None:
        if self.output is not None and not self._stale:
            meta = {
                "version": _VERSION,
                "covered": self.covered,
                "lines": self.lines,
                "file": self._identity(),
                "fingerprint": self._fingerprint(self.covered),
            }
            self._db.executemany(
                "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", meta.items()
            )
        self._db.execute("COMMIT")
        if reopen:
            self._db.execute("BEGIN")
        self._changes = 0
        self._last_commit = time.monotonic()

    # --- at the end ----------------------------------------------------------------------

    def accounting(self) -> Accounting:
        """This run's input keys by their final status in the output."""
        with self._lock:
            seen = self._db.execute("SELECT count(*) FROM seen").fetchone()[0]
            rows = self._db.execute(
                "SELECT r.ok, r.type, count(*) FROM seen s JOIN records r ON r.key = s.key "
                "GROUP BY r.ok, r.type"
            ).fetchall()
        ok = sum(count for status, _kind, count in rows if status)
        error_types: dict[str, int] = {}
        for status, kind, count in rows:
            if not status:
                error_types[str(kind)] = error_types.get(str(kind), 0) + count
        return Accounting(seen, ok, sum(error_types.values()), dict(sorted(error_types.items())))

    def compact(self) -> int:
        """Rewrite the output keeping only the last record per key (and no unparseable
        line); returns the lines dropped. Written to a temporary file and renamed over the
        output, so a crash here leaves the old file whole."""
        assert self.output is not None
        with self._lock:
            self._catch_up()
            self._commit()
            kept = int(self._db.execute("SELECT count(*) FROM records").fetchone()[0])
            if kept == self.lines:
                return 0
            tmp = self.output.with_name(self.output.name + ".compact.tmp")
            lookup = "SELECT pos FROM records WHERE key = ?"
            with self.output.open("rb") as src, tmp.open("wb") as dst:
                for start, _end, record in _lines_from(self.output, 0):
                    if record is None:
                        continue
                    row = self._db.execute(
                        lookup, (_signed(key_hash(record_key(record))),)
                    ).fetchone()
                    if row is not None and row[0] == start:
                        src.seek(start)
                        dst.write(src.readline())
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, self.output)
            # Every line moved: the offsets held here describe no file any more.
            self._db.execute("DELETE FROM meta")
            self._stale = True
            return self.lines - kept

    def close(self, *, remove: bool = False) -> None:
        """Commit and close; with `remove`, delete the index file (the job is done)."""
        with self._lock:
            if remove:
                self._db.execute("ROLLBACK")
            else:
                self._commit(reopen=False)
            self._db.close()
        if remove and self.output is not None:
            Path(self._db_path).unlink(missing_ok=True)

    def __enter__(self) -> ResultIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
