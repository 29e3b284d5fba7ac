"""Real servers on loopback for the service tests: uvicorn in a thread, or a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from summarizer._service import ServiceSettings, create_app

TOKEN = "tok-alpha-0123456789"
OTHER_TOKEN = "tok-beta-9876543210"


def auth(token: str = TOKEN) -> dict[str, str]:
    """The Authorization header for `token`."""
    return {"Authorization": f"Bearer {token}"}


def settings(tmp_path: Path, **overrides: Any) -> ServiceSettings:
    """Test settings: two tokens, a data dir under `tmp_path`, generous rate limits."""
    values: dict[str, Any] = {
        "api_tokens": (TOKEN, OTHER_TOKEN),
        "data_dir": tmp_path / "data",
        "rate": 1000.0,
        "burst": 1000,
    }
    values.update(overrides)
    return ServiceSettings(**values)


@contextmanager
def running(service: ServiceSettings) -> Iterator[str]:
    """Serve `create_app(service)` with uvicorn on a free loopback port; yields the URL."""
    app = create_app(service)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # log_config=None: uvicorn's loggers propagate to the root, where caplog sees them.
    # As `summarizer serve` runs it: a stop cancels what is still running after a while.
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_config=None,
            lifespan="on",
            timeout_graceful_shutdown=service.shutdown_timeout,
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)
        sock.close()


def free_port() -> int:
    """A loopback port free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`python -m summarizer serve` in a subprocess, on a port of its own."""

    def __init__(self, data_dir: Path, *args: str, env: Mapping[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"
        cmd = [sys.executable, "-m", "summarizer", "serve", "--port", str(self.port)]
        cmd += ["--data-dir", str(data_dir), "--log-level", "warning", *args]
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
        full_env.update({"SUMMARIZER_API_TOKENS": TOKEN, **(env or {})})
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(cmd, env=full_env, stdout=log, stderr=log)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("the server did not start in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
