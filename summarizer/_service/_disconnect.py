"""Stopping a request's work when its client goes away, or when the server stops.

Starlette does not cancel a route when its client disconnects: the route runs to its end
and its answer is dropped. For an analysis that holds a slot and a worker, or a model call,
that is minutes of work for nobody. Once the body is read, the ASGI server's `receive()`
returns `http.disconnect` as soon as the connection is closed, so the analysis is raced
against that.

A stopping uvicorn cancels the requests still running after its grace period; the
analysis is then stopped the same way, and the client told so (503 `server_stopping`)
rather than left with a dropped connection and the log with a traceback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ._errors import ClientGone, ServerStopping

__all__ = ["unless_disconnected"]

T = TypeVar("T")

Receive = Callable[[], Awaitable[Any]]


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def unless_disconnected(receive: Receive, work: Awaitable[T]) -> T:
    """`await work`, unless the client disconnects first: then `work` is cancelled (and
    waited for, so what it holds is released) and `ClientGone` raised; `ServerStopping`
    when this request is cancelled."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(receive))
    try:
        await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        # Only the server cancels a request: it is stopping (see the module docstring).
        await _cancel(task, watch)
        raise ServerStopping() from None
    except BaseException:
        await _cancel(task, watch)
        raise
    if task.done():
        await _cancel(watch)
        return task.result()
    await _cancel(task, watch)
    raise ClientGone()


async def _cancel(*tasks: asyncio.Future[Any]) -> None:
    # Waited for, so that what they hold (a slot, a worker) is released before we go on.
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
