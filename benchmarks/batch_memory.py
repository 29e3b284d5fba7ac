"""Batch job memory: peak RSS for a large input vs a small one (the input is streamed).

    .venv/bin/python benchmarks/batch_memory.py [--small 1000] [--large 100000]

Generates tiny articles (memory, not speed, is measured), runs `python -m summarizer
batch … --engine offline --quiet` in a fresh process per size and reads that process's
peak RSS (`ru_maxrss` of the waited-for child). Target: large <= 2 × small. What still
grows with the input is one set of ids and one map of key -> status (needed to detect
repeats and to resume), about a hundred bytes per line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def peak_rss_mib(lines: int, tmp: Path) -> tuple[float, float]:
    src, out = tmp / f"in{lines}.jsonl", tmp / f"out{lines}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            text = f"Mayor Ann Lee said the bridge {i} would open in May. Critics disagreed."
            fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(out)]
    cmd += ["--engine", "offline", "--quiet"]
    # A fresh process per size so neither run's peak hides the other's; wait4 gives
    # exactly this child's peak.
    proc = subprocess.Popen(cmd)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"batch failed for {lines} lines")
    report = json.loads((tmp / f"out{lines}.report.json").read_text())
    return usage.ru_maxrss / 1024, report["wall_seconds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, t_small = peak_rss_mib(args.small, Path(tmp))
        print(f"{args.small:>7} lines: peak RSS {small:.1f} MiB ({t_small:.1f} s)")
        large, t_large = peak_rss_mib(args.large, Path(tmp))
        print(f"{args.large:>7} lines: peak RSS {large:.1f} MiB ({t_large:.1f} s)")
    print(f"ratio: {large / small:.2f} (target <= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
