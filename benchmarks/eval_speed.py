"""Eval speed: the repository's suite run and scored, offline and as a cassette replay.

    .venv/bin/python benchmarks/eval_speed.py [--suite evals/cases] [--repeat 3]

Pinned to one core (Linux `sched_setaffinity`; the subprocesses inherit it). Four figures:

* offline, in process: `run_eval` with the offline engine (load the suite, analyse every
  case, score), best of `--repeat` after one warm-up run;
* replay, in process: the same with the llm engine answering from cassettes. The repository
  ships no model cassettes (no real recording could be made where it was written), so the
  benchmark first records *fixture* cassettes (answers written from the gold, labelled
  fixture) into a temporary folder, untimed, and times their replay: the cost of replay and
  scoring, not any model's quality;
* both again as a user runs them, `summarizer eval --no-log`, process start included.

Target (issue 4): the repository's suite replays and scores in under 10 s on one core.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from summarizer._evals._api import EvalOptions, record_fixture_cassettes, run_eval
from summarizer._evals._suite import DEFAULT_SUITE, load_suites, project_root

MODEL = "fixture-benchmark"
TARGET_SECONDS = 10.0


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity here)"


def _best(repeat: int, run: Callable[[], object]) -> float:
    run()  # warm-up: imports, lexicons, caches
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _cli(args: list[str], root: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "summarizer", "eval", "--no-log", *args],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=None, help="default: evals/cases")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = project_root()
    suite = (args.suite or root / DEFAULT_SUITE).resolve()
    pinned = _pin_one_core()

    suites = load_suites([suite], root=root)
    n_cases = sum(len(s.cases) for s in suites)
    offline = EvalOptions(engine="offline", suites=[suite])
    offline_log = run_eval(offline, root=root)
    offline_s = _best(args.repeat, lambda: run_eval(offline, root=root))

    with tempfile.TemporaryDirectory() as tmp:
        cassettes = Path(tmp)
        record_fixture_cassettes(suites, cassettes, model=MODEL, root=root)
        replay = EvalOptions(engine="llm", model=MODEL, suites=[suite], cassettes=cassettes)
        replay_log = run_eval(replay, root=root)
        replay_s = _best(args.repeat, lambda: run_eval(replay, root=root))
        offline_cli = _cli(["--suite", str(suite)], root)
        replay_cli = _cli(
            ["--suite", str(suite), "--engine", "llm", "--model", MODEL, "--cassettes", tmp], root
        )

    assert replay_log.provenance.fixture, "fixture replays must be labelled"
    errors = [c.key for log in (offline_log, replay_log) for c in log.cases if c.error]
    print(f"suite:                     {suite} ({n_cases} cases), {pinned}")
    print(f"offline, in process:       {offline_s:.3f} s (best of {args.repeat})")
    print(f"replay, in process:        {replay_s:.3f} s (best of {args.repeat})")
    print(f"offline, CLI cold:         {offline_cli:.3f} s (process start included)")
    print(f"replay, CLI cold:          {replay_cli:.3f} s (process start included)")
    print("replayed:                  fixture cassettes (hand-made from the gold, not a model)")
    print(f"target:                    < {TARGET_SECONDS:.0f} s on one core")
    if errors:
        print(f"cases with errors:         {', '.join(errors)}")
    worst = max(offline_s, replay_s, offline_cli, replay_cli)
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
