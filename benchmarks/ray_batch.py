"""Batch job, offline engine, on a local Ray cluster: `--num-cpus 2` vs 1 vs the local pool.

    .venv/bin/python benchmarks/ray_batch.py [--polnear ../shared/data/polnear] [--rounds 2]
                                             [--runs ray1,ray2,local2] [--limit N]

Writes a JSONL of `{"id", "path"}` lines for PolNeAR's train and dev texts (924) in a
temporary folder, then runs `run_batch` over it into fresh outputs, alternately for
`--rounds` rounds (`--runs`, in this order: `ray1` / `ray2` a local cluster of 1 / 2 CPUs
started and shut down by the job, as `summarizer batch --via ray --num-cpus N` does,
start-up included; `local1` / `local2` the local job with `--workers 1` / `2`;
`ray2-attached` a job sent to a 2-CPU cluster that `ray start --head` started before the
rounds, as on an existing cluster: no cluster start or stop in its time).

Per run it prints the load average (1 min) at its start and end, the rate over the whole
run and from the first record written on to the cluster's shutdown (without the start-up of
the cluster or pool, the first chunk's set-up in its workers, or the cluster's stop; the
seconds `ray.init` and `ray.shutdown` took are printed),
and the CPU seconds of every process, by kind (`_proc_cpu`: the driver, i.e. this
process, planning, writing and indexing; the workers analysing; Ray's daemons). From the
CPU times it derives the rate the run's CPU work allows on 2 idle cores: articles /
max(workers' CPU / N, driver's CPU, all CPU / 2) with N = the run's workers (a bound
that ignores waiting and start-up latency; it does not depend on the load). Ratios at the
end: of the best rates measured (load-dependent), and of those CPU-bound rates.
Targets on the 2-core machine: Ray 2 CPUs >= 1.7x Ray 1 CPU, and >= 0.85x the local
pool's rate (Ray's own overhead at most 15 %).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _proc_cpu import ProcessCpu

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._options import Tally

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORES = 2

RUNS: dict[str, tuple[str, int, Callable[[], BatchOptions]]] = {
    "ray1": ("ray num-cpus=1", 1, lambda: BatchOptions(via="ray", num_cpus=1)),
    "ray2": ("ray num-cpus=2", 2, lambda: BatchOptions(via="ray", num_cpus=2)),
    "local1": ("local workers=1", 1, lambda: BatchOptions(workers=1)),
    "local2": ("local workers=2", 2, lambda: BatchOptions(workers=2)),
    # A cluster already running (`ray start --head --num-cpus 2`, started by this script
    # before the rounds): the job connects with `--ray-address`, as on an existing cluster.
    "ray2-attached": ("ray attached 2 CPUs", 2, lambda: BatchOptions(via="ray")),
}


PHASES: dict[str, float] = {}


def _timed_ray() -> None:
    """Time `ray.init` and `ray.shutdown` (the cluster's start and stop) into `PHASES`."""
    try:
        import ray
    except ImportError:
        return
    for name in ("init", "shutdown"):
        real = getattr(ray, name)

        def timed(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            start = time.monotonic()
            try:
                return _real(*args, **kwargs)
            finally:
                PHASES[_name] = time.monotonic() - start
                PHASES[_name + " ended"] = time.monotonic()

        setattr(ray, name, timed)


def _ray_cli() -> str:
    return str(Path(sys.executable).with_name("ray"))


def _start_cluster(num_cpus: int) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a local Ray cluster of `num_cpus` CPUs as a user would before submitting jobs
    (`ray start --head`), under this process so that `_proc_cpu` sees its processes, and
    with `--block`, so that ending its process group stops this cluster and no other
    (`ray stop` would stop every cluster of the machine)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [_ray_cli(), "start", "--head", "--block", f"--port={port}"]
    cmd += ["--node-ip-address=127.0.0.1", f"--num-cpus={num_cpus}"]
    cmd += ["--include-dashboard=false", "--disable-usage-stats"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            time.sleep(5)  # a cluster that is up, as an existing one is: its agents started
            return f"127.0.0.1:{port}", proc
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                _stop_cluster(proc)
                raise SystemExit("ray start --head did not start a cluster") from None
            time.sleep(0.2)


def _stop_cluster(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)


def _rounds(
    args: argparse.Namespace,
    texts: list[Path],
    chosen: list[str],
    config: Config,
    address: str | None,
    rates: dict[str, list[float]],
    steady: dict[str, list[float]],
    bound: dict[str, list[float]],
) -> None:
    """Run every chosen configuration `args.rounds` times, alternated, printing each run."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for copy in range(args.copies):
                for path in texts:
                    row = {"id": f"{path.parent.parent.name}/{path.name}", "path": str(path)}
                    if copy:
                        row["id"] += f"#{copy}"
                    fh.write(json.dumps(row) + "\n")
        for round_ in range(1, args.rounds + 1):
            for name in chosen:
                label, workers, make = RUNS[name]
                out = Path(tmp) / f"out-{name}-{round_}.jsonl"
                first: list[tuple[float, int]] = []

                def seen(tally: Tally, first: list[tuple[float, int]] = first) -> None:
                    if tally.written and not first:
                        first.append((time.monotonic(), tally.written))

                options = make()
                if name == "ray2-attached":
                    options.ray_address = address
                options.progress = seen
                load_before = os.getloadavg()[0]
                PHASES.clear()
                with ProcessCpu() as cpu:
                    report = run_batch(config, src, out, options)
                ended = time.monotonic()
                load_after = os.getloadavg()[0]
                assert report.accounted and report.lines == len(texts) * args.copies, report
                rates[name].append(report.throughput)
                since, written = first[0]
                # Steady: from the first record to the cluster's shutdown (or the end).
                until = ended - PHASES.get("shutdown", 0.0)
                steady[name].append((report.processed - written) / (until - since))
                phases = (
                    f"cluster start {PHASES['init']:.1f} s, stop {PHASES['shutdown']:.1f} s; "
                    if "init" in PHASES
                    else ""
                )
                kinds = cpu.by_kind()
                total = sum(kinds.values())
                limit = max(kinds["workers"] / workers, kinds["driver"], total / CORES)
                bound[name].append(report.processed / limit)
                per = ", ".join(
                    f"{kind} {seconds:.1f} s ({1000 * seconds / report.processed:.1f} ms/article)"
                    for kind, seconds in kinds.items()
                    if seconds or kind == "driver"
                )
                each = " + ".join(f"{s:.1f}" for s in cpu.processes("workers")[:4])
                print(
                    f"round {round_}, {label}, load {load_before:.1f} -> {load_after:.1f}: "
                    f"{report.throughput:.2f} articles/s ({report.wall_seconds:.1f} s, "
                    f"start-up included; {steady[name][-1]:.2f}/s from the first record, "
                    f"{since - ended + report.wall_seconds:.1f} s after the start; {phases}"
                    f"{report.ok} ok, {report.error} errors)\n"
                    f"    CPU: {per}; total {total:.1f} s; workers' largest {each} s; "
                    f"bound on {CORES} idle cores {bound[name][-1]:.1f} articles/s",
                    flush=True,
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=SHARED / "data" / "polnear")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="Use the first N texts only.")
    parser.add_argument("--runs", default="ray1,ray2,local2", help="Of " + ",".join(RUNS))
    parser.add_argument(
        "--copies", type=int, default=1, help="Each text N times (distinct ids): a longer job."
    )
    args = parser.parse_args()
    texts = sorted(args.polnear.glob("train/text/*.txt")) + sorted(
        args.polnear.glob("dev/text/*.txt")
    )
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        parser.error(f"no texts under {args.polnear}/{{train,dev}}/text")
    chosen = [name.strip() for name in args.runs.split(",")]
    if unknown := [name for name in chosen if name not in RUNS]:
        parser.error(f"unknown runs {unknown}: choose from {list(RUNS)}")
    if "ray2-attached" in chosen:
        # A cluster `ray start` starts requires a token (Ray 2.52+); a driver sends it in
        # token mode, read when `ray` is imported.
        os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(32).hex())
        os.environ["RAY_AUTH_MODE"] = "token"
    if any(name.startswith("ray") for name in chosen):
        _timed_ray()
    os.environ.pop("RAY_ADDRESS", None)  # always a local cluster of the size asked for
    cluster = _start_cluster(2) if "ray2-attached" in chosen else None
    address = cluster[0] if cluster else None
    config = Config(engine="offline")
    rates: dict[str, list[float]] = {name: [] for name in chosen}
    steady: dict[str, list[float]] = {name: [] for name in chosen}
    bound: dict[str, list[float]] = {name: [] for name in chosen}
    print(f"{len(texts)} texts x {args.copies}; load average at the start {os.getloadavg()[0]:.1f}")
    try:
        _rounds(args, texts, chosen, config, address, rates, steady, bound)
    finally:
        if cluster is not None:
            _stop_cluster(cluster[1])
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    for label, table in (
        ("whole run", rates),
        ("from the first record", steady),
        ("CPU-bound on 2 idle cores", bound),
    ):
        best = {name: max(r) for name, r in table.items()}
        text = ", ".join(f"{RUNS[name][0]} {rate:.2f}" for name, rate in best.items())
        ratios = []
        if "ray1" in best and "ray2" in best:
            ratios.append(f"ray 2 / ray 1 = {best['ray2'] / best['ray1']:.2f} (target >= 1.7)")
        if "ray2" in best and "local2" in best:
            ratios.append(f"ray 2 / local 2 = {best['ray2'] / best['local2']:.2f} (target >= 0.85)")
        if "ray2-attached" in best and "local2" in best:
            attached = best["ray2-attached"] / best["local2"]
            ratios.append(f"ray attached 2 / local 2 = {attached:.2f} (target >= 0.85)")
        print(f"best, {label}: {text} articles/s; " + "; ".join(ratios))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
