"""The batch job through OpenAI's Batch API (`--via openai-batch`), and Batch-format files
carried by hand (`batch export` / `batch import`), against the loopback fake's Files +
Batches API."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer._batch import BatchOptions, run_batch
from summarizer._batch._index import ResultIndex
from summarizer._batch._items import iter_items
from summarizer._batch._openai_batch import BATCH_PRICE_FACTOR, run_openai_batch, state_dir
from summarizer._batch._options import Tally
from summarizer._batch._plan import Plan
from summarizer._main import app
from summarizer.testing import FakeModel, FakeOpenAIServer, FakeReply, FakeRequest

from .conftest import REPO
from .process_helpers import clean_env, kill_when
from .test_batch_llm import articles, llm_config, records
from .test_llm_engine import GOOD, KEY

BATCH = BatchOptions(via="openai-batch", poll_interval=0.01)
_ITEM = re.compile(r"Item (\d+)\.")


def item_of(request: FakeRequest) -> int:
    """Which article a request is about (its text ends with "Item N.")."""
    for message in request.messages:
        found = _ITEM.search(str(message.get("content")))
        if found:
            return int(found.group(1))
    raise AssertionError("no item number in the request")


def created(fake: FakeOpenAIServer) -> list[FakeRequest]:
    return [r for r in fake.requests if r.method == "POST" and r.path == "/v1/batches"]


def all_text(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


def test_batch_api_matches_the_live_path(tmp_path: Path) -> None:
    n = 30
    src = articles(tmp_path, n)
    with FakeModel(GOOD, api_key=KEY) as fake:
        config = llm_config(fake)
        report = run_batch(config, src, tmp_path / "batch.jsonl", BATCH)
        assert len(created(fake)) == 1
        batch = fake.batches[0]
        assert batch["status"] == "completed" and batch["request_counts"]["completed"] == n
        assert batch["endpoint"] == "/v1/chat/completions"
        assert batch["completion_window"] == "24h"
        uploaded = fake.file_content(batch["input_file_id"]).decode()
        live = run_batch(config, src, tmp_path / "live.jsonl")
        live_bodies = {item_of(r): r.json for r in fake.requests if r.path.endswith("/completions")}
    assert report.ok == n and report.accounted and report.via == "openai-batch"
    assert report.batches == [batch["id"]]
    lines = [json.loads(line) for line in uploaded.splitlines()]
    assert sorted(line["custom_id"] for line in lines) == sorted(f"n{i}" for i in range(n))
    for line in lines:
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        # Exactly the request the live engine sends for the same article.
        assert line["body"] == live_bodies[int(line["custom_id"][1:])]
    by_batch = {r["id"]: r["analysis"] for r in records(tmp_path / "batch.jsonl")}
    by_live = {r["id"]: r["analysis"] for r in records(tmp_path / "live.jsonl")}
    for key, analysis in by_batch.items():
        # The same grounding, verification and rejections as live; same usage.
        assert analysis["quotes"] == by_live[key]["quotes"]
        assert analysis["meta"]["rejected"] == by_live[key]["meta"]["rejected"]
        assert len(analysis["meta"]["rejected"]) == 1  # the invented quote
        usage, live_usage = analysis["meta"]["usage"], by_live[key]["meta"]["usage"]
        assert usage["total_tokens"] == live_usage["total_tokens"] > 0
        # Priced at the Batch API's discount, and said so.
        assert usage["cost_usd"] == pytest.approx(live_usage["cost_usd"] * BATCH_PRICE_FACTOR)
        assert any("Batch API" in w for w in analysis["meta"]["warnings"])
    assert report.total_tokens == live.total_tokens > 0
    assert not state_dir(tmp_path / "batch.jsonl").exists()  # removed once all is written
    assert KEY not in all_text(tmp_path)


def test_only_expired_and_failed_requests_are_resubmitted(tmp_path: Path) -> None:
    seen: Counter[int] = Counter()

    def respond(request: FakeRequest) -> FakeReply:
        i = item_of(request)
        seen[i] += 1
        if seen[i] == 1 and i in (3, 7):
            return FakeReply.batch_expired()
        if seen[i] == 1 and i == 5:
            return FakeReply.error(500)
        if i == 9:
            return FakeReply.error(429)  # never succeeds: bounded by max_rounds
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 12), tmp_path / "out.jsonl"
    opts = BatchOptions(via="openai-batch", poll_interval=0.01, max_rounds=3)
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake), src, out, opts)
        batches = fake.batches
        inputs = [
            sorted(
                json.loads(x)["custom_id"]
                for x in fake.file_content(b["input_file_id"]).splitlines()
            )
            for b in batches
        ]
    assert [b["status"] for b in batches] == ["expired", "completed", "completed"]
    assert inputs[1] == ["n3", "n5", "n7", "n9"]  # only what got no answer
    assert inputs[2] == ["n9"]
    assert report.ok == 11 and report.error == 1 and report.accounted
    bad = next(r for r in records(out) if r["status"] == "error")
    assert bad["id"] == "n9" and bad["error"]["type"] == "rate_limited"
    assert bad["error"]["attempts"] == 3


def test_reasks_truncation_and_refusals_follow_the_live_rules(tmp_path: Path) -> None:
    seen: Counter[int] = Counter()

    def respond(request: FakeRequest) -> FakeReply:
        i = item_of(request)
        seen[i] += 1
        if i == 1 and seen[i] == 1:
            return FakeReply.invalid_json()  # re-asked in round 2, then fine
        if i == 2:
            return FakeReply.invalid_json()  # still invalid after the re-ask: an error
        if i == 3:
            return FakeReply.refusal()
        if i == 4 and seen[i] == 1:
            return FakeReply.truncated('{"summary": ')  # a larger budget in round 2
        return FakeReply.json(GOOD)

    src, out = articles(tmp_path, 6), tmp_path / "out.jsonl"
    with FakeModel(respond, api_key=KEY) as fake:
        report = run_batch(llm_config(fake, max_reasks=1), src, out, BATCH)
        round2 = {
            json.loads(x)["custom_id"]: json.loads(x)["body"]
            for x in fake.file_content(fake.batches[1]["input_file_id"]).splitlines()
            if x
        }
    by_id = {r["id"]: r for r in records(out)}
    assert report.accounted and report.ok == 4
    assert set(round2) == {"n1", "n2", "n4"}
    assert round2["n1"]["messages"][-2]["role"] == "assistant"  # the re-ask conversation
    assert round2["n4"]["max_tokens"] > 4096  # the larger budget
    assert by_id["n1"]["status"] == "ok" and by_id["n4"]["status"] == "ok"
    assert any("re-asked" in w for w in by_id["n1"]["analysis"]["meta"]["warnings"])
    assert by_id["n2"]["error"]["type"] == "invalid_model_output"
    assert by_id["n2"]["error"]["attempts"] == 2 and by_id["n2"]["error"]["usage"]
    assert by_id["n3"]["error"]["type"] == "model_refused"


def test_sigkill_while_polling_then_rerun_resumes_the_same_batch(tmp_path: Path) -> None:
    src, out = articles(tmp_path, 20), tmp_path / "out.jsonl"
    state = state_dir(out) / "part-0" / "state.json"
    with FakeModel(GOOD, api_key=KEY) as fake:
        fake.hold_batches()
        cmd = [sys.executable, "-m", "summarizer", "batch", str(src), "-o", str(out)]
        cmd += ["--engine", "llm", "--base-url", fake.base_url, "--structured-mode"]
        cmd += ["json_schema", "--via", "openai-batch", "--poll-interval", "0.02", "--quiet"]
        env = clean_env(OPENAI_API_KEY=KEY)

        def polling() -> bool:  # the batch id is saved, and the job is polling
            polls = [r for r in fake.requests if r.method == "GET" and "/batches/" in r.path]
            return len(polls) >= 3

        kill_when(cmd, polling, env=env, poll=0.02)
        saved = json.loads(state.read_text())
        assert saved["rounds"][0]["batch_id"] == fake.batches[0]["id"]
        assert KEY not in all_text(tmp_path)
        assert not out.exists() or out.read_text() == ""
        fake.hold_batches(False)
        rerun = subprocess.run(cmd, cwd=REPO, env=env, check=False)
        assert rerun.returncode == 0
        assert len(created(fake)) == 1  # resumed, not resubmitted
        assert len([r for r in fake.requests if r.path == "/v1/files"]) == 1
    recs = records(out)
    assert Counter(r["id"] for r in recs if r["status"] == "ok") == {f"n{i}": 1 for i in range(20)}
    assert not state.exists()


def test_a_batch_created_but_not_saved_is_found_again(tmp_path: Path) -> None:
    # The job died between creating the batch and saving its id: the rerun finds the batch
    # by its input file instead of creating a second one.
    src, out = articles(tmp_path, 3), tmp_path / "out.jsonl"

    def die(seconds: float) -> None:
        raise KeyboardInterrupt  # the first poll's wait: the batch exists, its id is saved

    with FakeModel(GOOD, api_key=KEY) as fake:
        fake.hold_batches()
        config = llm_config(fake)
        plan = Plan(index=ResultIndex.temporary(), retry_errors=False, tally=Tally())
        with plan.index, pytest.raises(KeyboardInterrupt):
            run_openai_batch(config, plan.actions(iter_items(src)), print, BATCH, out, sleep=die)
        state = state_dir(out) / "part-0" / "state.json"
        saved = json.loads(state.read_text())
        assert saved["rounds"][0]["batch_id"] == fake.batches[0]["id"]
        saved["rounds"][0]["batch_id"] = None  # as if the job had died before saving it
        state.write_text(json.dumps(saved))
        fake.hold_batches(False)
        report = run_batch(config, src, out, BATCH)
        assert len(created(fake)) == 1
    assert report.ok == 3 and report.accounted


def completion(content: str, prompt: int = 100, done: int = 50) -> dict[str, Any]:
    return {
        "id": "chatcmpl-x",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": done,
            "total_tokens": prompt + done,
        },
    }


def test_export_then_import_by_hand(tmp_path: Path) -> None:
    src = articles(tmp_path, 4)
    with src.open("a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    requests, results = tmp_path / "requests.jsonl", tmp_path / "results.jsonl"
    runner = CliRunner()
    common = ["--base-url", "http://127.0.0.1:9/v1", "--structured-mode", "json_schema"]
    env = {"OPENAI_API_KEY": KEY}
    done = runner.invoke(app, ["batch", "export", str(src), "-o", str(requests), *common], env=env)
    assert done.exit_code == 0, done.output
    lines = [json.loads(x) for x in requests.read_text().splitlines()]
    assert [x["custom_id"] for x in lines] == ["n0", "n1", "n2", "n3"]
    assert all(x["url"] == "/v1/chat/completions" and x["body"]["messages"] for x in lines)
    # What a Batch-compatible runner would give back, written by hand: n0, n1 answered,
    # n2 answered with invalid JSON (needs a re-ask), n3 expired.
    out_lines = [
        {
            "id": "r0",
            "custom_id": "n0",
            "response": {
                "status_code": 200,
                "request_id": "a",
                "body": completion(json.dumps(GOOD)),
            },
            "error": None,
        },
        {
            "id": "r1",
            "custom_id": "n1",
            "response": {
                "status_code": 200,
                "request_id": "b",
                "body": completion(json.dumps(GOOD)),
            },
            "error": None,
        },
        {
            "id": "r2",
            "custom_id": "n2",
            "response": {"status_code": 200, "request_id": "c", "body": completion("{not json")},
            "error": None,
        },
        {
            "id": "r3",
            "custom_id": "n3",
            "response": None,
            "error": {"code": "batch_expired", "message": "expired"},
        },
    ]
    results.write_text("".join(json.dumps(x) + "\n" for x in out_lines))
    out = tmp_path / "out.jsonl"
    done = runner.invoke(
        app, ["batch", "import", str(src), str(results), "-o", str(out), *common, "-q"], env=env
    )
    assert done.exit_code == 0, done.output
    by_id = {r["id"]: r for r in records(out)}
    assert len(by_id) == 5
    assert by_id["n0"]["status"] == "ok" and len(by_id["n0"]["analysis"]["meta"]["rejected"]) == 1
    assert by_id["n0"]["analysis"]["meta"]["usage"]["prompt_tokens"] == 100
    assert by_id["n2"]["error"]["type"] == "incomplete_conversation"
    assert by_id["n3"]["error"]["type"] == "batch_request_failed"
    assert by_id["line:5"]["error"]["type"] == "malformed_line"
    # The next round by hand: export with the results gives n2's re-ask and n3 again.
    nxt = tmp_path / "next.jsonl"
    done = runner.invoke(
        app,
        ["batch", "export", str(src), "-o", str(nxt), "--results", str(results), *common],
        env=env,
    )
    assert done.exit_code == 0, done.output
    follow = {
        json.loads(x)["custom_id"]: json.loads(x)["body"] for x in nxt.read_text().splitlines()
    }
    assert set(follow) == {"n2", "n3"}
    assert follow["n2"]["messages"][-2] == {"role": "assistant", "content": "{not json"}
    assert KEY not in requests.read_text() + nxt.read_text() + out.read_text()


def test_a_large_input_runs_as_parts_each_within_the_batch_limit(tmp_path: Path) -> None:
    src, out = articles(tmp_path, 10), tmp_path / "out.jsonl"
    opts = dataclasses.replace(BATCH, batch_max_requests=4)
    with FakeModel(GOOD, api_key=KEY) as fake:
        fake.batch_max_requests = 4
        report = run_batch(llm_config(fake), src, out, opts)
        sizes = [
            len(fake.file_content(b["input_file_id"]).decode().splitlines()) for b in fake.batches
        ]
        statuses = [b["status"] for b in fake.batches]
    assert sizes == [4, 4, 2] and statuses == ["completed"] * 3
    assert report.ok == 10 and report.accounted and len(report.batches) == 3
    assert sorted(r["id"] for r in records(out)) == sorted(f"n{i}" for i in range(10))
    assert not state_dir(out).exists()


def test_a_batch_over_the_limit_fails_as_openai_fails_it(tmp_path: Path) -> None:
    # Without parts, the fake refuses the batch as the real API does: every line ends as an
    # error record naming the reason, none is lost.
    src, out = articles(tmp_path, 5), tmp_path / "out.jsonl"
    opts = dataclasses.replace(BATCH, max_rounds=1)
    with FakeModel(GOOD, api_key=KEY) as fake:
        fake.batch_max_requests = 4
        report = run_batch(llm_config(fake), src, out, opts)
    assert report.accounted and report.ok == 0 and report.error == 5
    assert all("at most 4" in r["error"]["message"] for r in records(out))


def test_a_crash_between_parts_resumes_without_resubmitting(tmp_path: Path) -> None:
    src, out = articles(tmp_path, 10), tmp_path / "out.jsonl"
    opts = dataclasses.replace(BATCH, batch_max_requests=4)
    with FakeModel(GOOD, api_key=KEY) as fake:
        config = llm_config(fake)

        def die_in_part_two(seconds: float) -> None:
            if len(created(fake)) == 2:
                raise KeyboardInterrupt  # the second part's batch exists, its id is saved

        plan = Plan(index=ResultIndex.temporary(), retry_errors=False, tally=Tally())
        written: list[dict[str, Any]] = []
        with plan.index, out.open("w", encoding="utf-8") as fh:

            def write(record: dict[str, Any]) -> None:
                written.append(record)
                fh.write(json.dumps(record) + "\n")

            with pytest.raises(KeyboardInterrupt):
                run_openai_batch(
                    config, plan.actions(iter_items(src)), write, opts, out, sleep=die_in_part_two
                )
        assert len(written) == 4  # the first part, all written
        parts = json.loads((state_dir(out) / "parts.json").read_text())
        assert parts["last_lines"] == [4, 8]  # saved before the second part's batch
        report = run_batch(config, src, out, opts)
        assert len(created(fake)) == 3  # part two resumed, part three new; nothing twice
    assert report.accounted
    ids = [r["id"] for r in records(out) if r["status"] == "ok"]
    assert sorted(ids) == sorted(f"n{i}" for i in range(10))  # one ok record per id


def test_the_cli_shows_each_batch_as_it_moves(tmp_path: Path) -> None:
    src, out = articles(tmp_path, 3), tmp_path / "out.jsonl"
    with FakeModel(GOOD, api_key=KEY) as fake:
        args = ["batch", str(src), "-o", str(out), "--engine", "llm", "--via", "openai-batch"]
        args += ["--base-url", fake.base_url, "--poll-interval", "0.01"]
        res = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": KEY})
        batch_id = fake.batches[0]["id"]
    assert res.exit_code == 0, res.output
    assert f"part-0 round 1: batch {batch_id} created (3 requests)" in res.output
    assert f"batch {batch_id} completed (3 of 3 requests done, 0 failed)" in res.output
    assert KEY not in res.output


def test_unreadable_batch_result_lines_are_skipped(tmp_path: Path) -> None:
    from summarizer._batch._rounds import iter_lines

    path = tmp_path / "output.jsonl"
    good = {"custom_id": "a", "response": {"status_code": 200, "body": {}}}
    path.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                '{"custom_id": "b", "n": ' + "9" * 5000 + "}",
                '{"custom_id": "c", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
                "[1, 2]",
                "",
            ]
        )
    )
    assert list(iter_lines(path)) == [good]
