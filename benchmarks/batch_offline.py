"""Batch job, offline engine: throughput with N worker processes vs one.

    .venv/bin/python benchmarks/batch_offline.py [--articles 2000] [--workers 2] [--rounds 3]

Writes a JSONL of copies of examples/article.txt (each made distinct), runs `run_batch`
with one process and with `--workers` processes into fresh outputs, alternately for
`--rounds` rounds, and prints every rate and the ratio of the best rates (shared machines
are noisy: a neighbour's burst in one phase would skew a single pair). Target on the
2-core machine: ratio >= 1.7.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    text = EXAMPLE.read_text(encoding="utf-8")
    config = Config(engine="offline")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                fh.write(json.dumps({"id": i, "text": f"{text}\nNote {i}.\n"}) + "\n")
        rates: dict[int, list[float]] = {1: [], args.workers: []}
        for round_ in range(1, args.rounds + 1):
            for workers in (1, args.workers):
                out = Path(tmp) / f"out{workers}-{round_}.jsonl"
                report = run_batch(config, src, out, BatchOptions(workers=workers))
                assert report.accounted and report.ok == args.articles
                rates[workers].append(report.throughput)
                print(
                    f"round {round_}, workers={workers}: {report.throughput:.1f} articles/s "
                    f"({report.wall_seconds:.1f} s, pool start-up included)"
                )
    best = {workers: max(r) for workers, r in rates.items()}
    print(
        f"best: workers=1 {best[1]:.1f}, workers={args.workers} {best[args.workers]:.1f} "
        f"articles/s; ratio {best[args.workers] / best[1]:.2f} (target >= 1.7)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
