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

import httpx
import pytest

from summarizer._service._limits import RateLimiter

from .conftest import REPO
from .process_helpers import clean_env
from .service_helpers import auth, running, settings

# --- requests without a token are rate-limited too ------------------------------------------


def test_requests_without_a_valid_token_are_rate_limited(tmp_path: Path) -> None:
    with (
        running(settings(tmp_path, rate=0.01, burst=2)) as url,
        httpx.Client(base_url=url) as c,
    ):
        job = "/v1/jobs/" + "0" * 32
        codes = [c.get(job).status_code, c.get(job, headers=auth("wrong")).status_code]
        assert codes == [401, 401]
        for headers in ({}, auth("wrong"), {"Authorization": "Basic dG9rOng="}):
            r = c.get(job, headers=headers)
            assert r.status_code == 429, r.text
            assert int(r.headers["retry-after"]) >= 1
            assert r.json()["error"]["type"] == "rate_limited"
            assert "without a valid token" in r.json()["error"]["message"]
        # A valid token has a bucket of its own.
        assert c.get(job, headers=auth()).status_code == 404


def test_rate_limiter_forgets_idle_buckets() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=10, burst=5, clock=lambda: now[0])
    for i in range(5000):
        limiter.check(f"10.0.{i // 256}.{i % 256}")
        now[0] += 0.01
    # Only the addresses seen in the last burst / rate = 0.5 s can hold a partial bucket.
    assert len(limiter) < 1100


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
