"""Offline-engine speed: articles per second on one core over the PolNeAR dev articles.

    .venv/bin/python benchmarks/offline_speed.py [--texts DIR_OF_TXT] [--repeat 3]

Runs in one process (one core), after one warm-up pass that loads lexicons, and reports
the best of `--repeat` passes, the mean per-article time, and peak memory (max RSS of the
process, and the Python heap peak measured by tracemalloc in a separate pass). Target for
the 0.1 release: >= 20 articles/s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from summarizer import Summarizer

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_TEXTS = SHARED / "data" / "polnear" / "dev" / "text"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))
    if not paths:
        print(f"no .txt files under {args.texts}", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    s = Summarizer(engine="offline")
    for t in texts:  # warm-up: lexicons, regex caches
        s.analyze(t)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        quotes = 0
        for t in texts:
            quotes += len(s.analyze(t).quotes)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    for t in texts:
        s.analyze(t)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"articles:            {len(texts)} ({chars:,} chars, {quotes} quotes found)")
    print(f"best of {args.repeat} passes:    {best:.3f} s")
    print(f"throughput:          {len(texts) / best:.1f} articles/s (one core)")
    print(f"mean per article:    {1000 * best / len(texts):.2f} ms")
    print(f"peak RSS:            {rss_kib / 1024:.1f} MiB")
    print(f"Python heap peak:    {heap_peak / 2**20:.2f} MiB (one pass, tracemalloc)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
