"""The service under slow articles, clients that leave, several tokens and a stop signal.

Slow analyses come from two honest sources: the llm engine against a loopback fake model
that delays its answers (a real slow boundary), and, for the offline worker processes, a
time limit far below what a normal article of `max_chars` takes (seconds, on any engine
that reads the whole article). Margins are wide; nothing asserts a duration beyond
"long before the slow side could have finished".
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer import Config
from summarizer._config import DEFAULT_MAX_CHARS
from summarizer._service import ServiceSettings
from summarizer._service._errors import AnalysisTimeout
from summarizer._service._limits import RateLimiter
from summarizer.testing import FakeModel, FakeReply, FakeRequest

from .conftest import EXAMPLES, REPO
from .process_helpers import clean_env
from .service_helpers import OTHER_TOKEN, TOKEN, ServerProcess, auth, running, settings
from .test_llm_engine import GOOD

KEY = "sk-test-runtime-0000"
SLOW = "SLOW-ARTICLE-MARKER"
LINE = "Ann Lee said: “It works.”"


def big_article() -> str:
    """A normal article repeated to just under `max_chars`: seconds of offline analysis."""
    one = (EXAMPLES / "article.txt").read_text(encoding="utf-8") + "\n\n"
    return one * ((DEFAULT_MAX_CHARS - 1000) // len(one))


def llm_settings(tmp_path: Path, base_url: str, **overrides: Any) -> ServiceSettings:
    config = Config(
        base_url=base_url, api_key=KEY, structured_mode="json_schema", max_attempts=1, timeout=300
    )
    return settings(tmp_path, config=config, **overrides)


def slow_when_marked(request: FakeRequest) -> FakeReply:
    """The fake model's answer: a minute's wait for an article holding `SLOW`."""
    if SLOW in str(request.json):
        return FakeReply.delay(60, then=FakeReply.json(GOOD))
    return FakeReply.json(GOOD)


def wait_until(condition: Callable[[], bool], what: str, limit: float = 20) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"still waiting after {limit} s: {what}"
        time.sleep(0.05)


def in_flight(url: str) -> int:
    return int(httpx.get(url + "/healthz").json()["in_flight"])


def background(fn: Callable[[], Any]) -> threading.Thread:
    thread = threading.Thread(target=fn, daemon=True)
    thread.start()
    return thread


def workers_of(pid: int) -> set[int]:
    """Live worker processes (spawned by multiprocessing) whose parent is `pid`."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z" and b"spawn_main" in cmdline:
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# --- a time limit on each analysis ----------------------------------------------------------


def test_llm_analysis_over_the_limit_is_504(tmp_path: Path) -> None:
    with (
        FakeModel(FakeReply.delay(60, then=FakeReply.json(GOOD))) as fake,
        running(llm_settings(tmp_path, fake.base_url, analysis_timeout=1)) as url,
    ):
        started = time.monotonic()
        r = httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(), timeout=60)
        assert r.status_code == 504, r.text
        assert time.monotonic() - started < 30  # the model would have taken 60 s
        error = r.json()["error"]
        assert error["type"] == "analysis_timeout"
        assert "limit of 1 s" in error["message"] and "--analysis-timeout" in error["message"]
        assert "retry-after" not in r.headers
        assert in_flight(url) == 0


def test_offline_analysis_over_the_limit_kills_its_worker(tmp_path: Path) -> None:
    # 0.5 s: a one-line article takes a millisecond or two in a worker (whose start is not
    # counted); the example article repeated to `max_chars` takes seconds (6.8 s in one
    # process on the 2-core machine at 9806e32; a linear engine would still need well
    # over a second to read half a million characters).
    service = settings(tmp_path, processes=1, analysis_timeout=0.5)
    before = workers_of(os.getpid())
    with running(service) as url:
        seen: set[int] = set()
        answer: list[httpx.Response] = []
        thread = background(
            lambda: answer.append(
                httpx.post(
                    url + "/v1/analyze",
                    json={"text": big_article(), "engine": "offline"},
                    headers=auth(),
                    timeout=60,
                )
            )
        )
        while thread.is_alive():
            seen |= workers_of(os.getpid()) - before
            time.sleep(0.02)
        assert answer[0].status_code == 504, answer[0].text
        assert answer[0].json()["error"]["type"] == "analysis_timeout"
        assert seen, "the analysis ran in a worker process"
        wait_until(lambda: not any(alive(pid) for pid in seen), "the worker to be killed")
        assert in_flight(url) == 0
        # A new worker takes the next article.
        r = httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(), timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["quotes"][0]["speaker"]["name"] == "Ann Lee"
    assert not workers_of(os.getpid()) - before, "the stopped server left no worker behind"


