"""The service under slow articles, clients that leave, several tokens and a stop signal.

Slow analyses come from two honest sources: the llm engine against a loopback fake model
that delays its answers (a real slow boundary), and, for the offline worker processes, a
time limit far below what a normal article of `max_chars` takes (seconds, on any engine
that reads the whole article). Margins are wide; nothing asserts a duration beyond
"long before the slow side could have finished".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO
from .process_helpers import clean_env

# --- an unusable data dir -------------------------------------------------------------------


@pytest.mark.parametrize("where", ["file", "under-file", "/proc/nope"])
def test_unusable_data_dir_is_one_line_and_exit_4(tmp_path: Path, where: str) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    data_dir = {"file": a_file, "under-file": a_file / "sub", "/proc/nope": Path(where)}[where]
    cmd = [sys.executable, "-m", "summarizer", "serve", "--data-dir", str(data_dir)]
    cmd += ["--port", "0"]
    done = subprocess.run(
        cmd,
        cwd=REPO,
        env=clean_env(SUMMARIZER_API_TOKENS="t"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 4, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("summarizer: error: the data dir ") and str(data_dir) in lines[0]
    assert "Traceback" not in done.stderr
