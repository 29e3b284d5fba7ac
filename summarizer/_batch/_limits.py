"""Job-wide request and token limits for the llm engine, shared by every worker.

Two token buckets (requests per minute, tokens per minute) refill continuously. A worker
reserves one request and its *estimated* tokens before calling the model and settles the
difference with the real usage afterwards, so the estimate only has to be roughly right.
A 429 pauses the whole job (`pause`) instead of letting each worker retry on its own.

The server's ``x-ratelimit-*`` headers (`observe`, after every answer) are read two ways:
a limit the user did not give (`--rpm` / `--tpm`) is taken from ``x-ratelimit-limit-*``
(OpenAI states them per minute), and a budget whose ``x-ratelimit-remaining-*`` reached 0
pauses the whole job until its ``x-ratelimit-reset-*``, before any request meets a 429.

No pause is longer than `max_pause` (the chat client's ``max_retry_after``, 60 s by
default): a server asking for an hour, or for ``1e300`` seconds, holds the job for
`max_pause` at most, and the job decides what to do with the item (`_job`). Waits that
are not numbers a sleep can take (NaN, infinite, negative) are made safe here: negative
ones are no wait, infinite and NaN ones the longest allowed.

Every request passes `acquire`: the job's workers drive the engine's conversation request
by request, so re-asks, larger-budget retries, further chunks of a long article and the
job's own retries of 429s and outages each take a request and their tokens from the
buckets. The engine's transport retries (tenacity) are switched off in the job
(`max_attempts=1`): there are none the buckets could miss.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._exceptions import ConfigError

if TYPE_CHECKING:
    from .._llm._client import RateLimitInfo

__all__ = ["DEFAULT_HEADROOM", "DEFAULT_MAX_PAUSE", "JobLimiter", "TokenBucket", "bounded_wait"]

DEFAULT_HEADROOM = 0.97
"""Share of the given limits the job aims at. Requests reach the server with jitter; at
exactly the limit every early arrival would be a 429, while 3 % slack lets the server's
own bucket absorb it."""

DEFAULT_MAX_PAUSE = 60.0
"""Longest job-wide pause, in seconds, unless given: the chat client's own default
``max_retry_after`` (`summarizer._llm._client.DEFAULT_MAX_RETRY_AFTER`), the longest
server-requested wait it sleeps through."""


def bounded_wait(seconds: float | None, limit: float) -> float:
    """`seconds` as a wait a sleep can take: within ``[0, limit]``.

    None or a negative wait is no wait; NaN and infinite ones (and anything longer) are
    `limit`: the server asked for a wait, just not one the job will sit through.
    """
    if seconds is None or seconds <= 0:  # NaN compares False: falls through
        return 0.0
    if not seconds <= limit:  # longer, infinite or NaN
        return limit
    return float(seconds)


def _limit(name: str, value: float | None) -> float | None:
    """A per-minute limit given to `JobLimiter`: None for none (0, None, infinite)."""
    if value is None or value == 0 or value == math.inf:
        return None
    if not value > 0:  # negative or NaN
        raise ConfigError(f"{name} must be a positive number of units per minute, not {value!r}")
    return float(value)


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
    """RPM/TPM buckets plus a job-wide pause; all methods run on one event loop.

    `max_pause` bounds every pause (`pause`, and the headers' resets in `observe`); a 0,
    None or infinite `rpm` / `tpm` is no limit, a negative or NaN one a `ConfigError`.
    """

    def __init__(
        self,
        *,
        rpm: float | None = None,
        tpm: float | None = None,
        headroom: float = DEFAULT_HEADROOM,
        max_pause: float = DEFAULT_MAX_PAUSE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        rpm, tpm = _limit("rpm", rpm), _limit("tpm", tpm)
        if not 0 <= max_pause < math.inf:
            raise ConfigError(f"the longest pause must be a number of seconds, not {max_pause!r}")
        self._clock = clock
        self._headroom = headroom
        self.max_pause = float(max_pause)
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
                if not wait > 0:  # NaN included: never sleep on a value that is not a wait
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

    def pause(self, seconds: float | None) -> float:
        """Hold every worker for `seconds` from now (extends, never shortens, a pause).

        The pause is cut to `max_pause` (see `bounded_wait` for NaN, infinite and negative
        values); returns the seconds it holds the job from now."""
        self.pauses += 1
        now = self._clock()
        self._paused_until = max(self._paused_until, now + bounded_wait(seconds, self.max_pause))
        return max(0.0, self._paused_until - now)

    def observe(self, info: RateLimitInfo | None) -> None:
        """Read a response's ``x-ratelimit-*`` headers (see the module docstring)."""
        if info is None:
            return
        if self.requests is None and info.limit_requests and info.limit_requests > 0:
            self.requests = TokenBucket(info.limit_requests * self._headroom, clock=self._clock)
        if self.tokens is None and info.limit_tokens and info.limit_tokens > 0:
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
            if remaining is not None and remaining <= 0 and reset is not None
        ]
        wait = max((bounded_wait(reset, self.max_pause) for reset in resets), default=0.0)
        if wait > 0:
            until = self._clock() + wait
            if until > self._paused_until:
                self.header_pauses += 1
                self._paused_until = until
