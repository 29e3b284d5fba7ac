"""The job's limits against servers that enforce them: a tokens-per-minute limit answered
with 429s, and the x-ratelimit-* headers read after every answer."""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from pathlib import Path

import pytest

from summarizer import ConfigError
from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._limits import DEFAULT_MAX_PAUSE, JobLimiter, bounded_wait
from summarizer._llm._client import RateLimitInfo
from summarizer.testing import FakeModel, FakeReply, FakeRequest, estimate_tokens

from .test_batch_llm import articles, llm_config
from .test_llm_engine import GOOD, KEY

ANSWER_TOKENS = estimate_tokens(json.dumps(GOOD, ensure_ascii=False))


def request_tokens(request: FakeRequest) -> int:
    """What the fake will report as this request's total usage."""
    prompt = 3 + sum(3 + estimate_tokens(str(m.get("content") or "")) for m in request.messages)
    return prompt + ANSWER_TOKENS


class TokensPerMinute:
    """A server-side TPM limit: a bucket of one second's worth, refilled continuously."""

    def __init__(self, tpm: float) -> None:
        self.rate = tpm / 60
        self.level = self.rate
        self.stamp = time.monotonic()
        self.lock = threading.Lock()
        self.limited = 0
        self.used = 0

    def __call__(self, request: FakeRequest) -> FakeReply:
        tokens = request_tokens(request)
        with self.lock:
            now = time.monotonic()
            self.level = min(self.rate, self.level + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.level < tokens:
                self.limited += 1
                wait = (tokens - self.level) / self.rate
                return FakeReply.error(429, retry_after_ms=int(wait * 1000) + 1)
            self.level -= tokens
            self.used += tokens
        return FakeReply.json(GOOD)


def test_tpm_limit_is_kept_without_429s(tmp_path: Path) -> None:
    n = 16
    src, out = articles(tmp_path, n), tmp_path / "out.jsonl"
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir()
    with FakeModel(GOOD, api_key=KEY) as probe:
        run_batch(llm_config(probe), articles(probe_dir, 1), probe_dir / "out.jsonl")
        per_request = request_tokens(probe.requests[0])
    tpm = per_request * 8 * 60  # 8 requests a second
    server = TokensPerMinute(tpm)
    with FakeModel(server, api_key=KEY, rate_limit_headers=None) as fake:
        report = run_batch(
            llm_config(fake, max_attempts=1), src, out, BatchOptions(concurrency=8, tpm=tpm)
        )
    assert report.ok == n and report.accounted
    assert server.limited <= 1, server.limited  # the buckets keep the job under the limit
    # One second's burst (8 requests), then 8 a second for the other 8: about 1 s.
    assert report.wall_seconds >= 0.8


def test_exhausted_budget_in_the_headers_pauses_the_job(tmp_path: Path) -> None:
    answered = []

    def respond(request: FakeRequest) -> FakeReply:
        answered.append(time.monotonic())
        # The first answer says the request budget is spent for the next 0.4 s.
        headers = (
            {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "400ms"}
            if len(answered) == 1
            else {}
        )
        return FakeReply.json(GOOD, headers=headers)

    src, out = articles(tmp_path, 4), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY, rate_limit_headers=None) as fake:
        report = run_batch(llm_config(fake), src, out, BatchOptions(concurrency=1))
    assert report.ok == 4 and report.header_pauses == 1
    assert answered[1] - answered[0] >= 0.35


def test_limits_are_adopted_from_the_headers() -> None:
    limiter = JobLimiter(headroom=1.0)
    limiter.observe(RateLimitInfo(limit_requests=600, limit_tokens=60_000))
    assert limiter.requests is not None and limiter.requests.rate == 10
    assert limiter.tokens is not None and limiter.tokens.rate == 1000
    given = JobLimiter(rpm=60, headroom=1.0)
    given.observe(RateLimitInfo(limit_requests=600))
    assert given.requests is not None and given.requests.rate == 1  # the user's limit stays


ABSURD = [math.inf, 1e300, 3600.0, -1.0, -math.inf, math.nan, 0.0, None]


def test_bounded_wait_keeps_every_value_sleepable() -> None:
    assert bounded_wait(2.5, 60) == 2.5  # a normal wait is kept as it is
    assert bounded_wait(60, 60) == 60
    for too_long in (math.inf, 1e300, 3600.0, math.nan):
        assert bounded_wait(too_long, 60) == 60
    for none in (-1.0, -math.inf, 0.0, None):
        assert bounded_wait(none, 60) == 0


@pytest.mark.parametrize("seconds", ABSURD)
def test_absurd_pause_holds_the_job_at_most_max_pause(seconds: float | None) -> None:
    async def main() -> None:
        now = [100.0]
        limiter = JobLimiter(rpm=600, headroom=1.0, max_pause=5, clock=lambda: now[0])
        held = limiter.pause(seconds)
        assert 0 <= held <= 5 and limiter.pauses == 1

        sleeps: list[float] = []
        original = asyncio.sleep

        async def fake_sleep(delay: float) -> None:
            assert math.isfinite(delay) and delay >= 0
            sleeps.append(delay)
            now[0] += delay
            await original(0)

        asyncio.sleep = fake_sleep  # type: ignore[assignment]
        try:
            await asyncio.wait_for(limiter.acquire(10), timeout=5)
        finally:
            asyncio.sleep = original
        assert sum(sleeps) == held <= 5
        # A normal pause afterwards still works, and a later absurd one cannot stretch it.
        assert limiter.pause(2) == 2
        assert limiter.pause(seconds) <= 5

    asyncio.run(main())


def test_normal_pauses_are_kept_and_never_shortened() -> None:
    now = [0.0]
    limiter = JobLimiter(max_pause=60, clock=lambda: now[0])
    assert limiter.pause(30) == 30
    assert limiter.pause(1) == 30  # never shortens
    assert limiter.pause(math.inf) == 60  # extends, to the bound only
    assert JobLimiter().max_pause == DEFAULT_MAX_PAUSE == 60


@pytest.mark.parametrize("reset", [math.inf, 1e300, math.nan, -5.0])
def test_absurd_header_resets_pause_at_most_max_pause(reset: float) -> None:
    now = [0.0]
    limiter = JobLimiter(max_pause=5, clock=lambda: now[0])
    limiter.observe(RateLimitInfo(remaining_requests=0, reset_requests=reset))
    limiter.observe(RateLimitInfo(remaining_tokens=0, reset_tokens=reset, limit_tokens=-10))
    assert limiter.tokens is None  # a negative limit is not adopted
    held = limiter.pause(0)
    assert 0 <= held <= 5
    assert limiter.header_pauses == (0 if reset < 0 else 1)  # NaN < 0 is False: the bound


def test_absurd_limits_are_refused_or_no_limit() -> None:
    for bad in (math.nan, -1.0, -math.inf):
        with pytest.raises(ConfigError):
            JobLimiter(rpm=bad)
        with pytest.raises(ConfigError):
            JobLimiter(tpm=bad)
    for bad_pause in (math.inf, math.nan, -1.0):
        with pytest.raises(ConfigError):
            JobLimiter(max_pause=bad_pause)
    unlimited = JobLimiter(rpm=math.inf, tpm=0)
    assert unlimited.requests is None and unlimited.tokens is None
    huge = JobLimiter(rpm=1e300, tpm=1e300)  # a limit too high to matter lets all through
    assert huge.requests is not None and huge.requests.wait_time(1) == 0
    assert huge.tokens is not None and huge.tokens.wait_time(10**9) == 0
