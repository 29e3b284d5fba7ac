"""Progress of the batch job on stderr: a rich bar on a terminal, log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from ._job import Tally

__all__ = ["PLAIN_INTERVAL", "ProgressDisplay"]

PLAIN_INTERVAL = 10.0
"""Seconds between plain progress lines when stderr is not a terminal."""


def _line(t: Tally) -> str:
    elapsed = max(time.monotonic() - t.started, 1e-9)
    cost = "" if t.cost_usd is None else f", ${t.cost_usd:.4f}"
    return (
        f"{t.lines} lines read, {t.written} written ({t.ok} ok, {t.errors} errors), "
        f"{t.skipped} skipped; {t.written / elapsed:.1f}/s; "
        f"{t.prompt_tokens + t.completion_tokens} tokens{cost}"
    )


class ProgressDisplay:
    """Call it with the running `Tally`; use as a context manager around the job.

    The input is streamed, so its length is unknown: the bar shows counts and rate, and
    an ETA only when `total` (lines) is given.
    """

    def __init__(
        self, *, quiet: bool = False, stream: TextIO | None = None, total: int | None = None
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self._last = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if not quiet and self.tty:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = self._progress.add_task("batch", total=total)

    def __call__(self, tally: Tally) -> None:
        if self.quiet:
            return
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=tally.written, description=_line(tally))
            return
        now = time.monotonic()
        if now - self._last >= PLAIN_INTERVAL:
            self._last = now
            self.stream.write(f"batch: {_line(tally)}\n")
            self.stream.flush()

    def show(self, message: str) -> None:
        """One line of news (a batch created, its status): above the bar, or plain."""
        if self.quiet:
            return
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            self.stream.write(f"batch: {message}\n")
            self.stream.flush()

    @contextmanager
    def logging(self, name: str = "summarizer.batch") -> Iterator[None]:
        """Show the INFO records of logger `name` (the Batch API's steps) while inside."""
        display = self

        class _Show(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                display.show(record.getMessage())

        logger = logging.getLogger(name)
        handler, level = _Show(logging.INFO), logger.level
        logger.addHandler(handler)
        if logger.getEffectiveLevel() > logging.INFO:
            logger.setLevel(logging.INFO)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)

    def __enter__(self) -> ProgressDisplay:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
