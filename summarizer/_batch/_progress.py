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
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn

from ._options import Tally

__all__ = ["PLAIN_INTERVAL", "ProgressDisplay", "fit_line"]

PLAIN_INTERVAL = 10.0
"""Seconds between plain progress lines when stderr is not a terminal."""


def _line(t: Tally) -> str:
    elapsed = max(time.monotonic() - t.started, 1e-9)
    return (
        f"{t.lines} lines read, {t.written} written ({t.ok} ok, {t.errors} errors), "
        f"{t.skipped} skipped; {t.written / elapsed:.1f}/s{_spent(t, ', ')}"
    )


def _spent(t: Tally, sep: str) -> str:
    """Tokens and cost, or nothing while none was spent (always, on the offline engine)."""
    tokens = t.prompt_tokens + t.completion_tokens
    parts = [f"{tokens:,} tokens"] if tokens else []
    if t.cost_usd is not None:
        parts.append(f"${t.cost_usd:.4f}")
    return "".join(sep + part for part in parts)


def _elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def fit_line(t: Tally, width: int) -> str:
    """The bar's line for `width` columns: the least useful parts go first when it is
    narrow (skipped, cost, tokens, lines read, then the ok / error split), so the count
    written, the rate and the elapsed time always show whole."""
    elapsed = max(time.monotonic() - t.started, 1e-9)
    tokens = t.prompt_tokens + t.completion_tokens
    # (priority, text): lower priorities are dropped first; shown in list order.
    parts: list[tuple[int, str]] = [
        (3, f"{t.lines:,} read"),
        (9, f"{t.written:,} written"),
        (4, f"{t.ok:,} ok, {t.errors:,} errors"),
        (0, f"{t.skipped:,} skipped" if t.skipped else ""),
        (7, f"{t.written / elapsed:.1f}/s"),
        (2, f"{tokens:,} tokens" if tokens else ""),
        (1, f"${t.cost_usd:.4f}" if t.cost_usd is not None else ""),
        (8, _elapsed(elapsed)),
    ]
    shown = [(rank, text) for rank, text in parts if text]
    while True:
        line = " · ".join(text for _rank, text in shown)
        if len(line) <= width or len(shown) == 1:
            return line
        shown.remove(min(shown, key=lambda part: part[0]))


class ProgressDisplay:
    """Call it with the running `Tally`; use as a context manager around the job.

    The input is streamed, so its length is unknown: the bar shows counts, rate and the
    elapsed time, fitted to the terminal's width (`fit_line`). `console` draws the bar
    instead of one on `stream` (a terminal of a given width, in tests).
    """

    def __init__(
        self,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        total: int | None = None,
        console: Console | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = console is not None or self.stream.isatty()
        self._last = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if not quiet and self.tty:
            # One text column holding the elapsed time too, fitted to the width on every
            # update: a column of its own was cut to "0:0…" in 60 or 80 columns.
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                console=console or Console(file=self.stream),
                transient=True,
            )
            self._task = self._progress.add_task("batch", total=total)

    def __call__(self, tally: Tally) -> None:
        if self.quiet:
            return
        if self._progress is not None and self._task is not None:
            # The spinner and the space after it take 2 columns; one more kept free, as a
            # line that fills the last column wraps on some terminals.
            line = fit_line(tally, self._progress.console.width - 3)
            self._progress.update(self._task, completed=tally.written, description=line)
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
