"""The batch progress line: it fits the terminal, and shows tokens only when some are spent."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from rich.console import Console

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._options import Tally
from summarizer._batch._progress import ProgressDisplay

from .conftest import EXAMPLES

ELAPSED = re.compile(r"\b\d+:\d\d:\d\d\b")


def rendered(tally: Tally, width: int) -> str:
    """The bar as a terminal of `width` columns shows it."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    display = ProgressDisplay(console=console)
    display(tally)
    assert display._progress is not None
    console.print(display._progress.get_renderable())
    return console.export_text().rstrip("\n")


def offline_tally() -> Tally:
    return Tally(lines=12_345, ok=12_000, errors=300, skipped=45, started=time.monotonic() - 75)


def llm_tally() -> Tally:
    return Tally(
        lines=12_345,
        ok=12_000,
        errors=300,
        prompt_tokens=9_876_543,
        completion_tokens=123_456,
        cost_usd=1.2345,
        started=time.monotonic() - 3725,
    )


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("tally", [offline_tally, llm_tally])
def test_the_line_fits_and_keeps_rate_and_elapsed_whole(width: int, tally: type[Tally]) -> None:
    # The rate and elapsed time were cut to "0:0…" in 60 or 80 columns.
    text = rendered(tally(), width)
    [line] = text.splitlines()
    assert len(line) <= width and "…" not in line
    assert "12,300 written" in line
    assert re.search(r"\d+\.\d/s", line), line
    assert ELAPSED.search(line), line


def test_a_wide_terminal_shows_everything() -> None:
    line = rendered(llm_tally(), 160)
    for part in ("12,345 read", "12,000 ok, 300 errors", "9,999,999 tokens", "$1.2345"):
        assert part in line, line
    assert ELAPSED.search(line)


@pytest.mark.parametrize("width", [60, 80, 200])
def test_no_token_column_while_none_are_spent(width: int) -> None:
    # The offline engine always showed "0 tokens".
    assert "token" not in rendered(offline_tally(), width)


def test_plain_lines_of_an_offline_run_name_no_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer._batch import _progress

    monkeypatch.setattr(_progress, "PLAIN_INTERVAL", 0.0)
    src = tmp_path / "in.jsonl"
    text = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    stream = io.StringIO()
    with ProgressDisplay(stream=stream) as display:
        run_batch(
            Config(engine="offline"), src, tmp_path / "o.jsonl", BatchOptions(progress=display)
        )
    assert "batch: 1 lines read, 1 written" in stream.getvalue()
    assert "token" not in stream.getvalue()
