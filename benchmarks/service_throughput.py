"""HTTP service throughput against one in-process thread, interleaved so load cancels out.

    .venv/bin/python benchmarks/service_throughput.py [--clients 8] [--rounds 10]
        [--slice 2] [--server 'LABEL|TREE|SERVE FLAGS' ...] [--continuous 20]

Each `--server` is a `summarizer serve` started on loopback from the source tree TREE (put
first on its PYTHONPATH; empty: this checkout) with SERVE FLAGS (empty: the defaults a user
gets). The default is this tree with its defaults. Every server is warmed, then each round
times, one after the other, `--slice` seconds of one thread analysing the README's example
article in this process (offline engine) and `--slice` seconds of `--clients` concurrent
clients posting the same article to each server. On a shared machine whose load drifts,
the slices of a round see about the same load, so the ratios hold where absolute rates do
not. A client answered 429 waits the `retry-after` it was given, as a polite client would.

A token bucket refills while other slices run, so interleaved slices overstate a rate
limit that binds: `--continuous S` then measures each server alone for S seconds
after the rounds, which shows the cap.

Printed per server: answered requests/s over all its slices, the ratio to the in-process
rate over the same rounds, 429s, other errors, latency p50 / p99, and the CPU time a
request costs in the server's own process and in its worker processes (read from /proc:
a figure that does not drift with the machine's load, and tells what the server can do
on idle cores). Measured in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _service_server import TOKEN, percentile, serve

from summarizer import Config, Summarizer

ARTICLE = (Path(__file__).resolve().parents[1] / "examples" / "article.txt").read_text()
BODY = {"text": ARTICLE, "engine": "offline"}


@dataclass
class Tally:
    """Requests answered in the timed slices of one server."""

    seconds: float = 0.0
    cpu_server: float = 0.0
    cpu_workers: float = 0.0
    ok: int = 0
    limited: int = 0
    other: int = 0
    latencies: list[float] = field(default_factory=list)


def in_process(engine: Summarizer, seconds: float) -> tuple[int, float]:
    """Analyses of one thread in `seconds`: (count, elapsed)."""
    count = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        engine.analyze(ARTICLE)
        count += 1
    return count, time.perf_counter() - started


async def load(client: httpx.AsyncClient, clients: int, seconds: float, tally: Tally) -> None:
    """`clients` concurrent clients posting the article for `seconds`, counted in `tally`."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    until = time.perf_counter() + seconds

    async def one_client() -> None:
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                r = await client.post("/v1/analyze", json=BODY, headers=headers)
            except httpx.HTTPError:
                tally.other += 1
                continue
            if r.status_code == 200:
                tally.ok += 1
                tally.latencies.append(time.perf_counter() - started)
            elif r.status_code == 429:
                tally.limited += 1
                wait = float(r.headers.get("retry-after", "1"))
                await asyncio.sleep(min(wait, max(0.0, until - time.perf_counter())))
            else:
                tally.other += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    tally.seconds += time.perf_counter() - started


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far by `pid` and by its live worker children."""

    def used(stat: str) -> float:
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    own = used(Path(f"/proc/{pid}/stat").read_text())
    workers = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            spawned = b"spawn_main" in Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if spawned and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            workers += used(stat)
    return own, workers


async def measured(
    client: httpx.AsyncClient, clients: int, seconds: float, tally: Tally, pid: int
) -> None:
    """`load`, with the CPU the server and its workers used meanwhile added to `tally`."""
    own, workers = cpu_seconds(pid)
    await load(client, clients, seconds, tally)
    own_after, workers_after = cpu_seconds(pid)
    tally.cpu_server += own_after - own
    # A worker killed meanwhile takes its CPU time with it: never count below zero.
    tally.cpu_workers += max(0.0, workers_after - workers)


async def run(args: argparse.Namespace, urls: dict[str, str], pids: dict[str, int]) -> None:
    engine = Summarizer(Config(engine="offline"))
    engine.analyze(ARTICLE)
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    clients = {
        label: httpx.AsyncClient(base_url=url, limits=limits, timeout=120)
        for label, url in urls.items()
    }
    tallies = {label: Tally() for label in urls}
    try:
        for client in clients.values():  # warm: workers start, connections open
            await load(client, args.clients, 2.0, Tally())
        await asyncio.sleep(2)
        done, elapsed = 0, 0.0
        for _ in range(args.rounds):
            count, took = in_process(engine, args.slice)
            done, elapsed = done + count, elapsed + took
            for label, client in clients.items():
                await measured(client, args.clients, args.slice, tallies[label], pids[label])
        rate = done / elapsed
        print(f"in process, one thread: {rate:.1f} analyses/s over {args.rounds} slices")
        for label, tally in tallies.items():
            report(f"{label} (interleaved)", tally, rate)
        for label, client in clients.items():
            if args.continuous:
                await asyncio.sleep(5)  # a full bucket, as after a pause
                tally = Tally()
                await load(client, args.clients, args.continuous, tally)
                report(f"{label} (alone, {args.continuous:g} s)", tally, None)
    finally:
        for client in clients.values():
            await client.aclose()


def report(label: str, tally: Tally, rate: float | None) -> None:
    served = tally.ok / tally.seconds
    ratio = f" = {served / rate:.2f}x in-process" if rate else ""
    latency = cpu = ""
    if tally.latencies:
        p50, p99 = percentile(tally.latencies, 50), percentile(tally.latencies, 99)
        latency = f"; latency p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
    if tally.ok and (tally.cpu_server or tally.cpu_workers):
        cpu = (
            f"; CPU a request: server process {tally.cpu_server / tally.ok * 1000:.2f} ms, "
            f"workers {tally.cpu_workers / tally.ok * 1000:.2f} ms"
        )
    print(
        f"{label}: {served:.1f} req/s{ratio}; 429s {tally.limited}, "
        f"other errors {tally.other}{latency}{cpu}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--slice", type=float, default=2.0)
    parser.add_argument("--continuous", type=float, default=0.0)
    parser.add_argument("--server", action="append", default=[], help="'LABEL|TREE|FLAGS'")
    args = parser.parse_args()
    servers = [s.split("|", 2) for s in args.server] or [["this tree, defaults", "", ""]]
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    with ExitStack() as stack:
        urls, pids = {}, {}
        for label, tree, flags in servers:
            env = {"SUMMARIZER_API_TOKENS": TOKEN}
            if tree:
                env["PYTHONPATH"] = str(Path(tree).resolve())
                # Or `python -m summarizer` would import the checkout it is started from.
                env["PYTHONSAFEPATH"] = "1"
            started: list[int] = []
            urls[label] = stack.enter_context(serve(*flags.split(), env=env, pids=started))
            pids[label] = started[0]
        asyncio.run(run(args, urls, pids))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
