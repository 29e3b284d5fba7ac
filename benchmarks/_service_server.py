"""Start `summarizer serve` in a subprocess for the service benchmarks (not a benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

TOKEN = "bench-token"


@contextmanager
def serve(
    *args: str, env: dict[str, str] | None = None, pids: list[int] | None = None
) -> Iterator[str]:
    """A server on a free loopback port with a fresh data dir; yields its URL (and appends
    its process id to `pids`, when given)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    full_env.update({"SUMMARIZER_API_TOKENS": TOKEN, **(env or {})})
    with tempfile.TemporaryDirectory() as data:
        cmd = [sys.executable, "-m", "summarizer", "serve", "--port", str(port)]
        cmd += ["--data-dir", data, "--log-level", "warning", *args]
        proc = subprocess.Popen(cmd, env=full_env)
        if pids is not None:
            pids.append(proc.pid)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.05)
            yield url
        finally:
            proc.terminate()
            proc.wait(15)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]
