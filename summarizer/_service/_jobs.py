"""Batch jobs on disk, run by the batch runner in the background, resumed after a restart.

Layout, one folder per job::

    <data-dir>/jobs/<id>/input.jsonl          the articles, one JSON object a line
    <data-dir>/jobs/<id>/job.json             id, owner (token hash), engine, model, state
    <data-dir>/jobs/<id>/results.jsonl        the batch runner's output
    <data-dir>/jobs/<id>/results.report.json  its report, once a run finishes

A job is written to `<data-dir>/jobs/.new-<id>/` and renamed into place only when its
input is complete, so a crash mid-upload leaves no half job (`.new-*` folders are removed
at start). `job.json` is replaced atomically (write, fsync, rename).

One runner thread takes jobs in order of arrival and calls `run_batch` on the job's input
and results file. On start every job not `done` or `failed` is queued again: rerunning the
batch runner against the same results file resumes it (ids already written are skipped, a
torn last line is cut), so every article ends with exactly one record.

Removing a job (its owner's `DELETE`, or the retention period after it finished) renames
its folder to `.gone-<id>` and then deletes that, so a job is either whole or invisible.
Only the runner writes in a job's folder, and only while it runs the job; the store's lock
makes "start running" and "remove" exclusive, so the runner never starts a removed job
and nothing removes the folder it is writing in. A running job that is deleted gets a
`deleted` marker instead: it is invisible at once, the runner stops it at its next
record and removes the folder itself (a server stopped meanwhile removes it at start).
"""

from __future__ import annotations

import json
import logging
import math
import os
import queue
import shutil
import threading
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from .._batch import BatchOptions, run_batch
from .._batch._items import LineSplitter, UnreadableLine, load_line
from .._batch._job import Tally
from .._config import Config, EngineChoice
from .._exceptions import ConfigError, SummarizerError
from ._errors import InvalidJson, InvalidRequest, JobNotFound, LineTooLarge, unreadable_json
from ._schemas import MAX_DEPTH, JobCounts, JobStatus, surrogate_problem, too_deep
from ._settings import DEFAULT_MAX_BODY_BYTES

__all__ = ["DEFAULT_PAGE", "MAX_PAGE", "JobStore", "JsonlWriter"]

logger = logging.getLogger("summarizer.service")

_ID_CHARS = frozenset("0123456789abcdef")
_DELETED = "deleted"  # the marker of a running job deleted by its owner
_FINISHED = ("done", "failed")

DEFAULT_PAGE = 100
"""Jobs `GET /v1/jobs` lists at once unless asked for fewer (or more, up to `MAX_PAGE`)."""

MAX_PAGE = 1000
"""The most jobs one page of `GET /v1/jobs` holds."""


