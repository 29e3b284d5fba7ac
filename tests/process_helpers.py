"""The batch CLI run as a real process and killed mid-job, for the crash-and-resume tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable

from .conftest import REPO


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any OPENAI_* or SUMMARIZER_* variable, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return env | extra


def kill_when(
    cmd: list[str], ready: Callable[[], bool], *, env: dict[str, str], poll: float
) -> None:
    """Run `cmd` from the repository and SIGKILL it once `ready()` holds (checked every
    `poll` seconds, for 60 s at most); fail unless that signal is what ended it."""
    proc = subprocess.Popen(cmd, cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not ready():
            time.sleep(poll)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
