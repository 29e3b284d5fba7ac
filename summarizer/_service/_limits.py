"""What keeps one client, or a flood, from taking the service down.

- `RateLimiter`: a token bucket per key (`rate` per second, `burst` at most); an empty
  bucket means 429 with `retry-after` = the seconds until one request is allowed. The app
  keys one by API token, another by client address for requests without a valid token.
  A bucket refilled to the brim is forgotten, so the map stays as small as the set of
  clients that were busy in the last `burst / rate` seconds.
- `InFlight`: a counter of running analyses with a *try*-acquire, in total and per token:
  when either is full the request gets 503 with `retry-after` at once instead of queueing
  without bound, and no token can hold more than its share of the slots.
- `BodyLimitMiddleware`: a body whose `Content-Length` is over the route's limit gets 413
  without being parsed; a body without one (chunked) is counted as it streams and
  refused with 413 (`BodyTooLarge`) as soon as it passes the limit, never read whole. A
  declared body of at most `DRAIN_BYTES` is read and dropped before the 413 is sent: a
  server closing on unread bytes makes the client's kernel reset the connection, and a
  client still sending then sees "connection reset" instead of the 413 (seen under load
  with a 70 KB body). A bigger one is not read: its sender gets the reset.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from ._errors import BodyTooLarge, Overloaded, TooManyRequests

__all__ = ["DRAIN_BYTES", "BodyLimitMiddleware", "InFlight", "RateLimiter"]

DRAIN_BYTES = 1 << 20
"""The largest declared body over the limit that is read (and dropped) before its 413."""

ASGIApp = Callable[..., Any]


_PRUNE_AT = 1024  # buckets kept before the full ones are swept out


class RateLimiter:
    """Token buckets keyed by the caller: a token's hash, or a client address."""

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        *,
        who: str = "this token",
    ):
        self.rate = rate
        self.burst = burst
        self.who = who
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._prune_at = _PRUNE_AT

    def check(self, key: str) -> None:
        """Take one request from `key`'s bucket or raise `TooManyRequests`."""
        now = self._clock()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            retry_after = max(1, math.ceil((1.0 - tokens) / self.rate))
            raise TooManyRequests(retry_after=retry_after, who=self.who)
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) >= self._prune_at:
            self._prune(now)

    def __len__(self) -> int:
        return len(self._buckets)

    def _prune(self, now: float) -> None:
        # A bucket that has refilled to the brim is the same as no bucket.
        full = [
            key
            for key, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
        # Amortised: sweep again only once the map has doubled from what is left.
        self._prune_at = max(_PRUNE_AT, 2 * len(self._buckets))


class InFlight:
    """At most `limit` analyses at once, `per_owner` of them for one owner (token);
    `slot(owner)` refuses (503) rather than waits."""

    def __init__(self, limit: int, retry_after: int, *, per_owner: int | None = None) -> None:
        self.limit = limit
        self.per_owner = limit if per_owner is None else per_owner
        self.retry_after = retry_after
        self.count = 0
        self._owners: Counter[str] = Counter()

    @contextmanager
    def slot(self, owner: str = "") -> Any:
        """Hold one slot for the duration of the block, or raise `Overloaded`."""
        # Runs on the event loop only: no lock needed between the test and the increment.
        if self.count >= self.limit:
            raise Overloaded(self.count, retry_after=self.retry_after)
        if self._owners[owner] >= self.per_owner:
            raise Overloaded(self._owners[owner], retry_after=self.retry_after, per_token=True)
        self.count += 1
        self._owners[owner] += 1
        try:
            yield
        finally:
            self.count -= 1
            self._owners[owner] -= 1
            if not self._owners[owner]:
                del self._owners[owner]


class BodyLimitMiddleware:
    """Refuse request bodies over `limit_for(path)` bytes with 413, before reading them."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            if declared <= DRAIN_BYTES:
                await _drain(receive, declared)
            await _send_413(send, BodyTooLarge(limit))
            return
        received = 0

        async def counted_receive() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send)


def _content_length(scope: dict[str, Any]) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _drain(receive: Any, declared: int) -> None:
    """Read and drop a request body of `declared` bytes at most (a sender that goes on
    past it, or disconnects, ends the reading)."""
    received = 0
    while received <= declared:
        message = await receive()
        if message["type"] != "http.request":
            return
        received += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _send_413(send: Any, error: BodyTooLarge) -> None:
    body = json.dumps(error.body()).encode()
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