class _JobDeleted(Exception):
    """Raised from the batch runner's progress hook to stop a job its owner deleted.

    The batch runner has no cancel switch; an exception from its hook propagates out of
    it like any failure of its output, after closing its files."""


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class JsonlWriter:
    """Writes a job's input as it arrives: each line decoded once, checked, stored as UTF-8.

    The upload is cut into lines and each line read exactly as the batch runner reads a
    JSONL file (`LineSplitter`, `load_line`: UTF-8, or UTF-16 / UTF-32 told by a BOM or
    NULs, decoded as one stream). What is stored is never the client's bytes but each
    line's JSON value written anew (`json.dumps`: UTF-8, control characters escaped), so the
    stored file starts with `{`, `[` or a newline and no stored line can be read any other
    way by the runner. The runner is also told never to open a `path` (`allow_paths`).

    A line naming a server-side `path` is refused outright (400): a client must not make
    the server read its files. So is (400 `invalid_json`) a line the server cannot read
    although it may be valid JSON (a number over 4300 digits, nesting too deep for the
    parser): it cannot be told from a `path` line; and one nested over `MAX_DEPTH` levels,
    which the batch runner might not read; and a lone surrogate in a `title`, `url` or
    `metadata`, which records repeat. A line that is not JSON (bad syntax, bad bytes) is
    stored as `{"id": null, "unreadable": why}`, which the runner gives its
    `malformed_line` record with that reason. A line longer than `max_line` (bytes, or
    characters of a UTF-16 / UTF-32 upload) is refused (413) as soon as it passes it:
    no article body may be longer. Other errors (no id, a lone surrogate in the
    id, in a `text` or `html`) are the runner's records as for any batch. Blank lines are
    kept, so the records' `line` numbers, and the line numbers in messages, are those of
    the upload.
    """

    def __init__(self, path: Path, *, max_line: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self._fh = path.open("wb")
        self._max_line = max_line
        self._splitter = LineSplitter()
        self._number = 0  # lines so far, blank ones included
        self.lines = 0  # articles: lines that are not blank

    def feed(self, chunk: bytes) -> None:
        """Add bytes of the upload."""
        for line in self._splitter.feed(chunk):
            self._line(line)
        # Refused while it arrives: a line is held whole until its end, and none may be
        # longer than an article body (`--max-body-bytes`), whatever the upload's limit.
        if self._splitter.pending > self._max_line:
            raise LineTooLarge(self._number + 1, self._max_line)

    def add(self, item: dict[str, Any]) -> None:
        """Add one article already validated."""
        self._number += 1
        self._store(item)

    def _line(self, raw: bytes | str) -> None:
        self._number += 1
        where = f"line {self._number}"
        if len(raw) > self._max_line:
            raise LineTooLarge(self._number, self._max_line)
        if not raw.strip():
            self._fh.write(b"\n")  # not an article, but it keeps the line numbers
            return
        try:
            obj = load_line(raw, self._splitter.encoding)
        except UnreadableLine as exc:
            if not exc.syntax:
                raise InvalidJson(
                    f"{where}: {unreadable_json(exc.__cause__ or exc)}; the server cannot "
                    "read it (nor tell whether it names a 'path'): fix or remove the line"
                ) from exc
            obj = {"id": None, "unreadable": exc.message}
        if too_deep(obj):
            raise InvalidJson(
                f"{where}: lists and objects nested over {MAX_DEPTH} levels deep; fix or "
                "remove the line"
            )
        if isinstance(obj, dict):
            self._check(obj, where)
        self._store(obj)

    @staticmethod
    def _check(obj: dict[str, Any], where: str) -> None:
        """Refuse an article object the job must not take (see the class docstring)."""
        if obj.get("path") is not None:
            raise InvalidRequest(
                f"{where}: 'path' items are not accepted over HTTP; send 'text' or 'html'"
            )
        for key in ("title", "url", "metadata"):
            problem = surrogate_problem(obj.get(key))
            if problem is not None:
                raise InvalidRequest(f"{where}: {key!r} {problem}; results could not hold it")

    def _store(self, value: object) -> None:
        try:
            raw = json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (in an id, a text or html): kept as its escape; the batch
            # runner gives the article its error record.
            raw = json.dumps(value).encode("ascii")
        self._fh.write(raw + b"\n")
        self.lines += 1

    def close(self) -> None:
        """Read the end of the upload (a last line without a newline) and close the file."""
        for line in self._splitter.close():
            self._line(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()

    def abort(self) -> None:
        """Close without finishing."""
        self._fh.close()


class JobStore:
    """The jobs folder, and the thread that runs the jobs in it.

    `retention`: seconds a finished job is kept after it finished (None: for ever);
    expired jobs are removed at start and then every `retention / 10` (1 s to 1 hour).
    `max_line`: the longest line a JSONL upload may hold (see `JsonlWriter`).
    """

    def __init__(
        self,
        data_dir: Path,
        config: Config,
        *,
        workers: int = 1,
        retention: float | None = None,
        max_line: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        self.root = data_dir / "jobs"
        self.max_line = max_line
        self.config = config
        self.workers = workers
        self.retention = retention
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._progress: dict[str, Tally] = {}
        # Held while a job starts or finishes running and while one is removed.
        self._lock = threading.Lock()
        self._running: str | None = None
        self._deleted: set[str] = set()  # running jobs their owner deleted
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._sweeper: threading.Thread | None = None

    # --- lifecycle ---

    def start(self) -> None:
        """Clean up unfinished uploads and removals, drop expired jobs, queue unfinished
        ones, start the runner (and the retention sweeper)."""
        self.root.mkdir(parents=True, exist_ok=True)
        for leftover in [*self.root.glob(".new-*"), *self.root.glob(".gone-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        for marker in self.root.glob(f"*/{_DELETED}"):
            shutil.rmtree(marker.parent, ignore_errors=True)  # deleted while it ran
        self.remove_expired()
        pending = []
        for folder in self.root.iterdir():
            meta = self._read(folder.name)
            if meta is not None and meta["status"] in ("queued", "running"):
                pending.append((meta["created"], meta["id"]))
        for _created, job_id in sorted(pending):
            self._queue.put(job_id)
        # Daemons: a job interrupted by shutdown is resumed on the next start.
        self._thread = threading.Thread(target=self._run, name="jobs", daemon=True)
        self._thread.start()
        if self.retention is not None:
            self._sweeper = threading.Thread(target=self._sweep, name="jobs-retention", daemon=True)
            self._sweeper.start()

    def stop(self) -> None:
        """Ask the runner to stop after the current job (it does not wait)."""
        self._stopping.set()
        self._queue.put(None)

    @property
    def pending(self) -> int:
        """Jobs waiting or running."""
        return self._queue.qsize() + len(self._progress)

    # --- creating ---

    def new(self) -> tuple[str, Path, JsonlWriter]:
        """A fresh job id, its staging folder and a writer for its input."""
        job_id = uuid.uuid4().hex
        staging = self.root / f".new-{job_id}"
        staging.mkdir(parents=True)
        return job_id, staging, JsonlWriter(staging / "input.jsonl", max_line=self.max_line)

    def discard(self, staging: Path) -> None:
        """Remove a staging folder after a refused upload."""
        shutil.rmtree(staging, ignore_errors=True)

    def commit(
        self,
        job_id: str,
        staging: Path,
        writer: JsonlWriter,
        *,
        owner: str,
        engine: EngineChoice,
        model: str | None,
    ) -> JobStatus:
        """Finish the input, publish the job folder and queue the job."""
        writer.close()
        if writer.lines == 0:
            self.discard(staging)
            raise InvalidRequest("the job has no articles")
        meta = {
            "id": job_id,
            "owner": owner,
            "engine": engine,
            "model": model,
            "status": "queued",
            "created": time.time(),
            "total": writer.lines,
            "runs": 0,
        }
        _write_json(staging / "job.json", meta)
        os.replace(staging, self.root / job_id)
        self._queue.put(job_id)
        return self._status(meta)

    # --- reading ---

    def _read(self, job_id: str) -> dict[str, Any] | None:
        if len(job_id) != 32 or not set(job_id) <= _ID_CHARS:
            return None
        if (self.root / job_id / _DELETED).exists():
            return None
        try:
            meta: dict[str, Any] = json.loads((self.root / job_id / "job.json").read_text())
        except (OSError, ValueError):
            return None
        return meta

    def get(self, job_id: str, owner: str) -> JobStatus:
        """A job's status; another token's job is as unknown as a missing one."""
        meta = self._read(job_id)
        if meta is None or meta.get("owner") != owner:
            raise JobNotFound(job_id)
        return self._status(meta)

    def results_path(self, job_id: str, owner: str) -> Path:
        """The results file of a job the caller owns (may not exist yet)."""
        self.get(job_id, owner)
        return self.root / job_id / "results.jsonl"

    def list_jobs(
        self, owner: str, *, limit: int = DEFAULT_PAGE, cursor: str | None = None
    ) -> tuple[list[JobStatus], str | None]:
        """The caller's jobs, newest first: a page of at most `limit`, and the cursor of
        the next page (None when this is the last). `cursor` is one this gave."""
        after = _parse_cursor(cursor) if cursor is not None else None
        mine = []
        for folder in self.root.iterdir():
            meta = self._read(folder.name)
            if meta is not None and meta.get("owner") == owner:
                key = (meta["created"], meta["id"])
                if after is None or key < after:
                    mine.append((key, meta))
        mine.sort(key=lambda item: item[0], reverse=True)
        page = mine[:limit]
        after_page = _cursor(*page[-1][0]) if len(mine) > limit else None
        return [self._status(meta) for _key, meta in page], after_page

    # --- removing ---

    def delete(self, job_id: str, owner: str) -> None:
        """Remove a job of the caller's; a running one is stopped first (by the runner)."""
        with self._lock:
            meta = self._read(job_id)
            if meta is None or meta.get("owner") != owner:
                raise JobNotFound(job_id)
            if job_id == self._running:
                # The runner is writing in the folder: it stops at its next record and
                # removes the folder itself. The marker hides the job meanwhile, and
                # tells a restarted server to remove it rather than resume it.
                (self.root / job_id / _DELETED).touch()
                self._deleted.add(job_id)
                return
            gone = self._hide(job_id)
        shutil.rmtree(gone, ignore_errors=True)

    def remove_expired(self, now: float | None = None) -> int:
        """Remove the jobs that finished over `retention` seconds ago; how many were."""
        if self.retention is None:
            return 0
        cutoff = (time.time() if now is None else now) - self.retention
        removed = 0
        for folder in list(self.root.iterdir()):
            with self._lock:
                meta = self._read(folder.name)
                if meta is None or meta["status"] not in _FINISHED:
                    continue
                if (meta.get("finished") or meta["created"]) >= cutoff:
                    continue
                gone = self._hide(folder.name)
            shutil.rmtree(gone, ignore_errors=True)
            removed += 1
        return removed

    def _hide(self, job_id: str) -> Path:
        """Take a job's folder out of sight (under the lock); the caller deletes it."""
        gone = self.root / f".gone-{job_id}"
        os.replace(self.root / job_id, gone)
        return gone

    def _sweep(self) -> None:
        assert self.retention is not None
        interval = min(max(self.retention / 10, 1.0), 3600.0)
        while not self._stopping.wait(interval):
            try:
                removed = self.remove_expired()
            except OSError as exc:  # a full or read-only disk: try again next time
                logger.warning("jobs: removing expired jobs failed: %s", type(exc).__name__)
                continue
            if removed:
                logger.info("jobs: removed %d finished over the retention period", removed)

    def _status(self, meta: dict[str, Any]) -> JobStatus:
        report = meta.get("report") or {}
        tally = self._progress.get(meta["id"])
        if report:
            counts = JobCounts(
                total=meta["total"],
                done=report["ok"] + report["error"],
                ok=report["ok"],
                error=report["error"],
                missing=report["missing"],
            )
        elif tally is not None:
            counts = JobCounts(total=meta["total"], done=tally.skipped + tally.written)
        else:
            counts = JobCounts(total=meta["total"], done=0)
        return JobStatus(
            id=meta["id"],
            status=meta["status"],
            engine=meta["engine"],
            model=meta.get("model"),
            created=meta["created"],
            finished=meta.get("finished"),
            counts=counts,
            error_types=report.get("error_types") or {},
            runs=meta.get("runs", 0),
            failure=meta.get("failure"),
        )

    # --- running ---

    def _run(self) -> None:
        while (job_id := self._queue.get()) is not None:
            try:
                self._run_job(job_id)
            except Exception:
                logger.exception("job %s: the runner failed", job_id)

    def _run_job(self, job_id: str) -> None:
        folder = self.root / job_id
        with self._lock:
            meta = self._read(job_id)  # None once deleted, even if still queued
            if meta is None or meta["status"] not in ("queued", "running"):
                return
            meta.update(status="running", runs=meta.get("runs", 0) + 1)
            _write_json(folder / "job.json", meta)
            self._running = job_id
        tally_holder: dict[str, Tally] = self._progress

        def progress(tally: Tally) -> None:
            if job_id in self._deleted:
                raise _JobDeleted(job_id)
            tally_holder[job_id] = tally

        update: dict[str, object] = {"engine": meta["engine"]}
        if meta.get("model"):
            update["model"] = meta["model"]
        try:
            try:
                config = Config.model_validate(
                    {**self.config.model_dump(), "api_key": self.config.api_key, **update}
                )
            except ValueError as exc:  # pydantic's ValidationError: the job's engine or model
                raise ConfigError(f"invalid engine or model: {exc}") from exc
            report = run_batch(
                config,
                folder / "input.jsonl",
                folder / "results.jsonl",
                # Never a file named by a line, whatever the stored input holds.
                BatchOptions(workers=self.workers, progress=progress, allow_paths=False),
            )
        except SummarizerError as exc:
            # What `run_batch` raises on purpose: it stops the whole job (see its docstring).
            meta.update(status="failed", failure={"type": exc.type, "message": exc.message})
        except _JobDeleted:
            pass  # removed below
        except Exception as exc:
            # A bug, not the job's configuration or input. Like the HTTP handler for bugs, the
            # log names the class only: an exception's text could hold anything, the key too.
            name = type(exc).__name__
            logger.error("job %s: the batch runner failed: unexpected %s", job_id, name)
            message = f"the batch runner failed unexpectedly ({name}); it has been logged"
            meta.update(status="failed", failure={"type": "internal_error", "message": message})
        else:
            meta.update(
                status="done" if report.accounted else "failed",
                report=report.model_dump(
                    include={"ok", "error", "missing", "accounted", "error_types"}
                ),
            )
            if not report.accounted:
                meta["failure"] = {
                    "type": "unaccounted",
                    "message": f"{report.missing} articles have no record",
                }
        finally:
            self._progress.pop(job_id, None)
        with self._lock:
            self._running = None
            if job_id not in self._deleted:
                meta["finished"] = time.time()
                _write_json(folder / "job.json", meta)
                return
            self._deleted.discard(job_id)
            gone = self._hide(job_id)
        shutil.rmtree(gone, ignore_errors=True)


def _cursor(created: float, job_id: str) -> str:
    return f"{created!r}_{job_id}"


def _parse_cursor(cursor: str) -> tuple[float, str]:
    created, _, job_id = cursor.partition("_")
    try:
        when = float(created)
    except ValueError:
        when = math.nan
    if not (math.isfinite(when) and len(job_id) == 32 and set(job_id) <= _ID_CHARS):
        raise InvalidRequest(f"{cursor!r} is not a cursor this server gave (use 'next')")
    return when, job_id


async def stream_file(path: Path, chunk: int = 64 * 1024) -> AsyncIterator[bytes]:
    """The complete lines of `path` as they stand now, read in a thread chunk by chunk.

    The runner may be appending: only bytes up to the last newline present when the
    stream starts are sent, so a client never sees a half-written record.
    """
    import anyio

    try:
        fh = await anyio.open_file(path, "rb")
    except FileNotFoundError:  # not written yet, or the job was removed meanwhile
        return
    try:
        size = (await anyio.Path(path).stat()).st_size
        head = b""
        sent = 0
        while sent < size:
            data = await fh.read(min(chunk, size - sent))
            if not data:
                break
            sent += len(data)
            data = head + data
            cut = data.rfind(b"\n") + 1
            head = data[cut:]
            if cut:
                yield data[:cut]
    finally:
        await fh.aclose()
