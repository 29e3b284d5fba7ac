"""`/healthz` latency while analyses wait on a slow model endpoint.

    .venv/bin/python benchmarks/service_healthz.py [--in-flight 50] [--delay 5]

A loopback `FakeModel` answers every request after `--delay` seconds. The server (llm
engine, pointed at the fake) gets `--in-flight` concurrent `POST /v1/analyze`; once all
of them are in flight, `/healthz` is timed repeatedly (one request at a time, on one
kept-alive connection) until they finish. Printed: samples, p50 / p99 / max (target p99 < 50
ms), and that every analysis came back 200, measured in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx
from _service_server import TOKEN, percentile, serve

from summarizer.testing import FakeModel, FakeReply

ARTICLE = (
    "Dockworkers Vote to Strike at Port Avalon\n\n"
    "Union leader Sam Okoro said the strike would begin on Monday.\n"
)
ANSWER = {
    "summary": {
        "headline": "Strike",
        "text": "A strike begins Monday. It is set.",
        "key_points": [],
    },
    "quotes": [],
}


async def run(url: str, n: int) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    limits = httpx.Limits(max_connections=n + 5)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        tasks = [
            asyncio.create_task(client.post("/v1/analyze", json={"text": ARTICLE}, headers=headers))
            for _ in range(n)
        ]
        async with httpx.AsyncClient(base_url=url, timeout=10) as probe:
            while (await probe.get("/healthz")).json()["in_flight"] < n:
                await asyncio.sleep(0.01)
        samples: list[float] = []
        in_flight: list[int] = []
        async with httpx.AsyncClient(base_url=url, timeout=10) as probe:
            while not all(t.done() for t in tasks):
                started = time.perf_counter()
                r = await probe.get("/healthz")
                samples.append(time.perf_counter() - started)
                in_flight.append(r.json()["in_flight"])
                await asyncio.sleep(0.01)
        codes = [t.result().status_code for t in tasks]
    full = [s for s, k in zip(samples, in_flight, strict=True) if k >= n]
    print(f"{n} analyses in flight against a model answering in {args.delay} s")
    print(f"analyses: {codes.count(200)}/{n} ok ({sorted(set(codes))})")
    print(
        f"/healthz, all {len(samples)} samples until the last answer: "
        f"p50 {percentile(samples, 50) * 1000:.1f} ms, p99 {percentile(samples, 99) * 1000:.1f} "
        f"ms, max {max(samples) * 1000:.1f} ms"
    )
    print(
        f"/healthz, {len(full)} samples with all {n} in flight: "
        f"p50 {percentile(full, 50) * 1000:.1f} ms, p99 {percentile(full, 99) * 1000:.1f} "
        f"ms, max {max(full) * 1000:.1f} ms"
    )


parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--in-flight", type=int, default=50)
parser.add_argument("--delay", type=float, default=5.0)
args = parser.parse_args()

if __name__ == "__main__":
    reply = FakeReply.delay(args.delay, then=FakeReply.json(ANSWER))
    with FakeModel(reply) as fake:
        env = {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-bench"}
        flags = ["--engine", "llm", "--structured-mode", "json_schema", "--max-in-flight", "200"]
        with serve(*flags, env=env) as url:
            asyncio.run(run(url, args.in_flight))
