"""`summarizer batch --via ray` and `SummarizerUDF` on a local Ray cluster.

One cluster (2 CPUs) serves the whole session; jobs run in this process find it connected
and use it. The tests that kill the driver run the command as a process with its own
local cluster.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import BatchOptions, ClusterError, Config, SummarizerUDF, run_batch
from summarizer._batch._limits import DEFAULT_HEADROOM
from summarizer._batch._ray import RateBudget, _SharedLimiter
from summarizer._main import app
from summarizer.testing import FakeModel, FakeReply, FakeRequest

from .conftest import EXAMPLES, REPO
from .process_helpers import clean_env, kill_when
from .test_batch_llm import llm_config
from .test_llm_engine import ARTICLE as LLM_ARTICLE
from .test_llm_engine import GOOD, KEY

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")

ARTICLE = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
OFFLINE = Config(engine="offline")


@pytest.fixture(scope="session")
def cluster() -> Iterator[Any]:
    """A local Ray cluster of 2 CPUs for the session."""
    ray.init(
        address="local",  # never a cluster that `ray start` runs on the machine
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    try:
        yield ray
    finally:
        ray.shutdown()


def _write_input(path: Path, n: int, *, repeat: int = 1) -> None:
    """`n` articles (distinct texts), plus lines the plan answers without analysis."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = ARTICLE * repeat + f"\nNote {i}.\n"
            fh.write(json.dumps({"id": f"a{i}", "text": text, "title": f"t{i}"}) + "\n")
        fh.write("{torn input\n")
        fh.write(json.dumps({"id": "a0", "text": ARTICLE}) + "\n")  # a repeated id
        fh.write(json.dumps({"id": "gone", "path": "no-such-file.txt"}) + "\n")
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")


def _comparable(report_path: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
    for key in ("output", "via", "wall_seconds", "throughput"):
        report.pop(key)
    return report


def test_ray_job_writes_the_local_jobs_records_byte_for_byte(cluster: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_input(src, 40)
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(OFFLINE, src, local, BatchOptions(workers=1))
    report = run_batch(OFFLINE, src, remote, BatchOptions(via="ray", chunk_size=4))

    assert remote.read_bytes() == local.read_bytes()
    assert report.via == "ray" and report.accounted and report.ok == 40
    assert _comparable(tmp_path / "ray.report.json") == _comparable(tmp_path / "local.report.json")


def test_ray_job_resumes_from_the_output(cluster: Any, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_input(src, 20)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    run_batch(OFFLINE, src, full, BatchOptions())
    # A first run that got through 7 lines (as a killed one leaves them).
    lines = full.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:7]))

    report = run_batch(OFFLINE, src, out, BatchOptions(via="ray", chunk_size=3))

    assert report.skipped == 7 and report.processed == len(lines) - 7
    assert out.read_bytes() == full.read_bytes()


