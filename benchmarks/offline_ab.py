"""Offline-engine speed of this checkout against another, article by article, in one run.

    .venv/bin/python benchmarks/offline_ab.py /tmp/base [--rounds 5] [--texts DIR_OF_TXT]

On a shared machine two benchmark runs a minute apart see different loads, so their
figures cannot be compared. Here two worker processes (one per checkout, each on the
PolNeAR dev articles by default) analyse the same article in turn, in alternating order,
and each reports the CPU time of that one analysis: the load drifts far less between two
neighbouring analyses than between two runs. Printed: each side's total CPU time per
round, the best round, and the ratio of the two totals (base / this: above 1.0 means this
checkout is faster).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"

# The worker: reads article paths, one per line, and answers each with the CPU seconds
# its analysis took (after one untimed warm-up analysis of every article).
_WORKER = """
import sys, time
import summarizer
from summarizer import Summarizer
s = Summarizer(engine="offline")
texts = {}
for line in sys.stdin:
    path = line.rstrip("\\n")
    if path not in texts:
        texts[path] = open(path, encoding="utf-8").read()
        s.analyze(texts[path])
        print("warm", summarizer.__file__, flush=True)
        continue
    t0 = time.process_time()
    s.analyze(texts[path])
    print(time.process_time() - t0, flush=True)
"""


def _worker(source: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(source.resolve()))
    return subprocess.Popen(
        [sys.executable, "-c", _WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=source,  # `python -c` puts the working directory first on sys.path
    )


def _ask(proc: subprocess.Popen[str], path: Path) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{path}\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("base", type=Path, help="the other checkout (e.g. a git worktree)")
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))
    if not paths:
        print(f"no .txt files under {args.texts}", file=sys.stderr)
        return 2
    workers = {"base": _worker(args.base), "this": _worker(ROOT)}
    for k, path in enumerate(paths):  # warm-up: lexicons, regex caches
        for side, proc in workers.items():
            answer = _ask(proc, path)
            if k == 0:
                print(f"{side}: {answer.removeprefix('warm ')}")
    totals: dict[str, list[float]] = {"base": [], "this": []}
    for r in range(args.rounds):
        spent = {"base": 0.0, "this": 0.0}
        for i, path in enumerate(paths):
            order = ["base", "this"] if (i + r) % 2 == 0 else ["this", "base"]
            for side in order:
                spent[side] += float(_ask(workers[side], path))
        for side, seconds in spent.items():
            totals[side].append(seconds)
        print(
            f"round {r + 1}: base {spent['base']:.3f} s, this {spent['this']:.3f} s "
            f"(base / this {spent['base'] / spent['this']:.3f})"
        )
    for proc in workers.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    base, this = sum(totals["base"]), sum(totals["this"])
    n = len(paths)
    print(
        f"best round: base {n / min(totals['base']):.1f} articles/CPU-s, "
        f"this {n / min(totals['this']):.1f} articles/CPU-s"
    )
    print(f"all rounds: base / this = {base / this:.3f} (above 1.0: this checkout is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