def test_timeout_is_configured_from_the_environment() -> None:
    env = {"SUMMARIZER_API_TOKENS": "t", "SUMMARIZER_ANALYSIS_TIMEOUT": "2.5"}
    assert ServiceSettings.from_env(env, config=Config()).analysis_timeout == 2.5
    assert ServiceSettings.from_env(env, config=Config(), analysis_timeout=9).analysis_timeout == 9
    assert ServiceSettings.from_env({}, config=Config()).analysis_timeout == 120
    from summarizer._exceptions import ConfigError

    with pytest.raises(ConfigError, match="analysis_timeout"):
        ServiceSettings.from_env({"SUMMARIZER_ANALYSIS_TIMEOUT": "soon"}, config=Config())
    assert AnalysisTimeout(0.25).status == 504


# --- a client that goes away releases its slot ----------------------------------------------


def test_llm_client_gone_releases_its_slot(tmp_path: Path) -> None:
    with (
        FakeModel(FakeReply.delay(60, then=FakeReply.json(GOOD))) as fake,
        running(llm_settings(tmp_path, fake.base_url)) as url,
    ):
        for _ in range(3):
            with pytest.raises(httpx.ReadTimeout):
                httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(), timeout=1)
        # The model would hold each of them for a minute.
        wait_until(lambda: in_flight(url) == 0, "the slots to be released")


def test_offline_client_gone_stops_its_worker(tmp_path: Path) -> None:
    before = workers_of(os.getpid())
    with running(settings(tmp_path, processes=1)) as url:
        # Warm: the worker exists before the big article is sent.
        r = httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(), timeout=60)
        assert r.status_code == 200
        (worker,) = workers_of(os.getpid()) - before
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(
                url + "/v1/analyze",
                json={"text": big_article(), "engine": "offline"},
                headers=auth(),
                timeout=0.5,
            )
        wait_until(lambda: not alive(worker), "the abandoned analysis's worker to be killed")
        wait_until(lambda: in_flight(url) == 0, "the slot to be released")
        r = httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(), timeout=60)
        assert r.status_code == 200


# --- one token cannot starve another --------------------------------------------------------


def test_a_token_holds_at_most_its_share_of_the_slots(tmp_path: Path) -> None:
    with (
        FakeModel(slow_when_marked) as fake,
        running(
            llm_settings(
                tmp_path,
                fake.base_url,
                max_in_flight=4,
                max_in_flight_per_token=2,
                shutdown_timeout=1,
            )
        ) as url,
    ):
        answers: list[httpx.Response] = []

        def slow() -> None:
            with contextlib.suppress(httpx.HTTPError):  # cut off as the server stops
                answers.append(
                    httpx.post(
                        url + "/v1/analyze",
                        json={"text": f"{LINE} {SLOW}"},
                        headers=auth(TOKEN),
                        timeout=60,
                    )
                )

        threads = [background(slow) for _ in range(4)]
        wait_until(lambda: len(answers) == 2, "two of the four to be refused")
        assert [r.status_code for r in answers] == [503, 503]
        assert answers[0].json()["error"]["type"] == "overloaded"
        assert "for this token" in answers[0].json()["error"]["message"]
        assert in_flight(url) == 2
        # The other token is served at once, while the first token's two still wait.
        r = httpx.post(url + "/v1/analyze", json={"text": LINE}, headers=auth(OTHER_TOKEN))
        assert r.status_code == 200, r.text
        assert in_flight(url) == 2
    for thread in threads:
        thread.join(30)


def test_a_token_with_a_backlog_does_not_delay_another(tmp_path: Path) -> None:
    # One worker a token: the first token's two big articles run one after the other, the
    # second token's one line gets a worker of its own instead of waiting behind both.
    with running(settings(tmp_path, processes=1)) as url:
        done: dict[str, float] = {}
        article = big_article()

        def send(name: str, token: str, text: str) -> None:
            r = httpx.post(
                url + "/v1/analyze", json={"text": text}, headers=auth(token), timeout=300
            )
            assert r.status_code == 200, r.text
            done[name] = time.monotonic()

        backlog = [background(functools.partial(send, f"a{i}", TOKEN, article)) for i in range(2)]
        wait_until(lambda: in_flight(url) == 2, "the backlog to be accepted")
        send("b", OTHER_TOKEN, LINE)
        for thread in backlog:
            thread.join(300)
        backlog_done = sorted(v for k, v in done.items() if k.startswith("a"))
        assert len(backlog_done) == 2
        assert done["b"] < backlog_done[1], "the one line waited behind the other's backlog"