def test_the_command_runs_on_the_connected_cluster(cluster: Any, tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 3)
    result = CliRunner().invoke(
        app, ["batch", str(src), "-o", str(out), "--engine", "offline", "--via", "ray", "-q"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out.report.json").read_text())
    assert report["via"] == "ray" and report["ok"] == 3 and report["accounted"]


def test_without_ray_the_command_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 1)
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    result = CliRunner().invoke(
        app, ["batch", str(src), "-o", str(out), "--engine", "offline", "--via", "ray"]
    )
    assert result.exit_code == 4
    assert "pip install 'summarizer[ray]'" in result.output


def test_num_cpus_is_refused_with_a_cluster_address(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 1)
    args = ["batch", str(src), "-o", str(out), "--engine", "offline", "--via", "ray"]
    args += ["--ray-address", "127.0.0.1:1", "--num-cpus", "2"]
    result = CliRunner().invoke(app, args, env={"RAY_ADDRESS": ""})
    assert result.exit_code == 4
    assert "--num-cpus sizes a local Ray cluster" in result.output


def test_an_unreachable_cluster_address_fails_at_once_naming_it(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 1)
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{sock.getsockname()[1]}"
    args = ["batch", str(src), "-o", str(out), "--engine", "offline", "--via", "ray"]
    # Before: `ray.init` retried for many minutes (20 tries of ~40 s), logging each one.
    result = CliRunner().invoke(app, [*args, "--ray-address", address], env={"RAY_ADDRESS": ""})
    assert result.exit_code == 1, result.output  # the job stopped; a rerun resumes
    assert f"cannot reach the Ray cluster at {address}" in result.output
    assert "within 10 s" in result.output
    with pytest.raises(ClusterError) as caught:
        run_batch(OFFLINE, src, out, BatchOptions(via="ray", ray_address=f"ray://{address}"))
    assert caught.value.address == f"ray://{address}"
    assert not out.exists() or out.read_bytes() == b""


def test_the_command_reads_its_input_by_uri(cluster: Any, tmp_path: Path) -> None:
    src, local, remote = tmp_path / "in.jsonl", tmp_path / "local.jsonl", tmp_path / "uri.jsonl"
    _write_input(src, 4)
    run_batch(OFFLINE, src, local)
    # file:// through pyarrow's filesystems, as s3:// would be (not tested: no S3 here);
    # compressed, which pyarrow undoes by the extension.
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(src.read_bytes()))
    args = ["batch", packed.as_uri(), "-o", str(remote), "--engine", "offline", "--via", "ray"]
    result = CliRunner().invoke(app, [*args, "-q"])
    assert result.exit_code == 0, result.output
    assert remote.read_bytes() == local.read_bytes()

    missing = (tmp_path / "none.jsonl").as_uri()
    result = CliRunner().invoke(app, [*args[:1], missing, *args[2:]])
    assert result.exit_code == 3 and f"cannot read {missing}" in result.output


def _die_once(marker: str) -> int:
    """Kill this worker process the first time (marker absent), return its pid after."""
    if not os.path.exists(marker):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return os.getpid()


def test_a_task_whose_worker_dies_is_run_again_and_answers_once(
    cluster: Any, tmp_path: Path
) -> None:
    from summarizer._batch._ray import RayExecutor

    pool = RayExecutor(cluster, OFFLINE)
    marker = tmp_path / "died"
    assert isinstance(pool.submit(_die_once, str(marker)).result(timeout=120), int)
    assert marker.exists()

    failing = RayExecutor(cluster, OFFLINE, retries=0)
    marker.unlink()
    with pytest.raises(ClusterError, match="a Ray task failed"):
        failing.submit(_die_once, str(marker)).result(timeout=120)


def _busy_workers() -> list[int]:
    """Pids of this session's Ray workers running a job chunk (their title says so)."""
    return _pids_titled(b"ray::_call")


def test_killing_a_worker_mid_job_loses_and_repeats_nothing(cluster: Any, tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    n = 120
    _write_input(src, n, repeat=8)  # chunks long enough to be caught running
    done: list[BaseException | None] = []

    def job() -> None:
        try:
            run_batch(OFFLINE, src, out, BatchOptions(via="ray", chunk_size=8))
            done.append(None)
        except BaseException as exc:
            done.append(exc)

    thread = threading.Thread(target=job)
    thread.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and not done and time.monotonic() < deadline:
        busy = _busy_workers() if out.exists() and out.stat().st_size else []
        if busy:
            killed = busy[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.01)
    thread.join(timeout=300)
    assert killed is not None, "no worker was caught running a chunk"
    assert done == [None]

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert Counter(r["id"] for r in records if r["status"] == "ok") == Counter(
        {f"a{i}": 1 for i in range(n)}
    )
    assert len(records) == n + 4
    report = json.loads((tmp_path / "out.report.json").read_text())
    assert report["accounted"] and report["ok"] == n and report["error"] == 4


def _ray_command(src: Path, out: Path, *cluster: str) -> list[str]:
    """The offline batch command on Ray, run as a user runs it, with `cluster` options."""
    cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(out)]
    return [*cmd, "--engine", "offline", "--via", "ray", *cluster, "--quiet"]


def _ok_ids(out: Path) -> list[str]:
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [r["id"] for r in records if r["status"] == "ok"]


