"""Jobs: submitted over HTTP, run by the batch runner, and resumed by a restarted server."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer import ConfigError
from summarizer._service import ServiceSettings
from summarizer.testing import FakeModel, FakeReply, FakeRequest

from .conftest import EXAMPLES
from .service_helpers import OTHER_TOKEN, TOKEN, ServerProcess, auth, running, settings
from .test_llm_engine import GOOD
from .test_service_api import KEY, llm_config


def wait_done(client: httpx.Client, job: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status: dict[str, Any] = client.get(f"/v1/jobs/{job}", headers=auth()).json()
        if status["status"] in ("done", "failed"):
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.05)


def results(client: httpx.Client, job: str) -> list[dict[str, Any]]:
    r = client.get(f"/v1/jobs/{job}/results", headers=auth())
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in r.text.splitlines()]


def test_json_list_and_jsonl_upload(tmp_path: Path, example_text: str) -> None:
    html = (EXAMPLES / "article.html").read_text(encoding="utf-8")
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        articles = [
            {"id": "t", "text": example_text, "metadata": {"desk": "city"}},
            {"id": 2, "html": html},
        ]
        r = c.post("/v1/jobs", json=articles, headers=auth())
        assert r.status_code == 202, r.text
        assert r.headers["location"] == f"/v1/jobs/{r.json()['id']}"
        job = r.json()["id"]
        status = wait_done(c, job)
        assert status["counts"] == {"total": 2, "done": 2, "ok": 2, "error": 0, "missing": 0}
        got = {rec["id"]: rec for rec in results(c, job)}
        assert got["t"]["metadata"] == {"desk": "city"}
        assert got["2"]["analysis"]["quotes"]

        lines = [
            json.dumps({"id": "a", "text": example_text}),
            "not json at all",
            json.dumps({"id": "a", "text": "a repeat"}),
            json.dumps({"id": "c", "text": "   "}),
        ]
        body = ("\n".join(lines)).encode()  # no final newline: the last line still counts
        r = c.post(
            "/v1/jobs?engine=offline",
            content=body,
            headers={**auth(), "content-type": "application/x-ndjson"},
        )
        assert r.status_code == 202, r.text
        status = wait_done(c, r.json()["id"])
        assert status["status"] == "done"
        assert status["counts"]["total"] == 4 and status["counts"]["missing"] == 0
        assert status["error_types"] == {
            "duplicate_id": 1,
            "empty_article": 1,
            "malformed_line": 1,
        }
        # Jobs belong to their token.
        other = c.get(f"/v1/jobs/{job}", headers=auth(OTHER_TOKEN))
        assert other.status_code == 404
        assert c.get(f"/v1/jobs/{job}/results", headers=auth(OTHER_TOKEN)).status_code == 404


def test_job_uploads_are_checked(tmp_path: Path) -> None:
    with (
        running(settings(tmp_path, max_upload_bytes=2048)) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        jsonl = {**auth(), "content-type": "application/x-ndjson"}
        # A client must not make the server read its own files.
        r = c.post("/v1/jobs", content=b'{"id": 1, "path": "/etc/passwd"}\n', headers=jsonl)
        assert r.status_code == 400
        r = c.post("/v1/jobs", json=[{"id": 1, "path": "/etc/passwd"}], headers=auth())
        assert r.status_code == 422
        assert c.post("/v1/jobs", json=[], headers=auth()).status_code == 400
        assert c.post("/v1/jobs", content=b"\n\n", headers=jsonl).status_code == 400
        r = c.post("/v1/jobs", content=b"x", headers={**auth(), "content-type": "text/csv"})
        assert r.status_code == 415
        r = c.post("/v1/jobs", content=iter([b'{"id": 1, "text": "', b"a" * 4096]), headers=jsonl)
        assert r.status_code == 413
        r = c.post("/v1/jobs?engine=llm", json=[{"id": 1, "text": "a"}], headers=auth())
        assert r.status_code == 400
        assert r.json()["error"]["type"] == "engine_unavailable"
        # Nothing half-made is left behind.
        jobs = tmp_path / "data" / "jobs"
        assert [p.name for p in jobs.iterdir()] == []


def test_killed_server_resumes_its_job(tmp_path: Path, example_text: str) -> None:
    data = tmp_path / "data"
    n = 300
    articles = [{"id": f"a{i}", "text": example_text + f"\nItem {i}.\n"} for i in range(n)]
    server = ServerProcess(data)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            r = c.post("/v1/jobs?engine=offline", json=articles, headers=auth())
            assert r.status_code == 202, r.text
            job = r.json()["id"]
            out = data / "jobs" / job / "results.jsonl"
            deadline = time.monotonic() + 60
            while not out.exists() or out.read_bytes().count(b"\n") < 40:
                assert time.monotonic() < deadline
                time.sleep(0.01)
            assert c.get(f"/v1/jobs/{job}", headers=auth()).json()["status"] == "running"
    finally:
        server.kill()
    written_before = out.read_bytes().count(b"\n")
    assert written_before < n, "the job finished before the kill: make it longer"

    server = ServerProcess(data)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            status = wait_done(c, job)
            assert status["status"] == "done", status
            assert status["runs"] == 2
            assert status["counts"] == {"total": n, "done": n, "ok": n, "error": 0, "missing": 0}
            records = results(c, job)
    finally:
        server.stop()
    ids = [rec["id"] for rec in records]
    assert sorted(ids) == sorted(a["id"] for a in articles)  # each exactly once
    assert all(rec["status"] == "ok" for rec in records)


JSON = {**auth(), "content-type": "application/json"}
JSONL = {**auth(), "content-type": "application/x-ndjson"}
# 5000 digits: over Python's 4300-digit limit for reading an int; 20,000 levels: over the
# parser's recursion limit. Both valid JSON, neither one the server can read.
HUGE_INT = "9" * 5000
DEEP = "[" * 20_000 + "]" * 20_000
# Readable, but over the service's MAX_DEPTH (100): near Python's limit a line the server
# read could fail in the batch runner, whose stack is deeper.
NESTED = "[" * 150 + "]" * 150


def test_unreadable_or_unstorable_json_list_is_refused(tmp_path: Path) -> None:
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        cases: list[tuple[str | bytes, int, str]] = [
            (f'[{{"id": {HUGE_INT}, "text": "x"}}]', 400, "invalid_json"),
            (f'[{{"id": 1, "text": "x", "metadata": {{"m": {DEEP}}}}}]', 400, "invalid_json"),
            (f'[{{"id": 1, "text": "x", "metadata": {{"m": {NESTED}}}}}]', 400, "invalid_json"),
            (b'[{"id": "caf\xe9", "text": "x"}]', 400, "invalid_json"),
            ("not json", 400, "invalid_json"),
            # Valid JSON ("\ud800" is an escape), but an id, title, URL or metadata that
            # is not text could never be written back in a UTF-8 record.
            ('[{"id": "\\ud800", "text": "x"}]', 422, "validation_error"),
            ('[{"id": 1, "text": "x", "title": "\\udfff"}]', 422, "validation_error"),
            ('[{"id": 1, "text": "x", "metadata": {"a": ["\\ud800"]}}]', 422, "validation_error"),
            ('[{"id": 1, "text": "x", "metadata": {"\\ud800": 1}}]', 422, "validation_error"),
        ]
        for body, status, kind in cases:
            raw = body if isinstance(body, bytes) else body.encode()
            r = c.post("/v1/jobs?engine=offline", content=raw, headers=JSON)
            assert r.status_code == status, (body[:60], r.text[:300])
            assert r.json()["error"]["type"] == kind
        r = c.post("/v1/jobs", content=b'[{"id": "\\ud800", "text": "x"}]', headers=JSON)
        assert "0.id" in r.json()["error"]["message"]
        assert [p.name for p in (tmp_path / "data" / "jobs").iterdir()] == []


def test_lone_surrogate_in_a_text_is_that_articles_error(tmp_path: Path, example_text: str) -> None:
    # The id is fine, the text is not: the article gets an error record, the others run.
    deep: list[Any] = []
    for _ in range(97):  # 98 lists in the metadata object in the article: 100 levels, the most
        deep = [deep]
    articles = [
        {"id": "good", "text": example_text, "metadata": {"deep": deep}},
        {"id": "bad", "text": 'Ann said \ud800 "hi there"'},
    ]
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        r = c.post("/v1/jobs?engine=offline", content=json.dumps(articles), headers=JSON)
        assert r.status_code == 202, r.text
        status = wait_done(c, r.json()["id"])
        assert status["status"] == "done", status
        assert status["error_types"] == {"invalid_article": 1}
        got = {rec["id"]: rec for rec in results(c, r.json()["id"])}
        assert got["good"]["status"] == "ok"
        assert got["good"]["metadata"] == {"deep": deep}
        assert got["bad"]["error"]["type"] == "invalid_article"


def test_jsonl_line_with_a_lone_surrogate_id_gets_its_own_error_record(
    tmp_path: Path, example_text: str
) -> None:
    # Like any line with a missing or invalid id: an error record (the batch runner's
    # `malformed_line`, keyed by its line), and the lines after it still run.
    lines = [
        json.dumps({"id": "a", "text": example_text}),
        '{"id": "\\ud800", "text": "x"}',
        "",  # blank lines are not articles, but they count in the line numbers
        json.dumps({"id": "c", "text": example_text}),
    ]
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        r = c.post("/v1/jobs?engine=offline", content="\n".join(lines), headers=JSONL)
        assert r.status_code == 202, r.text
        status = wait_done(c, r.json()["id"])
        assert status["status"] == "done", status
        assert status["counts"] == {"total": 3, "done": 3, "ok": 2, "error": 1, "missing": 0}
        got = {rec["id"]: rec for rec in results(c, r.json()["id"])}
        assert got["a"]["status"] == "ok" and got["c"]["status"] == "ok"
        assert got["c"]["line"] == 4
        assert got["line:2"]["error"]["type"] == "malformed_line"
        assert got["line:2"]["line"] == 2


def test_jsonl_line_the_server_cannot_read_is_refused_naming_it(tmp_path: Path) -> None:
    # The server cannot tell whether such a line names a `path`: refused, like those.
    good = '{"id": "a", "text": "x"}'
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        for bad, words in [
            (f'{{"id": {HUGE_INT}, "text": "x"}}', "4300 digits"),
            (f'{{"id": 1, "text": "x", "metadata": {{"m": {DEEP}}}}}', "nested"),
            (f'{{"id": 1, "text": "x", "metadata": {{"m": {NESTED}}}}}', "nested over 100"),
            ('{"id": 1, "text": "x", "title": "\\ud800"}', "'title'"),
        ]:
            body = "\n".join([good, "", bad, good])
            r = c.post("/v1/jobs?engine=offline", content=body, headers=JSONL)
            assert r.status_code == 400, r.text[:300]
            error = r.json()["error"]
            assert error["message"].startswith("line 3: ") and words in error["message"], error
        # A path on a line after a blank one is named by its line in the upload.
        r = c.post("/v1/jobs", content=f'{good}\n\n{{"id": 2, "path": "/x"}}\n', headers=JSONL)
        assert r.status_code == 400 and r.json()["error"]["message"].startswith("line 3: ")
        assert [p.name for p in (tmp_path / "data" / "jobs").iterdir()] == []


def test_a_runner_bug_fails_the_job_as_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not a config_error: nothing about the configuration was wrong.
    def broken(*args: Any, **kwargs: Any) -> None:
        "\ud800".encode()

    monkeypatch.setattr("summarizer._service._jobs.run_batch", broken)
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        r = c.post("/v1/jobs?engine=offline", json=[{"id": 1, "text": "x"}], headers=auth())
        assert r.status_code == 202, r.text
        status = wait_done(c, r.json()["id"])
        assert status["status"] == "failed"
        assert status["failure"]["type"] == "internal_error", status
        assert "UnicodeEncodeError" in status["failure"]["message"]


# --- listing, deleting, retention --------------------------------------------------------------


def submit(
    c: httpx.Client, articles: list[dict[str, Any]], token: str = TOKEN, **query: str
) -> str:
    r = c.post("/v1/jobs", params=query, json=articles, headers=auth(token))
    assert r.status_code == 202, r.text
    job: str = r.json()["id"]
    return job


def test_jobs_are_listed_newest_first_a_page_at_a_time(tmp_path: Path) -> None:
    article = [{"id": 1, "text": "Ann Lee said: “The page works.”"}]
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        mine = [submit(c, article, engine="offline") for _ in range(3)]
        theirs = submit(c, article, OTHER_TOKEN, engine="offline")
        r = c.get("/v1/jobs", params={"limit": 2}, headers=auth())
        assert r.status_code == 200, r.text
        first = r.json()
        assert [j["id"] for j in first["jobs"]] == [mine[2], mine[1]]
        assert first["jobs"][0]["counts"]["total"] == 1
        r = c.get("/v1/jobs", params={"limit": 2, "cursor": first["next"]}, headers=auth())
        assert [j["id"] for j in r.json()["jobs"]] == [mine[0]] and r.json()["next"] is None
        assert [j["id"] for j in c.get("/v1/jobs", headers=auth()).json()["jobs"]] == mine[::-1]
        # Another token's jobs are not listed, nor found through a cursor.
        r = c.get("/v1/jobs", headers=auth(OTHER_TOKEN))
        assert [j["id"] for j in r.json()["jobs"]] == [theirs]
        bad = c.get("/v1/jobs", params={"cursor": "nope"}, headers=auth())
        assert bad.status_code == 400 and bad.json()["error"]["type"] == "invalid_request"
        assert c.get("/v1/jobs", params={"limit": 0}, headers=auth()).status_code == 422
        assert c.get("/v1/jobs").status_code == 401


def test_owner_deletes_a_finished_job(tmp_path: Path, example_text: str) -> None:
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        job = submit(c, [{"id": 1, "text": example_text}], engine="offline")
        wait_done(c, job)
        folder = tmp_path / "data" / "jobs" / job
        assert (folder / "results.jsonl").exists()
        # Another token's job is as unknown as a missing one, and stays.
        r = c.delete(f"/v1/jobs/{job}", headers=auth(OTHER_TOKEN))
        assert r.status_code == 404 and r.json()["error"]["type"] == "not_found"
        assert folder.exists()
        r = c.delete(f"/v1/jobs/{job}", headers=auth())
        assert r.status_code == 204 and r.content == b""
        assert not folder.exists()
        assert c.get(f"/v1/jobs/{job}", headers=auth()).status_code == 404
        assert c.get(f"/v1/jobs/{job}/results", headers=auth()).status_code == 404
        assert c.get("/v1/jobs", headers=auth()).json()["jobs"] == []
        assert c.delete(f"/v1/jobs/{job}", headers=auth()).status_code == 404
        assert c.delete("/v1/jobs/../../etc", headers=auth()).status_code == 404
        assert [p.name for p in (tmp_path / "data" / "jobs").iterdir()] == []


def test_deleting_running_and_queued_jobs(tmp_path: Path, example_text: str) -> None:
    # The model holds the first request until released: the llm job is running, and
    # an offline job queued behind it, while both are deleted.
    release = threading.Event()

    def held(_request: FakeRequest) -> FakeReply:
        release.wait(30)
        return FakeReply.json(GOOD)

    articles = [{"id": i, "text": example_text + f"\nItem {i}.\n"} for i in range(200)]
    with (
        FakeModel(held, api_key=KEY) as fake,
        running(settings(tmp_path, config=llm_config(fake.base_url))) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        jobs = tmp_path / "data" / "jobs"
        running_job = submit(c, articles, engine="llm")
        queued_job = submit(c, articles[:3], engine="offline")
        deadline = time.monotonic() + 30
        while not fake.requests:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert c.get(f"/v1/jobs/{running_job}", headers=auth()).json()["status"] == "running"
        assert c.get(f"/v1/jobs/{queued_job}", headers=auth()).json()["status"] == "queued"

        assert c.delete(f"/v1/jobs/{queued_job}", headers=auth()).status_code == 204
        assert not (jobs / queued_job).exists()
        assert c.delete(f"/v1/jobs/{running_job}", headers=auth()).status_code == 204
        # Gone from the API at once; its folder goes when the runner has stopped it.
        assert c.get(f"/v1/jobs/{running_job}", headers=auth()).status_code == 404
        assert c.get("/v1/jobs", headers=auth()).json()["jobs"] == []
        release.set()
        deadline = time.monotonic() + 30
        while (jobs / running_job).exists():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        # The runner goes on with the next job; the deleted ones never come back.
        later = submit(c, articles[:2], engine="offline")
        assert wait_done(c, later)["status"] == "done"
        assert [p.name for p in jobs.iterdir()] == [later]
        assert len(fake.requests) < len(articles), "the running job was stopped"


def test_retention_removes_finished_jobs_at_start(tmp_path: Path, example_text: str) -> None:
    data = tmp_path / "data"
    with running(settings(tmp_path)) as url, httpx.Client(base_url=url, timeout=30) as c:
        old, recent, unfinished, deleted = (
            submit(c, [{"id": 1, "text": example_text}], engine="offline") for _ in range(4)
        )
        for job in (old, recent, unfinished, deleted):
            wait_done(c, job)
    day = 86400.0

    def edit(job: str, **changes: Any) -> None:
        path = data / "jobs" / job / "job.json"
        path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))

    now = time.time()
    edit(old, finished=now - 8 * day)
    edit(recent, finished=now - 6 * day)
    # Never finished (a server killed mid-job long ago): resumed, not removed.
    edit(unfinished, status="running", created=now - 30 * day, finished=None, report=None)
    (data / "jobs" / deleted / "deleted").touch()  # deleted while running, then killed
    with (
        running(settings(tmp_path, job_retention="7d")) as url,
        httpx.Client(base_url=url, timeout=30) as c,
    ):
        assert c.get(f"/v1/jobs/{old}", headers=auth()).status_code == 404
        assert c.get(f"/v1/jobs/{deleted}", headers=auth()).status_code == 404
        assert c.get(f"/v1/jobs/{recent}", headers=auth()).json()["status"] == "done"
        assert wait_done(c, unfinished)["status"] == "done"
        assert sorted(p.name for p in (data / "jobs").iterdir()) == sorted([recent, unfinished])


def test_retention_removes_finished_jobs_while_serving(tmp_path: Path, example_text: str) -> None:
    data = tmp_path / "data"
    server = ServerProcess(data, "--job-retention", "1s", "--engine", "offline")
    try:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            job = submit(c, [{"id": 1, "text": example_text}])
            wait_done(c, job)
            deadline = time.monotonic() + 30
            while c.get(f"/v1/jobs/{job}", headers=auth()).status_code != 404:
                assert time.monotonic() < deadline
                time.sleep(0.1)
            assert not (data / "jobs" / job).exists()
    finally:
        server.stop()


def test_retention_setting(tmp_path: Path) -> None:
    assert ServiceSettings.from_env({}).job_retention is None  # kept unless configured
    env = {"SUMMARIZER_JOB_RETENTION": "36h"}
    assert ServiceSettings.from_env(env).job_retention == timedelta(hours=36)
    assert ServiceSettings.from_env(env, job_retention="2w").job_retention == timedelta(days=14)
    for bad in ("0s", "-1d", "soon"):
        with pytest.raises(ConfigError, match="job_retention"):
            ServiceSettings.from_env({}, job_retention=bad)
