"""Batch job, llm engine: achieved request rate vs the allowed rate, against a fake server
that enforces a requests-per-minute limit and answers with realistic latency.

    .venv/bin/python benchmarks/batch_rate.py [--rpm 1200] [--articles 300] [--latency 0.3]

The fake (`summarizer.testing.FakeOpenAIServer`, loopback) keeps its own token bucket
(one second's burst, as the job's) and answers 429 with retry-after when it is empty.
The job runs with the same `--rpm`. Printed: achieved rate / allowed rate (target >= 0.95)
and the share of 429s (target < 1 %), measured in one run.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer.testing import FakeModel, FakeReply, FakeRequest

ARTICLE = (
    "Dockworkers Vote to Strike at Port Avalon\n\n"
    "Union leader Sam Okoro said the strike would begin on Monday.\n"
)
ANSWER: dict[str, Any] = {
    "summary": {
        "headline": "Strike",
        "text": "A strike begins Monday. It is set.",
        "key_points": [],
    },
    "quotes": [],
}


class ServerBucket:
    """The server's limit: `rpm`, refilled continuously, burst of one second's worth."""

    def __init__(self, rpm: float) -> None:
        self.rate = rpm / 60
        self.capacity = max(1.0, self.rate)
        self.level = self.capacity
        self.stamp = time.monotonic()
        self.lock = threading.Lock()
        self.accepted = 0
        self.limited = 0
        self.first = self.last = 0.0
        self.created = time.monotonic()
        self.limited_at: list[float] = []

    def admit(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.level >= 1:
                self.level -= 1
                self.accepted += 1
                self.first = self.first or now
                self.last = now
                return True
            self.limited += 1
            self.limited_at.append(round(now - self.created, 2))
            return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rpm", type=float, default=1200)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    bucket = ServerBucket(args.rpm)

    def respond(request: FakeRequest) -> FakeReply:
        if not bucket.admit():
            return FakeReply.error(429, retry_after=1)
        return FakeReply.delay(args.latency, then=FakeReply.json(ANSWER))

    with tempfile.TemporaryDirectory() as tmp, FakeModel(respond, api_key="bench") as fake:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                fh.write(json.dumps({"id": i, "text": f"{ARTICLE}Item {i}.\n"}) + "\n")
        config = Config(
            engine="llm",
            base_url=fake.base_url,
            api_key="bench",
            model="gpt-4o-mini",
            structured_mode="json_schema",
        )
        opts = BatchOptions(concurrency=args.concurrency, rpm=args.rpm)
        report = run_batch(config, src, Path(tmp) / "out.jsonl", opts)
    sent = bucket.accepted + bucket.limited
    # Steady rate: accepted requests between the first and the last the server admitted
    # (process start-up and the last answers' latency are not the limiter's doing).
    achieved = (bucket.accepted - 1) / (bucket.last - bucket.first)
    whole = bucket.accepted / report.wall_seconds
    allowed = args.rpm / 60
    print(f"{report.ok} ok / {report.lines} in {report.wall_seconds:.1f} s")
    print(
        f"achieved {achieved:.2f} req/s, allowed {allowed:.2f} req/s: "
        f"ratio {achieved / allowed:.3f} (target >= 0.95)"
    )
    print(f"over the whole wall time (start-up included): {whole / allowed:.3f}")
    print(
        f"429s: {bucket.limited} of {sent} requests = {100 * bucket.limited / sent:.2f} % "
        f"(target < 1 %)"
    )
    if bucket.limited_at:
        print(f"429s at (s after the server started): {bucket.limited_at}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
