"""Jobs: submitted over HTTP, run by the batch runner, and resumed by a restarted server."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx

from .conftest import EXAMPLES
from .service_helpers import OTHER_TOKEN, ServerProcess, auth, running, settings


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
