"""Batch job, offline engine, on a local Ray cluster: `--num-cpus 2` vs 1 vs the local pool.

    .venv/bin/python benchmarks/ray_batch.py [--polnear ../shared/data/polnear] [--rounds 2]

Writes a JSONL of `{"id", "path"}` lines for PolNeAR's train and dev texts (~920) in a
temporary folder, then runs `run_batch` over it into fresh outputs, alternately for
`--rounds` rounds: `via="ray"` with a local cluster of 1 CPU, of 2 CPUs (each started and
shut down by the job, as `summarizer batch --via ray --num-cpus N` does: start-up
included), and the local `workers=2` pool. Prints every rate and the ratios of the best
rates, over the whole run and from the first record written on (the steady rate, without
the start-up of the cluster or the pool, and the first chunk's set-up in its workers).
Targets on the 2-core machine: Ray 2 CPUs >= 1.7x Ray 1 CPU, and >= 0.85x the
local pool's rate (Ray's own overhead at most 15 %).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._options import Tally

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=SHARED / "data" / "polnear")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="Use the first N texts only.")
    args = parser.parse_args()
    texts = sorted(args.polnear.glob("train/text/*.txt")) + sorted(
        args.polnear.glob("dev/text/*.txt")
    )
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        parser.error(f"no texts under {args.polnear}/{{train,dev}}/text")
    os.environ.pop("RAY_ADDRESS", None)  # always a local cluster of the size asked for
    config = Config(engine="offline")
    runs = {
        "ray num-cpus=1": BatchOptions(via="ray", num_cpus=1),
        "ray num-cpus=2": BatchOptions(via="ray", num_cpus=2),
        "local workers=2": BatchOptions(workers=2),
    }
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for path in texts:
                row = {"id": f"{path.parent.parent.name}/{path.name}", "path": str(path)}
                fh.write(json.dumps(row) + "\n")
        rates: dict[str, list[float]] = {name: [] for name in runs}
        steady: dict[str, list[float]] = {name: [] for name in runs}
        for round_ in range(1, args.rounds + 1):
            for name, options in runs.items():
                out = Path(tmp) / f"out-{name.replace(' ', '-')}-{round_}.jsonl"
                first: list[tuple[float, int]] = []

                def seen(tally: Tally, first: list[tuple[float, int]] = first) -> None:
                    if tally.written and not first:
                        first.append((time.monotonic(), tally.written))

                options.progress = seen
                report = run_batch(config, src, out, options)
                ended = time.monotonic()
                assert report.accounted and report.lines == len(texts), report
                rates[name].append(report.throughput)
                since, written = first[0]
                steady[name].append((report.processed - written) / (ended - since))
                print(
                    f"round {round_}, {name}: {report.throughput:.2f} articles/s "
                    f"({report.wall_seconds:.1f} s for {len(texts)}, start-up included; "
                    f"{steady[name][-1]:.2f}/s from the first record, "
                    f"{since - ended + report.wall_seconds:.1f} s after the start; "
                    f"{report.ok} ok, {report.error} errors)",
                    flush=True,
                )
    for label, table in (("whole run", rates), ("from the first record", steady)):
        best = {name: max(r) for name, r in table.items()}
        two, one, local = best["ray num-cpus=2"], best["ray num-cpus=1"], best["local workers=2"]
        print(
            f"best, {label}: ray 1 CPU {one:.2f}, ray 2 CPUs {two:.2f}, local 2 workers "
            f"{local:.2f} articles/s; ray 2 / ray 1 = {two / one:.2f} (target >= 1.7); "
            f"ray 2 / local 2 = {two / local:.2f} (target >= 0.85)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
