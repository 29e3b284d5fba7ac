"""Batch job memory: peak RSS for a large input vs a small one (the input is streamed).

    .venv/bin/python benchmarks/batch_memory.py [--small 1000] [--large 100000]
                                                [--words distinct|shared]

Generates tiny articles (memory, not speed, is measured), runs `python -m summarizer
batch … --engine offline --quiet` in a fresh process per size and reads that process's
peak RSS (`ru_maxrss` of the waited-for child). Target: large <= 1.2 × small. The job
keeps nothing per line in memory (resume state is in the SQLite index beside the output).

`--words distinct` (the default) gives every article a word no other has (its number),
so the large run also fills the offline engine's word caches (`_cues._norm` and
`_summary._stem`, 65,536 entries each: bounded, ~28 MB once full) that the small run
barely starts; `--words shared` draws the numbers from the small run's thousand, so both
runs see one vocabulary and the ratio is the job's own growth per line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def peak_rss_mib(lines: int, tmp: Path, vocabulary: int | None) -> tuple[float, float]:
    src, out = tmp / f"in{lines}.jsonl", tmp / f"out{lines}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            number = i if vocabulary is None else i % vocabulary
            text = f"Mayor Ann Lee said the bridge {number} would open in May. Critics disagreed."
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
    parser.add_argument("--words", choices=["distinct", "shared"], default="distinct")
    args = parser.parse_args()
    vocabulary = None if args.words == "distinct" else args.small
    with tempfile.TemporaryDirectory() as tmp:
        small, t_small = peak_rss_mib(args.small, Path(tmp), vocabulary)
        print(f"{args.small:>7} lines: peak RSS {small:.1f} MiB ({t_small:.1f} s)")
        large, t_large = peak_rss_mib(args.large, Path(tmp), vocabulary)
        print(f"{args.large:>7} lines: peak RSS {large:.1f} MiB ({t_large:.1f} s)")
    print(f"ratio: {large / small:.2f} (target <= 1.2; words: {args.words})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
