"""Job-wide request and token limits for the llm engine, shared by every worker.

Two token buckets (requests per minute, tokens per minute) refill continuously. A worker
reserves one request and its *estimated* tokens before calling the model and settles the
difference with the real usage afterwards, so the estimate only has to be roughly right.
A 429 pauses the whole job (`pause`) instead of letting each worker retry on its own.

The server's ``x-ratelimit-*`` headers (`observe`, after every answer) are read two ways:
a limit the user did not give (`--rpm` / `--tpm`) is taken from ``x-ratelimit-limit-*``
(OpenAI states them per minute), and a budget whose ``x-ratelimit-remaining-*`` reached 0
pauses the whole job until its ``x-ratelimit-reset-*``, before any request meets a 429.

Every request passes `acquire`: the job's workers drive the engine's conversation request
by request, so re-asks, larger-budget retries, further chunks of a long article and the
job's own retries of 429s and outages each take a request and their tokens from the
buckets. The engine's transport retries (tenacity) are switched off in the job
(`max_attempts=1`): there are none the buckets could miss.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._llm._client import RateLimitInfo

__all__ = ["DEFAULT_HEADROOM", "JobLimiter", "TokenBucket"]

DEFAULT_HEADROOM = 0.97
"""Share of the given limits the job aims at. Requests reach the server with jitter; at
exactly the limit every early arrival would be a 429, while 3 % slack lets the server's
own bucket absorb it."""


class TokenBucket:
    """`rate_per_minute` units refilled continuously; holds at most `capacity`.

    The level may go negative when a settlement costs more than was reserved: later
    acquirers then wait until that debt has refilled.
    """

    def __init__(
        self,
        rate_per_minute: float,
        *,
        capacity: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate_per_minute / 60.0
        # Default burst: one second's worth (at least one unit). A full minute's burst
        # would send `rpm` requests at once, which servers that count in sliding
        # windows answer with 429s.
        self.capacity = capacity if capacity is not None else max(1.0, self.rate)
        self._clock = clock
        self.level = self.capacity
        self._stamp = clock()

    def _refill(self) -> None:
        now = self._clock()
        self.level = min(self.capacity, self.level + (now - self._stamp) * self.rate)
        self._stamp = now

    def wait_time(self, amount: float) -> float:
        """Seconds until `amount` is available (0 when it is now)."""
        self._refill()
        # A request larger than the bucket can never fit: let it go once the bucket is full.
        need = min(amount, self.capacity)
        if self.level >= need:
            return 0.0
        return (need - self.level) / self.rate

    def take(self, amount: float) -> None:
        """Remove `amount` (may leave a debt)."""
        self._refill()
        self.level -= amount

    def give(self, amount: float) -> None:
        """Return `amount` (an over-estimate being settled)."""
        self._refill()
        self.level = min(self.capacity, self.level + amount)


class JobLimiter:
    """RPM/TPM buckets plus a job-wide pause; all methods run on one event loop."""

    def __init__(
        self,
        *,
        rpm: float | None = None,
        tpm: float | None = None,
        headroom: float = DEFAULT_HEADROOM,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._headroom = headroom
        self.requests = TokenBucket(rpm * headroom, clock=clock) if rpm else None
        self.tokens = (
            TokenBucket(tpm * headroom, capacity=max(1.0, tpm / 60.0), clock=clock) if tpm else None
        )
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self.pauses = 0
        self.header_pauses = 0

    async def acquire(self, estimated_tokens: int) -> None:
        """Wait for one request and `estimated_tokens` of budget, and reserve them."""
        # One acquirer at a time, so waiters are served in order and none starves.
        async with self._lock:
            while True:
                wait = max(0.0, self._paused_until - self._clock())
                if self.requests is not None:
                    wait = max(wait, self.requests.wait_time(1))
                if self.tokens is not None:
                    wait = max(wait, self.tokens.wait_time(estimated_tokens))
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            if self.requests is not None:
                self.requests.take(1)
            if self.tokens is not None:
                self.tokens.take(estimated_tokens)

    def settle(self, estimated_tokens: int, actual_tokens: int) -> None:
        """Correct a reservation with the tokens the request really used."""
        if self.tokens is None:
            return
        diff = actual_tokens - estimated_tokens
        if diff > 0:
            self.tokens.take(diff)
        elif diff < 0:
            self.tokens.give(-diff)

    def pause(self, seconds: float) -> None:
        """Hold every worker for `seconds` from now (extends, never shortens, a pause)."""
        self.pauses += 1
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def observe(self, info: RateLimitInfo | None) -> None:
        """Read a response's ``x-ratelimit-*`` headers (see the module docstring)."""
        if info is None:
            return
        if self.requests is None and info.limit_requests:
            self.requests = TokenBucket(info.limit_requests * self._headroom, clock=self._clock)
        if self.tokens is None and info.limit_tokens:
            self.tokens = TokenBucket(
                info.limit_tokens * self._headroom,
                capacity=max(1.0, info.limit_tokens / 60.0),
                clock=self._clock,
            )
        resets = [
            reset
            for remaining, reset in (
                (info.remaining_requests, info.reset_requests),
                (info.remaining_tokens, info.reset_tokens),
            )
            if remaining is not None and remaining <= 0 and reset
        ]
        if resets:
            until = self._clock() + max(resets)
            if until > self._paused_until:
                self.header_pauses += 1
                self._paused_until = until
