"""The batch job on the llm engine, against a loopback fake of the OpenAI API."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer import Config
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._items import BatchItem
from summarizer._batch._limits import JobLimiter, TokenBucket
from summarizer._batch._live import RATE_LIMIT_RETRIES, run_llm
from summarizer.testing import FakeModel, FakeOpenAIServer, FakeReply, FakeRequest

from .test_llm_engine import ARTICLE, GOOD, KEY


def llm_config(server: FakeOpenAIServer, **kw: Any) -> Config:
    return Config(
        engine="llm",
        base_url=server.base_url,
        api_key=KEY,
        model="gpt-4o-mini",
        structured_mode="json_schema",
        **kw,
    )


def articles(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": ARTICLE + f"\nItem {i}.\n"}) + "\n")
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_faults_injected_every_line_accounted(tmp_path: Path) -> None:
    counter = itertools.count()

    def respond(request: FakeRequest) -> FakeReply:
        n = next(counter)
        if n % 11 == 3:
            return FakeReply.error(429, retry_after=0.01)
        if n % 23 == 5:
            return FakeReply.error(503)
        if n % 29 == 7:
            return FakeReply.truncated('{"summary": {"headline": "Cut off')
        if n % 31 == 9:
            return FakeReply.invalid_json()
        return FakeReply.json(GOOD)

    n = 150
    src, out = articles(tmp_path, n), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake), src, out, BatchOptions(concurrency=16))
        sent = len(fake.requests)
        assert fake.errors == []  # each fault was the reply meant, not a responder crash
    recs = records(out)
    assert len(recs) == n and report.accounted
    assert sorted(r["id"] for r in recs) == sorted(f"n{i}" for i in range(n))
    assert report.ok + report.error == n
    # Every fault is retried or re-asked by the engine: all end ok.
    assert report.ok == n, report.error_types
    assert sent > n
    assert report.total_tokens > 0 and report.prompt_tokens > 0
    assert KEY not in out.read_text() and KEY not in (tmp_path / "out.report.json").read_text()


def test_unrecoverable_outputs_become_error_records(tmp_path: Path) -> None:
    def respond(request: FakeRequest) -> FakeReply:
        if "Item 3." in request.messages[-1]["content"] or any(
            "Item 3." in m.get("content", "") for m in request.messages
        ):
            return FakeReply.invalid_json()
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 6), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake, max_reasks=0), src, out)
    assert report.accounted and report.ok == 5 and report.error == 1
    bad = next(r for r in records(out) if r["status"] == "error")
    assert bad["id"] == "n3"
    assert bad["error"]["type"] == "invalid_model_output" and bad["error"]["attempts"] >= 1


def test_rate_limit_pauses_the_whole_job(tmp_path: Path) -> None:
    # The engine gives up at once (max_attempts=1), so the job's own pause is what recovers.
    lock = threading.Lock()
    limited: list[float] = []  # when each 429 was answered
    answered: list[float] = []  # when each success was answered

    def respond(request: FakeRequest) -> FakeReply:
        with lock:  # numbering and timestamp together, so both follow arrival order
            now = time.monotonic()
            if len(limited) < 3:
                limited.append(now)
                return FakeReply.error(429, retry_after=0.2)
            answered.append(now)
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 12), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake, max_attempts=1), src, out, BatchOptions(concurrency=4))
        sent = len(fake.requests)
    assert report.ok == 12 and report.accounted
    assert report.rate_limit_pauses >= 1
    # After the first 429s the job paused instead of each worker hammering the server.
    assert sent == 12 + len(limited)
    # Nobody asked again before the pause was over: the first success after the last 429
    # came at least the server's 0.2 s later (minus slack for timer granularity).
    assert len(limited) == 3 and len(answered) == 12
    assert answered[0] - limited[-1] >= 0.15


@pytest.mark.parametrize("first_alone", [True, False])
def test_the_first_request_goes_alone_unless_the_caller_is_warm(first_alone: bool) -> None:
    arrived: list[float] = []

    def respond(request: FakeRequest) -> FakeReply:
        arrived.append(time.monotonic())
        return FakeReply.delay(1.0, then=FakeReply.json(GOOD))

    items = [BatchItem(id=f"a{i}", line=i + 1, text=f"{ARTICLE}\nItem {i}.\n") for i in range(4)]
    records: list[dict[str, Any]] = []
    with FakeModel(respond, api_key=KEY) as fake:
        run = run_llm(
            llm_config(fake),
            iter([("work", item) for item in items]),
            records.append,
            BatchOptions(concurrency=4),
            JobLimiter(),
            first_alone=first_alone,
        )
        asyncio.run(run)
    assert sorted(r["id"] for r in records if r["status"] == "ok") == ["a0", "a1", "a2", "a3"]
    if first_alone:  # the others wait for the first answer (1 s)
        assert arrived[1] - arrived[0] >= 0.9
    else:  # a Ray worker's later chunks: all four at once, none waits for an answer
        assert arrived[3] - arrived[0] < 0.9


def test_rpm_limit_spaces_requests(tmp_path: Path) -> None:
    # 10 requests/s with a burst of one second's worth: 15 requests need >= 0.5 s.
    src, out = articles(tmp_path, 15), tmp_path / "out.jsonl"
    with FakeModel(GOOD, api_key=KEY) as fake:
        report = run_batch(llm_config(fake), src, out, BatchOptions(concurrency=8, rpm=600))
    assert report.ok == 15
    assert report.wall_seconds >= 0.45


def test_token_bucket_reserve_and_settle() -> None:
    now = [0.0]
    bucket = TokenBucket(600, clock=lambda: now[0])  # 10/s, burst 10
    assert bucket.wait_time(10) == 0
    bucket.take(10)
    assert bucket.wait_time(5) == 0.5
    now[0] = 0.5
    assert bucket.wait_time(5) == 0
    bucket.take(20)  # a settlement over the reservation leaves a debt
    assert abs(bucket.wait_time(1) - 1.6) < 1e-9  # (1 - (5 - 20)) / 10
    bucket.give(100)
    assert bucket.level == bucket.capacity


def test_limiter_pause_and_settle() -> None:
    async def main() -> None:
        now = [0.0]
        limiter = JobLimiter(tpm=6000, headroom=1.0, clock=lambda: now[0])  # 100 tokens/s
        await limiter.acquire(50)
        limiter.settle(50, 80)
        assert limiter.tokens is not None and limiter.tokens.level == 20
        limiter.pause(3)
        limiter.pause(1)  # never shortens
        assert limiter.pauses == 2

        sleeps: list[float] = []
        original = asyncio.sleep

        async def fake_sleep(seconds: float) -> None:
            sleeps.append(seconds)
            now[0] += seconds
            await original(0)

        asyncio.sleep = fake_sleep  # type: ignore[assignment]
        try:
            await limiter.acquire(10)
        finally:
            asyncio.sleep = original
        assert sleeps and sleeps[0] == 3

    asyncio.run(main())


def test_cache_makes_a_rerun_cost_zero_calls(tmp_path: Path) -> None:
    src, cache = articles(tmp_path, 8), tmp_path / "cache"
    with FakeModel(GOOD, api_key=KEY) as fake:
        config = llm_config(fake)
        first = run_batch(config, src, tmp_path / "a.jsonl", BatchOptions(cache_dir=cache))
        calls = len(fake.requests)
        second = run_batch(config, src, tmp_path / "b.jsonl", BatchOptions(cache_dir=cache))
        assert len(fake.requests) == calls  # not one request more
        # Another temperature is another configuration: a miss.
        other = llm_config(fake, temperature=0.5)
        third = run_batch(other, src, tmp_path / "c.jsonl", BatchOptions(cache_dir=cache))
        assert len(fake.requests) > calls
    assert first.ok == second.ok == third.ok == 8
    assert first.cache_hits == 0 and second.cache_hits == 8 and third.cache_hits == 0
    assert second.total_tokens == 0 and first.total_tokens > 0
    a = {r["id"]: r["analysis"] for r in records(tmp_path / "a.jsonl")}
    b = {r["id"]: r["analysis"] for r in records(tmp_path / "b.jsonl")}
    assert a == b
    assert all(r.get("cached") for r in records(tmp_path / "b.jsonl"))
    assert not any(KEY in p.read_text() for p in cache.rglob("*.json"))


@pytest.mark.parametrize("retry_after", ["1e300", "3600"])
def test_long_retry_after_is_capped_not_slept_through(tmp_path: Path, retry_after: str) -> None:
    # A server asking once for an hour (or 1e300 s) used to hang the job. Now it pauses for
    # its longest wait (here 0.5 s: `max_retry_after` in the options), retries, finishes.
    replies = iter([FakeReply.error(429, retry_after=retry_after)])

    def respond(request: FakeRequest) -> FakeReply:
        return next(replies, FakeReply.json(GOOD))

    src, out = articles(tmp_path, 3), tmp_path / "out.jsonl"
    started = time.monotonic()
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake), src, out, BatchOptions(max_retry_after=0.5))
        sent = len(fake.requests)
    elapsed = time.monotonic() - started
    recs = records(out)
    assert report.accounted and len(recs) == 3
    assert sorted(r["id"] for r in recs) == ["n0", "n1", "n2"]
    assert report.ok == 3 and report.rate_limit_pauses == 1
    assert sent == 4  # the limited request once more, after the capped pause
    assert 0.4 <= elapsed < 15, elapsed


def test_a_permanent_429_with_retry_after_0_ends_after_the_bounded_attempts(
    tmp_path: Path,
) -> None:
    # "retry-after: 0" was taken for no wait said: the job paused 2, 4, 8 … s (up to its
    # longest pause, 60 s), holding the item 243 s. The server's 0 is now no pause, as in
    # the client, and the item ends after RATE_LIMIT_RETRIES retries: a count, not a clock.
    def respond(request: FakeRequest) -> FakeReply:
        if any("Item 1." in str(m.get("content") or "") for m in request.messages):
            return FakeReply.error(429, retry_after=0)
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 3), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY) as fake:
        # A 5 s longest pause keeps the old behaviour's run short (36 s) for this check.
        report = run_batch(llm_config(fake), src, out, BatchOptions(max_retry_after=5))
        limited = [
            r for r in fake.requests if any("Item 1." in str(m.get("content")) for m in r.messages)
        ]
    recs = {r["id"]: r for r in records(out)}
    assert report.accounted and report.ok == 2 and report.error_types == {"rate_limited": 1}
    error = recs["n1"]["error"]
    assert error["attempts"] == len(limited) == RATE_LIMIT_RETRIES + 1
    assert error["retry_after"] == 0
    assert report.wall_seconds < 15, report.wall_seconds  # was 2 + 4 + 5 × 6 = 36 s here


def test_server_that_keeps_asking_too_long_ends_the_item_with_rate_limited(
    tmp_path: Path,
) -> None:
    # Every request for n1 is answered "come back in an hour": after one capped pause and
    # a second such answer the item ends with a rate_limited record (a rerun with
    # --retry-errors picks it up); the other items are not held up for an hour.
    def respond(request: FakeRequest) -> FakeReply:
        if any("Item 1." in str(m.get("content") or "") for m in request.messages):
            return FakeReply.error(429, retry_after="3600")
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 3), tmp_path / "out.jsonl"
    started = time.monotonic()
    with FakeModel(respond, api_key=KEY) as fake:
        config = llm_config(fake)
        report = run_batch(config, src, out, BatchOptions(max_retry_after=0.5))
        limited = [
            r for r in fake.requests if any("Item 1." in str(m.get("content")) for m in r.messages)
        ]
    elapsed = time.monotonic() - started
    recs = {r["id"]: r for r in records(out)}
    assert report.accounted and len(recs) == 3 and report.lines == 3
    assert report.ok == 2 and report.error == 1 and report.error_types == {"rate_limited": 1}
    error = recs["n1"]["error"]
    assert error["type"] == "rate_limited"
    assert error["retry_after"] == 3600
    assert "3600" in error["message"] and "--retry-errors" in error["message"]
    assert error["attempts"] == len(limited) == 2
    assert recs["n0"]["status"] == recs["n2"]["status"] == "ok"
    assert elapsed < 15, elapsed

    # Once the server lets it through, a resume with retry_errors finishes the job.
    with FakeModel(GOOD, api_key=KEY) as fake:
        again = run_batch(
            llm_config(fake), src, out, BatchOptions(max_retry_after=0.5, retry_errors=True)
        )
    assert again.ok == 3 and again.error == 0 and again.accounted and len(records(out)) == 3
