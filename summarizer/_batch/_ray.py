"""The batch job on a Ray cluster (`via="ray"`): the driver plans and writes, Ray analyses.

The driver (the process running `run_batch`) does everything the local job does except
the analysis: it reads the input, plans each line against the output (resume, repeated
ids, malformed lines), and is the only writer of the output, so a record is never written
twice whatever happens on the cluster. Chunks of items go to Ray tasks through
`RayExecutor`, a `concurrent.futures.Executor`, and come back in input order through the
same code as the local `--workers N` pool (`_pool.run_offline`): records and analyses are
the local job's, byte for byte.

Offline engine: each Ray worker process builds its `Summarizer` once per job (`_call`),
as the local pool's initializer does. llm engine: each chunk runs the local job's own
asyncio runner (`_live.run_llm`, `concurrency` requests in flight) in a worker, under one
rate budget for the cluster: a `RateBudget` actor holding the job's `JobLimiter` (RPM /
TPM buckets, a request's prompt estimate reserved at admission and settled with its real
usage, job-wide pauses for 429s and exhausted ``x-ratelimit-*`` budgets), which every
worker asks before each request. A task whose worker dies (killed, out of memory) is run again by
Ray, up to `DEFAULT_TASK_RETRIES` times; its records reach the driver once, from the run
that finished. A task that fails past that stops the job with a `ClusterError`; rerunning
the same command resumes from the output.

Ray is an optional dependency (`pip install 'summarizer[ray]'`): this module imports it
only when a job runs (`import_ray`), and a missing Ray is a `ConfigError`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import dataclasses
import functools
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .._api import resolve_engine
from .._config import Config
from .._exceptions import ClusterError, ConfigError
from ._items import BatchItem
from ._limits import JobLimiter, bounded_wait
from ._live import run_llm
from ._options import BatchOptions
from ._pool import run_offline, set_up_worker, work_chunk

if TYPE_CHECKING:
    from .._llm._client import RateLimitInfo

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_TASK_RETRIES",
    "RAY_MISSING",
    "RateBudget",
    "RayExecutor",
    "connect",
    "import_ray",
    "probe",
    "run_ray",
]

DEFAULT_TASK_RETRIES = 3
"""Times Ray runs a chunk again after its worker process died, before the job stops."""

LLM_CHUNKS_PER_CPU = 6
"""llm engine: chunks in flight per CPU of the cluster (one runs, the others wait in
Ray's queue); the offline engine keeps the local pool's two."""

DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds `connect` waits for a given cluster address to accept a connection."""

RAY_MISSING = "--via ray needs Ray: pip install 'summarizer[ray]'"

_T = TypeVar("_T")


def import_ray() -> Any:
    """The `ray` module, or a `ConfigError` saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(f"{RAY_MISSING} ({exc})") from exc
    return ray


@contextmanager
def connect(address: str | None = None, num_cpus: int | None = None) -> Iterator[Any]:
    """Yield `ray`, connected: to the cluster this process is already connected to, else
    to `address` (`RAY_ADDRESS` when None), else to a local cluster of `num_cpus` CPUs
    started here and shut down at the end. A given address that accepts no connection
    within `DEFAULT_CONNECT_TIMEOUT` seconds is a `ClusterError` naming it (`probe`)."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if address is not None and num_cpus is not None:
        raise ConfigError(
            "--num-cpus sizes a local Ray cluster; a cluster given by --ray-address or "
            "RAY_ADDRESS has its own"
        )
    if num_cpus is not None and num_cpus < 1:
        raise ConfigError(f"--num-cpus must be at least 1, not {num_cpus}")
    ray = import_ray()
    if address is not None:
        probe(address)  # bounded: `ray.init` would retry for minutes
    if ray.is_initialized():
        yield ray
        return
    try:
        ray.init(
            # "local": a new cluster even when `ray start` runs one on this machine, which
            # `ray.init()` would join (and refuse `num_cpus` for).
            address=address or "local",
            num_cpus=num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    except (ConnectionError, ValueError, RuntimeError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
        hint = _auth_hint(exc) if address else ""
        raise ClusterError(f"cannot start or reach {where}: {exc}{hint}", address=address) from exc
    try:
        yield ray
    finally:
        ray.shutdown()


def _auth_hint(exc: BaseException) -> str:
    """What to do when `ray.init` failed on the cluster's token authentication.

    Clusters that `ray start` starts (Ray 2.52 and later) require a token, while a driver
    sends one only with `RAY_AUTH_MODE=token`; Ray's own error names the address it
    resolved and, further down its chain, the missing token."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    if not any(
        "InvalidAuthToken" in str(e) or "AuthenticationError" in type(e).__name__ for e in chain
    ):
        return ""
    return (
        " (the cluster requires token authentication: run with RAY_AUTH_MODE=token, and the "
        "cluster's token in ~/.ray/auth_token or RAY_AUTH_TOKEN)"
    )


def probe(address: str, timeout: float = DEFAULT_CONNECT_TIMEOUT) -> None:
    """Raise `ClusterError` unless something accepts a connection at the cluster `address`
    (``HOST:PORT`` or ``ray://HOST:PORT``) within `timeout` seconds.

    `ray.init` on an address where nothing answers retries for many minutes (20 tries of
    about 40 s each in Ray 2.60), logging as it goes; this bounds the wait. Addresses Ray
    resolves itself (``auto``, ``local``) are left to it."""
    host_port = address.removeprefix("ray://")
    host, sep, port = host_port.rpartition(":")
    if not sep or not port.isdigit() or not host:
        return  # not HOST:PORT: Ray's own forms, or a mistake Ray reports itself
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            pass
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise ClusterError(
            f"cannot reach the Ray cluster at {address} ({reason} within {timeout:g} s): "
            "check --ray-address or RAY_ADDRESS, and that the head node is running",
            address=address,
        ) from exc


def cluster_cpus(ray: Any) -> int:
    """CPUs of the connected cluster (at least 1)."""
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


# --- the cluster's rate budget (llm engine) --------------------------------------------------


class RateBudget:
    """The job's one `JobLimiter`, held by one Ray actor that every worker asks.

    An async actor: every call runs on the actor's one event loop, which is all
    `JobLimiter` asks for. So the RPM / TPM buckets, the reservations (prompt estimate at
    admission, settled with the real usage), the pauses after a 429 and the pauses read
    from ``x-ratelimit-*`` headers are the local job's, for the whole cluster.
    """

    def __init__(self, rpm: float | None, tpm: float | None, max_pause: float) -> None:
        self._limiter = JobLimiter(rpm=rpm, tpm=tpm, max_pause=max_pause)

    async def acquire(self, estimated_tokens: int) -> None:
        """`JobLimiter.acquire`."""
        await self._limiter.acquire(estimated_tokens)

    async def settle(self, estimated_tokens: int, actual_tokens: int) -> None:
        """`JobLimiter.settle`."""
        self._limiter.settle(estimated_tokens, actual_tokens)

    async def pause(self, seconds: float | None) -> float:
        """`JobLimiter.pause`: holds every worker of the cluster."""
        return self._limiter.pause(seconds)

    async def observe(self, info: RateLimitInfo | None) -> None:
        """`JobLimiter.observe`."""
        self._limiter.observe(info)

    async def set_max_pause(self, seconds: float) -> None:
        """Set the longest pause (the chat client's, as the local job does)."""
        self._limiter.max_pause = seconds

    async def counts(self) -> tuple[int, int]:
        """Pauses for 429s and for exhausted header budgets so far."""
        return self._limiter.pauses, self._limiter.header_pauses


class _SharedLimiter:
    """A worker's view of the `RateBudget` actor, with `JobLimiter`'s interface.

    Only `acquire` waits for the actor; the rest are sent without waiting. Ray runs one
    caller's calls to an actor in the order they were sent, so a worker's pause is in
    place before its next `acquire`.

    A worker has one `acquire` at a time waiting at the actor (its requests queue here, in
    order): the actor would grant the calls of a worker that died meanwhile all the same,
    and each would take a request and its tokens from the cluster's budget for nothing
    (with 16 waiting, the budget of about a second was lost at each killed worker). A
    worker then gets at most one grant per round trip to the actor (at 50 ms, 20 requests
    a second; 16 requests in flight at 1 s of latency send 16): a job that needs more per
    worker needs more workers."""

    def __init__(self, budget: Any, max_pause: float) -> None:
        self._budget = budget
        self._max_pause = max_pause
        self._one: asyncio.Lock | None = None  # made in the chunk's event loop

    @property
    def max_pause(self) -> float:
        """`JobLimiter.max_pause`; setting it sets the actor's."""
        return self._max_pause

    @max_pause.setter
    def max_pause(self, seconds: float) -> None:
        self._max_pause = seconds
        self._budget.set_max_pause.remote(seconds)

    async def acquire(self, estimated_tokens: int) -> None:
        if self._one is None:
            self._one = asyncio.Lock()
        async with self._one:
            await self._budget.acquire.remote(estimated_tokens)

    def settle(self, estimated_tokens: int, actual_tokens: int) -> None:
        self._budget.settle.remote(estimated_tokens, actual_tokens)

    def pause(self, seconds: float | None) -> float:
        self._budget.pause.remote(seconds)
        return bounded_wait(seconds, self._max_pause)

    def observe(self, info: RateLimitInfo | None) -> None:
        if info is not None:
            self._budget.observe.remote(info)


_warm_jobs: set[str] = set()
"""In a worker: the llm jobs (`_llm_chunk`'s `job`) that already ran a chunk here."""


def _llm_chunk(
    config: Config,
    opts: BatchOptions,
    budget: Any,
    max_pause: float,
    job: str,
    items: list[BatchItem],
) -> list[dict[str, Any]]:
    """The records of `items`, in their order, analysed by the local job's llm runner under
    the cluster's `RateBudget`. Only a worker's first chunk of the job sends its first
    request alone (the runner's warm-up): after it, a chunk's requests start at once, or
    every chunk would leave its worker with one request in flight for a round trip."""
    records: list[dict[str, Any]] = []
    limiter = cast(JobLimiter, _SharedLimiter(budget, max_pause))
    work: Iterator[Any] = iter([("work", item) for item in items])
    first = job not in _warm_jobs
    asyncio.run(run_llm(config, work, records.append, opts, limiter, first_alone=first))
    _warm_jobs.add(job)
    # The runner writes in completion order; the driver expects the chunk's order.
    place = {item.line: n for n, item in enumerate(items)}
    records.sort(key=lambda record: place[record["line"]])
    return records


# --- on the workers ------------------------------------------------------------------------

_job_token: str | None = None


def _call(
    token: str,
    config: Config,
    engine: str | None,
    cache_dir: Path | None,
    fn: Callable[..., _T],
    args: Any,
) -> _T:
    """Run `fn(*args)` in a Ray worker; with an `engine`, set up for job `token` first (its
    `Summarizer` built once per worker and job, as the local pool's initializer does)."""
    global _job_token
    if engine is not None and _job_token != token:
        # The local pool's worker state, so `fn` (the local pool's `work_chunk`) runs
        # exactly as it does there.
        set_up_worker(config, cache_dir, engine)
        _job_token = token
    return fn(*args)


# --- on the driver -------------------------------------------------------------------------


class RayExecutor(cf.Executor):
    """Runs `submit(fn, *args)` as Ray tasks in workers set up with one job's `Summarizer`.

    `fn` and its arguments must pickle (a module-level function). The returned futures
    hold the task's result, or a `ClusterError` when the task failed past its retries.
    """

    def __init__(
        self,
        ray: Any,
        config: Config,
        *,
        cache_dir: Path | None = None,
        retries: int = DEFAULT_TASK_RETRIES,
        setup: bool = True,
    ) -> None:
        self._ray = ray
        # Retries are for lost workers only: an exception in `fn` is a bug, not luck.
        self._task = ray.remote(num_cpus=1, max_retries=retries, retry_exceptions=False)(_call)
        # Sent once to the object store, not once per task.
        self._config = ray.put(config)
        # No set-up when the tasks bring their own engine (the llm chunks).
        self._engine = resolve_engine(config) if setup else None
        self._cache_dir = cache_dir
        self._token = uuid.uuid4().hex

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> cf.Future[_T]:
        """Start `fn(*args)` on the cluster."""
        if kwargs:
            raise TypeError("RayExecutor.submit takes positional arguments only")
        ref = self._task.remote(self._token, self._config, self._engine, self._cache_dir, fn, args)
        return _translated(ref.future(), self._ray)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to release: the cluster outlives the executor."""


def _translated(inner: cf.Future[_T], ray: Any) -> cf.Future[_T]:
    """`inner`, with Ray's errors (a worker lost past its retries, a task's exception)
    turned into a `ClusterError` at this one boundary."""
    outer: cf.Future[_T] = cf.Future()

    def done(future: cf.Future[_T]) -> None:
        exc = future.exception()
        if exc is None:
            outer.set_result(future.result())
            return
        if isinstance(exc, ray.exceptions.RayError):
            error = ClusterError(f"a Ray task failed: {type(exc).__name__}: {exc}")
            error.__cause__ = exc
            outer.set_exception(error)
        else:
            outer.set_exception(exc)

    inner.add_done_callback(done)
    return outer


def run_ray(
    config: Config,
    actions: Iterator[Any],
    write: Callable[[dict[str, Any]], None],
    opts: BatchOptions,
    limiter: JobLimiter,
) -> None:
    """Analyse the planned `actions` on a Ray cluster, writing every record on the driver.

    The llm engine's requests pass one `RateBudget` actor built like `limiter`, whose
    pause counts are copied back to `limiter` for the report."""
    with connect(opts.ray_address, opts.num_cpus) as ray:
        # Two chunks in flight per CPU, as the local pool: every core busy, memory bounded.
        sized = dataclasses.replace(opts, workers=cluster_cpus(ray))
        if resolve_engine(config) != "llm":
            pool = RayExecutor(ray, config, cache_dir=opts.cache_dir)
            run_offline(config, actions, write, sized, pool=pool, work=work_chunk)
            return
        actor = ray.remote(num_cpus=0)(RateBudget)
        budget = actor.remote(opts.rpm, opts.tpm, limiter.max_pause)
        remote_opts = dataclasses.replace(opts, progress=None)  # a display stays here
        job = uuid.uuid4().hex
        work = functools.partial(_llm_chunk, config, remote_opts, budget, limiter.max_pause, job)
        pool = RayExecutor(ray, config, cache_dir=opts.cache_dir, setup=False)
        # Records go out in input order, so a chunk run again (its worker died) holds back
        # the ones after it: with more chunks queued, the other workers keep the budget
        # busy meanwhile (two per CPU left one worker idle within seconds).
        window = sized.workers * LLM_CHUNKS_PER_CPU
        try:
            run_offline(config, actions, write, sized, pool=pool, work=work, window=window)
        finally:
            limiter.pauses, limiter.header_pauses = ray.get(budget.counts.remote())