# --- a stop signal --------------------------------------------------------------------------


def test_sigterm_stops_the_server_with_analyses_running(tmp_path: Path) -> None:
    with FakeModel(FakeReply.delay(120, then=FakeReply.json(GOOD))) as fake:
        data = tmp_path / "data"
        server = ServerProcess(
            data,
            "--base-url",
            fake.base_url,
            "--structured-mode",
            "json_schema",
            "--processes",
            "1",
            env={"OPENAI_API_KEY": KEY},
        )
        try:

            def post(body: dict[str, str]) -> None:
                with contextlib.suppress(httpx.HTTPError):
                    r = httpx.post(
                        server.url + "/v1/analyze", json=body, headers=auth(), timeout=120
                    )
                    stopped.append(r)

            stopped: list[httpx.Response] = []
            clients = [
                background(lambda: post({"text": LINE, "engine": "llm"})),
                background(lambda: post({"text": LINE, "engine": "llm"})),
                background(lambda: post({"text": big_article(), "engine": "offline"})),
            ]
            wait_until(lambda: in_flight(server.url) == 3, "three analyses in flight")
            wait_until(lambda: bool(workers_of(server.proc.pid)), "the offline worker")
            workers = workers_of(server.proc.pid)
            started = time.monotonic()
            server.proc.send_signal(signal.SIGTERM)
            # The model would answer in 120 s; the default grace is 5 s.
            server.proc.wait(60)
            assert time.monotonic() - started < 60
            # uvicorn ends by raising the signal it stopped on, once it is done.
            assert server.proc.returncode in (0, -signal.SIGTERM), server.log.read_text()
            assert "Traceback" not in server.log.read_text()
            wait_until(lambda: not any(alive(pid) for pid in workers), "the workers to end")
            for client in clients:
                client.join(30)
            # Those still running were told why, if the answer left before the process
            # ended (uvicorn exits right after cancelling them); others saw the connection
            # close. An offline one may have finished within the grace period.
            for r in stopped:
                if r.status_code != 200:
                    assert r.status_code == 503 and r.json()["error"]["type"] == "server_stopping"
        finally:
            server.kill()


# --- requests without a token are rate-limited too ------------------------------------------


def test_requests_without_a_valid_token_are_rate_limited(tmp_path: Path) -> None:
    with (
        running(settings(tmp_path, rate=0.01, burst=2)) as url,
        httpx.Client(base_url=url) as c,
    ):
        job = "/v1/jobs/" + "0" * 32
        codes = [c.get(job).status_code, c.get(job, headers=auth("wrong")).status_code]
        assert codes == [401, 401]
        for headers in ({}, auth("wrong"), {"Authorization": "Basic dG9rOng="}):
            r = c.get(job, headers=headers)
            assert r.status_code == 429, r.text
            assert int(r.headers["retry-after"]) >= 1
            assert r.json()["error"]["type"] == "rate_limited"
            assert "without a valid token" in r.json()["error"]["message"]
        # A valid token has a bucket of its own.
        assert c.get(job, headers=auth()).status_code == 404


def test_rate_limiter_forgets_idle_buckets() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=10, burst=5, clock=lambda: now[0])
    for i in range(5000):
        limiter.check(f"10.0.{i // 256}.{i % 256}")
        now[0] += 0.01
    # Only the addresses seen in the last burst / rate = 0.5 s can hold a partial bucket.
    assert len(limiter) < 1100


# --- an unusable data dir -------------------------------------------------------------------


@pytest.mark.parametrize("where", ["file", "under-file", "/proc/nope"])
def test_unusable_data_dir_is_one_line_and_exit_4(tmp_path: Path, where: str) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    data_dir = {"file": a_file, "under-file": a_file / "sub", "/proc/nope": Path(where)}[where]
    cmd = [sys.executable, "-m", "summarizer", "serve", "--data-dir", str(data_dir)]
    cmd += ["--port", "0"]
    done = subprocess.run(
        cmd,
        cwd=REPO,
        env=clean_env(SUMMARIZER_API_TOKENS="t"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 4, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("summarizer: error: the data dir ") and str(data_dir) in lines[0]
    assert "Traceback" not in done.stderr


def test_serve_help_states_the_limits() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "serve", "--help"],
        cwd=REPO,
        env=clean_env(COLUMNS="200"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    for needle in ("--analysis-timeout", "--max-per-token", "--shutdown-timeout"):
        assert needle in text
    assert "429" in text and "100 a core" in text and "one per core" in text and "504" in text
