"""CPU-bound work in worker processes that can be stopped, shared fairly between callers.

A thread cannot be stopped in Python, and a `concurrent.futures.ProcessPoolExecutor` is
broken as a whole when one of its processes is killed. So each worker here is a spawned
process with a pipe of its own, doing one job at a time. A job that is abandoned (over its
time limit, its client gone, the server stopping) has its worker killed; another is
started when one is next needed. A worker is started on first need, not before.

Fair shares: one owner (an API token) has at most `per_owner` workers at once, and the
pool grows to twice that on demand. So a token with a backlog of slow articles uses at
most the cores it was given, and another token's request gets a worker of its own at once
(the two then share the cores as the OS shares them); with more tokens busy, a free worker
goes to the waiting owner holding the fewest, the oldest request first. Workers above
`per_owner` stop when they fall idle with nobody waiting.

The pool lives on one event loop; the blocking pipe reads and process starts run in a
thread pool of its own, so they never take the threads `asyncio.to_thread` uses.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import logging
import multiprocessing
import pickle
import signal
import threading
from collections import Counter
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

__all__ = ["WorkerDied", "WorkerPool"]

logger = logging.getLogger("summarizer.service")

PROCESS_NAME = "summarizer-worker"
_READY_TIMEOUT = 60.0  # seconds a new worker may take to import and set up
_JOIN_TIMEOUT = 5.0

Handler = Callable[[Any], Any]
Setup = Callable[..., Handler]


class WorkerDied(RuntimeError):
    """A worker process ended (or could not start) without answering."""


def _serve(conn: Connection, setup: Setup, args: tuple[Any, ...]) -> None:
    """A worker's main loop: `handle = setup(*args)`, then one reply per job received."""
    # Ctrl-C in a terminal reaches the whole process group; the server stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    handle = setup(*args)
    conn.send(None)  # ready
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            reply: tuple[str, Any] = ("ok", handle(job))
        except Exception as exc:
            reply = _portable(exc)
        conn.send(reply)


def _portable(exc: Exception) -> tuple[str, Any]:
    # Exceptions whose __init__ takes other arguments than their args do not unpickle;
    # their class, args and attributes do, and are rebuilt without calling __init__.
    state = (type(exc), exc.args, vars(exc))
    try:
        pickle.dumps(state)
    except Exception:
        return ("died", f"{type(exc).__name__} (not transferable)")
    return ("error", state)


def _rebuild(state: tuple[type[Exception], tuple[Any, ...], dict[str, Any]]) -> Exception:
    cls, args, attributes = state
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(attributes)
    return exc


