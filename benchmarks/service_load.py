"""HTTP service under load: N concurrent `POST /v1/analyze`, offline engine, over loopback.

    .venv/bin/python benchmarks/service_load.py [--requests 200] [--processes N]

Starts `summarizer serve` (rate limit and in-flight bound above N, so nothing is refused
on purpose), warms it with one request, then sends N requests at once (one connection
each) with the README's example article. Printed: errors (target 0), wall time,
throughput, and p50 / p99 / max latency, measured in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

import httpx
from _service_server import TOKEN, percentile, serve

ARTICLE = (Path(__file__).resolve().parents[1] / "examples" / "article.txt").read_text()


async def run(url: str, n: int) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": ARTICLE, "engine": "offline"}
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        (await client.post("/v1/analyze", json=body, headers=headers)).raise_for_status()
        latencies: list[float] = []
        errors: dict[str, int] = {}

        async def one() -> None:
            started = time.perf_counter()
            try:
                r = await client.post("/v1/analyze", json=body, headers=headers)
                if r.status_code != 200 or not r.json()["quotes"]:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        wall = time.perf_counter() - started
    print(f"{n} concurrent POST /v1/analyze (offline): errors {sum(errors.values())} {errors}")
    print(f"wall {wall:.2f} s, throughput {n / wall:.1f} req/s")
    print(
        f"latency p50 {percentile(latencies, 50) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--processes", type=int, default=None, help="default: the server's")
    args = parser.parse_args()
    n = args.requests
    flags = ["--rate", "100000", "--burst", str(10 * n), "--max-in-flight", str(2 * n)]
    if args.processes is not None:
        flags += ["--processes", str(args.processes)]
    with serve(*flags) as url:
        asyncio.run(run(url, n))


if __name__ == "__main__":
    main()