def test_killing_the_driver_then_rerunning_finishes_exactly_once(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    n = 300
    _write_input(src, n)
    cmd = _ray_command(src, out, "--num-cpus", "2")
    env = clean_env(RAY_ADDRESS="")
    kill_when(cmd, lambda: out.exists() and out.read_bytes().count(b"\n") >= 40, env=env, poll=0.01)
    partial = out.read_bytes().count(b"\n")
    assert 40 <= partial < n, "the job must be killed mid-run"

    rerun = subprocess.run(cmd, cwd=REPO, env=env, check=False)
    assert rerun.returncode == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert Counter(r["id"] for r in records if r["status"] == "ok") == Counter(
        {f"a{i}": 1 for i in range(n)}
    )
    assert len(records) == n + 4
    report = json.loads((tmp_path / "out.report.json").read_text())
    assert report["accounted"] and report["skipped"] >= 40


# Ray Data warns about its own settings when it reads them; not ours to fix.
@pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.*")
def test_summarizer_udf_maps_a_dataset_to_the_jobs_records(cluster: Any, tmp_path: Path) -> None:
    src, local = tmp_path / "in.jsonl", tmp_path / "local.jsonl"
    _write_input(src, 6)
    run_batch(OFFLINE, src, local, BatchOptions())
    expected: dict[str, dict[str, Any]] = {}
    for line in local.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        expected.setdefault(record["id"], record)

    rows = [{"id": f"a{i}", "text": ARTICLE + f"\nNote {i}.\n"} for i in range(6)]
    rows.append({"id": "empty", "text": "   "})
    ds = cluster.data.from_items(rows).map_batches(
        SummarizerUDF, fn_constructor_kwargs={"engine": "offline"}, concurrency=1, batch_size=3
    )
    got = {row["id"]: row for row in ds.take_all()}

    assert sorted(got) == sorted(r["id"] for r in rows)
    for i in range(6):
        row = got[f"a{i}"]
        assert row["status"] == "ok" and row["error"] is None
        assert json.loads(row["analysis"]) == expected[f"a{i}"]["analysis"]
    assert got["empty"]["status"] == "error" and got["empty"]["analysis"] is None
    assert json.loads(got["empty"]["error"]) == expected["empty"]["error"]


# --- the llm engine on the cluster -----------------------------------------------------------


def _llm_input(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": LLM_ARTICLE + f"\nItem {i}.\n"}) + "\n")
        fh.write(json.dumps({"id": "empty", "text": ""}) + "\n")


def test_llm_job_on_ray_writes_the_local_jobs_records(cluster: Any, tmp_path: Path) -> None:
    src, local, remote = tmp_path / "in.jsonl", tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    _llm_input(src, 12)
    with FakeModel(GOOD, api_key=KEY) as fake:
        config = llm_config(fake)
        run_batch(config, src, local, BatchOptions(concurrency=4))
        report = run_batch(config, src, remote, BatchOptions(via="ray", concurrency=4))

    assert report.ok == 12 and report.error == 1 and report.accounted
    # The local llm job writes in completion order, the cluster's in input order.
    assert remote.read_bytes().splitlines() == sorted(
        local.read_bytes().splitlines(), key=lambda line: json.loads(line)["line"]
    )
    assert KEY not in remote.read_text(encoding="utf-8")


def test_killing_a_worker_mid_llm_job_loses_and_repeats_nothing(
    cluster: Any, tmp_path: Path
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    n = 24
    _llm_input(src, n)
    done: list[BaseException | None] = []

    def respond(request: FakeRequest) -> FakeReply:
        # Slow enough answers that a chunk is caught with requests in flight.
        return FakeReply.delay(0.2, then=FakeReply.json(GOOD))

    with FakeModel(respond, api_key=KEY) as fake:
        config = llm_config(fake)
        opts = BatchOptions(via="ray", concurrency=2, chunk_size=2)

        def job() -> None:
            try:
                run_batch(config, src, out, opts)
                done.append(None)
            except BaseException as exc:
                done.append(exc)

        thread = threading.Thread(target=job)
        thread.start()
        killed = None
        deadline = time.monotonic() + 120
        while killed is None and not done and time.monotonic() < deadline:
            busy = _busy_workers() if out.exists() and out.stat().st_size else []
            if busy:
                killed = busy[0]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.01)
        thread.join(timeout=300)
        assert killed is not None, "no worker was caught running a chunk"
        assert done == [None]
        rerun = run_batch(config, src, out, opts)

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert Counter(r["id"] for r in records if r["status"] == "ok") == Counter(
        {f"n{i}": 1 for i in range(n)}
    )
    assert len(records) == n + 1  # and the empty article's error record, once
    assert rerun.skipped == n + 1 and rerun.processed == 0 and rerun.accounted


def test_a_429_pauses_the_whole_cluster_once(cluster: Any, tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _llm_input(src, 6)
    first = threading.Lock()
    limited: list[float] = []

    after: list[float] = []

    def respond(request: FakeRequest) -> FakeReply:
        if first.acquire(blocking=False):
            limited.append(time.monotonic())
            return FakeReply.error(429, retry_after=1.0)
        after.append(time.monotonic())
        return FakeReply.json(GOOD)

    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(
            llm_config(fake), src, out, BatchOptions(via="ray", concurrency=2, chunk_size=1)
        )

    assert report.ok == 6 and report.accounted
    assert report.rate_limit_pauses == 1  # counted by the cluster's one budget
    # A request the other worker had already sent when the 429 came back cannot be held
    # (one at most: two tasks of one article each); every request sent after it, from
    # either worker, waited out the server's second.
    early = [t for t in after if t - limited[0] < 1.0]
    assert len(early) <= 1, [round(t - limited[0], 3) for t in after]
    assert len(after) == 6 and len(after) - len(early) >= 5


def test_a_dead_workers_waiting_requests_take_no_budget(cluster: Any, tmp_path: Path) -> None:
    # Ray grants an actor call whose caller died all the same: a worker's requests wait
    # for the budget one at a time, so a killed worker wastes one grant, not all of them.
    budget = ray.remote(num_cpus=0)(RateBudget).remote(60.0, None, 60.0)
    ray.get(budget.acquire.remote(1))  # the burst spent: one request a second from here
    granted = tmp_path / "granted"

    def wait_at_the_budget(budget: Any, granted: Path) -> None:
        async def main() -> None:
            limiter = _SharedLimiter(budget, 60.0)

            async def one() -> None:
                await limiter.acquire(1)
                granted.touch()

            await asyncio.gather(*[one() for _ in range(5)])
            await asyncio.sleep(600)  # killed before

        asyncio.run(main())

    task = ray.remote(num_cpus=1, max_retries=0)(wait_at_the_budget)
    ref = task.remote(budget, granted)
    deadline = time.monotonic() + 120
    while not granted.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    (pid,) = _pids_titled(b"ray::wait_at_the_budget")
    os.kill(pid, signal.SIGKILL)
    start = time.monotonic()
    ray.get(budget.acquire.remote(1))
    # Its next request's grant (at most ~1 s away) and ours (1 s): with the other three
    # waiting at the actor too, ours would come 4 s after the kill.
    assert time.monotonic() - start < 3.0
    with pytest.raises(ray.exceptions.RayError):
        ray.get(ref)


def _pids_titled(title: bytes) -> list[int]:
    """Pids of the processes started (directly or not) by this one whose command line
    starts with `title`: other jobs on the machine may run Ray workers of the same name."""
    parents: dict[int, int] = {}
    titled = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_bytes()
            if Path(f"/proc/{entry}/cmdline").read_bytes().startswith(title):
                titled.append(int(entry))
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    me, mine = os.getpid(), []
    for pid in titled:
        ancestor = pid
        for _ in range(64):  # the depth of any process tree here
            ancestor = parents.get(ancestor, 0)
            if ancestor <= 1 or ancestor == me:
                break
        if ancestor == me:
            mine.append(pid)
    return mine


def test_the_cluster_shares_one_request_budget(cluster: Any, tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    n, rpm = 9, 120.0
    _llm_input(src, n)
    times: list[float] = []

    def respond(request: FakeRequest) -> FakeReply:
        times.append(time.monotonic())
        return FakeReply.json(GOOD)

    with FakeModel(respond, api_key=KEY) as fake:
        opts = BatchOptions(via="ray", concurrency=4, chunk_size=1, rpm=rpm)
        report = run_batch(llm_config(fake), src, out, opts)

    assert report.ok == n and len(times) == n
    # Two workers with a budget each would send twice as fast. One shared budget (at 97 %
    # of 2 requests/s, one second's burst) needs at least this long; load only slows it.
    rate = rpm / 60 * DEFAULT_HEADROOM
    assert times[-1] - times[0] >= (n - rate) / rate - 0.05


@pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.*")
def test_the_dataset_example_runs(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = runpy.run_path(str(EXAMPLES / "ray_dataset.py"))
    assert example["main"]([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all("quotes)" in line for line in lines)

    src = tmp_path / "in.jsonl"
    _write_input(src, 3)
    # Ray Data's JSON reader stops at a line that is not JSON (the batch job does not).
    lines = src.read_text(encoding="utf-8").splitlines()
    src.write_text("".join(line + "\n" for line in lines if line != "{torn input"))
    assert example["main"]([str(src), "-o", str(tmp_path / "results")]) == 0
    rows = [
        json.loads(line)
        for part in sorted((tmp_path / "results").glob("*.json*"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    # The repeated id is one row more here: a dataset has no order to call one a repeat.
    assert Counter(row["status"] for row in rows) == Counter({"ok": 4, "error": 2})


@pytest.fixture
def started_cluster() -> Iterator[tuple[str, dict[str, str]]]:
    """A 1-CPU cluster that `ray start --head` started, as a user's existing cluster is,
    requiring a token (Ray's default for such clusters); yields its address and the
    environment a driver needs to join it. Stopped by ending `ray start --block`'s process
    group (never `ray stop`, which stops every cluster of the machine)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = os.urandom(32).hex()
    env = {k: v for k, v in clean_env().items() if not k.startswith("RAY_")}
    head = env | {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": token}
    cmd = [str(Path(sys.executable).with_name("ray")), "start", "--head", "--block"]
    cmd += [f"--port={port}", "--node-ip-address=127.0.0.1", "--num-cpus=1"]
    cmd += ["--include-dashboard=false", "--disable-usage-stats"]
    proc = subprocess.Popen(
        cmd, env=head, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "no cluster"
                time.sleep(0.2)
        yield f"127.0.0.1:{port}", head
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
        # `ray start` names its cluster in Ray's temp folder for `ray.init()` to join, and
        # only `ray stop` (which stops every cluster) removes it: left, it would send any
        # later `ray.init()` of the machine to this stopped cluster.
        current = Path("/tmp/ray/ray_current_cluster")
        if current.is_file() and current.read_text().strip().endswith(f":{port}"):
            current.unlink()


def test_an_existing_clusters_token_is_named_when_missing(
    started_cluster: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    # Clusters started by `ray start` (Ray 2.52 and later) require a token that a driver
    # only sends with RAY_AUTH_MODE=token; without it the job failed after Ray's retries
    # with "Failed to connect to Ray cluster at <another address>", naming no cause.
    address, head = started_cluster
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 2)
    cmd = _ray_command(src, out, "--ray-address", address)
    no_token = {k: v for k, v in head.items() if not k.startswith("RAY_AUTH")}
    no_token["RAY_gcs_server_port_wait_time_s"] = "2"  # Ray's own retries: ~20 s, not 2
    refused = subprocess.run(cmd, cwd=REPO, env=no_token, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "requires token authentication: run with RAY_AUTH_MODE=token" in refused.stderr
    assert head["RAY_AUTH_TOKEN"] not in refused.stderr + refused.stdout

    joined = subprocess.run(cmd, cwd=REPO, env=head, capture_output=True, text=True)
    assert joined.returncode == 0, joined.stderr
    assert _ok_ids(out) == ["a0", "a1"]


def test_a_local_cluster_is_started_beside_one_that_ray_start_runs(
    started_cluster: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    # Without an address the command starts its own cluster of --num-cpus CPUs; `ray.init()`
    # joined the machine's `ray start` cluster instead, and refused `num_cpus` for it.
    _, head = started_cluster
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_input(src, 2)
    cmd = _ray_command(src, out, "--num-cpus", "1")
    env = {k: v for k, v in head.items() if k != "RAY_ADDRESS"}
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert _ok_ids(out) == ["a0", "a1"]
