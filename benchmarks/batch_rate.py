"""Batch job, llm engine: achieved request rate vs the allowed rate, against a fake server
that enforces a requests-per-minute AND a tokens-per-minute limit and answers with
realistic latency.

    .venv/bin/python benchmarks/batch_rate.py [--rpm 1200] [--tpm N] [--articles 300]
                                              [--latency 0.3] [--ray CPUS [--kill-worker]]

The fake (`summarizer.testing.FakeOpenAIServer`, loopback) keeps its own two buckets (one
second's burst each, as the job's): a request must find one request and its tokens (the
usage the fake reports for it) or is answered 429 with retry-after. `--tpm` defaults to
the tokens of `--rpm` requests a minute, so both limits bind at once. The job runs with
the same `--rpm` and `--tpm`; with `--ray 2`, on a local Ray cluster of 2 workers whose
every request passes the cluster's one rate budget (start-up of the cluster included in
the whole-run figure, not in the steady one); `--kill-worker` SIGKILLs one Ray worker
running a chunk once a third of the articles are answered (Ray runs its chunk again).
Printed: achieved rate / allowed rate (target >= 0.95), the share of 429s (target < 1 %),
and ids lost or written twice in the output (target 0), measured in one run; then the
accepted rate over 5 s windows, the load average, and the CPU seconds of every process
by kind (`_proc_cpu`), per request, with the cores the job needs at the allowed rate:
a rate short of the target while those cores were not to be had is the CPU's, not the
limiter's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _proc_cpu import ProcessCpu, descends_from_me

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer.testing import FakeModel, FakeReply, FakeRequest, estimate_tokens

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


WINDOW = 5.0
"""Seconds of each window of the accepted-rate timeline."""

ANSWER_TOKENS = estimate_tokens(json.dumps(ANSWER, ensure_ascii=False))


def request_tokens(request: FakeRequest) -> int:
    """The total usage the fake reports for this request (prompt + answer)."""
    prompt = 3 + sum(3 + estimate_tokens(str(m.get("content") or "")) for m in request.messages)
    return prompt + ANSWER_TOKENS


class ServerBucket:
    """The server's limits: `rpm` and `tpm`, refilled continuously, one second's burst."""

    def __init__(self, rpm: float, tpm: float) -> None:
        self.rate = rpm / 60
        self.capacity = max(1.0, self.rate)
        self.level = self.capacity
        self.token_rate = tpm / 60
        self.token_level = self.token_rate
        self.tokens = 0
        self.stamp = time.monotonic()
        self.lock = threading.Lock()
        self.accepted = 0
        self.limited = 0
        self.first = self.last = 0.0
        self.created = time.monotonic()
        self.limited_at: list[float] = []
        self.accepted_at: list[float] = []

    def admit(self, tokens: int) -> bool:
        with self.lock:
            now = time.monotonic()
            self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
            self.token_level = min(
                self.token_rate, self.token_level + (now - self.stamp) * self.token_rate
            )
            self.stamp = now
            if self.level >= 1 and self.token_level >= tokens:
                self.level -= 1
                self.token_level -= tokens
                self.tokens += tokens
                self.accepted += 1
                self.first = self.first or now
                self.last = now
                self.accepted_at.append(now)
                return True
            self.limited += 1
            self.limited_at.append(round(now - self.created, 2))
            return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rpm", type=float, default=1200)
    parser.add_argument("--tpm", type=float, default=None)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--ray",
        type=int,
        default=0,
        metavar="CPUS",
        help="run the job on a local Ray cluster of CPUS workers sharing one budget "
        "(--concurrency requests in flight per worker)",
    )
    parser.add_argument(
        "--kill-worker",
        action="store_true",
        help="with --ray: SIGKILL one worker running a chunk a third of the way through",
    )
    args = parser.parse_args()
    per_request: list[int] = []
    items_asked: Counter[int] = Counter()  # requests per article (its "Item N." line)

    def respond(request: FakeRequest) -> FakeReply:
        tokens = request_tokens(request)
        per_request.append(tokens)
        asked = re.search(r"Item (\d+)\.", str(request.messages[-1].get("content") or ""))
        if asked:
            items_asked[int(asked.group(1))] += 1
        if not bucket.admit(tokens):
            return FakeReply.error(429, retry_after=1)
        return FakeReply.delay(args.latency, then=FakeReply.json(ANSWER))

    # The tokens of one request: the template and schema, plus the article. Measured on the
    # first request; until then a bucket without a token limit stands in.
    bucket = ServerBucket(args.rpm, 1e12)
    with tempfile.TemporaryDirectory() as tmp, FakeModel(respond, api_key="bench") as fake:
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps({"id": "w", "text": f"{ARTICLE}Item 0.\n"}) + "\n")
        config = Config(
            engine="llm",
            base_url=fake.base_url,
            api_key="bench",
            model="gpt-4o-mini",
            structured_mode="json_schema",
        )
        run_batch(config, warm, Path(tmp) / "warm.out.jsonl", BatchOptions(concurrency=1))
        tokens_each = per_request[-1]
        items_asked.clear()  # the warm-up's "Item 0." is no article of the run
        tpm = args.tpm or tokens_each * args.rpm
        bucket = ServerBucket(args.rpm, tpm)
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in range(args.articles):
                fh.write(json.dumps({"id": i, "text": f"{ARTICLE}Item {i}.\n"}) + "\n")
        opts = BatchOptions(concurrency=args.concurrency, rpm=args.rpm, tpm=tpm)
        if args.ray:
            opts.via, opts.num_cpus = "ray", args.ray
        killed: list[int] = []
        if args.kill_worker:
            threading.Thread(
                target=kill_a_worker, args=(bucket, args.articles // 3, killed), daemon=True
            ).start()
        out = Path(tmp) / "out.jsonl"
        load_before = os.getloadavg()[0]
        with ProcessCpu() as cpu:
            report = run_batch(config, src, out, opts)
        load_after = os.getloadavg()[0]
        ids = Counter(json.loads(line)["id"] for line in out.read_text().splitlines())
    sent = bucket.accepted + bucket.limited
    # Steady rate: accepted requests between the first and the last the server admitted
    # (process start-up and the last answers' latency are not the limiter's doing).
    achieved = (bucket.accepted - 1) / (bucket.last - bucket.first)
    whole = bucket.accepted / report.wall_seconds
    allowed = min(args.rpm / 60, tpm / 60 / tokens_each)
    print(
        f"{report.ok} ok / {report.lines} in {report.wall_seconds:.1f} s; pauses: "
        f"{report.rate_limit_pauses} for 429s, {report.header_pauses} from headers"
    )
    print(
        f"limits: {args.rpm:.0f} requests/min and {tpm:.0f} tokens/min "
        f"({tokens_each} tokens a request): {allowed:.2f} requests/s allowed"
    )
    token_rate = bucket.tokens / (bucket.last - bucket.first) if bucket.last > bucket.first else 0
    print(f"tokens: {token_rate * 60:.0f}/min achieved, ratio {token_rate * 60 / tpm:.3f}")
    print(
        f"achieved {achieved:.2f} req/s, allowed {allowed:.2f} req/s: "
        f"ratio {achieved / allowed:.3f} (target >= 0.95)"
    )
    steady = [at for at in bucket.accepted_at if at >= bucket.first + WINDOW]
    if len(steady) > 1:
        once_warm = (len(steady) - 1) / (steady[-1] - steady[0])
        print(
            f"once warm ({WINDOW:g} s after the first request on): {once_warm:.2f} req/s, "
            f"ratio {once_warm / allowed:.3f}"
        )
    print(f"over the whole wall time (start-up included): {whole / allowed:.3f}")
    print(
        f"429s: {bucket.limited} of {sent} requests = {100 * bucket.limited / sent:.2f} % "
        f"(target < 1 %)"
    )
    if bucket.limited_at:
        print(f"429s at (s after the server started): {bucket.limited_at}")
    lost = sum(1 for i in range(args.articles) if str(i) not in ids)
    twice = sum(1 for count in ids.values() if count > 1)
    if args.kill_worker:
        print(f"killed worker: {killed or 'none caught running a chunk'}")
        again = sorted(n for n, count in items_asked.items() if count > 1)
        print(f"articles asked more than once ({len(again)}): {again}")
    print(f"ids: {len(ids)} of {args.articles}, {lost} lost, {twice} written twice (target 0)")
    windows = [0] * (int((bucket.last - bucket.first) // WINDOW) + 1)
    for at in bucket.accepted_at:
        windows[int((at - bucket.first) // WINDOW)] += 1
    shown = " ".join(f"{n / allowed / WINDOW:.2f}" for n in windows[:-1])
    print(f"accepted / allowed per {WINDOW:g} s from the first (partial last left out): {shown}")
    kinds = cpu.by_kind()
    total = sum(kinds.values())
    per = ", ".join(
        f"{kind} {seconds:.1f} s ({1000 * seconds / sent:.1f} ms)"
        for kind, seconds in kinds.items()
        if seconds or kind == "driver"
    )
    print(
        f"load average {load_before:.1f} -> {load_after:.1f}; CPU by process kind (a request): "
        f"{per}; total {total:.1f} s ({1000 * total / sent:.1f} ms a request, "
        f"{total / report.wall_seconds:.2f} cores over the run); the driver includes the fake "
        f"server; at the allowed rate the job needs {total / sent * allowed:.2f} cores"
    )
    return 0


def kill_a_worker(bucket: ServerBucket, after: int, killed: list[int]) -> None:
    """SIGKILL one of this job's Ray workers running a chunk once `after` requests were
    answered."""
    while bucket.accepted < after:
        time.sleep(0.05)
    while not killed:
        for entry in os.listdir("/proc"):
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes() if entry.isdigit() else b""
            except OSError:
                continue
            # Ours only: other jobs on the machine may run Ray workers of the same name.
            if cmdline.startswith(b"ray::_call") and descends_from_me(int(entry)):
                os.kill(int(entry), signal.SIGKILL)
                killed.append(int(entry))
                return
        time.sleep(0.01)


if __name__ == "__main__":
    raise SystemExit(main())
