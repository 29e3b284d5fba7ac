"""Offline-engine speed: articles per second on one core over the PolNeAR dev articles.

    .venv/bin/python benchmarks/offline_speed.py [--texts DIR_OF_TXT] [--repeat 3]
    .venv/bin/python benchmarks/offline_speed.py --scaling

Runs in one process (one core), after one warm-up pass that loads lexicons, and reports
the best of `--repeat` passes, the mean per-article time, and peak memory (max RSS of the
process, and the Python heap peak measured by tracemalloc in a separate pass). Target for
the 0.1 release: >= 20 articles/s.

`--scaling` instead times one analysis of ever longer articles, up to the default
`max_chars` (500,000): the dev articles joined end to end, and one quote-dense paragraph
repeated. The time per 1,000 characters should stay flat; the ratio of the longest
article's to the shortest's is printed (1.0 is linear).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from summarizer import Summarizer
from summarizer._config import DEFAULT_MAX_CHARS

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_TEXTS = SHARED / "data" / "polnear" / "dev" / "text"


# Three quotes, a named speaker, a title, a pronoun and an "according to" in 159 characters.
_DENSE = (
    "“The harbor will reopen in May,” said Mayor Ellen Park. Council member Ivy Hale "
    "said that the budget was tight, according to aides. “We will see,” she added.\n\n"
)


def dense_article(chars: int) -> str:
    """The quote-dense paragraph repeated as many whole times as fit in `chars`."""
    return _DENSE * (chars // len(_DENSE))


def scaling(texts: list[str]) -> None:
    """Time per 1,000 characters for articles of 1/16 to all of `DEFAULT_MAX_CHARS`."""
    joined = "\n\n".join(texts)
    while len(joined) < DEFAULT_MAX_CHARS:
        joined += "\n\n" + joined
    s = Summarizer(engine="offline")
    s.analyze(texts[0])  # warm-up: lexicons
    for name, source in (("dev articles joined", joined), ("dense paragraph repeated", "")):
        per_kchar = []
        print(f"{name}:")
        for share in (16, 8, 4, 2, 1):
            size = DEFAULT_MAX_CHARS // share
            article = source[:size] if source else dense_article(size)
            best = float("inf")
            for _ in range(2):
                t0 = time.perf_counter()
                quotes = len(s.analyze(article).quotes)
                best = min(best, time.perf_counter() - t0)
            per_kchar.append(1000 * best / len(article))
            print(
                f"  {len(article):>9,} chars {quotes:>6} quotes  {best:7.2f} s  "
                f"{1000 * per_kchar[-1]:6.2f} ms per 1,000 chars"
            )
        print(f"  longest / shortest, per character: {per_kchar[-1] / per_kchar[0]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scaling", action="store_true", help="time ever longer articles")
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))
    if not paths:
        print(f"no .txt files under {args.texts}", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in paths]
    if args.scaling:
        scaling(texts)
        return 0
    chars = sum(len(t) for t in texts)
    s = Summarizer(engine="offline")
    for t in texts:  # warm-up: lexicons, regex caches
        s.analyze(t)
    best = best_cpu = float("inf")
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        quotes = 0
        for t in texts:
            quotes += len(s.analyze(t).quotes)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    tracemalloc.start()
    for t in texts:
        s.analyze(t)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"articles:            {len(texts)} ({chars:,} chars, {quotes} quotes found)")
    print(f"best of {args.repeat} passes:    {best:.3f} s")
    print(f"throughput:          {len(texts) / best:.1f} articles/s (one core)")
    # CPU time: what the engine costs, whatever else the machine is running.
    print(f"best CPU time:       {best_cpu:.3f} s ({len(texts) / best_cpu:.1f} articles/CPU-s)")
    print(f"mean per article:    {1000 * best / len(texts):.2f} ms")
    print(f"peak RSS:            {rss_kib / 1024:.1f} MiB")
    print(f"Python heap peak:    {heap_peak / 2**20:.2f} MiB (one pass, tracemalloc)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
