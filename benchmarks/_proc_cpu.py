"""CPU time of this process and of every process it starts, by kind, read from /proc.

`ProcessCpu` samples ``/proc/*/stat`` every `interval` seconds in a thread and keeps, per
descendant process, the last CPU time seen (user + system): a process that exits loses at
most one interval. The driver's own figure is exact (`os.times`), less the sampler
thread's own CPU. Kinds: ``driver`` (this process), ``workers`` (Ray workers, whose
command line is ``ray::…`` or ``default_worker.py``, and `multiprocessing` spawn
children), ``rate budget`` (the llm job's `RateBudget` actor), ``ray daemons`` (everything
else started under this process: Ray's GCS, raylet, log monitor, dashboard and agents).

Linux only (it reads /proc); elsewhere the figures are empty.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

__all__ = ["KINDS", "ProcessCpu", "classify", "descends_from_me"]

KINDS = ("driver", "workers", "rate budget", "ray daemons")

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def classify(cmdline: bytes) -> str:
    """The kind of a descendant process by its command line."""
    argv = cmdline.split(b"\0")
    if argv[0].startswith((b"ray::DashboardAgent", b"ray::RuntimeEnvAgent")):
        return "ray daemons"
    if argv[0].startswith(b"ray::RateBudget"):
        return "rate budget"
    if argv[0].startswith(b"ray::") or any(a.endswith(b"default_worker.py") for a in argv[:3]):
        return "workers"
    if any(b"multiprocessing.spawn" in a or b"spawn_main" in a for a in argv[:4]):
        return "workers"
    return "ray daemons"


def _stat(pid: str) -> tuple[int, int, float] | None:
    """(parent pid, start time, CPU seconds) of `pid`, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    rest = raw[raw.rindex(b")") + 2 :].split()
    # Fields 4 (ppid), 14 and 15 (utime, stime), 22 (starttime); rest[0] is field 3.
    return int(rest[1]), int(rest[19]), (int(rest[11]) + int(rest[12])) / _TICK


def descends_from_me(pid: int) -> bool:
    """Whether process `pid` was started (directly or not) by this process."""
    me = os.getpid()
    for _ in range(64):
        stat = _stat(str(pid))
        if stat is None or stat[0] <= 1:
            return False
        if stat[0] == me:
            return True
        pid = stat[0]
    return False


@dataclass
class ProcessCpu:
    """Samples the CPU time of this process's descendants until `stop`."""

    interval: float = 0.1
    seconds: dict[tuple[int, int], float] = field(default_factory=dict)
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)
    # CPU a process had used when first seen, if it was already running at the first
    # sample (a Ray cluster started before the measurement): only what it uses after counts.
    base: dict[tuple[int, int], float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _sampler_cpu: float = 0.0
    _samples: int = 0

    def __enter__(self) -> ProcessCpu:
        self._root = os.getpid()
        self._own = os.times()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        now = os.times()
        own = (now.user - self._own.user) + (now.system - self._own.system)
        self.driver = max(0.0, own - self._sampler_cpu)

    def _run(self) -> None:
        start = time.thread_time()
        if os.path.isdir("/proc"):
            while True:
                self._sample()
                if self._stop.wait(self.interval):
                    break
            self._sample()
        self._sampler_cpu = time.thread_time() - start

    def _sample(self) -> None:
        parents: dict[int, int] = {}
        seen: dict[int, tuple[int, float]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            stat = _stat(entry)
            if stat is not None:
                parents[int(entry)] = stat[0]
                seen[int(entry)] = (stat[1], stat[2])
        for pid, (started, cpu) in seen.items():
            if pid == self._root or not self._descends(pid, parents):
                continue
            key = (pid, started)
            # Re-read: a Ray worker starts as `python default_worker.py`, is `ray::IDLE`
            # until it runs something, then takes its task's or actor's name.
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmdline = fh.read()
            except OSError:
                continue
            if key not in self.kinds or (cmdline and not cmdline.startswith(b"ray::IDLE")):
                self.kinds[key] = classify(cmdline)  # (an exiting process has none)
            if self._samples == 0:
                self.base.setdefault(key, cpu)
            self.seconds[key] = max(self.seconds.get(key, 0.0), cpu - self.base.get(key, 0.0))
        self._samples += 1

    def _descends(self, pid: int, parents: dict[int, int]) -> bool:
        for _ in range(64):
            pid = parents.get(pid, 0)
            if pid == self._root:
                return True
            if pid <= 1:
                return False
        return False

    def by_kind(self) -> dict[str, float]:
        """CPU seconds per kind (``driver`` once the sampling stopped)."""
        totals = dict.fromkeys(KINDS, 0.0)
        totals["driver"] = getattr(self, "driver", 0.0)
        for key, cpu in self.seconds.items():
            totals[self.kinds[key]] += cpu
        return totals

    def processes(self, kind: str) -> list[float]:
        """CPU seconds of each process of `kind`, largest first."""
        return sorted(
            (cpu for key, cpu in self.seconds.items() if self.kinds[key] == kind), reverse=True
        )