class _Worker:
    """One process and the parent's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    @classmethod
    def start(cls, setup: Setup, args: tuple[Any, ...]) -> _Worker:
        """Spawn a worker and wait until it is set up (blocking)."""
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=_serve, args=(child, setup, args), name=PROCESS_NAME, daemon=True
        )
        process.start()
        child.close()  # so that the worker's death reads as end-of-file here
        worker = cls(process, parent)
        try:
            if not parent.poll(_READY_TIMEOUT):
                raise WorkerDied(f"a worker did not start within {_READY_TIMEOUT:g} s")
            parent.recv()
        except (EOFError, OSError) as exc:
            worker.reap()
            raise WorkerDied("a worker failed while starting") from exc
        except BaseException:
            worker.reap()
            raise
        return worker

    def exchange(self, job: Any) -> tuple[str, Any]:
        """Send `job` and wait for the reply (blocking)."""
        try:
            self.conn.send(job)
            reply: tuple[str, Any] = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerDied("the worker process ended before answering") from exc
        return reply

    def kill(self) -> None:
        """SIGKILL: the job it runs is abandoned (the reading thread then sees EOF)."""
        if self.process.is_alive():
            self.process.kill()

    def reap(self) -> None:
        """Kill, wait for the process and close the pipe (blocking, briefly)."""
        self.kill()
        self.process.join(_JOIN_TIMEOUT)
        self.conn.close()


class WorkerPool:
    """Worker processes running `handle = setup(*args)`; `run(owner, job, timeout)` gives
    `handle(job)` from one of them, or raises what it raised."""

    def __init__(self, setup: Setup, args: tuple[Any, ...], *, per_owner: int) -> None:
        self.per_owner = per_owner
        self.most = 2 * per_owner
        self._setup = setup
        self._args = args
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._owners: Counter[str] = Counter()  # workers held, by owner
        self._waiting: list[tuple[str, asyncio.Future[_Worker]]] = []
        # Exchanges, starts and reaps: each busy or starting worker holds one thread.
        self._io = cf.ThreadPoolExecutor(2 * self.most + 2, thread_name_prefix="worker-io")
        self._closed = False

    @property
    def size(self) -> int:
        """Workers running, idle or starting."""
        return len(self._idle) + len(self._busy) + self._starting

    async def run(self, owner: str, job: Any, timeout: float) -> Any:
        """`handle(job)` in a worker, `owner` waiting its turn for one if need be.

        Raises `TimeoutError` when the job has run `timeout` seconds (time spent waiting
        for a worker is not counted): its worker is killed. Cancelled, likewise."""
        worker = await self._acquire(owner)
        future = self._io.submit(worker.exchange, job)
        try:
            async with asyncio.timeout(timeout):
                status, value = await asyncio.wrap_future(future)
        except BaseException:
            self._discard(worker, owner, future)
            raise
        if status == "died":
            self._discard(worker, owner, future)
            raise WorkerDied(f"the worker failed: {value}")
        self._release(worker, owner)
        if status == "error":
            raise _rebuild(value)
        return value

    async def aclose(self) -> None:
        """Kill every worker, running or not, and fail whoever waits for one."""
        self._closed = True
        for _owner, waiter in self._waiting:
            if not waiter.done():
                waiter.set_exception(WorkerDied("the server is stopping"))
        self._waiting.clear()
        workers = [*self._idle, *self._busy]
        self._idle.clear()
        for worker in workers:
            worker.kill()
        # Busy ones are reaped by their exchange's callback, idle ones here.
        await asyncio.to_thread(self._reap_all, [w for w in workers if w not in self._busy])
        self._busy.clear()
        self._io.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _reap_all(workers: list[_Worker]) -> None:
        for worker in workers:
            worker.reap()

    # --- handing workers out ---

    async def _acquire(self, owner: str) -> _Worker:
        if self._closed:
            raise WorkerDied("the server is stopping")
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append((owner, waiter))
        self._dispatch()
        try:
            return await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                # Handed a worker just as this request was given up: pass it on.
                self._release(waiter.result(), owner)
            else:
                self._waiting = [(o, w) for o, w in self._waiting if w is not waiter]
            raise

    def _dispatch(self) -> None:
        """Give idle workers to waiters, fewest-held owner first; start workers if short."""
        self._waiting = [(o, w) for o, w in self._waiting if not w.done()]
        while self._waiting:
            eligible = [
                (self._owners[o], i)
                for i, (o, _w) in enumerate(self._waiting)
                if self._owners[o] < self.per_owner
            ]
            if not eligible:
                return
            if not self._idle:
                self._start_for(self._wanted() - self._starting)
                return
            _held, index = min(eligible)
            owner, waiter = self._waiting.pop(index)
            worker = self._idle.pop()
            self._busy.add(worker)
            self._owners[owner] += 1
            waiter.set_result(worker)

    def _wanted(self) -> int:
        """Workers the waiters could use now, within their owners' shares."""
        waiting = Counter(o for o, _w in self._waiting)
        return sum(min(n, self.per_owner - self._owners[o]) for o, n in waiting.items())

    def _start_for(self, count: int) -> None:
        for _ in range(min(count, self.most - self.size)):
            self._starting += 1
            future = self._io.submit(_Worker.start, self._setup, self._args)
            asyncio.wrap_future(future).add_done_callback(self._started)

    def _started(self, future: asyncio.Future[_Worker]) -> None:
        self._starting -= 1
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            logger.error("an analysis worker could not start: %s", error)
            for _owner, waiter in self._waiting:
                if not waiter.done():
                    waiter.set_exception(WorkerDied("no analysis worker could be started"))
            return
        worker = future.result()
        if self._closed:
            threading.Thread(target=worker.reap, name="worker-reap", daemon=True).start()
            return
        self._idle.append(worker)
        self._dispatch()

    def _release(self, worker: _Worker, owner: str) -> None:
        self._busy.discard(worker)
        self._held_less(owner)
        if self._closed:  # finished just as the server stopped: aclose killed it
            threading.Thread(target=worker.reap, name="worker-reap", daemon=True).start()
            return
        self._idle.append(worker)
        self._dispatch()
        # Extra workers (beyond one token's share) stop once nobody needs them.
        while self.size > self.per_owner and self._idle and not self._waiting:
            self._io.submit(self._idle.pop().reap)

    def _discard(self, worker: _Worker, owner: str, exchange: cf.Future[Any]) -> None:
        self._busy.discard(worker)
        self._held_less(owner)
        worker.kill()
        # Reaped once its exchange has seen the end of the pipe, never under its feet.
        exchange.add_done_callback(lambda _f: worker.reap())
        if not self._closed:
            self._dispatch()

    def _held_less(self, owner: str) -> None:
        self._owners[owner] -= 1
        if self._owners[owner] <= 0:
            del self._owners[owner]
